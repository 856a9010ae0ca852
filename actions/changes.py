"""Going back to change or remove an earlier answer (guide section 4)."""
from __future__ import annotations

from actions.common import latest_text
from actions.common import MoveAction
from bot import interview


class ActionGoBack(MoveAction):
    action_name = "action_go_back"

    def move(self, session, conversation, tracker):
        return interview.go_back(session, conversation, latest_text(tracker))


class ActionRemoveItem(MoveAction):
    action_name = "action_remove_item"

    def move(self, session, conversation, tracker):
        return interview.remove_item(session, conversation, latest_text(tracker))
