"""A job delivered twice (the queue redelivers it, a second worker picks it up) runs once, and
a job that is running, completed or failed keeps its state when it is delivered again."""

from __future__ import annotations

import threading
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select, update

from api.assessments import rescore
from api.events.service import verify_chain
from api.imports import service
from api.imports.processing import CHUNK_ROWS, run_import
from api.jobs.queue import RQQueue
from models import Assessment, ImportJob, RescoreJob, Supplier
from models.database import Database
from tests.conftest import Tenant
from tests.faults.redis_server import PrivateRedis, run_workers
from tests.integration.test_cases import add_supplier
from tests.unit.imports.corpus import write_messy_csv

ROWS = CHUNK_ROWS + 1_000  # two chunks, so two runs at once would overlap


class HeldQueue:
    """Keeps what was enqueued, so the test delivers it (as often as it likes)."""

    def __init__(self) -> None:
        self.enqueued: list[tuple[str, tuple[str, ...]]] = []

    def enqueue(self, task: str, *args: str) -> None:
        self.enqueued.append((task, args))

    def ping(self) -> str | None:
        return None

    def shutdown(self) -> None:
        return None


def _queued_import(database: Database, tenant: Tenant, content: bytes) -> uuid.UUID:
    with database.session() as session:
        job, new = service.submit_import(
            session,
            HeldQueue(),
            organisation_id=uuid.UUID(tenant.organisation_id),
            actor="test",
            content=content,
            filename="suppliers.csv",
            options=service.UploadOptions("suppliers", False, "upsert", None, None),
            max_bytes=len(content) + 1,
        )
        assert new and job.status == "queued"
        return job.id


def _at_once(run: Callable[[], None], times: int = 2) -> None:
    start = threading.Barrier(times)
    failures: list[BaseException] = []

    def deliver() -> None:
        start.wait()
        try:
            run()
        except BaseException as exc:  # reported by the test, not lost in the thread
            failures.append(exc)

    threads = [threading.Thread(target=deliver) for _ in range(times)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=300)
    assert not failures, failures


def _import_state(database: Database, job_id: uuid.UUID) -> dict[str, Any]:
    with database.session() as session:
        job = session.get_one(ImportJob, job_id)
        organisation = job.organisation_id

        def count(model: Any) -> int:
            query = select(func.count()).select_from(model)
            return int(session.scalar(query.where(model.organisation_id == organisation)) or 0)

        return {
            "status": job.status,
            "finished_at": job.finished_at,
            "rows_processed": job.rows_processed,
            "created": job.created,
            "merged": job.merged,
            "suppliers": count(Supplier),
            "assessments": count(Assessment),
            "chain_ok": verify_chain(session).ok,
        }


def _assert_imported_once(state: dict[str, Any]) -> None:
    assert state["status"] == "completed", state
    assert state["rows_processed"] == ROWS
    assert state["suppliers"] == state["created"] + state["merged"] > 0
    assert state["assessments"] == state["created"]
    assert state["chain_ok"]


def test_an_import_delivered_twice_at_once_is_imported_once_and_stays_completed(
    database: Database, tenant: Tenant, tmp_path: Path
) -> None:
    content = write_messy_csv(tmp_path / "suppliers.csv", ROWS).read_bytes()
    job_id = _queued_import(database, tenant, content)

    _at_once(lambda: run_import(database, str(job_id)))
    once = _import_state(database, job_id)
    _assert_imported_once(once)

    run_import(database, str(job_id))  # delivered again, long after
    assert _import_state(database, job_id) == once


def test_an_import_enqueued_twice_on_rq_is_imported_once(
    rq_client: TestClient, tenant: Tenant, database: Database, redis: PrivateRedis, tmp_path: Path
) -> None:
    content = write_messy_csv(tmp_path / "suppliers.csv", ROWS).read_bytes()
    accepted = rq_client.post(
        "/v1/imports",
        data={"kind": "suppliers"},
        files={"file": ("suppliers.csv", content, "text/csv")},
        headers=tenant.headers("compliance"),
    )
    assert accepted.status_code == 202, accepted.text
    job_id = uuid.UUID(accepted.json()["id"])
    RQQueue(redis.url).enqueue(service.TASK, str(job_id))  # the same job, a second time

    # RQ keeps one copy of a job it holds; two workers, and the claim, would stop a second.
    run_workers(database.url, redis.url, count=2)
    _assert_imported_once(_import_state(database, job_id))


@pytest.mark.parametrize("status", ["validating", "running", "failed"])
def test_an_import_another_run_holds_or_has_closed_is_left_as_it_is(
    database: Database, tenant: Tenant, tmp_path: Path, status: str
) -> None:
    content = write_messy_csv(tmp_path / "suppliers.csv", 50).read_bytes()
    job_id = _queued_import(database, tenant, content)
    with database.session() as session:
        session.execute(update(ImportJob).where(ImportJob.id == job_id).values(status=status))
        session.commit()
    before = _import_state(database, job_id)

    run_import(database, str(job_id))
    after = _import_state(database, job_id)
    assert after == before
    assert after["status"] == status and after["suppliers"] == 0


def _queued_rescore(database: Database, tenant: Tenant) -> uuid.UUID:
    with database.session() as session:
        job, new = rescore.request_rescore(session, uuid.UUID(tenant.organisation_id), "test")
        assert new
        return job.id


def _rescore_state(database: Database, job_id: uuid.UUID) -> tuple[Any, ...]:
    with database.session() as session:
        job = session.get_one(RescoreJob, job_id)
        return job.status, job.started_at, job.finished_at, job.report, job.error


def test_a_rescore_delivered_twice_at_once_runs_once_and_stays_completed(
    database: Database, tenant: Tenant, monkeypatch: pytest.MonkeyPatch
) -> None:
    for number in range(3):
        add_supplier(database, tenant, f"Supplier {number}")
    job_id = _queued_rescore(database, tenant)
    runs: list[uuid.UUID] = []
    real = rescore.rescore_organisation

    def counted(database: Database, job_id: uuid.UUID, **kwargs: Any) -> rescore.RescoreReport:
        runs.append(job_id)
        return real(database, job_id, **kwargs)

    monkeypatch.setattr(rescore, "rescore_organisation", counted)
    _at_once(lambda: rescore.run_rescore_job(database, str(job_id)))
    assert runs == [job_id]
    once = _rescore_state(database, job_id)
    assert once[0] == "completed" and once[3]["suppliers"] == 3

    rescore.run_rescore_job(database, str(job_id))  # delivered again, long after
    assert _rescore_state(database, job_id) == once
    assert runs == [job_id]


@pytest.mark.parametrize("status", ["running", "failed"])
def test_a_rescore_another_run_holds_or_has_closed_is_left_as_it_is(
    database: Database, tenant: Tenant, status: str
) -> None:
    add_supplier(database, tenant, "Supplier")
    job_id = _queued_rescore(database, tenant)
    with database.session() as session:
        session.execute(update(RescoreJob).where(RescoreJob.id == job_id).values(status=status))
        session.commit()
    before = _rescore_state(database, job_id)
    rescore.run_rescore_job(database, str(job_id))
    assert _rescore_state(database, job_id) == before
