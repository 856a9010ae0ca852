"""The web pages, against a fake Rasa REST server (no real Rasa here: see test_api.py).

The fake answers /webhooks/rest/webhook with canned messages, records what it got, and
writes `user` and `bot` events to the database as Rasa's tracker store would, so the
pages' transcript reads them back. Where the real action server would change the
conversation (consent, pause, erasure), the fake does the same through the repository.
"""
from __future__ import annotations

import datetime as dt

import json
import re
import time
from dataclasses import dataclass, field
from html import unescape

import pytest
import sqlalchemy as sa
from aiohttp import web
from aiohttp.test_utils import TestClient, TestServer

from bot.gateway import pages
from bot.gateway.pages import long_date
from bot.gateway.app import GatewaySettings, create_app
from bot.gateway.service import MAX_MESSAGE_LENGTH
from bot.store import Store
from bot.store import repository as repo

XSS = "<script>alert(1)</script> and <b>bold</b>"
INTRO = "Hello. I am here to help you tell us what matters to you.\nThis is not a test."
CONSENT = "Before we start, is it OK to save your answers?"
CONSENT_BUTTONS = [{"title": "Yes, save my answers", "payload": "yes"}, {"title": "No", "payload": "no"}]


# ---------------------------------------------------------------------------- the fake Rasa


@dataclass
class FakeRasa:
    store: Store
    received: list = field(default_factory=list)
    fail: bool = False
    url: str = ""

    def reply(self, sender: str, text: str) -> list[dict]:
        with self.store.transaction() as session:
            conversation = repo.conversation_for_sender(session, sender)
            if text == "/greet":
                return [{"text": INTRO}, {"text": CONSENT, "buttons": CONSENT_BUTTONS}]
            if text == "yes" and conversation is not None:
                conversation.consent = True
                conversation.stage = "about_you"
                return [{"text": "Thank you. What would you like me to call you?"}]
            if text == "xss":
                return [{"text": XSS}, {"text": "Pick one", "buttons": [{"title": "<i>Fine</i>", "payload": "<b>ok</b>"}]}]
            if text == "/pause" and conversation is not None:
                code = repo.new_resume_code(conversation)
                conversation.status = "paused"
                return [{"text": f"I have saved your answers. To come back, use your reference "
                                 f"{conversation.reference} and your code {code}. Please write them down.",
                         "custom": {"resume": {"reference": conversation.reference, "code": code}}}]
            if text == "/resume" and conversation is not None:
                conversation.status = "active"
                return [{"text": "Welcome back. Let us carry on where you left off."}]
            if text == "help lines":  # as the safety action sends them: text, and the numbers as data
                return [{"text": "Call 999 now.", "custom": {"route": {"id": "emergency_now", "calls": [
                    {"label": "Call 999", "number": "999", "tel": "tel:999"},
                    {"label": "<b>bad</b>", "number": "x", "tel": "javascript:alert(1)"}]}}},
                    {"text": "Are you safe right now?"}]
            if text == "/ask_why":
                return [{"text": "So I can talk to you in the way you like."}]
            if text == "delete everything" and conversation is not None:
                repo.erase(session, conversation.id)
                return [{"text": "I have deleted everything you told me."}]
            return [{"text": f"Thank you. You said: {text}"}]

    def write_events(self, sender: str, body: dict, messages: list[dict]) -> None:
        with self.store.transaction() as session:
            if repo.conversation_for_sender(session, sender) is None:
                return  # erased: nothing to keep
            rows = [{"sender_id": sender, "type_name": "user", "timestamp": time.time(),
                     "data": json.dumps({"event": "user", "text": body["message"], "metadata": body.get("metadata")})}]
            for message in messages:
                data = {"buttons": message["buttons"]} if message.get("buttons") else {}
                if message.get("custom"):
                    data["custom"] = message["custom"]
                rows.append({"sender_id": sender, "type_name": "bot", "timestamp": time.time(),
                             "data": json.dumps({"event": "bot", "text": message["text"], "data": data})})
            session.execute(sa.insert(repo.rasa_events), rows)

    def app(self) -> web.Application:
        async def webhook(request: web.Request) -> web.Response:
            body = await request.json()
            self.received.append(body)
            if self.fail:
                return web.Response(status=500)
            messages = self.reply(body["sender"], body["message"])
            self.write_events(body["sender"], body, messages)
            return web.json_response([{"recipient_id": body["sender"], **m} for m in messages])

        async def ok(request: web.Request) -> web.Response:
            return web.json_response({"status": "ok"})

        app = web.Application()
        app.router.add_post("/webhooks/rest/webhook", webhook)
        app.router.add_get("/", ok)
        app.router.add_get("/health", ok)
        return app

    def texts(self) -> list[str]:
        return [body["message"] for body in self.received]


