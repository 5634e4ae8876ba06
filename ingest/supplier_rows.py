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

from ingest.reading.errors import RowError
from ingest.reading.table import RawRow, shown
from risk_data.derived import derived
from risk_data.errors import UnknownValueError
from risk_data.lookup import find_good, resolve_country, resolve_sector
from risk_data.types import RiskData
from screening.inputs.limits import MAX_TIER, MAX_WORKERS, MIN_TIER

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

# Written in numeric columns to mean "not known"; read as blank rather than refused. Only for
# numbers: in the country column "NA" is Namibia and goes to the country resolver untouched.
_NOT_KNOWN: Final = frozenset(
    {
        "na",
        "n/a",
        "n.a.",
        "nd",
        "n/d",
        "-",
        "--",
        "—",
        "?",
        "unknown",
        "none",
        "null",
        "nan",
        "s/o",
        "k.a.",
        "sin dato",
        "无",
    }
)

_PRODUCT_SPLIT = re.compile(r"[;,|/\n\r]+")
# Agency names contain commas ("Acme Recruitment, Inc.") and slashes less often than products,
# so agencies split on the unambiguous separators only.
_AGENCY_SPLIT = re.compile(r"[;|\n\r]+")
# Group separators seen in worker counts: space, no-break space, narrow no-break and thin
# spaces (French, Excel exports) and the Swiss apostrophe.
_GROUP_SPACES = re.compile(r"[\s\u00a0\u202f\u2009']")
_PLAIN_INT = re.compile(r"\d+")
_GROUPED = re.compile(r"\d{1,3}(?:(?P<sep>[.,])\d{3})(?:(?P=sep)\d{3})*")
_INT_WITH_ZERO_DECIMALS = re.compile(
    r"(?P<int>\d{1,3}(?:,\d{3})*|\d+)\.0+|(?P<eu>\d{1,3}(?:\.\d{3})*|\d+),0+"
)
_TIER = re.compile(
    r"(?:(?:tier|t|niveau|nivel|nível|rang|ebene|stufe|n)\s*[-_ ]?\s*)?(\d+)(?:\.0+)?"
)
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
_K = TypeVar("_K")
_V = TypeVar("_V")


def clean_text(value: str) -> str:
    """NFC, trimmed, inner whitespace (including line breaks and NBSP) collapsed to one space."""
    if not value:
        return value
    if not value.isascii():
        value = unicodedata.normalize("NFC", value)
    # str.split() with no argument splits on every Unicode space (NBSP, U+202F, line breaks).
    return " ".join(value.split())


def parse_worker_count(value: str) -> int:
    text = _GROUP_SPACES.sub("", value.strip())
    if _PLAIN_INT.fullmatch(text):
        digits = text
    elif _GROUPED.fullmatch(text):
        # "1.200" and "1,200" are both 1200: a worker count has no fractional part, and a single
        # separator followed by exactly three digits is a thousands group in every locale.
        digits = re.sub(r"[.,]", "", text)
    elif m := _INT_WITH_ZERO_DECIMALS.fullmatch(text):
        digits = re.sub(r"[.,]", "", m.group("int") or m.group("eu"))
    else:
        raise _Invalid("expected a whole number of workers, e.g. 1200, 1,200 or 1 200")
    if not _at_most(digits, MAX_WORKERS):
        raise _Invalid(f"expected at most {MAX_WORKERS:,} workers at one supplier")
    return int(digits)


def _at_most(digits: str, high: int) -> bool:
    # Lengths first: int() refuses a cell of more than 4,300 digits (ValueError, not a row error).
    significant = digits.lstrip("0")
    return len(significant) <= len(str(high)) and int(digits) <= high


def parse_migrant_share(value: str) -> float:
    return parse_share(value, "of migrant workers")


def parse_share(value: str, what: str) -> float:
    """ "35%" and "35" are percentages; "0.35" (and "0,35") a fraction. A bare number above 1 is
    read as a percentage, since a share cannot exceed 1; so "1" means 100 % (see the decision
    note for why that ambiguity is resolved upwards). ``what`` names the share in errors."""
    text = value.strip().replace("\u00a0", "").replace(" ", "")
    percent = text.endswith("%")
    number_text = text.removesuffix("%")
    if not _DECIMAL.fullmatch(number_text):
        raise _Invalid(f"expected a share {what}: 35%, 35 or 0.35")
    number = float(number_text.replace(",", "."))
    share = number / 100 if percent or number > 1 else number
    if not 0 <= share <= 1:
        raise _Invalid("expected a share between 0 and 100 %")
    return round(share, 6)


