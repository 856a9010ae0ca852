"""Talking to the Rasa server's REST channel and checking the servers are up."""
from __future__ import annotations

from typing import Any, Optional

import aiohttp


class AssistantUnavailable(Exception):
    """Rasa did not answer, or answered with nothing (a failed or timed-out action)."""


def merge_messages(messages: list[dict]) -> list[dict]:
    """Rasa's REST messages as the API gives them: text, buttons, and a help line's
    numbers (`route`), which Rasa sends as a separate custom message after its text."""
    out: list[dict] = []
    for message in messages:
        custom = {name: value for name, value in (message.get("custom") or {}).items() if name in DATA and value}
        if custom and "text" not in message and out:
            out[-1].update(custom)
            continue
        entry = {"text": message.get("text", "")}
        if message.get("buttons"):
            entry["buttons"] = [{"title": b.get("title", ""), "payload": b.get("payload", "")}
                                for b in message["buttons"]]
        entry.update(custom)
        out.append(entry)
    return out


# What a message may carry as data besides its text: a help line's numbers, and a
# pause's reference and resume code.
DATA = ("route", "resume")


class RasaClient:
    def __init__(self, http: aiohttp.ClientSession, rasa_url: str, action_url: str, timeout: float = 45):
        # Below Rasa's 60 s conversation lock, so a stuck turn ends before the lock does.
        self.http = http
        self.rasa_url = rasa_url.rstrip("/")
        self.action_url = action_url.rstrip("/")
        self.timeout = aiohttp.ClientTimeout(total=timeout)

    async def send(self, sender: str, text: str, metadata: Optional[dict[str, Any]] = None) -> list[dict]:
        """The bot messages for one user message. Never an empty list: Rasa answers
        [] when an action failed, and the person must not be left with nothing."""
        body = {"sender": sender, "message": text, "metadata": metadata or {}}
        try:
            async with self.http.post(f"{self.rasa_url}/webhooks/rest/webhook", json=body,
                                      timeout=self.timeout) as response:
                if response.status != 200:
                    raise AssistantUnavailable(f"Rasa answered HTTP {response.status}")
                messages = await response.json()
        except (aiohttp.ClientError, TimeoutError) as error:
            raise AssistantUnavailable(f"Rasa did not answer: {error.__class__.__name__}") from error
        if not messages:
            raise AssistantUnavailable("Rasa sent no messages (an action probably failed)")
        return merge_messages(messages)

    async def check(self, url: str) -> Optional[str]:
        """None if `url` answers 200, else what went wrong."""
        try:
            async with self.http.get(url, timeout=aiohttp.ClientTimeout(total=5)) as response:
                return None if response.status == 200 else f"HTTP {response.status}"
        except (aiohttp.ClientError, TimeoutError) as error:
            return f"{error.__class__.__name__}: {error}"[:200]

    async def rasa_problem(self) -> Optional[str]:
        return await self.check(f"{self.rasa_url}/")

    async def actions_problem(self) -> Optional[str]:
        return await self.check(f"{self.action_url}/health")
