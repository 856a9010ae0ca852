"""The first message of a conversation: say what this is, then the form asks consent."""
from __future__ import annotations

from typing import Any, Dict, List, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.common import apply_move
from bot import interview


class ActionStart(Action):
    def name(self) -> Text:
        return "action_start"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> List[Dict[Text, Any]]:
        return apply_move(self.name(), tracker, dispatcher, lambda session, found: interview.start(found))
