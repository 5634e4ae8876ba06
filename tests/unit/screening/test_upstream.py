"""Risk that flows upstream: the path, the attenuation by tier and share, cycles."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from screening import policy
from screening.inputs.supplier import SupplierProfile
from screening.scoring import assess
from screening.upstream import (
    Hazard,
    SupplyCycleError,
    SupplyEdge,
    find_cycle,
    propagate,
)

from .conftest import AS_OF, RISK_DATA

XINJIANG = Hazard("uflpa_presumption_region", "Shihezi, Xinjiang: UFLPA presumption")
NAMES = {"mod": "Module maker", "waf": "Wafer maker", "poly": "Poly Co", "x": "Other"}


def _chain(share: float | None = None) -> list[SupplyEdge]:
    return [
        SupplyEdge("poly", "waf", "polysilicon", share, "l-poly"),
        SupplyEdge("waf", "mod", "wafers", None, "l-waf"),
    ]


def test_a_xinjiang_source_two_tiers_up_reaches_the_module_maker_with_the_path() -> None:
    found = propagate({"poly": [XINJIANG]}, _chain(), NAMES)
    exposure = found["mod"]
    assert exposure.path_text() == "Module maker ← (wafers) Wafer maker ← (polysilicon) Poly Co"
    assert [s.link for s in exposure.path[1:]] == ["l-waf", "l-poly"]
    assert exposure.depth == 2 and exposure.hazard == XINJIANG
    # One tier beyond the first: the tier decay once.
    assert exposure.points == pytest.approx(20.0 * policy.UPSTREAM_TIER_DECAY)
    assert found["waf"].points == 20.0 and "poly" not in found


def test_a_small_share_attenuates_the_points_but_never_below_the_floor() -> None:
    half = propagate({"poly": [XINJIANG]}, _chain(share=0.5), NAMES)["waf"].points
    tiny = propagate({"poly": [XINJIANG]}, _chain(share=0.01), NAMES)["waf"].points
    assert half == tiny == 20.0 * policy.UPSTREAM_SHARE_FLOOR
    assert propagate({"poly": [XINJIANG]}, _chain(share=0.8), NAMES)["waf"].points == 16.0


def test_the_strongest_path_wins_and_a_supplier_never_inherits_its_own_hazard() -> None:
    edges = [*_chain(), SupplyEdge("x", "mod", "glass", 0.1, "l-x")]
    hazards = {"poly": [XINJIANG], "x": [Hazard("retention_of_identity_documents", "ID kept")]}
    found = propagate(hazards, edges, NAMES)
    assert found["mod"].source.supplier == "poly"  # 16 beats 10 x 0.5
    assert "x" not in found


def test_a_cycle_in_the_links_is_named() -> None:
    edges = [*_chain(), SupplyEdge("mod", "poly", "scrap")]
    with pytest.raises(SupplyCycleError) as raised:
        propagate({}, edges, NAMES)
    assert set(raised.value.cycle) == {"mod", "waf", "poly"}
    pairs = [(e.supplier, e.buyer) for e in _chain()]
    assert find_cycle(pairs, "mod", "poly") == ("mod", "poly", "waf", "mod")
    assert find_cycle(pairs, "poly", "mod") is None
    assert find_cycle(pairs, "mod", "mod") == ("mod", "mod")


def test_upstream_risk_flags_the_buyer_and_its_factor_adds_up() -> None:
    exposure = propagate({"poly": [XINJIANG]}, _chain(), NAMES)["mod"]
    supplier = SupplierProfile(country=sorted(RISK_DATA.countries)[0])
    plain = assess(supplier, (), RISK_DATA, as_of=AS_OF)
    exposed = assess(supplier, (), RISK_DATA, as_of=AS_OF, upstream=exposure)
    assert "upstream_risk" in exposed.flag_codes and exposed.flagged
    assert exposed.score == pytest.approx(min(100.0, plain.score + exposure.points))
    assert round(sum(f.points for f in exposed.factors), 1) == exposed.score
    assert exposed.input_digest != plain.input_digest
    # No exposure, no change: digests made before upstream risk existed still replay.
    assert assess(supplier, (), RISK_DATA, as_of=AS_OF, upstream=None) == plain


@settings(max_examples=60, deadline=None)
@given(
    shares=st.lists(st.one_of(st.none(), st.floats(0, 1)), min_size=1, max_size=12),
    code=st.sampled_from(["uflpa_presumption_region", "ilab_forced_labour_good", "other_flag"]),
)
def test_points_never_grow_with_distance_and_any_depth_still_flags(
    shares: list[float | None], code: str
) -> None:
    nodes = [f"s{i}" for i in range(len(shares) + 1)]  # s0 buys from s1 ... from the last
    edges = [SupplyEdge(nodes[i + 1], nodes[i], "input", share) for i, share in enumerate(shares)]
    found = propagate({nodes[-1]: [Hazard(code, "hazard")]}, edges, {})
    points = [found[n].points for n in nodes[:-1]]
    assert all(a <= b for a, b in itertools.pairwise(points))
    assert found["s0"].depth == len(shares)
