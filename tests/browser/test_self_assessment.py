"""A person completes a self-assessment in a real browser: with the mouse, with the
keyboard only, and without JavaScript; changes an answer; pauses and resumes; and
every page passes axe-core at WCAG 2.2 AA."""
from __future__ import annotations

import json
import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import axe_violations, new_page

pytestmark = pytest.mark.e2e

# (how to answer, what to send, what the assistant says next)
CONVERSATION = [
    ("reply", "Yes, save my answers", "What would you like me to call you?"),
    ("type", "Call me Ada", "What is important to you in your life right now?"),
    ("type", "my garden, my grandson and the choir", "Is there anything else that matters to you?"),
    ("type", "no", "What is working well for you at the moment?"),
    ("type", "my neighbour pops in", "Is there anything else that is going well?"),
    ("type", "no", "What is not working so well"),
    ("type", "I can't manage the stairs", "Is there anything else that is not working so well?"),
    ("type", "no", "What are you good at?"),
    ("type", "I'm a good cook", "Is there anything else you are good at"),
    ("type", "no", "Who are the people who are important to you?"),
    ("type", "my daughter Sarah", "Would your daughter Sarah want to be involved"),
    ("reply", "Not sure", "Is there anyone else who is important to you?"),
    ("type", "no", "What places, groups or communities"),
    ("type", "the library", "Is there anything else, like a place"),
    ("type", "no", "what would be different for you?"),
    ("type", "get back to swimming", "on a scale of 0 to 10"),
    ("reply", "3", "What number would you like to get to?"),  # the numbers are buttons
    ("type", "8", "Is there anything else you would like to be different?"),
    ("type", "no", "Is there something you would like to do"),
    ("type", "go to the shops on my own", "What worries you"),
    ("type", "I might fall", "What would help you do it safely?"),
    ("type", "a stick", "Is there anything else you would like to do"),
    ("type", "no", "Is this right?"),
    ("reply", "Yes, that is right", "share this with the council"),
    ("reply", "No, keep it to myself", "You have finished."),
]


def start(page, site, mode_label="For myself"):
    page.goto(site + "/")
    page.get_by_label(mode_label).check()
    page.get_by_role("button", name="Start now").click()
    expect(page.locator("#chat-log")).to_contain_text("is it OK to save your answers?")


def by_mouse(page, kind, text):
    if kind == "reply":
        page.get_by_role("button", name=text, exact=True).click()
    else:
        page.locator("#text").click()
        page.locator("#text").fill(text)
        page.get_by_role("button", name="Send", exact=True).click()


