"""Reading meaning out of what people type: yes or no, numbers, names, who a
person is, which part of the record they mean, a reference and resume code.

Plain functions on text; deterministic, so they behave the same on every turn.
"""
from __future__ import annotations

import re
from typing import Optional

from bot import sections

# Rasa reads a message that starts with "/" as an intent with entities ("/affirm",
# '/inform{"answer": "x"}'), skipping the classifier: a person could type their way past
# the interview, or "/ my garden" would be lost. The gateway puts this invisible mark (a
# word joiner, which Rasa's strip() keeps) in front of a message that starts with "/",
# and whoever reads the text back from the tracker takes it off again with `typed`.
TYPED_MARK = "\u2060"


def mark_typed(text: str) -> str:
    return TYPED_MARK + text


def typed(text: str) -> str:
    """The person's own words, without the gateway's mark."""
    return text[len(TYPED_MARK):] if text.startswith(TYPED_MARK) else text


YES = re.compile(r"^\s*(yes|yeah|yep|yup|aye|ok|okay|sure|please|go on|y|correct|right|that'?s right|carry on)\b", re.I)
NO = re.compile(r"^\s*(no|nope|nah|not really|n|nothing|none|stop)\b", re.I)
NOT_SURE = re.compile(r"\b(not sure|don'?t know|dunno|maybe|unsure|no idea)\b", re.I)
# "That's not what I meant" after a safety response: a false alarm, kept at no cost.
NOT_MEANT = re.compile(
    r"\b(not what i (meant|mean|said|was saying)|(i )?didn'?t mean (that|it like that|it)|"
    r"that'?s not (it|right|true|what i meant)|you (got|have got|'ve got) (it|that|me) wrong|misunderstood|"
    r"misread|false alarm|wrong (end of the stick|idea)|(only|just) (joking|a joke|an expression|a saying|"
    r"a figure of speech)|i was (joking|only joking|kidding)|not (like|in) that way|nothing like that)\b", re.I)
DONE = re.compile(r"^\s*(done|finished|that'?s (it|all|everything)|nothing( else)?|no( thanks?)?|all done)\b", re.I)
_NUMBER_WORDS = {w: i for i, w in enumerate(
    "zero one two three four five six seven eight nine ten".split())}
_ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6,
             "seventh": 7, "eighth": 8, "ninth": 9, "tenth": 10, "last": -1}
_RELATIONS = (
    "daughter", "son", "wife", "husband", "partner", "friend", "neighbour", "neighbor", "sister",
    "brother", "mum", "mother", "dad", "father", "grandson", "granddaughter", "grandchildren",
    "grandkids", "niece", "nephew", "cousin", "aunt", "uncle", "carer", "son-in-law",
    "daughter-in-law", "stepson", "stepdaughter", "family", "children", "kids", "boyfriend", "girlfriend",
)


def yes_no(text: str, intent: Optional[str]) -> Optional[bool]:
    """True for yes, False for no, None when the message is neither."""
    if intent == "affirm":
        return True
    if intent == "deny":
        return False
    if NO.match(text):
        return False
    if YES.match(text):
        return True
    return None


def parse_scale(text: str) -> Optional[int]:
    """A 0-10 number in the text ("about a 4", "7/10", "six"), or None."""
    match = re.search(r"\b(10|[0-9])\b", text)
    if match:
        return int(match.group(1))
    for word, value in _NUMBER_WORDS.items():
        if re.search(rf"\b{word}\b", text, re.I):
            return value
    return None


def parse_item_number(text: str) -> Optional[int]:
    """The item a person points at ("remove 2", "the second one", "the last one")."""
    match = re.search(r"\b(\d{1,3})\b", text)
    if match:
        return int(match.group(1))
    lowered = text.lower()
    for word, value in {**_ORDINALS, **_NUMBER_WORDS}.items():
        if re.search(rf"\b{word}\b", lowered):
            return value
    return None


def preferred_name(text: str) -> str:
    """The name in "call me Bob" / "my name is Bob" / "Bob"."""
    match = re.search(r"\bcalls? me\s+(.+)$", text, re.I) or re.search(
        r"\b(?:my name is|my name'?s|name'?s|i'?m|i am|it'?s)\s+(.+)$", text, re.I)
    name = (match.group(1) if match else text).strip().strip(".!")
    return name[:100]


_NAME = re.compile(r"^\s*(?:(?:Mr|Mrs|Ms|Miss|Mx|Dr)\.?\s+)?[A-Z][A-Za-z\u00c0-\u00ff'\u2019-]+(?:\s+[A-Z][A-Za-z\u00c0-\u00ff'\u2019-]+){0,2}\s*[.!]?\s*$")
_NOT_NAMES = {"hello", "hi", "hiya", "help", "skip", "pass", "stop", "why", "yes", "no", "nope", "thanks", "ok", "okay",
              "sure", "pardon", "what", "sorry", "bye", "cheers", "delete", "back", "next", "continue", "later",
              "pause", "resume", "quit", "exit", "cancel", "start", "restart", "menu", "human", "person", "agent",
              "remove", "change", "undo", "done", "finished", "nothing", "none", "dunno"}


def looks_like_a_name(text: str) -> bool:
    """One to three capitalised words, maybe with a title: "Ada", "Mrs Khan"."""
    return bool(_NAME.match(text)) and not any(word.lower().strip(".!") in _NOT_NAMES for word in text.split())


def who_of(text: str) -> Optional[str]:
    """Who a family or friends strength is about: "my daughter Sarah", "Pat"."""
    pattern = r"\b(?:my|our)\s+(" + "|".join(re.escape(r) for r in _RELATIONS) + r")\b(\s+[A-Z][a-z]+)?"
    match = re.search(pattern, text, re.I)
    if match:
        return (match.group(0)).strip()
    name = re.match(r"^\s*([A-Z][a-z]+)\b", text)
    if name and name.group(1).lower() not in {"i", "we", "my", "the", "she", "he", "they", "our", "a", "and"}:
        return name.group(1)
    return None


def section_in(text: str) -> Optional[str]:
    """The record section a person names ("change what matters" -> what_matters)."""
    for section in sections.ALL:
        if any(re.search(rf"\b{re.escape(word)}\b", text, re.I) for word in section.words):
            return section.name
    return None


_REFERENCE = re.compile(r"\b([A-HJ-NP-Z2-9]{4})-?([A-HJ-NP-Z2-9]{4})\b", re.I)
_CODE = re.compile(r"\b(\d{6})\b")


def parse_resume(text: str) -> tuple[Optional[str], Optional[str]]:
    """The reference ("ABCD-EFGH", any case, hyphen optional) and code in a message."""
    reference, code = _REFERENCE.search(text), _CODE.search(text)
    return (
        f"{reference.group(1)}-{reference.group(2)}".upper() if reference else None,
        code.group(1) if code else None,
    )
