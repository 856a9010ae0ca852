"""The real servers for end-to-end tests: `python -m bot serve` on free ports."""
from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from bot.directory.sample import SAMPLE_FEED as SAMPLE_DIRECTORY

ROOT = Path(__file__).resolve().parent.parent
MODEL = ROOT / "models" / "current.tar.gz"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Servers:
    """`python -m bot serve` on free ports and a given database."""

    def __init__(self, database_url: str, log: Path):
        self.database_url = database_url
        self.log = log
        self.process = None

    def start(self) -> "Servers":
        self.rasa_port, self.action_port, self.gateway_port = free_port(), free_port(), free_port()
        # Tests send far more than a person would; the limit itself is tested on its own.
        env = {**os.environ, "DATABASE_URL": self.database_url, "SBC_REQUESTS_PER_MINUTE": "100000"}
        offset = len(self.log.read_text()) if self.log.exists() else 0
        self.process = subprocess.Popen(
            [sys.executable, "-m", "bot", "serve", "--model", str(MODEL),
             "--rasa-port", str(self.rasa_port), "--action-port", str(self.action_port),
             "--port", str(self.gateway_port)],
            cwd=ROOT, env=env, stdout=self.log.open("a"), stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 240
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                pytest.fail(f"servers exited with {self.process.returncode}:\n{self.log.read_text()[-4000:]}")
            if "ready." in self.log.read_text()[offset:]:
                return self
            time.sleep(1)
        pytest.fail(f"servers not ready in time:\n{self.log.read_text()[-4000:]}")

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)
            assert self.process.wait(timeout=60) == 0, self.log.read_text()[-3000:]

    def say(self, sender: str, text: str) -> list[str]:
        body = json.dumps({"sender": sender, "message": text}).encode()
        request = urllib.request.Request(f"http://127.0.0.1:{self.rasa_port}/webhooks/rest/webhook", body,
                                         {"Content-Type": "application/json"})
        with urllib.request.urlopen(request, timeout=60) as response:
            replies = [reply.get("text", "") for reply in json.loads(response.read())]
        assert replies, f"no reply to {text!r}"
        return replies

    def api(self, method: str, path: str, body=None, token: str | None = None, raw: bytes | None = None,
            headers: dict | None = None) -> tuple[int, dict | None, dict]:
        """Call the web gateway: (status, JSON body or None, response headers)."""
        data = raw if raw is not None else (json.dumps(body).encode() if body is not None else None)
        request = urllib.request.Request(f"http://127.0.0.1:{self.gateway_port}{path}", data=data, method=method)
        request.add_header("Content-Type", "application/json")
        if token:
            request.add_header("Authorization", f"Bearer {token}")
        for name, value in (headers or {}).items():
            request.add_header(name, value)
        try:
            with urllib.request.urlopen(request, timeout=60) as response:
                status, payload, got = response.status, response.read(), dict(response.headers)
        except urllib.error.HTTPError as error:
            status, payload, got = error.code, error.read(), dict(error.headers)
        try:
            parsed = json.loads(payload) if payload else None
        except json.JSONDecodeError:
            parsed = None
        return status, parsed, got


def running_servers(database_url: str, logs: Path):
    """Start the servers for a test module and stop them afterwards (a generator for
    a module-scoped fixture)."""
    if not MODEL.exists():
        pytest.fail(f"no trained model at {MODEL}: run 'make train' (make test does it)")
    running = Servers(database_url, logs / "serve.log").start()
    yield running
    running.stop()




def servers_with_the_sample_directory(tmp_path_factory, name: str):
    """running_servers on a fresh SQLite database holding the sample directory and its phrases."""
    from bot.directory.sample import import_sample
    from bot.store import Store, migrate

    url = f"sqlite:///{tmp_path_factory.mktemp(name) / 'links.db'}"
    migrate(url)
    store = Store(url)
    feed, phrases = import_sample(store)
    assert feed.rejected == [] and phrases.rejected == []
    store.dispose()
    yield from running_servers(url, tmp_path_factory.mktemp("logs"))
