"""The combined level: fabricated data weigh more than audit conduct (combine.py)."""

from __future__ import annotations

import dataclasses

import pytest
from hypothesis import given
from hypothesis import strategies as st

from screening.deception import (
    ALGORITHM_VERSION,
    DEFAULT_THRESHOLDS,
    DeceptionThresholds,
    assess_audit_reliability,
)
from screening.deception.combine import STRONG_PATTERNS, deception_score, reliability_level
from screening.inputs.audit import Finding
from screening.reliability import AuditReliability, DeceptionPattern
from tests.generators.audit_evidence import generate_audit
from tests.unit.deception.builders import audit

T = DEFAULT_THRESHOLDS


def assess(seed: int, **inject: float) -> AuditReliability:
    generated = generate_audit(seed, workers=100, inject=inject)
    return assess_audit_reliability(generated.audit, **generated.context())


@pytest.mark.parametrize("seed", range(5))
def test_honest_unannounced_buyer_paid_audit_is_high(seed: int) -> None:
    result = assess(seed)
    assert (result.level, result.patterns, result.unverified) == ("high", (), False)


@pytest.mark.parametrize("pattern", sorted(STRONG_PATTERNS))
def test_any_strong_data_pattern_alone_makes_reliability_low(pattern: str) -> None:
    result = assess(21, **{pattern: 0.5})
    assert result.level == "low"
    assert result.patterns[0].code == pattern
    assert result.unverified  # clean findings that cannot be believed


@pytest.mark.parametrize(
    "pattern",
    ["announced_audit", "paid_by_supplier", "same_auditor_repeated", "too_few_interviews"],
)
def test_one_conduct_pattern_alone_makes_reliability_medium(pattern: str) -> None:
    result = assess(22, **{pattern: 1.0})
    assert result.level == "medium"
    assert [p.code for p in result.patterns] == [pattern]


def test_announced_and_supplier_paid_is_medium_but_three_conduct_patterns_are_low() -> None:
    assert assess(23, announced_audit=1, paid_by_supplier=1).level == "medium"
    assert assess(23, announced_audit=1, paid_by_supplier=1, too_few_interviews=1).level == "low"


def test_open_serious_findings_are_never_marked_unverified() -> None:
    generated = generate_audit(24, workers=100, inject={"coached_answers": 0.6})
    flagged = dataclasses.replace(
        generated.audit, findings=(Finding("debt_bondage", "critical", "open"),)
    )
    result = assess_audit_reliability(flagged, **generated.context())
    assert result.level == "low" and not result.unverified


def test_patterns_are_listed_heaviest_first() -> None:
    result = assess(25, announced_audit=1, coached_answers=0.6, paid_by_supplier=1)
    weights = [
        (1.0 if p.code in STRONG_PATTERNS else T.conduct_weight) * p.strength
        for p in result.patterns
    ]
    assert weights == sorted(weights, reverse=True)
    assert result.patterns[0].code == "coached_answers"


def test_same_input_gives_the_same_result() -> None:
    assert assess(26, timesheets_too_regular=0.4) == assess(26, timesheets_too_regular=0.4)


def test_score_adds_weighted_strengths() -> None:
    patterns = [
        DeceptionPattern("coached_answers", 0.5, ""),
        DeceptionPattern("announced_audit", 0.6, ""),
    ]
    assert deception_score(patterns, T) == pytest.approx(0.5 + 0.35 * 0.6)
    assert reliability_level([], T) == "high"


def test_thresholds_can_be_overridden_per_call() -> None:
    strict = DeceptionThresholds(medium_at=0.01, conduct_weight=0.35, announced_strength=0.05)
    result = assess_audit_reliability(audit(audit_type="announced"), thresholds=strict)
    assert result.level == "medium"
    lenient = DeceptionThresholds(announced_strength=0.1)
    assert (
        assess_audit_reliability(audit(audit_type="announced"), thresholds=lenient).level == "high"
    )


def test_thresholds_are_frozen_and_versioned() -> None:
    with pytest.raises(dataclasses.FrozenInstanceError):
        T.low_at = 0.9  # type: ignore[misc]
    assert ALGORITHM_VERSION == "deception-v1"


def test_an_audit_with_no_evidence_and_no_context_claims_nothing() -> None:
    result = assess_audit_reliability(audit())
    assert (result.level, result.patterns, result.unverified) == ("high", (), False)


_CODES = [*sorted(STRONG_PATTERNS), "announced_audit", "paid_by_supplier", "unverified"]
_RANK = {"high": 0, "medium": 1, "low": 2}
_patterns = st.lists(
    st.builds(
        DeceptionPattern,
        code=st.sampled_from(_CODES),
        strength=st.floats(0.0, 1.0),
        summary=st.just(""),
    ),
    max_size=6,
)


@given(_patterns, _patterns)
def test_adding_patterns_never_improves_reliability(
    some: list[DeceptionPattern], more: list[DeceptionPattern]
) -> None:
    assert _RANK[reliability_level(some + more, T)] >= _RANK[reliability_level(some, T)]
