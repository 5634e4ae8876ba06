"""Indicators computed from worker-level evidence, not only from an auditor's words (SPEC 4.3).

Runs the calculators on one audit's evidence and says, per ILO indicator, what the records show
(an ``Observation``) and which indicators the records were able to assess at all.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from screening import policy
from screening.calculators import (
    DeductionBurden,
    DocumentCustody,
    RecruitmentBurden,
    WagePayment,
    WorkingHours,
    assess_deductions,
    assess_document_custody,
    assess_recruitment,
    assess_wage_payment,
    assess_working_hours,
)
from screening.calculators.unpaid_hours import assess_unpaid_hours
from screening.inputs.audit import Audit, Severity
from screening.observations import Observation
from screening.policy import CalculatorThresholds


@dataclass(frozen=True, slots=True)
class WorkerEvidenceResult:
    observations: tuple[Observation, ...]
    assessed: frozenset[str]  # ILO indicator codes the records could show or rule out
    documents: DocumentCustody | None = None
    recruitment: RecruitmentBurden | None = None
    deductions: DeductionBurden | None = None
    wage_payment: WagePayment | None = None
    hours: WorkingHours | None = None


EMPTY_RESULT = WorkerEvidenceResult(observations=(), assessed=frozenset())


def _share_severity(affected: int, workers: int, critical_share: float) -> Severity:
    """One worker is already serious (high); a share of the workforce is systemic (critical)."""
    if workers and affected / workers >= critical_share:
        return "critical"
    return "high"


def _hours_severity(hours: WorkingHours, t: CalculatorThresholds) -> Severity:
    if hours.max_weekly_hours > t.critical_weekly_hours:
        return "critical"
    if hours.max_weekly_hours > t.high_weekly_hours:
        return "high"
    return "medium"


def observe_worker_evidence(
    audit: Audit,
    *,
    as_of: date,
    thresholds: CalculatorThresholds = policy.DEFAULT_THRESHOLDS,
) -> WorkerEvidenceResult:
    evidence = audit.evidence
    if evidence.is_empty:
        return EMPTY_RESULT
    observations: list[Observation] = []
    assessed: set[str] = set()

    def observe(indicator: str, severity: Severity, summary: str, refs: tuple[str, ...]) -> None:
        observations.append(
            Observation(
                indicator=indicator,
                source="worker_evidence",
                audit_ref=audit.audit_ref,
                observed_on=audit.audited_on,
                severity=severity,
                status="open",
                summary=summary,
                refs=refs,
            )
        )

    documents = None
    if evidence.documents:
        documents = assess_document_custody(evidence.documents, thresholds)
        assessed.add(policy.RETENTION_OF_IDENTITY_DOCUMENTS)
        if documents.retained:
            holders = ", ".join(f"{h} ({n})" for h, n in documents.holders)
            observe(
                policy.RETENTION_OF_IDENTITY_DOCUMENTS,
                _share_severity(
                    len(documents.held_by_others),
                    documents.workers,
                    thresholds.document_retention_critical_share,
                ),
                f"passport or ID of {len(documents.held_by_others)} of {documents.workers} "
                f"workers held by {holders}",
                documents.evidence,
            )

    recruitment = None
    deductions = None
    if evidence.recruitment:
        recruitment = assess_recruitment(evidence.recruitment, thresholds)
        assessed.add(policy.DEBT_BONDAGE)
    if evidence.payroll:
        deductions = assess_deductions(evidence.payroll, thresholds)
    fee_deducted = deductions.recruitment_fee_deducted if deductions else ()
    bonded = set(recruitment.bonded if recruitment else ()) | set(fee_deducted)
    payers = set(recruitment.fee_payers if recruitment else ())
    if bonded or payers:
        workers = max(recruitment.workers if recruitment else 0, len(bonded | payers))
        refs = (recruitment.evidence if recruitment else ()) + (
            deductions.fee_evidence if deductions else ()
        )
        if bonded:
            months = recruitment.max_fee_months if recruitment else None
            months_text = f"; largest fee {months:.1f} months' wage" if months is not None else ""
            observe(
                policy.DEBT_BONDAGE,
                _share_severity(len(bonded), workers, thresholds.recruitment_critical_share),
                f"{len(bonded)} of {workers} workers paid a recruitment fee of a month's wage or "
                f"more or owe recruitment debt{months_text}",
                refs,
            )
        else:
            observe(
                policy.DEBT_BONDAGE,
                "medium",
                f"{len(payers)} of {workers} workers paid recruitment fees (employer-pays broken)",
                refs,
            )

    wage_payment = None
    if evidence.payroll:
        assessed.add(policy.WITHHOLDING_OF_WAGES)
        wage_payment = assess_wage_payment(evidence.payroll, thresholds, as_of=as_of)
        payroll_workers = wage_payment.workers
        withheld = set(wage_payment.withheld) | set(wage_payment.workers_in_shared_accounts)
        if withheld:
            parts = []
            if wage_payment.withheld:
                parts.append(
                    f"wages of {len(wage_payment.withheld)} workers unpaid or paid "
                    f"{thresholds.withheld_after_days}+ days late"
                )
            if wage_payment.shared_accounts:
                parts.append(
                    f"{len(wage_payment.shared_accounts)} bank accounts receive the "
                    f"wages of {len(wage_payment.workers_in_shared_accounts)} workers"
                )
            observe(
                policy.WITHHOLDING_OF_WAGES,
                _share_severity(
                    len(withheld), payroll_workers, thresholds.withheld_wages_critical_share
                ),
                "; ".join(parts),
                wage_payment.evidence,
            )
        elif wage_payment.late:
            observe(
                policy.WITHHOLDING_OF_WAGES,
                "medium",
                f"wages of {len(wage_payment.late)} workers paid late "
                f"(up to {wage_payment.max_days_late} days)",
                wage_payment.evidence,
            )
        unpaid = assess_unpaid_hours(evidence.payroll, evidence.timesheets, thresholds)
        if unpaid is not None and unpaid.unpaid:
            observe(
                policy.WITHHOLDING_OF_WAGES,
                _share_severity(
                    len(unpaid.unpaid),
                    unpaid.workers_checked,
                    thresholds.withheld_wages_critical_share,
                ),
                f"{len(unpaid.unpaid)} of {unpaid.workers_checked} workers worked hours their pay "
                f"slips do not pay (up to {unpaid.max_unpaid_hours:g} h in a pay period)",
                unpaid.evidence,
            )
        if deductions is not None and deductions.excessive:
            severity: Severity = (
                "high" if deductions.max_share >= thresholds.deduction_share_high else "medium"
            )
            observe(
                policy.WITHHOLDING_OF_WAGES,
                severity,
                f"deductions above {thresholds.deduction_share_limit:.0%} of gross for "
                f"{len(deductions.excessive)} workers (max {deductions.max_share:.0%})",
                deductions.evidence,
            )

    hours = None
    has_interview_hours = any(
        i.reported_weekly_hours is not None or i.reported_rest_days_per_week is not None
        for i in evidence.interviews
    )
    if evidence.timesheets or has_interview_hours:
        hours = assess_working_hours(evidence.timesheets, evidence.interviews, thresholds)
        assessed.add(policy.EXCESSIVE_OVERTIME)
        if hours.excessive:
            severity = _hours_severity(hours, thresholds)
            if hours.without_rest and severity == "medium":
                severity = "high" if hours.over_limit else "medium"
            observe(
                policy.EXCESSIVE_OVERTIME,
                severity,
                f"{len(hours.over_limit)} workers above {thresholds.excessive_weekly_hours:g} "
                f"hours a week (max {hours.max_weekly_hours:g}); {len(hours.without_rest)} "
                f"without a rest day in seven",
                hours.evidence,
            )

    return WorkerEvidenceResult(
        observations=tuple(observations),
        assessed=frozenset(assessed),
        documents=documents,
        recruitment=recruitment,
        deductions=deductions,
        wage_payment=wage_payment,
        hours=hours,
    )
