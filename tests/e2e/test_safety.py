"""End to end, safety: the real Rasa server and action server (`python -m bot serve`),
driven through the REST channel, with the database rows checked afterwards.

A disclosure at every stage gets help that fits its risk and the interview then
goes on where it was; a disclosure that also says "save" or "later" is not taken
for a pause; and a false alarm costs one tap, in both `self` and `on_behalf` modes.
"""
from __future__ import annotations

import uuid

import pytest

from tests.e2e.test_conversations import record_of

pytestmark = pytest.mark.e2e

SAMARITANS = "Samaritans free on 116 123"
CALL_999 = "call 999"
SAFEGUARDING = "safeguarding on"
PASS_ON = "Do you want me to pass what you told me on to the council"
KEEP = "Shall I keep what you wrote as your answer?"
CARRY_ON = "Would you like to carry on, or stop for now?"


def talk(servers, me, script):
    replies = []
    for turn, (text, expected) in enumerate(script):
        replies = servers.say(me, text)
        joined = " ".join(replies)
        for part in ([expected] if isinstance(expected, str) else expected):
            assert part in joined, f"turn {turn}: {text!r} -> {replies}"
        if turn:  # only the first message is greeted
            assert "Hello" not in joined, f"{text!r} restarted the conversation: {replies}"
    return replies


def disclose(text, help_first, question_after, keep_offered=True):
    """A disclosure, its help, "no" to passing it on, "carry on", and (if it was said
    at a question that takes words) "no" to keeping it: back at the same question."""
    steps = [(text, help_first), ("no", CARRY_ON)]
    if keep_offered:
        steps += [("carry on", KEEP), ("no", question_after)]
    else:
        steps += [("carry on", question_after)]
    return steps


def test_a_disclosure_at_every_stage_gets_help_and_the_interview_goes_on(servers, database_url):
    me = f"e2e-safety-{uuid.uuid4().hex[:8]}"
    script = [
        ("hello", "is it OK to save your answers?"),
        *disclose("my husband hits me when he has been drinking", [CALL_999, SAFEGUARDING, PASS_ON],
                  "is it OK to save your answers?", keep_offered=False),
        ("yes", "for yourself"),
        ("For myself", "What would you like me to call you?"),
        ("there's a fire in the kitchen", "Call 999 now", ),
        ("no", CARRY_ON), ("carry on", KEEP), ("no", "What would you like me to call you?"),
        ("Maggie", "What is important to you"),
        ("I want to end my life", [SAMARITANS, "Are you safe right now?"]),
        ("yes", [PASS_ON]), ("no", CARRY_ON), ("carry on", KEEP), ("no", "What is important to you"),
        ("my garden", "anything else that matters"),
        ("no", "What is working well"),
        *disclose("my son takes my pension and leaves me with nothing for food",
                  [CALL_999, SAFEGUARDING], "What is working well"),
        ("my neighbour pops in", "anything else that is going well"),
        ("no", "What is not working so well"),
        ("no", "What are you good at?"),
        ("I have been cutting myself again", [SAMARITANS, "Are you safe right now?"]),
        ("yes", PASS_ON), ("no", CARRY_ON), ("carry on", KEEP), ("no", "What are you good at?"),
        ("no", "Who are the people who are important to you?"),
        *disclose("I fell in the hall and I can't get up", ["Call 999 now"],
                  "Who are the people who are important to you?"),
        ("no", "What places, groups or communities"),
        *disclose("the carers haven't been for three days and there's no food in the house",
                  [CALL_999, SAFEGUARDING], "What places, groups or communities"),
        ("no", "what would be different for you?"),
        *disclose("I can't cope with caring for him any more, I'm scared I'll hurt him",
                  [CALL_999, "For urgent help with caring", SAMARITANS], "what would be different for you?"),
        ("no", "something you would like to do"),
        *disclose("the kids are left alone all night next door and they are screaming",
                  [CALL_999, SAFEGUARDING], "something you would like to do"),
        ("no", "Is this right?"),
        *disclose("my daughter says she will hurt me if I tell anyone", [CALL_999, SAFEGUARDING],
                  "Is this right?", keep_offered=False),
        ("yes", "share this with the council"),
        ("I've taken all my tablets", ["Call 999 now", SAMARITANS, "Are you safe right now?"]),
        ("no", ["Please call 999 now", PASS_ON]), ("no", CARRY_ON), ("carry on", "share this with the council"),
        ("yes", "How would you like the council to contact you?"),
        ("do not contact me", ["nobody will contact you", "You have finished."]),
    ]
    talk(servers, me, script)

    record = record_of(database_url, me)
    assert (record["status"], record["stage"]) == ("completed", "done")
    events = record["safety"]["events"]
    expected = [("consent", "abuse"), ("about_you", "danger"), ("what_matters", "suicide"),
                ("working", "financial_abuse"), ("strengths_personal", "self_harm"), ("strengths_family", "fall"),
                ("strengths_community", "neglect"), ("outcomes", "carer_breakdown"), ("risks", "others_at_risk"),
                ("summary", "abuse"), ("done", "danger")]
    assert [e["stage"] for e in events] == [stage for stage, _kind in expected]
    assert all(kind in e["kinds"] for e, (_stage, kind) in zip(events, expected)), [e["kinds"] for e in events]
    assert all("phrases" in e["layers"] for e in events)
    assert all(e["pass_on"] is False for e in events)
    assert events[2]["safe_now"] is True and events[-1]["safe_now"] is False
    # Nothing the person disclosed was filed as an answer: they said no to keeping it.
    assert [i["text"] for i in record["what_matters"]] == ["my garden"]
    assert [i["text"] for i in record["working_well"]] == ["my neighbour pops in"]
    assert record["strengths"] == [] and record["outcomes"] == [] and record["positive_risks"] == []
    assert record["preferred_name"] == "Maggie"


