"""actions/pause.py: pausing with a reference and resume code, and resuming."""
from __future__ import annotations

from actions.pause import ActionPause, ActionResume
from bot.store import repository as repo
from tests.actions.helpers import (
    APOLOGY,
    PAUSED,
    SENDER,
    ask,
    conversation_of,
    converse,
    pause_for_code,
    reach,
    record_of,
    run_action,
    said,
    stage_set,
    start,
    table_counts,
    texts,
)

WELCOME_BACK = "Welcome back. Let us carry on where you left off."
RESUME_FAILED = (
    "Sorry, that reference and code do not match. Please check them and try again, or we can start fresh."
)
NEW_SENDER = "person-2"


def code_works(store, reference: str, code: str) -> bool:
    with store.transaction() as session:
        return repo.verify_resume(session, reference, code) is not None


def wrong(code: str) -> str:
    return f"{(int(code) + 1) % 10**6:06d}"


async def paused_at_working(make_tracker):
    await reach(make_tracker, "what_matters")
    await converse(make_tracker, [("my garden, my dog and my grandson", "inform"), ("no", "deny")])
    return await pause_for_code(make_tracker)


# ------------------------------------------------------------------ pause

async def test_pause_gives_the_reference_and_a_six_digit_code(active_store, make_tracker):
    await reach(make_tracker, "what_matters")
    await converse(make_tracker, [("my garden", "inform")])

    events, dispatcher = await run_action(ActionPause(), make_tracker, "can I stop and come back later", intent="pause")

    assert events == []
    [text] = said(dispatcher)
    match = PAUSED.fullmatch(text)
    assert match, text
    reference, code = match.groups()
    record = record_of(active_store)
    assert reference == record["reference"]
    assert (record["status"], record["stage"]) == ("paused", "what_matters")
    assert record["paused_at"] is not None
    assert texts(record, "what_matters") == ["my garden"]
    assert code_works(active_store, reference, code)
    # The form's question stays quiet while paused.
    events, dispatcher = await ask(make_tracker)
    assert events == stage_set("what_matters")
    assert said(dispatcher) == []


async def test_pausing_again_gives_a_new_code_and_the_old_one_stops_working(active_store, make_tracker):
    await reach(make_tracker, "what_matters")
    reference, first = await pause_for_code(make_tracker)

    again_reference, second = await pause_for_code(make_tracker)

    assert again_reference == reference
    assert code_works(active_store, reference, second)
    assert not code_works(active_store, reference, first) or first == second


async def test_pause_before_consent_stops_without_a_code(active_store, make_tracker):
    await start(make_tracker)
    with active_store.transaction() as session:
        code_hash = repo.conversation_for_sender(session, SENDER).resume_code_hash

    events, dispatcher = await run_action(ActionPause(), make_tracker, "stop", intent="pause")

    assert events == []
    assert said(dispatcher) == ["OK, we can stop here. Nothing has been saved. You can start again at any time."]
    record = record_of(active_store)
    assert (record["status"], record["paused_at"], record["consent"]) == ("paused", None, False)
    assert conversation_of(active_store).resume_code_hash == code_hash  # no new code was issued
    _, dispatcher = await ask(make_tracker)
    assert said(dispatcher) == []


async def test_pause_apologises_when_the_store_is_down(active_store, make_tracker, monkeypatch, break_store):
    break_store()

    events, dispatcher = await run_action(ActionPause(), make_tracker, "stop", intent="pause")

    assert events == []
    assert said(dispatcher) == [APOLOGY]


# ------------------------------------------------------------------ resume with a code

async def test_resume_with_the_right_code_from_a_new_session(active_store, make_tracker):
    reference, code = await paused_at_working(make_tracker)
    original = conversation_of(active_store)

    events, dispatcher = await run_action(
        ActionResume(), make_tracker, f"my reference is {reference.lower()} and my code is {code}",
        intent="resume", sender_id=NEW_SENDER,
    )

    assert events == []
    assert said(dispatcher) == [WELCOME_BACK]
    resumed = conversation_of(active_store, NEW_SENDER)
    assert resumed.id == original.id
    assert (resumed.status, resumed.stage, resumed.step, resumed.failed_resume_attempts) == (
        "active", "working", "working_well:ask", 0
    )
    with active_store.transaction() as session:
        assert sorted(repo.senders_of(session, original.id)) == [SENDER, NEW_SENDER]
    # The empty conversation the new session began is gone.
    assert table_counts(active_store)["conversations"] == 1
    assert texts(record_of(active_store, NEW_SENDER), "what_matters") == ["my garden", "my dog", "my grandson"]
    events, dispatcher = await ask(make_tracker, sender_id=NEW_SENDER)
    assert events == stage_set("working")
    assert said(dispatcher) == ["What is working well for you at the moment?"]


