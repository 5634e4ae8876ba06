"""Webhooks end to end against a real receiver on 127.0.0.1 that checks every signature:
deliveries for what happened in the product, retries with backoff until the receiver comes
back, final failure, secret rotation, redelivery, pings, redirects, timeouts, the periodic
sweep from the CLI, and tenants apart."""

from __future__ import annotations

import time
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select
from typer.testing import CliRunner

from api.app import create_app
from api.cli.main import app as cli
from api.jobs.queue import InlineQueue
from api.settings import Settings, get_settings
from api.webhooks import policy
from api.webhooks.dispatch import SweepReport, run_once
from models import Event
from models.database import Database
from tests.conftest import TEST_KEY_SECRET, Tenant
from tests.integration.test_cases import add_supplier
from tests.integration.webhook_receiver import Receiver

PASSPORTS_HELD_AUDIT: dict[str, Any] = {
    "audit_ref": "SMETA-KP-2026-001",
    "audited_on": "2026-05-02",
    "audit_type": "announced",
    "paid_by": "supplier",
    "workers_total": 200,
    "workers_interviewed": 3,
    "findings": [{"severity": "critical", "description": "Passports kept by management"}],
    "evidence": {"documents": [{"worker_ref": f"W-{i}", "holder": "employer"} for i in range(10)]},
}


PASSPORTS_FINDING = {
    "indicator": "retention_of_identity_documents",
    "severity": "critical",
    "description": "Passports confiscated on arrival",
}


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    running = Receiver().start()
    yield running
    running.stop()


def register(
    client: TestClient, tenant: Tenant, receiver: Receiver, types: list[str], **extra: Any
) -> dict[str, Any]:
    response = client.post(
        "/v1/webhooks",
        headers=tenant.headers("admin"),
        json={"url": extra.pop("url", receiver.url), "event_types": types, **extra},
    )
    assert response.status_code == 201, response.text
    endpoint: dict[str, Any] = response.json()
    receiver.secrets.append(endpoint["secret"])
    return endpoint


def deliveries(client: TestClient, tenant: Tenant, endpoint_id: str) -> list[dict[str, Any]]:
    response = client.get(f"/v1/webhooks/{endpoint_id}/deliveries", headers=tenant.headers())
    assert response.status_code == 200, response.text
    items: list[dict[str, Any]] = response.json()["items"]
    return items


def sweep(database: Database, now: datetime | None = None) -> SweepReport:
    return run_once(database, InlineQueue(database), now=now)


def due_at(delivery: dict[str, Any]) -> datetime:
    """When the delivery's next attempt is due (the sweep is handed this as its clock)."""
    return datetime.fromisoformat(delivery["next_attempt_at"])


def add_supplier_by_api(client: TestClient, tenant: Tenant, name: str) -> dict[str, Any]:
    response = client.post(
        "/v1/suppliers",
        headers=tenant.headers("compliance"),
        json={"name": name, "external_ref": name[:8], "country": "DE", "sector": "electronics"},
    )
    assert response.status_code == 201, response.text
    supplier: dict[str, Any] = response.json()
    return supplier


def flagged_case(client: TestClient, tenant: Tenant) -> dict[str, Any]:
    """A supplier whose audit found passports held by management: flagged, with a case."""
    supplier = client.post(
        "/v1/suppliers",
        headers=tenant.headers("compliance"),
        json={"name": "Golden Thread Garments", "country": "MM", "sector": "garments"},
    ).json()
    audit = client.post(
        f"/v1/suppliers/{supplier['id']}/audits",
        headers=tenant.headers("compliance"),
        json=PASSPORTS_HELD_AUDIT,
    )
    assert audit.status_code == 201, audit.text
    cases = client.get("/v1/cases", headers=tenant.headers("auditor")).json()["items"]
    assert len(cases) == 1
    case: dict[str, Any] = cases[0]
    return case


def decide(client: TestClient, tenant: Tenant, case_id: str, decision: str) -> dict[str, Any]:
    h = tenant.headers("auditor")
    version = client.get(f"/v1/cases/{case_id}", headers=h).json()["version"]
    started = client.post(
        f"/v1/cases/{case_id}/status", headers=h, json={"status": "in_review", "version": version}
    )
    assert started.status_code == 200, started.text
    decided = client.post(
        f"/v1/cases/{case_id}/decision",
        headers=h,
        json={
            "decision": decision,
            "rationale": "Passports held by management; no remediation offered.",
            "version": started.json()["version"],
        },
    )
    assert decided.status_code == 200, decided.text
    result: dict[str, Any] = decided.json()
    return result


