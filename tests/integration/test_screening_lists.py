"""Screening lists end to end: loading versions, every supplier and payload screened, hits on
the supplier and the case, reviews that hold, and the three doors agreeing (issue 15)."""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from api.cli.main import app
from api.lists.store import store_version
from api.scoring.files import score_file
from api.settings import get_settings
from ingest.lists import read_list
from models.database import Database
from risk_data.loader import load_risk_data
from screening.lists import ListIndex
from tests.conftest import TEST_KEY_SECRET, Tenant
from tests.integration.test_imports import upload

FIXTURES = Path(__file__).resolve().parents[2] / "risk_data" / "data" / "lists"
UFLPA = FIXTURES / "us_dhs_uflpa.entities.ftm.json"
CBP = FIXTURES / "cbp_withhold_release_orders_findings.csv"


def _load(database: Database, path: Path, **kwargs: Any) -> None:
    with database.session() as session:
        store_version(
            session, read_list(path.read_bytes(), filename=path.name, **kwargs), actor="t"
        )
        session.commit()


@pytest.fixture
def lists_loaded(database: Database) -> None:
    _load(database, UFLPA)
    _load(database, CBP)


def _create(client: TestClient, tenant: Tenant, **supplier: Any) -> dict[str, Any]:
    created = client.post("/v1/suppliers", json=supplier, headers=tenant.headers())
    assert created.status_code == 201, created.text
    body: dict[str, Any] = created.json()
    return body


def _assessment(client: TestClient, tenant: Tenant, sid: str) -> dict[str, Any]:
    got = client.get(f"/v1/suppliers/{sid}/assessment", headers=tenant.headers())
    assert got.status_code == 200, got.text
    body: dict[str, Any] = got.json()["assessment"]
    return body


def _hits(client: TestClient, tenant: Tenant, sid: str) -> list[dict[str, Any]]:
    got = client.get(f"/v1/suppliers/{sid}/list-hits", headers=tenant.headers("auditor"))
    assert got.status_code == 200, got.text
    items: list[dict[str, Any]] = got.json()["items"]
    return items


def _codes(assessment: dict[str, Any]) -> list[str]:
    return [r["code"] for r in assessment["flag_reasons"]]


@pytest.mark.parametrize(
    ("name", "via", "listed"),
    [
        ("Xinjiang Daqo New Energy Co., Ltd.", "name", "Xinjiang Daqo New Energy, Co. Ltd."),
        ("Xinjiang Daxin Energy Co Ltd", "alias", "Xinjiang Daqo New Energy, Co. Ltd."),
        (
            "Zhuhai Apex Microelectronics Co., Ltd.",
            "subsidiary",
            "Zhuhai Apex Microelectronics Co., Ltd.",
        ),
    ],
)
def test_a_listed_supplier_is_flagged_with_list_and_program(
    client: TestClient, tenant: Tenant, lists_loaded: None, name: str, via: str, listed: str
) -> None:
    sid = _create(client, tenant, name=name, country="China", sector="manufacturing")["id"]
    assessment = _assessment(client, tenant, sid)
    assert "entity_list_match" in _codes(assessment)
    (hit,) = _hits(client, tenant, sid)
    assert (hit["dataset"], hit["via"], hit["entity_name"], hit["status"]) == (
        "us_dhs_uflpa",
        via,
        listed,
        "open",
    )
    assert hit["program"].startswith("UFLPA Entity List - Section 2(d)(2)(B)")
    assert hit["start_date"] and hit["explanation"] and hit["features"]


def test_a_listed_supplier_shows_hits_of_both_lists_and_on_its_case(
    client: TestClient, tenant: Tenant, lists_loaded: None
) -> None:
    sid = _create(client, tenant, name="Hoshine Silicon Industry Co., Ltd.", country="CN")["id"]
    assert {h["dataset"] for h in _hits(client, tenant, sid)} == {
        "us_dhs_uflpa",
        "us_cbp_forced_labor",
    }
    cases = client.get("/v1/cases", headers=tenant.headers("auditor")).json()["items"]
    (case,) = [c for c in cases if c["supplier_id"] == sid]
    detail = client.get(f"/v1/cases/{case['id']}", headers=tenant.headers("auditor")).json()
    assert {h["dataset"] for h in detail["list_hits"]} == {"us_dhs_uflpa", "us_cbp_forced_labor"}


