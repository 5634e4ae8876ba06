"""Supplier row validation: typed values out, or errors naming the user's column and what was
expected."""

from __future__ import annotations

import pytest

from ingest.reading import RawRow, RowError, open_table
from ingest.supplier_rows import (
    ProductEntry,
    SupplierRow,
    parse_migrant_share,
    parse_supplier_row,
    parse_tier,
    parse_worker_count,
)
from risk_data.loader import load_risk_data
from risk_data.types import RiskData
from tests.unit.imports.corpus import UPLOADS

MAX = 10 * 1024 * 1024


@pytest.fixture(scope="module")
def data() -> RiskData:
    return load_risk_data()


def parsed(name: str, data: RiskData, **kwargs: object) -> list[SupplierRow | list[RowError]]:
    with open_table(UPLOADS / name, max_bytes=MAX, **kwargs) as table:  # type: ignore[arg-type]
        return [parse_supplier_row(row, data) for chunk in table.iter_chunks() for row in chunk]


def raw(values: dict[str, str], row: int = 7, headers: dict[str, str] | None = None) -> RawRow:
    return RawRow(row, values, headers or {f: f"Src {f}" for f in values})


def test_clean_file_validates_to_typed_rows(data: RiskData) -> None:
    rows = parsed("clean_suppliers.csv", data)
    assert all(isinstance(r, SupplierRow) for r in rows)
    acme, namib, muller, azucar = rows
    assert acme == SupplierRow(
        row_number=2,
        name="Acme Garments Ltd",
        country="BD",
        external_ref="S-001",
        sector="garments_textiles",
        sector_confidence=1.0,
        products=(
            ProductEntry("cotton", "Cotton", 1.0, False),
            ProductEntry("garments", "Garments", 1.0, True),
        ),
        tier=1,
        worker_count=1200,
        migrant_share=0.35,
        recruitment_agencies=("Dhaka Manpower",),
    )
    assert isinstance(namib, SupplierRow) and namib.country == "NA"  # Namibia, not "not available"
    assert isinstance(muller, SupplierRow) and muller.name == "Müller Textil GmbH"
    assert muller.migrant_share is None
    assert isinstance(azucar, SupplierRow)
    assert (azucar.country, azucar.worker_count, azucar.migrant_share, azucar.tier) == (
        "MX",
        2500,
        0.12,
        3,
    )
    assert azucar.recruitment_agencies == ("Agencia Uno", "Agencia Dos")


def test_xlsx_gives_the_same_suppliers_as_csv(data: RiskData) -> None:
    assert parsed("clean_suppliers.xlsx", data) == parsed("clean_suppliers.csv", data)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1200", 1200),
        ("1,200", 1200),
        ("1 200", 1200),
        ("1.200", 1200),
        ("1200.0", 1200),
        ("1\u202f200", 1200),
        ("1\u00a0200", 1200),
        ("1'200", 1200),
        ("1,200,000", 1_200_000),
        ("1.200,00", 1200),
        ("1,200.00", 1200),
        ("12,00", 12),
        ("0", 0),
    ],
)
def test_worker_counts_in_local_formats(text: str, expected: int) -> None:
    assert parse_worker_count(text) == expected


@pytest.mark.parametrize(
    "text", ["1.5", "about 300", "-5", "1,20", "1.2.3", "12e3", "1,200.5", "20000000"]
)
def test_worker_counts_that_are_not_whole_numbers_are_refused(text: str) -> None:
    with pytest.raises(ValueError, match="expected"):
        parse_worker_count(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("35%", 0.35),
        ("35 %", 0.35),
        ("0.35", 0.35),
        ("35", 0.35),
        ("0,4", 0.4),
        ("12,5", 0.125),
        ("100%", 1.0),
        ("0", 0.0),
        ("1", 1.0),
        (".5", 0.5),
    ],
)
def test_migrant_share_as_percent_or_fraction(text: str, expected: float) -> None:
    assert parse_migrant_share(text) == pytest.approx(expected)


@pytest.mark.parametrize("text", ["150%", "-10%", "most", "101", "35%%"])
def test_migrant_share_out_of_range_is_refused(text: str) -> None:
    with pytest.raises(ValueError, match="expected"):
        parse_migrant_share(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [("1", 1), ("2.0", 2), ("Tier 2", 2), ("T3", 3), ("tier-4", 4), ("Niveau 2", 2)],
)
def test_tier_forms(text: str, expected: int) -> None:
    assert parse_tier(text) == expected


@pytest.mark.parametrize(
    "text", ["0", "-1", "first", "1.5", "101", "Tier 1099511627776", "9" * 5000]
)
def test_tier_outside_one_to_a_hundred_or_not_a_number_is_refused(text: str) -> None:
    with pytest.raises(ValueError, match="tier number from 1 to 100"):
        parse_tier(text)


def test_thousands_file_row_errors_name_the_column_and_value(data: RiskData) -> None:
    results = parsed("thousands_separators.csv", data)
    counts = [r.worker_count if isinstance(r, SupplierRow) else r for r in results]
    assert counts[:5] == [1200, 1200, 1200, 1200, 1200]
    assert counts[7] == 1_200_000 and counts[8] == 12
    for index, value in ((5, "1.5"), (6, "about 300")):
        errors = counts[index]
        assert isinstance(errors, list)
        assert errors == [
            RowError(
                index + 2,
                "Workers",
                value,
                "expected a whole number of workers, e.g. 1200, 1,200 or 1 200",
            )
        ]


