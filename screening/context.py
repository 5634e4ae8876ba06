"""Context risk: what the supplier's country, sector and goods say before any audit (SPEC 4.1).

Context depends only on (country, sector, products, region) and one risk-data version, so it is
computed once per combination and memoised: 100k context-only suppliers share a few hundred.
"""

from __future__ import annotations

from dataclasses import dataclass
from types import MappingProxyType

from risk_data.derived import derived
from risk_data.types import Country, Good, InputGood, RegionalRisk, RiskData
from screening import policy
from screening.assessment import Factor, FlagReason
from screening.errors import UnknownReferenceError
from screening.points import tenths


@dataclass(frozen=True, slots=True, eq=False)
class ContextRisk:
    factors: tuple[Factor, ...]  # rounded to tenths
    points_tenths: int  # sum of factors, in tenths of a point
    high_risk: bool  # SPEC 4.4: a clean audit without worker evidence is unverified here
    high_risk_country: bool  # Tier 3 / special case / CSPA: needs a reliable audit (SPEC 4.6)
    forced_labour_goods: tuple[str, ...]  # products on ILAB's forced-labour list here
    country: Country
    # Flag reasons that hold whenever the supplier has no recent audit (the bulk-screening
    # case), computed once per context.
    no_audit_reasons: tuple[FlagReason, ...] = ()
    # ILAB inputs made with forced labour, as "Polysilicon (CN)" (derived goods).
    forced_labour_inputs: tuple[str, ...] = ()
    # Flag reasons no audit lifts (the UFLPA presumption region).
    standing_reasons: tuple[FlagReason, ...] = ()
    # Points of factors a clean audit cannot take off (the UFLPA presumption), in tenths.
    uncreditable_tenths: int = 0

    @property
    def points(self) -> float:
        return self.points_tenths / 10


@dataclass(frozen=True, slots=True)
class _GoodsIndex:
    goods: MappingProxyType[tuple[str, str], Good]  # (iso2, casefolded good name)
    input_goods: MappingProxyType[tuple[str, str], tuple[InputGood, ...]]


ContextKey = tuple[str, str | None, tuple[str, ...], str | None, str | None]


class _DataCache:
    """Per risk-data object: its goods index and memoised context risks."""

    def __init__(self, data: RiskData) -> None:
        goods: dict[tuple[str, str], Good] = {}
        for good in data.goods:
            goods[(good.country_iso2.upper(), good.name.casefold())] = good
        inputs: dict[tuple[str, str], list[InputGood]] = {}
        for item in data.input_goods:
            inputs.setdefault((item.country_iso2.upper(), item.good.casefold()), []).append(item)
        self.index = _GoodsIndex(
            goods=MappingProxyType(goods),
            input_goods=MappingProxyType({k: tuple(v) for k, v in inputs.items()}),
        )
        self.contexts: dict[ContextKey, ContextRisk] = {}
        self.country_parts: dict[str, tuple[Factor, ...]] = {}
        self.sector_parts: dict[str | None, tuple[Factor, ...]] = {}
        self.no_audit_reasons: dict[
            tuple[str, tuple[str, ...], tuple[str, ...]], tuple[FlagReason, ...]
        ] = {}
        # Indicator synonyms of this data version ("passport retention" -> code).
        synonyms: dict[str, str] = {}
        for indicator in data.indicators.values():
            for name in (indicator.code, indicator.name, *indicator.synonyms):
                synonyms.setdefault(normalise_code(name), indicator.code)
        self.indicator_synonyms = MappingProxyType(synonyms)


_MAX_CONTEXTS_PER_DATA = 200_000  # bounded: a pathological caller cannot grow it forever


def _cache_for(data: RiskData) -> _DataCache:
    return derived(data, _DataCache)


def normalise_code(text: str) -> str:
    return "_".join(text.strip().casefold().replace("-", " ").split())


def indicator_synonyms(data: RiskData) -> MappingProxyType[str, str]:
    return _cache_for(data).indicator_synonyms


def context_risk(
    data: RiskData,
    country: str,
    sector: str | None,
    products: tuple[str, ...],
    region: str | None = None,
    subdivision: str | None = None,
) -> ContextRisk:
    """Memoised context risk of one (country, sector, products, region, subdivision) in one
    data version."""
    cache = _cache_for(data)
    key: ContextKey = (country, sector, products, region, subdivision)
    found = cache.contexts.get(key)
    if found is None:
        found = _compute_context(data, cache, country, sector, products, region, subdivision)
        if len(cache.contexts) >= _MAX_CONTEXTS_PER_DATA:
            cache.contexts.clear()
        cache.contexts[key] = found
    return found


def _factor(
    code: str, points: float, detail: str, source: str, evidence: tuple[str, ...] = ()
) -> Factor:
    return Factor(
        code=code,
        kind="context",
        points=tenths(points) / 10,
        detail=detail,
        source=source,
        evidence=evidence,
    )


