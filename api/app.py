"""The FastAPI application factory: ``uvicorn --factory api.app:create_app``."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import structlog
from fastapi import FastAPI
from prometheus_client import CollectorRegistry
from prometheus_fastapi_instrumentator import Instrumentator

from api.auth.verified import verified_keys
from api.errors import install_problem_handlers
from api.events.keying import bind_chain_key, chain_key
from api.events.ticker import CheckpointTicker
from api.jobs.queue import make_queue
from api.logging import configure_logging
from api.middleware import BodySizeLimitMiddleware, RequestContextMiddleware
from api.nul_text import NulInMultipartText, NulTextMiddleware, on_nul_in_multipart_text
from api.openapi import install_openapi
from api.reference_data.service import RiskDataStore
from api.routers import ROUTERS
from api.scoring.in_force import in_force_cache
from api.settings import Settings, get_settings, key_secret
from api.supply_chain.trigger import RescoreDownstreamAfterWrites
from api.web.install import install_web
from api.web.pages import WEB_PREFIX, is_web_request, problem_page
from api.webhooks.ticker import SweepTicker
from api.webhooks.trigger import DispatchAfterWrites
from migrations import head_revision
from models.database import Database

# Where files are uploaded (the body limit there is the upload limit).
UPLOAD_PATHS = frozenset({"/v1/imports", f"{WEB_PREFIX}/imports", f"{WEB_PREFIX}/imports/preview"})

DESCRIPTION = """
Screens suppliers for forced-labour risk against the 11 ILO indicators and country, sector and
goods risk, explains every score, and keeps a review queue with an append-only history.

Authenticate with `Authorization: Bearer flr_...`. Errors are RFC 9457 problem documents.
"""


def create_app(settings: Settings | None = None, database: Database | None = None) -> FastAPI:
    settings = settings or get_settings()
    key_secret(settings)  # fail at start-up, not on the first request
    configure_logging(settings.log_level, settings.log_json)
    if settings.chain_secret is None:
        structlog.get_logger("api.events").warning(
            "event_chain_unkeyed",
            detail="FLRISK_CHAIN_SECRET is not set: new events are hashed without a key and "
            "anyone with write access to the database could rewrite the history",
        )
    owns_database = database is None
    database = database or Database(settings.database_url)
    bind_chain_key(database, settings)

    queue = make_queue(settings.job_mode, database, settings.redis_url)
    sweeping = settings.job_mode != "inline" and settings.webhook_sweep_seconds > 0
    ticker = SweepTicker(database, queue, settings.webhook_sweep_seconds) if sweeping else None
    checkpointer = _checkpoint_ticker(settings, database)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        start_jobs = getattr(queue, "start", None)
        if start_jobs is not None:
            start_jobs()  # a job worker process, ready before the first upload
        if ticker:
            ticker.start()
        if checkpointer:
            checkpointer.start()
        yield
        if ticker:
            ticker.stop()
        if checkpointer:
            checkpointer.stop()
        queue.shutdown()
        if owns_database:
            database.dispose()

    app = FastAPI(
        title="Forced-labour risk screening API",
        version="1.0.0",
        description=DESCRIPTION,
        lifespan=lifespan,
        # Served by api.web.docs from vendored assets instead of a CDN.
        docs_url=None,
        redoc_url=None,
    )
    app.state.settings = settings
    app.state.database = database
    app.state.schema_head = head_revision()
    app.state.risk_data = RiskDataStore()
    app.state.queue = queue
    app.state.verified_keys = verified_keys()
    app.state.scoring_in_force = in_force_cache()

    install_problem_handlers(app, web_pages=(is_web_request, problem_page))
    app.add_exception_handler(NulInMultipartText, on_nul_in_multipart_text)
    install_openapi(app)
    for router in ROUTERS:
        app.include_router(router)
    install_web(app)
    app.add_middleware(DispatchAfterWrites, database=database, queue=queue)
    app.add_middleware(RescoreDownstreamAfterWrites, database=database, queue=queue)
    # Inside the body limit, which bounds what it reads.
    app.add_middleware(NulTextMiddleware)
    # Outermost last: the request id must wrap everything, including the body limit's 413.
    app.add_middleware(
        BodySizeLimitMiddleware,
        max_bytes=settings.max_body_bytes,
        upload_max_bytes=settings.max_upload_bytes,
        upload_paths=UPLOAD_PATHS,
    )
    app.add_middleware(RequestContextMiddleware)
    # A registry per app, so several apps in one process (tests) do not collide.
    Instrumentator(registry=CollectorRegistry(), excluded_handlers=["/metrics"]).instrument(
        app
    ).expose(app, endpoint="/metrics", include_in_schema=False)
    return app


def _checkpoint_ticker(settings: Settings, database: Database) -> CheckpointTicker | None:
    """Periodic chain checkpoints, when there is a secret to sign with and a file to write."""
    key = chain_key(settings)
    path = settings.chain_checkpoints
    interval = settings.chain_checkpoint_seconds
    if key is None or path is None or interval <= 0 or settings.job_mode == "inline":
        return None
    return CheckpointTicker(database, key, path, interval)
