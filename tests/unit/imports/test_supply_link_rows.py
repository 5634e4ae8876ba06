"""Reading supply-link rows: shares, HS codes, periods, and the errors a client can fix."""

from __future__ import annotations

from datetime import date

from ingest.reading.table import RawRow
from ingest.supply_link_rows import SupplyLinkRow, parse_supply_link_row


def _row(**values: str) -> RawRow:
    cells = {"supplier_ref": "POLY-1", "buyer_ref": "WAF-1", "input": "polysilicon", **values}
    return RawRow(7, cells, {k: k.title() for k in cells})


def test_shares_hs_codes_and_periods_are_read_as_clients_write_them() -> None:
    row = parse_supply_link_row(
        _row(share="40%", hs_code="HS 2804.61", period_start="2026-01-01", period_end="2026-12-31")
    )
    assert isinstance(row, SupplyLinkRow)
    assert (row.share, row.hs_code) == (0.4, "280461")
    assert (row.period_start, row.period_end) == (date(2026, 1, 1), date(2026, 12, 31))
    assert parse_supply_link_row(_row(share="0,25")).share == 0.25  # type: ignore[union-attr]


def test_every_bad_cell_is_reported_with_the_column_as_written() -> None:
    errors = parse_supply_link_row(
        _row(
            buyer_ref="POLY-1",
            share="lots",
            hs_code="x1",
            period_start="2026-05-01",
            period_end="2026-01-01",
            input="",
        )
    )
    assert isinstance(errors, list)
    by_column = {e.column: e.message for e in errors}
    assert by_column["Buyer_Ref"] == "a supplier cannot supply itself"
    assert "share of the buyer's input" in by_column["Share"]
    assert "HS code" in by_column["Hs_Code"]
    assert by_column["Period_End"] == "the period ends before it starts"
    assert by_column["Input"].startswith("required")
    assert {e.row for e in errors} == {7}
