""""Can I talk to a person?": the council's contact route and a call-back offer."""
from __future__ import annotations

from actions.common import MoveAction
from bot import interview


class ActionHandoff(MoveAction):
    action_name = "action_handoff"

    def move(self, session, conversation, tracker):
        return interview.handoff(conversation)
