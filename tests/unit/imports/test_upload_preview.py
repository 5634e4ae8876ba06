"""The mapping preview: what each column would be read as, before anything is written."""

from __future__ import annotations

import pytest

from ingest.reading.errors import UploadRejected
from ingest.reading.fields import SUPPLIER_FIELDS
from ingest.reading.preview import preview_upload

FILE = b"Partner;Origin;Stadt;Notes\nAcme GmbH;DE;Berlin;x\nFoo SARL;FR;Paris;y\n"


def _preview(content: bytes, column_map: dict[str, str] | None = None):  # type: ignore[no-untyped-def]
    return preview_upload(
        content,
        filename="suppliers.csv",
        fields=SUPPLIER_FIELDS,
        max_bytes=1_000_000,
        column_map=column_map,
    )


def test_unknown_headers_are_shown_with_their_samples_and_the_missing_fields() -> None:
    preview = _preview(FILE)
    assert not preview.ready
    assert preview.missing == ("name", "country")
    assert preview.problem is not None and "name" in preview.problem
    by_header = {c.header: c for c in preview.columns}
    assert list(by_header) == ["Partner", "Origin", "Stadt", "Notes"]
    assert by_header["Stadt"].field == "city"  # a German synonym is known
    assert by_header["Partner"].samples == ("Acme GmbH", "Foo SARL")
    assert by_header["Notes"].field is None and by_header["Notes"].letter == "D"
    assert preview.delimiter == ";"


def test_a_column_map_makes_the_file_ready_and_can_drop_a_column() -> None:
    preview = _preview(FILE, {"Partner": "name", "Origin": "country", "Stadt": ""})
    assert preview.ready and not preview.missing
    assert [c.field for c in preview.columns] == ["name", "country", None, None]


def test_two_columns_for_one_field_are_a_problem_to_fix_not_a_crash() -> None:
    preview = _preview(b"Name,Supplier,Country\nA,B,DE\n")
    assert not preview.ready and preview.problem and "more than one column" in preview.problem


def test_a_file_that_is_not_a_table_is_refused_as_the_import_would() -> None:
    with pytest.raises(UploadRejected):
        _preview(b"\x89PNG\r\n\x1a\n" + bytes(200))
