"""Load and validate a risk-data version.

    data = load_risk_data()              # the newest bundled version
    data = load_risk_data(Path("..."))   # a version folder elsewhere (e.g. a new release)

Every file is checked against the manifest's checksum and every row is validated; a bad
file raises ``RiskDataError`` naming the file and row rather than loading partial data.
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
from collections.abc import Iterator, Mapping
from functools import lru_cache
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path
from types import MappingProxyType
from typing import Any, TypeVar, cast, get_args

import pycountry
import yaml

from risk_data import _codec
from risk_data.errors import RiskDataError
from risk_data.types import (
    Citation,
    Country,
    Good,
    Indicator,
    InputGood,
    RegionalRisk,
    RiskData,
    RiskLevel,
    Sector,
    Source,
    TipTier,
)

ILO_INDICATOR_CODES: tuple[str, ...] = (
    "abuse_of_vulnerability",
    "deception",
    "restriction_of_movement",
    "isolation",
    "physical_sexual_violence",
    "intimidation_threats",
    "retention_of_identity_documents",
    "withholding_of_wages",
    "debt_bondage",
    "abusive_conditions",
    "excessive_overtime",
)
# ISO 3166-1 has no code for Kosovo; XK is the user-assigned code in general use.
EXTRA_ISO2 = frozenset({"XK"})
_TIERS = frozenset(get_args(TipTier))
_RISK_LEVELS = frozenset(get_args(RiskLevel))
_VERSION = re.compile(r"^\d{4}\.\d+$")
_SHA256 = re.compile(r"^[0-9a-f]{64}$")

T = TypeVar("T")


def _data_root() -> Traversable:
    return resources.files("risk_data") / "data"


def _version_key(version: str) -> tuple[int, int]:
    year, _, release = version.partition(".")
    return int(year), int(release)


def bundled_versions() -> list[str]:
    """Versions shipped with the package, oldest first."""
    root = _data_root()
    versions = [
        entry.name
        for entry in root.iterdir()
        if entry.is_dir() and _VERSION.match(entry.name) and (entry / _codec.MANIFEST).is_file()
    ]
    return sorted(versions, key=_version_key)


def load_risk_data(path: Path | None = None, *, sources_root: Path | None = None) -> RiskData:
    """Load one version folder (default: the newest bundled version), validated and cached.

    With ``sources_root`` (the folder holding ``seeds/`` and ``data/ilab/``), the sha256 of
    every source file is also checked against the manifest, proving the data was built from
    exactly those sources.
    """
    return _load_cached(
        None if path is None else path.resolve(),
        None if sources_root is None else sources_root.resolve(),
    )


@lru_cache(maxsize=8)
def _load_cached(path: Path | None, sources_root: Path | None) -> RiskData:
    if path is None:
        versions = bundled_versions()
        if not versions:
            raise RiskDataError(
                "no risk-data version is bundled with the package", file=str(_data_root())
            )
        folder: Traversable = _data_root() / versions[-1]
    else:
        folder = path
    data = _load(folder)
    if sources_root is not None:
        verify_sources(data, sources_root)
    return data


def verify_sources(data: RiskData, sources_root: Path) -> None:
    """Raise ``RiskDataError`` when a source file differs from the one the data was built from."""
    for source in data.sources:
        if not source.file:
            continue
        file = sources_root / source.file
        if not file.is_file():
            raise RiskDataError(f"source {source.id} not found at {file}", file=_codec.MANIFEST)
        actual = hashlib.sha256(file.read_bytes()).hexdigest()
        if actual != source.sha256:
            raise RiskDataError(
                f"source {source.id} ({source.file}) has sha256 {actual}, manifest records {source.sha256}",
                file=_codec.MANIFEST,
            )


def _load(folder: Traversable) -> RiskData:
    manifest_file = folder / _codec.MANIFEST
    if not manifest_file.is_file():
        raise RiskDataError("manifest missing", file=str(manifest_file))
    manifest = _yaml_mapping(manifest_file.read_text(encoding="utf-8"), _codec.MANIFEST)
    version = _require_str(manifest, "version", _codec.MANIFEST)
    if not _VERSION.match(version):
        raise RiskDataError(f"version {version!r} is not YEAR.N", file=_codec.MANIFEST)
    sources = _sources(manifest)
    source_ids = {s.id for s in sources}
    texts = _data_files(folder, manifest)

    countries = _countries(texts["countries"], source_ids)
    sectors = _sectors(texts["sectors"], source_ids)
    indicators = _indicators(texts["indicators"], source_ids)
    goods = _goods(texts["goods"], source_ids, countries, sectors)
    input_goods = _input_goods(texts["input_goods"], source_ids, countries)
    regional = _regional_risks(texts["regional_risks"], source_ids, countries, sectors)

    goods_by_country: dict[str, list[Good]] = {}
    for good in goods:
        goods_by_country.setdefault(good.country_iso2, []).append(good)
    return RiskData(
        version=version,
        sources=sources,
        countries=MappingProxyType(countries),
        sectors=MappingProxyType(sectors),
        goods=goods,
        input_goods=input_goods,
        indicators=MappingProxyType(indicators),
        goods_by_country=MappingProxyType({k: tuple(v) for k, v in goods_by_country.items()}),
        regional_risks=regional,
        created=str(manifest.get("created", "")),
    )


# --- manifest and files ------------------------------------------------------------------


def _yaml_mapping(text: str, file: str) -> dict[str, Any]:
    try:
        document = yaml.safe_load(text)
    except yaml.YAMLError as error:
        raise RiskDataError(f"not valid YAML: {error}", file=file) from None
    if not isinstance(document, dict):
        raise RiskDataError("expected a mapping at the top level", file=file)
    return cast(dict[str, Any], document)


def _yaml_list(text: str, file: str) -> list[dict[str, Any]]:
    try:
        document = yaml.safe_load(text)
    except yaml.YAMLError as error:
        raise RiskDataError(f"not valid YAML: {error}", file=file) from None
    if not isinstance(document, list) or not all(isinstance(item, dict) for item in document):
        raise RiskDataError("expected a list of mappings", file=file)
    return cast(list[dict[str, Any]], document)


def _require_str(mapping: Mapping[str, Any], key: str, file: str, row: int | None = None) -> str:
    value = mapping.get(key)
    if not isinstance(value, str) or not value.strip():
        raise RiskDataError(f"{key!r} missing or empty", file=file, row=row)
    return value


def _sources(manifest: Mapping[str, Any]) -> tuple[Source, ...]:
    entries = manifest.get("sources")
    if not isinstance(entries, list) or not entries:
        raise RiskDataError("no sources listed", file=_codec.MANIFEST)
    sources: list[Source] = []
    for number, entry in enumerate(entries, start=1):
        if not isinstance(entry, dict):
            raise RiskDataError("source entry is not a mapping", file=_codec.MANIFEST, row=number)
        file = str(entry.get("file") or "")
        sha256 = str(entry.get("sha256") or "")
        url = str(entry.get("url") or "")
        if file and not _SHA256.match(sha256):
            raise RiskDataError(
                f"source {entry.get('id')!r} has a file but no valid sha256",
                file=_codec.MANIFEST,
                row=number,
            )
        if not file and not url:
            raise RiskDataError(
                f"source {entry.get('id')!r} has neither a file nor a url",
                file=_codec.MANIFEST,
                row=number,
            )
        year = entry.get("year")
        if not isinstance(year, int):
            raise RiskDataError("source year is not an integer", file=_codec.MANIFEST, row=number)
        sources.append(
            Source(
                id=_require_str(entry, "id", _codec.MANIFEST, number),
                title=_require_str(entry, "title", _codec.MANIFEST, number),
                publisher=_require_str(entry, "publisher", _codec.MANIFEST, number),
                year=year,
                file=file,
                sha256=sha256,
                url=url,
            )
        )
    ids = [s.id for s in sources]
    if len(set(ids)) != len(ids):
        raise RiskDataError("duplicate source ids", file=_codec.MANIFEST)
    return tuple(sources)


def _data_files(folder: Traversable, manifest: Mapping[str, Any]) -> dict[str, str]:
    files = manifest.get("files")
    if not isinstance(files, dict):
        raise RiskDataError("'files' missing", file=_codec.MANIFEST)
    texts: dict[str, str] = {}
    for key, default_name in _codec.DATA_FILES.items():
        entry = files.get(key)
        if not isinstance(entry, dict):
            raise RiskDataError(f"file entry {key!r} missing", file=_codec.MANIFEST)
        name = str(entry.get("path") or default_name)
        target = folder / name
        if not target.is_file():
            raise RiskDataError("file listed in the manifest is missing", file=name)
        raw = target.read_bytes()
        expected = entry.get("sha256")
        if expected and hashlib.sha256(raw).hexdigest() != expected:
            raise RiskDataError(
                "content differs from the checksum in manifest.yaml; rebuild with python -m risk_data.build",
                file=name,
            )
        texts[key] = raw.decode("utf-8")
    return texts


def _csv_rows(
    text: str, file: str, columns: tuple[str, ...]
) -> Iterator[tuple[int, dict[str, str]]]:
    reader = csv.DictReader(io.StringIO(text))
    if tuple(reader.fieldnames or ()) != columns:
        raise RiskDataError(
            f"header is {reader.fieldnames}, expected {list(columns)}", file=file, row=1
        )
    for row in reader:
        yield reader.line_num, row


def _citations(cell: str, source_ids: set[str], file: str, row: int) -> tuple[Citation, ...]:
    if not cell.strip():
        raise RiskDataError("no citation", file=file, row=row)
    try:
        citations = _codec.parse_citations(cell)
    except ValueError as error:
        raise RiskDataError(str(error), file=file, row=row) from None
    _check_sources(citations, source_ids, file, row)
    return citations


def _yaml_citations(
    value: object, source_ids: set[str], file: str, row: int
) -> tuple[Citation, ...]:
    if not isinstance(value, list) or not value:
        raise RiskDataError("no citation", file=file, row=row)
    citations: list[Citation] = []
    for item in value:
        if not isinstance(item, dict):
            raise RiskDataError("citation is not a mapping", file=file, row=row)
        citations.append(
            Citation(
                source=_require_str(item, "source", file, row),
                locator=_require_str(item, "locator", file, row),
                quote=str(item.get("quote") or ""),
            )
        )
    _check_sources(tuple(citations), source_ids, file, row)
    return tuple(citations)


def _check_sources(
    citations: tuple[Citation, ...], source_ids: set[str], file: str, row: int
) -> None:
    for citation in citations:
        if citation.source not in source_ids:
            raise RiskDataError(
                f"citation names unknown source {citation.source!r}", file=file, row=row
            )


def _bool(row: Mapping[str, str], key: str, file: str, line: int) -> bool:
    try:
        return _codec.parse_bool(row[key])
    except ValueError as error:
        raise RiskDataError(f"{key}: {error}", file=file, row=line) from None


def _checked(value: str, allowed: frozenset[str], what: str, file: str, row: int) -> str:
    if value not in allowed:
        raise RiskDataError(f"{what} {value!r} is not one of {sorted(allowed)}", file=file, row=row)
    return value


def _valid_iso2(code: str) -> bool:
    return code in EXTRA_ISO2 or pycountry.countries.get(alpha_2=code) is not None


# --- tables -------------------------------------------------------------------------------


def _countries(text: str, source_ids: set[str]) -> dict[str, Country]:
    file = _codec.DATA_FILES["countries"]
    countries: dict[str, Country] = {}
    for line, row in _csv_rows(text, file, _codec.COUNTRY_COLUMNS):
        iso2 = row["iso2"]
        if not _valid_iso2(iso2):
            raise RiskDataError(f"{iso2!r} is not an ISO 3166-1 alpha-2 code", file=file, row=line)
        if iso2 in countries:
            raise RiskDataError(f"duplicate country {iso2}", file=file, row=line)
        tier = row["tip_tier"] or None
        if tier is not None:
            _checked(tier, _TIERS, "tip_tier", file, line)
        countries[iso2] = Country(
            iso2=iso2,
            name=row["name"] or iso2,
            tip_name=row["tip_name"] or None,
            tip_tier=cast(TipTier | None, tier),
            tip_year=int(row["tip_year"]) if row["tip_year"] else None,
            cspa_listed=_bool(row, "cspa_listed", file, line),
            state_sponsored_trafficking=_bool(row, "state_sponsored_trafficking", file, line),
            ilab_advancement_level=row["ilab_advancement_level"] or None,
            conflict_affected=_bool(row, "conflict_affected", file, line),
            citations=_citations(row["citations"], source_ids, file, line),
            iso3=row["iso3"],
            ilab_name=row["ilab_name"] or None,
        )
    return countries


def _sectors(text: str, source_ids: set[str]) -> dict[str, Sector]:
    file = _codec.DATA_FILES["sectors"]
    sectors: dict[str, Sector] = {}
    for number, entry in enumerate(_yaml_list(text, file), start=1):
        code = _require_str(entry, "code", file, number)
        if code in sectors:
            raise RiskDataError(f"duplicate sector {code}", file=file, row=number)
        sectors[code] = Sector(
            code=code,
            name=_require_str(entry, "name", file, number),
            inherent_risk=cast(
                RiskLevel,
                _checked(
                    _require_str(entry, "inherent_risk", file, number),
                    _RISK_LEVELS,
                    "inherent_risk",
                    file,
                    number,
                ),
            ),
            rationale=_require_str(entry, "rationale", file, number),
            citations=_yaml_citations(entry.get("citations"), source_ids, file, number),
            synonyms=_str_tuple(entry.get("synonyms"), file, number),
        )
    return sectors


def _indicators(text: str, source_ids: set[str]) -> dict[str, Indicator]:
    file = _codec.DATA_FILES["indicators"]
    indicators: dict[str, Indicator] = {}
    for number, entry in enumerate(_yaml_list(text, file), start=1):
        code = _require_str(entry, "code", file, number)
        if code not in ILO_INDICATOR_CODES:
            raise RiskDataError(
                f"{code!r} is not one of the 11 ILO indicator codes", file=file, row=number
            )
        critical = entry.get("critical")
        if not isinstance(critical, bool):
            raise RiskDataError("'critical' must be true or false", file=file, row=number)
        indicators[code] = Indicator(
            code=code,
            name=_require_str(entry, "name", file, number),
            description=_require_str(entry, "description", file, number),
            critical=critical,
            synonyms=_str_tuple(entry.get("synonyms"), file, number),
            citations=_yaml_citations(entry.get("citations"), source_ids, file, number),
        )
    missing = [code for code in ILO_INDICATOR_CODES if code not in indicators]
    if missing:
        raise RiskDataError(f"indicators missing: {missing}", file=file)
    return {code: indicators[code] for code in ILO_INDICATOR_CODES}


def _goods(
    text: str, source_ids: set[str], countries: Mapping[str, Country], sectors: Mapping[str, Sector]
) -> tuple[Good, ...]:
    file = _codec.DATA_FILES["goods"]
    goods: list[Good] = []
    for line, row in _csv_rows(text, file, _codec.GOOD_COLUMNS):
        _known(row["country_iso2"], countries, "country", file, line)
        _known(row["sector"], sectors, "sector", file, line)
        goods.append(
            Good(
                name=_nonempty(row, "good", file, line),
                country_iso2=row["country_iso2"],
                sector=row["sector"],
                child_labour=_bool(row, "child_labour", file, line),
                forced_labour=_bool(row, "forced_labour", file, line),
                forced_child_labour=_bool(row, "forced_child_labour", file, line),
                citations=_citations(row["citations"], source_ids, file, line),
                ilab_sector=row["ilab_sector"],
                derived_labour_exploitation=_bool(row, "derived_labour_exploitation", file, line),
            )
        )
    return tuple(goods)


def _input_goods(
    text: str, source_ids: set[str], countries: Mapping[str, Country]
) -> tuple[InputGood, ...]:
    file = _codec.DATA_FILES["input_goods"]
    rows: list[InputGood] = []
    for line, row in _csv_rows(text, file, _codec.INPUT_GOOD_COLUMNS):
        _known(row["country_iso2"], countries, "country", file, line)
        _known(row["input_country_iso2"], countries, "input country", file, line)
        rows.append(
            InputGood(
                good=_nonempty(row, "good", file, line),
                country_iso2=row["country_iso2"],
                input_good=_nonempty(row, "input_good", file, line),
                input_country_iso2=row["input_country_iso2"],
                child_labour=_bool(row, "child_labour", file, line),
                forced_labour=_bool(row, "forced_labour", file, line),
                citations=_citations(row["citations"], source_ids, file, line),
            )
        )
    return tuple(rows)


def _regional_risks(
    text: str, source_ids: set[str], countries: Mapping[str, Country], sectors: Mapping[str, Sector]
) -> tuple[RegionalRisk, ...]:
    file = _codec.DATA_FILES["regional_risks"]
    risks: list[RegionalRisk] = []
    for number, entry in enumerate(_yaml_list(text, file), start=1):
        iso2 = _require_str(entry, "country_iso2", file, number)
        sector = _require_str(entry, "sector", file, number)
        _known(iso2, countries, "country", file, number)
        _known(sector, sectors, "sector", file, number)
        risks.append(
            RegionalRisk(
                country_iso2=iso2,
                region=_require_str(entry, "region", file, number),
                sector=sector,
                commodity=_require_str(entry, "commodity", file, number),
                risk=cast(
                    RiskLevel,
                    _checked(
                        _require_str(entry, "risk", file, number),
                        _RISK_LEVELS,
                        "risk",
                        file,
                        number,
                    ),
                ),
                rationale=_require_str(entry, "rationale", file, number),
                citations=_yaml_citations(entry.get("citations"), source_ids, file, number),
            )
        )
    return tuple(risks)


def _known(key: str, table: Mapping[str, T], what: str, file: str, row: int) -> None:
    if key not in table:
        raise RiskDataError(f"{what} {key!r} is not defined", file=file, row=row)


def _nonempty(row: Mapping[str, str], key: str, file: str, line: int) -> str:
    value = row[key].strip()
    if not value:
        raise RiskDataError(f"{key} is empty", file=file, row=line)
    return value


def _str_tuple(value: object, file: str, row: int) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise RiskDataError("synonyms must be a list of strings", file=file, row=row)
    return tuple(value)
