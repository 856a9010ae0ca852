"""Pausing and resuming (bot/gateway/pages/resume.py): the reference and code, errors and the rate limit."""
from __future__ import annotations

import re

from aiohttp.test_utils import TestClient, TestServer

from bot.gateway import pages
from bot.gateway.app import GatewaySettings, create_app
from bot.store import repository as repo
from tests.gateway.pages.helpers import csrf, get_page, post, set_cookie_header, start


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
