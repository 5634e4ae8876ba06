"""A supplier that matches a party on a screening list: what the score and its reasons cite.

Kept apart from the list index (``screening.lists``) so scoring, which only reads hits, does
not load the name matcher and its dependencies.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from screening.matching import MatchFeature

MatchedVia = Literal["name", "alias", "subsidiary"]


@dataclass(frozen=True, slots=True)
class ListHit:
    """A supplier that matches a listed party."""

    dataset: str
    list_title: str
    list_version: str
    entity_id: str
    entity_name: str
    program: str
    start_date: date | None
    matched_name: str  # the listed name that matched
    via: MatchedVia
    owner_name: str | None  # for a subsidiary: the listed parent
    score: float
    features: tuple[MatchFeature, ...]
    algorithm: str

    @property
    def ref(self) -> str:
        return f"list:{self.dataset}:{self.entity_id}"

    @property
    def explanation(self) -> str:
        how = {
            "name": "its listed name",
            "alias": "a listed alias",
            "subsidiary": f"a subsidiary of {self.owner_name} (ownership)",
        }[self.via]
        name = next((f for f in self.features if f.name == "name"), None)
        detail = f"; {name.detail}" if name is not None else ""
        return f"matches '{self.matched_name}', {how}, score {self.score:.2f}{detail}"
