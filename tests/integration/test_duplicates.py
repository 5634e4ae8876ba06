"""Duplicates found on import (inside the file and against the registry): automatic merges
recorded and reversible, proposals confirmed or rejected by a person, every step an event."""

from __future__ import annotations

import uuid
from typing import Any

from fastapi.testclient import TestClient

from api.events.service import events_for, verify_chain
from models.database import Database
from screening.matching import AUTO_MERGE_THRESHOLD, PROPOSE_THRESHOLD
from tests.conftest import Tenant
from tests.integration.test_imports import counts, upload

FILE = (
    "Supplier,Supplier ID,Country,City,Sector\n"
    '"Huaqiang Garment Co., Ltd.",H-1,China,Shenzhen,apparel\n'
    "HUAQIANG GARMENT CO LTD,H-2,CN,Shenzhen,apparel\n"
    "Golden Star Textiles Ltd,G-1,Bangladesh,Dhaka,textiles\n"
    "Goldan Star Textile Ltd,G-2,BD,Dhaka,textiles\n"
    "Saigon Shoes Factory No. 2,V-2,Vietnam,Ho Chi Minh,footwear\n"
    "Saigon Shoes Factory No. 3,V-3,Vietnam,Ho Chi Minh,footwear\n"
)


def pairs(client: TestClient, tenant: Tenant, **params: Any) -> list[dict[str, Any]]:
    response = client.get(
        "/v1/suppliers/duplicates", params=params, headers=tenant.headers("compliance")
    )
    assert response.status_code == 200, response.text
    items: list[dict[str, Any]] = response.json()["items"]
    return items


def by_ref(client: TestClient, tenant: Tenant, ref: str) -> dict[str, Any]:
    items = client.get(
        "/v1/suppliers", params={"external_ref": ref}, headers=tenant.headers()
    ).json()["items"]
    assert len(items) == 1
    found: dict[str, Any] = items[0]
    return found


def test_upload_merges_near_identical_rows_and_proposes_the_middle_band(
    client: TestClient, tenant: Tenant
) -> None:
    job = upload(client, tenant, FILE).json()
    assert job["status"] == "completed", job
    assert counts(job) == {
        "created": 5,
        "updated": 0,
        "unchanged": 0,
        "merged": 1,
        "proposed": 1,
        "rejected": 0,
    }
    merged = pairs(client, tenant, status="merged")
    assert len(merged) == 1
    pair = merged[0]
    assert pair["supplier"]["external_ref"] == "H-1" and pair["duplicate"]["external_ref"] == "H-2"
    assert pair["duplicate"]["status"] == "merged"
    assert pair["duplicate"]["merged_into_id"] == pair["supplier_id"]
    assert pair["score"] >= 0.92 and pair["decided_by"]
    assert {f["name"] for f in pair["explanation"]} >= {"name", "country", "decision"}
    # The merged record's own reference still finds it.
    assert by_ref(client, tenant, "H-2")["status"] == "merged"
    # Only active suppliers are listed by default.
    active = client.get("/v1/suppliers", headers=tenant.headers()).json()["items"]
    assert {s["external_ref"] for s in active} == {"H-1", "G-1", "G-2", "V-2", "V-3"}
    proposed = pairs(client, tenant, status="proposed")
    assert [(p["supplier"]["external_ref"], p["duplicate"]["external_ref"]) for p in proposed] == [
        ("G-1", "G-2")
    ]
    assert PROPOSE_THRESHOLD <= proposed[0]["score"] < AUTO_MERGE_THRESHOLD
    # Different plant numbers are different sites: no pair at all.
    assert not any("V-" in (p["duplicate"]["external_ref"] or "") for p in pairs(client, tenant))


def test_reupload_of_the_same_rows_changes_nothing(client: TestClient, tenant: Tenant) -> None:
    upload(client, tenant, FILE)
    again = upload(client, tenant, FILE.replace("\n", "\r\n"), "again.csv").json()
    assert counts(again) == {
        "created": 0,
        "updated": 0,
        "unchanged": 6,
        "merged": 0,
        "proposed": 0,
        "rejected": 0,
    }
    without_refs = "\n".join(
        ",".join(cell for i, cell in enumerate(line.split(",")) if i != 1)
        for line in FILE.strip().split("\n")
    )
    third = upload(client, tenant, without_refs, "norefs.csv").json()
    assert counts(third)["created"] == 0 and counts(third)["merged"] == 0, third


