"""Frozen, typed reference data. Every fact carries where it came from."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any, Literal

TipTier = Literal["tier_1", "tier_2", "tier_2_watch_list", "tier_3", "special_case"]
RiskLevel = Literal["low", "medium", "high", "very_high"]


@dataclass(frozen=True, slots=True)
class Citation:
    """A pointer into a source: ``source`` is a source id of the manifest, ``locator`` a line
    range (``L975-L982``) or an XML path."""

    source: str
    locator: str
    quote: str = ""


@dataclass(frozen=True, slots=True)
class Source:
    id: str
    title: str
    publisher: str
    year: int
    file: str
    sha256: str
    url: str = ""


@dataclass(frozen=True, slots=True)
class Country:
    iso2: str
    name: str
    tip_name: str | None  # the name as the TIP Report writes it, if placed there
    tip_tier: TipTier | None
    tip_year: int | None
    cspa_listed: bool = False  # Child Soldiers Prevention Act list
    state_sponsored_trafficking: bool = False  # TIP "policy or pattern" of state trafficking
    ilab_advancement_level: str | None = None
    conflict_affected: bool = False
    citations: tuple[Citation, ...] = ()
    iso3: str = ""
    ilab_name: str | None = None  # the name as ILAB writes it, if ILAB reports on it


@dataclass(frozen=True, slots=True)
class Good:
    """One row of the ILAB List of Goods: a good produced in a country with child labour,
    forced labour, or forced child labour."""

    name: str
    country_iso2: str
    sector: str  # sector code
    child_labour: bool
    forced_labour: bool
    forced_child_labour: bool
    citations: tuple[Citation, ...] = ()
    ilab_sector: str = ""  # ILAB's own sector label (Agriculture, Manufacturing, Mining, Other)
    # ILAB lists the good only because an input to it is made with child or forced labour
    # (see ``InputGood``); the three flags above are then all false.
    derived_labour_exploitation: bool = False


@dataclass(frozen=True, slots=True)
class InputGood:
    """ILAB: a good made with an input produced by forced or child labour elsewhere."""

    good: str
    country_iso2: str  # where the final good is made
    input_good: str
    input_country_iso2: str  # where the input comes from
    child_labour: bool
    forced_labour: bool
    citations: tuple[Citation, ...] = ()


@dataclass(frozen=True, slots=True)
class Sector:
    code: str
    name: str
    inherent_risk: RiskLevel
    rationale: str
    citations: tuple[Citation, ...]
    synonyms: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Indicator:
    code: str  # one of the 11 ILO codes, e.g. "retention_of_identity_documents"
    name: str
    description: str
    critical: bool
    synonyms: tuple[str, ...]
    citations: tuple[Citation, ...] = ()


@dataclass(frozen=True, slots=True)
class RegionalRisk:
    """A region × commodity (or sector) risk the sources name more narrowly than a country."""

    country_iso2: str
    region: str
    sector: str  # sector code
    commodity: str
    risk: RiskLevel
    rationale: str
    citations: tuple[Citation, ...]


def _frozen_map() -> Mapping[str, object]:
    return MappingProxyType({})


@dataclass(frozen=True)
class RiskData:
    """One loaded risk-data version."""

    version: str
    sources: tuple[Source, ...]
    countries: Mapping[str, Country]  # by ISO2
    sectors: Mapping[str, Sector]  # by code
    goods: tuple[Good, ...]
    input_goods: tuple[InputGood, ...]
    indicators: Mapping[str, Indicator]  # by code
    goods_by_country: Mapping[str, tuple[Good, ...]] = field(default_factory=_frozen_map)  # type: ignore[arg-type]
    regional_risks: tuple[RegionalRisk, ...] = ()
    created: str = ""  # ISO date the version was built
    # Indexes and memos built from this version (``risk_data.derived``), kept with it so they
    # live exactly as long as it does and can never be mistaken for another version's.
    derived: dict[object, Any] = field(default_factory=dict, compare=False, repr=False)
