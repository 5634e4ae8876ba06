"""Numbers bounded by what the domain allows (``screening.inputs.limits``) at every door: a 422
naming the field on the API, a row error naming row and column on uploads and in
``flrisk score``; the largest allowed values stored and read back exactly on both engines."""

from __future__ import annotations

import csv
import json
import uuid
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select
from typer.testing import CliRunner

from api.cli.main import app
from models import PayrollRow, Supplier
from models.database import Database
from screening.inputs.limits import MAX_MONEY, MAX_TIER, MAX_WORKERS
from tests.conftest import Tenant
from tests.integration.test_imports import upload

DAY = (date.today() - timedelta(days=30)).isoformat()
HUGE = 10**40
INF = float("inf")


def send(client: TestClient, method: str, url: str, body: Any, headers: dict[str, str]) -> Any:
    """JSON as Python writes it, ``Infinity`` and ``NaN`` included (httpx refuses to)."""
    return client.request(
        method,
        url,
        content=json.dumps(body),
        headers={**headers, "Content-Type": "application/json"},
    )


def problem_pointers(response: Any) -> list[str]:
    assert response.status_code == 422, response.text
    assert response.headers["content-type"].startswith("application/problem+json")
    body = response.json()
    assert body["type"] == "/problems/validation-error"
    return [e["pointer"] for e in body["errors"]]


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("worker_count", HUGE),
        ("worker_count", 3_000_000_000),  # past a 32-bit column
        ("worker_count", MAX_WORKERS + 1),
        ("worker_count", -1),
        ("tier", 2**40),
        ("tier", MAX_TIER + 1),
        ("tier", 0),
        ("migrant_share", INF),
    ],
)
def test_a_supplier_outside_the_domain_is_a_422_naming_the_field(
    client: TestClient, tenant: Tenant, field: str, value: float
) -> None:
    body = {"name": "Harbour Electronics", "country": "MY", field: value}
    created = send(client, "POST", "/v1/suppliers", body, tenant.headers("compliance"))
    assert problem_pointers(created) == [f"/{field}"]

    ok = client.post(
        "/v1/suppliers",
        json={"name": "Harbour Electronics", "country": "MY"},
        headers=tenant.headers("compliance"),
    )
    assert ok.status_code == 201, ok.text
    patched = send(
        client, "PATCH", f"/v1/suppliers/{ok.json()['id']}", {field: value}, tenant.headers()
    )
    assert problem_pointers(patched) == [f"/{field}"]


def test_the_largest_allowed_supplier_is_stored_exactly(
    client: TestClient, tenant: Tenant, database: Database
) -> None:
    body = {
        "name": "Everyone Works Here Ltd",
        "country": "CN",
        "worker_count": MAX_WORKERS,
        "tier": MAX_TIER,
        "migrant_share": 1,
    }
    created = client.post("/v1/suppliers", json=body, headers=tenant.headers("compliance"))
    assert created.status_code == 201, created.text
    assert (created.json()["worker_count"], created.json()["tier"]) == (MAX_WORKERS, MAX_TIER)
    with database.session() as session:
        stored = session.get(Supplier, uuid.UUID(created.json()["id"]))
        assert stored is not None and (stored.worker_count, stored.tier) == (MAX_WORKERS, MAX_TIER)


def _payroll(**entry: Any) -> dict[str, Any]:
    row = {
        "worker_ref": "W-1",
        "period_start": "2024-01-01",
        "period_end": "2024-01-31",
        "gross": 1200.0,
        "net": 1100.0,
    }
    row.update(entry)
    return {
        "supplier": {"country": "Malaysia", "sector": "electronics"},
        "audits": [{"audited_on": "2024-05-02", "evidence": {"payroll": [row]}}],
        "as_of": "2024-06-01",
    }


PAYROLL = "/audits/0/evidence/payroll/0"


@pytest.mark.parametrize(
    ("payload", "pointer"),
    [
        ({"supplier": {"country": "MY", "worker_count": HUGE}}, "/supplier/worker_count"),
        (_payroll(net=INF), f"{PAYROLL}/net"),
        (_payroll(net=-INF), f"{PAYROLL}/net"),
        (_payroll(net=float("nan")), f"{PAYROLL}/net"),
        (_payroll(gross=MAX_MONEY * 10), f"{PAYROLL}/gross"),
        (_payroll(hours_paid=745), f"{PAYROLL}/hours_paid"),
        (_payroll(deductions=[{"kind": "loan", "amount": INF}]), f"{PAYROLL}/deductions/0/amount"),
    ],
)
def test_a_score_request_outside_the_domain_is_a_422_not_a_score(
    client: TestClient, tenant: Tenant, payload: dict[str, Any], pointer: str
) -> None:
    response = send(client, "POST", "/v1/score", payload, tenant.headers("procurement"))
    assert problem_pointers(response) == [pointer]

    batch = send(
        client,
        "POST",
        "/v1/score/batch",
        {"items": [payload, {"supplier": {"country": "MY"}}]},
        tenant.headers("procurement"),
    )
    assert batch.status_code == 200, batch.text
    refused, scored = batch.json()["items"]
    assert not refused["ok"] and scored["ok"]
    assert [e["pointer"] for e in refused["error"]["errors"]] == [f"/items/0{pointer}"]


