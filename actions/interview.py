"""The interview form: validating each answer and asking the next question.

The form has one slot, `answer`. Each answer is handed to `bot.interview.answer`,
which stores it and moves the conversation on; the slot is then emptied so the form
asks again, until the conversation is erased.
"""
from __future__ import annotations

import logging
from typing import Any, Dict, List, Text

from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.common import ERASED, apologise, conversation, latest_intent, message_id, utter
from bot import interview
from bot.parsing import typed
from bot.store import repository as repo

logger = logging.getLogger(__name__)


class ValidateInterviewForm(FormValidationAction):
    def name(self) -> Text:
        return "validate_interview_form"

    def validate_answer(
        self, slot_value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> Dict[Text, Any]:
        try:
            # Never create here: a replay of the "yes" that erased a conversation
            # must not become the consent of a new one. action_start creates it.
            with conversation(tracker) as (session, found):
                if found is None or not repo.claim_message(session, found.id, message_id(tracker), "answer"):
                    return {"answer": None}
                turn = interview.answer(session, found, typed(str(slot_value)), latest_intent(tracker), message_id(tracker))
        except Exception:  # noqa: BLE001 - see actions.common
            logger.exception("validating an answer failed")
            apologise(dispatcher)
            return {"answer": None}
        utter(dispatcher, turn.says)
        return {"answer": None} if not turn.erased else {name: value for name, value in ERASED.items()}


class ActionAskAnswer(Action):
    """Asks the question for wherever the conversation is now."""

    def name(self) -> Text:
        return "action_ask_answer"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> List[Dict[Text, Any]]:
        try:
            with conversation(tracker, create=True) as (session, found):
                says = interview.question(session, found)
        except Exception:  # noqa: BLE001 - see actions.common
            logger.exception("asking the next question failed")
            apologise(dispatcher)
            return []
        utter(dispatcher, says)
        return [SlotSet("stage", found.stage)]
