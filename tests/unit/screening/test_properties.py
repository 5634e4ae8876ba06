"""The promises of SPEC 4.7, stated as properties and checked with hypothesis."""

from __future__ import annotations

import dataclasses
from datetime import timedelta
from types import MappingProxyType

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from screening import policy
from screening.inputs.audit import Audit, Finding
from screening.inputs.evidence import RecruitmentRecord, TimesheetEntry, WorkerEvidence
from screening.inputs.supplier import SupplierProfile
from screening.reliability import AuditReliability
from screening.scoring import assess, context_only_class, context_only_twin
from screening.serialise import assessment_to_dict

from .conftest import AS_OF, COUNTRIES, GOODS, RISK_DATA, SECTORS, documents_held, payroll

PROPERTY_SETTINGS = settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
CODES = sorted(policy.ACCEPTED_FINDING_CODES)
TIERS = ("tier_1", "tier_2", "tier_2_watch_list", "tier_3")

suppliers = st.builds(
    SupplierProfile,
    country=st.sampled_from(sorted(COUNTRIES)),
    sector=st.one_of(st.none(), st.sampled_from(sorted(SECTORS))),
    products=st.lists(
        st.sampled_from(sorted({g.name for g in GOODS} | {"Widgets"})), max_size=3, unique=True
    ).map(tuple),
    migrant_share=st.one_of(st.none(), st.floats(0, 1)),
)
findings = st.builds(
    Finding,
    indicator=st.sampled_from(CODES),
    severity=st.sampled_from(policy.SEVERITY_ORDER),
    status=st.sampled_from(("open", "remediated", "verified")),
)


@st.composite
def evidence(draw: st.DrawFn) -> WorkerEvidence:
    n = draw(st.integers(0, 6))
    if n == 0:
        return WorkerEvidence()
    hours = draw(st.floats(0, 16))
    days = draw(st.integers(1, 7))
    fee = draw(st.floats(0, 1200))
    return WorkerEvidence(
        documents=documents_held(n, draw(st.integers(0, n))),
        recruitment=tuple(
            RecruitmentRecord(f"W-{i:04d}", fee_paid=fee if i == 1 else 0.0, monthly_wage=400.0)
            for i in range(1, n + 1)
        ),
        timesheets=tuple(
            TimesheetEntry(f"W-{i:04d}", AS_OF - timedelta(days=d + 1), hours)
            for i in range(1, n + 1)
            for d in range(days)
        ),
        payroll=payroll(n, paid_late_days=draw(st.sampled_from((0, 10, 40, None)))),
    )


@st.composite
def audits(draw: st.DrawFn) -> tuple[tuple[Audit, ...], dict[str, AuditReliability]]:
    count = draw(st.integers(0, 3))
    result = []
    levels = {}
    for i in range(count):
        ref = f"A-{i}"
        result.append(
            Audit(
                audit_ref=ref,
                audited_on=AS_OF - timedelta(days=draw(st.integers(0, 4 * 365))),
                findings=tuple(draw(st.lists(findings, max_size=4))),
                evidence=draw(evidence()),
            )
        )
        levels[ref] = AuditReliability(ref, draw(st.sampled_from(("high", "medium", "low"))))
    return tuple(result), levels


def score_of(supplier, audit_list, reliabilities, data=RISK_DATA, threshold=60.0):
    return assess(
        supplier, audit_list, data, as_of=AS_OF, threshold=threshold, reliabilities=reliabilities
    )


@PROPERTY_SETTINGS
@given(suppliers, audits())
def test_score_is_bounded_and_the_band_contains_it(supplier, drawn) -> None:
    assessment = score_of(supplier, *drawn)
    assert 0 <= assessment.score_low <= assessment.score <= assessment.score_high <= 100
    assert 0 <= assessment.coverage <= 1


@PROPERTY_SETTINGS
@given(suppliers, audits())
def test_factor_contributions_add_up_to_the_score(supplier, drawn) -> None:
    assessment = score_of(supplier, *drawn)
    assert sum(round(f.points * 10) for f in assessment.factors) == round(assessment.score * 10)


@PROPERTY_SETTINGS
@given(suppliers, audits())
def test_scoring_is_deterministic_and_replays_to_the_same_assessment(supplier, drawn) -> None:
    first = score_of(supplier, *drawn)
    replay = score_of(
        dataclasses.replace(supplier),
        tuple(dataclasses.replace(a) for a in drawn[0]),
        dict(drawn[1]),
    )
    assert replay == first
    assert assessment_to_dict(replay) == assessment_to_dict(first)


