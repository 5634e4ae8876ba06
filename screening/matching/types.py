"""Inputs and results of supplier matching: frozen, plain, serialisable."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Decision = Literal["auto_merge", "propose", "new"]
Outcome = Literal["agree", "partial", "disagree", "missing"]
FeatureName = Literal[
    "name",
    "numbers",
    "entity_role",
    "country",
    "city",
    "registration_number",
    "legal_form",
    "bounds",
]


@dataclass(frozen=True, slots=True)
class MatchRecord:
    """A supplier as matching sees it.

    ``country`` is ISO 3166-1 alpha-2, resolved by the caller; ``ref`` is whatever the
    caller uses to find the record again (registry id, upload row number).
    """

    ref: str
    name: str
    country: str | None = None
    city: str | None = None
    registration_number: str | None = None


@dataclass(frozen=True, slots=True)
class MatchFeature:
    """One piece of evidence: what was compared, how it came out, what it added to the score."""

    name: FeatureName
    outcome: Outcome
    contribution: float  # signed; the contributions of a result add up to its score
    detail: str  # one sentence a reviewer can read
    query: str | None = None  # the values compared, after normalisation
    candidate: str | None = None


@dataclass(frozen=True, slots=True)
class MatchResult:
    """A registry candidate for a query, scored 0..1, with the decision and its reasons."""

    ref: str
    name: str
    score: float  # 0..1
    decision: Decision
    features: tuple[MatchFeature, ...]
    algorithm: str


@dataclass(frozen=True, slots=True)
class DuplicatePair:
    """Two records of one upload that look like the same supplier (``left`` came first)."""

    left_ref: str
    right_ref: str
    score: float
    decision: Decision
    features: tuple[MatchFeature, ...]
    algorithm: str


@dataclass(frozen=True, slots=True)
class DuplicateGroup:
    """Records joined by ``auto_merge`` pairs (transitively); ``refs[0]`` is the earliest."""

    refs: tuple[str, ...]
    pairs: tuple[DuplicatePair, ...]
