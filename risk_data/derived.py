"""Values derived from one risk-data version (indexes, memos), built once and kept on it.

Every consumer of a ``RiskData`` that indexes it (country and goods lookups, the engine's
context cache, the upload reader's memo) asks here, keyed by the function that builds the
value. The value lives in ``data.derived``, so it goes when the version goes, and a reloaded
version never reuses another's answers (which an ``id()``-keyed table could, once an id is
reused).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TypeVar, cast

from risk_data.types import RiskData

T = TypeVar("T")
_LOCK = threading.Lock()


def derived(data: RiskData, build: Callable[[RiskData], T]) -> T:
    """``build(data)``, computed once per data version (thread-safe)."""
    value = data.derived.get(build)
    if value is None:
        with _LOCK:
            value = data.derived.get(build)
            if value is None:
                value = data.derived[build] = build(data)
    return cast(T, value)
