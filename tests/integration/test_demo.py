"""``flrisk demo``: a scored demo organisation with open cases, loaded fast, safe to run twice."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from api.cli.main import app as cli
from api.events.service import verify_chain
from api.settings import get_settings
from models.database import Database
from tests.conftest import TEST_KEY_SECRET


@pytest.fixture
def cli_env(database: Database, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("DATABASE_URL", database.url)
    monkeypatch.setenv("FLRISK_API_KEY_SECRET", TEST_KEY_SECRET)
    get_settings.cache_clear()
    yield
    get_settings.cache_clear()


def _key(output: str) -> str:
    return output.strip().splitlines()[-1]


def test_the_demo_loads_scored_suppliers_and_open_cases(
    cli_env: None, client: TestClient, database: Database
) -> None:
    result = CliRunner().invoke(cli, ["demo"])
    assert result.exit_code == 0, result.output
    headers = {"Authorization": f"Bearer {_key(result.stdout)}"}

    cases = client.get("/v1/cases?limit=200", headers=headers)
    assert cases.status_code == 200, cases.text
    items = cases.json()["items"]
    assert len(items) >= 10
    assert items[0]["priority"] == "critical"
    names = {c["supplier_name"] for c in items}
    assert "Klang Valley Gloves Sdn Bhd" in names  # the deceptive audit is caught
    assert "Rotterdam Cold Chain BV" not in names  # low risk stays out of the queue
    klang = next(c for c in items if c["supplier_name"] == "Klang Valley Gloves Sdn Bhd")
    assert "audit_unreliable" in {r["code"] for r in klang["reasons"]}
    assert any(c["assignee"] for c in items) and any(c["status"] == "in_review" for c in items)

    detail = client.get(f"/v1/cases/{klang['id']}", headers=headers).json()
    assert detail["audits"][0]["reliability_level"] == "low"
    flagged = client.get("/v1/exports/flagged", headers=headers)
    assert flagged.status_code == 200 and "Klang Valley Gloves" in flagged.text

    again = CliRunner().invoke(cli, ["demo"])
    assert again.exit_code == 0 and "already exists" in again.output
    second_key = _key(again.stdout)
    assert second_key != _key(result.stdout)
    again_items = client.get(
        "/v1/cases?limit=200", headers={"Authorization": f"Bearer {second_key}"}
    ).json()["items"]
    assert len(again_items) == len(items)
    with database.session() as session:
        assert verify_chain(session).ok
