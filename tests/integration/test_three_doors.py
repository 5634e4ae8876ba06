"""The same supplier gives the same assessment and digest by every door: ``POST /v1/score``
(nothing stored), the registry (``POST /v1/suppliers``, then audits) and ``flrisk score``."""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from api.scoring.files import score_file
from risk_data.loader import load_risk_data
from tests.conftest import Tenant
from tests.generators.audit_evidence import generate_audit
from tests.integration.test_audits import payload

# Region x commodity rules read the client's product text (the two cases), an ILAB
# good with a forced-labour listing, and a plain context.
SUPPLIERS = [
    {"country": "Cambodia", "region": "Sihanoukville", "products": ["online scams"]},
    {"country": "Laos", "region": "Golden Triangle", "products": ["online scams"]},
    {"country": "Malaysia", "sector": "electronics", "products": ["gloves", "electronics"]},
    {"country": "Germany", "sector": "manufacturing", "products": ["car seats"]},
]


def _by_api(client: TestClient, tenant: Tenant, supplier: dict[str, Any], **extra: Any) -> Any:
    response = client.post(
        "/v1/score", json={"supplier": supplier, **extra}, headers=tenant.headers("procurement")
    )
    assert response.status_code == 200, response.text
    return response.json()["assessment"]


def _by_registry(client: TestClient, tenant: Tenant, supplier: dict[str, Any]) -> Any:
    created = client.post(
        "/v1/suppliers", json={"name": "Door Test Co", **supplier}, headers=tenant.headers()
    )
    assert created.status_code == 201, created.text
    sid = created.json()["id"]
    stored = client.get(f"/v1/suppliers/{sid}/assessment", headers=tenant.headers()).json()
    return sid, stored["assessment"]


def _by_file(tmp_path: Path, supplier: dict[str, Any]) -> dict[str, str]:
    source, out = tmp_path / "in.csv", tmp_path / "out.csv"
    with source.open("w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        writer.writerow(["name", "country", "region", "sector", "products"])
        writer.writerow(
            [
                "Door Test Co",
                supplier["country"],
                supplier.get("region", ""),
                supplier.get("sector", ""),
                "; ".join(supplier["products"]),
            ]
        )
    data = load_risk_data()
    score_file(source, out, data, as_of=date.today(), threshold=60.0)
    with out.open(encoding="utf-8") as f:
        (row,) = list(csv.DictReader(f))
    assert not row["error"], row["error"]
    return row


@pytest.mark.parametrize("supplier", SUPPLIERS, ids=lambda s: s["country"])
def test_three_doors_agree_on_context(
    client: TestClient, tenant: Tenant, tmp_path: Path, supplier: dict[str, Any]
) -> None:
    scored = _by_api(client, tenant, supplier)
    _, stored = _by_registry(client, tenant, supplier)
    filed = _by_file(tmp_path, supplier)
    assert scored["score"] == stored["score"] == float(filed["score"])
    assert scored["input_digest"] == stored["input_digest"] == filed["input_digest"]
    assert [r["code"] for r in scored["flag_reasons"]] == [
        r["code"] for r in stored["flag_reasons"]
    ]
    assert " ".join(r["code"] for r in scored["flag_reasons"]) == filed["flag_reasons"]


def test_online_scams_in_sihanoukville_keeps_the_regional_rule(
    client: TestClient, tenant: Tenant
) -> None:
    """The client's product text is what the region x commodity statement names."""
    scored = _by_api(client, tenant, SUPPLIERS[0])
    elsewhere = _by_api(client, tenant, {"country": "Cambodia", "products": ["online scams"]})
    assert scored["score"] == elsewhere["score"] + 10.0
    assert "region_commodity" in {f["code"] for f in scored["factors"]}


def test_an_audit_scores_the_same_posted_or_stored(client: TestClient, tenant: Tenant) -> None:
    """Evidence with raw account numbers, currencies in lower case and deductions of one kind
    twice: the stored audit and the posted one are the same engine input."""
    audit = payload(generate_audit(7, workers=30, days=35).audit, ref="SMETA-TH-2026-001")
    for p in audit["evidence"]["payroll"][:10]:
        p["paid_to_account"] = "TH12 3456 7890 1234"
        p["deductions"] = [{"kind": "Loan", "amount": 10.0}, {"kind": "loan", "amount": 5.0}]
    for r in audit["evidence"]["recruitment"]:
        r["currency"] = r["currency"].lower() if r["currency"] else None
    audit["findings"] = [
        {"indicator": "passports kept by the employer", "severity": "critical"},
        {"description": "workers may not leave the dormitory at night", "severity": "high"},
    ]
    supplier = {"country": "Thailand", "sector": "seafood", "products": ["shrimp"]}
    scored = _by_api(client, tenant, supplier, audits=[audit])
    sid, _ = _by_registry(client, tenant, supplier)
    posted = client.post(f"/v1/suppliers/{sid}/audits", json=audit, headers=tenant.headers())
    assert posted.status_code == 201, posted.text
    stored = client.get(f"/v1/suppliers/{sid}/assessment", headers=tenant.headers()).json()
    stored = stored["assessment"]
    assert scored["input_digest"] == stored["input_digest"]
    assert scored["score"] == stored["score"]
    assert scored["factors"] == stored["factors"]
