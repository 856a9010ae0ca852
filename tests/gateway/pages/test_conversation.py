"""The start page and the conversation page (bot/gateway/pages/conversation.py): with and without JavaScript, errors, the current exchange first, help lines first."""
from __future__ import annotations

import re

from bot.gateway import pages
from bot.gateway.service import MAX_MESSAGE_LENGTH
from bot.store import repository as repo
from tests.gateway.pages.helpers import (CONSENT, XSS, conversation_id_of, csrf, csrf_from, get_page, post,
                                         set_cookie_header, start, visible_text)


async def test_start_page_says_what_this_is_and_sets_a_csrf_cookie(client):
    response = await client.get("/")
    html = await response.text()
    assert response.status == 200
    text = visible_text(html)
    for words in ("Tell us what matters to you", "This is not a test", "about 20 minutes", "skip any question",
                  "come back later", "What we save and who can see it", "Only you can see your answers",
                  "For myself", "For someone else, with their permission", "Start now",
                  "carry on with a saved form"):
        assert words in text, words
    assert 'action="/start"' in html and 'href="/resume"' in html
    assert '<html lang="en-GB"' in html
    assert html.count("<h1") == 1
    assert 'href="#main-content"' in html and 'id="main-content"' in html
    cookie = set_cookie_header(response, pages.CSRF_COOKIE)
    assert "HttpOnly" in cookie and "SameSite=Strict" in cookie and "Path=/" in cookie
    assert csrf_from(html) in cookie
    assert f'name="csrf_token" value="{csrf_from(html)}"' in html


async def test_start_needs_who_is_filling_it_in(client, rasa):
    token = await csrf(client)
    response = await post(client, "/start", {}, token)
    html = await response.text()
    assert response.status == 400
    assert "<title>Error:" in html
    assert 'class="govuk-error-summary"' in html and '<a href="#who">Select who is filling this in</a>' in html
    assert 'id="who-error"' in html
    assert rasa.received == []


async def test_start_sets_the_session_cookie_and_shows_the_conversation(client, rasa, store):
    token = await csrf(client)
    response = await post(client, "/start", {"who": "on_behalf"}, token)
    assert response.status == 303 and response.headers["Location"] == "/conversation"
    cookie = set_cookie_header(response, pages.SESSION_COOKIE)
    assert "HttpOnly" in cookie and "SameSite=Strict" in cookie and "Path=/" in cookie
    assert "Secure" not in cookie  # secure_cookies is off in this test
    conversation_id = conversation_id_of(store)
    assert rasa.received[0]["sender"] == conversation_id and rasa.received[0]["message"] == "/greet"
    with store.transaction() as session:
        assert repo.get_conversation(session, conversation_id).mode == "on_behalf"

    status, html = await get_page(client, "/conversation")
    assert status == 200
    assert "<title>Step 1 of 11: Getting started - Tell us what matters to you" in html
    assert '<span class="govuk-caption-l" id="progress-caption">Step 1 of 11</span>' in html
    assert "Getting started</h1>" in html
    assert 'role="log" aria-live="polite"' in html
    assert "Hello. I am here to help you tell us what matters to you.\nThis is not a test." in html
    assert CONSENT in html
    assert '<button type="submit" name="text" value="yes" class="govuk-button govuk-button--secondary"' in html
    assert ">Yes, save my answers</button>" in html
    assert "/greet" not in html  # the gateway's own control message is not in the transcript
    assert 'id="latest"' in html
    for words in ("Save and come back later", "Why are we asking this?", 'href="/help"', 'href="/record"'):
        assert words in html
    assert html.count("<h1") == 1
    assert conversation_id not in html and "token" not in response.headers["Location"]


async def test_a_form_post_without_javascript_redirects_and_re_renders(client, rasa):
    token = await start(client)
    response = await post(client, "/conversation", {"text": "yes"}, token)
    assert response.status == 303 and response.headers["Location"] == "/conversation#latest"
    assert rasa.texts()[-1] == "yes"
    status, html = await get_page(client, "/conversation")
    assert status == 200
    assert "Step 2 of 11: About you" in html
    text = visible_text(html)
    assert "You said : yes" in text or "You said: yes" in text
    assert "What would you like me to call you?" in html
    # The latest assistant message is the redirect's anchor; there are no quick replies for it.
    assert re.search(r'id="latest" tabindex="-1" autofocus>\s*<p class="app-chat__sender">Assistant', html)
    assert 'data-chat="reply"' not in html


async def test_a_long_conversation_shows_the_current_exchange_and_folds_the_rest(client, rasa):
    token = await start(client)
    for text in ("yes", "call me Ada", "my garden", "my grandchildren"):
        await post(client, "/conversation", {"text": text}, token)
    status, html = await get_page(client, "/conversation")
    log = html[html.index('id="chat-log"'):html.index('id="send-form"')]
    earlier = log[log.index('<details class="govuk-details app-chat__earlier" id="earlier">'):log.index("</details>")]
    current = log[log.index("</details>"):]
    # The person's last message and the reply to it are shown; everything before is folded.
    assert "my grandchildren" in visible_text(current) and "my garden" not in visible_text(current)
    assert all(words in earlier for words in ("call me Ada", "my garden", "What would you like me to call you?"))
    shown = current.count('class="app-chat__message ')
    folded = earlier.count('class="app-chat__message ')
    assert re.search(rf"Earlier in the conversation \(<span id=\"earlier-count\">{folded}</span> messages\)", earlier)
    assert folded >= 6 and shown >= 2  # four person messages and their replies, and the greeting
    assert 'id="latest"' in current and 'id="latest"' not in earlier


