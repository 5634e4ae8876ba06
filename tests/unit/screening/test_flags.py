"""Flagging for due-diligence review (SPEC 4.6): one test per reason code."""

from datetime import timedelta

import pytest

from screening import policy
from screening.inputs.audit import Finding
from screening.inputs.evidence import Deduction, WorkerEvidence

from .conftest import (
    AS_OF,
    audit,
    documents_held,
    payroll,
    recruitment,
    reliable,
    run,
    supplier,
    timesheets,
    unreliable,
)

CLEAN = WorkerEvidence(documents=documents_held(10, 0), timesheets=timesheets(10, 8, 5))


def reasons(*, evidence=None, findings=(), country="TH", sector="garments_textiles", **kw):
    a = audit(findings=findings, evidence=evidence)
    return run(supplier(country, sector), [a], kw.pop("reliabilities", None) or reliable(a), **kw)


def test_passports_held_by_employer_raise_retention_of_identity_documents() -> None:
    assessment = reasons(evidence=WorkerEvidence(documents=documents_held(50, 1)))
    reason = next(r for r in assessment.flag_reasons if r.code == "retention_of_identity_documents")
    assert reason.evidence == ("documents:W-0001",)
    assert assessment.flagged


def test_a_fee_of_a_months_wage_raises_recruitment_fee_debt() -> None:
    assessment = reasons(
        evidence=WorkerEvidence(recruitment=recruitment(10, fee=400, wage=400, paying=1))
    )
    assert "recruitment_fee_debt" in assessment.flag_codes


def test_outstanding_recruitment_debt_raises_recruitment_fee_debt() -> None:
    assessment = reasons(evidence=WorkerEvidence(recruitment=recruitment(10, debt=50, paying=1)))
    assert "recruitment_fee_debt" in assessment.flag_codes


def test_a_small_fee_scores_but_does_not_flag_debt_bondage() -> None:
    assessment = reasons(evidence=WorkerEvidence(recruitment=recruitment(10, fee=50, wage=400)))
    assert "recruitment_fee_debt" not in assessment.flag_codes
    assert assessment.indicator(policy.DEBT_BONDAGE).severity == "medium"


def test_recruitment_fee_repaid_from_wages_raises_recruitment_fee_debt() -> None:
    entries = payroll(10, deductions=(Deduction("recruitment_fee", 30),))
    assert "recruitment_fee_debt" in reasons(evidence=WorkerEvidence(payroll=entries)).flag_codes


def test_wages_into_a_shared_account_raise_withholding_of_wages() -> None:
    assessment = reasons(evidence=WorkerEvidence(payroll=payroll(5, account="acct-x")))
    reason = next(r for r in assessment.flag_reasons if r.code == "withholding_of_wages")
    assert "account:acct-x" in reason.evidence


def test_wages_a_few_days_late_score_but_do_not_flag() -> None:
    assessment = reasons(evidence=WorkerEvidence(payroll=payroll(5, paid_late_days=10)))
    assert assessment.indicator(policy.WITHHOLDING_OF_WAGES).status == "found"
    assert "withholding_of_wages" not in assessment.flag_codes


@pytest.mark.parametrize(
    ("indicator", "code"),
    [
        ("restriction_of_movement", "restriction_of_movement"),
        ("physical_sexual_violence", "physical_sexual_violence"),
        ("forced_child_labour", "forced_child_labour"),
        ("retention_of_identity_documents", "retention_of_identity_documents"),
        ("withholding_of_wages", "withholding_of_wages"),
        ("debt_bondage", "recruitment_fee_debt"),
    ],
)
def test_high_severity_findings_on_critical_indicators_flag(indicator, code) -> None:
    assessment = reasons(findings=[Finding(indicator, "high")], evidence=CLEAN)
    reason = next(r for r in assessment.flag_reasons if r.code == code)
    assert reason.evidence == ("finding:A-1:0",)


def test_medium_findings_and_verified_remediation_do_not_flag_by_themselves() -> None:
    medium = reasons(findings=[Finding("restriction_of_movement", "medium")], evidence=CLEAN)
    verified = reasons(
        findings=[Finding("restriction_of_movement", "critical", "verified")], evidence=CLEAN
    )
    assert "restriction_of_movement" not in medium.flag_codes
    assert "restriction_of_movement" not in verified.flag_codes


def test_remediated_but_unverified_findings_still_flag() -> None:
    remediated = reasons(
        findings=[Finding("restriction_of_movement", "high", "remediated")], evidence=CLEAN
    )
    assert "restriction_of_movement" in remediated.flag_codes


def test_findings_older_than_the_look_back_do_not_flag() -> None:
    old = audit(
        on=AS_OF - timedelta(days=policy.EVIDENCE_LOOKBACK_DAYS + 10),
        findings=[Finding("restriction_of_movement", "critical")],
    )
    assert (
        "restriction_of_movement" not in run(supplier("TH", "garments_textiles"), [old]).flag_codes
    )


def test_non_critical_indicators_never_flag_by_themselves() -> None:
    assessment = reasons(findings=[Finding("isolation", "critical")], evidence=CLEAN)
    assert not assessment.flagged


def test_score_at_the_threshold_flags_and_the_threshold_is_per_organisation() -> None:
    score = run(supplier("TH", "garments_textiles")).score
    assert (
        "score_above_threshold"
        in run(supplier("TH", "garments_textiles"), threshold=score).flag_codes
    )
    assert not run(supplier("TH", "garments_textiles"), threshold=score + 0.1).flagged


def test_low_audit_reliability_flags_audit_unreliable_with_its_patterns() -> None:
    a = audit(evidence=CLEAN)
    assessment = run(supplier("TH", "garments_textiles"), [a], unreliable(a, "coached_answers"))
    reason = next(r for r in assessment.flag_reasons if r.code == "audit_unreliable")
    assert reason.evidence == ("audit:A-1", "pattern:coached_answers", "coached_answers:row")


def test_forced_labour_good_without_an_audit_in_twelve_months_flags() -> None:
    old = audit(on=AS_OF - timedelta(days=400), evidence=CLEAN)
    recent = audit(evidence=CLEAN)
    cotton = supplier("CN", "garments_textiles", "Cotton")
    assert "ilab_forced_labour_good_unaudited" in run(cotton, [old]).flag_codes
    assert "ilab_forced_labour_good_unaudited" not in run(cotton, [recent]).flag_codes


def test_tier_3_country_without_a_reliable_audit_flags() -> None:
    assert "high_risk_country_unverified" in run(supplier("KH", "garments_textiles")).flag_codes
    a = audit(evidence=CLEAN)
    assert (
        "high_risk_country_unverified"
        in run(
            supplier("KH", "garments_textiles"), [a], unreliable(a, "announced_audit")
        ).flag_codes
    )
    assert (
        "high_risk_country_unverified"
        not in run(supplier("KH", "garments_textiles"), [a]).flag_codes
    )


def test_cspa_country_without_an_audit_flags() -> None:
    assert "high_risk_country_unverified" in run(supplier("TR", "garments_textiles")).flag_codes


def test_tier_2_watch_list_without_an_audit_does_not_flag() -> None:
    assert not run(supplier("MY", "electronics")).flagged


def test_reasons_come_in_a_fixed_order() -> None:
    a = audit(findings=[Finding("physical_sexual_violence", "critical")])
    codes = run(
        supplier("CN", "garments_textiles", "Cotton"), [a], unreliable(a, "announced_audit")
    ).flag_codes
    assert codes == (
        "physical_sexual_violence",
        "score_above_threshold",
        "audit_unreliable",
        "high_risk_country_unverified",
    )
