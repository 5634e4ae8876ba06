"""Scoring the suppliers an import creates, with the same results and history as
``assess_supplier``.

A supplier just created has no audits, so the engine scores its context alone and the result
depends on its profile alone: the engine runs once per distinct profile in a job and the
stored body is shared by every row with that profile. What is written for each is
``api.assessments.recording.record_new_supplier``'s. Existing suppliers an import updates go
through ``assess_supplier`` itself.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from api.engine_inputs.supplier import supplier_profile
from models import Organisation
from risk_data.types import RiskData
from screening.assessment import Assessment as EngineAssessment
from screening.inputs.supplier import SupplierProfile
from screening.lists import ListHit, ListIndex
from screening.scoring import assess
from screening.serialise import assessment_to_dict

_CACHED_PROFILES = 4_096


@dataclass
class BulkScorer:
    data: RiskData
    as_of: date
    organisation: Organisation
    lists: ListIndex | None = None  # the screening lists in force
    _results: dict[SupplierProfile, tuple[EngineAssessment, dict[str, Any]]] = field(
        default_factory=dict, repr=False
    )

    def assess(
        self, values: dict[str, Any], list_hits: tuple[ListHit, ...] = ()
    ) -> tuple[EngineAssessment, dict[str, Any]]:
        """The engine's result for a new supplier's column values, and its stored body. A
        supplier some list names is scored on its own (its hits are its own)."""
        profile = supplier_profile(values)
        if list_hits:
            result = assess(
                profile,
                [],
                self.data,
                as_of=self.as_of,
                threshold=self.organisation.score_threshold,
                list_hits=list_hits,
            )
            return result, assessment_to_dict(result)
        cached = self._results.get(profile)
        if cached is None:
            if len(self._results) >= _CACHED_PROFILES:
                self._results.clear()  # bounded: worker counts make many profiles distinct
            result = assess(
                profile,
                [],
                self.data,
                as_of=self.as_of,
                threshold=self.organisation.score_threshold,
            )
            cached = self._results[profile] = (result, assessment_to_dict(result))
        return cached
