"""The keyed event chain and its signed checkpoints: what ``flrisk audit verify`` catches when
someone with database access edits, reorders, deletes or rewrites the history."""

from __future__ import annotations

import uuid
from pathlib import Path

import pytest
from sqlalchemy import select, text
from typer.testing import CliRunner

from api.cli.main import app as cli
from api.errors import ProblemError
from api.events.anchor import checkpoint_heads
from api.events.chain import (
    GENESIS_HASH,
    KEYED_HASH_VERSION,
    UNKEYED_HASH_VERSION,
    ChainKey,
    event_hash,
)
from api.events.checkpoints import read_checkpoints
from api.events.keying import bind_key, session_chain_key
from api.events.service import ChainReport, record_event, verify_chain
from api.settings import get_settings
from models import Event
from models.database import Database
from tests.conftest import TEST_CHAIN_SECRET, TEST_KEY_SECRET, Tenant

KEY = ChainKey.from_secret(TEST_CHAIN_SECRET)


def _record(database: Database, tenant: Tenant, count: int) -> None:
    org = uuid.UUID(tenant.organisation_id)
    with database.session() as session:
        for n in range(count):
            record_event(
                session,
                organisation_id=org,
                entity_type="case",
                entity_id=str(n),
                action="case.commented",
                actor="reviewer",
                after={"comment": f"note {n}"},
            )
        session.commit()


def _tamper(database: Database, *statements: str) -> None:
    """What anyone with write access to the database can do: pass the append-only triggers
    (drop them on SQLite, replica mode on PostgreSQL) and change rows."""
    with database.engine.begin() as connection:
        if database.dialect == "postgresql":
            connection.execute(text("SET LOCAL session_replication_role = replica"))
        else:
            connection.execute(text("DROP TRIGGER IF EXISTS events_no_update"))
            connection.execute(text("DROP TRIGGER IF EXISTS events_no_delete"))
        for statement in statements:
            connection.execute(text(statement))


def _verify(database: Database, checkpoints: Path | None = None) -> ChainReport:
    with database.session() as session:
        found = read_checkpoints(checkpoints, KEY) if checkpoints is not None else None
        return verify_chain(session, found)


def _checkpoint(database: Database, path: Path) -> None:
    with database.session() as session:
        checkpoint_heads(session, KEY, path)


def _org_where(tenant: Tenant, database: Database) -> str:
    org = uuid.UUID(tenant.organisation_id)
    value = str(org) if database.dialect == "postgresql" else org.hex
    return f"organisation_id = '{value}'"


def _rewrite(database: Database, tenant: Tenant, key: ChainKey | None, version: int) -> None:
    """Recompute the organisation's whole chain (hashes, links and head row) with ``key``:
    what someone without this server's secret can do at best."""
    org = uuid.UUID(tenant.organisation_id)
    where = _org_where(tenant, database)
    with database.session() as session:
        events = list(
            session.scalars(select(Event).where(Event.organisation_id == org).order_by(Event.seq))
        )
    statements, prev = [], GENESIS_HASH
    for event in events:
        digest = event_hash(
            prev_hash=prev,
            organisation_id=str(org),
            seq=event.seq,
            entity_type=event.entity_type,
            entity_id=event.entity_id,
            action=event.action,
            actor=event.actor,
            before=event.before,
            after=event.after,
            created_at=event.created_at,
            actor_kind=event.actor_kind,
            actor_name=event.actor_name,
            version=version,
            key=key,
        )
        statements.append(
            f"UPDATE events SET hash = '{digest}', prev_hash = '{prev}', "
            f"hash_version = {version} WHERE {where} AND seq = {event.seq}"
        )
        prev = digest
    statements.append(f"UPDATE event_chain_heads SET hash = '{prev}' WHERE {where}")
    _tamper(database, *statements)


def test_new_events_are_keyed_and_a_checkpointed_chain_verifies(
    tenant: Tenant, other_tenant: Tenant, database: Database, tmp_path: Path
) -> None:
    _record(database, tenant, 3)
    checkpoints = tmp_path / "checkpoints.jsonl"
    _checkpoint(database, checkpoints)
    with database.session() as session:
        versions = set(session.scalars(select(Event.hash_version)))
    assert versions == {KEYED_HASH_VERSION}
    report = _verify(database, checkpoints)
    assert report.ok and report.keyed and report.unkeyed_events == 0
    assert report.events_checked == 4 + 3 + 4 and report.checkpoints_checked == 2