def test_deciding_a_case_sends_a_signed_case_decided(
    client: TestClient, database: Database, tenant: Tenant, receiver: Receiver
) -> None:
    endpoint = register(client, tenant, receiver, ["case.decided"])
    assert endpoint["secret"].startswith("whsec_")
    case = flagged_case(client, tenant)
    assert receiver.received == [], "a case opening is not case.decided"

    decide(client, tenant, case["id"], "terminate")

    assert len(receiver.received) == 1
    request = receiver.received[0]
    assert receiver.verified(request), request.headers
    assert request.headers["content-type"] == "application/json"
    body = request.json
    assert body["type"] == "case.decided"
    data = body["data"]
    assert data["organisation_id"] == tenant.organisation_id
    assert (data["entity_type"], data["entity_id"], data["action"]) == (
        "case",
        case["id"],
        "case.decided",
    )
    assert data["after"]["decision"] == "terminate" and data["after"]["status"] == "closed"
    assert data["before"]["status"] == "in_review"
    with database.session() as session:
        event = session.scalars(
            select(Event).where(Event.action == "case.decided", Event.entity_id == case["id"])
        ).one()
    assert data["event_seq"] == event.seq
    assert body["timestamp"] == event.created_at.isoformat()

    [delivery] = deliveries(client, tenant, endpoint["id"])
    assert delivery["status"] == "delivered" and delivery["attempts"] == 1
    assert delivery["message_id"] == request.headers["webhook-id"]
    assert delivery["event_type"] == "case.decided" and delivery["event_seq"] == event.seq
    assert [a["status_code"] for a in delivery["attempt_log"]] == [200]


def test_a_failing_receiver_is_retried_with_backoff_until_it_comes_back(
    client: TestClient, database: Database, tenant: Tenant, receiver: Receiver
) -> None:
    receiver.fail_first = 2
    endpoint = register(client, tenant, receiver, ["assessment.changed"])
    before = datetime.now(UTC)
    add_supplier_by_api(client, tenant, "Rhine Components GmbH")

    [first] = deliveries(client, tenant, endpoint["id"])
    assert (first["status"], first["attempts"], first["last_status_code"]) == ("pending", 1, 503)
    assert first["last_error"] == "HTTP 503"
    wait = due_at(first) - before
    assert timedelta(seconds=policy.BACKOFF_BASE_SECONDS * 0.5) <= wait
    assert wait <= timedelta(seconds=policy.BACKOFF_BASE_SECONDS + 5)

    assert sweep(database).retried == 0, "not due yet: nothing is sent early"
    assert len(receiver.received) == 1

    sweep(database, now=due_at(first))
    [second] = deliveries(client, tenant, endpoint["id"])
    assert (second["status"], second["attempts"]) == ("pending", 2)
    waited = due_at(second) - datetime.fromisoformat(second["attempt_log"][1]["attempted_at"])
    step = timedelta(seconds=policy.BACKOFF_BASE_SECONDS * 2)  # the wait doubles
    assert step * 0.5 <= waited <= step + timedelta(seconds=5)

    sweep(database, now=due_at(second))
    [done] = deliveries(client, tenant, endpoint["id"])
    assert (done["status"], done["attempts"], done["next_attempt_at"]) == ("delivered", 3, None)
    assert [a["status_code"] for a in done["attempt_log"]] == [503, 503, 200]
    assert done["attempt_log"][0]["response_excerpt"] == "down for maintenance"

    assert [r.answered for r in receiver.received] == [503, 503, 200]
    assert len({r.headers["webhook-id"] for r in receiver.received}) == 1, "one message id"
    assert len({r.body for r in receiver.received}) == 1, "the same body on every attempt"
    assert all(receiver.verified(r) for r in receiver.received)
    assert receiver.received[-1].json["type"] == "assessment.changed"

    sweep(database, now=datetime.now(UTC) + timedelta(days=2))
    assert len(receiver.received) == 3, "a delivered message is not sent again"


