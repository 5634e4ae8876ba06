"""``/v1/risk-data``: the data in force and where every fact comes from."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query

from api.auth.roles import Scope
from api.deps import Principal, SessionDep, require
from api.errors import ProblemError
from api.reference_data import service
from api.reference_data.deps import RiskDataDep
from api.reference_data.schemas import (
    CountryDetail,
    CountryList,
    GoodList,
    IndicatorList,
    RiskDataVersionOut,
    SectorList,
)
from risk_data.errors import UnknownValueError
from risk_data.lookup import find_good, resolve_country
from risk_data.types import TipTier

router = APIRouter(prefix="/v1/risk-data", tags=["risk-data"])
Reader = Annotated[Principal, Depends(require(Scope.risk_data_read))]


def unknown_value(exc: UnknownValueError, status_slug: str = "unknown-value") -> ProblemError:
    return ProblemError(
        status_slug, str(exc), field=exc.field, value=exc.value, suggestions=list(exc.suggestions)
    )


@router.get("")
def risk_data_version(data: RiskDataDep, session: SessionDep, _: Reader) -> RiskDataVersionOut:
    row = service.version_row(session, data.version)
    return RiskDataVersionOut(
        version=data.version,
        loaded_at=row.loaded_at if row else None,
        sources=list(data.sources),
        counts={
            "countries": len(data.countries),
            "sectors": len(data.sectors),
            "goods": len(data.goods),
            "input_goods": len(data.input_goods),
            "indicators": len(data.indicators),
        },
    )


@router.get("/countries")
def list_countries(
    data: RiskDataDep, _: Reader, tier: Annotated[TipTier | None, Query()] = None
) -> CountryList:
    countries = sorted(data.countries.values(), key=lambda c: c.iso2)
    if tier is not None:
        countries = [c for c in countries if c.tip_tier == tier]
    return CountryList(risk_data_version=data.version, items=countries)


@router.get("/countries/{iso2}")
def get_country(iso2: str, data: RiskDataDep, _: Reader) -> CountryDetail:
    try:
        country = resolve_country(iso2, data)
    except UnknownValueError as exc:
        raise ProblemError("not-found", str(exc), suggestions=list(exc.suggestions)) from exc
    goods = [g for g in data.goods if g.country_iso2 == country.iso2]
    inputs = [g for g in data.input_goods if country.iso2 in (g.country_iso2, g.input_country_iso2)]
    return CountryDetail(
        risk_data_version=data.version, country=country, goods=goods, input_goods=inputs
    )


@router.get("/sectors")
def list_sectors(data: RiskDataDep, _: Reader) -> SectorList:
    return SectorList(risk_data_version=data.version, items=list(data.sectors.values()))


@router.get("/goods")
def list_goods(
    data: RiskDataDep,
    _: Reader,
    country: Annotated[str | None, Query(description="ISO2, ISO3 or name")] = None,
    good: Annotated[str | None, Query(description="A product name; matched fuzzily")] = None,
    forced_labour: Annotated[bool | None, Query()] = None,
) -> GoodList:
    goods = list(data.goods)
    if country:
        try:
            iso2 = resolve_country(country, data).iso2
        except UnknownValueError as exc:
            raise unknown_value(exc) from exc
        goods = [g for g in goods if g.country_iso2 == iso2]
    match = None
    if good:
        match = find_good(good, data)
        goods = [g for g in goods if match is not None and g.name == match.name]
    if forced_labour is not None:
        goods = [g for g in goods if g.forced_labour == forced_labour]
    return GoodList(
        risk_data_version=data.version,
        query=good,
        matched_good=match.name if match else None,
        match_confidence=match.confidence if match else None,
        items=goods,
    )


@router.get("/indicators")
def list_indicators(data: RiskDataDep, _: Reader) -> IndicatorList:
    return IndicatorList(risk_data_version=data.version, items=list(data.indicators.values()))
