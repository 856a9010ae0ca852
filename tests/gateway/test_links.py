"""End to end with the sample directory: a person accepts a link, and the record holds
it with its Open Referral UK service id."""
from __future__ import annotations

import json

import pytest

from tests.servers import SAMPLE_DIRECTORY as SAMPLE, servers_with_the_sample_directory

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def servers(tmp_path_factory):
    yield from servers_with_the_sample_directory(tmp_path_factory, "links")


def test_a_person_accepts_a_link_and_it_is_in_the_record(servers):
    status, conversation, _ = servers.api("POST", "/api/conversations", {"mode": "self"})
    assert status == 201
    path = f"/api/conversations/{conversation['conversation_id']}"

    def say(text):
        status, body, _ = servers.api("POST", path + "/messages", {"text": text}, token=conversation["token"])
        assert status == 200, body
        return " ".join(m["text"] for m in body["messages"]), body

    say("yes")
    say("Ada")
    say("my allotment, the choir and seeing my grandson")
    reply, body = say("no")
    while body["stage"] != "links":
        reply, body = say("no")
    said = ("my allotment", "the choir", "seeing my grandson")
    assert "Would you like us to link you with them?" in reply
    assert any(f'You said "{text}"' in reply for text in said)
    reply, _ = say("yes please")
    assert "I have noted that you would like this" in reply
    say("no thanks")
    say("no thanks")
    reply, body = say("no")  # no more suggestions
    assert body["stage"] == "summary" and "Local groups and services you chose" in reply

    status, record, _ = servers.api("GET", path + "/record", token=conversation["token"])
    services = {service["id"]: service for service in json.loads(SAMPLE.read_text())}
    accepted = [link for link in record["links"] if link["status"] == "accepted"]
    assert len(accepted) == 1 and [link["status"] for link in record["links"]] == ["accepted", "declined", "declined"]
    link = accepted[0]
    assert link["service_id"] in services  # the ORUK id, as in the council's feed
    assert link["service_name"] == services[link["service_id"]]["name"]
    assert link["reason"] in [f'You said "{text}"' for text in said]
