"""The engine against the real risk data (risk_data.loader) and the real deception detectors."""

from __future__ import annotations

import dataclasses
from datetime import date, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from risk_data.loader import load_risk_data
from screening import policy
from screening.inputs.audit import Audit, Finding
from screening.inputs.evidence import WorkerEvidence
from screening.inputs.supplier import SupplierProfile
from screening.scoring import assess

from .conftest import AS_OF, documents_held, payroll, timesheets


@pytest.fixture(scope="module")
def real():
    return load_risk_data()


def test_the_engine_knows_every_indicator_of_the_risk_data(real) -> None:
    assert set(real.indicators) == set(policy.ILO_INDICATORS)


def test_the_risk_data_and_the_engine_agree_on_which_indicators_are_critical(real) -> None:
    critical = {code for code, i in real.indicators.items() if i.critical}
    assert critical == set(policy.CRITICAL_FLAG_REASONS) - {policy.FORCED_CHILD_LABOUR}


def test_every_sector_and_tip_tier_of_the_risk_data_has_points(real) -> None:
    assert {s.inherent_risk for s in real.sectors.values()} <= set(policy.SECTOR_RISK_POINTS)
    assert {c.tip_tier for c in real.countries.values()} - {None} <= set(policy.TIP_TIER_POINTS)
    assert {r.risk for r in real.regional_risks} <= set(policy.REGIONAL_RISK_POINTS)


def test_every_country_of_the_risk_data_can_be_scored(real) -> None:
    for iso2 in real.countries:
        assessment = assess(SupplierProfile(iso2), (), real, as_of=AS_OF)
        assert 0 <= assessment.score <= 100
        assert assessment.risk_data_version == real.version


def test_xinjiang_style_cotton_from_china_is_flagged_without_an_audit(real) -> None:
    assessment = assess(
        SupplierProfile("CN", "garments_textiles", ("Cotton",)), (), real, as_of=AS_OF
    )
    assert {"ilab_forced_labour_good_unaudited", "high_risk_country_unverified"} <= set(
        assessment.flag_codes
    )


def test_reliability_comes_from_the_deception_detectors_when_not_given(real) -> None:
    announced = Audit(
        "A-1",
        AS_OF,
        audit_type="announced",
        paid_by="supplier",
        workers_total=500,
        workers_interviewed=3,
    )
    assessment = assess(SupplierProfile("KH", "garments_textiles"), (announced,), real, as_of=AS_OF)
    assert assessment.audit_reliabilities[0].level == "low"
    assert assessment.unverified and "audit_unreliable" in assessment.flag_codes


def test_kali_scenario_on_real_data_is_flagged(real) -> None:
    """004_9fbd24e16dca7199.txt L1082, with reliability judged by the real detectors."""
    evidence = WorkerEvidence(
        documents=documents_held(8, 8),
        timesheets=timesheets(8, 18.0, 14),
        payroll=payroll(8, 300.0, net=0.0),
    )
    audit = Audit(
        "KALI-1",
        AS_OF,
        findings=(Finding("restriction_of_movement", "critical"),),
        evidence=evidence,
    )
    assessment = assess(SupplierProfile("EG", "domestic_work"), (audit,), real, as_of=AS_OF)
    assert {
        "retention_of_identity_documents",
        "withholding_of_wages",
        "restriction_of_movement",
    } <= set(assessment.flag_codes)


findings = st.builds(
    Finding,
    indicator=st.sampled_from(sorted(policy.ACCEPTED_FINDING_CODES)),
    severity=st.sampled_from(policy.SEVERITY_ORDER),
    status=st.sampled_from(("open", "remediated", "verified")),
)


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(
    country=st.sampled_from(("CN", "KH", "TH", "US", "EG", "CD")),
    before=st.lists(findings, max_size=3),
    added=findings,
    announced=st.booleans(),
    with_evidence=st.booleans(),
    age=st.integers(0, 800),
)
def test_added_findings_never_lower_the_score_with_detector_reliability(
    real, country, before, added, announced, with_evidence, age
) -> None:
    evidence = (
        WorkerEvidence(documents=documents_held(10, 0), timesheets=timesheets(10, 9, 6))
        if with_evidence
        else WorkerEvidence()
    )
    audit = Audit(
        "A-1",
        AS_OF - timedelta(days=age),
        findings=tuple(before),
        audit_type="announced" if announced else "unannounced",
        evidence=evidence,
        workers_total=10,
        workers_interviewed=10,
    )
    profile = SupplierProfile(country, "garments_textiles")
    base = assess(profile, (audit,), real, as_of=AS_OF).score
    more = dataclasses.replace(audit, findings=(*audit.findings, added))
    assert assess(profile, (more,), real, as_of=AS_OF).score >= base


def test_replay_with_detector_reliability_is_identical(real) -> None:
    audit = Audit("A-1", date(2024, 5, 1), evidence=WorkerEvidence(timesheets=timesheets(5, 8, 5)))
    profile = SupplierProfile("TH", "garments_textiles", ("Garments",))
    assert assess(profile, (audit,), real, as_of=AS_OF) == assess(
        profile, (audit,), real, as_of=AS_OF
    )
