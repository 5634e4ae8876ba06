"""Re-score requests at once make one job: the database holds one live whole-organisation job
per organisation (a partial unique index), not a check before the insert."""

from __future__ import annotations

import threading
import uuid
from datetime import timedelta

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError

from api.assessments import rescore
from models import RescoreJob
from models.base import utcnow
from models.database import Database
from tests.conftest import Tenant

ROUNDS = 5


def _request_at_once(
    database: Database, organisation_id: uuid.UUID
) -> list[tuple[uuid.UUID, bool]]:
    start = threading.Barrier(2)
    answers: list[tuple[uuid.UUID, bool]] = []
    failures: list[BaseException] = []

    def request() -> None:
        with database.session() as session:
            start.wait()
            try:
                job, new = rescore.request_rescore(session, organisation_id, "test")
                answers.append((job.id, new))
            except BaseException as exc:  # reported by the test, not lost in the thread
                failures.append(exc)

    threads = [threading.Thread(target=request) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not failures, failures
    return answers


def _live(database: Database, organisation_id: uuid.UUID) -> list[uuid.UUID]:
    with database.session() as session:
        return list(
            session.scalars(
                select(RescoreJob.id).where(
                    RescoreJob.organisation_id == organisation_id,
                    RescoreJob.status.in_(("queued", "running")),
                )
            )
        )


def test_two_rescore_requests_at_once_make_one_job(database: Database, tenant: Tenant) -> None:
    organisation_id = uuid.UUID(tenant.organisation_id)
    for _ in range(ROUNDS):
        answers = _request_at_once(database, organisation_id)
        assert len({job_id for job_id, _ in answers}) == 1, answers
        assert sorted(new for _, new in answers) == [False, True]
        assert _live(database, organisation_id) == [answers[0][0]]
        with database.session() as session:  # it ran; the next round asks afresh
            session.execute(
                update(RescoreJob)
                .where(RescoreJob.id == answers[0][0])
                .values(status="completed", finished_at=utcnow())
            )
            session.commit()


def test_the_database_refuses_a_second_live_whole_organisation_job(
    database: Database, tenant: Tenant
) -> None:
    organisation_id = uuid.UUID(tenant.organisation_id)
    with database.session() as session:
        session.add(RescoreJob(organisation_id=organisation_id, requested_by="a", status="queued"))
        session.commit()
        session.add(RescoreJob(organisation_id=organisation_id, requested_by="b", status="running"))
        with pytest.raises(IntegrityError):
            session.commit()
        session.rollback()
        # Downstream jobs (a few buyers each, with what changed) may queue side by side.
        for trigger in ("link added", "supplier flagged"):
            session.add(
                RescoreJob(
                    organisation_id=organisation_id,
                    requested_by="c",
                    status="queued",
                    supplier_ids=[str(uuid.uuid4())],
                    trigger=trigger,
                )
            )
        session.commit()
        # And finished jobs are history, any number of them.
        session.add(RescoreJob(organisation_id=organisation_id, requested_by="d", status="failed"))
        session.add(
            RescoreJob(organisation_id=organisation_id, requested_by="e", status="completed")
        )
        session.commit()


def _lost_job(database: Database, organisation_id: uuid.UUID) -> uuid.UUID:
    """A job still running past the longest a job may run: its worker was lost."""
    with database.session() as session:
        lost = RescoreJob(
            organisation_id=organisation_id,
            requested_by="test",
            status="running",
            started_at=utcnow() - rescore.LIVE_JOB_WINDOW - timedelta(minutes=1),
        )
        session.add(lost)
        session.commit()
        return lost.id


def test_a_live_job_older_than_any_job_may_run_makes_way_for_a_new_one(
    database: Database, tenant: Tenant
) -> None:
    organisation_id = uuid.UUID(tenant.organisation_id)
    dead_id = _lost_job(database, organisation_id)
    with database.session() as session:
        job, new = rescore.request_rescore(session, organisation_id, "test")
        assert new and job.id != dead_id
        lost = session.get_one(RescoreJob, dead_id, populate_existing=True)
        assert lost.status == "failed" and lost.error and "worker_lost" in lost.error
    assert _live(database, organisation_id) == [job.id]


def test_reading_a_job_whose_worker_was_lost_reports_it_failed(
    client: TestClient, database: Database, tenant: Tenant
) -> None:
    lost_id = _lost_job(database, uuid.UUID(tenant.organisation_id))
    read = client.get(f"/v1/assessments/rescore/{lost_id}", headers=tenant.headers("compliance"))
    assert read.status_code == 200, read.text
    assert read.json()["status"] == "failed" and "worker_lost" in read.json()["error"]