def tab_to(page, matches, limit=80):
    """Press Tab until the focused element matches; fail if it never does."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(matches):
            return
    raise AssertionError(f"could not reach {matches} with the Tab key")


def by_keyboard(page, kind, text):
    if kind == "reply":
        tab_to(page, f"() => document.activeElement.tagName === 'BUTTON' && "
                     f"document.activeElement.textContent.trim() === {json.dumps(text)}")
        page.keyboard.press("Enter")
    else:
        tab_to(page, "() => document.activeElement.id === 'text'")
        page.keyboard.type(text)
        tab_to(page, "() => document.activeElement.id === 'send-button'")
        page.keyboard.press("Enter")


def complete(page, answer):
    for kind, text, expected in CONVERSATION:
        answer(page, kind, text)
        expect(page.locator("#chat-log")).to_contain_text(expected)
        focus_is_on_the_latest(page)


def focus_is_on_the_latest(page):
    """After each turn (with JavaScript or without, by the page's autofocus) and after
    resuming, the focus is on the assistant's newest messages, shown after the folded
    earlier ones."""
    page.wait_for_function("() => document.activeElement && document.activeElement.id === 'latest'")
    assert page.evaluate("() => document.activeElement.parentElement.id") == "chat-log"
    assert page.evaluate("() => document.activeElement.classList.contains('app-chat__message--assistant')")


def record_json(page, site) -> dict:
    return json.loads(page.request.get(site + "/record.json").text())


def check_record(record):
    assert record["preferred_name"] == "Ada"
    assert [i["text"] for i in record["what_matters"]] == ["my garden", "my grandson", "the choir"]
    assert [(s["category"], s["text"], s["willing"]) for s in record["strengths"]] == [
        ("personal", "I'm a good cook", None), ("family", "my daughter Sarah", "not_sure"),
        ("community", "the library", None)]
    assert [(o["text"], o["scale_now"], o["scale_goal"]) for o in record["outcomes"]] == [
        ("get back to swimming", 3, 8)]
    assert [(r["activity"], r["concern"], r["safer"]) for r in record["positive_risks"]] == [
        ("go to the shops on my own", "I might fall", "a stick")]
    assert (record["status"], record["summary_confirmed"], record["share_with_council"]) == ("completed", True, False)


def test_complete_with_the_mouse(browser, site):
    page = new_page(browser)
    start(page, site)
    assert axe_violations(page) == []
    complete(page, by_mouse)
    expect(page.locator("#progress-heading")).to_have_text("Finished")
    assert axe_violations(page) == []
    check_record(record_json(page, site))
    # A long conversation: the current exchange is shown, the rest folded (and again
    # when the page is loaded afresh), and the newest messages are on screen.
    for _ in range(2):
        earlier = page.locator("#earlier")
        expect(earlier).to_be_visible()
        assert earlier.get_attribute("open") is None
        assert page.locator("#chat-log > .app-chat__message").count() <= 4
        folded = page.locator("#earlier-log .app-chat__message").count()
        assert folded > 40 and page.locator("#earlier-count").inner_text() == str(folded)
        focus_is_on_the_latest(page)
        assert page.evaluate("() => { const r = document.getElementById('latest').getBoundingClientRect(); "
                             "return r.top >= 0 && r.top < window.innerHeight; }")
        page.reload()


def test_complete_with_the_keyboard_only(browser, site):
    page = new_page(browser)
    page.goto(site + "/")
    tab_to(page, "() => document.activeElement.type === 'radio'")
    page.keyboard.press("Space")
    tab_to(page, "() => document.activeElement.textContent.trim() === 'Start now'")
    page.keyboard.press("Enter")
    expect(page.locator("#chat-log")).to_contain_text("is it OK to save your answers?")
    complete(page, by_keyboard)
    check_record(record_json(page, site))


def test_complete_without_javascript(browser, site):
    page = new_page(browser, javascript=False)
    start(page, site)
    complete(page, by_mouse)
    check_record(record_json(page, site))


def test_change_and_remove_an_answer_on_the_record_page(browser, site):
    page = new_page(browser)
    start(page, site)
    for kind, text, expected in CONVERSATION[:4]:
        by_mouse(page, kind, text)
        expect(page.locator("#chat-log")).to_contain_text(expected)
    page.goto(site + "/record")
    assert page.locator('main svg[role="img"]:visible').count() == 1  # the wide drawing, not the narrow
    assert axe_violations(page) == []
    page.get_by_role("link", name="Change answer 2 in what matters to you").click()
    assert axe_violations(page) == []
    page.locator("#text").fill("my grandson Tom")
    page.get_by_role("button", name="Save").click()
    expect(page.locator("main")).to_contain_text("my grandson Tom")
    page.get_by_role("link", name="Remove answer 3 in what matters to you").click()
    assert axe_violations(page) == []
    page.get_by_role("button", name="Yes, remove it").click()
    assert [i["text"] for i in record_json(page, site)["what_matters"]] == ["my garden", "my grandson Tom"]
    page.goto(site + "/record/print")
    expect(page.locator("main")).to_contain_text("my grandson Tom")
    assert axe_violations(page) == []


def test_pause_resume_and_delete(browser, site):
    page = new_page(browser)
    start(page, site)
    by_mouse(page, "reply", "Yes, save my answers")
    expect(page.locator("#chat-log")).to_contain_text("What would you like me to call you?")
    by_mouse(page, "type", "Call me Ada")
    expect(page.locator("#chat-log")).to_contain_text("What is important to you")
    page.get_by_role("button", name="Save and come back later").click()
    expect(page.locator("#saved-reference")).to_be_visible()
    assert axe_violations(page) == []
    reference = page.locator("#saved-reference").inner_text().strip()
    code = page.locator("#saved-code").inner_text().strip()
    assert re.fullmatch(r"[A-Z0-9]{4}-[A-Z0-9]{4}", reference) and re.fullmatch(r"\d{6}", code)

    later = new_page(browser)  # another day: no cookies
    later.goto(site + "/resume")
    assert axe_violations(later) == []
    later.locator("#reference").fill(reference)
    later.locator("#code").fill("000000" if code != "000000" else "111111")
    later.get_by_role("button", name="Continue").click()
    expect(later.locator(".govuk-error-summary")).to_be_visible()
    assert axe_violations(later) == []
    later.locator("#reference").fill(reference)
    later.locator("#code").fill(code)
    later.get_by_role("button", name="Continue").click()
    expect(later.locator("#chat-log")).to_contain_text("Welcome back")
    expect(later.locator("#chat-log")).to_contain_text("What is important to you")
    focus_is_on_the_latest(later)
    by_mouse(later, "type", "my allotment")
    expect(later.locator("#chat-log")).to_contain_text("anything else that matters")
    assert record_json(later, site)["what_matters"][0]["text"] == "my allotment"

    later.goto(site + "/delete")
    assert axe_violations(later) == []
    later.get_by_role("button", name="Yes, delete everything").click()
    expect(later.locator("h1")).to_be_visible()
    assert axe_violations(later) == []
    later.goto(site + "/record")
    assert later.url.rstrip("/") == site  # no conversation any more: back to the start


def test_other_pages_pass_axe(browser, site):
    page = new_page(browser)
    for path in ("/", "/help", "/resume", "/privacy", "/cookies", "/accessibility", "/no-such-page"):
        page.goto(site + path)
        assert axe_violations(page) == [], path


def test_markup_is_shown_as_text_on_every_page(browser, site):
    page = new_page(browser)
    start(page, site)
    by_mouse(page, "reply", "Yes, save my answers")
    expect(page.locator("#chat-log")).to_contain_text("What would you like me to call you?")
    by_mouse(page, "type", "Call me <b>Ada</b>")
    expect(page.locator("#chat-log")).to_contain_text("What is important to you")
    markup = '<img src=x onerror="window.__xss=1"><script>window.__xss=1</script><b>bold</b>'
    by_mouse(page, "type", markup)
    expect(page.locator("#chat-log")).to_contain_text("<b>bold</b>")
    for path in ("/conversation", "/record", "/record/print"):
        page.goto(site + path)
        expect(page.locator("main")).to_contain_text("<b>bold</b>")
        expect(page.locator("main")).to_contain_text("<b>Ada</b>")
        assert page.locator("main b").count() == 0 and page.locator("main img").count() == 0, path
        assert page.evaluate("() => window.__xss") is None, path


def test_every_page_works_under_the_strict_csp(browser, site):
    page = new_page(browser, bypass_csp=False)
    problems = []
    page.on("console", lambda message: problems.append(message.text)
            if "Content Security Policy" in message.text else None)
    start(page, site)
    by_mouse(page, "reply", "Yes, save my answers")
    expect(page.locator("#chat-log")).to_contain_text("What would you like me to call you?")
    for path in ("/", "/conversation", "/help", "/record", "/record/print", "/resume", "/delete"):
        page.goto(site + path)
    assert page.evaluate("() => document.body.classList.contains('js-enabled')")
    assert problems == []
