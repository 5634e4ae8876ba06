"""Server-drawn charts: well-formed SVG a screen reader can name, that adds up and escapes."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from xml.etree import ElementTree

from defusedxml import ElementTree as SafeElementTree

from api.web.charts import Bar, Point, Step, bar_chart, score_line, score_waterfall

SVG = "{http://www.w3.org/2000/svg}"


def _parse(svg: str) -> ElementTree.Element:
    root: ElementTree.Element = SafeElementTree.fromstring(svg)
    return root


def test_the_waterfall_lists_every_factor_and_ends_on_the_score() -> None:
    steps = [
        Step("Country: TIP tier", 15.0, "context"),
        Step("Retention of identity documents", 30.0, "evidence"),
        Step("Capped at 100", -5.0, "adjustment"),
    ]
    root = _parse(score_waterfall(steps, 40.0, title="How the score is made"))
    assert root.get("role") == "img"
    title = root.find(f"{SVG}title")
    desc = root.find(f"{SVG}desc")
    assert title is not None and title.text == "How the score is made"
    assert desc is not None and desc.text is not None
    assert "Country: TIP tier: +15" in desc.text and "Capped at 100: -5" in desc.text
    assert desc.text.endswith("total 40")
    bars = [r for r in root.iter(f"{SVG}rect")]
    assert len(bars) == len(steps) + 1  # one per factor and the total


def test_a_negative_step_is_drawn_back_from_where_the_total_had_reached() -> None:
    steps = [
        Step("a", 80.0, "context"),
        Step("b", 40.0, "evidence"),
        Step("cap", -20.0, "adjustment"),
    ]
    root = _parse(score_waterfall(steps, 100.0, title="t"))
    a, b, cap, _total = (float(r.get("x") or 0) for r in root.iter(f"{SVG}rect"))
    widths = [float(r.get("width") or 0) for r in root.iter(f"{SVG}rect")]
    assert b == a + widths[0]  # b starts where a ended
    assert cap + widths[2] == b + widths[1]  # the cap ends at the running total's peak
    assert abs(widths[3] - (widths[0] + widths[1] - widths[2])) < 0.2


def test_labels_are_escaped() -> None:
    svg = bar_chart([Bar("<script>alert(1)</script>", 3)], title="Flags & reasons")
    assert "<script>" not in svg
    root = _parse(svg)
    assert root.find(f"{SVG}title") is not None


def test_an_empty_history_says_so() -> None:
    svg = score_line([], title="Score over time")
    assert "No assessments yet" in svg
    _parse(svg)


def test_the_score_line_has_a_dot_per_assessment_and_the_threshold() -> None:
    start = datetime(2026, 1, 1, tzinfo=UTC)
    points = [Point(start + timedelta(days=i * 30), 20.0 + i * 10) for i in range(4)]
    root = _parse(score_line(points, title="Score over time", threshold=60))
    assert len(list(root.iter(f"{SVG}circle"))) == 4
    assert "flag threshold 60" in ElementTree.tostring(root, encoding="unicode")


def _label_lines(root: ElementTree.Element) -> list[list[str]]:
    """Each label's lines as drawn (the ``text`` elements made of ``tspan`` lines)."""
    return [
        [span.text or "" for span in text.iter(f"{SVG}tspan")]
        for text in root.iter(f"{SVG}text")
        if text.find(f"{SVG}tspan") is not None
    ]


def test_a_long_reason_label_wraps_onto_two_lines_instead_of_being_cut() -> None:
    reason = "Forced-labour good from this country, unaudited"  # 47 characters
    root = _parse(bar_chart([Bar(reason, 4), Bar("Score above threshold", 9)], title="t"))
    lines = _label_lines(root)
    assert lines[0] == ["Forced-labour good from this", "country, unaudited"]
    assert lines[1] == ["Score above threshold"]
    assert all(len(line) <= 34 for label in lines for line in label)
    # every row has room for two lines, so the rows do not overlap
    bars = [float(r.get("y") or 0) for r in root.iter(f"{SVG}rect")]
    assert bars[1] - bars[0] == 34


def test_a_label_that_fits_stays_on_one_line_at_the_usual_row_height() -> None:
    root = _parse(bar_chart([Bar("Malaysia", 4), Bar("China", 9)], title="t"))
    assert _label_lines(root) == [["Malaysia"], ["China"]]
    bars = [float(r.get("y") or 0) for r in root.iter(f"{SVG}rect")]
    assert bars[1] - bars[0] == 22
