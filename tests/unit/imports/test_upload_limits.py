"""Large and hostile uploads generated at test time (never committed): size limit, zip bombs,
very wide files, and a 200,000-row file read in bounded memory."""

from __future__ import annotations

import io
import json
import subprocess
import sys
import tracemalloc
import zipfile
from pathlib import Path

import pytest

from ingest.reading import UploadRejected, ZipLimits, open_table
from ingest.reading.csv_text import detect_delimiter
from tests.unit.imports.corpus import (
    UPLOADS,
    build_xlsx,
    sheet_xml,
    wide_csv,
    write_messy_csv,
    zip_bomb_xlsx,
)

MIB = 1024 * 1024
LIMIT = 10 * MIB


class _NonSeekable(io.RawIOBase):
    """An upload arriving as a pipe: readable once, size unknown."""

    def __init__(self, payload: bytes) -> None:
        self._inner = io.BytesIO(payload)

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: memoryview) -> int:  # type: ignore[override]
        data = self._inner.read(len(buffer))
        buffer[: len(data)] = data
        return len(data)


@pytest.fixture(scope="module")
def over_limit_csv(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("big") / "over_limit.csv"
    with path.open("wb") as out:
        out.write(b"Supplier,Country\r\n")
        line = b"Acme Garments Ltd,FR\r\n"
        out.write(line * (LIMIT // len(line) + 1))
    return path


def test_over_limit_path_is_refused_before_reading(over_limit_csv: Path) -> None:
    with pytest.raises(UploadRejected) as caught:
        open_table(over_limit_csv, filename="big.csv", max_bytes=LIMIT)
    assert caught.value.code == "file_too_large"
    assert "10.0 MiB" in caught.value.detail


def test_over_limit_bytes_and_streams_are_refused(over_limit_csv: Path) -> None:
    payload = over_limit_csv.read_bytes()
    sources: list[object] = [payload, io.BytesIO(payload), io.BufferedReader(_NonSeekable(payload))]
    for source in sources:
        with pytest.raises(UploadRejected) as caught:
            open_table(source, max_bytes=LIMIT)  # type: ignore[arg-type]
        assert caught.value.code == "file_too_large"


def test_non_seekable_stream_within_the_limit_reads() -> None:
    payload = (UPLOADS / "clean_suppliers.csv").read_bytes()
    with open_table(io.BufferedReader(_NonSeekable(payload)), max_bytes=LIMIT) as table:
        assert sum(len(c) for c in table.iter_chunks()) == 4


def test_caller_stream_is_not_closed_by_the_reader() -> None:
    stream = io.BytesIO((UPLOADS / "clean_suppliers.csv").read_bytes())
    table = open_table(stream, max_bytes=LIMIT)
    list(table.iter_chunks())
    assert not stream.closed


def test_zip_bomb_is_rejected_without_expanding_it() -> None:
    bomb = zip_bomb_xlsx(64 * MIB)
    assert len(bomb) < LIMIT
    tracemalloc.start()
    try:
        with pytest.raises(UploadRejected) as caught:
            open_table(bomb, filename="bomb.xlsx", max_bytes=LIMIT)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert caught.value.code == "zip_bomb"
    assert peak < 16 * MIB


def test_declared_and_total_sizes_are_limited() -> None:
    workbook = build_xlsx([("Sheet1", sheet_xml([["Supplier", "Country"], ["A", "FR"]]))])
    with pytest.raises(UploadRejected) as caught:
        open_table(workbook, max_bytes=LIMIT, zip_limits=ZipLimits(max_uncompressed_bytes=1000))
    assert caught.value.code == "zip_bomb"
    with pytest.raises(UploadRejected) as caught:
        open_table(workbook, max_bytes=LIMIT, zip_limits=ZipLimits(max_entries=3))
    assert caught.value.code == "zip_bomb"


def test_zip_that_lies_about_its_sizes_is_rejected() -> None:
    workbook = bytearray(
        build_xlsx([("Sheet1", sheet_xml([["Supplier", "Country"], ["A", "FR"]]))])
    )
    # Shrink every declared uncompressed size in the central directory to 1 byte.
    with zipfile.ZipFile(io.BytesIO(bytes(workbook))) as archive:
        infos = archive.infolist()
    offset = bytes(workbook).rfind(b"PK\x05\x06")
    start = int.from_bytes(workbook[offset + 16 : offset + 20], "little")
    pos = start
    for _ in infos:
        workbook[pos + 24 : pos + 28] = (1).to_bytes(4, "little")
        name_len = int.from_bytes(workbook[pos + 28 : pos + 30], "little")
        extra_len = int.from_bytes(workbook[pos + 30 : pos + 32], "little")
        comment_len = int.from_bytes(workbook[pos + 32 : pos + 34], "little")
        pos += 46 + name_len + extra_len + comment_len
    with pytest.raises(UploadRejected) as caught:
        open_table(bytes(workbook), max_bytes=LIMIT)
    assert caught.value.code in {"corrupt_file", "zip_bomb"}


def test_a_thousand_columns_read_and_report_the_ignored_ones() -> None:
    with open_table(wide_csv(1000), max_bytes=LIMIT) as table:
        rows = [r for c in table.iter_chunks() for r in c]
        assert len(table.ignored_columns) == 998
        assert rows[0].values == {"name": "Acme", "country": "FR"}
        assert any(
            "998 column(s) not imported" in w and "and 978 more" in w for w in table.warnings
        )


def test_more_columns_than_excel_allows_are_rejected() -> None:
    with pytest.raises(UploadRejected) as caught:
        open_table(wide_csv(20_000), max_bytes=LIMIT)
    assert caught.value.code == "too_many_columns"


_READ_IN_CHILD = """
import json, resource, sys
from pathlib import Path
from ingest.reading import open_table
baseline = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
rows, sizes = 0, set()
with open_table(Path(sys.argv[1]), max_bytes=64 * 2**20, chunk_rows=5000) as table:
    for chunk in table.iter_chunks():
        rows += len(chunk)
        sizes.add(len(chunk))
grown = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - baseline
print(json.dumps({"rows": rows, "sizes": sorted(sizes), "grown_kib": grown}))
"""


def test_200k_rows_stream_in_chunks_with_bounded_memory(tmp_path: Path) -> None:
    path = write_messy_csv(tmp_path / "rows_200k.csv", 200_000)
    assert path.stat().st_size > 15 * MIB
    # A fresh interpreter, so its peak RSS is this read's alone (tracemalloc would be exact
    # but makes the read five times slower).
    out = subprocess.run(  # our own interpreter running a fixed script
        [sys.executable, "-c", _READ_IN_CHILD, str(path)],
        cwd=Path(__file__).resolve().parents[3],
        check=True,
        capture_output=True,
        text=True,
    )
    result = json.loads(out.stdout)
    assert result["rows"] == 200_000
    assert result["sizes"] == [5000]
    # One 5,000-row chunk is a few MiB; holding the 17 MiB file as rows would be over 150 MiB.
    assert result["grown_kib"] < 48 * 1024, f"RSS grew {result['grown_kib'] / 1024:.0f} MiB"


@pytest.mark.parametrize(
    ("sample", "expected"),
    [
        ("a;b;c\n1,5;2,5;3\n4;5;6\n", ";"),
        ('name,address\n"Acme","1; rue X | Paris"\n"B","2; rue Y"\n', ","),
        ("a\tb\n1, 2\t3\n", "\t"),
        ("supplier\nAcme\n", ","),
        ('a|b\n"x\ny|z"|w\n', "|"),
    ],
)
def test_delimiter_detection_counts_outside_quotes(sample: str, expected: str) -> None:
    assert detect_delimiter(sample) == expected


def test_chunk_rows_must_be_positive() -> None:
    with pytest.raises(ValueError, match="chunk_rows"):
        open_table(b"Supplier,Country\nA,FR\n", max_bytes=LIMIT, chunk_rows=0)


def test_a_table_is_read_once() -> None:
    table = open_table(b"Supplier,Country\nA,FR\n", max_bytes=LIMIT)
    list(table.iter_rows())
    with pytest.raises(RuntimeError):
        list(table.iter_rows())
