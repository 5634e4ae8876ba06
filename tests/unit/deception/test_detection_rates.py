"""Detection rates on generated evidence: TPR >= 0.9 and FPR <= 0.1 for every detector.

Each detector is run on 30 honest audits (false positives) and 30 audits with its pattern
injected at ``STRENGTH`` (true positives). A sensitivity row at weaker strengths is printed
for the report but not asserted: below a detector's threshold share it is meant to be silent.

    .venv/bin/pytest tests/unit/deception/test_detection_rates.py -s
"""

from __future__ import annotations

from collections import Counter

import pytest

from screening.deception import detect_patterns
from tests.generators.audit_evidence import PATTERNS, generate_audit

SEEDS = 30
WORKERS = 100
STRENGTH = 0.4
WEAK_STRENGTHS = (0.15, 0.25)


def found_codes(seed: int, inject: dict[str, float] | None = None) -> set[str]:
    generated = generate_audit(seed, workers=WORKERS, inject=inject)
    return {p.code for p in detect_patterns(generated.audit, **generated.context())}


def rate(pattern: str, strength: float) -> float:
    return (
        sum(pattern in found_codes(10_000 + s, {pattern: strength}) for s in range(SEEDS)) / SEEDS
    )


@pytest.fixture(scope="module")
def rates() -> dict[str, dict[str, float]]:
    false_positives: Counter[str] = Counter()
    for seed in range(SEEDS):
        false_positives.update(found_codes(seed))
    table: dict[str, dict[str, float]] = {}
    for pattern in PATTERNS:
        table[pattern] = {"tpr": rate(pattern, STRENGTH), "fpr": false_positives[pattern] / SEEDS}
    return table


def test_every_detector_meets_tpr_and_fpr(
    rates: dict[str, dict[str, float]], capsys: pytest.CaptureFixture[str]
) -> None:
    lines = [
        f"\nDetection rates: {SEEDS} seeds each, {WORKERS} workers x 91 days, "
        f"injected share {STRENGTH}",
        "| detector | TPR | FPR |",
        "| --- | ---: | ---: |",
    ]
    lines += [f"| {p} | {r['tpr']:.2f} | {r['fpr']:.2f} |" for p, r in rates.items()]
    with capsys.disabled():
        print("\n".join(lines))
    failing = {p: r for p, r in rates.items() if r["tpr"] < 0.9 or r["fpr"] > 0.1}
    assert not failing, failing


@pytest.mark.slow
def test_sensitivity_at_weaker_injections_is_reported(capsys: pytest.CaptureFixture[str]) -> None:
    """Informational: how TPR falls as fewer workers are affected (thresholds are shares)."""
    share_patterns = PATTERNS[:5]
    header = " | ".join(f"TPR @ {s}" for s in WEAK_STRENGTHS)
    lines = ["", f"| detector | {header} |", "| --- |" + " ---: |" * len(WEAK_STRENGTHS)]
    for pattern in share_patterns:
        cells = " | ".join(f"{rate(pattern, s):.2f}" for s in WEAK_STRENGTHS)
        lines.append(f"| {pattern} | {cells} |")
    with capsys.disabled():
        print("\n".join(lines))
