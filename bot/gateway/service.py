"""What the gateway does with a conversation, for the JSON API and the web pages alike.

Store work is synchronous SQLAlchemy, so it runs in a worker thread; Rasa is called
over HTTP. A message is checked before it is sent, so bad input stores nothing.
"""
from __future__ import annotations

import asyncio
import json
import uuid
from dataclasses import dataclass
from typing import Optional

import sqlalchemy as sa

from bot.gateway.rasa_client import AssistantUnavailable, RasaClient
from bot.parsing import mark_typed, typed
from bot.stages import SAFETY_STEPS, STAGES
from bot.store import Store
from bot.store import repository as repo
from bot.store.record import build_record
from bot.wording import prompts

MAX_MESSAGE_LENGTH = 2000
MODES = ("self", "on_behalf")
# Messages the gateway sends for the person (to open or resume a conversation) carry
# this metadata, so the transcript can leave them out.
CONTROL = {"gateway_control": True}
CONTROL_INTENTS = ("pause", "ask_why", "help", "handoff", "skip", "dont_know", "go_back", "delete_all", "resume")


class BadRequest(ValueError):
    """The client sent something we will not process; the message says what."""


class NotFound(LookupError):
    """No such conversation, or not one this token may see."""


class WrongResumeCode(Exception):
    """The reference and resume code do not match."""


class ResumeLocked(Exception):
    """Too many wrong codes for this reference."""