@pytest.fixture
async def rasa(sqlite_url):
    store = Store(sqlite_url)
    fake = FakeRasa(store)
    server = TestServer(fake.app())
    await server.start_server()
    fake.url = str(server.make_url("")).rstrip("/")
    yield fake
    await server.close()
    store.dispose()


@pytest.fixture
def settings(rasa, sqlite_url):
    return GatewaySettings(rasa_url=rasa.url, action_url=rasa.url, database_url=sqlite_url)


@pytest.fixture
async def client(settings):
    async with TestClient(TestServer(create_app(settings))) as test_client:
        yield test_client


@pytest.fixture
def store(sqlite_url):
    instance = Store(sqlite_url)
    yield instance
    instance.dispose()


# ---------------------------------------------------------------------------- helpers


def csrf_from(html: str) -> str:
    match = re.search(r'<meta name="csrf-token" content="([^"]+)">', html)
    assert match, "no csrf-token meta tag"
    return match.group(1)


async def get_page(client: TestClient, path: str) -> tuple[int, str]:
    response = await client.get(path, allow_redirects=False)
    return response.status, await response.text()


async def csrf(client: TestClient, path: str = "/") -> str:
    return csrf_from(await (await client.get(path)).text())


async def post(client: TestClient, path: str, data: dict, token: str | None = None, **kwargs):
    if token is not None:
        data = {"csrf_token": token, **data}
    return await client.post(path, data=data, allow_redirects=False, **kwargs)


async def start(client: TestClient, who: str = "self") -> str:
    """Start a conversation; returns the CSRF token for later posts."""
    token = await csrf(client)
    response = await post(client, "/start", {"who": who}, token)
    assert response.status == 303, await response.text()
    assert response.headers["Location"] == "/conversation"
    return token


def conversation_id_of(store: Store) -> str:
    with store.transaction() as session:
        ids = session.execute(sa.select(repo.Conversation.id)).scalars().all()
    assert len(ids) == 1
    return ids[0]


def set_cookie_header(response, name: str) -> str:
    for header in response.headers.getall("Set-Cookie", []):
        if header.startswith(f"{name}="):
            return header
    raise AssertionError(f"no Set-Cookie for {name}: {response.headers.getall('Set-Cookie', [])}")


def visible_text(html: str) -> str:
    return unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)))


def seed_items(store: Store, conversation_id: str) -> dict:
    with store.transaction() as session:
        ids = {}
        ids["what_matters"] = [r.id for r in repo.add_items(session, conversation_id, "what_matters",
                                                            ["my garden", XSS], "m1")]
        ids["working_well"] = [r.id for r in repo.add_items(session, conversation_id, "working", ["my neighbour"],
                                                            "m2", kind="working_well")]
        ids["not_working"] = [r.id for r in repo.add_items(session, conversation_id, "working", ["the stairs"],
                                                           "m3", kind="not_working")]
        ids["strengths_family"] = [r.id for r in repo.add_items(session, conversation_id, "strengths",
                                                                ["cooking with Sue"], "m4", category="family",
                                                                who="my daughter Sue", willing="not_sure")]
        ids["strengths_personal"] = [r.id for r in repo.add_items(session, conversation_id, "strengths",
                                                                  ["good with numbers"], "m5", category="personal")]
        ids["outcomes"] = [r.id for r in repo.add_items(session, conversation_id, "outcomes",
                                                        ["get out more"], "m6", scale_now=3, scale_goal=6)]
        ids["positive_risks"] = [r.id for r in repo.add_items(session, conversation_id, "positive_risks",
                                                              ["go swimming"], "m7", concern="I might fall",
                                                              safer="a friend with me")]
        conversation = repo.get_conversation(session, conversation_id)
        conversation.preferred_name = "Ada <i>"
    return ids


