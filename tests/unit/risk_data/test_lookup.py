from __future__ import annotations

import pickle

import pytest

from risk_data import (
    RiskData,
    UnknownValueError,
    find_good,
    match_good,
    resolve_country,
    resolve_sector,
)


@pytest.mark.parametrize(
    ("value", "iso2"),
    [
        ("NA", "NA"),
        ("na", "NA"),
        ("NAM", "NA"),
        ("nam", "NA"),
        ("Namibia", "NA"),
        ("DE", "DE"),
        ("deu", "DE"),
        ("Burma", "MM"),
        ("Myanmar", "MM"),
        ("MMR", "MM"),
        ("Ivory Coast", "CI"),
        ("Côte d'Ivoire", "CI"),
        ("Cote d'Ivoire", "CI"),
        ("Türkiye", "TR"),
        ("Turkey", "TR"),
        ("Viet Nam", "VN"),
        ("Vietnam", "VN"),
        ("Korea, South", "KR"),
        ("South Korea", "KR"),
        ("Korea, Republic of", "KR"),
        ("North Korea", "KP"),
        ("UAE", "AE"),
        ("PRC", "CN"),
        ("China, People's Republic of", "CN"),
        ("Kosovo", "XK"),
        ("Hong Kong S.A.R.", "HK"),
        ("Macau", "MO"),
        ("Curaçao", "CW"),
        ("Sint Maarten", "SX"),
        ("BAHAMAS, THE", "BS"),
        ("The Bahamas", "BS"),
        ("Congo, Democratic Republic of the", "CD"),
        ("DRC", "CD"),
        ("Republic of the Congo", "CG"),
        ("St. Vincent and the Grenadines", "VC"),
        ("United States of America", "US"),
        ("USA", "US"),
        ("UK", "GB"),
        ("Russian Federation", "RU"),
        ("Kyrgyz Republic", "KG"),
        ("  eswatini ", "SZ"),
    ],
)
def test_countries_resolve_by_code_and_common_spellings(
    data: RiskData, value: str, iso2: str
) -> None:
    assert resolve_country(value, data).iso2 == iso2


def test_na_is_namibia_not_a_missing_value(data: RiskData) -> None:
    namibia = resolve_country("NA", data)
    assert namibia.name == "Namibia"
    assert namibia.tip_tier == "tier_2"


def test_a_valid_iso_country_without_source_data_has_no_tier(data: RiskData) -> None:
    monaco = resolve_country("Monaco", data)
    assert (monaco.iso2, monaco.tip_tier, monaco.citations) == ("MC", None, ())
    assert resolve_country("AQ", data).name == "Antarctica"


def test_an_ambiguous_or_misspelt_country_is_refused_with_suggestions(data: RiskData) -> None:
    with pytest.raises(UnknownValueError) as caught:
        resolve_country("Nigera", data)
    assert caught.value.field == "country"
    assert "Nigeria (NG)" in caught.value.suggestions
    assert "Nigeria (NG)" in str(caught.value)
    with pytest.raises(UnknownValueError) as korea:
        resolve_country("Korea", data)
    assert {"South Korea (KR)", "North Korea (KP)"} <= set(korea.value.suggestions)


def test_unknown_value_error_survives_pickling_for_background_jobs() -> None:
    error = pickle.loads(pickle.dumps(UnknownValueError("country", "X", ("Y",))))  # noqa: S301 - our own bytes
    assert (error.field, error.value, error.suggestions) == ("country", "X", ("Y",))


@pytest.mark.parametrize(
    ("value", "code"),
    [
        ("apparel", "garments_textiles"),
        ("Textile", "garments_textiles"),
        ("seafood", "fishing_seafood"),
        ("fishing", "fishing_seafood"),
        ("bricks", "brick_kilns"),
        ("mining", "mining_quarrying"),
        ("garments_textiles", "garments_textiles"),
        ("Domestic work", "domestic_work"),
        ("Garment factory", "garments_textiles"),
        ("Seafood processing plant", "fishing_seafood"),
        ("Hotels & restaurants", "hospitality"),
        ("Agricultura", "agriculture"),
        ("warehouse", "logistics"),
    ],
)
def test_sectors_resolve_by_code_name_and_synonym(data: RiskData, value: str, code: str) -> None:
    assert resolve_sector(value, data).sector.code == code


