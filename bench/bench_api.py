"""API speed on loopback: ``uvicorn`` serving from PostgreSQL, driven by httpx.

- ``POST /v1/score/batch`` with 1,000 context-only items (SPEC 7: <= 250 ms);
- ``POST /v1/score`` paced at 100 requests/s (SPEC 7: p99 <= 20 ms), then as fast as four
  clients can go, with errors counted;
- ``POST /v1/score`` offered at 200 and 500 requests/s (issue 18: >= 400 req/s served on this
  machine's 2 cores, the load generator beside the server) by ``bench.loadgen``, a lean
  asyncio client, against uvicorn with CPUs + 1 worker processes: served req/s, errors,
  p50/p99 measured from each request's scheduled time;
- reference in the same run: ``GET /healthz`` round trips (what the stack costs by itself).

Bounded: every loop stops after a fixed count or time. Traffic goes to 127.0.0.1 only.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import httpx

if str(Path(__file__).resolve().parents[1]) not in sys.path:
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.loadgen import build_request, offered_load, percentile

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "bench" / "results" / "api.json"
PORT = int(os.environ.get("BENCH_API_PORT", "8765"))
BASE = f"http://127.0.0.1:{PORT}"
PACED_SECONDS = float(os.environ.get("BENCH_LOAD_SECONDS", "30"))
PACED_RATE = 100.0
OFFERED_RATES = [float(r) for r in os.environ.get("BENCH_OFFERED_RATES", "200,500").split(",")]
OFFERED_SECONDS = float(os.environ.get("BENCH_OFFERED_SECONDS", "20"))
TARGET_SERVED_RPS = 400.0
WORKERS = int(os.environ.get("BENCH_API_WORKERS", str((os.cpu_count() or 1) + 1)))
SCHEMA = "flrisk_bench_api"
COUNTRIES = ["Bangladesh", "MY", "de", "CHN", "Viet Nam", "Brazil", "India", "TH", "Burma", "US"]
SECTORS = ["garments", "electronics", "agriculture", "fishing", "construction"]


def score_payload(i: int) -> dict[str, Any]:
    return {
        "supplier": {
            "country": COUNTRIES[i % 10],
            "sector": SECTORS[i % 5],
            "products": [["cotton"], ["shrimp"], [], ["bricks"]][i % 4],
            "worker_count": 100 + i,
        }
    }


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def _setup_database() -> tuple[str, str]:
    sys.path.insert(0, str(ROOT))
    from pydantic import SecretStr

    from api.auth.roles import Role
    from api.auth.service import create_key
    from api.organisations.service import create_organisation
    from api.settings import Settings
    from migrations import upgrade
    from models.database import Database
    from tests.databases import fresh_postgres_schema

    url = fresh_postgres_schema(SCHEMA)
    upgrade(url)
    secret = "bench-secret-0123456789abcdef"
    database = Database(url)
    with database.session() as session:
        organisation = create_organisation(session, "Bench")
        _, key = create_key(
            session,
            Settings(database_url=url, api_key_secret=SecretStr(secret)),
            organisation_id=organisation.id,
            role=Role.procurement,
            name="bench",
        )
    database.dispose()
    return url, key


def _start_server(url: str) -> subprocess.Popen[bytes]:
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "FLRISK_API_KEY_SECRET": "bench-secret-0123456789abcdef",
        "FLRISK_LOG_LEVEL": "WARNING",
    }
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "uvicorn",
            "api.app:create_app",
            "--factory",
            "--host",
            "127.0.0.1",
            "--port",
            str(PORT),
            "--workers",
            str(WORKERS),
            "--no-access-log",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
    )
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"{BASE}/readyz", timeout=1).status_code == 200:
                return server
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    server.kill()
    raise RuntimeError("the API did not become ready within 30 s")


def _timed(client: httpx.Client, method: str, path: str, **kwargs: Any) -> tuple[float, int]:
    started = time.perf_counter()
    status = client.request(method, path, **kwargs).status_code
    return (time.perf_counter() - started) * 1000, status


def _paced(headers: dict[str, str]) -> dict[str, Any]:
    """An open-loop load: a request every 10 ms whatever the previous ones are doing."""
    latencies: list[float] = []
    errors = 0
    lock = threading.Lock()
    total = int(PACED_SECONDS * PACED_RATE)
    local = threading.local()

    def send(i: int) -> None:
        nonlocal errors
        client = getattr(local, "client", None)
        if client is None:
            client = local.client = httpx.Client(base_url=BASE, headers=headers, timeout=10)
        ms, status = _timed(client, "POST", "/v1/score", json=score_payload(i))
        with lock:
            latencies.append(ms)
            errors += status != 200

    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=8) as pool:
        for i in range(total):
            delay = started + i / PACED_RATE - time.perf_counter()
            if delay > 0:
                time.sleep(delay)
            pool.submit(send, i)
    elapsed = time.perf_counter() - started
    return {
        "requests": total,
        "seconds": round(elapsed, 1),
        "errors": errors,
        "achieved_rps": round(total / elapsed, 1),
        "p50_ms": round(_percentile(latencies, 0.5), 2),
        "p99_ms": round(_percentile(latencies, 0.99), 2),
        "max_ms": round(max(latencies), 2),
    }


def _saturated(headers: dict[str, str], seconds: float = 10.0) -> dict[str, Any]:
    count = errors = 0
    lock = threading.Lock()
    stop = time.perf_counter() + seconds

    def client_loop(offset: int) -> None:
        nonlocal count, errors
        with httpx.Client(base_url=BASE, headers=headers, timeout=10) as client:
            i = offset
            while time.perf_counter() < stop:
                _, status = _timed(client, "POST", "/v1/score", json=score_payload(i))
                i += 4
                with lock:
                    count += 1
                    errors += status != 200

    threads = [threading.Thread(target=client_loop, args=(n,)) for n in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return {"requests": count, "errors": errors, "rps": round(count / seconds, 1)}


def _offered(key: str, rate: float) -> dict[str, Any]:
    headers = {"Authorization": f"Bearer {key}", "Content-Type": "application/json"}
    requests = [
        build_request(
            "127.0.0.1", PORT, "/v1/score", json.dumps(score_payload(i)).encode(), headers
        )
        for i in range(40)
    ]
    load_before = os.getloadavg()[0]
    result = offered_load("127.0.0.1", PORT, requests, rate=rate, seconds=OFFERED_SECONDS)
    return {
        "offered_rps": rate,
        "seconds": round(result.seconds, 1),
        "sent": result.sent,
        "served_rps": round(result.served_rps, 1),
        "errors": result.errors,
        "p50_ms": round(percentile(result.latencies_ms, 0.5), 2),
        "p99_ms": round(percentile(result.latencies_ms, 0.99), 2),
        "load_average_1m": [round(load_before, 2), round(os.getloadavg()[0], 2)],
    }


def run() -> dict[str, Any]:
    url, key = _setup_database()
    server = _start_server(url)
    headers = {"Authorization": f"Bearer {key}"}
    try:
        with httpx.Client(base_url=BASE, headers=headers, timeout=30) as client:
            health = [_timed(client, "GET", "/healthz")[0] for _ in range(200)]
            for i in range(50):  # warm caches (risk data, lookups, connection pool)
                client.post("/v1/score", json=score_payload(i))
            batch_body = {"items": [score_payload(i) for i in range(1000)]}
            batch = [_timed(client, "POST", "/v1/score/batch", json=batch_body) for _ in range(15)]
        result = {
            "healthz_p50_ms": round(statistics.median(health), 2),
            "batch_1000": {
                "p50_ms": round(statistics.median(b[0] for b in batch), 1),
                "max_ms": round(max(b[0] for b in batch), 1),
                "errors": sum(b[1] != 200 for b in batch),
                "target_ms": 250,
            },
            "paced_100_rps": {**_paced(headers), "target_p99_ms": 20},
            "saturated_4_clients": _saturated(headers),
            "workers": WORKERS,
            "offered": [_offered(key, rate) for rate in OFFERED_RATES],
            "target_served_rps": TARGET_SERVED_RPS,
        }
    finally:
        server.terminate()
        server.wait(timeout=10)
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(result, indent=2))
    return result


def markdown(result: dict[str, Any]) -> str:
    b, p, s = result["batch_1000"], result["paced_100_rps"], result["saturated_4_clients"]
    return "\n".join(
        [
            "| work | figure | target | reference (same run) |",
            "|---|---|---|---|",
            f"| POST /v1/score/batch, 1,000 items | p50 {b['p50_ms']} ms, max {b['max_ms']} ms, "
            f"{b['errors']} errors | <= 250 ms | GET /healthz p50 {result['healthz_p50_ms']} ms |",
            f"| POST /v1/score at {PACED_RATE:.0f} req/s for {p['seconds']} s | p50 {p['p50_ms']} ms, "
            f"p99 {p['p99_ms']} ms, {p['errors']} errors of {p['requests']} | p99 <= 20 ms | "
            f"achieved {p['achieved_rps']} req/s |",
            f"| POST /v1/score, 4 clients flat out, 10 s | {s['rps']} req/s, {s['errors']} errors | | |",
            *[
                f"| POST /v1/score offered {o['offered_rps']:.0f} req/s for {o['seconds']} s, "
                f"{result['workers']} workers | served {o['served_rps']} req/s, {o['errors']} "
                f"errors, p50 {o['p50_ms']} ms, p99 {o['p99_ms']} ms | served >= "
                f"{TARGET_SERVED_RPS:.0f} req/s | load average {o['load_average_1m'][0]} before, "
                f"{o['load_average_1m'][1]} after |"
                for o in result["offered"]
            ],
        ]
    )


if __name__ == "__main__":
    outcome = run()
    print(markdown(outcome))
