"""Per-client rate limiting: at most `limit` hits per `window` seconds per key.

In memory, so it is per gateway process; one gateway process serves a council's
traffic comfortably (see README). A sliding log per key, pruned as it goes.
"""
from __future__ import annotations

import time
from collections import deque
from typing import Callable

from aiohttp import web


class RateLimited(Exception):
    """Too many requests from this client; try again after `retry_after` seconds."""

    def __init__(self, retry_after: int):
        super().__init__(retry_after)
        self.retry_after = retry_after


def client_key(request: web.Request) -> str:
    """Who is asking: the peer address (the gateway is not behind a trusted proxy)."""
    return request.remote or "unknown"


class RateLimiter:
    def __init__(self, limit: int, window: float, clock: Callable[[], float] = time.monotonic):
        self.limit = limit
        self.window = window
        self.clock = clock
        self._hits: dict[str, deque] = {}

    def _recent(self, key: str) -> deque:
        now = self.clock()
        hits = self._hits.setdefault(key, deque())
        while hits and hits[0] <= now - self.window:
            hits.popleft()
        if len(self._hits) > 10_000:  # forget idle clients
            for idle in [k for k, v in self._hits.items() if not v and k != key]:
                del self._hits[idle]
        return hits

    def allow(self, key: str) -> bool:
        """Count a hit for `key`; False if it is over the limit."""
        hits = self._recent(key)
        if len(hits) >= self.limit:
            return False
        hits.append(self.clock())
        return True

    def blocked(self, key: str) -> bool:
        """Over the limit, without counting a hit."""
        return len(self._recent(key)) >= self.limit

    def retry_after(self, key: str) -> int:
        hits = self._recent(key)
        return max(1, int(hits[0] + self.window - self.clock()) + 1) if hits else 0
