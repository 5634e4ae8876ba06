"""An import worker killed mid-job (SIGKILL: no chance to clean up) leaves exactly what its job
row says it wrote: whole chunks (suppliers with their assessments and events), none half
written; the job is then reported failed (worker lost) with that figure, and the same file can
be sent again."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import uuid
from datetime import timedelta
from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient
from sqlalchemy import func, select, update

from api.events.service import verify_chain
from api.imports.processing import CHUNK_ROWS
from api.imports.service import ABANDONED_AFTER
from models import Assessment, ImportJob, Supplier
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


def test_a_killed_import_leaves_whole_chunks_its_job_names_and_is_reaped(
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

        def count(model: Any, *where: Any) -> int:
            query = select(func.count()).select_from(model)
            return int(session.scalar(query.where(model.organisation_id == organisation, *where)))

        stuck = session.get_one(ImportJob, job.id)
        assert stuck.status in ("validating", "running")
        written_rows = stuck.rows_processed or 0
        assert written_rows % CHUNK_ROWS == 0, "a chunk was half written"
        assert count(Supplier) == stuck.created + stuck.merged
        # Every supplier written is scored: its chunk committed with its assessments.
        assert count(Supplier, Supplier.status == "active", Supplier.assessed_at.is_(None)) == 0
        assert count(Assessment) == stuck.created
        assert verify_chain(session).ok
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
    assert reported["problem"]["written_rows"] == written_rows
    again = client.post(
        "/v1/imports",
        headers=h,
        data={"kind": "suppliers"},
        files={"file": ("suppliers.csv", upload.read_bytes(), "text/csv")},
    )
    assert again.status_code == 202 and again.json()["id"] != str(job.id)
