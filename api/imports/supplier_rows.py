"""Validating one raw supplier row into typed values, or into the reasons it cannot be imported.

Every error names the row, the column as the user wrote it, the value, and what was expected
(with the closest accepted values for countries and sectors): the spec forbids silent defaults.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from typing import Final, TypeVar

from api.imports.reading.errors import RowError
from api.imports.reading.table import RawRow, shown
from risk_data.errors import UnknownValueError
from risk_data.lookup import find_good, resolve_country, resolve_sector
from risk_data.types import RiskData

__all__ = ["ProductEntry", "RowError", "SupplierRow", "parse_supplier_row"]

# Column sizes the registry stores; longer values are refused, never truncated, so a name is
# never silently cut into another supplier's name.
MAX_NAME_CHARS: Final = 300
MAX_REF_CHARS: Final = 100
MAX_PLACE_CHARS: Final = 200
MAX_ADDRESS_CHARS: Final = 500
MAX_PRODUCT_CHARS: Final = 200
MAX_PRODUCTS: Final = 100
MAX_AGENCIES: Final = 50
# The largest single employers have about 2 million staff worldwide; a supplier site above 10
# million workers is a typo (or a currency amount in the wrong column).
MAX_WORKER_COUNT: Final = 10_000_000

# Written in numeric columns to mean "not known"; read as blank rather than refused. Only for
# numbers: in the country column "NA" is Namibia and goes to the country resolver untouched.
_NOT_KNOWN: Final = frozenset({"na", "n/a", "n.a.", "nd", "n/d", "-", "--", "—", "?", "unknown",
                               "none", "null", "nan", "s/o", "k.a.", "sin dato", "无"})

_PRODUCT_SPLIT = re.compile(r"[;,|/\n\r]+")
# Agency names contain commas ("Acme Recruitment, Inc.") and slashes less often than products,
# so agencies split on the unambiguous separators only.
_AGENCY_SPLIT = re.compile(r"[;|\n\r]+")
_SPACES = re.compile(r"\s+")
# Group separators seen in worker counts: space, no-break space, narrow no-break and thin
# spaces (French, Excel exports) and the Swiss apostrophe.
_GROUP_SPACES = re.compile(r"[\s\u00a0\u202f\u2009']")
_PLAIN_INT = re.compile(r"\d+")
_GROUPED = re.compile(r"\d{1,3}(?:(?P<sep>[.,])\d{3})(?:(?P=sep)\d{3})*")
_INT_WITH_ZERO_DECIMALS = re.compile(
    r"(?P<int>\d{1,3}(?:,\d{3})*|\d+)\.0+|(?P<eu>\d{1,3}(?:\.\d{3})*|\d+),0+"
)
_TIER = re.compile(r"(?:(?:tier|t|niveau|nivel|nível|rang|ebene|stufe|n)\s*[-_ ]?\s*)?(\d+)(?:\.0+)?")
_DECIMAL = re.compile(r"\d+(?:[.,]\d+)?|[.,]\d+")


@dataclass(frozen=True, slots=True)
class ProductEntry:
    """A product as written, with the ILAB good it matched (``None``: kept as free text) and
    whether ILAB lists that good for the supplier's country."""

    text: str
    good: str | None = None
    confidence: float = 0.0
    listed_for_country: bool = False


@dataclass(frozen=True, slots=True)
class SupplierRow:
    row_number: int
    name: str
    country: str  # ISO 3166-1 alpha-2
    external_ref: str | None = None
    registration_number: str | None = None
    region: str | None = None
    city: str | None = None
    address: str | None = None
    sector: str | None = None  # sector code in the risk data
    sector_confidence: float | None = None
    products: tuple[ProductEntry, ...] = ()
    tier: int | None = None
    parent_ref: str | None = None
    worker_count: int | None = None
    migrant_share: float | None = None  # 0..1
    recruitment_agencies: tuple[str, ...] = ()


class _Invalid(ValueError):
    """A value that cannot be read; the message says what was expected."""


T = TypeVar("T")


def clean_text(value: str) -> str:
    """NFC, trimmed, inner whitespace (including line breaks and NBSP) collapsed to one space."""
    return _SPACES.sub(" ", unicodedata.normalize("NFC", value)).strip()


def parse_worker_count(value: str) -> int:
    text = _GROUP_SPACES.sub("", value.strip())
    if _PLAIN_INT.fullmatch(text):
        count = int(text)
    elif _GROUPED.fullmatch(text):
        # "1.200" and "1,200" are both 1200: a worker count has no fractional part, and a single
        # separator followed by exactly three digits is a thousands group in every locale.
        count = int(re.sub(r"[.,]", "", text))
    elif m := _INT_WITH_ZERO_DECIMALS.fullmatch(text):
        digits = m.group("int") or m.group("eu")
        count = int(re.sub(r"[.,]", "", digits))
    else:
        raise _Invalid("expected a whole number of workers, e.g. 1200, 1,200 or 1 200")
    if count > MAX_WORKER_COUNT:
        raise _Invalid(f"expected at most {MAX_WORKER_COUNT:,} workers at one supplier")
    return count


def parse_migrant_share(value: str) -> float:
    """"35%" and "35" are percentages; "0.35" (and "0,35") a fraction. A bare number above 1 is
    read as a percentage, since a share cannot exceed 1; so "1" means 100 % (see the decision
    note for why that ambiguity is resolved upwards)."""
    text = value.strip().replace("\u00a0", "").replace(" ", "")
    percent = text.endswith("%")
    number_text = text.removesuffix("%")
    if not _DECIMAL.fullmatch(number_text):
        raise _Invalid("expected a share of migrant workers: 35%, 35 or 0.35")
    number = float(number_text.replace(",", "."))
    share = number / 100 if percent or number > 1 else number
    if not 0 <= share <= 1:
        raise _Invalid("expected a share between 0 and 100 %")
    return round(share, 6)


