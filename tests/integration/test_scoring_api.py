"""``POST /v1/score`` and ``/v1/score/batch``: explained, deterministic, nothing stored."""

from __future__ import annotations

from fastapi.testclient import TestClient
from sqlalchemy import func, select

from models import Assessment
from models.database import Database
from tests.conftest import Tenant

CONTEXT_ONLY = {"supplier": {"country": "Burma", "sector": "garments", "products": ["garments"]}}

PASSPORTS_HELD = {
    "supplier": {
        "country": "Malaysia",
        "sector": "electronics",
        "worker_count": 400,
        "migrant_share": 0.7,
    },
    "audits": [
        {
            "audited_on": "2024-05-02",
            "audit_type": "unannounced",
            "paid_by": "buyer",
            "workers_total": 400,
            "workers_interviewed": 25,
            "interviews_in_worker_language": True,
            "findings": [
                {"severity": "high", "description": "Passports kept by management in the HR office"}
            ],
            "evidence": {
                "documents": [
                    {"worker_ref": f"W-{i:03d}", "holder": "employer" if i < 12 else "worker"}
                    for i in range(20)
                ]
            },
        }
    ],
    "as_of": "2024-06-01",
}


def test_procurement_scores_a_supplier_with_its_explanation(
    client: TestClient, tenant: Tenant, database: Database
) -> None:
    response = client.post("/v1/score", json=CONTEXT_ONLY, headers=tenant.headers("procurement"))
    assert response.status_code == 200, response.text
    body = response.json()
    assessment = body["assessment"]
    assert 0 <= assessment["score"] <= 100
    assert round(sum(f["points"] for f in assessment["factors"]), 1) == assessment["score"]
    assert {i["code"] for i in assessment["indicators"]} >= {"debt_bondage", "excessive_overtime"}
    assert assessment["risk_data_version"] and assessment["methodology_version"]
    assert body["resolution"]["country"]["value"] == "MM"
    assert body["resolution"]["sector"]["value"] == "garments_textiles"
    with database.session() as session:
        assert session.scalar(select(func.count()).select_from(Assessment)) == 0


def test_a_finding_in_auditors_words_flags_document_retention(
    client: TestClient, tenant: Tenant
) -> None:
    body = client.post(
        "/v1/score", json=PASSPORTS_HELD, headers=tenant.headers("procurement")
    ).json()
    codes = {r["code"] for r in body["assessment"]["flag_reasons"]}
    assert "retention_of_identity_documents" in codes
    assert body["assessment"]["flagged"] is True
    mapping = body["resolution"]["findings"][0]
    assert mapping["indicator"] == "retention_of_identity_documents" and mapping["confidence"] > 0


def test_the_same_input_gives_the_same_assessment(client: TestClient, tenant: Tenant) -> None:
    first = client.post(
        "/v1/score", json=PASSPORTS_HELD, headers=tenant.headers("procurement")
    ).json()
    second = client.post(
        "/v1/score", json=PASSPORTS_HELD, headers=tenant.headers("procurement")
    ).json()
    assert first["assessment"] == second["assessment"]
    assert len(first["assessment"]["input_digest"]) == 64


def test_an_unknown_country_names_where_and_the_closest_values(
    client: TestClient, tenant: Tenant
) -> None:
    response = client.post(
        "/v1/score",
        json={"supplier": {"country": "Bangladeshh"}},
        headers=tenant.headers("procurement"),
    )
    assert response.status_code == 422
    body = response.json()
    assert body["type"] == "/problems/unknown-value"
    assert body["pointer"] == "/supplier/country"
    assert any("BD" in s for s in body["suggestions"])


def test_a_malformed_payload_lists_json_pointers(client: TestClient, tenant: Tenant) -> None:
    response = client.post(
        "/v1/score",
        json={"supplier": {"country": "DE", "migrant_share": 3}},
        headers=tenant.headers("procurement"),
    )
    assert response.status_code == 422
    assert response.json()["errors"][0]["pointer"] == "/supplier/migrant_share"


def test_auditors_may_not_score(client: TestClient, tenant: Tenant) -> None:
    response = client.post("/v1/score", json=CONTEXT_ONLY, headers=tenant.headers("auditor"))
    assert response.status_code == 403


def test_a_bad_item_fails_alone_in_a_batch(client: TestClient, tenant: Tenant) -> None:
    items = [
        CONTEXT_ONLY,
        {"supplier": {"country": "Atlantis", "external_ref": "X-2"}},
        PASSPORTS_HELD,
    ]
    response = client.post(
        "/v1/score/batch", json={"items": items}, headers=tenant.headers("procurement")
    )
    assert response.status_code == 200
    body = response.json()
    assert (body["scored"], body["failed"]) == (2, 1)
    failed = body["items"][1]
    assert failed["ok"] is False and failed["external_ref"] == "X-2"
    assert failed["error"]["pointer"] == "/items/1/supplier/country"
    assert body["items"][2]["summary"]["flagged"] is True


def test_an_item_missing_a_required_field_fails_alone(client: TestClient, tenant: Tenant) -> None:
    items = [
        CONTEXT_ONLY,
        {"supplier": {"external_ref": "NO-COUNTRY", "worker_count": -5}},
        PASSPORTS_HELD,
    ]
    response = client.post(
        "/v1/score/batch", json={"items": items}, headers=tenant.headers("procurement")
    )
    assert response.status_code == 200, response.text
    body = response.json()
    assert (body["scored"], body["failed"]) == (2, 1)
    failed = body["items"][1]
    assert failed["ok"] is False and failed["external_ref"] == "NO-COUNTRY"
    assert failed["error"]["type"] == "/problems/validation-error"
    pointers = {e["pointer"] for e in failed["error"]["errors"]}
    assert pointers == {"/items/1/supplier/country", "/items/1/supplier/worker_count"}


def test_a_full_batch_returns_whole_assessments(client: TestClient, tenant: Tenant) -> None:
    body = client.post(
        "/v1/score/batch",
        json={"items": [CONTEXT_ONLY], "detail": "full"},
        headers=tenant.headers("compliance"),
    ).json()
    assert body["items"][0]["assessment"]["factors"]


def test_a_batch_over_1000_items_is_refused(client: TestClient, tenant: Tenant) -> None:
    response = client.post(
        "/v1/score/batch",
        json={"items": [CONTEXT_ONLY] * 1001},
        headers=tenant.headers("procurement"),
    )
    assert response.status_code == 422
    assert response.json()["errors"][0]["pointer"] == "/items"
