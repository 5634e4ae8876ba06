"""Matching a supplier against the registry, and de-duplicating an upload."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from screening.matching import thresholds as t
from screening.matching.compare import (
    NameSimilarity,
    PreparedRecord,
    compare_records,
    prepare,
    score_records,
)
from screening.matching.index import CANDIDATES, SupplierIndex
from screening.matching.types import DuplicateGroup, DuplicatePair, MatchRecord, MatchResult

_DECISION_RANK = {"auto_merge": 0, "propose": 1, "new": 2}


def match(
    query: MatchRecord | PreparedRecord,
    index: SupplierIndex,
    *,
    limit: int = 5,
    min_score: float = t.DEFAULT_MIN_SCORE,
) -> list[MatchResult]:
    """Registry candidates for ``query``, best first, each scored 0..1 with its reasons.

    ``query`` may be prepared already (``prepare``), to file it in the index afterwards
    without normalising it twice. The caller reads the decision of the first result: ``auto_merge`` (same supplier),
    ``propose`` (a reviewer decides) or ``new``; an empty list also means ``new``.
    """
    prepared = query if isinstance(query, PreparedRecord) else prepare(query)
    # Rank every candidate by score alone, then compare in full (features and reasons) only
    # the ones returned: the same results, without building features that are thrown away.
    scored: list[tuple[float, int, str, PreparedRecord, NameSimilarity]] = []
    for position in index.candidates(prepared, max(CANDIDATES, limit)):
        candidate = index.record(position)
        score, decision, similarity = score_records(prepared, candidate)
        if score < min_score:
            continue
        scored.append(
            (-score, _DECISION_RANK[decision], candidate.record.ref, candidate, similarity)
        )
    scored.sort(key=lambda item: item[:3])
    results: list[MatchResult] = []
    for *_, candidate, similarity in scored[:limit]:
        comparison = compare_records(prepared, candidate, similarity)
        results.append(
            MatchResult(
                ref=candidate.record.ref,
                name=candidate.record.name,
                score=comparison.score,
                decision=comparison.decision,
                features=comparison.features,
                algorithm=t.ALGORITHM_VERSION,
            )
        )
    return results


def find_duplicates(
    records: Sequence[MatchRecord], *, include_new: bool = False
) -> list[DuplicatePair]:
    """Pairs of records within one upload that look like the same supplier.

    Blocked like ``match`` (each record is compared with its best candidates only), so a
    200k-row upload costs about as much as 200k registry queries. Pairs with decision
    ``new`` are left out unless ``include_new``. Ordered by the first record's position.
    """
    index = SupplierIndex(records)
    seen: set[tuple[int, int]] = set()
    pairs: list[tuple[int, int, DuplicatePair]] = []
    for position, prepared in enumerate(index):
        for other in index.candidates(prepared, CANDIDATES + 1):
            if other == position:
                continue
            left, right = min(position, other), max(position, other)
            if (left, right) in seen:
                continue
            seen.add((left, right))
            a, b = index.record(left), index.record(right)
            comparison = compare_records(a, b)
            if comparison.decision == "new" and not include_new:
                continue
            pairs.append(
                (
                    left,
                    right,
                    DuplicatePair(
                        left_ref=a.record.ref,
                        right_ref=b.record.ref,
                        score=comparison.score,
                        decision=comparison.decision,
                        features=comparison.features,
                        algorithm=t.ALGORITHM_VERSION,
                    ),
                )
            )
    pairs.sort(key=lambda item: (item[0], item[1]))
    return [pair for _, _, pair in pairs]


def group_duplicates(
    pairs: Iterable[DuplicatePair], *, decisions: frozenset[str] = frozenset({"auto_merge"})
) -> list[DuplicateGroup]:
    """Join pairs with one of ``decisions`` into groups (transitively, union-find).

    Only ``auto_merge`` by default: chaining proposals would let A~B and B~C merge A with
    C on evidence nobody has seen.
    """
    parent: dict[str, str] = {}
    order: dict[str, int] = {}

    def find(ref: str) -> str:
        root = ref
        while parent[root] != root:
            root = parent[root]
        while parent[ref] != root:
            parent[ref], ref = root, parent[ref]
        return root

    chosen = [p for p in pairs if p.decision in decisions]
    for pair in chosen:
        for ref in (pair.left_ref, pair.right_ref):
            if ref not in parent:
                parent[ref] = ref
                order[ref] = len(order)
        root_a, root_b = find(pair.left_ref), find(pair.right_ref)
        if root_a != root_b:
            # The earlier record stays the root, so a group is named by its first row.
            if order[root_a] > order[root_b]:
                root_a, root_b = root_b, root_a
            parent[root_b] = root_a
    members: dict[str, list[str]] = {}
    for ref in parent:
        members.setdefault(find(ref), []).append(ref)
    group_pairs: dict[str, list[DuplicatePair]] = {}
    for pair in chosen:
        group_pairs.setdefault(find(pair.left_ref), []).append(pair)
    groups = [
        DuplicateGroup(
            refs=tuple(sorted(refs, key=order.__getitem__)), pairs=tuple(group_pairs[root])
        )
        for root, refs in members.items()
    ]
    groups.sort(key=lambda g: order[g.refs[0]])
    return groups
