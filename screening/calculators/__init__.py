"""Pure calculators over worker-level evidence records (SPEC 4.3).

Each takes records and thresholds and returns a frozen result that keeps the evidence rows
behind it (``"documents:W-0012"``), so a reviewer can check every number. They know nothing of
scores; ``screening.worker_evidence`` turns their results into indicator observations, and the
audit-deception detectors reuse them (e.g. ``hours.weekly_hours_by_worker``).
"""

from screening.calculators.deductions import DeductionBurden, assess_deductions
from screening.calculators.documents import DocumentCustody, assess_document_custody
from screening.calculators.hours import WorkingHours, assess_working_hours
from screening.calculators.recruitment import RecruitmentBurden, assess_recruitment
from screening.calculators.wage_payment import WagePayment, assess_wage_payment

__all__ = [
    "DeductionBurden",
    "DocumentCustody",
    "RecruitmentBurden",
    "WagePayment",
    "WorkingHours",
    "assess_deductions",
    "assess_document_custody",
    "assess_recruitment",
    "assess_wage_payment",
    "assess_working_hours",
]
