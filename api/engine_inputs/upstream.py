"""A stored supplier's upstream chain as the engine's inputs: the supply links above it, each
supplier's own hazards, and its strongest exposure (``screening.upstream.propagate``).

A supplier's hazards are what it is flagged for on its own in its latest assessment (every
reason but the score threshold and upstream risk itself, ``policy.UPSTREAM_NOT_OWN_REASONS``,
so whatever flags the screening lists add flow upstream without change here), and the ILAB
forced-labour goods it makes or supplies in its country.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, Final

from sqlalchemy import String, and_, cast, func, select
from sqlalchemy.orm import Session

from models import Assessment, Supplier, SupplyLink
from risk_data.types import RiskData
from screening import policy
from screening.context import context_risk
from screening.upstream import Hazard, SupplyEdge, UpstreamExposure, propagate

# Links followed up (or down) from one supplier; a chain deeper than this is cut there.
MAX_CHAIN_DEPTH: Final = 25
_IN_CHUNK: Final = 500


def _chunks(ids: Sequence[uuid.UUID]) -> Iterable[Sequence[uuid.UUID]]:
    for start in range(0, len(ids), _IN_CHUNK):
        yield ids[start : start + _IN_CHUNK]


def edge_of(link: Any) -> SupplyEdge:
    return SupplyEdge(
        supplier=str(link.supplier_id),
        buyer=str(link.buyer_id),
        input_good=link.input_good or link.input_text,
        share=link.share,
        ref=str(link.id),
    )


_LINK_COLUMNS = (
    SupplyLink.id,
    SupplyLink.supplier_id,
    SupplyLink.buyer_id,
    SupplyLink.input_text,
    SupplyLink.input_good,
    SupplyLink.share,
)


def links_around(
    session: Session,
    organisation_id: uuid.UUID,
    start: uuid.UUID,
    *,
    upstream: bool,
    max_depth: int = MAX_CHAIN_DEPTH,
) -> list[Any]:
    """The links reachable from ``start`` going up (its suppliers, theirs ...) or down (its
    buyers ...), at most ``max_depth`` links away, breadth first."""
    near, far = (
        (SupplyLink.buyer_id, "supplier_id") if upstream else (SupplyLink.supplier_id, "buyer_id")
    )
    seen = {start}
    frontier = [start]
    found: list[Any] = []
    for _ in range(max_depth):
        nxt: list[uuid.UUID] = []
        for part in _chunks(frontier):
            rows = session.execute(
                select(*_LINK_COLUMNS)
                .where(SupplyLink.organisation_id == organisation_id, near.in_(part))
                .order_by(SupplyLink.id)
            ).all()
            for row in rows:
                found.append(row)
                other = getattr(row, far)
                if other not in seen:
                    seen.add(other)
                    nxt.append(other)
        if not nxt:
            break
        frontier = nxt
    return found


def latest_flag_reasons(
    session: Session, organisation_id: uuid.UUID, supplier_ids: Sequence[uuid.UUID] | None
) -> dict[uuid.UUID, list[dict[str, Any]]]:
    """Each supplier's latest assessment's flag reasons (``None``: the whole organisation)."""

    def query(part: Sequence[uuid.UUID] | None) -> Any:
        latest = select(Assessment.supplier_id, func.max(Assessment.created_at).label("at")).where(
            Assessment.organisation_id == organisation_id
        )
        if part is not None:
            latest = latest.where(Assessment.supplier_id.in_(part))
        sub = latest.group_by(Assessment.supplier_id).subquery()
        return (
            select(Assessment.supplier_id, Assessment.flag_reasons)
            .join(
                sub,
                and_(
                    Assessment.supplier_id == sub.c.supplier_id, Assessment.created_at == sub.c.at
                ),
            )
            .order_by(Assessment.supplier_id, Assessment.id)
        )

    reasons: dict[uuid.UUID, list[dict[str, Any]]] = {}
    parts: Iterable[Sequence[uuid.UUID] | None] = (
        [None] if supplier_ids is None else _chunks(supplier_ids)
    )
    for part in parts:
        for supplier_id, flag_reasons in session.execute(query(part)):
            reasons.setdefault(supplier_id, flag_reasons or [])
    return reasons


def own_hazards(flag_reasons: Sequence[Mapping[str, Any]]) -> list[Hazard]:
    """The hard flags a supplier's buyers inherit from its latest assessment."""
    return [
        Hazard(str(r["code"]), str(r.get("summary", "")))
        for r in flag_reasons
        if r.get("code") not in policy.UPSTREAM_NOT_OWN_REASONS
    ]


class _GoodsHazards:
    """The ILAB forced-labour goods hazard of what a supplier makes (``products``) or supplies
    (its links' inputs) in its country, worked out once per distinct (country, goods): a
    registry repeats a few hundred of them across 100k suppliers."""

    def __init__(self, data: RiskData) -> None:
        self.data = data
        self._memo: dict[tuple[str, tuple[str, ...]], Hazard | None] = {}

    def of(
        self, country: str, products: Iterable[str] | None, supplied: Iterable[str]
    ) -> Hazard | None:
        key = (country, (*(products or ()), *supplied))
        if key not in self._memo:
            goods = tuple(dict.fromkeys(key[1]))
            if not goods or country not in self.data.countries:
                self._memo[key] = None
                return None
            forced = context_risk(self.data, country, None, goods, None).forced_labour_goods
            self._memo[key] = (
                Hazard(
                    "ilab_forced_labour_good",
                    f"{', '.join(forced)} from {self.data.countries[country].name} "
                    "is on ILAB's forced-labour list",
                )
                if forced
                else None
            )
        return self._memo[key]


