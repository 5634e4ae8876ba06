"""Every router the app serves, in one list."""

from fastapi import APIRouter

from api.assessments.router_rescore import router as rescore
from api.audits.router import router as audits
from api.auth.router import router as api_keys
from api.cases.router import router as cases
from api.exports.router import router as exports
from api.health.router import router as health
from api.imports.router import router as imports
from api.lists.router import router as lists
from api.reference_data.router import router as risk_data
from api.remediation.router import router as remediation
from api.scoring.router import router as scoring
from api.suppliers.router import router as suppliers
from api.supply_chain.router import router as supply_chain
from api.webhooks.router import router as webhooks

ROUTERS: list[APIRouter] = [
    health,
    api_keys,
    risk_data,
    scoring,
    audits,
    lists,
    suppliers,
    supply_chain,
    cases,
    remediation,
    imports,
    exports,
    rescore,
    webhooks,
]
