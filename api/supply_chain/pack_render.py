"""The evidence pack as print-ready HTML, with the chain drawn server-side as an SVG flow
chart (no script, no external asset: it prints and works air-gapped)."""

from __future__ import annotations

from html import escape
from typing import Any, Final

_COL: Final = 250
_NODE_W: Final = 210
_NODE_H: Final = 78
_ROW: Final = 104
_MARGIN: Final = 20
_MAX_LABEL: Final = 30


def _cut(text: str, size: int = _MAX_LABEL) -> str:
    return text if len(text) <= size else text[: size - 1] + "…"


def flow_chart_svg(pack: dict[str, Any]) -> str:
    """Stages as boxes in columns by tier, the raw material on the left and the subject on
    the right; an arrow per link, labelled with its input (and share)."""
    stages = pack["stages"]
    deepest = max((s["tier"] for s in stages), default=0)
    rows: dict[int, int] = {}
    place: dict[int, tuple[int, int]] = {}
    for stage in stages:
        tier = stage["tier"]
        row = rows.get(tier, 0)
        rows[tier] = row + 1
        place[stage["number"]] = (
            _MARGIN + (deepest - tier) * _COL,
            _MARGIN + 24 + row * _ROW,
        )
    width = _MARGIN * 2 + deepest * _COL + _NODE_W
    height = _MARGIN * 2 + 24 + max(rows.values(), default=1) * _ROW
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" role="img" font-family="sans-serif" font-size="12">',
        "<title>Flow chart of the supply chain</title>",
        '<defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="8" '
        'markerHeight="8" orient="auto-start-reverse"><path d="M 0 0 L 10 5 L 0 10 z" '
        'fill="#444"/></marker></defs>',
    ]
    for tier in range(deepest + 1):
        x = _MARGIN + (deepest - tier) * _COL
        label = "Subject" if tier == 0 else f"Tier {tier}"
        parts.append(f'<text x="{x}" y="{_MARGIN + 10}" font-weight="bold">{label}</text>')
    for link in pack["links"]:
        (x1, y1), (x2, y2) = place[link["from_stage"]], place[link["to_stage"]]
        ax, ay = float(x1 + _NODE_W), y1 + _NODE_H / 2
        bx, by = float(x2), y2 + _NODE_H / 2
        if x2 <= x1:  # a link between suppliers of one tier (or back): bottom to top
            ax, ay, bx, by = x1 + _NODE_W / 2, y1 + _NODE_H, x2 + _NODE_W / 2, y2
        share = f" ({link['share']:.0%})" if link["share"] is not None else ""
        parts.append(
            f'<line x1="{ax:g}" y1="{ay:g}" x2="{bx:g}" y2="{by:g}" stroke="#444" '
            'stroke-width="1.5" marker-end="url(#arrow)"/>'
        )
        parts.append(
            f'<text x="{(ax + bx) / 2:g}" y="{(ay + by) / 2 - 4:g}" text-anchor="middle" '
            f'font-size="10" fill="#222">{escape(_cut(link["input"] + share, 34))}</text>'
        )
    for stage in stages:
        x, y = place[stage["number"]]
        supplier = stage["supplier"]
        flagged = stage["screening"].get("flagged")
        fill, stroke = ("#fde2e1", "#b3261e") if flagged else ("#eef3f8", "#3b5b7a")
        place_text = ", ".join(p for p in (supplier["region"], supplier["country_name"]) if p)
        parts.append(
            f'<g><rect x="{x}" y="{y}" width="{_NODE_W}" height="{_NODE_H}" rx="6" '
            f'fill="{fill}" stroke="{stroke}" stroke-width="1.5"/>'
            f'<text x="{x + 8}" y="{y + 18}" font-weight="bold">'
            f"{stage['number']}. {escape(_cut(supplier['name'], 26))}</text>"
            f'<text x="{x + 8}" y="{y + 36}">{escape(_cut(place_text))}</text>'
            f'<text x="{x + 8}" y="{y + 54}" font-size="10">'
            f"{escape(_cut(stage['role'], 36))}</text>"
            f'<text x="{x + 8}" y="{y + 70}" font-size="10">'
            f"{escape(_screening_line(stage['screening']))}</text></g>"
        )
    parts.append("</svg>")
    return "".join(parts)


def _screening_line(screening: dict[str, Any]) -> str:
    if not screening.get("assessed"):
        return "not assessed"
    flag = " · FLAGGED" if screening["flagged"] else ""
    return f"score {screening['score']:g} ({screening['band']}){flag}"


