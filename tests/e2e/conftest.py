"""Fixtures for the end-to-end tests: a migrated database (SQLite, then PostgreSQL
as in production) and the real servers on it, per test module."""
from __future__ import annotations

import pytest

from tests.conftest import migrated_database
from tests.servers import running_servers


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def database_url(request, tmp_path_factory):
    """The embedded SQLite default, then PostgreSQL as in production."""
    with migrated_database(request.param, tmp_path_factory.mktemp("e2e")) as url:
        yield url


@pytest.fixture(scope="module")
def servers(database_url, tmp_path_factory):
    yield from running_servers(database_url, tmp_path_factory.mktemp("logs"))
