"""``open_table``: bytes in, a header mapping and a stream of raw text rows out.

File-level problems raise ``UploadRejected`` from ``open_table`` (size, type, encoding, zip
safety, headers, no data) so a job fails before anything is written; the only rejection that can
come later, from ``iter_chunks``, is a CSV quote that never closes (``malformed_csv``). Problems
confined to one row travel on the row as ``issues`` so good rows still import.
"""

from __future__ import annotations

import itertools
import operator
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType, TracebackType
from typing import BinaryIO

from ingest.reading.csv_text import detect_delimiter, iter_csv_records, read_sample
from ingest.reading.encoding import detect_encoding
from ingest.reading.errors import (
    EMPTY_FILE,
    NO_DATA_ROWS,
    TOO_MANY_COLUMNS,
    RowError,
    UploadRejected,
)
from ingest.reading.fields import SUPPLIER_FIELDS, FieldSpec
from ingest.reading.headers import HeaderMapping, column_label, header_score, map_headers
from ingest.reading.sniff import FileFormat, Source, open_source, sniff_format
from ingest.reading.xlsx import ZipLimits, check_archive, open_sheet_rows

# Excel's own limits: a cell holds at most 32,767 characters and a sheet 16,384 columns. Past
# them the data did not come from a spreadsheet and is not a supplier list.
MAX_CELL_CHARS = 32_767
MAX_COLUMNS = 16_384
# A quoted cell over this many lines is almost always an unclosed quote that swallowed rows.
MAX_CELL_LINES = 20
# Title lines ("Supplier list - Q3 2024") may sit above the header; look this far for it.
HEADER_SEARCH_ROWS = 10
_SHOWN_VALUE_CHARS = 80
_BLANK = "\x1f \t\r\n"


@dataclass(frozen=True, slots=True)
class RawRow:
    """One data row: ``values`` by canonical field, as text exactly as in the file.
    ``source_columns`` maps each canonical field to the header the user wrote (shared by all
    rows of a table) so errors can name the user's column."""

    row_number: int
    values: dict[str, str]
    source_columns: Mapping[str, str] = field(default_factory=dict)
    issues: tuple[RowError, ...] = ()


def shown(value: str) -> str:
    """A cell value short enough to put in an error report."""
    return value if len(value) <= _SHOWN_VALUE_CHARS else value[:_SHOWN_VALUE_CHARS] + "…"


class Table:
    """An opened upload. Read it once with ``iter_chunks`` (or ``iter_rows``); use it as a
    context manager, or call ``close``, to release a file it opened."""

    def __init__(
        self,
        *,
        source: Source,
        format: FileFormat,
        encoding: str | None,
        delimiter: str | None,
        sheet: str | None,
        header_row: int,
        header_width: int,
        mapping: HeaderMapping,
        fields: FieldSpec,
        records: Iterator[tuple[int, list[str]]],
        chunk_rows: int,
        warnings: tuple[str, ...],
    ) -> None:
        self.format = format
        self.encoding = encoding
        self.delimiter = delimiter
        self.sheet = sheet
        self.header_row = header_row
        self.fields = fields
        self.columns: Mapping[str, str] = MappingProxyType(dict(mapping.columns))
        self.ignored_columns = mapping.ignored
        self.warnings = warnings
        self._source = source
        self._mapping = mapping
        self._width = header_width
        self._records = records
        self._chunk_rows = chunk_rows
        self._source_of: Mapping[str, str] = MappingProxyType(mapping.source_of)
        self._consumed = False

    def iter_rows(self) -> Iterator[RawRow]:
        if self._consumed:
            raise RuntimeError("a Table is read once; open the upload again to re-read it")
        self._consumed = True
        width = self._width
        check_shape = self.format == "csv"
        source_of = self._source_of
        fields = tuple(f for _, f in self._mapping.positions)
        indices = tuple(i for i, _ in self._mapping.positions)
        # itemgetter picks the mapped cells in C; rows of the header's width (nearly all) take
        # this path, ragged or short rows the slower one below.
        pick = operator.itemgetter(*indices) if len(indices) > 1 else None
        fast_min = max(indices, default=-1) + 1
        try:
            for number, cells in self._records:
                ncells = len(cells)
                issues: list[RowError] = []
                if pick is not None and (
                    ncells == width or (not check_shape and ncells >= fast_min)
                ):
                    mapped: tuple[str, ...] = pick(cells)
                    joined = "\x1f".join(mapped)
                    if not joined.strip(_BLANK) and _is_blank(cells):
                        continue  # blank rows are common spacing in spreadsheets, not data
                else:
                    if _is_blank(cells):
                        continue
                    if check_shape and ncells != width:
                        issue = _shape_issue(number, cells, width)
                        if issue is not None:
                            issues.append(issue)
                    mapped = tuple(cells[i] if i < ncells else "" for i in indices)
                    joined = "\x1f".join(mapped)
                values = dict(zip(fields, mapped, strict=True))
                if "\x00" in joined or len(joined) > MAX_CELL_CHARS or "\n" in joined:
                    issues.extend(_cell_issues(number, values, source_of, check_shape))
                yield RawRow(number, values, source_of, tuple(issues))
        finally:
            self.close()

    def iter_chunks(self) -> Iterator[list[RawRow]]:
        rows = self.iter_rows()
        while chunk := list(itertools.islice(rows, self._chunk_rows)):
            yield chunk

    def close(self) -> None:
        self._source.close()

    def __enter__(self) -> Table:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()


