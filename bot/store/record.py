"""Assemble a conversation's record: everything the person told us, in their words."""
from __future__ import annotations

import datetime as dt
from typing import Any, Optional

import sqlalchemy as sa
from sqlalchemy.orm import Session

from bot.store import repository as repo
from bot.store.models import Link


# The directory's service names, read by table name so the store needs nothing from
# bot.directory (the directory may be empty, or a council's own).
_services = sa.table("directory_services", sa.column("id"), sa.column("name"))


def _time(value: Optional[dt.datetime]) -> Optional[str]:
    return value.isoformat(timespec="seconds") + "Z" if value else None


def build_record(session: Session, conversation_id: str) -> Optional[dict[str, Any]]:
    """The record as JSON-ready data, or None if there is no such conversation."""
    conversation = repo.get_conversation(session, conversation_id)
    if conversation is None:
        return None
    cid = conversation.id
    links = session.execute(
        sa.select(Link, _services.c.name).outerjoin(_services, _services.c.id == Link.service_id)
        .where(Link.conversation_id == cid).order_by(Link.id)).all()
    return {
        "id": cid,
        "reference": conversation.reference,
        "mode": conversation.mode,
        "status": conversation.status,
        "stage": conversation.stage,
        "step": conversation.step,
        "consent": conversation.consent,
        "preferred_name": conversation.preferred_name,
        "completed_by": conversation.completed_by,
        "relationship": conversation.relationship,
        "permission": conversation.permission,
        "what_matters": [{"id": row.id, "text": row.text} for row in repo.items(session, cid, "what_matters")],
        "working_well": [
            {"id": row.id, "text": row.text} for row in repo.items(session, cid, "working", kind="working_well")
        ],
        "not_working": [
            {"id": row.id, "text": row.text} for row in repo.items(session, cid, "working", kind="not_working")
        ],
        "strengths": [
            {"id": row.id, "category": row.category, "text": row.text, "who": row.who, "willing": row.willing}
            for row in repo.items(session, cid, "strengths")
        ],
        "outcomes": [
            {"id": row.id, "text": row.text, "scale_now": row.scale_now, "scale_goal": row.scale_goal}
            for row in repo.items(session, cid, "outcomes")
        ],
        "positive_risks": [
            {"id": row.id, "activity": row.text, "concern": row.concern, "safer": row.safer}
            for row in repo.items(session, cid, "positive_risks")
        ],
        "links": [
            {"id": row.id, "service_id": row.service_id, "service_name": name, "status": row.status,
             "reason": row.reason}
            for row, name in links
        ],
        "safety": {
            "flagged": conversation.safety_flag,
            "events": [
                {"message": event.message, "stage": event.stage, "step": event.step,
                 "kinds": event.kinds.split(", ") if event.kinds else [],
                 "layers": event.layers.split(", ") if event.layers else [],
                 "safe_now": event.safe_now, "pass_on": event.pass_on, "not_meant": event.not_meant,
                 "kept_as_answer": event.kept_as_answer, "at": _time(event.created_at)}
                for event in repo.safety_events(session, cid)
            ],
        },
        "handoff_requests": [
            {"contact": request.contact, "stage": request.stage, "status": request.status,
             "at": _time(request.created_at)}
            for request in repo.handoff_requests(session, cid)
        ],
        "summary_confirmed": conversation.summary_confirmed,
        "share_with_council": conversation.share_with_council,
        "shared_at": _time(conversation.shared_at),
        "contact": conversation.contact,
        "contact_ok": conversation.contact_ok,
        "created_at": _time(conversation.created_at),
        "updated_at": _time(conversation.updated_at),
        "consent_at": _time(conversation.consent_at),
        "paused_at": _time(conversation.paused_at),
        "completed_at": _time(conversation.completed_at),
    }