_CSS: Final = """
body { font-family: Georgia, serif; margin: 2em auto; max-width: 60em; color: #111; }
h1, h2, h3 { font-family: Helvetica, Arial, sans-serif; }
table { border-collapse: collapse; width: 100%; margin: .5em 0 1em; font-size: .9em; }
th, td { border: 1px solid #999; padding: .25em .4em; text-align: left; vertical-align: top; }
th { background: #eee; }
.flag { color: #b3261e; font-weight: bold; }
.chart { overflow-x: auto; border: 1px solid #ccc; padding: .5em; }
.chart svg { max-width: 100%; height: auto; }
.meta { color: #555; font-size: .9em; }
section.stage { break-inside: avoid; border-top: 1px solid #ccc; padding-top: .5em; }
@media print {
  body { margin: 0; max-width: none; }
  section.part { break-before: page; }
  .chart { overflow: visible; border: none; }
  a { color: inherit; text-decoration: none; }
}
"""


def _td(value: Any) -> str:
    if value is None or value == "":
        return "<td>—</td>"
    if isinstance(value, bool):
        return f"<td>{'yes' if value else 'no'}</td>"
    return f"<td>{escape(str(value))}</td>"


def _share(value: float | None) -> str:
    return "not given" if value is None else f"{value:.0%}"


