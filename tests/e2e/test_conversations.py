"""End to end: the real Rasa server and action server (started with `python -m bot
serve`, as `make run` does), driven through the REST channel; then the record in the
database is checked item by item.
"""
from __future__ import annotations

import json
import uuid

import pytest

from bot.store import db as store_db
from bot.store import repository as repo
from bot.store.record import build_record

pytestmark = pytest.mark.e2e


def record_of(database_url: str, sender: str) -> dict:
    store = store_db.Store(database_url)
    try:
        with store.transaction() as session:
            conversation = repo.conversation_for_sender(session, sender)
            assert conversation is not None, f"no conversation for {sender}"
            return build_record(session, conversation.id)
    finally:
        store.dispose()


def tracker_event_count(database_url: str, sender: str) -> int:
    import sqlalchemy as sa

    store = store_db.Store(database_url)
    try:
        with store.transaction() as session:
            return session.execute(
                sa.select(sa.func.count()).select_from(repo.rasa_events).where(repo.rasa_events.c.sender_id == sender)
            ).scalar_one()
    finally:
        store.dispose()


def test_a_complete_conversation_lands_in_the_record(servers, database_url):
    me = f"e2e-{uuid.uuid4().hex[:8]}"
    script = [
        ("hello", "Before we start, is it OK to save your answers?"),
        ("yes", "Are you filling this in for yourself"),
        ("For myself", "What would you like me to call you?"),
        ("Call me Maggie", "What is important to you"),
        ("my garden, my dog Bella and seeing my grandson", "anything else that matters"),
        ("no", "What is working well"),
        ("My neighbour Pat pops in every day", "anything else that is going well"),
        ("no", "What is not working so well"),
        ("I can't manage the stairs any more", "anything else that is not working"),
        ("no", "What are you good at?"),
        ("I'm a good listener and I make a lovely Victoria sponge", "anything else you are good at"),
        ("no", "Who are the people who are important to you?"),
        ("my daughter Sarah, we have coffee on Sundays", "Would your daughter Sarah want to be involved"),
        ("yes", "anyone else who is important"),
        ("no", "What places, groups or communities"),
        ("the Tuesday lunch club at St Mary's", "anything else, like a place"),
        ("no", "what would be different for you?"),
        ("I'd like to get back to swimming at the leisure centre", "on a scale of 0 to 10"),
        ("3", "What number would you like to get to?"),
        ("8", "anything else you would like to be different"),
        ("no", "something you would like to do that you, or other people, worry about"),
        ("take the bus into town on my own", "What worries you"),
        ("my son worries I will get lost", "What would help you do it safely?"),
        ("having the bus times on my phone", "anything else you would like to do"),
        ("no", "Is this right?"),
        ("yes", "share this with the council"),
        ("yes", "How would you like the council to contact you?"),
        ("ring me on 07700 900123 after 10am", "contact you within 10 working days"),
    ]
    for text, expected in script:
        replies = servers.say(me, text)
        assert expected in " ".join(replies), f"{text!r} -> {replies}"

    record = record_of(database_url, me)
    assert (record["status"], record["stage"], record["mode"], record["consent"]) == ("completed", "done", "self", True)
    assert record["preferred_name"] == "Maggie"
    assert [i["text"] for i in record["what_matters"]] == ["my garden", "my dog Bella", "seeing my grandson"]
    assert [i["text"] for i in record["working_well"]] == ["My neighbour Pat pops in every day"]
    assert [i["text"] for i in record["not_working"]] == ["I can't manage the stairs any more"]
    assert [(s["category"], s["text"], s["who"], s["willing"]) for s in record["strengths"]] == [
        ("personal", "I'm a good listener and I make a lovely Victoria sponge", None, None),
        ("family", "my daughter Sarah, we have coffee on Sundays", "my daughter Sarah", "yes"),
        ("community", "the Tuesday lunch club at St Mary's", None, None),
    ]
    assert [(o["text"], o["scale_now"], o["scale_goal"]) for o in record["outcomes"]] == [
        ("I'd like to get back to swimming at the leisure centre", 3, 8)]
    assert [(r["activity"], r["concern"], r["safer"]) for r in record["positive_risks"]] == [
        ("take the bus into town on my own", "my son worries I will get lost", "having the bus times on my phone")]
    assert record["links"] == []
    assert record["safety"] == {"flagged": False, "events": []}
    assert record["summary_confirmed"] is True and record["share_with_council"] is True
    assert (record["contact_ok"], record["contact"]) == (True, "ring me on 07700 900123 after 10am")


