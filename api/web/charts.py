"""Charts as inline SVG, drawn on the server: no chart library, no script, nothing fetched, so
the pages work air-gapped and a screen reader reads each chart's title and description.

Each function takes plain numbers and labels and returns SVG markup (every text escaped here).
Colours come from CSS classes of the vendored stylesheet, so they follow its contrast choices.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from html import escape
from typing import Final

_ids = itertools.count(1)
_FONT: Final = 12
_ROW: Final = 22
_ROW_TWO_LINES: Final = 34  # a chart whose labels wrap gives every row room for two lines
_LABEL_CHARS: Final = 34  # what fits the 230-unit label column at 12 px


@dataclass(frozen=True)
class Bar:
    label: str
    value: float
    css: str = ""  # an extra class, e.g. "band-high"
    href: str | None = None


@dataclass(frozen=True)
class Step:
    """One factor of a score: its points (negative for a cap) and what it is."""

    label: str
    points: float
    kind: str  # context / evidence / adjustment


@dataclass(frozen=True)
class Point:
    at: datetime
    value: float
    label: str = ""


def _fmt(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".") if value % 1 else f"{value:.0f}"


def _open(width: int, height: int, title: str, desc: str, css: str) -> tuple[str, str]:
    n = next(_ids)
    head = (
        f'<svg class="chart {css}" xmlns="http://www.w3.org/2000/svg" role="img" '
        f'viewBox="0 0 {width} {height}" width="100%" preserveAspectRatio="xMinYMin meet" '
        f'aria-labelledby="chart-t{n} chart-d{n}">'
        f'<title id="chart-t{n}">{escape(title)}</title>'
        f'<desc id="chart-d{n}">{escape(desc)}</desc>'
    )
    return head, "</svg>"


def _clip(text: str, chars: int) -> str:
    return text if len(text) <= chars else text[: chars - 1] + "…"


def _wrap(text: str, chars: int = _LABEL_CHARS) -> list[str]:
    """A label in at most two lines, broken between words; only what is past the second line
    is clipped (the bar's tooltip and the chart's description keep it whole)."""
    if len(text) <= chars:
        return [text]
    cut = text.rfind(" ", 0, chars + 1)
    if cut <= 0:
        return [_clip(text, chars)]
    return [text[:cut], _clip(text[cut + 1 :], chars)]


def _row_height(labels: Sequence[str]) -> int:
    return _ROW_TWO_LINES if any(len(_wrap(label)) > 1 for label in labels) else _ROW


def _label(x: int, y: int, row: int, text: str, css: str = "") -> str:
    """Right-aligned label text for the row starting at ``y``, one or two lines, centred."""
    lines = _wrap(text)
    first = y + row // 2 + 4 - (len(lines) - 1) * 7
    klass = f' class="{css}"' if css else ""
    spans = "".join(
        f'<tspan x="{x}" y="{first + i * 14}">{escape(line)}</tspan>'
        for i, line in enumerate(lines)
    )
    return f'<text{klass} x="{x}" y="{first}" text-anchor="end">{spans}</text>'


def bar_chart(bars: Sequence[Bar], *, title: str, unit: str = "", width: int = 560) -> str:
    """Horizontal bars, largest scale at the longest bar; the value written after each bar."""
    label_w, value_w = 230, 60
    plot_w = width - label_w - value_w
    row = _row_height([b.label for b in bars])
    height = max(1, len(bars)) * row + 8
    desc = "; ".join(f"{b.label}: {_fmt(b.value)}{unit}" for b in bars) or "no data"
    head, tail = _open(width, height, title, desc, "bar-chart")
    top = max((b.value for b in bars), default=0.0) or 1.0
    parts = [head]
    for i, bar in enumerate(bars):
        y = 4 + i * row
        middle = y + row // 2
        w = max(0.0, bar.value) / top * plot_w
        text = _label(label_w - 6, y, row, bar.label)
        if bar.href:
            text = f'<a href="{escape(bar.href)}">{text}</a>'
        parts.append(
            text + f'<rect class="bar {escape(bar.css)}" x="{label_w}" y="{middle - 8}" '
            f'width="{w:.1f}" height="{_ROW - 6}"><title>{escape(bar.label)}: '
            f"{_fmt(bar.value)}{escape(unit)}</title></rect>"
            f'<text class="value" x="{label_w + w + 4:.1f}" y="{middle + 4}">'
            f"{_fmt(bar.value)}{escape(unit)}</text>"
        )
    if not bars:
        parts.append(f'<text x="4" y="18">{escape("No data yet")}</text>')
    parts.append(tail)
    return "".join(parts)


def score_waterfall(steps: Sequence[Step], score: float, *, title: str, width: int = 640) -> str:
    """Each factor as a bar starting where the previous one ended, and the total last: the
    bars visibly add up to the score (a cap at 100 is a step back, drawn as such)."""
    label_w, value_w = 230, 56
    plot_w = width - label_w - value_w
    rows = len(steps) + 1
    row = _row_height([s.label for s in steps])
    height = rows * row + 26
    running, peak = 0.0, 0.0
    for step in steps:
        running += step.points
        peak = max(peak, running)
    top = max(100.0, peak)
    scale = plot_w / top
    desc = (
        "; ".join(f"{s.label}: {'+' if s.points >= 0 else ''}{_fmt(s.points)}" for s in steps)
        + f"; total {_fmt(score)}"
    )
    head, tail = _open(width, height, title, desc, "waterfall")
    parts = [head]
    running = 0.0
    for i, step in enumerate(steps):
        y = 4 + i * row
        middle = y + row // 2
        start, end = running, running + step.points
        running = end
        x0 = label_w + min(start, end) * scale
        w = max(1.0, abs(step.points) * scale)
        sign = "+" if step.points >= 0 else "−"
        parts.append(
            _label(label_w - 6, y, row, step.label)
            + f'<rect class="step kind-{escape(step.kind)}{" minus" if step.points < 0 else ""}" '
            f'x="{x0:.1f}" y="{middle - 8}" '
            f'width="{w:.1f}" height="{_ROW - 6}"><title>{escape(step.label)}: {sign}'
            f"{_fmt(abs(step.points))}</title></rect>"
            f'<text class="value" x="{label_w + max(start, end) * scale + 4:.1f}" '
            f'y="{middle + 4}">{sign}{_fmt(abs(step.points))}</text>'
        )
    y = 4 + len(steps) * row
    middle = y + row // 2
    parts.append(
        _label(label_w - 6, y, row, "Score", "total")
        + f'<rect class="step total" x="{label_w}" y="{middle - 8}" width="{score * scale:.1f}" '
        f'height="{_ROW - 6}"><title>Score {_fmt(score)}</title></rect>'
        f'<text class="value total" x="{label_w + score * scale + 4:.1f}" y="{middle + 4}">'
        f"{_fmt(score)}</text>"
    )
    axis_y = rows * row + 8
    for tick in range(0, int(top) + 1, 25):
        x = label_w + tick * scale
        parts.append(
            f'<line class="tick" x1="{x:.1f}" y1="4" x2="{x:.1f}" y2="{axis_y}"/>'
            f'<text class="axis" x="{x:.1f}" y="{axis_y + 14}" text-anchor="middle">{tick}</text>'
        )
    parts.append(tail)
    return "".join(parts)


def score_line(
    points: Sequence[Point], *, title: str, threshold: float | None = None, width: int = 640
) -> str:
    """Score (0-100) over time, one dot per assessment; the flag threshold as a dashed line."""
    height, left, right, top, bottom = 220, 40, 16, 12, 30
    plot_w, plot_h = width - left - right, height - top - bottom
    desc = "; ".join(f"{p.at:%Y-%m-%d}: {_fmt(p.value)}" for p in points) or "no assessments yet"
    head, tail = _open(width, height, title, desc, "line-chart")
    parts = [head]

    def y_of(value: float) -> float:
        return top + plot_h * (1 - max(0.0, min(100.0, value)) / 100)

    for tick in (0, 25, 50, 75, 100):
        y = y_of(tick)
        parts.append(
            f'<line class="grid" x1="{left}" y1="{y:.1f}" x2="{width - right}" y2="{y:.1f}"/>'
            f'<text class="axis" x="{left - 6}" y="{y + 4:.1f}" text-anchor="end">{tick}</text>'
        )
    if threshold is not None:
        y = y_of(threshold)
        parts.append(
            f'<line class="threshold" x1="{left}" y1="{y:.1f}" x2="{width - right}" '
            f'y2="{y:.1f}"/><text class="axis" x="{width - right}" y="{y - 4:.1f}" '
            f'text-anchor="end">flag threshold {_fmt(threshold)}</text>'
        )
    if points:
        first, last = points[0].at, points[-1].at
        span = (last - first).total_seconds() or 1.0

        def x_of(at: datetime) -> float:
            if len(points) == 1:
                return left + plot_w / 2
            return left + plot_w * (at - first).total_seconds() / span

        path = " ".join(
            f"{'M' if i == 0 else 'L'}{x_of(p.at):.1f},{y_of(p.value):.1f}"
            for i, p in enumerate(points)
        )
        parts.append(f'<path class="line" d="{path}"/>')
        for p in points:
            parts.append(
                f'<circle class="dot" cx="{x_of(p.at):.1f}" cy="{y_of(p.value):.1f}" r="4">'
                f"<title>{p.at:%Y-%m-%d %H:%M}: {_fmt(p.value)} {escape(p.label)}</title></circle>"
            )
        parts.append(
            f'<text class="axis" x="{left}" y="{height - 8}">{first:%Y-%m-%d}</text>'
            f'<text class="axis" x="{width - right}" y="{height - 8}" text-anchor="end">'
            f"{last:%Y-%m-%d}</text>"
        )
    else:
        parts.append(f'<text x="{left + 8}" y="{top + plot_h / 2:.1f}">No assessments yet</text>')
    parts.append(tail)
    return "".join(parts)
