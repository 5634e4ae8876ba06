"""Versioned forced-labour risk reference data (countries, sectors, goods, ILO indicators)
with its sources, a validating loader and input lookups. Pure Python: no web framework,
no database."""

from risk_data.errors import RiskDataError, UnknownValueError
from risk_data.loader import bundled_versions, load_risk_data, verify_sources
from risk_data.lookup import (
    GoodMatch,
    IndicatorMatch,
    RiskLookup,
    SectorMatch,
    find_good,
    lookup_for,
    match_good,
    match_indicator,
    match_indicators,
    resolve_country,
    resolve_sector,
)
from risk_data.types import (
    Citation,
    Country,
    Good,
    Indicator,
    InputGood,
    RegionalRisk,
    RiskData,
    Sector,
    Source,
)

__all__ = [
    "Citation",
    "Country",
    "Good",
    "GoodMatch",
    "Indicator",
    "IndicatorMatch",
    "InputGood",
    "RegionalRisk",
    "RiskData",
    "RiskDataError",
    "RiskLookup",
    "Sector",
    "SectorMatch",
    "Source",
    "UnknownValueError",
    "bundled_versions",
    "find_good",
    "load_risk_data",
    "lookup_for",
    "match_good",
    "match_indicator",
    "match_indicators",
    "resolve_country",
    "resolve_sector",
    "verify_sources",
]
