"""How well the safety detector does on labelled messages: recall in every kind,
false alarms on hard negatives, what each layer adds, and the time it takes.

The figure to believe is the held-out one (`tests/safety/heldout/`): whole writers
that were never trained or tuned on. `tests/safety/test_heldout.py` measures it
through Rasa's own NLU pipeline, so all three layers run as they do in service.
"""
from __future__ import annotations

import statistics
import time
from collections import Counter
from dataclasses import dataclass, field
from typing import Callable, Sequence

from bot.config import ROOT
from bot.safety.corpus import Example
from bot.safety.detector import LAYERS
from bot.safety.kinds import KINDS

HELD_OUT = ROOT / "tests" / "safety" / "heldout"
TRAINING = ROOT / "safety" / "training"

# What a parse gives back: whether it was flagged, the kinds and the layers.
Parse = Callable[[str], dict]


@dataclass
class Report:
    disclosures: Counter = field(default_factory=Counter)  # per kind
    caught: Counter = field(default_factory=Counter)  # per kind
    named: Counter = field(default_factory=Counter)  # per kind: flagged with the right kind
    negatives: int = 0
    alarms: Counter = field(default_factory=Counter)  # false alarms per kind of negative (`about`)
    by_layer: Counter = field(default_factory=Counter)  # disclosures each layer flagged
    only_layer: Counter = field(default_factory=Counter)  # disclosures only that layer flagged
    alarms_by_layer: Counter = field(default_factory=Counter)
    seconds: list = field(default_factory=list)
    missed: list = field(default_factory=list)
    false_alarms: list = field(default_factory=list)

    @property
    def recall(self) -> float:
        return sum(self.caught.values()) / max(sum(self.disclosures.values()), 1)

    def recall_of(self, kind: str) -> float:
        return self.caught[kind] / max(self.disclosures[kind], 1)

    @property
    def false_alarm_rate(self) -> float:
        return sum(self.alarms.values()) / max(self.negatives, 1)

    def lines(self, label: str) -> list[str]:
        total = sum(self.disclosures.values())
        out = [f"safety detector on {label}: recall {self.recall:.3f} ({sum(self.caught.values())}/{total}), "
               f"false alarms {self.false_alarm_rate:.3f} ({sum(self.alarms.values())}/{self.negatives})"]
        out.append("  recall by kind: " + ", ".join(
            f"{kind} {self.recall_of(kind):.3f}" for kind in KINDS if self.disclosures[kind]))
        out.append("  kind named right when caught: " + ", ".join(
            f"{kind} {self.named[kind]}/{self.caught[kind]}" for kind in KINDS if self.caught[kind]))
        out.append("  disclosures flagged by each layer (alone): " + ", ".join(
            f"{layer} {self.by_layer[layer]} ({self.only_layer[layer]})" for layer in LAYERS))
        out.append("  false alarms by layer: " + ", ".join(f"{layer} {self.alarms_by_layer[layer]}" for layer in LAYERS)
                   + "; by kind of message: " + ", ".join(f"{about} {n}" for about, n in sorted(self.alarms.items())))
        if self.seconds:
            ordered = sorted(self.seconds)
            out.append(f"  time per message: median {statistics.median(ordered) * 1000:.1f} ms, "
                       f"p95 {ordered[int(0.95 * (len(ordered) - 1))] * 1000:.1f} ms")
        return out


def evaluate(examples: Sequence[Example], parse: Parse) -> Report:
    """Run `parse` on every example and count."""
    report = Report()
    for example in examples:
        started = time.perf_counter()
        found = parse(example.text)
        report.seconds.append(time.perf_counter() - started)
        flagged, layers = bool(found.get("flagged")), list(found.get("layers") or [])
        if example.kind:
            report.disclosures[example.kind] += 1
            if not flagged:
                report.missed.append(example)
                continue
            report.caught[example.kind] += 1
            report.named[example.kind] += example.kind in (found.get("kinds") or [])
            for layer in layers:
                report.by_layer[layer] += 1
            if len(layers) == 1:
                report.only_layer[layers[0]] += 1
        else:
            report.negatives += 1
            if flagged:
                report.alarms[example.about or "other"] += 1
                report.false_alarms.append(example)
                for layer in layers:
                    report.alarms_by_layer[layer] += 1
    return report
