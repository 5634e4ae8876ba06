"""Loading the demo organisation: suppliers, audits with evidence, scores, cases, an admin key.

Everything goes through the same services the API uses (audits analysed for reliability and
re-scored, cases opened by flags, every change an event), so the demo shows the product as
it is, not a picture of it.
"""

from __future__ import annotations

import math
import uuid
from dataclasses import dataclass
from datetime import timedelta
from typing import Final

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from api.assessments.service import assess_supplier
from api.audits.schemas import AuditIn
from api.audits.service import create_audit
from api.auth import service as key_service
from api.auth.roles import Role
from api.cases import service as case_service
from api.cases.schemas import AssignIn, CommentIn, StatusIn
from api.clock import today
from api.demo.catalogue import SUPPLIERS, DemoAudit, DemoSupplier
from api.demo.evidence import worker_evidence
from api.deps import Principal
from api.events.actor import Actor
from api.events.service import record_event
from api.lists.store import LIST_FIXTURES, store_version
from api.organisations import service as org_service
from api.settings import Settings
from api.users import service as users
from api.users.passwords import generate_password
from ingest.lists import read_list
from models import Organisation, ReviewCase, ScreeningListVersion, Supplier
from risk_data.types import RiskData
from screening.matching.normalise import normalise_name

DEMO_ORGANISATION: Final = "Demo Organisation"
ACTOR: Final = "demo"


@dataclass(frozen=True)
class DemoPerson:
    email: str
    name: str
    role: Role
    password: str  # made for this run; only its hash is stored


# Two reviewers, so a critical clearance by one can be confirmed by the other (four eyes).
DEMO_PEOPLE: Final = (
    ("a.reviewer@demo.example", "Ana Reviewer", Role.auditor),
    ("b.reviewer@demo.example", "Ben Reviewer", Role.auditor),
    ("admin@demo.example", "Ada Admin", Role.admin),
)


@dataclass(frozen=True)
class DemoSummary:
    organisation_id: uuid.UUID
    created: bool
    suppliers: int
    audits: int
    flagged: int
    open_cases: int
    admin_key: str
    admin_prefix: str
    people: tuple[DemoPerson, ...] = ()


def demo_organisation(session: Session) -> Organisation | None:
    return session.scalars(
        select(Organisation).where(Organisation.name == DEMO_ORGANISATION)
    ).one_or_none()


def _supplier(session: Session, organisation_id: uuid.UUID, spec: DemoSupplier) -> Supplier:
    supplier = Supplier(
        organisation_id=organisation_id,
        external_ref=spec.ref,
        name=spec.name,
        normalised_name=(normalise_name(spec.name).key or spec.name.casefold())[:300],
        country=spec.country,
        sector=spec.sector,
        city=spec.city,
        products=list(spec.products),
        tier=1,
        worker_count=spec.workers,
        migrant_share=spec.migrant_share,
        recruitment_agencies=list(spec.agencies),
        status="active",
    )
    session.add(supplier)
    session.flush()
    record_event(
        session,
        organisation_id=organisation_id,
        entity_type="supplier",
        entity_id=supplier.id,
        action="supplier.created",
        actor=ACTOR,
        after={
            "external_ref": spec.ref,
            "name": spec.name,
            "country": spec.country,
            "sector": spec.sector,
            "source": "demo",
            "story": spec.story,
        },
    )
    return supplier


def _audit_body(spec: DemoSupplier, audit: DemoAudit, seed: int) -> AuditIn:
    audited_on = today() - timedelta(days=audit.days_ago)
    evidence = worker_evidence(seed, audited_on, audit.conduct) if audit.conduct else None
    # Unless the catalogue says otherwise, as many interviews as the square-root rule asks
    # (screening.deception.sampling); the evidence holds a sample of them.
    interviewed = audit.interviewed or max(3, math.ceil(math.sqrt(spec.workers)))
    return AuditIn(
        audit_ref=f"{spec.ref}-A{seed % 10}",
        audited_on=audited_on,
        audit_type=audit.audit_type,
        standard=audit.standard,
        firm=audit.firm,
        auditor=audit.auditor,
        paid_by=audit.paid_by,
        workers_total=spec.workers,
        workers_interviewed=interviewed,
        interviews_in_worker_language=audit.in_worker_language,
        report_text=audit.report_text,
        findings=[f.model_copy(update={"found_on": audited_on}) for f in audit.findings],
        **({"evidence": evidence} if evidence else {}),
    )


