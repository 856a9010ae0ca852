"""The public API against the real gateway, Rasa server and action server."""
from __future__ import annotations

import pytest
import sqlalchemy as sa
import yaml

from bot.store import Store
from bot.store import repository as repo
from tests.servers import running_servers

pytestmark = pytest.mark.e2e

ANSWERS = [  # for someone else (the mode was given: no "who" question), so spoken about Ada
    ("yes", "What is the name of the person you are filling this in for?"),
    ("Ada", "how do you know Ada?"),
    ("I'm Tom, her son", "Does Ada know you are doing this"),
    ("yes she does", "What is important to Ada"),
    ("my garden; my grandson", "anything else that matters to Ada"),
    ("no", "What is working well for Ada"),
    ("no", "What is not working so well for Ada"),
    ("the stairs", "anything else that is not working"),
    ("no", "What is Ada good at?"),
    ("no", "Who are the people who are important to Ada?"),
    ("no", "What places, groups or communities"),
    ("no", "what would be different?"),
    ("no", "something Ada would like to do"),
    ("no", "Here is what you told me about Ada"),
    ("yes", "Would Ada like this shared with the council"),
    ("no", "You have finished."),
]


@pytest.fixture(scope="module")
def database_url(tmp_path_factory):
    from bot.store import migrate

    url = f"sqlite:///{tmp_path_factory.mktemp('api') / 'api.db'}"
    migrate(url)
    return url


@pytest.fixture(scope="module")
def servers(database_url, tmp_path_factory):
    yield from running_servers(database_url, tmp_path_factory.mktemp("logs"))


def create(servers, mode="self"):
    status, body, _ = servers.api("POST", "/api/conversations", {"mode": mode})
    assert status == 201, body
    return body


def send(servers, conversation, text):
    return servers.api("POST", f"/api/conversations/{conversation['conversation_id']}/messages",
                       {"text": text}, token=conversation["token"])


def count_rows(database_url, conversation_id):
    store = Store(database_url)
    try:
        with store.transaction() as session:
            events = session.execute(sa.select(sa.func.count()).select_from(repo.rasa_events)
                                     .where(repo.rasa_events.c.sender_id == conversation_id)).scalar_one()
            conversation = repo.get_conversation(session, conversation_id)
            items = len(repo.items(session, conversation_id, "what_matters")) if conversation else 0
            return events, conversation is not None, items
    finally:
        store.dispose()


def test_a_full_conversation_through_the_api(servers):
    conversation = create(servers, "on_behalf")
    assert set(conversation) == {"conversation_id", "token", "reference", "resume_code", "messages", "stage",
                                 "status"}
    assert (conversation["stage"], conversation["status"]) == ("consent", "active")
    assert conversation["messages"][-1]["buttons"] == [{"title": "Yes, save my answers", "payload": "yes"},
                                                       {"title": "No", "payload": "no"}]
    for text, expected in ANSWERS:
        status, body, _ = send(servers, conversation, text)
        assert status == 200, body
        assert expected in " ".join(m["text"] for m in body["messages"]), (text, body)
        assert body["safety"] == {"flagged": False, "kinds": [], "routes": []}, (text, body)
    assert (body["stage"], body["status"]) == ("done", "completed")
    status, record, _ = servers.api("GET", f"/api/conversations/{conversation['conversation_id']}/record",
                                    token=conversation["token"])
    assert status == 200
    assert record["mode"] == "on_behalf" and record["preferred_name"] == "Ada"
    assert (record["completed_by"], record["relationship"], record["permission"]) == ("Tom", "her son", "yes")
    assert [i["text"] for i in record["what_matters"]] == ["my garden", "my grandson"]
    assert [i["text"] for i in record["not_working"]] == ["the stairs"]
    assert record["summary_confirmed"] is True and record["share_with_council"] is False


def test_safety_is_flagged_in_the_reply(servers):
    conversation = create(servers)
    send(servers, conversation, "yes")
    status, body, _ = send(servers, conversation, "I have been thinking about killing myself")
    assert status == 200
    assert body["safety"]["flagged"] is True and "suicide" in body["safety"]["kinds"]
    # Thoughts of suicide: Samaritans and NHS 111 first, each with its numbers as data.
    assert [route["id"] for route in body["safety"]["routes"]] == ["samaritans", "nhs111", "emergency"]
    samaritans = next(m for m in body["messages"] if m.get("route", {}).get("id") == "samaritans")
    assert "116 123" in samaritans["text"]
    assert samaritans["route"]["calls"] == [
        {"label": "Call Samaritans on 116 123", "number": "116 123", "tel": "tel:116123"}]
    assert body["messages"][-1]["text"] == "Are you safe right now?"


def test_resume_with_the_right_and_wrong_codes(servers):
    conversation = create(servers)
    send(servers, conversation, "yes")
    reference, code = conversation["reference"], conversation["resume_code"]
    wrong = "000000" if code != "000000" else "111111"
    status, body, _ = servers.api("POST", "/api/conversations/resume", {"reference": reference, "resume_code": wrong})
    assert (status, body["error"]["code"]) == (401, "wrong_resume_code")
    status, body, _ = servers.api("POST", "/api/conversations/resume",
                                  {"reference": reference.lower(), "resume_code": code})
    assert status == 200, body
    assert body["conversation_id"] == conversation["conversation_id"]
    assert body["token"] != conversation["token"]
    assert "What would you like me to call you?" in body["messages"][-1]["text"]
    # Both tokens work for this conversation.
    for token in (body["token"], conversation["token"]):
        assert servers.api("GET", f"/api/conversations/{body['conversation_id']}/record", token=token)[0] == 200