def test_interruptions_safety_pause_restart_and_resume(servers, database_url):
    me = f"e2e-{uuid.uuid4().hex[:8]}"
    steps = [
        ("hi there", "is it OK to save your answers?"),
        ("why are you asking?", "I need your OK before I save anything"),
        ("yes that's fine", "for yourself"),
        ("for my mum, she said it's ok", "What is the name of the person you are filling this in for?"),
        ("skip", "how do you know the person you are helping?"),
        ("skip", "Does the person you are helping know you are doing this"),
        ("skip", "We can skip that"),
        ("I don't know", "For example"),
        ("Seeing my friends at the chapel and my cat Smudge", "anything else that matters"),
        ("help", 'You can also say: "skip"'),
        ("how are you today?", "computer helper"),
        ("no", "What is working well"),
        ("I want to change what matters to me", "1. Seeing my friends at the chapel and my cat Smudge"),
        ("remove 1", 'I have taken out: "Seeing my friends at the chapel and my cat Smudge"'),
        ("Doing the crossword every morning", "Doing the crossword every morning"),
        ("done", "What is working well"),
        ("my carer Jo is brilliant", "anything else that is going well"),
        ("My son takes my money and won't let me see anyone", "call 999"),
        ("yes please pass it on", "carry on, or stop for now"),
        ("carry on", "Shall I keep what you wrote as your answer?"),
        ("no", "anything else that is going well"),
        ("can I stop and come back later?", "your reference"),
    ]
    replies = []
    for text, expected in steps:
        replies = servers.say(me, text)
        assert expected in " ".join(replies), f"{text!r} -> {replies}"
    paused = " ".join(replies)
    reference = paused.split("your reference ")[1].split(" ")[0]
    code = paused.split("your code ")[1][:6]
    assert tracker_event_count(database_url, me) > 0

    record = record_of(database_url, me)
    assert (record["status"], record["stage"], record["mode"]) == ("paused", "working", "on_behalf")
    assert record["preferred_name"] is None
    assert [i["text"] for i in record["what_matters"]] == ["Doing the crossword every morning"]
    assert [i["text"] for i in record["working_well"]] == ["my carer Jo is brilliant"]
    [event] = record["safety"]["events"]
    assert record["safety"]["flagged"] is True
    assert (event["message"], event["stage"], event["pass_on"]) == (
        "My son takes my money and won't let me see anyone", "working", True)
    assert event["kept_as_answer"] is False
    for words in ("why are you asking", "skip", "help", "how are you", "remove 1", "carry on", "come back later"):
        assert words not in json.dumps(record).lower()

    # The servers restart; the person comes back in a new session with the code.
    servers.stop()
    servers.start()
    again = f"e2e-{uuid.uuid4().hex[:8]}"
    replies = servers.say(again, f"I'd like to carry on, my reference is {reference} and my code is {code}")
    assert "Welcome back" in " ".join(replies) and "anything else that is going well" in replies[-1], replies
    servers.say(again, "no")
    servers.say(again, "The bus doesn't come to our village")
    replies = servers.say(again, "I'd like to delete everything")
    assert "delete everything you have told me" in " ".join(replies)
    servers.say(again, "no")
    record = record_of(database_url, again)
    assert record["id"] == record_of(database_url, me)["id"]
    assert record["status"] == "active"
    assert [i["text"] for i in record["not_working"]] == ["The bus doesn't come to our village"]

    # Delete everything: the record, its items and both sessions' tracker events go.
    servers.say(again, "delete everything please")
    replies = servers.say(again, "yes")
    assert "I have deleted everything" in " ".join(replies)
    assert tracker_event_count(database_url, me) == 0
    assert tracker_event_count(database_url, again) == 0
    store = store_db.Store(database_url)
    with store.transaction() as session:
        assert repo.get_conversation(session, record["id"]) is None
    store.dispose()
    replies = servers.say(again, "hello")
    assert "is it OK to save your answers?" in " ".join(replies)
