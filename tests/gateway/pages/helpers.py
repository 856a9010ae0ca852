"""What the page tests share: the words the fake Rasa says, and helpers to post forms
and read pages."""
from __future__ import annotations

from html import unescape
import re

from aiohttp.test_utils import TestClient
import sqlalchemy as sa

from bot.store import Store
from bot.store import repository as repo

XSS = "<script>alert(1)</script> and <b>bold</b>"
INTRO = "Hello. I am here to help you tell us what matters to you.\nThis is not a test."
CONSENT = "Before we start, is it OK to save your answers?"
CONSENT_BUTTONS = [{"title": "Yes, save my answers", "payload": "yes"}, {"title": "No", "payload": "no"}]





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
