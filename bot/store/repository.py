"""Repository functions: every read and write of the store goes through here.

Each function takes an open `Session` (from `Store.transaction()`), so a caller can
group several writes in one transaction and nothing is half-stored.
"""
from __future__ import annotations

import hashlib
import hmac
import secrets
import uuid
from typing import Iterable, Optional, Sequence

import sqlalchemy as sa
from sqlalchemy.orm import Session

from bot import sections

from bot.store.models import (
    ITEM_MODELS,
    AccessToken,
    Conversation,
    ConversationSender,
    HandoffRequest,
    Link,
    ProcessedMessage,
    SafetyEvent,
    utcnow,
)

# Rasa's tracker table, described here (not imported from Rasa) so that erasure can
# remove a person's raw messages too.
_rasa_metadata = sa.MetaData()
rasa_events = sa.Table(
    "events",
    _rasa_metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("sender_id", sa.String(255), nullable=False),
    sa.Column("type_name", sa.String(255), nullable=False),
    sa.Column("timestamp", sa.Float),
    sa.Column("data", sa.Text),
)

# Short codes people type: no I, O, 0 or 1, which are easy to confuse.
REFERENCE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
MAX_RESUME_ATTEMPTS = 5
_HASH_ITERATIONS = 120_000


class ResumeLocked(Exception):
    """Too many wrong resume codes for this reference."""


def new_reference() -> str:
    chars = "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(8))
    return f"{chars[:4]}-{chars[4:]}"


def _hash_code(code: str, salt: Optional[str] = None) -> str:
    salt = salt or secrets.token_hex(16)
    digest = hashlib.pbkdf2_hmac("sha256", code.encode(), bytes.fromhex(salt), _HASH_ITERATIONS)
    return f"pbkdf2_sha256${_HASH_ITERATIONS}${salt}${digest.hex()}"


def _check_code(code: str, stored: str) -> bool:
    _scheme, _iterations, salt, _digest = stored.split("$")
    return hmac.compare_digest(_hash_code(code, salt), stored)


def new_resume_code(conversation: Conversation) -> str:
    """Give the conversation a fresh six-digit resume code and return it.

    Only a hash is stored, so a code can be shown once; earlier codes stop working.
    """
    code = f"{secrets.randbelow(10**6):06d}"
    conversation.resume_code_hash = _hash_code(code)
    conversation.failed_resume_attempts = 0
    return code


def create_conversation(
    session: Session, sender_id: Optional[str] = None, mode: Optional[str] = None
) -> tuple[Conversation, str]:
    """A new conversation at the `consent` stage, linked to `sender_id` (by default
    its own id, as the web gateway uses it). With a `mode` given, the interview does
    not ask who is completing it.

    Returns the conversation and its first resume code.
    """
    conversation_id = str(uuid.uuid4())
    conversation = Conversation(
        id=conversation_id,
        mode=mode or "self",
        stage="consent",
        step="consent:ask",
        step_data={"mode_given": True} if mode else {},
        status="active",
        consent=False,
        summary_confirmed=False,
        safety_flag=False,
        failed_resume_attempts=0,
    )
    code = new_resume_code(conversation)
    for _ in range(5):
        reference = new_reference()
        if session.execute(select_conversation_by_reference(reference)).first() is None:
            break
    conversation.reference = reference
    session.add(conversation)
    session.flush()
    link_sender(session, conversation.id, sender_id or conversation_id)
    return conversation, code


def select_conversation_by_reference(reference: str):
    return sa.select(Conversation).where(Conversation.reference == reference.strip().upper())


def get_conversation(session: Session, conversation_id: str) -> Optional[Conversation]:
    return session.get(Conversation, conversation_id)


def conversation_for_sender(session: Session, sender_id: str) -> Optional[Conversation]:
    row = session.execute(
        sa.select(Conversation)
        .join(ConversationSender, ConversationSender.conversation_id == Conversation.id)
        .where(ConversationSender.sender_id == sender_id)
    ).scalar_one_or_none()
    return row


def link_sender(session: Session, conversation_id: str, sender_id: str) -> None:
    """Point `sender_id` at `conversation_id` (moving it off any other conversation)."""
    existing = session.get(ConversationSender, sender_id)
    if existing is None:
        session.add(ConversationSender(sender_id=sender_id, conversation_id=conversation_id))
    else:
        existing.conversation_id = conversation_id
    session.flush()