def test_a_delivery_fails_for_good_after_the_last_attempt(
    client: TestClient, database: Database, tenant: Tenant, receiver: Receiver
) -> None:
    receiver.fail_first, receiver.fail_status = 1_000, 500
    endpoint = register(client, tenant, receiver, ["assessment.changed"])
    add_supplier_by_api(client, tenant, "Never Up Ltd")
    for _ in range(policy.MAX_ATTEMPTS + 2):
        [delivery] = deliveries(client, tenant, endpoint["id"])
        if delivery["status"] != "pending":
            break
        sweep(database, now=due_at(delivery))
    assert delivery["status"] == "failed"
    assert delivery["attempts"] == policy.MAX_ATTEMPTS and delivery["next_attempt_at"] is None
    assert len(receiver.received) == policy.MAX_ATTEMPTS
    waits = [
        datetime.fromisoformat(b["attempted_at"]) - datetime.fromisoformat(a["attempted_at"])
        for a, b in zip(delivery["attempt_log"], delivery["attempt_log"][1:], strict=False)
    ]
    assert len(waits) == policy.MAX_ATTEMPTS - 1
    sweep(database, now=datetime.now(UTC) + timedelta(days=30))
    assert len(receiver.received) == policy.MAX_ATTEMPTS
    failed = client.get(
        f"/v1/webhooks/{endpoint['id']}/deliveries?status=failed", headers=tenant.headers()
    ).json()["items"]
    assert [d["id"] for d in failed] == [delivery["id"]]


def test_a_rotated_secret_signs_beside_the_new_one_until_the_overlap_ends(
    client: TestClient, tenant: Tenant, receiver: Receiver
) -> None:
    endpoint = register(client, tenant, receiver, ["case.decided"])
    first = endpoint["secret"]
    h = tenant.headers()
    rotated = client.post(
        f"/v1/webhooks/{endpoint['id']}/secret/rotate", headers=h, json={"overlap_hours": 24}
    )
    assert rotated.status_code == 200, rotated.text
    second = rotated.json()["secret"]
    assert second.startswith("whsec_") and second != first
    expires = datetime.fromisoformat(rotated.json()["previous_expires_at"])
    assert timedelta(hours=23) < expires - datetime.now(UTC) <= timedelta(hours=24)
    shown = client.get(f"/v1/webhooks/{endpoint['id']}", headers=h)
    assert [s["expires_at"] is None for s in shown.json()["secrets"]] == [True, False]
    assert first not in shown.text and second not in shown.text

    client.post(f"/v1/webhooks/{endpoint['id']}/ping", headers=h)
    during = receiver.received[-1]
    assert len(during.headers["webhook-signature"].split(" ")) == 2
    assert receiver.verified(during, first) and receiver.verified(during, second)

    third = client.post(
        f"/v1/webhooks/{endpoint['id']}/secret/rotate", headers=h, json={"overlap_hours": 0}
    ).json()["secret"]
    client.post(f"/v1/webhooks/{endpoint['id']}/ping", headers=h)
    after = receiver.received[-1]
    assert len(after.headers["webhook-signature"].split(" ")) == 1
    assert receiver.verified(after, third)
    assert not receiver.verified(after, first) and not receiver.verified(after, second)
    assert len(client.get(f"/v1/webhooks/{endpoint['id']}", headers=h).json()["secrets"]) == 1


def test_redelivery_sends_the_same_message_again_as_a_new_delivery(
    client: TestClient, tenant: Tenant, receiver: Receiver
) -> None:
    endpoint = register(client, tenant, receiver, ["case.opened"])
    h = tenant.headers()
    ping = client.post(f"/v1/webhooks/{endpoint['id']}/ping", headers=h)
    assert ping.status_code == 202, ping.text
    original = ping.json()
    assert original["status"] == "delivered" and original["event_type"] == "webhook.ping"
    assert original["payload"]["data"]["entity_id"] == endpoint["id"]

    again = client.post(
        f"/v1/webhooks/{endpoint['id']}/deliveries/{original['id']}/redeliver", headers=h
    )
    assert again.status_code == 202, again.text
    redelivered = again.json()
    assert redelivered["id"] != original["id"]
    assert redelivered["redelivery_of"] == original["id"]
    assert redelivered["message_id"] == original["message_id"]
    assert redelivered["status"] == "delivered"

    first, second = receiver.received
    assert first.headers["webhook-id"] == second.headers["webhook-id"] == original["message_id"]
    assert first.body == second.body
    assert receiver.verified(first) and receiver.verified(second)
    log = deliveries(client, tenant, endpoint["id"])
    assert {d["id"] for d in log} == {original["id"], redelivered["id"]}
    detail = client.get(
        f"/v1/webhooks/{endpoint['id']}/deliveries/{redelivered['id']}", headers=h
    ).json()
    assert detail["payload"] == original["payload"]


