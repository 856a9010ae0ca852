"""Precision@3 of the directory matching on the labelled profiles, and import timings.

    python scripts/match_precision.py [--postgres URL] [--min 0.8] [--verbose] [--ablation] [--tuning-only]

Imports the sample directory and its phrases into a throw-away SQLite database (and
into the PostgreSQL database given, which must be empty), offers three services per
profile and reports precision@3 for each labelled set (bot/directory/quality.py),
the time one match takes (the first for a person, whose answers are embedded then,
and again, as at each later offer), and the import times. Each database starts with
no vectors remembered by the process, so both pay for embedding. It also scores a
second practitioner's blind picks against the same labels (how far two people agree),
and with --ablation, the matcher with each kind of evidence taken away (SQLite).
Exits 1 if the held-out precision@3 is below --min on any database.
"""
from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import yaml  # noqa: E402

from bot.directory import matching  # noqa: E402
from bot.directory.embedding import encoder  # noqa: E402
from bot.directory.importer import import_feed  # noqa: E402
from bot.directory.phrases import import_phrases  # noqa: E402

from bot.directory import fit  # noqa: E402
from bot.directory.quality import (  # noqa: E402
    ACCEPTABLE_HELD_OUT, FIT_SETS, PROFILE_SETS, SECOND_PRACTITIONER, evaluate, fit_profiles, fit_score,
    load_profiles, picks_of, precision_at_3, precision_at_3_against)
from bot.directory.sample import SAMPLE_FEED, SAMPLE_PHRASES  # noqa: E402
from bot.store import Store, migrate  # noqa: E402


ABLATIONS = {  # name -> (matching constants to set, lexicon to use)
    "without phrases": ({"PHRASE_WEIGHT": 0.0}, None),
    "without meaning (service vectors)": ({"MEANING_WEIGHT": 0.0}, None),
    "without the lexicon": ({}, {}),
    "without phrases or meaning (the matcher before them)": ({"PHRASE_WEIGHT": 0.0, "MEANING_WEIGHT": 0.0}, None),
    "words and meaning, no lexicon, no phrases (a council's own feed, as imported)": ({"PHRASE_WEIGHT": 0.0}, {}),
    "words only (the database's full-text search)": ({"PHRASE_WEIGHT": 0.0, "MEANING_WEIGHT": 0.0}, {}),
}


def ablation(session) -> None:
    for name, (constants, lexicon) in ABLATIONS.items():
        saved = {key: getattr(matching, key) for key in constants}
        for key, value in constants.items():
            setattr(matching, key, value)
        try:
            scores = [f"{label} {precision_at_3(evaluate(session, load_profiles(path), lexicon)):.3f}"
                      for label, path in PROFILE_SETS.items()]
        finally:
            for key, value in saved.items():
                setattr(matching, key, value)
        print(f"  {name}: " + ", ".join(scores))


def second_practitioner() -> None:
    picks = yaml.safe_load(SECOND_PRACTITIONER.read_text(encoding="utf-8"))
    scores = [f"{label} {precision_at_3(results):.3f} ({len(results)} profiles)"
              for label, path in PROFILE_SETS.items() if (results := picks_of(picks, load_profiles(path)))]
    print("a second practitioner's blind picks, scored the same way: " + ", ".join(scores))