def test_registry_duplicate_with_another_reference_is_merged_and_revert_restores_it(
    client: TestClient, tenant: Tenant, database: Database
) -> None:
    upload(client, tenant, FILE)
    second = upload(
        client,
        tenant,
        "Supplier,Supplier ID,Country,City\nGolden Star Textile Mills,ERP-77,BD,Dhaka\n",
        "erp.csv",
    ).json()
    assert counts(second)["merged"] == 1
    pair = next(
        p
        for p in pairs(client, tenant, status="merged")
        if p["duplicate"]["external_ref"] == "ERP-77"
    )
    assert pair["supplier"]["external_ref"] == "G-1"
    duplicate_id = pair["duplicate_id"]
    response = client.post(
        f"/v1/suppliers/duplicates/{pair['id']}/revert", headers=tenant.headers("compliance")
    )
    assert response.status_code == 200, response.text
    assert response.json()["status"] == "reverted"
    restored = client.get(f"/v1/suppliers/{duplicate_id}", headers=tenant.headers()).json()
    assert restored["status"] == "active" and restored["merged_into_id"] is None
    assert restored["score"] is not None  # scored once it is a supplier of its own
    again = client.post(
        f"/v1/suppliers/duplicates/{pair['id']}/revert", headers=tenant.headers("compliance")
    )
    assert again.status_code == 409
    with database.session() as session:
        actions = [
            e.action
            for e in events_for(
                session, uuid.UUID(tenant.organisation_id), "supplier", duplicate_id
            )
        ]
        assert verify_chain(session).ok
    assert actions[:2] == ["supplier.created", "supplier.merged"]
    assert "supplier.merge_reverted" in actions and actions[-1] == "assessment.created"


def test_a_person_confirms_or_rejects_a_proposal(
    client: TestClient, tenant: Tenant, database: Database
) -> None:
    upload(client, tenant, FILE)
    proposal = pairs(client, tenant, status="proposed")[0]
    assert (
        client.post(
            f"/v1/suppliers/duplicates/{proposal['id']}/confirm",
            headers=tenant.headers("procurement"),
        ).status_code
        == 403
    )
    confirmed = client.post(
        f"/v1/suppliers/duplicates/{proposal['id']}/confirm", headers=tenant.headers("compliance")
    )
    assert confirmed.status_code == 200, confirmed.text
    body = confirmed.json()
    assert body["status"] == "merged" and body["duplicate"]["status"] == "merged"
    assert body["duplicate"]["merged_into_id"] == body["supplier_id"]
    assert by_ref(client, tenant, "G-2")["status"] == "merged"
    assert (
        client.post(
            f"/v1/suppliers/duplicates/{proposal['id']}/reject",
            headers=tenant.headers("compliance"),
        ).status_code
        == 409
    )
    # A merged record is changed through the supplier it joined.
    assert (
        client.patch(
            f"/v1/suppliers/{body['duplicate_id']}",
            json={"city": "X"},
            headers=tenant.headers("compliance"),
        ).status_code
        == 409
    )
    # Revert, then a new proposal can be rejected instead.
    upload(
        client,
        tenant,
        "Supplier,Supplier ID,Country,City\nAnhui Huamao Textile,A-1,CN,Anqing\n"
        "Anhui Huamao Textiles Group,A-2,CN,\n",
        "anhui.csv",
    )
    other = next(p for p in pairs(client, tenant, status="proposed"))
    rejected = client.post(
        f"/v1/suppliers/duplicates/{other['id']}/reject", headers=tenant.headers("compliance")
    )
    assert rejected.status_code == 200 and rejected.json()["status"] == "rejected"
    assert rejected.json()["duplicate"]["status"] == "active"
    with database.session() as session:
        actions = [
            e.action
            for e in events_for(
                session, uuid.UUID(tenant.organisation_id), "supplier", other["duplicate_id"]
            )
        ]
    assert "supplier.duplicate_rejected" in actions


def test_duplicates_are_private_to_their_organisation(
    client: TestClient, tenant: Tenant, other_tenant: Tenant
) -> None:
    upload(client, tenant, FILE)
    pair = pairs(client, tenant, status="merged")[0]
    assert pairs(client, other_tenant) == []
    for action in ("confirm", "reject", "revert"):
        assert (
            client.post(
                f"/v1/suppliers/duplicates/{pair['id']}/{action}",
                headers=other_tenant.headers("admin"),
            ).status_code
            == 404
        )
    assert (
        client.get(
            f"/v1/suppliers/duplicates/{pair['id']}", headers=other_tenant.headers()
        ).status_code
        == 404
    )
