"""After every write request, hand the queue the downstream re-scoring jobs that the request
left waiting: an assessment that changed what flows up from a supplier queues its buyers
(``api.supply_chain.service.queue_buyers_if_changed``) but has no queue at hand. The same
after-response hook as webhook dispatch (which writes count, in a worker thread, never
failing the request); an import or re-scoring job that leaves some waiting runs them itself."""

from __future__ import annotations

import uuid

import structlog

from api.assessments.rescore import enqueue_waiting_downstream
from api.webhooks.trigger import DispatchAfterWrites

log = structlog.get_logger("api.supply_chain")


class RescoreDownstreamAfterWrites(DispatchAfterWrites):
    def _dispatch(self, organisation_id: uuid.UUID) -> None:
        try:
            enqueue_waiting_downstream(self.database, self.queue, organisation_id)
        except Exception:  # the next write, import or re-score picks them up
            log.exception("downstream_enqueue_failed", organisation_id=str(organisation_id))
