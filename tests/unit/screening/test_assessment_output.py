"""The shape of an assessment: factors, bands, cap, uncertainty, digest, replay, JSON."""

import json
from dataclasses import FrozenInstanceError
from datetime import date

import pytest

from screening.assessment import Assessment
from screening.inputs.audit import Finding
from screening.inputs.evidence import WorkerEvidence
from screening.scoring import METHODOLOGY_VERSION, band_for
from screening.serialise import assessment_to_dict

from .conftest import AS_OF, audit, documents_held, run, supplier, timesheets, unreliable

ALL_CRITICAL = [
    Finding(code, "critical")
    for code in (
        "retention_of_identity_documents",
        "debt_bondage",
        "withholding_of_wages",
        "restriction_of_movement",
        "physical_sexual_violence",
    )
]


def tenths_sum(assessment: Assessment) -> int:
    return sum(round(f.points * 10) for f in assessment.factors)


def test_factors_add_up_exactly_to_the_score() -> None:
    for assessment in (
        run(supplier("CN", "garments_textiles", "Cotton")),
        run(supplier("TH", "garments_textiles"), [audit(findings=[Finding("isolation", "low")])]),
    ):
        assert tenths_sum(assessment) == round(assessment.score * 10)
        assert round(sum(f.points for f in assessment.factors), 1) == assessment.score


def test_scores_above_100_are_capped_by_an_explicit_factor() -> None:
    assessment = run(supplier("AF", "mining_quarrying", "Bricks"), [audit(findings=ALL_CRITICAL)])
    cap = next(f for f in assessment.factors if f.code == "cap_at_100")
    assert assessment.score == 100.0 and cap.points < 0
    assert tenths_sum(assessment) == 1000


@pytest.mark.parametrize(
    ("score", "band"),
    [
        (0, "low"),
        (24.9, "low"),
        (25, "medium"),
        (49.9, "medium"),
        (50, "high"),
        (74.9, "high"),
        (75, "critical"),
        (100, "critical"),
    ],
)
def test_bands_are_quarters_of_the_range(score, band) -> None:
    assert band_for(score) == band


def test_uncertainty_band_stays_inside_0_to_100_and_contains_the_score() -> None:
    for assessment in (
        run(supplier("US", "services")),
        run(supplier("AF", "mining_quarrying", "Bricks"), [audit(findings=ALL_CRITICAL)]),
    ):
        assert 0 <= assessment.score_low <= assessment.score <= assessment.score_high <= 100


def test_assessment_is_frozen() -> None:
    assessment = run(supplier("TH", "garments_textiles"))
    with pytest.raises(FrozenInstanceError):
        assessment.score = 0  # type: ignore[misc]


def test_assessment_carries_methodology_and_data_versions() -> None:
    assessment = run(supplier("TH", "garments_textiles"))
    assert assessment.methodology_version == METHODOLOGY_VERSION == "flr-2024.2"
    assert assessment.risk_data_version == "test-2024.1"


def test_same_inputs_give_the_same_digest_and_assessment() -> None:
    a = audit(evidence=WorkerEvidence(documents=documents_held(5, 1)))
    first = run(supplier("TH", "garments_textiles", "Garments"), [a])
    second = run(supplier("TH", "garments_textiles", "Garments"), [a])
    assert first == second
    assert len(first.input_digest) == 64


def test_digest_changes_with_inputs_as_of_and_threshold() -> None:
    base = run(supplier("TH", "garments_textiles"))
    assert run(supplier("TH", "agriculture")).input_digest != base.input_digest
    assert (
        run(supplier("TH", "garments_textiles"), as_of=date(2024, 7, 1)).input_digest
        != base.input_digest
    )
    assert run(supplier("TH", "garments_textiles"), threshold=50).input_digest != base.input_digest


def test_digest_does_not_depend_on_the_order_audits_are_given_in() -> None:
    one, two = audit("A-1", date(2024, 1, 1)), audit("A-2", date(2024, 3, 1))
    assert run(supplier("TH", "garments_textiles"), [one, two]) == run(
        supplier("TH", "garments_textiles"), [two, one]
    )


def test_assessment_to_dict_is_json_ready_and_complete() -> None:
    a = audit(evidence=WorkerEvidence(timesheets=timesheets(3, 12.0)))
    assessment = run(
        supplier("TH", "garments_textiles"), [a], unreliable(a, "timesheets_too_regular")
    )
    plain = assessment_to_dict(assessment)
    text = json.dumps(plain)
    assert json.loads(text) == plain
    assert set(plain) == set(Assessment.__dataclass_fields__)
    assert plain["as_of"] == AS_OF.isoformat()
    assert plain["audit_reliabilities"][0]["patterns"][0]["code"] == "timesheets_too_regular"
    overtime = next(i for i in plain["indicators"] if i["code"] == "excessive_overtime")
    assert overtime["status"] == "found" and overtime["strongest"]["refs"]


def test_the_fast_context_only_digest_equals_the_general_digest() -> None:
    from screening.scoring import context_only_digest, input_digest

    for profile in (
        supplier("CN", "garments_textiles", "Cotton", migrant_share=0.25),
        supplier("TH", None, region="Bangkok"),
        supplier("US", "services"),
    ):
        assert context_only_digest(
            profile, as_of=AS_OF, threshold=60.0, risk_data_version="v"
        ) == input_digest(
            profile,
            (),
            as_of=AS_OF,
            threshold=60.0,
            peer_reports=(),
            reliabilities=None,
            risk_data_version="v",
        )


def test_an_integer_threshold_gives_the_same_assessment_as_its_float() -> None:
    assert run(supplier("TH", "garments_textiles"), threshold=60) == run(
        supplier("TH", "garments_textiles"), threshold=60.0
    )
