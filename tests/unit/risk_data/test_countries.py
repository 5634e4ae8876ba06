"""TIP 2023 placements, CSPA and state-sponsored lists, ILAB levels, conflict (seed 004)."""

from __future__ import annotations

from collections import Counter

import pycountry
import pytest

from risk_data import RiskData

# Sizes of each placement printed in the TIP Report 2023 (seed 004 L1086-L1143).
TIER_SIZES = {"tier_1": 30, "tier_2": 105, "tier_2_watch_list": 26, "tier_3": 24, "special_case": 3}


def test_every_tier_has_the_number_of_countries_the_report_places(data: RiskData) -> None:
    counts = Counter(c.tip_tier for c in data.countries.values() if c.tip_tier)
    assert dict(counts) == TIER_SIZES
    assert sum(counts.values()) == 188


@pytest.mark.parametrize(
    ("iso2", "tip_name", "tier", "locator"),
    [
        ("US", "UNITED STATES OF AMERICA", "tier_1", "L1091-L1092"),
        ("BA", "BOSNIA AND HERZEGOVINA", "tier_2", "L1111-L1112"),
        ("CD", "CONGO, DEMOCRATIC REPUBLIC OF THE", "tier_2", "L1120-L1121"),
        ("FM", "MICRONESIA, FEDERATED STATES OF", "tier_2", "L1115-L1116"),
        ("VC", "ST. VINCENT AND THE GRENADINES", "tier_2", "L1101-L1102"),
        ("CN", "CHINA, PEOPLE'S REPUBLIC OF", "tier_3", "L1134-L1135"),
        ("KP", "KOREA, DEMOCRATIC PEOPLE'S REPUBLIC OF", "tier_3", "L1137-L1138"),
    ],
)
def test_names_wrapped_across_lines_are_joined_in_their_column(
    data: RiskData, iso2: str, tip_name: str, tier: str, locator: str
) -> None:
    country = data.countries[iso2]
    assert country.tip_name == tip_name
    assert country.tip_tier == tier
    assert country.citations[0].locator == locator


@pytest.mark.parametrize(
    ("iso2", "tier"),
    [
        ("XK", "tier_2"),
        ("TW", "tier_1"),
        ("HK", "tier_2"),
        ("MO", "tier_3"),
        ("CW", "tier_3"),
        ("SX", "tier_3"),
        ("MM", "tier_3"),
        ("AW", "tier_2"),
        ("NA", "tier_2"),
        ("LY", "special_case"),
        ("SO", "special_case"),
        ("YE", "special_case"),
        ("CI", "tier_2"),
        ("TR", "tier_2"),
        ("BS", "tier_1"),
        ("CZ", "tier_1"),
        ("VN", "tier_2_watch_list"),
        ("CG", "tier_2_watch_list"),
    ],
)
def test_territories_and_unusual_names_get_their_iso_code(
    data: RiskData, iso2: str, tier: str
) -> None:
    assert data.countries[iso2].tip_tier == tier


def test_every_country_code_is_iso_3166_alpha_2(data: RiskData) -> None:
    for code, country in data.countries.items():
        assert code == country.iso2
        assert code == "XK" or pycountry.countries.get(alpha_2=code) is not None


def test_cspa_list_has_the_17_governments_of_2023(data: RiskData) -> None:
    listed = {c.iso2 for c in data.countries.values() if c.cspa_listed}
    assert listed == {
        "AF",
        "MM",
        "CF",
        "CD",
        "EG",
        "ER",
        "IR",
        "LY",
        "ML",
        "RU",
        "RW",
        "SO",
        "SS",
        "SY",
        "TR",
        "VE",
        "YE",
    }


def test_policy_or_pattern_list_has_the_11_governments_of_2023(data: RiskData) -> None:
    listed = {c.iso2 for c in data.countries.values() if c.state_sponsored_trafficking}
    assert listed == {"AF", "MM", "CN", "CU", "ER", "IR", "KP", "RU", "SS", "SY", "TM"}


def test_ilab_advancement_level_comes_from_countries_xml(data: RiskData) -> None:
    assert data.countries["AF"].ilab_advancement_level == "No Advancement"
    assert data.countries["NA"].ilab_advancement_level == "Minimal Advancement"
    assert data.countries["US"].ilab_advancement_level is None


def test_ilab_only_territories_are_listed_without_a_tier(data: RiskData) -> None:
    anguilla = data.countries["AI"]
    assert anguilla.tip_tier is None
    assert anguilla.ilab_name == "Anguilla"


def test_conflict_affected_only_where_a_seed_line_is_cited(data: RiskData) -> None:
    affected = {c.iso2 for c in data.countries.values() if c.conflict_affected}
    assert {"CD", "SY", "YE", "SD", "MM", "UA"} <= affected
    assert "CI" not in affected  # named post-conflict, not conflict, at seed 003 L790
    for code in affected:
        seeds = [
            c for c in data.countries[code].citations if c.source.startswith(("unodc", "us_tip"))
        ]
        assert seeds, code


def test_every_country_row_is_cited(data: RiskData) -> None:
    assert all(country.citations for country in data.countries.values())
