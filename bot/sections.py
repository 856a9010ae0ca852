"""The record's sections: the one table the engine, the store, the record, the pages
and the ecomap all read.

Each section says which stage asks for it, where its items are stored (a table and
the column values that pick its rows out), the follow-up questions asked about each
new item, and the words a person uses to name it ("go back to what matters"). Its
title, questions and examples are wording, so they live in `bot/prompts.yml` under
the section's name.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional


@dataclass(frozen=True)
class Section:
    name: str
    stage: str
    table: Optional[str]  # None: a column on the conversation, not a list of items
    filters: dict = field(default_factory=dict)
    followups: tuple = ()
    words: tuple = ()
    # How one message is cut into items (bot/splitting.split_answer): "items" (lists of
    # things), "wishes" (items, and "and" before a new verb starts another), "people" (each person their own `who`), "lines" (only the person's own
    # line breaks or numbering: a risk comes with the worries around it).
    split: str = "items"

    @property
    def is_list(self) -> bool:
        return self.table is not None

    @property
    def strength_category(self) -> Optional[str]:
        return self.filters.get("category")


# In the order the conversation asks for them.
ALL = (
    Section("preferred_name", "about_you", None, words=("name", "call me")),
    Section("what_matters", "what_matters", "what_matters", words=("matter", "matters", "important")),
    Section("working_well", "working", "working", {"kind": "working_well"},
            words=("working well", "going well", "goes well")),
    Section("not_working", "working", "working", {"kind": "not_working"},
            words=("not working", "not going well", "hard", "difficult", "not so well")),
    Section("strengths_personal", "strengths_personal", "strengths", {"category": "personal"},
            words=("good at", "strength", "skill", "personal")),
    Section("strengths_family", "strengths_family", "strengths", {"category": "family"}, ("willing",),
            words=("family", "friend", "people", "daughter", "son", "wife", "husband", "who"), split="people"),
    Section("strengths_community", "strengths_community", "strengths", {"category": "community"},
            words=("community", "group", "club", "place", "church", "neighbour")),
    Section("outcomes", "outcomes", "outcomes", followups=("scale_now", "scale_goal"),
            words=("different", "outcome", "better", "change in", "goal", "scale"), split="wishes"),
    Section("positive_risks", "risks", "positive_risks", followups=("concern", "safer"),
            words=("risk", "worry", "worries", "want to do", "safely"), split="lines"),
)
BY_NAME = {section.name: section for section in ALL}
# The sections that hold several items, in order.
LISTS = tuple(section for section in ALL if section.is_list)
LIST_NAMES = tuple(section.name for section in LISTS)


def get(name: str) -> Section:
    return BY_NAME[name]


def first_of_stage(stage: str) -> Optional[Section]:
    return next((section for section in ALL if section.stage == stage), None)


def next_in_stage(name: str) -> Optional[Section]:
    """The section after `name` asked in the same stage (`working` holds two)."""
    index = ALL.index(BY_NAME[name])
    later = ALL[index + 1] if index + 1 < len(ALL) else None
    return later if later is not None and later.stage == BY_NAME[name].stage else None
