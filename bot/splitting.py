"""Split one message into the several items a person gave in it.

Each item is a verbatim piece of the message: we only cut, never reword. We cut on
line breaks, semicolons and list bullets, and on commas only when the message is a
list of three or more short phrases ("gardening, my dog and my grandson"), because a
comma inside a sentence ("when it rains, I stay in") or an aside ("Sarah, my
daughter") does not separate two answers.
"""
from __future__ import annotations

import re

_BULLET = re.compile(r"^\s*(?:[-*\u2022]|\d+[.)])\s+")
_MAX_LIST_WORDS = 6
# A part that starts like a clause ("when it rains", "but I") belongs to a sentence.
_CLAUSE = re.compile(
    r"^(when|if|because|as|while|since|although|though|but|so|after|before|until|unless|once|then|or)\b", re.I)


def split_items(text: str) -> list[str]:
    """The items in `text`, in order; an empty list for blank text."""
    pieces: list[str] = []
    for line in re.split(r"[\r\n]+|;", text):
        line = _BULLET.sub("", line).strip()
        if line:
            pieces.extend(_split_short_list(line))
    return pieces


def _split_short_list(line: str) -> list[str]:
    if "," not in line:
        return [line]
    parts = [part.strip() for part in line.split(",")]
    last = parts[-1]
    # "a, b and c" / "a, b, and c": the last part may join two items with "and".
    match = re.match(r"^(?:and\s+)?(.+?)\s+and\s+(.+)$", last)
    if match and all(len(p.split()) <= _MAX_LIST_WORDS for p in (*parts[:-1], match.group(1), match.group(2))):
        parts = parts[:-1] + [match.group(1), match.group(2)]
    parts = [re.sub(r"^and\s+", "", part) for part in parts]
    if any(_CLAUSE.match(part) for part in parts):
        return [line]  # "when it rains, I stay in and read": one sentence
    if len(parts) >= 3 and all(0 < len(part.split()) <= _MAX_LIST_WORDS for part in parts):
        return parts
    return [line]
