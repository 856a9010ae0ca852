"""Per-turn latency of the REST channel: one user, sequential, a complete interview.

    python scripts/latency.py [--model models/current.tar.gz] [--rounds 5]

Starts the real servers (`python -m bot serve`) on free ports and a throw-away
SQLite database, sends the scripted conversation `--rounds` times, and reports the
median and 95th percentile per turn. The baseline, measured in the same run, is
Rasa's `GET /` (HTTP round trip with no NLU, policy or action work); the ratio
turn/baseline is the figure to compare between machines.
"""
from __future__ import annotations

import argparse
import json
import os
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

CONVERSATION = [
    "hello", "yes", "For myself", "Call me Maggie", "my garden, my dog Bella and seeing my grandson", "no",
    "why are you asking?", "My neighbour Pat pops in every day", "no", "I can't manage the stairs any more", "no",
    "I'm a good listener", "no", "my daughter Sarah, we have coffee on Sundays", "yes", "no",
    "the Tuesday lunch club", "no", "I'd like to get back to swimming", "3", "8", "no",
    "take the bus into town on my own", "my son worries I will get lost", "having the bus times on my phone",
    "no", "yes", "no",
]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _post(url: str, sender: str, text: str) -> list:
    body = json.dumps({"sender": sender, "message": text}).encode()
    request = urllib.request.Request(url, body, {"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=60) as response:
        return json.loads(response.read())


def _percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(fraction * (len(ordered) - 1))))]


def measure(model: Path, rounds: int) -> dict:
    with tempfile.TemporaryDirectory(prefix="latency-") as tmp:
        url = f"sqlite:///{Path(tmp) / 'latency.db'}"
        env = {**os.environ, "DATABASE_URL": url, "RASA_TELEMETRY_ENABLED": "false"}
        subprocess.run([sys.executable, "-m", "bot", "db", "upgrade"], cwd=ROOT, env=env, check=True,
                       capture_output=True)
        rasa_port, action_port, gateway_port = _free_port(), _free_port(), _free_port()
        log = open(Path(tmp) / "serve.log", "w+")
        server = subprocess.Popen([sys.executable, "-m", "bot", "serve", "--model", str(model),
                                   "--rasa-port", str(rasa_port), "--action-port", str(action_port),
                                   "--port", str(gateway_port)],
                                  cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
        try:
            deadline = time.monotonic() + 300
            while "ready." not in Path(log.name).read_text():
                if server.poll() is not None or time.monotonic() > deadline:
                    raise SystemExit("servers did not start:\n" + Path(log.name).read_text()[-3000:])
                time.sleep(0.5)
            webhook = f"http://127.0.0.1:{rasa_port}/webhooks/rest/webhook"
            _post(webhook, "warm-up", "hello")
            turns, baseline = [], []
            for round_number in range(rounds):
                sender = f"latency-{uuid.uuid4().hex[:8]}"
                for text in CONVERSATION:
                    started = time.perf_counter()
                    urllib.request.urlopen(f"http://127.0.0.1:{rasa_port}/", timeout=10).read()
                    baseline.append(time.perf_counter() - started)
                    started = time.perf_counter()
                    replies = _post(webhook, sender, text)
                    turns.append(time.perf_counter() - started)
                    if not replies:
                        raise SystemExit(f"no reply to {text!r} in round {round_number}")
        finally:
            server.send_signal(signal.SIGINT)
            server.wait(timeout=60)
    return {
        "turns": len(turns),
        "median_ms": statistics.median(turns) * 1000,
        "p95_ms": _percentile(turns, 0.95) * 1000,
        "baseline_median_ms": statistics.median(baseline) * 1000,
        "ratio": statistics.median(turns) / statistics.median(baseline),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--model", type=Path, default=ROOT / "models" / "current.tar.gz")
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    result = measure(args.model, args.rounds)
    print(f"{result['turns']} turns: median {result['median_ms']:.0f} ms, p95 {result['p95_ms']:.0f} ms; "
          f"baseline GET / median {result['baseline_median_ms']:.1f} ms; ratio {result['ratio']:.1f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
