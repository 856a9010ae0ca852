""""Delete everything": ask to confirm. The form's next answer erases on "yes"."""
from __future__ import annotations

from actions.common import MoveAction
from bot import interview


class ActionDeleteAll(MoveAction):
    action_name = "action_delete_all"

    def move(self, session, conversation, tracker):
        return interview.ask_delete(session, conversation)
