"""actions/moves.py: why, skip, I don't know, help, chit-chat and hello."""
from __future__ import annotations

import pytest

from actions.moves import ActionChitchat, ActionDontKnow, ActionExplainWhy, ActionGreet, ActionHelp, ActionSkip
from actions.pause import ActionPause
from tests.actions.helpers import (
    APOLOGY,
    ask,
    conversation_of,
    converse,
    processed,
    reach,
    record_of,
    run_action,
    said,
    stage_set,
    start,
    table_counts,
    texts,
)

SKIPPED = "That is fine. We can skip that."
HELP = (
    "You can answer in your own words, and give more than one answer at a time. You can also say: "
    '"skip", "why are you asking?", "I don\'t know", "go back", "remove 1", "stop and come back later", '
    '"talk to a person", or "delete everything".'
)


def where(store):
    found = conversation_of(store)
    return found.stage, found.step


# ------------------------------------------------------------------ why

async def test_why_at_consent(active_store, make_tracker):
    await start(make_tracker)

    events, dispatcher = await run_action(ActionExplainWhy(), make_tracker, "why do you need that?", intent="ask_why")

    assert events == []
    assert said(dispatcher) == ["I need your OK before I save anything. It is your information, so you decide."]
    assert where(active_store) == ("consent", "consent:ask")


async def test_why_explains_the_current_stage_and_changes_nothing(active_store, make_tracker):
    await reach(make_tracker, "what_matters")
    before = table_counts(active_store)

    events, dispatcher = await run_action(ActionExplainWhy(), make_tracker, "why are you asking", intent="ask_why")

    assert events == []
    assert said(dispatcher) == [
        "Help should fit your life, not the other way round. Knowing what matters to you helps us start "
        "from what you care about."
    ]
    assert where(active_store) == ("what_matters", "what_matters:ask")
    after = table_counts(active_store)
    assert after.pop("processed_messages") == before.pop("processed_messages") + 1
    assert after == before


# ------------------------------------------------------------------ skip

async def test_skip_moves_to_the_next_section_and_stores_nothing(active_store, make_tracker):
    await reach(make_tracker, "what_matters")

    events, dispatcher = await run_action(ActionSkip(), make_tracker, "skip", intent="skip", message_id="m-skip")

    assert events == []
    assert said(dispatcher) == [SKIPPED]
    assert where(active_store) == ("working", "working_well:ask")
    assert record_of(active_store)["what_matters"] == []
    events, dispatcher = await ask(make_tracker)
    assert events == stage_set("working")
    assert said(dispatcher) == ["What is working well for you at the moment?"]


async def test_replaying_a_skip_skips_only_once(active_store, make_tracker):
    await reach(make_tracker, "what_matters")
    await run_action(ActionSkip(), make_tracker, "skip", intent="skip", message_id="m-skip")

    events, dispatcher = await run_action(ActionSkip(), make_tracker, "skip", intent="skip", message_id="m-skip")

    assert events == []
    assert said(dispatcher) == []
    assert where(active_store) == ("working", "working_well:ask")
    assert ("m-skip", "action_skip") in processed(active_store)


async def test_skip_working_well_goes_on_to_not_working(active_store, make_tracker):
    await reach(make_tracker, "working")

    events, dispatcher = await run_action(ActionSkip(), make_tracker, "skip this one", intent="skip")

    assert said(dispatcher) == [SKIPPED]
    assert where(active_store) == ("working", "not_working:ask")


async def test_skip_is_not_allowed_before_consent(active_store, make_tracker):
    await start(make_tracker)

    events, dispatcher = await run_action(ActionSkip(), make_tracker, "skip", intent="skip")

    assert events == []
    assert said(dispatcher) == ["I need to know if it is OK to save your answers before we go on."]
    found = conversation_of(active_store)
    assert (found.step, found.consent) == ("consent:ask", False)


async def test_skip_a_scale_leaves_it_empty_and_asks_the_goal(active_store, make_tracker):
    await reach(make_tracker, "outcomes")
    await converse(make_tracker, [("sleeping better", "inform")])

    events, dispatcher = await run_action(ActionSkip(), make_tracker, "skip", intent="skip")

    assert said(dispatcher) == [SKIPPED]
    assert where(active_store) == ("outcomes", "outcomes:scale_goal")
    [row] = record_of(active_store)["outcomes"]
    assert (row["scale_now"], row["scale_goal"]) == (None, None)


async def test_skip_the_share_question_means_not_shared(active_store, make_tracker):
    await reach(make_tracker, "summary")
    await converse(make_tracker, [("yes", "affirm")])

    events, dispatcher = await run_action(ActionSkip(), make_tracker, "skip", intent="skip")

    assert events == []
    assert said(dispatcher)[0] == "That is fine. Your answers will not be shared."
    record = record_of(active_store)
    assert (record["share_with_council"], record["status"]) == (False, "completed")


# ------------------------------------------------------------------ I don't know

async def test_dont_know_gives_examples_for_the_question(active_store, make_tracker):
    await reach(make_tracker, "what_matters")

    events, dispatcher = await run_action(ActionDontKnow(), make_tracker, "I don't know", intent="dont_know")

    assert events == []
    assert said(dispatcher) == [
        'For example: "seeing my grandchildren", "staying in my own home", or "my garden". Or say "skip".'
    ]
    assert where(active_store) == ("what_matters", "what_matters:ask")


