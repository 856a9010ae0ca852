"""The realistic conversation corpus: load it, play it through the real servers, and
score what landed in the database against what each writer said must be saved.

Each writer (a helper briefed separately, tests/corpus/writer-brief.md) wrote three
conversations: what the person types at each step (`at`), whether it is an answer or
a move, and what must be saved at the end (`expect`, as short keys copied from the
typed words). `training/` is what we look at and fix against; `heldout/` is only
scored. Items are:
- kept: found in the section the writer expected;
- misfiled: found only in another section;
- lost: found nowhere.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Optional

import yaml

HERE = Path(__file__).resolve().parent
TRAINING = HERE / "training"
HELD_OUT = HERE / "heldout"
LIST_SECTIONS = ("what_matters", "working_well", "not_working", "strengths_personal", "strengths_family",
                 "strengths_community", "outcomes", "positive_risks")
# Sections whose items each get their own follow-up questions: one stored item may
# stand for one expected item only (two people in one item would share one `who`).
ONE_EACH = ("strengths_family", "outcomes", "positive_risks")
# What the test types at steps the writers were told it answers.
LINKS_STEPS = ("links:offer", "links:more")
SAFETY_STEPS = ("safety_safe_now", "safety_pass_on", "safety_continue", "safety_keep")


def load(folder: Path) -> list[dict]:
    conversations = []
    for path in sorted(folder.glob("*.yml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for conversation in data["conversations"]:
            conversations.append({**conversation, "writer": data["writer"]})
    return conversations


def norm(text) -> str:
    text = str(text or "").replace("\u2019", "'").replace("\u2018", "'").lower()
    return re.sub(r"\s+", " ", text).strip()


def _items(record: dict) -> dict[str, list[dict]]:
    """Each list section's stored items, with the text the keys are looked for in."""
    found = {section: [] for section in LIST_SECTIONS}
    for section in ("what_matters", "working_well", "not_working"):
        found[section] = [{"text": entry["text"]} for entry in record[section]]
    for entry in record["strengths"]:
        found[f"strengths_{entry['category']}"].append(
            {"text": entry["text"], "who": entry["who"], "willing": entry["willing"]})
    found["outcomes"] = [{"text": e["text"], "now": e["scale_now"], "goal": e["scale_goal"]} for e in record["outcomes"]]
    found["positive_risks"] = [{"text": e["activity"], "concern": e["concern"], "safer": e["safer"]}
                               for e in record["positive_risks"]]
    return found


@dataclass
class Score:
    expected: int = 0
    kept: int = 0
    misfiled: list = field(default_factory=list)
    lost: list = field(default_factory=list)
    details_wrong: list = field(default_factory=list)
    extra: list = field(default_factory=list)  # stored items that hold no expected key
    behalf_wrong: list = field(default_factory=list)
    divergences: list = field(default_factory=list)  # the chat was not at the step the writer expected
    asked_to_keep: int = 0  # "Shall I save that as your answer?" asked
    false_alarms: list = field(default_factory=list)  # safety responses (answered "not what I meant")
    turns: int = 0

    def add(self, other: "Score") -> None:
        for name, value in vars(other).items():
            setattr(self, name, getattr(self, name) + value)

    @property
    def misfiled_rate(self) -> float:
        return len(self.misfiled) / self.expected if self.expected else 0.0

    def line(self, label: str) -> str:
        return (f"{label}: {self.turns} turns, {self.expected} items expected: {self.kept} kept, "
                f"{len(self.lost)} lost, {len(self.misfiled)} misfiled ({self.misfiled_rate:.1%}); "
                f"details wrong {len(self.details_wrong)}, extra items {len(self.extra)}, "
                f"on-behalf fields wrong {len(self.behalf_wrong)}, "
                f"'shall I save that?' asked {self.asked_to_keep}, safety false alarms {len(self.false_alarms)}, "
                f"off-script steps {len(self.divergences)}")


_STOP = {"the", "a", "an", "my", "our", "his", "her", "their", "and", "of", "to", "in", "on", "at"}


def _key_in(key: str, item: dict) -> bool:
    """The key as typed, or every word of it, in the item ("the Tuesday group" in "the
    Tuesday craft group", after a correction changed Monday to Tuesday)."""
    key = norm(key)
    text = f"{norm(item['text'])} {norm(item.get('who'))}"
    if key in text:
        return True
    words = [w for w in re.findall(r"[\w']+", key) if w not in _STOP]
    return len(words) >= 2 and set(words) <= set(re.findall(r"[\w']+", text))


