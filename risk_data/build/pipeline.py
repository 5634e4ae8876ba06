"""The build: read sources, assemble rows, check them, write the files."""

from __future__ import annotations

import csv
import io
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from risk_data import _codec
from risk_data.build import context, ilab, iso, tip
from risk_data.build.indicators import INDICATORS
from risk_data.build.sectors import DEFAULT_SECTOR_FOR_ILAB, SECTOR_FOR_GOOD, SECTORS
from risk_data.build.sources import (
    ILAB_FINDINGS,
    ILAB_GOODS,
    SOURCES,
    SOURCES_BY_ID,
    TIP_2023,
    BuildError,
    SeedLibrary,
    sha256_file,
)
from risk_data.types import Citation, TipTier

# Version scheme (docs/decisions/risk-data-format.md): YEAR.N, YEAR the publication year of
# the newest source, N the release number within that year.
VERSION = "2024.1"
CREATED = "2026-11-23"
TIP_YEAR = 2023


@dataclass(frozen=True, slots=True)
class CountryRow:
    iso2: str
    iso3: str
    name: str
    tip_name: str | None = None
    tip_tier: TipTier | None = None
    tip_year: int | None = None
    cspa_listed: bool = False
    state_sponsored_trafficking: bool = False
    ilab_name: str | None = None
    ilab_advancement_level: str | None = None
    conflict_affected: bool = False
    citations: tuple[Citation, ...] = ()


@dataclass
class BuildReport:
    version: str
    out: Path
    tier_counts: dict[str, int] = field(default_factory=dict)
    countries: int = 0
    goods: int = 0
    input_goods: int = 0
    sectors: int = 0
    indicators: int = 0
    regional_risks: int = 0

    def summary(self) -> str:
        tiers = ", ".join(f"{tier} {count}" for tier, count in self.tier_counts.items())
        return (
            f"risk data {self.version} -> {self.out}\n"
            f"  countries {self.countries} (TIP: {tiers})\n"
            f"  goods {self.goods}, input goods {self.input_goods}, sectors {self.sectors}, "
            f"indicators {self.indicators}, regional risks {self.regional_risks}"
        )


