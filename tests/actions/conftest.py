"""Fixtures for the action tests only: fixed council details and retention days, so
the exact wording the actions send does not depend on council.yml or the environment."""
from __future__ import annotations

import pytest

from tests.actions.helpers import COUNCIL


@pytest.fixture(autouse=True)
def fixed_council(tmp_path, monkeypatch):
    path = tmp_path / "council.yml"
    path.write_text("".join(f'{key}: "{value}"\n' for key, value in COUNCIL.items()), encoding="utf-8")
    monkeypatch.setenv("SBC_COUNCIL_FILE", str(path))
    for key in COUNCIL:
        monkeypatch.delenv(f"SBC_COUNCIL_{key.upper()}", raising=False)
    monkeypatch.setenv("SBC_RETENTION_DAYS", "30")
    return path


@pytest.fixture
def break_store(monkeypatch):
    """Call it to make every store the actions open fail, as a database that is down."""
    import actions.common

    def broken():
        raise RuntimeError("database is down")

    return lambda: monkeypatch.setattr(actions.common, "get_store", broken)
