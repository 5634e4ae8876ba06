"""Telling a unique-key race from other integrity errors, on both engines.

A unique violation means another writer took the same key first (the next event number in
a chain, an external ref): the transaction was rolled back and retrying is safe. A foreign
key, NOT NULL or CHECK violation is a bug or bad data, and retrying changes nothing.
"""

from __future__ import annotations

from sqlalchemy.exc import IntegrityError

_UNIQUE_VIOLATION = "23505"  # SQLSTATE (PostgreSQL)


def is_unique_violation(exc: IntegrityError) -> bool:
    original = exc.orig
    if getattr(original, "sqlstate", None) == _UNIQUE_VIOLATION:
        return True
    # sqlite3 raises IntegrityError with the constraint in the message.
    message = str(original)
    return message.startswith("UNIQUE constraint failed")