def run(name: str, url: str, verbose: bool, ablate: bool = False, held_out_fit: bool = True) -> float:
    migrate(url)
    store = Store(url)
    model = encoder()
    model.forget()  # each database pays for its own embedding
    started = time.perf_counter()
    report = import_feed(store, SAMPLE_FEED)
    first = time.perf_counter() - started
    started = time.perf_counter()
    import_feed(store, SAMPLE_FEED)
    again = time.perf_counter() - started
    if report.rejected:
        raise SystemExit(f"{name}: the sample directory was rejected: {report.rejected}")
    print(f"{name}: import of {len(report.added)} services {first * 1000:.0f} ms "
          f"(of which their {report.vectors} meaning vectors), re-import (unchanged) {again * 1000:.0f} ms")
    started = time.perf_counter()
    loaded = import_phrases(store, SAMPLE_PHRASES, model)
    first = time.perf_counter() - started
    started = time.perf_counter()
    import_phrases(store, SAMPLE_PHRASES, model)
    again = time.perf_counter() - started
    if loaded.rejected:
        raise SystemExit(f"{name}: the sample phrases were rejected: {loaded.rejected}")
    print(f"{name}: phrases ({loaded.phrases} for {len(loaded.added)} services) {first * 1000:.0f} ms, "
          f"loaded again (unchanged) {again * 1000:.0f} ms")
    held_out = 0.0
    with store.transaction() as session:
        for label, path in PROFILE_SETS.items():
            results = evaluate(session, load_profiles(path))
            score = precision_at_3(results)
            held_out = score if label == "held-out" else held_out
            median_ms = statistics.median(r.seconds for r in results) * 1000
            repeat_ms = statistics.median(r.seconds for r in evaluate(session, load_profiles(path))) * 1000
            print(f"{name}: precision@3 {score:.3f} on {len(results)} {label} profiles "
                  f"(one match: median {median_ms:.1f} ms the first time, {repeat_ms:.1f} ms again)")
            if label == "held-out":
                judgments = yaml.safe_load(ACCEPTABLE_HELD_OUT.read_text(encoding="utf-8"))
                print(f"{name}: precision@3 {precision_at_3_against(results, judgments):.3f} on the held-out "
                      f"profiles counting every acceptable service (complete judgments)")
            if verbose:
                for result in results:
                    if result.precision < 1:
                        print(f"    {result.id} {result.precision:.2f} offered {result.offered} "
                              f"relevant {result.relevant}")
        for label, paths in FIT_SETS.items():
            if label == "fit held-out" and not held_out_fit:
                continue
            profiles = fit_profiles(paths)
            for rules_on in (False, True):
                if not rules_on:  # the same run without bot/directory/fit.py: the baseline
                    saved = fit.fit
                    fit.fit = lambda *a: fit.Fit(set(), set(), lonely=False)
                try:
                    results = evaluate(session, profiles)
                finally:
                    if not rules_on:
                        fit.fit = saved
                score = fit_score(results, profiles)
                print(f"{name}: {label} ({score.profiles} profiles), {'with' if rules_on else 'without'} the fit "
                      f"rules: precision@3 {score.precision:.3f}, counting acceptable {score.acceptable:.3f}, "
                      f"wrong offers {score.wrong_offers} of {3 * score.profiles} "
                      f"(in {score.profiles_wronged} profiles)")
                if verbose and rules_on and label == "fit tuning":
                    by_id = {p["id"]: p for p in profiles}
                    for result in results:
                        wrong = set(result.offered[:3]) & set(by_id[result.id].get("never") or [])
                        if wrong or result.precision < 1:
                            print(f"    {result.id} {result.precision:.2f} offered {result.offered} wrong {wrong}")
        if ablate:
            print(f"{name}: precision@3 with evidence taken away")
            ablation(session)
    store.dispose()
    return held_out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--min", type=float, default=0.8, help="held-out precision@3 to reach (default 0.8)")
    parser.add_argument("--postgres", help="an empty PostgreSQL database to use as well")
    parser.add_argument("--verbose", action="store_true", help="list the profiles that were not matched perfectly")
    parser.add_argument("--ablation", action="store_true", help="also score with each kind of evidence taken away")
    parser.add_argument("--tuning-only", action="store_true",
                        help="leave the held-out fit profiles unscored (while working on the fit rules)")
    args = parser.parse_args()
    second_practitioner()
    with tempfile.TemporaryDirectory() as tmp:
        urls = {"SQLite": f"sqlite:///{tmp}/precision.db"}
        if args.postgres:
            urls["PostgreSQL"] = args.postgres
        scores = [run(name, url, args.verbose, args.ablation and name == "SQLite", not args.tuning_only)
                  for name, url in urls.items()]
    if min(scores) < args.min:
        print(f"held-out precision@3 below {args.min}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
