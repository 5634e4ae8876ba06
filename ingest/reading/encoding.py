"""Which text encoding a CSV upload is in.

Order: a byte-order mark decides (UTF-8-BOM, UTF-16, UTF-32); else a UTF-16 NUL pattern without
BOM; else strict UTF-8 over the *whole* file; else Windows-1252, which is what Excel's "CSV" (not
"CSV UTF-8") writes on Western-European Windows. The whole file is checked because the first
non-ASCII name is often thousands of rows in; decoding 10 MiB takes milliseconds.

A file that is partly UTF-8 and partly cp1252 (two exports pasted together) is rejected rather
than guessed: any single choice turns one half into mojibake ("CafÃ©") that would then be stored
and matched against as if it were a name.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass
from typing import BinaryIO

from ingest.reading.errors import ENCODING, UNSUPPORTED_FILE_TYPE, UploadRejected

_CHUNK = 1 << 20
_SAVE_AS_UTF8 = 'Save it again as "CSV UTF-8" (Excel: File › Save As › CSV UTF-8).'

# UTF-8 sequences for Latin-1 supplement / Latin Extended-A,B (U+0080-U+024F) and general
# punctuation and currency (U+2000-U+20BF): what real UTF-8 text in a supplier list contains.
# In a cp1252 file these byte pairs would be mojibake such as "Ã©" or "â€™", so finding one
# beside bytes that are not UTF-8 means the file mixes the two.
_UTF8_LATIN = re.compile(rb"[\xc2-\xc9][\x80-\xbf]|\xe2[\x80-\x82][\x80-\xbf]")

_BOMS: tuple[tuple[bytes, str, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32", "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32", "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8-sig", "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16", "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16", "utf-16-be"),
)

# Above this share of NUL bytes a file without a UTF-16 pattern is binary, not text with a
# stray NUL (which is kept and reported on its row).
_NUL_SHARE_BINARY = 0.01
# Above this share of control characters (other than tab, CR, LF, FF) decoded text is binary.
_CONTROL_SHARE_BINARY = 0.05


@dataclass(frozen=True, slots=True)
class EncodingChoice:
    codec: str  # what to pass to a TextIOWrapper (consumes the BOM)
    name: str  # what to tell the user: "utf-8", "utf-8-sig", "utf-16-le", "cp1252", ...


def detect_encoding(stream: BinaryIO) -> EncodingChoice:
    stream.seek(0)
    head = stream.read(8192)
    stream.seek(0)
    choice = _from_bom(head) or _utf16_without_bom(head)
    if choice is None:
        nul_count = head.count(b"\x00")
        if nul_count > max(4, _NUL_SHARE_BINARY * len(head)):
            raise UploadRejected(
                UNSUPPORTED_FILE_TYPE,
                f"the file is binary, not text ({nul_count} NUL bytes in its first "
                f"{len(head)} bytes). Upload an .xlsx or .csv file.",
            )
        choice = _utf8_or_cp1252(stream)
    else:
        _validate(stream, choice)
    _reject_control_heavy(head, choice)
    stream.seek(0)
    return choice


def _from_bom(head: bytes) -> EncodingChoice | None:
    for bom, codec, name in _BOMS:
        if head.startswith(bom):
            return EncodingChoice(codec, name)
    return None


def _utf16_without_bom(head: bytes) -> EncodingChoice | None:
    """UTF-16 without a BOM shows as NUL in every other byte when the text is mostly ASCII."""
    sample = head[: len(head) - len(head) % 2]
    if len(sample) < 8:
        return None
    even, odd = sample[0::2], sample[1::2]
    even_nul = even.count(0) / len(even)
    odd_nul = odd.count(0) / len(odd)
    if odd_nul > 0.9 and even_nul < 0.1:
        return EncodingChoice("utf-16-le", "utf-16-le")
    if even_nul > 0.9 and odd_nul < 0.1:
        return EncodingChoice("utf-16-be", "utf-16-be")
    return None


def _validate(stream: BinaryIO, choice: EncodingChoice) -> None:
    error = _first_decode_error(stream, choice.codec)
    if error is not None:
        line, byte = error
        raise UploadRejected(
            ENCODING,
            f"the file says it is {choice.name} (byte-order mark) but line {line} has "
            f"{byte!r}, which is not valid {choice.name}. {_SAVE_AS_UTF8}",
        )


def _first_decode_error(stream: BinaryIO, codec: str) -> tuple[int, bytes] | None:
    """(1-based line, offending bytes) of the first undecodable byte, or ``None``."""
    decoder = codecs.getincrementaldecoder(codec)(errors="strict")
    stream.seek(0)
    lines_before = 0
    while True:
        chunk = stream.read(_CHUNK)
        final = not chunk
        try:
            text = decoder.decode(chunk, final=final)
        except UnicodeDecodeError as exc:
            # Offsets count from the decoder's buffered bytes plus this chunk; close enough to
            # point a user at the right line.
            consumed = exc.object[: exc.start]
            newline = "\n".encode(codec if codec not in ("utf-16", "utf-32") else codec + "-le")
            line = lines_before + consumed.count(newline) + 1
            return line, exc.object[exc.start : exc.end]
        lines_before += text.count("\n")
        if final:
            return None


def _utf8_or_cp1252(stream: BinaryIO) -> EncodingChoice:
    utf8_error = _first_decode_error(stream, "utf-8")
    if utf8_error is None:
        return EncodingChoice("utf-8", "utf-8")
    mixed_at = _first_utf8_latin_line(stream)
    if mixed_at is not None:
        raise UploadRejected(
            ENCODING,
            f"the file mixes encodings: line {mixed_at} is UTF-8 but line {utf8_error[0]} is "
            f"not (byte {utf8_error[1]!r}, probably Windows-1252). {_SAVE_AS_UTF8}",
        )
    cp_error = _first_decode_error(stream, "cp1252")
    if cp_error is not None:
        raise UploadRejected(
            ENCODING,
            f"line {cp_error[0]} has byte {cp_error[1]!r}, which is neither UTF-8 nor "
            f"Windows-1252. {_SAVE_AS_UTF8}",
        )
    return EncodingChoice("cp1252", "cp1252")


def _first_utf8_latin_line(stream: BinaryIO) -> int | None:
    stream.seek(0)
    lines_before = 0
    carry = b""
    while chunk := stream.read(_CHUNK):
        # Keep 2 bytes across chunk borders so a 3-byte sequence is never split unseen.
        block = carry + chunk
        found = _UTF8_LATIN.search(block)
        if found:
            return lines_before + block[: found.start()].count(b"\n") + 1
        lines_before += block[: len(block) - 2].count(b"\n")
        carry = block[len(block) - 2 :]
    return None


def _reject_control_heavy(head: bytes, choice: EncodingChoice) -> None:
    text = head.decode(choice.codec, errors="ignore")
    if not text:
        return
    controls = sum(1 for ch in text if ch < " " and ch not in "\t\r\n\f")
    if controls > _CONTROL_SHARE_BINARY * len(text):
        raise UploadRejected(
            UNSUPPORTED_FILE_TYPE,
            f"the file is binary, not text ({controls} control characters in its first "
            f"{len(text)} characters). Upload an .xlsx or .csv file.",
        )
