"""Bytes transferred for the first page (the start page), as a new visitor gets it.

    python scripts/page_weight.py

Starts only the web gateway (the start page needs no Rasa) on a free port with a
throw-away database, loads / in Debian's headless Chromium with an empty cache, and
adds up what went over the wire (headers and bodies) for every request.
"""
from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> int:
    from playwright.sync_api import sync_playwright

    from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    with tempfile.TemporaryDirectory() as tmp:
        env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp}/weight.db"}
        subprocess.run([sys.executable, "-m", "bot", "db", "upgrade"], cwd=ROOT, env=env, check=True,
                       capture_output=True)
        gateway = subprocess.Popen([sys.executable, "-m", "bot", "gateway", "--port", str(port)], cwd=ROOT, env=env,
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            for _ in range(100):
                try:
                    urllib.request.urlopen(f"http://127.0.0.1:{port}/api/openapi.yaml", timeout=1)
                    break
                except OSError:
                    time.sleep(0.2)
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
                page = browser.new_page()
                requests = []
                page.on("requestfinished", lambda request: requests.append(request))
                page.goto(f"http://127.0.0.1:{port}/", wait_until="networkidle")
                rows = []
                for request in requests:
                    sizes = request.sizes()
                    rows.append((sizes["responseBodySize"] + sizes["responseHeadersSize"], request.url))
                browser.close()
        finally:
            gateway.send_signal(signal.SIGINT)
            gateway.wait(timeout=30)
    for size, url in sorted(rows, reverse=True):
        print(f"{size:>9,} B  {url.split(str(port), 1)[-1]}")
    print(f"{sum(size for size, _ in rows):>9,} B  in {len(rows)} requests (first visit, empty cache, as sent: GOV.UK assets gzip-compressed, pages not, against BREACH)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
