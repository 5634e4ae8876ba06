"""Verified API keys remembered for a few seconds, so a busy key costs no database round trip.

Verifying a key read its row, its owner's memberships and its organisation, and at times wrote
``last_used_at``, on every request: most of what ``POST /v1/score`` cost. A key verified here
is trusted again for ``VERIFIED_KEY_SECONDS`` by the process that verified it, then read again
(and ``last_used_at`` written then, when ``key_touch_interval_seconds`` has passed).

The bound: a key revoked, or whose owner is disabled or leaves the organisation, is refused by
every process within ``VERIFIED_KEY_SECONDS``, and at once by the process that made the change
(``api.short_cache``). Entries are found by the key's HMAC, never by its plaintext.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Final

from api.events.actor import Actor
from api.short_cache import ShortCache
from models import ApiKey, Membership, Organisation, User

VERIFIED_KEY_SECONDS: Final = 5.0


@dataclass(frozen=True)
class VerifiedKey:
    prefix: str
    organisation_id: uuid.UUID
    role: str
    actor: Actor
    score_threshold: float  # the organisation's; set when it is made, never changed


VerifiedKeys = ShortCache[str, VerifiedKey]


def verified_keys() -> VerifiedKeys:
    return ShortCache(VERIFIED_KEY_SECONDS, (ApiKey, User, Membership, Organisation))
