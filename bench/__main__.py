"""``make bench``: run every benchmark, each in its own process, and write one report.

Each ``bench/bench_*.py`` prints its Markdown table (every figure beside its reference,
measured in the same run) and writes its JSON to ``bench/results/``. This runner collects the
tables into ``bench/results/latest.md`` and the JSON into ``bench/results/latest.json``.
"""

from __future__ import annotations

import json
import platform
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "bench" / "results"


def main(selected: list[str]) -> int:
    modules = sorted(
        p
        for p in (ROOT / "bench").glob("bench_*.py")
        if not selected or any(s in p.stem for s in selected)
    )
    sections: list[str] = []
    combined: dict[str, object] = {}
    failures = 0
    for module in modules:
        print(f"== {module.stem}", flush=True)
        started = time.perf_counter()
        done = subprocess.run(
            [sys.executable, str(module)], cwd=ROOT, capture_output=True, text=True, check=False
        )
        elapsed = time.perf_counter() - started
        print(done.stdout, flush=True)
        if done.returncode != 0:
            failures += 1
            print(done.stderr[-4000:], file=sys.stderr)
            sections.append(f"## {module.stem}\n\nFAILED (exit {done.returncode})\n")
            continue
        sections.append(f"## {module.stem}\n\n{done.stdout.strip()}\n\n_ran in {elapsed:.1f} s_\n")
        result_file = RESULTS / f"{module.stem.removeprefix('bench_')}.json"
        if result_file.exists():
            combined[module.stem] = json.loads(result_file.read_text())
    stamp = datetime.now(UTC).isoformat(timespec="seconds")
    header = (
        f"# Benchmarks\n\n{stamp} on {platform.machine()}, Python {platform.python_version()}, "
        f"{_cpus()} CPUs. Figures beside references measured in the same run; the machine "
        "is shared, so ratios count more than seconds.\n"
    )
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "latest.md").write_text(header + "\n" + "\n".join(sections))
    (RESULTS / "latest.json").write_text(json.dumps({"generated_at": stamp, **combined}, indent=2))
    print(f"wrote {RESULTS / 'latest.md'} and latest.json")
    return 1 if failures else 0


def _cpus() -> int:
    import os

    return os.cpu_count() or 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
