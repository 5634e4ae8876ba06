"""Scenarios written from the case narratives in the seeds (seed_facts.md §5).

Each docstring cites the seed line the scenario comes from. Worker refs are pseudonymous; the
numbers (workers, hours, fees) are the narrative's where it gives them, else stated here.
"""

from __future__ import annotations

from datetime import date, timedelta

from screening import policy
from screening.inputs.audit import Finding
from screening.inputs.evidence import (
    DocumentCustodyRecord,
    InterviewRecord,
    PayrollEntry,
    RecruitmentRecord,
    WorkerEvidence,
)

from .conftest import (
    AS_OF,
    audit,
    documents_held,
    payroll,
    reliable,
    run,
    supplier,
    timesheets,
    unreliable,
)


def kali_household():
    """Kali, Venezuela -> Egypt (004_9fbd24e16dca7199.txt L1080-L1082): the employer
    "confiscated her passport", held her in a basement "with seven other women" and made her
    work "18-hour days cleaning and providing childcare for no pay"."""
    evidence = WorkerEvidence(
        documents=documents_held(8, 8, "employer"),
        timesheets=timesheets(8, 18.0, days=14),
        payroll=payroll(8, 300.0, net=0.0),
    )
    findings = [
        Finding("restriction_of_movement", "critical", description="held captive in the basement"),
        Finding(
            "abusive_working_and_living_conditions",
            "high",
            description="eight women live in the basement",
        ),
        Finding("deception", "high", description="promised travel, housing, food and salary"),
    ]
    return supplier("EG", "domestic_work"), audit("KALI-1", findings=findings, evidence=evidence)


def test_domestic_worker_with_confiscated_passport_and_unpaid_18_hour_days_is_flagged() -> None:
    """004_9fbd24e16dca7199.txt L1082: passport confiscated, 18-hour days, no pay."""
    profile, a = kali_household()
    assessment = run(profile, [a])
    assert assessment.flagged and assessment.band == "critical"
    assert {
        "retention_of_identity_documents",
        "withholding_of_wages",
        "restriction_of_movement",
        "score_above_threshold",
    } <= set(assessment.flag_codes)
    overtime = assessment.indicator(policy.EXCESSIVE_OVERTIME)
    assert overtime.status == "found" and overtime.severity == "critical"
    reason = next(r for r in assessment.flag_reasons if r.code == "retention_of_identity_documents")
    assert len(reason.evidence) == 8 and reason.evidence[0] == "documents:W-0001"


def test_passport_confiscated_by_the_recruiter_counts_like_the_employer() -> None:
    """Yihana, Ghana -> Lebanon (004_9fbd24e16dca7199.txt L366): "the recruiter confiscated her
    passport", no wages, deprived of regular meals, abused physically and mentally."""
    evidence = WorkerEvidence(
        documents=(DocumentCustodyRecord("W-0001", "agency"),), payroll=payroll(1, 500.0, net=0.0)
    )
    findings = [
        Finding("physical_sexual_violence", "critical", description="physical abuse"),
        Finding(
            "abusive_working_and_living_conditions", "high", description="deprived of regular meals"
        ),
        Finding("deception", "high", description="promised a higher-paying nursing job"),
    ]
    assessment = run(
        supplier("LB", "domestic_work"), [audit("YIH-1", findings=findings, evidence=evidence)]
    )
    assert {
        "retention_of_identity_documents",
        "withholding_of_wages",
        "physical_sexual_violence",
    } <= set(assessment.flag_codes)


def test_coffee_farm_workers_unpaid_and_threatened_are_flagged_in_a_tier_2_country() -> None:
    """Salomao, Minas Gerais coffee farm (004_9fbd24e16dca7199.txt L777-L779): no regular salary,
    a "crowded dormitory without running water", an isolated farm, "the foreman threatened them
    with beatings"; coffee from Brazil is on ILAB's forced-labour list."""
    findings = [
        Finding("withholding_of_wages", "critical", description="no regular salary"),
        Finding("intimidation_threats", "high", description="threatened with beatings"),
        Finding("isolation", "high", description="the farm was isolated"),
        Finding(
            "abusive_working_and_living_conditions",
            "high",
            description="crowded dormitory without running water",
        ),
    ]
    evidence = WorkerEvidence(timesheets=timesheets(30, 12.0, days=7))
    profile = supplier("BR", "agriculture", "Coffee")
    context_only = run(profile)
    assessment = run(profile, [audit("SAL-1", findings=findings, evidence=evidence)])
    assert "ilab_forced_labour_good_unaudited" in context_only.flag_codes
    assert "ilab_forced_labour_good_unaudited" not in assessment.flag_codes  # now audited
    assert {"withholding_of_wages", "score_above_threshold"} <= set(assessment.flag_codes)
    assert assessment.score > context_only.score


def test_restaurant_forced_labour_in_a_tier_1_country_is_still_flagged() -> None:
    """Harold D'Souza, Cincinnati restaurant (004_9fbd24e16dca7199.txt L589-L598): "16 hours a
    day", "without pay", money taken "to keep it safe", threatened "with arrest and
    deportation". Tier 1 is a responsibility, not a reprieve (004 L863)."""
    evidence = WorkerEvidence(
        timesheets=timesheets(2, 16.0, days=7),
        payroll=payroll(2, 3000.0, net=0.0),
        interviews=(
            InterviewRecord("W-0001", reported_weekly_hours=112, reported_rest_days_per_week=0),
        ),
    )
    findings = [
        Finding("intimidation_threats", "high", description="threatened with deportation"),
        Finding("deception", "critical", description="promised a $75,000 manager job"),
    ]
    context_only = run(supplier("US", "hospitality"))
    assessment = run(
        supplier("US", "hospitality"), [audit("HD-1", findings=findings, evidence=evidence)]
    )
    assert context_only.band == "low" and not context_only.flagged
    assert "withholding_of_wages" in assessment.flag_codes
    assert assessment.band in ("high", "critical")