# ---------------------------------------------------------------------------- start page


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


async def test_pages_have_security_headers_and_no_inline_script_or_style(client):
    for path in ("/", "/help", "/resume", "/deleted", "/no-such-page"):
        response = await client.get(path)
        html = await response.text()
        csp = response.headers["Content-Security-Policy"]
        assert "'unsafe-inline'" not in csp and "script-src 'self'" in csp and "style-src 'self'" in csp
        assert response.headers["X-Frame-Options"] == "DENY"
        assert response.headers["X-Content-Type-Options"] == "nosniff"
        assert response.headers["Cache-Control"] == "no-store"
        for tag in re.findall(r"<script\b[^>]*>", html):
            assert "src=" in tag, tag
        assert re.search(r"<script\b[^>]*>\s*[^<\s]", html) is None, "inline script"
        assert "<style" not in html and " style=" not in html


async def test_assets_are_served(client):
    for path in ("/assets/govuk/govuk-frontend.min.css", "/assets/govuk/govuk-frontend.min.js",
                 "/assets/app/app.js", "/assets/app/app.css", "/assets/app/js-enabled.js"):
        response = await client.get(path)
        assert response.status == 200, path
        assert await response.read()
    html = await (await client.get("/")).text()
    versioned = re.search(r'<script type="module" src="(/assets/app/app.js\?v=[^"]+)"></script>', html).group(1)
    for url, cache in ((versioned, "public, max-age=31536000, immutable"),
                       ("/assets/govuk/govuk-frontend.min.js", "no-cache")):
        response = await client.get(url)
        await response.read()
        assert response.headers["Cache-Control"] == cache
    assert re.search(r'<script src="/assets/app/js-enabled.js\?v=[^"]+"></script>', html)


async def test_govuk_assets_go_compressed_to_browsers_that_accept_gzip(client):
    for path in ("/assets/govuk/govuk-frontend.min.css", "/assets/govuk/govuk-frontend.min.js"):
        plain = await client.get(path, headers={"Accept-Encoding": "identity"}, auto_decompress=False)
        packed = await client.get(path, headers={"Accept-Encoding": "gzip"}, auto_decompress=False)
        assert packed.headers.get("Content-Encoding") == "gzip", "run 'make install' to pre-compress"
        assert len(await packed.read()) < len(await plain.read()) / 3


def test_app_js_never_uses_inner_html():
    source = (pages.STATIC / "app.js").read_text()
    assert "innerHTML" not in source and "insertAdjacentHTML" not in source and "outerHTML" not in source
    assert "textContent" in source


def test_missing_node_modules_is_a_clear_error(settings, monkeypatch, tmp_path):
    monkeypatch.setattr(pages, "GOVUK_FRONTEND", tmp_path / "missing")
    with pytest.raises(RuntimeError, match="make install"):
        create_app(settings)


async def test_start_needs_who_is_filling_it_in(client, rasa):
    token = await csrf(client)
    response = await post(client, "/start", {}, token)
    html = await response.text()
    assert response.status == 400
    assert "<title>Error:" in html
    assert 'class="govuk-error-summary"' in html and '<a href="#who">Select who is filling this in</a>' in html
    assert 'id="who-error"' in html
    assert rasa.received == []


# ---------------------------------------------------------------------------- conversation


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


async def test_csrf_missing_or_wrong_is_rejected(client, rasa, store):
    token = await start(client)
    sent = len(rasa.received)
    for data in ({"text": "hello"}, {"text": "hello", "csrf_token": "x" * 43}, {"text": "hello", "csrf_token": ""}):
        response = await client.post("/conversation", data=data, allow_redirects=False)
        html = await response.text()
        assert response.status == 403
        assert "Sorry, we could not accept that form" in html and "cookies" in html
    response = await client.post("/conversation", data={"text": "hello"},
                                 headers={"Accept": "application/json", "X-CSRF-Token": "wrong"})
    assert response.status == 403
    assert (await response.json())["error"]["code"] == "csrf_failed"
    for path, data in (("/conversation/control", {"move": "pause"}), ("/delete", {}), ("/start", {"who": "self"}),
                       ("/resume", {"reference": "ABCD-EFGH", "code": "123456"}),
                       ("/record/remove", {"section": "preferred_name"})):
        response = await client.post(path, data=data, allow_redirects=False)
        assert response.status == 403, path
    assert len(rasa.received) == sent
    assert conversation_id_of(store)  # nothing was deleted

    # A token without the cookie (another site cannot read or set it) fails too.
    client.session.cookie_jar.clear(lambda cookie: cookie.key == pages.CSRF_COOKIE)
    response = await post(client, "/conversation", {"text": "hello"}, token)
    assert response.status == 403


