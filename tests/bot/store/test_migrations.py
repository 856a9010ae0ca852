"""The Alembic migrations build exactly the schema the models describe."""
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from bot.store import db as store_db
from bot.store.models import Base


def test_migrated_schema_matches_models(database_url):
    engine = store_db.make_engine(database_url)
    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": False})
        differences = [d for d in compare_metadata(context, Base.metadata)
                       if not (d[0] == "remove_table" and d[1].name == "events")
                       and not (d[0] == "remove_index" and d[1].table.name == "events")]
    engine.dispose()
    assert differences == []


def test_migrating_twice_changes_nothing(database_url):
    store_db.migrate(database_url)  # already at head: must be a no-op