def test_endpoints_get_only_their_types_and_only_what_happened_after_registration(
    client: TestClient, tenant: Tenant, receiver: Receiver
) -> None:
    add_supplier_by_api(client, tenant, "Before Hooks BV")
    opened = register(client, tenant, receiver, ["case.opened"])
    flagged = register(client, tenant, receiver, ["supplier.flagged", "assessment.changed"])
    case = flagged_case(client, tenant)

    log = {e["id"]: deliveries(client, tenant, e["id"]) for e in (opened, flagged)}
    assert [d["event_type"] for d in log[opened["id"]]] == ["case.opened"]
    assert log[opened["id"]][0]["status"] == "delivered"
    types = sorted(d["event_type"] for d in log[flagged["id"]])
    # The supplier is assessed when made (not flagged), then again with its audit (flagged).
    assert types == ["assessment.changed", "assessment.changed", "supplier.flagged"]
    bodies = [r.json for r in receiver.received]
    assert not any(b["data"]["entity_id"] != case["id"] and "Before" in str(b) for b in bodies)
    case_opened = next(b for b in bodies if b["type"] == "case.opened")
    assert case_opened["data"]["entity_id"] == case["id"]
    assert all(receiver.verified(r) for r in receiver.received)


def test_a_disabled_endpoint_gets_nothing_and_not_what_it_missed_once_enabled(
    client: TestClient, tenant: Tenant, receiver: Receiver
) -> None:
    endpoint = register(client, tenant, receiver, ["assessment.changed"])
    h = tenant.headers()
    off = client.patch(f"/v1/webhooks/{endpoint['id']}", headers=h, json={"enabled": False})
    assert off.status_code == 200 and off.json()["enabled"] is False
    add_supplier_by_api(client, tenant, "While Off SA")
    assert client.post(f"/v1/webhooks/{endpoint['id']}/ping", headers=h).status_code == 409
    on = client.patch(f"/v1/webhooks/{endpoint['id']}", headers=h, json={"enabled": True})
    assert on.json()["enabled"] is True
    assert receiver.received == []
    add_supplier_by_api(client, tenant, "After On SA")
    [request] = receiver.received
    assert request.json["data"]["action"] == "assessment.created"


def test_import_completed_is_sent_when_an_upload_finishes_but_not_for_a_dry_run(
    client: TestClient, tenant: Tenant, receiver: Receiver
) -> None:
    endpoint = register(client, tenant, receiver, ["import.completed"])
    h = tenant.headers("compliance")
    csv = (
        b"Supplier Name,Country,Supplier ID\nIrrawaddy Knit,Myanmar,IK-1\nDelta Dye,Vietnam,DD-2\n"
    )
    dry = client.post(
        "/v1/imports",
        headers=h,
        data={"kind": "suppliers", "dry_run": "true"},
        files={"file": ("s.csv", csv, "text/csv")},
    )
    assert dry.status_code in (200, 202), dry.text
    assert receiver.received == []
    upload = client.post(
        "/v1/imports",
        headers=h,
        data={"kind": "suppliers"},
        files={"file": ("suppliers.csv", csv, "text/csv")},
    )
    assert upload.status_code in (200, 202), upload.text
    [request] = receiver.received
    assert receiver.verified(request)
    body = request.json
    assert body["type"] == "import.completed"
    assert body["data"]["entity_type"] == "import_job"
    assert body["data"]["entity_id"] == upload.json()["id"]
    after = body["data"]["after"]
    assert (after["status"], after["rows_total"], after["created"]) == ("completed", 2, 2)
    assert after["filename"] == "suppliers.csv"
    assert [d["event_type"] for d in deliveries(client, tenant, endpoint["id"])] == [
        "import.completed"
    ]


