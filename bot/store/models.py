"""SQLAlchemy models of the store. Table names follow the stage names of the guide.

Every item row carries `message_id` and `position`: the Rasa message it came from and
its place in that message. The pair is unique per conversation, which is what makes
replaying an action for the same message harmless.
"""
from __future__ import annotations

import datetime as dt

import sqlalchemy as sa
from sqlalchemy.orm import declarative_base

Base = declarative_base()


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)


class Conversation(Base):
    __tablename__ = "conversations"

    id = sa.Column(sa.String(36), primary_key=True)
    reference = sa.Column(sa.String(9), nullable=False, unique=True)
    resume_code_hash = sa.Column(sa.String(200), nullable=False)
    failed_resume_attempts = sa.Column(sa.Integer, nullable=False, default=0)
    mode = sa.Column(sa.String(20), nullable=False, default="self")
    stage = sa.Column(sa.String(30), nullable=False, default="consent")
    # Where inside the stage we are, and the data the current step needs (for
    # example the item a follow-up question is about, or the step to return to).
    step = sa.Column(sa.String(40), nullable=False, default="ask")
    step_data = sa.Column(sa.JSON, nullable=False, default=dict)
    status = sa.Column(sa.String(20), nullable=False, default="active")
    consent = sa.Column(sa.Boolean, nullable=False, default=False)
    consent_at = sa.Column(sa.DateTime)
    preferred_name = sa.Column(sa.Text)  # on_behalf: the name of the person it is about
    # on_behalf: the helper's name and how they know the person, as typed, and the
    # person's permission: "yes", "no", or the reason they cannot agree, as typed.
    completed_by = sa.Column(sa.Text)
    relationship = sa.Column(sa.Text)
    permission = sa.Column(sa.Text)
    summary_confirmed = sa.Column(sa.Boolean, nullable=False, default=False)
    share_with_council = sa.Column(sa.Boolean)
    shared_at = sa.Column(sa.DateTime)
    # After sharing: how and when the council may get in touch, as typed, and whether
    # they may (False: "don't contact me").
    contact = sa.Column(sa.Text)
    contact_ok = sa.Column(sa.Boolean)
    safety_flag = sa.Column(sa.Boolean, nullable=False, default=False)
    created_at = sa.Column(sa.DateTime, nullable=False, default=utcnow)
    updated_at = sa.Column(sa.DateTime, nullable=False, default=utcnow, onupdate=utcnow)
    paused_at = sa.Column(sa.DateTime)
    completed_at = sa.Column(sa.DateTime)


class ConversationSender(Base):
    """Every Rasa sender id that has spoken for a conversation.

    A person who resumes from a new session gets a new sender id; erasure deletes
    the tracker events of all of them.
    """

    __tablename__ = "conversation_senders"

    sender_id = sa.Column(sa.String(255), primary_key=True)
    conversation_id = sa.Column(
        sa.String(36), sa.ForeignKey("conversations.id", ondelete="CASCADE"), nullable=False, index=True
    )
    created_at = sa.Column(sa.DateTime, nullable=False, default=utcnow)


class AccessToken(Base):
    """A bearer token the gateway issued for one conversation (only its hash is kept)."""

    __tablename__ = "access_tokens"

    token_hash = sa.Column(sa.String(64), primary_key=True)
    conversation_id = sa.Column(
        sa.String(36), sa.ForeignKey("conversations.id", ondelete="CASCADE"), nullable=False, index=True
    )
    created_at = sa.Column(sa.DateTime, nullable=False, default=utcnow)


class ProcessedMessage(Base):
    """Marks a user message as handled by an action, so a replay changes nothing."""

    __tablename__ = "processed_messages"

    conversation_id = sa.Column(
        sa.String(36), sa.ForeignKey("conversations.id", ondelete="CASCADE"), primary_key=True
    )
    message_id = sa.Column(sa.String(64), primary_key=True)
    action = sa.Column(sa.String(64), primary_key=True)
    created_at = sa.Column(sa.DateTime, nullable=False, default=utcnow)


class _Item:
    """Columns every captured item has."""

    id = sa.Column(sa.Integer, primary_key=True, autoincrement=True)
    message_id = sa.Column(sa.String(64), nullable=False)
    position = sa.Column(sa.Integer, nullable=False, default=0)
    text = sa.Column(sa.Text, nullable=False)
    created_at = sa.Column(sa.DateTime, nullable=False, default=utcnow)


def _conversation_fk():
    return sa.Column(
        sa.String(36), sa.ForeignKey("conversations.id", ondelete="CASCADE"), nullable=False, index=True
    )