async def test_dont_know_at_not_working_gives_its_own_examples(active_store, make_tracker):
    await reach(make_tracker, "working")
    await converse(make_tracker, [("no", "deny")])

    events, dispatcher = await run_action(ActionDontKnow(), make_tracker, "dunno", intent="dont_know")

    assert said(dispatcher) == [
        'For example: "I find the stairs hard", "I feel lonely", or "the bus does not come". Or say "skip".'
    ]


async def test_dont_know_whether_family_would_help_is_recorded_as_not_sure(active_store, make_tracker):
    await reach(make_tracker, "strengths_family")
    await converse(make_tracker, [("my brother Tom", "inform")])

    events, dispatcher = await run_action(ActionDontKnow(), make_tracker, "I don't know", intent="dont_know")

    assert events == []
    assert said(dispatcher) == ["Thank you."]
    assert [(row["who"], row["willing"]) for row in record_of(active_store)["strengths"]] == [("my brother Tom", "not_sure")]
    assert where(active_store) == ("strengths_family", "strengths_family:more")


async def test_dont_know_a_scale_leaves_it_empty(active_store, make_tracker):
    await reach(make_tracker, "outcomes")
    await converse(make_tracker, [("cooking again", "inform"), ("3", "inform")])

    events, dispatcher = await run_action(ActionDontKnow(), make_tracker, "no idea", intent="dont_know")

    assert said(dispatcher) == [SKIPPED]
    [row] = record_of(active_store)["outcomes"]
    assert (row["scale_now"], row["scale_goal"]) == (3, None)
    assert where(active_store) == ("outcomes", "outcomes:more")


# ------------------------------------------------------------------ help, chit-chat, hello

async def test_help(active_store, make_tracker):
    await reach(make_tracker, "what_matters")

    events, dispatcher = await run_action(ActionHelp(), make_tracker, "what can I say", intent="help")

    assert events == []
    assert said(dispatcher) == [HELP]
    assert where(active_store) == ("what_matters", "what_matters:ask")


async def test_chitchat(active_store, make_tracker):
    await reach(make_tracker, "what_matters")

    events, dispatcher = await run_action(ActionChitchat(), make_tracker, "are you a robot", intent="chitchat")

    assert events == []
    assert said(dispatcher) == ["I am a computer helper, so I am not much good at chatting. But I am glad you are here."]
    assert where(active_store) == ("what_matters", "what_matters:ask")


async def test_hello_in_the_middle(active_store, make_tracker):
    await reach(make_tracker, "working")

    events, dispatcher = await run_action(ActionGreet(), make_tracker, "hello", intent="greet")

    assert events == []
    assert said(dispatcher) == ["Hello. Let us carry on."]
    assert conversation_of(active_store).status == "active"


async def test_hello_after_a_pause_reopens_the_conversation(active_store, make_tracker):
    await reach(make_tracker, "working")
    await run_action(ActionPause(), make_tracker, "stop for now", intent="pause")

    events, dispatcher = await run_action(ActionGreet(), make_tracker, "hello again", intent="greet")

    assert events == []
    assert said(dispatcher) == ["Welcome back. Let us carry on where you left off."]
    assert conversation_of(active_store).status == "active"
    _, dispatcher = await ask(make_tracker)
    assert said(dispatcher) == ["What is working well for you at the moment?"]


async def test_a_move_never_stores_its_words_as_an_answer(active_store, make_tracker):
    await reach(make_tracker, "what_matters")
    for action, text, intent in [
        (ActionHelp(), "help", "help"),
        (ActionChitchat(), "nice weather", "chitchat"),
        (ActionExplainWhy(), "why", "ask_why"),
        (ActionDontKnow(), "not sure", "dont_know"),
    ]:
        await run_action(action, make_tracker, text, intent=intent)

    assert texts(record_of(active_store), "what_matters") == []


@pytest.mark.parametrize(
    "action, text, intent",
    [
        (ActionExplainWhy(), "why", "ask_why"),
        (ActionSkip(), "skip", "skip"),
        (ActionDontKnow(), "not sure", "dont_know"),
        (ActionHelp(), "help", "help"),
        (ActionChitchat(), "hiya robot", "chitchat"),
        (ActionGreet(), "hello", "greet"),
    ],
)
async def test_every_move_apologises_when_the_store_is_down(active_store, make_tracker, monkeypatch, action, text, intent, break_store):
    break_store()

    events, dispatcher = await run_action(action, make_tracker, text, intent=intent)

    assert events == []
    assert said(dispatcher) == [APOLOGY]


# ------------------------------------------------------------------ a name read as a move

async def test_a_bare_name_read_as_chitchat_is_stored_as_the_name(active_store, make_tracker):
    await reach(make_tracker, "about_you")
    events, dispatcher = await run_action(ActionChitchat(), make_tracker, "Barry", intent="chitchat")
    assert events == []
    assert said(dispatcher) == ["Thank you, Barry."]
    assert record_of(active_store)["preferred_name"] == "Barry"
    assert where(active_store) == ("what_matters", "what_matters:ask")


async def test_a_real_move_at_the_name_question_is_still_a_move(active_store, make_tracker):
    await reach(make_tracker, "about_you")
    events, dispatcher = await run_action(ActionHelp(), make_tracker, "Help", intent="help")
    assert said(dispatcher) == [HELP]
    assert record_of(active_store)["preferred_name"] is None
