"""The Alembic migrations build exactly the schema the models describe."""
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from bot.store import db as store_db
import bot.directory.models  # noqa: F401 - the directory's tables are on Base too
from bot.store.models import Base

# Kept outside the models on purpose: Rasa's events table, and the full-text search
# structures (an FTS5 table on SQLite, an expression index on PostgreSQL).
NOT_MODELLED = ("events", "directory_search", "ix_directory_services_search")


def test_migrated_schema_matches_models(database_url):
    engine = store_db.make_engine(database_url)
    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": False})
        differences = [d for d in compare_metadata(context, Base.metadata) if not _not_modelled(d)]
    engine.dispose()
    assert differences == []


def test_migrating_twice_changes_nothing(database_url):
    store_db.migrate(database_url)  # already at head: must be a no-op


def _not_modelled(difference) -> bool:
    kind, thing = difference[0], difference[1]
    if kind == "remove_table":
        return thing.name.startswith(NOT_MODELLED)
    if kind == "remove_index":
        return thing.table.name.startswith(NOT_MODELLED) or (thing.name or "").startswith(NOT_MODELLED)
    return False