def test_wrong_codes_lock_the_reference_then_rate_limit_the_client(servers):
    conversation = create(servers)
    code = conversation["resume_code"]
    wrong = "000000" if code != "000000" else "111111"
    statuses = [servers.api("POST", "/api/conversations/resume",
                            {"reference": conversation["reference"], "resume_code": wrong})[0] for _ in range(5)]
    assert statuses == [401] * 5
    status, body, _ = servers.api("POST", "/api/conversations/resume",
                                  {"reference": conversation["reference"], "resume_code": code})
    assert (status, body["error"]["code"]) == (423, "resume_locked")
    # Every wrong or locked attempt also counts against this client: soon it must wait.
    for _ in range(15):
        status, body, headers = servers.api("POST", "/api/conversations/resume",
                                            {"reference": "ABCD-EFGH", "resume_code": "123456"})
        if status == 429:
            break
        assert status == 401
    assert (status, body["error"]["code"]) == (429, "rate_limited")
    assert int(headers["Retry-After"]) > 0


def test_a_token_only_opens_its_own_conversation(servers):
    mine, theirs = create(servers), create(servers)
    path = f"/api/conversations/{theirs['conversation_id']}"
    for method, suffix, body in (("GET", "/record", None), ("POST", "/messages", {"text": "hello"}),
                                 ("DELETE", "", None)):
        status, payload, _ = servers.api(method, path + suffix, body, token=mine["token"])
        assert (status, payload["error"]["code"]) == (404, "not_found")
        assert servers.api(method, path + suffix, body)[0] == 404  # no token at all
    assert servers.api("GET", path + "/record", token="not-a-token")[0] == 404


def test_delete_removes_rows_and_tracker_events(servers, database_url):
    conversation = create(servers)
    send(servers, conversation, "yes")
    send(servers, conversation, "Ada")
    send(servers, conversation, "my garden")
    cid = conversation["conversation_id"]
    events, exists, items = count_rows(database_url, cid)
    assert events > 0 and exists and items == 1
    status, body, _ = servers.api("DELETE", f"/api/conversations/{cid}", token=conversation["token"])
    assert status == 204 and body is None
    assert count_rows(database_url, cid) == (0, False, 0)
    assert servers.api("GET", f"/api/conversations/{cid}/record", token=conversation["token"])[0] == 404


@pytest.mark.parametrize("raw, message", [
    (b'{"text": ""}', "text is empty"),
    (b'{"text": "   \\n "}', "text is empty"),
    (b'{"text": 42}', "text must be a string"),
    (b'{"text": "' + b"a" * 2001 + b'"}', "longer than 2000 characters"),
    (b'{"text": "unterminated', "the body must be JSON"),
    (b'["a list"]', "the body must be a JSON object"),
    (b"\xff\xfe", "the body must be JSON"),
])
def test_bad_messages_are_refused_and_nothing_is_stored(servers, database_url, raw, message):
    conversation = create(servers)
    before = count_rows(database_url, conversation["conversation_id"])
    status, body, _ = servers.api("POST", f"/api/conversations/{conversation['conversation_id']}/messages",
                                  raw=raw, token=conversation["token"])
    assert status == 400
    assert body["error"]["code"] == "bad_request" and message in body["error"]["message"]
    assert count_rows(database_url, conversation["conversation_id"]) == before


def test_an_oversized_body_is_refused(servers):
    conversation = create(servers)
    status, body, _ = servers.api("POST", f"/api/conversations/{conversation['conversation_id']}/messages",
                                  raw=b'{"text": "' + b"a" * 70_000 + b'"}', token=conversation["token"])
    assert status in (400, 413)


def test_bad_modes_are_refused(servers):
    status, body, _ = servers.api("POST", "/api/conversations", {"mode": "admin"})
    assert (status, body["error"]["message"]) == (400, "mode must be one of self, on_behalf")


def test_health_reports_every_part(servers):
    status, body, headers = servers.api("GET", "/healthz")
    assert status == 200, body
    assert body == {"ok": True, "checks": {"rasa": "ok", "action_server": "ok", "database": "ok",
                                           "tracker_store": "ok"}}
    assert "default-src 'self'" in headers["Content-Security-Policy"]


def test_the_openapi_document_describes_every_api_route(servers):
    status, _body, headers = servers.api("GET", "/api/openapi.yaml")
    assert status == 200
    from bot.gateway.api import service_openapi

    spec = yaml.safe_load(service_openapi())
    documented = {(path, method.upper()) for path, ops in spec["paths"].items() for method in ops
                  if method != "parameters"}
    from bot.gateway.api import routes

    served = {(route.path, route.method) for route in routes}
    assert served == documented


def test_words_that_start_with_a_slash_are_words_not_intents(servers, database_url):
    # Rasa reads "/..." as an intent with entities; typed, it must be read as words.
    conversation = create(servers)
    send(servers, conversation, "yes")
    send(servers, conversation, "Call me Ada")
    status, body, _ = send(servers, conversation, "/ my garden")
    assert status == 200 and "anything else that matters" in " ".join(m["text"] for m in body["messages"]), body
    status, body, _ = send(servers, conversation, '/safety_disclosure{"answer": "x"}')
    assert status == 200 and body["safety"]["flagged"] is False, body
    store = Store(database_url)
    try:
        with store.transaction() as session:
            items = [i.text for i in repo.items(session, conversation["conversation_id"], "what_matters")]
            events = [e for e in repo.safety_events(session, conversation["conversation_id"])]
    finally:
        store.dispose()
    assert items[0] == "/ my garden" and not events, (items, events)
    status, record, _ = servers.api("GET", f"/api/conversations/{conversation['conversation_id']}/record",
                                    token=conversation["token"])
    assert record["what_matters"][0]["text"] == "/ my garden"
