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

import heapq
import itertools
import math
from collections.abc import Iterable, Iterator

from rapidfuzz.fuzz import ratio, token_sort_ratio

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
        self._postings: dict[str, dict[str, list[int]]] = {}
        self._registrations: dict[str, list[int]] = {}
        for record in records:
            self.add(record)

    def add(self, record: MatchRecord) -> int:
        """File one record; returns its position in the index."""
        prepared = prepare(record)
        position = len(self._records)
        self._records.append(prepared)
        postings = self._postings.setdefault(prepared.country or _NO_COUNTRY, {})
        for key in blocking_keys(prepared):
            postings.setdefault(key, []).append(position)
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
        found: list[tuple[str, list[int]]] = []
        for country in countries:
            postings = self._postings.get(country)
            if postings:
                found.extend((key, postings[key]) for key in keys if key in postings)
        found.sort(key=lambda kp: len(kp[1]))
        votes: dict[int, float] = {}
        spent = 0
        for key, posting in found:
            if spent and (len(posting) > MAX_POSTING or spent + len(posting) > POSTING_BUDGET):
                break
            spent += len(posting)
            weight = math.log(1.0 + size / len(posting))
            if key[0] in "ps":
                weight *= _AFFIX_WEIGHT
            get = votes.get
            for position in posting:
                votes[position] = get(position, 0.0) + weight
        pool = (
            heapq.nlargest(VOTE_POOL, votes, key=votes.__getitem__)
            if len(votes) > VOTE_POOL
            else list(votes)
        )
        must: list[int] = []
        if query.registration_number is not None:
            must = self._registrations.get(query.registration_number, [])
        key, compact, city = query.name.key, query.name.compact, query.city
        records = self._records
        # Ties (the same name at several sites of a group) go to the query's own city.
        ranked = sorted(
            (
                -max(
                    token_sort_ratio(key, records[p].name.key),
                    ratio(compact, records[p].name.compact),
                ),
                city is None or records[p].city != city,
                -votes[p],
                p,
            )
            for p in pool
            if p not in must
        )
        return must[:limit] + [p for *_, p in ranked[: max(limit - len(must), 0)]]
