"""Loading a screening-list version: the operator's file into the registry's shared tables.

A version is a file of one dataset (its sha256 names it); loading the same file again
changes nothing. The newest loaded version of a dataset is the one in force, the others are
kept (stored hits and assessments name the version they came from).
"""

from __future__ import annotations

import uuid
from pathlib import Path

from sqlalchemy import select, update
from sqlalchemy.orm import Session

import risk_data
from models import ScreeningListEntity, ScreeningListVersion
from models.bulk import append_rows
from risk_data.screening_lists import ScreeningList

_ENTITIES = ScreeningListEntity.metadata.tables[ScreeningListEntity.__tablename__]
# Real entries typed from the public lists, for tests and the demo (provenance in its README).
LIST_FIXTURES = Path(risk_data.__file__).parent / "data" / "lists"


def store_version(
    session: Session, screening_list: ScreeningList, *, actor: str
) -> tuple[ScreeningListVersion, bool]:
    """The stored version of ``screening_list``, put in force; and whether it is new. The
    caller commits (and then rescreens the registry)."""
    existing = session.scalars(
        select(ScreeningListVersion).where(
            ScreeningListVersion.dataset == screening_list.dataset,
            ScreeningListVersion.sha256 == screening_list.sha256,
        )
    ).first()
    session.execute(
        update(ScreeningListVersion)
        .where(ScreeningListVersion.dataset == screening_list.dataset)
        .values(in_force=False)
    )
    if existing is not None:
        existing.in_force = True
        session.flush()
        return existing, False
    version = ScreeningListVersion(
        dataset=screening_list.dataset,
        version=screening_list.version,
        title=screening_list.title,
        publisher=screening_list.publisher,
        format=screening_list.format,
        source=screening_list.source[:500],
        published=screening_list.published,
        sha256=screening_list.sha256,
        entity_count=len(screening_list.entities),
        in_force_count=len(screening_list.in_force),
        in_force=True,
        loaded_by=actor,
    )
    session.add(version)
    session.flush()
    rows = [
        {
            "id": uuid.uuid4(),
            "version_id": version.id,
            "entity_id": e.entity_id,
            "schema": e.schema,
            "name": e.name,
            "aliases": list(e.aliases),
            "country": e.country,
            "program": e.program,
            "start_date": e.start_date,
            "in_force": e.in_force,
            "owners": list(e.owners),
            "order": e.order,
            "sector": e.sector,
            "notes": e.notes,
            "source_url": e.source_url,
        }
        for e in screening_list.entities
    ]
    if rows:
        append_rows(session, _ENTITIES, rows)
    return version, True
