"""The ``suppliers`` import: upsert by external_ref, de-duplicate with the matcher, score.

Each good row is decided in file order against an index of the registry that grows with the
rows already imported, so duplicates inside the file and against the registry are found by
the same rule (see docs/imports.md):

* a row whose external_ref is already in the registry is that supplier: updated or unchanged;
* otherwise the matcher's best candidate decides. ``auto_merge`` with a supplier that existed
  before this job, where at most one side has an external_ref, is the same supplier (updated
  or unchanged); any other ``auto_merge`` is a second record of a known supplier, kept as a
  ``merged`` record pointing at it with a reversible ``SupplierDuplicate``; ``propose`` is
  created as active with a proposed pair for a person; ``new`` is created.

Merged records stay in the index, so uploading the same rows again finds each row's own
record (score 1.0) and changes nothing.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Final

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from api.assessments.recording import record_new_supplier
from api.assessments.service import assess_supplier
from api.clock import today
from api.due_diligence.status import STATUS_COLUMNS
from api.engine_inputs.supplier import product_names
from api.events.append import PendingEvent, append_events
from api.imports.handlers import ImportContext, register_handler
from api.imports.scoring import BulkScorer
from api.lists.hits import new_hit_rows, screen_name
from api.lists.index import current_index
from api.suppliers.resolve import normalised
from api.suppliers.state import STATE_FIELDS, state_of
from ingest.reading.errors import WARNING, RowError
from ingest.reading.fields import SUPPLIER_FIELDS
from ingest.reading.table import RawRow, shown
from ingest.supplier_rows import SupplierRow, parse_supplier_row
from models import Audit, Organisation, ReviewCase, Supplier, SupplierDuplicate, SupplierListHit
from models.base import utcnow
from models.bulk import append_rows
from risk_data.types import RiskData
from screening.matching import ALGORITHM_VERSION, MatchRecord, MatchResult, SupplierIndex, match
from screening.matching import normalise_registration_number as registration_key
from screening.matching.compare import PreparedRecord, prepare

# Upload field -> the registry columns it sets.
_COLUMNS: dict[str, tuple[str, ...]] = {
    "name": ("name", "normalised_name"),
    "external_ref": ("external_ref",),
    "registration_number": ("registration_number",),
    "country": ("country",),
    "region": ("region",),
    "city": ("city",),
    "address": ("address",),
    "sector": ("sector",),
    "products": ("products",),
    "tier": ("tier",),
    "worker_count": ("worker_count",),
    "migrant_share": ("migrant_share",),
    "recruitment_agencies": ("recruitment_agencies",),
}
_TABLES = Supplier.metadata.tables
_SUPPLIERS = _TABLES[Supplier.__tablename__]
_ASSESSMENTS = _TABLES["assessments"]
_CASES = _TABLES[ReviewCase.__tablename__]
_PAIRS = _TABLES[SupplierDuplicate.__tablename__]
_HITS = _TABLES[SupplierListHit.__tablename__]


@dataclass(slots=True)
class _Known:
    """A registry record as the job sees it."""

    id: uuid.UUID
    ref: str | None
    status: str
    merged_into: uuid.UUID | None
    pre_existing: bool
    touched: bool = False  # created, or updated in place, by this job


@dataclass
class _JobState:
    scorer: BulkScorer
    index: SupplierIndex
    known: dict[str, _Known]  # by str(id), as the index refers to records
    by_ref: dict[str, _Known]
    by_registration: dict[tuple[str, str], _Known]  # (country, registration number)
    audited: set[uuid.UUID]
    present: frozenset[str] = frozenset()
    refs_in_file: dict[str, int] = field(default_factory=dict)
    parent_links: list[tuple[uuid.UUID, str, RawRow]] = field(default_factory=list)


def row_values(row: SupplierRow) -> dict[str, Any]:
    return {
        "name": row.name,
        "normalised_name": normalised(row.name),
        "external_ref": row.external_ref,
        "registration_number": row.registration_number,
        "country": row.country,
        "region": row.region,
        "city": row.city,
        "address": row.address,
        "sector": row.sector,
        "products": product_names((p.text, p.good) for p in row.products),
        "tier": row.tier,
        "worker_count": row.worker_count,
        "migrant_share": row.migrant_share,
        "recruitment_agencies": list(row.recruitment_agencies),
    }


def _explanation(result: MatchResult) -> list[dict[str, Any]]:
    features: list[dict[str, Any]] = [
        {
            "name": f.name,
            "outcome": f.outcome,
            "contribution": round(f.contribution, 4),
            "detail": f.detail,
            "query": f.query,
            "candidate": f.candidate,
        }
        for f in result.features
    ]
    features.append(
        {
            "name": "decision",
            "outcome": result.decision,
            "contribution": 0.0,
            "detail": f"{ALGORITHM_VERSION}: score {result.score:.3f} gives {result.decision}",
            "query": None,
            "candidate": result.ref,
        }
    )
    return features


UNMATCHED_PRODUCT: Final = (
    f"{WARNING}no ILAB good matches this product; stored as written, it adds no listed-good "
    "risk (name the good as ILAB does, or write its HS code)"
)


def _unmatched_products(raw: RawRow, row: SupplierRow) -> list[RowError]:
    """A warning for each product the ILAB list does not name: never silence (the row is kept)."""
    column = raw.source_columns.get("products", "products")
    return [
        RowError(raw.row_number, column, shown(p.text), UNMATCHED_PRODUCT)
        for p in row.products
        if p.good is None
    ]


class SupplierImport:
    kind = "suppliers"
    fields = SUPPLIER_FIELDS

    def parse(self, row: RawRow, data: RiskData) -> SupplierRow | list[RowError]:
        return parse_supplier_row(row, data)

    # --- registry state, loaded once per job -------------------------------------------------

    def _state(self, session: Session, context: ImportContext, first: RawRow) -> _JobState:
        state = context.state.get("suppliers")
        if isinstance(state, _JobState):
            return state
        organisation_id = context.organisation_id
        known: dict[str, _Known] = {}
        by_ref: dict[str, _Known] = {}
        records: list[MatchRecord] = []
        rows = session.execute(
            select(
                Supplier.id,
                Supplier.external_ref,
                Supplier.status,
                Supplier.merged_into_id,
                Supplier.name,
                Supplier.country,
                Supplier.city,
                Supplier.registration_number,
            )
            .where(Supplier.organisation_id == organisation_id)
            .order_by(Supplier.created_at, Supplier.id)
        )
        by_registration: dict[tuple[str, str], _Known] = {}
        for sid, ref, status, merged_into, name, country, city, reg in rows:
            item = _Known(sid, ref, status, merged_into, pre_existing=True)
            known[str(sid)] = item
            if ref is not None:
                by_ref[ref] = item
            reg_key = registration_key(reg) if reg else None
            if reg_key:
                by_registration.setdefault((country, reg_key), item)
            records.append(MatchRecord(str(sid), name, country, city, reg))
        audited = set(
            session.scalars(
                select(Audit.supplier_id).where(Audit.organisation_id == organisation_id).distinct()
            )
        )
        state = _JobState(
            scorer=BulkScorer(
                context.data,
                today(),
                session.get_one(Organisation, organisation_id),
                lists=current_index(session),
            ),
            index=SupplierIndex(records),
            known=known,
            by_ref=by_ref,
            by_registration=by_registration,
            audited=audited,
            present=frozenset(first.source_columns) | {"name", "country"},
        )
        context.state["suppliers"] = state
        return state

    # --- one chunk ---------------------------------------------------------------------------

    def write(
        self, session: Session, records: Sequence[tuple[RawRow, Any]], context: ImportContext
    ) -> list[RowError]:
        if not records:
            return []
        state = self._state(session, context, records[0][0])
        errors: list[RowError] = []
        now = utcnow()
        creates: list[dict[str, Any]] = []
        pairs: list[dict[str, Any]] = []
        in_place: list[tuple[_Known, dict[str, Any]]] = []
        for raw, row in records:
            values = row_values(row)
            ref = values["external_ref"]
            if ref is not None:
                earlier = state.refs_in_file.get(ref)
                if earlier is not None:
                    column = raw.source_columns.get("external_ref", "external_ref")
                    errors.append(
                        RowError(
                            raw.row_number,
                            column,
                            shown(ref),
                            f"external_ref also on row {earlier} of this file; "
                            "list each supplier once",
                        )
                    )
                    continue
                state.refs_in_file[ref] = raw.row_number
            errors.extend(_unmatched_products(raw, row))
            # A stored supplier is changed only when the row names it: by its external ref,
            # or by the exact registration number in the same country. A name that merely
            # looks alike is a proposal for a person, never an overwrite.
            target = state.by_ref.get(ref) if ref is not None else None
            reg_key = registration_key(row.registration_number or "")
            if target is None and ref is None and reg_key:
                named = state.by_registration.get((row.country, reg_key))
                if named is not None and not named.touched:
                    target = named
            result: MatchResult | None = None
            prepared: PreparedRecord | None = None
            if target is None:
                # Prepared once under the id it gets if created, to match and then to file.
                supplier_id = uuid.uuid4()
                prepared = prepare(
                    MatchRecord(
                        str(supplier_id), row.name, row.country, row.city, row.registration_number
                    )
                )
                found = match(prepared, state.index, limit=1)
                result = found[0] if found else None
            if target is not None:
                target.touched = True
                if ref is not None and target.ref is None:
                    target.ref = ref
                    state.by_ref[ref] = target
                in_place.append((target, values))
                if row.parent_ref:
                    state.parent_links.append((target.id, row.parent_ref, raw))
                continue
            assert prepared is not None
            supplier_id = uuid.UUID(prepared.record.ref)
            status, merged_into, pair_status = "active", None, None
            survivor = self._survivor(state, result)
            if result is not None and survivor is not None:
                # A row that carries its own reference joins the supplier it duplicates as
                # a merged record (nothing stored is touched; a merge can be reverted). A
                # row without one that looks like a stored supplier may be that supplier
                # with its id left out: a person decides, so it is only proposed.
                stored = state.known[str(survivor)].pre_existing
                if result.decision == "auto_merge" and (ref is not None or not stored):
                    status, merged_into, pair_status = "merged", survivor, "merged"
                else:
                    pair_status = "proposed"
            item = _Known(supplier_id, ref, status, merged_into, pre_existing=False, touched=True)
            state.known[str(supplier_id)] = item
            if ref is not None:
                state.by_ref[ref] = item
            state.index.add(prepared)
            creates.append(
                {
                    **values,
                    "id": supplier_id,
                    "organisation_id": context.organisation_id,
                    "status": status,
                    "merged_into_id": merged_into,
                    "parent_id": None,
                    "created_at": now,
                    "updated_at": now,
                    "score": None,
                    "band": None,
                    "flagged": None,
                    "assessed_at": None,
                    **dict.fromkeys(STATUS_COLUMNS),
                }
            )
            if pair_status is not None and result is not None and survivor is not None:
                pairs.append(
                    {
                        "id": uuid.uuid4(),
                        "organisation_id": context.organisation_id,
                        "supplier_id": survivor,
                        "duplicate_id": supplier_id,
                        "score": round(result.score, 4),
                        "explanation": _explanation(result),
                        "status": pair_status,
                        "decided_by": context.actor if pair_status == "merged" else None,
                        "decided_at": now if pair_status == "merged" else None,
                        "created_at": now,
                    }
                )
            if row.parent_ref:
                state.parent_links.append((supplier_id, row.parent_ref, raw))
        self._create(session, context, state, creates, pairs, now)
        self._update(session, context, state, in_place)
        return errors

    @staticmethod
    def _survivor(state: _JobState, result: MatchResult | None) -> uuid.UUID | None:
        """The active supplier a duplicate would join (a merged candidate's own survivor)."""
        if result is None or result.decision == "new":
            return None
        candidate = state.known[result.ref]
        if candidate.status == "active":
            return candidate.id
        if candidate.status == "merged" and candidate.merged_into is not None:
            survivor = state.known.get(str(candidate.merged_into))
            if survivor is not None and survivor.status == "active":
                return survivor.id
        return None

    def _create(
        self,
        session: Session,
        context: ImportContext,
        state: _JobState,
        creates: list[dict[str, Any]],
        pairs: list[dict[str, Any]],
        now: datetime,
    ) -> None:
        if not creates:
            return
        counts = context.counts
        scorer = state.scorer
        assessments: list[dict[str, Any]] = []
        cases: list[dict[str, Any]] = []
        events: list[PendingEvent] = []
        pair_of = {p["duplicate_id"]: p for p in pairs}
        hit_rows: list[dict[str, Any]] = []
        for values in creates:
            sid = values["id"]
            created = PendingEvent("supplier", str(sid), "supplier.created", None, state_of(values))
            events.append(created)
            if values["status"] == "merged":
                counts.merged += 1
                pair = pair_of[sid]
                events.append(
                    PendingEvent(
                        "supplier",
                        str(sid),
                        "supplier.merged",
                        None,
                        {
                            "merged_into_id": str(values["merged_into_id"]),
                            "pair_id": str(pair["id"]),
                            "score": pair["score"],
                            "automatic": True,
                            "import_job": str(context.job_id),
                        },
                    )
                )
                continue
            counts.created += 1
            if sid in pair_of:
                counts.proposed += 1
            hits = (
                screen_name(scorer.lists, values["name"], values["country"]) if scorer.lists else ()
            )
            result, body, stored_body = scorer.assess(values, hits)
            if hits:
                hit_rows.extend(
                    new_hit_rows({**values, "organisation_id": context.organisation_id}, hits, now)
                )
            record = record_new_supplier(scorer.organisation, sid, result, body, context.actor, now)
            values.update(record.supplier_columns)
            record.assessment["result"] = stored_body
            assessments.append(record.assessment)
            if record.case is not None:
                cases.append(record.case)
            events.extend(record.events)
        append_rows(session, _SUPPLIERS, creates)
        if hit_rows:
            session.execute(_HITS.insert(), hit_rows)
        if pairs:
            session.execute(_PAIRS.insert(), pairs)
        if assessments:
            append_rows(session, _ASSESSMENTS, assessments)
        if cases:
            session.execute(_CASES.insert(), cases)
        append_events(session, context.organisation_id, context.actor, events)

    def _update(
        self,
        session: Session,
        context: ImportContext,
        state: _JobState,
        in_place: list[tuple[_Known, dict[str, Any]]],
    ) -> None:
        if not in_place:
            return
        counts = context.counts
        columns = [
            c
            for f in sorted(state.present)
            if f in _COLUMNS
            for c in _COLUMNS[f]
            if c != "normalised_name"
        ]
        wanted = [getattr(Supplier, c) for c in STATE_FIELDS]
        ids = [known.id for known, _ in in_place]
        stored = {
            row.id: row._asdict()
            for row in session.execute(select(Supplier.id, *wanted).where(Supplier.id.in_(ids)))
        }
        changes: list[dict[str, Any]] = []
        events: list[PendingEvent] = []
        rescore: list[uuid.UUID] = []
        for known, values in in_place:
            before = stored[known.id]
            # An empty cell is "not given", never "clear it", unless the client asked for
            # mode=replace: a partial re-upload must not erase what the registry knows.
            change = {
                c: values[c]
                for c in columns
                if before.get(c, values[c]) != values[c]
                and (context.mode == "replace" or values[c] not in (None, "", []))
            }
            if known.ref is not None and before["external_ref"] != known.ref:
                change["external_ref"] = known.ref
            if "name" in change:
                change["normalised_name"] = values["normalised_name"]
            if not change:
                counts.unchanged += 1
                continue
            counts.updated += 1
            changes.append({"id": known.id, **change})
            events.append(
                PendingEvent(
                    "supplier",
                    str(known.id),
                    "supplier.updated",
                    state_of(before),
                    state_of({**before, **change}),
                )
            )
            if known.status == "active":
                rescore.append(known.id)
        if not changes:
            return
        # Rows differ in which columns changed; executemany needs one shape per statement.
        by_shape: dict[tuple[str, ...], list[dict[str, Any]]] = {}
        for change in changes:
            by_shape.setdefault(tuple(sorted(change)), []).append(change)
        for shape_rows in by_shape.values():
            session.execute(update(Supplier), shape_rows)
        append_events(session, context.organisation_id, context.actor, events)
        for sid in rescore:
            supplier = session.get_one(Supplier, sid, populate_existing=True)
            assess_supplier(session, supplier, context.data, actor=context.actor)

    # --- after the last chunk ----------------------------------------------------------------

    def finish(self, session: Session, context: ImportContext) -> list[RowError]:
        """Link parents named by external_ref; a parent that is nowhere is reported (the row
        itself imported)."""
        state = context.state.get("suppliers")
        if not isinstance(state, _JobState) or not state.parent_links:
            return []
        notes: list[RowError] = []
        links: list[dict[str, Any]] = []
        for supplier_id, parent_ref, raw in state.parent_links:
            parent = state.by_ref.get(parent_ref)
            column = raw.source_columns.get("parent_ref", "parent_ref")
            if parent is None or parent.id == supplier_id:
                notes.append(
                    RowError(
                        raw.row_number,
                        column,
                        shown(parent_ref),
                        "no supplier has this external_ref; imported without a parent",
                    )
                )
                continue
            links.append({"id": supplier_id, "parent_id": parent.id})
        current = (
            dict(
                session.execute(
                    select(Supplier.id, Supplier.parent_id).where(
                        Supplier.id.in_([link["id"] for link in links])
                    )
                ).tuples()
            )
            if links
            else {}
        )
        changed = [link for link in links if current.get(link["id"]) != link["parent_id"]]
        if changed:
            session.execute(update(Supplier), changed)
            append_events(
                session,
                context.organisation_id,
                context.actor,
                [
                    PendingEvent(
                        "supplier",
                        str(link["id"]),
                        "supplier.updated",
                        {"parent_id": _str(current.get(link["id"]))},
                        {"parent_id": str(link["parent_id"])},
                    )
                    for link in changed
                ],
            )
        return notes


def _str(value: uuid.UUID | None) -> str | None:
    return None if value is None else str(value)


register_handler(SupplierImport())
