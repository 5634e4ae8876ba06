"""How hard a delivery is tried: attempts, backoff with jitter, the timeout, redirects.

In the spirit of what Svix and Stripe do (a few attempts in the first minutes, then hours
apart): ten attempts, the wait doubling from 1 minute (capped at 6 hours), each wait drawn
from the upper half of its step ("equal jitter") so endpoints that failed together do not
come back together. The nine waits add up to between about 4.3 and 8.5 hours, long enough
to ride out a receiver's deploy or an evening outage.
"""

from __future__ import annotations

import random
from datetime import timedelta

MAX_ATTEMPTS = 10
BACKOFF_BASE_SECONDS = 60.0
BACKOFF_CAP_SECONDS = 6 * 3600.0
TIMEOUT_SECONDS = 10.0
CONNECT_TIMEOUT_SECONDS = 5.0
# An attempt under way holds its delivery this long; a worker lost mid-send frees it after.
LEASE_SECONDS = 120.0
MAX_REDIRECTS = 3
RESPONSE_EXCERPT_CHARS = 1000
# Secret rotation: how long the old secret keeps signing beside the new one by default.
DEFAULT_OVERLAP_HOURS = 24
MAX_OVERLAP_HOURS = 7 * 24


def backoff(failed_attempts: int, rng: random.Random | None = None) -> timedelta:
    """The wait after the ``failed_attempts``-th failure (1, 2, ...)."""
    ceiling = min(BACKOFF_CAP_SECONDS, BACKOFF_BASE_SECONDS * 2 ** (failed_attempts - 1))
    draw = (rng or random).uniform(0.5, 1.0)  # jitter, not a secret
    return timedelta(seconds=ceiling * draw)
