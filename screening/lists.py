"""Screening a supplier against the lists in force (UFLPA Entity List, CBP WROs and Findings)
with the supplier matcher (``flrisk-match-v2``).

Every name of every listed party in force is filed in one ``SupplierIndex``: its name, its
aliases, and the names of its subsidiaries (FtM ``Ownership``), which the lists cover ("and
subsidiaries") whether or not they are listed themselves. A supplier is a hit on a party
when the matcher would at least propose them as the same entity (score at or above
``PROPOSE_THRESHOLD``); the hit carries the list, program, date, the name that matched, how
(name, alias or subsidiary) and the matcher's features, so a reviewer sees why.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from risk_data.screening_lists import ListEntity, ScreeningList
from screening.list_hit import ListHit, MatchedVia
from screening.matching import PROPOSE_THRESHOLD, MatchFeature, MatchRecord, SupplierIndex, match

_LIMIT = 8  # candidates per query: one party may be filed under several names


@dataclass(frozen=True, slots=True)
class _Target:
    screening_list: ScreeningList
    entity: ListEntity  # the party the hit is on
    name: str
    via: MatchedVia
    owner: ListEntity | None


class ListIndex:
    """The names of every party in force on some lists, ready to screen suppliers against."""

    def __init__(self, lists: Iterable[ScreeningList]) -> None:
        self.lists = tuple(sorted(lists, key=lambda s: (s.dataset, s.version)))
        self.versions = tuple(s.version for s in self.lists)
        self._targets: list[_Target] = []
        records: list[MatchRecord] = []
        for screening_list in self.lists:
            by_id = {e.entity_id: e for e in screening_list.entities}
            for entity in screening_list.entities:
                owners = [by_id[o] for o in entity.owners if o in by_id and by_id[o].in_force]
                if not entity.in_force and not owners:
                    continue
                owner = owners[0] if owners else None
                for position, name in enumerate(entity.names):
                    via: MatchedVia = "name" if position == 0 else "alias"
                    if owner is not None:
                        via = "subsidiary"
                    records.append(
                        MatchRecord(ref=str(len(self._targets)), name=name, country=entity.country)
                    )
                    self._targets.append(_Target(screening_list, entity, name, via, owner))
        self._index = SupplierIndex(records)

    def __len__(self) -> int:
        return len(self._targets)

    def screen(
        self,
        name: str,
        *,
        country: str | None,
        city: str | None = None,
        registration_number: str | None = None,
    ) -> tuple[ListHit, ...]:
        """The listed parties ``name`` matches, strongest first, one hit per party."""
        if not self._targets or not name.strip():
            return ()
        query = MatchRecord(
            ref="", name=name, country=country, city=city, registration_number=registration_number
        )
        best: dict[tuple[str, str], ListHit] = {}
        for result in match(query, self._index, limit=_LIMIT, min_score=PROPOSE_THRESHOLD):
            if result.decision == "new":
                continue
            target = self._targets[int(result.ref)]
            hit = _hit(target, result.score, result.features, result.algorithm)
            key = (hit.dataset, hit.entity_id)
            if key not in best or best[key].score < hit.score:
                best[key] = hit
        return tuple(sorted(best.values(), key=lambda h: (-h.score, h.dataset, h.entity_id)))


def _hit(
    target: _Target, score: float, features: tuple[MatchFeature, ...], algorithm: str
) -> ListHit:
    entity, owner = target.entity, target.owner
    # A subsidiary named only through its parent is listed under the parent's program.
    program = entity.program or (owner.program if owner else "")
    start = entity.start_date or (owner.start_date if owner else None)
    return ListHit(
        dataset=target.screening_list.dataset,
        list_title=target.screening_list.title,
        list_version=target.screening_list.version,
        entity_id=entity.entity_id,
        entity_name=entity.name,
        program=program,
        start_date=start,
        matched_name=target.name,
        via=target.via,
        owner_name=owner.name if owner else None,
        score=score,
        features=features,
        algorithm=algorithm,
    )
