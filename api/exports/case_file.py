"""A case file: everything a reviewer decided on, as JSON or a printable HTML page.

Every value in the HTML passes through ``html.escape``: supplier names, audit reports and
comments come from outside and must never become markup. The page also carries a content
security policy that forbids scripts, should anything slip through.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from html import escape
from typing import Any, Final

from sqlalchemy import select
from sqlalchemy.orm import Session

from api.cases.views import case_detail
from models import Audit, Finding, ReviewCase
from models.base import utcnow

CONTENT_SECURITY_POLICY: Final = "default-src 'none'; style-src 'unsafe-inline'"


def _audits(session: Session, supplier_id: Any) -> list[dict[str, Any]]:
    audits = session.scalars(
        select(Audit).where(Audit.supplier_id == supplier_id).order_by(Audit.audited_on.desc())
    ).all()
    findings: dict[Any, list[Finding]] = {}
    if audits:
        for finding in session.scalars(
            select(Finding)
            .where(Finding.audit_id.in_([a.id for a in audits]))
            .order_by(Finding.found_on, Finding.id)
        ):
            findings.setdefault(finding.audit_id, []).append(finding)
    return [
        {
            "id": str(a.id),
            "external_ref": a.external_ref,
            "audited_on": a.audited_on.isoformat(),
            "audit_type": a.audit_type,
            "standard": a.standard,
            "firm": a.firm,
            "auditor": a.auditor,
            "paid_by": a.paid_by,
            "workers_total": a.workers_total,
            "workers_interviewed": a.workers_interviewed,
            "reliability_level": a.reliability_level,
            "reliability_patterns": [
                {"code": p.get("code"), "summary": p.get("summary")}
                for p in (a.reliability or {}).get("patterns", [])
            ],
            "findings": [
                {
                    "indicator": f.indicator,
                    "severity": f.severity,
                    "status": f.status,
                    "description": f.description,
                    "found_on": f.found_on.isoformat() if f.found_on else None,
                }
                for f in findings.get(a.id, [])
            ],
        }
        for a in audits
    ]


def case_file(session: Session, case: ReviewCase, generated_by: str) -> dict[str, Any]:
    detail = case_detail(session, case).model_dump(mode="json")
    detail["audits"] = _audits(session, case.supplier_id)
    return {
        "kind": "flrisk.case_file",
        "generated_at": utcnow().isoformat(),
        "generated_by": generated_by,
        "case": detail,
    }


# --- HTML -------------------------------------------------------------------------------

_STYLE = """
body { font: 13px/1.45 system-ui, sans-serif; margin: 2em; color: #111; }
h1 { font-size: 1.5em; margin-bottom: 0; } h2 { font-size: 1.15em; margin-top: 1.8em;
border-bottom: 1px solid #999; } table { border-collapse: collapse; width: 100%; margin: .5em 0; }
th, td { border: 1px solid #bbb; padding: 3px 6px; text-align: left; vertical-align: top; }
th { background: #eee; } .muted { color: #555; } pre { white-space: pre-wrap; margin: 0;
font-size: 11px; } @media print { body { margin: 0; } h2 { break-after: avoid; }
tr { break-inside: avoid; } }
"""


def _text(value: Any) -> str:
    if value is None:
        return "—"
    if isinstance(value, dict | list):
        return f"<pre>{escape(json.dumps(value, indent=1, ensure_ascii=False))}</pre>"
    return escape(str(value))


def _table(headers: Sequence[str], rows: Iterable[Sequence[Any]]) -> str:
    head = "".join(f"<th>{escape(h)}</th>" for h in headers)
    body = "".join("<tr>" + "".join(f"<td>{_text(v)}</td>" for v in row) + "</tr>" for row in rows)
    if not body:
        return '<p class="muted">None.</p>'
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _fields(pairs: Iterable[tuple[str, Any]]) -> str:
    rows = "".join(f"<tr><th>{escape(k)}</th><td>{_text(v)}</td></tr>" for k, v in pairs)
    return f"<table>{rows}</table>"


def case_file_html(document: dict[str, Any]) -> str:
    case = document["case"]
    supplier = case["supplier"]
    assessment = case.get("assessment")
    parts = [
        f"<h1>Case file: {escape(supplier['name'])}</h1>",
        f'<p class="muted">Case {escape(case["id"])} · generated {escape(document["generated_at"])}'
        f" by {escape(document['generated_by'])}</p>",
        "<h2>Case</h2>",
        _fields(
            [
                ("Status", case["status"]),
                ("Priority", case["priority"]),
                ("Critical indicator", "yes" if case["critical"] else "no"),
                ("Assignee", case["assignee"]),
                ("Opened", case["opened_at"]),
                ("Due", case["due_at"]),
                ("Decision", case["decision"]),
                ("Rationale", case["decision_rationale"]),
                ("Decided by", case["decided_by"]),
                ("Closed", case["closed_at"]),
                ("Awaiting confirmation", case["pending_decision"]),
            ]
        ),
        "<h3>Flag reasons</h3>",
        _table(
            ["Code", "Summary", "Evidence"],
            ([r["code"], r["summary"], ", ".join(r["evidence"])] for r in case["reasons"]),
        ),
        "<h2>Supplier</h2>",
        _fields(
            [
                ("Name", supplier["name"]),
                ("Your reference", supplier["external_ref"]),
                ("Country", supplier["country"]),
                ("Sector", supplier["sector"]),
                ("Status", supplier["status"]),
            ]
        ),
    ]
    if assessment:
        parts += [
            "<h2>Latest assessment</h2>",
            _fields(
                [
                    (
                        "Score",
                        f"{assessment['score']} ({assessment['score_low']}–"
                        f"{assessment['score_high']})",
                    ),
                    ("Band", assessment["band"]),
                    ("Flagged", "yes" if assessment["flagged"] else "no"),
                    ("Coverage", assessment["coverage"]),
                    ("Assessed", assessment["created_at"]),
                    ("Methodology", assessment["methodology_version"]),
                    ("Risk data", assessment["risk_data_version"]),
                ]
            ),
            "<h3>Factors</h3>",
            _table(
                ["Factor", "Kind", "Points", "Detail", "Source"],
                (
                    [
                        f.get("code"),
                        f.get("kind"),
                        f.get("points"),
                        f.get("detail"),
                        f.get("source"),
                    ]
                    for f in assessment["factors"]
                ),
            ),
            "<h3>ILO indicators</h3>",
            _table(
                ["Indicator", "Status", "Severity", "Points", "Evidence"],
                (
                    [
                        i.get("code"),
                        i.get("status"),
                        i.get("severity"),
                        i.get("points"),
                        "; ".join(str(e.get("summary", "")) for e in i.get("evidence", [])),
                    ]
                    for i in assessment["indicators"]
                ),
            ),
        ]
    parts.append("<h2>Audits</h2>")
    if not case["audits"]:
        parts.append('<p class="muted">No audits.</p>')
    for audit in case["audits"]:
        parts += [
            f"<h3>{escape(audit['audited_on'])} · {escape(audit['audit_type'])}"
            f" · {escape(audit['standard'] or 'standard not given')}</h3>",
            _fields(
                [
                    ("Reference", audit["external_ref"]),
                    ("Firm / auditor", f"{audit['firm'] or '—'} / {audit['auditor'] or '—'}"),
                    ("Paid by", audit["paid_by"]),
                    (
                        "Workers (interviewed)",
                        f"{audit['workers_total'] or '—'} ({audit['workers_interviewed'] or '—'})",
                    ),
                    ("Reliability", audit["reliability_level"]),
                    (
                        "Patterns",
                        "; ".join(
                            f"{p['code']}: {p['summary']}" for p in audit["reliability_patterns"]
                        )
                        or None,
                    ),
                ]
            ),
            _table(
                ["Indicator", "Severity", "Status", "Found", "Description"],
                (
                    [f["indicator"], f["severity"], f["status"], f["found_on"], f["description"]]
                    for f in audit["findings"]
                ),
            ),
        ]
    parts += [
        "<h2>Comments</h2>",
        _table(
            ["When", "Who", "Comment"],
            ([c["created_at"], c["author"], c["body"]] for c in case["comments"]),
        ),
        "<h2>History</h2>",
        '<p class="muted">From the append-only, hash-chained event log.</p>',
        _table(
            ["#", "When", "Who", "What", "Before", "After", "Hash"],
            (
                [
                    e["seq"],
                    e["created_at"],
                    e["actor"],
                    e["action"],
                    e["before"],
                    e["after"],
                    e["hash"][:16],
                ]
                for e in case["history"]
            ),
        ),
    ]
    title = escape(f"Case file: {supplier['name']}")
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        f'<meta http-equiv="Content-Security-Policy" content="{CONTENT_SECURITY_POLICY}">'
        f"<title>{title}</title><style>{_STYLE}</style></head><body>"
        + "\n".join(parts)
        + "</body></html>\n"
    )
