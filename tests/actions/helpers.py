"""Helpers shared by the action tests.

They run an action the way the action server does (a Tracker, a CollectingDispatcher
and the real domain), drive a conversation to a stage through the real form
validation, and read the store back. Nothing here writes to the database by hand.
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import Iterable, Optional

import sqlalchemy as sa
import yaml
from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.interview import ActionAskAnswer, ValidateInterviewForm
from actions.start import ActionStart
from bot.store import repository as repo
from bot.store.models import Base
from bot.store.record import build_record

ROOT = Path(__file__).resolve().parents[2]
DOMAIN = yaml.safe_load((ROOT / "domain.yml").read_text(encoding="utf-8"))
SENDER = "person-1"

# Written to a council file for every action test (see conftest.py).
COUNCIL = {
    "name": "Testshire Council",
    "phone": "01632 960 111",
    "hours": "weekdays 9 to 5",
    "safeguarding_phone": "01632 960 222",
    "safeguarding_hours": "weekdays 8 to 6",
    "out_of_hours_phone": "01632 960 333",
    "safeguarding_response": "The Testshire safeguarding team will call you within one working day.",
    "assessment_team": "the Testshire adult social care team",
    "contact_within": "10 working days",
}

APOLOGY = (
    "Sorry, something went wrong on our side and I could not do that. Please try again. "
    "If it keeps happening, call Testshire Council on 01632 960 111."
)

PAUSED = re.compile(
    r"I have saved your answers\. To come back, use your reference ([A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{4}) "
    r"and your code (\d{6})\. Please write them down\. Any code I gave you before no longer works\. "
    r"We keep your answers for 30 days\."
)

# What the form validation returns for every answer that does not end the form.
ANSWER_EMPTIED = [{"event": "slot", "timestamp": None, "name": "answer", "value": None}]


def stage_set(stage: str) -> list[dict]:
    """What action_ask_answer returns: the stage copied into the `stage` slot."""
    return [{"event": "slot", "timestamp": None, "name": "stage", "value": stage}]


def said(dispatcher: CollectingDispatcher) -> list:
    """The messages sent: the text, or (text, buttons) for a message with buttons.

    Also checks nothing but text, buttons, a help line's numbers and a pause's code was sent."""
    out = []
    for message in dispatcher.messages:
        assert {key for key, value in message.items() if value} <= {"text", "buttons", "custom"}, message
        assert set(message.get("custom") or {}) <= {"route", "resume"}, message
        out.append((message["text"], message["buttons"]) if message["buttons"] else message["text"])
    return out


def routes(dispatcher: CollectingDispatcher) -> list[str]:
    """The help lines sent with their numbers as data, by id, in order."""
    return [message["custom"]["route"]["id"] for message in dispatcher.messages if message.get("custom")]


def buttons(*pairs: tuple[str, str]) -> list[dict]:
    return [{"title": title, "payload": payload} for title, payload in pairs]


# ------------------------------------------------------------------ running actions

def form_tracker(make_tracker, text: str, **kwargs) -> Tracker:
    """A tracker as Rasa sends it to `validate_interview_form`: the form has just
    extracted the message into the `answer` slot, so the events end with that slot."""
    tracker = make_tracker(text, **kwargs)
    tracker.events = [
        {"event": "action", "name": "interview_form"},
        {"event": "action", "name": "action_listen"},
        {"event": "user", "text": text, "parse_data": {"intent": tracker.latest_message["intent"]}},
        {"event": "slot", "name": "answer", "value": text},
    ]
    return tracker


async def run_action(action: Action, make_tracker, text: str = "", intent: str = "inform", **kwargs):
    """Run one action for one user message. Returns (events, dispatcher)."""
    dispatcher = CollectingDispatcher()
    events = await action.run(dispatcher, make_tracker(text, intent=intent, **kwargs), DOMAIN)
    return events, dispatcher


async def answer(make_tracker, text: str, intent: str = "inform", **kwargs):
    """Send `text` as an answer through ValidateInterviewForm.run. Returns (events, dispatcher)."""
    dispatcher = CollectingDispatcher()
    tracker = form_tracker(make_tracker, text, intent=intent, **kwargs)
    events = await ValidateInterviewForm().run(dispatcher, tracker, DOMAIN)
    return events, dispatcher


async def ask(make_tracker, sender_id: str = SENDER):
    """What the form asks next (action_ask_answer). Returns (events, dispatcher)."""
    return await run_action(ActionAskAnswer(), make_tracker, "", sender_id=sender_id)


async def start(make_tracker, sender_id: str = SENDER):
    """The first message of a conversation ("hello": action_start)."""
    return await run_action(ActionStart(), make_tracker, "hello", intent="greet", sender_id=sender_id)


async def converse(make_tracker, turns: Iterable[tuple[str, str]], sender_id: str = SENDER) -> list[list]:
    """Send each (text, intent) through the form, asking the next question after each,
    as Rasa would. Returns what was said for each answer."""
    out = []
    for text, intent in turns:
        events, dispatcher = await answer(make_tracker, text, intent=intent, sender_id=sender_id)
        assert events == ANSWER_EMPTIED, (text, events)
        out.append(said(dispatcher))
        await ask(make_tracker, sender_id=sender_id)
    return out


CONSENT = [("yes", "affirm"), ("For myself", "inform"), ("call me Jo", "inform")]
NOTHING = ("no", "deny")
# From the consent question to the first question of each stage, saying nothing more.
TO_STAGE = {
    "about_you": CONSENT[:2],
    "what_matters": CONSENT,
    "working": CONSENT + [NOTHING],
    "strengths_personal": CONSENT + [NOTHING] * 3,
    "strengths_family": CONSENT + [NOTHING] * 4,
    "strengths_community": CONSENT + [NOTHING] * 5,
    "outcomes": CONSENT + [NOTHING] * 6,
    "risks": CONSENT + [NOTHING] * 7,
    "summary": CONSENT + [NOTHING] * 8,
}


async def reach(make_tracker, stage: str, sender_id: str = SENDER) -> None:
    """Start a conversation and answer until the first question of `stage`."""
    await start(make_tracker, sender_id=sender_id)
    await ask(make_tracker, sender_id=sender_id)
    await converse(make_tracker, TO_STAGE[stage], sender_id=sender_id)


async def pause_for_code(make_tracker, sender_id: str = SENDER) -> tuple[str, str]:
    """Say "stop for now" (action_pause); return the (reference, code) the person was told."""
    from actions.pause import ActionPause

    events, dispatcher = await run_action(ActionPause(), make_tracker, "stop for now", intent="pause", sender_id=sender_id)
    assert events == []
    [text] = said(dispatcher)
    match = PAUSED.fullmatch(text)
    assert match, text
    return match.group(1), match.group(2)


# ------------------------------------------------------------------ reading the store

def conversation_of(store, sender_id: str = SENDER):
    """The sender's conversation row (detached, attributes loaded), or None."""
    with store.transaction() as session:
        return repo.conversation_for_sender(session, sender_id)


