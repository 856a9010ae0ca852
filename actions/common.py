"""What every action shares: opening the person's conversation, applying a change
once per message, sending messages, and never failing silently.

If an action raised, Rasa would drop its events and the person would see nothing.
So every action catches its own errors and says sorry, with a way to get help.
"""
from __future__ import annotations

import abc
import logging
from contextlib import contextmanager
from typing import Callable, Iterator, Optional

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict
from sqlalchemy.orm import Session

from bot import interview
from bot.parsing import typed
from bot.store import get_store
from bot.store import repository as repo
from bot.store.models import Conversation
from bot.wording import council_fields

logger = logging.getLogger(__name__)

# Slots that end the interview form once a conversation is erased: the form's only
# slot is filled, and the tracker store deletes the sender's events instead of
# saving them (addons/tracker_store.py).
ERASED = {"answer": "erased", "erased": True}


def message_id(tracker: Tracker) -> str:
    """The id Rasa gave the latest user message (the key that makes writes idempotent)."""
    latest = tracker.latest_message or {}
    return str(latest.get("message_id") or f"t{latest.get('timestamp', '')}:{hash(latest.get('text'))}")


def latest_text(tracker: Tracker) -> str:
    """What the person typed, exactly (the gateway's mark on "/..." text taken off)."""
    return typed((tracker.latest_message or {}).get("text") or "")


def latest_intent(tracker: Tracker) -> Optional[str]:
    return ((tracker.latest_message or {}).get("intent") or {}).get("name")


def latest_confidence(tracker: Tracker) -> Optional[float]:
    return ((tracker.latest_message or {}).get("intent") or {}).get("confidence")


def utter(dispatcher: CollectingDispatcher, says: list) -> None:
    """Send each message; a help line carries its numbers as data (`custom.route`), a
    pause its reference and code (`custom.resume`)."""
    for say in says:
        custom = {name: value for name, value in (("route", say.route), ("resume", say.resume)) if value}
        extra = {"json_message": custom} if custom else {}
        if say.buttons:
            dispatcher.utter_message(text=say.text, buttons=say.buttons, **extra)
        else:
            dispatcher.utter_message(text=say.text, **extra)


@contextmanager
def conversation(tracker: Tracker, create: bool = False) -> Iterator[tuple[Session, Optional[Conversation]]]:
    """The person's conversation in one transaction (created first if asked)."""
    with get_store().transaction() as session:
        found = repo.conversation_for_sender(session, tracker.sender_id)
        if found is None and create:
            found, _code = repo.create_conversation(session, tracker.sender_id)
        yield session, found


def apply_move(
    name: str,
    tracker: Tracker,
    dispatcher: CollectingDispatcher,
    move: Callable[[Session, Conversation], interview.Turn],
    create: bool = True,
) -> list:
    """Run `move` once for the latest message and send what it says.

    A replay of the same message (same message id) changes nothing and says nothing:
    the form's question that follows repeats where the person is.
    """
    try:
        with conversation(tracker, create=create) as (session, found):
            if found is None:
                return []
            if not repo.claim_message(session, found.id, message_id(tracker), name):
                return []
            turn = move(session, found)
        utter(dispatcher, turn.says)
        return [SlotSet(name, value) for name, value in ERASED.items()] if turn.erased else []
    except Exception:  # noqa: BLE001 - the person must always get an answer
        logger.exception("action %s failed", name)
        apologise(dispatcher)
        return []


class MoveAction(Action, abc.ABC):
    """An action that applies one `bot.interview` move to the person's conversation."""

    action_name = ""

    def name(self) -> str:
        return self.action_name

    @abc.abstractmethod
    def move(self, session: Session, conversation: Conversation, tracker: Tracker) -> interview.Turn:
        """Change the conversation and say what to tell the person."""

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list:
        def move_or_answer(session: Session, found: Conversation) -> interview.Turn:
            text = latest_text(tracker)
            about = interview.about_the_service(found, text)  # "who will see this?" read as ask_why
            if about is not None:
                return about
            reading = interview.reading_of(found, text, latest_intent(tracker), latest_confidence(tracker))
            if reading == "answer":  # "Barry" read as chit-chat
                return interview.answer(session, found, text, "inform", message_id(tracker))
            if reading == "ask":  # "watching telly" read as chit-chat: keep it and ask
                return interview.ask_if_answer(found, text, message_id(tracker))
            return self.move(session, found, tracker)

        return apply_move(self.name(), tracker, dispatcher, move_or_answer)


def apologise(dispatcher: CollectingDispatcher) -> None:
    """Tell the person something went wrong, and how to get help."""
    try:
        fields = council_fields()
        contact = f" If it keeps happening, call {fields['council_name']} on {fields['council_phone']}."
    except Exception:  # noqa: BLE001 - a broken config must not hide the apology
        contact = ""
    dispatcher.utter_message(
        text="Sorry, something went wrong on our side and I could not do that. Please try again." + contact
    )
