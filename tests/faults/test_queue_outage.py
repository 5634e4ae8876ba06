"""Redis going away: uploads and re-score requests answer 503 problem+json and leave nothing
waiting for a job that was never queued, `/readyz` fails, and once Redis is back the same
upload imports and the next re-score is queued."""

from __future__ import annotations

import uuid
from datetime import timedelta
from pathlib import Path

from fastapi.testclient import TestClient
from sqlalchemy import func, select

from api.assessments import rescore
from api.jobs.queue import RQQueue
from api.jobs.requeue import requeue_lost
from api.webhooks.dispatch import run_once
from models import ImportJob, RescoreJob, Supplier
from models.database import Database
from tests.conftest import Tenant
from tests.faults.redis_server import PrivateRedis, run_workers
from tests.integration.test_cases import add_supplier
from tests.integration.webhook_receiver import Receiver

UPLOAD = (
    Path(__file__).resolve().parents[1] / "data" / "uploads" / "clean_suppliers.csv"
).read_bytes()


def _upload(client: TestClient, tenant: Tenant) -> object:
    return client.post(
        "/v1/imports",
        data={"kind": "suppliers"},
        files={"file": ("suppliers.csv", UPLOAD, "text/csv")},
        headers=tenant.headers("compliance"),
    )


def _suppliers(database: Database, tenant: Tenant) -> int:
    with database.session() as session:
        query = select(func.count()).select_from(Supplier)
        organisation = uuid.UUID(tenant.organisation_id)
        return int(session.scalar(query.where(Supplier.organisation_id == organisation)) or 0)


def test_an_upload_while_redis_is_down_is_refused_with_nothing_left_waiting_and_imports_once_it_is_back(
    rq_client: TestClient, tenant: Tenant, database: Database, redis: PrivateRedis
) -> None:
    redis.stop()
    refused = _upload(rq_client, tenant)
    assert refused.status_code == 503, refused.text
    assert refused.headers["content-type"] == "application/problem+json"
    assert refused.json()["type"] == "/problems/queue-unavailable"
    assert refused.headers["retry-after"]
    with database.session() as session:
        jobs = list(session.scalars(select(ImportJob)))
    # No job sits queued holding the file's dedupe key: the one made is failed, and says so.
    assert [(j.status, j.dedupe_key, j.problem["code"]) for j in jobs] == [
        ("failed", None, "queue_unavailable")
    ]
    assert _suppliers(database, tenant) == 0

    redis.start()
    accepted = _upload(rq_client, tenant)
    assert accepted.status_code == 202, accepted.text
    assert accepted.json()["status"] == "queued"
    run_workers(database.url, redis.url)
    job = rq_client.get(accepted.headers["location"], headers=tenant.headers("compliance"))
    assert job.json()["status"] == "completed", job.text
    assert job.json()["counts"]["created"] == _suppliers(database, tenant) > 0
    # And it is the file's job now: sending it again answers with it.
    again = _upload(rq_client, tenant)
    assert again.status_code == 200 and again.json()["id"] == accepted.json()["id"]


def test_a_rescore_request_while_redis_is_down_is_refused_and_does_not_block_the_next(
    rq_client: TestClient, tenant: Tenant, database: Database, redis: PrivateRedis
) -> None:
    headers = tenant.headers("compliance")
    redis.stop()
    refused = rq_client.post("/v1/assessments/rescore", headers=headers)
    assert refused.status_code == 503, refused.text
    assert refused.json()["type"] == "/problems/queue-unavailable"
    with database.session() as session:
        statuses = list(session.scalars(select(RescoreJob.status)))
    assert statuses == ["failed"]

    redis.start()
    accepted = rq_client.post("/v1/assessments/rescore", headers=headers)
    assert accepted.status_code == 202, accepted.text
    assert accepted.json()["status"] == "queued"
    run_workers(database.url, redis.url)
    done = rq_client.get(accepted.headers["location"], headers=headers).json()
    assert done["status"] == "completed", done


def test_readyz_reports_redis_and_fails_while_it_is_unreachable(
    rq_client: TestClient, redis: PrivateRedis
) -> None:
    ready = rq_client.get("/readyz")
    assert ready.status_code == 200, ready.text
    assert ready.json()["queue"] == "redis"

    redis.stop()
    down = rq_client.get("/readyz")
    assert down.status_code == 503
    assert down.headers["content-type"] == "application/problem+json"
    assert down.json()["type"] == "/problems/queue-unavailable"
    assert rq_client.get("/healthz").status_code == 200  # the process itself is alive

    redis.start()
    assert rq_client.get("/readyz").status_code == 200


