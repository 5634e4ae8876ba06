"""How audit reliability moves the score (SPEC 4.4)."""

from datetime import timedelta

from screening import policy
from screening.inputs.audit import Finding
from screening.inputs.evidence import WorkerEvidence

from .conftest import (
    AS_OF,
    audit,
    documents_held,
    reliable,
    run,
    supplier,
    timesheets,
    unreliable,
)

CLEAN_EVIDENCE = WorkerEvidence(documents=documents_held(10, 0), timesheets=timesheets(10, 8, 5))


def test_a_clean_reliable_audit_lowers_the_score_below_the_context_risk() -> None:
    context_only = run(supplier("TH", "garments_textiles"))
    a = audit(evidence=CLEAN_EVIDENCE)
    audited = run(supplier("TH", "garments_textiles"), [a], reliable(a))
    credit = next(f for f in audited.factors if f.code == "clean_audit_credit")
    assert audited.score < context_only.score
    assert credit.points == -round(context_only.score * 0.35, 1)
    assert not audited.unverified


def test_medium_reliability_lowers_risk_less_than_high() -> None:
    a = audit(evidence=CLEAN_EVIDENCE)
    high = run(supplier("TH", "garments_textiles"), [a], reliable(a, level="high")).score
    medium = run(supplier("TH", "garments_textiles"), [a], reliable(a, level="medium")).score
    context_only = run(supplier("TH", "garments_textiles")).score
    assert high < medium < context_only


def test_a_clean_audit_with_low_reliability_never_lowers_the_score_below_context() -> None:
    context_only = run(supplier("TH", "garments_textiles"))
    a = audit(evidence=CLEAN_EVIDENCE)
    audited = run(supplier("TH", "garments_textiles"), [a], unreliable(a, "announced_audit"))
    assert audited.score >= context_only.score
    assert audited.unverified
    assert "audit_unreliable" in audited.flag_codes
    assert not any(f.code == "clean_audit_credit" for f in audited.factors)


def test_a_clean_audit_with_low_reliability_is_never_low_risk() -> None:
    a = audit(evidence=CLEAN_EVIDENCE)
    audited = run(supplier("US", "services"), [a], unreliable(a, "paid_by_supplier"))
    assert audited.band != "low"
    assert audited.score == policy.UNVERIFIED_MIN_SCORE
    assert any(f.code == "unverified_floor" for f in audited.factors)


def test_a_clean_audit_without_worker_evidence_in_a_high_risk_context_is_unverified() -> None:
    a = audit()
    audited = run(supplier("KH", "garments_textiles"), [a], reliable(a))
    assert audited.unverified
    assert audited.score >= run(supplier("KH", "garments_textiles")).score
    assert "high_risk_country_unverified" in audited.flag_codes


def test_with_worker_evidence_a_clean_audit_in_a_high_risk_country_counts() -> None:
    a = audit(evidence=CLEAN_EVIDENCE)
    audited = run(supplier("KH", "garments_textiles"), [a], reliable(a))
    assert not audited.unverified
    assert "high_risk_country_unverified" not in audited.flag_codes
    assert audited.score < run(supplier("KH", "garments_textiles")).score


def test_an_audit_with_open_findings_earns_no_clean_audit_credit() -> None:
    a = audit(findings=[Finding("isolation", "medium")], evidence=CLEAN_EVIDENCE)
    assert not any(
        f.code == "clean_audit_credit"
        for f in run(supplier("TH", "garments_textiles"), [a]).factors
    )


def test_an_audit_older_than_a_year_earns_no_clean_audit_credit() -> None:
    a = audit(on=AS_OF - timedelta(days=400), evidence=CLEAN_EVIDENCE)
    assert not any(
        f.code == "clean_audit_credit"
        for f in run(supplier("TH", "garments_textiles"), [a]).factors
    )


def test_an_unreliable_latest_audit_adds_points_and_names_its_patterns() -> None:
    a = audit(evidence=CLEAN_EVIDENCE)
    audited = run(supplier("TH", "garments_textiles"), [a], unreliable(a, "timesheets_too_regular"))
    factor = next(f for f in audited.factors if f.code == "audit_unreliable")
    assert factor.points == policy.UNRELIABLE_AUDIT_POINTS
    assert factor.evidence == ("pattern:timesheets_too_regular",)


def test_low_reliability_widens_the_uncertainty_band_upwards() -> None:
    a = audit(evidence=CLEAN_EVIDENCE)
    good = run(supplier("TH", "garments_textiles"), [a], reliable(a))
    bad = run(supplier("TH", "garments_textiles"), [a], unreliable(a, "coached_answers"))
    assert bad.score_high - bad.score > good.score_high - good.score
