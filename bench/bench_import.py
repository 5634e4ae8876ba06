"""Benchmark of supplier imports end to end through the API, on SQLite and PostgreSQL.

Run: .venv/bin/python bench/bench_import.py [rows] [memory_rows]
Prints a Markdown table and writes bench/results/import.json. ``run()`` returns the dict.

* A generated messy CSV (100k rows by default): semicolon-delimited with a BOM, French and
  English headers, countries as names, ISO2 and ISO3 in any case, worker counts with
  thousands separators, shares as "35%" / "0,35", products in free text; 4 % of rows are
  near-duplicates (typos, legal-form variants, case) of other rows, 1 % have a bad value.
* End to end as a user sees it: ``uvicorn`` serving the app with its DEFAULT settings (upload
  limits, job mode: background threads without Redis), one ``POST /v1/imports`` of the file,
  then ``GET /v1/imports/{id}`` every 0.1 s until the job reports ``completed``; then the
  database is asked that every created supplier is scored and has its events. Wall time from
  the upload to completion, and the server process's CPU time over it (a PostgreSQL server's
  own CPU is not in it).
* Another organisation's ``POST /v1/score`` paced at 20 requests/s while a second 100k import
  (into a third organisation, the same work) runs: p50/p99/max and errors (target p99 50 ms);
  beside it, the same probe for 10 s with no import running (the machine's own load).
* References in the same run (SPEC section 7): reading the file with pandas (all text), and
  inserting the same number of supplier rows in one transaction (SQLite, executemany) and
  with COPY (PostgreSQL).
* Memory: a 200k-row file (about 17 MiB) uploaded to a fresh server on SQLite with the
  default limits; the peak resident set (VmHWM) of the server or its job worker process is the
  figure (target 1 GiB).
* Matching throughput (10k queries against a 100k registry) is bench/bench_matching.py's.
"""

from __future__ import annotations

import io
import json
import os
import random
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path
from typing import Any

import httpx

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

RESULTS = ROOT / "bench" / "results" / "import.json"
ROWS = 100_000
MEMORY_ROWS = 200_000
TARGET_SECONDS = 10.0
TARGET_RSS_MIB = 1024.0
TARGET_PROBE_P99_MS = 50.0
PROBE_RATE = 20.0  # requests/s of the other organisation's scoring while an import runs
PROBE_ALONE_SECONDS = 10.0  # the same probe with no import running, as its reference
PG_SCHEMA = "flrisk_bench_import"
PORT = int(os.environ.get("BENCH_IMPORT_PORT", "8766"))
BASE = f"http://127.0.0.1:{PORT}"
SECRET = "bench-secret-0123456789abcdef"
JOB_DEADLINE_SECONDS = 900.0

COUNTRY_FORMS = {
    "CN": ["China", "CN", "chn", "CHINA"],
    "BD": ["Bangladesh", "BD", "BGD", "bangladesh"],
    "IN": ["India", "IN", "IND"],
    "VN": ["Viet Nam", "Vietnam", "VN", "vnm"],
    "TR": ["Turkey", "Türkiye", "TR"],
    "MY": ["Malaysia", "MY", "MYS"],
    "MX": ["Mexico", "MX", "MEX"],
    "DE": ["Germany", "DE", "deu"],
    "NA": ["NA", "Namibia"],
    "LK": ["Sri Lanka", "LK"],
}
SECTORS = [
    "apparel",
    "textiles",
    "agriculture",
    "electronics",
    "fishing",
    "footwear",
    "mining",
    "manufacturing",
    "",
]
PRODUCTS = [
    "cotton",
    "garments; buttons",
    "gloves",
    "tea",
    "shrimp",
    "electronics",
    "sugarcane",
    "bricks",
    "fish",
    "solar panels",
    "toys",
    "",
]
SYLLABLES = [
    "hua",
    "qiang",
    "xin",
    "hui",
    "tian",
    "li",
    "heng",
    "feng",
    "jin",
    "long",
    "hai",
    "yong",
    "xing",
    "bao",
    "sheng",
    "fu",
    "kang",
    "mei",
    "rui",
    "tai",
    "chang",
    "hong",
    "ming",
    "phu",
    "thinh",
    "hoa",
    "binh",
    "viet",
    "tien",
    "thanh",
    "shree",
    "ganesh",
    "lakshmi",
    "rahman",
    "karim",
    "hossain",
    "sonar",
    "bangla",
    "anadolu",
    "yildiz",
    "ozturk",
    "maju",
    "jaya",
    "sinar",
    "abadi",
    "golden",
    "star",
    "royal",
    "prime",
    "union",
]
INDUSTRY = [
    "Garment",
    "Textile",
    "Knitwear",
    "Apparel",
    "Fashion",
    "Electronics",
    "Foods",
    "Trading",
    "Industrial",
    "Manufacturing",
    "Fisheries",
    "Leather",
]
LEGAL = [
    "Co., Ltd.",
    "Ltd",
    "Limited",
    "Pvt. Ltd.",
    "Sdn. Bhd.",
    "PT",
    "A.Ş.",
    "GmbH",
    "S.A. de C.V.",
    "LLC",
    "JSC",
    "",
]
HEADER = [
    "Raison sociale",
    "Vendor ID",
    "Pays",
    "City",
    "Sector",
    "Products",
    "Effectif",
    "Migrant %",
    "Registration No",
]


