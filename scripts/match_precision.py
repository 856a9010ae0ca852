"""Precision@3 of the directory matching on the labelled profiles (tests/directory/profiles.yml).

    python scripts/match_precision.py [--min 0.8]

Imports the sample directory into a throw-away SQLite database (and PostgreSQL with
--postgres URL), offers three services per profile and reports precision@3 overall
and per profile, with the import time.
"""
from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.directory.importer import import_feed  # noqa: E402
from bot.directory.quality import evaluate, load_profiles, precision_at_3  # noqa: E402
from bot.store import Store, migrate  # noqa: E402

SAMPLE = ROOT / "directory" / "sample" / "brackenford.json"
PROFILES = ROOT / "tests" / "directory" / "profiles.yml"


def run(url: str) -> tuple[float, float, float, list]:
    migrate(url)
    store = Store(url)
    started = time.perf_counter()
    report = import_feed(store, SAMPLE)
    first = time.perf_counter() - started
    started = time.perf_counter()
    import_feed(store, SAMPLE)
    again = time.perf_counter() - started
    assert not report.rejected, report.rejected
    with store.transaction() as session:
        results = evaluate(session, load_profiles(PROFILES))
    store.dispose()
    return precision_at_3(results), first, again, results


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--min", type=float, default=0.8)
    parser.add_argument("--postgres", help="a PostgreSQL URL of an empty database to use as well")
    args = parser.parse_args()
    urls = {}
    with tempfile.TemporaryDirectory() as tmp:
        urls["SQLite"] = f"sqlite:///{tmp}/precision.db"
        if args.postgres:
            urls["PostgreSQL"] = args.postgres
        ok = True
        for name, url in urls.items():
            score, first, again, results = run(url)
            for result in results:
                if result.precision < 1:
                    print(f"  {name} {result.id}: {result.precision:.2f} offered {result.offered} relevant {result.relevant}")
            print(f"{name}: precision@3 {score:.3f} over {len(results)} profiles; import {first * 1000:.0f} ms, "
                  f"re-import (unchanged) {again * 1000:.0f} ms")
            ok = ok and score >= args.min
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