def _csv_text(columns: Sequence[str], rows: Iterable[Sequence[str]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(columns)
    writer.writerows(rows)
    return buffer.getvalue()


def _yaml_text(document: Any) -> str:
    return yaml.safe_dump(document, sort_keys=False, allow_unicode=True, width=100)


def _opt(value: object) -> str:
    return "" if value is None else str(value)


def _country_rows(
    shared: Path, seeds: SeedLibrary
) -> tuple[list[CountryRow], dict[str, int], dict[str, str]]:
    tip_file = SOURCES_BY_ID[TIP_2023].file
    rows: dict[str, CountryRow] = {}
    tier_counts: dict[str, int] = {}
    for table in tip.parse_tier_tables(seeds, tip_file):
        tier_counts[table.tier] = len(table.names)
        for listed in table.names:
            code = iso.iso2_for(listed.name, context=f"{tip_file} {listed.locator}")
            if code in rows:
                raise BuildError(
                    f"{tip_file} {listed.locator}: {listed.name} ({code}) placed twice"
                )
            rows[code] = CountryRow(
                iso2=code,
                iso3=iso.iso3_for(code),
                name=iso.display_name(code),
                tip_name=listed.name,
                tip_tier=table.tier,
                tip_year=TIP_YEAR,
                citations=(Citation(TIP_2023, listed.locator),),
            )

    def flag(names: tuple[tip.ListedName, ...], attribute: str) -> None:
        for listed in names:
            code = iso.iso2_for(listed.name, context=f"{tip_file} {listed.locator}")
            if code not in rows:
                raise BuildError(
                    f"{tip_file} {listed.locator}: {listed.name} is listed but not placed in a tier"
                )
            row = rows[code]
            rows[code] = _replace(
                row,
                **{attribute: True},
                citations=(*row.citations, Citation(TIP_2023, listed.locator)),
            )

    flag(tip.parse_cspa_list(seeds, tip_file), "cspa_listed")
    flag(tip.parse_policy_or_pattern_list(seeds, tip_file), "state_sponsored_trafficking")

    ilab_names: dict[str, str] = {}
    countries_file = shared / SOURCES_BY_ID[ILAB_FINDINGS].file
    for country in ilab.parse_countries(countries_file):
        code = iso.iso2_for(country.name, context=f"{countries_file.name} {country.name}")
        ilab_names[country.name] = code
        citation = Citation(ILAB_FINDINGS, country.locator)
        row = rows.get(code) or CountryRow(code, iso.iso3_for(code), iso.display_name(code))
        rows[code] = _replace(
            row,
            ilab_name=country.name,
            ilab_advancement_level=country.advancement_level,
            citations=(*row.citations, citation),
        )

    for code, citations in context.CONFLICT_AFFECTED.items():
        if code not in rows:
            raise BuildError(f"conflict-affected {code} is in no source country list")
        for citation in citations:
            seeds.verify(citation)
        row = rows[code]
        rows[code] = _replace(row, conflict_affected=True, citations=(*row.citations, *citations))

    return [rows[code] for code in sorted(rows)], tier_counts, ilab_names


def _replace(row: CountryRow, **changes: Any) -> CountryRow:
    values = {name: getattr(row, name) for name in CountryRow.__slots__}
    values.update(changes)
    return CountryRow(**values)


def _good_rows(
    shared: Path, ilab_names: dict[str, str], sector_codes: set[str]
) -> tuple[list[list[str]], list[list[str]]]:
    goods_file = shared / SOURCES_BY_ID[ILAB_GOODS].file
    parsed = ilab.parse_goods(goods_file)

    def code_for(name: str) -> str:
        return ilab_names.get(name) or iso.iso2_for(name, context=f"{goods_file.name} {name}")

    by_key = {(row.good, code_for(row.country_name)): row for row in parsed}
    if len(by_key) != len(parsed):
        duplicates = Counter((row.good, code_for(row.country_name)) for row in parsed)
        raise BuildError(
            f"{goods_file.name}: duplicate good × country rows {[k for k, n in duplicates.items() if n > 1]}"
        )

    goods: list[list[str]] = []
    inputs: list[list[str]] = []
    for (good, code), row in sorted(
        by_key.items(), key=lambda item: (item[0][0].casefold(), item[0][1])
    ):
        sector = SECTOR_FOR_GOOD.get(good) or DEFAULT_SECTOR_FOR_ILAB.get(row.ilab_sector)
        if sector is None or sector not in sector_codes:
            raise BuildError(
                f"{goods_file.name} {row.locator}: no sector for ILAB sector {row.ilab_sector!r}"
            )
        citation = Citation(ILAB_GOODS, row.locator)
        goods.append(
            [
                good,
                code,
                row.country_name,
                row.ilab_sector,
                sector,
                _codec.format_bool(row.child_labour),
                _codec.format_bool(row.forced_labour),
                _codec.format_bool(row.forced_child_labour),
                _codec.format_bool(row.derived_labour_exploitation),
                _codec.format_citations((citation,)),
            ]
        )
        if row.derived_labour_exploitation:
            assert row.derived_country is not None
            input_name = context.INPUT_FOR_DERIVED_GOOD.get(good)
            if input_name is None:
                raise BuildError(
                    f"{goods_file.name} {row.locator}: derived good without a known input; add it to context.py"
                )
            input_code = code_for(row.derived_country)
            input_row = by_key.get((input_name, input_code))
            if input_row is None:
                raise BuildError(
                    f"{goods_file.name} {row.locator}: input {input_name!r} from {row.derived_country} is not on the list"
                )
            inputs.append(
                [
                    good,
                    code,
                    input_name,
                    input_code,
                    _codec.format_bool(input_row.child_labour or input_row.forced_child_labour),
                    _codec.format_bool(input_row.forced_labour or input_row.forced_child_labour),
                    _codec.format_citations((citation, Citation(ILAB_GOODS, input_row.locator))),
                ]
            )
    return goods, inputs


def _citations_yaml(
    citations: tuple[Citation, ...], seeds: SeedLibrary, what: str
) -> list[dict[str, str]]:
    if not citations:
        raise BuildError(f"{what} has no citation")
    return [_codec.citation_to_dict(seeds.verify(c)) for c in citations]


def build(
    shared: Path, out: Path, *, version: str = VERSION, created: str = CREATED
) -> BuildReport:
    seeds = SeedLibrary(shared)
    out.mkdir(parents=True, exist_ok=True)
    report = BuildReport(version=version, out=out)

    countries, report.tier_counts, ilab_names = _country_rows(shared, seeds)
    country_codes = {c.iso2 for c in countries}
    sector_codes = {s.code for s in SECTORS}
    goods, inputs = _good_rows(shared, ilab_names, sector_codes)
    for row in (*goods, *inputs):
        if row[1] not in country_codes:
            raise BuildError(f"good {row[0]!r}: country {row[1]} is in no country list")

    sectors_doc = [
        {
            "code": s.code,
            "name": s.name,
            "inherent_risk": s.inherent_risk,
            "rationale": s.rationale,
            "synonyms": list(s.synonyms),
            "citations": _citations_yaml(s.citations, seeds, f"sector {s.code}"),
        }
        for s in SECTORS
    ]
    indicators_doc = [
        {
            "code": i.code,
            "name": i.name,
            "description": i.description,
            "critical": i.critical,
            "synonyms": list(i.synonyms),
            "citations": _citations_yaml(i.citations, seeds, f"indicator {i.code}"),
        }
        for i in INDICATORS
    ]
    regional_doc = [
        {
            "country_iso2": r.country_iso2,
            "region": r.region,
            "sector": r.sector,
            "commodity": r.commodity,
            "risk": r.risk,
            "rationale": r.rationale,
            "citations": _citations_yaml(
                r.citations, seeds, f"regional risk {r.country_iso2} {r.region}"
            ),
        }
        for r in context.REGIONAL_RISKS
    ]
    for spec in context.REGIONAL_RISKS:
        if spec.sector not in sector_codes or spec.country_iso2 not in country_codes:
            raise BuildError(
                f"regional risk {spec.country_iso2} {spec.region}: unknown sector or country"
            )

    texts = {
        "countries": _csv_text(
            _codec.COUNTRY_COLUMNS,
            (
                [
                    c.iso2,
                    c.iso3,
                    c.name,
                    _opt(c.tip_name),
                    _opt(c.tip_tier),
                    _opt(c.tip_year),
                    _codec.format_bool(c.cspa_listed),
                    _codec.format_bool(c.state_sponsored_trafficking),
                    _opt(c.ilab_name),
                    _opt(c.ilab_advancement_level),
                    _codec.format_bool(c.conflict_affected),
                    _codec.format_citations(c.citations),
                ]
                for c in countries
            ),
        ),
        "goods": _csv_text(_codec.GOOD_COLUMNS, goods),
        "input_goods": _csv_text(_codec.INPUT_GOOD_COLUMNS, inputs),
        "sectors": _yaml_text(sectors_doc),
        "indicators": _yaml_text(indicators_doc),
        "regional_risks": _yaml_text(regional_doc),
    }
    row_counts = {
        "countries": len(countries),
        "goods": len(goods),
        "input_goods": len(inputs),
        "sectors": len(sectors_doc),
        "indicators": len(indicators_doc),
        "regional_risks": len(regional_doc),
    }
    files: dict[str, dict[str, object]] = {}
    for key, file_name in _codec.DATA_FILES.items():
        data = texts[key].encode("utf-8")
        (out / file_name).write_bytes(data)
        files[key] = {"path": file_name, "rows": row_counts[key], "sha256": _sha256(data)}

    manifest = {
        "schema": _codec.SCHEMA_VERSION,
        "version": version,
        "created": created,
        "version_scheme": "YEAR.N: YEAR is the publication year of the newest source, N the release within it",
        "sources": [
            {
                "id": s.id,
                "title": s.title,
                "publisher": s.publisher,
                "year": s.year,
                "file": s.file,
                "sha256": sha256_file(shared / s.file) if s.file else "",
                "url": s.url,
            }
            for s in SOURCES
        ],
        "files": files,
    }
    (out / _codec.MANIFEST).write_bytes(_yaml_text(manifest).encode("utf-8"))

    report.countries = len(countries)
    report.goods = len(goods)
    report.input_goods = len(inputs)
    report.sectors = len(sectors_doc)
    report.indicators = len(indicators_doc)
    report.regional_risks = len(regional_doc)
    return report


def _sha256(data: bytes) -> str:
    import hashlib

    return hashlib.sha256(data).hexdigest()
