"""What every page shares (bot/gateway/pages/common.py): security headers, assets, CSRF, escaping, error pages, limits and cookies."""
from __future__ import annotations

import re

from aiohttp.test_utils import TestClient, TestServer
import pytest

from bot.gateway import pages
from bot.gateway.app import GatewaySettings, create_app
from tests.gateway.pages.helpers import (XSS, conversation_id_of, csrf, csrf_from, get_page, post, seed_items,
                                         set_cookie_header, start)


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
