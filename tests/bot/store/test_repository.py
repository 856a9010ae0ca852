"""The repository on SQLite and on PostgreSQL (the `store` fixture runs both)."""
import re

import pytest
import sqlalchemy as sa

from bot.store import repository as repo
from bot.store.models import Conversation, ConversationSender, HandoffRequest, SafetyEvent


def test_create_conversation_has_reference_code_and_sender(store):
    with store.transaction() as session:
        conversation, code = repo.create_conversation(session, "sender-a")
        cid = conversation.id
    assert re.fullmatch(r"[A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{4}", conversation.reference)
    assert re.fullmatch(r"\d{6}", code)
    with store.transaction() as session:
        found = repo.conversation_for_sender(session, "sender-a")
        assert found.id == cid
        assert (found.stage, found.step, found.status, found.consent) == ("consent", "consent:ask", "active", False)
        assert code not in found.resume_code_hash


def test_add_items_is_idempotent_per_message_and_position(store):
    with store.transaction() as session:
        conversation, _ = repo.create_conversation(session, "s")
        repo.add_items(session, conversation.id, "what_matters", ["my garden", "my dog"], "m1")
    with store.transaction() as session:
        repo.add_items(session, conversation.id, "what_matters", ["my garden", "my dog"], "m1")
        repo.add_items(session, conversation.id, "what_matters", ["church"], "m2")
    with store.transaction() as session:
        texts = [row.text for row in repo.items(session, conversation.id, "what_matters")]
    assert texts == ["my garden", "my dog", "church"]


def test_unique_constraint_rejects_duplicate_rows(store):
    from bot.store.models import WhatMatters

    with store.transaction() as session:
        conversation, _ = repo.create_conversation(session, "s")
    with pytest.raises(sa.exc.IntegrityError):
        with store.transaction() as session:
            session.add(WhatMatters(conversation_id=conversation.id, message_id="m", position=0, text="a"))
            session.add(WhatMatters(conversation_id=conversation.id, message_id="m", position=0, text="a"))


def test_items_filter_by_kind_and_category(store):
    with store.transaction() as session:
        conversation, _ = repo.create_conversation(session, "s")
        repo.add_items(session, conversation.id, "working", ["my carer"], "m1", kind="working_well")
        repo.add_items(session, conversation.id, "working", ["the stairs"], "m2", kind="not_working")
        repo.add_items(session, conversation.id, "strengths", ["I cook"], "m3", category="personal")
        repo.add_items(session, conversation.id, "strengths", ["my son Tom"], "m4", category="family", who="my son Tom")
    with store.transaction() as session:
        assert [r.text for r in repo.items(session, conversation.id, "working", kind="not_working")] == ["the stairs"]
        family = repo.items(session, conversation.id, "strengths", category="family")
        assert [(r.text, r.who, r.willing) for r in family] == [("my son Tom", "my son Tom", None)]


def test_claim_message_only_once(store):
    with store.transaction() as session:
        conversation, _ = repo.create_conversation(session, "s")
        assert repo.claim_message(session, conversation.id, "m1", "answer") is True
        assert repo.claim_message(session, conversation.id, "m1", "answer") is False
        assert repo.claim_message(session, conversation.id, "m1", "action_skip") is True


def test_verify_resume_right_wrong_and_locked(store):
    with store.transaction() as session:
        conversation, code = repo.create_conversation(session, "s")
        reference = conversation.reference
    wrong = "000000" if code != "000000" else "111111"
    with store.transaction() as session:
        assert repo.verify_resume(session, reference.lower(), code).id == conversation.id
        assert repo.verify_resume(session, "ZZZZ-ZZZZ", code) is None
    for _ in range(repo.MAX_RESUME_ATTEMPTS):
        with store.transaction() as session:
            assert repo.verify_resume(session, reference, wrong) is None
    with pytest.raises(repo.ResumeLocked):
        with store.transaction() as session:
            repo.verify_resume(session, reference, code)
    with store.transaction() as session:  # a new code unlocks
        found = repo.get_conversation(session, conversation.id)
        new_code = repo.new_resume_code(found)
    with store.transaction() as session:
        assert repo.verify_resume(session, reference, new_code).id == conversation.id
        assert repo.verify_resume(session, reference, code if code != new_code else wrong) is None


def test_link_sender_moves_a_sender_between_conversations(store):
    with store.transaction() as session:
        first, _ = repo.create_conversation(session, "a")
        second, _ = repo.create_conversation(session, "b")
        repo.link_sender(session, first.id, "b")
        repo.link_sender(session, first.id, "c")
    with store.transaction() as session:
        assert sorted(repo.senders_of(session, first.id)) == ["a", "b", "c"]
        assert repo.senders_of(session, second.id) == []


def test_safety_event_and_handoff_are_idempotent(store):
    with store.transaction() as session:
        conversation, _ = repo.create_conversation(session, "s")
        repo.add_safety_event(session, conversation, "m1", "he hits me", ["abuse"], ["phrases", "meaning"])
        repo.add_safety_event(session, conversation, "m1", "he hits me", ["abuse"], ["phrases", "meaning"])
        repo.add_handoff_request(session, conversation, "m2", "07700 900123 mornings")
        repo.add_handoff_request(session, conversation, "m2", "07700 900123 mornings")
    with store.transaction() as session:
        events = repo.safety_events(session, conversation.id)
        assert [(e.message, e.kinds, e.layers, e.stage, e.step) for e in events] == [
            ("he hits me", "abuse", "phrases, meaning", "consent", "consent:ask")]
        assert repo.get_conversation(session, conversation.id).safety_flag is True
        assert [r.contact for r in repo.handoff_requests(session, conversation.id)] == ["07700 900123 mornings"]


def test_erase_removes_every_row_and_tracker_events(store):
    with store.transaction() as session:
        keep, _ = repo.create_conversation(session, "other")
        conversation, _ = repo.create_conversation(session, "s1")
        repo.link_sender(session, conversation.id, "s2")
        cid = conversation.id
        repo.add_items(session, cid, "what_matters", ["a"], "m1")
        repo.add_items(session, cid, "outcomes", ["b"], "m2")
        repo.add_items(session, cid, "positive_risks", ["c"], "m3")
        repo.add_safety_event(session, conversation, "m4", "x", [])
        repo.add_handoff_request(session, conversation, "m5", "y")
        repo.claim_message(session, cid, "m1", "answer")
        for sender in ("s1", "s2", "other"):
            session.execute(sa.insert(repo.rasa_events).values(sender_id=sender, type_name="user"))
    with store.transaction() as session:
        assert sorted(repo.erase(session, cid)) == ["s1", "s2"]
    with store.transaction() as session:
        assert repo.get_conversation(session, cid) is None
        for model in (SafetyEvent, HandoffRequest, ConversationSender):
            assert session.execute(sa.select(model).where(model.conversation_id == cid)).first() is None
        for table in ("what_matters", "outcomes", "positive_risks"):
            assert repo.items(session, cid, table) == []
        senders = session.execute(sa.select(repo.rasa_events.c.sender_id)).scalars().all()
        assert senders == ["other"]
        assert session.get(Conversation, keep.id) is not None
