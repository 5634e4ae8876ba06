"""What a delivery carries: ``{type, timestamp, data}``, with ``data`` the change as the
event chain recorded it, and the message id that receivers can deduplicate on."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from api.events.chain import canonical_json
from models import Event, ImportJob

# Message ids are derived from their source, so re-reading the same events names the same
# messages (and the unique (organisation, source) refuses a second copy).
_MESSAGE_NAMESPACE = uuid.UUID("4c0e7a0e-8f5b-4f5e-9d7e-6b1f3a2c9d10")

# The counts an ``import.completed`` payload carries, as the job reports them.
IMPORT_COUNTS = ("rows_total", "created", "updated", "unchanged", "merged", "proposed", "rejected")


def message_id(organisation_id: uuid.UUID, source_key: str) -> str:
    return "msg_" + uuid.uuid5(_MESSAGE_NAMESPACE, f"{organisation_id}:{source_key}").hex


def event_source(event: Event, event_type: str) -> str:
    return f"event:{event.seq}:{event_type}"


def import_source(job: ImportJob) -> str:
    return f"import:{job.id}"


def _envelope(event_type: str, timestamp: datetime, data: dict[str, Any]) -> dict[str, Any]:
    return {"type": event_type, "timestamp": timestamp.isoformat(), "data": data}


def from_event(event: Event, event_type: str) -> dict[str, Any]:
    return _envelope(
        event_type,
        event.created_at,
        {
            "organisation_id": str(event.organisation_id),
            "entity_type": event.entity_type,
            "entity_id": event.entity_id,
            "action": event.action,
            "before": event.before,
            "after": event.after,
            "event_seq": event.seq,
        },
    )


def from_import_job(job: ImportJob, event_type: str) -> dict[str, Any]:
    """Import jobs record no chain event when they finish; the job row itself is the source."""
    assert job.finished_at is not None
    after: dict[str, Any] = {
        "kind": job.kind,
        "filename": job.filename,
        "status": job.status,
        "mode": job.mode,
        "finished_at": job.finished_at.isoformat(),
        **{name: getattr(job, name) for name in IMPORT_COUNTS},
    }
    return _envelope(
        event_type,
        job.finished_at,
        {
            "organisation_id": str(job.organisation_id),
            "entity_type": "import_job",
            "entity_id": str(job.id),
            "action": event_type,
            "before": None,
            "after": after,
            "event_seq": None,
        },
    )


def ping(
    organisation_id: uuid.UUID, endpoint_id: uuid.UUID, at: datetime, actor: str
) -> dict[str, Any]:
    return _envelope(
        "webhook.ping",
        at,
        {
            "organisation_id": str(organisation_id),
            "entity_type": "webhook_endpoint",
            "entity_id": str(endpoint_id),
            "action": "webhook.ping",
            "before": None,
            "after": {"requested_by": actor},
            "event_seq": None,
        },
    )


def body(payload: dict[str, Any]) -> str:
    """The exact text sent and signed: canonical JSON, the same on every attempt."""
    return canonical_json(payload)
