"""PostgreSQL going away in the middle of an import: the job ends (never left running for the
reaper), says how many rows it wrote, those rows are whole chunks, and the same file sent
again completes the registry, each row once."""

from __future__ import annotations

import threading
import time
import uuid
from pathlib import Path

import pytest
from sqlalchemy import func, select

from api.imports.processing import CHUNK_ROWS, run_import
from models import ImportJob, Supplier
from tests.conftest import make_tenant
from tests.faults.test_redelivery import _queued_import
from tests.unit.imports.corpus import write_messy_csv

pytestmark = pytest.mark.postgres
OUTAGE_SECONDS = 20.0  # longer than a chunk takes: the import meets the outage


def test_an_import_that_loses_its_database_ends_saying_what_it_wrote(
    proxied, tmp_path: Path
) -> None:
    proxy, database, settings = proxied
    tenant = make_tenant(database, settings, "Outage Org")
    organisation = uuid.UUID(tenant.organisation_id)
    content = write_messy_csv(tmp_path / "suppliers.csv", 3 * CHUNK_ROWS).read_bytes()
    job_id = _queued_import(database, tenant, content)

    def progress() -> int:
        with database.session() as session:
            return session.get_one(ImportJob, job_id).rows_processed or 0

    runner = threading.Thread(target=run_import, args=(database, str(job_id)))
    runner.start()
    deadline = time.monotonic() + 120
    while progress() < CHUNK_ROWS and runner.is_alive() and time.monotonic() < deadline:
        time.sleep(0.05)
    proxy.cut()
    time.sleep(OUTAGE_SECONDS)
    proxy.restore()
    runner.join(timeout=300)
    assert not runner.is_alive()

    with database.session() as session:
        job = session.get_one(ImportJob, job_id)
        present = session.scalar(
            select(func.count())
            .select_from(Supplier)
            .where(Supplier.organisation_id == organisation)
        )
        assert job.status in ("completed", "failed"), job.status
        assert present == job.created + job.merged
        if job.status == "failed":
            assert job.problem["written_rows"] == job.rows_processed
            assert job.rows_processed % CHUNK_ROWS == 0, "a chunk was half written"
            assert job.dedupe_key is None

    again_id = _queued_import(database, tenant, content) if job.status == "failed" else None
    if again_id is not None:
        run_import(database, str(again_id))
    with database.session() as session:
        refs = session.scalars(
            select(Supplier.external_ref).where(Supplier.organisation_id == organisation)
        ).all()
        assert again_id is None or session.get_one(ImportJob, again_id).status == "completed"
    assert len(refs) == len(set(refs)) == 3 * CHUNK_ROWS - _rejected(database, job_id, again_id)


def _rejected(database, *job_ids: uuid.UUID | None) -> int:
    with database.session() as session:
        last = [session.get_one(ImportJob, i) for i in job_ids if i is not None][-1]
        return last.rejected
