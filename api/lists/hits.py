"""A stored supplier's hits on the lists in force, kept with what a reviewer said of them.

Every assessment of a stored supplier screens it again (``assess_supplier``), so a supplier
is screened on create, on import, on every change and when a list version changes (the
rescore that ``flrisk lists load`` runs). A hit a reviewer marked ``false_positive`` is not
an input to the score while the supplier (name, country) and the listed party (its name,
the name that matched, program, date, how it matched) are as they were when it was
rejected; when either changes the hit is ``open`` again and counts until reviewed.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from models import Supplier, SupplierListHit
from models.base import utcnow
from screening.list_hit import ListHit
from screening.lists import ListIndex
from screening.matching import MatchFeature

COUNTING = frozenset({"open", "confirmed"})  # statuses whose hits score and flag


def _sha(values: Sequence[object]) -> str:
    return hashlib.sha256(json.dumps(list(values), default=str).encode()).hexdigest()


def supplier_fingerprint(name: str, country: str | None) -> str:
    """What screening reads of a supplier (the one input every door has: name and country)."""
    return _sha([" ".join(name.split()).casefold(), country])


def entity_fingerprint(hit: ListHit) -> str:
    return _sha(
        [
            hit.dataset,
            hit.entity_id,
            hit.entity_name,
            hit.matched_name,
            hit.program,
            hit.start_date,
            hit.via,
            hit.owner_name,
        ]
    )


def features_json(features: Sequence[MatchFeature]) -> list[dict[str, Any]]:
    return [
        {
            "name": f.name,
            "outcome": f.outcome,
            "contribution": round(f.contribution, 4),
            "detail": f.detail,
            "query": f.query,
            "candidate": f.candidate,
        }
        for f in features
    ]


def hit_columns(hit: ListHit) -> dict[str, Any]:
    """The columns of a stored hit that come from the screening."""
    return {
        "dataset": hit.dataset,
        "entity_id": hit.entity_id,
        "list_version": hit.list_version,
        "entity_name": hit.entity_name,
        "list_title": hit.list_title,
        "program": hit.program,
        "start_date": hit.start_date,
        "matched_name": hit.matched_name,
        "via": hit.via,
        "owner_name": hit.owner_name,
        "score": hit.score,
        "explanation": hit.explanation,
        "features": features_json(hit.features),
        "algorithm": hit.algorithm,
        "entity_fingerprint": entity_fingerprint(hit),
    }


def screen_name(index: ListIndex, name: str | None, country: str | None) -> tuple[ListHit, ...]:
    """The one screening call of every door (payload, registry, file)."""
    if not name:
        return ()
    return index.screen(name, country=country)


def new_hit_rows(
    supplier: dict[str, Any], hits: Sequence[ListHit], now: datetime
) -> list[dict[str, Any]]:
    """Rows for a supplier that has none yet (an import's new suppliers, set-wise)."""
    fingerprint = supplier_fingerprint(supplier["name"], supplier["country"])
    return [
        {
            "organisation_id": supplier["organisation_id"],
            "supplier_id": supplier["id"],
            **hit_columns(hit),
            "status": "open",
            "supplier_fingerprint": fingerprint,
            "first_seen": now,
            "last_seen": now,
        }
        for hit in hits
    ]


def screen_stored(session: Session, supplier: Supplier, index: ListIndex) -> tuple[ListHit, ...]:
    """Screen a stored supplier, keep its hit rows in step, and return the hits that count."""
    hits = (
        screen_name(index, supplier.name, supplier.country) if supplier.status == "active" else ()
    )
    rows = {
        (row.dataset, row.entity_id): row
        for row in session.scalars(
            select(SupplierListHit).where(SupplierListHit.supplier_id == supplier.id)
        )
    }
    if not hits and not rows:
        return ()
    now = utcnow()
    fingerprint = supplier_fingerprint(supplier.name, supplier.country)
    counting: list[ListHit] = []
    for hit in hits:
        columns = hit_columns(hit)
        row = rows.pop((hit.dataset, hit.entity_id), None)
        if row is None:
            session.add(
                SupplierListHit(
                    organisation_id=supplier.organisation_id,
                    supplier_id=supplier.id,
                    **columns,
                    status="open",
                    supplier_fingerprint=fingerprint,
                    first_seen=now,
                    last_seen=now,
                )
            )
            counting.append(hit)
            continue
        unchanged = (
            row.supplier_fingerprint == fingerprint
            and row.entity_fingerprint == columns["entity_fingerprint"]
        )
        for key, value in columns.items():
            setattr(row, key, value)
        row.supplier_fingerprint = fingerprint
        row.last_seen = now
        if row.status == "false_positive" and unchanged:
            continue
        if not unchanged or row.status == "lapsed":
            # The supplier or the listed party changed since the review: it is a new question.
            row.status = "open"
            row.reviewed_by = row.reviewed_at = None
        counting.append(hit)
    for row in rows.values():
        if row.status == "open":
            row.status = "lapsed"  # no list in force names it any more; a decision is kept
    session.flush()
    return tuple(counting)
