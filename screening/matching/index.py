"""An in-memory blocking index over registry records.

Comparing a query with every registry record costs about 18 ms per query at 100k
records even in rapidfuzz's C code. The index instead looks a query up by keys that a
true match almost always shares, within the query's country:

* ``t:`` each identity word ("huaqiang"), and adjacent short words joined ("hua"+"qiang");
* ``p:`` / ``s:`` the first and last four letters of longer words, so one typo still
  shares a key;
* ``c:`` the first five letters of the space-free name;
* ``r:`` the registration number, across countries.

Candidates are ranked by the summed inverse document frequency of the keys they share
(rare words count most, words in more than ``MAX_POSTING`` records of a country are
skipped while rarer keys exist), and only the best ``CANDIDATES`` are compared in full.
Records without a country are searched from every country; a query without a country
searches all of them.
"""

from __future__ import annotations

import itertools
import math
from array import array
from collections.abc import Iterable, Iterator
from operator import itemgetter

import numpy as np
from rapidfuzz.fuzz import ratio, token_sort_ratio
from rapidfuzz.process import cdist

from screening.matching.compare import PreparedRecord, prepare
from screening.matching.types import MatchRecord
from screening.matching.vocabulary import GENERIC_TOKENS

CANDIDATES = 8  # full comparisons per query; blocking recall measured in tests
VOTE_POOL = 48  # candidates re-ranked by rapidfuzz before the full comparison
MAX_POSTING = 1_500  # keys in more records than this are too common to block on
POSTING_BUDGET = 1_500  # posting entries read per query, rarest keys first
_NO_COUNTRY = ""
_AFFIX_LENGTH = 4
_COMPACT_PREFIX = 5
_AFFIX_WEIGHT = 0.5  # a shared prefix or suffix is weaker evidence than a shared word
_BATCH_MIN = 8  # pools larger than this are re-ranked with one rapidfuzz cdist call


def _vote(postings: list[array[int]], weights: list[float]) -> tuple[list[int], dict[int, float]]:
    """The best ``VOTE_POOL`` positions by summed key weight, and their sums.

    Sums are added in the order the keys come (as a running dict of sums would add them), and
    ties go to the position voted for first, so the pool is the one ``heapq.nlargest`` over
    such a dict picks.
    """
    if not postings:
        return [], {}
    if len(postings) == 1:
        only = postings[0][:VOTE_POOL].tolist()
        return only, dict.fromkeys(only, weights[0])
    positions = np.concatenate([np.frombuffer(p, dtype=np.int64) for p in postings])
    spread = np.repeat(np.asarray(weights), [len(p) for p in postings])
    voted, first, inverse = np.unique(positions, return_index=True, return_inverse=True)
    sums = np.bincount(inverse, weights=spread, minlength=len(voted))
    if len(voted) > VOTE_POOL:
        order = np.lexsort((first, -sums))[:VOTE_POOL]
    else:
        order = np.argsort(first, kind="stable")
    pool = voted[order].tolist()
    return pool, dict(zip(pool, sums[order].tolist(), strict=True))


def blocking_keys(prepared: PreparedRecord) -> set[str]:
    """The keys a record is filed under (without country and registration number)."""
    tokens = prepared.name.tokens
    keys: set[str] = set()
    for token in tokens:
        keys.add("t:" + token)
        # Industry words are in too many records to block on by their letters.
        if len(token) > _AFFIX_LENGTH and token not in GENERIC_TOKENS:
            keys.add("p:" + token[:_AFFIX_LENGTH])
            keys.add("s:" + token[-_AFFIX_LENGTH:])
    for first, second in itertools.pairwise(tokens):
        if len(first) <= _AFFIX_LENGTH or len(second) <= _AFFIX_LENGTH:
            keys.add("t:" + first + second)
    compact = prepared.name.compact
    if compact:
        keys.add("c:" + compact[:_COMPACT_PREFIX])
    return keys