def record_of(store, sender_id: str = SENDER) -> Optional[dict]:
    with store.transaction() as session:
        found = repo.conversation_for_sender(session, sender_id)
        return None if found is None else build_record(session, found.id)


def texts(record: dict, section: str) -> list[str]:
    return [row["text"] for row in record[section]]


def table_counts(store) -> dict[str, int]:
    """Rows in every table of the store, and in Rasa's `events` table."""
    with store.transaction() as session:
        counts = {
            table.name: session.execute(sa.select(sa.func.count()).select_from(table)).scalar_one()
            for table in Base.metadata.sorted_tables
            if not table.name.startswith("directory_")  # the directory is not anyone's data
        }
        counts["events"] = session.execute(sa.select(sa.func.count()).select_from(repo.rasa_events)).scalar_one()
    return counts


def rasa_event_senders(store) -> list[str]:
    with store.transaction() as session:
        return sorted(session.execute(sa.select(repo.rasa_events.c.sender_id)).scalars())


def add_rasa_event(store, sender_id: str) -> None:
    """A row in Rasa's tracker table, as the Rasa server would have written it (the
    table `repo.rasa_events` describes, with the other columns Rasa fills)."""
    events = sa.table(
        repo.rasa_events.name, sa.column("sender_id"), sa.column("type_name"), sa.column("timestamp"), sa.column("data")
    )
    with store.transaction() as session:
        session.execute(
            sa.insert(events).values(sender_id=sender_id, type_name="user", timestamp=1.0, data='{"event": "user"}')
        )


def processed(store, sender_id: str = SENDER) -> list[tuple[str, str]]:
    """(message_id, action) pairs marked as handled for the sender's conversation."""
    from bot.store.models import ProcessedMessage

    with store.transaction() as session:
        found = repo.conversation_for_sender(session, sender_id)
        rows = session.execute(
            sa.select(ProcessedMessage.message_id, ProcessedMessage.action).where(
                ProcessedMessage.conversation_id == found.id
            )
        ).all()
        return sorted(tuple(row) for row in rows)