def _shape_issue(number: int, cells: list[str], width: int) -> RowError | None:
    if len(cells) > width:
        extra = [c for c in cells[width:] if c.strip()]
        if not extra:
            return None  # trailing empty cells ("a,b,c,,,") are harmless
        return RowError(
            number,
            None,
            shown(extra[0]),
            f"row has {len(cells)} cells but the header has {width}; a cell probably "
            "contains an unquoted delimiter",
        )
    return RowError(
        number,
        None,
        shown(cells[-1] if cells else ""),
        f"row has {len(cells)} cells but the header has {width}; a line break or delimiter "
        "inside a cell probably split the row",
    )


def _cell_issues(
    number: int, values: Mapping[str, str], source_of: Mapping[str, str], check_lines: bool
) -> list[RowError]:
    issues: list[RowError] = []
    for field_name, value in values.items():
        column = source_of.get(field_name, field_name)
        if "\x00" in value:
            issues.append(
                RowError(
                    number,
                    column,
                    shown(value.replace("\x00", "\\0")),
                    "cell contains NUL bytes (binary data), not text",
                )
            )
        if len(value) > MAX_CELL_CHARS:
            issues.append(
                RowError(
                    number,
                    column,
                    shown(value),
                    f"cell has {len(value):,} characters; at most {MAX_CELL_CHARS:,} "
                    "(Excel's cell limit)",
                )
            )
        elif check_lines and value.count("\n") > MAX_CELL_LINES:
            issues.append(
                RowError(
                    number,
                    column,
                    shown(value),
                    f'cell runs over {value.count(chr(10)) + 1} lines; a quote mark (") '
                    "is probably not closed and has swallowed the following rows",
                )
            )
    return issues


def open_table(
    data: bytes | BinaryIO | Path,
    *,
    filename: str | None = None,
    sheet: str | None = None,
    column_map: Mapping[str, str] | None = None,
    fields: FieldSpec = SUPPLIER_FIELDS,
    max_bytes: int,
    chunk_rows: int = 5000,
    zip_limits: ZipLimits | None = None,
) -> Table:
    """Open an upload: check size and content type, detect encoding and delimiter (CSV) or check
    the archive (XLSX), find and map the header row, and make sure there is at least one data
    row. Raises ``UploadRejected`` for anything wrong with the file as a whole."""
    if chunk_rows < 1:
        raise ValueError("chunk_rows must be at least 1")
    source = open_source(data, max_bytes)
    try:
        return _open(source, filename, sheet, column_map, fields, chunk_rows, zip_limits)
    except BaseException:
        source.close()
        raise


@dataclass
class _Records:
    """An upload's rows as text cells, before any header is looked for."""

    format: FileFormat
    encoding: str | None
    delimiter: str | None
    sheet: str | None
    records: Iterator[tuple[int, list[str]]]
    warnings: list[str]


