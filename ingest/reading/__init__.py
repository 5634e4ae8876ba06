"""Reading supplier (and later audit, finding, evidence) uploads safely: bytes in, validated
header mapping and raw text rows out. Free of FastAPI and SQLAlchemy so the API, the CLI and
the background worker share it."""

from ingest.reading.errors import REJECTION_CODES, RowError, UploadRejected
from ingest.reading.fields import SUPPLIER_FIELDS, FieldDef, FieldSpec, fold_header
from ingest.reading.table import RawRow, Table, open_table
from ingest.reading.xlsx import ZipLimits

DEFAULT_MAX_BYTES = 64 * 1024 * 1024  # callers pass settings.max_upload_bytes; this is its default

__all__ = [
    "DEFAULT_MAX_BYTES",
    "REJECTION_CODES",
    "SUPPLIER_FIELDS",
    "FieldDef",
    "FieldSpec",
    "RawRow",
    "RowError",
    "Table",
    "UploadRejected",
    "ZipLimits",
    "fold_header",
    "open_table",
]