def test_a_false_positive_once_rejected_stays_rejected_until_the_supplier_changes(
    client: TestClient, tenant: Tenant, lists_loaded: None
) -> None:
    sid = _create(client, tenant, name="Ninestar Corporation", country="CN")["id"]
    (hit,) = _hits(client, tenant, sid)
    rejected = client.post(
        f"/v1/list-hits/{hit['id']}/review",
        json={"status": "false_positive", "comment": "A namesake in Zhuhai; other registration."},
        headers=tenant.headers("auditor"),
    )
    assert rejected.status_code == 200, rejected.text
    assert rejected.json()["status"] == "false_positive"
    assert "entity_list_match" not in _codes(_assessment(client, tenant, sid))
    # Rescored, and screened again: the rejection holds.
    again = client.post(f"/v1/suppliers/{sid}/assess", headers=tenant.headers())
    assert again.status_code in (200, 201), again.text
    assert "entity_list_match" not in _codes(_assessment(client, tenant, sid))
    assert _hits(client, tenant, sid)[0]["status"] == "false_positive"
    # A change to what was screened (the name) is a new question: the hit is open again.
    patched = client.patch(
        f"/v1/suppliers/{sid}", json={"name": "Ninestar Corp."}, headers=tenant.headers()
    )
    assert patched.status_code == 200, patched.text
    assert _hits(client, tenant, sid)[0]["status"] == "open"
    assert "entity_list_match" in _codes(_assessment(client, tenant, sid))


def test_a_confirmed_hit_keeps_flagging(
    client: TestClient, tenant: Tenant, lists_loaded: None
) -> None:
    sid = _create(client, tenant, name="Xinjiang Zhongtai Chemical Co., Ltd.", country="CN")["id"]
    (hit,) = _hits(client, tenant, sid)
    confirmed = client.post(
        f"/v1/list-hits/{hit['id']}/review",
        json={"status": "confirmed", "comment": "Same entity: registration number checked."},
        headers=tenant.headers("auditor"),
    )
    assert confirmed.status_code == 200, confirmed.text
    assert "entity_list_match" in _codes(_assessment(client, tenant, sid))
    refused = client.post(
        f"/v1/list-hits/{hit['id']}/review",
        json={"status": "confirmed", "comment": "x"},
        headers=tenant.headers("procurement"),
    )
    assert refused.status_code == 403


def test_another_organisation_cannot_see_or_review_a_hit(
    client: TestClient, tenant: Tenant, other_tenant: Tenant, lists_loaded: None
) -> None:
    sid = _create(client, tenant, name="Ninestar Corporation", country="CN")["id"]
    (hit,) = _hits(client, tenant, sid)
    review = client.post(
        f"/v1/list-hits/{hit['id']}/review",
        json={"status": "false_positive", "comment": "not ours"},
        headers=other_tenant.headers("auditor"),
    )
    assert review.status_code == 404


def test_score_payload_is_screened(client: TestClient, tenant: Tenant, lists_loaded: None) -> None:
    scored = client.post(
        "/v1/score",
        json={"supplier": {"name": "XPCC", "country": "CN", "products": ["cotton"]}},
        headers=tenant.headers("procurement"),
    )
    assert scored.status_code == 200, scored.text
    body = scored.json()
    assert "entity_list_match" in _codes(body["assessment"])
    assert {h["dataset"] for h in body["list_hits"]} == {"us_dhs_uflpa"}
    batch = client.post(
        "/v1/score/batch",
        json={"items": [{"supplier": {"name": "Bingtuan", "country": "CN"}}]},
        headers=tenant.headers("procurement"),
    )
    assert batch.status_code == 200, batch.text
    assert "entity_list_match" in [
        r["code"] for r in batch.json()["items"][0]["summary"]["flag_reasons"]
    ]


def test_xinjiang_region_raises_the_presumption_by_api(client: TestClient, tenant: Tenant) -> None:
    scored = client.post(
        "/v1/score",
        json={"supplier": {"country": "CN", "region": "Xinjiang", "products": ["polysilicon"]}},
        headers=tenant.headers("procurement"),
    )
    assert scored.status_code == 200, scored.text
    body = scored.json()
    assert body["resolution"]["subdivision"]["value"] == "CN-XJ"
    assert "uflpa_presumption_region" in _codes(body["assessment"])
    sid = _create(client, tenant, name="Polysilicon Co", country="CN", region="CN-XJ")["id"]
    supplier = client.get(f"/v1/suppliers/{sid}", headers=tenant.headers()).json()
    assert supplier["subdivision"] == "CN-XJ"
    assert "uflpa_presumption_region" in _codes(_assessment(client, tenant, sid))