class SupplierIndex:
    """Registry records prepared once and filed by blocking keys per country."""

    def __init__(self, records: Iterable[MatchRecord] = ()) -> None:
        self._records: list[PreparedRecord] = []
        # Postings are typed arrays so a query reads them into numpy without copying.
        self._postings: dict[str, dict[str, array[int]]] = {}
        self._registrations: dict[str, list[int]] = {}
        # The normalised name keys and compact forms by position, for rapidfuzz's batch scans.
        self._keys: list[str] = []
        self._compacts: list[str] = []
        self._cities: list[str | None] = []  # for the tie-break on the query's city
        for record in records:
            self.add(record)

    def add(self, record: MatchRecord | PreparedRecord) -> int:
        """File one record (or one ``prepare`` made already, e.g. to ``match`` it first);
        returns its position in the index."""
        prepared = record if isinstance(record, PreparedRecord) else prepare(record)
        position = len(self._records)
        self._records.append(prepared)
        self._keys.append(prepared.name.key)
        self._compacts.append(prepared.name.compact)
        self._cities.append(prepared.city)
        postings = self._postings.setdefault(prepared.country or _NO_COUNTRY, {})
        for key in blocking_keys(prepared):
            posting = postings.get(key)
            if posting is None:
                postings[key] = posting = array("q")
            posting.append(position)
        if prepared.registration_number is not None:
            self._registrations.setdefault(prepared.registration_number, []).append(position)
        return position

    def __len__(self) -> int:
        return len(self._records)

    def __iter__(self) -> Iterator[PreparedRecord]:
        return iter(self._records)

    def record(self, position: int) -> PreparedRecord:
        return self._records[position]

    def candidates(self, query: PreparedRecord, limit: int = CANDIDATES) -> list[int]:
        """Positions of the records most worth comparing with ``query``, best first.

        Stage 1 votes with the query's keys, rarest first, within a budget of posting
        entries (the common keys add little once the rare ones have spoken). Stage 2
        re-ranks the best ``VOTE_POOL`` by rapidfuzz similarity of the normalised names
        (C code, order-insensitive), and the best ``limit`` go to full comparison.
        """
        if query.country is not None:
            countries = [query.country, _NO_COUNTRY]
        else:
            countries = list(self._postings)
        keys = blocking_keys(query)
        size = max(len(self._records), 1)
        found: list[tuple[str, array[int]]] = []
        for country in countries:
            postings = self._postings.get(country)
            if postings:
                found.extend((key, postings[key]) for key in keys if key in postings)
        # Rarest first; ties by key, so the pool does not depend on set order (hash seed).
        found.sort(key=lambda kp: (len(kp[1]), kp[0]))
        chosen: list[array[int]] = []
        weights: list[float] = []
        spent = 0
        for key, posting in found:
            if spent and (len(posting) > MAX_POSTING or spent + len(posting) > POSTING_BUDGET):
                break
            spent += len(posting)
            weight = math.log(1.0 + size / len(posting))
            if key[0] in "ps":
                weight *= _AFFIX_WEIGHT
            chosen.append(posting)
            weights.append(weight)
        pool, votes = _vote(chosen, weights)
        must: list[int] = []
        if query.registration_number is not None:
            must = self._registrations.get(query.registration_number, [])
        if must:
            pool = [p for p in pool if p not in must]
        key, compact, city = query.name.key, query.name.compact, query.city
        keys_of, compacts_of = self._keys, self._compacts
        if len(pool) > _BATCH_MIN:
            # One C call per scorer over the pool; the same scores as the per-pair calls.
            pick = itemgetter(*pool)
            similarity = np.maximum(
                cdist([key], pick(keys_of), scorer=token_sort_ratio, dtype=np.float64)[0],
                cdist([compact], pick(compacts_of), scorer=ratio, dtype=np.float64)[0],
            ).tolist()
        else:
            similarity = [
                max(token_sort_ratio(key, keys_of[p]), ratio(compact, compacts_of[p])) for p in pool
            ]
        # Ties (the same name at several sites of a group) go to the query's own city.
        cities = self._cities
        ranked = sorted(
            (-similar, city is None or cities[p] != city, -votes[p], p)
            for similar, p in zip(similarity, pool, strict=True)
        )
        return must[:limit] + [p for *_, p in ranked[: max(limit - len(must), 0)]]
