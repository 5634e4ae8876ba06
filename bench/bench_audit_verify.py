"""Benchmark of ``flrisk audit verify`` on 500k events, on SQLite and PostgreSQL.

Run: .venv/bin/python bench/bench_audit_verify.py [events]
Prints a Markdown table and writes bench/results/audit_verify.json. ``run()`` returns the dict.

* The history: 500,000 events over 3 organisations, made by the one writer
  (``api.events.append.append_events``) in batches of 5,000, as an import makes them: one
  ``supplier.created`` (the 16-field supplier state) then one ``assessment.created`` per
  supplier. The smallest organisation's first 20,000 events are unkeyed (hash version 2, made
  before the chain was keyed), the rest are keyed (version 3, HMAC-SHA256). One signed
  checkpoint per organisation is in the checkpoint file.
* The figure: ``flrisk audit verify`` as a user runs it (a fresh process, with the checkpoint
  file), wall and CPU time (the command's own; on PostgreSQL the server's work is not in it),
  beside the target of 5 s. Also timed in-process: ``verify_chain`` alone.
* References in the same run: streaming the same rows with a bare cursor and doing nothing
  (the floor), and the walk as verify did it before (ORM objects, stdlib canonical JSON).
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

RESULTS = ROOT / "bench" / "results" / "audit_verify.json"
EVENTS = 500_000
TARGET_SECONDS = 5.0
BATCH = 5_000
SHARES = (0.6, 0.3, 0.1)  # of the events, per organisation
UNKEYED_EVENTS = 20_000  # in the last organisation, before its chain was keyed
PG_SCHEMA = "flrisk_bench_audit_verify"
BENCH_CHAIN_SECRET = "bench-only-chain-secret-0123456789"
COUNTRIES = ["CN", "BD", "IN", "VN", "TR", "MY", "MX", "DE", "NA", "LK"]
SECTORS = ["apparel", "textiles", "agriculture", "electronics", "seafood", "mining"]


def _supplier_events(n: int) -> list[Any]:
    from api.events.append import PendingEvent

    supplier = str(uuid.UUID(int=n + 1))
    state = {
        "name": f"Fábrica Número {n} Ltd",
        "external_ref": f"SUP-{n:07d}",
        "registration_number": f"91{n:014d}" if n % 3 else None,
        "country": COUNTRIES[n % len(COUNTRIES)],
        "region": "Guangdong" if n % 2 else None,
        "city": "Dongguan",
        "address": f"{n % 900 + 1} Industrial Road",
        "sector": SECTORS[n % len(SECTORS)],
        "products": ["cotton", "garments"] if n % 2 else ["electronics"],
        "tier": n % 3 + 1,
        "parent_id": None,
        "worker_count": 100 + n % 5000,
        "migrant_share": round((n % 100) / 100, 2),
        "recruitment_agencies": ["Agency A"] if n % 4 == 0 else [],
        "status": "active",
        "merged_into_id": None,
    }
    score = round(20 + (n % 7000) / 100, 2)
    assessed = {
        "assessment_id": str(uuid.UUID(int=10**12 + n)),
        "score": score,
        "band": "high" if score >= 60 else "medium",
        "flagged": score >= 60,
        "reasons": ["score_threshold"] if score >= 60 else [],
        "risk_data_version": "2026.11",
    }
    return [
        PendingEvent("supplier", supplier, "supplier.created", None, state),
        PendingEvent("supplier", supplier, "assessment.created", None, assessed),
    ]


def _database_url(engine: str, folder: Path) -> str:
    from migrations import upgrade

    if engine == "sqlite":
        url = f"sqlite:///{folder / 'verify.db'}"
    else:
        from tests.databases import fresh_postgres_schema

        url = fresh_postgres_schema(PG_SCHEMA)
    upgrade(url)
    return url


def _build(url: str, events: int, checkpoints: Path) -> dict[str, Any]:
    from api.events.anchor import checkpoint_heads
    from api.events.append import append_events
    from api.events.chain import ChainKey
    from api.events.keying import bind_key
    from api.organisations.service import create_organisation
    from models.database import Database

    key = ChainKey.from_secret(BENCH_CHAIN_SECRET)
    database = Database(url)
    started = time.perf_counter()
    bind_key(database, None)  # the organisations' own first events predate the keying
    with database.session() as session:
        organisations = [create_organisation(session, f"Bench {i}").id for i in range(3)]
        session.commit()
    made = 0
    for index, (organisation, share) in enumerate(zip(organisations, SHARES, strict=True)):
        wanted = int(events * share) if index < 2 else events - made
        unkeyed = UNKEYED_EVENTS if index == 2 else 0
        written = 0
        supplier = 0
        while written < wanted:
            bind_key(database, None if written < unkeyed else key)
            batch: list[Any] = []
            while len(batch) < BATCH and written + len(batch) < wanted:
                batch.extend(_supplier_events(supplier))
                supplier += 1
            batch = batch[: wanted - written]
            with database.session() as session:
                append_events(session, organisation, "bench", batch)
                session.commit()
            written += len(batch)
        made += written
    bind_key(database, key)
    with database.session() as session:
        checkpoint_heads(session, key, checkpoints)
    database.dispose()
    return {"events": made, "build_s": round(time.perf_counter() - started, 1)}


def _timed(work: Any) -> tuple[Any, float, float]:
    wall, cpu = time.perf_counter(), time.process_time()
    outcome = work()
    return outcome, time.perf_counter() - wall, time.process_time() - cpu


def _floor(session: Any) -> int:
    """Stream the rows verify reads and do nothing with them."""
    from api.events.verify import _rows

    return sum(1 for _ in _rows(session))


def _orm_walk(session: Any) -> int:
    """The walk as verify made it before: ORM objects, the stdlib encoder for every body."""
    from sqlalchemy import select

    from api.events.chain import event_hash
    from api.events.keying import session_chain_key
    from models import Event

    key = session_chain_key(session)
    query = select(Event).order_by(Event.organisation_id, Event.seq)
    checked = 0
    for event in session.scalars(query.execution_options(yield_per=2000)):
        digest = event_hash(
            prev_hash=event.prev_hash,
            organisation_id=str(event.organisation_id),
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
            version=event.hash_version,
            key=key,
        )
        if digest != event.hash:
            raise AssertionError(f"event {event.id} does not verify")
        checked += 1
    return checked


def _command(url: str, checkpoints: Path) -> dict[str, Any]:
    """``flrisk audit verify`` in a fresh process, as a user runs it."""
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "FLRISK_CHAIN_SECRET": BENCH_CHAIN_SECRET,
        "FLRISK_CHAIN_CHECKPOINTS": str(checkpoints),
    }
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    done = subprocess.run(
        [str(Path(sys.executable).parent / "flrisk"), "audit", "verify"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
        cwd=ROOT,
    )
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        raise RuntimeError(f"flrisk audit verify failed: {done.stderr[-2000:]}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return {"wall_s": round(wall, 2), "cpu_s": round(cpu, 2), "output": done.stdout.strip()}


def _case(engine: str, events: int) -> dict[str, Any]:
    from api.events.chain import ChainKey
    from api.events.checkpoints import read_checkpoints
    from api.events.keying import bind_key
    from api.events.verify import verify_chain
    from models.database import Database

    with tempfile.TemporaryDirectory() as folder:
        url = _database_url(engine, Path(folder))
        checkpoints = Path(folder) / "checkpoints.jsonl"
        built = _build(url, events, checkpoints)
        key = ChainKey.from_secret(BENCH_CHAIN_SECRET)
        database = Database(url)
        bind_key(database, key)
        command = _command(url, checkpoints)
        with database.session() as session:
            report, verify_wall, verify_cpu = _timed(
                lambda: verify_chain(session, read_checkpoints(checkpoints, key))
            )
        if not report.ok or report.events_checked != built["events"]:
            raise RuntimeError(f"verify did not pass: {report}")
        with database.session() as session:
            _, floor_wall, floor_cpu = _timed(lambda: _floor(session))
        with database.session() as session:
            _, orm_wall, orm_cpu = _timed(lambda: _orm_walk(session))
        database.dispose()
    return {
        **built,
        "unkeyed_events": report.unkeyed_events,
        "checkpoints_checked": report.checkpoints_checked,
        "command": command,
        "verify_chain": {"wall_s": round(verify_wall, 2), "cpu_s": round(verify_cpu, 2)},
        "reference_row_stream": {"wall_s": round(floor_wall, 2), "cpu_s": round(floor_cpu, 2)},
        "reference_orm_walk": {"wall_s": round(orm_wall, 2), "cpu_s": round(orm_cpu, 2)},
        "meets_target": command["wall_s"] <= TARGET_SECONDS,
    }


def _postgres_available() -> bool:
    from sqlalchemy import text

    from models.database import make_engine
    from tests.databases import postgres_base_url

    engine = make_engine(postgres_base_url(), pool_size=1)
    try:
        with engine.connect() as connection:
            connection.execute(text("SELECT 1"))
        return True
    except Exception:
        return False
    finally:
        engine.dispose()


def run(events: int = EVENTS) -> dict[str, Any]:
    engines = ["sqlite"] + (["postgresql"] if _postgres_available() else [])
    results: dict[str, Any] = {
        "benchmark": "audit_verify",
        "events": events,
        "python": sys.version.split()[0],
        "target_seconds": TARGET_SECONDS,
        "engines": {engine: _case(engine, events) for engine in engines},
    }
    if "postgresql" in engines:
        from tests.databases import drop_postgres_schema

        drop_postgres_schema(PG_SCHEMA)
    return results


def table(results: dict[str, Any]) -> str:
    lines = [
        f"`flrisk audit verify` on {results['events']:,} events (3 organisations, keyed with "
        "checkpoints; wall / CPU seconds, CPU of this process only)",
        "",
        "| engine | command wall | command CPU | target | verify_chain wall / CPU "
        "| ref: row stream | ref: ORM walk (before) | ≤ 5 s |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for engine, r in results["engines"].items():
        lines.append(
            f"| {engine} | {r['command']['wall_s']} | {r['command']['cpu_s']} "
            f"| ≤ {results['target_seconds']:.0f} | {r['verify_chain']['wall_s']} / "
            f"{r['verify_chain']['cpu_s']} | {r['reference_row_stream']['wall_s']} / "
            f"{r['reference_row_stream']['cpu_s']} | {r['reference_orm_walk']['wall_s']} / "
            f"{r['reference_orm_walk']['cpu_s']} | {'yes' if r['meets_target'] else 'NO'} |"
        )
    return "\n".join(lines)


def main() -> None:
    events = int(sys.argv[1]) if len(sys.argv) > 1 else EVENTS
    results = run(events)
    print(table(results))
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(results, indent=2) + "\n")


if __name__ == "__main__":
    main()
