"""actions/start.py: ActionStart, the first message of a conversation."""
from __future__ import annotations

from actions.pause import ActionPause
from actions.start import ActionStart
from bot.store import repository as repo
from tests.actions.helpers import (
    APOLOGY,
    SENDER,
    conversation_of,
    processed,
    reach,
    run_action,
    said,
    start,
    table_counts,
)

INTRO = (
    "Hello. I am here to help you tell us what matters to you and what is strong in your life. "
    "This is not a test, and there are no wrong answers. It takes about 20 minutes. You can skip any "
    "question, ask why I am asking, go back, or stop and come back later. "
    'Type "help" at any time to see what you can say.'
)


async def test_a_new_person_gets_the_introduction_and_a_conversation(active_store, make_tracker):
    events, dispatcher = await run_action(ActionStart(), make_tracker, "hi there", intent="greet", message_id="m-1")

    assert events == []
    assert said(dispatcher) == [INTRO]
    found = conversation_of(active_store)
    assert (found.stage, found.step, found.status, found.consent, found.mode) == (
        "consent", "consent:ask", "active", False, "self"
    )
    assert found.preferred_name is None
    with active_store.transaction() as session:
        assert repo.senders_of(session, found.id) == [SENDER]
    assert processed(active_store) == [("m-1", "action_start")]
    assert table_counts(active_store)["conversations"] == 1


async def test_a_first_message_that_is_an_answer_still_gets_the_introduction(active_store, make_tracker):
    events, dispatcher = await run_action(ActionStart(), make_tracker, "my garden", intent="inform")

    assert events == []
    assert said(dispatcher) == [INTRO]
    assert conversation_of(active_store).step == "consent:ask"


async def test_replaying_the_start_says_nothing_and_creates_nothing(active_store, make_tracker):
    await run_action(ActionStart(), make_tracker, "hello", intent="greet", message_id="m-1")

    events, dispatcher = await run_action(ActionStart(), make_tracker, "hello", intent="greet", message_id="m-1")

    assert events == []
    assert said(dispatcher) == []
    assert table_counts(active_store)["conversations"] == 1


async def test_an_existing_conversation_is_greeted_not_restarted(active_store, make_tracker):
    await reach(make_tracker, "working")

    events, dispatcher = await start(make_tracker)

    assert events == []
    assert said(dispatcher) == ["Hello. Let us carry on."]
    found = conversation_of(active_store)
    assert (found.stage, found.step, found.consent) == ("working", "working_well:ask", True)
    assert table_counts(active_store)["conversations"] == 1


async def test_a_paused_conversation_is_welcomed_back_and_reopened(active_store, make_tracker):
    await reach(make_tracker, "working")
    await run_action(ActionPause(), make_tracker, "stop for now", intent="pause")
    assert conversation_of(active_store).status == "paused"

    events, dispatcher = await start(make_tracker)

    assert events == []
    assert said(dispatcher) == ["Welcome back. Let us carry on where you left off."]
    assert conversation_of(active_store).status == "active"


async def test_start_apologises_when_the_store_is_down(active_store, make_tracker, monkeypatch, break_store):
    break_store()

    events, dispatcher = await start(make_tracker)

    assert events == []
    assert said(dispatcher) == [APOLOGY]


async def test_start_apologises_and_creates_nothing_when_a_write_fails(active_store, make_tracker, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(repo, "claim_message", broken)

    events, dispatcher = await start(make_tracker)

    assert events == []
    assert said(dispatcher) == [APOLOGY]
    assert table_counts(active_store)["conversations"] == 0
