"""Alembic environment: the URL comes from `bot.store.db.migrate` (or DATABASE_URL)."""
from alembic import context

from bot import config as settings
from bot.store.db import make_engine
import bot.directory.models  # noqa: F401 - registers the directory tables on Base
from bot.store.models import Base

target_metadata = Base.metadata


def run_migrations() -> None:
    url = context.config.get_main_option("sqlalchemy.url") or settings.database_url()
    if context.is_offline_mode():
        context.configure(url=url, target_metadata=target_metadata, literal_binds=True)
        with context.begin_transaction():
            context.run_migrations()
        return
    # The engine as the service makes it (its connect events set SQLite's pragmas and
    # let SQLAlchemy learn the server version, which batch migrations need), closed after.
    engine = make_engine(url)
    with engine.connect() as connection:
        context.configure(
            connection=connection,
            target_metadata=target_metadata,
            render_as_batch=connection.dialect.name == "sqlite",
        )
        with context.begin_transaction():
            context.run_migrations()
    engine.dispose()


run_migrations()
