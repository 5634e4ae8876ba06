"""The supplier registry over HTTP: CRUD, filters, pagination, roles, tenants, scoring."""

from __future__ import annotations

import uuid
from typing import Any

from fastapi.testclient import TestClient

from tests.conftest import Tenant

ACME = {
    "name": "Acme Garments Co., Ltd.",
    "external_ref": "S-001",
    "country": "Bangladesh",
    "city": "Dhaka",
    "sector": "apparel",
    "products": ["cotton", "garments", "buttons"],
    "worker_count": 1200,
    "migrant_share": 0.35,
}


def create(client: TestClient, tenant: Tenant, **fields: Any) -> dict[str, Any]:
    response = client.post(
        "/v1/suppliers", json={**ACME, **fields}, headers=tenant.headers("compliance")
    )
    assert response.status_code == 201, response.text
    body: dict[str, Any] = response.json()
    return body


def test_a_created_supplier_is_resolved_scored_and_recorded(
    client: TestClient, tenant: Tenant
) -> None:
    response = client.post("/v1/suppliers", json=ACME, headers=tenant.headers("compliance"))
    assert response.status_code == 201
    body = response.json()
    assert response.headers["location"] == f"/v1/suppliers/{body['id']}"
    assert body["country"] == "BD"
    assert body["sector"]
    assert "Garments" in body["products"] and "buttons" in body["products"]
    assert body["normalised_name"] == "acme garment"
    assert body["score"] is not None and body["band"] in {"low", "medium", "high", "critical"}
    latest = client.get(f"/v1/suppliers/{body['id']}/assessment", headers=tenant.headers("auditor"))
    assert latest.status_code == 200
    assert latest.json()["assessment"]["score"] == body["score"]
    assert latest.json()["assessment"]["factors"]


def test_unknown_country_is_422_with_suggestions_and_pointer(
    client: TestClient, tenant: Tenant
) -> None:
    response = client.post(
        "/v1/suppliers",
        json={**ACME, "country": "Bangladash"},
        headers=tenant.headers("compliance"),
    )
    assert response.status_code == 422
    body = response.json()
    assert body["type"] == "/problems/unknown-value"
    assert body["pointer"] == "/country"
    assert body["suggestions"]
    sector = client.post(
        "/v1/suppliers", json={**ACME, "sector": "zzqx"}, headers=tenant.headers("compliance")
    )
    assert sector.status_code == 422 and sector.json()["pointer"] == "/sector"


def test_external_ref_is_unique_per_organisation(
    client: TestClient, tenant: Tenant, other_tenant: Tenant
) -> None:
    create(client, tenant)
    again = client.post("/v1/suppliers", json=ACME, headers=tenant.headers("compliance"))
    assert again.status_code == 409
    assert again.json()["type"] == "/problems/conflict"
    create(client, other_tenant)  # another organisation may use the same reference


def test_patch_changes_rescores_and_records_events(
    client: TestClient, tenant: Tenant, database: Any
) -> None:
    supplier = create(client, tenant)
    response = client.patch(
        f"/v1/suppliers/{supplier['id']}",
        json={"country": "DEU", "city": "Berlin"},
        headers=tenant.headers("compliance"),
    )
    assert response.status_code == 200
    assert response.json()["country"] == "DE"
    history = client.get(
        f"/v1/suppliers/{supplier['id']}/assessments", headers=tenant.headers("procurement")
    ).json()["items"]
    assert len(history) == 2
    assert history[0]["created_at"] >= history[1]["created_at"]
    from api.events.service import events_for

    with database.session() as session:
        actions = [
            e.action
            for e in events_for(
                session, uuid.UUID(tenant.organisation_id), "supplier", supplier["id"]
            )
        ]
    assert actions[:2] == ["supplier.created", "assessment.created"]
    assert "supplier.updated" in actions
    conflict = client.patch(
        f"/v1/suppliers/{supplier['id']}", json={"name": None}, headers=tenant.headers("compliance")
    )
    assert conflict.status_code == 422


