"""The data behind the reviewer's pages, read from the demo organisation: the queue's filters,
sorts and counts, batch assignment through the case service, the case page (reasons with
readable sources, factors that add up, the worker records behind a pattern), the dashboard."""

from __future__ import annotations

import uuid
from collections.abc import Iterator

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from api.audits.records import records_behind
from api.auth.roles import Role
from api.cases import queue
from api.cases.page import case_page
from api.cases.queue import QueueFilters
from api.dashboard.service import dashboard
from api.demo.load import load_demo
from api.deps import Principal
from api.events.actor import Actor
from api.events.service import events_for, verify_chain
from api.reference_data.service import RiskDataStore
from api.settings import Settings
from models import Audit, Event, ReviewCase, Supplier
from models.database import Database
from risk_data.types import RiskData

ME = "a.reviewer@demo.example"  # the demo assigns its most urgent case to this reviewer


@pytest.fixture
def demo(database: Database, settings: Settings) -> Iterator[tuple[Session, uuid.UUID, RiskData]]:
    with database.session() as session:
        data = RiskDataStore().in_force(session)
        summary = load_demo(session, settings, data)
        yield session, summary.organisation_id, data


def reviewer(organisation_id: uuid.UUID, prefix: str = "rev1") -> Principal:
    return Principal(organisation_id, Role.auditor, Actor.key(prefix, "a reviewer's key"))


def test_the_queue_counts_open_cases_and_filters_by_band_country_and_overdue(
    demo: tuple[Session, uuid.UUID, RiskData],
) -> None:
    session, org, _ = demo
    page = queue.review_queue(session, org, QueueFilters(), me=ME)
    open_cases = session.scalar(
        select(func.count()).select_from(ReviewCase).where(ReviewCase.status != "closed")
    )
    assert page.total == page.counts.open_total == open_cases
    assert sum(page.counts.by_priority.values()) == open_cases
    assert page.counts.mine == 1 and page.counts.unassigned == open_cases - 2
    critical = queue.review_queue(session, org, QueueFilters(band=("critical",)), me=ME)
    assert critical.items and critical.total < page.total
    assert all(critical.bands[c.id] == "critical" for c in critical.items)
    country = critical.items[0].country
    by_country = queue.review_queue(session, org, QueueFilters(country=country.lower()), me=ME)
    assert by_country.items and {c.country for c in by_country.items} == {country}
    assert queue.review_queue(session, org, QueueFilters(overdue=True), me=ME).total == 0
    mine = queue.review_queue(session, org, QueueFilters(mine=True), me=ME)
    assert [c.assignee for c in mine.items] == [ME]
    unassigned = queue.review_queue(session, org, QueueFilters(assignee=queue.UNASSIGNED), me=ME)
    assert unassigned.total == page.counts.unassigned


