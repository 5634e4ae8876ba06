"""Supply links: created (or updated) one at a time or from an upload, cycles refused, and the
buyers downstream of a change re-scored by a job."""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from api.engine_inputs.supplier import input_good
from api.engine_inputs.upstream import links_around
from api.errors import ProblemError
from api.events.append import PendingEvent, append_events
from ingest.supply_link_rows import input_key
from models import RescoreJob, Supplier, SupplyLink
from risk_data.types import RiskData
from screening import policy
from screening.upstream import find_cycle


@dataclass(frozen=True, slots=True)
class LinkValues:
    input_text: str
    hs_code: str | None = None
    share: float | None = None
    period_start: date | None = None
    period_end: date | None = None


def link_state(link: SupplyLink) -> dict[str, Any]:
    return {
        "supplier_id": str(link.supplier_id),
        "buyer_id": str(link.buyer_id),
        "input": link.input_text,
        "input_good": link.input_good,
        "hs_code": link.hs_code,
        "share": link.share,
        "period_start": link.period_start.isoformat() if link.period_start else None,
        "period_end": link.period_end.isoformat() if link.period_end else None,
    }


def cycle_problem(session: Session, cycle: Sequence[str]) -> ProblemError:
    names = {
        str(i): n
        for i, n in session.execute(
            select(Supplier.id, Supplier.name).where(
                Supplier.id.in_([uuid.UUID(c) for c in set(cycle)])
            )
        )
    }
    shown = [names.get(c, c) for c in cycle]
    return ProblemError(
        "supply-cycle",
        f"{shown[0]} cannot supply {shown[1]}: {' supplies '.join(shown[1:])}, so the link "
        "would make a supplier its own sub-supplier.",
        cycle=[{"supplier_id": c, "name": names.get(c, c)} for c in cycle],
    )


def find_link_cycle(
    session: Session, organisation_id: uuid.UUID, supplier_id: uuid.UUID, buyer_id: uuid.UUID
) -> tuple[str, ...] | None:
    below = links_around(session, organisation_id, buyer_id, upstream=False, max_depth=10_000)
    return find_cycle(
        ((str(r.supplier_id), str(r.buyer_id)) for r in below), str(supplier_id), str(buyer_id)
    )


def get_link(session: Session, organisation_id: uuid.UUID, link_id: uuid.UUID) -> SupplyLink:
    link = session.get(SupplyLink, link_id)
    if link is None or link.organisation_id != organisation_id:
        raise ProblemError("not-found", f"No supply link {link_id}.")
    return link


def put_link(
    session: Session,
    supplier: Supplier,
    buyer: Supplier,
    values: LinkValues,
    data: RiskData,
    *,
    actor: str,
    cycle_checked: bool = False,
) -> tuple[SupplyLink, str]:
    """Create the link ``supplier`` → ``buyer`` for this input, or update the one there is.
    Returns the link and ``created``, ``updated`` or ``unchanged``. No commit."""
    key = input_key(values.input_text)
    link = session.scalars(
        select(SupplyLink).where(
            SupplyLink.organisation_id == supplier.organisation_id,
            SupplyLink.supplier_id == supplier.id,
            SupplyLink.buyer_id == buyer.id,
            SupplyLink.input_key == key,
        )
    ).first()
    good = input_good(values.input_text, values.hs_code, supplier.country, data)
    columns = {
        "input_text": values.input_text,
        "input_good": good,
        "hs_code": values.hs_code,
        "share": values.share,
        "period_start": values.period_start,
        "period_end": values.period_end,
    }
    if link is None:
        if not cycle_checked:
            cycle = find_link_cycle(session, supplier.organisation_id, supplier.id, buyer.id)
            if cycle is not None:
                raise cycle_problem(session, cycle)
        link = SupplyLink(
            id=uuid.uuid4(),
            organisation_id=supplier.organisation_id,
            supplier_id=supplier.id,
            buyer_id=buyer.id,
            input_key=key,
            created_by=actor,
            **columns,
        )
        session.add(link)
        session.flush()
        append_events(
            session,
            supplier.organisation_id,
            actor,
            [
                PendingEvent(
                    "supply_link", str(link.id), "supply_link.created", None, link_state(link)
                )
            ],
        )
        return link, "created"
    before = link_state(link)
    for column, value in columns.items():
        setattr(link, column, value)
    after = link_state(link)
    if after == before:
        return link, "unchanged"
    session.flush()
    append_events(
        session,
        supplier.organisation_id,
        actor,
        [PendingEvent("supply_link", str(link.id), "supply_link.updated", before, after)],
    )
    return link, "updated"


def delete_link(session: Session, link: SupplyLink, actor: str) -> None:
    append_events(
        session,
        link.organisation_id,
        actor,
        [PendingEvent("supply_link", str(link.id), "supply_link.deleted", link_state(link), None)],
    )
    session.delete(link)
    session.flush()


