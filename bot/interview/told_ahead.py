"""A long answer that answers later questions too: "... whats going alright is im
still driving. whats not right is me knees. im good with engines ...".

Some people write one paragraph at the first question that covers most of the
interview. Its sentences that say in so many words which later question they answer
(what is going well, what is not, what they are good at, the places they go) are
saved in that section as typed, and the person is told where each went; when that
question comes, it says what they already told (bot/interview/questions.py), so they
are not asked to repeat it. Only explicit openings count: a sentence's meaning alone
is left where it was typed, which loses nothing. Sections with follow-up questions
(people, outcomes, risks) are never filled ahead: their questions about each item
belong with their own question.
"""
from __future__ import annotations

import re
from typing import Optional

from bot.interview.state import LIST_SECTIONS
from bot.parsing import PLACE_OR_GROUP, wishes
from bot.sections import LIST_NAMES
from bot.store import repository as repo
from bot.wording import Say, message, prompts, quoted

_LEAD = r"^\W*(?:(?:and|but|also|oh|well|so|plus|then)\W+)*"
_WHAT = r"(?:what'?s|whats|what is|what has been|what'?s been|the things? that'?s|the things? that (?:is|are|has been))"
_CUES = {
    "working_well": re.compile(
        _LEAD + rf"(?:{_WHAT}\s+(?:going|working)\s+(?:well|alright|all right|ok|okay|good|fine)|"
        rf"{_WHAT}\s+working(?:\s+(?:for (?:me|him|her|them|us)\s+)?is|\s+are|:)|"
        r"(?:going|working) well(?: for (?:me|him|her|them|us))?(?: is| are|:|\s-)|"
        r"(?:the )?good (?:news|thing|things|bit|bits) (?:is|are)\b)", re.I),
    "not_working": re.compile(
        _LEAD + rf"(?:{_WHAT}\s+(?:not (?:right|working|going (?:so )?well|good|great|so good|easy)|"
        r"(?:wrong|hard|difficult|going wrong|a struggle|getting me down))|"
        r"not (?:working|going) (?:so |too )?well(?: is| are|:|\s-)|"
        r"(?:the )?(?:bad|hard|worst|tricky|difficult) (?:news|thing|things|bit|bits|part) (?:is|are)\b)", re.I),
    "strengths_personal": re.compile(
        _LEAD + r"(?:(?:i'?m|im|i am|he'?s|hes|she'?s|shes|he is|she is)\s+(?:(?:very|really|quite|pretty|still|"
        r"always been|dead|proper)\s+)?(?:good|great|handy|brilliant|decent|champion|a dab hand|clever)"
        r"\s+(?:at|with)\b|"
        r"(?:i|he|she) can (?:still )?(?:knit|sew|cook|bake|fix|mend|make|draw|paint|sing|dance|build|grow))\b",
        re.I),
    "strengths_community": re.compile(
        _LEAD + r"(?:i|we|he|she|they)\s+(?:still\s+|also\s+|usually\s+)?(?:go|goes|get|gets|belong|belongs)"
        r"\s+(?:to\s+|up\s+|down\s+|in\s+)?(?:the|a|our|my|his|her)\b", re.I),
}
_GOES_ON = re.compile(r"^\W*(?:and|also|plus)\b", re.I)
# Sentences: after a full stop, question or exclamation mark.
_SENTENCES = re.compile(r"((?<=[.!?])\s+)")
# Only a long answer of several sentences is read this way: a short list, or items on
# their own lines, answer the question asked ("My neighbour pops in\n- I can still cook").
LONG_SENTENCES, LONG_WORDS = 3, 30


def section_told(sentence: str) -> Optional[str]:
    """The section a sentence says it answers in so many words, or None."""
    for section, cue in _CUES.items():
        if cue.search(sentence) and (section != "strengths_community" or PLACE_OR_GROUP.search(sentence)):
            return section
    return None


def file_told_ahead(session, conversation, section: str, text: str, message_id: str) -> tuple[str, list[Say]]:
    """Save the sentences of `text` that answer a later section's question there; give
    back the rest (for `section`) and what to tell the person."""
    pieces = _SENTENCES.split(text.strip())  # sentence, separator, sentence, ...
    sentences = [(pieces[i], pieces[i + 1] if i + 1 < len(pieces) else "") for i in range(0, len(pieces), 2)]
    if len([s for s, _ in sentences if s.strip()]) < LONG_SENTENCES or len(text.split()) < LONG_WORDS \
            or re.search(r"[\r\n]", text.strip()) or section not in LIST_NAMES:
        return text, []
    later = LIST_NAMES[LIST_NAMES.index(section) + 1:]
    kept, filed = [], {}
    where = None
    for sentence, separator in sentences:
        # "... whats not working is the nights. and she gets in a right state ...": the same answer goes on
        where = where if where and _GOES_ON.match(sentence) and not wishes(sentence) else section_told(sentence)
        if where in later and not LIST_SECTIONS[where].followups:
            filed.setdefault(where, []).append(sentence)
        elif sentence.strip():
            kept.append(sentence + separator)
    if not filed or not kept:  # all of it answers later questions: it stays with the question asked
        return text, []
    says = []
    for position, (where, texts) in enumerate(filed.items()):
        spec = LIST_SECTIONS[where]
        repo.add_items(session, conversation.id, spec.table, texts, f"{message_id}:ahead{position}", **spec.filters)
        says.append(message("ack_item_elsewhere", items="; ".join(f'"{quoted(t)}"' for t in texts),
                            title=prompts()["section_titles"][where].lower()))
    return "".join(kept).strip(), says