def test_delete_archives_and_archived_are_hidden_by_default(
    client: TestClient, tenant: Tenant
) -> None:
    supplier = create(client, tenant)
    assert (
        client.delete(
            f"/v1/suppliers/{supplier['id']}", headers=tenant.headers("compliance")
        ).status_code
        == 204
    )
    assert (
        client.get(f"/v1/suppliers/{supplier['id']}", headers=tenant.headers()).json()["status"]
        == "archived"
    )
    listed = client.get("/v1/suppliers", headers=tenant.headers("compliance")).json()["items"]
    assert listed == []
    archived = client.get(
        "/v1/suppliers", params={"status": "archived"}, headers=tenant.headers("compliance")
    ).json()["items"]
    assert [s["id"] for s in archived] == [supplier["id"]]
    by_ref = client.get(
        "/v1/suppliers", params={"external_ref": "S-001"}, headers=tenant.headers("compliance")
    ).json()["items"]
    assert [s["id"] for s in by_ref] == [supplier["id"]]


def test_filters_country_sector_band_flagged_and_fuzzy_q(
    client: TestClient, tenant: Tenant
) -> None:
    create(client, tenant)
    create(
        client,
        tenant,
        name="Müller Textil GmbH",
        external_ref="S-002",
        country="DE",
        city="Berlin",
        sector="textiles",
        products=["yarn"],
    )
    create(
        client,
        tenant,
        name="Namib Fisheries",
        external_ref="S-003",
        country="NA",
        city=None,
        sector="fishing",
        products=["fish"],
    )
    headers = tenant.headers("procurement")

    def names(**params: Any) -> list[str]:
        response = client.get("/v1/suppliers", params=params, headers=headers)
        assert response.status_code == 200, response.text
        return [s["name"] for s in response.json()["items"]]

    assert names(country="germany") == ["Müller Textil GmbH"]
    assert names(country="NAM") == ["Namib Fisheries"]
    assert names(sector="fishing") == ["Namib Fisheries"]
    assert (
        names(q="mueller textil") == ["Müller Textil GmbH"]
        or names(q="muller textile")[0] == "Müller Textil GmbH"
    )
    assert names(q="acme garmnets ltd")[0] == "Acme Garments Co., Ltd."
    everyone = client.get("/v1/suppliers", headers=headers).json()["items"]
    for band in {s["band"] for s in everyone}:
        assert set(names(band=band)) == {s["name"] for s in everyone if s["band"] == band}
    flagged = {s["name"] for s in everyone if s["flagged"]}
    assert set(names(flagged="true")) == flagged
    assert set(names(flagged="false")) == {s["name"] for s in everyone} - flagged
    unknown = client.get("/v1/suppliers", params={"country": "Atlantis"}, headers=headers)
    assert unknown.status_code == 422 and unknown.json()["type"] == "/problems/unknown-value"


def test_cursor_pagination_walks_every_supplier_once(client: TestClient, tenant: Tenant) -> None:
    for i in range(7):
        create(
            client, tenant, name=f"Supplier {chr(65 + i)}{chr(65 + i)} Ltd", external_ref=f"P-{i}"
        )
    seen: list[str] = []
    cursor = None
    pages = 0
    while True:
        params: dict[str, Any] = {"limit": 3}
        if cursor:
            params["cursor"] = cursor
        body = client.get("/v1/suppliers", params=params, headers=tenant.headers()).json()
        seen.extend(s["id"] for s in body["items"])
        pages += 1
        cursor = body["next_cursor"]
        if cursor is None:
            break
    assert pages == 3 and len(seen) == len(set(seen)) == 7
    assert (
        client.get("/v1/suppliers", params={"limit": 501}, headers=tenant.headers()).status_code
        == 422
    )
    bad = client.get("/v1/suppliers", params={"cursor": "nonsense"}, headers=tenant.headers())
    assert bad.status_code == 422


def test_q_search_paginates_by_relevance(client: TestClient, tenant: Tenant) -> None:
    for i, city in enumerate(["Dhaka", "Chittagong", "Gazipur", "Narayanganj"]):
        create(client, tenant, name=f"Acme Garments {city}", external_ref=f"A-{i}", city=city)
    first = client.get(
        "/v1/suppliers", params={"q": "acme garments", "limit": 2}, headers=tenant.headers()
    ).json()
    assert len(first["items"]) == 2 and first["next_cursor"]
    assert all(s["relevance"] > 0.7 for s in first["items"])
    second = client.get(
        "/v1/suppliers",
        params={"q": "acme garments", "limit": 2, "cursor": first["next_cursor"]},
        headers=tenant.headers(),
    ).json()
    ids = [s["id"] for s in first["items"] + second["items"]]
    assert len(set(ids)) == 4