def _read_records(
    source: Source, filename: str | None, sheet: str | None, zip_limits: ZipLimits | None
) -> _Records:
    fmt = sniff_format(source, filename)
    warnings: list[str] = []
    encoding: str | None = None
    delimiter: str | None = None
    chosen_sheet: str | None = None
    records: Iterator[tuple[int, list[str]]]
    if fmt == "xlsx":
        check_archive(source.stream, zip_limits or ZipLimits())
        chosen_sheet, records = open_sheet_rows(source, sheet)
    else:
        if sheet is not None:
            warnings.append(f"sheet {sheet!r} was asked for, but the file is CSV text; ignored")
        choice = detect_encoding(source.stream)
        encoding = choice.name
        sample = read_sample(source, choice)
        if not sample.strip():
            raise UploadRejected(EMPTY_FILE, "the file has no text in it (only blank lines).")
        delimiter = detect_delimiter(sample)
        records = iter_csv_records(source, choice, delimiter)
        if choice.name == "cp1252":
            warnings.append("the file is not UTF-8; it was read as Windows-1252 (cp1252)")
    if filename and filename.lower().endswith((".xlsx", ".xlsm")) and fmt == "csv":
        warnings.append(f"{filename!r} is named like a workbook but contains CSV text; read as CSV")
    return _Records(fmt, encoding, delimiter, chosen_sheet, records, warnings)


def _open(
    source: Source,
    filename: str | None,
    sheet: str | None,
    column_map: Mapping[str, str] | None,
    fields: FieldSpec,
    chunk_rows: int,
    zip_limits: ZipLimits | None,
) -> Table:
    read = _read_records(source, filename, sheet, zip_limits)
    fmt, encoding, delimiter, chosen_sheet = read.format, read.encoding, read.delimiter, read.sheet
    records, warnings = read.records, read.warnings

    header_number, headers, leftover = _find_header(records, fields, column_map)
    if len(headers) > MAX_COLUMNS:
        raise UploadRejected(
            TOO_MANY_COLUMNS,
            f"the header row has {len(headers):,} columns; at most {MAX_COLUMNS:,} "
            "(Excel's sheet limit).",
        )
    while headers and not headers[-1].strip():
        headers.pop()  # trailing empty header cells are formatting, not columns
    mapping = map_headers(headers, fields, column_map)
    if mapping.ignored:
        listed = ", ".join(repr(h) for h in mapping.ignored[:20])
        more = len(mapping.ignored) - 20
        warnings.append(
            f"{len(mapping.ignored)} column(s) not imported: {listed}"
            + (f" and {more} more" if more > 0 else "")
        )
    if mapping.unused_column_map:
        warnings.append(
            "column_map entries not found in the header: "
            + ", ".join(repr(h) for h in mapping.unused_column_map)
        )

    rest = itertools.chain(leftover, records)
    first = _first_data_row(rest)
    if first is None:
        raise UploadRejected(
            NO_DATA_ROWS,
            f"the file has a header (row {header_number}) but no data rows below it.",
        )
    return Table(
        source=source,
        format=fmt,
        encoding=encoding,
        delimiter=delimiter,
        sheet=chosen_sheet,
        header_row=header_number,
        header_width=len(headers),
        mapping=mapping,
        fields=fields,
        records=itertools.chain([first], rest),
        chunk_rows=chunk_rows,
        warnings=tuple(warnings),
    )


def _is_blank(cells: list[str]) -> bool:
    return not any(c.strip() for c in cells)


def _find_header(
    records: Iterator[tuple[int, list[str]]],
    fields: FieldSpec,
    column_map: Mapping[str, str] | None,
) -> tuple[int, list[str], list[tuple[int, list[str]]]]:
    """The header row and the records read past it. The header is the first of the first
    ``HEADER_SEARCH_ROWS`` non-blank rows that names two or more fields, else the first
    non-blank row (whose mapping then reports what is missing)."""
    candidates: list[tuple[int, list[str]]] = []
    for number, cells in records:
        if _is_blank(cells):
            continue
        candidates.append((number, cells))
        if len(candidates) >= HEADER_SEARCH_ROWS:
            break
    if not candidates:
        raise UploadRejected(EMPTY_FILE, "the file has no rows (only blank lines or cells).")
    wanted = min(2, len(fields.fields))
    for index, (number, cells) in enumerate(candidates):
        if header_score(cells, fields, column_map) >= wanted:
            return number, list(cells), candidates[index + 1 :]
    number, cells = candidates[0]
    return number, list(cells), candidates[1:]


def _first_data_row(rows: Iterator[tuple[int, list[str]]]) -> tuple[int, list[str]] | None:
    for number, cells in rows:
        if not _is_blank(cells):
            return number, cells
    return None


__all__ = ["RawRow", "Table", "column_label", "open_table"]
