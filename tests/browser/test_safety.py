"""Safety in a real browser on a phone-sized screen (375 x 667): the help that fits
the risk is the first thing the person sees, each number is a working `tel:` link,
a false alarm costs one tap, and axe-core finds no violations."""
from __future__ import annotations

import json

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import axe_violations

pytestmark = pytest.mark.e2e

PHONE = {"width": 375, "height": 667}


def phone_page(browser, javascript=True):
    context = browser.new_context(java_script_enabled=javascript, bypass_csp=True, locale="en-GB",
                                  viewport=PHONE, is_mobile=True, has_touch=True)
    context.set_default_timeout(20_000)
    return context.new_page()


def send(page, text):
    page.locator("#text").fill(text)
    page.get_by_role("button", name="Send", exact=True).click()


def to_what_matters(page, site):
    page.goto(site + "/")
    page.get_by_label("For myself").check()
    page.get_by_role("button", name="Start now").click()
    page.get_by_role("button", name="Yes, save my answers", exact=True).click()
    expect(page.locator("#chat-log")).to_contain_text("What would you like me to call you?")
    send(page, "skip")
    expect(page.locator("#chat-log")).to_contain_text("What is important to you in your life right now?")


def in_view(page, locator) -> bool:
    box = locator.bounding_box()
    return box is not None and box["y"] >= 0 and box["y"] + box["height"] <= PHONE["height"]


@pytest.mark.parametrize("javascript", [True, False], ids=["javascript", "no-javascript"])
def test_the_right_help_is_seen_first_and_is_a_tel_link(browser, site, javascript):
    page = phone_page(browser, javascript)
    to_what_matters(page, site)

    send(page, "I have saved up my tablets and I want to end my life")

    banner = page.locator("#help-now")
    expect(banner).to_be_visible()
    expect(banner.locator("h2")).to_have_text("Get help now")
    first = banner.locator("a.app-calls__link").first
    expect(first).to_have_text("Call Samaritans on 116 123")
    expect(first).to_have_attribute("href", "tel:116123")
    assert in_view(page, first), "the first help line is not on screen without scrolling"
    hrefs = banner.locator("a.app-calls__link").evaluate_all("links => links.map(a => a.getAttribute('href'))")
    assert hrefs[:2] == ["tel:116123", "tel:111"] and "tel:999" in hrefs
    # The same numbers are links in the conversation too, built from data, and the
    # assistant's words are still plain text.
    expect(page.locator("#chat-log a[href='tel:116123']")).to_have_count(1)
    expect(page.locator("#chat-log")).to_contain_text("Are you safe right now?")
    if not javascript:  # axe needs JavaScript: check the same server-drawn page in a page that has it
        checker = phone_page(browser)
        checker.context.add_cookies(page.context.cookies())
        checker.goto(site + "/conversation#help-now")
        expect(checker.locator("#help-now")).to_be_visible()
        page = checker
    assert axe_violations(page) == []


def test_a_false_alarm_costs_one_tap(browser, site):
    page = phone_page(browser)
    to_what_matters(page, site)
    words = "my neighbour Pat, she is in danger of spoiling me with her cakes"

    send(page, words)
    expect(page.locator("#help-now")).to_be_visible()
    page.get_by_role("button", name="That is not what I meant", exact=True).click()
    expect(page.locator("#chat-log")).to_contain_text("Shall I keep what you wrote as your answer?")
    page.get_by_role("button", name="Yes, keep it as my answer", exact=True).click()
    expect(page.locator("#chat-log")).to_contain_text("Is there anything else that matters to you?")
    expect(page.locator("#help-now")).to_have_count(0)  # the help banner goes once they carry on

    record = json.loads(page.request.get(site + "/record.json").text())
    assert [i["text"] for i in record["what_matters"]] == [words]
    [event] = record["safety"]["events"]
    assert (event["not_meant"], event["kept_as_answer"]) == (True, True)
    assert axe_violations(page) == []
