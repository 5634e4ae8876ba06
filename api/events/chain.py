"""How an event's hash is made: SHA-256 over the previous hash and a canonical JSON body.

Kept apart from storage so ``flrisk audit verify`` and the writer can never disagree.
"""

from __future__ import annotations

import hashlib
import json
from datetime import datetime
from typing import Any

GENESIS_HASH = "0" * 64
# Version 2 hashes the actor's kind and name too (events of version 1 were made without them).
HASH_VERSION = 2


# What ``json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False,
# default=str)`` uses, built once instead of once per call.
_CANONICAL = json.JSONEncoder(
    sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str
)


def canonical_json(value: Any) -> str:
    return _CANONICAL.encode(value)


def event_hash(
    *,
    prev_hash: str,
    organisation_id: str,
    seq: int,
    entity_type: str,
    entity_id: str,
    action: str,
    actor: str,
    before: Any,
    after: Any,
    created_at: datetime,
    actor_kind: str | None = None,
    actor_name: str | None = None,
    version: int = 1,
) -> str:
    fields = {
        "organisation_id": organisation_id,
        "seq": seq,
        "entity_type": entity_type,
        "entity_id": entity_id,
        "action": action,
        "actor": actor,
        "before": before,
        "after": after,
        "created_at": created_at.isoformat(timespec="microseconds"),
    }
    if version >= 2:
        fields |= {"actor_kind": actor_kind, "actor_name": actor_name, "hash_version": version}
    body = canonical_json(fields)
    return hashlib.sha256(f"{prev_hash}\n{body}".encode()).hexdigest()
