"""Cross-validation of the safety detector on the TRAINING writers only: each writer
is scored by a meaning model trained without them (in five groups of writers), which
is how the meaning layer's bars are chosen. It never reads tests/safety/ (the
held-out writers).

    .venv/bin/python scripts/safety_cv.py [--c 8] [--budget 0.04] [--misses] [--alarms]
        [--vectors /tmp/safety-vectors.pkl] [--nlu] [--compare]

--vectors  keeps the sentence vectors in a file between runs (they take minutes)
--nlu      also reads the Rasa model's intent confidence (models/current.tar.gz) for
           every training message, and prints what the NLU layer adds at each floor
--compare  also tries the alternatives the meaning layer's docstring mentions: one bar
           only, sentence vectors max-pooled over sentences, and a neural network
           averaged in
"""
from __future__ import annotations

import argparse
import asyncio
import collections
import pickle
import re
import sys
from pathlib import Path

import numpy as np
from joblib import parallel_backend
from scipy.sparse import csr_matrix, hstack

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bot import config  # noqa: E402
from bot.directory.embedding import encoder  # noqa: E402
from bot.safety import meaning, phrases  # noqa: E402
from bot.safety.corpus import load  # noqa: E402
from bot.safety.detector import NLU_FLOOR, SAFETY_INTENT  # noqa: E402


def vectors_for(texts: list[str], cache: Path | None) -> dict:
    known = pickle.loads(cache.read_bytes()) if cache and cache.exists() else {}
    missing = [t for t in dict.fromkeys(texts) if t not in known]
    if missing:
        print(f"embedding {len(missing)} messages", flush=True)
        known.update(meaning.sentence_vectors(missing, encoder()))
        if cache:
            cache.write_bytes(pickle.dumps(known))
    return known


def show(label: str, outcome: meaning.Outcome) -> None:
    t = outcome.thresholds
    print(f"{label}: weakest kind {outcome.weakest:.3f}, mean recall {outcome.overall:.4f}, false alarms "
          f"{outcome.false_alarms:.4f} ({t.describe()})\n  " + ", ".join(f"{kind} {r:.3f}" for kind, r in sorted(outcome.recall.items())), flush=True)


def intent_confidences(texts: list[str]) -> dict:
    """The intent classifier's own reading of each text (before the safety backstop)."""
    import logging

    import addons.safety_backstop as backstop
    from rasa.core.agent import Agent
    from rasa.shared.nlu.constants import INTENT, TEXT
    from rasa.utils.log_utils import configure_structlog

    configure_structlog(logging.WARNING)  # not a debug line per message

    seen = {}

    def record(self, messages):
        for message in messages:
            intent = message.get(INTENT) or {}
            seen[message.get(TEXT)] = (intent.get("name"), float(intent.get("confidence") or 0.0))
        return messages

    backstop.SafetyBackstop.process = record
    agent = Agent.load(str(config.ROOT / "models" / "current.tar.gz"))
    loop = asyncio.new_event_loop()
    for text in dict.fromkeys(texts):
        loop.run_until_complete(agent.parse_message(text))
    return seen


def nlu_table(scored, outcome: meaning.Outcome) -> None:
    seen = intent_confidences([e.text for e, _p in scored])
    caught = [bool(phrases.scan(e.text)) or outcome.thresholds.flags(p) is not None for e, p in scored]
    negatives = sum(1 for e, _p in scored if not e.kind)
    print("the NLU layer on top of the phrases and the meaning layer (training writers):")
    for floor in sorted({0.0, 0.5, 0.8, 0.9, 0.95, 0.99, NLU_FLOOR}):
        fires = [seen[e.text][0] == SAFETY_INTENT and seen[e.text][1] >= floor for e, _p in scored]
        alarms = sum(f for (e, _p), f in zip(scored, fires) if not e.kind)
        extra_alarms = sum(f and not c for (e, _p), f, c in zip(scored, fires, caught) if not e.kind)
        extra_hits = sum(f and not c for (e, _p), f, c in zip(scored, fires, caught) if e.kind)
        print(f"  floor {floor}: its own false alarms {alarms}/{negatives}, of them not already raised "
              f"{extra_alarms}; disclosures only it finds {extra_hits}")


_SENTENCES = re.compile(r"(?<=[.!?;])\s+|\n+")


