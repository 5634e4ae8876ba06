"""What an upload would be read as, before anything is written: each column of the header
with the field it maps to and a few sample values, the required fields no column gives, and
the problem that would refuse the file, so a person can fix the mapping first.

It reads the file exactly as ``open_table`` does (same encoding, delimiter and header
detection, same header rules), but a mapping problem (a missing required column, two columns
for one field) is reported on the preview instead of raised: that is what a mapping screen is
for. Problems with the file itself (type, encoding, size, zip safety) still raise
``UploadRejected``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from ingest.reading.errors import UploadRejected
from ingest.reading.fields import FieldSpec, fold_header
from ingest.reading.headers import column_label, header_targets, map_headers
from ingest.reading.sniff import open_source
from ingest.reading.table import _find_header, _is_blank, _read_records, shown
from ingest.reading.xlsx import ZipLimits

SAMPLE_ROWS = 5


@dataclass(frozen=True)
class ColumnPreview:
    header: str  # as written (or "(column C, no header)")
    letter: str  # the spreadsheet column, A, B, ...
    field: str | None  # None: not imported
    samples: tuple[str, ...]


@dataclass(frozen=True)
class UploadPreview:
    format: str
    encoding: str | None
    delimiter: str | None
    sheet: str | None
    header_row: int
    columns: tuple[ColumnPreview, ...]
    missing: tuple[str, ...]  # required fields no column gives
    problem: str | None  # why the file would be refused as mapped, if it would
    warnings: tuple[str, ...]

    @property
    def ready(self) -> bool:
        return self.problem is None


def preview_upload(
    data: bytes | BinaryIO | Path,
    *,
    filename: str | None,
    fields: FieldSpec,
    max_bytes: int,
    sheet: str | None = None,
    column_map: Mapping[str, str] | None = None,
    sample_rows: int = SAMPLE_ROWS,
    zip_limits: ZipLimits | None = None,
) -> UploadPreview:
    source = open_source(data, max_bytes)
    try:
        read = _read_records(source, filename, sheet, zip_limits)
        header_number, headers, leftover = _find_header(read.records, fields, column_map)
        while headers and not headers[-1].strip():
            headers.pop()
        samples: list[list[str]] = []
        for _, cells in [*leftover, *read.records]:
            if len(samples) >= sample_rows:
                break
            if not _is_blank(cells):
                samples.append(cells)
    finally:
        source.close()
    problem: str | None = None
    try:
        map_headers(headers, fields, column_map)
    except UploadRejected as exc:
        problem = exc.detail
    overrides = {fold_header(k): v for k, v in (column_map or {}).items() if v in fields.names}
    overrides.update({fold_header(k): "" for k, v in (column_map or {}).items() if v == ""})
    targets = header_targets(headers, fields, overrides)
    columns = tuple(
        ColumnPreview(
            header=header,
            letter=column_label(index),
            field=target,
            samples=tuple(shown(row[index]) if index < len(row) else "" for row in samples),
        )
        for index, header, target in targets
    )
    given = {c.field for c in columns}
    if not samples and problem is None:
        problem = f"the file has a header (row {header_number}) but no data rows below it."
    return UploadPreview(
        format=read.format,
        encoding=read.encoding,
        delimiter=read.delimiter,
        sheet=read.sheet,
        header_row=header_number,
        columns=columns,
        missing=tuple(f for f in fields.required if f not in given),
        problem=problem,
        warnings=tuple(read.warnings),
    )
