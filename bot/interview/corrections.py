"""Corrections typed as answers: "sorry, I meant the Tuesday group, not the Monday one",
"actually not Dave, I meant Pete", "Correction: the bridge club meets on Wednesdays, not
Mondays". The item they correct is changed in place (and the person told), instead of a
second item being stored beside the wrong one."""
from __future__ import annotations

import re
from typing import Optional

from sqlalchemy.orm import Session

from bot.interview.state import LIST_SECTIONS, Turn
from bot.parsing import NOTHING_MORE, closing_rest, who_of
from bot.store import repository as repo
from bot.store.models import Conversation
from bot.wording import message, quoted

_LEAD = r"^\W*(?:(?:sorry|oops|whoops|correction|actually|no|wait|hang on|my mistake|i mean)\b[\s,.:!-]*)*"
_PATTERNS = (
    re.compile(_LEAD + r"(?:i\s+)?meant\s+(?P<new>.+?),?\s+not\s+(?P<old>[^,.;!?]+?)(?:[.;!,]\s+(?P<rest>.*?))?\W*$",
               re.I),
    re.compile(_LEAD + r"not\s+(?P<old>.+?)[,.;]?\s+(?:i\s+)?(?:meant|mean)\s+(?P<new>[^.;!]+?)(?:[.;!]\s+(?P<rest>.*?))?\W*$",
               re.I),
    re.compile(r"^\W*(?:sorry|correction|actually|oops)\b[\s,.:!-]*(?P<new>.+?),?\s+not\s+(?P<old>[^,.;]+?)"
               r"(?:[.;!,]\s+(?P<rest>.*?))?\W*$", re.I),
)
_FILLER = {"the", "a", "an", "one", "my", "our", "his", "her", "their", "i", "it", "on", "at", "in", "to", "and", "of",
           "group", "thing", "bit", "meets", "is", "was", "that", "this"}


def looks_like_a_correction(text: str) -> bool:
    return _parse(text) is not None


def _parse(text: str) -> Optional[tuple[str, str, Optional[str]]]:
    """(The new words, the words they replace, anything said after) or None."""
    for pattern in _PATTERNS:
        match = pattern.match(text)
        if match:
            return match.group("new").strip(), match.group("old"), match.groupdict().get("rest")
    return None


def _words(text: str) -> list[str]:
    return re.findall(r"[\w'\u2019-]+", text)


def _content(text: str) -> list[str]:
    return [word for word in _words(text) if word.lower() not in _FILLER]


def correct(session: Session, conversation: Conversation, text: str) -> Optional[Turn]:
    """Change the item a correction is about, or None when it is not one (or nothing
    saved matches what it corrects)."""
    parsed = _parse(text)
    if parsed is None:
        return None
    new, old, rest = parsed
    found = _target(session, conversation, old)
    if found is None:
        return None
    row, section = found
    before = row.text
    # What they said after the correction stays with the item ("Dave moved to Leeds"),
    # unless it answers "anything else?" ("and no, nothing else": the section ends).
    rest = (closing_rest(rest) or rest) if rest else rest  # "Monday's B's hairdresser, that's it"
    if rest and NOTHING_MORE.match(re.sub(r"^\W*(?:and|but)\s+", "", rest, flags=re.I)):
        rest = None
    row.text = _replaced(before, new, old) + (f" ({rest.strip()})" if rest and rest.strip() else "")
    if section == "strengths_family":
        row.who = who_of(row.text)
    repo.touch(conversation)
    return Turn([message("corrected", before=quoted(before), after=quoted(row.text))])


def _target(session: Session, conversation: Conversation, old: str):
    """The most recent saved item holding the words corrected."""
    rows = []
    for name, spec in LIST_SECTIONS.items():
        rows += [(row, name) for row in repo.items(session, conversation.id, spec.table, **spec.filters)]
    rows.sort(key=lambda pair: pair[0].id, reverse=True)
    wanted = [word.lower() for word in _content(old)]
    if not wanted:
        return None
    return next(((row, name) for row, name in rows
                 if all(word in [w.lower() for w in _words(row.text)] for word in wanted)), None)


def _replaced(item: str, new: str, old: str) -> str:
    """The item with the corrected words swapped ("the Monday craft group" + Tuesday
    for Monday -> "the Tuesday craft group"), or the new words when they do not line up."""
    old_only = [w for w in _content(old) if w.lower() not in {x.lower() for x in _content(new)}]
    # ...and words the item already has ("the Thursday coffee morning, not the Tuesday one")
    new_only = [w for w in _content(new) if w.lower() not in {x.lower() for x in _content(old) + _words(item)}]
    if len(old_only) != len(new_only) or not old_only:
        return new
    for before, after in zip(old_only, new_only):
        item = re.sub(rf"\b{re.escape(before)}\b", after, item, flags=re.I)
    return item