def test_money_at_the_bounds_is_scored_and_stored_exactly(
    client: TestClient, tenant: Tenant, database: Database
) -> None:
    payload = _payroll(gross=MAX_MONEY, net=-MAX_MONEY, hours_paid=744)
    scored = client.post("/v1/score", json=payload, headers=tenant.headers("procurement"))
    assert scored.status_code == 200, scored.text
    assert scored.json()["assessment"]["input_digest"]

    supplier = client.post(
        "/v1/suppliers", json={"name": "Bound Ltd", "country": "MY"}, headers=tenant.headers()
    ).json()
    audit = client.post(
        f"/v1/suppliers/{supplier['id']}/audits",
        json=payload["audits"][0],
        headers=tenant.headers("compliance"),
    )
    assert audit.status_code == 201, audit.text
    with database.session() as session:
        row = session.scalars(select(PayrollRow)).one()
        assert (row.gross, row.net, row.hours_paid) == (MAX_MONEY, -MAX_MONEY, 744)


def test_an_upload_refuses_the_row_and_names_the_column(
    client: TestClient, tenant: Tenant, database: Database
) -> None:
    rows = [
        "name,country,worker_count,tier",
        "Fine Ltd,MY,120,1",
        f"Huge Ltd,MY,{HUGE},1",
        f"Longer Than Python Reads,MY,{'9' * 5000},1",
        f"Deep Ltd,MY,10,{2**40}",
        "Deeper Ltd,MY,10,Tier 101",
        f'Widest Ltd,MY,"{MAX_WORKERS:,}",Tier {MAX_TIER}',
    ]
    job = upload(client, tenant, "\n".join(rows) + "\n").json()
    assert job["status"] == "completed", job
    assert job["counts"]["created"] == 2 and job["counts"]["rejected"] == 4
    errors = client.get(
        f"/v1/imports/{job['id']}/errors", headers=tenant.headers("compliance")
    ).json()["items"]
    assert [(e["row"], e["column"]) for e in errors] == [
        (3, "worker_count"),
        (4, "worker_count"),
        (5, "tier"),
        (6, "tier"),
    ]
    assert "at most 10,000,000 workers" in errors[0]["message"]
    assert "from 1 to 100" in errors[2]["message"]
    with database.session() as session:
        widest = session.scalars(select(Supplier).where(Supplier.name == "Widest Ltd")).one()
        assert (widest.worker_count, widest.tier) == (MAX_WORKERS, MAX_TIER)


def test_an_audit_upload_refuses_numbers_past_the_domain(
    client: TestClient, tenant: Tenant
) -> None:
    headers = tenant.headers("compliance")
    client.post(
        "/v1/suppliers",
        json={"name": "Site Ltd", "country": "MY", "external_ref": "SUP-1"},
        headers=headers,
    )

    def imported(kind: str, text: str) -> tuple[dict[str, Any], list[tuple[int, str]]]:
        response = client.post(
            "/v1/imports",
            data={"kind": kind},
            files={"file": (f"{kind}.csv", text.encode(), "text/csv")},
            headers=headers,
        )
        assert response.status_code == 202, response.text
        job = response.json()
        assert job["status"] == "completed", job
        errors = client.get(f"/v1/imports/{job['id']}/errors", headers=headers).json()["items"]
        return job, [(e["row"], e["column"]) for e in errors]

    audits = (
        "supplier_ref,audit_ref,audited_on,workers_total,workers_interviewed\n"
        f"SUP-1,AUD-1,{DAY},400,20\n"
        f"SUP-1,AUD-2,{DAY},{HUGE},20\n"
        f"SUP-1,AUD-3,{DAY},{'9' * 400},20\n"
    )
    job, errors = imported("audits", audits)
    assert job["counts"]["created"] == 1
    assert errors == [(3, "workers_total"), (4, "workers_total")]

    big = "9" * 400  # read as a float it is inf
    payroll = (
        "audit_ref,worker_ref,period_start,period_end,gross,net,deductions,hours_paid\n"
        "AUD-1,W-1,2024-01-01,2024-01-31,1200,1100,tax=100,200\n"
        f"AUD-1,W-2,2024-01-01,2024-01-31,1200,-{big},,\n"
        "AUD-1,W-3,2024-01-01,2024-01-31,10000000000000,1100,,\n"
        "AUD-1,W-4,2024-01-01,2024-01-31,1200,1100,loan=10000000000000,\n"
        "AUD-1,W-5,2024-01-01,2024-01-31,1200,1100,,745\n"
        f"AUD-1,W-6,2024-01-01,2024-01-31,{MAX_MONEY:.0f},-{MAX_MONEY:.0f},,744\n"
    )
    job, errors = imported("payroll", payroll)
    assert job["counts"]["created"] == 2
    assert errors == [(3, "net"), (4, "gross"), (5, "deductions"), (6, "hours_paid")]


def test_flrisk_score_writes_the_row_error_and_scores_the_rest(tmp_path: Path) -> None:
    source, output = tmp_path / "suppliers.csv", tmp_path / "scored.csv"
    source.write_text(
        "name,country,worker_count,tier\n"
        "Fine Ltd,MY,120,1\n"
        f"Huge Ltd,MY,{HUGE},1\n"
        f"Deep Ltd,MY,10,{2**40}\n"
    )
    result = CliRunner().invoke(app, ["score", str(source), "-o", str(output)])
    assert result.exit_code == 0, result.output
    assert "1 scored" in result.output and "2 with errors" in result.output
    with output.open() as f:
        rows = list(csv.DictReader(f))
    assert rows[0]["score"] and not rows[0]["error"]
    assert rows[1]["error"].startswith("worker_count: expected at most 10,000,000")
    assert rows[2]["error"].startswith("tier: expected a tier number from 1 to 100")
    assert not rows[1]["score"] and not rows[2]["score"]
