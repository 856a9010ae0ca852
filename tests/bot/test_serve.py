"""`python -m bot serve` reports a child that dies instead of hiding it."""
import socket
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_a_crashed_child_is_reported_and_everything_stops():
    with socket.socket() as taken:  # the action server cannot bind a port in use
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        busy = taken.getsockname()[1]
        ports = []
        for _ in range(2):
            with socket.socket() as spare:
                spare.bind(("127.0.0.1", 0))
                ports.append(spare.getsockname()[1])
        rasa_port, gateway_port = ports
        result = subprocess.run(
            [sys.executable, "-m", "bot", "serve", "--model", str(ROOT / "models" / "current.tar.gz"),
             "--rasa-port", str(rasa_port), "--action-port", str(busy), "--port", str(gateway_port)],
            cwd=ROOT, capture_output=True, text=True, timeout=240)
    assert result.returncode == 1
    assert "ERROR: the action server exited with code" in result.stderr
