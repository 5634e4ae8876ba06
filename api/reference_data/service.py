"""The risk-data version in force: recorded in the database, loaded once per process."""

from __future__ import annotations

import threading
from importlib import resources
from pathlib import Path

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from api.events.service import record_event
from models import Organisation, RiskDataVersion
from models.base import utcnow
from risk_data.loader import bundled_versions, load_risk_data
from risk_data.types import RiskData


def bundled_path(version: str) -> Path:
    return Path(str(resources.files("risk_data") / "data" / version))


class RiskDataStore:
    """Process-wide cache of loaded versions; which one is in force is read from the database,
    so every API replica and worker agrees after ``flrisk risk-data load``."""

    def __init__(self) -> None:
        self._loaded: dict[tuple[str, str | None], RiskData] = {}
        self._lock = threading.Lock()

    def get(self, version: str, source_dir: str | None) -> RiskData:
        key = (version, source_dir)
        data = self._loaded.get(key)
        if data is None:
            with self._lock:
                path = Path(source_dir) if source_dir else bundled_path(version)
                data = self._loaded.setdefault(key, load_risk_data(path))
        return data

    def in_force(self, session: Session) -> RiskData:
        row = session.execute(
            select(RiskDataVersion.version, RiskDataVersion.source_dir).where(
                RiskDataVersion.in_force.is_(True)
            )
        ).first()
        if row is None:
            # Nothing loaded yet (a fresh database): the newest bundled version is in force.
            return self.get(bundled_versions()[-1], None)
        return self.get(row.version, row.source_dir)


def version_row(session: Session, version: str) -> RiskDataVersion | None:
    return session.get(RiskDataVersion, version)


def in_force_row(session: Session) -> RiskDataVersion | None:
    return session.scalars(
        select(RiskDataVersion).where(RiskDataVersion.in_force.is_(True))
    ).one_or_none()


def load_version(
    session: Session, source_dir: Path | None = None, actor: str = "cli"
) -> tuple[RiskDataVersion, bool]:
    """Validate a version folder (default: the newest bundled one) and put it in force.

    Returns the row and whether anything changed; loading the version already in force is a
    no-op. The change is recorded in every organisation's event chain.
    """
    path = source_dir.resolve() if source_dir else None
    data = load_risk_data(path)  # raises RiskDataError naming the file and row
    stored_dir = str(path) if path else None
    current = in_force_row(session)
    if current is not None and current.version == data.version and current.source_dir == stored_dir:
        return current, False
    before = {"version": current.version} if current else None
    session.execute(update(RiskDataVersion).values(in_force=False))
    row = version_row(session, data.version)
    manifest = {
        "version": data.version,
        "sources": [
            {
                "id": s.id,
                "title": s.title,
                "publisher": s.publisher,
                "year": s.year,
                "file": s.file,
                "sha256": s.sha256,
                "url": s.url,
            }
            for s in data.sources
        ],
    }
    if row is None:
        row = RiskDataVersion(version=data.version, manifest=manifest)
        session.add(row)
    row.source_dir, row.manifest, row.in_force = stored_dir, manifest, True
    row.loaded_at, row.loaded_by = utcnow(), actor
    session.flush()
    for organisation_id in session.scalars(select(Organisation.id)):
        record_event(
            session,
            organisation_id=organisation_id,
            entity_type="risk_data_version",
            entity_id=data.version,
            action="risk_data.loaded",
            actor=actor,
            before=before,
            after={"version": data.version, "source_dir": stored_dir},
        )
    session.commit()
    return row, True
