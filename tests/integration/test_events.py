"""The append-only, hash-chained event log."""

from __future__ import annotations

import uuid

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError
from typer.testing import CliRunner

from api.cli.main import app as cli
from api.events.service import events_for, record_event, verify_chain
from api.settings import get_settings
from models.database import Database
from tests.conftest import TEST_KEY_SECRET, Tenant


def test_key_changes_are_recorded_with_their_actor(
    client: TestClient, tenant: Tenant, database: Database
) -> None:
    created = client.post(
        "/v1/api-keys", json={"role": "auditor", "name": "ci"}, headers=tenant.headers()
    ).json()
    client.delete(f"/v1/api-keys/{created['prefix']}", headers=tenant.headers())
    with database.session() as session:
        events = events_for(
            session, uuid.UUID(tenant.organisation_id), "api_key", created["prefix"]
        )
    assert [e.action for e in events] == ["api_key.created", "api_key.revoked"]
    admin_prefix = tenant.keys["admin"][4:12]
    assert {e.actor for e in events} == {admin_prefix}
    assert events[1].before["revoked_at"] is None and events[1].after["revoked_at"]
    assert created["key"] not in str(events[0].after)


def test_the_chain_verifies_and_links_each_event_to_the_last(
    tenant: Tenant, other_tenant: Tenant, database: Database
) -> None:
    with database.session() as session:
        report = verify_chain(session)
    # Each tenant's keys were recorded when the fixtures made them: four per organisation.
    assert report.ok and report.events_checked == 8 and report.organisations == 2


def _tamper(database: Database, sql: str) -> None:
    with database.engine.begin() as connection:
        if database.dialect == "postgresql":
            connection.execute(text("SET LOCAL session_replication_role = replica"))
            connection.execute(text(sql))
        else:
            connection.execute(text("DROP TRIGGER events_no_update"))
            connection.execute(text("DROP TRIGGER events_no_delete"))
            connection.execute(text(sql))


@pytest.mark.parametrize(
    "sql, reason",
    [
        ("UPDATE events SET actor = 'someone-else' WHERE seq = 2", "altered"),
        ("DELETE FROM events WHERE seq = 2", "removed"),
    ],
)
def test_a_tampered_event_is_found_by_verify(
    tenant: Tenant, database: Database, sql: str, reason: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    _tamper(database, sql)
    with database.session() as session:
        report = verify_chain(session)
    assert report.broken is not None and report.broken.seq in (2, 3)
    assert reason in report.broken.reason
    monkeypatch.setenv("DATABASE_URL", database.url)
    monkeypatch.setenv("FLRISK_API_KEY_SECRET", TEST_KEY_SECRET)
    get_settings.cache_clear()
    result = CliRunner().invoke(cli, ["audit", "verify"])
    get_settings.cache_clear()
    assert result.exit_code == 1 and "BROKEN" in result.output


def test_the_database_refuses_to_change_or_delete_events(
    tenant: Tenant, database: Database
) -> None:
    for sql in ("UPDATE events SET actor = 'x'", "DELETE FROM events"):
        with pytest.raises(DBAPIError, match="append-only"), database.engine.begin() as connection:
            connection.execute(text(sql))


def test_two_writers_reading_the_same_head_cannot_fork_the_chain(
    tenant: Tenant, database: Database
) -> None:
    org = uuid.UUID(tenant.organisation_id)
    with database.session() as first, database.session() as second:
        record_event(
            first, organisation_id=org, entity_type="t", entity_id="1", action="a", actor="x"
        )
        first.commit()
        # ``second`` computes its seq from the head it reads now: the next one, so no fork.
        record_event(
            second, organisation_id=org, entity_type="t", entity_id="2", action="a", actor="y"
        )
        second.commit()
    with database.session() as session:
        assert verify_chain(session).ok
