"""Queue again the jobs a queue has lost: a Redis restart (without persistence) drops what
was waiting in it, and those jobs would sit ``queued`` until the reaper's hour. A job still
queued a while after it was handed over is enqueued again; RQ refuses a second copy of a job
it still holds, and the task's claim (``UPDATE ... WHERE status = 'queued'``) runs it at most
once whatever happens."""

from __future__ import annotations

from datetime import timedelta

import structlog
from sqlalchemy import and_, or_, select

from api.jobs.queue import JobQueue
from models import ImportJob, RescoreJob
from models.base import utcnow
from models.database import Database

log = structlog.get_logger("api.jobs")

# Longer than an enqueue takes to reach a worker's queue; a job waiting behind others is
# offered again (a no-op while Redis holds it).
LOST_AFTER = timedelta(minutes=1)


def requeue_lost(database: Database, queue: JobQueue, older_than: timedelta = LOST_AFTER) -> int:
    """Enqueue again every import and re-score job still queued ``older_than`` after it was
    handed to the queue; returns how many were offered."""
    cutoff = utcnow() - older_than
    with database.session() as session:
        imports = session.scalars(
            select(ImportJob.id).where(ImportJob.status == "queued", ImportJob.created_at < cutoff)
        ).all()
        rescores = session.scalars(
            select(RescoreJob.id).where(
                RescoreJob.status == "queued",
                or_(
                    RescoreJob.enqueued_at < cutoff,  # a downstream job handed over
                    and_(RescoreJob.trigger.is_(None), RescoreJob.created_at < cutoff),
                ),
            )
        ).all()
    for task, ids in (("imports.process", imports), ("assessments.rescore", rescores)):
        for job_id in ids:
            queue.enqueue(task, str(job_id))
    if imports or rescores:
        log.info("jobs_offered_again", imports=len(imports), rescores=len(rescores))
    return len(imports) + len(rescores)
