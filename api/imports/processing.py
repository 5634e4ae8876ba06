"""Running an import job: the task ``imports.process``, generic over ``HANDLERS``.

The file streams through in chunks of ``CHUNK_ROWS``; each chunk is parsed row by row and its
good rows handed to the handler's ``write`` (bulk statements, events appended under the
organisation's chain-head lock).

* ``upsert`` and ``replace``: each chunk commits on its own, with its row errors and the
  job's progress (``rows_processed`` and the counts so far), so no write transaction lasts
  longer than one chunk and other requests (another organisation's, the same one's
  reviewers) are never held behind a long import. What a job has written is always what its
  row says: ``rows_processed`` rows, in file order, with their counts. A job that stops
  part-way (a malformed CSV found late, a crash, a database error, a lost worker) is
  ``failed`` with a ``problem`` that says how many rows were written (``written_rows``, 0
  when none) and that the rest were not; the chunk it was in rolled back whole. Uploading
  the same file again is then safe: rows with an external_ref find their supplier and leave
  it unchanged.
* ``all_or_nothing`` and dry runs: one transaction for the whole job, committed once (or
  rolled back), as the client asked: nothing is written unless everything is.

Progress: ``validating`` while the header is read, then ``running`` with ``rows_processed``
and counts, committed with each chunk (in one-transaction mode from a second connection on
PostgreSQL; SQLite allows one writer at a time and the job's transaction holds it, so there
progress is shown at the start and at the end only).
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field, replace
from typing import Any

import structlog
from sqlalchemy import insert, update
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

from api.assessments.rescore import run_waiting_downstream
from api.errors import PROBLEM_TYPES
from api.imports.handlers import HANDLERS, ImportContext, ImportCounts, ImportHandler
from api.jobs.collector import bulk_job, settle
from api.reference_data.service import RiskDataStore
from ingest.reading import RowError, UploadRejected, open_table
from models import ImportFile, ImportJob, ImportRowError
from models.base import utcnow
from models.database import Database

log = structlog.get_logger("api.imports")

CHUNK_ROWS = 5_000
# Row errors kept per job; a file past this is broken as a whole and its first errors say why.
MAX_ERRORS_KEPT = 250_000
# How long a failed job keeps trying to record its failure while the database is away.
RECORD_FAILURE_SECONDS = 120.0
_RISK_DATA = RiskDataStore()


_PROBLEM_SLUGS = {422: "upload-rejected", 503: "queue-unavailable"}


def problem(code: str, detail: str, status: int = 422, **extensions: Any) -> dict[str, Any]:
    kind = PROBLEM_TYPES[_PROBLEM_SLUGS.get(status, "internal-error")]
    return {
        "type": kind.uri,
        "title": kind.title,
        "status": status,
        "detail": detail,
        "code": code,
        **extensions,
    }


# A job this run may still change; any other status was set by someone else (the reaper).
LIVE_STATUSES = ("validating", "running")


class _Superseded(Exception):
    """The job was taken from this run (reaped as abandoned): stop, and change nothing."""


class _JobFailed(Exception):
    def __init__(self, problem: dict[str, Any]) -> None:
        super().__init__(problem["detail"])
        self.problem = problem


@dataclass
class _Written:
    """What a job has committed so far (chunked mode), to say so if it stops."""

    rows: int = 0
    through_row: int = 0  # the file row number of the last row committed
    counts: ImportCounts = field(default_factory=ImportCounts)
    errors_stored: int = 0  # errors[:errors_stored] are in the database

    def said(self) -> str:
        if not self.rows:
            return "nothing was written"
        c = self.counts
        return (
            f"the first {self.rows:,} rows (through row {self.through_row:,}) were written "
            f"and stay (created {c.created:,}, updated {c.updated:,}, unchanged "
            f"{c.unchanged:,}, merged {c.merged:,}); nothing after them was. Uploading the "
            "file again is safe for rows with an external_ref: they are found and left as "
            "they are"
        )


def run_import(database: Database, job_id: str) -> None:
    """The task: process one queued job. Records its own outcome; never raises for a bad file."""
    import api.imports.kinds  # noqa: F401  # registers every handler

    job_uuid = uuid.UUID(job_id)
    if not claim(database, job_uuid):
        return  # another delivery has it, or it is finished: a queue may deliver twice
    written = _Written()
    try:
        with bulk_job():
            _process(database, job_uuid, written)
    except _Superseded:  # the chunk in progress was rolled back; the job says what stays
        log.warning("import_superseded", job_id=job_id)
    except Exception as exc:  # recorded on the job; the chunk in progress was rolled back
        log.exception("import_failed", job_id=job_id)
        _fail(
            database,
            job_uuid,
            problem(
                "internal_error",
                f"The import stopped unexpectedly ({type(exc).__name__}); "
                f"{written.said()}. Retry, or report the job id.",
                status=500,
                written_rows=written.rows,
            ),
            [],
            None,
            written,
        )


def claim(database: Database, job_id: uuid.UUID) -> bool:
    """Take a queued job for this run: one ``UPDATE ... WHERE status = 'queued'``, so of two
    deliveries (a queue's redelivery, a second worker) exactly one wins, and a job already
    running, completed or failed is left as it is."""
    with database.session() as session:
        done = session.execute(
            update(ImportJob)
            .where(ImportJob.id == job_id, ImportJob.status == "queued")
            .values(status="validating", started_at=utcnow())
        )
        session.commit()
    return bool(getattr(done, "rowcount", 0) == 1)


def _process(database: Database, job_id: uuid.UUID, written: _Written) -> None:
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
    chunked = mode != "all_or_nothing" and not dry_run
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
        _fail(database, job_id, problem(exc.code, exc.detail, written_rows=0), [], None)
        return
    with database.session() as side:
        started = side.execute(
            update(ImportJob)
            .where(ImportJob.id == job_id, ImportJob.status == "validating")
            .values(status="running", file_format=table.format)
        )
        side.commit()
    if getattr(started, "rowcount", 0) != 1:
        table.close()
        raise _Superseded()
    live_progress = database.dialect != "sqlite" and not chunked
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
                    if chunked:
                        _commit_chunk(
                            work, job_id, rows, chunk[-1].row_number, context, errors, written
                        )
                    elif live_progress:
                        _progress(database, job_id, rows, context.counts)
                    settle()
            context.counts.rejected = len(error_rows)
            if mode == "all_or_nothing" and error_rows:
                work.rollback()
                raise _JobFailed(
                    problem(
                        "row_errors",
                        f"{len(error_rows):,} of {rows:,} rows have errors and the import was "
                        "all-or-nothing; nothing was written. See the job's errors.",
                        rows_with_errors=len(error_rows),
                        written_rows=0,
                    )
                )
            finish = getattr(handler, "finish", None)
            if finish is not None:
                _keep(errors, finish(work, context))
        except UploadRejected as exc:  # a malformed CSV found part-way
            work.rollback()
            _fail(
                database,
                job_id,
                problem(exc.code, f"{exc.detail} ({written.said()}.)", written_rows=written.rows),
                errors[written.errors_stored :],
                rows,
                written,
            )
            return
        except _JobFailed as exc:
            _fail(database, job_id, exc.problem, errors, rows, _Written(counts=context.counts))
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
        _complete(
            work, job_id, rows, context.counts, errors[written.errors_stored :], table.warnings
        )
        work.commit()
    # Buyers downstream of what the import changed (new supply links, a supplier's own flags)
    # are re-scored now it has committed, each batch as its own job with its own report.
    run_waiting_downstream(database, context.organisation_id)


def _commit_chunk(
    work: Session,
    job_id: uuid.UUID,
    rows: int,
    through_row: int,
    context: ImportContext,
    errors: list[RowError],
    written: _Written,
) -> None:
    """Commit the chunk just written with its row errors and the job's progress."""
    _store_errors(work, job_id, errors[written.errors_stored :])
    progress = work.execute(
        update(ImportJob)
        .where(ImportJob.id == job_id, ImportJob.status == "running")
        .values(rows_processed=rows, **asdict(context.counts))
    )
    if getattr(progress, "rowcount", 0) != 1:
        work.rollback()  # reaped meanwhile: this chunk is not written, as its row says
        raise _Superseded()
    work.commit()
    written.rows, written.through_row = rows, through_row
    written.counts = replace(context.counts)
    written.errors_stored = len(errors)


def _keep(errors: list[RowError], new: Sequence[RowError]) -> None:
    room = MAX_ERRORS_KEPT - len(errors)
    if room > 0:
        errors.extend(new[:room])


def _progress(database: Database, job_id: uuid.UUID, rows: int, counts: ImportCounts) -> None:
    with database.session() as side:
        side.execute(
            update(ImportJob)
            .where(ImportJob.id == job_id, ImportJob.status == "running")
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
    job = session.get_one(ImportJob, job_id, populate_existing=True, with_for_update=True)
    if job.status not in LIVE_STATUSES:
        raise _Superseded()
    _store_errors(session, job_id, errors)
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
    written: _Written | None = None,
) -> None:
    """Mark the job failed. Its counts are what stays written (``written``: the chunks
    committed; none in one-transaction mode), but ``rejected``, which counts rows read.

    A job that failed because the database went away tries again until it is back (up to
    ``RECORD_FAILURE_SECONDS``), so the job says failed, with what it wrote, rather than
    running until the reaper's hour is up."""
    deadline = time.monotonic() + RECORD_FAILURE_SECONDS
    pause = 0.5
    while True:
        try:
            _record_failure(database, job_id, failure, errors, rows, written)
            return
        except OperationalError:
            if time.monotonic() + pause > deadline:
                raise
            log.warning("import_failure_not_recorded_yet", job_id=str(job_id), retry_in=pause)
            time.sleep(pause)
            pause = min(pause * 2, 10.0)


def _record_failure(
    database: Database,
    job_id: uuid.UUID,
    failure: dict[str, Any],
    errors: Sequence[RowError],
    rows: int | None,
    written: _Written | None,
) -> None:
    with database.session() as session:
        job = session.get_one(ImportJob, job_id, populate_existing=True, with_for_update=True)
        if job.status not in LIVE_STATUSES:
            return  # finished or reaped by someone else: its outcome stands
        _store_errors(session, job_id, errors)
        job.status, job.finished_at, job.problem = "failed", utcnow(), failure
        job.dedupe_key = None  # the same file may be uploaded again once fixed
        kept = written.counts if written is not None and written.rows else ImportCounts()
        rejected = written.counts.rejected if written is not None else 0
        for name, value in asdict(replace(kept, rejected=rejected)).items():
            setattr(job, name, value)
        if rows is not None:
            job.rows_total = job.rows_processed = rows
        if written is not None and written.rows:
            job.rows_processed = written.rows  # the checkpoint: rows written
        session.commit()


__all__ = ["CHUNK_ROWS", "ImportHandler", "run_import"]
