"""Where a conversation is: the step names, and moving between steps.

The conversation's place is kept in the store (`stage`, `step`, `step_data` on the
conversation row), so it survives restarts and can be resumed from a new session.
Steps are named `<section>:<phase>` (for example `what_matters:more`) or after a move
that needs an answer (`delete_confirm`, `safety_pass_on`, ...). A move that asks its
own question saves where the person was in `step_data["return"]`, and goes back there
afterwards.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy.orm import Session

from bot import sections
from bot.stages import SAFETY_STEPS
from bot.store import repository as repo
from bot.store.models import Conversation
from bot.wording import Say


@dataclass
class Turn:
    """What a call produced: messages, and whether the conversation was erased."""

    says: list[Say] = field(default_factory=list)
    erased: bool = False


# The sections that hold several items (bot/sections.py: table, filters, follow-ups).
LIST_SECTIONS = {section.name: section for section in sections.LISTS}
# The first step of each stage: a section's first question, or the stage's own.
STAGE_FIRST_STEP = {
    "consent": "consent:ask",
    **{stage: f"{sections.first_of_stage(stage).name}:ask"
       for stage in dict.fromkeys(section.stage for section in sections.ALL)},
    "links": "links:none",
    "summary": "summary:confirm",
    "done": "done:share",
}


# Steps that ask a question of their own after a move; answering returns to the step
# the person was on.
MOVE_STEPS = ("review", "keep_answer", "delete_confirm", "handoff_consent", "handoff_contact") + SAFETY_STEPS


# Phases and steps whose answer is the person's own words, stored as they wrote them:
# a message flagged there may be an answer, and is offered back as one.
WORD_PHASES = ("ask", "more", "tell", "concern", "safer")
# Follow-up questions answered with a choice (yes / no / not sure, a number).
CHOICE_PHASES = ("willing", "scale_now", "scale_goal")


WORD_STEPS = ("preferred_name:ask", "behalf:person", "behalf:helper", "behalf:permission", "review", "handoff_contact")


def section_of(step: str) -> str:
    return step.split(":", 1)[0]


def phase_of(step: str) -> str:
    return step.split(":", 1)[1] if ":" in step else ""


def set_step(conversation: Conversation, step: str, **data) -> None:
    conversation.step = step
    conversation.step_data = data  # always a new dict: JSON columns miss in-place edits
    repo.touch(conversation)


def interrupt(conversation: Conversation, step: str, **data) -> None:
    """Go to a move's own question, remembering where the person was."""
    saved = {"stage": conversation.stage, "step": conversation.step, "step_data": conversation.step_data}
    set_step(conversation, step, **{"return": saved, **data})


def return_to_saved(conversation: Conversation) -> None:
    saved = (conversation.step_data or {}).get("return")
    if not saved:
        return
    conversation.stage = saved["stage"]
    set_step(conversation, saved["step"], **saved["step_data"])


def current_link(session: Session, conversation: Conversation):
    return repo.get_link(session, conversation.step_data["pending"][0])


def voice(conversation: Conversation) -> dict:
    """What prompts need to speak in the conversation's mode: `on_behalf` speaks about
    the person, by name once the helper has given it."""
    return {"mode": conversation.mode, "person": conversation.preferred_name or "the person you are helping"}


def takes_words(step: str) -> bool:
    """Whether the answer to `step` is the person's own words (not a yes, no or number)."""
    section, phase = section_of(step), phase_of(step)
    return (section in LIST_SECTIONS and phase in WORD_PHASES) or step in WORD_STEPS