def _name(rng: random.Random) -> str:
    words = [rng.choice(SYLLABLES).title() for _ in range(rng.choice((2, 2, 3)))]
    return " ".join([*words, rng.choice(INDUSTRY), rng.choice(LEGAL)]).strip()


def _country_text(rng: random.Random, iso2: str) -> str:
    forms = COUNTRY_FORMS.get(iso2) or [iso2, iso2.lower()]
    return rng.choice(forms)


def make_csv(rows: int, seed: int = 7) -> bytes:
    """Names, countries and cities from bench_matching's registry generator (so blocking sees
    realistic name variety), written the way ERP exports write them."""
    from bench.bench_matching import _edit, make_registry

    rng = random.Random(seed)
    records = make_registry(rng, rows)
    lines = [";".join(HEADER)]
    made: list[list[str]] = []
    for i, record in enumerate(records):
        if made and rng.random() < 0.04:
            base = rng.choice(made)
            row = [_edit(rng, base[0]), f"V{i:07d}", *base[2:]]
        else:
            workers = rng.randrange(20, 20_000)
            row = [
                record.name,
                f"V{i:07d}",
                _country_text(rng, record.country or "CN"),
                record.city or "",
                rng.choice(SECTORS),
                rng.choice(PRODUCTS),
                rng.choice([str(workers), f"{workers:,}".replace(",", "\u00a0"), ""]),
                rng.choice(["", "35%", "0,2", "12"]),
                record.registration_number or "",
            ]
            made.append(row)
        if rng.random() < 0.01:
            row[rng.choice((2, 6))] = rng.choice(["Atlantis", "lots", "n/a?"])
        lines.append(";".join(c.replace(";", ",") for c in row))
    return ("\ufeff" + "\n".join(lines) + "\n").encode("utf-8")


def _database(engine: str, folder: Path) -> str:
    from migrations import upgrade

    if engine == "sqlite":
        url = f"sqlite:///{folder / f'bench-{uuid.uuid4().hex}.db'}"
    else:
        from tests.databases import fresh_postgres_schema

        url = fresh_postgres_schema(PG_SCHEMA)
    upgrade(url)
    return url


def _tenants(url: str, names: list[str]) -> dict[str, tuple[str, str]]:
    """An organisation per name with a compliance key: name -> (organisation id, key)."""
    from pydantic import SecretStr

    from api.auth.roles import Role
    from api.auth.service import create_key
    from api.organisations.service import create_organisation
    from api.settings import Settings
    from models.database import Database

    database = Database(url)
    settings = Settings(database_url=url, api_key_secret=SecretStr(SECRET))
    made: dict[str, tuple[str, str]] = {}
    with database.session() as session:
        for name in names:
            organisation = create_organisation(session, name)
            _, key = create_key(
                session,
                settings,
                organisation_id=organisation.id,
                role=Role.compliance,
                name="bench",
            )
            made[name] = (str(organisation.id), key)
    database.dispose()
    return made


