"""actions/interview.py: ValidateInterviewForm (every answer) and ActionAskAnswer."""
from __future__ import annotations

import pytest

from actions.pause import ActionPause
from bot.store import repository as repo
from tests.actions.helpers import (
    ANSWER_EMPTIED,
    APOLOGY,
    NOTHING,
    SENDER,
    answer,
    ask,
    buttons,
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

CONSENT_BUTTONS = buttons(("Yes, save my answers", "yes"), ("No", "no"))
CONSENT_QUESTION = (
    "Before we start, is it OK to save your answers? Saving means you can come back to them. "
    "Only you can see them, unless you choose to share them with the council.",
    CONSENT_BUTTONS,
)
WHO_QUESTION = (
    "Are you filling this in for yourself, or for someone else with their permission?",
    buttons(
        ("For myself", "For myself"),
        ("For someone else, with their permission", "For someone else, with their permission"),
    ),
)
DECLINED = (
    "That is OK. I will not save anything. If you change your mind, just say yes. "
    "You can also talk to a person at Testshire Council on 01632 960 111 (weekdays 9 to 5)."
)
LINKS_NONE = (
    "I do not have a list of local groups and services to offer yet, so we will move on. "
    "Someone can help you find them later if you want."
)


SCALE_BUTTONS = buttons(*[(str(n), str(n)) for n in range(11)], ("Not sure", "not sure"))


def willing_question(who: str):
    return (
        f"Would {who} want to be involved in helping you, if you wanted that? It is fine to say no or not sure.",
        buttons(("Yes", "yes"), ("No", "no"), ("Not sure", "not sure")),
    )


# ------------------------------------------------------------------ consent

async def test_first_question_creates_the_conversation_and_asks_consent(active_store, make_tracker):
    events, dispatcher = await ask(make_tracker)

    assert events == stage_set("consent")
    assert said(dispatcher) == [CONSENT_QUESTION]
    found = conversation_of(active_store)
    assert (found.stage, found.step, found.status, found.consent) == ("consent", "consent:ask", "active", False)


async def test_consent_yes_is_saved_and_asks_who(active_store, make_tracker):
    await start(make_tracker)

    events, dispatcher = await answer(make_tracker, "yes", intent="affirm")

    assert events == ANSWER_EMPTIED
    assert said(dispatcher) == ["Thank you."]
    found = conversation_of(active_store)
    assert found.consent is True
    assert found.consent_at is not None
    assert (found.status, found.step) == ("active", "consent:who")
    events, dispatcher = await ask(make_tracker)
    assert events == stage_set("consent")
    assert said(dispatcher) == [WHO_QUESTION]


async def test_consent_in_words_without_the_affirm_intent_counts(active_store, make_tracker):
    await start(make_tracker)

    events, dispatcher = await answer(make_tracker, "yeah that's fine", intent="inform")

    assert events == ANSWER_EMPTIED
    assert said(dispatcher) == ["Thank you."]
    assert conversation_of(active_store).consent is True


async def test_consent_no_saves_nothing_and_stops_asking(active_store, make_tracker):
    await start(make_tracker)

    events, dispatcher = await answer(make_tracker, "no", intent="deny")

    assert events == ANSWER_EMPTIED
    assert said(dispatcher) == [(DECLINED, CONSENT_BUTTONS)]  # a way on: no dead end
    record = record_of(active_store)
    assert (record["consent"], record["status"], record["consent_at"]) == (False, "declined", None)
    events, dispatcher = await ask(make_tracker)
    assert events == stage_set("consent")
    assert said(dispatcher) == []


async def test_unclear_consent_asks_for_yes_or_no(active_store, make_tracker):
    await start(make_tracker)

    events, dispatcher = await answer(make_tracker, "what is this for", intent="inform")

    assert events == ANSWER_EMPTIED
    assert said(dispatcher) == [("Please answer yes or no.", CONSENT_BUTTONS)]
    found = conversation_of(active_store)
    assert (found.consent, found.step, found.status) == (False, "consent:ask", "active")


async def test_filling_in_for_someone_else_is_recorded(active_store, make_tracker):
    await start(make_tracker)
    await converse(make_tracker, [("yes", "affirm")])

    events, dispatcher = await answer(make_tracker, "For someone else, with their permission")

    assert events == ANSWER_EMPTIED
    assert said(dispatcher) == ["Thank you."]
    record = record_of(active_store)
    assert (record["mode"], record["stage"]) == ("on_behalf", "about_you")
    events, dispatcher = await ask(make_tracker)
    assert events == stage_set("about_you")
    assert said(dispatcher) == ["What is the name of the person you are filling this in for?"]


async def test_preferred_name_is_stored(active_store, make_tracker):
    await reach(make_tracker, "about_you")

    events, dispatcher = await answer(make_tracker, "my name is Margaret")

    assert events == ANSWER_EMPTIED
    assert said(dispatcher) == ["Thank you, Margaret."]
    record = record_of(active_store)
    assert (record["preferred_name"], record["stage"]) == ("Margaret", "what_matters")


# ------------------------------------------------------------------ list answers

async def test_several_items_in_one_message_are_stored_verbatim_as_separate_rows(active_store, make_tracker):
    await reach(make_tracker, "what_matters")

    events, dispatcher = await answer(make_tracker, "my garden, my dog and my grandson", message_id="m-items")

    assert events == ANSWER_EMPTIED
    assert said(dispatcher) == ['Thank you. I have saved: "my garden"; "my dog"; "my grandson".']
    assert texts(record_of(active_store), "what_matters") == ["my garden", "my dog", "my grandson"]
    with active_store.transaction() as session:
        found = repo.conversation_for_sender(session, SENDER)
        rows = repo.items(session, found.id, "what_matters")
        assert [(row.message_id, row.position) for row in rows] == [("m-items", 0), ("m-items", 1), ("m-items", 2)]
    events, dispatcher = await ask(make_tracker)
    assert events == stage_set("what_matters")
    assert said(dispatcher) == ["Is there anything else that matters to you?"]


async def test_items_on_separate_lines_are_stored_in_their_own_words(active_store, make_tracker):
    await reach(make_tracker, "working")

    events, dispatcher = await answer(make_tracker, "My neighbour pops in most days\n- I can still cook my own tea")

    assert events == ANSWER_EMPTIED
    assert said(dispatcher) == [
        'Thank you. I have saved: "My neighbour pops in most days"; "I can still cook my own tea".'
    ]
    record = record_of(active_store)
    assert texts(record, "working_well") == ["My neighbour pops in most days", "I can still cook my own tea"]
    assert record["not_working"] == []


async def test_a_sentence_with_a_comma_stays_one_item(active_store, make_tracker):
    await reach(make_tracker, "what_matters")

    await answer(make_tracker, "when it rains, I stay in")

    assert texts(record_of(active_store), "what_matters") == ["when it rains, I stay in"]


async def test_replaying_an_answer_does_not_duplicate_items(active_store, make_tracker):
    await reach(make_tracker, "what_matters")
    await answer(make_tracker, "my garden, my dog and my grandson", message_id="m-once")
    before = conversation_of(active_store)

    events, dispatcher = await answer(make_tracker, "my garden, my dog and my grandson", message_id="m-once")

    assert events == ANSWER_EMPTIED
    assert said(dispatcher) == []
    assert texts(record_of(active_store), "what_matters") == ["my garden", "my dog", "my grandson"]
    after = conversation_of(active_store)
    assert (after.step, after.stage) == (before.step, before.stage) == ("what_matters:more", "what_matters")
    assert ("m-once", "answer") in processed(active_store)
    assert table_counts(active_store)["what_matters"] == 3


async def test_replaying_a_no_does_not_skip_a_second_section(active_store, make_tracker):
    await reach(make_tracker, "what_matters")
    await answer(make_tracker, "no", intent="deny", message_id="m-no")

    events, dispatcher = await answer(make_tracker, "no", intent="deny", message_id="m-no")

    assert events == ANSWER_EMPTIED
    assert said(dispatcher) == []
    assert conversation_of(active_store).step == "working_well:ask"


async def test_yes_to_anything_else_invites_more(active_store, make_tracker):
    await reach(make_tracker, "what_matters")
    await converse(make_tracker, [("my garden", "inform")])

    events, dispatcher = await answer(make_tracker, "yes", intent="affirm")

    assert events == ANSWER_EMPTIED
    assert said(dispatcher) == ["Go on, I am listening."]
    events, dispatcher = await ask(make_tracker)
    assert said(dispatcher) == ["Go on. What else matters to you?"]
    await answer(make_tracker, "my church")
    assert texts(record_of(active_store), "what_matters") == ["my garden", "my church"]


async def test_family_strengths_ask_whether_each_person_would_be_involved(active_store, make_tracker):
    await reach(make_tracker, "strengths_family")

    events, dispatcher = await answer(make_tracker, "my daughter Sarah; my friend Pat from church")
    assert events == ANSWER_EMPTIED
    assert said(dispatcher) == ['Thank you. I have saved: "my daughter Sarah"; "my friend Pat from church".']
    events, dispatcher = await ask(make_tracker)
    assert events == stage_set("strengths_family")
    assert said(dispatcher) == [willing_question("your daughter Sarah")]

    events, dispatcher = await answer(make_tracker, "yes", intent="affirm")
    assert events == ANSWER_EMPTIED
    assert said(dispatcher) == ["Thank you."]
    _, dispatcher = await ask(make_tracker)
    assert said(dispatcher) == [willing_question("your friend Pat")]

    events, dispatcher = await answer(make_tracker, "not sure", intent="inform")
    assert events == ANSWER_EMPTIED
    assert said(dispatcher) == ["Thank you."]
    _, dispatcher = await ask(make_tracker)
    assert said(dispatcher) == ["Is there anyone else who is important to you?"]

    assert [
        {key: row[key] for key in ("category", "text", "who", "willing")} for row in record_of(active_store)["strengths"]
    ] == [
        {"category": "family", "text": "my daughter Sarah", "who": "my daughter Sarah", "willing": "yes"},
        {"category": "family", "text": "my friend Pat from church", "who": "my friend Pat", "willing": "not_sure"},
    ]


async def test_family_willing_no_and_unclear(active_store, make_tracker):
    await reach(make_tracker, "strengths_family")
    await converse(make_tracker, [("my son", "inform")])

    events, dispatcher = await answer(make_tracker, "he lives in Spain")  # said about him: kept with him
    assert events == ANSWER_EMPTIED
    assert said(dispatcher) == ['Thank you. I have added "he lives in Spain" to "my son".', "Please answer yes or no."]
    assert conversation_of(active_store).step == "strengths_family:willing"

    events, dispatcher = await answer(make_tracker, "no", intent="deny")
    assert said(dispatcher) == ["Thank you."]
    assert [(row["text"], row["who"], row["willing"]) for row in record_of(active_store)["strengths"]] == [
        ("my son - he lives in Spain", "my son", "no")]
    assert conversation_of(active_store).step == "strengths_family:more"


async def test_outcome_scales_are_stored(active_store, make_tracker):
    await reach(make_tracker, "outcomes")

    events, dispatcher = await answer(make_tracker, "getting out more")
    assert events == ANSWER_EMPTIED
    assert said(dispatcher) == ['Thank you. I have saved: "getting out more".']
    events, dispatcher = await ask(make_tracker)
    assert events == stage_set("outcomes")
    assert said(dispatcher) == [(
        'Thinking about "getting out more": on a scale of 0 to 10, where are you now? '
        "0 is far from it and 10 is where you want to be.", SCALE_BUTTONS)]

    events, dispatcher = await answer(make_tracker, "about a 4")
    assert events == ANSWER_EMPTIED
    assert said(dispatcher) == ["Thank you."]
    _, dispatcher = await ask(make_tracker)
    assert said(dispatcher) == [("What number would you like to get to?", SCALE_BUTTONS)]

    events, dispatcher = await answer(make_tracker, "lots higher")  # kept with the outcome, the number asked again
    assert events == ANSWER_EMPTIED
    assert said(dispatcher) == ['Thank you. I have added "lots higher" to "getting out more".',
                                "Please give a number from 0 to 10, or say skip."]
    assert conversation_of(active_store).step == "outcomes:scale_goal"

    events, dispatcher = await answer(make_tracker, "8/10")
    assert said(dispatcher) == ["Thank you."]
    _, dispatcher = await ask(make_tracker)
    assert said(dispatcher) == ["Is there anything else you would like to be different?"]

    assert [{key: row[key] for key in ("text", "scale_now", "scale_goal")} for row in record_of(active_store)["outcomes"]] == [
        {"text": "getting out more - lots higher", "scale_now": 4, "scale_goal": 8}
    ]


async def test_outcome_scale_in_words_and_ten(active_store, make_tracker):
    await reach(make_tracker, "outcomes")
    await converse(make_tracker, [("sleeping better", "inform"), ("six", "inform"), ("10", "inform")])

    [row] = record_of(active_store)["outcomes"]
    assert (row["text"], row["scale_now"], row["scale_goal"]) == ("sleeping better", 6, 10)


async def test_risk_concern_and_what_would_make_it_safer(active_store, make_tracker):
    await reach(make_tracker, "risks")

    events, dispatcher = await answer(make_tracker, "going to the shops on my own")
    assert events == ANSWER_EMPTIED
    assert said(dispatcher) == ['Thank you. I have saved: "going to the shops on my own".']
    events, dispatcher = await ask(make_tracker)
    assert events == stage_set("risks")
    assert said(dispatcher) == ['What worries you, or other people, about "going to the shops on my own"?']

    events, dispatcher = await answer(make_tracker, "my son thinks I might fall")
    assert said(dispatcher) == ["Thank you."]
    _, dispatcher = await ask(make_tracker)
    assert said(dispatcher) == ["What would help you do it safely?"]

    events, dispatcher = await answer(make_tracker, "a walking stick and my phone")
    assert said(dispatcher) == ["Thank you."]
    _, dispatcher = await ask(make_tracker)
    assert said(dispatcher) == ["Is there anything else you would like to do that people worry about?"]

    [risk] = record_of(active_store)["positive_risks"]
    assert {key: risk[key] for key in ("activity", "concern", "safer")} == {
        "activity": "going to the shops on my own",
        "concern": "my son thinks I might fall",
        "safer": "a walking stick and my phone",
    }


async def test_no_more_risks_says_links_are_missing_and_shows_the_summary(active_store, make_tracker):
    await reach(make_tracker, "what_matters")
    await converse(make_tracker, [("my garden", "inform")] + [NOTHING] * 7)

    events, dispatcher = await answer(make_tracker, "no", intent="deny")

    assert events == ANSWER_EMPTIED
    assert said(dispatcher) == [LINKS_NONE]
    events, dispatcher = await ask(make_tracker)
    assert events == stage_set("summary")
    assert said(dispatcher) == [
        (
            "Here is what you told me, Jo:\n\nYour name: Jo\n\nWhat matters to you:\n- my garden\n\nIs this right?",
            buttons(("Yes, that is right", "yes"), ("I want to change something", "I want to change something")),
        )
    ]


# ------------------------------------------------------------------ summary and sharing

async def test_summary_confirmed_asks_to_share(active_store, make_tracker):
    await reach(make_tracker, "summary")

    events, dispatcher = await answer(make_tracker, "yes", intent="affirm")

    assert events == ANSWER_EMPTIED
    assert said(dispatcher) == ["Thank you for checking."]
    record = record_of(active_store)
    assert (record["summary_confirmed"], record["stage"], record["share_with_council"]) == (True, "done", None)
    events, dispatcher = await ask(make_tracker)
    assert events == stage_set("done")
    assert said(dispatcher) == [
        (
            "Would you like to share this with the council, so that someone can talk with you about support?",
            buttons(("Yes, share it", "yes"), ("No, keep it to myself", "no")),
        )
    ]


async def test_summary_not_right_asks_which_part(active_store, make_tracker):
    await reach(make_tracker, "summary")

    events, dispatcher = await answer(make_tracker, "I want to change something")

    assert events == ANSWER_EMPTIED
    assert said(dispatcher) == []
    found = conversation_of(active_store)
    assert (found.step, found.summary_confirmed) == ("summary:change", False)
    _, dispatcher = await ask(make_tracker)
    [(text, choices)] = said(dispatcher)
    assert text == "Which part would you like to change?"
    assert choices[:2] == buttons(
        ("Your name", "go back to your name"), ("What matters to you", "go back to what matters to you")
    )
    assert [choice["title"] for choice in choices] == [
        "Your name", "What matters to you", "What is working well", "What is not working so well",
        "What you are good at", "The people around you", "Your community", "What you want to be different",
        "Things you want to do",
    ]


@pytest.mark.parametrize(
    "reply, intent, shared, first_line",
    [
        ("yes", "affirm", True, "Thank you. Your answers will be shared with the council."),
        ("no", "deny", False, "That is fine. Your answers will not be shared."),
    ],
)
async def test_share_choice_is_stored_and_the_conversation_completes(
    active_store, make_tracker, reply, intent, shared, first_line
):
    await reach(make_tracker, "summary")
    await converse(make_tracker, [("yes", "affirm")])

    events, dispatcher = await answer(make_tracker, reply, intent=intent)

    assert events == ANSWER_EMPTIED
    finished = ("Thank you for telling me about your life. You can see, print or save your answers from the page. "
                "If you need help sooner, call Testshire Council on 01632 960 111 (weekdays 9 to 5).")
    assert said(dispatcher) == [first_line] if shared else [first_line, finished]
    record = record_of(active_store)
    assert (record["share_with_council"], record["status"], record["summary_confirmed"]) == (shared, "completed", True)
    assert record["completed_at"] is not None and (record["shared_at"] is not None) == shared
    if shared:  # how the council may get in touch, then what happens next
        events, dispatcher = await ask(make_tracker)
        asked = said(dispatcher)[0]
        assert (asked[0] if isinstance(asked, tuple) else asked).startswith("How would you like the council to contact")
        events, dispatcher = await answer(make_tracker, "email me at jo@example.org, any time")
        assert said(dispatcher) == [
            "The Testshire adult social care team will read your answers and contact you within 10 working days, "
            'using: "email me at jo@example.org, any time".', finished]
        assert (record_of(active_store)["contact"], record_of(active_store)["contact_ok"]) == (
            "email me at jo@example.org, any time", True)
    events, dispatcher = await ask(make_tracker)
    assert events == stage_set("done")
    assert said(dispatcher) == [
        f"You have finished. Your reference is {record['reference']}. To come back and look at your answers, "
        'use your reference and the code I gave you. You can still say "go back" to change something, '
        'or "delete everything".'
    ]


async def test_unclear_share_answer_changes_nothing(active_store, make_tracker):
    await reach(make_tracker, "summary")
    await converse(make_tracker, [("yes", "affirm")])

    events, dispatcher = await answer(make_tracker, "what would they do with it")

    assert events == ANSWER_EMPTIED
    assert said(dispatcher) == ["Please answer yes or no."]
    record = record_of(active_store)
    assert (record["share_with_council"], record["status"]) == (None, "active")


# ------------------------------------------------------------------ asking, and failures

async def test_ask_after_pause_says_nothing_but_keeps_the_stage(active_store, make_tracker):
    await reach(make_tracker, "what_matters")
    await run_action(ActionPause(), make_tracker, "stop for now", intent="pause")

    events, dispatcher = await ask(make_tracker)

    assert events == stage_set("what_matters")
    assert said(dispatcher) == []


async def test_an_answer_after_a_pause_welcomes_back_and_is_stored(active_store, make_tracker):
    await reach(make_tracker, "what_matters")
    await run_action(ActionPause(), make_tracker, "stop for now", intent="pause")

    events, dispatcher = await answer(make_tracker, "my cat and my garden; my church")

    assert events == ANSWER_EMPTIED
    assert said(dispatcher) == [
        "Welcome back. Let us carry on where you left off.",
        'Thank you. I have saved: "my cat and my garden"; "my church".',
    ]
    assert texts(record_of(active_store), "what_matters") == ["my cat and my garden", "my church"]
    assert conversation_of(active_store).status == "active"


async def test_ok_after_a_pause_only_welcomes_back(active_store, make_tracker):
    await reach(make_tracker, "what_matters")
    await run_action(ActionPause(), make_tracker, "stop for now", intent="pause")

    events, dispatcher = await answer(make_tracker, "ok", intent="affirm")

    assert events == ANSWER_EMPTIED
    assert said(dispatcher) == ["Welcome back. Let us carry on where you left off."]
    found = conversation_of(active_store)
    assert (found.status, found.step) == ("active", "what_matters:ask")
    _, dispatcher = await ask(make_tracker)
    assert said(dispatcher) == ["What is important to you in your life right now?"]


async def test_validation_apologises_when_the_store_is_down(active_store, make_tracker, monkeypatch, break_store):
    break_store()

    events, dispatcher = await answer(make_tracker, "my garden")

    assert events == ANSWER_EMPTIED
    assert said(dispatcher) == [APOLOGY]


async def test_ask_apologises_when_the_store_is_down(active_store, make_tracker, monkeypatch, break_store):
    break_store()

    events, dispatcher = await ask(make_tracker)

    assert events == []
    assert said(dispatcher) == [APOLOGY]


async def test_a_failed_write_stores_nothing_of_the_answer(active_store, make_tracker, monkeypatch):
    await reach(make_tracker, "what_matters")

    def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    with monkeypatch.context() as patch:
        patch.setattr(repo, "add_items", broken)
        events, dispatcher = await answer(make_tracker, "my garden, my dog and my grandson", message_id="m-fail")

    assert events == ANSWER_EMPTIED
    assert said(dispatcher) == [APOLOGY]
    assert conversation_of(active_store).step == "what_matters:ask"
    assert ("m-fail", "answer") not in processed(active_store)  # rolled back, so a retry is not a replay
    await answer(make_tracker, "my garden, my dog and my grandson", message_id="m-fail")
    assert texts(record_of(active_store), "what_matters") == ["my garden", "my dog", "my grandson"]


async def test_apology_without_council_details_when_the_council_file_is_broken(
    active_store, make_tracker, monkeypatch, tmp_path
, break_store):
    break_store()
    monkeypatch.setenv("SBC_COUNCIL_FILE", str(tmp_path / "missing.yml"))

    events, dispatcher = await answer(make_tracker, "my garden")

    assert events == ANSWER_EMPTIED
    assert said(dispatcher) == ["Sorry, something went wrong on our side and I could not do that. Please try again."]

