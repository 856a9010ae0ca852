"""actions/handoff.py: "can I talk to a person?" and the call-back offer."""
from __future__ import annotations

from actions.handoff import ActionHandoff
from bot.store import repository as repo
from tests.actions.helpers import (
    ANSWER_EMPTIED,
    APOLOGY,
    answer,
    ask,
    buttons,
    conversation_of,
    reach,
    record_of,
    run_action,
    said,
    stage_set,
    start,
    table_counts,
)

HANDOFF_INFO = "You can talk to someone at Testshire Council on 01632 960 111 (weekdays 9 to 5)."
CALL_BACK_QUESTION = (
    "Would you like someone from the council to call you back?",
    buttons(("Yes, please call me", "yes"), ("No, thank you", "no")),
)
CONTACT_QUESTION = "What phone number should they call, and when is a good time?"
DECLINED = "OK. You can call them yourself any time in their opening hours."


async def ask_for_a_person(make_tracker, **kwargs):
    return await run_action(ActionHandoff(), make_tracker, "can I talk to a real person", intent="handoff", **kwargs)


async def test_handoff_gives_the_number_and_offers_a_call_back(active_store, make_tracker):
    await reach(make_tracker, "working")

    events, dispatcher = await ask_for_a_person(make_tracker)

    assert events == []
    assert said(dispatcher) == [HANDOFF_INFO]
    found = conversation_of(active_store)
    assert found.step == "handoff_consent"
    assert found.step_data["return"] == {"stage": "working", "step": "working_well:ask", "step_data": {}}
    events, dispatcher = await ask(make_tracker)
    assert events == stage_set("working")
    assert said(dispatcher) == [CALL_BACK_QUESTION]


async def test_handoff_yes_and_contact_stores_a_call_back_request(active_store, make_tracker):
    await reach(make_tracker, "working")
    await ask_for_a_person(make_tracker)

    events, dispatcher = await answer(make_tracker, "yes", intent="affirm")
    assert events == ANSWER_EMPTIED
    assert said(dispatcher) == []
    _, dispatcher = await ask(make_tracker)
    assert said(dispatcher) == [CONTACT_QUESTION]

    events, dispatcher = await answer(make_tracker, "07700 900123, weekday mornings", message_id="m-contact")
    assert events == ANSWER_EMPTIED
    assert said(dispatcher) == ['Thank you. I have asked the council to call you back: "07700 900123, weekday mornings".']

    record = record_of(active_store)
    assert [{key: row[key] for key in ("contact", "stage", "status")} for row in record["handoff_requests"]] == [
        {"contact": "07700 900123, weekday mornings", "stage": "working", "status": "requested"}
    ]
    assert record["handoff_requests"][0]["at"] is not None
    assert (record["stage"], conversation_of(active_store).step) == ("working", "working_well:ask")
    # Nothing of the call-back was taken as an answer to the interview.
    assert record["working_well"] == []
    _, dispatcher = await ask(make_tracker)
    assert said(dispatcher) == ["What is working well for you at the moment?"]


async def test_replaying_the_contact_stores_one_request(active_store, make_tracker):
    await reach(make_tracker, "working")
    await ask_for_a_person(make_tracker)
    await answer(make_tracker, "yes", intent="affirm")
    await answer(make_tracker, "07700 900123", message_id="m-contact")

    events, dispatcher = await answer(make_tracker, "07700 900123", message_id="m-contact")

    assert events == ANSWER_EMPTIED
    assert said(dispatcher) == []
    assert table_counts(active_store)["handoff_requests"] == 1
    assert record_of(active_store)["working_well"] == []


async def test_handoff_no_stores_no_request(active_store, make_tracker):
    await reach(make_tracker, "working")
    await ask_for_a_person(make_tracker)

    events, dispatcher = await answer(make_tracker, "no thanks", intent="deny")

    assert events == ANSWER_EMPTIED
    assert said(dispatcher) == [DECLINED]
    assert record_of(active_store)["handoff_requests"] == []
    assert conversation_of(active_store).step == "working_well:ask"


async def test_changing_your_mind_at_the_contact_question(active_store, make_tracker):
    await reach(make_tracker, "working")
    await ask_for_a_person(make_tracker)
    await answer(make_tracker, "yes", intent="affirm")

    events, dispatcher = await answer(make_tracker, "no", intent="deny")

    assert said(dispatcher) == [DECLINED]
    assert record_of(active_store)["handoff_requests"] == []
    assert conversation_of(active_store).step == "working_well:ask"


async def test_handoff_before_consent_gives_the_number_only(active_store, make_tracker):
    await start(make_tracker)

    events, dispatcher = await ask_for_a_person(make_tracker)

    assert events == []
    assert said(dispatcher) == [
        HANDOFF_INFO,
        "I can only ask them to call you if you let me save your answers. "
        "You can call them yourself on the number above.",
    ]
    assert conversation_of(active_store).step == "consent:ask"


async def test_handoff_as_the_very_first_message(active_store, make_tracker):
    events, dispatcher = await ask_for_a_person(make_tracker, sender_id="newcomer")

    assert events == []
    assert said(dispatcher)[0] == HANDOFF_INFO
    found = conversation_of(active_store, "newcomer")
    assert (found.step, found.consent) == ("consent:ask", False)


async def test_handoff_apologises_when_the_store_is_down(active_store, make_tracker, monkeypatch, break_store):
    break_store()

    events, dispatcher = await ask_for_a_person(make_tracker)

    assert events == []
    assert said(dispatcher) == [APOLOGY]


async def test_a_failed_request_apologises_and_stores_nothing(active_store, make_tracker, monkeypatch):
    await reach(make_tracker, "working")
    await ask_for_a_person(make_tracker)
    await answer(make_tracker, "yes", intent="affirm")

    def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(repo, "add_handoff_request", broken)

    events, dispatcher = await answer(make_tracker, "07700 900123")

    assert events == ANSWER_EMPTIED
    assert said(dispatcher) == [APOLOGY]
    assert table_counts(active_store)["handoff_requests"] == 0
    assert conversation_of(active_store).step == "handoff_contact"
