"""Re-scoring an organisation: every active supplier assessed again with the risk data in force
and the current methodology and threshold, and a report of what changed.

Each supplier is assessed and committed in its own short transaction: one supplier that fails
(say, a sector the new risk data no longer knows) is reported and skipped, and the job never
holds the organisation's event chain for long against the API's own writes. Suppliers newly
flagged get a review case from ``assess_supplier``.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any, Final

import structlog
from sqlalchemy import func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from api.assessments.service import assess_supplier
from api.cases.opening import open_case
from api.engine_inputs.upstream import organisation_exposures
from api.errors import ProblemError
from api.jobs.queue import JOB_TIMEOUT_SECONDS, JobQueue, QueueUnavailable
from api.reference_data.service import RiskDataStore
from models import Organisation, RescoreJob, Supplier
from models.base import utcnow
from models.database import Database
from models.integrity import is_unique_violation
from risk_data.types import RiskData
from screening.scoring import METHODOLOGY_VERSION
from screening.upstream import UpstreamExposure

log = structlog.get_logger("api.assessments.rescore")

TASK: Final = "assessments.rescore"
BATCH: Final = 200
PROGRESS_EVERY: Final = 50
# Each list in the report keeps at most this many suppliers; the counts are always complete.
REPORT_LIMIT: Final = 1000
# A queued or running job younger than this is the organisation's rescore: asking again
# returns it rather than scoring everything twice. An older one is presumed dead (no job may
# run longer: the queue stops it).
LIVE_JOB_WINDOW: Final = timedelta(seconds=JOB_TIMEOUT_SECONDS)
LIVE_STATUSES: Final = ("queued", "running")
CHAIN_RETRIES: Final = 3

# Risk data loaded once per worker process; which version is in force is read each time.
_store = RiskDataStore()


@dataclass
class RescoreReport:
    suppliers: int = 0
    reassessed: int = 0
    unchanged: int = 0
    cases_opened: int = 0
    newly_flagged: list[dict[str, Any]] = field(default_factory=list)
    cleared: list[dict[str, Any]] = field(default_factory=list)
    band_moves: list[dict[str, Any]] = field(default_factory=list)
    errors: list[dict[str, Any]] = field(default_factory=list)
    counts: dict[str, int] = field(
        default_factory=lambda: {"newly_flagged": 0, "cleared": 0, "band_moves": 0, "errors": 0}
    )

    def add(self, kind: str, entry: dict[str, Any]) -> None:
        self.counts[kind] += 1
        items: list[dict[str, Any]] = getattr(self, kind)
        if len(items) < REPORT_LIMIT:
            items.append(entry)

    def as_dict(self) -> dict[str, Any]:
        return {
            "suppliers": self.suppliers,
            "reassessed": self.reassessed,
            "unchanged": self.unchanged,
            "cases_opened": self.cases_opened,
            "counts": dict(self.counts),
            "truncated": any(n > REPORT_LIMIT for n in self.counts.values()),
            "newly_flagged": self.newly_flagged,
            "cleared": self.cleared,
            "band_moves": self.band_moves,
            "errors": self.errors,
        }


def request_rescore(
    session: Session, organisation_id: uuid.UUID, actor: str
) -> tuple[RescoreJob, bool]:
    """A queued job for the organisation, or the live one already queued or running.

    Returns the job and whether it is new (to be enqueued). Commits. The database keeps one
    live whole-organisation job per organisation (a partial unique index), so of two requests
    at once one inserts and the other gets its job back; a live job older than any job may
    run lost its worker and is marked failed to make way. (The first look only spares the
    database a refused insert when a job is plainly live.)
    """
    live = _live_job(session, organisation_id)
    if live is not None and not _reap_if_dead(session, live):
        return live, False
    for _ in range(2):
        job = RescoreJob(organisation_id=organisation_id, requested_by=actor, status="queued")
        session.add(job)
        try:
            session.commit()
        except IntegrityError as exc:
            session.rollback()
            live = _live_job(session, organisation_id)
            if live is None or not is_unique_violation(exc):
                raise
            if not _reap_if_dead(session, live):
                return live, False
            continue
        return job, True
    raise RuntimeError("a dead rescore job could not be replaced")  # reaped twice: not reached


def _live_job(session: Session, organisation_id: uuid.UUID) -> RescoreJob | None:
    return session.scalars(
        select(RescoreJob).where(
            RescoreJob.organisation_id == organisation_id,
            RescoreJob.status.in_(LIVE_STATUSES),
            RescoreJob.trigger.is_(None),
        )
    ).first()


def _reap_if_dead(session: Session, job: RescoreJob) -> bool:
    if utcnow() - (job.started_at or job.created_at) < LIVE_JOB_WINDOW:
        return False
    reaped = _close(
        session,
        job.id,
        LIVE_STATUSES,
        error="worker_lost: the job stopped before finishing; suppliers it re-assessed keep "
        "their new assessments",
    )
    session.commit()
    return reaped


def submit_rescore(
    session: Session, queue: JobQueue, organisation_id: uuid.UUID, actor: str
) -> RescoreJob:
    """The organisation's live job, queued now if it is new. With the queue unreachable the
    new job is marked failed before ``QueueUnavailable`` goes up, so it holds nothing."""
    job, new = request_rescore(session, organisation_id, actor)
    if new:
        try:
            queue.enqueue(TASK, str(job.id))
        except QueueUnavailable as exc:
            withdrawn = _close(session, job.id, ("queued",), error=f"queue_unavailable: {exc}")
            session.commit()
            if withdrawn:
                raise
            # Redis took it after all (the answer was lost, not the job): a worker has it.
        session.refresh(job)
    return job


def get_job(session: Session, organisation_id: uuid.UUID, job_id: uuid.UUID) -> RescoreJob:
    job = session.get(RescoreJob, job_id)
    if job is None or job.organisation_id != organisation_id:
        raise ProblemError("not-found", f"No rescore job {job_id}.")
    if job.status in LIVE_STATUSES and _reap_if_dead(session, job):
        session.refresh(job)  # a job whose worker was lost says so, not "running" for ever
    return job


def recent_jobs(session: Session, organisation_id: uuid.UUID, limit: int = 20) -> list[RescoreJob]:
    return list(
        session.scalars(
            select(RescoreJob)
            .where(RescoreJob.organisation_id == organisation_id)
            .order_by(RescoreJob.created_at.desc())
            .limit(limit)
        )
    )


def _snapshot(supplier: Supplier) -> dict[str, Any]:
    return {"score": supplier.score, "band": supplier.band, "flagged": bool(supplier.flagged)}


def _rescore_one(
    session: Session,
    supplier_id: uuid.UUID,
    data: RiskData,
    actor: str,
    report: RescoreReport,
    exposures: Mapping[str, UpstreamExposure] | None,
) -> None:
    supplier = session.get_one(Supplier, supplier_id)
    before = _snapshot(supplier)
    had_case = open_case(session, supplier) is not None
    assessment, new = assess_supplier(session, supplier, data, actor=actor, exposures=exposures)
    case = open_case(session, supplier) if assessment.flagged else None
    session.commit()
    if not new:
        report.unchanged += 1
        return
    report.reassessed += 1
    if case is not None and not had_case:
        report.cases_opened += 1
    entry = {
        "supplier_id": str(supplier.id),
        "name": supplier.name,
        "score_before": before["score"],
        "score_after": assessment.score,
        "band_before": before["band"],
        "band_after": assessment.band,
    }
    if assessment.flagged and not before["flagged"]:
        report.add(
            "newly_flagged",
            {
                **entry,
                "reasons": [r["code"] for r in assessment.flag_reasons],
                "case_id": str(case.id) if case else None,
            },
        )
    elif before["flagged"] and not assessment.flagged:
        report.add("cleared", entry)
    if before["band"] is not None and before["band"] != assessment.band:
        report.add("band_moves", entry)


def rescore_organisation(
    database: Database,
    job_id: uuid.UUID,
    *,
    data: RiskData | None = None,
) -> RescoreReport:
    """Run the job: every active supplier (or the job's ``supplier_ids``), in id order, one
    transaction each."""
    with database.session() as session:
        job = session.get_one(RescoreJob, job_id)
        organisation = session.get_one(Organisation, job.organisation_id)
        data = data or _store.in_force(session)
        chosen = (
            None if job.supplier_ids is None else sorted(uuid.UUID(i) for i in job.supplier_ids)
        )
        active = select(Supplier.id).where(
            Supplier.organisation_id == organisation.id, Supplier.status == "active"
        )
        if chosen is not None:
            chosen = [i for i in chosen if session.scalar(active.where(Supplier.id == i))]
            total: int | None = len(chosen)
        else:
            total = session.scalar(select(func.count()).select_from(active.subquery()))
        job.risk_data_version, job.methodology_version = data.version, METHODOLOGY_VERSION
        job.threshold, job.suppliers_total = organisation.score_threshold, int(total or 0)
        session.commit()
        organisation_id, actor = organisation.id, job.requested_by
        # A whole organisation reads its supply chain once, not once per supplier.
        exposures = (
            None if chosen is not None else organisation_exposures(session, organisation_id, data)
        )

    report = RescoreReport()
    after: uuid.UUID | None = None
    with database.session() as session:
        while True:
            query = select(Supplier.id, Supplier.name).where(
                Supplier.organisation_id == organisation_id, Supplier.status == "active"
            )
            if after is not None:
                query = query.where(Supplier.id > after)
            if chosen is not None:
                query = query.where(
                    Supplier.id.in_([i for i in chosen if after is None or i > after][:BATCH])
                )
            batch = session.execute(query.order_by(Supplier.id).limit(BATCH)).all()
            session.rollback()  # end the read; each supplier below is its own transaction
            if not batch:
                break
            for supplier_id, name in batch:
                report.suppliers += 1
                _rescore_with_retries(session, supplier_id, name, data, actor, report, exposures)
                if report.suppliers % PROGRESS_EVERY == 0:
                    _progress(session, job_id, report.suppliers)
            after = batch[-1][0]
    return report


def _rescore_with_retries(
    session: Session,
    supplier_id: uuid.UUID,
    name: str,
    data: RiskData,
    actor: str,
    report: RescoreReport,
    exposures: Mapping[str, UpstreamExposure] | None,
) -> None:
    for attempt in range(CHAIN_RETRIES):
        try:
            _rescore_one(session, supplier_id, data, actor, report, exposures)
            return
        except IntegrityError as exc:
            # Another writer took the event chain's next number; try again.
            session.rollback()
            if not is_unique_violation(exc) or attempt == CHAIN_RETRIES - 1:
                raise
        except Exception as exc:
            session.rollback()
            log.warning("rescore_supplier_failed", supplier_id=str(supplier_id), error=str(exc))
            report.add("errors", {"supplier_id": str(supplier_id), "name": name, "error": str(exc)})
            return


def _progress(session: Session, job_id: uuid.UUID, processed: int) -> None:
    job = session.get_one(RescoreJob, job_id)
    job.suppliers_processed = processed
    session.commit()


def _close(
    session: Session,
    job_id: uuid.UUID,
    statuses: tuple[str, ...],
    *,
    error: str | None,
    report: RescoreReport | None = None,
) -> bool:
    """Finish a job that is still in one of ``statuses``: completed, or failed with ``error``.
    False (and nothing changed) when someone else has moved it on first."""
    values: dict[str, Any] = {
        "status": "failed" if error else "completed",
        "error": error,
        "finished_at": utcnow(),
    }
    if report is not None:
        values |= {"suppliers_processed": report.suppliers, "report": report.as_dict()}
    done = session.execute(
        update(RescoreJob)
        .where(RescoreJob.id == job_id, RescoreJob.status.in_(statuses))
        .values(**values)
        .execution_options(synchronize_session=False)
    )
    return bool(getattr(done, "rowcount", 0) == 1)


def _finish(
    database: Database, job_id: uuid.UUID, report: RescoreReport | None, error: str | None
) -> None:
    with database.session() as session:
        if not _close(session, job_id, ("running",), error=error, report=report):
            log.warning("rescore_superseded", job_id=str(job_id))  # reaped meanwhile
        session.commit()


def claim_run(database: Database, job_id: uuid.UUID) -> bool:
    """Take a queued job for this run: one ``UPDATE ... WHERE status = 'queued'``, so of two
    deliveries (a queue's redelivery, a second worker) exactly one runs it, and a running,
    completed or failed job is left as it is."""
    with database.session() as session:
        done = session.execute(
            update(RescoreJob)
            .where(RescoreJob.id == job_id, RescoreJob.status == "queued")
            .values(status="running", started_at=utcnow())
            .execution_options(synchronize_session=False)
        )
        session.commit()
    return bool(getattr(done, "rowcount", 0) == 1)


def run_rescore_job(database: Database, job_id: str) -> None:
    """The ``assessments.rescore`` task. Its outcome is on the job row, never an exception;
    a job delivered again is a no-op."""
    job_uuid = uuid.UUID(job_id)
    if not claim_run(database, job_uuid):
        return
    try:
        report = rescore_organisation(database, job_uuid)
    except Exception as exc:
        log.exception("rescore_failed", job_id=job_id)
        _finish(database, job_uuid, None, f"{type(exc).__name__}: {exc}")
        return
    _finish(database, job_uuid, report, None)
    log.info("rescore_completed", job_id=job_id, **report.counts)
    # Suppliers it re-assessed whose own flags changed have queued their buyers in turn.
    with database.session() as session:
        organisation_id = session.get_one(RescoreJob, job_uuid).organisation_id
    run_waiting_downstream(database, organisation_id)


# --- re-scoring the buyers downstream of a change in a supply chain ---------------------------


def claim(session: Session, job_id: uuid.UUID) -> bool:
    """Mark a queued job as handed to the queue; False if another runner took it first."""
    done = session.execute(
        update(RescoreJob)
        .where(RescoreJob.id == job_id, RescoreJob.enqueued_at.is_(None))
        .values(enqueued_at=utcnow())
    )
    return bool(getattr(done, "rowcount", 0) == 1)


def _claim_waiting(database: Database, organisation_id: uuid.UUID) -> list[uuid.UUID]:
    """Claim the organisation's downstream jobs that no one has handed to a queue yet (those
    an assessment queued when what flows up from its supplier changed)."""
    with database.session() as session:
        waiting = session.scalars(
            select(RescoreJob.id)
            .where(
                RescoreJob.organisation_id == organisation_id,
                RescoreJob.status == "queued",
                RescoreJob.enqueued_at.is_(None),
                RescoreJob.trigger.is_not(None),
            )
            .order_by(RescoreJob.created_at, RescoreJob.id)
        ).all()
        claimed = [job_id for job_id in waiting if claim(session, job_id)]
        session.commit()
    return claimed


def run_waiting_downstream(database: Database, organisation_id: uuid.UUID) -> list[uuid.UUID]:
    """Run them here (a background job that has just committed, e.g. an import)."""
    claimed = _claim_waiting(database, organisation_id)
    for job_id in claimed:
        run_rescore_job(database, str(job_id))
    return claimed


def enqueue_waiting_downstream(
    database: Database, queue: JobQueue, organisation_id: uuid.UUID
) -> list[uuid.UUID]:
    """Hand them to the queue (after a write request)."""
    claimed = _claim_waiting(database, organisation_id)
    if claimed:
        with database.session() as session:
            for job_id in claimed:
                hand_to_queue(session, queue, job_id, claimed=True)
    return claimed


def hand_to_queue(
    session: Session, queue: JobQueue, job_id: uuid.UUID, *, claimed: bool = False
) -> bool:
    """Enqueue a downstream job unless another runner has it (``claimed``: this caller has
    claimed it already). With the queue unreachable the claim is released, so the job waits
    for the next runner (a write, an import, a re-score) instead of sitting claimed for
    ever; the write that queued it stands. True when it was handed over."""
    if not claimed:
        if not claim(session, job_id):
            return False
        session.commit()
    try:
        queue.enqueue(TASK, str(job_id))
    except QueueUnavailable:
        session.execute(
            update(RescoreJob)
            .where(RescoreJob.id == job_id, RescoreJob.status == "queued")
            .values(enqueued_at=None)
            .execution_options(synchronize_session=False)
        )
        session.commit()
        return False
    return True