def test_lists_and_their_entities_are_listed_and_searchable(
    client: TestClient, tenant: Tenant, lists_loaded: None
) -> None:
    got = client.get("/v1/lists", headers=tenant.headers("procurement"))
    assert got.status_code == 200, got.text
    versions = {v["dataset"]: v for v in got.json()["items"]}
    uflpa = versions["us_dhs_uflpa"]
    assert uflpa["in_force"] and len(uflpa["sha256"]) == 64 and uflpa["entity_count"] == 15
    assert versions["us_cbp_forced_labor"]["in_force_count"] == 4
    found = client.get(
        f"/v1/lists/{uflpa['id']}/entities",
        params={"q": "daxin"},
        headers=tenant.headers("auditor"),
    )
    assert found.status_code == 200, found.text
    assert [e["name"] for e in found.json()["items"]] == ["Xinjiang Daqo New Energy, Co. Ltd."]
    page = client.get(
        f"/v1/lists/{uflpa['id']}/entities", params={"limit": 10}, headers=tenant.headers()
    ).json()
    assert len(page["items"]) == 10 and page["next_cursor"] == "10"


def test_an_import_screens_new_suppliers(
    client: TestClient, tenant: Tenant, lists_loaded: None
) -> None:
    content = (
        "name,country,external_ref\n"
        "Xinjiang East Hope Nonferrous Metals Co. Ltd.,CN,EH-1\n"
        "Plain Garments Ltd,BD,PG-1\n"
    )
    job = upload(client, tenant, content)
    assert job.status_code == 202, job.text
    suppliers = client.get("/v1/suppliers", headers=tenant.headers()).json()["items"]
    by_ref = {s["external_ref"]: s for s in suppliers}
    assert by_ref["EH-1"]["flagged"]
    assert [h["entity_name"] for h in _hits(client, tenant, by_ref["EH-1"]["id"])] == [
        "Xinjiang East Hope Nonferrous Metals Co. Ltd."
    ]
    assert _hits(client, tenant, by_ref["PG-1"]["id"]) == []


def test_a_new_list_version_loaded_on_the_cli_rescreens_the_registry(
    client: TestClient,
    tenant: Tenant,
    database: Database,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    sid = _create(client, tenant, name="Central Romana Corporation Limited", country="DO")["id"]
    assert "entity_list_match" not in _codes(_assessment(client, tenant, sid))
    monkeypatch.setenv("DATABASE_URL", database.url)
    monkeypatch.setenv("FLRISK_API_KEY_SECRET", TEST_KEY_SECRET)
    get_settings.cache_clear()
    try:
        loaded = CliRunner().invoke(app, ["lists", "load", str(CBP)])
    finally:
        get_settings.cache_clear()
    assert loaded.exit_code == 0, loaded.output
    assert "loaded us_cbp_forced_labor@" in loaded.output
    assert "entity_list_match" in _codes(_assessment(client, tenant, sid))
    (hit,) = _hits(client, tenant, sid)
    assert hit["program"] == "CBP WRO - Sugar"


def test_three_doors_agree_on_a_listed_supplier(
    client: TestClient, tenant: Tenant, lists_loaded: None, tmp_path: Path
) -> None:
    supplier = {"name": "Hoshine Silicon Industry Co., Ltd.", "country": "CN", "region": "Xinjiang"}
    scored = client.post(
        "/v1/score",
        json={"supplier": supplier, "as_of": date.today().isoformat()},
        headers=tenant.headers("procurement"),
    ).json()["assessment"]
    stored = _assessment(client, tenant, _create(client, tenant, **supplier)["id"])
    source, out = tmp_path / "in.csv", tmp_path / "out.csv"
    with source.open("w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        writer.writerow(["name", "country", "region"])
        writer.writerow([supplier["name"], supplier["country"], supplier["region"]])
    lists = ListIndex(read_list(p.read_bytes(), filename=p.name) for p in (UFLPA, CBP))
    score_file(source, out, load_risk_data(), as_of=date.today(), threshold=60.0, lists=lists)
    with out.open(encoding="utf-8") as f:
        (filed,) = list(csv.DictReader(f))
    assert scored["input_digest"] == stored["input_digest"] == filed["input_digest"]
    assert scored["score"] == stored["score"] == float(filed["score"])
    assert " ".join(_codes(scored)) == filed["flag_reasons"] == " ".join(_codes(stored))
    assert {"entity_list_match", "uflpa_presumption_region"} <= set(_codes(stored))
