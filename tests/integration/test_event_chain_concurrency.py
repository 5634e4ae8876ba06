"""Concurrent writers to one organisation's event chain take turns; none fails the others."""

from __future__ import annotations

import threading
import uuid
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from fastapi.testclient import TestClient
from sqlalchemy import func, select

from api.events.append import PendingEvent, append_events
from api.events.service import record_event, verify_chain
from models import Event, EventChainHead
from models.database import Database
from tests.conftest import Tenant
from tests.integration.test_suppliers import ACME


def _all_at_once(count: int, work: Callable[[int], Any]) -> list[Any]:
    """Run ``work(0..count-1)`` on ``count`` threads released together."""
    start = threading.Barrier(count)

    def run(index: int) -> Any:
        start.wait()
        return work(index)

    with ThreadPoolExecutor(max_workers=count) as pool:
        return list(pool.map(run, range(count)))


def _chain(database: Database, organisation_id: str) -> tuple[list[int], int | None]:
    org = uuid.UUID(organisation_id)
    with database.session() as session:
        seqs = list(
            session.scalars(
                select(Event.seq).where(Event.organisation_id == org).order_by(Event.seq)
            )
        )
        head = session.scalar(
            select(EventChainHead.seq).where(EventChainHead.organisation_id == org)
        )
    return seqs, head


def test_eight_suppliers_created_at_once_all_succeed_on_one_chain(
    client: TestClient, tenant: Tenant, database: Database
) -> None:
    _, head_before = _chain(database, tenant.organisation_id)

    def create(index: int) -> int:
        body = {**ACME, "name": f"Concurrent Mill {index}", "external_ref": f"C-{index}"}
        response = client.post("/v1/suppliers", json=body, headers=tenant.headers("compliance"))
        return response.status_code

    statuses = _all_at_once(8, create)

    assert statuses == [201] * 8
    listed = client.get("/v1/suppliers?limit=50", headers=tenant.headers("auditor")).json()
    assert {s["external_ref"] for s in listed["items"]} >= {f"C-{i}" for i in range(8)}
    seqs, head = _chain(database, tenant.organisation_id)
    assert seqs == list(range(1, len(seqs) + 1)) and head == len(seqs)
    assert head_before is not None and head > head_before + 8  # each create adds its events
    with database.session() as session:
        assert verify_chain(session).ok


def test_a_bulk_append_and_single_events_recorded_meanwhile_all_land_in_order(
    tenant: Tenant, database: Database
) -> None:
    org = uuid.UUID(tenant.organisation_id)
    seqs_before, _ = _chain(database, tenant.organisation_id)
    batches, batch_size, singles_per_writer, single_writers = 4, 750, 25, 3

    def bulk_writer() -> None:
        for batch in range(batches):
            events = [
                PendingEvent("supplier", f"bulk-{batch}-{i}", "supplier.created", None, {"i": i})
                for i in range(batch_size)
            ]
            with database.session() as session:
                append_events(session, org, "importer", events)
                session.commit()

    def single_writer(writer: int) -> None:
        for i in range(singles_per_writer):
            with database.session() as session:
                record_event(
                    session,
                    organisation_id=org,
                    entity_type="case",
                    entity_id=f"case-{writer}",
                    action="case.commented",
                    actor=f"reviewer-{writer}",
                    after={"comment": i},
                )
                session.commit()

    def work(index: int) -> None:
        if index == 0:
            bulk_writer()
        else:
            single_writer(index)

    _all_at_once(1 + single_writers, work)

    seqs, head = _chain(database, tenant.organisation_id)
    added = batches * batch_size + single_writers * singles_per_writer
    assert len(seqs) == len(seqs_before) + added
    assert seqs == list(range(1, len(seqs) + 1)) and head == len(seqs)
    with database.session() as session:
        actors = session.execute(
            select(Event.actor, func.count())
            .where(Event.organisation_id == org)
            .group_by(Event.actor)
        ).all()
        report = verify_chain(session)
    counts = dict(actors)
    assert counts["importer"] == batches * batch_size
    assert all(counts[f"reviewer-{w}"] == singles_per_writer for w in range(1, 1 + single_writers))
    assert report.ok
