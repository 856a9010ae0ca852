"""actions/safety.py: the safety response, at any stage, whatever the NLU said."""
from __future__ import annotations

import pytest

from actions.safety import ActionSafetyResponse
from bot.store import repository as repo
from tests.actions.helpers import (
    ANSWER_EMPTIED,
    PAUSED,
    answer,
    ask,
    buttons,
    conversation_of,
    converse,
    reach,
    record_of,
    run_action,
    said,
    stage_set,
    start,
    table_counts,
)

SORRY = "I am sorry you are going through this. What you said sounds serious, and your safety comes first."
CALL_999 = "If you or someone else is in danger now, call 999. If you cannot speak, use text relay on 18000."
MENTAL_HEALTH = (
    "For urgent mental health help, call NHS 111 and choose option 2, or call Samaritans free on 116 123, any time."
)
SAFEGUARDING = (
    "To tell someone about abuse or neglect, call Testshire Council safeguarding on 01632 960 222 "
    "(weekdays 8 to 6). Out of hours, call 01632 960 333."
)
PASS_ON_QUESTION = (
    "Do you want us to pass what you told me on to the council's safeguarding team, so they can help?",
    buttons(("Yes, pass it on", "yes"), ("No", "no")),
)
CONTINUE_QUESTION = (
    "Would you like to carry on, or stop for now?",
    buttons(("Carry on", "carry on"), ("Stop for now", "stop for now")),
)


async def disclose(make_tracker, text, intent="inform", **kwargs):
    return await run_action(ActionSafetyResponse(), make_tracker, text, intent=intent, **kwargs)


def safety_of(store, sender_id="person-1"):
    record = record_of(store, sender_id)
    return record["safety"]["flagged"], [
        {key: event[key] for key in ("message", "stage", "matched", "pass_on")} for event in record["safety"]["events"]
    ]


@pytest.mark.parametrize("nlu_intent", ["inform", "chitchat", "safety_disclosure"])
async def test_safety_response_stores_the_message_and_flags_whatever_the_nlu_said(
    active_store, make_tracker, nlu_intent
):
    await reach(make_tracker, "what_matters")

    events, dispatcher = await disclose(make_tracker, "my son hits me when he has been drinking", intent=nlu_intent)

    assert events == []
    # Abuse: the safeguarding line comes before the mental health line.
    assert said(dispatcher) == [SORRY, CALL_999, SAFEGUARDING, MENTAL_HEALTH]
    assert safety_of(active_store) == (
        True,
        [{"message": "my son hits me when he has been drinking", "stage": "what_matters", "matched": "abuse",
          "pass_on": None}],
    )
    assert record_of(active_store)["safety"]["events"][0]["at"] is not None
    found = conversation_of(active_store)
    assert found.step == "safety_pass_on"
    assert found.step_data["return"] == {"stage": "what_matters", "step": "what_matters:ask", "step_data": {}}
    # The words are not stored as an answer.
    assert record_of(active_store)["what_matters"] == []
    events, dispatcher = await ask(make_tracker)
    assert events == stage_set("what_matters")
    assert said(dispatcher) == [PASS_ON_QUESTION]


async def test_a_disclosure_the_backstop_does_not_recognise_is_still_stored(active_store, make_tracker):
    await reach(make_tracker, "working")

    events, dispatcher = await disclose(make_tracker, "I cannot cope any more and nobody cares", intent="inform")

    assert events == []
    assert said(dispatcher) == [SORRY, CALL_999, MENTAL_HEALTH, SAFEGUARDING]
    assert safety_of(active_store) == (
        True,
        [{"message": "I cannot cope any more and nobody cares", "stage": "working", "matched": None, "pass_on": None}],
    )


async def test_suicide_puts_the_mental_health_line_first(active_store, make_tracker):
    await reach(make_tracker, "what_matters")

    events, dispatcher = await disclose(make_tracker, "my carer takes my money and I want to die")

    assert said(dispatcher) == [SORRY, CALL_999, MENTAL_HEALTH, SAFEGUARDING]
    assert safety_of(active_store)[1][0]["matched"] == "suicide, abuse"


