"""Intent macro-F1 of the trained model on the held-out test set; fails below a minimum.

    python scripts/nlu_f1.py [--model models/current.tar.gz] [--min 0.90]

The held-out utterances (tests/nlu/heldout.yml) are not in the training data and are
written in other styles: short, rambling, misspelt, British idiom.
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def evaluate(model: Path, heldout: Path) -> dict:
    with tempfile.TemporaryDirectory(prefix="nlu-f1-") as out:
        command = [str(Path(sys.executable).with_name("rasa")), "test", "nlu", "--nlu", str(heldout),
                   "--model", str(model), "--out", out]
        result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True,
                                env={**os.environ, "RASA_TELEMETRY_ENABLED": "false"})
        if result.returncode != 0:
            raise SystemExit(f"rasa test nlu failed ({result.returncode}):\n{result.stderr[-3000:]}")
        report = json.loads((Path(out) / "intent_report.json").read_text())
        errors_file = Path(out) / "intent_errors.json"
        errors = json.loads(errors_file.read_text()) if errors_file.exists() else []
    return {"report": report, "errors": errors}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--model", type=Path, default=ROOT / "models" / "current.tar.gz")
    parser.add_argument("--heldout", type=Path, default=ROOT / "tests" / "nlu" / "heldout.yml")
    parser.add_argument("--min", type=float, default=0.90, help="minimum intent macro-F1")
    args = parser.parse_args()
    if not args.model.exists():
        print(f"no model at {args.model}: run 'make train' first", file=sys.stderr)
        return 2
    result = evaluate(args.model, args.heldout)
    report = result["report"]
    macro = report["macro avg"]["f1-score"]
    for intent, scores in sorted(report.items()):
        if isinstance(scores, dict) and "support" in scores and "avg" not in intent:
            print(f"  {intent:20s} f1={scores['f1-score']:.3f}  n={scores['support']}")
    for error in result["errors"]:
        print(f"  miss: {error['text']!r}: {error['intent']} -> {error['intent_prediction']['name']}")
    print(f"intent macro-F1 {macro:.3f} (accuracy {report['accuracy']:.3f}, minimum {args.min:.2f})")
    return 0 if macro >= args.min else 1


if __name__ == "__main__":
    sys.exit(main())