def test_readyz_names_no_queue_when_jobs_run_in_the_process(client: TestClient) -> None:
    ready = client.get("/readyz")
    assert ready.status_code == 200 and ready.json()["queue"] is None


def test_a_supply_link_made_while_redis_is_down_is_kept_and_its_rescore_waits_for_a_runner(
    rq_client: TestClient, tenant: Tenant, database: Database, redis: PrivateRedis
) -> None:
    """The link is the user's write and stands; the re-score of its buyer, which could not be
    queued, is left unclaimed for the next runner rather than claimed by no one for ever."""
    buyer = add_supplier(database, tenant, "Buyer Garments", country="FR")
    supplier = add_supplier(database, tenant, "Cotton Gin", country="TM", products=("cotton",))
    redis.stop()
    made = rq_client.post(
        "/v1/supply-links",
        json={"supplier_id": str(supplier), "buyer_id": str(buyer), "input": "cotton"},
        headers=tenant.headers("compliance"),
    )
    assert made.status_code == 201, made.text
    job_id = uuid.UUID(made.json()["rescore_job_id"])
    with database.session() as session:
        job = session.get_one(RescoreJob, job_id)
        assert (job.status, job.enqueued_at) == ("queued", None)

    redis.start()
    handed = rescore.enqueue_waiting_downstream(
        database, RQQueue(redis.url), uuid.UUID(tenant.organisation_id)
    )
    assert handed == [job_id]
    run_workers(database.url, redis.url)
    with database.session() as session:
        assert session.get_one(RescoreJob, job_id).status == "completed"


def test_a_webhook_ping_while_redis_is_down_is_recorded_and_sent_by_the_sweep_once_it_is_back(
    rq_client: TestClient, tenant: Tenant, database: Database, redis: PrivateRedis
) -> None:
    receiver = Receiver().start()
    try:
        made = rq_client.post(
            "/v1/webhooks",
            headers=tenant.headers("admin"),
            json={"url": receiver.url, "event_types": ["case.decided"]},
        )
        assert made.status_code == 201, made.text
        receiver.secrets.append(made.json()["secret"])
        redis.stop()
        ping = rq_client.post(f"/v1/webhooks/{made.json()['id']}/ping", headers=tenant.headers())
        # The delivery is recorded, pending and due: nothing is lost, so no 503 to retry on.
        assert ping.status_code == 202, ping.text
        assert ping.json()["status"] == "pending"

        redis.start()
        assert run_once(database, RQQueue(redis.url)).retried == 1
        run_workers(database.url, redis.url)
        assert len(receiver.received) == 1 and receiver.verified(receiver.received[0])
    finally:
        receiver.stop()


def test_an_upload_waiting_in_redis_when_it_restarts_is_queued_again_and_imported_once(
    rq_client: TestClient, tenant: Tenant, database: Database, redis: PrivateRedis
) -> None:
    accepted = _upload(rq_client, tenant)
    assert accepted.status_code == 202, accepted.text
    queue = RQQueue(redis.url)
    # While Redis holds it, offering it again adds nothing: one worker run imports it.
    assert requeue_lost(database, queue, older_than=timedelta(0)) == 1
    redis.stop()  # no persistence: what waited in the queue is gone
    redis.start()
    assert requeue_lost(database, queue, older_than=timedelta(0)) == 1
    run_workers(database.url, redis.url)
    job = rq_client.get(accepted.headers["location"], headers=tenant.headers("compliance"))
    assert job.json()["status"] == "completed", job.text
    assert job.json()["counts"]["created"] == _suppliers(database, tenant) > 0
    # Finished: nothing is offered again.
    assert requeue_lost(database, queue, older_than=timedelta(0)) == 0


def test_a_job_redis_still_holds_is_queued_once_however_often_it_is_offered(
    rq_client: TestClient, tenant: Tenant, database: Database, redis: PrivateRedis
) -> None:
    from redis import Redis

    accepted = _upload(rq_client, tenant)
    queue = RQQueue(redis.url)
    for _ in range(3):
        requeue_lost(database, queue, older_than=timedelta(0))
        queue.enqueue("imports.process", accepted.json()["id"])
    assert Redis.from_url(redis.url).llen("rq:queue:flrisk") == 1
