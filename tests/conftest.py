"""Shared fixtures: databases (SQLite always, PostgreSQL when reachable), the store,
Rasa SDK trackers and dispatchers.

PostgreSQL tests skip with a printed reason when no server answers, unless
SBC_REQUIRE_POSTGRES=1 (set by .ci/run), which turns the skip into a failure.
Each test gets its own freshly migrated database and drops it afterwards.
"""
from __future__ import annotations

import os
import uuid
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Iterator, Optional

import pytest
import sqlalchemy as sa

from bot.store import db as store_db
from bot.store import migrate

PG_ADMIN_URL = os.environ.get("SBC_TEST_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/postgres")


def _postgres_available() -> Optional[str]:
    """None if PostgreSQL answers, else the reason it does not."""
    try:
        engine = sa.create_engine(PG_ADMIN_URL, connect_args={"connect_timeout": 3})
        with engine.connect() as connection:
            connection.execute(sa.text("SELECT 1"))
        engine.dispose()
        return None
    except Exception as error:  # noqa: BLE001 - any failure means "not available"
        return f"PostgreSQL not reachable at {PG_ADMIN_URL}: {error.__class__.__name__}: {str(error)[:200]}"


def require_postgres() -> None:
    reason = _postgres_available()
    if reason is None:
        return
    if os.environ.get("SBC_REQUIRE_POSTGRES") == "1":
        pytest.fail(f"SBC_REQUIRE_POSTGRES=1 but {reason}")
    print(f"SKIP: {reason}")
    pytest.skip(reason)


def create_postgres_database() -> tuple[str, callable]:
    """A new, uniquely named PostgreSQL database; returns its URL and a dropper."""
    require_postgres()
    name = f"sbc_test_{uuid.uuid4().hex[:12]}"
    admin = sa.create_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(sa.text(f'CREATE DATABASE "{name}"'))
    url = sa.engine.make_url(PG_ADMIN_URL).set(database=name).render_as_string(hide_password=False)

    def drop() -> None:
        store_db.get_store.cache_clear()
        with admin.connect() as connection:
            connection.execute(
                sa.text("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = :n AND pid <> pg_backend_pid()"),
                {"n": name},
            )
            connection.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}"'))
        admin.dispose()

    return url, drop


@contextmanager
def migrated_database(kind: str, directory: Path) -> Iterator[str]:
    """The URL of a new, migrated database: a SQLite file in `directory`, or a
    uniquely named PostgreSQL database that is dropped afterwards."""
    if kind == "sqlite":
        url = f"sqlite:///{directory / 'test.db'}"
        migrate(url)
        yield url
        return
    url, drop = create_postgres_database()
    try:
        migrate(url)
        yield url
    finally:
        drop()


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request, tmp_path):
    """A freshly migrated database URL: SQLite file, then PostgreSQL."""
    with migrated_database(request.param, tmp_path) as url:
        yield url


@pytest.fixture
def sqlite_url(tmp_path):
    url = f"sqlite:///{tmp_path / 'test.db'}"
    migrate(url)
    return url


@pytest.fixture
def store(database_url):
    """A `Store` on each database."""
    instance = store_db.Store(database_url)
    yield instance
    instance.dispose()


@pytest.fixture
def active_store(sqlite_url, monkeypatch):
    """Point `DATABASE_URL` (and so `get_store()`) at a fresh SQLite database, as the
    action server would see it."""
    monkeypatch.setenv("DATABASE_URL", sqlite_url)
    store_db.get_store.cache_clear()
    yield store_db.get_store()
    store_db.get_store().dispose()
    store_db.get_store.cache_clear()


@pytest.fixture
def dispatcher():
    from rasa_sdk.executor import CollectingDispatcher

    return CollectingDispatcher()


@pytest.fixture
def make_tracker():
    """Build a rasa_sdk Tracker for one user message, as the action server gets it."""
    from rasa_sdk import Tracker

    def build(
        text: str,
        intent: str = "inform",
        sender_id: str = "person-1",
        message_id: Optional[str] = None,
        entities: Optional[list[dict[str, Any]]] = None,
        slots: Optional[dict[str, Any]] = None,
        safety: Optional[dict[str, Any]] = None,
    ) -> Tracker:
        latest = {
            "text": text,
            "intent": {"name": intent, "confidence": 1.0},
            "entities": entities or [],
            "message_id": message_id or uuid.uuid4().hex,
            **({"safety": safety} if safety else {}),  # what the NLU pipeline's detector found
        }
        return Tracker(
            sender_id=sender_id,
            slots={"answer": None, "requested_slot": "answer", "stage": None, "erased": None, **(slots or {})},
            latest_message=latest,
            events=[],
            paused=False,
            followup_action=None,
            active_loop={"name": "interview_form"},
            latest_action_name="action_listen",
        )

    return build


def pytest_terminal_summary(terminalreporter):
    """Print the figures tests recorded with tests.reports.add."""
    from tests import reports

    if reports.LINES:
        terminalreporter.section("figures measured by the tests")
        for line in reports.LINES:
            terminalreporter.write_line(line)