def compare(corpus, extra, vectors, cache, budget) -> None:
    """The alternatives, each with one bar chosen in the same way."""
    from sklearn.neural_network import MLPClassifier

    def one_bar(scored):
        return meaning._Scores(scored).outcome({}, budget)

    scored = meaning.cross_writer_scores(corpus, extra, vectors)
    show("one bar only", one_bar(scored))

    def sentences(text):
        parts = [p.strip() for p in _SENTENCES.split(text) if len(p.strip().split()) >= 3]
        return parts if len(parts) > 1 else []

    vectors.update(vectors_for([s for e in corpus + extra for s in sentences(e.text)], cache))
    features = meaning.MeaningModel._features

    def pooled(self, texts, rows):
        maxima = [np.max([vectors[s] for s in sentences(t)], axis=0) if sentences(t) else v for t, v in zip(texts, rows)]
        return hstack([features(self, texts, rows), csr_matrix(np.array(maxima) * 0.5)]).tocsr()

    meaning.MeaningModel._features = pooled
    show("sentence vectors max-pooled as well, one bar", one_bar(meaning.cross_writer_scores(corpus, extra, vectors)))
    meaning.MeaningModel._features = features

    writers = sorted({e.writer for e in corpus})
    mixed = []
    for fold in [writers[i::meaning.FOLDS] for i in range(meaning.FOLDS)]:
        train = [e for e in corpus if e.writer not in fold] + list(extra)
        held = [e for e in corpus if e.writer in fold]
        rows = np.array([vectors[e.text] for e in train])
        network = MLPClassifier(hidden_layer_sizes=(256,), alpha=1e-3, max_iter=300, early_stopping=True,
                                random_state=0).fit(rows, [e.kind or "none" for e in train])
        labels = list(network.classes_)
        probs = network.predict_proba(np.array([vectors[e.text] for e in held]))
        mixed += [dict(zip(labels, map(float, row))) for row in probs]
    averaged = [(e, {k: (p[k] + q.get(k, 0.0)) / 2 for k in p}) for (e, p), q in zip(scored, mixed)]
    show("a neural network over the vectors averaged in, one bar", one_bar(averaged))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--c", type=float, default=meaning.C)
    parser.add_argument("--weight", type=float, default=meaning.VECTOR_WEIGHT)
    parser.add_argument("--budget", type=float, default=meaning.FA_BUDGET)
    parser.add_argument("--misses", action="store_true", help="print the disclosures missed")
    parser.add_argument("--alarms", action="store_true", help="print the false alarms")
    parser.add_argument("--vectors", type=Path, help="a file to keep the sentence vectors in between runs")
    parser.add_argument("--nlu", action="store_true", help="what the NLU layer adds, at each confidence floor")
    parser.add_argument("--compare", action="store_true", help="also try the alternatives")
    args = parser.parse_args()
    meaning.C, meaning.VECTOR_WEIGHT = args.c, args.weight
    corpus = load(config.ROOT / "safety" / "training")
    extra = meaning.ordinary_answers(config.ROOT)
    vectors = vectors_for([e.text for e in corpus + extra], args.vectors)
    # Forked workers inherit --c and --weight (joblib's default workers re-import the
    # module and would train with the defaults).
    with parallel_backend("multiprocessing"):
        scored = meaning.cross_writer_scores(corpus, extra, vectors, lambda line: print(line, flush=True))
    chosen = meaning.choose_thresholds(scored, args.budget)
    print(f"C={args.c} weight={args.weight} budget={args.budget}, {len({e.writer for e in corpus})} writers")
    show("chosen bars", chosen)
    for example, p in scored:
        flagged = bool(phrases.scan(example.text)) or chosen.thresholds.flags(p) is not None
        if example.kind and not flagged and args.misses:
            print(f"MISS {example.kind:16} {example.writer} {1 - p['none']:.3f} {example.text[:160]}")
        if not example.kind and flagged and args.alarms:
            print(f"ALARM {example.writer} {1 - p['none']:.3f} {example.text[:160]}")
    if args.nlu:
        nlu_table(scored, chosen)
    if args.compare:
        with parallel_backend("multiprocessing"):
            compare(corpus, extra, vectors, args.vectors, args.budget)
    return 0


if __name__ == "__main__":
    sys.exit(main())
