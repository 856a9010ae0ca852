"""An answer saved under one question that the person's next reply shows was meant
for another, moved there with that reply.

People who are one question behind (they expected one "anything else?" less) give
what would be different at "any other places or groups?", then type the numbers of
the 0 to 10 questions they expect next; or give a risk they want to take at "what
would be different?", then answer "where are you now, 0 to 10?" with who worries
about it. Without this, the answer stays in the wrong section and every reply after
it lands one question behind. The reply is the evidence: a lone number straight after
an answer to the question before the outcomes, or someone's worry straight after an
outcome. The person is told where the answer went.
"""
from __future__ import annotations

from typing import Optional

from bot.interview.flow import after_section
from bot.interview.state import LIST_SECTIONS, Turn, phase_of, section_of, set_step
from bot.parsing import OTHERS_WORRY, parse_scale
from bot.sections import LIST_NAMES
from bot.splitting import split_answer
from bot.store import repository as repo
from bot.wording import message, quoted

# The step data key naming the items the last answer at a `:more` step saved.
LAST = "last"


def remember_last(conversation, rows) -> None:
    """After an answer is saved and "anything else?" asked: which items it saved."""
    conversation.step_data = {**(conversation.step_data or {}), LAST: [row.id for row in rows]}


def late_scale(session, conversation, text: str) -> Optional[Turn]:
    """A lone number at "anything else?" of the section before the outcomes, straight
    after an answer there: that answer was what would be different, and the number is
    where they are now."""
    section = section_of(conversation.step)
    value = parse_scale(text)
    ids = (conversation.step_data or {}).get(LAST)
    before_outcomes = LIST_NAMES[LIST_NAMES.index("outcomes") - 1]
    if phase_of(conversation.step) != "more" or section != before_outcomes or not ids or value is None \
            or not 0 <= value <= 10:
        return None
    spec = LIST_SECTIONS[section]
    rows = [row for row in (repo.get_item(session, spec.table, i) for i in ids) if row is not None]
    if not rows:
        return None
    after_section(session, conversation, section)
    moved = [outcome for row in rows for outcome in _as_wishes(session, repo.move_item(session, row, "outcomes"))]
    moved[0].scale_now = value
    set_step(conversation, "outcomes:scale_goal", pending=[row.id for row in moved])
    items = "; ".join(f'"{quoted(row.text)}"' for row in moved)
    return Turn([message("moved_to_outcomes", items=items, number=value)])


def _as_wishes(session, outcome) -> list:
    """An answer cut as a list of places and groups, cut again as what would be
    different: "walk to gurdwara myself and read my own letters" is two outcomes, each
    asked its own 0 to 10 questions."""
    first, *others = split_answer("wishes", outcome.text) or [outcome.text]
    if not others:
        return [outcome]
    outcome.text = first
    spec = LIST_SECTIONS["outcomes"]
    return [outcome] + repo.add_items(session, outcome.conversation_id, spec.table, others,
                                      f"{outcome.message_id}:{outcome.position}:wishes", **spec.filters)


def worry_at_scale(session, conversation, text: str) -> Optional[Turn]:
    """Someone's worry where "where are you now, 0 to 10?" was asked about what the
    person just gave as an outcome: it was a risk they want to take, and this is the
    worry about it."""
    data = conversation.step_data or {}
    if conversation.step != "outcomes:scale_now" or not OTHERS_WORRY.search(text) or parse_scale(text) is not None:
        return None
    spec = LIST_SECTIONS["outcomes"]
    first = repo.get_item(session, spec.table, data["pending"][0])
    # The other items of the same message were said with it ("Drive again. Only the automatic car").
    same = [row for row in (repo.get_item(session, spec.table, i) for i in data["pending"][1:])
            if row is not None and row.message_id == first.message_id]
    words = "; ".join([first.text] + [row.text for row in same])
    for row in same:
        repo.delete_item(session, row)
    first.text = words
    after_section(session, conversation, "outcomes")
    risk = repo.move_item(session, first, "positive_risks", concern=text)
    set_step(conversation, "positive_risks:safer", pending=[risk.id])
    return Turn([message("moved_to_risks", item=quoted(words))])
