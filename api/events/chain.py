"""How an event's hash is made: over the previous hash and a canonical JSON body.

Kept apart from storage so ``flrisk audit verify`` and the writer can never disagree.

Versions (``events.hash_version``, itself covered by the hash from version 2 on):

* 1: SHA-256, without the actor's kind and name (events made before those columns existed);
* 2: SHA-256, with the actor's kind and name;
* 3: HMAC-SHA256 keyed with the server's chain secret (``FLRISK_CHAIN_SECRET``), over the
  same body as version 2. Anyone with write access to the database can recompute a SHA-256
  chain after editing it; without the secret they cannot recompute an HMAC one.

See docs/decisions/events-keyed-chain-and-checkpoints.md.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

GENESIS_HASH = "0" * 64
UNKEYED_HASH_VERSION = 2
KEYED_HASH_VERSION = 3

# Each use of the secret gets its own key (derived with HMAC over a label), so an event hash
# can never be passed off as a checkpoint signature or the other way round.
_EVENT_KEY_LABEL = b"flrisk event chain hash v3"
_CHECKPOINT_KEY_LABEL = b"flrisk event chain checkpoint v1"
_KEY_ID_LABEL = b"flrisk event chain key id"


@dataclass(frozen=True, slots=True)
class ChainKey:
    """The chain secret, split into one key per purpose, and a public id to tell keys apart."""

    event_key: bytes = field(repr=False)
    checkpoint_key: bytes = field(repr=False)
    key_id: str  # 16 hex digits; names the secret without revealing it

    @classmethod
    def from_secret(cls, secret: str) -> ChainKey:
        root = secret.encode()
        return cls(
            event_key=hmac.digest(root, _EVENT_KEY_LABEL, "sha256"),
            checkpoint_key=hmac.digest(root, _CHECKPOINT_KEY_LABEL, "sha256"),
            key_id=hmac.digest(root, _KEY_ID_LABEL, "sha256").hex()[:16],
        )


def hmac_sha256_hex(key: bytes) -> Callable[[bytes], str]:
    """HMAC-SHA256 under ``key`` (RFC 2104), as ``hmac.digest(key, m, "sha256").hex()``, with
    the padded key's two hash states made once: the verifier hashes half a million
    messages with one key, and this halves the cost of each."""
    block = (hashlib.sha256(key).digest() if len(key) > 64 else key).ljust(64, b"\0")
    inner = hashlib.sha256(bytes(b ^ 0x36 for b in block))
    outer = hashlib.sha256(bytes(b ^ 0x5C for b in block))

    def digest(message: bytes) -> str:
        first = inner.copy()
        first.update(message)
        second = outer.copy()
        second.update(first.digest())
        return second.hexdigest()

    return digest


class ChainKeyMissing(RuntimeError):
    """A keyed (version 3) hash was asked for without the chain secret."""


# What ``json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False,
# default=str)`` uses, built once instead of once per call.
_CANONICAL = json.JSONEncoder(
    sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str
)


def canonical_json(value: Any) -> str:
    return _CANONICAL.encode(value)


def link_hash(prev_hash: str, body: bytes, version: int, key: ChainKey | None) -> str:
    """The hash of one link: the previous hash, a newline, then the canonical body."""
    message = prev_hash.encode() + b"\n" + body
    if version >= KEYED_HASH_VERSION:
        if key is None:
            raise ChainKeyMissing("a keyed event hash needs FLRISK_CHAIN_SECRET")
        return hmac.digest(key.event_key, message, "sha256").hex()
    return hashlib.sha256(message).hexdigest()


def event_body(
    *,
    organisation_id: str,
    seq: int,
    entity_type: str,
    entity_id: str,
    action: str,
    actor: str,
    before: Any,
    after: Any,
    created_at: str,
    actor_kind: str | None,
    actor_name: str | None,
    version: int,
) -> dict[str, Any]:
    """What an event's hash covers; ``created_at`` as ``isoformat(timespec="microseconds")``."""
    fields = {
        "organisation_id": organisation_id,
        "seq": seq,
        "entity_type": entity_type,
        "entity_id": entity_id,
        "action": action,
        "actor": actor,
        "before": before,
        "after": after,
        "created_at": created_at,
    }
    if version >= 2:
        fields |= {"actor_kind": actor_kind, "actor_name": actor_name, "hash_version": version}
    return fields


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
    key: ChainKey | None = None,
) -> str:
    body = event_body(
        organisation_id=organisation_id,
        seq=seq,
        entity_type=entity_type,
        entity_id=entity_id,
        action=action,
        actor=actor,
        before=before,
        after=after,
        created_at=created_at.isoformat(timespec="microseconds"),
        actor_kind=actor_kind,
        actor_name=actor_name,
        version=version,
    )
    return link_hash(prev_hash, canonical_json(body).encode(), version, key)
