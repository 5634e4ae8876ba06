"""Re-scoring an organisation: what changed after the threshold or the risk data changed."""

from __future__ import annotations

import hashlib
import shutil
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from fastapi.testclient import TestClient
from sqlalchemy import select
from typer.testing import CliRunner

from api.cli.main import app as cli
from api.events.service import verify_chain
from api.reference_data.service import bundled_path, load_version
from api.settings import get_settings
from models import Organisation, ReviewCase
from models.database import Database
from risk_data.loader import bundled_versions
from tests.conftest import TEST_KEY_SECRET, Tenant
from tests.integration.test_cases import add_supplier

GLOVES: dict[str, Any] = {"country": "MY", "sector": "electronics", "products": ("gloves",)}
# (scores 25: medium, not flagged at the default threshold)


def _rescore(client: TestClient, tenant: Tenant) -> dict[str, Any]:
    response = client.post("/v1/assessments/rescore", headers=tenant.headers("compliance"))
    assert response.status_code == 202, response.text
    job = client.get(response.headers["location"], headers=tenant.headers("procurement"))
    assert job.status_code == 200, job.text
    body: dict[str, Any] = job.json()
    assert body["status"] == "completed", body
    return body


def _set_threshold(database: Database, tenant: Tenant, threshold: float) -> None:
    with database.session() as session:
        session.get_one(Organisation, uuid.UUID(tenant.organisation_id)).score_threshold = threshold
        session.commit()


def test_a_lower_threshold_newly_flags_suppliers_and_opens_their_cases(
    client: TestClient, tenant: Tenant, database: Database
) -> None:
    gloves = add_supplier(database, tenant, "Penang Gloves", **GLOVES)
    add_supplier(database, tenant, "Rotterdam Logistics", country="NL", sector="logistics")
    nothing = _rescore(client, tenant)["report"]
    assert nothing["counts"]["newly_flagged"] == 0 and nothing["suppliers"] == 2

    _set_threshold(database, tenant, 20)
    job = _rescore(client, tenant)
    assert job["threshold"] == 20 and job["suppliers_total"] == job["suppliers_processed"] == 2
    report = job["report"]
    assert [s["supplier_id"] for s in report["newly_flagged"]] == [str(gloves)]
    assert report["newly_flagged"][0]["reasons"] == ["score_above_threshold"]
    assert report["cases_opened"] == 1 and report["counts"]["cleared"] == 0
    cases = client.get("/v1/cases", headers=tenant.headers("auditor")).json()["items"]
    assert [c["supplier_id"] for c in cases] == [str(gloves)]
    assert report["newly_flagged"][0]["case_id"] == cases[0]["id"]

    _set_threshold(database, tenant, 60)
    back = _rescore(client, tenant)["report"]
    assert [s["supplier_id"] for s in back["cleared"]] == [str(gloves)]
    with database.session() as session:
        # No longer flagged, but the case stays open: a reviewer closes it with a decision.
        case = session.scalars(select(ReviewCase)).one()
        assert case.status == "open"
        assert verify_chain(session).ok


def test_new_risk_data_moves_bands_and_flags(
    client: TestClient, tenant: Tenant, database: Database, tmp_path: Path
) -> None:
    gloves = add_supplier(database, tenant, "Penang Gloves", **GLOVES)
    newer = tmp_path / "2099.1"
    shutil.copytree(bundled_path(bundled_versions()[-1]), newer)
    countries = newer / "countries.csv"
    # A (fictional) worse year for Malaysia: Tier 3, state-sponsored trafficking, conflict.
    # With no reliable audit the supplier must now be flagged, and its band rises.
    changed = countries.read_bytes().replace(
        b"MY,MYS,Malaysia,MALAYSIA,tier_2_watch_list,2023,false,false,Malaysia,,false,",
        b"MY,MYS,Malaysia,MALAYSIA,tier_3,2023,false,true,Malaysia,,true,",
    )
    assert changed != countries.read_bytes()
    countries.write_bytes(changed)
    manifest = yaml.safe_load((newer / "manifest.yaml").read_text())
    manifest["version"] = "2099.1"
    manifest["files"]["countries"]["sha256"] = hashlib.sha256(changed).hexdigest()
    (newer / "manifest.yaml").write_text(yaml.safe_dump(manifest, sort_keys=False))
    with database.session() as session:
        load_version(session, newer)

    job = _rescore(client, tenant)
    assert job["risk_data_version"] == "2099.1"
    report = job["report"]
    assert [s["supplier_id"] for s in report["newly_flagged"]] == [str(gloves)]
    assert "high_risk_country_unverified" in report["newly_flagged"][0]["reasons"]
    moved = report["band_moves"][0]
    assert moved["supplier_id"] == str(gloves) and moved["score_after"] > moved["score_before"]


def test_asking_again_while_a_job_is_live_returns_it(tenant: Tenant, database: Database) -> None:
    from api.assessments.rescore import request_rescore

    with database.session() as session:
        first, new = request_rescore(session, uuid.UUID(tenant.organisation_id), "someone")
        again, new_again = request_rescore(session, uuid.UUID(tenant.organisation_id), "else")
    assert new and not new_again and first.id == again.id


def test_rescore_is_for_compliance_and_its_report_stays_in_the_organisation(
    client: TestClient, tenant: Tenant, other_tenant: Tenant
) -> None:
    denied = client.post("/v1/assessments/rescore", headers=tenant.headers("auditor"))
    assert denied.status_code == 403
    job = client.post("/v1/assessments/rescore", headers=tenant.headers("admin")).json()
    missing = client.get(f"/v1/assessments/rescore/{job['id']}", headers=other_tenant.headers())
    assert missing.status_code == 404
    assert (
        client.get("/v1/assessments/rescore", headers=other_tenant.headers()).json()["items"] == []
    )


@pytest.fixture
def cli_env(database: Database, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("DATABASE_URL", database.url)
    monkeypatch.setenv("FLRISK_API_KEY_SECRET", TEST_KEY_SECRET)
    get_settings.cache_clear()
    yield
    get_settings.cache_clear()


def test_flrisk_rescore_prints_what_changed(
    cli_env: None, tenant: Tenant, database: Database
) -> None:
    add_supplier(database, tenant, "Penang Gloves", **GLOVES)
    _set_threshold(database, tenant, 20)
    result = CliRunner().invoke(cli, ["rescore", "--org", tenant.name])
    assert result.exit_code == 0, result.output
    assert "1 newly flagged" in result.output and "Penang Gloves" in result.output
    unknown = CliRunner().invoke(cli, ["rescore", "--org", "No Such Org"])
    assert unknown.exit_code == 1