def parse_tier(value: str) -> int:
    m = _TIER.fullmatch(value.strip().casefold())
    if m is None or int(m.group(1)) < 1:
        raise _Invalid("expected a tier number of 1 or more (1 = direct supplier), e.g. 1 or Tier 2")
    return int(m.group(1))


def split_list(value: str, pattern: re.Pattern[str]) -> list[str]:
    seen: dict[str, None] = {}
    for part in pattern.split(value):
        cleaned = clean_text(part)
        if cleaned and cleaned.casefold() not in {k.casefold() for k in seen}:
            seen[cleaned] = None
    return list(seen)


def _closest(exc: UnknownValueError, what: str) -> str:
    if exc.suggestions:
        return f"unknown {what}; closest accepted: {', '.join(exc.suggestions[:5])}"
    return f"unknown {what}"


class _RowReader:
    """Collects every error in a row rather than stopping at the first."""

    def __init__(self, raw: RawRow) -> None:
        self.raw = raw
        self.errors: list[RowError] = list(raw.issues)

    def column(self, field: str) -> str:
        return self.raw.source_columns.get(field, field)

    def value(self, field: str) -> str:
        return self.raw.values.get(field, "")

    def error(self, field: str, value: str, message: str) -> None:
        self.errors.append(RowError(self.raw.row_number, self.column(field), shown(value), message))

    def text(self, field: str, max_chars: int, *, required: bool = False) -> str | None:
        raw = self.value(field)
        cleaned = clean_text(raw)
        if not cleaned:
            if required:
                self.error(field, raw, "required; the cell is empty")
            return None
        if len(cleaned) > max_chars:
            self.error(field, raw, f"{len(cleaned):,} characters; at most {max_chars:,}")
            return None
        return cleaned

    def number(self, field: str, parse: Callable[[str], T]) -> T | None:
        raw = self.value(field)
        cleaned = raw.strip()
        if not cleaned or cleaned.casefold() in _NOT_KNOWN:
            return None
        try:
            return parse(cleaned)
        except _Invalid as exc:
            self.error(field, raw, str(exc))
            return None


def parse_supplier_row(raw: RawRow, data: RiskData) -> SupplierRow | list[RowError]:
    row = _RowReader(raw)
    name = row.text("name", MAX_NAME_CHARS, required=True)
    country = _country(row, data)
    sector, sector_confidence = _sector(row, data)
    products = _products(row, data, country)
    agencies = split_list(row.value("recruitment_agencies"), _AGENCY_SPLIT)
    if len(agencies) > MAX_AGENCIES:
        row.error("recruitment_agencies", row.value("recruitment_agencies"),
                  f"{len(agencies)} agencies; at most {MAX_AGENCIES}")
    supplier = SupplierRow(
        row_number=raw.row_number,
        name=name or "",
        country=country or "",
        external_ref=row.text("external_ref", MAX_REF_CHARS),
        registration_number=row.text("registration_number", MAX_REF_CHARS),
        region=row.text("region", MAX_PLACE_CHARS),
        city=row.text("city", MAX_PLACE_CHARS),
        address=row.text("address", MAX_ADDRESS_CHARS),
        sector=sector,
        sector_confidence=sector_confidence,
        products=products,
        tier=row.number("tier", parse_tier),
        parent_ref=row.text("parent_ref", MAX_REF_CHARS),
        worker_count=row.number("worker_count", parse_worker_count),
        migrant_share=row.number("migrant_share", parse_migrant_share),
        recruitment_agencies=tuple(agencies[:MAX_AGENCIES]),
    )
    if row.errors:
        return row.errors
    return supplier


def _country(row: _RowReader, data: RiskData) -> str | None:
    raw = row.value("country")
    value = clean_text(raw)
    if not value:
        row.error("country", raw, "required: an ISO 3166-1 code (FR, FRA) or an English name")
        return None
    try:
        return resolve_country(value, data).iso2
    except UnknownValueError as exc:
        row.error("country", raw, _closest(exc, "country") +
                  " (ISO 3166-1 alpha-2 or alpha-3 code, or English name)")
        return None


def _sector(row: _RowReader, data: RiskData) -> tuple[str | None, float | None]:
    raw = row.value("sector")
    value = clean_text(raw)
    if not value:
        return None, None
    try:
        match = resolve_sector(value, data)
    except UnknownValueError as exc:
        accepted = ", ".join(sorted(data.sectors)[:30])
        row.error("sector", raw, _closest(exc, "sector") + f"; sectors: {accepted}")
        return None, None
    return match.sector.code, match.confidence


def _products(row: _RowReader, data: RiskData, country: str | None) -> tuple[ProductEntry, ...]:
    raw = row.value("products")
    entries: list[ProductEntry] = []
    items = split_list(raw, _PRODUCT_SPLIT)
    if len(items) > MAX_PRODUCTS:
        row.error("products", raw, f"{len(items)} products; at most {MAX_PRODUCTS}")
        return ()
    for item in items:
        if len(item) > MAX_PRODUCT_CHARS:
            row.error("products", item, f"product name of {len(item)} characters; at most "
                      f"{MAX_PRODUCT_CHARS}")
            continue
        # Unmatched products stay as the user's text: the ILAB list is a list of risks, not a
        # catalogue, so most legitimate products are not on it. find_good is match_good without
        # the UnknownValueError for that case.
        match = find_good(item, data, country=country)
        if match is None:
            entries.append(ProductEntry(item))
        else:
            entries.append(ProductEntry(item, match.name, match.confidence, match.listed))
    return tuple(entries)

