"""Scoring the suppliers an import creates, with the same results and history as
``assess_supplier``.

A supplier just created has no audits, so the engine scores its context alone and the result
depends on its profile alone, and not even on all of it (``screening.scoring.
context_only_class``: the workforce size scores nothing). The engine runs once per class in
a job; each row's result is the class's with the row's own input digest
(``context_only_twin``), and its stored body is the class's JSON text with that digest put
in (``EncodedJSON``: encoded once per class, not once per row). What is written for each is
``api.assessments.recording.record_new_supplier``'s. Existing suppliers an import updates go
through ``assess_supplier`` itself.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from api.engine_inputs.supplier import supplier_profile
from models import Organisation
from models.bulk import EncodedJSON
from risk_data.types import RiskData
from screening.assessment import Assessment as EngineAssessment
from screening.inputs.supplier import SupplierProfile
from screening.list_hit import ListHit
from screening.lists import ListIndex
from screening.scoring import assess, context_only_class, context_only_twin
from screening.serialise import assessment_to_dict

_CACHED_CLASSES = 4_096


@dataclass(frozen=True, slots=True)
class _ClassResult:
    result: EngineAssessment
    body: dict[str, Any]
    # The body's JSON text around its input digest, the last key (``assessment_to_dict``).
    text_before_digest: str
    text_after_digest: str

    def body_text(self, digest: str) -> EncodedJSON:
        return EncodedJSON(self.text_before_digest + digest + self.text_after_digest)


def _class_result(result: EngineAssessment) -> _ClassResult:
    body = assessment_to_dict(result)
    text = json.dumps(body)
    marker = json.dumps(result.input_digest)
    before, found, after = text.rpartition(marker)
    if not found or json.loads(before + marker + after) != body:
        raise AssertionError("the input digest is not where the body template expects it")
    return _ClassResult(result, body, before + '"', '"' + after)


@dataclass
class BulkScorer:
    data: RiskData
    as_of: date
    organisation: Organisation
    lists: ListIndex | None = None  # the screening lists in force
    _classes: dict[SupplierProfile, _ClassResult] = field(default_factory=dict, repr=False)

    def assess(
        self, values: dict[str, Any], list_hits: tuple[ListHit, ...] = ()
    ) -> tuple[EngineAssessment, dict[str, Any], dict[str, Any] | EncodedJSON]:
        """The engine's result for a new supplier's column values, its body as a dict (for
        its flag reasons: nothing may mutate it) and as stored. A supplier some list names is
        scored on its own (its hits are its own)."""
        profile = supplier_profile(values)
        threshold = self.organisation.score_threshold
        if list_hits:
            result = assess(
                profile, [], self.data, as_of=self.as_of, threshold=threshold, list_hits=list_hits
            )
            body = assessment_to_dict(result)
            return result, body, body
        key = context_only_class(profile)
        known = self._classes.get(key)
        if known is None:
            if len(self._classes) >= _CACHED_CLASSES:
                self._classes.clear()  # bounded: a file of all-different profiles
            result = assess(key, [], self.data, as_of=self.as_of, threshold=threshold)
            known = self._classes[key] = _class_result(result)
        result = context_only_twin(
            known.result,
            profile,
            as_of=self.as_of,
            threshold=threshold,
            risk_data_version=self.data.version,
        )
        return result, known.body, known.body_text(result.input_digest)
