"""Supply links, their documents, a supplier's chain and the tracing evidence pack."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, File, Form, Query, Response, UploadFile, status
from fastapi.responses import HTMLResponse, JSONResponse

from api.assessments import rescore
from api.assessments.service import get_supplier, latest_assessment
from api.auth.roles import Scope
from api.deps import Principal, PrincipalDep, SessionDep, SettingsDep, require
from api.errors import ProblemError
from api.jobs.deps import QueueDep
from api.reference_data.deps import RiskDataDep
from api.supply_chain import documents, service
from api.supply_chain.chain import (
    ChainSide,
    clamp_depth,
    downstream_side,
    link_out,
    suppliers_by_id,
    upstream_side,
)
from api.supply_chain.pack import build_pack, product_roots
from api.supply_chain.pack_render import render_html
from api.supply_chain.schemas import (
    ChainNode,
    ChainOut,
    ChainSideOut,
    DocumentOut,
    LinkIn,
    LinkList,
    LinkOut,
)
from models import RescoreJob, SupplyLink

router = APIRouter(tags=["supply chain"])
Reader = Annotated[Principal, Depends(require(Scope.suppliers_read))]
Writer = Annotated[Principal, Depends(require(Scope.suppliers_write))]
Exporter = Annotated[Principal, Depends(require(Scope.exports))]
Depth = Annotated[int, Query(ge=1, le=25, description="Links to follow, at most 25.")]
PackFormat = Annotated[
    Literal["json", "html"], Query(description="json, or print-ready HTML with the flow chart")
]


def _owned_link(link_id: uuid.UUID, session: SessionDep, principal: PrincipalDep) -> SupplyLink:
    # A dependency, so another organisation's link is a 404 before the form is validated.
    return service.get_link(session, principal.organisation_id, link_id)


OwnedLink = Annotated[SupplyLink, Depends(_owned_link)]


def _enqueue(session: SessionDep, queue: QueueDep, job: RescoreJob | None) -> uuid.UUID | None:
    if job is None:
        return None
    rescore.hand_to_queue(session, queue, job.id)
    return job.id


@router.post(
    "/v1/supply-links",
    status_code=status.HTTP_201_CREATED,
    responses={
        200: {"description": "The link existed (same suppliers and input): updated."},
        409: {"description": "`supply-cycle`: the link would close a loop; `cycle` names it."},
    },
)
def create_link(
    body: LinkIn,
    session: SessionDep,
    data: RiskDataDep,
    queue: QueueDep,
    principal: Writer,
    response: Response,
) -> LinkOut:
    """Record that one supplier supplies another with an input. The input is resolved to an
    ILAB good for the supplying supplier's country where it names one. The buyers downstream
    are re-scored by a job (`rescore_job_id`)."""
    values = service.LinkValues(
        " ".join(body.input.split()),
        body.hs_code.replace(".", "").replace(" ", "") if body.hs_code else None,
        body.share,
        body.period_start,
        body.period_end,
    )
    link, outcome, job = service.add_link(
        session,
        principal.organisation_id,
        body.supplier_id,
        body.buyer_id,
        values,
        data,
        actor=principal.actor.ref,
    )
    if outcome != "created":
        response.status_code = status.HTTP_200_OK
    response.headers["Location"] = f"/v1/supply-links/{link.id}"
    return LinkOut.of(link, _enqueue(session, queue, job))


@router.get("/v1/supply-links")
def list_links(
    session: SessionDep,
    principal: Reader,
    supplier_id: Annotated[
        uuid.UUID | None, Query(description="Links where this supplier supplies or buys.")
    ] = None,
    limit: Annotated[int, Query(ge=1, le=1000)] = 200,
) -> LinkList:
    links = service.list_links(session, principal.organisation_id, supplier_id, limit)
    return LinkList(items=[LinkOut.of(link) for link in links])


@router.get("/v1/supply-links/{link_id}")
def read_link(link_id: uuid.UUID, session: SessionDep, principal: Reader) -> LinkOut:
    return LinkOut.of(service.get_link(session, principal.organisation_id, link_id))


@router.delete("/v1/supply-links/{link_id}", status_code=status.HTTP_204_NO_CONTENT)
def delete_link(
    link_id: uuid.UUID, session: SessionDep, queue: QueueDep, principal: Writer
) -> Response:
    """Remove a link; the buyers downstream are re-scored by a job."""
    job = service.remove_link(
        session, principal.organisation_id, link_id, actor=principal.actor.ref
    )
    job_id = _enqueue(session, queue, job)
    headers = {"Location": f"/v1/assessments/rescore/{job_id}"} if job_id else {}
    return Response(status_code=status.HTTP_204_NO_CONTENT, headers=headers)


@router.post(
    "/v1/supply-links/{link_id}/documents",
    status_code=status.HTTP_201_CREATED,
    responses={
        413: {"description": "Over the document size limit."},
        415: {"description": "Not a PDF, PNG, JPEG or TIFF by its content."},
    },
)
def upload_document(
    session: SessionDep,
    settings: SettingsDep,
    principal: Writer,
    link: OwnedLink,
    file: Annotated[UploadFile, File(description="PDF, PNG, JPEG or TIFF (checked by content).")],
    doc_type: Annotated[str, Form(description=f"One of: {', '.join(documents.DOCUMENT_TYPES)}")],
    number: Annotated[str | None, Form(max_length=120, description="Its number.")] = None,
    issued_on: Annotated[date | None, Form(description="Its date.")] = None,
    translated: Annotated[bool, Form(description="An English translation is attached.")] = False,
    language: Annotated[str | None, Form(max_length=35)] = None,
    description: Annotated[str | None, Form(max_length=2000)] = None,
) -> DocumentOut:
    """Attach a document tying this link's two stages (purchase order, invoice, packing list,
    bill of lading, proof of payment or transport ...). Stored with its sha256."""
    content = file.file.read(settings.max_document_bytes + 1)
    document = documents.attach_document(
        session,
        link,
        content=content,
        filename=file.filename or "document",
        doc_type=doc_type,
        number=number,
        issued_on=issued_on,
        translated=translated,
        language=language,
        description=description,
        actor=principal.actor.ref,
        max_bytes=settings.max_document_bytes,
    )
    out = DocumentOut.of(document)
    session.commit()
    return out


@router.get("/v1/supply-links/{link_id}/documents")
def list_documents(link_id: uuid.UUID, session: SessionDep, principal: Reader) -> list[DocumentOut]:
    link = service.get_link(session, principal.organisation_id, link_id)
    return [
        DocumentOut.of(d) for d in documents.link_documents(session, [link.id]).get(link.id, [])
    ]


@router.get(
    "/v1/supply-links/{link_id}/documents/{document_id}",
    responses={200: {"content": {"application/pdf": {}, "image/png": {}}}},
)
def download_document(
    link_id: uuid.UUID, document_id: uuid.UUID, session: SessionDep, principal: Reader
) -> Response:
    """The file as uploaded, with its sha256 in `Digest`-style header `X-Content-SHA256`."""
    document = documents.get_document(session, principal.organisation_id, link_id, document_id)
    return Response(
        content=document.content,
        media_type=document.media_type,
        headers={
            "Content-Disposition": f'attachment; filename="{document.id}"',
            "X-Content-SHA256": document.sha256,
            "X-Content-Type-Options": "nosniff",
        },
    )


def _side_out(session: SessionDep, side: ChainSide) -> ChainSideOut:
    suppliers = suppliers_by_id(session, set(side.depths))
    counts = documents.link_documents(session, [link.id for link in side.links])
    return ChainSideOut(
        suppliers=[
            ChainNode(
                id=s.id,
                name=s.name,
                country=s.country,
                region=s.region,
                city=s.city,
                distance=side.depths[s.id],
                score=s.score,
                band=s.band,
                flagged=s.flagged,
            )
            for s in sorted(suppliers.values(), key=lambda s: (side.depths[s.id], s.name, s.id))
        ],
        links=[link_out(link, len(counts.get(link.id, ()))) for link in side.links],
        truncated=side.truncated,
    )


@router.get("/v1/suppliers/{supplier_id}/chain")
def chain(
    supplier_id: uuid.UUID,
    session: SessionDep,
    principal: Reader,
    depth: Depth = 5,
    direction: Annotated[Literal["both", "upstream", "downstream"], Query()] = "both",
) -> ChainOut:
    """The supplier's chain: its suppliers and theirs (upstream) and its buyers (downstream),
    at most `depth` links away, with the documents each link has."""
    supplier = get_supplier(session, principal.organisation_id, supplier_id)
    latest = latest_assessment(session, supplier.id)
    factor = None
    if latest is not None:
        factor = next(
            (f for f in latest.result.get("factors", []) if f["code"] == "upstream_risk"), None
        )
    return ChainOut(
        supplier_id=supplier.id,
        depth=depth,
        upstream=_side_out(session, upstream_side(session, supplier, depth))
        if direction != "downstream"
        else None,
        downstream=_side_out(session, downstream_side(session, supplier, depth))
        if direction != "upstream"
        else None,
        upstream_risk=factor,
    )


def _pack_response(pack: dict[str, Any], format: str, stem: str) -> Response:
    if format == "html":
        return HTMLResponse(
            render_html(pack),
            headers={"Content-Disposition": f'inline; filename="{stem}.html"'},
        )
    return JSONResponse(pack)


@router.get(
    "/v1/suppliers/{supplier_id}/evidence-pack",
    responses={200: {"content": {"application/json": {}, "text/html": {}}}},
)
def supplier_pack(
    supplier_id: uuid.UUID,
    session: SessionDep,
    data: RiskDataDep,
    principal: Exporter,
    format: PackFormat = "json",
    depth: Depth = 10,
) -> Response:
    """The tracing evidence pack for one supplier's goods, as CBP's UFLPA guidance lays it
    out: executive summary, flow chart, numbered stages with company, address, role, input and
    the documents tying each stage to the next, screening and decisions, index."""
    supplier = get_supplier(session, principal.organisation_id, supplier_id)
    subject = {"kind": "supplier", "name": supplier.name, "supplier_id": str(supplier.id)}
    pack = build_pack(session, [supplier], subject, data, depth=clamp_depth(depth))
    return _pack_response(pack, format, f"evidence-pack-{supplier.id}")


@router.get(
    "/v1/evidence-packs",
    responses={200: {"content": {"application/json": {}, "text/html": {}}}},
)
def product_pack(
    session: SessionDep,
    data: RiskDataDep,
    principal: Exporter,
    product: Annotated[str, Query(min_length=1, max_length=200, description="A product name.")],
    format: PackFormat = "json",
    depth: Depth = 10,
) -> Response:
    """The tracing evidence pack for a product: every active supplier that makes it (as the
    registry stores products), each traced up its chain, in one pack."""
    roots = product_roots(session, principal.organisation_id, product)
    if not roots:
        raise ProblemError("not-found", f"No active supplier makes {product!r}.")
    subject = {"kind": "product", "name": product, "suppliers": [str(r.id) for r in roots]}
    pack = build_pack(session, roots, subject, data, depth=clamp_depth(depth))
    return _pack_response(pack, format, "evidence-pack-product")
