"""actions/safety.py: the safety response, at any stage, whatever the NLU said, with
help that fits the risk, and a false alarm that costs the person nothing."""
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
    routes,
    run_action,
    said,
    stage_set,
    start,
    table_counts,
)

SORRY = "I am sorry you are going through this. What you said sounds serious, and your safety comes first."
ABUSE = ("Thank you for telling me. What you said sounds serious. No one should hurt you, frighten you or "
         "control you.")
SUICIDE = ("Thank you for telling me. I am so sorry you are feeling like this. You matter, and you do not have "
           "to cope with this alone.")
FALL = "If you or someone else has fallen and cannot get up, please get help now. Try not to move if you are hurt."
CALL_999 = "If you or someone else is in danger now, call 999. If you cannot speak, use text relay on 18000."
CALL_999_NOW = "Call 999 now. If you cannot speak, use text relay on 18000."
SAMARITANS = "You can call Samaritans free on 116 123, any time, day or night. They will listen."
NHS_111 = "For urgent mental health help, call NHS 111 and choose option 2."
SAFEGUARDING = (
    "To tell someone about abuse or neglect, call Testshire Council safeguarding on 01632 960 222 "
    "(weekdays 8 to 6). Out of hours, call 01632 960 333."
)
PASSED_ON = "The Testshire safeguarding team will call you within one working day."
EXPLAINED = f"If you want, I can pass this on to Testshire Council. {PASSED_ON}"
NOT_MEANT = ("That is not what I meant", "that is not what I meant")
PASS_ON_QUESTION = (
    "Do you want me to pass what you told me on to the council, so they can help?",
    buttons(("Yes, pass it on", "yes"), ("No", "no"), NOT_MEANT),
)
SAFE_NOW_QUESTION = (
    "Are you safe right now?",
    buttons(("Yes, safe right now", "yes"), ("No, not safe", "no"), NOT_MEANT),
)
CONTINUE_QUESTION = (
    "Would you like to carry on, or stop for now?",
    buttons(("Carry on", "carry on"), ("Stop for now", "stop for now")),
)
CARRY_ON = "OK. Let us carry on from where we were."


def found(*kinds, layers=("phrases",)):
    return {"flagged": True, "kinds": list(kinds), "layers": list(layers), "score": 0.9}


async def disclose(make_tracker, text, *kinds, intent="inform", layers=("phrases",), **kwargs):
    return await run_action(ActionSafetyResponse(), make_tracker, text, intent=intent,
                            safety=found(*kinds, layers=layers), **kwargs)


def safety_of(store, sender_id="person-1"):
    record = record_of(store, sender_id)
    keys = ("message", "stage", "step", "kinds", "layers", "safe_now", "pass_on", "not_meant", "kept_as_answer")
    return record["safety"]["flagged"], [{key: event[key] for key in keys} for event in record["safety"]["events"]]


def event(message, stage, step, kinds, layers=("phrases",), **answers):
    return {"message": message, "stage": stage, "step": step, "kinds": list(kinds), "layers": list(layers),
            "safe_now": None, "pass_on": None, "not_meant": None, "kept_as_answer": None, **answers}


@pytest.mark.parametrize("nlu_intent", ["inform", "chitchat", "safety_disclosure"])
async def test_abuse_gets_999_then_safeguarding_and_is_stored_whatever_the_nlu_said(
    active_store, make_tracker, nlu_intent
):
    await reach(make_tracker, "what_matters")

    events, dispatcher = await disclose(make_tracker, "my son hits me when he has been drinking", "abuse",
                                        intent=nlu_intent)

    assert events == []
    assert said(dispatcher) == [ABUSE, CALL_999, SAFEGUARDING, EXPLAINED]
    assert routes(dispatcher) == ["emergency", "safeguarding"]
    calls = [m for m in dispatcher.messages if m.get("custom")][1]["custom"]["route"]["calls"]
    assert calls == [
        {"label": "Call safeguarding on 01632 960 222", "number": "01632 960 222", "tel": "tel:01632960222"},
        {"label": "Out of hours: 01632 960 333", "number": "01632 960 333", "tel": "tel:01632960333"}]
    assert safety_of(active_store) == (
        True, [event("my son hits me when he has been drinking", "what_matters", "what_matters:ask", ["abuse"])])
    assert record_of(active_store)["safety"]["events"][0]["at"] is not None
    current = conversation_of(active_store)
    assert current.step == "safety_pass_on"
    assert current.step_data["return"] == {"stage": "what_matters", "step": "what_matters:ask", "step_data": {}}
    assert record_of(active_store)["what_matters"] == []  # not stored as an answer unless they say so
    events, dispatcher = await ask(make_tracker)
    assert events == stage_set("what_matters")
    assert said(dispatcher) == [PASS_ON_QUESTION]