async def test_bot_and_person_text_is_escaped_everywhere(client, rasa, store):
    token = await start(client)
    await post(client, "/conversation", {"text": XSS}, token)  # the person's own words
    await post(client, "/conversation", {"text": "xss"}, token)  # the assistant's words
    seed_items(store, conversation_id_of(store))
    for path in ("/conversation", "/record", "/record/print"):
        status, html = await get_page(client, path)
        assert status == 200, path
        assert "<script>alert(1)</script>" not in html, path
        assert "<b>" not in html and "<i>" not in html, path
        assert "&lt;script&gt;alert(1)&lt;/script&gt; and &lt;b&gt;bold&lt;/b&gt;" in html, path
    html = await (await client.get("/conversation")).text()
    assert 'value="&lt;b&gt;ok&lt;/b&gt;"' in html and "&lt;i&gt;Fine&lt;/i&gt;</button>" in html


async def test_record_groups_items_by_section_in_the_persons_words(client, rasa, store):
    await start(client)
    ids = seed_items(store, conversation_id_of(store))
    status, html = await get_page(client, "/record")
    assert status == 200
    assert html.count("<h1") == 1 and "Check your answers</h1>" in html
    cards = re.findall(r'<div class="govuk-summary-card" id="section-([a-z_]+)">(.*?)(?=<div class="govuk-summary-card"|'
                       r'<p class="govuk-body">To add something)', html, re.S)
    by_section = {key: visible_text(body) for key, body in cards}
    assert list(by_section) == ["preferred_name", "what_matters", "working_well", "not_working",
                                "strengths_personal", "strengths_family", "strengths_community", "outcomes",
                                "positive_risks"]
    assert "Your name" in by_section["preferred_name"] and "Ada <i>" in by_section["preferred_name"]
    assert "my garden" in by_section["what_matters"] and "<script>alert(1)</script>" in by_section["what_matters"]
    assert "my neighbour" in by_section["working_well"] and "the stairs" in by_section["not_working"]
    assert "good with numbers" in by_section["strengths_personal"]
    assert "cooking with Sue" in by_section["strengths_family"]
    assert "Who: my daughter Sue" in by_section["strengths_family"]
    assert "Would they want to be involved: Not sure" in by_section["strengths_family"]
    assert "Nothing yet." in by_section["strengths_community"]
    assert "Where you are now: 3 out of 10" in by_section["outcomes"]
    assert "What worries people: I might fall" in by_section["positive_risks"]
    first = ids["what_matters"][0]
    assert f'href="/record/change?section=what_matters&amp;item={first}"' in html
    assert f'href="/record/remove?section=what_matters&amp;item={first}"' in html
    assert "Change<span class=\"govuk-visually-hidden\"> answer 1 in what matters to you</span>" in html
    assert 'href="/record.json"' in html and 'href="/record/print"' in html and 'href="/delete"' in html


