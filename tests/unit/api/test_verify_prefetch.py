"""The verify walk reads PostgreSQL through a fetching thread; it must hand over every row in
order, raise the fetch's error where the rows are read, and stop the thread when the walk
stops early at a broken link (a leaked thread would hold the connection)."""

from __future__ import annotations

import threading
from typing import Any

import pytest

from api.events import verify


def _fetch_from(rows: list[int]) -> Any:
    position = 0

    def fetch(size: int) -> list[tuple[Any, ...]]:
        nonlocal position
        batch = rows[position : position + size]
        position += len(batch)
        return [(row,) for row in batch]

    return fetch


def _fetcher_threads() -> list[threading.Thread]:
    return [t for t in threading.enumerate() if t.name == "flrisk-verify-fetch"]


def test_every_row_arrives_in_order() -> None:
    rows = list(range(3 * verify._BATCH + 17))
    assert [row for (row,) in verify._prefetched(_fetch_from(rows))] == rows
    assert _fetcher_threads() == []


def test_a_walk_that_stops_early_stops_the_fetcher() -> None:
    walk = verify._prefetched(_fetch_from(list(range(50 * verify._BATCH))))
    assert next(walk) == (0,)
    walk.close()  # what returning at a broken link does to the generator
    assert _fetcher_threads() == []


def test_a_failed_fetch_is_raised_to_the_reader() -> None:
    def fetch(size: int) -> list[tuple[Any, ...]]:
        raise ConnectionError("server closed the connection")

    with pytest.raises(ConnectionError, match="server closed"):
        list(verify._prefetched(fetch))
    assert _fetcher_threads() == []