@PROPERTY_SETTINGS
@given(suppliers, audits(), findings, st.data())
def test_score_never_decreases_when_a_finding_is_added(supplier, drawn, finding, data) -> None:
    """Everything else held fixed: the same audits, one more finding in one of them."""
    audit_list, reliabilities = drawn
    if not audit_list:
        audit_list = (Audit("A-new", AS_OF),)
        reliabilities = {"A-new": AuditReliability("A-new", "high")}
    before = score_of(supplier, audit_list, reliabilities).score
    i = data.draw(st.integers(0, len(audit_list) - 1))
    target = audit_list[i]
    changed = dataclasses.replace(target, findings=(*target.findings, finding))
    audit_list = (*audit_list[:i], changed, *audit_list[i + 1 :])
    assert score_of(supplier, audit_list, reliabilities).score >= before


def _with_tier(iso2: str, tier: str):
    countries = dict(RISK_DATA.countries)
    countries[iso2] = dataclasses.replace(countries[iso2], tip_tier=tier)  # type: ignore[arg-type]
    return dataclasses.replace(RISK_DATA, countries=MappingProxyType(countries))


@PROPERTY_SETTINGS
@given(suppliers, audits(), st.sampled_from(range(len(TIERS) - 1)))
def test_score_never_decreases_when_the_tier_gets_worse(supplier, drawn, tier) -> None:
    better = score_of(supplier, *drawn, data=_with_tier(supplier.country, TIERS[tier]))
    worse = score_of(supplier, *drawn, data=_with_tier(supplier.country, TIERS[tier + 1]))
    assert worse.score >= better.score


def _single_audit(evidence_: WorkerEvidence, level: str = "high"):
    return (Audit("A-1", AS_OF, evidence=evidence_),), {"A-1": AuditReliability("A-1", level)}  # type: ignore[arg-type]


@PROPERTY_SETTINGS
@given(
    suppliers, st.floats(0, 2000), st.floats(0, 2000), st.sampled_from(("high", "medium", "low"))
)
def test_score_never_decreases_when_a_fee_is_higher(supplier, fee, extra, level) -> None:
    def with_fee(amount: float):
        return _single_audit(
            WorkerEvidence(
                recruitment=(
                    RecruitmentRecord("W-0001", fee_paid=amount, monthly_wage=400.0),
                    RecruitmentRecord("W-0002", fee_paid=0.0, monthly_wage=400.0),
                )
            ),
            level,
        )

    assert (
        score_of(supplier, *with_fee(fee + extra)).score >= score_of(supplier, *with_fee(fee)).score
    )


@PROPERTY_SETTINGS
@given(
    suppliers,
    st.floats(0, 14),
    st.floats(0, 10),
    st.integers(1, 7),
    st.sampled_from(("high", "medium", "low")),
)
def test_score_never_decreases_when_more_hours_are_worked(
    supplier, hours, extra, days, level
) -> None:
    def with_hours(daily: float):
        return _single_audit(
            WorkerEvidence(
                timesheets=tuple(
                    TimesheetEntry("W-0001", AS_OF - timedelta(days=d + 1), daily)
                    for d in range(days)
                )
            ),
            level,
        )

    more = score_of(supplier, *with_hours(hours + extra)).score
    assert more >= score_of(supplier, *with_hours(hours)).score


@PROPERTY_SETTINGS
@given(suppliers, audits())
def test_a_low_reliability_clean_audit_never_scores_below_context(supplier, drawn) -> None:
    audit_list, _ = drawn
    clean = tuple(dataclasses.replace(a, findings=()) for a in audit_list)
    low = {a.audit_ref: AuditReliability(a.audit_ref, "low") for a in clean}
    context_only = score_of(supplier, (), None).score
    assert score_of(supplier, clean, low).score >= context_only


@PROPERTY_SETTINGS
@given(
    supplier=suppliers,
    workers=st.one_of(st.none(), st.integers(1, 10**6)),
    others=st.one_of(st.none(), st.integers(1, 10**6)),
)
def test_a_context_only_score_does_not_depend_on_the_workforce_size(
    supplier, workers, others
) -> None:
    """Suppliers of one ``context_only_class`` share an assessment but for its digest, so an
    import scores each class once (``context_only_twin``)."""
    mine = dataclasses.replace(supplier, worker_count=workers)
    theirs = dataclasses.replace(supplier, worker_count=others)
    assert context_only_class(mine) == context_only_class(theirs)
    direct = assess(mine, [], RISK_DATA, as_of=AS_OF, threshold=60)
    twin = context_only_twin(
        assess(theirs, [], RISK_DATA, as_of=AS_OF, threshold=60),
        mine,
        as_of=AS_OF,
        threshold=60,
        risk_data_version=RISK_DATA.version,
    )
    assert twin == direct
    # The workforce size is still an input: recorded, and in the digest.
    theirs_direct = assess(theirs, [], RISK_DATA, as_of=AS_OF, threshold=60)
    assert (direct.input_digest == theirs_direct.input_digest) == (workers == others)