async def test_resume_with_the_code_as_entities(active_store, make_tracker):
    reference, code = await paused_at_working(make_tracker)

    events, dispatcher = await run_action(
        ActionResume(), make_tracker, f"ref {reference} code {code}", intent="resume", sender_id=NEW_SENDER,
        entities=[{"entity": "reference", "value": reference.lower()}, {"entity": "resume_code", "value": code}],
    )

    assert events == []
    assert said(dispatcher) == [WELCOME_BACK]
    assert conversation_of(active_store, NEW_SENDER).id == conversation_of(active_store).id


async def test_resume_without_the_hyphen(active_store, make_tracker):
    reference, code = await paused_at_working(make_tracker)

    events, dispatcher = await run_action(
        ActionResume(), make_tracker, f"{reference.replace('-', '')} {code}", intent="resume", sender_id=NEW_SENDER
    )

    assert said(dispatcher) == [WELCOME_BACK]
    assert conversation_of(active_store, NEW_SENDER).id == conversation_of(active_store).id


async def test_resume_with_a_wrong_code_fails_and_counts_the_attempt(active_store, make_tracker):
    reference, code = await paused_at_working(make_tracker)
    original = conversation_of(active_store)

    events, dispatcher = await run_action(
        ActionResume(), make_tracker, f"{reference} {wrong(code)}", intent="resume", sender_id=NEW_SENDER
    )

    assert events == []
    assert said(dispatcher) == [RESUME_FAILED]
    target = conversation_of(active_store)
    assert (target.failed_resume_attempts, target.status) == (1, "paused")
    newcomer = conversation_of(active_store, NEW_SENDER)
    assert newcomer.id != original.id
    assert (newcomer.stage, newcomer.consent) == ("consent", False)
    with active_store.transaction() as session:
        assert repo.senders_of(session, original.id) == [SENDER]

    await run_action(ActionResume(), make_tracker, f"{reference} {wrong(wrong(code))}", intent="resume",
                     sender_id=NEW_SENDER)
    assert conversation_of(active_store).failed_resume_attempts == 2


async def test_replaying_a_wrong_code_counts_it_once(active_store, make_tracker):
    reference, code = await paused_at_working(make_tracker)
    for _ in range(2):
        await run_action(ActionResume(), make_tracker, f"{reference} {wrong(code)}", intent="resume",
                         sender_id=NEW_SENDER, message_id="m-wrong")

    assert conversation_of(active_store).failed_resume_attempts == 1


async def test_too_many_wrong_codes_lock_the_reference(active_store, make_tracker):
    reference, code = await paused_at_working(make_tracker)
    for _ in range(repo.MAX_RESUME_ATTEMPTS):
        _, dispatcher = await run_action(ActionResume(), make_tracker, f"{reference} {wrong(code)}",
                                         intent="resume", sender_id=NEW_SENDER)
        assert said(dispatcher) == [RESUME_FAILED]

    events, dispatcher = await run_action(ActionResume(), make_tracker, f"{reference} {code}", intent="resume",
                                          sender_id=NEW_SENDER)

    assert events == []
    assert said(dispatcher) == [
        "That reference has had too many wrong codes, so I have locked it to keep it safe. "
        "Please call Testshire Council on 01632 960 111 for help."
    ]
    assert conversation_of(active_store, NEW_SENDER).id != conversation_of(active_store).id
    assert conversation_of(active_store).status == "paused"


async def test_resume_with_an_unknown_reference_fails(active_store, make_tracker):
    await paused_at_working(make_tracker)

    events, dispatcher = await run_action(ActionResume(), make_tracker, "ZZZZ-ZZZZ 123456", intent="resume",
                                          sender_id=NEW_SENDER)

    assert said(dispatcher) == [RESUME_FAILED]
    assert conversation_of(active_store).failed_resume_attempts == 0


# ------------------------------------------------------------------ carry on without a code

async def test_carry_on_in_the_same_session_reopens_the_conversation(active_store, make_tracker):
    await paused_at_working(make_tracker)

    events, dispatcher = await run_action(ActionResume(), make_tracker, "carry on", intent="resume")

    assert events == []
    assert said(dispatcher) == [WELCOME_BACK]
    assert conversation_of(active_store).status == "active"
    _, dispatcher = await ask(make_tracker)
    assert said(dispatcher) == ["What is working well for you at the moment?"]


async def test_carry_on_in_a_new_session_without_a_code_asks_for_it(active_store, make_tracker):
    events, dispatcher = await run_action(ActionResume(), make_tracker, "I want to carry on", intent="resume",
                                          sender_id=NEW_SENDER)

    assert events == []
    assert said(dispatcher) == [
        'To carry on from before, tell me your reference and your code, like "ABCD-EFGH 123456".'
    ]


async def test_resume_apologises_when_the_store_is_down(active_store, make_tracker, monkeypatch, break_store):
    break_store()

    events, dispatcher = await run_action(ActionResume(), make_tracker, "ABCD-EFGH 123456", intent="resume")

    assert events == []
    assert said(dispatcher) == [APOLOGY]
