"""Benchmark of supplier imports end to end, on SQLite and PostgreSQL.

Run: .venv/bin/python bench/bench_import.py [rows]
Prints a Markdown table and writes bench/results/import.json. ``run()`` returns the dict.

* A generated messy CSV (100k rows by default): semicolon-delimited with a BOM, French and
  English headers, countries as names, ISO2 and ISO3 in any case, worker counts with
  thousands separators, shares as "35%" / "0,35", products in free text; 4 % of rows are
  near-duplicates (typos, legal-form variants, case) of other rows, 1 % have a bad value.
* End to end = ``api.imports.service.submit_import`` with an inline queue: hash, header
  check, job row, read, validate, normalise, de-duplicate with the matcher against the
  registry and the rows before, bulk upsert, score every supplier, events, row errors, one
  commit. Into an empty registry, then the same rows again (all unchanged).
* Reference in the same run: a bare bulk insert of the same number of supplier rows
  (pre-built dicts, one transaction, Core executemany) into a fresh schema.
* Each case runs in a fresh subprocess so its peak RSS (ru_maxrss) is its own. A 200k-row
  import on SQLite checks the memory target (≤ 1 GiB).
* Matching throughput (10k queries against a 100k registry) is bench/bench_matching.py's.
"""

from __future__ import annotations

import json
import multiprocessing
import random
import resource
import sys
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

RESULTS = ROOT / "bench" / "results" / "import.json"
ROWS = 100_000
MEMORY_ROWS = 200_000
TARGET_SECONDS = 10.0
TARGET_RSS_MIB = 1024.0
PG_SCHEMA = "flrisk_bench_import"

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


def _import_case(engine: str, content: bytes, twice: bool, queue: Any) -> None:
    from api.imports import service
    from api.jobs.queue import InlineQueue
    from api.organisations.service import create_organisation
    from models.database import Database

    with tempfile.TemporaryDirectory() as folder:
        url = _database(engine, Path(folder))
        database = Database(url)
        with database.session() as session:
            organisation_id = create_organisation(session, "Bench").id
        timings: list[float] = []
        jobs: list[dict[str, Any]] = []
        for attempt in range(2 if twice else 1):
            payload = content if attempt == 0 else content.replace(b"\n", b"\r\n")
            start = time.perf_counter()
            with database.session() as session:
                job, _ = service.submit_import(
                    session,
                    InlineQueue(database),
                    organisation_id=organisation_id,
                    actor="bench",
                    content=payload,
                    filename="messy.csv",
                    options=service.UploadOptions("suppliers", False, "upsert", None, None),
                    max_bytes=len(payload) + 1,
                )
                timings.append(time.perf_counter() - start)
                jobs.append(
                    {
                        k: getattr(job, k)
                        for k in (
                            "status",
                            "rows_total",
                            "created",
                            "updated",
                            "unchanged",
                            "merged",
                            "proposed",
                            "rejected",
                        )
                    }
                )
        database.dispose()
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    queue.put({"seconds": timings, "jobs": jobs, "peak_rss_mib": round(rss, 1)})


def _bare_case(engine: str, rows: int, queue: Any) -> None:
    from sqlalchemy import insert

    from api.organisations.service import create_organisation
    from models import Supplier
    from models.base import utcnow
    from models.database import Database

    with tempfile.TemporaryDirectory() as folder:
        database = Database(_database(engine, Path(folder)))
        with database.session() as session:
            organisation_id = create_organisation(session, "Bench").id
        rng = random.Random(1)
        now = utcnow()
        values = [
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
        start = time.perf_counter()
        with database.engine.begin() as connection:
            connection.execute(insert(Supplier.__table__), values)  # type: ignore[arg-type]
        seconds = time.perf_counter() - start
        database.dispose()
    queue.put({"seconds": seconds})


def _in_child(target: Any, *args: Any) -> dict[str, Any]:
    context = multiprocessing.get_context("spawn")
    queue = context.Queue()
    process = context.Process(target=target, args=(*args, queue))
    process.start()
    result: dict[str, Any] = queue.get()
    process.join()
    return result


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
        "engines": {},
    }
    for engine in engines:
        imported = _in_child(_import_case, engine, content, True)
        bare = _in_child(_bare_case, engine, rows)
        first, second = imported["seconds"]
        results["engines"][engine] = {
            "import_s": round(first, 2),
            "reimport_unchanged_s": round(second, 2),
            "bare_insert_s": round(bare["seconds"], 3),
            "ratio_to_bare_insert": round(first / bare["seconds"], 1),
            "peak_rss_mib": imported["peak_rss_mib"],
            "first_job": imported["jobs"][0],
            "second_job": imported["jobs"][1],
            "meets_time_target": first <= TARGET_SECONDS,
        }
    if memory_rows:
        big = _in_child(_import_case, "sqlite", make_csv(memory_rows, seed=11), False)
        results["memory"] = {
            "rows": memory_rows,
            "import_s": round(big["seconds"][0], 2),
            "peak_rss_mib": big["peak_rss_mib"],
            "job": big["jobs"][0],
            "meets_memory_target": big["peak_rss_mib"] <= TARGET_RSS_MIB,
        }
    return results


def table(results: dict[str, Any]) -> str:
    lines = [
        f"Import of {results['rows']:,} messy supplier rows ({results['file_mib']} MiB CSV)",
        "",
        "| engine | import (s) | re-import, unchanged (s) | bare insert (s) | × bare | peak RSS (MiB) "
        "| created | merged | proposed | rejected | ≤ 10 s |",
        "|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for engine, r in results["engines"].items():
        job = r["first_job"]
        lines.append(
            f"| {engine} | {r['import_s']} | {r['reimport_unchanged_s']} | {r['bare_insert_s']} "
            f"| {r['ratio_to_bare_insert']} | {r['peak_rss_mib']} | {job['created']:,} "
            f"| {job['merged']:,} | {job['proposed']:,} | {job['rejected']:,} "
            f"| {'yes' if r['meets_time_target'] else 'NO'} |"
        )
    memory = results.get("memory")
    if memory:
        lines += [
            "",
            f"Memory: {memory['rows']:,} rows on SQLite in {memory['import_s']} s, peak RSS "
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
