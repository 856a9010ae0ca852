"""The safety response (guide section 5), at any stage, in the same turn.

The detector ran in Rasa's NLU pipeline (`addons/safety_backstop.py`) and put what it
found in the parse data (`safety`); this action stores the flag and sends the help
that fits the risk. The help lines are sent even if storing the flag fails: help
comes first.
"""
from __future__ import annotations

import logging
from typing import Any, Dict, List, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.common import conversation, latest_text, message_id, utter
from bot import interview
from bot.safety import response
from bot.safety.detector import Detection, detector
from bot.store import repository as repo

logger = logging.getLogger(__name__)


def detection_of(tracker: Tracker) -> Detection:
    """What the NLU pipeline's detector found (run again only if it is missing)."""
    found = (tracker.latest_message or {}).get("safety")
    if isinstance(found, dict) and found.get("flagged"):
        return Detection(tuple(found.get("kinds") or ()), tuple(found.get("layers") or ()),
                         float(found.get("score") or 0.0))
    return detector().detect(latest_text(tracker), "safety_disclosure")


class ActionSafetyResponse(Action):
    def name(self) -> Text:
        return "action_safety_response"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> List[Dict[Text, Any]]:
        text = latest_text(tracker)
        found = Detection()
        try:
            found = detection_of(tracker)
            with conversation(tracker, create=True) as (session, current):
                repo.claim_message(session, current.id, message_id(tracker), self.name())
                turn = interview.safety_response(session, current, text, message_id(tracker), found)
            utter(dispatcher, turn.says)
        except Exception:  # noqa: BLE001 - the help lines must reach the person
            logger.exception("storing a safety event failed")
            utter(dispatcher, response.lines(found.kinds))
        return []
