"""Getting the upload into a seekable stream within the size limit, and telling what it is from
its bytes. The file name is only used to word messages: users rename files, attackers too."""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, Literal

from ingest.reading.errors import (
    CORRUPT_FILE,
    EMPTY_FILE,
    FILE_TOO_LARGE,
    UNSUPPORTED_FILE_TYPE,
    UploadRejected,
)

FileFormat = Literal["csv", "xlsx"]

HEAD_BYTES = 8192

# Magic numbers of files people upload by mistake (or on purpose) instead of a table.
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "a PDF document"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "a legacy Excel .xls (or password-protected) workbook"),
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"II*\x00", "a TIFF image"),
    (b"MM\x00*", "a TIFF image"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"Rar!\x1a\x07", "a RAR archive"),
    (b"\x7fELF", "an executable"),
    (b"MZ\x90\x00", "a Windows executable"),
    (b"{\\rtf", "a rich-text document"),
)
_SAVE_AS = "Save it as .xlsx or .csv and upload again."


@dataclass(slots=True)
class Source:
    stream: BinaryIO
    size: int
    owned: bool  # we opened it, so we close it

    def close(self) -> None:
        if self.owned:
            self.stream.close()


def open_source(data: bytes | BinaryIO | Path, max_bytes: int) -> Source:
    """A seekable binary stream over the upload, refusing anything over ``max_bytes`` before
    reading it whole: a path is measured with stat, a seekable stream by seeking to its end,
    and only a non-seekable stream is read, and then never more than ``max_bytes + 1``."""
    if isinstance(data, bytes | bytearray | memoryview):
        raw = bytes(data)
        _check_size(len(raw), max_bytes)
        return Source(io.BytesIO(raw), len(raw), owned=True)
    if isinstance(data, Path):
        size = data.stat().st_size
        _check_size(size, max_bytes)
        return Source(data.open("rb"), size, owned=True)
    if data.seekable():
        start = data.tell()
        size = data.seek(0, io.SEEK_END) - start
        data.seek(start)
        _check_size(size, max_bytes)
        if start:
            # Readers seek to 0 (zipfile, calamine); give them a stream that starts at the data.
            buffered = data.read()
            return Source(io.BytesIO(buffered), len(buffered), owned=True)
        return Source(data, size, owned=False)
    buffered = data.read(max_bytes + 1)
    _check_size(len(buffered), max_bytes)
    return Source(io.BytesIO(buffered), len(buffered), owned=True)


def _check_size(size: int, max_bytes: int) -> None:
    if size > max_bytes:
        raise UploadRejected(
            FILE_TOO_LARGE,
            f"the file is {_human(size)}{'+' if size == max_bytes + 1 else ''}; "
            f"the limit is {_human(max_bytes)}. Split it into smaller files.",
        )


def _human(n: int) -> str:
    if n >= 1024 * 1024:
        return f"{n / (1024 * 1024):.1f} MiB"
    if n >= 1024:
        return f"{n / 1024:.1f} KiB"
    return f"{n} bytes"


def sniff_format(source: Source, filename: str | None) -> FileFormat:
    """``"xlsx"`` for an OOXML workbook, ``"csv"`` for anything that may be text; everything else
    is rejected with what it looks like. Text is confirmed later, by decoding."""
    if source.size == 0:
        raise UploadRejected(EMPTY_FILE, "the file is empty (0 bytes).")
    source.stream.seek(0)
    head = source.stream.read(HEAD_BYTES)
    source.stream.seek(0)
    named = f" {filename!r}" if filename else ""
    for magic, what in _MAGIC:
        if head.startswith(magic):
            raise UploadRejected(
                UNSUPPORTED_FILE_TYPE, f"the file{named} is {what}, not a spreadsheet. {_SAVE_AS}"
            )
    if head.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        _check_zip_is_xlsx(source, named)
        return "xlsx"
    return "csv"


def _check_zip_is_xlsx(source: Source, named: str) -> None:
    try:
        with zipfile.ZipFile(source.stream) as archive:
            names = set(archive.namelist())
            if "[Content_Types].xml" in names and "xl/workbook.xml" in names:
                return
            if "xl/workbook.bin" in names:
                what = "a binary Excel workbook (.xlsb)"
            elif "mimetype" in names and b"opendocument" in archive.read("mimetype")[:100]:
                what = "an OpenDocument file (.ods/.odt)"
            elif "word/document.xml" in names:
                what = "a Word document"
            elif "ppt/presentation.xml" in names:
                what = "a PowerPoint presentation"
            else:
                what = "a zip archive"
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, ValueError) as exc:
        raise UploadRejected(
            CORRUPT_FILE, f"the file{named} looks like a zip/xlsx but cannot be opened ({exc})."
        ) from exc
    finally:
        source.stream.seek(0)
    raise UploadRejected(
        UNSUPPORTED_FILE_TYPE, f"the file{named} is {what}, not a spreadsheet. {_SAVE_AS}"
    )