@dataclass
class Conversations:
    store: Store
    rasa: RasaClient

    async def _db(self, fn, *args):
        def run():
            with self.store.transaction() as session:
                return fn(session, *args)

        return await asyncio.to_thread(run)

    # ------------------------------------------------------------------ access

    async def authorise(self, token: Optional[str], conversation_id: str) -> None:
        """Raise NotFound unless `token` was issued for `conversation_id`."""
        if not token:
            raise NotFound(conversation_id)
        owner = await self._db(repo.conversation_for_token, token)
        if owner is None or owner != conversation_id:
            raise NotFound(conversation_id)

    async def conversation_for_token(self, token: Optional[str]) -> Optional[str]:
        """The conversation a token opens (for the pages' session cookie), or None."""
        return await self._db(repo.conversation_for_token, token) if token else None

    async def exists(self, conversation_id: str) -> bool:
        return await self._db(repo.get_conversation, conversation_id) is not None

    # ------------------------------------------------------------------ conversations

    async def create(self, mode: str) -> dict:
        if mode not in MODES:
            raise BadRequest(f"mode must be one of {', '.join(MODES)}")

        def create(session):
            conversation, code = repo.create_conversation(session, mode=mode)
            token = repo.issue_token(session, conversation.id)
            return conversation.id, conversation.reference, code, token

        conversation_id, reference, code, token = await self._db(create)
        try:
            messages = await self.rasa.send(conversation_id, "/greet", CONTROL)
        except AssistantUnavailable:
            await self._db(repo.erase, conversation_id)  # nothing half-made
            raise
        state = await self.state(conversation_id)
        return {"conversation_id": conversation_id, "token": token, "reference": reference,
                "resume_code": code, "messages": messages, **state}

    async def send(self, conversation_id: str, text) -> dict:
        text = check_message(text)
        if text.strip().startswith("/"):
            # Words, never an intent: the buttons' payloads are words too (bot/prompts.yml),
            # and only the gateway's own moves (`control`, resume) are sent as intents.
            text = mark_typed(text)
        before = await self._db(lambda s: len(repo.safety_events(s, conversation_id)))
        messages = await self.rasa.send(conversation_id, text)
        if not await self.exists(conversation_id):  # "delete everything", confirmed
            return {"messages": messages, "stage": None, "status": "deleted", "safety": not_flagged(messages)}
        state = await self.state(conversation_id)
        events = await self._db(lambda s: repo.safety_events(s, conversation_id))
        if len(events) <= before:
            return {"messages": messages, **state, "safety": not_flagged(messages)}
        kinds = events[-1].kinds.split(", ") if events[-1].kinds else []
        return {"messages": messages, **state,
                "safety": {"flagged": True, "kinds": kinds, "routes": routes_of(messages)}}

    async def resume(self, reference, code) -> dict:
        if not isinstance(reference, str) or not isinstance(code, str) or not reference.strip() or not code.strip():
            raise BadRequest("reference and resume_code are required strings")

        def verify(session):
            try:
                conversation = repo.verify_resume(session, reference, code)
            except repo.ResumeLocked:
                return "locked", None
            if conversation is None:
                return "wrong", None
            return conversation.id, repo.issue_token(session, conversation.id)

        # The attempt counter must be saved even when the code is wrong.
        conversation_id, token = await self._db(verify)
        if conversation_id == "locked":
            raise ResumeLocked(reference)
        if conversation_id == "wrong":
            raise WrongResumeCode(reference)
        messages = await self.rasa.send(conversation_id, "/resume", CONTROL)
        state = await self.state(conversation_id)
        return {"conversation_id": conversation_id, "token": token, "messages": messages, **state}

    async def state(self, conversation_id: str) -> dict:
        def read(session):
            conversation = repo.get_conversation(session, conversation_id)
            if conversation is None:
                raise NotFound(conversation_id)
            return {"stage": conversation.stage, "status": conversation.status}

        return await self._db(read)

    async def in_safety_questions(self, conversation_id: str) -> bool:
        """Whether the person is answering the safety response's questions (the page
        keeps the help lines at its top until they carry on)."""
        def read(session):
            conversation = repo.get_conversation(session, conversation_id)
            return conversation is not None and conversation.step in SAFETY_STEPS

        return await self._db(read)

    async def record(self, conversation_id: str) -> dict:
        record = await self._db(build_record, conversation_id)
        if record is None:
            raise NotFound(conversation_id)
        return record

    async def control(self, conversation_id: str, intent: str) -> dict:
        """Send a move for the person, as a page button does ("pause", "ask_why").
        It runs like the typed move, but is left out of the transcript."""
        if intent not in CONTROL_INTENTS:
            raise BadRequest(f"unknown move {intent!r}")
        messages = await self.rasa.send(conversation_id, f"/{intent}", CONTROL)
        return {"messages": messages, **await self.state(conversation_id), "safety": not_flagged(messages)}

    async def change_item(self, conversation_id: str, section: str, item_id: Optional[int], text) -> None:
        """Replace an answer's words (or the preferred name) from the record page."""
        text = check_message(text)

        def change(session):
            if not repo.change_item(session, conversation_id, section, item_id, text.strip()):
                raise NotFound(conversation_id)

        await self._db(change)

    async def remove_item(self, conversation_id: str, section: str, item_id: Optional[int]) -> None:
        def remove(session):
            if not repo.remove_item(session, conversation_id, section, item_id):
                raise NotFound(conversation_id)

        await self._db(remove)

    async def delete(self, conversation_id: str) -> None:
        def erase(session):
            if repo.get_conversation(session, conversation_id) is None:
                raise NotFound(conversation_id)
            repo.erase(session, conversation_id)

        await self._db(erase)

    async def transcript(self, conversation_id: str) -> list[dict]:
        """The conversation so far, from Rasa's tracker events: who said what."""
        def read(session):
            senders = repo.senders_of(session, conversation_id)
            rows = session.execute(
                sa.select(repo.rasa_events.c.type_name, repo.rasa_events.c.data)
                .where(repo.rasa_events.c.sender_id.in_(senders), repo.rasa_events.c.type_name.in_(("user", "bot")))
                .order_by(repo.rasa_events.c.id)
            ).all()
            return rows

        lines = []
        for type_name, data in await self._db(read):
            event = json.loads(data or "{}")
            if type_name == "user":
                if (event.get("metadata") or {}).get("gateway_control"):
                    continue
                lines.append({"from": "person", "text": typed(event.get("text") or "")})
            else:
                data = event.get("data") or {}
                line = {"from": "assistant", "text": event.get("text") or "", "buttons": data.get("buttons") or []}
                for name in ("route", "resume"):
                    if (data.get("custom") or {}).get(name):
                        line[name] = data["custom"][name]
                lines.append(line)
        return lines

    # ------------------------------------------------------------------ health

    async def health(self) -> dict:
        """Each part's status; `ok` only if all are up and Rasa really writes its
        tracker to our database (Rasa silently falls back to memory on store errors)."""
        checks = {"rasa": await self.rasa.rasa_problem(), "action_server": await self.rasa.actions_problem()}
        try:
            await asyncio.to_thread(self.store.ping)
            checks["database"] = None
        except Exception as error:  # noqa: BLE001 - reported, not raised
            checks["database"] = f"{error.__class__.__name__}: {str(error)[:200]}"
        if not any(checks.values()):
            checks["tracker_store"] = await self._probe_tracker_store()
        else:
            checks["tracker_store"] = "not checked"
        return {"ok": not any(checks.values()),
                "checks": {name: "ok" if problem is None else problem for name, problem in checks.items()}}

    async def _probe_tracker_store(self) -> Optional[str]:
        sender = f"healthz-{uuid.uuid4().hex}"
        try:
            await self.rasa.send(sender, "/greet", CONTROL)
        except AssistantUnavailable as error:
            return str(error)

        def count_and_clean(session):
            found = session.execute(sa.select(sa.func.count()).select_from(repo.rasa_events)
                                    .where(repo.rasa_events.c.sender_id == sender)).scalar_one()
            conversation = repo.conversation_for_sender(session, sender)
            if conversation is not None:
                repo.erase(session, conversation.id)
            repo.erase_tracker(session, sender)
            return found

        found = await self._db(count_and_clean)
        return None if found else "Rasa is not writing tracker events to the configured database"


def routes_of(messages: list[dict]) -> list[dict]:
    """The help lines among a reply's messages, in order."""
    return [message["route"] for message in messages if message.get("route")]


def not_flagged(messages: list[dict]) -> dict:
    """A reply that flagged nothing (it may still give help lines, e.g. "not safe")."""
    return {"flagged": False, "kinds": [], "routes": routes_of(messages)}


def check_message(text) -> str:
    if not isinstance(text, str):
        raise BadRequest("text must be a string")
    if not text.strip():
        raise BadRequest("text is empty")
    if len(text) > MAX_MESSAGE_LENGTH:
        raise BadRequest(f"text is longer than {MAX_MESSAGE_LENGTH} characters")
    return text


def stage_progress(stage: str) -> dict:
    """"Step 4 of 11: What you are good at" for the page's progress line."""
    steps = [s for s in STAGES if s != "done"]
    number = steps.index(stage) + 1 if stage in steps else len(steps)
    return {"number": number, "of": len(steps), "label": prompts()["stage_labels"][stage]}
