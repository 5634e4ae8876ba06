"""After every write request, hand the queue the downstream re-scoring jobs that the request
left waiting: an assessment that changed what flows up from a supplier queues its buyers
(``api.supply_chain.service.queue_buyers_if_changed``) but has no queue at hand. Runs after
the response has gone out and never fails the request; an import or re-scoring job that
leaves some waiting runs them itself when it ends."""

from __future__ import annotations

import uuid

import anyio
import structlog
from starlette.types import ASGIApp, Receive, Scope, Send

from api.assessments.rescore import enqueue_waiting_downstream
from api.jobs.queue import JobQueue
from models.database import Database

log = structlog.get_logger("api.supply_chain")
_READS = frozenset({"GET", "HEAD", "OPTIONS"})
_COMPUTE_ONLY = frozenset({"/v1/score", "/v1/score/batch", "/v1/suppliers/match"})


class RescoreDownstreamAfterWrites:
    def __init__(self, app: ASGIApp, database: Database, queue: JobQueue) -> None:
        self.app = app
        self.database = database
        self.queue = queue

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        await self.app(scope, receive, send)
        if scope["type"] != "http" or scope["method"] in _READS:
            return
        if scope["path"] in _COMPUTE_ONLY:
            return
        organisation_id = scope.get("state", {}).get("organisation_id")
        if isinstance(organisation_id, uuid.UUID):
            await anyio.to_thread.run_sync(self._enqueue, organisation_id)

    def _enqueue(self, organisation_id: uuid.UUID) -> None:
        try:
            enqueue_waiting_downstream(self.database, self.queue, organisation_id)
        except Exception:  # the next write, import or re-score picks them up
            log.exception("downstream_enqueue_failed", organisation_id=str(organisation_id))
