"""Organisations (tenants) are created by operators through the CLI."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from api.errors import ProblemError
from models import Organisation


def create_organisation(session: Session, name: str, score_threshold: float = 60.0) -> Organisation:
    name = name.strip()
    if not name:
        raise ProblemError("bad-request", "An organisation needs a name.")
    organisation = Organisation(name=name, score_threshold=score_threshold)
    session.add(organisation)
    try:
        session.commit()
    except IntegrityError:
        session.rollback()
        raise ProblemError("conflict", f"An organisation named '{name}' already exists.") from None
    return organisation


def get_by_name(session: Session, name: str) -> Organisation:
    organisation = session.scalars(
        select(Organisation).where(Organisation.name == name.strip())
    ).one_or_none()
    if organisation is None:
        raise ProblemError("not-found", f"No organisation named '{name}'.")
    return organisation
