"""Supplier name matching and de-duplication: a pure library (no I/O, no web, no database).

Used by the registry for fuzzy search, de-duplication of uploads (within the file and
against the registry) and ``POST /v1/suppliers/match``. Scores run 0..1; every result
carries the features behind it and the algorithm version that produced it.
"""

from screening.matching.compare import Comparison, compare, decide, name_similarity
from screening.matching.index import SupplierIndex
from screening.matching.match import find_duplicates, group_duplicates, match
from screening.matching.normalise import (
    NormalisedName,
    fold_text,
    normalise_name,
    normalise_place,
    normalise_registration_number,
)
from screening.matching.thresholds import (
    ALGORITHM_VERSION,
    AUTO_MERGE_THRESHOLD,
    DEFAULT_MIN_SCORE,
    PROPOSE_THRESHOLD,
)
from screening.matching.types import (
    Decision,
    DuplicateGroup,
    DuplicatePair,
    MatchFeature,
    MatchRecord,
    MatchResult,
)

__all__ = [
    "ALGORITHM_VERSION",
    "AUTO_MERGE_THRESHOLD",
    "DEFAULT_MIN_SCORE",
    "PROPOSE_THRESHOLD",
    "Comparison",
    "Decision",
    "DuplicateGroup",
    "DuplicatePair",
    "MatchFeature",
    "MatchRecord",
    "MatchResult",
    "NormalisedName",
    "SupplierIndex",
    "compare",
    "decide",
    "find_duplicates",
    "fold_text",
    "group_duplicates",
    "match",
    "name_similarity",
    "normalise_name",
    "normalise_place",
    "normalise_registration_number",
]
