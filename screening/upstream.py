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
    count as its own exposure. Ties go to the link given first. Raises ``SupplyCycleError``
    if the links contain a cycle.
    """
    # Suppliers as list positions, links as parallel lists: 300k links in a few seconds.
    index = {
        n: i for i, n in enumerate(dict.fromkeys(x for e in edges for x in (e.supplier, e.buyer)))
    }
    source = [index[e.supplier] for e in edges]
    target = [index[e.buyer] for e in edges]
    floor = policy.UPSTREAM_SHARE_FLOOR
    weight = [
        1.0 if e.share is None else floor if e.share < floor else min(e.share, 1.0) for e in edges
    ]
    count = len(index)
    outgoing: list[list[int]] = [[] for _ in range(count)]
    indegree = [0] * count
    for k, u in enumerate(source):
        outgoing[u].append(k)
    for v in target:
        indegree[v] += 1

    own_points = [0.0] * count
    own_hazard: dict[int, Hazard] = {}
    for supplier, found in hazards.items():
        at = index.get(supplier)
        if found and at is not None:
            best = max(sorted(found, key=lambda h: h.code), key=lambda h: hazard_points(h.code))
            own_hazard[at] = best
            own_points[at] = hazard_points(best.code)

    decay = policy.UPSTREAM_TIER_DECAY
    best_value = [0.0] * count  # the strongest exposure reaching each supplier ...
    best_edge = [-1] * count  # ... and the link it comes through
    passed_edge = [-2] * count  # what a supplier passes on: -1 its own hazard, k via link k
    ready = deque(u for u in range(count) if indegree[u] == 0)
    done = 0
    while ready:
        u = ready.popleft()
        done += 1
        inherited = best_value[u] * decay if best_edge[u] >= 0 else 0.0
        mine = own_points[u]
        if mine > 0.0 and mine >= inherited:
            value, passed_edge[u] = mine, -1
        elif best_edge[u] >= 0:
            value, passed_edge[u] = inherited, best_edge[u]
        else:
            value = 0.0
        for k in outgoing[u]:
            v = target[k]
            if value > 0.0:
                reached = value * weight[k]
                if reached > best_value[v]:
                    best_value[v] = reached
                    best_edge[v] = k
            indegree[v] -= 1
            if indegree[v] == 0:
                ready.append(v)
    if done < count:
        ids = list(index)
        left = {ids[u] for u in range(count) if indegree[u] > 0}
        raise SupplyCycleError(_some_cycle(left, edges))

    ids = list(index)
    results: dict[str, UpstreamExposure] = {}
    for v in range(count):
        k = best_edge[v]
        if k < 0:
            continue
        buyer = ids[v]
        path = [PathStep(buyer, names.get(buyer, buyer))]
        while k >= 0:
            edge = edges[k]
            path.append(
                PathStep(
                    edge.supplier,
                    names.get(edge.supplier, edge.supplier),
                    edge.input_good,
                    edge.share,
                    edge.ref,
                )
            )
            k = passed_edge[source[k]]
        hazard = own_hazard[index[path[-1].supplier]]
        points = hazard_points(hazard.code)
        results[buyer] = UpstreamExposure(
            hazard=hazard,
            path=tuple(path),
            weight=round(best_value[v] / points, 6) if points else 0.0,
            points=tenths(best_value[v]) / 10,
        )
    return results


def _some_cycle(left: set[str], edges: Sequence[SupplyEdge]) -> list[str]:
    """Walk back along links between suppliers left unsorted until one repeats."""
    incoming: dict[str, list[str]] = {}
    for edge in edges:
        if edge.supplier in left and edge.buyer in left:
            incoming.setdefault(edge.buyer, []).append(edge.supplier)
    node = min(left)
    seen: dict[str, int] = {}
    walk: list[str] = []
    while node not in seen:
        seen[node] = len(walk)
        walk.append(node)
        node = min(incoming[node])
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
