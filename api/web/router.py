"""The web app's routes, all under ``/app`` and all behind the CSRF check.

A page module adds its ``APIRouter`` (no prefix of its own) to ``PAGE_ROUTERS``.
"""

from __future__ import annotations

from fastapi import APIRouter, Depends

from api.web import account, admin_users, case_pages, import_pages, registry_pages
from api.web.deps import check_csrf
from api.web.pages import WEB_PREFIX

PAGE_ROUTERS: list[APIRouter] = [
    account.router,
    admin_users.router,
    registry_pages.router,  # the dashboard at /app/, suppliers, duplicates
    case_pages.router,
    import_pages.router,
]

web_router = APIRouter(prefix=WEB_PREFIX, dependencies=[Depends(check_csrf)])
for page_router in PAGE_ROUTERS:
    web_router.include_router(page_router)
