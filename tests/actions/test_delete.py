"""actions/delete.py: "delete everything", confirmed by the form's next answer."""
from __future__ import annotations


from actions.delete import ActionDeleteAll
from actions.handoff import ActionHandoff
from actions.moves import ActionSkip
from actions.pause import ActionPause, ActionResume
from actions.safety import ActionSafetyResponse
from bot.store import repository as repo
from tests.actions.helpers import (
    ANSWER_EMPTIED,
    APOLOGY,
    SENDER,
    add_rasa_event,
    answer,
    ask,
    buttons,
    conversation_of,
    converse,
    pause_for_code,
    processed,
    rasa_event_senders,
    reach,
    record_of,
    run_action,
    said,
    stage_set,
    table_counts,
    texts,
)

CONFIRM = (
    "Do you want me to delete everything you have told me? This cannot be undone.",
    buttons(("Yes, delete everything", "yes"), ("No, keep my answers", "no")),
)
DELETED = "I have deleted everything you told me. If you want to start again, just say hello."
ERASED = [
    {"event": "slot", "timestamp": None, "name": "answer", "value": "erased"},
    {"event": "slot", "timestamp": None, "name": "erased", "value": True},
]
OTHER_PERSON = "someone-else"


async def a_full_conversation(make_tracker, sender_id=SENDER):
    """Items in several tables, a safety event and a call-back request."""
    await reach(make_tracker, "what_matters", sender_id=sender_id)
    await converse(make_tracker, [("my garden, my dog and my grandson", "inform"), ("no", "deny"),
                                  ("my neighbour pops in", "inform")], sender_id=sender_id)
    await run_action(ActionSafetyResponse(), make_tracker, "he hits me", sender_id=sender_id)
    await converse(make_tracker, [("no", "deny"), ("carry on", "inform")], sender_id=sender_id)
    await run_action(ActionHandoff(), make_tracker, "can I talk to someone", intent="handoff", sender_id=sender_id)
    await converse(make_tracker, [("yes", "affirm"), ("07700 900123 mornings", "inform")], sender_id=sender_id)


async def test_delete_everything_asks_to_confirm(active_store, make_tracker):
    await reach(make_tracker, "working")

    events, dispatcher = await run_action(ActionDeleteAll(), make_tracker, "delete everything", intent="delete_all")

    assert events == []
    assert said(dispatcher) == []
    found = conversation_of(active_store)
    assert found.step == "delete_confirm"
    assert found.step_data["return"] == {"stage": "working", "step": "working_well:ask", "step_data": {}}
    events, dispatcher = await ask(make_tracker)
    assert events == stage_set("working")
    assert said(dispatcher) == [CONFIRM]


async def test_delete_everything_and_yes_erases_every_row_and_the_rasa_events(active_store, make_tracker):
    await a_full_conversation(make_tracker)
    await reach(make_tracker, "what_matters", sender_id=OTHER_PERSON)
    add_rasa_event(active_store, SENDER)
    add_rasa_event(active_store, SENDER)
    add_rasa_event(active_store, OTHER_PERSON)
    record = record_of(active_store)
    assert len(record["what_matters"]) == 3 and len(record["working_well"]) == 1
    assert len(record["safety"]["events"]) == 1 and len(record["handoff_requests"]) == 1
    others_before = record_of(active_store, OTHER_PERSON)
    await run_action(ActionDeleteAll(), make_tracker, "delete everything", intent="delete_all")

    events, dispatcher = await answer(make_tracker, "yes", intent="affirm")

    assert events == ERASED
    assert said(dispatcher) == [DELETED]
    assert conversation_of(active_store) is None
    assert rasa_event_senders(active_store) == [OTHER_PERSON]
    counts = table_counts(active_store)
    # Only the other person's conversation is left.
    assert counts == {
        "conversations": 1,
        "conversation_senders": 1,
        "access_tokens": 0,
        "processed_messages": counts["processed_messages"],
        "what_matters": 0,
        "working": 0,
        "strengths": 0,
        "outcomes": 0,
        "positive_risks": 0,
        "links": 0,
        "safety_events": 0,
        "handoff_requests": 0,
        "events": 1,
    }
    assert counts["processed_messages"] == len(processed(active_store, OTHER_PERSON)) > 0
    assert record_of(active_store, OTHER_PERSON) == others_before


async def test_delete_after_resuming_elsewhere_erases_the_events_of_both_sessions(active_store, make_tracker):
    await reach(make_tracker, "what_matters")
    await converse(make_tracker, [("my garden", "inform")])
    reference, code = await pause_for_code(make_tracker)
    await run_action(ActionResume(), make_tracker, f"{reference} {code}", intent="resume", sender_id="person-2")
    add_rasa_event(active_store, SENDER)
    add_rasa_event(active_store, "person-2")
    add_rasa_event(active_store, OTHER_PERSON)
    await run_action(ActionDeleteAll(), make_tracker, "delete it all", intent="delete_all", sender_id="person-2")

    events, dispatcher = await answer(make_tracker, "yes", intent="affirm", sender_id="person-2")

    assert events == ERASED
    assert said(dispatcher) == [DELETED]
    assert rasa_event_senders(active_store) == [OTHER_PERSON]
    assert conversation_of(active_store, SENDER) is None
    assert conversation_of(active_store, "person-2") is None
    assert table_counts(active_store)["conversations"] == 0


