"""One HTTP attempt at a delivery: a signed POST with a timeout, never following a redirect
to another origin, reading no more of the answer than the log keeps, and never handing the
request to an environment proxy or ``.netrc``."""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass

import httpx

from api.webhooks import policy
from api.webhooks.signing import signed_headers
from models.base import utcnow

USER_AGENT = "flrisk-webhooks/1"


@dataclass(frozen=True)
class Outcome:
    status_code: int | None
    error: str | None
    response_excerpt: str | None
    duration_ms: float

    @property
    def delivered(self) -> bool:
        return self.status_code is not None and 200 <= self.status_code < 300


def _origin(url: httpx.URL) -> tuple[str, str, int | None]:
    return url.scheme, url.host, url.port


def _excerpt(response: httpx.Response) -> str:
    """The start of the answer; a receiver answering gigabytes is not read past it."""
    kept = bytearray()
    for chunk in response.iter_bytes():
        kept.extend(chunk)
        if len(kept) >= policy.RESPONSE_EXCERPT_CHARS * 4:  # up to 4 bytes a character
            break
    text = kept.decode(response.encoding or "utf-8", errors="replace")
    return text[: policy.RESPONSE_EXCERPT_CHARS]


def post_signed(url: str, message_id: str, body: str, signing_secrets: Sequence[str]) -> Outcome:
    started = time.perf_counter()

    def outcome(status: int | None, error: str | None, excerpt: str | None = None) -> Outcome:
        elapsed = round((time.perf_counter() - started) * 1000, 2)
        return Outcome(status, error, excerpt, elapsed)

    headers = {
        **signed_headers(signing_secrets, message_id, utcnow(), body),
        "content-type": "application/json",
        "user-agent": USER_AGENT,
    }
    timeout = httpx.Timeout(policy.TIMEOUT_SECONDS, connect=policy.CONNECT_TIMEOUT_SECONDS)
    target = httpx.URL(url)
    content = body.encode()
    try:
        with httpx.Client(timeout=timeout, follow_redirects=False, trust_env=False) as client:
            for _ in range(policy.MAX_REDIRECTS + 1):
                with client.stream("POST", target, content=content, headers=headers) as response:
                    if not response.is_redirect:
                        error = None if response.is_success else f"HTTP {response.status_code}"
                        return outcome(response.status_code, error, _excerpt(response))
                    following = target.join(response.headers["location"])
                    status = response.status_code
                if _origin(following) != _origin(target):
                    return outcome(
                        status,
                        f"redirect to another origin ({following.scheme}://{following.host}) "
                        "not followed",
                    )
                target = following
            return outcome(status, f"more than {policy.MAX_REDIRECTS} redirects")
    except httpx.TimeoutException:
        return outcome(None, f"no answer within {policy.TIMEOUT_SECONDS:g} s (timeout)")
    except httpx.HTTPError as exc:
        return outcome(None, f"{type(exc).__name__}: {str(exc)[:300]}")
