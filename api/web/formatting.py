"""Jinja filters the review pages share: dates, scores, codes in words."""

from __future__ import annotations

from datetime import UTC, date, datetime

from markupsafe import Markup

from api.cases.page import words
from api.web.templating import templates


def when(value: datetime | date | None) -> str:
    """A date and time in UTC, the service's clock (``api.clock``), to the minute."""
    if value is None:
        return "—"
    if isinstance(value, datetime):
        if value.tzinfo is None:
            value = value.replace(tzinfo=UTC)
        return value.astimezone(UTC).strftime("%Y-%m-%d %H:%M UTC")
    return value.isoformat()


def day(value: datetime | date | None) -> str:
    if value is None:
        return "—"
    return value.strftime("%Y-%m-%d")


def score(value: float | None) -> str:
    return "—" if value is None else f"{value:.1f}"


def signed(value: float) -> str:
    return f"+{value:.1f}" if value >= 0 else f"−{abs(value):.1f}"


def svg(markup: str) -> Markup:
    """Markup drawn by ``api.web.charts``, which escapes every text it writes."""
    return Markup(markup)  # noqa: S704


templates.env.filters.update(when=when, day=day, score=score, signed=signed, words=words, svg=svg)
