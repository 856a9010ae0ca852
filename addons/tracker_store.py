"""The SQL tracker store on `DATABASE_URL`, the same database as the conversation store.

It differs from Rasa's `SQLTrackerStore` in one way: when an action has erased a
conversation (slot `erased`), saving the tracker deletes the sender's events instead
of writing them back. Without this, Rasa would re-insert every event of the
conversation right after the erasure, because it saves the tracker it holds in memory.
"""
from __future__ import annotations

from typing import Any, Optional

from rasa.core.brokers.broker import EventBroker
from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.domain import Domain
from rasa.shared.core.trackers import DialogueStateTracker

from bot import config


class ConversationTrackerStore(SQLTrackerStore):
    def __init__(
        self,
        domain: Optional[Domain] = None,
        event_broker: Optional[EventBroker] = None,
        host: Optional[str] = None,
        **kwargs: Any,
    ) -> None:
        # A full URL as `host` is used as it is by SQLTrackerStore.get_db_url.
        super().__init__(domain=domain, event_broker=event_broker, host=config.database_url(), **kwargs)

    async def save(self, tracker: DialogueStateTracker) -> None:
        if tracker.get_slot("erased"):
            with self.session_scope() as session:
                session.query(self.SQLEvent).filter(self.SQLEvent.sender_id == tracker.sender_id).delete()
                session.commit()
            return
        await super().save(tracker)