def test_sorting_by_score_puts_the_highest_first_and_pages_hold_the_rest(
    demo: tuple[Session, uuid.UUID, RiskData],
) -> None:
    session, org, _ = demo
    first = queue.review_queue(session, org, QueueFilters(), me=ME, sort="score", page_size=5)
    scores = [first.scores[c.id] or 0.0 for c in first.items]
    assert scores == sorted(scores, reverse=True)
    rest = queue.review_queue(
        session, org, QueueFilters(), me=ME, sort="score", page=2, page_size=5
    )
    assert rest.page == 2 and first.pages == -(-first.total // 5)
    assert max(rest.scores[c.id] or 0.0 for c in rest.items) <= min(scores)
    assert not {c.id for c in first.items} & {c.id for c in rest.items}


def test_the_queue_never_shows_another_organisations_cases(
    demo: tuple[Session, uuid.UUID, RiskData],
) -> None:
    session, _, _ = demo
    assert queue.review_queue(session, uuid.uuid4(), QueueFilters(), me=ME).total == 0


def test_batch_assignment_writes_one_event_per_case_and_refuses_what_it_cannot_assign(
    demo: tuple[Session, uuid.UUID, RiskData],
) -> None:
    session, org, _ = demo
    cases = queue.review_queue(session, org, QueueFilters(assignee=queue.UNASSIGNED), me=ME)
    chosen = [c.id for c in cases.items[:3]]
    foreign = uuid.uuid4()
    result = queue.assign_many(
        session, reviewer(org), [*chosen, foreign], "c.reviewer@demo.example"
    )
    assert result.assigned == chosen
    assert list(result.refused) == [foreign]
    for case_id in chosen:
        actions = [e.action for e in events_for(session, org, "case", case_id)]
        assert actions.count("case.assigned") == 1
    again = queue.assign_many(session, reviewer(org), chosen, "c.reviewer@demo.example")
    assert again.unchanged == chosen and not again.assigned
    assert verify_chain(session).ok


def test_the_case_page_reasons_cite_sources_by_title_and_factors_add_up_to_the_score(
    demo: tuple[Session, uuid.UUID, RiskData],
) -> None:
    session, org, data = demo
    for case in session.scalars(select(ReviewCase).where(ReviewCase.organisation_id == org)):
        page = case_page(session, data, case)
        assert page.assessment is not None
        assert page.factor_total == pytest.approx(page.assessment.score, abs=0.05)
        for reason in page.reasons:
            assert reason.citations, reason.code
            for citation in reason.citations:
                assert ".txt" not in citation.label and ".xml" not in citation.label
        assert len(page.indicators) == 11
        assert page.timeline and page.timeline[-1].action == "case.opened"


def test_a_pattern_drills_down_to_the_worker_records_behind_it(
    demo: tuple[Session, uuid.UUID, RiskData],
) -> None:
    session, org, data = demo
    found = 0
    for case in session.scalars(select(ReviewCase).where(ReviewCase.organisation_id == org)):
        page = case_page(session, data, case)
        for reliability in page.reliability:
            for pattern in reliability.patterns:
                if not pattern.has_records:
                    continue
                assert reliability.audit_id is not None
                audit = session.get_one(Audit, reliability.audit_id)
                records = records_behind(session, audit, pattern.refs)
                assert not records.empty, pattern.code
                assert not records.unresolved, (pattern.code, records.unresolved)
                workers = {ref.split(":")[1] for ref in pattern.refs if ref.count(":") >= 1}
                shown = {
                    r.worker_ref
                    for rows in (records.timesheets, records.payroll, records.interviews)
                    for r in rows
                }
                assert shown <= workers
                found += 1
    assert found, "the demo has deceptive audits whose patterns rest on worker records"


def test_an_indicator_drills_down_to_its_findings_and_documents(
    demo: tuple[Session, uuid.UUID, RiskData],
) -> None:
    session, org, data = demo
    case = next(
        c
        for c in session.scalars(select(ReviewCase).where(ReviewCase.organisation_id == org))
        if "retention_of_identity_documents" in {r["code"] for r in c.reasons}
    )
    page = case_page(session, data, case)
    documents = next(i for i in page.indicators if i.code == "retention_of_identity_documents")
    assert documents.status == "found"
    audit = session.scalars(
        select(Audit).where(
            Audit.supplier_id == case.supplier_id, Audit.external_ref.in_(documents.audit_refs)
        )
    ).first()
    assert audit is not None
    records = records_behind(session, audit, documents.refs)
    assert records.findings or records.documents
    assert all(d.holder != "worker" for d in records.documents)


def test_the_dashboard_adds_up_to_the_registry_and_the_queue(
    demo: tuple[Session, uuid.UUID, RiskData],
) -> None:
    session, org, _ = demo
    board = dashboard(session, org)
    active = session.scalar(
        select(func.count())
        .select_from(Supplier)
        .where(Supplier.organisation_id == org, Supplier.status == "active")
    )
    assert board.suppliers == active
    assert sum(n for _, n in board.by_band) + board.unscored == active
    assert sum(n for _, n in board.by_country) == active
    assert sum(n for _, n in board.cases_by_age) == board.open_cases
    assert dict(board.cases_by_age)["under 7 days"] == board.open_cases  # just loaded
    assert board.flags_by_reason[0][1] >= board.flags_by_reason[-1][1]
    assert dashboard(session, uuid.uuid4()).suppliers == 0
    assert session.scalar(select(func.count()).select_from(Event)) > 0
