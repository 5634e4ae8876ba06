"""Where an import's time goes: cProfile over one supplier import job, as a table.

Run: .venv/bin/python bench/profile_import.py [rows] [sqlite|postgresql]
Writes bench/results/import_profile.md.

The job is the one ``POST /v1/imports`` queues (``api.imports.processing.run_import``), run
in this process on bench_import's generated messy CSV into an empty registry. Each line of
the table is the cumulative time of the functions that do one part of the work; parts can
nest (matching inside the supplier handler), so the lines are not meant to add up: "job" is
the whole.
"""

from __future__ import annotations

import cProfile
import pstats
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

RESULTS = ROOT / "bench" / "results"

# (label, file suffix, function name): the function's cumulative time is the part's.
PARTS: list[tuple[str, str, str]] = [
    ("job (run_import)", "api/imports/processing.py", "run_import"),
    ("read CSV into chunks (ingest.reading)", "ingest/reading/table.py", "iter_chunks"),
    ("parse + validate rows (parse_supplier_row)", "ingest/supplier_rows.py", "parse_supplier_row"),
    ("supplier handler write (decide + insert)", "api/imports/suppliers.py", "write"),
    ("  match against registry (screening.matching.match)", "screening/matching/match.py", "match"),
    ("  index records (SupplierIndex.add)", "screening/matching/index.py", "add"),
    (
        "  candidate blocking (SupplierIndex.candidates)",
        "screening/matching/index.py",
        "candidates",
    ),
    ("  insert suppliers, assessments, events (_create)", "api/imports/suppliers.py", "_create"),
    ("    score (BulkScorer.assess)", "api/imports/scoring.py", "assess"),
    ("    list screening (screen_name)", "api/lists/hits.py", "screen_name"),
    (
        "    assessment rows (record_new_supplier)",
        "api/assessments/recording.py",
        "record_new_supplier",
    ),
    ("    bulk inserts (models.bulk.append_rows)", "models/bulk.py", "append_rows"),
    ("    events: hash + insert (append_events)", "api/events/append.py", "append_events"),
    ("    event hashing (event_hash)", "api/events/chain.py", "event_hash"),
    ("  update existing (_update)", "api/imports/suppliers.py", "_update"),
    ("store row errors + complete (_complete)", "api/imports/processing.py", "_complete"),
    ("commit", "sqlalchemy/orm/session.py", "commit"),
    (
        "downstream re-scoring (run_waiting_downstream)",
        "api/assessments/rescore.py",
        "run_waiting_downstream",
    ),
]


def _cumulative(stats: pstats.Stats, suffix: str, name: str) -> tuple[float, int]:
    total, calls = 0.0, 0
    raw = stats.stats  # type: ignore[attr-defined]
    for (filename, _line, function), (_cc, nc, _tt, ct, _callers) in raw.items():
        if function == name and filename.endswith(suffix):
            total += ct
            calls += nc
    return total, calls


def profile(rows: int, engine: str) -> str:
    from api.imports import service
    from api.imports.processing import run_import
    from api.organisations.service import create_organisation
    from bench.bench_import import _database, make_csv
    from models.database import Database

    class _Held:
        """Keeps the job id so the job runs under the profiler, not inside submit."""

        def __init__(self) -> None:
            self.job_ids: list[str] = []

        def enqueue(self, task: str, *args: str) -> None:
            self.job_ids.append(args[0])

        def shutdown(self) -> None:
            return None

    content = make_csv(rows)
    with tempfile.TemporaryDirectory() as folder:
        database = Database(_database(engine, Path(folder)))
        with database.session() as session:
            organisation_id = create_organisation(session, "Profile").id
            queue = _Held()
            service.submit_import(
                session,
                queue,
                organisation_id=organisation_id,
                actor="bench",
                content=content,
                filename="messy.csv",
                options=service.UploadOptions("suppliers", False, "upsert", None, None),
                max_bytes=len(content) + 1,
            )
        profiler = cProfile.Profile()
        wall, cpu = time.perf_counter(), time.process_time()
        profiler.enable()
        run_import(database, queue.job_ids[0])
        profiler.disable()
        wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
        with database.session() as session:
            from models import ImportJob

            job = session.get_one(ImportJob, uuid.UUID(queue.job_ids[0]))
            status = f"{job.status}: created {job.created:,}, merged {job.merged:,}, "
            status += f"proposed {job.proposed:,}, rejected {job.rejected:,}"
        database.dispose()
    RESULTS.mkdir(parents=True, exist_ok=True)
    stats = pstats.Stats(profiler)
    job_total = _cumulative(stats, *PARTS[0][1:])[0] or 1.0
    lines = [
        f"## {engine}: {rows:,} rows ({len(content) / 2**20:.1f} MiB), {status}",
        "",
        f"Under the profiler (which roughly doubles Python-heavy work) the job took {wall:.1f} s "
        f"wall, {cpu:.1f} s CPU of this process (a database server's CPU is not in it).",
        "",
        "| part | cumulative (s) | share of job | calls |",
        "|---|---|---|---|",
    ]
    for label, suffix, name in PARTS:
        seconds, calls = _cumulative(stats, suffix, name)
        lines.append(f"| {label} | {seconds:.2f} | {seconds / job_total:.0%} | {calls:,} |")
    lines += [
        "",
        "Top functions by own time:",
        "",
        "| function | own (s) | calls |",
        "|---|---|---|",
    ]
    raw = stats.stats  # type: ignore[attr-defined]
    top = sorted(raw.items(), key=lambda item: item[1][2], reverse=True)[:15]
    for (filename, line, function), (_cc, nc, tt, _ct, _callers) in top:
        where = filename.split("site-packages/")[-1].replace(str(ROOT) + "/", "")
        lines.append(f"| `{where}:{line} {function}` | {tt:.2f} | {nc:,} |")
    return "\n".join(lines)


# The hand-written comparison at the end of the file (before/after figures of past changes)
# is kept when the profile is written again.
KEPT_HEADING = "## Before and after"


def main() -> None:
    rows = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    engines = sys.argv[2:] or ["sqlite"]
    sections = [profile(rows, engine) for engine in engines]
    text = "# Import profile\n\n" + __doc__.split("\n\n", 1)[1].strip() + "\n\n"
    text += "\n\n".join(sections) + "\n"
    target = RESULTS / "import_profile.md"
    old = target.read_text() if target.exists() else ""
    if KEPT_HEADING in old:
        text += "\n" + old[old.index(KEPT_HEADING) :]
    target.write_text(text)
    print(text)


if __name__ == "__main__":
    main()
