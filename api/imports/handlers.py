"""One handler per upload kind (``suppliers``, ``audits``, ``findings``, evidence tables).

The import job runner (``api.imports.processing``) reads the file with
``ingest.reading.open_table(..., fields=handler.fields)``, streams chunks of ``RawRow``,
asks the handler to parse each row into a typed record or row errors, and hands each chunk
of good records to ``write`` inside the job's transaction. Handlers register themselves in
``HANDLERS`` by kind.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from sqlalchemy.orm import Session

from ingest.reading.errors import RowError
from ingest.reading.fields import FieldSpec
from ingest.reading.table import RawRow
from risk_data.types import RiskData


@dataclass
class ImportCounts:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    merged: int = 0
    proposed: int = 0
    rejected: int = 0


@dataclass
class ImportContext:
    """What a handler may use while writing: the tenant, the actor, the data in force, and a
    place for per-job state (e.g. an index of suppliers already seen in this upload)."""

    organisation_id: uuid.UUID
    actor: str  # the uploading key's prefix
    job_id: uuid.UUID
    data: RiskData
    dry_run: bool
    counts: ImportCounts
    # upsert / all_or_nothing: empty cells leave stored values as they are; replace: an
    # empty cell clears the stored value of a supplier the row names.
    mode: str = "upsert"
    state: dict[str, Any] = field(default_factory=dict)


class ImportHandler(Protocol):
    kind: str
    fields: FieldSpec

    def parse(self, row: RawRow, data: RiskData) -> Any | list[RowError]:
        """A typed record, or the row's errors (row, column as the user wrote it, value, why)."""

    def write(
        self, session: Session, records: Sequence[tuple[RawRow, Any]], context: ImportContext
    ) -> list[RowError]:
        """Write one chunk (no commit: the runner owns the transaction) and update
        ``context.counts``; return errors found only now (e.g. an unknown supplier ref)."""


HANDLERS: dict[str, ImportHandler] = {}


def register_handler(handler: ImportHandler) -> None:
    HANDLERS[handler.kind] = handler


class FinishingHandler(ImportHandler, Protocol):
    """A handler with work to do once every chunk is written (still inside the job's
    transaction), e.g. linking rows to parents that came later in the file. The runner calls
    ``finish`` when a handler has it; what it returns is reported with the row errors but
    does not reject rows that were already written."""

    def finish(self, session: Session, context: ImportContext) -> list[RowError]: ...
