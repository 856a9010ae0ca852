"""Moving through the interview: entering a stage, follow-up questions about each
new item, offering links, opening a section again, and pausing."""
from __future__ import annotations

from sqlalchemy.orm import Session

from bot import config, sections
from bot.directory.matching import best_for, directory_has_services
from bot.interview.state import (
    LIST_SECTIONS, STAGE_FIRST_STEP, Turn, phase_of, return_to_saved, set_step,
)
from bot.stages import SAFETY_STEPS, next_stage
from bot.store import repository as repo
from bot.store.models import Conversation, utcnow
from bot.store.record import build_record
from bot.wording import Say, message

def enter(session: Session, conversation: Conversation, stage: str) -> list[Say]:
    """Start `stage`. Stages with nothing to ask say why and move on."""
    conversation.stage = stage
    on_behalf = stage == "about_you" and conversation.mode == "on_behalf"
    set_step(conversation, "behalf:person" if on_behalf else STAGE_FIRST_STEP[stage])
    if stage == "links":
        return offer_links(session, conversation, first=True)
    return []


def offer_links(session: Session, conversation: Conversation, first: bool) -> list[Say]:
    """Suggest the next few services that fit what the person said, one at a time."""
    if not directory_has_services(session):
        return [message("links_none")] + enter(session, conversation, "summary")
    matches = best_for(session, build_record(session, conversation.id))
    if not matches:
        return [message("links_found_none" if first else "links_no_more")] + enter(session, conversation, "summary")
    links = [repo.add_link(session, conversation.id, found.service_id, found.reason) for found in matches]
    set_step(conversation, "links:offer", pending=[link.id for link in links])
    return [message("links_intro" if first else "links_more_intro", count=len(links))]


def next_link(session: Session, conversation: Conversation) -> list[Say]:
    pending = list(conversation.step_data["pending"])[1:]
    if pending:
        set_step(conversation, "links:offer", pending=pending)
    else:
        set_step(conversation, "links:more")
    return []


def after_section(session: Session, conversation: Conversation, section: str) -> list[Say]:
    """Move past a finished section: the stage's next section, or the next stage."""
    following = sections.next_in_stage(section)
    if following is not None:
        set_step(conversation, f"{following.name}:ask")
        return []
    return enter(session, conversation, next_stage(conversation.stage))


def start_followups(conversation: Conversation, section: str, pending: list[int], closing: bool = False) -> None:
    """Ask the section's follow-ups about each new item in turn, then "anything else?".
    `closing`: the person said the section is finished ("my son Dave and Jean, that's
    it"), so after the follow-ups the next section comes instead."""
    followups = LIST_SECTIONS[section].followups
    flag = _closing(closing)
    if followups and pending:
        set_step(conversation, f"{section}:{followups[0]}", pending=pending, **flag)
    else:
        set_step(conversation, f"{section}:more", **flag)


def _closing(closing: bool) -> dict:
    return {"closing": True} if closing else {}


def next_followup(session: Session, conversation: Conversation, section: str) -> list[Say]:
    followups = LIST_SECTIONS[section].followups
    pending = list(conversation.step_data["pending"])
    closing = bool(conversation.step_data.get("closing"))
    index = followups.index(phase_of(conversation.step))
    if index + 1 < len(followups):
        set_step(conversation, f"{section}:{followups[index + 1]}", pending=pending, **_closing(closing))
        return []
    start_followups(conversation, section, pending[1:], closing)
    if closing and phase_of(conversation.step) == "more":
        return after_section(session, conversation, section)
    return []


def start_review(session: Session, conversation: Conversation, section: str) -> list[Say]:
    """Show a section's items for changes; afterwards go back to where the person
    was (or to the summary, when they came from there)."""
    if conversation.stage == "summary":
        saved = {"stage": "summary", "step": "summary:confirm", "step_data": {}}
    elif conversation.step == "review":
        saved = conversation.step_data["return"]
    else:
        saved = {"stage": conversation.stage, "step": conversation.step, "step_data": conversation.step_data}
    set_step(conversation, "review", section=section, **{"return": saved})
    return []


def pause(session: Session, conversation: Conversation) -> Turn:
    """Save and give the reference and a fresh resume code."""
    if conversation.step in SAFETY_STEPS:
        return_to_saved(conversation)
    if not conversation.consent:
        conversation.status = "paused"
        repo.touch(conversation)
        return Turn([message("stopped_unsaved")])
    code = repo.new_resume_code(conversation)
    conversation.status = "paused"
    conversation.paused_at = utcnow()
    repo.touch(conversation)
    said = message("pause", reference=conversation.reference, code=code, days=config.retention_days())
    said.resume = {"reference": conversation.reference, "code": code}  # data, never read back out of the text
    return Turn([said])
