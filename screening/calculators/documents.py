"""Who holds the workers' passports and IDs (ILO: retention of identity documents)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from screening.inputs.evidence import DocumentCustodyRecord
from screening.policy import DEFAULT_THRESHOLDS, CalculatorThresholds


@dataclass(frozen=True, slots=True)
class DocumentCustody:
    """Document custody across the workers with a custody record."""

    workers: int
    held_by_others: tuple[str, ...]  # worker refs whose document someone else holds
    holders: tuple[tuple[str, int], ...]  # (holder, workers) for every holder but "worker"
    evidence: tuple[str, ...]  # "documents:W-0012" for each retained document

    @property
    def share_held(self) -> float:
        return len(self.held_by_others) / self.workers if self.workers else 0.0

    @property
    def retained(self) -> bool:
        return bool(self.held_by_others)


def assess_document_custody(
    records: Sequence[DocumentCustodyRecord],
    thresholds: CalculatorThresholds = DEFAULT_THRESHOLDS,
) -> DocumentCustody:
    """Passports or IDs held by anyone but the worker: employer, agency or anyone else.

    A worker with several records counts as retained if any record shows someone else holding a
    document: the passport may be "given back" for the audit only (004 L632).
    """
    del thresholds  # any retention counts; the share is judged by the caller
    held: dict[str, str] = {}
    workers: set[str] = set()
    for record in records:
        workers.add(record.worker_ref)
        if record.holder != "worker" and record.worker_ref not in held:
            held[record.worker_ref] = record.holder
    by_holder: dict[str, int] = {}
    for holder in held.values():
        by_holder[holder] = by_holder.get(holder, 0) + 1
    refs = tuple(sorted(held))
    return DocumentCustody(
        workers=len(workers),
        held_by_others=refs,
        holders=tuple(sorted(by_holder.items())),
        evidence=tuple(f"documents:{ref}" for ref in refs),
    )
