"""Risk that flows upstream: what a supplier's sub-suppliers, at any depth, bring to its score.

Plain inputs in (each supplier's own hazards, the supply links between suppliers), plain
explained results out; no database. A hazard is what a supplier is flagged for on its own
(a listed entity, a Xinjiang source, a critical indicator ...) or an ILAB forced-labour good it
makes; a supplier's exposure is its strongest hazard upstream, reached along the path whose
weight is highest, attenuated per tier and by the share of each buyer's input
(``policy.UPSTREAM_*``; docs/methodology.md "Upstream risk"). One pass over the links in
topological order: O(suppliers + links).
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Final

from screening import policy
from screening.assessment import Factor, FlagReason
from screening.points import tenths

# Bump when the propagation rule or its weights change; stored with every exposure.
UPSTREAM_VERSION: Final = "upstream-2026.1"


@dataclass(frozen=True, slots=True)
class Hazard:
    """Something about one supplier that its buyers inherit."""

    code: str  # a flag reason code ("entity_list_match", ...) or "ilab_forced_labour_good"
    summary: str


@dataclass(frozen=True, slots=True)
class SupplyEdge:
    """``supplier`` supplies ``buyer`` with ``input_good`` (``share``: of the buyer's input)."""

    supplier: str
    buyer: str
    input_good: str
    share: float | None = None  # 0..1; None = not known, taken as the whole input
    ref: str = ""  # the link's id


@dataclass(frozen=True, slots=True)
class PathStep:
    """One supplier on an upstream path; ``input_good`` is what it supplies to the step before
    (empty for the assessed supplier, the first step)."""

    supplier: str
    name: str
    input_good: str = ""
    share: float | None = None
    link: str = ""


@dataclass(frozen=True, slots=True)
class UpstreamExposure:
    hazard: Hazard
    path: tuple[PathStep, ...]  # the assessed supplier first, the hazard's supplier last
    weight: float  # tier and share attenuation together, 0..1
    points: float  # hazard points x weight, in tenths of a point
    version: str = UPSTREAM_VERSION

    @property
    def depth(self) -> int:
        return len(self.path) - 1

    @property
    def source(self) -> PathStep:
        return self.path[-1]

    def path_text(self) -> str:
        """``Module maker ← (wafers) Wafer maker ← (polysilicon) Poly Co``."""
        parts = [self.path[0].name]
        for step in self.path[1:]:
            share = f", {step.share:.0%}" if step.share is not None else ""
            parts.append(f"({step.input_good}{share}) {step.name}")
        return " ← ".join(parts)


class SupplyCycleError(ValueError):
    """The links would make a supplier its own sub-supplier."""

    def __init__(self, cycle: Sequence[str]) -> None:
        super().__init__(" → ".join(cycle))
        self.cycle = tuple(cycle)


def hazard_points(code: str) -> float:
    return policy.UPSTREAM_HAZARD_POINTS.get(code, policy.UPSTREAM_FLAGGED_SUB_SUPPLIER_POINTS)


def share_weight(share: float | None) -> float:
    if share is None:
        return 1.0
    return max(policy.UPSTREAM_SHARE_FLOOR, min(share, 1.0))


def find_cycle(
    edges: Iterable[tuple[str, str]], supplier: str, buyer: str
) -> tuple[str, ...] | None:
    """The cycle adding ``supplier`` → ``buyer`` would close (buyer ... supplier, buyer), or
    None. ``edges`` are the existing (supplier, buyer) pairs."""
    if supplier == buyer:
        return (supplier, buyer)
    supplies: dict[str, list[str]] = {}
    for a, b in edges:
        supplies.setdefault(a, []).append(b)
    previous: dict[str, str] = {buyer: ""}
    queue = deque([buyer])
    while queue:
        node = queue.popleft()
        if node == supplier:
            path = [node]
            while path[-1] != buyer:
                path.append(previous[path[-1]])
            return (supplier, *reversed(path))
        for nxt in supplies.get(node, ()):
            if nxt not in previous:
                previous[nxt] = node
                queue.append(nxt)
    return None


def propagate(
    hazards: Mapping[str, Sequence[Hazard]],
    edges: Sequence[SupplyEdge],
    names: Mapping[str, str],
) -> dict[str, UpstreamExposure]:
    """Every supplier's strongest upstream exposure (suppliers with none are absent).

    ``weight`` of a path = product over its links of the link's share weight, times
    ``UPSTREAM_TIER_DECAY`` for every tier beyond the first. A supplier's own hazards never
    count as its own exposure. Raises ``SupplyCycleError`` if the links contain a cycle.
    """
    incoming: dict[str, list[SupplyEdge]] = {}
    outgoing: dict[str, list[str]] = {}
    indegree: dict[str, int] = {}
    for edge in edges:
        incoming.setdefault(edge.buyer, []).append(edge)
        outgoing.setdefault(edge.supplier, []).append(edge.buyer)
        indegree[edge.buyer] = indegree.get(edge.buyer, 0) + 1
        indegree.setdefault(edge.supplier, 0)

    # Own strength: the supplier's strongest hazard (ties: the first code in sorted order).
    own: dict[str, tuple[float, Hazard]] = {}
    for supplier, found in hazards.items():
        if found and supplier in indegree:
            best = max(sorted(found, key=lambda h: h.code), key=lambda h: hazard_points(h.code))
            own[supplier] = (hazard_points(best.code), best)

    # reach[s]: the strongest value s passes to its buyers, and how (its own hazard, or the
    # edge it inherits through). exposure[b]: the best edge into b and its value.
    reach: dict[str, tuple[float, SupplyEdge | None]] = {}
    exposure: dict[str, tuple[float, SupplyEdge]] = {}
    ready = deque(sorted(n for n, d in indegree.items() if d == 0))
    done = 0
    while ready:
        node = ready.popleft()
        done += 1
        best_in = None
        for edge in incoming.get(node, ()):
            came = reach.get(edge.supplier)
            if came is None:
                continue
            value = came[0] * share_weight(edge.share)
            if best_in is None or value > best_in[0]:
                best_in = (value, edge)
        mine = own.get(node)
        if best_in is not None:
            exposure[node] = best_in
        inherited = best_in[0] * policy.UPSTREAM_TIER_DECAY if best_in is not None else 0.0
        if mine is not None and mine[0] >= inherited:
            reach[node] = (mine[0], None)
        elif best_in is not None:
            reach[node] = (inherited, best_in[1])
        for buyer in outgoing.get(node, ()):
            indegree[buyer] -= 1
            if indegree[buyer] == 0:
                ready.append(buyer)
    if done < len(indegree):
        raise SupplyCycleError(_some_cycle(indegree, incoming))

    results: dict[str, UpstreamExposure] = {}
    for buyer, (value, edge) in exposure.items():
        path = [PathStep(buyer, names.get(buyer, buyer))]
        step: SupplyEdge | None = edge
        while step is not None:
            path.append(
                PathStep(
                    step.supplier,
                    names.get(step.supplier, step.supplier),
                    step.input_good,
                    step.share,
                    step.ref,
                )
            )
            step = reach[step.supplier][1]
        hazard = own[path[-1].supplier][1]
        points = hazard_points(hazard.code)
        weight = value / points if points else 0.0
        results[buyer] = UpstreamExposure(
            hazard=hazard,
            path=tuple(path),
            weight=round(weight, 6),
            points=tenths(value) / 10,
        )
    return results


def _some_cycle(indegree: Mapping[str, int], incoming: Mapping[str, list[SupplyEdge]]) -> list[str]:
    """Walk back along links between suppliers left unsorted until one repeats."""
    left = {n for n, d in indegree.items() if d > 0}
    node = min(left)
    seen: dict[str, int] = {}
    walk: list[str] = []
    while node not in seen:
        seen[node] = len(walk)
        walk.append(node)
        node = min(e.supplier for e in incoming[node] if e.supplier in left)
    cycle = walk[seen[node] :]
    return [*reversed(cycle), cycle[-1]]


def upstream_factor(exposure: UpstreamExposure) -> Factor:
    tiers = exposure.depth
    return Factor(
        code="upstream_risk",
        kind="context",
        points=exposure.points,
        detail=f"{exposure.hazard.summary} {tiers} tier{'s' if tiers > 1 else ''} upstream: "
        f"{exposure.path_text()} (weight {exposure.weight:.2f} of "
        f"{hazard_points(exposure.hazard.code):g} points)",
        source=policy.UPSTREAM_SOURCE,
        evidence=_evidence(exposure),
    )


def upstream_reason(exposure: UpstreamExposure) -> FlagReason:
    return FlagReason(
        code="upstream_risk",
        summary=f"{exposure.hazard.code.replace('_', ' ')} upstream: {exposure.path_text()}: "
        f"{exposure.hazard.summary}",
        evidence=_evidence(exposure),
    )


def _evidence(exposure: UpstreamExposure) -> tuple[str, ...]:
    return (
        f"upstream:{exposure.hazard.code}",
        *(f"supplier:{s.supplier}" for s in exposure.path[1:]),
        *(f"link:{s.link}" for s in exposure.path[1:] if s.link),
    )