async def test_change_and_remove_an_answer(client, rasa, store):
    token = await start(client)
    conversation_id = conversation_id_of(store)
    ids = seed_items(store, conversation_id)
    item = ids["what_matters"][0]

    status, html = await get_page(client, f"/record/change?section=what_matters&item={item}")
    assert status == 200
    assert re.search(r'<textarea[^>]*id="text"[^>]*>my garden</textarea>', html)
    assert "<title>Change your answer - " in html

    response = await post(client, "/record/change", {"section": "what_matters", "item": str(item), "text": " "},
                          token)
    html = await response.text()
    assert response.status == 400 and '<a href="#text">Enter your answer, or go back and remove it</a>' in html

    response = await post(client, "/record/change",
                          {"section": "what_matters", "item": str(item), "text": "my roses"}, token)
    assert response.status == 303 and response.headers["Location"] == "/record?done=changed"
    html = await (await client.get(response.headers["Location"])).text()
    assert "Your answer has been changed" in html and "my roses" in html and "my garden" not in html

    status, html = await get_page(client, f"/record/remove?section=what_matters&item={item}")
    assert status == 200 and "Remove this answer?" in html and "my roses" in html
    response = await post(client, "/record/remove", {"section": "what_matters", "item": str(item)}, token)
    assert response.status == 303 and response.headers["Location"] == "/record?done=removed"
    html = await (await client.get(response.headers["Location"])).text()
    assert "Your answer has been removed" in html and "my roses" not in html
    with store.transaction() as session:
        assert [row.text for row in repo.items(session, conversation_id, "what_matters")] == [XSS]

    # The preferred name.
    status, html = await get_page(client, "/record/change?section=preferred_name")
    assert status == 200 and 'value="Ada &lt;i&gt;"' in html
    response = await post(client, "/record/change", {"section": "preferred_name", "item": "", "text": "Ada"}, token)
    assert response.status == 303
    response = await post(client, "/record/remove", {"section": "preferred_name", "item": ""}, token)
    assert response.status == 303
    with store.transaction() as session:
        assert repo.get_conversation(session, conversation_id).preferred_name is None

    # Items that are not there, or not this conversation's, are "Page not found".
    with store.transaction() as session:
        other, _code = repo.create_conversation(session, mode="self")
        other_item = repo.add_items(session, other.id, "what_matters", ["not yours"], "x")[0].id
    for path in (f"/record/change?section=what_matters&item={other_item}", "/record/change?section=nope&item=1",
                 f"/record/remove?section=working_well&item={ids['what_matters'][1]}"):
        status, html = await get_page(client, path)
        assert status == 404 and "Page not found" in html, path
    response = await post(client, "/record/change", {"section": "what_matters", "item": str(other_item),
                                                     "text": "mine now"}, token)
    assert response.status == 404
    with store.transaction() as session:
        assert repo.items(session, other.id, "what_matters")[0].text == "not yours"


async def test_json_download_and_print_page(client, rasa, store):
    await start(client)
    conversation_id = conversation_id_of(store)
    seed_items(store, conversation_id)
    response = await client.get("/record.json")
    assert response.status == 200
    assert response.headers["Content-Type"].startswith("application/json")
    with store.transaction() as session:
        reference = repo.get_conversation(session, conversation_id).reference
    assert response.headers["Content-Disposition"] == f'attachment; filename="my-answers-{reference}.json"'
    record = json.loads(await response.text())
    assert record["id"] == conversation_id and record["what_matters"][1]["text"] == XSS

    status, html = await get_page(client, "/record/print")
    assert status == 200
    assert "Your answers</h1>" in html and reference in html and "my garden" in html
    assert 'id="print-button" hidden' in html


async def test_record_and_print_pages_show_who_filled_it_in_the_shared_status_and_next_steps(client, rasa, store):
    await start(client)
    conversation_id = conversation_id_of(store)
    status, html = await get_page(client, "/record")
    assert "Shared with the council</dt>" in html and "Not yet" in html and "Filled in by" not in html
    with store.transaction() as session:
        conversation = repo.get_conversation(session, conversation_id)
        conversation.mode, conversation.preferred_name = "on_behalf", "Rose"
        conversation.completed_by, conversation.relationship, conversation.permission = "Tom", "her son", "yes"
        conversation.share_with_council, conversation.shared_at = True, dt.datetime(2026, 12, 2, 10, 30)
        conversation.contact_ok, conversation.contact = True, "07700 900123 <mornings>"
    for path in ("/record", "/record/print"):
        status, html = await get_page(client, path)
        assert status == 200
        assert "Tom (her son)" in html and "Rose agreed</dt>" in html
        assert "Yes, on 2 December 2026" in html and "07700 900123 &lt;mornings&gt;" in html
        assert "Brackenford adult social care team will read the answers and get in touch within 10 working days" in html
    assert f"Printed on {long_date(dt.date.today())}" in html and "Save as PDF" in html