def ilab_level_points(level: str | None) -> tuple[float, str]:
    """Points for an ILAB advancement level and the key it matched ("" when unknown)."""
    if not level:
        return 0.0, ""
    text = level.casefold().replace("_", " ")
    if "complicit" in text:
        return policy.ILAB_ADVANCEMENT_POINTS["complicit in forced child labor"], "complicit"
    for key, points in policy.ILAB_ADVANCEMENT_POINTS.items():
        if text.startswith(key):
            return points, key
    return 0.0, ""


def _words(text: str) -> str:
    return " ".join(text.casefold().replace("-", " ").replace("(", " ").replace(")", " ").split())


def _region_matches(supplier_region: str, named: str) -> bool:
    """The supplier's region is one of the regions named ("Ituri, North Kivu, ..."), either way
    round ("Nord-Kivu" is not "North Kivu": the caller resolves names)."""
    wanted = _words(supplier_region)
    parts = [_words(p) for p in named.replace(" and ", ",").split(",")]
    return any(
        p and (p == wanted or p in wanted or (len(wanted) >= 4 and wanted in p)) for p in parts
    )


def _commodity_matches(products: tuple[str, ...], commodity: str) -> bool:
    terms = [_words(t) for t in commodity.split(";") if t.strip()]
    return any(term and f" {term} " in f" {_words(p)} " for p in products for term in terms)


def matching_regional_risk(
    data: RiskData, iso2: str, region: str | None, sector: str | None, products: tuple[str, ...]
) -> RegionalRisk | None:
    """The highest regional risk naming the supplier's region and its sector or a product."""
    if not region:
        return None
    hits = [
        r
        for r in data.regional_risks
        if r.country_iso2 == iso2
        and _region_matches(region, r.region)
        and (r.sector == sector or _commodity_matches(products, r.commodity))
    ]
    if not hits:
        return None
    return max(hits, key=lambda r: (policy.REGIONAL_RISK_POINTS[r.risk], r.region))


def country_factors(country: Country) -> tuple[Factor, ...]:
    factors: list[Factor] = []
    tip_source = "004_9fbd24e16dca7199.txt L886-L905 (TIP 2023 tier guide)"
    if country.tip_tier is None:
        factors.append(
            _factor(
                "country_tip_tier",
                policy.TIP_UNRANKED_POINTS,
                f"{country.name} is not ranked in the TIP Report",
                tip_source,
            )
        )
    else:
        year = f" {country.tip_year}" if country.tip_year else ""
        factors.append(
            _factor(
                "country_tip_tier",
                policy.TIP_TIER_POINTS[country.tip_tier],
                f"{country.name}: TIP{year} {country.tip_tier.replace('_', ' ')}",
                tip_source,
            )
        )
    if country.state_sponsored_trafficking:
        factors.append(
            _factor(
                "country_state_sponsored_trafficking",
                policy.STATE_SPONSORED_TRAFFICKING_POINTS,
                f"{country.name}: government 'policy or pattern' of trafficking (TIP)",
                "004_9fbd24e16dca7199.txt L842-L849",
            )
        )
    if country.cspa_listed:
        factors.append(
            _factor(
                "country_cspa_listed",
                policy.CSPA_POINTS,
                f"{country.name}: on the Child Soldiers Prevention Act list",
                "004_9fbd24e16dca7199.txt L829-L836",
            )
        )
    if country.conflict_affected:
        factors.append(
            _factor(
                "country_conflict",
                policy.CONFLICT_POINTS,
                f"{country.name}: conflict-affected",
                "003_888c0861e0b5e93a.txt L98, L344, L1094",
            )
        )
    ilab_points, ilab_key = ilab_level_points(country.ilab_advancement_level)
    if ilab_key:
        factors.append(
            _factor(
                "country_ilab_advancement",
                ilab_points,
                f"{country.name}: ILAB '{country.ilab_advancement_level}'",
                "ILAB countries.xml <Advancement_Level>",
            )
        )
    return tuple(factors)


def sector_factors(data: RiskData, sector_code: str | None) -> tuple[Factor, ...]:
    if sector_code is None:
        return ()
    sector = data.sectors.get(sector_code)
    if sector is None:
        raise UnknownReferenceError("sector", sector_code, data.sectors.keys())
    cites = "; ".join(f"{c.source} {c.locator}" for c in sector.citations) or "risk_data sectors"
    return (
        _factor(
            "sector_inherent_risk",
            policy.SECTOR_RISK_POINTS[sector.inherent_risk],
            f"sector {sector.name}: inherent risk {sector.inherent_risk}",
            cites,
        ),
    )


