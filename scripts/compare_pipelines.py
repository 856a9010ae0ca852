"""Compare NLU pipelines and policies on training time, held-out F1 and turn latency.

    python scripts/compare_pipelines.py [--rounds 2]

Candidates: the chosen config.yml (logistic regression, RulePolicy), the same with
DIET instead of logistic regression, and DIET with TED and memoization added to the
rules. Each is trained from scratch in the same run, so the ratios against the
chosen config are comparable even on a busy machine. Prints a Markdown table.
"""
from __future__ import annotations

import argparse
import copy
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
import latency  # noqa: E402
import nlu_f1  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent


def candidates() -> dict[str, dict]:
    chosen = yaml.safe_load((ROOT / "config.yml").read_text())
    diet = copy.deepcopy(chosen)
    diet["pipeline"] = [
        {"name": "DIETClassifier", "epochs": 100, "constrain_similarities": True}
        if step["name"] == "LogisticRegressionClassifier" else step
        for step in diet["pipeline"]
    ]
    diet_ted = copy.deepcopy(diet)
    diet_ted["policies"] = [{"name": "RulePolicy"}, {"name": "MemoizationPolicy"},
                            {"name": "TEDPolicy", "max_history": 5, "epochs": 100, "constrain_similarities": True}]
    return {"chosen: LogReg + RulePolicy": chosen, "DIET + RulePolicy": diet, "DIET + RulePolicy + TED": diet_ted}


def train(config: dict, directory: Path) -> tuple[Path, float]:
    config_file = directory / "config.yml"
    config_file.write_text(yaml.safe_dump(config))
    started = time.perf_counter()
    subprocess.run([str(Path(sys.executable).with_name("rasa")), "train", "--config", str(config_file),
                    "--out", str(directory), "--fixed-model-name", "model", "--force"],
                   cwd=ROOT, check=True, capture_output=True, env={**os.environ, "RASA_TELEMETRY_ENABLED": "false"})
    return directory / "model.tar.gz", time.perf_counter() - started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args()
    rows = []
    for name, config in candidates().items():
        with tempfile.TemporaryDirectory(prefix="compare-") as tmp:
            print(f"training {name} ...", file=sys.stderr, flush=True)
            model, seconds = train(config, Path(tmp))
            print(f"evaluating {name} ...", file=sys.stderr, flush=True)
            report = nlu_f1.evaluate(model, ROOT / "tests" / "nlu" / "heldout.yml")["report"]
            turns = latency.measure(model, args.rounds)
            rows.append((name, seconds, report["macro avg"]["f1-score"], turns["median_ms"], turns["p95_ms"]))
    base_train, base_latency = rows[0][1], rows[0][3]
    print("| configuration | training time | vs chosen | held-out intent macro-F1 | turn median | turn p95 | vs chosen |")
    print("|---|---|---|---|---|---|---|")
    for name, seconds, f1, median, p95 in rows:
        print(f"| {name} | {seconds:.0f} s | {seconds / base_train:.1f}x | {f1:.3f} | {median:.0f} ms | "
              f"{p95:.0f} ms | {median / base_latency:.2f}x |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