async def test_record_and_print_pages_show_your_world_as_a_drawing_and_a_list(client, rasa, store):
    import xml.etree.ElementTree as ET

    await start(client)
    conversation_id = conversation_id_of(store)
    for path in ("/record", "/record/print"):  # nothing yet: the centre and a note
        status, html = await get_page(client, path)
        assert status == 200 and "Your world</h2>" in html and '<svg xmlns="http://www.w3.org/2000/svg"' in html
        assert "Nothing here yet." in html, path
    seed_items(store, conversation_id)
    with store.transaction() as session:
        repo.add_items(session, conversation_id, "strengths", ["the library & the café"], "m8", category="community")
        session.add_all([repo.Link(conversation_id=conversation_id, service_id="lunch-club", status="accepted"),
                         repo.Link(conversation_id=conversation_id, service_id="walking-group", status="suggested"),
                         repo.Link(conversation_id=conversation_id, service_id="bingo-night", status="declined")])
    for path in ("/record", "/record/print"):
        response = await client.get(path)
        html = await response.text()
        assert response.status == 200, path
        svgs = re.findall(r"<svg\b.*?</svg>", html, re.S)
        assert len(svgs) == 2, path  # wide, and narrow for phones (the stylesheet shows one)
        for svg in svgs:
            root = ET.fromstring(svg)
            assert root.get("role") == "img" and root.get("viewBox") and root.get("aria-labelledby")
            assert "Ada <i>" in "".join(root.itertext())  # the preferred name, escaped in the page
        # The strict CSP still holds: no inline styles or scripts, in the drawing or anywhere.
        assert "<style" not in html and " style=" not in html, path
        assert re.search(r"<script\b[^>]*>\s*[^<\s]", html) is None, path
        assert "<script>alert(1)</script>" not in html and "<i>" not in html, path
        # The text alternative: a heading per group and a GOV.UK list, after the drawing.
        after = html[html.index("</svg>"):]
        lists = dict(re.findall(r'<h3 class="govuk-heading-s">([^<]+)</h3>\s*(<ul class="govuk-list govuk-list--bullet">'
                                r'.*?</ul>|<p class="govuk-body">Nothing yet.</p>)', after, re.S))
        assert list(lists) == ["What you are good at", "People around you", "Community", "Local services"], path
        assert visible_text(lists["What you are good at"]).strip() == "good with numbers"
        assert visible_text(lists["People around you"]).strip() == \
            "my daughter Sue: cooking with Sue (wants to be involved: not sure)"
        assert "the library &amp; the café" in lists["Community"]
        links = visible_text(lists["Local services"])
        assert "lunch-club (you chose this)" in links and "walking-group (suggested, not chosen yet)" in links
        assert "bingo-night" not in html, path


async def test_delete_everything(client, rasa, store):
    token = await start(client)
    conversation_id = conversation_id_of(store)
    status, html = await get_page(client, "/delete")
    assert status == 200
    assert "govuk-warning-text" in html and "This cannot be undone." in html
    response = await post(client, "/delete", {}, token)
    assert response.status == 303 and response.headers["Location"] == "/deleted"
    cookie = set_cookie_header(response, pages.SESSION_COOKIE)
    assert 'sbc_session=""' in cookie and "Max-Age=0" in cookie
    with store.transaction() as session:
        assert repo.get_conversation(session, conversation_id) is None
    status, html = await get_page(client, "/deleted")
    assert status == 200 and "Everything has been deleted" in html
    status, _ = await get_page(client, "/conversation")
    assert status == 303


async def test_delete_everything_in_the_conversation_goes_to_the_deleted_page(client, rasa, store):
    token = await start(client)
    response = await post(client, "/conversation", {"text": "delete everything"}, token)
    assert response.status == 303 and response.headers["Location"] == "/deleted"
    assert "Max-Age=0" in set_cookie_header(response, pages.SESSION_COOKIE)
    with store.transaction() as session:
        assert session.execute(sa.select(sa.func.count()).select_from(repo.Conversation)).scalar_one() == 0


