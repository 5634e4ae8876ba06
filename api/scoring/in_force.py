"""The risk data and screening lists in force, as ``/v1/score`` reads them: kept for
``IN_FORCE_SECONDS`` by each process (``api.short_cache``), so scoring a payload needs no
database round trip. A version put in force by another process scores within that bound, one
put in force by this process at once."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, Final

from fastapi import Depends, Request
from starlette.concurrency import run_in_threadpool

from api.deps import DatabaseDep
from api.lists.index import current_index
from api.reference_data.service import RiskDataStore
from api.short_cache import ShortCache
from models import RiskDataVersion, ScreeningListEntity, ScreeningListVersion
from models.database import Database
from risk_data.types import RiskData
from screening.lists import ListIndex

IN_FORCE_SECONDS: Final = 5.0


@dataclass(frozen=True)
class InForce:
    data: RiskData
    lists: ListIndex


InForceCache = ShortCache[str, InForce]


def in_force_cache() -> InForceCache:
    return ShortCache(
        IN_FORCE_SECONDS, (RiskDataVersion, ScreeningListVersion, ScreeningListEntity)
    )


def _read(database: Database, store: RiskDataStore) -> InForce:
    with database.session() as session:
        return InForce(store.in_force(session), current_index(session))


async def get_in_force(request: Request, database: DatabaseDep) -> InForce:
    cache: InForceCache = request.app.state.scoring_in_force
    found = cache.get("")
    if found is None:
        found = await run_in_threadpool(_read, database, request.app.state.risk_data)
        cache.put("", found)
    return found


InForceDep = Annotated[InForce, Depends(get_in_force)]
