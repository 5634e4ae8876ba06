"""The tracing evidence pack: a supplier's (or a product's) chain laid out as CBP's UFLPA
guidance asks (research/regulation-lists-peers.md §1): an executive summary, a flow chart of
the parties and their roles, numbered stages (company, address, role, input) with the
documents tying each stage to the next numbered to match, the screening and the decisions at
each stage, and an index. ``api.supply_chain.pack_render`` draws it as print-ready HTML with
the flow chart as an SVG picture; the JSON is the same content.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any, Final

from sqlalchemy import select
from sqlalchemy.orm import Session

from api.assessments.service import latest_assessment
from api.supply_chain.chain import suppliers_by_id, upstream_side
from api.supply_chain.documents import link_documents
from api.supply_chain.service import link_state
from models import ReviewCase, Supplier, SupplyLink
from models.base import utcnow
from risk_data.types import RiskData
from screening.scoring import METHODOLOGY_VERSION
from screening.upstream import UPSTREAM_VERSION

PACK_VERSION: Final = "tracing-pack-1"
MAX_PRODUCT_SUPPLIERS: Final = 50
SECTIONS: Final = (
    ("summary", "1. Executive summary"),
    ("flow-chart", "2. Flow chart of the supply chain"),
    ("stages", "3. Stages: parties, roles, inputs and documents"),
    ("screening", "4. Screening and decisions at each stage"),
    ("documents", "5. Index of documents"),
)


def _address(s: Supplier, data: RiskData) -> dict[str, Any]:
    country = data.countries.get(s.country)
    return {
        "address": s.address,
        "city": s.city,
        "region": s.region,
        "country": s.country,
        "country_name": country.name if country else s.country,
    }


def _screening(session: Session, s: Supplier) -> dict[str, Any]:
    latest = latest_assessment(session, s.id)
    if latest is None:
        return {"assessed": False}
    upstream = next(
        (f for f in latest.result.get("factors", []) if f["code"] == "upstream_risk"), None
    )
    return {
        "assessed": True,
        "assessment_id": str(latest.id),
        "assessed_at": latest.created_at.isoformat(),
        "score": latest.score,
        "band": latest.band,
        "flagged": latest.flagged,
        "flag_reasons": [
            {"code": r["code"], "summary": r.get("summary", "")} for r in latest.flag_reasons
        ],
        "upstream_risk": upstream["detail"] if upstream else None,
        "methodology_version": latest.methodology_version,
        "risk_data_version": latest.risk_data_version,
    }


def _decisions(session: Session, s: Supplier) -> dict[str, Any]:
    case = session.scalars(
        select(ReviewCase)
        .where(ReviewCase.supplier_id == s.id)
        .order_by(ReviewCase.opened_at.desc(), ReviewCase.id)
        .limit(1)
    ).first()
    return {
        "due_diligence_status": s.dd_status,
        "since": s.dd_since.isoformat() if s.dd_since else None,
        "case": None
        if case is None
        else {
            "id": str(case.id),
            "status": case.status,
            "decision": case.decision,
            "rationale": case.decision_rationale,
            "decided_by": case.decided_by,
            "valid_until": case.valid_until.isoformat() if case.valid_until else None,
        },
    }


def _trace(
    session: Session, roots: list[Supplier], depth: int
) -> tuple[dict[uuid.UUID, int], list[SupplyLink], bool]:
    depths: dict[uuid.UUID, int] = {}
    links: dict[uuid.UUID, SupplyLink] = {}
    truncated = False
    for root in roots:
        side = upstream_side(session, root, depth)
        truncated = truncated or side.truncated
        for supplier_id, at in side.depths.items():
            depths[supplier_id] = min(at, depths.get(supplier_id, at))
        for link in side.links:
            links.setdefault(link.id, link)
    return depths, list(links.values()), truncated


def build_pack(
    session: Session,
    roots: list[Supplier],
    subject: dict[str, Any],
    data: RiskData,
    *,
    depth: int,
    now: datetime | None = None,
) -> dict[str, Any]:
    depths, links, truncated = _trace(session, roots, depth)
    suppliers = suppliers_by_id(session, set(depths))
    root_ids = [r.id for r in roots]
    # Stage numbers: the subject's suppliers first, then breadth first up the chain, each tier
    # in name order, so numbers read from the finished good back to the raw material.
    supplies: dict[uuid.UUID, list[SupplyLink]] = {}
    for link in links:
        supplies.setdefault(link.supplier_id, []).append(link)
    order = sorted(depths, key=lambda i: (depths[i], i not in root_ids, suppliers[i].name, str(i)))
    number = {supplier_id: n for n, supplier_id in enumerate(order, start=1)}
    documents = link_documents(session, [link.id for link in links])

    stages: list[dict[str, Any]] = []
    document_index: list[dict[str, Any]] = []
    for supplier_id in order:
        s = suppliers[supplier_id]
        stage_no = number[supplier_id]
        outgoing = sorted(
            (ln for ln in supplies.get(supplier_id, ()) if ln.buyer_id in number),
            key=lambda ln: (number[ln.buyer_id], ln.input_text),
        )
        supplied: list[dict[str, Any]] = []
        doc_no = 0
        for link in outgoing:
            docs = []
            for document in documents.get(link.id, ()):
                doc_no += 1
                entry = {
                    "ref": f"{stage_no}.{doc_no}",
                    "id": str(document.id),
                    "link_id": str(link.id),
                    "doc_type": document.doc_type,
                    "number": document.number,
                    "issued_on": document.issued_on.isoformat() if document.issued_on else None,
                    "translated": document.translated,
                    "language": document.language,
                    "filename": document.filename,
                    "media_type": document.media_type,
                    "size": document.size,
                    "sha256": document.sha256,
                    "from_stage": stage_no,
                    "to_stage": number[link.buyer_id],
                }
                docs.append(entry)
                document_index.append(entry)
            supplied.append(
                {
                    "link_id": str(link.id),
                    "to_stage": number[link.buyer_id],
                    "to": suppliers[link.buyer_id].name,
                    **link_state(link),
                    "documents": docs,
                }
            )
        tier = depths[supplier_id]
        if supplier_id in root_ids:
            role = "Subject: the supplier whose goods are traced"
        else:
            inputs = ", ".join(dict.fromkeys(x["input"] for x in supplied)) or "inputs"
            role = f"Tier {tier} sub-supplier: supplies {inputs}"
        stages.append(
            {
                "number": stage_no,
                "tier": tier,
                "role": role,
                "supplier": {
                    "id": str(s.id),
                    "name": s.name,
                    "external_ref": s.external_ref,
                    "registration_number": s.registration_number,
                    "sector": s.sector,
                    "products": list(s.products or []),
                    **_address(s, data),
                },
                "supplies": supplied,
                "screening": _screening(session, s),
                "decisions": _decisions(session, s),
            }
        )
    return {
        "pack_version": PACK_VERSION,
        "title": "Supply chain tracing evidence pack",
        "subject": subject,
        "generated_at": (now or utcnow()).isoformat(timespec="seconds"),
        "depth": depth,
        "truncated": truncated,
        "methodology_version": METHODOLOGY_VERSION,
        "upstream_version": UPSTREAM_VERSION,
        "risk_data_version": data.version,
        "executive_summary": _summary(stages, document_index, links, truncated),
        "stages": stages,
        "links": [
            {
                "id": str(ln.id),
                "from_stage": number[ln.supplier_id],
                "to_stage": number[ln.buyer_id],
                "input": ln.input_text,
                "share": ln.share,
            }
            for ln in sorted(
                links, key=lambda ln: (number[ln.supplier_id], number[ln.buyer_id], ln.input_text)
            )
            if ln.supplier_id in number and ln.buyer_id in number
        ],
        "documents_index": document_index,
        "index": [{"anchor": a, "title": t} for a, t in SECTIONS],
    }


def _summary(
    stages: list[dict[str, Any]],
    documents: list[dict[str, Any]],
    links: list[SupplyLink],
    truncated: bool,
) -> dict[str, Any]:
    roots = [s for s in stages if s["tier"] == 0]
    flagged = [s for s in stages if s["screening"].get("flagged")]
    upstream = [
        {"stage": s["number"], "supplier": s["supplier"]["name"], "summary": r["summary"]}
        for s in roots
        for r in s["screening"].get("flag_reasons", [])
        if r["code"] == "upstream_risk"
    ]
    documented = {d["link_id"] for d in documents}
    undocumented = [
        {"stage": s["number"], "to_stage": x["to_stage"], "input": x["input"]}
        for s in stages
        for x in s["supplies"]
        if x["link_id"] not in documented
    ]
    return {
        "stages": len(stages),
        "links": len(links),
        "deepest_tier": max((s["tier"] for s in stages), default=0),
        "countries": sorted({s["supplier"]["country_name"] for s in stages}),
        "stages_flagged": [
            {
                "stage": s["number"],
                "supplier": s["supplier"]["name"],
                "reasons": [r["code"] for r in s["screening"]["flag_reasons"]],
            }
            for s in flagged
        ],
        "upstream_risk": upstream,
        "documents": len(documents),
        "documents_not_translated": sum(1 for d in documents if not d["translated"]),
        "links_without_documents": undocumented,
        "truncated": truncated,
    }


def product_roots(session: Session, organisation_id: uuid.UUID, product: str) -> list[Supplier]:
    """Active suppliers that make ``product`` (as the registry stores products), by name."""
    wanted = " ".join(product.split()).casefold()
    found: list[Supplier] = []
    rows = session.scalars(
        select(Supplier)
        .where(Supplier.organisation_id == organisation_id, Supplier.status == "active")
        .order_by(Supplier.name, Supplier.id)
    )
    for supplier in rows:
        if any(p.casefold() == wanted for p in supplier.products or ()):
            found.append(supplier)
            if len(found) >= MAX_PRODUCT_SUPPLIERS:
                break
    return found


__all__ = ["build_pack", "product_roots"]
