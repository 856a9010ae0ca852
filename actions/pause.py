"""Pausing with a resume code, and resuming: in the same session, or in a new one
with the reference and code (guide section 4)."""
from __future__ import annotations

from actions.common import MoveAction, latest_text
from bot import interview
from bot.parsing import parse_resume


class ActionPause(MoveAction):
    action_name = "action_pause"

    def move(self, session, conversation, tracker):
        return interview.pause(session, conversation)


class ActionResume(MoveAction):
    action_name = "action_resume"

    def move(self, session, conversation, tracker):
        reference = next(tracker.get_latest_entity_values("reference"), None)
        code = next(tracker.get_latest_entity_values("resume_code"), None)
        if not (reference and code):
            reference, code = parse_resume(latest_text(tracker))
        if reference and code:
            return interview.resume_with_code(session, conversation, tracker.sender_id, reference, code)
        return interview.resume_here(session, conversation)
