"""``/v1/assessments/rescore``: re-score the whole organisation as a job, and read its report."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Response, status
from pydantic import BaseModel, Field

from api.assessments import rescore
from api.auth.roles import Scope
from api.deps import Principal, SessionDep, require
from api.jobs.deps import QueueDep
from models import RescoreJob

router = APIRouter(prefix="/v1/assessments/rescore", tags=["assessments"])
Writer = Annotated[Principal, Depends(require(Scope.assessments_write))]
Reader = Annotated[Principal, Depends(require(Scope.assessments_read))]


class RescoreJobOut(BaseModel):
    id: uuid.UUID
    status: str = Field(description="queued, running, completed or failed")
    requested_by: str
    created_at: datetime
    started_at: datetime | None
    finished_at: datetime | None
    risk_data_version: str | None
    methodology_version: str | None
    threshold: float | None
    trigger: str | None = Field(
        default=None,
        description="What asked for it, when it is not the whole organisation (a change in "
        "a supply chain re-scores the buyers downstream).",
    )
    supplier_ids: list[str] | None = Field(
        default=None, description="The suppliers it re-scores; null: every active supplier."
    )
    suppliers_total: int
    suppliers_processed: int
    report: dict[str, Any] | None = Field(
        description="When completed: counts, and the suppliers newly flagged, cleared (no "
        "longer flagged; their open cases stay open for a reviewer) and moved between bands."
    )
    error: str | None

    @classmethod
    def of(cls, job: RescoreJob) -> RescoreJobOut:
        return cls(
            id=job.id,
            status=job.status,
            requested_by=job.requested_by,
            created_at=job.created_at,
            started_at=job.started_at,
            finished_at=job.finished_at,
            risk_data_version=job.risk_data_version,
            methodology_version=job.methodology_version,
            threshold=job.threshold,
            trigger=job.trigger,
            supplier_ids=job.supplier_ids,
            suppliers_total=job.suppliers_total,
            suppliers_processed=job.suppliers_processed,
            report=job.report,
            error=job.error,
        )


class RescoreJobList(BaseModel):
    items: list[RescoreJobOut]


@router.post(
    "",
    status_code=status.HTTP_202_ACCEPTED,
    responses={
        503: {
            "description": "The database or the job queue (`queue-unavailable`) cannot be "
            "reached; no job was queued."
        }
    },
)
def request_rescore(
    session: SessionDep, principal: Writer, queue: QueueDep, response: Response
) -> RescoreJobOut:
    """Re-score every active supplier with the risk data in force (after loading a new
    version, or a change of methodology or threshold). While a job is queued or running, asking
    again returns that job. Poll `Location` for the report."""
    job = rescore.submit_rescore(session, queue, principal.organisation_id, principal.actor.ref)
    response.headers["Location"] = f"/v1/assessments/rescore/{job.id}"
    return RescoreJobOut.of(job)


@router.get("")
def list_rescores(session: SessionDep, principal: Reader) -> RescoreJobList:
    """The organisation's latest re-scoring jobs, newest first."""
    jobs = rescore.recent_jobs(session, principal.organisation_id)
    return RescoreJobList(items=[RescoreJobOut.of(j) for j in jobs])


@router.get("/{job_id}", responses={404: {"description": "No such job"}})
def get_rescore(job_id: uuid.UUID, session: SessionDep, principal: Reader) -> RescoreJobOut:
    return RescoreJobOut.of(rescore.get_job(session, principal.organisation_id, job_id))