def _compute_context(
    data: RiskData,
    cache: _DataCache,
    iso2: str,
    sector_code: str | None,
    products: tuple[str, ...],
    region: str | None,
    subdivision: str | None = None,
) -> ContextRisk:
    country = data.countries.get(iso2)
    if country is None:
        raise UnknownReferenceError("country", iso2, data.countries.keys())
    # Country and sector parts are shared by many contexts: computed once each.
    country_part = cache.country_parts.get(iso2)
    if country_part is None:
        country_part = cache.country_parts[iso2] = country_factors(country)
    sector_part = cache.sector_parts.get(sector_code)
    if sector_part is None:
        sector_part = cache.sector_parts[sector_code] = sector_factors(data, sector_code)
    factors: list[Factor] = [*country_part, *sector_part]
    index = cache.index

    forced = sorted(
        {
            index.goods[(iso2, p.casefold())].name
            for p in products
            if (iso2, p.casefold()) in index.goods
            and (
                index.goods[(iso2, p.casefold())].forced_labour
                or index.goods[(iso2, p.casefold())].forced_child_labour
            )
        }
    )
    child = sorted(
        {
            index.goods[(iso2, p.casefold())].name
            for p in products
            if (iso2, p.casefold()) in index.goods
            and index.goods[(iso2, p.casefold())].child_labour
        }
        - set(forced)
    )
    if forced:
        factors.append(
            _factor(
                "goods_forced_labour",
                policy.GOOD_FORCED_LABOUR_POINTS,
                f"{', '.join(forced)} from {country.name} on ILAB's forced-labour list",
                "ILAB List of Goods (goods.xml <Forced_Labor>); SPEC 4.1",
                tuple(f"ilab_good:{iso2}:{name}" for name in forced),
            )
        )
    elif child:
        factors.append(
            _factor(
                "goods_child_labour",
                policy.GOOD_CHILD_LABOUR_POINTS,
                f"{', '.join(child)} from {country.name} on ILAB's child-labour list",
                "ILAB List of Goods (goods.xml <Child_Labor>)",
                tuple(f"ilab_good:{iso2}:{name}" for name in child),
            )
        )

    inputs = [item for p in products for item in index.input_goods.get((iso2, p.casefold()), ())]
    forced_inputs = sorted(
        {f"{i.input_good} ({i.input_country_iso2})" for i in inputs if i.forced_labour}
    )
    child_inputs = sorted(
        {
            f"{i.input_good} ({i.input_country_iso2})"
            for i in inputs
            if i.child_labour and not i.forced_labour
        }
    )
    if forced_inputs:
        factors.append(
            _factor(
                "input_goods_forced_labour",
                policy.INPUT_GOOD_FORCED_LABOUR_POINTS,
                f"made with inputs on ILAB's forced-labour list: {', '.join(forced_inputs)}",
                "ILAB goods.xml <Derived_Labor_Exploitation>",
                tuple(f"ilab_input:{x}" for x in forced_inputs),
            )
        )
    elif child_inputs:
        factors.append(
            _factor(
                "input_goods_child_labour",
                policy.INPUT_GOOD_CHILD_LABOUR_POINTS,
                f"made with inputs on ILAB's child-labour list: {', '.join(child_inputs)}",
                "ILAB goods.xml <Derived_Labor_Exploitation>",
                tuple(f"ilab_input:{x}" for x in child_inputs),
            )
        )

    regional = matching_regional_risk(data, iso2, region, sector_code, products)
    if regional is not None:
        factors.append(
            _factor(
                "region_commodity",
                policy.REGIONAL_RISK_POINTS[regional.risk],
                f"{region} ({regional.commodity or regional.sector}): {regional.rationale}",
                "; ".join(f"{c.source} {c.locator}" for c in regional.citations),
            )
        )

    from screening.flags import (  # flags imports this module
        reasons_without_recent_audit,
        uflpa_region_reason,
    )

    standing: tuple[FlagReason, ...] = ()
    uncreditable = 0
    if subdivision in policy.UFLPA_PRESUMPTION_SUBDIVISIONS:
        named = f"{region or subdivision}"
        presumption = _factor(
            "uflpa_presumption_region",
            policy.UFLPA_PRESUMPTION_POINTS,
            f"{named} ({subdivision}): UFLPA presumes goods made there wholly or in part are "
            f"made with forced labour",
            "Uyghur Forced Labor Prevention Act, Pub. L. 117-78 §3(a) (https://www.dhs.gov/uflpa)",
            (f"subdivision:{subdivision}",),
        )
        factors.append(presumption)
        uncreditable = tenths(presumption.points)
        standing = (uflpa_region_reason(subdivision, named),)

    total = sum(tenths(f.points) for f in factors)
    high_risk_country = country.tip_tier in policy.HIGH_RISK_TIERS or country.cspa_listed
    high_risk = (
        high_risk_country
        or country.state_sponsored_trafficking
        or bool(forced)
        or bool(standing)
        or total / 10 >= policy.HIGH_RISK_CONTEXT_POINTS
    )
    reasons_key = (iso2, tuple(forced), tuple(forced_inputs))
    reasons = cache.no_audit_reasons.get(reasons_key)
    if reasons is None:
        reasons = reasons_without_recent_audit(
            country, tuple(forced), high_risk_country, tuple(forced_inputs)
        )
        cache.no_audit_reasons[reasons_key] = reasons

    return ContextRisk(
        factors=tuple(factors),
        points_tenths=total,
        high_risk=high_risk,
        high_risk_country=high_risk_country,
        forced_labour_goods=tuple(forced),
        country=country,
        no_audit_reasons=reasons,
        forced_labour_inputs=tuple(forced_inputs),
        standing_reasons=standing,
        uncreditable_tenths=uncreditable,
    )
