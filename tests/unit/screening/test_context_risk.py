"""Context risk from country, sector and goods (SPEC 4.1)."""

import pytest

from screening import policy
from screening.context import context_risk, ilab_level_points
from screening.errors import UnknownReferenceError

from .conftest import RISK_DATA, build_risk_data, run, supplier


def points(assessment, code: str) -> float:
    return sum(f.points for f in assessment.factors if f.code == code)


def test_tier_points_rise_from_tier_1_to_tier_3() -> None:
    tiers = [run(supplier(c, None)).score for c in ("US", "TH", "MY", "KH")]
    assert tiers == sorted(tiers) and len(set(tiers)) == 4


def test_tier_1_is_low_but_not_zero_because_tier_reflects_effort_not_prevalence() -> None:
    """004 L863: Tier 1 'does not mean that a country has no human trafficking problem'."""
    assert (
        points(run(supplier("US", None)), "country_tip_tier")
        == policy.TIP_TIER_POINTS["tier_1"]
        > 0
    )


def test_special_case_countries_count_like_tier_3() -> None:
    assert points(run(supplier("LY", None)), "country_tip_tier") == policy.TIP_TIER_POINTS["tier_3"]


def test_unranked_country_gets_the_unranked_points() -> None:
    assert points(run(supplier("AQ", None)), "country_tip_tier") == policy.TIP_UNRANKED_POINTS


def test_state_sponsored_trafficking_cspa_and_conflict_each_add_points() -> None:
    afghanistan = run(supplier("AF", None))
    assert points(afghanistan, "country_state_sponsored_trafficking") == 10.0
    assert points(afghanistan, "country_cspa_listed") == 5.0
    assert points(afghanistan, "country_conflict") == 5.0
    assert points(afghanistan, "country_ilab_advancement") == 6.0


@pytest.mark.parametrize(
    ("level", "expected"),
    [
        ("Significant Advancement", 0.0),
        ("Moderate Advancement", 2.0),
        ("Minimal Advancement – Efforts Made but Continued Law that Delayed Advancement", 4.0),
        ("No Advancement", 6.0),
        ("No Advancement – Efforts Made but Complicit in Forced Child Labor", 8.0),
        ("minimal_advancement", 4.0),
        (None, 0.0),
    ],
)
def test_ilab_advancement_levels_are_read_by_their_leading_words(level, expected) -> None:
    assert ilab_level_points(level)[0] == expected


def test_sector_inherent_risk_adds_its_points() -> None:
    assert points(run(supplier("TH", "domestic_work")), "sector_inherent_risk") == 15.0
    assert points(run(supplier("TH", "services")), "sector_inherent_risk") == 0.0


def test_a_good_on_ilabs_forced_labour_list_is_a_strong_signal_on_its_own() -> None:
    plain = run(supplier("CN", "garments_textiles"))
    cotton = run(supplier("CN", "garments_textiles", "Cotton"))
    assert cotton.score - plain.score == policy.GOOD_FORCED_LABOUR_POINTS
    assert "ilab_forced_labour_good_unaudited" in cotton.flag_codes


def test_child_labour_only_goods_count_less_than_forced_labour_goods() -> None:
    sugar = run(supplier("TH", "agriculture", "Sugarcane"))
    assert points(sugar, "goods_child_labour") == policy.GOOD_CHILD_LABOUR_POINTS
    assert "ilab_forced_labour_good_unaudited" not in sugar.flag_codes


def test_goods_match_the_supplier_country_only() -> None:
    assert points(run(supplier("TH", "garments_textiles", "Cotton")), "goods_forced_labour") == 0.0


def test_goods_are_matched_case_insensitively() -> None:
    assert points(run(supplier("CN", "garments_textiles", "cotton")), "goods_forced_labour") == 25.0


def test_input_goods_made_with_forced_labour_elsewhere_count() -> None:
    garments = run(supplier("VN", "garments_textiles", "Garments"))
    factor = next(f for f in garments.factors if f.code == "input_goods_forced_labour")
    assert factor.points == policy.INPUT_GOOD_FORCED_LABOUR_POINTS
    assert factor.evidence == ("ilab_input:Cotton (CN)",)


def test_coltan_from_north_kivu_adds_the_regional_risk_points() -> None:
    """Armed groups control coltan mines in North Kivu (000 L482)."""
    kivu = run(supplier("CD", "mining_quarrying", "Tantalum ore (coltan)", region="North Kivu"))
    kinshasa = run(supplier("CD", "mining_quarrying", "Tantalum ore (coltan)", region="Kinshasa"))
    very_high = policy.REGIONAL_RISK_POINTS["very_high"]
    assert points(kivu, "region_commodity") == very_high
    assert kivu.score - kinshasa.score == very_high


def test_a_regional_risk_needs_the_region_and_its_sector_or_commodity() -> None:
    coffee = run(supplier("BR", None, "Coffee", region="Minas Gerais"))
    farm = run(supplier("BR", "agriculture", region="Minas Gerais"))
    steel = run(
        supplier(
            "BR",
            "manufacturing" if "manufacturing" in RISK_DATA.sectors else None,
            "Steel",
            region="Minas Gerais",
        )
    )
    assert points(coffee, "region_commodity") == policy.REGIONAL_RISK_POINTS["high"]
    assert points(farm, "region_commodity") == policy.REGIONAL_RISK_POINTS["high"]
    assert points(steel, "region_commodity") == 0.0


def test_migrant_workforce_share_scales_its_points() -> None:
    assert points(run(supplier("TH", None, migrant_share=0.5)), "migrant_workforce") == 3.0
    assert points(run(supplier("TH", None, migrant_share=0.0)), "migrant_workforce") == 0.0


def test_unknown_country_is_an_error_naming_the_closest_match() -> None:
    with pytest.raises(UnknownReferenceError) as error:
        run(supplier("THA", None))
    assert error.value.closest == "TH"
    assert "Accepted values" in str(error.value)


def test_unknown_sector_is_an_error() -> None:
    with pytest.raises(UnknownReferenceError, match=r"sector 'garments'.*garments_textiles"):
        run(supplier("TH", "garments"))


def test_context_risk_is_memoised_per_data_version() -> None:
    first = context_risk(RISK_DATA, "CN", "garments_textiles", ("Cotton",))
    assert context_risk(RISK_DATA, "CN", "garments_textiles", ("Cotton",)) is first
    other = build_risk_data("other")
    assert context_risk(other, "CN", "garments_textiles", ("Cotton",)) is not first


def test_high_risk_context_covers_tier_3_cspa_state_sponsored_and_forced_labour_goods() -> None:
    assert context_risk(RISK_DATA, "KH", None, ()).high_risk
    assert context_risk(RISK_DATA, "TR", None, ()).high_risk
    assert context_risk(RISK_DATA, "BR", None, ("Coffee",)).high_risk
    assert not context_risk(RISK_DATA, "TH", "garments_textiles", ()).high_risk
