"""Errors the engine raises for input it cannot score. Never a silent default (SPEC 6)."""

from __future__ import annotations

import difflib
from collections.abc import Iterable


class UnknownReferenceError(ValueError):
    """A country, sector or indicator code the risk data does not know."""

    def __init__(self, kind: str, value: str, accepted: Iterable[str]) -> None:
        choices = sorted(accepted)
        close = difflib.get_close_matches(value, choices, n=1, cutoff=0.6)
        hint = f" Did you mean {close[0]!r}?" if close else ""
        shown = ", ".join(choices[:40]) + (" ..." if len(choices) > 40 else "")
        super().__init__(f"Unknown {kind} {value!r}.{hint} Accepted values: {shown}")
        self.kind = kind
        self.value = value
        self.closest = close[0] if close else None
