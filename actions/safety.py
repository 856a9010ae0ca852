"""The safety response (guide section 5), at any stage, in the same turn.

The help lines are sent even if storing the flag fails: help comes first.
"""
from __future__ import annotations

import logging
from typing import Any, Dict, List, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.common import conversation, latest_text, message_id, utter
from bot import interview
from bot.store import repository as repo

logger = logging.getLogger(__name__)


class ActionSafetyResponse(Action):
    def name(self) -> Text:
        return "action_safety_response"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> List[Dict[Text, Any]]:
        text = latest_text(tracker)
        try:
            with conversation(tracker, create=True) as (session, found):
                repo.claim_message(session, found.id, message_id(tracker), self.name())
                turn = interview.safety_response(session, found, text, message_id(tracker))
            utter(dispatcher, turn.says)
        except Exception:  # noqa: BLE001 - the help lines must reach the person
            logger.exception("storing a safety event failed")
            utter(dispatcher, interview.safety_lines(text))
        return []
