"""Liveness, readiness and the problem-type descriptions (no authentication)."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field
from sqlalchemy import text

from api.deps import DatabaseDep
from api.errors import PROBLEM_TYPES, ProblemError, problem_response
from api.jobs.deps import QueueDep

router = APIRouter(tags=["health"])


class Health(BaseModel):
    status: str


class Readiness(BaseModel):
    status: str
    database: str
    schema_revision: str | None
    queue: str | None = Field(
        description="What background jobs depend on: `redis` when REDIS_URL is set (and "
        "answered), null when they run in this process."
    )


class ProblemTypeOut(BaseModel):
    type: str
    title: str
    status: int
    description: str


@router.get("/healthz")
def healthz() -> Health:
    """The process is up. Says nothing about its dependencies."""
    return Health(status="ok")


@router.get("/readyz", response_model=Readiness, responses={503: {"description": "Not ready"}})
def readyz(request: Request, database: DatabaseDep, queue: QueueDep) -> Readiness | JSONResponse:
    """Ready to serve: the database answers and its schema is at the migrations' head, and
    the job queue (Redis, when configured) answers."""
    expected: str | None = request.app.state.schema_head
    try:
        with database.engine.connect() as connection:
            revision = connection.execute(text("SELECT version_num FROM alembic_version")).scalar()
    except Exception as exc:  # any failure to reach or read the database means not ready
        return problem_response(
            request, "database-unavailable", f"Database check failed: {type(exc).__name__}."
        )
    if revision != expected:
        return problem_response(
            request,
            "database-unavailable",
            f"Database schema is at {revision}, expected {expected}: run `flrisk db upgrade`.",
        )
    try:
        queue_kind = queue.ping()
    except Exception as exc:  # Redis down: uploads and re-scores could not be queued
        return problem_response(
            request, "queue-unavailable", f"Job queue check failed: {type(exc).__name__}."
        )
    return Readiness(
        status="ok", database=database.dialect, schema_revision=revision, queue=queue_kind
    )


@router.get("/problems/{slug}", include_in_schema=False)
def problem_type(slug: str) -> ProblemTypeOut:
    problem = PROBLEM_TYPES.get(slug)
    if problem is None:
        raise ProblemError("not-found", f"No problem type '{slug}'.")
    return ProblemTypeOut(
        type=problem.uri,
        title=problem.title,
        status=problem.status,
        description=problem.description,
    )
