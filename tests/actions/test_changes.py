"""actions/changes.py: going back to an earlier section, and removing an item."""
from __future__ import annotations

from actions.changes import ActionGoBack, ActionRemoveItem
from bot.store import repository as repo
from tests.actions.helpers import (
    ANSWER_EMPTIED,
    APOLOGY,
    NOTHING,
    answer,
    ask,
    conversation_of,
    converse,
    reach,
    record_of,
    run_action,
    said,
    stage_set,
    start,
    texts,
)

REVIEW_TAIL = (
    '\n\nTell me anything you want to add. To take one out, type remove and its number, like "remove 1". '
    'Say "done" when you have finished.'
)


async def three_things_then_working(make_tracker):
    """Answer "what matters" with three items, say no more, and stand at `working`."""
    await reach(make_tracker, "what_matters")
    await converse(make_tracker, [("my garden, my dog and my grandson", "inform"), NOTHING])


async def test_go_back_shows_the_section_and_remove_2_takes_out_the_second(active_store, make_tracker):
    await three_things_then_working(make_tracker)

    events, dispatcher = await run_action(ActionGoBack(), make_tracker, "go back to what matters", intent="go_back")
    assert events == []
    assert said(dispatcher) == []
    found = conversation_of(active_store)
    assert (found.step, found.step_data["section"]) == ("review", "what_matters")
    events, dispatcher = await ask(make_tracker)
    assert events == stage_set("working")
    assert said(dispatcher) == ["What matters to you:\n1. my garden\n2. my dog\n3. my grandson" + REVIEW_TAIL]

    events, dispatcher = await run_action(
        ActionRemoveItem(), make_tracker, "remove 2", intent="remove_item", message_id="m-remove"
    )
    assert events == []
    assert said(dispatcher) == ['I have taken out: "my dog".']
    assert texts(record_of(active_store), "what_matters") == ["my garden", "my grandson"]
    _, dispatcher = await ask(make_tracker)
    assert said(dispatcher) == ["What matters to you:\n1. my garden\n2. my grandson" + REVIEW_TAIL]

    # Done: back to the question the person was on.
    events, dispatcher = await answer(make_tracker, "done", intent="affirm")
    assert events == ANSWER_EMPTIED
    assert said(dispatcher) == ["Thank you."]
    assert conversation_of(active_store).step == "working_well:ask"
    _, dispatcher = await ask(make_tracker)
    assert said(dispatcher) == ["What is working well for you at the moment?"]


async def test_replaying_remove_2_removes_only_one_item(active_store, make_tracker):
    await three_things_then_working(make_tracker)
    await run_action(ActionGoBack(), make_tracker, "go back to what matters", intent="go_back")
    await run_action(ActionRemoveItem(), make_tracker, "remove 2", intent="remove_item", message_id="m-remove")

    events, dispatcher = await run_action(
        ActionRemoveItem(), make_tracker, "remove 2", intent="remove_item", message_id="m-remove"
    )

    assert events == []
    assert said(dispatcher) == []
    assert texts(record_of(active_store), "what_matters") == ["my garden", "my grandson"]


async def test_remove_the_last_one(active_store, make_tracker):
    await three_things_then_working(make_tracker)
    await run_action(ActionGoBack(), make_tracker, "go back to what matters", intent="go_back")

    events, dispatcher = await run_action(ActionRemoveItem(), make_tracker, "take out the last one", intent="remove_item")

    assert said(dispatcher) == ['I have taken out: "my grandson".']
    assert texts(record_of(active_store), "what_matters") == ["my garden", "my dog"]


async def test_remove_a_number_that_is_not_there(active_store, make_tracker):
    await three_things_then_working(make_tracker)
    await run_action(ActionGoBack(), make_tracker, "go back to what matters", intent="go_back")

    events, dispatcher = await run_action(ActionRemoveItem(), make_tracker, "remove 7", intent="remove_item")

    assert events == []
    assert said(dispatcher) == ['Which one? Type remove and its number, like "remove 1".']
    assert texts(record_of(active_store), "what_matters") == ["my garden", "my dog", "my grandson"]


async def test_remove_outside_a_review_asks_which_part(active_store, make_tracker):
    await three_things_then_working(make_tracker)

    events, dispatcher = await run_action(ActionRemoveItem(), make_tracker, "remove 1", intent="remove_item")

    assert events == []
    assert said(dispatcher) == [
        'First tell me which part you want to change, for example "go back to what matters".'
    ]
    assert texts(record_of(active_store), "what_matters") == ["my garden", "my dog", "my grandson"]


