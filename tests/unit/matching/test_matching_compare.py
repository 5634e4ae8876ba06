"""Pairwise comparison: the evidence rules and their explanations."""

from __future__ import annotations

import pytest

from screening.matching import ALGORITHM_VERSION, MatchRecord, compare


def record(
    name: str,
    country: str | None = "BD",
    city: str | None = "Dhaka",
    reg: str | None = None,
    ref: str = "x",
) -> MatchRecord:
    return MatchRecord(ref, name, country, city, reg)


def feature(comparison, name):
    return next(f for f in comparison.features if f.name == name)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Rahman Garments Factory No. 2", "Rahman Garments Factory No. 3"),
        ("Rahman Garments Plant 1", "Rahman Garments Plant 2"),
        ("Rahman Garments Unit II", "Rahman Garments Unit III"),
        ("Maquiladora Santa Fe Planta 2", "Maquiladora Santa Fe Planta 3"),
    ],
)
def test_numbers_must_agree(a: str, b: str) -> None:
    comparison = compare(record(a), record(b))
    assert comparison.decision == "new"
    assert feature(comparison, "numbers").outcome == "disagree"
    assert feature(comparison, "numbers").contribution < 0


def test_a_number_on_one_side_is_never_merged_automatically() -> None:
    comparison = compare(record("Rahman Garments Ltd"), record("Rahman Garments Unit 2 Ltd"))
    assert comparison.decision != "auto_merge"
    assert feature(comparison, "numbers").outcome == "partial"


def test_same_number_agrees() -> None:
    comparison = compare(record("Rahman Garments Unit 2"), record("Rahman Garments Unit-02 Ltd"))
    assert comparison.decision == "auto_merge"


def test_different_countries_block_a_match() -> None:
    comparison = compare(record("Golden Textile Ltd", "BD"), record("Golden Textile Ltd", "IN"))
    assert comparison.decision == "new"
    assert feature(comparison, "country").outcome == "disagree"


def test_another_city_is_another_site() -> None:
    comparison = compare(
        record("Golden Textile Ltd", city="Dhaka"), record("Golden Textile Ltd", city="Chittagong")
    )
    assert comparison.decision == "new"
    assert feature(comparison, "city").outcome == "disagree"


def test_identical_registration_number_is_strong_evidence() -> None:
    comparison = compare(
        record("Dhaka Knit Composite Ltd", reg="C-45678/2006"),
        record("DKC Knitting Composite", reg="C 45678 2006"),
    )
    assert feature(comparison, "registration_number").outcome == "agree"
    assert comparison.decision != "new"


def test_conflicting_registration_numbers_are_strong_negative() -> None:
    comparison = compare(
        record("Dhaka Knit Composite Ltd", reg="C-45678/2006"),
        record("Dhaka Knit Composite Ltd", reg="C-45999/2011"),
    )
    assert comparison.decision == "new"
    assert feature(comparison, "registration_number").contribution < -0.3


def test_a_typo_in_a_distinctive_word_is_proposed_not_merged() -> None:
    comparison = compare(
        record("Huaqiang Textile Co Ltd", "CN", "Shenzhen"),
        record("Huaqaing Textile Co Ltd", "CN", "Shenzhen"),
    )
    assert comparison.decision == "propose"


def test_legal_form_variants_are_merged() -> None:
    comparison = compare(
        record("Shenzhen Huaqiang Textile Co., Ltd.", "CN", "Shenzhen"),
        record("SHENZHEN HUAQIANG TEXTILE COMPANY LIMITED", "CN", "Shenzhen"),
    )
    assert comparison.decision == "auto_merge"
    assert comparison.score == 1.0


def test_chinese_characters_match_their_pinyin() -> None:
    comparison = compare(
        record("深圳市华强纺织有限公司", "CN", "深圳"),
        record("Shenzhen Huaqiang Textile Co., Ltd.", "CN", "Shenzhen"),
    )
    assert comparison.decision != "new"


def test_every_result_explains_itself_and_adds_up() -> None:
    comparison = compare(
        record("Golden Textile Ltd", reg="C-1"),
        record("Golden Textiles Trading Ltd", city="Savar", reg="C-2"),
    )
    names = {f.name for f in comparison.features}
    assert {"name", "country", "city", "registration_number"} <= names
    assert all(f.detail for f in comparison.features)
    assert sum(f.contribution for f in comparison.features) == pytest.approx(
        comparison.score, abs=1e-3
    )
    assert 0.0 <= comparison.score <= 1.0


def test_scores_are_symmetric_enough_to_dedupe_either_way() -> None:
    a, b = record("Om Sai Garments Pvt Ltd"), record("Om Sai Garment")
    assert compare(a, b).score == pytest.approx(compare(b, a).score)


def test_algorithm_version_is_named() -> None:
    assert ALGORITHM_VERSION.startswith("flrisk-match-")


def test_a_word_written_twice_is_not_two_of_the_other_names_words() -> None:
    # "Phatphat" splits into "phat" + "phat"; the other name has one "phat" (this raised).
    comparison = compare(
        MatchRecord("a", "Phatphat Packaging Co., Ltd.", "VN", "Binh Duong"),
        MatchRecord("b", "An Phat Packaging Co., Ltd.", "VN", "Ca Mau"),
    )
    assert comparison.decision == "new"


def test_names_of_industry_words_only_are_never_merged_automatically() -> None:
    comparison = compare(
        MatchRecord("a", "Hazır Giyim Sanayi ve Ticaret A.Ş.", "TR", "Istanbul"),
        MatchRecord("b", "Ready-to-Wear Industry and Trade Inc.", "TR", "Istanbul"),
    )
    assert comparison.features[0].query == comparison.features[0].candidate == "garment"
    assert comparison.decision == "propose"
