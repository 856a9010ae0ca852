"""Everything the assistant says comes from prompts.yml, through these functions."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Optional

import yaml

from bot import config

PROMPTS_FILE = Path(__file__).with_name("prompts.yml")


@dataclass
class Say:
    """One message to the person, with optional quick-reply buttons."""

    text: str
    buttons: list[dict] = field(default_factory=list)
    route: Optional[dict] = None  # a help line's numbers to call, for the page to link (safety)
    resume: Optional[dict] = None  # after a pause: {"reference", "code"}, for the page to show


@lru_cache(maxsize=None)
def prompts() -> dict:
    return yaml.safe_load(PROMPTS_FILE.read_text(encoding="utf-8"))


def council_fields() -> dict:
    """The council's contact details, named as prompts.yml uses them."""
    council = config.council()
    return {
        "council_name": council.name,
        "council_phone": council.phone,
        "council_hours": council.hours,
        "safeguarding_phone": council.safeguarding_phone,
        "safeguarding_hours": council.safeguarding_hours,
        "out_of_hours_phone": council.out_of_hours_phone,
        "safeguarding_response": council.safeguarding_response,
        "assessment_team": council.assessment_team,
        "contact_within": council.contact_within,
    }


def _worded(entry, mode: str) -> tuple[str, list]:
    """An entry's text for `mode` (falling back to the `self` wording) and its buttons."""
    if isinstance(entry, str):
        return entry, []
    return entry.get(mode) or entry["text"], entry.get("buttons", [])


def message(key: str, mode: str = "self", **values) -> Say:
    """A line from `messages` in prompts.yml, in the mode's wording, with council
    details available."""
    text, _buttons = _worded(prompts()["messages"][key], mode)
    text = text.format(**council_fields(), **values)
    return Say(text[:1].upper() + text[1:])  # a council field may start it ("the ... team will")


def why(stage: str, mode: str = "self", **values) -> Say:
    """"Why are you asking?" at a stage, in the mode's wording."""
    text, _buttons = _worded(prompts()["why"][stage], mode)
    return Say(text.format(**values))


def step_prompt(key: str, mode: str = "self", **values) -> Say:
    """A step's question, in the mode's wording (`on_behalf:` speaks about the person)."""
    text, buttons = _worded(prompts()["steps"][key], mode)
    return Say(text.format(**values), [{"title": title.format(**values), "payload": payload}
                                       for title, payload in buttons])


def quoted(text: str) -> str:
    """A person's words as echoed inside quotation marks in a sentence: their own last
    full stop would be doubled by the sentence's ('I have saved: "Fred.".')."""
    return text.strip().rstrip(".!,;: ") or text.strip()


# First person -> second, for the person's words said back inside a question ("Would
# my daughter Karen want to be involved" -> "your daughter Karen"). Longer forms first.
_TO_YOU = [("i am", "you are"), ("i'm", "you're"), ("i've", "you've"), ("i'll", "you'll"), ("i'd", "you'd"),
           ("myself", "yourself"), ("mine", "yours"), ("my", "your"), ("our", "your"), ("me", "you"),
           ("i", "you")]
_TO_YOU_PATTERN = re.compile(r"\b(" + "|".join(re.escape(a) for a, _b in _TO_YOU) + r")\b", re.I)
_TO_YOU_MAP = dict(_TO_YOU)


def said_to_them(text: str) -> str:
    """The person's words turned to speak to them, for the middle of a question: my ->
    your, me -> you, I'm -> you're ("My son David" -> "your son David")."""
    return _TO_YOU_PATTERN.sub(lambda match: _TO_YOU_MAP[match.group(0).lower()],
                               quoted(text).replace("\u2019", "'"))