async def test_adding_during_a_review_stores_the_new_item(active_store, make_tracker):
    await three_things_then_working(make_tracker)
    await run_action(ActionGoBack(), make_tracker, "go back to what matters", intent="go_back")

    events, dispatcher = await answer(make_tracker, "my church")

    assert events == ANSWER_EMPTIED
    assert said(dispatcher) == ['Thank you. I have saved: "my church".']
    assert texts(record_of(active_store), "what_matters") == ["my garden", "my dog", "my grandson", "my church"]
    assert conversation_of(active_store).step == "review"


async def test_go_back_without_a_section_opens_the_previous_one(active_store, make_tracker):
    await three_things_then_working(make_tracker)

    events, dispatcher = await run_action(ActionGoBack(), make_tracker, "go back", intent="go_back")

    assert events == []
    found = conversation_of(active_store)
    assert (found.step, found.step_data["section"]) == ("review", "what_matters")
    assert found.step_data["return"] == {"stage": "working", "step": "working_well:ask", "step_data": {}}


async def test_go_back_to_change_the_name(active_store, make_tracker):
    await three_things_then_working(make_tracker)
    await run_action(ActionGoBack(), make_tracker, "can I change my name", intent="go_back")
    _, dispatcher = await ask(make_tracker)
    assert said(dispatcher) == ['At the moment I call you "Jo". What would you like me to call you? Say "done" to keep it.']

    events, dispatcher = await answer(make_tracker, "Joanna")

    assert events == ANSWER_EMPTIED
    assert said(dispatcher) == ["Thank you, Joanna."]
    assert record_of(active_store)["preferred_name"] == "Joanna"
    assert conversation_of(active_store).step == "working_well:ask"


async def test_go_back_from_the_summary_returns_to_the_summary(active_store, make_tracker):
    await reach(make_tracker, "summary")
    await run_action(ActionGoBack(), make_tracker, "go back to what matters", intent="go_back")
    await converse(make_tracker, [("my garden", "inform")])

    events, dispatcher = await answer(make_tracker, "done", intent="affirm")

    assert said(dispatcher) == ["Thank you."]
    found = conversation_of(active_store)
    assert (found.stage, found.step) == ("summary", "summary:confirm")
    _, dispatcher = await ask(make_tracker)
    [(text, _buttons)] = said(dispatcher)
    assert text == "Here is what you told me, Jo:\n\nYour name: Jo\n\nWhat matters to you:\n- my garden\n\nIs this right?"


async def test_go_back_at_the_summary_asks_which_part_and_the_button_opens_it(active_store, make_tracker):
    await reach(make_tracker, "summary")

    events, dispatcher = await run_action(ActionGoBack(), make_tracker, "go back", intent="go_back")

    assert events == []
    assert said(dispatcher) == []
    assert conversation_of(active_store).step == "summary:change"
    _, dispatcher = await ask(make_tracker)
    [(text, choices)] = said(dispatcher)
    assert text == "Which part would you like to change?"
    payload = choices[1]["payload"]
    assert choices[1]["title"] == "What matters to you"

    events, dispatcher = await run_action(ActionGoBack(), make_tracker, payload, intent="go_back")

    assert events == []
    found = conversation_of(active_store)
    assert (found.step, found.step_data["section"]) == ("review", "what_matters")
    assert found.step_data["return"] == {"stage": "summary", "step": "summary:confirm", "step_data": {}}
    _, dispatcher = await ask(make_tracker)
    assert said(dispatcher) == ["What matters to you: You have not told me anything about this yet." + REVIEW_TAIL]


async def test_go_back_before_consent_is_refused(active_store, make_tracker):
    await start(make_tracker)

    events, dispatcher = await run_action(ActionGoBack(), make_tracker, "go back", intent="go_back")

    assert events == []
    assert said(dispatcher) == ["I need to know if it is OK to save your answers before we go on."]
    assert conversation_of(active_store).step == "consent:ask"


async def test_go_back_apologises_when_the_store_is_down(active_store, make_tracker, monkeypatch, break_store):
    break_store()

    events, dispatcher = await run_action(ActionGoBack(), make_tracker, "go back", intent="go_back")

    assert events == []
    assert said(dispatcher) == [APOLOGY]


async def test_remove_apologises_and_keeps_the_item_when_deleting_fails(active_store, make_tracker, monkeypatch):
    await three_things_then_working(make_tracker)
    await run_action(ActionGoBack(), make_tracker, "go back to what matters", intent="go_back")

    def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(repo, "delete_item", broken)

    events, dispatcher = await run_action(ActionRemoveItem(), make_tracker, "remove 2", intent="remove_item")

    assert events == []
    assert said(dispatcher) == [APOLOGY]
    assert texts(record_of(active_store), "what_matters") == ["my garden", "my dog", "my grandson"]
