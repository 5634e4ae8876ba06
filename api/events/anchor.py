"""Anchoring each organisation's chain head: signing it and appending it to the checkpoint
file (``flrisk audit checkpoint``, and the API's checkpoint ticker)."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from api.events.chain import ChainKey
from api.events.checkpoints import Checkpoint, append_checkpoints, sign_checkpoint
from models import Event, EventChainHead
from models.base import utcnow


def agreeing_heads(session: Session) -> list[tuple[str, int, str]]:
    """(organisation, seq, hash) of every non-empty chain whose head row holds its last
    event's hash. A head that disagrees is never signed: ``flrisk audit verify`` reports it."""
    rows = session.execute(
        select(EventChainHead.organisation_id, EventChainHead.seq, EventChainHead.hash)
        .join(
            Event,
            (Event.organisation_id == EventChainHead.organisation_id)
            & (Event.seq == EventChainHead.seq)
            & (Event.hash == EventChainHead.hash),
        )
        .where(EventChainHead.seq > 0)
        .order_by(EventChainHead.organisation_id)
    )
    return [(str(org), int(seq), head_hash) for org, seq, head_hash in rows]


def checkpoint_heads(
    session: Session, key: ChainKey, path: Path, *, already: Mapping[str, int] | None = None
) -> list[Checkpoint]:
    """Sign and append a checkpoint for each chain head, but those ``already`` checkpointed at
    the same seq; returns what was written."""
    at = utcnow()
    skip = already or {}
    made = [
        sign_checkpoint(key, org, seq, head_hash, at)
        for org, seq, head_hash in agreeing_heads(session)
        if skip.get(org) != seq
    ]
    append_checkpoints(path, made)
    return made
