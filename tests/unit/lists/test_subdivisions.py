"""Region text to ISO 3166-2 subdivisions (pycountry), never by a guess."""

from __future__ import annotations

import pytest

from risk_data.errors import UnknownValueError
from risk_data.subdivisions import resolve_subdivision, subdivision_by_code


@pytest.mark.parametrize(
    "text",
    [
        "Xinjiang",
        "CN-XJ",
        "cn-xj",
        "XJ",
        "Xinjiang Uygur Zizhiqu",
        "Xinjiang Uyghur Autonomous Region",
        "XUAR",
        "新疆",
        "新疆维吾尔自治区",
    ],
)
def test_the_ways_people_write_xinjiang_resolve_to_cn_xj(text: str) -> None:
    found = resolve_subdivision(text, "CN")
    assert found is not None and found.code == "CN-XJ"


def test_provinces_resolve_without_their_kind_word() -> None:
    assert resolve_subdivision("Jiangsu Province", "CN").code == "CN-JS"  # type: ignore[union-attr]
    assert resolve_subdivision("Jiangsu Sheng", "CN").code == "CN-JS"  # type: ignore[union-attr]


def test_french_compass_words_read_as_english() -> None:
    assert resolve_subdivision("North Kivu", "CD").code == "CD-NK"  # type: ignore[union-attr]
    assert resolve_subdivision("Nord-Kivu", "CD").code == "CD-NK"  # type: ignore[union-attr]


def test_accents_are_folded() -> None:
    assert resolve_subdivision("Para", "BR").code == "BR-PA"  # type: ignore[union-attr]


@pytest.mark.parametrize(("text", "country"), [("brick kilns", "KH"), ("Amazon", "BR"), ("", "CN")])
def test_a_region_that_is_no_subdivision_stays_unresolved(text: str, country: str) -> None:
    assert resolve_subdivision(text, country) is None


def test_a_subdivision_of_another_country_is_not_taken() -> None:
    assert resolve_subdivision("CN-XJ", "VN") is None
    with pytest.raises(UnknownValueError) as raised:
        subdivision_by_code("CN-XJ", "VN")
    assert raised.value.suggestions and all(s.startswith("VN-") for s in raised.value.suggestions)


def test_a_misspelt_name_is_not_guessed() -> None:
    assert resolve_subdivision("Xinjang", "CN") is None
