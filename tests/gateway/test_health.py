"""/healthz fails when a part is down or Rasa's tracker store is not our database.

Rasa here is a fake (an aiohttp app), so each failure can be made on purpose.
"""
from __future__ import annotations

import json
import socket

import sqlalchemy as sa
from aiohttp import web
from aiohttp.test_utils import TestClient, TestServer

from bot.gateway.app import GatewaySettings, create_app
from bot.store import Store
from bot.store import repository as repo


def fake_rasa(database_url: str | None) -> web.Application:
    """Answers like Rasa; writes tracker events to `database_url` only if given
    (None plays a Rasa that fell back to its in-memory tracker store)."""
    app = web.Application()

    async def webhook(request):
        body = await request.json()
        if database_url:
            store = Store(database_url)
            with store.transaction() as session:
                session.execute(sa.insert(repo.rasa_events).values(
                    sender_id=body["sender"], type_name="user", data=json.dumps({"text": body["message"]})))
            store.dispose()
        return web.json_response([{"text": "Hello."}])

    async def ok(request):
        return web.Response(text="ok")

    app.router.add_post("/webhooks/rest/webhook", webhook)
    app.router.add_get("/", ok)
    app.router.add_get("/health", ok)
    return app


def unused_url() -> str:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return f"http://127.0.0.1:{s.getsockname()[1]}"


async def health(rasa_url: str, database_url: str):
    app = create_app(GatewaySettings(rasa_url=rasa_url, action_url=rasa_url, database_url=database_url))
    async with TestClient(TestServer(app)) as client:
        response = await client.get("/healthz")
        return response.status, await response.json()


async def test_all_up_and_writing_to_our_database(sqlite_url):
    async with TestServer(fake_rasa(sqlite_url)) as rasa:
        status, body = await health(str(rasa.make_url("")), sqlite_url)
    assert (status, body["ok"]) == (200, True)
    store = Store(sqlite_url)
    with store.transaction() as session:  # the probe cleans up after itself
        assert session.execute(sa.select(sa.func.count()).select_from(repo.rasa_events)).scalar_one() == 0
    store.dispose()


async def test_a_tracker_store_that_fell_back_to_memory_is_unhealthy(sqlite_url):
    async with TestServer(fake_rasa(None)) as rasa:
        status, body = await health(str(rasa.make_url("")), sqlite_url)
    assert status == 503
    assert body["checks"]["tracker_store"] == "Rasa is not writing tracker events to the configured database"


async def test_rasa_down_is_unhealthy(sqlite_url):
    status, body = await health(unused_url(), sqlite_url)
    assert status == 503
    assert body["checks"]["rasa"].startswith("ClientConnectorError")
    assert body["checks"]["action_server"].startswith("ClientConnectorError")
    assert body["checks"]["tracker_store"] == "not checked"


async def test_a_broken_database_is_unhealthy(tmp_path):
    async with TestServer(fake_rasa(None)) as rasa:
        status, body = await health(str(rasa.make_url("")), f"sqlite:///{tmp_path}/no/such/dir/x.db")
    assert status == 503
    assert body["checks"]["database"].startswith("OperationalError")


async def test_an_empty_rasa_reply_is_a_clear_error_not_silence(sqlite_url):
    app = web.Application()

    async def silent(request):
        return web.json_response([])  # what Rasa sends when an action failed

    app.router.add_post("/webhooks/rest/webhook", silent)
    async with TestServer(app) as rasa:
        gateway = create_app(GatewaySettings(rasa_url=str(rasa.make_url("")), action_url=str(rasa.make_url("")),
                                             database_url=sqlite_url))
        async with TestClient(TestServer(gateway)) as client:
            response = await client.post("/api/conversations", json={"mode": "self"})
            body = await response.json()
    assert response.status == 502
    assert body["error"]["code"] == "assistant_unavailable"
    assert "Your answers so far are saved" in body["error"]["message"]
    store = Store(sqlite_url)
    with store.transaction() as session:  # the half-made conversation was removed
        assert session.execute(sa.select(sa.func.count()).select_from(repo.Conversation)).scalar_one() == 0
    store.dispose()
