"""How the section reader's bars (bot/interview/reader.py SURE, LIKELIER) were chosen,
on the TRAINING corpus writers only (tests/corpus/training; never the held-out ones).

Two kinds of answer are read, each as the interview would meet it at a repeated
"anything else?" of section S:
- next: the writer took "anything else?" for the next question and answered a later
  section T (their turn after an answer at S:more is at T:ask): it should move to T;
- same: every other answer written for section S: it should stay in S.
For each pair of bars: how many `next` answers move to the right section (with the word
cues of bot/parsing.py `answers_next` as well, as in the interview) and how many `same`
answers are wrongly moved.

    .venv/bin/python scripts/section_reader.py      (after `make train`)
"""
from __future__ import annotations

import itertools
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bot import config, sections  # noqa: E402
from bot.directory.embedding import encoder  # noqa: E402
from bot.interview import reader  # noqa: E402
from bot.parsing import NOTHING_MORE, answers_next  # noqa: E402
from tests.corpus import driver  # noqa: E402

NAMES = sections.LIST_NAMES


def answers() -> list[tuple[str, str, str]]:
    """(section asked, text, section it belongs to) from the training writers."""
    rows = []
    for conversation in driver.load(driver.TRAINING):
        turns = conversation["turns"]
        for before, turn in zip(turns, turns[1:]):
            section, _, phase = turn["at"].partition(":")
            if turn.get("kind") != "answer" or section not in NAMES or NOTHING_MORE.match(str(turn["say"])):
                continue
            after_more = before["at"].endswith(":more") and before.get("kind") == "answer" \
                and not NOTHING_MORE.match(str(before["say"])) and str(before["say"]).lower() != "yes"
            if after_more and before["at"].split(":")[0] in NAMES and phase == "ask":
                rows.append((before["at"].split(":")[0], str(turn["say"]), section))  # next
            elif phase in ("ask", "more", "tell") and not (after_more and turn["at"] != before["at"]):
                rows.append((section, str(turn["say"]), section))  # same
    return rows


def decide(section: str, chances: dict, sure: float, likelier: float, ahead: int = reader.AHEAD) -> str | None:
    later = NAMES[NAMES.index(section) + 1:NAMES.index(section) + 1 + ahead]
    best = max(later, key=lambda name: chances.get(name, 0.0), default=None)
    if best is None or chances[best] < sure or chances[best] < likelier * chances.get(section, 0.0):
        return None
    return best


def main() -> None:
    model = reader.load_model(config.section_reader_path(), config.ROOT, encoder())
    rows = answers()
    vectors = encoder().encode([text for _s, text, _t in rows])
    chances = [model.probabilities(text, vector) for (_s, text, _t), vector in zip(rows, vectors)]
    moved = sum(section != truth for section, _text, truth in rows)
    print(f"{len(rows)} answers: {moved} next, {len(rows) - moved} same")
    by_words = [answers_next(section, text) for section, text, _truth in rows]
    print(f"the word cues alone: next moved right {sum(w and s != t for w, (s, _x, t) in zip(by_words, rows))}, "
          f"same moved wrongly {sum(w and s == t for w, (s, _x, t) in zip(by_words, rows))} (every answer is read "
          "here as if at a repeated 'anything else?': the interview asks the cues only there)")
    for sure, likelier in itertools.product((0.35, 0.45, 0.55, 0.65), (1.5, 2.0, 3.0)):
        right = wrong = 0
        for (section, text, truth), chance, words in zip(rows, chances, by_words):
            ahead = NAMES[NAMES.index(section) + 1] if words else decide(section, chance, sure, likelier)
            right += section != truth and ahead == truth
            wrong += section == truth and ahead is not None and not words
        print(f"SURE {sure} LIKELIER {likelier}: next moved right {right} of {moved} (cues and reader), "
              f"same moved wrongly by the reader {wrong}")


def first_asked() -> None:
    """The bars at a question's first asking (reader.FIRST_ASKED): each answer written
    for a section's question, read at that question (it should stay) and at the
    question before it (it should move on, as for a person one question behind)."""
    model = reader.load_model(config.section_reader_path(), config.ROOT, encoder())
    rows = []
    for conversation in driver.load(driver.TRAINING):
        for turn in conversation["turns"]:
            section, _, phase = turn["at"].partition(":")
            if turn.get("kind") != "answer" or section not in NAMES or phase != "ask" \
                    or NOTHING_MORE.match(str(turn["say"])):
                continue
            before = NAMES[NAMES.index(section) - 1] if NAMES.index(section) else None
            rows += [(asked, str(turn["say"]), section) for asked in (section, before) if asked in reader.FIRST_ASKED]
    vectors = encoder().encode([text for _s, text, _t in rows])
    chances = [model.probabilities(text, vector) for (_s, text, _t), vector in zip(rows, vectors)]
    early = sum(asked != truth for asked, _text, truth in rows)
    for sure, likelier in itertools.product((0.5, 0.6, 0.7), (3.0, 6.0, 10.0)):
        right = wrong = 0
        for (asked, _text, truth), chance in zip(rows, chances):
            ahead = decide(asked, chance, sure, likelier, ahead=1)
            right += asked != truth and ahead == truth
            wrong += asked == truth and ahead is not None
        print(f"first asking, SURE {sure} LIKELIER {likelier}: of {early} answers read one question early "
              f"{right} moved right; of {len(rows) - early} answers to the question asked {wrong} moved")


if __name__ == "__main__":
    main()
    first_asked()
