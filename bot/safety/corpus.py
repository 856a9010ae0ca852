"""The labelled safety corpus: messages written by independent writers, one YAML file
per writer (`writer`, `disclosures: [{kind, text}]`, `negatives: [{about, text}]`).

Whole writers are kept apart: `safety/training/` trains the meaning layer, and
`tests/safety/heldout/` is only ever scored (tests/safety/test_heldout.py), never
trained or tuned on.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Optional

import yaml

from bot.safety.kinds import KINDS


class CorpusError(ValueError):
    """A corpus file that cannot be used, with the file and entry named."""


@dataclass(frozen=True)
class Example:
    text: str
    kind: Optional[str]  # None for an ordinary message (a hard negative)
    writer: str
    about: Optional[str] = None  # what a negative is (idiom, grief, ...)


def load_file(path: Path) -> list[Example]:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError) as error:
        raise CorpusError(f"{path}: cannot read it: {error}") from error
    writer = str(data.get("writer") or path.stem)
    examples = []
    for index, entry in enumerate(data.get("disclosures") or []):
        if entry.get("kind") not in KINDS or not str(entry.get("text") or "").strip():
            raise CorpusError(f"{path}: disclosures[{index}] needs a kind ({', '.join(KINDS)}) and a text")
        examples.append(Example(str(entry["text"]), entry["kind"], writer))
    for index, entry in enumerate(data.get("negatives") or []):
        if not str(entry.get("text") or "").strip():
            raise CorpusError(f"{path}: negatives[{index}] needs a text")
        examples.append(Example(str(entry["text"]), None, writer, entry.get("about")))
    return examples


def load(folder: Path) -> list[Example]:
    """Every writer's examples in `folder`, in file order."""
    files = sorted(folder.glob("*.yml"))
    if not files:
        raise CorpusError(f"{folder}: no corpus files (*.yml)")
    return [example for path in files for example in load_file(path)]
