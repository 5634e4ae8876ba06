"""Organisation A's keys never read, change, or learn of organisation B's objects: every
operation that takes an id answers 404 for B's ids, whatever the method."""

from __future__ import annotations

import re
from typing import Any

from fastapi.testclient import TestClient

from tests.conftest import Tenant

PASSPORTS_HELD_AUDIT: dict[str, Any] = {
    "audit_ref": "B-AUDIT-1",
    "audited_on": "2024-05-02",
    "audit_type": "announced",
    "paid_by": "supplier",
    "workers_total": 200,
    "workers_interviewed": 3,
    "findings": [{"severity": "critical", "description": "Passports kept by management"}],
    "evidence": {"documents": [{"worker_ref": f"W-{i}", "holder": "employer"} for i in range(10)]},
}
VALID_BODIES: dict[str, dict[str, Any]] = {
    "/assign": {"assignee": "reviewer@a.example", "version": 1},
    "/comments": {"body": "looking"},
    "/decision": {"decision": "terminate", "rationale": "x", "version": 1},
    "/status": {"status": "in_review", "version": 1},
    "/reopen": {"reason": "x", "version": 1},
    "/confirm": {"version": 1},
    "/reject": {"version": 1},
    "/audits": PASSPORTS_HELD_AUDIT,
}


def _objects_of(client: TestClient, owner: Tenant) -> dict[str, str]:
    """Creates one of everything in ``owner``'s organisation; returns ids by path parameter."""
    h = owner.headers("admin")
    first = client.post(
        "/v1/suppliers",
        headers=h,
        json={
            "name": "Golden Thread Garments Co., Ltd.",
            "external_ref": "B-1",
            "country": "Burma",
            "sector": "garments",
            "city": "Yangon",
        },
    ).json()
    second = client.post(
        "/v1/suppliers",
        headers=h,
        json={
            "name": "Golden Thread Garment Company Limited",
            "external_ref": "B-2",
            "country": "MM",
            "sector": "garments",
            "city": "Yangon",
        },
    ).json()
    link = client.post(
        "/v1/supply-links",
        headers=h,
        json={"supplier_id": second["id"], "buyer_id": first["id"], "input": "yarn"},
    ).json()
    document = client.post(
        f"/v1/supply-links/{link['id']}/documents",
        headers=h,
        data={"doc_type": "invoice", "number": "B-INV-1"},
        files={"file": ("i.pdf", b"%PDF-1.4 invoice", "application/pdf")},
    ).json()
    audit = client.post(f"/v1/suppliers/{first['id']}/audits", headers=h, json=PASSPORTS_HELD_AUDIT)
    assert audit.status_code == 201, audit.text
    cases = client.get("/v1/cases", headers=h).json()["items"]
    assert cases, "the flagged supplier opened a case"
    upload = client.post(
        "/v1/imports",
        headers=h,
        data={"kind": "suppliers"},
        files={"file": ("s.csv", b"Supplier Name,Country\nIrrawaddy Knit,Myanmar\n", "text/csv")},
    )
    assert upload.status_code in (200, 202), upload.text
    pairs = client.get("/v1/suppliers/duplicates", headers=h).json()["items"]
    rescore = client.post("/v1/assessments/rescore", headers=h)
    # Port 9 (discard) on loopback: nothing listens, so the ping fails fast and stays local.
    endpoint = client.post(
        "/v1/webhooks",
        headers=h,
        json={"url": "http://127.0.0.1:9/hooks", "event_types": ["case.decided"]},
    ).json()
    delivery = client.post(f"/v1/webhooks/{endpoint['id']}/ping", headers=h).json()
    return {
        "supplier_id": first["id"],
        "audit_id": audit.json()["id"],
        "case_id": cases[0]["id"],
        "import_job_id": upload.json()["id"],
        "rescore_job_id": rescore.json()["id"],
        "pair_id": pairs[0]["id"] if pairs else "",
        "endpoint_id": endpoint["id"],
        "delivery_id": delivery["id"],
        "prefix": owner.keys["procurement"][4:12],
        "link_id": link["id"],
        "document_id": document["id"],
    }


def _fill(path: str, ids: dict[str, str]) -> str | None:
    def value(match: re.Match[str]) -> str:
        name = match.group(1)
        if name == "job_id":
            name = "rescore_job_id" if "/rescore/" in path else "import_job_id"
        return {"kind": "timesheets"}.get(name) or ids.get(name, "")

    filled = re.sub(r"\{(\w+)\}", value, path)
    return None if "//" in filled or filled.endswith("/") else filled


def test_another_organisations_ids_are_not_found_everywhere(
    client: TestClient, tenant: Tenant, other_tenant: Tenant
) -> None:
    theirs = _objects_of(client, other_tenant)
    paths = client.get("/openapi.json").json()["paths"]
    checked, leaks = 0, []
    for template, operations in paths.items():
        if "{" not in template or template.startswith("/v1/risk-data"):
            continue  # risk data is shared reference data, not a tenant's
        path = _fill(template, theirs)
        if path is None:
            continue
        for method in operations:
            body = next((b for suffix, b in VALID_BODIES.items() if template.endswith(suffix)), {})
            response = client.request(
                method.upper(),
                path,
                headers=tenant.headers("admin"),
                json=body if method != "get" else None,
            )
            checked += 1
            if response.status_code != 404:
                leaks.append(f"{method.upper()} {template} -> {response.status_code}")
            elif "Golden Thread" in response.text or "B-AUDIT" in response.text:
                leaks.append(f"{method.upper()} {template} shows the other tenant's data")
    assert not leaks, "\n".join(leaks)
    assert checked >= 25


def test_the_answer_is_the_same_as_for_an_id_that_does_not_exist(
    client: TestClient, tenant: Tenant, other_tenant: Tenant
) -> None:
    theirs = _objects_of(client, other_tenant)
    h = tenant.headers("admin")
    nobody = "00000000-0000-4000-8000-000000000000"
    for template in ("/v1/suppliers/{id}", "/v1/audits/{id}", "/v1/cases/{id}"):
        kind = template.split("/")[2][:-1] + "_id"
        real = client.get(template.format(id=theirs[kind]), headers=h).json()
        absent = client.get(template.format(id=nobody), headers=h).json()
        for body in (real, absent):
            body.pop("request_id"), body.pop("instance")
        assert real["detail"].replace(theirs[kind], nobody) == absent["detail"]
        assert {k: v for k, v in real.items() if k != "detail"} == {
            k: v for k, v in absent.items() if k != "detail"
        }


def test_lists_and_search_never_show_another_organisations_data(
    client: TestClient, tenant: Tenant, other_tenant: Tenant
) -> None:
    _objects_of(client, other_tenant)
    h = tenant.headers("admin")
    for path in (
        "/v1/suppliers",
        "/v1/suppliers?q=Golden%20Thread",
        "/v1/cases",
        "/v1/suppliers/duplicates",
        "/v1/assessments/rescore",
        "/v1/webhooks",
    ):
        body = client.get(path, headers=h).json()
        assert body["items"] == [], path
    matches = client.post(
        "/v1/suppliers/match", headers=h, json={"name": "Golden Thread Garments", "country": "MM"}
    ).json()
    assert matches["candidates"] == []
    exported = client.get("/v1/exports/flagged?format=csv", headers=h)
    assert "Golden Thread" not in exported.text
