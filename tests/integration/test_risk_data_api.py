"""The risk data in force, through the API and the CLI."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from api.cli.main import app as cli
from api.reference_data.service import bundled_path
from api.settings import get_settings
from models.database import Database
from risk_data.loader import bundled_versions
from tests.conftest import TEST_KEY_SECRET, Tenant


def test_every_role_reads_the_version_and_its_sources(client: TestClient, tenant: Tenant) -> None:
    for role in ("admin", "compliance", "procurement", "auditor"):
        response = client.get("/v1/risk-data", headers=tenant.headers(role))
        assert response.status_code == 200
    body = response.json()
    assert body["version"] == bundled_versions()[-1]
    # Files shipped with the sources carry their checksum; external publications their URL.
    assert all(len(s["sha256"]) == 64 or s["url"] for s in body["sources"])
    assert body["counts"]["indicators"] == 11


def test_the_risk_data_needs_a_key(client: TestClient) -> None:
    assert client.get("/v1/risk-data/countries").status_code == 401


def test_a_country_shows_its_tier_cspa_and_goods(client: TestClient, tenant: Tenant) -> None:
    body = client.get("/v1/risk-data/countries/mm", headers=tenant.headers("procurement")).json()
    assert body["country"]["iso2"] == "MM"
    assert body["country"]["tip_tier"] == "tier_3"
    assert body["risk_data_version"]
    assert body["goods"], "Burma has goods on the ILAB list"


def test_an_unknown_country_is_404_with_suggestions(client: TestClient, tenant: Tenant) -> None:
    response = client.get("/v1/risk-data/countries/Bangladash", headers=tenant.headers())
    assert response.status_code == 404
    assert "BD" in " ".join(response.json()["suggestions"]) or response.json()["suggestions"]


def test_countries_filter_by_tier(client: TestClient, tenant: Tenant) -> None:
    items = client.get(
        "/v1/risk-data/countries", params={"tier": "tier_3"}, headers=tenant.headers()
    ).json()["items"]
    assert items and all(c["tip_tier"] == "tier_3" for c in items)


def test_goods_filter_by_country_and_fuzzy_good(client: TestClient, tenant: Tenant) -> None:
    body = client.get(
        "/v1/risk-data/goods",
        params={"country": "China", "good": "cottn"},
        headers=tenant.headers(),
    ).json()
    assert body["matched_good"] == "Cotton" and body["items"]
    assert all(g["country_iso2"] == "CN" for g in body["items"])
    assert body["items"][0]["forced_labour"] is True and body["match_confidence"] < 1
    bad = client.get(
        "/v1/risk-data/goods", params={"country": "Atlantis"}, headers=tenant.headers()
    )
    assert bad.status_code == 422 and bad.json()["type"] == "/problems/unknown-value"


def test_sectors_and_indicators_carry_citations(client: TestClient, tenant: Tenant) -> None:
    sectors = client.get("/v1/risk-data/sectors", headers=tenant.headers()).json()["items"]
    assert sectors and all(s["citations"] for s in sectors)
    indicators = client.get("/v1/risk-data/indicators", headers=tenant.headers()).json()["items"]
    assert {i["code"] for i in indicators} >= {"retention_of_identity_documents", "debt_bondage"}


@pytest.fixture
def cli_env(database: Database, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("DATABASE_URL", database.url)
    monkeypatch.setenv("FLRISK_API_KEY_SECRET", TEST_KEY_SECRET)
    get_settings.cache_clear()
    yield
    get_settings.cache_clear()


def test_loading_a_new_version_puts_it_in_force(
    cli_env, client: TestClient, tenant: Tenant, tmp_path: Path
) -> None:
    runner = CliRunner()
    first = runner.invoke(cli, ["risk-data", "load"])
    assert first.exit_code == 0 and "now in force" in first.output
    again = runner.invoke(cli, ["risk-data", "load"])
    assert "already in force" in again.output

    newer = tmp_path / "2099.1"
    shutil.copytree(bundled_path(bundled_versions()[-1]), newer)
    manifest = yaml.safe_load((newer / "manifest.yaml").read_text())
    manifest["version"] = "2099.1"
    (newer / "manifest.yaml").write_text(yaml.safe_dump(manifest, sort_keys=False))
    loaded = runner.invoke(cli, ["risk-data", "load", str(newer)])
    assert loaded.exit_code == 0, loaded.output
    assert client.get("/v1/risk-data", headers=tenant.headers()).json()["version"] == "2099.1"
    listed = runner.invoke(cli, ["risk-data", "list"])
    assert "* 2099.1" in listed.output


def test_a_broken_version_is_refused_and_the_old_one_stays(
    cli_env, client: TestClient, tenant: Tenant, tmp_path: Path
) -> None:
    broken = tmp_path / "2099.2"
    shutil.copytree(bundled_path(bundled_versions()[-1]), broken)
    (broken / "sectors.yaml").write_text("- code: x\n")
    result = CliRunner().invoke(cli, ["risk-data", "load", str(broken)])
    assert result.exit_code == 1 and "rejected" in result.output
    assert (
        client.get("/v1/risk-data", headers=tenant.headers()).json()["version"]
        == bundled_versions()[-1]
    )
