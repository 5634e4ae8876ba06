"""The screening lists in force, as one ``ListIndex`` per process.

Building the index reads every party in force (10k parties take well under a second), so it
is kept and rebuilt only when the set of versions in force changes: each request asks the
database which versions are in force (one small query) and replicas never disagree for
longer than a request.
"""

from __future__ import annotations

import threading
import uuid

from sqlalchemy import select
from sqlalchemy.orm import Session

from models import ScreeningListEntity, ScreeningListVersion
from risk_data.screening_lists import ListEntity, ScreeningList
from screening.lists import ListIndex

_lock = threading.Lock()
_cached: tuple[tuple[uuid.UUID, ...], ListIndex] | None = None


def versions_in_force(session: Session) -> list[ScreeningListVersion]:
    return list(
        session.scalars(
            select(ScreeningListVersion)
            .where(ScreeningListVersion.in_force.is_(True))
            .order_by(ScreeningListVersion.dataset, ScreeningListVersion.id)
        )
    )


def screening_list_of(session: Session, version: ScreeningListVersion) -> ScreeningList:
    rows = session.scalars(
        select(ScreeningListEntity)
        .where(ScreeningListEntity.version_id == version.id)
        .order_by(ScreeningListEntity.entity_id)
    )
    return ScreeningList(
        dataset=version.dataset,
        title=version.title,
        publisher=version.publisher,
        format="ftm" if version.format == "ftm" else "cbp_csv",
        source=version.source,
        published=version.published,
        sha256=version.sha256,
        entities=tuple(entity_of(row) for row in rows),
    )


def entity_of(row: ScreeningListEntity) -> ListEntity:
    return ListEntity(
        entity_id=row.entity_id,
        schema=row.schema,
        name=row.name,
        aliases=tuple(row.aliases or ()),
        country=row.country,
        program=row.program,
        start_date=row.start_date,
        in_force=row.in_force,
        owners=tuple(row.owners or ()),
        order=row.order,
        sector=row.sector,
        notes=row.notes,
        source_url=row.source_url,
    )


def current_index(session: Session) -> ListIndex:
    """The index of every list version in force now."""
    global _cached
    versions = versions_in_force(session)
    key = tuple(v.id for v in versions)
    cached = _cached
    if cached is not None and cached[0] == key:
        return cached[1]
    with _lock:
        if _cached is not None and _cached[0] == key:
            return _cached[1]
        index = ListIndex(screening_list_of(session, v) for v in versions)
        _cached = (key, index)
        return index
