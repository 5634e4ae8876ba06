"""Parse the US TIP Report 2023 country lists from the seed text.

The tier tables were laid out in five newspaper columns; the text conversion keeps one
table row per line with tab-separated cells, so a long name wraps onto the next line of
the same column ("BOSNIA" / "AND HERZEGOVINA"). The regional tables after them lost their
country names with the map images, so they cannot be used as a cross-check; instead every
tier is checked to be in alphabetical order read column by column (as the report prints
it), which catches any wrap joined to the wrong cell, and its size against the report.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from risk_data.build.sources import TIP_2023, BuildError, SeedLibrary
from risk_data.types import TipTier

SECTION_TITLE = "TIER PLACEMENTS AND REGIONAL MAPS"
TIER_HEADINGS: dict[str, TipTier] = {
    "TIER 1": "tier_1",
    "TIER 2": "tier_2",
    "TIER 2 WATCH LIST": "tier_2_watch_list",
    "TIER 3": "tier_3",
    "SPECIAL CASE": "special_case",
}
# Sizes of each placement in the 2023 report; the parse must reproduce them exactly.
EXPECTED_TIER_SIZES: dict[TipTier, int] = {
    "tier_1": 30,
    "tier_2": 105,
    "tier_2_watch_list": 26,
    "tier_3": 24,
    "special_case": 3,
}
CSPA_HEADING = "The 2023 CSPA List Includes Governments of the following countries:"
CSPA_SIZE = 17
POLICY_HEADING_START = (
    "The 2023 Trafficking in Persons Report includes the following 11 governments"
)
POLICY_SIZE = 11

# A cell that opens with one of these words cannot start a country name in these tables.
_CONTINUATION_OPENERS = ("AND ", "OF ", "REPUBLIC OF", "STATES OF", "PEOPLE'S REPUBLIC OF")
_RULE = re.compile(r"^-+$")


@dataclass(frozen=True, slots=True)
class ListedName:
    name: str
    first_line: int
    last_line: int

    @property
    def locator(self) -> str:
        if self.first_line == self.last_line:
            return f"L{self.first_line}"
        return f"L{self.first_line}-L{self.last_line}"


@dataclass(frozen=True, slots=True)
class TierTable:
    tier: TipTier
    heading_line: int
    last_line: int
    names: tuple[ListedName, ...]

    @property
    def locator(self) -> str:
        return f"L{self.heading_line}-L{self.last_line}"


def _sort_key(name: str) -> str:
    decomposed = unicodedata.normalize("NFKD", name)
    letters = "".join(ch for ch in decomposed if ch.isalpha() or ch == " ")
    return " ".join(letters.casefold().split())


def _is_continuation(cell: str, previous: str | None) -> bool:
    if previous is None:
        return False
    return previous.endswith(",") or cell.startswith(_CONTINUATION_OPENERS)


def _columns_to_names(rows: list[tuple[int, list[str]]]) -> list[ListedName]:
    width = max(len(cells) for _, cells in rows)
    names: list[ListedName] = []
    for column in range(width):
        column_names: list[ListedName] = []
        for line_no, cells in rows:
            cell = cells[column].strip() if column < len(cells) else ""
            if not cell:
                continue
            previous = column_names[-1] if column_names else None
            if previous is not None and _is_continuation(cell, previous.name):
                column_names[-1] = ListedName(
                    f"{previous.name} {cell}", previous.first_line, line_no
                )
            else:
                column_names.append(ListedName(cell, line_no, line_no))
        names.extend(column_names)
    return names


def _check_alphabetical(names: list[ListedName], what: str, file: str) -> None:
    keys = [_sort_key(n.name) for n in names]
    for before, after, listed in zip(keys, keys[1:], names[1:], strict=False):
        if after < before:
            raise BuildError(
                f"{file} {listed.locator}: {what} is out of alphabetical order at {listed.name!r}; "
                "a wrapped name was probably joined to the wrong cell"
            )


def parse_tier_tables(seeds: SeedLibrary, file: str) -> tuple[TierTable, ...]:
    lines = seeds.lines(TIP_2023)
    try:
        start = next(i for i, line in enumerate(lines) if line.strip() == SECTION_TITLE)
    except StopIteration:
        raise BuildError(f"{file}: section {SECTION_TITLE!r} not found") from None

    tables: list[TierTable] = []
    index = start + 1
    while index < len(lines) and len(tables) < len(TIER_HEADINGS):
        heading = lines[index].strip()
        if heading not in TIER_HEADINGS:
            index += 1
            continue
        tier = TIER_HEADINGS[heading]
        heading_line = index + 1
        index += 1
        while index < len(lines) and not lines[index].strip():
            index += 1
        rows: list[tuple[int, list[str]]] = []
        while index < len(lines) and lines[index].strip():
            cells = lines[index].rstrip("\n").split("\t")
            if not all(_RULE.match(c.strip()) for c in cells if c.strip()):
                rows.append((index + 1, cells))
            index += 1
        names = _columns_to_names(rows)
        _check_alphabetical(names, heading, file)
        expected = EXPECTED_TIER_SIZES[tier]
        if len(names) != expected:
            raise BuildError(
                f"{file} L{heading_line}: {heading} has {len(names)} names, expected {expected}"
            )
        tables.append(TierTable(tier, heading_line, rows[-1][0], tuple(names)))

    if [t.tier for t in tables] != list(TIER_HEADINGS.values()):
        raise BuildError(f"{file}: tier tables incomplete after L{start + 1}")
    return tuple(tables)


def _parse_list_after(
    seeds: SeedLibrary, file: str, is_heading: str, size: int
) -> tuple[ListedName, ...]:
    lines = seeds.lines(TIP_2023)
    try:
        start = next(i for i, line in enumerate(lines) if line.strip().startswith(is_heading))
    except StopIteration:
        raise BuildError(f"{file}: list heading {is_heading!r} not found") from None
    index = start + 1
    while not lines[index].strip():
        index += 1
    rows: list[tuple[int, list[str]]] = []
    while index < len(lines) and lines[index].strip():
        rows.append((index + 1, lines[index].split("\t")))
        index += 1
    names = _columns_to_names(rows)
    _check_alphabetical(names, is_heading[:40], file)
    if len(names) != size:
        raise BuildError(f"{file} L{start + 1}: list has {len(names)} names, expected {size}")
    return tuple(names)


def parse_cspa_list(seeds: SeedLibrary, file: str) -> tuple[ListedName, ...]:
    return _parse_list_after(seeds, file, CSPA_HEADING, CSPA_SIZE)


def parse_policy_or_pattern_list(seeds: SeedLibrary, file: str) -> tuple[ListedName, ...]:
    return _parse_list_after(seeds, file, POLICY_HEADING_START, POLICY_SIZE)