def senders_of(session: Session, conversation_id: str) -> list[str]:
    return list(
        session.execute(
            sa.select(ConversationSender.sender_id).where(ConversationSender.conversation_id == conversation_id)
        ).scalars()
    )


def verify_resume(session: Session, reference: str, code: str) -> Optional[Conversation]:
    """The conversation for `reference` if `code` is right, else None.

    Wrong codes are counted; after MAX_RESUME_ATTEMPTS the reference is locked
    until a new code is issued (raises ResumeLocked).
    """
    conversation = session.execute(select_conversation_by_reference(reference)).scalar_one_or_none()
    if conversation is None:
        return None
    if conversation.failed_resume_attempts >= MAX_RESUME_ATTEMPTS:
        raise ResumeLocked(reference)
    if not _check_code(code.strip(), conversation.resume_code_hash):
        conversation.failed_resume_attempts += 1
        return None
    conversation.failed_resume_attempts = 0
    return conversation


def issue_token(session: Session, conversation_id: str) -> str:
    """A new bearer token for the conversation; only its SHA-256 is stored."""
    token = secrets.token_urlsafe(32)
    session.add(AccessToken(token_hash=_token_hash(token), conversation_id=conversation_id))
    session.flush()
    return token


def conversation_for_token(session: Session, token: str) -> Optional[str]:
    """The conversation id a bearer token was issued for, or None."""
    row = session.get(AccessToken, _token_hash(token))
    return row.conversation_id if row else None


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def claim_message(session: Session, conversation_id: str, message_id: str, action: str) -> bool:
    """Mark `message_id` as handled by `action`. False if it already was (a replay)."""
    exists = session.get(ProcessedMessage, (conversation_id, message_id, action))
    if exists is not None:
        return False
    session.add(ProcessedMessage(conversation_id=conversation_id, message_id=message_id, action=action))
    session.flush()
    return True


def add_items(
    session: Session,
    conversation_id: str,
    table: str,
    texts: Sequence[str],
    message_id: str,
    **fields,
) -> list:
    """Store one row per text in `table`; a row already stored for the same message
    and position is returned instead of duplicated."""
    model = ITEM_MODELS[table]
    rows = []
    for position, text in enumerate(texts):
        row = session.execute(
            sa.select(model).where(
                model.conversation_id == conversation_id,
                model.message_id == message_id,
                model.position == position,
            )
        ).scalar_one_or_none()
        if row is None:
            row = model(conversation_id=conversation_id, message_id=message_id, position=position, text=text, **fields)
            session.add(row)
        rows.append(row)
    session.flush()
    return rows


def items(session: Session, conversation_id: str, table: str, **filters) -> list:
    """Rows of `table` for a conversation in the order they were given."""
    model = ITEM_MODELS[table]
    query = sa.select(model).where(model.conversation_id == conversation_id)
    for column, value in filters.items():
        query = query.where(getattr(model, column) == value)
    return list(session.execute(query.order_by(model.id)).scalars())


def get_item(session: Session, table: str, item_id: int):
    return session.get(ITEM_MODELS[table], item_id)


def delete_item(session: Session, row) -> None:
    session.delete(row)
    session.flush()


# Where each record section lives: (table, filters), from bot/sections.py.
# `preferred_name` is a column.
SECTION_TABLES = {section.name: (section.table, section.filters) for section in sections.LISTS}


def move_item(session: Session, row, section: str, **fields):
    """An item saved under one section that belongs under another: the same words,
    from the same message, moved there (with the new section's `fields`)."""
    table, filters = SECTION_TABLES[section]
    moved = ITEM_MODELS[table](conversation_id=row.conversation_id, message_id=row.message_id, position=row.position,
                               text=row.text, **filters, **fields)
    session.delete(row)
    session.add(moved)
    session.flush()
    return moved


def _owned_item(session: Session, conversation_id: str, section: str, item_id: Optional[int]):
    if section not in SECTION_TABLES or item_id is None:
        return None
    table, filters = SECTION_TABLES[section]
    row = get_item(session, table, item_id)
    if row is None or row.conversation_id != conversation_id:
        return None
    if any(getattr(row, column) != value for column, value in filters.items()):
        return None
    return row


def _set_preferred_name(session: Session, conversation_id: str, name: Optional[str]) -> bool:
    conversation = get_conversation(session, conversation_id)
    if conversation is None:
        return False
    conversation.preferred_name = name
    touch(conversation)
    return True


