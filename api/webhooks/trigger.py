"""Dispatch after every write request, so a change reaches its webhooks within the request
that made it, without any writer knowing webhooks exist.

The dispatch runs after the response has gone out, in a worker thread (it reads the
database and, with the inline queue, sends), and never fails the request: anything it misses
the periodic sweep picks up.
"""

from __future__ import annotations

import uuid

import anyio
import structlog
from starlette.types import ASGIApp, Receive, Scope, Send

from api.jobs.queue import JobQueue
from api.webhooks.dispatch import dispatch_organisation
from models.database import Database

log = structlog.get_logger("api.webhooks")
_READS = frozenset({"GET", "HEAD", "OPTIONS"})
# POSTs that only compute (procurement's hot path): they write no event, so they skip the
# dispatch query. One missing here costs a query; one wrongly here waits for the sweep.
_READ_ONLY_POSTS = frozenset({"/v1/score", "/v1/score/batch", "/v1/suppliers/match"})


class DispatchAfterWrites:
    def __init__(self, app: ASGIApp, database: Database, queue: JobQueue) -> None:
        self.app = app
        self.database = database
        self.queue = queue

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        await self.app(scope, receive, send)
        if scope["type"] != "http" or scope["method"] in _READS:
            return
        if scope["method"] == "POST" and scope["path"] in _READ_ONLY_POSTS:
            return
        organisation_id = scope.get("state", {}).get("organisation_id")
        if isinstance(organisation_id, uuid.UUID):
            await anyio.to_thread.run_sync(self._dispatch, organisation_id)

    def _dispatch(self, organisation_id: uuid.UUID) -> None:
        try:
            dispatch_organisation(self.database, self.queue, organisation_id)
        except Exception:  # the sweep retries; a request that succeeded stays a success
            log.exception("webhook_dispatch_failed", organisation_id=str(organisation_id))
