"""Only a unique-key race is a "retry is safe" conflict; other integrity errors are bugs."""

from __future__ import annotations

import pytest
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError

from models import Organisation
from models.database import Database
from models.integrity import is_unique_violation


def _error(database: Database, statement: str) -> IntegrityError:
    with database.session() as session:
        session.add(Organisation(name="Twice"))
        session.commit()
        with pytest.raises(IntegrityError) as caught:
            session.execute(text(statement))
        session.rollback()
    return caught.value


def test_a_duplicate_key_is_a_unique_violation(database: Database) -> None:
    error = _error(
        database,
        "INSERT INTO organisations (id, name, score_threshold, case_due_days, created_at) "
        "SELECT id, name, score_threshold, case_due_days, created_at FROM organisations",
    )
    assert is_unique_violation(error)


def test_a_missing_required_value_is_not(database: Database) -> None:
    error = _error(database, "UPDATE organisations SET name = NULL")
    assert not is_unique_violation(error)
