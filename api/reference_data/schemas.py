"""Response bodies for the risk data; the frozen dataclasses of ``risk_data`` serialise as they are."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel

from risk_data.types import Citation, Country, Good, Indicator, InputGood, Sector, Source


class RiskDataVersionOut(BaseModel):
    version: str
    loaded_at: datetime | None
    sources: list[Source]
    counts: dict[str, int]


class CountryList(BaseModel):
    risk_data_version: str
    items: list[Country]


class CountryDetail(BaseModel):
    risk_data_version: str
    country: Country
    goods: list[Good]
    input_goods: list[InputGood]


class SectorList(BaseModel):
    risk_data_version: str
    items: list[Sector]


class GoodList(BaseModel):
    risk_data_version: str
    query: str | None
    matched_good: str | None
    match_confidence: float | None
    items: list[Good]


class IndicatorList(BaseModel):
    risk_data_version: str
    items: list[Indicator]


__all__ = ["Citation"]
