"""Document custody (ILO: retention of identity documents; 003 L1582, 004 L630)."""

from screening.calculators import assess_document_custody
from screening.inputs.evidence import DocumentCustodyRecord

from .conftest import documents_held


def test_passports_held_by_agency_count_as_retained() -> None:
    custody = assess_document_custody([DocumentCustodyRecord("W-0012", "agency")])
    assert custody.retained
    assert custody.evidence == ("documents:W-0012",)


def test_passports_held_by_workers_are_not_retained() -> None:
    custody = assess_document_custody(documents_held(10, 0))
    assert not custody.retained
    assert custody.share_held == 0.0
    assert custody.workers == 10


def test_share_held_counts_each_worker_once_across_holders() -> None:
    records = [*documents_held(10, 2, "employer"), DocumentCustodyRecord("W-0001", "other")]
    custody = assess_document_custody(records)
    assert custody.held_by_others == ("W-0001", "W-0002")
    assert custody.share_held == 0.2
    assert custody.holders == (("employer", 2),)


def test_a_worker_holding_the_passport_only_on_audit_day_still_counts_as_retained() -> None:
    """Passports in lockers opened only for the audit (004 L632): any record of another holder
    counts, even if another record says the worker holds it."""
    records = [
        DocumentCustodyRecord("W-0001", "worker"),
        DocumentCustodyRecord("W-0001", "employer"),
    ]
    assert assess_document_custody(records).retained


def test_no_records_means_nothing_retained_and_no_workers() -> None:
    custody = assess_document_custody([])
    assert custody.workers == 0 and not custody.retained and custody.share_held == 0.0