async def test_safety_before_consent_is_still_flagged(active_store, make_tracker):
    await start(make_tracker)

    events, dispatcher = await disclose(make_tracker, "I want to die")

    assert events == []
    assert said(dispatcher) == [SORRY, CALL_999, MENTAL_HEALTH, SAFEGUARDING]
    assert safety_of(active_store) == (
        True, [{"message": "I want to die", "stage": "consent", "matched": "suicide", "pass_on": None}]
    )


async def test_safety_as_the_very_first_message(active_store, make_tracker):
    events, dispatcher = await disclose(make_tracker, "he hits me", sender_id="newcomer")

    assert events == []
    assert said(dispatcher) == [SORRY, CALL_999, SAFEGUARDING, MENTAL_HEALTH]
    assert safety_of(active_store, "newcomer")[0] is True


async def test_replaying_a_disclosure_stores_one_event_and_still_gives_help(active_store, make_tracker):
    await reach(make_tracker, "what_matters")
    await disclose(make_tracker, "he hits me", message_id="m-safety")

    events, dispatcher = await disclose(make_tracker, "he hits me", message_id="m-safety")

    assert events == []
    assert said(dispatcher) == [SORRY, CALL_999, SAFEGUARDING, MENTAL_HEALTH]
    assert table_counts(active_store)["safety_events"] == 1
    assert conversation_of(active_store).step_data["return"]["step"] == "what_matters:ask"


async def test_pass_on_yes_then_carry_on(active_store, make_tracker):
    await reach(make_tracker, "what_matters")
    await disclose(make_tracker, "he hits me")

    events, dispatcher = await answer(make_tracker, "yes", intent="affirm")
    assert events == ANSWER_EMPTIED
    assert said(dispatcher) == ["Thank you. I have noted that you want us to pass this on."]
    assert safety_of(active_store)[1][0]["pass_on"] is True
    _, dispatcher = await ask(make_tracker)
    assert said(dispatcher) == [CONTINUE_QUESTION]

    events, dispatcher = await answer(make_tracker, "carry on")
    assert events == ANSWER_EMPTIED
    assert said(dispatcher) == ["Hello. Let us carry on."]
    found = conversation_of(active_store)
    assert (found.stage, found.step, found.status) == ("what_matters", "what_matters:ask", "active")
    assert record_of(active_store)["what_matters"] == []


async def test_pass_on_no_then_stop_pauses(active_store, make_tracker):
    await reach(make_tracker, "working")
    await disclose(make_tracker, "he hits me")

    events, dispatcher = await answer(make_tracker, "no", intent="deny")
    assert said(dispatcher) == ["OK. I will not pass it on. The numbers above are there if you need them."]
    assert safety_of(active_store)[1][0]["pass_on"] is False

    events, dispatcher = await answer(make_tracker, "stop for now")
    assert events == ANSWER_EMPTIED
    [text] = said(dispatcher)
    assert PAUSED.fullmatch(text).group(1) == record_of(active_store)["reference"]
    found = conversation_of(active_store)
    assert (found.status, found.step) == ("paused", "working_well:ask")


async def test_the_help_lines_are_sent_even_when_the_store_is_down(active_store, make_tracker, monkeypatch, break_store):
    break_store()

    events, dispatcher = await disclose(make_tracker, "he hits me")

    assert events == []
    assert said(dispatcher) == [SORRY, CALL_999, SAFEGUARDING, MENTAL_HEALTH]


async def test_the_help_lines_are_sent_when_storing_the_event_fails(active_store, make_tracker, monkeypatch):
    await reach(make_tracker, "what_matters")

    def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(repo, "add_safety_event", broken)

    events, dispatcher = await disclose(make_tracker, "I want to die")

    assert events == []
    assert said(dispatcher) == [SORRY, CALL_999, MENTAL_HEALTH, SAFEGUARDING]
    assert table_counts(active_store)["safety_events"] == 0
    assert conversation_of(active_store).safety_flag is False


async def test_after_declining_consent_the_pass_on_question_is_asked_before_it_is_answered(active_store, make_tracker):
    await start(make_tracker)
    await converse(make_tracker, [("no", "deny")])
    await disclose(make_tracker, "he hits me")

    events, dispatcher = await ask(make_tracker)

    assert said(dispatcher) == [PASS_ON_QUESTION]