def parse_tier(value: str) -> int:
    m = _TIER.fullmatch(value.strip().casefold())
    if m is None or not _at_most(m.group(1), MAX_TIER) or int(m.group(1)) < MIN_TIER:
        raise _Invalid(
            f"expected a tier number from {MIN_TIER} to {MAX_TIER} (1 = direct supplier), "
            "e.g. 1 or Tier 2"
        )
    return int(m.group(1))


def split_list(value: str, pattern: re.Pattern[str]) -> list[str]:
    """Trimmed, non-empty parts, first spelling kept when the same item repeats in any case."""
    if not value:
        return []
    seen: dict[str, str] = {}
    for part in pattern.split(value):
        cleaned = clean_text(part)
        if cleaned:
            seen.setdefault(cleaned.casefold(), cleaned)
    return list(seen.values())


class _Memo:
    """Lookups of one risk-data version, memoised for the length of an import.

    A file repeats a handful of country and sector spellings thousands of times, and a miss in
    risk_data.lookup (a typo such as "Untied States") ranks every accepted name for suggestions,
    about a millisecond each time; remembering the answer, misses included, makes a 100k-row
    file cost one lookup per distinct spelling.
    """

    # An adversarial file could make every value distinct; past this the memo starts over.
    MAX_ENTRIES = 20_000

    def __init__(self, data: RiskData) -> None:
        self.data = data
        self.countries: dict[str, str | UnknownValueError] = {}
        self.sectors: dict[str, tuple[str, float] | UnknownValueError] = {}
        self.goods: dict[tuple[str, str | None], ProductEntry] = {}
        self.tiers: dict[str, int | _Invalid] = {}
        self.worker_counts: dict[str, int | _Invalid] = {}
        self.shares: dict[str, float | _Invalid] = {}

    # Misses are returned, never re-raised: re-raising one stored exception grows its
    # traceback on every raise and keeps every frame (and row) it passed through alive.
    def country(self, value: str) -> str | UnknownValueError:
        found = self.countries.get(value)
        if found is None:
            try:
                found = resolve_country(value, self.data).iso2
            except UnknownValueError as exc:
                found = exc.with_traceback(None)
            self._bound(self.countries)[value] = found
        return found

    def sector(self, value: str) -> tuple[str, float] | UnknownValueError:
        found = self.sectors.get(value)
        if found is None:
            try:
                match = resolve_sector(value, self.data)
                found = (match.sector.code, match.confidence)
            except UnknownValueError as exc:
                found = exc.with_traceback(None)
            self._bound(self.sectors)[value] = found
        return found

    def product(self, text: str, country: str | None) -> ProductEntry:
        key = (text, country)
        found = self.goods.get(key)
        if found is None:
            # Unmatched products stay as the user's text: the ILAB list is a list of risks, not
            # a catalogue, so most legitimate products are not on it. find_good is match_good
            # without the UnknownValueError for that case.
            match = find_good(text, self.data, country=country)
            if match is None:
                found = ProductEntry(text)
            else:
                found = ProductEntry(text, match.name, match.confidence, match.listed)
            self._bound(self.goods)[key] = found
        return found

    def _bound(self, table: dict[_K, _V]) -> dict[_K, _V]:
        if len(table) >= self.MAX_ENTRIES:
            table.clear()
        return table


def _memo_for(data: RiskData) -> _Memo:
    return derived(data, _Memo)


def _closest(exc: UnknownValueError, what: str) -> str:
    if exc.suggestions:
        return f"unknown {what}; closest accepted: {', '.join(exc.suggestions[:5])}"
    return f"unknown {what}"


