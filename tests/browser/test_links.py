"""The links stage in a real browser, with the sample directory imported: a person is
offered services with the reason in their own words, accepts one with the mouse,
turns one down and ends the stage by typing, and finds the service they chose in the
summary, on the record page and in its ecomap. Every page on the way passes axe-core."""
from __future__ import annotations

import json

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import axe_violations, new_page
from tests.browser.test_self_assessment import by_mouse, record_json, start
from tests.servers import SAMPLE_DIRECTORY as SAMPLE, servers_with_the_sample_directory

pytestmark = pytest.mark.e2e
OFFER = "Would you like us to link you with them?"


@pytest.fixture(scope="module")
def servers(tmp_path_factory):
    yield from servers_with_the_sample_directory(tmp_path_factory, "browser-links")


def latest_reply(page) -> str:
    return page.locator("#chat-log > .app-chat__message").last.inner_text()


def test_a_person_chooses_a_link_and_sees_it_in_the_record_and_ecomap(browser, site):
    names = {service["id"]: service["name"] for service in json.loads(SAMPLE.read_text())}
    page = new_page(browser)
    start(page, site)
    by_mouse(page, "reply", "Yes, save my answers")
    by_mouse(page, "type", "Call me Ada")
    expect(page.locator("#chat-log")).to_contain_text("What is important to you")
    by_mouse(page, "type", "my allotment and singing in the choir")
    expect(page.locator("#chat-log")).to_contain_text("Is there anything else that matters to you?")
    for _ in range(20):  # "no" to every other question, up to the links stage
        if OFFER in latest_reply(page):
            break
        count = page.locator("#chat-log .app-chat__message").count()
        by_mouse(page, "type", "no")
        page.wait_for_function("n => document.querySelectorAll('#chat-log .app-chat__message').length > n + 1 "
                               "&& document.getElementById('send-status').textContent === ''", arg=count)
    else:
        raise AssertionError("the links stage never offered a service: " + latest_reply(page))
    expect(page.locator("#progress-heading")).to_have_text("Local groups and services")
    expect(page.locator("#chat-log")).to_contain_text('You said "my allotment and singing in the choir"')
    assert axe_violations(page) == []

    by_mouse(page, "reply", "Yes please")  # the first offer, with the mouse
    expect(page.locator("#chat-log")).to_contain_text("I have noted that you would like this.")
    by_mouse(page, "type", "No, carry on")  # the second, typed: read as "no", not as "resume"
    expect(page.locator("#chat-log")).to_contain_text("That is fine.")
    by_mouse(page, "reply", "Not sure")  # the third
    expect(page.locator("#chat-log")).to_contain_text("I will keep it on your list")
    expect(page.locator("#chat-log")).to_contain_text("Would you like to hear about more local groups")
    by_mouse(page, "type", "No, carry on")
    expect(page.locator("#chat-log")).to_contain_text("Is this right?")
    expect(page.locator("#chat-log")).to_contain_text("Local groups and services you chose")

    record = record_json(page, site)
    assert [link["status"] for link in record["links"]] == ["accepted", "declined", "suggested"]
    chosen = record["links"][0]
    assert chosen["service_id"] in names and chosen["service_name"] == names[chosen["service_id"]]
    expect(page.locator("#chat-log")).to_contain_text(chosen["service_name"])

    page.goto(site + "/record")
    ecomap = page.locator(".app-ecomap__drawing--wide")
    expect(ecomap).to_be_visible()
    expect(ecomap).to_contain_text(chosen["service_name"][:20])
    assert chosen["service_name"] in page.locator("main").inner_text()  # the text alternative
    assert axe_violations(page) == []

    # On a phone the narrow drawing takes over: every word, at the page's own text size.
    page.set_viewport_size({"width": 375, "height": 667})
    expect(page.locator(".app-ecomap__drawing--wide")).to_be_hidden()
    narrow = page.locator(".app-ecomap__drawing--narrow")
    expect(narrow).to_be_visible()
    expect(narrow).to_contain_text(chosen["service_name"])
    heights = page.evaluate("() => [...document.querySelectorAll('.app-ecomap__drawing--narrow tspan')]"
                            ".map(t => t.getBoundingClientRect().height)")
    assert heights and min(heights) >= 14
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 375  # no sideways scrolling
    assert axe_violations(page) == []