def test_exact_sector_matches_are_sure_and_fuzzy_ones_say_so(data: RiskData) -> None:
    assert resolve_sector("apparel", data).confidence == 1.0
    fuzzy = resolve_sector("agricutlure", data)
    assert fuzzy.sector.code == "agriculture"
    assert 0.5 < fuzzy.confidence < 0.9


def test_unknown_sector_names_accepted_codes(data: RiskData) -> None:
    with pytest.raises(UnknownValueError) as caught:
        resolve_sector("aerospace", data)
    assert caught.value.field == "sector"
    assert set(caught.value.suggestions) <= set(data.sectors)
    assert caught.value.suggestions


def test_goods_match_ilab_names_aliases_and_plurals(data: RiskData) -> None:
    assert match_good("cocoa", data).name == "Cocoa"
    assert match_good("Cocoa beans", data, country="GH").name == "Cocoa"
    assert match_good("brick", data).name == "Bricks"
    assert match_good("coltan", data).name == "Tantalum ore (coltan)"
    assert match_good("solar panels", data, country="CN").name == "Solar Modules"


def test_good_match_carries_the_country_rows_with_flags(data: RiskData) -> None:
    garments = match_good("Garments", data, country="China")
    assert [(g.country_iso2, g.forced_labour) for g in garments.goods] == [("CN", True)]
    assert garments.listed
    cocoa_in_japan = match_good("cocoa", data, country="JP")
    assert cocoa_in_japan.name == "Cocoa" and not cocoa_in_japan.listed


def test_misspelt_good_is_a_fuzzy_match_with_lower_confidence(data: RiskData) -> None:
    coffee = match_good("cofee", data)
    assert coffee.name == "Coffee"
    assert coffee.confidence < 0.9


def test_a_product_not_on_the_list_raises_or_returns_none(data: RiskData) -> None:
    assert find_good("widgets", data) is None
    with pytest.raises(UnknownValueError) as caught:
        match_good("widgets", data)
    assert caught.value.field == "good"
    assert caught.value.suggestions


@pytest.mark.parametrize(
    ("value", "iso2"),
    [
        ("Deutschland", "DE"),
        ("Allemagne", "DE"),
        ("Alemania", "DE"),
        ("Brasil", "BR"),
        ("Türkiye", "TR"),
        ("Viet Nam", "VN"),
        ("Việt Nam", "VN"),
        ("Indonésie", "ID"),
        ("Bangladesch", "BD"),
        ("中国", "CN"),
    ],
)
def test_country_names_in_other_languages_resolve(data: RiskData, value: str, iso2: str) -> None:
    assert resolve_country(value, data).iso2 == iso2


@pytest.mark.parametrize(
    ("product", "country", "good"),
    [
        ("gloves", "MY", "Rubber Gloves"),
        ("gloves", None, "Rubber Gloves"),
        ("latex gloves", None, "Rubber Gloves"),
        ("Examination Gloves", "MY", "Rubber Gloves"),
        ("palm oil", "MY", "Palm Fruit"),
        ("tomato paste", "CN", "Tomato Products"),
        ("solar wafers", "CN", "Photovoltaic Wafers"),
    ],
)
def test_product_wording_reaches_the_ilab_good(
    data: RiskData, product: str, country: str | None, good: str
) -> None:
    found = find_good(product, data, country=country)
    assert found is not None and found.name == good and found.listed


def test_gloves_from_china_are_the_gloves_ilab_lists_there(data: RiskData) -> None:
    found = find_good("gloves", data, country="CN")
    assert found is not None and found.name == "Gloves" and found.listed


def test_solar_wafers_carry_their_polysilicon_input(data: RiskData) -> None:
    found = find_good("solar wafers", data, country="CN")
    assert found is not None
    assert [(i.input_good, i.input_country_iso2) for i in found.inputs] == [("Polysilicon", "CN")]


def test_hs_codes_name_the_good(data: RiskData) -> None:
    by_text = find_good("4015.19", data)
    assert by_text is not None and by_text.name == "Rubber Gloves"
    by_code = find_good("nitrile exam items", data, country="MY", hs_code="401519")
    assert by_code is not None and by_code.name == "Rubber Gloves"
    assert by_code.matched == "HS 401519"
    assert find_good("nitrile exam items", data, country="MY") is None