@pytest.mark.parametrize(
    "statements, reason",
    [
        pytest.param(
            ['UPDATE events SET after = \'{"comment": "nothing to see"}\' WHERE {org} AND seq = 5'],
            "altered",
            id="edit",
        ),
        pytest.param(
            [
                "UPDATE events SET seq = 100 WHERE {org} AND seq = 5",
                "UPDATE events SET seq = 5 WHERE {org} AND seq = 6",
                "UPDATE events SET seq = 6 WHERE {org} AND seq = 100",
            ],
            "reordered",
            id="reorder",
        ),
        pytest.param(["DELETE FROM events WHERE {org} AND seq = 5"], "removed", id="middle"),
        pytest.param(
            ["DELETE FROM events WHERE {org} AND seq = 7"], "removed from the end", id="tail"
        ),
        pytest.param(
            [
                "DELETE FROM events WHERE {org} AND seq >= 6",
                "UPDATE event_chain_heads SET seq = 5, hash = "
                "(SELECT hash FROM events WHERE {org} AND seq = 5) WHERE {org}",
            ],
            "behind the checkpoint",
            id="tail-and-head-row",
        ),
    ],
)
def test_verify_finds_each_kind_of_tampering(
    tenant: Tenant,
    database: Database,
    tmp_path: Path,
    statements: list[str],
    reason: str,
) -> None:
    _record(database, tenant, 3)  # seq 1-4: the fixture's keys; 5-7: comments
    checkpoints = tmp_path / "checkpoints.jsonl"
    _checkpoint(database, checkpoints)
    assert _verify(database, checkpoints).ok
    where = _org_where(tenant, database)
    _tamper(database, *(s.replace("{org}", where) for s in statements))
    report = _verify(database, checkpoints)
    assert report.broken is not None and report.broken.organisation_id == tenant.organisation_id
    assert reason in report.broken.reason


def test_a_chain_rewritten_without_the_secret_fails(tenant: Tenant, database: Database) -> None:
    _rewrite(database, tenant, ChainKey.from_secret("an attacker's own secret, not ours"), 3)
    report = _verify(database)
    assert report.broken is not None and report.broken.seq == 1
    assert "altered" in report.broken.reason


def test_a_chain_rewritten_unkeyed_fails_against_its_checkpoint(
    tenant: Tenant, database: Database, tmp_path: Path
) -> None:
    checkpoints = tmp_path / "checkpoints.jsonl"
    _checkpoint(database, checkpoints)
    _rewrite(database, tenant, None, UNKEYED_HASH_VERSION)
    report = _verify(database, checkpoints)
    assert report.broken is not None and "checkpointed" in report.broken.reason


def test_an_unkeyed_event_after_keyed_ones_is_refused_and_found(
    tenant: Tenant, database: Database
) -> None:
    bind_key(database, None)  # a server started without the secret
    with database.session() as session, pytest.raises(ProblemError) as refused:
        record_event(
            session,
            organisation_id=uuid.UUID(tenant.organisation_id),
            entity_type="case",
            entity_id="1",
            action="case.commented",
            actor="x",
        )
    assert refused.value.problem.slug == "chain-key-missing"
    bind_key(database, KEY)
    _rewrite_last_as_unkeyed(database, tenant)
    report = _verify(database)
    assert report.broken is not None and "unkeyed event" in report.broken.reason


def _rewrite_last_as_unkeyed(database: Database, tenant: Tenant) -> None:
    """Relabel the last event as version 2 and give it the SHA-256 anyone can compute."""
    org = uuid.UUID(tenant.organisation_id)
    with database.session() as session:
        last = session.scalars(
            select(Event).where(Event.organisation_id == org).order_by(Event.seq.desc())
        ).first()
    assert last is not None
    digest = event_hash(
        prev_hash=last.prev_hash,
        organisation_id=str(org),
        seq=last.seq,
        entity_type=last.entity_type,
        entity_id=last.entity_id,
        action=last.action,
        actor=last.actor,
        before=last.before,
        after=last.after,
        created_at=last.created_at,
        actor_kind=last.actor_kind,
        actor_name=last.actor_name,
        version=UNKEYED_HASH_VERSION,
    )
    where = _org_where(tenant, database)
    _tamper(
        database,
        f"UPDATE events SET hash = '{digest}', hash_version = 2 WHERE {where} AND seq = {last.seq}",
        f"UPDATE event_chain_heads SET hash = '{digest}' WHERE {where}",
    )


