"""Running an import job: the task ``imports.process``, generic over ``HANDLERS``.

One transaction per job. The file streams through in chunks of ``CHUNK_ROWS``; each chunk is
parsed row by row and its good rows handed to the handler's ``write`` (bulk statements) in
the job's transaction, which commits once, together with the job's final counts, when every
chunk is in. Anything that stops the job part-way (a malformed CSV found late, a crash, a
database error) rolls the whole job back: the registry is as it was, the job is ``failed``
with a ``problem``, and its dedupe key is released so the same file can be uploaded again.
A job interrupted by a dead worker wrote nothing, so re-running it from the start is safe.

Progress: ``validating`` while the header is read, then ``running`` with ``rows_processed``
and counts so far committed after each chunk from a second connection on PostgreSQL. SQLite
allows one writer at a time and the job's transaction holds it, so there progress is shown
at the start and at the end only.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import asdict
from typing import Any

import structlog
from sqlalchemy import insert, update
from sqlalchemy.orm import Session

from api.assessments.rescore import run_waiting_downstream
from api.errors import PROBLEM_TYPES
from api.imports.handlers import HANDLERS, ImportContext, ImportCounts, ImportHandler
from api.reference_data.service import RiskDataStore
from ingest.reading import RowError, UploadRejected, open_table
from models import ImportFile, ImportJob, ImportRowError
from models.base import utcnow
from models.database import Database

log = structlog.get_logger("api.imports")

CHUNK_ROWS = 5_000
# Row errors kept per job; a file past this is broken as a whole and its first errors say why.
MAX_ERRORS_KEPT = 250_000
_RISK_DATA = RiskDataStore()


def problem(code: str, detail: str, status: int = 422, **extensions: Any) -> dict[str, Any]:
    kind = PROBLEM_TYPES["upload-rejected" if status == 422 else "internal-error"]
    return {
        "type": kind.uri,
        "title": kind.title,
        "status": status,
        "detail": detail,
        "code": code,
        **extensions,
    }


class _JobFailed(Exception):
    def __init__(self, problem: dict[str, Any]) -> None:
        super().__init__(problem["detail"])
        self.problem = problem


def run_import(database: Database, job_id: str) -> None:
    """The task: process one queued job. Records its own outcome; never raises for a bad file."""
    import api.imports.kinds  # noqa: F401  # registers every handler

    job_uuid = uuid.UUID(job_id)
    with database.session() as session:
        job = session.get(ImportJob, job_uuid)
        if job is None or job.status not in ("queued", "validating", "running"):
            return  # done already (a queue may deliver twice)
        job.status, job.started_at = "validating", utcnow()
        session.commit()
    try:
        _process(database, job_uuid)
    except Exception as exc:  # recorded on the job; the registry was rolled back
        log.exception("import_failed", job_id=job_id)
        _fail(
            database,
            job_uuid,
            problem(
                "internal_error",
                f"The import stopped unexpectedly ({type(exc).__name__}); "
                "nothing was written. Retry, or report the job id.",
                status=500,
            ),
            [],
            None,
        )


def _process(database: Database, job_id: uuid.UUID) -> None:
    with database.session() as session:
        job = session.get_one(ImportJob, job_id)
        content = session.get_one(ImportFile, job_id).content
        data = _RISK_DATA.in_force(session)
        handler = HANDLERS[job.kind]
        options = dict(job.options or {})
        context = ImportContext(
            organisation_id=job.organisation_id,
            actor=job.created_by,
            job_id=job.id,
            data=data,
            dry_run=job.dry_run,
            counts=ImportCounts(),
            mode=job.mode,
        )
        mode, dry_run = job.mode, job.dry_run
    try:
        table = open_table(
            content,
            filename=job.filename,
            sheet=options.get("sheet"),
            column_map=options.get("column_map"),
            fields=handler.fields,
            max_bytes=len(content) + 1,
            chunk_rows=CHUNK_ROWS,
        )
    except UploadRejected as exc:
        _fail(database, job_id, problem(exc.code, exc.detail), [], None)
        return
    with database.session() as side:
        side.execute(
            update(ImportJob)
            .where(ImportJob.id == job_id)
            .values(status="running", file_format=table.format)
        )
        side.commit()
    live_progress = database.dialect != "sqlite"
    errors: list[RowError] = []
    rows = 0
    error_rows: set[int] = set()
    with database.session() as work:
        try:
            with table:
                for chunk in table.iter_chunks():
                    rows += len(chunk)
                    good: list[tuple[Any, Any]] = []
                    for raw in chunk:
                        parsed = handler.parse(raw, data)
                        if isinstance(parsed, list):
                            error_rows.add(raw.row_number)
                            _keep(errors, parsed)
                        else:
                            good.append((raw, parsed))
                    if mode == "all_or_nothing" and error_rows:
                        continue  # keep reading to report every bad row; nothing will be kept
                    late = handler.write(work, good, context)
                    # A warning keeps its row: it is neither rejected nor fails all-or-nothing.
                    error_rows.update(e.row for e in late if not e.warning)
                    _keep(errors, late)
                    context.counts.rejected = len(error_rows)
                    if live_progress:
                        _progress(database, job_id, rows, context.counts)
            context.counts.rejected = len(error_rows)
            if mode == "all_or_nothing" and error_rows:
                work.rollback()
                raise _JobFailed(
                    problem(
                        "row_errors",
                        f"{len(error_rows):,} of {rows:,} rows have errors and the import was "
                        "all-or-nothing; nothing was written. See the job's errors.",
                        rows_with_errors=len(error_rows),
                    )
                )
            finish = getattr(handler, "finish", None)
            if finish is not None:
                _keep(errors, finish(work, context))
        except UploadRejected as exc:  # a malformed CSV found part-way
            work.rollback()
            _fail(database, job_id, problem(exc.code, exc.detail), errors, rows)
            return
        except _JobFailed as exc:
            _fail(database, job_id, exc.problem, errors, rows, context.counts)
            return
        except Exception:
            work.rollback()
            raise
        if dry_run:
            work.rollback()  # the counts say what would have happened; nothing stays
            with database.session() as session:
                _complete(session, job_id, rows, context.counts, errors, table.warnings)
                session.commit()
            return
        _complete(work, job_id, rows, context.counts, errors, table.warnings)
        work.commit()
    # Buyers downstream of what the import changed (new supply links, a supplier's own flags)
    # are re-scored now it has committed, each batch as its own job with its own report.
    run_waiting_downstream(database, context.organisation_id)


def _keep(errors: list[RowError], new: Sequence[RowError]) -> None:
    room = MAX_ERRORS_KEPT - len(errors)
    if room > 0:
        errors.extend(new[:room])


def _progress(database: Database, job_id: uuid.UUID, rows: int, counts: ImportCounts) -> None:
    with database.session() as side:
        side.execute(
            update(ImportJob)
            .where(ImportJob.id == job_id)
            .values(rows_processed=rows, **asdict(counts))
        )
        side.commit()


def _store_errors(session: Session, job_id: uuid.UUID, errors: Sequence[RowError]) -> None:
    if errors:
        session.execute(
            insert(ImportRowError),
            [
                {
                    "job_id": job_id,
                    "row": e.row,
                    "column": e.column,
                    "value": e.value,
                    "message": e.message,
                }
                for e in errors
            ],
        )


def _complete(
    session: Session,
    job_id: uuid.UUID,
    rows: int,
    counts: ImportCounts,
    errors: Sequence[RowError],
    warnings: Sequence[str],
) -> None:
    _store_errors(session, job_id, errors)
    job = session.get_one(ImportJob, job_id, populate_existing=True)
    job.status, job.finished_at = "completed", utcnow()
    job.rows_total = job.rows_processed = rows
    for name, value in asdict(counts).items():
        setattr(job, name, value)
    if warnings:
        job.options = {**(job.options or {}), "warnings": list(warnings)}


def _fail(
    database: Database,
    job_id: uuid.UUID,
    failure: dict[str, Any],
    errors: Sequence[RowError],
    rows: int | None,
    counts: ImportCounts | None = None,
) -> None:
    with database.session() as session:
        _store_errors(session, job_id, errors)
        job = session.get_one(ImportJob, job_id, populate_existing=True)
        job.status, job.finished_at, job.problem = "failed", utcnow(), failure
        job.dedupe_key = None  # the same file may be uploaded again once fixed
        zero = ImportCounts(rejected=counts.rejected if counts else 0)
        for name, value in asdict(zero).items():
            setattr(job, name, value)
        if rows is not None:
            job.rows_total = job.rows_processed = rows
        session.commit()


__all__ = ["CHUNK_ROWS", "ImportHandler", "run_import"]
