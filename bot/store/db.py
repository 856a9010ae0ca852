"""The database connection, created on first use from `DATABASE_URL`."""
from __future__ import annotations

from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path
from typing import Iterator, Optional

import sqlalchemy as sa
from sqlalchemy.orm import Session, sessionmaker

from bot import config

MIGRATIONS = Path(__file__).resolve().parent.parent / "migrations"


# Every statement must finish well inside Rasa's 60 s conversation lock, so that a
# stuck database gives the person an apology instead of a silent, dropped turn.
STATEMENT_TIMEOUT_SECONDS = 10


def make_engine(url: str) -> sa.engine.Engine:
    """An engine for `url`. SQLite gets WAL, a busy timeout and foreign keys, because
    the Rasa server and the action server write to the same file; PostgreSQL gets
    connect and statement timeouts."""
    if url.startswith("sqlite"):
        engine = sa.create_engine(url, connect_args={"timeout": STATEMENT_TIMEOUT_SECONDS}, future=True)

        @sa.event.listens_for(engine, "connect")
        def _sqlite_pragmas(dbapi_connection, _record):
            cursor = dbapi_connection.cursor()
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute(f"PRAGMA busy_timeout={STATEMENT_TIMEOUT_SECONDS * 1000}")
            cursor.close()

        return engine
    connect_args = {}
    if url.startswith("postgresql"):
        connect_args = {"connect_timeout": 5, "options": f"-c statement_timeout={STATEMENT_TIMEOUT_SECONDS * 1000}"}
    return sa.create_engine(url, pool_pre_ping=True, future=True, connect_args=connect_args)


def migrate(url: Optional[str] = None, revision: str = "head") -> None:
    """Bring the database at `url` up to `revision` with Alembic."""
    from alembic import command
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.set_main_option("sqlalchemy.url", (url or config.database_url()).replace("%", "%%"))
    command.upgrade(cfg, revision)


class Store:
    """A handle on one database. Repository functions take the `Session` it opens."""

    def __init__(self, url: str):
        self.url = url
        self.engine = make_engine(url)
        self._sessions = sessionmaker(self.engine, expire_on_commit=False, future=True)

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """One unit of work: committed when the block ends, rolled back on error."""
        with self._sessions() as session:
            with session.begin():
                yield session

    def ping(self) -> None:
        """Raise if the database cannot be reached."""
        with self.engine.connect() as connection:
            connection.execute(sa.text("SELECT 1"))

    def dispose(self) -> None:
        self.engine.dispose()


@lru_cache(maxsize=None)
def get_store(url: Optional[str] = None) -> Store:
    """The process-wide store for `url` (default: `DATABASE_URL`)."""
    return Store(url or config.database_url())