def test_unkeyed_events_from_before_the_secret_still_verify(database: Database) -> None:
    from api.organisations.service import create_organisation

    bind_key(database, None)
    with database.session() as session:
        org = create_organisation(session, "Legacy Org").id
        record_event(
            session, organisation_id=org, entity_type="t", entity_id="1", action="a", actor="x"
        )
        session.commit()
    unkeyed = _verify_with_key(database, None)
    assert unkeyed.ok and not unkeyed.keyed and unkeyed.unkeyed_events == unkeyed.events_checked
    bind_key(database, KEY)
    with database.session() as session:
        record_event(
            session, organisation_id=org, entity_type="t", entity_id="2", action="a", actor="x"
        )
        session.commit()
        versions = list(session.scalars(select(Event.hash_version).order_by(Event.seq)))
    assert versions[-1] == KEYED_HASH_VERSION and UNKEYED_HASH_VERSION in versions
    report = _verify(database)
    assert report.ok and report.unkeyed_events == len(versions) - 1


def _verify_with_key(database: Database, key: ChainKey | None) -> ChainReport:
    bind_key(database, key)
    with database.session() as session:
        assert session_chain_key(session) == key
        return verify_chain(session)


def test_values_the_fast_encoder_writes_differently_still_verify(
    tenant: Tenant, database: Database
) -> None:
    awkward = {
        "tiny": 1.5e-07,
        "small": 6.8e-05,
        "big_integer": 10**40,
        "text": 'Fábrica ☃ \u2028 \x01 "quoted" \\ 😀',
        "nested": {"b": [1.0, 2.5e-300, None, True], "a": {"é": 2, "e": 1}},
    }
    with database.session() as session:
        record_event(
            session,
            organisation_id=uuid.UUID(tenant.organisation_id),
            entity_type="t",
            entity_id="1",
            action="a",
            actor="x",
            before=awkward,
            after={"score": 61.25},
        )
        session.commit()
    found = _verify(database)
    assert found.ok, found.broken
    where = _org_where(tenant, database)
    _tamper(database, f"UPDATE events SET after = '{{\"score\": 61.26}}' WHERE {where} AND seq = 5")
    broken = _verify(database).broken
    assert broken is not None and broken.seq == 5


def test_checkpoints_are_appended_never_rewritten(
    tenant: Tenant, database: Database, tmp_path: Path
) -> None:
    checkpoints = tmp_path / "checkpoints.jsonl"
    _checkpoint(database, checkpoints)
    first = checkpoints.read_bytes()
    _record(database, tenant, 2)
    _checkpoint(database, checkpoints)
    second = checkpoints.read_bytes()
    assert second.startswith(first) and second.count(b"\n") == first.count(b"\n") + 1
    assert _verify(database, checkpoints).checkpoints_checked == 2
    # A line changed by hand no longer carries a valid signature.
    checkpoints.write_bytes(second.replace(b'"seq":4', b'"seq":3', 1))
    report = _verify(database, checkpoints)
    assert report.broken is not None and "signature" in report.broken.reason


def test_the_commands_checkpoint_and_then_catch_a_deleted_tail(
    tenant: Tenant, database: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    checkpoints = tmp_path / "anchor" / "checkpoints.jsonl"
    monkeypatch.setenv("DATABASE_URL", database.url)
    monkeypatch.setenv("FLRISK_API_KEY_SECRET", TEST_KEY_SECRET)
    monkeypatch.setenv("FLRISK_CHAIN_CHECKPOINTS", str(checkpoints))
    runner = CliRunner()

    def run(*args: str) -> tuple[int, str]:
        get_settings.cache_clear()
        result = runner.invoke(cli, list(args))
        get_settings.cache_clear()
        return result.exit_code, result.output

    assert run("audit", "checkpoint") == (0, f"appended 1 checkpoint(s) to {checkpoints}\n")
    code, output = run("audit", "verify")
    assert code == 0 and "1 checkpoint(s) matched" in output
    where = _org_where(tenant, database)
    _tamper(
        database,
        f"DELETE FROM events WHERE {where} AND seq = 4",
        f"UPDATE event_chain_heads SET seq = 3, hash = "
        f"(SELECT hash FROM events WHERE {where} AND seq = 3) WHERE {where}",
    )
    code, output = run("audit", "verify")
    assert code == 1 and "BROKEN" in output and "behind the checkpoint at seq 4" in output
    monkeypatch.delenv("FLRISK_CHAIN_SECRET")
    code, output = run("audit", "verify")
    assert code == 2 and "FLRISK_CHAIN_SECRET" in output