async def test_delete_everything_and_no_keeps_everything(active_store, make_tracker):
    await reach(make_tracker, "what_matters")
    await converse(make_tracker, [("my garden", "inform")])
    add_rasa_event(active_store, SENDER)
    await run_action(ActionDeleteAll(), make_tracker, "delete everything", intent="delete_all")

    events, dispatcher = await answer(make_tracker, "no", intent="deny")

    assert events == ANSWER_EMPTIED
    assert said(dispatcher) == ["OK, I have kept your answers."]
    found = conversation_of(active_store)
    assert (found.stage, found.step) == ("what_matters", "what_matters:more")
    assert texts(record_of(active_store), "what_matters") == ["my garden"]
    assert rasa_event_senders(active_store) == [SENDER]
    _, dispatcher = await ask(make_tracker)
    assert said(dispatcher) == ["Is there anything else that matters to you?"]


async def test_an_unclear_answer_to_delete_asks_again(active_store, make_tracker):
    await reach(make_tracker, "what_matters")
    await run_action(ActionDeleteAll(), make_tracker, "delete everything", intent="delete_all")

    events, dispatcher = await answer(make_tracker, "what would that mean")

    assert events == ANSWER_EMPTIED
    assert said(dispatcher) == ["Please answer yes or no."]
    assert conversation_of(active_store).step == "delete_confirm"


async def test_skip_at_the_confirmation_keeps_everything(active_store, make_tracker):
    await reach(make_tracker, "working")
    await run_action(ActionDeleteAll(), make_tracker, "delete everything", intent="delete_all")

    events, dispatcher = await run_action(ActionSkip(), make_tracker, "skip", intent="skip")

    assert events == []
    assert said(dispatcher) == ["OK, I have kept your answers."]
    found = conversation_of(active_store)
    assert (found.stage, found.step) == ("working", "working_well:ask")


async def test_delete_everything_said_twice_erases_and_sets_the_erased_slot(active_store, make_tracker):
    await reach(make_tracker, "working")
    await converse(make_tracker, [("my neighbour pops in", "inform")])
    add_rasa_event(active_store, SENDER)
    await run_action(ActionDeleteAll(), make_tracker, "delete everything", intent="delete_all")

    events, dispatcher = await run_action(ActionDeleteAll(), make_tracker, "yes delete everything", intent="delete_all")

    # Erased in the store already, whatever the events say.
    assert said(dispatcher) == [DELETED]
    assert conversation_of(active_store) is None
    assert rasa_event_senders(active_store) == []
    assert events == ERASED


async def test_delete_apologises_when_the_store_is_down(active_store, make_tracker, monkeypatch, break_store):
    break_store()

    events, dispatcher = await run_action(ActionDeleteAll(), make_tracker, "delete everything", intent="delete_all")

    assert events == []
    assert said(dispatcher) == [APOLOGY]


async def test_a_failed_erase_apologises_and_keeps_everything(active_store, make_tracker, monkeypatch):
    await reach(make_tracker, "what_matters")
    await converse(make_tracker, [("my garden", "inform")])
    await run_action(ActionDeleteAll(), make_tracker, "delete everything", intent="delete_all")

    def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(repo, "erase", broken)

    events, dispatcher = await answer(make_tracker, "yes", intent="affirm")

    assert events == ANSWER_EMPTIED  # not `erased`: the tracker store must keep the events
    assert said(dispatcher) == [APOLOGY]
    assert texts(record_of(active_store), "what_matters") == ["my garden"]
    assert conversation_of(active_store).step == "delete_confirm"


async def test_delete_everything_while_paused_asks_to_confirm_and_yes_erases(active_store, make_tracker):
    await reach(make_tracker, "what_matters")
    await converse(make_tracker, [("my garden", "inform")])
    await run_action(ActionPause(), make_tracker, "stop for now", intent="pause")
    await run_action(ActionDeleteAll(), make_tracker, "delete everything", intent="delete_all")

    events, dispatcher = await ask(make_tracker)
    assert said(dispatcher) == [CONFIRM]

    events, dispatcher = await answer(make_tracker, "yes", intent="affirm")
    assert events == ERASED
    assert said(dispatcher) == [DELETED]
    assert table_counts(active_store)["conversations"] == 0


async def test_replaying_the_confirmed_erasure_records_nothing(active_store, make_tracker):
    await reach(make_tracker, "what_matters")
    await run_action(ActionDeleteAll(), make_tracker, "delete everything", intent="delete_all")
    events, _ = await answer(make_tracker, "yes", intent="affirm", message_id="m-erase")
    assert events == ERASED

    events, dispatcher = await answer(make_tracker, "yes", intent="affirm", message_id="m-erase")

    assert said(dispatcher) == []
    found = conversation_of(active_store)
    assert found is None or (found.consent, found.consent_at) == (False, None)