def _start_server(url: str) -> subprocess.Popen[bytes]:
    """The app under uvicorn with its default settings but the database and key secret."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("FLRISK_") and k != "REDIS_URL"}
    env |= {"DATABASE_URL": url, "FLRISK_API_KEY_SECRET": SECRET, "FLRISK_LOG_LEVEL": "WARNING"}
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
            "--no-access-log",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"{BASE}/readyz", timeout=1).status_code == 200:
                return server
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    server.kill()
    raise RuntimeError("the API did not become ready within 60 s")


def _stop(server: subprocess.Popen[bytes]) -> None:
    server.terminate()
    try:
        server.wait(timeout=30)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait()


def _tree(pid: int) -> list[int]:
    """The server and its worker processes (imports run in one when Redis is not set)."""
    import psutil

    server = psutil.Process(pid)
    return [pid, *(child.pid for child in server.children(recursive=True))]


def _cpu_seconds(pid: int) -> dict[int, float]:
    """User + system CPU so far of the server and each of its worker processes (Linux /proc)."""
    seconds: dict[int, float] = {}
    for member in _tree(pid):
        try:
            fields = Path(f"/proc/{member}/stat").read_text().rsplit(")", 1)[1].split()
        except FileNotFoundError:
            continue
        seconds[member] = (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    return seconds


def _cpu_spent(before: dict[int, float], after: dict[int, float]) -> float:
    return sum(value - before.get(member, 0.0) for member, value in after.items())


def _peak_rss_mib(pid: int) -> float:
    """The largest peak resident set of the server and its worker processes."""
    peak = 0.0
    for member in _tree(pid):
        for line in Path(f"/proc/{member}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                peak = max(peak, int(line.split()[1]) / 1024)
    return peak


def _import(server: subprocess.Popen[bytes], key: str, content: bytes) -> dict[str, Any]:
    """One upload through the API, followed until the job finishes."""
    headers = {"Authorization": f"Bearer {key}"}
    cpu = _cpu_seconds(server.pid)
    started = time.perf_counter()
    with httpx.Client(base_url=BASE, headers=headers, timeout=300) as client:
        response = client.post(
            "/v1/imports",
            data={"kind": "suppliers"},
            files={"file": ("messy.csv", content, "text/csv")},
        )
        uploaded = time.perf_counter() - started
        if response.status_code not in (200, 202):
            raise RuntimeError(f"upload answered {response.status_code}: {response.text[:500]}")
        job = response.json()
        while job["status"] not in ("completed", "failed"):
            if time.perf_counter() - started > JOB_DEADLINE_SECONDS:
                raise RuntimeError(f"the import did not finish in {JOB_DEADLINE_SECONDS:.0f} s")
            time.sleep(0.1)
            job = client.get(f"/v1/imports/{job['id']}").json()
    seconds = time.perf_counter() - started
    return {
        "seconds": round(seconds, 2),
        "upload_response_s": round(uploaded, 2),
        "server_cpu_s": round(_cpu_spent(cpu, _cpu_seconds(server.pid)), 2),
        "status": job["status"],
        "rows_total": job["rows_total"],
        "counts": job["counts"],
        "problem": job["problem"],
        "job_id": job["id"],
    }


def _written(url: str, organisation_id: str) -> dict[str, int]:
    """What the import left: suppliers by status, their assessments and events."""
    from sqlalchemy import func, select

    from models import Assessment, Event, Supplier
    from models.database import Database

    database = Database(url)
    organisation = uuid.UUID(organisation_id)
    with database.session() as session:

        def count(model: Any, *where: Any) -> int:
            query = select(func.count()).select_from(model)
            query = query.where(model.organisation_id == organisation, *where)
            return int(session.scalar(query) or 0)

        written = {
            "suppliers": count(Supplier),
            "active": count(Supplier, Supplier.status == "active"),
            "active_unscored": count(
                Supplier, Supplier.status == "active", Supplier.assessed_at.is_(None)
            ),
            "assessments": count(Assessment),
            "events": count(Event),
        }
    database.dispose()
    return written


def _probe(key: str, stop: threading.Event) -> dict[str, Any]:
    """Another organisation scoring one supplier at PROBE_RATE until ``stop``."""
    from bench.bench_api import _percentile, score_payload

    latencies: list[float] = []
    errors = 0
    with httpx.Client(
        base_url=BASE, headers={"Authorization": f"Bearer {key}"}, timeout=60
    ) as client:
        started = time.perf_counter()
        i = 0
        while not stop.is_set():
            delay = started + i / PROBE_RATE - time.perf_counter()
            if delay > 0:
                time.sleep(delay)
            sent = time.perf_counter()
            status = client.post("/v1/score", json=score_payload(i)).status_code
            latencies.append((time.perf_counter() - sent) * 1000)
            errors += status != 200
            i += 1
    if not latencies:
        return {"requests": 0}
    return {
        "requests": len(latencies),
        "errors": errors,
        "p50_ms": round(_percentile(latencies, 0.5), 1),
        "p99_ms": round(_percentile(latencies, 0.99), 1),
        "max_ms": round(max(latencies), 1),
    }


def _engine_case(engine: str, content: bytes) -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as folder:
        url = _database(engine, Path(folder))
        tenants = _tenants(url, ["Importer", "Second importer", "Scorer"])
        server = _start_server(url)
        try:
            with httpx.Client(base_url=BASE, timeout=30) as client:  # warm the scoring path
                for i in range(20):
                    from bench.bench_api import score_payload

                    client.post(
                        "/v1/score",
                        json=score_payload(i),
                        headers={"Authorization": f"Bearer {tenants['Scorer'][1]}"},
                    )
            timed = _import(server, tenants["Importer"][1], content)
            timed["written"] = _written(url, tenants["Importer"][0])
            # The probe's reference: the same requests with no import running (the machine's
            # other load is in both).
            alone = threading.Event()
            threading.Timer(PROBE_ALONE_SECONDS, alone.set).start()
            probe_alone = _probe(tenants["Scorer"][1], alone)
            stop = threading.Event()
            probe_result: dict[str, Any] = {}
            prober = threading.Thread(
                target=lambda: probe_result.update(_probe(tenants["Scorer"][1], stop))
            )
            prober.start()
            time.sleep(1.0)  # scoring alone first, so the probe spans the whole import
            try:
                beside = _import(server, tenants["Second importer"][1], content)
            finally:
                stop.set()
                prober.join()
        finally:
            _stop(server)
    return {
        "import": timed,
        "import_beside_probe": beside,
        "probe": probe_result,
        "probe_alone": probe_alone,
    }


def _memory_case(content: bytes) -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as folder:
        url = _database("sqlite", Path(folder))
        tenants = _tenants(url, ["Big"])
        server = _start_server(url)
        try:
            result = _import(server, tenants["Big"][1], content)
            result["peak_rss_mib"] = round(_peak_rss_mib(server.pid), 1)
        finally:
            _stop(server)
    return result


def _pandas_read(content: bytes) -> float:
    import pandas as pd

    started = time.perf_counter()
    pd.read_csv(io.BytesIO(content), sep=";", dtype=str, keep_default_na=False)
    return time.perf_counter() - started


def _bare_rows(organisation_id: uuid.UUID, rows: int) -> list[dict[str, Any]]:
    from models.base import utcnow

    rng = random.Random(1)
    now = utcnow()
    return [
        {
            "id": uuid.uuid4(),
            "organisation_id": organisation_id,
            "external_ref": f"V{i:07d}",
            "name": _name(rng),
            "normalised_name": "x",
            "country": "CN",
            "city": "Shenzhen",
            "sector": "apparel",
            "products": ["Cotton"],
            "recruitment_agencies": [],
            "worker_count": 100,
            "status": "active",
            "created_at": now,
            "updated_at": now,
        }
        for i in range(rows)
    ]


def _bare_insert(engine: str, rows: int) -> float:
    """SPEC 7's reference: the same number of supplier rows into a fresh schema, in one
    transaction (SQLite, Core executemany) or with COPY (PostgreSQL, psycopg 3)."""
    from sqlalchemy import insert

    from api.organisations.service import create_organisation
    from models import Supplier
    from models.database import Database

    with tempfile.TemporaryDirectory() as folder:
        database = Database(_database(engine, Path(folder)))
        with database.session() as session:
            organisation_id = create_organisation(session, "Bench").id
        values = _bare_rows(organisation_id, rows)
        columns = list(values[0])
        started = time.perf_counter()
        with database.engine.begin() as connection:
            if engine == "sqlite":
                connection.execute(insert(Supplier.__table__), values)  # type: ignore[arg-type]
            else:
                driver = connection.connection.driver_connection
                assert driver is not None
                statement = f"COPY suppliers ({', '.join(columns)}) FROM STDIN"
                with driver.cursor() as cursor, cursor.copy(statement) as copy:
                    for row in values:
                        copy.write_row(
                            [json.dumps(v) if isinstance(v, list) else v for v in row.values()]
                        )
        seconds = time.perf_counter() - started
        database.dispose()
    return seconds


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


def run(rows: int = ROWS, memory_rows: int = MEMORY_ROWS) -> dict[str, Any]:
    content = make_csv(rows)
    engines = ["sqlite"] + (["postgresql"] if _postgres_available() else [])
    results: dict[str, Any] = {
        "benchmark": "import",
        "rows": rows,
        "file_mib": round(len(content) / 2**20, 1),
        "python": sys.version.split()[0],
        "target_seconds": TARGET_SECONDS,
        "target_rss_mib": TARGET_RSS_MIB,
        "target_probe_p99_ms": TARGET_PROBE_P99_MS,
        "pandas_read_s": round(min(_pandas_read(content) for _ in range(3)), 3),
        "load_average_start": [round(x, 2) for x in os.getloadavg()],
        "engines": {},
    }
    for engine in engines:
        case = _engine_case(engine, content)
        reference = _bare_insert(engine, rows)
        case["reference_insert_s"] = round(reference, 3)
        case["reference_insert"] = "one transaction" if engine == "sqlite" else "COPY"
        case["meets_time_target"] = (
            case["import"]["status"] == "completed" and case["import"]["seconds"] <= TARGET_SECONDS
        )
        case["meets_probe_target"] = case["probe"].get("p99_ms", 1e9) <= TARGET_PROBE_P99_MS
        results["engines"][engine] = case
    if memory_rows:
        big = make_csv(memory_rows, seed=11)
        results["memory"] = {
            "rows": memory_rows,
            "file_mib": round(len(big) / 2**20, 1),
            **_memory_case(big),
        }
        results["memory"]["meets_memory_target"] = (
            results["memory"]["status"] == "completed"
            and results["memory"]["peak_rss_mib"] <= TARGET_RSS_MIB
        )
    results["load_average_end"] = [round(x, 2) for x in os.getloadavg()]
    return results


def table(results: dict[str, Any]) -> str:
    pandas_s = results["pandas_read_s"]
    load = " / ".join(
        f"{a:.2f}, {b:.2f}, {c:.2f}"
        for a, b, c in (results["load_average_start"], results["load_average_end"])
    )
    lines = [
        f"Import of {results['rows']:,} messy supplier rows ({results['file_mib']} MiB CSV) "
        "through the API (POST /v1/imports with the default limits, until completed); "
        f"machine load (1, 5, 15 min) at the start / end: {load}",
        "",
        "| engine | import wall (s) | server CPU (s) | target | pandas read (s) | × read "
        "| reference insert (s) | × insert | created | merged | proposed | rejected "
        "| assessments | events |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for engine, r in results["engines"].items():
        job, written = r["import"], r["import"]["written"]
        counts = job["counts"]
        lines.append(
            f"| {engine} ({job['status']}) | {job['seconds']} | {job['server_cpu_s']} "
            f"| ≤ {results['target_seconds']:.0f} s {'met' if r['meets_time_target'] else 'MISSED'} "
            f"| {pandas_s} | {job['seconds'] / pandas_s:.0f} "
            f"| {r['reference_insert_s']} ({r['reference_insert']}) "
            f"| {job['seconds'] / r['reference_insert_s']:.0f} "
            f"| {counts['created']:,} | {counts['merged']:,} | {counts['proposed']:,} "
            f"| {counts['rejected']:,} | {written['assessments']:,} | {written['events']:,} |"
        )
    lines += [
        "",
        f"Another organisation's POST /v1/score at {PROBE_RATE:.0f} req/s while a second "
        f"{results['rows']:,}-row import runs (target p99 ≤ {results['target_probe_p99_ms']:.0f} ms):",
        "",
        "| engine | import beside the probe (s) | requests | errors | p50 (ms) | p99 (ms) "
        f"| max (ms) | target | no import, {PROBE_ALONE_SECONDS:.0f} s: p50 / p99 / max (ms) |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for engine, r in results["engines"].items():
        p, beside, alone = r["probe"], r["import_beside_probe"], r.get("probe_alone", {})
        lines.append(
            f"| {engine} | {beside['seconds']} ({beside['status']}) | {p.get('requests', 0)} "
            f"| {p.get('errors', '-')} | {p.get('p50_ms', '-')} | {p.get('p99_ms', '-')} "
            f"| {p.get('max_ms', '-')} | {'met' if r['meets_probe_target'] else 'MISSED'} "
            f"| {alone.get('p50_ms', '-')} / {alone.get('p99_ms', '-')} "
            f"/ {alone.get('max_ms', '-')} |"
        )
    memory = results.get("memory")
    if memory:
        lines += [
            "",
            f"Memory: {memory['rows']:,} rows ({memory['file_mib']} MiB) uploaded with the "
            f"default limits on SQLite: {memory['status']} in {memory['seconds']} s "
            f"(server CPU {memory['server_cpu_s']} s), server peak RSS "
            f"{memory['peak_rss_mib']} MiB (target ≤ {results['target_rss_mib']:.0f} MiB: "
            f"{'met' if memory['meets_memory_target'] else 'MISSED'}).",
        ]
    return "\n".join(lines)


def main() -> None:
    rows = int(sys.argv[1]) if len(sys.argv) > 1 else ROWS
    memory_rows = int(sys.argv[2]) if len(sys.argv) > 2 else MEMORY_ROWS
    results = run(rows, memory_rows)
    print(table(results))
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(results, indent=2) + "\n")


if __name__ == "__main__":
    main()
