"""Supply-link uploads: one row per link, "supplier supplies buyer with input", read into typed
values or into the reasons a row cannot be imported (row, column as written, value, why).

The two suppliers are named by the client's references (or ids); resolving them, and the
input to an ILAB good for the supplier's country, needs the registry, so it happens when the
rows are written (``api/imports/supply_links.py``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Final

from ingest.audit_fields import SUPPLIER_REF
from ingest.audit_values import BadValue, parse_date
from ingest.reading.errors import RowError
from ingest.reading.fields import FieldDef, FieldSpec
from ingest.reading.table import RawRow, shown
from ingest.supplier_rows import clean_text, parse_share

MAX_REF_CHARS: Final = 120
MAX_INPUT_CHARS: Final = 200
# HS codes are 2 to 10 digits (6 international, up to 10 nationally), with dots or spaces.
_HS_CODE: Final = re.compile(r"(?:hs\s*)?(\d{2}(?:[.\s]?\d{2}){0,4})", re.IGNORECASE)

SUPPLY_LINK_FIELDS = FieldSpec(
    kind="supply_links",
    fields=(
        SUPPLIER_REF,
        FieldDef(
            "buyer_ref",
            required=True,
            description="Reference (or id) of the supplier that buys the input",
            synonyms=(
                "buyer",
                "buyer ref",
                "buyer reference",
                "buyer id",
                "customer",
                "customer ref",
                "supplies to",
                "sold to",
                "downstream",
                "downstream ref",
                "client",
                "acheteur",
                "réf acheteur",
                "comprador",
                "ref comprador",
            ),
        ),
        FieldDef(
            "input",
            required=True,
            description="The good supplied, in your words (resolved to an ILAB good if it is one)",
            synonyms=(
                "input good",
                "good",
                "goods",
                "material",
                "raw material",
                "component",
                "product supplied",
                "item",
                "intrant",
                "matière",
                "matière première",
                "insumo",
                "material suministrado",
            ),
        ),
        FieldDef(
            "hs_code",
            description="HS code of the input (optional)",
            synonyms=("hs", "hs code", "hts", "hts code", "tariff code", "code sh", "código sa"),
        ),
        FieldDef(
            "share",
            description="Share of the buyer's input from this supplier: 40%, 40 or 0.4",
            synonyms=(
                "share of input",
                "input share",
                "percentage",
                "percent",
                "volume share",
                "part",
                "proportion",
                "porcentaje",
            ),
        ),
        FieldDef(
            "period_start",
            description="First day the link holds (YYYY-MM-DD)",
            synonyms=("from", "start", "start date", "valid from", "since", "début", "desde"),
        ),
        FieldDef(
            "period_end",
            description="Last day the link holds (YYYY-MM-DD)",
            synonyms=("to", "until", "end", "end date", "valid to", "valid until", "fin", "hasta"),
        ),
    ),
)


@dataclass(frozen=True, slots=True)
class SupplyLinkRow:
    row_number: int
    supplier_ref: str
    buyer_ref: str
    input_text: str
    hs_code: str | None = None
    share: float | None = None  # 0..1
    period_start: date | None = None
    period_end: date | None = None


def input_key(text: str) -> str:
    """The identity of an input within one (supplier, buyer) pair."""
    return " ".join(text.casefold().split())


def parse_hs_code(value: str) -> str:
    m = _HS_CODE.fullmatch(value.strip())
    if m is None:
        raise BadValue("expected an HS code of 2 to 10 digits, e.g. 2804.61 or 280461")
    return re.sub(r"\D", "", m.group(1))


def parse_supply_link_row(raw: RawRow) -> SupplyLinkRow | list[RowError]:
    errors: list[RowError] = list(raw.issues)

    def error(name: str, value: str, message: str) -> None:
        errors.append(
            RowError(raw.row_number, raw.source_columns.get(name, name), shown(value), message)
        )

    def text(name: str, max_chars: int, *, required: bool = False) -> str | None:
        value = clean_text(raw.values.get(name, ""))
        if not value:
            if required:
                error(name, "", "required; the cell is empty")
            return None
        if len(value) > max_chars:
            error(name, value, f"{len(value):,} characters; at most {max_chars:,}")
            return None
        return value

    supplier_ref = text("supplier_ref", MAX_REF_CHARS, required=True)
    buyer_ref = text("buyer_ref", MAX_REF_CHARS, required=True)
    input_text = text("input", MAX_INPUT_CHARS, required=True)
    if supplier_ref and buyer_ref and supplier_ref == buyer_ref:
        error("buyer_ref", buyer_ref, "a supplier cannot supply itself")
    values: dict[str, object] = {}
    for name, parse in (
        ("hs_code", parse_hs_code),
        ("share", lambda v: parse_share(v, "of the buyer's input")),
        ("period_start", parse_date),
        ("period_end", parse_date),
    ):
        cell = raw.values.get(name, "").strip()
        if not cell:
            continue
        try:
            values[name] = parse(cell)
        except ValueError as exc:
            error(name, cell, str(exc))
    start, end = values.get("period_start"), values.get("period_end")
    if isinstance(start, date) and isinstance(end, date) and end < start:
        error("period_end", raw.values.get("period_end", ""), "the period ends before it starts")
    if errors or supplier_ref is None or buyer_ref is None or input_text is None:
        return errors
    return SupplyLinkRow(
        row_number=raw.row_number,
        supplier_ref=supplier_ref,
        buyer_ref=buyer_ref,
        input_text=input_text,
        hs_code=values.get("hs_code"),  # type: ignore[arg-type]
        share=values.get("share"),  # type: ignore[arg-type]
        period_start=start,  # type: ignore[arg-type]
        period_end=end,  # type: ignore[arg-type]
    )