class _RowReader:
    """Collects every error in a row rather than stopping at the first."""

    __slots__ = ("errors", "raw", "values")

    def __init__(self, raw: RawRow) -> None:
        self.raw = raw
        self.values = raw.values
        self.errors: list[RowError] = list(raw.issues)

    def value(self, field: str) -> str:
        return self.values.get(field, "")

    def error(self, field: str, value: str, message: str) -> None:
        column = self.raw.source_columns.get(field, field)
        self.errors.append(RowError(self.raw.row_number, column, shown(value), message))

    def text(self, field: str, max_chars: int, *, required: bool = False) -> str | None:
        raw = self.values.get(field)
        cleaned = clean_text(raw) if raw else ""
        if not cleaned:
            if required:
                self.error(field, raw or "", "required; the cell is empty")
            return None
        if len(cleaned) > max_chars:
            self.error(field, raw or "", f"{len(cleaned):,} characters; at most {max_chars:,}")
            return None
        return cleaned

    def number(
        self, field: str, parse: Callable[[str], T], memo: dict[str, T | _Invalid]
    ) -> T | None:
        raw = self.values.get(field)
        if not raw:
            return None
        # Numbers repeat ("1", "2", "35%") as much as countries do; parse each spelling once.
        result = memo.get(raw)
        if result is None:
            cleaned = raw.strip()
            if not cleaned or cleaned.casefold() in _NOT_KNOWN:
                return None
            try:
                result = parse(cleaned)
            except _Invalid as exc:
                result = exc.with_traceback(None)  # stored, never re-raised
            if len(memo) >= _Memo.MAX_ENTRIES:
                memo.clear()
            memo[raw] = result
        if isinstance(result, _Invalid):
            self.error(field, raw, str(result))
            return None
        return result


# Free-text fields and the longest value each may hold.
_TEXT_FIELDS: Final = (
    ("external_ref", MAX_REF_CHARS),
    ("registration_number", MAX_REF_CHARS),
    ("region", MAX_PLACE_CHARS),
    ("city", MAX_PLACE_CHARS),
    ("address", MAX_ADDRESS_CHARS),
    ("parent_ref", MAX_REF_CHARS),
)


def parse_supplier_row(raw: RawRow, data: RiskData) -> SupplierRow | list[RowError]:
    row = _RowReader(raw)
    memo = _memo_for(data)
    name = row.text("name", MAX_NAME_CHARS, required=True)
    country = _country(row, memo)
    sector, sector_confidence = _sector(row, memo)
    products = _products(row, memo, country)
    agencies_text = row.value("recruitment_agencies")
    agencies = split_list(agencies_text, _AGENCY_SPLIT)
    if len(agencies) > MAX_AGENCIES:
        row.error(
            "recruitment_agencies",
            agencies_text,
            f"{len(agencies)} agencies; at most {MAX_AGENCIES}",
        )
    texts = {field: row.text(field, limit) for field, limit in _TEXT_FIELDS}
    tier = row.number("tier", parse_tier, memo.tiers)
    worker_count = row.number("worker_count", parse_worker_count, memo.worker_counts)
    migrant_share = row.number("migrant_share", parse_migrant_share, memo.shares)
    if row.errors:
        return row.errors
    return SupplierRow(
        row_number=raw.row_number,
        name=name or "",
        country=country or "",
        sector=sector,
        sector_confidence=sector_confidence,
        products=products,
        tier=tier,
        worker_count=worker_count,
        migrant_share=migrant_share,
        recruitment_agencies=tuple(agencies),
        **texts,
    )


def _country(row: _RowReader, memo: _Memo) -> str | None:
    raw = row.value("country")
    value = clean_text(raw)
    if not value:
        row.error("country", raw, "required: an ISO 3166-1 code (FR, FRA) or an English name")
        return None
    found = memo.country(value)
    if isinstance(found, UnknownValueError):
        row.error(
            "country",
            raw,
            _closest(found, "country") + " (ISO 3166-1 alpha-2 or alpha-3 code, or English name)",
        )
        return None
    return found


def _sector(row: _RowReader, memo: _Memo) -> tuple[str | None, float | None]:
    raw = row.value("sector")
    value = clean_text(raw)
    if not value:
        return None, None
    found = memo.sector(value)
    if isinstance(found, UnknownValueError):
        accepted = ", ".join(sorted(memo.data.sectors)[:30])
        row.error("sector", raw, _closest(found, "sector") + f"; sectors: {accepted}")
        return None, None
    return found


def _products(row: _RowReader, memo: _Memo, country: str | None) -> tuple[ProductEntry, ...]:
    raw = row.value("products")
    if not raw:
        return ()
    entries: list[ProductEntry] = []
    items = split_list(raw, _PRODUCT_SPLIT)
    if len(items) > MAX_PRODUCTS:
        row.error("products", raw, f"{len(items)} products; at most {MAX_PRODUCTS}")
        return ()
    for item in items:
        if len(item) > MAX_PRODUCT_CHARS:
            row.error(
                "products",
                item,
                f"product name of {len(item)} characters; at most {MAX_PRODUCT_CHARS}",
            )
            continue
        entries.append(memo.product(item, country))
    return tuple(entries)