def change_item(session: Session, conversation_id: str, section: str, item_id: Optional[int], text: str) -> bool:
    """Replace the words of one item (or the preferred name). False if not theirs."""
    if section == "preferred_name":
        return _set_preferred_name(session, conversation_id, text)
    row = _owned_item(session, conversation_id, section, item_id)
    if row is None:
        return False
    row.text = text
    session.flush()
    return True


def remove_item(session: Session, conversation_id: str, section: str, item_id: Optional[int]) -> bool:
    """Remove one item (or the preferred name). False if it is not theirs."""
    if section == "preferred_name":
        return _set_preferred_name(session, conversation_id, None)
    row = _owned_item(session, conversation_id, section, item_id)
    if row is None:
        return False
    delete_item(session, row)
    return True


def add_link(session: Session, conversation_id: str, service_id: str, reason: str) -> Link:
    """Suggest a directory service (once per conversation and service)."""
    link = session.execute(sa.select(Link).where(Link.conversation_id == conversation_id,
                                                 Link.service_id == service_id)).scalar_one_or_none()
    if link is None:
        link = Link(conversation_id=conversation_id, service_id=service_id, status="suggested", reason=reason)
        session.add(link)
        session.flush()
    return link


def get_link(session: Session, link_id: int) -> Optional[Link]:
    return session.get(Link, link_id)


def add_safety_event(
    session: Session, conversation: Conversation, message_id: str, message: str, kinds: Iterable[str],
    layers: Iterable[str] = (), step: Optional[str] = None,
) -> SafetyEvent:
    """Flag the conversation and keep the message with what the detector found (once
    per message: a replayed action finds the same row)."""
    event = session.execute(
        sa.select(SafetyEvent).where(
            SafetyEvent.conversation_id == conversation.id, SafetyEvent.message_id == message_id
        )
    ).scalar_one_or_none()
    if event is None:
        event = SafetyEvent(
            conversation_id=conversation.id,
            message_id=message_id,
            stage=conversation.stage,
            step=step or conversation.step,
            message=message,
            kinds=", ".join(kinds) or None,
            layers=", ".join(layers) or None,
        )
        session.add(event)
    conversation.safety_flag = True
    session.flush()
    return event


def latest_safety_event(session: Session, conversation_id: str) -> Optional[SafetyEvent]:
    return session.execute(
        sa.select(SafetyEvent)
        .where(SafetyEvent.conversation_id == conversation_id)
        .order_by(SafetyEvent.id.desc())
        .limit(1)
    ).scalar_one_or_none()


def safety_events(session: Session, conversation_id: str) -> list[SafetyEvent]:
    return list(
        session.execute(
            sa.select(SafetyEvent).where(SafetyEvent.conversation_id == conversation_id).order_by(SafetyEvent.id)
        ).scalars()
    )


def add_handoff_request(
    session: Session, conversation: Conversation, message_id: str, contact: str
) -> HandoffRequest:
    request = session.execute(
        sa.select(HandoffRequest).where(
            HandoffRequest.conversation_id == conversation.id, HandoffRequest.message_id == message_id
        )
    ).scalar_one_or_none()
    if request is None:
        request = HandoffRequest(
            conversation_id=conversation.id, message_id=message_id, stage=conversation.stage, contact=contact
        )
        session.add(request)
        session.flush()
    return request


def handoff_requests(session: Session, conversation_id: str) -> list[HandoffRequest]:
    return list(
        session.execute(
            sa.select(HandoffRequest)
            .where(HandoffRequest.conversation_id == conversation_id)
            .order_by(HandoffRequest.id)
        ).scalars()
    )


def erase(session: Session, conversation_id: str) -> list[str]:
    """Delete a conversation, every item of it and its Rasa tracker events.

    Returns the sender ids whose tracker events were removed.
    """
    senders = senders_of(session, conversation_id)
    if senders:
        session.execute(sa.delete(rasa_events).where(rasa_events.c.sender_id.in_(senders)))
    for model in (*ITEM_MODELS.values(), Link, SafetyEvent, HandoffRequest, ProcessedMessage, AccessToken,
                  ConversationSender):
        session.execute(sa.delete(model).where(model.conversation_id == conversation_id))
    session.execute(sa.delete(Conversation).where(Conversation.id == conversation_id))
    return senders


def erase_tracker(session: Session, sender_id: str) -> None:
    """Delete the Rasa tracker events of one sender."""
    session.execute(sa.delete(rasa_events).where(rasa_events.c.sender_id == sender_id))


def touch(conversation: Conversation) -> None:
    conversation.updated_at = utcnow()
