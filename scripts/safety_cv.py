"""Cross-validation of the safety meaning layer on the TRAINING writers only: each
writer is scored by a model trained without them (in five groups of writers), which
is how the threshold is chosen. It never reads tests/safety/ (the held-out writers).

    .venv/bin/python scripts/safety_cv.py [--c 8] [--budget 0.04] [--misses]
"""
from __future__ import annotations

import argparse
import collections
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bot import config  # noqa: E402
from bot.directory.embedding import encoder  # noqa: E402
from bot.safety import meaning, phrases  # noqa: E402
from bot.safety.corpus import load  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--c", type=float, default=meaning.C)
    parser.add_argument("--weight", type=float, default=meaning.VECTOR_WEIGHT)
    parser.add_argument("--budget", type=float, default=meaning.FA_BUDGET)
    parser.add_argument("--misses", action="store_true", help="print the disclosures missed")
    args = parser.parse_args()
    meaning.C, meaning.VECTOR_WEIGHT = args.c, args.weight
    corpus = load(config.ROOT / "safety" / "training")
    extra = meaning.ordinary_answers(config.ROOT)
    scored = meaning.cross_writer_scores(corpus, extra, encoder(), lambda line: print(line, flush=True))
    threshold = meaning.choose_threshold(scored, args.budget)
    hits, totals = collections.Counter(), collections.Counter()
    alarms = negatives = 0
    for example, score in scored:
        flagged = score >= threshold or bool(phrases.scan(example.text))
        if example.kind:
            totals[example.kind] += 1
            hits[example.kind] += flagged
            if not flagged and args.misses:
                print(f"MISS {example.kind:16} {example.writer} {score:.3f} {example.text[:140]}")
        else:
            negatives += 1
            alarms += flagged
    print(f"C={args.c} weight={args.weight} threshold {threshold:.3f}")
    for kind in totals:
        print(f"  {kind:16} {hits[kind]}/{totals[kind]} = {hits[kind] / totals[kind]:.3f}")
    print(f"recall {sum(hits.values()) / sum(totals.values()):.3f}, false alarms {alarms}/{negatives} = "
          f"{alarms / negatives:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
