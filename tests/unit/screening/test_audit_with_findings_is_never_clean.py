"""An audit that found forced labour is judged as reliably as if it found nothing (adding a
finding never lowers a score), but it is never described as a clean audit."""

from __future__ import annotations

from datetime import date

from screening.audit_reliability import judge_audit
from screening.inputs.audit import Audit, Finding

FOUND = (
    Finding("debt_bondage", "critical", description="Workers repay recruitment loans"),
    Finding("restriction_of_movement", "critical", description="Gates locked at night"),
)


def _judge(findings: tuple[Finding, ...]) -> tuple[str, list[str]]:
    audit = Audit("SMETA-MY-1", audited_on=date(2026, 6, 1), findings=findings)
    reliability = judge_audit(audit, prior_audits=(), peer_reports=(), high_risk_context=True)
    return reliability.level, [p.summary for p in reliability.patterns]


def test_an_audit_with_critical_findings_is_not_called_clean() -> None:
    level, summaries = _judge(FOUND)
    assert summaries and not any("clean" in s.casefold() for s in summaries)
    assert any("findings are scored" in s for s in summaries)
    assert level == _judge(())[0]  # the same level as with no findings: monotonic


def test_an_audit_without_findings_is_still_a_clean_unverified_one() -> None:
    _, summaries = _judge(())
    assert any(s.startswith("A clean audit in a high-risk context") for s in summaries)
