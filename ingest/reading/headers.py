"""Turning the header row the user wrote into canonical fields."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from ingest.reading.errors import (
    DUPLICATE_COLUMNS,
    INVALID_COLUMN_MAP,
    MISSING_COLUMNS,
    UploadRejected,
)
from ingest.reading.fields import FieldSpec, fold_header

# How many header names a rejection message quotes before it says "and N more": a 1,000-column
# file must not produce a 1,000-name error.
_MAX_LISTED = 40
_MAX_SYNONYMS_LISTED = 12


@dataclass(frozen=True, slots=True)
class HeaderMapping:
    """``positions`` is (cell index, canonical field); ``columns`` maps each mapped source header
    to its field; ``ignored`` are the source headers of unmapped, non-empty columns."""

    positions: tuple[tuple[int, str], ...]
    columns: Mapping[str, str]
    ignored: tuple[str, ...]
    unused_column_map: tuple[str, ...]

    @property
    def source_of(self) -> dict[str, str]:
        return {field: header for header, field in self.columns.items()}


def column_label(index: int) -> str:
    """Spreadsheet letters for a 0-based column index: 0 → A, 27 → AB."""
    label = ""
    n = index + 1
    while n:
        n, rem = divmod(n - 1, 26)
        label = chr(ord("A") + rem) + label
    return label


def _listed(items: Sequence[str]) -> str:
    shown = ", ".join(repr(i) for i in items[:_MAX_LISTED])
    more = len(items) - _MAX_LISTED
    return f"{shown} and {more} more" if more > 0 else shown


def shown_header(header: str, index: int) -> str:
    return header.strip() or f"(column {column_label(index)}, no header)"


def header_targets(
    headers: Sequence[str], spec: FieldSpec, overrides: Mapping[str, str]
) -> list[tuple[int, str, str | None]]:
    """Each header's (index, header as shown, field or None): the folded ``overrides`` first
    (``""`` ignores the column), then the spec's synonyms. Clashes are left to the caller."""
    out: list[tuple[int, str, str | None]] = []
    for index, header in enumerate(headers):
        folded = fold_header(header)
        if folded in overrides:
            target: str | None = overrides[folded] or None
        else:
            target = spec.match(header) if folded else None
        out.append((index, shown_header(header, index), target))
    return out


def map_headers(
    headers: Sequence[str], spec: FieldSpec, column_map: Mapping[str, str] | None = None
) -> HeaderMapping:
    """Match each header to a field: first the caller's ``column_map`` (folded on both sides; a
    value of ``""`` means "ignore this column"), then the spec's synonyms.

    Raises ``UploadRejected`` for an invalid map, two columns meaning one field, or a missing
    required field.
    """
    overrides: dict[str, str] = {}
    if column_map:
        unknown = sorted({v for v in column_map.values() if v and v not in spec.names})
        if unknown:
            raise UploadRejected(
                INVALID_COLUMN_MAP,
                f"column_map names unknown fields {_listed(unknown)}; "
                f"the fields are {', '.join(spec.names)}",
            )
        overrides = {fold_header(src): dst for src, dst in column_map.items()}

    used_overrides = {fold_header(h) for h in headers} & overrides.keys()
    positions: list[tuple[int, str]] = []
    columns: dict[str, str] = {}
    ignored: list[str] = []
    claimed: dict[str, list[str]] = {}
    for index, shown, target in header_targets(headers, spec, overrides):
        if target is None:
            if fold_header(headers[index]):
                ignored.append(shown)
            continue
        claimed.setdefault(target, []).append(shown)
        positions.append((index, target))
        columns[shown] = target

    clashes = {f: hs for f, hs in claimed.items() if len(hs) > 1}
    if clashes:
        described = "; ".join(f"{f}: {_listed(hs)}" for f, hs in sorted(clashes.items()))
        raise UploadRejected(
            DUPLICATE_COLUMNS,
            f"more than one column means the same field ({described}). Remove or rename one, "
            'or pass a column_map that maps the unwanted one to "".',
        )

    missing = [f for f in spec.required if f not in claimed]
    if missing:
        accepted = "; ".join(
            f"{f}: {', '.join(repr(s) for s in spec.get(f).synonyms[:_MAX_SYNONYMS_LISTED])} …"
            for f in missing
        )
        found = [h.strip() for h in headers if h.strip()]
        raise UploadRejected(
            MISSING_COLUMNS,
            f"required column(s) {', '.join(missing)} not found. Headers found: "
            f"{_listed(found) or '(none)'}. Accepted headers include {accepted} "
            "(case, accents, spaces and punctuation are ignored); or pass a column_map.",
        )

    unused = tuple(src for src in (column_map or {}) if fold_header(src) not in used_overrides)
    return HeaderMapping(
        positions=tuple(positions),
        columns=columns,
        ignored=tuple(ignored),
        unused_column_map=unused,
    )


def header_score(
    headers: Sequence[str], spec: FieldSpec, column_map: Mapping[str, str] | None
) -> int:
    """How many distinct fields a candidate header row names; used to find the header row below
    title lines ("Supplier list, Q3 2024")."""
    overrides = {fold_header(k) for k in (column_map or {})}
    found = {spec.match(h) for h in headers if h.strip()}
    found.discard(None)
    return len(found) + sum(1 for h in headers if fold_header(h) in overrides)
