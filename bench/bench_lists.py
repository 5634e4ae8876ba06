"""Benchmark of list screening: a 100k registry against a 10k-party list.

Run: .venv/bin/python bench/bench_lists.py
Prints a Markdown table and writes bench/results/lists.json. ``run()`` returns the dict.

* The list: 10,000 parties built like the matching bench's registry (syllable names, legal
  forms, 19 countries), a third with an alias and a tenth as subsidiaries through Ownership,
  written as a FollowTheMoney entity file and read back with ``ingest.lists.read_list``.
* The registry: 100,000 suppliers from the same generator, of which 1 % are edited copies of
  listed names (typo, legal-form variant, case, accents), so the hits found are counted.
* Reference, same run: a plain rapidfuzz ``process.extractOne`` scan of every listed name per
  supplier (token_sort_ratio on pre-processed choices), timed on a sample and extrapolated.
"""

from __future__ import annotations

import json
import random
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from rapidfuzz import fuzz, process, utils  # noqa: E402

from bench.bench_matching import _edit, make_registry  # noqa: E402
from ingest.lists import read_list  # noqa: E402
from screening.lists import ListIndex  # noqa: E402

RESULTS = ROOT / "bench" / "results" / "lists.json"
LIST_SIZE = 10_000
REGISTRY_SIZE = 100_000
PLANTED_SHARE = 0.01
BASELINE_SAMPLE = 300


def make_list_file(rng: random.Random) -> tuple[bytes, list[tuple[str, str | None]]]:
    parties = make_registry(rng, LIST_SIZE)
    lines: list[str] = []
    names: list[tuple[str, str | None]] = []
    for n, record in enumerate(parties):
        props: dict[str, Any] = {"name": [record.name], "country": [record.country]}
        if n % 3 == 0:
            props["alias"] = [make_registry(rng, 1)[0].name]
        entity = {"id": f"p{n}", "schema": "Company", "properties": props, "datasets": ["bench"]}
        lines.append(json.dumps(entity))
        if n % 10 == 9:
            link = {"owner": [f"p{n - 1}"], "asset": [f"p{n}"]}
            lines.append(json.dumps({"id": f"o{n}", "schema": "Ownership", "properties": link}))
        else:
            sanction = {"entity": [f"p{n}"], "program": ["Bench program"], "startDate": ["2024"]}
            lines.append(json.dumps({"id": f"s{n}", "schema": "Sanction", "properties": sanction}))
        names.extend((name, record.country) for name in [record.name, *props.get("alias", [])])
    return "\n".join(lines).encode(), names


def run() -> dict[str, Any]:
    rng = random.Random(15)
    content, listed_names = make_list_file(rng)
    registry = [(r.name, r.country) for r in make_registry(rng, REGISTRY_SIZE)]
    planted = int(REGISTRY_SIZE * PLANTED_SHARE)
    for i in range(planted):
        name, country = rng.choice(listed_names)
        registry[i * (REGISTRY_SIZE // planted)] = (_edit(rng, name), country)

    started = time.perf_counter()
    screening_list = read_list(content, filename="bench.ftm.json")
    read_seconds = time.perf_counter() - started

    started = time.perf_counter()
    index = ListIndex([screening_list])
    index_seconds = time.perf_counter() - started

    started = time.perf_counter()
    hits = [index.screen(name, country=country) for name, country in registry]
    screen_seconds = time.perf_counter() - started
    found = sum(1 for h in hits if h)
    planted_found = sum(1 for i in range(planted) if hits[i * (REGISTRY_SIZE // planted)])

    choices = [utils.default_process(name) for name, _ in listed_names]
    sample = registry[:BASELINE_SAMPLE]
    started = time.perf_counter()
    for name, _ in sample:
        process.extractOne(
            utils.default_process(name), choices, scorer=fuzz.token_sort_ratio, processor=None
        )
    baseline_seconds = (time.perf_counter() - started) / BASELINE_SAMPLE * REGISTRY_SIZE

    result = {
        "list_parties": len(screening_list.entities),
        "list_names": len(index),
        "file_bytes": len(content),
        "registry": REGISTRY_SIZE,
        "read_seconds": round(read_seconds, 3),
        "index_seconds": round(index_seconds, 3),
        "screen_seconds": round(screen_seconds, 3),
        "per_supplier_ms": round(screen_seconds / REGISTRY_SIZE * 1000, 4),
        "suppliers_with_hits": found,
        "planted": planted,
        "planted_found": planted_found,
        "baseline_scan_seconds_extrapolated": round(baseline_seconds, 1),
    }
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(result, indent=2) + "\n")
    return result


def main() -> None:
    r = run()
    print("| work | figure | reference (same run) |")
    print("|---|---|---|")
    print(
        f"| read a {r['list_parties']:,}-party FtM file ({r['file_bytes'] / 1e6:.1f} MB) | "
        f"{r['read_seconds']:.2f} s | |"
    )
    print(f"| build the index of {r['list_names']:,} listed names | {r['index_seconds']:.2f} s | |")
    print(
        f"| screen a {r['registry']:,} registry (name, country) | {r['screen_seconds']:.1f} s "
        f"({r['per_supplier_ms']:.3f} ms a supplier) | plain rapidfuzz scan of every listed "
        f"name: {r['baseline_scan_seconds_extrapolated']:.0f} s (extrapolated from "
        f"{BASELINE_SAMPLE}) |"
    )
    print(
        f"| hits | {r['suppliers_with_hits']:,} suppliers; {r['planted_found']} of "
        f"{r['planted']:,} planted edited copies found | |"
    )


if __name__ == "__main__":
    main()
