"""XLSX: check the archive before any parser sees it, then read cached cell values as text.

calamine (Rust, via python-calamine) reads only the ``<v>`` cached value of a formula cell and
never evaluates anything; it is about 5-10 times faster than openpyxl and does not build a
Python object per cell until a row is asked for.
"""

from __future__ import annotations

import datetime as dt
import zipfile
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import BinaryIO

from python_calamine import CalamineError, CalamineWorkbook

from ingest.reading.errors import (
    CORRUPT_FILE,
    SHEET_NOT_FOUND,
    XML_ENTITIES,
    ZIP_BOMB,
    UploadRejected,
)
from ingest.reading.sniff import Source


@dataclass(frozen=True, slots=True)
class ZipLimits:
    """Archive limits. A real supplier workbook has 10-30 entries and compresses XML 5-20 times;
    zip bombs compress 1,000 times or more."""

    max_entries: int = 1000
    max_uncompressed_bytes: int = 512 * 1024 * 1024
    max_ratio: float = 100.0  # OWASP's rule of thumb for archive uploads
    ratio_floor_bytes: int = 1024 * 1024  # below this an entry is too small to be a bomb


_CHUNK = 1 << 20
# Entity and DTD declarations, in the byte forms an XML part could use (UTF-8, UTF-16 LE/BE).
_FORBIDDEN: tuple[bytes, ...] = tuple(
    marker.encode(codec)
    for marker in ("<!doctype", "<!entity")
    for codec in ("utf-8", "utf-16-le", "utf-16-be")
)
_OVERLAP = max(len(m) for m in _FORBIDDEN)


def check_archive(stream: BinaryIO, limits: ZipLimits) -> None:
    """Reject zip bombs and XML with DTDs/entities. Every entry is decompressed once, in
    streaming chunks, counting the *actual* bytes: the sizes in the zip directory are written by
    whoever made the file and can lie."""
    stream.seek(0)
    try:
        with zipfile.ZipFile(stream) as archive:
            entries = archive.infolist()
            if len(entries) > limits.max_entries:
                raise UploadRejected(
                    ZIP_BOMB,
                    f"the workbook has {len(entries)} parts; the limit is {limits.max_entries}.",
                )
            declared = sum(e.file_size for e in entries)
            if declared > limits.max_uncompressed_bytes:
                raise UploadRejected(
                    ZIP_BOMB,
                    f"the workbook would expand to {declared:,} bytes; the limit is "
                    f"{limits.max_uncompressed_bytes:,}.",
                )
            total = 0
            for entry in entries:
                if entry.flag_bits & 0x1:
                    raise UploadRejected(
                        CORRUPT_FILE,
                        "the workbook is encrypted; remove the password and upload again.",
                    )
                total += _scan_entry(archive, entry, limits, total)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, ValueError, OSError) as exc:
        raise UploadRejected(
            CORRUPT_FILE, f"the workbook is damaged and cannot be opened ({exc})."
        ) from exc
    finally:
        stream.seek(0)


def _scan_entry(
    archive: zipfile.ZipFile, entry: zipfile.ZipInfo, limits: ZipLimits, total: int
) -> int:
    size = 0
    tail = b""
    budget = limits.max_uncompressed_bytes - total
    compressed = max(entry.compress_size, 1)
    with archive.open(entry) as part:
        while chunk := part.read(_CHUNK):
            size += len(chunk)
            if size > budget:
                raise UploadRejected(
                    ZIP_BOMB,
                    f"the workbook expands beyond {limits.max_uncompressed_bytes:,} bytes "
                    f"(part {entry.filename!r}).",
                )
            if size > limits.ratio_floor_bytes and size / compressed > limits.max_ratio:
                raise UploadRejected(
                    ZIP_BOMB,
                    f"part {entry.filename!r} expands more than {limits.max_ratio:.0f} times "
                    f"({compressed:,} bytes compressed); that is a zip bomb, not a spreadsheet.",
                )
            window = (tail + chunk).lower()
            for marker in _FORBIDDEN:
                if marker in window:
                    raise UploadRejected(
                        XML_ENTITIES,
                        f"part {entry.filename!r} declares a DTD or XML entities, which Excel never "
                        "writes and which can read files or expand without bound. Re-save the "
                        "workbook from Excel.",
                    )
            tail = chunk[-_OVERLAP:]
    return size


def open_sheet_rows(
    source: Source, sheet: str | None
) -> tuple[str, Iterator[tuple[int, list[str]]]]:
    """The sheet's name and its (1-based spreadsheet row, cells as text), for the named sheet
    (exact name, else ignoring case and outer spaces) or the first one."""
    source.stream.seek(0)
    try:
        workbook = CalamineWorkbook.from_filelike(source.stream)
    except CalamineError as exc:
        raise UploadRejected(CORRUPT_FILE, f"the workbook cannot be read ({exc}).") from exc
    except Exception as exc:
        # python-calamine raises its own exception classes for zip/XML faults, not all of them
        # under CalamineError; any of them means the same thing to the user.
        raise UploadRejected(CORRUPT_FILE, f"the workbook cannot be read ({exc}).") from exc
    names = list(workbook.sheet_names)
    if not names:
        raise UploadRejected(CORRUPT_FILE, "the workbook has no sheets.")
    if sheet is None:
        chosen = names[0]
    else:
        matches = [n for n in names if n == sheet] or [
            n for n in names if n.strip().casefold() == sheet.strip().casefold()
        ]
        if not matches:
            raise UploadRejected(
                SHEET_NOT_FOUND,
                f"no sheet named {sheet!r}; the workbook has {', '.join(repr(n) for n in names)}.",
            )
        chosen = matches[0]
    try:
        worksheet = workbook.get_sheet_by_name(chosen)
    except Exception as exc:
        raise UploadRejected(CORRUPT_FILE, f"sheet {chosen!r} cannot be read ({exc}).") from exc
    return chosen, _rows(worksheet.iter_rows())


def _rows(rows: Iterable[Sequence[object]]) -> Iterator[tuple[int, list[str]]]:
    # iter_rows starts at the sheet's first row even when the data starts lower, so the index
    # is the spreadsheet row number.
    for number, cells in enumerate(rows, start=1):
        yield number, [cell_text(c) for c in cells]


def cell_text(value: object) -> str:
    """A cached cell value as the text a user sees in Excel (General format)."""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        # Excel shows 15 significant digits; integral floats are how it stores every number,
        # so 1200.0 is "1200". Beyond 1e15 Excel itself has lost the digits.
        if value.is_integer() and abs(value) < 1e15:
            return str(int(value))
        return format(value, ".15g")
    if isinstance(value, dt.datetime):
        if value.time() == dt.time(0, 0):
            return value.date().isoformat()
        return value.isoformat(timespec="seconds")
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, dt.timedelta):
        return str(value)
    return "" if value is None else str(value)
