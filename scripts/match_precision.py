"""Precision@3 of the directory matching on the labelled profiles, and import timings.

    python scripts/match_precision.py [--postgres URL] [--min 0.8] [--verbose]

Imports the sample directory into a throw-away SQLite database (and into the
PostgreSQL database given, which must be empty), offers three services per profile
and reports precision@3 for the development and the held-out profiles
(bot/directory/quality.py), the time one match takes, and the import times.
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

from bot.directory.importer import import_feed  # noqa: E402
import yaml  # noqa: E402

from bot.directory.quality import (  # noqa: E402
    ACCEPTABLE_HELD_OUT, PROFILE_SETS, evaluate, load_profiles, precision_at_3, precision_at_3_against)
from bot.store import Store, migrate  # noqa: E402

SAMPLE = ROOT / "directory" / "sample" / "brackenford.json"


def run(name: str, url: str, verbose: bool) -> float:
    migrate(url)
    store = Store(url)
    started = time.perf_counter()
    report = import_feed(store, SAMPLE)
    first = time.perf_counter() - started
    started = time.perf_counter()
    import_feed(store, SAMPLE)
    again = time.perf_counter() - started
    if report.rejected:
        raise SystemExit(f"{name}: the sample directory was rejected: {report.rejected}")
    print(f"{name}: import of {len(report.added)} services {first * 1000:.0f} ms, "
          f"re-import (unchanged) {again * 1000:.0f} ms")
    held_out = 0.0
    with store.transaction() as session:
        for label, path in PROFILE_SETS.items():
            results = evaluate(session, load_profiles(path))
            score = precision_at_3(results)
            held_out = score if label == "held-out" else held_out
            median_ms = statistics.median(r.seconds for r in results) * 1000
            print(f"{name}: precision@3 {score:.3f} on {len(results)} {label} profiles "
                  f"(one match: median {median_ms:.1f} ms)")
            if label == "held-out":
                judgments = yaml.safe_load(ACCEPTABLE_HELD_OUT.read_text(encoding="utf-8"))
                print(f"{name}: precision@3 {precision_at_3_against(results, judgments):.3f} on the held-out "
                      f"profiles counting every acceptable service (complete judgments)")
            if verbose:
                for result in results:
                    if result.precision < 1:
                        print(f"    {result.id} {result.precision:.2f} offered {result.offered} "
                              f"relevant {result.relevant}")
    store.dispose()
    return held_out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--min", type=float, default=0.8, help="held-out precision@3 to reach (default 0.8)")
    parser.add_argument("--postgres", help="an empty PostgreSQL database to use as well")
    parser.add_argument("--verbose", action="store_true", help="list the profiles that were not matched perfectly")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        urls = {"SQLite": f"sqlite:///{tmp}/precision.db"}
        if args.postgres:
            urls["PostgreSQL"] = args.postgres
        scores = [run(name, url, args.verbose) for name, url in urls.items()]
    if min(scores) < args.min:
        print(f"held-out precision@3 below {args.min}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