async def test_a_flag_with_no_kind_gets_every_line_999_first(active_store, make_tracker):
    await reach(make_tracker, "working")

    events, dispatcher = await disclose(make_tracker, "I cannot cope any more and nobody cares", layers=("nlu",))

    assert said(dispatcher) == [SORRY, CALL_999, SAMARITANS, NHS_111, SAFEGUARDING, EXPLAINED]
    assert safety_of(active_store)[1] == [
        event("I cannot cope any more and nobody cares", "working", "working_well:ask", [], ["nlu"])]


async def test_suicide_gets_samaritans_and_111_first_then_asks_if_they_are_safe(active_store, make_tracker):
    await reach(make_tracker, "what_matters")

    events, dispatcher = await disclose(make_tracker, "my carer takes my money and I want to die",
                                        "suicide", "financial_abuse", layers=("phrases", "meaning"))

    assert said(dispatcher) == [SUICIDE, SAMARITANS, NHS_111, CALL_999, SAFEGUARDING, EXPLAINED]
    assert safety_of(active_store)[1][0]["kinds"] == ["suicide", "financial_abuse"]
    assert safety_of(active_store)[1][0]["layers"] == ["phrases", "meaning"]
    _, dispatcher = await ask(make_tracker)
    assert said(dispatcher) == [SAFE_NOW_QUESTION]

    events, dispatcher = await answer(make_tracker, "no", intent="deny")
    assert said(dispatcher) == [
        "Please call 999 now. If you cannot speak, use text relay on 18000. You can also call Samaritans free on "
        "116 123.", CALL_999_NOW]
    assert routes(dispatcher) == ["emergency_now"]
    assert safety_of(active_store)[1][0]["safe_now"] is False
    _, dispatcher = await ask(make_tracker)
    assert said(dispatcher) == [PASS_ON_QUESTION]


async def test_a_fall_gets_999_first(active_store, make_tracker):
    await reach(make_tracker, "what_matters")

    _, dispatcher = await disclose(make_tracker, "on the kitchen floor since 6 cant get up", "fall")

    assert said(dispatcher) == [FALL, CALL_999_NOW, EXPLAINED]
    assert routes(dispatcher) == ["emergency_now"]


async def test_safety_before_consent_is_still_flagged(active_store, make_tracker):
    await start(make_tracker)

    events, dispatcher = await disclose(make_tracker, "I want to die", "suicide")

    assert events == []
    assert said(dispatcher)[:3] == [SUICIDE, SAMARITANS, NHS_111]
    assert safety_of(active_store) == (True, [event("I want to die", "consent", "consent:ask", ["suicide"])])


async def test_safety_as_the_very_first_message(active_store, make_tracker):
    events, dispatcher = await disclose(make_tracker, "he hits me", "abuse", sender_id="newcomer")

    assert events == []
    assert said(dispatcher) == [ABUSE, CALL_999, SAFEGUARDING, EXPLAINED]
    assert safety_of(active_store, "newcomer")[0] is True


async def test_replaying_a_disclosure_stores_one_event_and_still_gives_help(active_store, make_tracker):
    await reach(make_tracker, "what_matters")
    await disclose(make_tracker, "he hits me", "abuse", message_id="m-safety")

    events, dispatcher = await disclose(make_tracker, "he hits me", "abuse", message_id="m-safety")

    assert events == []
    assert said(dispatcher) == [ABUSE, CALL_999, SAFEGUARDING, EXPLAINED]
    assert table_counts(active_store)["safety_events"] == 1
    assert conversation_of(active_store).step_data["return"]["step"] == "what_matters:ask"


async def test_pass_on_yes_then_carry_on_offers_the_words_back_as_an_answer(active_store, make_tracker):
    await reach(make_tracker, "strengths_family")
    await disclose(make_tracker, "my son Dave, though he hits me when he drinks", "abuse", message_id="m-dave")

    events, dispatcher = await answer(make_tracker, "yes", intent="affirm")
    assert events == ANSWER_EMPTIED
    assert said(dispatcher) == [f"Thank you. I have noted that you want us to pass this on. {PASSED_ON}"]
    _, dispatcher = await ask(make_tracker)
    assert said(dispatcher) == [CONTINUE_QUESTION]

    await answer(make_tracker, "carry on")
    _, dispatcher = await ask(make_tracker)
    assert said(dispatcher) == [(
        'You wrote: "my son Dave, though he hits me when he drinks". Shall I keep what you wrote as your answer?',
        buttons(("Yes, keep it as my answer", "yes"), ("No, do not keep it", "no")))]

    events, dispatcher = await answer(make_tracker, "yes", intent="affirm")
    assert events == ANSWER_EMPTIED
    assert said(dispatcher) == ['Thank you. I have saved: "my son Dave, though he hits me when he drinks".']
    record = record_of(active_store)
    assert [s["text"] for s in record["strengths"]] == ["my son Dave, though he hits me when he drinks"]
    assert safety_of(active_store)[1][0]["kept_as_answer"] is True
    assert safety_of(active_store)[1][0]["pass_on"] is True
    current = conversation_of(active_store)
    assert (current.stage, current.step) == ("strengths_family", "strengths_family:willing")  # the next question


