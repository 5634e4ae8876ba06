"""Scoring a supplier file offline: CSV/XLSX in, the same rows with their scores out.

The same reader as uploads (header synonyms, encodings, row errors) and the same engine as the
API, so an offline score equals what the service would say for the same data versions.
"""

from __future__ import annotations

import csv
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from api.engine_inputs.supplier import row_profile
from api.exports.cells import escape_text
from ingest.reading import open_table
from ingest.reading.fields import SUPPLIER_FIELDS
from ingest.supplier_rows import parse_supplier_row
from risk_data.types import RiskData
from screening.scoring import assess

if TYPE_CHECKING:  # the list index loads the name matcher; only ``--list`` needs it
    from screening.lists import ListIndex

RESULT_COLUMNS = (
    "score",
    "band",
    "flagged",
    "flag_reasons",
    "score_low",
    "score_high",
    "coverage",
    "risk_data_version",
    "methodology_version",
    "input_digest",
    "error",
)
MAX_OFFLINE_BYTES = 4 * 1024**3  # offline files are the operator's own; only memory bounds them


@dataclass
class FileScoreSummary:
    rows: int = 0
    scored: int = 0
    failed: int = 0
    flagged: int = 0


def score_file(
    source: Path,
    destination: Path,
    data: RiskData,
    *,
    as_of: date,
    threshold: float,
    sheet: str | None = None,
    on_progress: Callable[[int], None] | None = None,
    lists: ListIndex | None = None,
) -> FileScoreSummary:
    """``lists``: the screening lists to screen each row's name against, as the service
    screens against the lists in force (``flrisk score --list FILE``)."""
    if lists:  # the ORM-backed screening module is loaded only when lists are given
        from api.lists.hits import screen_name
    summary = FileScoreSummary()
    fields = [f.name for f in SUPPLIER_FIELDS.fields]
    with (
        open_table(
            source,
            filename=source.name,
            sheet=sheet,
            max_bytes=MAX_OFFLINE_BYTES,
            chunk_rows=10_000,
        ) as table,
        destination.open("w", newline="", encoding="utf-8") as out,
    ):
        columns = [f for f in fields if f in table.columns.values()]
        writer = csv.writer(out)
        writer.writerow(["row", *columns, *RESULT_COLUMNS])
        for chunk in table.iter_chunks():
            lines = []
            for raw in chunk:
                summary.rows += 1
                original = [escape_text(raw.values.get(c, "")) for c in columns]
                parsed = parse_supplier_row(raw, data)
                if isinstance(parsed, list):
                    summary.failed += 1
                    message = "; ".join(f"{e.column}: {e.message}" for e in parsed)
                    lines.append(
                        [
                            raw.row_number,
                            *original,
                            *[""] * (len(RESULT_COLUMNS) - 1),
                            escape_text(message),
                        ]
                    )
                    continue
                result = assess(
                    row_profile(parsed),
                    (),
                    data,
                    as_of=as_of,
                    threshold=threshold,
                    list_hits=screen_name(lists, parsed.name, parsed.country) if lists else (),
                )
                summary.scored += 1
                summary.flagged += result.flagged
                lines.append(
                    [
                        raw.row_number,
                        *original,
                        f"{result.score:.1f}",
                        result.band,
                        "true" if result.flagged else "false",
                        " ".join(result.flag_codes),
                        f"{result.score_low:.1f}",
                        f"{result.score_high:.1f}",
                        f"{result.coverage:.2f}",
                        result.risk_data_version,
                        result.methodology_version,
                        result.input_digest,
                        "",
                    ]
                )
            writer.writerows(lines)
            if on_progress:
                on_progress(len(chunk))
    return summary
