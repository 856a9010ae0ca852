"""The SQL store: models, the database connection, the repository and the record.

Imports nothing from Rasa. Nothing connects at import time: call `get_store()`.
"""
from bot.store.db import Store, get_store, migrate

__all__ = ["Store", "get_store", "migrate"]
