"""Accepting uploads as jobs (idempotently), and reading jobs and their row errors back."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from api.errors import ProblemError, invalid_field
from api.exports.cells import escape_text
from api.imports.handlers import HANDLERS
from api.imports.processing import problem
from api.imports.schemas import ImportCountsOut, ImportJobOut, RowErrorOut
from api.jobs.queue import JOB_TIMEOUT_SECONDS, JobQueue, QueueUnavailable
from ingest.reading import UploadRejected, open_table
from models import ImportFile, ImportJob, ImportRowError
from models.base import utcnow

TASK = "imports.process"
# No job may run longer (the queue stops it); one still unfinished after that lost its worker.
ABANDONED_AFTER = timedelta(seconds=JOB_TIMEOUT_SECONDS)


@dataclass(frozen=True)
class UploadOptions:
    kind: str
    dry_run: bool
    mode: str
    sheet: str | None
    column_map: dict[str, str] | None

    def canonical(self) -> str:
        return json.dumps(
            {
                "kind": self.kind,
                "mode": self.mode,
                "sheet": self.sheet,
                "column_map": self.column_map,
            },
            sort_keys=True,
            separators=(",", ":"),
            ensure_ascii=False,
        )


def parse_column_map(text: str | None) -> dict[str, str] | None:
    if text is None or not text.strip():
        return None
    try:
        value = json.loads(text)
    except ValueError:
        raise invalid_field(
            "/column_map",
            'column_map must be a JSON object, e.g. {"Partner": "name", "Origin": "country"}',
        ) from None
    if not isinstance(value, dict) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in value.items()
    ):
        raise invalid_field(
            "/column_map", "column_map must map header text to field names (strings)"
        )
    return value


def check_kind(kind: str) -> None:
    import api.imports.kinds  # noqa: F401  # registers every handler

    if kind not in HANDLERS:
        raise invalid_field(
            "/kind", f"unknown kind {kind!r}; accepted: {', '.join(sorted(HANDLERS))}"
        )


def read_upload(stream: Any, max_bytes: int) -> bytes:
    content: bytes = stream.read(max_bytes + 1)
    if len(content) > max_bytes:
        raise ProblemError(
            "payload-too-large",
            f"The file is larger than {max_bytes:,} bytes; split it, or ask an administrator "
            "to raise FLRISK_MAX_UPLOAD_BYTES.",
            max_bytes=max_bytes,
        )
    return content


def dedupe_key(organisation_id: uuid.UUID, sha256: str, options: UploadOptions) -> str:
    material = f"{organisation_id}|{sha256}|{options.canonical()}"
    return hashlib.sha256(material.encode()).hexdigest()


def _check_header(content: bytes, filename: str, options: UploadOptions, max_bytes: int) -> None:
    """Refuse an unreadable file at once (422) rather than as a failed job: type, encoding,
    archive safety, header and at least one data row are all checked before anything is
    queued. Only an unclosed CSV quote can still fail the job later."""
    try:
        table = open_table(
            content,
            filename=filename,
            sheet=options.sheet,
            column_map=options.column_map,
            fields=HANDLERS[options.kind].fields,
            max_bytes=max_bytes,
        )
    except UploadRejected as exc:
        if exc.code == "file_too_large":
            raise ProblemError("payload-too-large", exc.detail) from exc
        raise ProblemError("upload-rejected", exc.detail, code=exc.code) from exc
    table.close()


def submit_import(
    session: Session,
    queue: JobQueue,
    *,
    organisation_id: uuid.UUID,
    actor: str,
    content: bytes,
    filename: str,
    options: UploadOptions,
    max_bytes: int,
) -> tuple[ImportJob, bool]:
    """The job for this upload and whether it is new. The same bytes with the same kind and
    options, already imported or importing, give back the earlier job (a dry run never counts
    and is never reused)."""
    check_kind(options.kind)
    sha256 = hashlib.sha256(content).hexdigest()
    key = None if options.dry_run else dedupe_key(organisation_id, sha256, options)
    if key is not None:
        existing = session.scalars(select(ImportJob).where(ImportJob.dedupe_key == key)).first()
        if existing is not None and not reap_if_abandoned(session, existing):
            return existing, False
    _check_header(content, filename, options, max_bytes)
    job = ImportJob(
        id=uuid.uuid4(),
        organisation_id=organisation_id,
        kind=options.kind,
        filename=filename[:300],
        sha256=sha256,
        dedupe_key=key,
        status="queued",
        dry_run=options.dry_run,
        mode=options.mode,
        options={"sheet": options.sheet, "column_map": options.column_map},
        created_by=actor,
    )
    try:
        session.add(job)
        session.flush()  # no relationship orders the two inserts
        session.add(ImportFile(job_id=job.id, content=content))
        session.commit()
    except IntegrityError:
        # An identical upload committed first: that one imports, this answers with it.
        session.rollback()
        existing = session.scalars(select(ImportJob).where(ImportJob.dedupe_key == key)).first()
        if existing is None:
            raise
        return existing, False
    try:
        queue.enqueue(TASK, str(job.id))
    except QueueUnavailable:
        if withdraw(session, job.id):
            raise
        # Redis took it after all (the answer was lost, not the job): a worker has it.
    session.expire_all()  # an inline queue has run the job from another session
    return session.get_one(ImportJob, job.id), True


def withdraw(session: Session, job_id: uuid.UUID) -> bool:
    """Fail a job the queue would not take, still ``queued``, and release its dedupe key,
    so nothing waits for it and the same upload is accepted once the queue is back. False
    when a worker has already claimed it."""
    done = session.execute(
        update(ImportJob)
        .where(ImportJob.id == job_id, ImportJob.status == "queued")
        .values(
            status="failed",
            finished_at=utcnow(),
            dedupe_key=None,
            problem=problem(
                "queue_unavailable",
                "The job queue could not be reached, so the import never started; nothing "
                "was written. Upload the file again.",
                status=503,
                written_rows=0,
            ),
        )
        .execution_options(synchronize_session=False)
    )
    session.commit()
    return bool(getattr(done, "rowcount", 0) == 1)


def get_job(session: Session, organisation_id: uuid.UUID, job_id: uuid.UUID) -> ImportJob:
    job = session.get(ImportJob, job_id)
    if job is None or job.organisation_id != organisation_id:
        raise ProblemError("not-found", f"No import job {job_id}.")
    reap_if_abandoned(session, job)
    return job


def reap_if_abandoned(session: Session, job: ImportJob) -> bool:
    """Mark failed a job whose worker was lost (killed, machine gone): one still unfinished
    longer than any job may run. What it wrote is what its row says: the chunks it committed
    (``rows_processed`` rows and their counts; none for an all-or-nothing or dry run, whose
    one transaction died with the worker). Releasing the dedupe key lets the same file be
    sent again."""
    if job.status not in ("queued", "validating", "running"):
        return False
    if utcnow() - (job.started_at or job.created_at) < ABANDONED_AFTER:
        return False
    # Read again under a row lock: a worker finishing this very moment keeps its outcome.
    session.refresh(job, with_for_update=True)
    if job.status not in ("queued", "validating", "running"):
        session.commit()
        return False
    job.status, job.finished_at, job.dedupe_key = "failed", utcnow(), None
    chunked = job.mode != "all_or_nothing" and not job.dry_run
    kept = (job.rows_processed or 0) if chunked else 0
    if kept:
        said = (
            f"the first {kept:,} rows were written and stay (created {job.created:,}, updated "
            f"{job.updated:,}, unchanged {job.unchanged:,}, merged {job.merged:,}); nothing "
            "after them was. Upload the file again: rows with an external_ref are found and "
            "left as they are"
        )
    else:
        said = "nothing was written. Upload the file again"
        job.created = job.updated = job.unchanged = job.merged = job.proposed = 0
    job.problem = problem(
        "worker_lost",
        f"The import's worker stopped before finishing; {said}.",
        status=500,
        written_rows=kept,
    )
    session.commit()
    return True


def job_out(job: ImportJob) -> ImportJobOut:
    return ImportJobOut(
        id=job.id,
        kind=job.kind,
        filename=job.filename,
        sha256=job.sha256,
        status=job.status,
        dry_run=job.dry_run,
        mode=job.mode,
        options=job.options or {},
        file_format=job.file_format,
        created_by=job.created_by,
        created_at=job.created_at,
        started_at=job.started_at,
        finished_at=job.finished_at,
        rows_total=job.rows_total,
        rows_processed=job.rows_processed,
        counts=ImportCountsOut(
            created=job.created,
            updated=job.updated,
            unchanged=job.unchanged,
            merged=job.merged,
            proposed=job.proposed,
            rejected=job.rejected,
        ),
        problem=job.problem,
        errors_url=f"/v1/imports/{job.id}/errors",
    )


def error_page(
    session: Session, job_id: uuid.UUID, *, limit: int, after: int | None
) -> tuple[list[RowErrorOut], int, int | None]:
    total = (
        session.scalar(
            select(func.count()).select_from(ImportRowError).where(ImportRowError.job_id == job_id)
        )
        or 0
    )
    query = select(ImportRowError).where(ImportRowError.job_id == job_id)
    if after is not None:
        query = query.where(ImportRowError.id > after)
    rows = list(session.scalars(query.order_by(ImportRowError.id).limit(limit + 1)))
    page = rows[:limit]
    items = [
        RowErrorOut(row=r.row, column=r.column, value=r.value, message=r.message) for r in page
    ]
    return items, total, page[-1].id if len(rows) > limit else None


def escape_cell(value: object) -> str:
    return escape_text("" if value is None else str(value))


def errors_csv(session: Session, job_id: uuid.UUID) -> Iterator[str]:
    buffer = io.StringIO()
    writer = csv.writer(buffer)

    def flush() -> str:
        text = buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()
        return text

    writer.writerow(["row", "column", "value", "message"])
    query = (
        select(
            ImportRowError.row, ImportRowError.column, ImportRowError.value, ImportRowError.message
        )
        .where(ImportRowError.job_id == job_id)
        .order_by(ImportRowError.id)
        .execution_options(yield_per=2000)
    )
    for number, (row, column, value, message) in enumerate(session.execute(query)):
        writer.writerow([row, escape_cell(column), escape_cell(value), escape_cell(message)])
        if number % 2000 == 1999:
            yield flush()
    yield flush()