def _demo_people(session: Session, organisation_id: uuid.UUID) -> tuple[DemoPerson, ...]:
    """The demo's people, each with a new random password (made, or re-set on a rerun)."""
    people = []
    for email, name, role in DEMO_PEOPLE:
        password = generate_password()
        user = users.get_by_email(session, email)
        if user is None:
            users.create_user(
                session,
                organisation_id=organisation_id,
                email=email,
                name=name,
                role=role,
                password=password,
                actor=ACTOR,
            )
        else:
            users.enable_user(session, user, actor=ACTOR)
            users.set_password(session, user, password, actor=ACTOR)
        people.append(DemoPerson(email, name, role, password))
    return tuple(people)


def _review_some_cases(session: Session, organisation_id: uuid.UUID) -> None:
    """A queue a reviewer has started on: the two most urgent cases assigned, one under
    review with a note, all by the first demo reviewer."""
    email, name, role = DEMO_PEOPLE[0]
    user = users.get_by_email(session, email)
    assert user is not None
    reviewer = Principal(organisation_id, role, Actor.person(user.id, name))
    cases = session.scalars(
        select(ReviewCase)
        .where(ReviewCase.organisation_id == organisation_id)
        .order_by(ReviewCase.priority_rank, ReviewCase.opened_at, ReviewCase.id)
        .limit(2)
    ).all()
    for case, assignee in zip(
        cases, ("a.reviewer@demo.example", "b.reviewer@demo.example"), strict=False
    ):
        case_service.assign(
            session, reviewer, case.id, AssignIn(assignee=assignee, version=case.version), None
        )
    if cases:
        first = cases[0]
        case_service.change_status(
            session, reviewer, first.id, StatusIn(status="in_review", version=first.version), None
        )
        case_service.add_comment(
            session,
            reviewer,
            first.id,
            CommentIn(
                body="Asked the buyer's sourcing team for the recruitment agency contracts and an "
                "unannounced re-audit with off-site worker interviews."
            ),
        )


def _load_fixture_lists(session: Session) -> None:
    """The shipped list fixtures (real entries typed from the public lists), for datasets the
    operator has not loaded: the demo screens against them like any registry."""
    loaded = set(session.scalars(select(ScreeningListVersion.dataset)))
    for path in sorted(LIST_FIXTURES.glob("*.*")):
        if path.suffix not in (".json", ".csv"):
            continue
        screening_list = read_list(path.read_bytes(), filename=path.name)
        if screening_list.dataset not in loaded:
            store_version(session, screening_list, actor=ACTOR)
    session.commit()


def load_demo(session: Session, settings: Settings, data: RiskData) -> DemoSummary:
    """Create and score the demo organisation, or, when it exists, only mint a new admin key."""
    existing = demo_organisation(session)
    created = existing is None
    if existing is None:
        _load_fixture_lists(session)
        organisation = org_service.create_organisation(session, DEMO_ORGANISATION)
        audits = 0
        for index, spec in enumerate(SUPPLIERS, 1):
            supplier = _supplier(session, organisation.id, spec)
            if not spec.audits:
                assess_supplier(session, supplier, data, actor=ACTOR)
                session.commit()
            for number, audit in enumerate(spec.audits, 1):
                body = _audit_body(spec, audit, seed=index * 10 + number)
                create_audit(
                    session,
                    organisation_id=organisation.id,
                    supplier_id=supplier.id,
                    body=body,
                    data=data,
                    actor=ACTOR,
                )  # commits
                audits += 1
        people = _demo_people(session, organisation.id)
        _review_some_cases(session, organisation.id)
    else:
        organisation = existing
        audits = -1
        people = _demo_people(session, organisation.id)
    key, plaintext = key_service.create_key(
        session, settings, organisation_id=organisation.id, role=Role.admin, name="demo admin"
    )

    def count(query: object) -> int:
        return int(session.scalar(query) or 0)  # type: ignore[call-overload]

    org_id = organisation.id
    return DemoSummary(
        organisation_id=org_id,
        created=created,
        suppliers=count(
            select(func.count()).select_from(Supplier).where(Supplier.organisation_id == org_id)
        ),
        audits=audits,
        flagged=count(
            select(func.count())
            .select_from(Supplier)
            .where(Supplier.organisation_id == org_id, Supplier.flagged.is_(True))
        ),
        open_cases=count(
            select(func.count())
            .select_from(ReviewCase)
            .where(ReviewCase.organisation_id == org_id, ReviewCase.status != "closed")
        ),
        admin_key=plaintext,
        admin_prefix=key.prefix,
        people=people,
    )