def list_links(
    session: Session, organisation_id: uuid.UUID, supplier_id: uuid.UUID | None, limit: int
) -> list[SupplyLink]:
    query = select(SupplyLink).where(SupplyLink.organisation_id == organisation_id)
    if supplier_id is not None:
        query = query.where(
            (SupplyLink.supplier_id == supplier_id) | (SupplyLink.buyer_id == supplier_id)
        )
    return list(session.scalars(query.order_by(SupplyLink.created_at, SupplyLink.id).limit(limit)))


def affected_buyers(
    session: Session, organisation_id: uuid.UUID, buyers: Iterable[uuid.UUID]
) -> list[uuid.UUID]:
    """``buyers`` and every supplier downstream of them: whose upstream chain has changed."""
    found: set[uuid.UUID] = set()
    for buyer in set(buyers):
        if buyer in found:
            continue
        found.add(buyer)
        found.update(
            r.buyer_id for r in links_around(session, organisation_id, buyer, upstream=False)
        )
    return sorted(found)


def request_downstream_rescore(
    session: Session,
    organisation_id: uuid.UUID,
    buyers: Iterable[uuid.UUID],
    *,
    actor: str,
    trigger: str,
) -> RescoreJob | None:
    """A queued re-scoring job for the buyers whose upstream changed, or None if there are
    none. No commit; enqueue ``RESCORE_TASK`` with the job's id once committed."""
    ids = affected_buyers(session, organisation_id, buyers)
    if not ids:
        return None
    job = RescoreJob(
        organisation_id=organisation_id,
        requested_by=actor,
        status="queued",
        supplier_ids=[str(i) for i in ids],
        trigger=trigger[:200],
    )
    session.add(job)
    session.flush()
    return job


def supplier_in(session: Session, organisation_id: uuid.UUID, ref: str) -> Supplier | None:
    """A supplier by id or by the client's external reference."""
    try:
        found = session.get(Supplier, uuid.UUID(ref))
    except ValueError:
        found = None
    if found is not None and found.organisation_id == organisation_id:
        return found
    return session.scalars(
        select(Supplier).where(
            Supplier.organisation_id == organisation_id, Supplier.external_ref == ref
        )
    ).first()


def add_link(
    session: Session,
    organisation_id: uuid.UUID,
    supplier_id: uuid.UUID,
    buyer_id: uuid.UUID,
    values: LinkValues,
    data: RiskData,
    *,
    actor: str,
) -> tuple[SupplyLink, str, RescoreJob | None]:
    """The API's one link: created or updated, and a re-scoring job queued for the buyers
    downstream when it changed anything. Commits; the caller enqueues the job."""
    ends = []
    for pointer, supplier_id_ in (("/supplier_id", supplier_id), ("/buyer_id", buyer_id)):
        found = session.get(Supplier, supplier_id_)
        if found is None or found.organisation_id != organisation_id:
            raise ProblemError("not-found", f"No supplier {supplier_id_}.", pointer=pointer)
        ends.append(found)
    link, outcome = put_link(session, ends[0], ends[1], values, data, actor=actor)
    job = None
    if outcome != "unchanged":
        job = request_downstream_rescore(
            session,
            organisation_id,
            [buyer_id],
            actor=actor,
            trigger=f"supply link {outcome}: {ends[0].name} supplies {ends[1].name}",
        )
    session.commit()
    return link, outcome, job


def remove_link(
    session: Session, organisation_id: uuid.UUID, link_id: uuid.UUID, *, actor: str
) -> RescoreJob | None:
    link = get_link(session, organisation_id, link_id)
    buyer_id = link.buyer_id
    delete_link(session, link, actor)
    job = request_downstream_rescore(
        session, organisation_id, [buyer_id], actor=actor, trigger=f"supply link {link_id} deleted"
    )
    session.commit()
    return job


def upstream_signature(
    flag_reasons: Iterable[dict[str, Any]], result: dict[str, Any]
) -> tuple[str, ...]:
    """What an assessment passes to the buyers: its own hard flags and ILAB forced-labour goods
    (``api.engine_inputs.upstream.hazards_of`` reads the same)."""
    codes = {
        str(r["code"]) for r in flag_reasons if r["code"] not in policy.UPSTREAM_NOT_OWN_REASONS
    }
    for factor in result.get("factors", ()):
        if factor["code"] == "goods_forced_labour":
            codes.update(factor.get("evidence", ()))
    return tuple(sorted(codes))


def queue_buyers_if_changed(
    session: Session,
    supplier: Supplier,
    previous: tuple[str, ...],
    current: tuple[str, ...],
    *,
    actor: str,
) -> RescoreJob | None:
    """When what flows up from ``supplier`` changed, queue its buyers downstream for a
    re-score (the job waits for a runner: ``api.assessments.rescore.*_waiting_downstream``)."""
    if previous == current:
        return None
    buyers = session.scalars(
        select(SupplyLink.buyer_id).where(
            SupplyLink.organisation_id == supplier.organisation_id,
            SupplyLink.supplier_id == supplier.id,
        )
    ).all()
    if not buyers:
        return None
    return request_downstream_rescore(
        session,
        supplier.organisation_id,
        buyers,
        actor=actor,
        trigger=f"flags of {supplier.name} changed: {', '.join(current) or 'none'}",
    )
