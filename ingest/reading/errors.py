"""What can go wrong with an upload: a whole-file rejection, or a problem with one row."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

# Stable rejection codes: clients and the problem+json `type` depend on them, so add, never rename.
FILE_TOO_LARGE: Final = "file_too_large"
UNSUPPORTED_FILE_TYPE: Final = "unsupported_file_type"
ZIP_BOMB: Final = "zip_bomb"
XML_ENTITIES: Final = "xml_entities"
CORRUPT_FILE: Final = "corrupt_file"
EMPTY_FILE: Final = "empty_file"
NO_DATA_ROWS: Final = "no_data_rows"
MISSING_COLUMNS: Final = "missing_columns"
DUPLICATE_COLUMNS: Final = "duplicate_columns"
INVALID_COLUMN_MAP: Final = "invalid_column_map"
TOO_MANY_COLUMNS: Final = "too_many_columns"
SHEET_NOT_FOUND: Final = "sheet_not_found"
ENCODING: Final = "encoding"
MALFORMED_CSV: Final = "malformed_csv"

REJECTION_CODES: Final[frozenset[str]] = frozenset(
    {
        FILE_TOO_LARGE,
        UNSUPPORTED_FILE_TYPE,
        ZIP_BOMB,
        XML_ENTITIES,
        CORRUPT_FILE,
        EMPTY_FILE,
        NO_DATA_ROWS,
        MISSING_COLUMNS,
        DUPLICATE_COLUMNS,
        INVALID_COLUMN_MAP,
        TOO_MANY_COLUMNS,
        SHEET_NOT_FOUND,
        ENCODING,
        MALFORMED_CSV,
    }
)


class UploadRejected(Exception):
    """The file as a whole cannot be imported; nothing from it should be written."""

    def __init__(self, code: str, detail: str) -> None:
        if code not in REJECTION_CODES:
            raise ValueError(f"unknown rejection code {code!r}")
        super().__init__(f"{code}: {detail}")
        self.code = code
        self.detail = detail


# A row error whose message starts with this is a warning: the row was kept, and the person
# who uploaded it should know something about it ("no ILAB good matches this product").
WARNING: Final = "warning: "


@dataclass(frozen=True, slots=True)
class RowError:
    """One problem in one row. ``column`` is the header as the user wrote it (``None`` when the
    problem is the row's shape, not one cell); ``row`` is the 1-based spreadsheet row."""

    row: int
    column: str | None
    value: str
    message: str

    @property
    def warning(self) -> bool:
        """The row was kept; this only tells the uploader something about it."""
        return self.message.startswith(WARNING)
