"""`python -m bot serve`: run the action server, the Rasa server and the web gateway.

All listen on 127.0.0.1 only. The command waits until all answer, prints the address
to open, stops them cleanly on Ctrl-C, and if any child dies it says which one and
with what exit code, then stops the others: a crash is never hidden.
"""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import yaml

from bot import config

HOST = "127.0.0.1"


def _bin(name: str) -> str:
    return str(Path(sys.executable).with_name(name))


def write_endpoints(action_port: int, directory: Path) -> Path:
    """endpoints.yml with the action server URL on `action_port`."""
    endpoints = yaml.safe_load((config.ROOT / "endpoints.yml").read_text())
    endpoints["action_endpoint"]["url"] = f"http://{HOST}:{action_port}/webhook"
    path = directory / "endpoints.yml"
    path.write_text(yaml.safe_dump(endpoints))
    return path


def commands(model: str, rasa_port: int, action_port: int, endpoints: Path, gateway_port: int
             ) -> list[tuple[str, list[str], str]]:
    """(name, command, readiness URL) of each child."""
    return [
        ("action server", [_bin("rasa"), "run", "actions", "--actions", "actions", "-p", str(action_port)],
         f"http://{HOST}:{action_port}/health"),
        ("Rasa server", [_bin("rasa"), "run", "--model", model, "-i", HOST, "-p", str(rasa_port),
                         "--endpoints", str(endpoints), "--credentials", str(config.ROOT / "credentials.yml")],
         f"http://{HOST}:{rasa_port}/"),
        ("web gateway", [sys.executable, "-m", "bot", "gateway", "--host", HOST, "--port", str(gateway_port),
                         "--rasa-url", f"http://{HOST}:{rasa_port}", "--action-url", f"http://{HOST}:{action_port}"],
         f"http://{HOST}:{gateway_port}/api/openapi.yaml"),
    ]


def _ready(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return response.status == 200
    except OSError:
        return False


def _stop(children: list[tuple[str, subprocess.Popen]]) -> None:
    for _name, child in children:
        if child.poll() is None:
            child.send_signal(signal.SIGTERM)
    deadline = time.monotonic() + 15
    for _name, child in children:
        try:
            child.wait(timeout=max(0.1, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            child.kill()
            child.wait()


def serve(model: str, rasa_port: int = 5005, action_port: int = 5055, gateway_port: int = 8000,
          startup_timeout: float = 180) -> int:
    env = {**os.environ, "SANIC_HOST": HOST, "RASA_TELEMETRY_ENABLED": "false"}
    with tempfile.TemporaryDirectory(prefix="sbc-run-") as tmp:
        endpoints = write_endpoints(action_port, Path(tmp))
        children: list[tuple[str, subprocess.Popen]] = []
        stopping = False

        def on_signal(signum, _frame):
            nonlocal stopping
            stopping = True

        signal.signal(signal.SIGINT, on_signal)
        signal.signal(signal.SIGTERM, on_signal)
        specs = commands(model, rasa_port, action_port, endpoints, gateway_port)
        for name, command, _url in specs:
            # A session of their own: Ctrl-C reaches only this process, which then
            # stops the children in order instead of racing them.
            children.append((name, subprocess.Popen(command, cwd=config.ROOT, env=env, start_new_session=True)))
        print(f"starting the action server on {HOST}:{action_port}, Rasa on {HOST}:{rasa_port} and the web "
              f"gateway on {HOST}:{gateway_port} (database: {config.database_url()})", flush=True)
        pending = {name: url for name, _command, url in specs}
        started = time.monotonic()
        while not stopping:
            for name, child in children:
                if child.poll() is not None:
                    print(f"ERROR: the {name} exited with code {child.returncode}; stopping.", file=sys.stderr, flush=True)
                    _stop(children)
                    return 1
            for name, url in list(pending.items()):
                if _ready(url):
                    del pending[name]
                    if not pending:
                        print(f"ready. Open http://{HOST}:{gateway_port}/ in a browser "
                              f"(Ctrl-C here stops everything).", flush=True)
            if pending and time.monotonic() - started > startup_timeout:
                print(f"ERROR: not ready after {startup_timeout:.0f}s: {', '.join(pending)}", file=sys.stderr)
                _stop(children)
                return 1
            time.sleep(0.5)
        print("stopping...", flush=True)
        _stop(children)
        print("stopped.", flush=True)
        return 0