def render_html(pack: dict[str, Any]) -> str:
    subject = pack["subject"]
    summary = pack["executive_summary"]
    out: list[str] = [
        "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>",
        f"<title>{escape(pack['title'])}: {escape(subject['name'])}</title>",
        f"<style>{_CSS}</style></head><body>",
        f"<h1>{escape(pack['title'])}</h1>",
        f"<p class='meta'>{escape(subject['kind'].capitalize())}: "
        f"<strong>{escape(subject['name'])}</strong> · generated {escape(pack['generated_at'])}"
        f" · methodology {escape(pack['methodology_version'])}, "
        f"{escape(pack['upstream_version'])}, risk data {escape(pack['risk_data_version'])}</p>",
        "<nav><h2>Index</h2><ol>",
        *(f"<li><a href='#{i['anchor']}'>{escape(i['title'])}</a></li>" for i in pack["index"]),
        "</ol></nav>",
    ]
    # 1. Executive summary
    out.append("<section class='part' id='summary'><h2>1. Executive summary</h2><ul>")
    out.append(
        f"<li>{summary['stages']} stages and {summary['links']} supply links, traced "
        f"{summary['deepest_tier']} tier(s) up from the subject"
        f"{' (cut at the depth asked for: more links lie beyond)' if summary['truncated'] else ''}"
        ".</li>"
    )
    out.append(f"<li>Countries in the chain: {escape(', '.join(summary['countries']))}.</li>")
    for item in summary["upstream_risk"]:
        out.append(
            f"<li class='flag'>Upstream risk at stage {item['stage']} "
            f"({escape(item['supplier'])}): {escape(item['summary'])}</li>"
        )
    if summary["stages_flagged"]:
        flagged = "; ".join(
            f"stage {f['stage']} {f['supplier']} ({', '.join(f['reasons'])})"
            for f in summary["stages_flagged"]
        )
        out.append(f"<li>Stages flagged for review: {escape(flagged)}.</li>")
    else:
        out.append("<li>No stage is flagged for review.</li>")
    out.append(
        f"<li>{summary['documents']} documents attached, "
        f"{summary['documents_not_translated']} not translated into English.</li>"
    )
    for gap in summary["links_without_documents"]:
        out.append(
            f"<li>No document yet ties stage {gap['stage']} to stage {gap['to_stage']} "
            f"({escape(gap['input'])}).</li>"
        )
    out.append("</ul></section>")
    # 2. Flow chart
    out.append(
        "<section class='part' id='flow-chart'><h2>2. Flow chart of the supply chain</h2>"
        f"<div class='chart'>{flow_chart_svg(pack)}</div></section>"
    )
    # 3. Stages
    out.append(
        "<section class='part' id='stages'><h2>3. Stages: parties, roles, inputs and documents</h2>"
    )
    for stage in pack["stages"]:
        s = stage["supplier"]
        out.append(f"<section class='stage' id='stage-{stage['number']}'>")
        out.append(f"<h3>Stage {stage['number']}: {escape(s['name'])}</h3>")
        out.append("<table><tbody>")
        for label, value in (
            ("Role", stage["role"]),
            ("Address", ", ".join(p for p in (s["address"], s["city"], s["region"]) if p) or None),
            ("Country", s["country_name"]),
            ("Registration number", s["registration_number"]),
            ("Your reference", s["external_ref"]),
            ("Products", ", ".join(s["products"]) or None),
        ):
            out.append(f"<tr><th>{label}</th>{_td(value)}</tr>")
        out.append("</tbody></table>")
        for link in stage["supplies"]:
            period = " to ".join(p for p in (link["period_start"], link["period_end"]) if p)
            out.append(
                f"<p>Supplies <strong>{escape(link['input'])}</strong>"
                f"{' (ILAB good: ' + escape(link['input_good']) + ')' if link['input_good'] else ''}"
                f"{' HS ' + escape(link['hs_code']) if link['hs_code'] else ''} to "
                f"<a href='#stage-{link['to_stage']}'>stage {link['to_stage']}</a> "
                f"({escape(link['to'])}); share of its input {_share(link['share'])}"
                f"{'; period ' + escape(period) if period else ''}.</p>"
            )
            if link["documents"]:
                out.append(
                    "<table><thead><tr><th>No.</th><th>Type</th><th>Number</th><th>Date</th>"
                    "<th>Translated</th><th>File</th><th>sha256</th></tr></thead><tbody>"
                )
                for d in link["documents"]:
                    out.append(
                        f"<tr>{_td(d['ref'])}{_td(d['doc_type'].replace('_', ' '))}"
                        f"{_td(d['number'])}{_td(d['issued_on'])}{_td(d['translated'])}"
                        f"{_td(d['filename'] + ' (' + d['media_type'] + ', ' + str(d['size']) + ' bytes)')}"
                        f"<td><code>{escape(d['sha256'])}</code></td></tr>"
                    )
                out.append("</tbody></table>")
            else:
                out.append("<p class='flag'>No document attached to this link.</p>")
        out.append("</section>")
    out.append("</section>")
    # 4. Screening and decisions
    out.append(
        "<section class='part' id='screening'><h2>4. Screening and decisions at each stage</h2>"
        "<table><thead><tr><th>Stage</th><th>Supplier</th><th>Score</th><th>Flags</th>"
        "<th>Due diligence</th><th>Decision</th></tr></thead><tbody>"
    )
    for stage in pack["stages"]:
        sc, dd = stage["screening"], stage["decisions"]
        if sc.get("assessed"):
            score = f"{sc['score']:g} ({sc['band']})"
            flags = (
                "".join(
                    f"<div class='flag'>{escape(r['code'])}: {escape(r['summary'])}</div>"
                    for r in sc["flag_reasons"]
                )
                or "none"
            )
        else:
            score, flags = "not assessed", "—"
        case = dd["case"]
        decision = (
            "no case"
            if case is None
            else f"case {case['status']}"
            + (f": {case['decision']}" if case["decision"] else "")
            + (f" ({case['rationale']})" if case["rationale"] else "")
        )
        out.append(
            f"<tr><td><a href='#stage-{stage['number']}'>{stage['number']}</a></td>"
            f"{_td(stage['supplier']['name'])}{_td(score)}<td>{flags}</td>"
            f"{_td(dd['due_diligence_status'] or 'none')}{_td(decision)}</tr>"
        )
    out.append("</tbody></table></section>")
    # 5. Documents index
    out.append(
        "<section class='part' id='documents'><h2>5. Index of documents</h2>"
        "<p class='meta'>Documents are numbered by the stage that supplied the input "
        "(3.1 is the first document of stage 3), so each ties a stage to the next.</p>"
        "<table><thead><tr><th>No.</th><th>Type</th><th>Number</th><th>Date</th>"
        "<th>From stage</th><th>To stage</th><th>Translated</th><th>sha256</th></tr></thead><tbody>"
    )
    for d in pack["documents_index"]:
        out.append(
            f"<tr>{_td(d['ref'])}{_td(d['doc_type'].replace('_', ' '))}{_td(d['number'])}"
            f"{_td(d['issued_on'])}{_td(d['from_stage'])}{_td(d['to_stage'])}"
            f"{_td(d['translated'])}<td><code>{escape(d['sha256'])}</code></td></tr>"
        )
    if not pack["documents_index"]:
        out.append("<tr><td colspan='8'>No documents attached.</td></tr>")
    out.append("</tbody></table></section></body></html>")
    return "".join(out)
