"""Evidence risk from findings: severity, recency, remediation (SPEC 4.2)."""

from datetime import timedelta

import pytest

from screening import policy
from screening.errors import UnknownReferenceError
from screening.inputs.audit import Finding
from screening.observations import recency_multiplier

from .conftest import AS_OF, audit, run, supplier


def evidence_points(assessment) -> float:
    return round(sum(f.points for f in assessment.factors if f.kind == "evidence"), 1)


def one_finding(severity="high", status="open", days_old=0, indicator="isolation"):
    a = audit(on=AS_OF - timedelta(days=days_old), findings=[Finding(indicator, severity, status)])  # type: ignore[arg-type]
    return run(supplier("US", "services"), [a])


def test_finding_points_are_indicator_weight_times_severity() -> None:
    assert evidence_points(one_finding("critical", indicator="debt_bondage")) == 30.0
    assert evidence_points(one_finding("low", indicator="debt_bondage")) == 7.5
    assert evidence_points(one_finding("medium", indicator="isolation")) == 6.0


def test_evidence_loses_half_its_weight_after_one_half_life() -> None:
    assert recency_multiplier(AS_OF - timedelta(days=365), AS_OF) == 0.5
    fresh = evidence_points(one_finding("critical", indicator="debt_bondage"))
    year_old = evidence_points(one_finding("critical", indicator="debt_bondage", days_old=365))
    assert year_old == fresh / 2


def test_recency_shows_as_its_own_factor() -> None:
    assessment = one_finding("critical", indicator="debt_bondage", days_old=365)
    recency = next(f for f in assessment.factors if f.code == "evidence_recency")
    assert recency.points == -15.0


def test_remediated_findings_count_less_but_not_zero() -> None:
    open_ = evidence_points(one_finding("critical", "open", indicator="debt_bondage"))
    remediated = evidence_points(one_finding("critical", "remediated", indicator="debt_bondage"))
    verified = evidence_points(one_finding("critical", "verified", indicator="debt_bondage"))
    assert open_ > remediated > verified > 0
    assert verified == 30.0 * policy.REMEDIATION_MULTIPLIERS["verified"]


def test_the_strongest_finding_of_an_indicator_counts_not_their_sum() -> None:
    a = audit(findings=[Finding("isolation", "low"), Finding("isolation", "high")])
    assessment = run(supplier("US", "services"), [a])
    assert evidence_points(assessment) == 9.0
    status = assessment.indicator("isolation")
    assert status.severity == "high" and len(status.evidence) == 2
    assert status.strongest is not None and status.strongest.refs == ("finding:A-1:1",)


def test_different_indicators_add_up() -> None:
    a = audit(findings=[Finding("isolation", "high"), Finding("deception", "high")])
    assert evidence_points(run(supplier("US", "services"), [a])) == 9.0 + 12.0


def test_unknown_indicator_code_is_an_error() -> None:
    with pytest.raises(UnknownReferenceError, match="indicator 'passport_theft'"):
        one_finding(indicator="passport_theft")


def test_indicator_codes_are_normalised() -> None:
    assert evidence_points(one_finding("critical", indicator="Debt Bondage")) == 30.0


def test_ilo_long_names_and_risk_data_synonyms_are_accepted() -> None:
    assessment = run(
        supplier("US", "services"),
        [
            audit(
                findings=[
                    Finding("physical_and_sexual_violence", "high"),
                    Finding("passport retention", "high"),
                ]
            )
        ],
    )
    assert assessment.indicator("physical_sexual_violence").status == "found"
    assert assessment.indicator("retention_of_identity_documents").status == "found"


def test_audits_after_the_assessment_date_are_ignored() -> None:
    future = audit(on=AS_OF + timedelta(days=1), findings=[Finding("debt_bondage", "critical")])
    assessment = run(supplier("US", "services"), [future])
    assert evidence_points(assessment) == 0.0
    assert assessment.audit_reliabilities == ()
