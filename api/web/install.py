"""Adding the web app, its static files and the offline API reference to the FastAPI app."""

from __future__ import annotations

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

from api.web import docs
from api.web.router import web_router
from api.web.templating import STATIC_DIR, STATIC_URL


def install_web(app: FastAPI) -> None:
    app.include_router(web_router, include_in_schema=False)
    app.include_router(docs.router)
    app.mount(STATIC_URL, StaticFiles(directory=STATIC_DIR), name="web-static")
