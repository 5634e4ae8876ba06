"""Creating, changing and archiving suppliers; every change is an event and is scored."""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from api.assessments.service import assess_supplier, get_supplier
from api.engine_inputs.supplier import resolve_products
from api.errors import ProblemError
from api.events.service import record_event
from api.suppliers.resolve import clean, country_code, normalised, sector_code
from api.suppliers.schemas import SupplierCreate, SupplierUpdate
from api.suppliers.state import supplier_state
from models import Assessment, Supplier
from models.integrity import is_unique_violation
from risk_data.types import RiskData

_PLAIN_FIELDS = (
    "registration_number",
    "region",
    "city",
    "address",
    "tier",
    "worker_count",
    "migrant_share",
)


def _ref_conflict(ref: str, existing: uuid.UUID) -> ProblemError:
    return ProblemError(
        "conflict",
        f"Another supplier in your organisation already has external_ref '{ref}'.",
        pointer="/external_ref",
        existing_id=str(existing),
    )


def _check_ref_free(
    session: Session, organisation_id: uuid.UUID, ref: str | None, own_id: uuid.UUID | None
) -> None:
    if ref is None:
        return
    existing = session.scalar(
        select(Supplier.id).where(
            Supplier.organisation_id == organisation_id, Supplier.external_ref == ref
        )
    )
    if existing is not None and existing != own_id:
        raise _ref_conflict(ref, existing)


def _check_parent(
    session: Session, organisation_id: uuid.UUID, parent_id: uuid.UUID | None, own_id: uuid.UUID
) -> None:
    if parent_id is None:
        return
    if parent_id == own_id:
        raise ProblemError(
            "validation-error",
            "A supplier cannot be its own parent.",
            errors=[
                {
                    "location": "body",
                    "pointer": "/parent_id",
                    "message": "a supplier cannot be its own parent",
                    "type": "value_error",
                }
            ],
        )
    try:
        get_supplier(session, organisation_id, parent_id)
    except ProblemError:
        raise ProblemError(
            "validation-error",
            f"parent_id {parent_id} is not a supplier of your organisation.",
            errors=[
                {
                    "location": "body",
                    "pointer": "/parent_id",
                    "message": "no such supplier",
                    "type": "value_error",
                }
            ],
        ) from None


def _flush(session: Session, ref: str | None) -> None:
    """Flush, turning a concurrent insert of the same external_ref into a 409."""
    try:
        session.flush()
    except IntegrityError as exc:
        session.rollback()
        if not is_unique_violation(exc):
            raise
        raise ProblemError(
            "conflict",
            f"Another supplier in your organisation already has external_ref '{ref}'.",
            pointer="/external_ref",
        ) from exc


def create_supplier(
    session: Session, organisation_id: uuid.UUID, body: SupplierCreate, data: RiskData, actor: str
) -> Supplier:
    country = country_code(body.country, data)
    sector = sector_code(body.sector, data)
    ref = clean(body.external_ref)
    _check_ref_free(session, organisation_id, ref, None)
    name = clean(body.name) or body.name
    supplier = Supplier(
        id=uuid.uuid4(),
        organisation_id=organisation_id,
        name=name,
        normalised_name=normalised(name),
        external_ref=ref,
        country=country,
        sector=sector,
        products=resolve_products(body.products, country, data),
        parent_id=body.parent_id,
        recruitment_agencies=[a for a in (clean(x) for x in body.recruitment_agencies) if a],
        status="active",
        **{field: _cleaned(getattr(body, field)) for field in _PLAIN_FIELDS},
    )
    _check_parent(session, organisation_id, body.parent_id, supplier.id)
    session.add(supplier)
    _flush(session, ref)
    record_event(
        session,
        organisation_id=organisation_id,
        entity_type="supplier",
        entity_id=supplier.id,
        action="supplier.created",
        actor=actor,
        after=supplier_state(supplier),
    )
    assess_supplier(session, supplier, data, actor=actor)
    session.commit()
    return supplier