async def test_quick_reply_and_textarea_line_breaks(client, rasa):
    token = await start(client)
    await post(client, "/conversation", {"text": "first line\r\nsecond line"}, token)
    assert rasa.texts()[-1] == "first line\nsecond line"


async def test_empty_or_too_long_messages_show_errors_and_send_nothing(client, rasa):
    token = await start(client)
    sent = len(rasa.received)
    response = await post(client, "/conversation", {"text": "   "}, token)
    html = await response.text()
    assert response.status == 400
    assert html.startswith("<!DOCTYPE html>") and "<title>Error: " in html
    assert '<a href="#text">Enter your answer</a>' in html
    assert 'id="text-error"' in html and 'aria-describedby="text-info text-hint text-error"' in html
    assert "govuk-textarea--error" in html

    too_long = "a" * (MAX_MESSAGE_LENGTH + 1)
    response = await post(client, "/conversation", {"text": too_long}, token)
    html = await response.text()
    assert response.status == 400
    assert "Your answer must be 2,000 characters or fewer" in html
    assert too_long in html  # what they typed is kept
    assert len(rasa.received) == sent


async def test_javascript_path_gets_json_for_messages_and_moves(client, rasa):
    token = await start(client)
    headers = {"Accept": "application/json", "X-CSRF-Token": token}
    response = await client.post("/conversation", data={"text": "xss"}, headers=headers)
    assert response.status == 200
    body = await response.json()
    assert body["messages"][0] == {"from": "assistant", "text": XSS, "buttons": []}
    assert body["quick_replies"] == [{"title": "<i>Fine</i>", "payload": "<b>ok</b>"}]
    assert body["progress"] == {"number": 1, "of": 11, "label": "Getting started", "caption": "Step 1 of 11",
                                "text": "Step 1 of 11: Getting started"}
    assert body["status"] == "active" and body["paused"] is None
    assert body["safety"] == {"flagged": False, "kinds": [], "routes": []} and body["help_now"] == []

    response = await client.post("/conversation", data={"text": "yes"}, headers=headers)
    assert (await response.json())["progress"]["text"] == "Step 2 of 11: About you"

    response = await client.post("/conversation/control", data={"move": "ask_why"}, headers=headers)
    body = await response.json()
    assert body["messages"][0]["text"] == "So I can talk to you in the way you like."
    assert rasa.received[-1]["message"] == "/ask_why" and rasa.received[-1]["metadata"] == {"gateway_control": True}

    response = await client.post("/conversation", data={"text": ""}, headers=headers)
    assert response.status == 400
    assert await response.json() == {"error": {"code": "bad_request", "message": "Enter your answer",
                                               "field": "text"}}


async def test_control_without_javascript_and_unknown_moves(client, rasa):
    token = await start(client)
    response = await post(client, "/conversation/control", {"move": "ask_why"}, token)
    assert response.status == 303 and response.headers["Location"] == "/conversation#latest"
    html = await (await client.get("/conversation")).text()
    assert "So I can talk to you in the way you like." in html
    assert "/ask_why" not in html
    response = await post(client, "/conversation/control", {"move": "delete_all"}, token)
    assert response.status == 400
    assert "There is a problem" in await response.text()


async def test_start_page_offers_to_carry_on_a_conversation_in_progress(client, rasa):
    html = await (await client.get("/")).text()
    assert "You have already started" not in html
    await start(client)
    html = await (await client.get("/")).text()
    assert "You have already started" in html and 'href="/conversation">Carry on where you left off' in html


async def test_help_lines_come_first_as_tel_links_built_from_data(client, rasa):
    token = await start(client)
    response = await post(client, "/conversation", {"text": "help lines"}, token)
    assert response.status == 303 and response.headers["Location"] == "/conversation#help-now"
    html = await (await client.get("/conversation")).text()
    banner = html[html.index('id="help-now"'):html.index('id="progress-caption"')]
    assert "Get help now" in banner and "Call 999 now." in banner
    assert 'href="tel:999"' in banner
    # The help lines take the focus when the page loads, not the latest message.
    assert html.count("autofocus") == 1 and 'id="help-now" tabindex="-1" autofocus>' in html
    assert "javascript:" not in html and "<b>bad</b>" not in html  # only well-formed tel: links

    headers = {"Accept": "application/json", "X-CSRF-Token": token}
    body = await (await client.post("/conversation", data={"text": "help lines"}, headers=headers)).json()
    assert body["help_now"] == [{"id": "emergency_now", "text": "Call 999 now.",
                                 "calls": [{"label": "Call 999", "number": "999", "tel": "tel:999"}]}]
    assert body["messages"][0]["route"]["id"] == "emergency_now"
