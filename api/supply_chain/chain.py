"""A supplier's chain read from the registry: the links up (its suppliers, theirs ...) and down
(its buyers ...), each supplier with the distance at which it was first reached."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any, Final

from sqlalchemy import select
from sqlalchemy.orm import Session

from api.engine_inputs.upstream import MAX_CHAIN_DEPTH, links_around
from api.supply_chain.service import link_state
from models import Supplier, SupplyLink

DEFAULT_DEPTH: Final = 10


@dataclass(frozen=True, slots=True)
class ChainSide:
    depths: dict[uuid.UUID, int]  # supplier -> links away from the subject
    links: list[SupplyLink]
    truncated: bool  # more links lie beyond the depth asked for


def _side(
    session: Session, organisation_id: uuid.UUID, subject: uuid.UUID, *, upstream: bool, depth: int
) -> ChainSide:
    rows = links_around(session, organisation_id, subject, upstream=upstream, max_depth=depth + 1)
    near, far = ("buyer_id", "supplier_id") if upstream else ("supplier_id", "buyer_id")
    depths = {subject: 0}
    kept: list[uuid.UUID] = []
    truncated = False
    # links_around is breadth first: a link's near end is always placed before it.
    for row in rows:
        at = depths.get(getattr(row, near))
        if at is None:
            continue
        if at >= depth:
            truncated = True
            continue
        depths.setdefault(getattr(row, far), at + 1)
        kept.append(row.id)
    links = _links(session, kept)
    return ChainSide(depths, links, truncated)


def _links(session: Session, ids: list[uuid.UUID]) -> list[SupplyLink]:
    found: dict[uuid.UUID, SupplyLink] = {}
    for start in range(0, len(ids), 500):
        for link in session.scalars(
            select(SupplyLink).where(SupplyLink.id.in_(ids[start : start + 500]))
        ):
            found[link.id] = link
    return [found[i] for i in ids if i in found]


def upstream_side(session: Session, subject: Supplier, depth: int) -> ChainSide:
    return _side(session, subject.organisation_id, subject.id, upstream=True, depth=depth)


def downstream_side(session: Session, subject: Supplier, depth: int) -> ChainSide:
    return _side(session, subject.organisation_id, subject.id, upstream=False, depth=depth)


def suppliers_by_id(session: Session, ids: set[uuid.UUID]) -> dict[uuid.UUID, Supplier]:
    found: dict[uuid.UUID, Supplier] = {}
    wanted = sorted(ids)
    for start in range(0, len(wanted), 500):
        for supplier in session.scalars(
            select(Supplier).where(Supplier.id.in_(wanted[start : start + 500]))
        ):
            found[supplier.id] = supplier
    return found


def clamp_depth(depth: int | None) -> int:
    return max(1, min(depth or DEFAULT_DEPTH, MAX_CHAIN_DEPTH))


def link_out(link: SupplyLink, documents: int) -> dict[str, Any]:
    return {"id": str(link.id), **link_state(link), "documents": documents}