def test_a_redirect_to_another_host_is_not_followed_but_one_on_the_same_origin_is(
    client: TestClient, tenant: Tenant, receiver: Receiver
) -> None:
    elsewhere = Receiver().start()
    try:
        receiver.redirect = f"http://localhost:{elsewhere.port}/hooks"
        endpoint = register(client, tenant, receiver, ["case.decided"])
        h = tenant.headers()
        refused = client.post(f"/v1/webhooks/{endpoint['id']}/ping", headers=h).json()
        assert refused["status"] == "pending" and refused["last_status_code"] == 307
        assert "redirect to another origin" in refused["last_error"]
        assert elsewhere.received == []

        receiver.redirect = "/moved"
        followed = client.post(f"/v1/webhooks/{endpoint['id']}/ping", headers=h).json()
        assert followed["status"] == "delivered", followed
        assert [r.path for r in receiver.received[-2:]] == ["/hooks/flrisk", "/moved"]
        assert receiver.verified(receiver.received[-1])
    finally:
        elsewhere.stop()


def test_a_receiver_slower_than_the_timeout_counts_as_a_failed_attempt(
    client: TestClient, tenant: Tenant, receiver: Receiver, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(policy, "TIMEOUT_SECONDS", 0.3)
    receiver.delay = 1.5
    endpoint = register(client, tenant, receiver, ["case.decided"])
    slow = client.post(f"/v1/webhooks/{endpoint['id']}/ping", headers=tenant.headers()).json()
    assert slow["status"] == "pending" and slow["last_status_code"] is None
    assert "timeout" in slow["last_error"]


def test_the_cli_sweep_dispatches_events_written_outside_a_request(
    client: TestClient,
    database: Database,
    tenant: Tenant,
    receiver: Receiver,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    register(client, tenant, receiver, ["supplier.flagged"])
    # Written by a background job or a script, not through the API: no request dispatches it.
    add_supplier(
        database,
        tenant,
        "Pyongyang Knitwear",
        findings=(PASSPORTS_FINDING,),
    )
    assert receiver.received == []
    monkeypatch.setenv("DATABASE_URL", database.url)
    monkeypatch.setenv("FLRISK_API_KEY_SECRET", TEST_KEY_SECRET)
    monkeypatch.setenv("FLRISK_JOB_MODE", "thread")
    get_settings.cache_clear()
    try:
        result = CliRunner().invoke(cli, ["webhooks", "dispatch"])
    finally:
        get_settings.cache_clear()
    assert result.exit_code == 0, result.output
    assert "1 new deliveries" in result.stdout
    [request] = receiver.received
    assert request.json["type"] == "supplier.flagged" and receiver.verified(request)


def test_organisations_never_see_or_receive_each_others_webhooks(
    client: TestClient, tenant: Tenant, other_tenant: Tenant, receiver: Receiver
) -> None:
    theirs_receiver = Receiver().start()
    try:
        mine = register(client, tenant, receiver, ["assessment.changed"])
        theirs = register(client, other_tenant, theirs_receiver, ["assessment.changed"])
        add_supplier_by_api(client, tenant, "Only Mine Ltd")
        assert len(receiver.received) == 1 and theirs_receiver.received == []
        assert receiver.received[0].json["data"]["organisation_id"] == tenant.organisation_id

        h = tenant.headers()
        listed = client.get("/v1/webhooks", headers=h).json()["items"]
        assert [e["id"] for e in listed] == [mine["id"]]
        ping = client.post(f"/v1/webhooks/{theirs['id']}/ping", headers=other_tenant.headers())
        their_delivery = ping.json()["id"]
        base = f"/v1/webhooks/{theirs['id']}"
        for method, path, body in (
            ("GET", base, None),
            ("PATCH", base, {"enabled": False}),
            ("POST", f"{base}/secret/rotate", {}),
            ("POST", f"{base}/ping", None),
            ("GET", f"{base}/deliveries", None),
            ("GET", f"{base}/deliveries/{their_delivery}", None),
            ("POST", f"{base}/deliveries/{their_delivery}/redeliver", None),
            ("GET", f"/v1/webhooks/{mine['id']}/deliveries/{their_delivery}", None),
            ("DELETE", base, None),
        ):
            response = client.request(method, path, headers=h, json=body)
            assert response.status_code == 404, (method, path, response.text)
        assert len(theirs_receiver.received) == 1, "only their own ping reached them"
        still = client.get(base, headers=other_tenant.headers())
        assert still.status_code == 200 and still.json()["enabled"] is True
    finally:
        theirs_receiver.stop()


def test_only_admins_manage_webhooks_and_secrets_are_shown_once(
    client: TestClient, tenant: Tenant, receiver: Receiver, capfd: pytest.CaptureFixture[str]
) -> None:
    for role in ("compliance", "procurement", "auditor"):
        refused = client.post(
            "/v1/webhooks",
            headers=tenant.headers(role),
            json={"url": receiver.url, "event_types": ["case.decided"]},
        )
        assert refused.status_code == 403, role
    endpoint = register(client, tenant, receiver, ["case.decided"], description="ERP sync")
    secret = endpoint["secret"]
    listed = client.get("/v1/webhooks", headers=tenant.headers())
    assert secret not in listed.text and listed.json()["items"][0]["description"] == "ERP sync"
    client.post(f"/v1/webhooks/{endpoint['id']}/ping", headers=tenant.headers())
    assert receiver.verified(receiver.received[0])
    logs = capfd.readouterr()
    assert secret not in logs.out + logs.err
    assert secret.removeprefix("whsec_") not in logs.out + logs.err


def test_an_endpoint_needs_an_absolute_http_url(client: TestClient, tenant: Tenant) -> None:
    for url in ("ftp://example.com/x", "not a url", "http://user:pw@127.0.0.1/x", "/relative"):
        response = client.post(
            "/v1/webhooks",
            headers=tenant.headers(),
            json={"url": url, "event_types": ["case.decided"]},
        )
        assert response.status_code == 422, (url, response.text)
        assert response.json()["errors"][0]["pointer"] == "/url"


def test_unknown_event_types_are_refused_with_the_accepted_ones(
    client: TestClient, tenant: Tenant
) -> None:
    response = client.post(
        "/v1/webhooks",
        headers=tenant.headers(),
        json={"url": "https://erp.example.com/hooks", "event_types": ["case.closed"]},
    )
    assert response.status_code == 422
    assert "case.decided" in response.text
    offered = client.get("/v1/webhooks/event-types", headers=tenant.headers()).json()["items"]
    assert {t["type"] for t in offered} == {
        "case.opened",
        "case.decided",
        "supplier.flagged",
        "supplier.status_changed",
        "assessment.changed",
        "import.completed",
    }


def test_deleting_an_endpoint_stops_its_deliveries(
    client: TestClient, tenant: Tenant, receiver: Receiver
) -> None:
    endpoint = register(client, tenant, receiver, ["assessment.changed"])
    h = tenant.headers()
    assert client.delete(f"/v1/webhooks/{endpoint['id']}", headers=h).status_code == 204
    add_supplier_by_api(client, tenant, "After Delete Oy")
    assert receiver.received == []
    assert client.get(f"/v1/webhooks/{endpoint['id']}", headers=h).status_code == 404
    assert uuid.UUID(endpoint["id"])


def test_a_suspension_reaches_the_buyer_as_supplier_status_changed(
    client: TestClient, tenant: Tenant, receiver: Receiver
) -> None:
    register(client, tenant, receiver, ["supplier.status_changed", "case.decided"])
    case = flagged_case(client, tenant)
    decide(client, tenant, case["id"], "suspend")
    bodies = [r.json for r in receiver.received]
    assert all(receiver.verified(r) for r in receiver.received)
    changes = [b["data"] for b in bodies if b["type"] == "supplier.status_changed"]
    assert [c["after"]["status"] for c in changes] == ["under_review", "suspended"]
    assert changes[-1]["entity_type"] == "supplier"
    assert changes[-1]["after"]["case_id"] == case["id"]
    assert [b["type"] for b in bodies].count("case.decided") == 1
    seqs = [b["data"]["event_seq"] for b in bodies]
    assert seqs == sorted(seqs), "delivered in the order of the chain"


def test_the_api_sweeps_by_itself_for_events_written_by_background_work(
    settings: Settings, database: Database, tenant: Tenant, receiver: Receiver
) -> None:
    threaded = settings.model_copy(update={"job_mode": "thread", "webhook_sweep_seconds": 0.2})
    with TestClient(create_app(threaded, database)) as api:
        register(api, tenant, receiver, ["case.opened"])
        # A background job's write: no request follows it, only the API's own sweep sees it.
        add_supplier(database, tenant, "Chongjin Apparel", findings=(PASSPORTS_FINDING,))
        deadline = time.monotonic() + 30
        while not receiver.received and time.monotonic() < deadline:
            time.sleep(0.05)
    [request] = receiver.received
    assert request.json["type"] == "case.opened" and receiver.verified(request)
