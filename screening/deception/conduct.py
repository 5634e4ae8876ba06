"""How the audit was run: conditions that let a site stage the visit.

These do not show deception; they show that deception would have been easy and unlikely to
be caught, so they weigh less than fabricated data in ``combine.py``.
"""

from __future__ import annotations

from screening.deception._common import audit_ref, capped, interview_ref, pct, scaled_strength
from screening.deception.thresholds import DeceptionThresholds
from screening.inputs.audit import Audit
from screening.reliability import DeceptionPattern

ANNOUNCED = "announced_audit"
PAID_BY_SUPPLIER = "paid_by_supplier"
NOT_IN_WORKER_LANGUAGE = "interviews_not_in_worker_language"


def detect_announced_audit(audit: Audit, t: DeceptionThresholds) -> DeceptionPattern | None:
    """Announced (or semi-announced) audits give time to stage the site.

    Seed 004 L632: passports handed back "only ... during audits"; L638: underage workers
    told to hide "during the audit"; L645 recommends "Ensuring that audits are unannounced".
    """
    if audit.audit_type == "announced":
        strength, how = t.announced_strength, "announced in advance"
    elif audit.audit_type == "semi_announced":
        strength, how = t.semi_announced_strength, "semi-announced (a window was disclosed)"
    else:
        return None
    return DeceptionPattern(
        code=ANNOUNCED,
        strength=strength,
        summary=f"The audit was {how}, leaving the site time to prepare records and workers.",
        evidence=(audit_ref(audit.audit_ref),),
    )


def detect_paid_by_supplier(audit: Audit, t: DeceptionThresholds) -> DeceptionPattern | None:
    """The audited supplier paid the auditor: the auditor's client is the one being judged.

    Seed 004 L616-L618: a clean audit wins "lucrative multiyear contracts", so sites have "a
    strong incentive to ensure they pass"; L620: consultants may bribe auditors.
    """
    if audit.paid_by != "supplier":
        return None
    return DeceptionPattern(
        code=PAID_BY_SUPPLIER,
        strength=t.paid_by_supplier_strength,
        summary="The audited supplier paid for its own audit.",
        evidence=(audit_ref(audit.audit_ref),),
    )


def detect_interviews_not_in_worker_language(
    audit: Audit, t: DeceptionThresholds
) -> DeceptionPattern | None:
    """Interviews held in a language other than the workers' own.

    Seed 003 L1585: trafficked people may "Be unfamiliar with the local language"; an
    interview through a supervisor or in the local language silences them. RBA's SVAP
    requires native-language interviews (peers.md section 5).
    """
    records = [i for i in audit.evidence.interviews if i.language is not None and i.worker_language]
    foreign = [i for i in records if i.language != i.worker_language]
    share = len(foreign) / len(records) if records else 0.0
    declared_no = audit.interviews_in_worker_language is False
    if len(records) >= t.min_workers_for_share and share >= t.foreign_language_interview_share:
        strength = scaled_strength(share, t.foreign_language_interview_share, 1.0)
        summary = (
            f"{len(foreign)} of {len(records)} interviews ({pct(share)}) were not held in "
            "the worker's own language."
        )
        refs = capped((interview_ref(i.worker_ref) for i in foreign), t.max_evidence_refs)
        return DeceptionPattern(
            code=NOT_IN_WORKER_LANGUAGE,
            strength=max(strength, t.foreign_language_strength if declared_no else 0.0),
            summary=summary,
            evidence=refs,
        )
    if declared_no:
        return DeceptionPattern(
            code=NOT_IN_WORKER_LANGUAGE,
            strength=t.foreign_language_strength,
            summary="The audit states that interviews were not held in the workers' language.",
            evidence=(audit_ref(audit.audit_ref),),
        )
    return None