def _unique(table: str):
    return (sa.UniqueConstraint("conversation_id", "message_id", "position", name=f"uq_{table}_message"),)


class WhatMatters(_Item, Base):
    __tablename__ = "what_matters"
    __table_args__ = _unique("what_matters")
    conversation_id = _conversation_fk()


class Working(_Item, Base):
    """The `working` stage: `kind` is `working_well` or `not_working`."""

    __tablename__ = "working"
    __table_args__ = _unique("working")
    conversation_id = _conversation_fk()
    kind = sa.Column(sa.String(20), nullable=False)


class Strength(_Item, Base):
    """`category` is `personal`, `family` or `community`. `who` and `willing` are for
    family strengths; `willing` stays empty unless the person said."""

    __tablename__ = "strengths"
    __table_args__ = _unique("strengths")
    conversation_id = _conversation_fk()
    category = sa.Column(sa.String(20), nullable=False)
    who = sa.Column(sa.Text)
    willing = sa.Column(sa.String(10))  # yes / no / not_sure


class Outcome(_Item, Base):
    __tablename__ = "outcomes"
    __table_args__ = _unique("outcomes")
    conversation_id = _conversation_fk()
    scale_now = sa.Column(sa.Integer)
    scale_goal = sa.Column(sa.Integer)


class PositiveRisk(_Item, Base):
    """`text` is the activity the person wants to do."""

    __tablename__ = "positive_risks"
    __table_args__ = _unique("positive_risks")
    conversation_id = _conversation_fk()
    concern = sa.Column(sa.Text)
    safer = sa.Column(sa.Text)


class Link(Base):
    """A community service offered at the `links` stage (Open Referral service id)."""

    __tablename__ = "links"
    __table_args__ = (sa.UniqueConstraint("conversation_id", "service_id", name="uq_links_service"),)
    id = sa.Column(sa.Integer, primary_key=True, autoincrement=True)
    conversation_id = _conversation_fk()
    service_id = sa.Column(sa.String(100), nullable=False)
    status = sa.Column(sa.String(20), nullable=False, default="suggested")
    reason = sa.Column(sa.Text)
    created_at = sa.Column(sa.DateTime, nullable=False, default=utcnow)
    updated_at = sa.Column(sa.DateTime, nullable=False, default=utcnow, onupdate=utcnow)


class SafetyEvent(Base):
    """A message the safety detector flagged, kept with the person's own words and
    wishes so that staff can see every flag later."""

    __tablename__ = "safety_events"
    __table_args__ = (sa.UniqueConstraint("conversation_id", "message_id", name="uq_safety_events_message"),)
    id = sa.Column(sa.Integer, primary_key=True, autoincrement=True)
    conversation_id = _conversation_fk()
    message_id = sa.Column(sa.String(64), nullable=False)
    stage = sa.Column(sa.String(30), nullable=False)
    message = sa.Column(sa.Text, nullable=False)
    kinds = sa.Column(sa.Text)  # the kinds of risk, comma-separated (bot/safety/kinds.py)
    layers = sa.Column(sa.Text)  # the detector layers that flagged it: phrases, nlu, meaning
    step = sa.Column(sa.String(40))  # the question the person was on
    safe_now = sa.Column(sa.Boolean)  # their answer to "are you safe right now?"
    pass_on = sa.Column(sa.Boolean)  # the person's wish: pass this on to the council?
    not_meant = sa.Column(sa.Boolean)  # they said it was not what they meant
    kept_as_answer = sa.Column(sa.Boolean)  # they kept their words as their answer
    created_at = sa.Column(sa.DateTime, nullable=False, default=utcnow)


class HandoffRequest(Base):
    __tablename__ = "handoff_requests"
    __table_args__ = (sa.UniqueConstraint("conversation_id", "message_id", name="uq_handoff_requests_message"),)
    id = sa.Column(sa.Integer, primary_key=True, autoincrement=True)
    conversation_id = _conversation_fk()
    message_id = sa.Column(sa.String(64), nullable=False)
    stage = sa.Column(sa.String(30), nullable=False)
    contact = sa.Column(sa.Text, nullable=False)  # how and when to call, as typed
    status = sa.Column(sa.String(20), nullable=False, default="requested")
    created_at = sa.Column(sa.DateTime, nullable=False, default=utcnow)


ITEM_MODELS = {
    "what_matters": WhatMatters,
    "working": Working,
    "strengths": Strength,
    "outcomes": Outcome,
    "positive_risks": PositiveRisk,
}
