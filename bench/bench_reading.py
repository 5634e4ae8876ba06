"""Reading + validating a 100k-row messy supplier CSV, beside pandas reading the same file.

Each case runs in a fresh interpreter so its peak RSS (``ru_maxrss``) is its own; the figure
reported is the peak over the interpreter's RSS after imports, plus the tracemalloc peak of a
second, traced run (Python-heap allocations only; tracing slows the run, so time is measured
untraced). Run: ``.venv/bin/python -m bench.bench_reading`` (writes bench/results/reading.json).
"""

from __future__ import annotations

import json
import platform
import resource
import subprocess
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "bench" / "results" / "reading.json"
ROWS = 100_000
MAX_BYTES = 256 * 1024 * 1024

CASES: dict[str, str] = {
    "pandas_read_csv": "pd.read_csv(dtype=str, keep_default_na=False, na_filter=False), whole file",
    "pandas_chunked_rows": "pd.read_csv(..., chunksize=5000) → row dicts (pandas as the reader)",
    "reader": "open_table → iter_chunks (csv module, streaming)",
    "reader_validate": "open_table → iter_chunks → parse_supplier_row (with risk data)",
}


def _maxrss_bytes() -> int:
    # ru_maxrss is KiB on Linux, bytes on macOS.
    scale = 1 if sys.platform == "darwin" else 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * scale


def _case(name: str, path: Path) -> Callable[[], int]:
    """A zero-argument job returning the rows it produced; imports happen before timing."""
    import pandas as pd

    from ingest.reading import open_table
    from ingest.supplier_rows import SupplierRow, parse_supplier_row
    from risk_data.loader import load_risk_data

    data = load_risk_data()

    def pandas_read_csv() -> int:
        frame = pd.read_csv(path, dtype=str, keep_default_na=False, na_filter=False)
        return len(frame)

    def pandas_chunked_rows() -> int:
        count = 0
        for chunk in pd.read_csv(
            path, dtype=str, keep_default_na=False, na_filter=False, chunksize=5000
        ):
            count += len(chunk.to_dict("records"))
        return count

    def reader() -> int:
        with open_table(path, max_bytes=MAX_BYTES) as table:
            return sum(len(chunk) for chunk in table.iter_chunks())

    def reader_validate() -> int:
        valid = 0
        with open_table(path, max_bytes=MAX_BYTES) as table:
            for chunk in table.iter_chunks():
                for row in chunk:
                    if isinstance(parse_supplier_row(row, data), SupplierRow):
                        valid += 1
        return valid

    jobs: dict[str, Callable[[], int]] = {
        "pandas_read_csv": pandas_read_csv,
        "pandas_chunked_rows": pandas_chunked_rows,
        "reader": reader,
        "reader_validate": reader_validate,
    }
    return jobs[name]


def _child(name: str, path: Path, traced: bool) -> dict[str, Any]:
    job = _case(name, path)
    baseline = _maxrss_bytes()
    if traced:
        tracemalloc.start()
        job()
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        return {"tracemalloc_peak_mib": peak / 2**20}
    start = time.perf_counter()
    rows = job()
    seconds = time.perf_counter() - start
    return {
        "seconds": seconds,
        "rows": rows,
        "rss_over_baseline_mib": (_maxrss_bytes() - baseline) / 2**20,
    }


def _spawn(name: str, path: Path, traced: bool) -> dict[str, Any]:
    command = [sys.executable, "-m", "bench.bench_reading", "--child", name, str(path)]
    if traced:
        command.append("--traced")
    out = subprocess.run(command, cwd=ROOT, check=True, capture_output=True, text=True)
    result: dict[str, Any] = json.loads(out.stdout.strip().splitlines()[-1])
    return result


def run(rows: int = ROWS, repeat: int = 3) -> dict[str, Any]:
    sys.path.insert(0, str(ROOT))
    from tests.unit.imports.corpus import write_messy_csv

    with tempfile.TemporaryDirectory() as tmp:
        path = write_messy_csv(Path(tmp) / "messy_suppliers.csv", rows)
        size_mib = path.stat().st_size / 2**20
        cases: dict[str, dict[str, Any]] = {}
        for name in CASES:
            runs = [_spawn(name, path, traced=False) for _ in range(repeat)]
            best = min(runs, key=lambda r: r["seconds"])
            traced = _spawn(name, path, traced=True)
            cases[name] = {
                "description": CASES[name],
                "seconds": round(best["seconds"], 3),
                "rows": best["rows"],
                "rss_over_baseline_mib": round(max(r["rss_over_baseline_mib"] for r in runs), 1),
                "tracemalloc_peak_mib": round(traced["tracemalloc_peak_mib"], 1),
            }
    reference = cases["pandas_read_csv"]["seconds"]
    for case in cases.values():
        case["x_pandas"] = round(case["seconds"] / reference, 2)
    result = {
        "benchmark": "reading",
        "rows": rows,
        "file_mib": round(size_mib, 1),
        "repeat": repeat,
        "python": platform.python_version(),
        "machine": platform.machine(),
        "cases": cases,
    }
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(result, indent=2) + "\n")
    print(markdown(result))
    return result


def markdown(result: dict[str, Any]) -> str:
    lines = [
        f"Reading {result['rows']:,} messy supplier rows ({result['file_mib']} MiB CSV), "
        f"best of {result['repeat']}:",
        "",
        "| case | seconds | × pandas read | peak RSS over baseline (MiB) | tracemalloc peak (MiB) | rows out |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for name, case in result["cases"].items():
        lines.append(
            f"| {name}: {case['description']} | {case['seconds']:.3f} | {case['x_pandas']:.2f} "
            f"| {case['rss_over_baseline_mib']:.1f} | {case['tracemalloc_peak_mib']:.1f} "
            f"| {case['rows']:,} |"
        )
    return "\n".join(lines)


if __name__ == "__main__":
    if len(sys.argv) >= 4 and sys.argv[1] == "--child":
        print(json.dumps(_child(sys.argv[2], Path(sys.argv[3]), traced="--traced" in sys.argv)))
    else:
        run()