async def test_pause_shows_the_reference_and_code_and_resume_works(client, rasa, store, settings):
    token = await start(client)
    await post(client, "/conversation", {"text": "yes"}, token)  # consent, so there is something to save
    response = await post(client, "/conversation/control", {"move": "pause"}, token)
    assert response.status == 303
    html = await (await client.get("/conversation")).text()
    code = re.search(r'id="saved-code">(\d{6})<', html).group(1)
    reference = re.search(r'id="saved-reference">([A-Z0-9]{4}-[A-Z0-9]{4})<', html).group(1)
    assert "Your answers are saved" in html and "Write these down now." in html
    assert f"your reference {reference} and your code {code}" in html

    # JSON path carries them too.
    response = await client.post("/conversation/control", data={"move": "pause"},
                                 headers={"Accept": "application/json", "X-CSRF-Token": token})
    paused = (await response.json())["paused"]
    assert paused["reference"] == reference and re.fullmatch(r"\d{6}", paused["code"])
    code = paused["code"]

    # A new browser: no session, so the conversation page sends it to the start.
    async with TestClient(TestServer(create_app(settings))) as other:
        status, _ = await get_page(other, "/conversation")
        assert status == 303
        token2 = await csrf(other, "/resume")
        response = await post(other, "/resume", {"reference": reference.lower().replace("-", " "), "code": code},
                              token2)
        assert response.status == 303 and response.headers["Location"] == "/conversation#latest"
        cookie = set_cookie_header(response, pages.SESSION_COOKIE)
        assert "HttpOnly" in cookie and "SameSite=Strict" in cookie
        status, html = await get_page(other, "/conversation")
        assert status == 200 and "Welcome back. Let us carry on where you left off." in html


async def test_resume_errors(client, rasa, store):
    token = await csrf(client, "/resume")
    response = await post(client, "/resume", {"reference": "", "code": ""}, token)
    html = await response.text()
    assert response.status == 400
    assert '<a href="#reference">Enter your reference</a>' in html and '<a href="#code">Enter your code</a>' in html
    assert 'id="reference-error"' in html and 'id="code-error"' in html

    with store.transaction() as session:
        conversation, code = repo.create_conversation(session, mode="self")
        reference = conversation.reference
    wrong = "000000" if code != "000000" else "111111"
    response = await post(client, "/resume", {"reference": reference, "code": wrong}, token)
    html = await response.text()
    assert response.status == 401
    assert "The reference and code do not match. Check them and try again" in html
    assert 'class="govuk-error-summary"' in html and "<title>Error: Carry on with a saved form" in html
    assert f'value="{reference}"' in html and wrong not in html.split("</form>")[0].split('id="code"')[1]
    assert pages.SESSION_COOKIE not in response.headers.get("Set-Cookie", "")

    for _ in range(5):
        await post(client, "/resume", {"reference": reference, "code": wrong}, token)
    response = await post(client, "/resume", {"reference": reference, "code": code}, token)
    html = await response.text()
    assert response.status == 423 and "This reference is locked" in html


async def test_resume_is_rate_limited_per_client(rasa, sqlite_url, store):
    settings = GatewaySettings(rasa_url=rasa.url, action_url=rasa.url, database_url=sqlite_url,
                               resume_failures_per_15_minutes=2)
    async with TestClient(TestServer(create_app(settings))) as client:
        token = await csrf(client, "/resume")
        for _ in range(2):
            response = await post(client, "/resume", {"reference": "ABCD-EFGH", "code": "123456"}, token)
            assert response.status == 401
        response = await post(client, "/resume", {"reference": "ABCD-EFGH", "code": "123456"}, token)
        html = await response.text()
        assert response.status == 429 and int(response.headers["Retry-After"]) > 0
        assert "You have tried too many times. Wait" in html and 'class="govuk-error-summary"' in html


async def test_pages_without_a_session_go_to_the_start(client, rasa):
    await csrf(client)
    for path in ("/conversation", "/record", "/record.json", "/record/print", "/delete",
                 "/record/change?section=preferred_name", "/record/remove?section=preferred_name"):
        status, _ = await get_page(client, path)
        assert status == 303, path
    token = await csrf(client)
    response = await post(client, "/conversation", {"text": "hi"}, token)
    assert response.status == 303 and response.headers["Location"] == "/"
    # A cookie with a token we never issued is cleared.
    client.session.cookie_jar.update_cookies({pages.SESSION_COOKIE: "not-a-real-token"})
    response = await client.get("/record", allow_redirects=False)
    assert response.status == 303 and response.headers["Location"] == "/"
    assert "Max-Age=0" in set_cookie_header(response, pages.SESSION_COOKIE)
    assert rasa.received == []