def test_unknown_country_names_the_closest_accepted_values(data: RiskData) -> None:
    result = parse_supplier_row(
        raw(
            {"name": "Acme", "country": "Untied States"},
            headers={"name": "Vendor", "country": "Pays"},
        ),
        data,
    )
    assert isinstance(result, list)
    (error,) = result
    assert (error.row, error.column, error.value) == (7, "Pays", "Untied States")
    assert "closest accepted: United States (US)" in error.message


def test_unknown_sector_names_the_closest_and_the_accepted_sectors(data: RiskData) -> None:
    result = parse_supplier_row(raw({"name": "Acme", "country": "FR", "sector": "??"}), data)
    assert isinstance(result, list)
    assert result[0].column == "Src sector"
    assert "closest accepted" in result[0].message and "garments_textiles" in result[0].message


def test_every_error_in_a_row_is_reported_together(data: RiskData) -> None:
    result = parse_supplier_row(
        raw(
            {
                "name": " ",
                "country": "",
                "tier": "0",
                "worker_count": "lots",
                "migrant_share": "150%",
            }
        ),
        data,
    )
    assert isinstance(result, list)
    assert [e.column for e in result] == [
        "Src name",
        "Src country",
        "Src tier",
        "Src worker_count",
        "Src migrant_share",
    ]


def test_reader_issues_become_row_errors(data: RiskData) -> None:
    results = parsed("ragged_rows.csv", data)
    assert isinstance(results[1], list) and results[1][0].column is None
    assert "4 cells" in results[1][0].message
    assert isinstance(results[3], SupplierRow) and results[3].city == "Paris"


def test_not_known_markers_are_blank_in_numeric_columns_only(data: RiskData) -> None:
    result = parse_supplier_row(
        raw(
            {
                "name": "Windhoek Meat",
                "country": "NA",
                "worker_count": "N/A",
                "tier": "-",
                "migrant_share": "unknown",
                "city": "None",
            }
        ),
        data,
    )
    assert isinstance(result, SupplierRow)
    assert (result.country, result.worker_count, result.tier, result.migrant_share) == (
        "NA",
        None,
        None,
        None,
    )
    assert result.city == "None"


def test_products_split_on_separators_and_unmatched_stay_as_text(data: RiskData) -> None:
    result = parse_supplier_row(
        raw(
            {"name": "A", "country": "BD", "products": "Shrimp / widgets;\ngarments, shrimp|Bricks"}
        ),
        data,
    )
    assert isinstance(result, SupplierRow)
    assert [(p.text, p.good, p.listed_for_country) for p in result.products] == [
        ("Shrimp", "Shrimp", True),
        ("widgets", None, False),
        ("garments", "Garments", True),
        ("Bricks", "Bricks", True),
    ]


def test_agencies_split_on_semicolons_not_commas(data: RiskData) -> None:
    result = parse_supplier_row(
        raw(
            {
                "name": "A",
                "country": "MY",
                "recruitment_agencies": "Acme Recruitment, Inc.; Beta Sdn Bhd",
            }
        ),
        data,
    )
    assert isinstance(result, SupplierRow)
    assert result.recruitment_agencies == ("Acme Recruitment, Inc.", "Beta Sdn Bhd")


def test_names_are_trimmed_and_too_long_names_refused_not_truncated(data: RiskData) -> None:
    ok = parse_supplier_row(raw({"name": "  Acme \n Garments\u00a0Ltd ", "country": "FR"}), data)
    assert isinstance(ok, SupplierRow) and ok.name == "Acme Garments Ltd"
    too_long = parse_supplier_row(raw({"name": "x" * 301, "country": "FR"}), data)
    assert isinstance(too_long, list) and "at most 300" in too_long[0].message
    assert too_long[0].value.endswith("…")


def test_cp1252_file_country_names_in_french_resolve(data: RiskData) -> None:
    # Country names in other languages resolve through pycountry's translations (issue 17).
    results = parsed("cp1252_accents.csv", data)
    assert isinstance(results[0], SupplierRow) and results[0].country == "FR"
    assert isinstance(results[1], SupplierRow) and results[1].country == "DE"


def test_formula_text_is_kept_as_a_literal_name(data: RiskData) -> None:
    results = parsed("formulas.csv", data)
    assert isinstance(results[0], SupplierRow)
    assert results[0].name.startswith("=HYPERLINK(")


def test_validating_a_messy_file_holds_one_chunk_not_the_file(data: RiskData, tmp_path) -> None:
    import tracemalloc

    from tests.unit.imports.corpus import write_messy_csv

    path = write_messy_csv(tmp_path / "messy.csv", 30_000)
    parse_supplier_row(raw({"name": "warm-up", "country": "FR", "sector": "apparel"}), data)
    tracemalloc.start()
    try:
        outcomes = {"valid": 0, "errors": 0}
        with open_table(path, max_bytes=64 * MAX, chunk_rows=2000) as table:
            for chunk in table.iter_chunks():
                for row in chunk:
                    result = parse_supplier_row(row, data)
                    outcomes["valid" if isinstance(result, SupplierRow) else "errors"] += 1
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert sum(outcomes.values()) == 30_000 and outcomes["valid"] and outcomes["errors"]
    # Memoised misses must not keep rows alive (a re-raised stored exception once did).
    assert peak < 12 * 1024 * 1024, f"peak {peak / 2**20:.1f} MiB"
