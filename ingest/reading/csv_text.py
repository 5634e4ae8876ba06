"""CSV records from a decoded text stream, with the delimiter found by counting.

``csv.Sniffer`` guesses from character frequencies and is wrong on short files and on files
whose addresses or decimal numbers contain the other candidate delimiters; counting each
candidate outside quotes, line by line, and preferring the one with the steadiest count is
simple and right on every file in tests/data/uploads.
"""

from __future__ import annotations

import contextlib
import csv
import io
from collections import Counter
from collections.abc import Iterator

from ingest.reading.encoding import EncodingChoice
from ingest.reading.errors import MALFORMED_CSV, UploadRejected
from ingest.reading.sniff import Source

DELIMITERS: tuple[str, ...] = (",", ";", "\t", "|")
_SAMPLE_CHARS = 65536
_SAMPLE_LINES = 50


def detect_delimiter(sample: str) -> str:
    """The candidate whose count outside quotes is the same on most lines, ties going to the
    larger count; ``","`` when no candidate occurs (a one-column file)."""
    # Splitting on quotes leaves outside-quote text at even indexes; newlines inside quoted
    # cells vanish with their cells, so the lines that remain are records.
    outside = "".join(sample.split('"')[0::2])
    lines = [line for line in outside.splitlines() if line.strip()]
    if len(lines) > 1 and not sample.endswith(("\n", "\r")):
        lines = lines[:-1]  # the sample may end mid-line
    lines = lines[:_SAMPLE_LINES]
    best: tuple[float, int] = (0.0, 0)
    chosen = ","
    for delimiter in DELIMITERS:
        counts = [line.count(delimiter) for line in lines]
        if not counts:
            continue
        mode, seen = Counter(counts).most_common(1)[0]
        if mode == 0:
            continue
        score = (seen / len(counts), mode)
        if score > best:
            best, chosen = score, delimiter
    return chosen


def open_text(source: Source, encoding: EncodingChoice) -> io.TextIOWrapper:
    source.stream.seek(0)
    # newline="" hands line endings to the csv module, which is what keeps "\r\n" inside quoted
    # cells intact.
    return io.TextIOWrapper(source.stream, encoding=encoding.codec, errors="strict", newline="")


def read_sample(source: Source, encoding: EncodingChoice) -> str:
    text = open_text(source, encoding)
    try:
        return text.read(_SAMPLE_CHARS)
    finally:
        text.detach()
        source.stream.seek(0)


def iter_csv_records(
    source: Source, encoding: EncodingChoice, delimiter: str
) -> Iterator[tuple[int, list[str]]]:
    """(1-based record number, cells). A record is a spreadsheet row: a quoted cell with line
    breaks is one row, as Excel shows it, and blank lines count as rows."""
    text = open_text(source, encoding)
    reader = csv.reader(text, delimiter=delimiter, quotechar='"', doublequote=True, strict=False)
    number = 0
    try:
        while True:
            try:
                cells = next(reader)
            except StopIteration:
                return
            except csv.Error as exc:
                # The only csv.Error left in non-strict mode is a cell over the module's field
                # limit (128 KiB): in practice a quote that never closes and swallows the file.
                raise UploadRejected(
                    MALFORMED_CSV,
                    f'row {number + 1} (line {reader.line_num}): {exc}. A quote mark (") is '
                    "probably not closed, so the rest of the file reads as one cell.",
                ) from exc
            number += 1
            yield number, cells
    finally:
        # Detach so closing the wrapper never closes a stream the caller owns. The caller may
        # have closed that stream already (a table closed before its rows were all read): the
        # wrapper then refuses to detach, and there is nothing left to protect.
        with contextlib.suppress(ValueError):
            text.detach()