async def test_help_page_has_the_numbers(client):
    status, html = await get_page(client, "/help")
    assert status == 200
    text = visible_text(html)
    for words in ("999", "18000", "111", "option 2", "Samaritans", "116 123", "Brackenford Council",
                  "01632 960 200", "01632 960 100", "01632 960 999"):
        assert words in text, words
    assert 'href="tel:116123"' in html


async def test_privacy_cookies_and_accessibility_pages_are_linked_from_every_page(client):
    for path in ("/", "/help", "/resume", "/privacy", "/cookies", "/accessibility"):
        status, html = await get_page(client, path)
        assert status == 200, path
        for link in ('href="/privacy"', 'href="/cookies"', 'href="/accessibility"'):
            assert link in html, (path, link)
    status, html = await get_page(client, "/privacy")
    text = visible_text(html)
    for words in ("Brackenford Council", "data controller", "30 days", "Delete everything", "Information Commissioner"):
        assert words in text, words
    status, html = await get_page(client, "/cookies")
    text = visible_text(html)
    for name in (pages.SESSION_COOKIE, pages.CSRF_COOKIE, pages.FIRST_CODE_COOKIE):
        assert name in text, name  # every cookie the pages set is described
    assert "After 1 hour" in text and pages.FIRST_CODE_SECONDS == 3600
    status, html = await get_page(client, "/accessibility")
    text = visible_text(html)
    for words in ("partially compliant", "WCAG", "2.2 AA", "Equality and Human Rights Commission",
                  "01632 960 100", pages.ACCESSIBILITY_STATEMENT_DATE):
        assert words in text, words


async def test_error_pages(client, rasa):
    status, html = await get_page(client, "/no-such-page")
    assert status == 404 and "Page not found</h1>" in html and "govuk-header" in html
    status, html = await get_page(client, "/start")
    assert status == 303  # a GET of a form's address goes back to the form

    token = await start(client)
    rasa.fail = True
    response = await post(client, "/conversation", {"text": "hello"}, token)
    html = await response.text()
    assert response.status == 502
    assert "Sorry, there is a problem with the service" in html and "Your answers so far are saved." in html
    response = await client.post("/conversation", data={"text": "hello"},
                                 headers={"Accept": "application/json", "X-CSRF-Token": token})
    assert response.status == 502
    assert (await response.json())["error"]["code"] == "assistant_unavailable"


async def test_too_many_requests_page(rasa, sqlite_url):
    settings = GatewaySettings(rasa_url=rasa.url, action_url=rasa.url, database_url=sqlite_url,
                               requests_per_minute=3)
    async with TestClient(TestServer(create_app(settings))) as client:
        for _ in range(3):
            assert (await client.get("/help")).status == 200
        assert (await client.get("/assets/app/app.css")).status == 200  # assets are not counted
        response = await client.get("/help")
        html = await response.text()
        assert response.status == 429 and int(response.headers["Retry-After"]) > 0
        assert "Too many requests</h1>" in html and "Wait 1 minute" in html


async def test_cookies_are_secure_when_configured(rasa, sqlite_url):
    settings = GatewaySettings(rasa_url=rasa.url, action_url=rasa.url, database_url=sqlite_url, secure_cookies=True)
    async with TestClient(TestServer(create_app(settings))) as client:
        response = await client.get("/")
        assert "Secure" in set_cookie_header(response, pages.CSRF_COOKIE)
        token = csrf_from(await response.text())
        # The test client does not send Secure cookies over http, so post the token as a header cookie.
        response = await client.post("/start", data={"csrf_token": token, "who": "self"}, allow_redirects=False,
                                     headers={"Cookie": f"{pages.CSRF_COOKIE}={token}"})
        assert response.status == 303
        cookie = set_cookie_header(response, pages.SESSION_COOKIE)
        assert "Secure" in cookie and "HttpOnly" in cookie and "SameSite=Strict" in cookie


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