async def test_a_false_alarm_costs_one_tap_and_no_words(active_store, make_tracker):
    await reach(make_tracker, "strengths_community")
    words = "the fire station open day with the grandkids, they let us hold the hose"
    await disclose(make_tracker, words, "danger", layers=("meaning",), message_id="m-fire")

    events, dispatcher = await answer(make_tracker, "that is not what I meant", intent="deny")
    assert said(dispatcher) == ["Sorry, I got that wrong. Thank you for telling me."]
    _, dispatcher = await ask(make_tracker)
    assert said(dispatcher)[0][0] == f'You wrote: "{words}". Shall I keep what you wrote as your answer?'

    await answer(make_tracker, "yes", intent="affirm")
    assert [s["text"] for s in record_of(active_store)["strengths"]] == [words]
    assert safety_of(active_store)[1] == [event(
        words, "strengths_community", "strengths_community:ask", ["danger"], ["meaning"], not_meant=True,
        kept_as_answer=True)]
    # Kept once: the original message's id keys the row, so a replay stores nothing twice.
    assert table_counts(active_store)["strengths"] == 1


async def test_not_keeping_the_words_returns_to_the_question(active_store, make_tracker):
    await reach(make_tracker, "what_matters")
    await disclose(make_tracker, "he hits me", "abuse")
    await converse(make_tracker, [("no", "deny"), ("carry on", "affirm")])

    events, dispatcher = await answer(make_tracker, "no", intent="deny")

    assert said(dispatcher) == ["OK. I have not kept it as an answer."]
    assert record_of(active_store)["what_matters"] == []
    assert safety_of(active_store)[1][0]["kept_as_answer"] is False
    current = conversation_of(active_store)
    assert (current.step, current.status) == ("what_matters:ask", "active")


async def test_carrying_on_at_a_question_that_takes_no_words_returns_without_hello(active_store, make_tracker):
    await start(make_tracker)
    await disclose(make_tracker, "he hits me", "abuse")
    await converse(make_tracker, [("no", "deny")])

    _, dispatcher = await answer(make_tracker, "carry on")

    assert said(dispatcher) == [CARRY_ON]
    assert conversation_of(active_store).step == "consent:ask"


async def test_pass_on_no_then_stop_pauses(active_store, make_tracker):
    await reach(make_tracker, "working")
    await disclose(make_tracker, "he hits me", "abuse")

    events, dispatcher = await answer(make_tracker, "no", intent="deny")
    assert said(dispatcher) == ["OK. I will not pass it on. The numbers above are there if you need them."]
    assert safety_of(active_store)[1][0]["pass_on"] is False

    events, dispatcher = await answer(make_tracker, "stop for now")
    assert events == ANSWER_EMPTIED
    [text] = said(dispatcher)
    assert PAUSED.fullmatch(text).group(1) == record_of(active_store)["reference"]
    current = conversation_of(active_store)
    assert (current.status, current.step) == ("paused", "working_well:ask")


async def test_the_help_lines_are_sent_even_when_the_store_is_down(active_store, make_tracker, break_store):
    break_store()

    events, dispatcher = await disclose(make_tracker, "he hits me", "abuse")

    assert events == []
    assert said(dispatcher) == [ABUSE, CALL_999, SAFEGUARDING, EXPLAINED]


async def test_the_help_lines_are_sent_when_storing_the_event_fails(active_store, make_tracker, monkeypatch):
    await reach(make_tracker, "what_matters")

    def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(repo, "add_safety_event", broken)

    events, dispatcher = await disclose(make_tracker, "I want to die", "suicide")

    assert events == []
    assert said(dispatcher) == [SUICIDE, SAMARITANS, NHS_111, CALL_999, EXPLAINED]
    assert table_counts(active_store)["safety_events"] == 0
    assert conversation_of(active_store).safety_flag is False


async def test_after_declining_consent_the_pass_on_question_is_asked_before_it_is_answered(active_store, make_tracker):
    await start(make_tracker)
    await converse(make_tracker, [("no", "deny")])
    await disclose(make_tracker, "he hits me", "abuse")

    events, dispatcher = await ask(make_tracker)

    assert said(dispatcher) == [PASS_ON_QUESTION]