def test_procurement_and_auditor_read_but_cannot_write(client: TestClient, tenant: Tenant) -> None:
    supplier = create(client, tenant)
    for role in ("procurement", "auditor"):
        headers = tenant.headers(role)
        assert client.get(f"/v1/suppliers/{supplier['id']}", headers=headers).status_code == 200
        assert client.post("/v1/suppliers", json=ACME, headers=headers).status_code == 403
        assert (
            client.patch(
                f"/v1/suppliers/{supplier['id']}", json={"city": "X"}, headers=headers
            ).status_code
            == 403
        )
        assert client.delete(f"/v1/suppliers/{supplier['id']}", headers=headers).status_code == 403
    assert (
        client.post(
            f"/v1/suppliers/{supplier['id']}/assess", headers=tenant.headers("procurement")
        ).status_code
        == 403
    )


def test_another_organisation_gets_404_everywhere_and_sees_nothing(
    client: TestClient, tenant: Tenant, other_tenant: Tenant
) -> None:
    supplier = create(client, tenant)
    sid = supplier["id"]
    headers = other_tenant.headers("admin")
    for method, path in [
        ("GET", f"/v1/suppliers/{sid}"),
        ("PATCH", f"/v1/suppliers/{sid}"),
        ("DELETE", f"/v1/suppliers/{sid}"),
        ("POST", f"/v1/suppliers/{sid}/assess"),
        ("GET", f"/v1/suppliers/{sid}/assessment"),
        ("GET", f"/v1/suppliers/{sid}/assessments"),
    ]:
        response = client.request(
            method, path, headers=headers, json={"city": "X"} if method == "PATCH" else None
        )
        assert response.status_code == 404, (method, path, response.status_code)
    assert client.get("/v1/suppliers", headers=headers).json()["items"] == []
    assert client.get("/v1/suppliers", params={"q": "acme"}, headers=headers).json()["items"] == []
    assert (
        client.get("/v1/suppliers", params={"external_ref": "S-001"}, headers=headers).json()[
            "items"
        ]
        == []
    )
    matched = client.post("/v1/suppliers/match", json={"name": ACME["name"]}, headers=headers)
    assert matched.status_code == 200 and matched.json()["candidates"] == []


def test_assess_rescores_only_when_something_changed(client: TestClient, tenant: Tenant) -> None:
    supplier = create(client, tenant)
    again = client.post(
        f"/v1/suppliers/{supplier['id']}/assess", headers=tenant.headers("compliance")
    )
    assert again.status_code == 200
    assert (
        len(
            client.get(
                f"/v1/suppliers/{supplier['id']}/assessments", headers=tenant.headers()
            ).json()["items"]
        )
        == 1
    )


def test_match_returns_candidates_with_explanations(client: TestClient, tenant: Tenant) -> None:
    supplier = create(client, tenant)
    create(
        client,
        tenant,
        name="Zenith Leather Works",
        external_ref="S-9",
        country="IN",
        city="Kanpur",
        sector="manufacturing",
        products=["leather"],
    )
    response = client.post(
        "/v1/suppliers/match",
        json={"name": "ACME GARMENTS LIMITED", "country": "BGD", "city": "Dhaka"},
        headers=tenant.headers("procurement"),
    )
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["algorithm"]
    top = body["candidates"][0]
    assert top["supplier_id"] == supplier["id"]
    assert top["decision"] == "auto_merge" and top["score"] >= body["auto_merge_threshold"]
    assert {f["name"] for f in top["features"]} >= {"name", "country"}
    assert abs(sum(f["contribution"] for f in top["features"]) - top["score"]) < 0.01
    nothing = client.post(
        "/v1/suppliers/match",
        json={"name": "Completely Different Foods", "country": "BD"},
        headers=tenant.headers("procurement"),
    ).json()
    assert all(c["decision"] == "new" for c in nothing["candidates"])


def test_assessment_404_before_any_assessment_and_for_unknown_ids(
    client: TestClient, tenant: Tenant
) -> None:
    missing = "00000000-0000-0000-0000-000000000000"
    assert (
        client.get(f"/v1/suppliers/{missing}/assessment", headers=tenant.headers()).status_code
        == 404
    )
