"""Retry waits: doubling from the base, jittered within the upper half, capped."""

from __future__ import annotations

import random
from datetime import timedelta

from api.webhooks import policy


def test_each_wait_is_in_the_upper_half_of_a_doubling_step() -> None:
    rng = random.Random(7)
    for failed in range(1, policy.MAX_ATTEMPTS):
        step = min(policy.BACKOFF_CAP_SECONDS, policy.BACKOFF_BASE_SECONDS * 2 ** (failed - 1))
        for _ in range(50):
            wait = policy.backoff(failed, rng).total_seconds()
            assert step / 2 <= wait <= step


def test_waits_grow_until_the_cap_and_never_pass_it() -> None:
    lows = [policy.backoff(n, random.Random(0)) for n in range(1, 30)]
    assert lows[1] > lows[0]
    assert max(lows) <= timedelta(seconds=policy.BACKOFF_CAP_SECONDS)
    assert policy.backoff(40) <= timedelta(seconds=policy.BACKOFF_CAP_SECONDS)


def test_jitter_spreads_endpoints_that_failed_together() -> None:
    rng = random.Random(1)
    waits = {policy.backoff(3, rng) for _ in range(20)}
    assert len(waits) > 15


def test_the_last_attempt_comes_hours_not_days_after_the_first() -> None:
    longest = sum(
        min(policy.BACKOFF_CAP_SECONDS, policy.BACKOFF_BASE_SECONDS * 2 ** (n - 1))
        for n in range(1, policy.MAX_ATTEMPTS)
    )
    assert timedelta(hours=4) < timedelta(seconds=longest) < timedelta(hours=12)
