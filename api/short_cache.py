"""What a request read from the database, kept for a few seconds by the process that read it.

A hot read-only path (``POST /v1/score``) read the same few rows on every request: the key and
its organisation, the risk data and screening lists in force. A ``ShortCache`` keeps them for
``seconds``: another process's change is seen within that bound, and one made through the ORM
by this process at once (a flush touching any of the ``watched`` models empties the cache).
"""

from __future__ import annotations

import threading
import time
import weakref
from collections.abc import Callable
from typing import Any, Generic, TypeVar

from sqlalchemy import event
from sqlalchemy.orm import Session

K = TypeVar("K")
V = TypeVar("V")


class ShortCache(Generic[K, V]):
    def __init__(
        self,
        seconds: float,
        watched: tuple[type, ...],
        *,
        max_entries: int = 10_000,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.seconds = seconds
        self.watched = watched
        self.max_entries = max_entries
        self.clock = clock
        self._entries: dict[K, tuple[float, V]] = {}
        _register(self)

    def get(self, key: K) -> V | None:
        entry = self._entries.get(key)
        if entry is None:
            return None
        if self.clock() >= entry[0]:
            self._entries.pop(key, None)
            return None
        return entry[1]

    def put(self, key: K, value: V) -> None:
        if len(self._entries) >= self.max_entries:
            self._entries.clear()  # past this many the cache starts again empty
        self._entries[key] = (self.clock() + self.seconds, value)

    def clear(self) -> None:
        self._entries.clear()


_lock = threading.Lock()
_caches: weakref.WeakSet[ShortCache[Any, Any]] = weakref.WeakSet()


def _register(cache: ShortCache[Any, Any]) -> None:
    with _lock:
        _caches.add(cache)


@event.listens_for(Session, "after_flush")
def _forget_what_was_written(session: Session, _context: Any) -> None:
    changed = {type(instance) for instance in (*session.new, *session.dirty, *session.deleted)}
    if not changed:
        return
    with _lock:
        caches = list(_caches)
    for cache in caches:
        if any(issubclass(kind, cache.watched) for kind in changed):
            cache.clear()
