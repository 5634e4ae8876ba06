"""Upload handler for supply links (``kind=supply_links``): "supplier supplies buyer with
input", one row per link.

- ``parse`` reads a row (``ingest.supply_link_rows``), or returns every error in it.
- ``write`` resolves both suppliers (the client's reference or our id; unknown ones are row
  errors), refuses a row whose link would close a cycle (the error names the loop), and
  creates or updates the link; the input is resolved to an ILAB good for the supplier's
  country as the registry resolves products.
- ``finish`` queues one re-scoring job for every buyer downstream of a changed link; the job
  runs once the import has committed (``api.imports.processing``) and its id is on the import
  job's ``options.rescore_job_id``, its report at ``/v1/assessments/rescore/{id}``.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Final

from sqlalchemy import select
from sqlalchemy.orm import Session

from api.imports.handlers import ImportContext, register_handler
from api.supply_chain.service import (
    LinkValues,
    put_link,
    request_downstream_rescore,
    supplier_in,
)
from ingest.reading.errors import RowError
from ingest.reading.table import RawRow, shown
from ingest.supply_link_rows import SUPPLY_LINK_FIELDS, SupplyLinkRow, parse_supply_link_row
from models import ImportJob, Supplier, SupplyLink
from risk_data.types import RiskData
from screening.upstream import find_cycle

_STATE_KEY: Final = "supply_links"


@dataclass
class _JobState:
    suppliers: dict[str, Supplier | None] = field(default_factory=dict)
    edges: list[tuple[str, str]] | None = None
    changed_buyers: set[uuid.UUID] = field(default_factory=set)
    rescore_job_id: uuid.UUID | None = None


def _state(context: ImportContext) -> _JobState:
    state = context.state.get(_STATE_KEY)
    if state is None:
        state = context.state[_STATE_KEY] = _JobState()
    assert isinstance(state, _JobState)
    return state


class SupplyLinkUploadHandler:
    kind = "supply_links"
    fields = SUPPLY_LINK_FIELDS

    def parse(self, row: RawRow, data: RiskData) -> SupplyLinkRow | list[RowError]:
        return parse_supply_link_row(row)

    def write(
        self,
        session: Session,
        records: Sequence[tuple[RawRow, SupplyLinkRow]],
        context: ImportContext,
    ) -> list[RowError]:
        state = _state(context)
        if state.edges is None:
            state.edges = [
                (str(a), str(b))
                for a, b in session.execute(
                    select(SupplyLink.supplier_id, SupplyLink.buyer_id).where(
                        SupplyLink.organisation_id == context.organisation_id
                    )
                )
            ]
        errors: list[RowError] = []
        counts = context.counts
        for raw, row in records:
            ends: list[Supplier] = []
            for name, ref in (("supplier_ref", row.supplier_ref), ("buyer_ref", row.buyer_ref)):
                if ref not in state.suppliers:
                    state.suppliers[ref] = supplier_in(session, context.organisation_id, ref)
                found = state.suppliers[ref]
                if found is None:
                    errors.append(
                        RowError(
                            raw.row_number,
                            raw.source_columns.get(name, name),
                            shown(ref),
                            "unknown supplier reference; upload the supplier first "
                            "(kind=suppliers) with this external_ref, or give its id",
                        )
                    )
                else:
                    ends.append(found)
            if len(ends) != 2:
                continue
            supplier, buyer = ends
            pair = (str(supplier.id), str(buyer.id))
            if pair not in state.edges:
                cycle = find_cycle(state.edges, *pair)
                if cycle is not None:
                    names = {str(s.id): s.name for s in state.suppliers.values() if s is not None}
                    loop = " supplies ".join(names.get(c, c) for c in cycle[1:])
                    errors.append(
                        RowError(
                            raw.row_number,
                            raw.source_columns.get("buyer_ref", "buyer_ref"),
                            shown(row.buyer_ref),
                            f"cycle: {loop}, so {supplier.name} cannot also supply {buyer.name}",
                        )
                    )
                    continue
            values = LinkValues(
                row.input_text, row.hs_code, row.share, row.period_start, row.period_end
            )
            _, outcome = put_link(
                session,
                supplier,
                buyer,
                values,
                context.data,
                actor=context.actor,
                cycle_checked=True,
            )
            if pair not in state.edges:
                state.edges.append(pair)
            setattr(counts, outcome, getattr(counts, outcome) + 1)
            if outcome != "unchanged":
                state.changed_buyers.add(buyer.id)
        return errors

    def finish(self, session: Session, context: ImportContext) -> list[RowError]:
        state = _state(context)
        if context.dry_run or not state.changed_buyers:
            return []
        job = request_downstream_rescore(
            session,
            context.organisation_id,
            state.changed_buyers,
            actor=context.actor,
            trigger=f"supply links imported (import {context.job_id})",
        )
        if job is not None:
            state.rescore_job_id = job.id
            imported = session.get_one(ImportJob, context.job_id)
            imported.options = {**(imported.options or {}), "rescore_job_id": str(job.id)}
        return []


SUPPLY_LINK_HANDLER = SupplyLinkUploadHandler()
register_handler(SUPPLY_LINK_HANDLER)
