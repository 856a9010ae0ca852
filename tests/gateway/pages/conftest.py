"""Fixtures for the page tests: a fake Rasa REST server (no real Rasa here: see
tests/gateway/test_api.py) and the gateway in front of it.

The fake answers /webhooks/rest/webhook with canned messages, records what it got, and
writes `user` and `bot` events to the database as Rasa's tracker store would, so the
pages' transcript reads them back. Where the real action server would change the
conversation (consent, pause, erasure), the fake does the same through the repository.
"""
from __future__ import annotations

from dataclasses import dataclass, field
import json
import time

from aiohttp import web
from aiohttp.test_utils import TestClient, TestServer
import pytest
import sqlalchemy as sa

from bot.gateway.app import GatewaySettings, create_app
from bot.store import Store
from bot.store import repository as repo
from tests.gateway.pages.helpers import CONSENT, CONSENT_BUTTONS, INTRO, XSS


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


