"""Scoring imported suppliers in bulk with the same results and history as ``assess_supplier``.

A supplier with no audits of its own is scored on its context alone, and the only other input
``assess_supplier`` gives the engine is the organisation's peer reports, which are the same
for every such supplier. So the engine runs once per row with inputs read once per job,
assessments are inserted with one executemany, and flagged suppliers get their review case
the way ``api.cases.opening`` opens one. Suppliers with audits (only existing ones can have
them) go through ``assess_supplier`` itself.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import date, timedelta
from types import SimpleNamespace
from typing import Any, cast

from sqlalchemy.orm import Session

from api.assessments.loading import peer_reports
from api.cases.opening import PRIORITIES, case_priority, case_state
from api.events.append import PendingEvent
from models import Organisation, ReviewCase, Supplier
from models.base import utcnow
from risk_data.types import RiskData
from screening.assessment import Assessment as EngineAssessment
from screening.inputs.audit import PeerReport
from screening.inputs.supplier import SupplierProfile
from screening.scoring import assess
from screening.serialise import assessment_to_dict

_CACHED_PROFILES = 4_096


@dataclass
class BulkScorer:
    data: RiskData
    as_of: date
    threshold: float
    case_due_days: dict[str, Any]
    peers: list[PeerReport]
    actor: str
    # Imported rows share few distinct contexts (country, sector, products, ...): the engine
    # result and its stored body depend on the profile alone here, so each is made once.
    _results: dict[SupplierProfile, tuple[EngineAssessment, dict[str, Any]]] = field(
        default_factory=dict, repr=False
    )

    @classmethod
    def for_job(
        cls, session: Session, organisation_id: uuid.UUID, data: RiskData, as_of: date, actor: str
    ) -> BulkScorer:
        organisation = session.get_one(Organisation, organisation_id)
        # A supplier without audits is never among the peers it is compared with, so any id
        # that is not an audited supplier gives every new supplier its exact peer list.
        outsider = Supplier(id=uuid.uuid4(), organisation_id=organisation_id)
        return cls(
            data=data,
            as_of=as_of,
            threshold=organisation.score_threshold,
            case_due_days=dict(organisation.case_due_days),
            peers=peer_reports(session, outsider),
            actor=actor,
        )

    def assess(self, values: dict[str, Any]) -> EngineAssessment:
        return self._assess(values)[0]

    def _assess(self, values: dict[str, Any]) -> tuple[EngineAssessment, dict[str, Any]]:
        profile = SupplierProfile(
            country=values["country"],
            sector=values["sector"],
            products=tuple(values["products"] or ()),
            region=values["region"],
            worker_count=values["worker_count"],
            migrant_share=values["migrant_share"],
            recruitment_agencies=tuple(values["recruitment_agencies"] or ()),
        )
        cached = self._results.get(profile)
        if cached is None:
            if len(self._results) >= _CACHED_PROFILES:
                self._results.clear()  # bounded: worker counts make many profiles distinct
            result = assess(
                profile,
                [],
                self.data,
                as_of=self.as_of,
                threshold=self.threshold,
                peer_reports=self.peers,
            )
            cached = self._results[profile] = (result, assessment_to_dict(result))
        return cached

    def assessed_row(
        self, organisation_id: uuid.UUID, supplier_id: uuid.UUID, values: dict[str, Any]
    ) -> tuple[EngineAssessment, dict[str, Any]]:
        """The engine result for an imported supplier's values and its assessment row (the
        stored body is shared by every row with the same profile; nothing mutates it)."""
        result, body = self._assess(values)
        return result, self._row(organisation_id, supplier_id, result, body)

    def assessment_row(
        self, organisation_id: uuid.UUID, supplier_id: uuid.UUID, result: EngineAssessment
    ) -> dict[str, Any]:
        return self._row(organisation_id, supplier_id, result, assessment_to_dict(result))

    def _row(
        self,
        organisation_id: uuid.UUID,
        supplier_id: uuid.UUID,
        result: EngineAssessment,
        body: dict[str, Any],
    ) -> dict[str, Any]:
        return {
            "id": uuid.uuid4(),
            "organisation_id": organisation_id,
            "supplier_id": supplier_id,
            "score": result.score,
            "band": result.band,
            "flagged": result.flagged,
            "flag_reasons": body["flag_reasons"],
            "coverage": result.coverage,
            "score_low": result.score_low,
            "score_high": result.score_high,
            "methodology_version": result.methodology_version,
            "risk_data_version": result.risk_data_version,
            "input_digest": result.input_digest,
            "result": body,
            "created_by": self.actor,
            "created_at": utcnow(),
        }

    @staticmethod
    def assessment_event(row: dict[str, Any]) -> PendingEvent:
        return PendingEvent(
            "supplier",
            str(row["supplier_id"]),
            "assessment.created",
            None,
            {
                "assessment_id": str(row["id"]),
                "score": row["score"],
                "band": row["band"],
                "flagged": row["flagged"],
                "reasons": [r["code"] for r in row["flag_reasons"]],
                "risk_data_version": row["risk_data_version"],
            },
        )

    def new_case(self, row: dict[str, Any]) -> tuple[dict[str, Any], PendingEvent]:
        """The case ``open_or_update_case`` opens for a supplier flagged for the first time."""
        reasons = list(row["flag_reasons"])
        priority = case_priority({r["code"] for r in reasons}, row["score"])
        now = utcnow()
        # The columns a ReviewCase would get (no ORM instance: this runs for every flagged row).
        case = SimpleNamespace(
            id=uuid.uuid4(),
            organisation_id=row["organisation_id"],
            supplier_id=row["supplier_id"],
            assessment_id=row["id"],
            status="open",
            priority=priority,
            priority_rank=PRIORITIES.index(priority),
            reasons=reasons,
            assignee=None,
            decision=None,
            opened_at=now,
            updated_at=now,
            due_at=now + timedelta(days=int(self.case_due_days.get(priority, 14))),
            version=1,
        )
        values = {
            column: getattr(case, column)
            for column in (
                "id",
                "organisation_id",
                "supplier_id",
                "assessment_id",
                "status",
                "priority",
                "priority_rank",
                "reasons",
                "opened_at",
                "updated_at",
                "due_at",
                "version",
            )
        }
        state = case_state(cast(ReviewCase, case))
        return values, PendingEvent("case", str(case.id), "case.opened", None, state)
