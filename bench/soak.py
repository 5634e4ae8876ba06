"""``make soak``: imports through the API while Redis restarts and PostgreSQL goes away, and
whether the registry is right afterwards.

Run: .venv/bin/python -m bench.soak [rows]
Prints a Markdown table and writes bench/results/soak.json; exits 1 when a check fails.

* A private ``redis-server`` (no persistence) on a free port, a fresh schema on the
  PostgreSQL at ``TEST_DATABASE_URL`` reached through ``tests.faults.proxy.CuttableProxy``
  (cutting it drops every connection and refuses new ones, as a restart does); the shared
  Redis and PostgreSQL are never stopped.
* ``flrisk serve --workers 3`` (uvicorn) and one ``flrisk worker`` (RQ) on them.
* Load: ``POST /v1/score`` offered at 200 requests/s for 60 s (``SOAK_SCORE_SECONDS``) by
  ``bench.loadgen`` on the same cores; every request must be answered 2xx.
* Control: one organisation imports the generated messy CSV with nothing going wrong.
* ``redis restart``: another organisation uploads the same file; once a chunk has committed,
  Redis is stopped (an upload meanwhile must answer 503 ``queue-unavailable``, ``/readyz``
  503), then started again.
* ``postgres cut``: the same, with the database cut instead (``SOAK_OUTAGE_SECONDS``, 12 s:
  longer than a chunk takes, so the import meets it).
* After each: the job must end ``completed``, or ``failed`` with ``written_rows`` and counts
  that match the suppliers really there (never left ``running``); the same file uploaded
  again must complete; then every row of the file must be in the registry once (the same
  references as the control's, none twice), every active supplier scored, every chain
  verified. How many suppliers differ from the control's (a near-duplicate pair merged the
  other way round, say) is reported beside it.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx
from sqlalchemy import func, make_url, select

from bench.bench_api import score_payload
from bench.bench_import import SECRET, _tenants, make_csv
from bench.loadgen import build_request, offered_load, percentile
from tests.faults.redis_server import PrivateRedis, free_port

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "bench" / "results"
CHAIN_SECRET = "soak-only-chain-secret-0123456789"
ROWS = 30_000
SCHEMA = f"flrisk_soak_{os.getpid()}"
# A job must reach its end this long after the fault is over (it has every chunk to write).
SETTLE_SECONDS = 300
# Longer than a chunk takes, so the import meets the outage rather than slipping past it.
OUTAGE_SECONDS = float(os.environ.get("SOAK_OUTAGE_SECONDS", "12"))


SCORE_RATE = 200.0
SCORE_SECONDS = float(os.environ.get("SOAK_SCORE_SECONDS", "60"))
PORT = int(os.environ.get("SOAK_PORT") or free_port())
BASE = f"http://127.0.0.1:{PORT}"


def _wait(done: Callable[[], bool], seconds: float, failure: str) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if done():
            return
        time.sleep(0.1)
    raise RuntimeError(failure)


def _processes(url: str, redis_url: str, logs: Path) -> list[subprocess.Popen[bytes]]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("FLRISK_")}
    env |= {
        "DATABASE_URL": url,
        "REDIS_URL": redis_url,
        "FLRISK_API_KEY_SECRET": SECRET,
        "FLRISK_CHAIN_SECRET": CHAIN_SECRET,
        "FLRISK_LOG_LEVEL": "WARNING",
    }
    cli = [sys.executable, "-m", "api.cli.main"]
    started = []
    for name, args in (
        ("server", ["serve", "--port", str(PORT), "--workers", "3"]),
        ("worker", ["worker"]),
    ):
        log = (logs / f"{name}.log").open("wb")
        started.append(subprocess.Popen([*cli, *args], cwd=ROOT, env=env, stdout=log, stderr=log))
    try:
        _wait(_ready, 90, "the API did not become ready within 90 s")
    except RuntimeError:
        for process in started:
            process.kill()
        raise
    return started


def _ready() -> bool:
    try:
        return httpx.get(f"{BASE}/readyz", timeout=2).status_code == 200
    except httpx.HTTPError:
        return False


def _upload(key: str, content: bytes, name: str = "suppliers.csv") -> httpx.Response:
    return httpx.post(
        f"{BASE}/v1/imports",
        headers={"Authorization": f"Bearer {key}"},
        data={"kind": "suppliers"},
        files={"file": (name, content, "text/csv")},
        timeout=120,
    )


def _job(key: str, job_id: str) -> dict[str, Any]:
    deadline = time.monotonic() + OUTAGE_SECONDS + 60  # 503s while the database is away
    while time.monotonic() < deadline:
        try:
            response = httpx.get(
                f"{BASE}/v1/imports/{job_id}",
                headers={"Authorization": f"Bearer {key}"},
                timeout=10,
            )
            if response.status_code == 200:
                body: dict[str, Any] = response.json()
                return body
        except httpx.HTTPError:
            pass
        time.sleep(0.5)
    raise RuntimeError(f"job {job_id} could not be read")


def _until(
    key: str, job_id: str, done: Callable[[dict[str, Any]], bool], seconds: float
) -> dict[str, Any]:
    deadline = time.monotonic() + seconds
    job = _job(key, job_id)
    while not done(job) and time.monotonic() < deadline:
        time.sleep(0.25)
        job = _job(key, job_id)
    return job


def _finished(job: dict[str, Any]) -> bool:
    return job["status"] in ("completed", "failed")


def _registry(url: str, organisation_id: str) -> dict[str, Any]:
    from api.events.chain import ChainKey
    from api.events.keying import bind_key
    from api.events.verify import verify_chain
    from models import Assessment, Supplier
    from models.database import Database

    database = Database(url)
    bind_key(database, ChainKey.from_secret(CHAIN_SECRET))
    org = uuid.UUID(organisation_id)
    with database.session() as session:
        rows = session.execute(
            select(
                Supplier.external_ref,
                Supplier.name,
                Supplier.country,
                Supplier.sector,
                Supplier.score,
                Supplier.band,
                Supplier.status,
            )
            .where(Supplier.organisation_id == org)
            .order_by(Supplier.external_ref, Supplier.name)
        ).all()
        assessments = session.scalar(
            select(func.count()).select_from(Assessment).where(Assessment.organisation_id == org)
        )
        unscored = session.scalar(
            select(func.count())
            .select_from(Supplier)
            .where(
                Supplier.organisation_id == org,
                Supplier.status == "active",
                Supplier.assessed_at.is_(None),
            )
        )
        chain_ok = verify_chain(session).ok
    database.dispose()
    return {
        "suppliers": [tuple(r) for r in rows],
        "assessments": int(assessments or 0),
        "unscored": int(unscored or 0),
        "chain_ok": chain_ok,
    }


def _score_load(key: str) -> dict[str, Any]:
    """``POST /v1/score`` offered at ``SCORE_RATE`` for ``SCORE_SECONDS``: 0 errors wanted."""
    headers = {"Authorization": f"Bearer {key}", "Content-Type": "application/json"}
    requests = [
        build_request(
            "127.0.0.1", PORT, "/v1/score", json.dumps(score_payload(i)).encode(), headers
        )
        for i in range(40)
    ]
    load_before = os.getloadavg()[0]
    result = offered_load("127.0.0.1", PORT, requests, rate=SCORE_RATE, seconds=SCORE_SECONDS)
    return {
        "offered_rps": SCORE_RATE,
        "seconds": round(result.seconds, 1),
        "sent": result.sent,
        "served": result.served,
        "served_rps": round(result.served_rps, 1),
        "errors": result.errors,
        "p50_ms": round(percentile(result.latencies_ms, 0.5), 2),
        "p99_ms": round(percentile(result.latencies_ms, 0.99), 2),
        "load_average_1m": [round(load_before, 2), round(os.getloadavg()[0], 2)],
        "ok": result.errors == 0 and result.served == result.sent,
    }


def _scenario(
    name: str,
    key: str,
    organisation_id: str,
    content: bytes,
    fault: Callable[[], dict[str, Any]],
    url: str,
    control: dict[str, Any],
) -> dict[str, Any]:
    from api.imports.processing import CHUNK_ROWS

    accepted = _upload(key, content)
    assert accepted.status_code == 202, accepted.text
    job_id = accepted.json()["id"]
    started = _until(key, job_id, lambda j: (j["rows_processed"] or 0) >= CHUNK_ROWS, 300)
    at_fault = started["rows_processed"] or 0
    during = fault()
    began = time.monotonic()
    ended = _until(key, job_id, _finished, SETTLE_SECONDS)
    settled = time.monotonic() - began
    present = len(_registry(url, organisation_id)["suppliers"])
    written = (ended.get("problem") or {}).get("written_rows")
    c = ended["counts"]
    honest = ended["status"] == "completed" or (
        ended["status"] == "failed" and present == c["created"] + c["merged"]
    )
    again = _upload(key, content)
    again_job = again.json() if again.status_code in (200, 202) else {"status": again.text}
    if again.status_code in (200, 202):
        again_job = _until(key, again_job["id"], _finished, SETTLE_SECONDS)
    after = _registry(url, organisation_id)
    refs = [r[0] for r in after["suppliers"]]
    # Every row of the file once: the same references as the control's, none twice.
    rows_once = len(refs) == len(set(refs)) and set(refs) == {r[0] for r in control["suppliers"]}
    differing = sorted(set(after["suppliers"]) ^ set(control["suppliers"]), key=str)
    return {
        "scenario": name,
        "rows_committed_at_fault": at_fault,
        **during,
        "job_finished_at": ended["finished_at"],
        "job_status": ended["status"],
        "job_problem": (ended.get("problem") or {}).get("code"),
        "written_rows": written,
        "suppliers_after_job": present,
        "job_honest": honest,
        "settled_seconds": round(settled, 1),
        "reupload_status": again_job.get("status"),
        "rows_once": rows_once,
        # Suppliers whose stored values differ from the control's (which of two near-duplicate
        # rows survives and which is merged may differ after a partial import).
        "differing_from_control": len(differing) // 2,
        "differing_sample": [list(r) for r in differing[:6]],
        "assessments": after["assessments"],
        "unscored": after["unscored"],
        "chain_ok": after["chain_ok"],
        "ok": bool(
            honest
            and again_job.get("status") == "completed"
            and rows_once
            and after["unscored"] == 0
            and after["chain_ok"]
        ),
    }


def run(rows: int = ROWS) -> dict[str, Any]:
    from migrations import upgrade
    from tests.databases import drop_postgres_schema, fresh_postgres_schema

    direct = fresh_postgres_schema(SCHEMA)
    try:
        upgrade(direct)
        return _run_on(direct, rows)
    finally:
        drop_postgres_schema(SCHEMA)


def _run_on(direct: str, rows: int) -> dict[str, Any]:
    from tests.faults.proxy import CuttableProxy

    content = make_csv(rows)
    probe = make_csv(50, seed=99)  # a different small file, for uploads during an outage
    target = make_url(direct)
    proxy = CuttableProxy(target.host or "127.0.0.1", target.port or 5432)
    proxied = target.set(host="127.0.0.1", port=proxy.port).render_as_string(hide_password=False)
    tenants = _tenants(direct, ["Control", "Redis restart", "Postgres cut"])
    redis = PrivateRedis()
    redis.start()
    results: list[dict[str, Any]] = []
    with tempfile.TemporaryDirectory() as folder:
        processes = _processes(proxied, redis.url, Path(folder))
        try:
            control_key = tenants["Control"][1]
            first = _upload(control_key, content)
            assert first.status_code == 202, first.text
            control_job = _until(control_key, first.json()["id"], _finished, SETTLE_SECONDS)
            assert control_job["status"] == "completed", control_job
            control = _registry(direct, tenants["Control"][0])
            score_load = _score_load(control_key)

            def restart_redis() -> dict[str, Any]:
                redis.stop()
                refused = _upload(tenants["Redis restart"][1], probe, "probe.csv")
                ready = httpx.get(f"{BASE}/readyz", timeout=10).status_code
                time.sleep(OUTAGE_SECONDS)
                redis.start()
                return {
                    "upload_during_outage": refused.status_code,
                    "readyz_during_outage": ready,
                }

            def cut_postgres() -> dict[str, Any]:
                proxy.cut()
                try:
                    ready = httpx.get(f"{BASE}/readyz", timeout=20).status_code
                except httpx.HTTPError as exc:
                    ready = type(exc).__name__
                time.sleep(OUTAGE_SECONDS)
                proxy.restore()
                restored = datetime.now(UTC).isoformat()
                return {
                    "upload_during_outage": None,
                    "readyz_during_outage": ready,
                    "restored": restored,
                }

            for name, fault in (("redis restart", restart_redis), ("postgres cut", cut_postgres)):
                organisation_id, key = tenants[name.capitalize()]
                results.append(
                    _scenario(name, key, organisation_id, content, fault, direct, control)
                )
        finally:
            for process in processes:
                process.terminate()
            for process in processes:
                try:
                    process.wait(timeout=30)
                except subprocess.TimeoutExpired:
                    process.kill()
            logs = {
                p.name: p.read_text(errors="replace")[-3000:] for p in Path(folder).glob("*.log")
            }
            redis.stop()
            proxy.close()
    return {
        "rows": rows,
        "control_suppliers": len(control["suppliers"]),
        "load": os.getloadavg(),
        "score_load": score_load,
        "scenarios": results,
        "logs": logs,
    }


def _table(report: dict[str, Any]) -> str:
    lines = [
        f"Soak: {report['rows']:,}-row import per organisation, uvicorn 3 workers + 1 RQ worker "
        f"on PostgreSQL; control registry {report['control_suppliers']:,} suppliers; load "
        f"{', '.join(f'{x:.2f}' for x in report['load'])}",
        "",
        "| fault | rows committed when hit | upload / readyz during | job | written_rows "
        "| honest | settled s | re-upload | every row once | differ from control | chain | ok |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for s in report["scenarios"]:
        lines.append(
            f"| {s['scenario']} | {s['rows_committed_at_fault']:,} | "
            f"{s['upload_during_outage'] or '—'} / {s['readyz_during_outage']} | "
            f"{s['job_status']} {s['job_problem'] or ''} | {s['written_rows']} | "
            f"{'yes' if s['job_honest'] else 'NO'} | {s['settled_seconds']} | "
            f"{s['reupload_status']} | {'yes' if s['rows_once'] else 'NO'} | "
            f"{s['differing_from_control']} | "
            f"{'ok' if s['chain_ok'] else 'BROKEN'} | {'yes' if s['ok'] else 'NO'} |"
        )
    load = report["score_load"]
    lines += [
        "",
        "| load | served | errors | p50 / p99 ms | target | load average | ok |",
        "|---|---|---|---|---|---|---|",
        f"| POST /v1/score offered {load['offered_rps']:.0f} req/s for {load['seconds']} s | "
        f"{load['served']:,} of {load['sent']:,} ({load['served_rps']} req/s) | {load['errors']} | "
        f"{load['p50_ms']} / {load['p99_ms']} | 0 errors | "
        f"{' → '.join(str(x) for x in load['load_average_1m'])} | "
        f"{'yes' if load['ok'] else 'NO'} |",
    ]
    return "\n".join(lines)


def main() -> int:
    rows = int(sys.argv[1]) if len(sys.argv) > 1 else ROWS
    report = run(rows)
    print(_table(report))
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "soak.json").write_text(json.dumps({**report, "logs": None}, indent=2, default=str))
    failed = [s for s in report["scenarios"] if not s["ok"]]
    if not report["score_load"]["ok"]:
        failed.append(report["score_load"])
    if failed:
        for name, text in report["logs"].items():
            print(f"--- {name} (tail)\n{text}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
