"""Real headless Chromium (Debian's /usr/bin/chromium, driven by Playwright) against
the real gateway, Rasa server and action server; axe-core checks every page."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.servers import ROOT, running_servers

CHROMIUM = os.environ.get("SBC_CHROMIUM", "/usr/bin/chromium")
AXE = ROOT / "web" / "node_modules" / "axe-core" / "axe.min.js"
# As the machine's notes advise: no background traffic from a closed sandbox.
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]
WCAG_22_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


@pytest.fixture(scope="module")
def browser():
    """Module scope: Playwright's sync API runs an event loop of its own, which must
    be closed before the asyncio tests of other modules run."""
    if not Path(CHROMIUM).exists():
        pytest.fail(f"no Chromium at {CHROMIUM}: run 'make browser' (make test does it)")
    if not AXE.exists():
        pytest.fail(f"no axe-core at {AXE}: run 'make install'")
    from playwright.sync_api import expect, sync_playwright

    expect.set_options(timeout=20_000)  # a busy 2-core machine runs Rasa, the gateway and Chromium
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="module")
def servers(tmp_path_factory):
    from bot.store import migrate

    url = f"sqlite:///{tmp_path_factory.mktemp('browser') / 'browser.db'}"
    migrate(url)
    yield from running_servers(url, tmp_path_factory.mktemp("logs"))


@pytest.fixture
def site(servers):
    return f"http://127.0.0.1:{servers.gateway_port}"


def new_page(browser, javascript: bool = True, bypass_csp: bool = True):
    """A page in a fresh context (its own cookies). axe is injected as a script,
    which the strict CSP would block, so checks run with the CSP bypassed; a
    separate test loads every page with the CSP enforced."""
    context = browser.new_context(java_script_enabled=javascript, bypass_csp=bypass_csp, locale="en-GB")
    context.set_default_timeout(20_000)
    return context.new_page()


def axe_violations(page) -> list[dict]:
    """axe-core's WCAG 2.2 AA violations on the page as it is now."""
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.add_script_tag(content=AXE.read_text(encoding="utf-8"))
    result = page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_22_AA)
    return [{"id": v["id"], "impact": v["impact"], "help": v["help"],
             "nodes": [n["target"] for n in v["nodes"]][:5]} for v in result["violations"]]
