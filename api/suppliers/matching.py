"""The registry as the matcher sees it: one blocking index per organisation, cached.

Building the index costs about 3 s for 100k suppliers, so it is kept per process and
rebuilt only when the organisation's registry changes (its supplier count or latest
``updated_at`` moves). Only active suppliers are indexed: merged and archived records are
found through the supplier they were merged into, or by their external_ref.
"""

from __future__ import annotations

import threading
import uuid
from collections import OrderedDict
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from api.due_diligence.schemas import due_diligence_of
from api.suppliers.resolve import country_code
from api.suppliers.schemas import MatchCandidate, MatchFeatureOut, MatchRequest, MatchResponse
from models import Supplier
from risk_data.types import RiskData
from screening.matching import (
    ALGORITHM_VERSION,
    AUTO_MERGE_THRESHOLD,
    PROPOSE_THRESHOLD,
    MatchRecord,
    SupplierIndex,
    match,
)

_CACHED_ORGANISATIONS = 8


@dataclass(frozen=True)
class _Cached:
    stamp: tuple[object, ...]
    index: SupplierIndex


_cache: OrderedDict[uuid.UUID, _Cached] = OrderedDict()
_lock = threading.Lock()


def registry_records(session: Session, organisation_id: uuid.UUID) -> list[MatchRecord]:
    rows = session.execute(
        select(
            Supplier.id,
            Supplier.name,
            Supplier.country,
            Supplier.city,
            Supplier.registration_number,
        )
        .where(Supplier.organisation_id == organisation_id, Supplier.status == "active")
        .order_by(Supplier.created_at, Supplier.id)
    )
    return [MatchRecord(str(i), name, country, city, reg) for i, name, country, city, reg in rows]


def registry_index(session: Session, organisation_id: uuid.UUID) -> SupplierIndex:
    stamp = tuple(
        session.execute(
            select(func.count(), func.max(Supplier.updated_at)).where(
                Supplier.organisation_id == organisation_id, Supplier.status == "active"
            )
        ).one()
    )
    with _lock:
        cached = _cache.get(organisation_id)
        if cached is not None and cached.stamp == stamp:
            _cache.move_to_end(organisation_id)
            return cached.index
    index = SupplierIndex(registry_records(session, organisation_id))
    with _lock:
        _cache[organisation_id] = _Cached(stamp, index)
        _cache.move_to_end(organisation_id)
        while len(_cache) > _CACHED_ORGANISATIONS:
            _cache.popitem(last=False)
    return index


def match_supplier(
    session: Session, organisation_id: uuid.UUID, body: MatchRequest, data: RiskData
) -> MatchResponse:
    country = country_code(body.country, data) if body.country else None
    query = MatchRecord("query", body.name, country, body.city, body.registration_number)
    results = match(query, registry_index(session, organisation_id), limit=body.limit)
    ids = [uuid.UUID(r.ref) for r in results]
    # Re-read from the database: the cached index is never trusted for tenancy or status.
    suppliers = {
        s.id: s
        for s in session.scalars(
            select(Supplier).where(
                Supplier.organisation_id == organisation_id, Supplier.id.in_(ids)
            )
        )
    }
    candidates = []
    for result in results:
        supplier = suppliers.get(uuid.UUID(result.ref))
        if supplier is None:
            continue
        candidates.append(
            MatchCandidate(
                supplier_id=supplier.id,
                name=supplier.name,
                external_ref=supplier.external_ref,
                country=supplier.country,
                city=supplier.city,
                status=supplier.status,
                score=round(result.score, 4),
                decision=result.decision,
                due_diligence=due_diligence_of(supplier),
                features=[
                    MatchFeatureOut(
                        name=f.name,
                        outcome=f.outcome,
                        contribution=round(f.contribution, 4),
                        detail=f.detail,
                        query=f.query,
                        candidate=f.candidate,
                    )
                    for f in result.features
                ],
            )
        )
    return MatchResponse(
        algorithm=ALGORITHM_VERSION,
        auto_merge_threshold=AUTO_MERGE_THRESHOLD,
        propose_threshold=PROPOSE_THRESHOLD,
        query={
            "name": body.name,
            "country": country,
            "city": body.city,
            "registration_number": body.registration_number,
        },
        candidates=candidates,
    )
