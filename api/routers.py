"""Every router the app serves, in one list."""

from fastapi import APIRouter

from api.auth.router import router as api_keys
from api.health.router import router as health
from api.reference_data.router import router as risk_data
from api.scoring.router import router as scoring

ROUTERS: list[APIRouter] = [health, api_keys, risk_data, scoring]
