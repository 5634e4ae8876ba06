"""The risk data in force, as a request dependency."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from api.deps import SessionDep
from api.reference_data.service import RiskDataStore
from risk_data.types import RiskData


def get_risk_data(request: Request, session: SessionDep) -> RiskData:
    store: RiskDataStore = request.app.state.risk_data
    return store.in_force(session)


RiskDataDep = Annotated[RiskData, Depends(get_risk_data)]
