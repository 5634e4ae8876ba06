"""How values are written in the data files, shared by the build and the loader so the two
cannot drift apart."""

from __future__ import annotations

from risk_data.types import Citation

CITATION_SEPARATOR = " | "
LOCATOR_SEPARATOR = "@"
TRUE = "true"
FALSE = "false"

DATA_FILES: dict[str, str] = {
    "countries": "countries.csv",
    "goods": "goods.csv",
    "input_goods": "input_goods.csv",
    "sectors": "sectors.yaml",
    "indicators": "indicators.yaml",
    "regional_risks": "regional_risks.yaml",
}
MANIFEST = "manifest.yaml"
SCHEMA_VERSION = 1

COUNTRY_COLUMNS = (
    "iso2",
    "iso3",
    "name",
    "tip_name",
    "tip_tier",
    "tip_year",
    "cspa_listed",
    "state_sponsored_trafficking",
    "ilab_name",
    "ilab_advancement_level",
    "conflict_affected",
    "citations",
)
GOOD_COLUMNS = (
    "good",
    "country_iso2",
    "ilab_country_name",
    "ilab_sector",
    "sector",
    "child_labour",
    "forced_labour",
    "forced_child_labour",
    "derived_labour_exploitation",
    "citations",
)
INPUT_GOOD_COLUMNS = (
    "good",
    "country_iso2",
    "input_good",
    "input_country_iso2",
    "child_labour",
    "forced_labour",
    "citations",
)


def format_bool(value: bool) -> str:
    return TRUE if value else FALSE


def parse_bool(value: str) -> bool:
    if value == TRUE:
        return True
    if value == FALSE:
        return False
    raise ValueError(f"expected {TRUE!r} or {FALSE!r}, got {value!r}")


def format_citations(citations: tuple[Citation, ...]) -> str:
    """Citations in a CSV cell: ``source@locator`` joined by `` | `` (quotes are kept only in
    the YAML files, where there is room to read them)."""
    return CITATION_SEPARATOR.join(f"{c.source}{LOCATOR_SEPARATOR}{c.locator}" for c in citations)


def parse_citations(cell: str) -> tuple[Citation, ...]:
    citations: list[Citation] = []
    for part in cell.split(CITATION_SEPARATOR):
        source, sep, locator = part.strip().partition(LOCATOR_SEPARATOR)
        if not sep or not source or not locator:
            raise ValueError(f"citation {part!r} is not source@locator")
        citations.append(Citation(source, locator))
    return tuple(citations)


def citation_to_dict(citation: Citation) -> dict[str, str]:
    out = {"source": citation.source, "locator": citation.locator}
    if citation.quote:
        out["quote"] = citation.quote
    return out
