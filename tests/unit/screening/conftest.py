"""Hand-built risk data and builders for the scoring tests (no database, no data files)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, timedelta
from types import MappingProxyType

import pytest

from risk_data.types import (
    Citation,
    Country,
    Good,
    Indicator,
    InputGood,
    RegionalRisk,
    RiskData,
    Sector,
)
from screening.assessment import Assessment
from screening.inputs.audit import Audit, Finding
from screening.inputs.evidence import (
    DocumentCustodyRecord,
    PayrollEntry,
    RecruitmentRecord,
    TimesheetEntry,
    WorkerEvidence,
)
from screening.inputs.supplier import SupplierProfile
from screening.policy import ILO_INDICATORS
from screening.reliability import AuditReliability, DeceptionPattern
from screening.scoring import assess

AS_OF = date(2024, 6, 30)
TIP = Citation("tip_2023", "L1090-L1143")


def _country(iso2: str, name: str, tier: str | None, **flags: object) -> Country:
    return Country(
        iso2=iso2,
        name=name,
        tip_name=name,
        tip_tier=tier,  # type: ignore[arg-type]
        tip_year=2023 if tier else None,
        citations=(TIP,),
        **flags,
    )  # type: ignore[arg-type]


COUNTRIES = {
    c.iso2: c
    for c in (
        _country("US", "United States", "tier_1"),
        _country("TH", "Thailand", "tier_2", ilab_advancement_level="Moderate Advancement"),
        _country("MY", "Malaysia", "tier_2_watch_list"),
        _country("KW", "Kuwait", "tier_2_watch_list"),
        _country(
            "IQ",
            "Iraq",
            "tier_2_watch_list",
            conflict_affected=True,
            ilab_advancement_level="Minimal Advancement",
        ),
        _country(
            "LB", "Lebanon", "tier_2_watch_list", ilab_advancement_level="Minimal Advancement"
        ),
        _country(
            "EG",
            "Egypt",
            "tier_2_watch_list",
            cspa_listed=True,
            ilab_advancement_level="Moderate Advancement",
        ),
        _country(
            "TR",
            "Türkiye",
            "tier_2",
            cspa_listed=True,
            ilab_advancement_level="Moderate Advancement",
        ),
        _country("BR", "Brazil", "tier_2", ilab_advancement_level="Moderate Advancement"),
        _country("KH", "Cambodia", "tier_3", ilab_advancement_level="Moderate Advancement"),
        _country("CN", "China", "tier_3", state_sponsored_trafficking=True),
        _country(
            "CD",
            "Congo, Democratic Republic of the",
            "tier_2",
            cspa_listed=True,
            conflict_affected=True,
            ilab_advancement_level="Moderate Advancement",
        ),
        _country("LY", "Libya", "special_case", cspa_listed=True, conflict_affected=True),
        _country(
            "AF",
            "Afghanistan",
            "tier_3",
            cspa_listed=True,
            state_sponsored_trafficking=True,
            conflict_affected=True,
            ilab_advancement_level="No Advancement",
        ),
        _country(
            "VN", "Vietnam", "tier_2_watch_list", ilab_advancement_level="Moderate Advancement"
        ),
        _country("AQ", "Antarctica", None),
    )
}

SECTORS = {
    s.code: s
    for s in (
        Sector("agriculture", "Agriculture", "high", "most documented", (Citation("iom", "L724"),)),
        Sector(
            "garments_textiles",
            "Garments and textiles",
            "high",
            "sweatshops",
            (Citation("iom", "L724"),),
        ),
        Sector("electronics", "Electronics", "medium", "migrant labour", ()),
        Sector("domestic_work", "Domestic work", "very_high", "hidden", ()),
        Sector("mining_quarrying", "Mining", "very_high", "remote", ()),
        Sector("hospitality", "Restaurants and catering", "medium", "catering", ()),
        Sector("services", "Professional services", "low", "office work", ()),
    )
}

GOODS = (
    Good(
        "Cotton",
        "CN",
        "agriculture",
        child_labour=True,
        forced_labour=True,
        forced_child_labour=True,
    ),
    Good(
        "Electronics",
        "CN",
        "electronics",
        child_labour=False,
        forced_labour=True,
        forced_child_labour=False,
    ),
    Good(
        "Gold",
        "CD",
        "mining_quarrying",
        child_labour=True,
        forced_labour=True,
        forced_child_labour=False,
    ),
    Good(
        "Tantalum ore (coltan)",
        "CD",
        "mining_quarrying",
        child_labour=True,
        forced_labour=True,
        forced_child_labour=False,
    ),
    Good(
        "Coffee",
        "BR",
        "agriculture",
        child_labour=True,
        forced_labour=True,
        forced_child_labour=False,
    ),
    Good(
        "Cattle",
        "BR",
        "agriculture",
        child_labour=True,
        forced_labour=True,
        forced_child_labour=False,
    ),
    Good(
        "Bricks",
        "AF",
        "manufacturing",
        child_labour=True,
        forced_labour=True,
        forced_child_labour=True,
    ),
    Good(
        "Garments",
        "TH",
        "garments_textiles",
        child_labour=False,
        forced_labour=True,
        forced_child_labour=False,
    ),
    Good(
        "Sugarcane",
        "TH",
        "agriculture",
        child_labour=True,
        forced_labour=False,
        forced_child_labour=False,
    ),
)
INPUT_GOODS = (
    InputGood("Garments", "VN", "Cotton", "CN", child_labour=False, forced_labour=True),
    InputGood("Jewellery", "US", "Gold", "CD", child_labour=True, forced_labour=False),
)
REGIONAL_RISKS = (
    RegionalRisk(
        "CD",
        "Ituri, North Kivu, South Kivu, Tanganyika",
        "mining_quarrying",
        "gold; cassiterite; coltan",
        "very_high",
        "armed groups run artisanal mines",
        (Citation("unodc_glotip_2024_boxes", "L466-L484"),),
    ),
    RegionalRisk(
        "BR",
        "Minas Gerais",
        "agriculture",
        "coffee",
        "high",
        "unpaid coffee-farm workers",
        (Citation("us_tip_2023", "L779"),),
    ),
)
INDICATORS = {
    code: Indicator(
        code,
        code.replace("_", " "),
        code,
        critical=False,
        synonyms=("passport retention",) if code == "retention_of_identity_documents" else (),
    )
    for code in ILO_INDICATORS
}


def build_risk_data(version: str = "test-2024.1") -> RiskData:
    by_country: dict[str, list[Good]] = {}
    for good in GOODS:
        by_country.setdefault(good.country_iso2, []).append(good)
    return RiskData(
        version=version,
        sources=(),
        countries=MappingProxyType(COUNTRIES),
        sectors=MappingProxyType(SECTORS),
        goods=GOODS,
        input_goods=INPUT_GOODS,
        indicators=MappingProxyType(INDICATORS),
        goods_by_country=MappingProxyType({k: tuple(v) for k, v in by_country.items()}),
        regional_risks=REGIONAL_RISKS,
    )


RISK_DATA = build_risk_data()


@pytest.fixture
def data() -> RiskData:
    return RISK_DATA


# --- builders ------------------------------------------------------------------------------


def supplier(
    country: str = "TH", sector: str | None = "garments_textiles", *products: str, **kw: object
) -> SupplierProfile:
    return SupplierProfile(country=country, sector=sector, products=tuple(products), **kw)  # type: ignore[arg-type]


def audit(
    ref: str = "A-1",
    on: date = AS_OF,
    *,
    findings: Sequence[Finding] = (),
    evidence: WorkerEvidence | None = None,
    **kw: object,
) -> Audit:
    return Audit(
        audit_ref=ref,
        audited_on=on,
        findings=tuple(findings),
        evidence=evidence or WorkerEvidence(),
        **kw,
    )  # type: ignore[arg-type]


def reliable(*audits: Audit, level: str = "high") -> dict[str, AuditReliability]:
    return {a.audit_ref: AuditReliability(a.audit_ref, level) for a in audits}  # type: ignore[arg-type]


def unreliable(a: Audit, *codes: str) -> dict[str, AuditReliability]:
    patterns = tuple(
        DeceptionPattern(code, 0.9, f"{code} seen", (f"{code}:row",)) for code in codes
    )
    return {a.audit_ref: AuditReliability(a.audit_ref, "low", patterns)}


def workers(n: int, prefix: str = "W") -> list[str]:
    return [f"{prefix}-{i:04d}" for i in range(1, n + 1)]


def documents_held(
    n: int, held: int, holder: str = "employer"
) -> tuple[DocumentCustodyRecord, ...]:
    return tuple(
        DocumentCustodyRecord(w, holder if i < held else "worker")  # type: ignore[arg-type]
        for i, w in enumerate(workers(n))
    )


def recruitment(
    n: int, fee: float = 0.0, wage: float = 400.0, debt: float = 0.0, paying: int | None = None
) -> tuple[RecruitmentRecord, ...]:
    paying = n if paying is None else paying
    return tuple(
        RecruitmentRecord(
            w,
            fee_paid=fee if i < paying else 0.0,
            currency="USD",
            monthly_wage=wage,
            outstanding_debt=debt if i < paying else 0.0,
        )
        for i, w in enumerate(workers(n))
    )


def timesheets(
    n: int, hours_per_day: float, days: int = 7, start: date = date(2024, 5, 6)
) -> tuple[TimesheetEntry, ...]:
    """``days`` consecutive days from a Monday."""
    return tuple(
        TimesheetEntry(w, start + timedelta(days=d), hours_per_day)
        for w in workers(n)
        for d in range(days)
    )


def payroll(
    n: int,
    gross: float = 400.0,
    *,
    net: float | None = None,
    deductions=(),
    paid_late_days: int | None = 0,
    account: str | None = None,
) -> tuple[PayrollEntry, ...]:
    start = date(2024, 5, 1)
    due = date(2024, 6, 5)
    return tuple(
        PayrollEntry(
            worker_ref=w,
            period_start=start,
            period_end=date(2024, 5, 31),
            gross=gross,
            net=gross - sum(d.amount for d in deductions) if net is None else net,
            deductions=tuple(deductions),
            due_on=due,
            paid_on=None if paid_late_days is None else due + timedelta(days=paid_late_days),
            paid_to_account=account or f"acct-{w}",
        )
        for w in workers(n)
    )


def run(
    supplier_profile: SupplierProfile,
    audits: Sequence[Audit] = (),
    reliabilities: Mapping[str, AuditReliability] | None = None,
    **kw: object,
) -> Assessment:
    if reliabilities is None:
        reliabilities = reliable(*audits)
    return assess(
        supplier_profile,
        audits,
        RISK_DATA,
        as_of=kw.pop("as_of", AS_OF),  # type: ignore[arg-type]
        reliabilities=reliabilities,
        **kw,
    )  # type: ignore[arg-type]