def hazards_of(
    supplier: Any,
    flag_reasons: Sequence[Mapping[str, Any]],
    supplied_goods: Iterable[str],
    data: RiskData,
) -> list[Hazard]:
    """One supplier's own hazards: its hard flags, and the ILAB forced-labour goods among what
    it makes (``products``) or supplies (its links' inputs) in its country."""
    hazards = own_hazards(flag_reasons)
    good = _GoodsHazards(data).of(supplier.country, supplier.products, supplied_goods)
    if good is not None:
        hazards.append(good)
    return hazards


def exposures(
    session: Session,
    organisation_id: uuid.UUID,
    links: Sequence[Any],
    data: RiskData,
    *,
    whole_organisation: bool = False,
) -> dict[str, UpstreamExposure]:
    """Propagate over ``links``: every buyer's strongest exposure, keyed by supplier id."""
    ids = sorted({row.supplier_id for row in links} | {row.buyer_id for row in links})
    if not ids:
        return {}
    columns = (Supplier.id, Supplier.name, Supplier.country, Supplier.products)
    suppliers: dict[uuid.UUID, Any] = {}
    if whole_organisation:
        for row in session.execute(
            select(*columns).where(Supplier.organisation_id == organisation_id)
        ):
            suppliers[row.id] = row
    else:
        for part in _chunks(ids):
            for row in session.execute(select(*columns).where(Supplier.id.in_(part))):
                suppliers[row.id] = row
    reasons = latest_flag_reasons(session, organisation_id, None if whole_organisation else ids)
    supplied: dict[uuid.UUID, list[str]] = {}
    for row in links:
        if row.input_good:
            supplied.setdefault(row.supplier_id, []).append(row.input_good)
    hazards: dict[str, list[Hazard]] = {}
    for supplier_id in ids:
        supplier = suppliers.get(supplier_id)
        if supplier is None:
            continue
        found = hazards_of(
            supplier, reasons.get(supplier_id, ()), supplied.get(supplier_id, ()), data
        )
        if found:
            hazards[str(supplier_id)] = found
    names = {str(k): v.name for k, v in suppliers.items()}
    return propagate(hazards, [edge_of(row) for row in links], names)


def _id_text(column: Any, dialect: str) -> Any:
    """A uuid column as text in its usual dashed form, made by the database: SQLite keeps a
    uuid as 32 hex digits, and building 600k uuid objects (or re-dashing the text) in Python
    costs more than the propagation itself."""
    if dialect != "sqlite":
        return cast(column, String)
    dashed: Any = func.substr(column, 1, 8)  # SQLAlchemy stores uuid.hex: lower case already
    for start, length in _UUID_GROUPS:
        dashed = dashed.op("||")("-").op("||")(func.substr(column, start, length))
    return dashed


_UUID_GROUPS: Final = ((9, 4), (13, 4), (17, 4), (21, 12))


def organisation_exposures(
    session: Session, organisation_id: uuid.UUID, data: RiskData
) -> dict[str, UpstreamExposure]:
    """Every supplier's strongest upstream exposure in one organisation, in one pass (what a
    whole-organisation re-scoring job uses), keyed by the supplier's id as text."""
    connection = session.connection()  # Core rows: no ORM loading for 400k of them
    dialect = connection.dialect.name
    links = connection.execute(
        select(
            _id_text(SupplyLink.id, dialect),
            _id_text(SupplyLink.supplier_id, dialect),
            _id_text(SupplyLink.buyer_id, dialect),
            SupplyLink.input_text,
            SupplyLink.input_good,
            SupplyLink.share,
        ).where(SupplyLink.organisation_id == organisation_id)
    ).all()
    if not links:
        return {}
    suppliers = connection.execute(
        select(
            _id_text(Supplier.id, dialect), Supplier.name, Supplier.country, Supplier.products
        ).where(Supplier.organisation_id == organisation_id)
    ).all()
    reasons = {str(k): v for k, v in latest_flag_reasons(session, organisation_id, None).items()}
    supplied: dict[str, list[str]] = {}
    for _, supplier_id, _, _, good, _ in links:
        if good:
            supplied.setdefault(supplier_id, []).append(good)
    in_chain = {row[1] for row in links} | {row[2] for row in links}
    goods_hazards = _GoodsHazards(data)
    hazards: dict[str, list[Hazard]] = {}
    names: dict[str, str] = {}
    for supplier_id, name, country, products in suppliers:
        if supplier_id not in in_chain:
            continue
        names[supplier_id] = name
        found = own_hazards(reasons.get(supplier_id, ()))
        good = goods_hazards.of(country, products, supplied.get(supplier_id, ()))
        if good is not None:
            found.append(good)
        if found:
            hazards[supplier_id] = found
    edges = [SupplyEdge(s, b, good or text, share, i) for i, s, b, text, good, share in links]
    return propagate(hazards, edges, names)


def upstream_exposure(
    session: Session, supplier: Supplier, data: RiskData
) -> UpstreamExposure | None:
    """The strongest risk of the chain above one stored supplier, or None."""
    links = links_around(session, supplier.organisation_id, supplier.id, upstream=True)
    if not links:
        return None
    return exposures(session, supplier.organisation_id, links, data).get(str(supplier.id))