def test_scam_compound_worker_confined_sixteen_hours_seven_days_is_flagged() -> None:
    """Sonith, scam compound (004_9fbd24e16dca7199.txt L251): confined, "up to 16 hours a day,
    seven days a week, with little access to food"; scam compounds in Cambodia (004 L795)."""
    evidence = WorkerEvidence(
        interviews=tuple(
            InterviewRecord(f"W-{i:04d}", reported_weekly_hours=112, reported_rest_days_per_week=0)
            for i in range(1, 11)
        )
    )
    findings = [
        Finding("restriction_of_movement", "critical", description="confined to compound"),
        Finding(
            "abusive_working_and_living_conditions", "high", description="little access to food"
        ),
    ]
    assessment = run(
        supplier("KH", "services"), [audit("SC-1", findings=findings, evidence=evidence)]
    )
    assert "restriction_of_movement" in assessment.flag_codes
    assert assessment.indicator(policy.EXCESSIVE_OVERTIME).severity == "critical"


def test_twenty_seven_domestic_workers_unpaid_for_a_year_are_flagged_for_withheld_wages() -> None:
    """27 Bhutanese women in Iraq "whose employer had not paid them for a year"
    (004_9fbd24e16dca7199.txt L1028)."""
    entries = tuple(
        PayrollEntry(
            f"W-{i:04d}",
            date(2023, 6, 1),
            date(2023, 6, 30),
            gross=300.0,
            net=300.0,
            due_on=date(2023, 7, 5),
            paid_on=None,
        )
        for i in range(1, 28)
    )
    assessment = run(
        supplier("IQ", "domestic_work"), [audit("BHU-1", evidence=WorkerEvidence(payroll=entries))]
    )
    reason = next(r for r in assessment.flag_reasons if r.code == "withholding_of_wages")
    assert len(reason.evidence) == 27
    assert assessment.indicator(policy.WITHHOLDING_OF_WAGES).severity == "critical"


def test_recruitment_fee_for_fake_papers_and_airline_debt_is_debt_bondage() -> None:
    """Sub-Saharan women recruited for the Gulf (004_9fbd24e16dca7199.txt L721): recruiters
    "collect a recruitment fee to obtain fake passports and visas"; victims "incur debts for
    airline tickets"."""
    records = tuple(
        RecruitmentRecord(
            f"W-{i:04d}",
            fee_paid=600.0,
            currency="USD",
            monthly_wage=300.0,
            outstanding_debt=450.0,
            agency="social-media recruiter",
        )
        for i in range(1, 6)
    )
    assessment = run(
        supplier("KW", "domestic_work"),
        [audit("GULF-1", evidence=WorkerEvidence(recruitment=records))],
    )
    assert "recruitment_fee_debt" in assessment.flag_codes
    assert assessment.indicator(policy.DEBT_BONDAGE).severity == "critical"


def test_passports_shown_only_on_audit_day_do_not_clear_an_unreliable_audit() -> None:
    """Passports "stored in guarded lockers", keys given "only ... during audits"
    (004_9fbd24e16dca7199.txt L632): custody records look clean, but the audit is unreliable,
    so document retention stays not assessed and the supplier is never low risk."""
    a = audit("LOCK-1", evidence=WorkerEvidence(documents=documents_held(40, 0)))
    assessment = run(supplier("MY", "electronics"), [a], unreliable(a, "announced_audit"))
    assert assessment.indicator(policy.RETENTION_OF_IDENTITY_DOCUMENTS).status == "not_assessed"
    assert "audit_unreliable" in assessment.flag_codes
    assert assessment.band != "low" and assessment.unverified


def test_clean_audit_without_worker_evidence_in_a_tier_3_country_is_unverified() -> None:
    """Nearly half of 40,000 audits were unreliable (004_9fbd24e16dca7199.txt L618): a clean
    audit with no worker-level evidence in Cambodia (Tier 3, 004 L1134) proves little."""
    a = audit("CLEAN-1")
    assessment = run(supplier("KH", "garments_textiles"), [a], reliable(a))
    assert assessment.unverified
    assert "high_risk_country_unverified" in assessment.flag_codes
    assert not any(f.code == "clean_audit_credit" for f in assessment.factors)


def test_coltan_from_north_kivu_without_an_audit_is_flagged() -> None:
    """Militias control the Rubaya coltan mines in North Kivu (000_e9100224dc7ea5d5.txt L482);
    DRC is on the CSPA list (004 L831-L836) and coltan on ILAB's forced-labour list."""
    assessment = run(
        supplier("CD", "mining_quarrying", "Tantalum ore (coltan)", region="North Kivu")
    )
    assert {
        "ilab_forced_labour_good_unaudited",
        "high_risk_country_unverified",
        "score_above_threshold",
    } <= set(assessment.flag_codes)
    assert any(f.code == "region_commodity" for f in assessment.factors)


def test_old_remediated_findings_still_count_a_little() -> None:
    """Brazilian employers "regularly confiscated workers' identity documents"
    (004_9fbd24e16dca7199.txt L1003): remediated three years ago, it still weighs, no longer
    flags."""
    old = audit(
        "AMZ-1",
        on=AS_OF - timedelta(days=3 * 365 + 30),
        findings=[Finding("retention_of_identity_documents", "critical", "verified")],
    )
    assessment = run(supplier("BR", "agriculture", "Cattle"), [old])
    status = assessment.indicator(policy.RETENTION_OF_IDENTITY_DOCUMENTS)
    assert status.status == "found" and 0 < status.points < 3
    assert "retention_of_identity_documents" not in assessment.flag_codes