def score(conversation: dict, record: dict) -> Score:
    result = Score(turns=len(conversation["turns"]))
    expect = conversation.get("expect") or {}
    stored = _items(record)
    claimed: set[tuple[str, int]] = set()
    matched_items: set[tuple[str, int]] = set()
    cid = conversation["id"]
    for section in LIST_SECTIONS:
        for entry in expect.get(section) or []:
            entry = entry if isinstance(entry, dict) else {"key": entry}
            key = str(entry["key"])
            result.expected += 1
            where = _find(stored, section, key, claimed)
            if where is None:
                other = next((found for s in LIST_SECTIONS if s != section
                              for found in [_find(stored, s, key, claimed)] if found is not None), None)
                if other is None:
                    result.lost.append(f"{cid} {section}: {key!r}")
                else:
                    result.misfiled.append(f"{cid} {section} -> {other[0]}: {key!r}")
                    matched_items.add(other)
                continue
            result.kept += 1
            matched_items.add(where)
            if section in ONE_EACH:
                claimed.add(where)
            item = stored[section][where[1]]
            result.details_wrong += [f"{cid} {section} {key!r}: {problem}" for problem in _details(section, entry, item)]
    for section in LIST_SECTIONS:
        for index, item in enumerate(stored[section]):
            if (section, index) not in matched_items:
                result.extra.append(f"{cid} {section}: {item['text']!r}")
    result.behalf_wrong = _behalf(cid, expect, record)
    return result


def _find(stored: dict, section: str, key: str, claimed: set) -> Optional[tuple[str, int]]:
    for index, item in enumerate(stored[section]):
        if (section, index) not in claimed and _key_in(key, item):
            return section, index
    return None


def _details(section: str, entry: dict, item: dict) -> list[str]:
    problems = []
    if section == "strengths_family" and entry.get("willing") is not None:
        if norm(entry["willing"]).replace(" ", "_") != norm(item["willing"]):
            problems.append(f"willing {item['willing']!r}, expected {entry['willing']!r}")
    if section == "outcomes":
        for name in ("now", "goal"):
            if name in entry and entry[name] != item[name]:
                problems.append(f"{name} {item[name]!r}, expected {entry[name]!r}")
    if section == "positive_risks":
        for name in ("concern", "safer"):
            if name in entry:
                want, got = entry[name], item[name]
                if (want is None) != (got is None) or (want is not None and norm(want) not in norm(got)):
                    problems.append(f"{name} {got!r}, expected {want!r}")
    return problems


def _behalf(cid: str, expect: dict, record: dict) -> list[str]:
    wrong = []
    checks = (("person_name", "preferred_name"), ("helper_name", "completed_by"), ("relationship", "relationship"))
    if record["mode"] == "self" and expect.get("preferred_name"):
        checks = (("preferred_name", "preferred_name"),)
    for want_field, got_field in checks:
        want = expect.get(want_field)
        if want and norm(want) not in norm(record[got_field]):
            wrong.append(f"{cid} {got_field} {record[got_field]!r}, expected {want!r}")
    permission = expect.get("permission")
    if permission is not None and record["mode"] == "on_behalf":
        got = norm(record["permission"])
        want = norm(permission)
        ok = got.startswith(want) if want in ("yes", "no") else want in got
        if not ok:
            wrong.append(f"{cid} permission {record['permission']!r}, expected {permission!r}")
    return wrong


def play(conversation: dict, say: Callable[[str], list[str]], step: Callable[[], Optional[str]]) -> Score:
    """Type each turn; answer the steps the writers were told the test answers (links)
    and "Shall I save that as your answer?" as the person would (yes for an answer)."""
    result = Score()
    previous_kind, last = "answer", ""
    if step() is None:  # the page opens the conversation before the person types
        say("hello")
    for turn in conversation["turns"]:
        for _ in range(10):
            now = step()
            if now == turn["at"]:
                break
            if now == "keep_answer":
                result.asked_to_keep += 1
                say("yes" if previous_kind == "answer" else "no")
            elif now in SAFETY_STEPS and now != "safety_keep":  # the writers disclosed no risk
                result.false_alarms.append(f"{conversation['id']}: {last!r}")
                say("that is not what I meant")
            elif now == "safety_keep":
                say("yes")
            elif now in LINKS_STEPS:
                say("no")
            else:
                result.divergences.append(f"{conversation['id']}: at {now}, writer expected {turn['at']}: {turn['say']!r}")
                break
        last = str(turn["say"])
        say(last)
        previous_kind = turn.get("kind", "answer")
    if step() == "keep_answer":
        result.asked_to_keep += 1
        say("yes" if previous_kind == "answer" else "no")
    return result
