"""An import worker killed mid-job (SIGKILL: no chance to clean up) leaves the registry as it
was; the job is then reported failed (worker lost) and the same file can be sent again."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import uuid
from datetime import timedelta
from pathlib import Path

from fastapi.testclient import TestClient
from sqlalchemy import func, select, update

from api.imports.service import ABANDONED_AFTER
from models import ImportJob, Supplier
from models.base import utcnow
from models.database import Database
from tests.conftest import TEST_KEY_SECRET, Tenant
from tests.unit.imports.corpus import write_messy_csv

ROOT = Path(__file__).resolve().parents[2]


def _started_job(database: Database, deadline: float) -> ImportJob | None:
    while time.monotonic() < deadline:
        with database.session() as session:
            job = session.scalars(select(ImportJob)).first()
            if job is not None and job.status in ("validating", "running"):
                return job
        time.sleep(0.1)
    return None


def test_a_killed_import_writes_nothing_and_its_job_is_reaped(
    client: TestClient, tenant: Tenant, database: Database, tmp_path: Path
) -> None:
    upload = write_messy_csv(tmp_path / "suppliers.csv", 20_000)
    env = {**os.environ, "DATABASE_URL": database.url, "FLRISK_API_KEY_SECRET": TEST_KEY_SECRET}
    worker = subprocess.Popen(
        [sys.executable, "-m", "api.cli.main", "import", str(upload), "--org", tenant.name],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        job = _started_job(database, time.monotonic() + 30)
        assert job is not None, "the import never started"
        time.sleep(2.0)  # well into reading, matching and writing 20,000 rows
        assert worker.poll() is None, "the import finished before it could be killed"
        worker.send_signal(signal.SIGKILL)
        worker.wait(timeout=10)
    finally:
        if worker.poll() is None:
            worker.kill()

    organisation = uuid.UUID(tenant.organisation_id)
    with database.session() as session:
        written = session.scalar(
            select(func.count())
            .select_from(Supplier)
            .where(Supplier.organisation_id == organisation)
        )
        assert written == 0, "a killed job left suppliers behind"
        stuck = session.get_one(ImportJob, job.id)
        assert stuck.status in ("validating", "running")
        # As if the queue's time limit had passed with no worker to finish the job.
        session.execute(
            update(ImportJob)
            .where(ImportJob.id == job.id)
            .values(started_at=utcnow() - ABANDONED_AFTER - timedelta(minutes=1))
        )
        session.commit()

    h = tenant.headers("compliance")
    reported = client.get(f"/v1/imports/{job.id}", headers=h).json()
    assert reported["status"] == "failed"
    assert reported["problem"]["code"] == "worker_lost"
    again = client.post(
        "/v1/imports",
        headers=h,
        data={"kind": "suppliers"},
        files={"file": ("suppliers.csv", upload.read_bytes(), "text/csv")},
    )
    assert again.status_code == 202 and again.json()["id"] != str(job.id)