def test_a_disclosure_with_move_words_gets_help_not_a_pause(servers, database_url):
    me = f"e2e-safety-{uuid.uuid4().hex[:8]}"
    talk(servers, me, [
        ("hello", "is it OK to save your answers?"),
        ("yes", "for yourself"),
        ("For myself", "What would you like me to call you?"),
        ("skip", "What is important to you"),
        ("I've saved up my tablets, I'll take them later when everyone has gone", [SAMARITANS, "Are you safe"]),
    ])
    record = record_of(database_url, me)
    assert record["status"] == "active" and record["paused_at"] is None
    [event] = record["safety"]["events"]
    assert "suicide" in event["kinds"] and event["step"] == "what_matters:ask"


@pytest.mark.parametrize("mode", ["self", "on_behalf"])
def test_a_false_alarm_costs_one_tap_and_no_words(servers, database_url, mode):
    me = f"e2e-safety-{uuid.uuid4().hex[:8]}"
    who = [("For myself", "What would you like me to call you?"), ("skip", "What is important to you")]
    if mode == "on_behalf":
        who = [("for my dad, he said it's fine", "What is the name of the person"), ("Frank", "how do you know Frank?"),
               ("Jo, his daughter", "Does Frank know"), ("yes", "What is important to Frank")]
    words = "my neighbour Pat, she is in danger of spoiling me with her cakes"
    talk(servers, me, [
        ("hello", "is it OK to save your answers?"),
        ("yes", "for yourself"),
        *who,
        ("my allotment", "anything else that matters"),
        ("no", "What is working well"),
        (words, PASS_ON),
        ("that's not what I meant", ["Sorry, I got that wrong", KEEP, words]),
        ("yes", ["I have saved", "anything else that is going well"]),
    ])
    record = record_of(database_url, me)
    assert record["mode"] == mode
    assert [i["text"] for i in record["working_well"]] == [words]
    [event] = record["safety"]["events"]
    assert (event["message"], event["not_meant"], event["kept_as_answer"], event["pass_on"]) == (
        words, True, True, None)
