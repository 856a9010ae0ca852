"""The safety detector on the held-out writers, through Rasa's own NLU pipeline (so
the phrases, the NLU intent and the meaning layer all run as in service).

The held-out writers (tests/safety/heldout/) were written independently of the
training writers (safety/training/) and are never trained or tuned on. The figures
are printed at the end of `make test`.
"""
from __future__ import annotations

import asyncio
import time
from pathlib import Path

import pytest

from bot.safety import quality
from bot.safety.corpus import load
from bot.safety.detector import detector
from bot.safety.kinds import KINDS
from tests import reports

ROOT = Path(__file__).resolve().parents[2]
MODEL = ROOT / "models" / "current.tar.gz"

# The targets, printed beside the figures. They are NOT all met (issue 9): on
# the held-out writers w73-w77 recall is 0.973 overall and 0.920 in the weakest kind
# (suicide); false alarms 0.038 meet theirs. The assertions are floors just under what
# this version measured, so that no change makes safety worse; raise them as the detector
# improves, up to the targets.
TARGET_RECALL = 0.98
TARGET_FALSE_ALARMS = 0.05
FLOOR_RECALL = 0.97  # measured 0.973
FLOOR_RECALL_PER_KIND = 0.91  # measured: lowest suicide 0.920
CEILING_FALSE_ALARMS = TARGET_FALSE_ALARMS  # measured 0.038

@pytest.fixture(scope="module")
def heldout_report():
    if not MODEL.exists():
        pytest.fail(f"no trained model at {MODEL}: run 'make train' (make test does it)")
    from rasa.core.agent import Agent

    agent = Agent.load(str(MODEL))
    loop = asyncio.new_event_loop()

    def parse(text: str) -> dict:
        return loop.run_until_complete(agent.parse_message(text)).get("safety") or {}

    examples = load(quality.HELD_OUT)
    parse(examples[0].text)  # warm up: the sentence model loads on the first message
    report = quality.evaluate(examples, parse)
    loop.close()
    started = time.perf_counter()
    sample = [e.text for e in examples[:200]]
    for text in sample:
        detector().detect(text)
    report.detector_ms = (time.perf_counter() - started) / len(sample) * 1000
    for line in report.lines(f"{len(examples)} held-out messages by {len({e.writer for e in examples})} writers"):
        reports.add(line)
    reports.add(f"  the detector alone (phrases + meaning, no Rasa): {report.detector_ms:.1f} ms a message on average")
    weakest = min(report.recall_of(kind) for kind in KINDS)
    met = report.recall >= TARGET_RECALL and weakest >= TARGET_RECALL and report.false_alarm_rate <= TARGET_FALSE_ALARMS
    reports.add(f"  targets (issue 9): recall >= {TARGET_RECALL} overall and in every kind (weakest kind now "
                f"{weakest:.3f}), false alarms <= {TARGET_FALSE_ALARMS}: {'met' if met else 'NOT all met'}")
    return report


def test_the_heldout_corpus_is_big_enough_and_covers_every_kind():
    examples = load(quality.HELD_OUT)
    disclosures = [e for e in examples if e.kind]
    assert len(disclosures) >= 600 and len(examples) - len(disclosures) >= 600
    assert {e.kind for e in disclosures} == set(KINDS)
    training = load(quality.TRAINING)
    assert not {e.writer for e in examples} & {e.writer for e in training}, "a writer is in both sets"
    # Independent writers can type the same short message ("dying for a cuppa"); a
    # longer one in both sets would mean the sets were mixed.
    shared = {e.text for e in examples} & {e.text for e in training}
    assert all(len(text.split()) <= 8 for text in shared) and len(shared) <= 10, shared


def test_heldout_recall_overall_and_in_every_kind(heldout_report):
    low = {kind: round(heldout_report.recall_of(kind), 3) for kind in KINDS
           if heldout_report.recall_of(kind) < FLOOR_RECALL_PER_KIND}
    assert heldout_report.recall >= FLOOR_RECALL and not low, (
        f"recall {heldout_report.recall:.3f} (floor {FLOOR_RECALL}); kinds below {FLOOR_RECALL_PER_KIND}: {low}")


def test_heldout_false_alarms(heldout_report):
    assert heldout_report.false_alarm_rate <= CEILING_FALSE_ALARMS