def _cleaned(value: Any) -> Any:
    return clean(value) if isinstance(value, str) else value


def update_supplier(
    session: Session,
    organisation_id: uuid.UUID,
    supplier_id: uuid.UUID,
    body: SupplierUpdate,
    data: RiskData,
    actor: str,
) -> Supplier:
    supplier = get_supplier(session, organisation_id, supplier_id)
    sent = body.model_fields_set
    for required in ("name", "country"):
        if required in sent and getattr(body, required) is None:
            raise ProblemError(
                "validation-error",
                f"{required} cannot be removed.",
                errors=[
                    {
                        "location": "body",
                        "pointer": f"/{required}",
                        "message": "may not be null",
                        "type": "value_error",
                    }
                ],
            )
    if supplier.status == "merged":
        raise ProblemError(
            "conflict",
            f"Supplier {supplier.id} was merged into {supplier.merged_into_id}; change that "
            "supplier, or revert the merge first.",
            merged_into_id=str(supplier.merged_into_id),
        )
    before = supplier_state(supplier)
    if "country" in sent and body.country is not None:
        supplier.country = country_code(body.country, data)
    if "name" in sent and body.name is not None:
        supplier.name = clean(body.name) or body.name
        supplier.normalised_name = normalised(supplier.name)
    if "sector" in sent:
        supplier.sector = sector_code(body.sector, data)
    if "products" in sent or "country" in sent:
        products = body.products if "products" in sent else supplier.products
        supplier.products = resolve_products(products or [], supplier.country, data)
    if "recruitment_agencies" in sent:
        supplier.recruitment_agencies = [
            a for a in (clean(x) for x in body.recruitment_agencies or []) if a
        ]
    if "external_ref" in sent:
        ref = clean(body.external_ref)
        _check_ref_free(session, organisation_id, ref, supplier.id)
        supplier.external_ref = ref
    if "parent_id" in sent:
        _check_parent(session, organisation_id, body.parent_id, supplier.id)
        supplier.parent_id = body.parent_id
    for field in _PLAIN_FIELDS:
        if field in sent:
            setattr(supplier, field, _cleaned(getattr(body, field)))
    if "status" in sent and body.status is not None:
        supplier.status = body.status
    after = supplier_state(supplier)
    if after == before:
        return supplier
    _flush(session, supplier.external_ref)
    action = "supplier.updated"
    if before["status"] != after["status"]:
        action = "supplier.archived" if after["status"] == "archived" else "supplier.restored"
    record_event(
        session,
        organisation_id=organisation_id,
        entity_type="supplier",
        entity_id=supplier.id,
        action=action,
        actor=actor,
        before=before,
        after=after,
    )
    if supplier.status == "active":
        assess_supplier(session, supplier, data, actor=actor)
    session.commit()
    return supplier


def archive_supplier(
    session: Session, organisation_id: uuid.UUID, supplier_id: uuid.UUID, actor: str
) -> None:
    supplier = get_supplier(session, organisation_id, supplier_id)
    if supplier.status == "archived":
        return
    if supplier.status == "merged":
        raise ProblemError(
            "conflict",
            f"Supplier {supplier.id} was merged into {supplier.merged_into_id}; revert the "
            "merge before archiving it.",
        )
    before = supplier_state(supplier)
    supplier.status = "archived"
    session.flush()
    record_event(
        session,
        organisation_id=organisation_id,
        entity_type="supplier",
        entity_id=supplier.id,
        action="supplier.archived",
        actor=actor,
        before=before,
        after=supplier_state(supplier),
    )
    session.commit()


def rescore(
    session: Session,
    organisation_id: uuid.UUID,
    supplier_id: uuid.UUID,
    data: RiskData,
    actor: str,
) -> tuple[Assessment, bool]:
    supplier = get_supplier(session, organisation_id, supplier_id)
    assessment, is_new = assess_supplier(session, supplier, data, actor=actor)
    session.commit()
    return assessment, is_new
