"""The matcher across scripts, languages, acronyms and abbreviations.

The labelled pairs come from ``tests/generators/matching_pairs.py`` (written apart from the
matcher). Thresholds were chosen on its ``tune`` split; the ``held_out`` split guards the
figures ``bench/bench_matching_quality.py`` reports.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from screening.matching import MatchRecord, compare, normalise_name
from tests.generators.matching_pairs import (
    NEGATIVE_KINDS,
    POSITIVE_KINDS,
    LabelledPair,
    build_pairs,
)

CSV = Path(__file__).resolve().parents[2] / "data" / "matching_pairs_multilingual.csv"


@pytest.fixture(scope="module")
def pairs() -> list[LabelledPair]:
    return build_pairs()


def _decision(pair: LabelledPair) -> str:
    a, b = pair.a, pair.b
    return compare(
        MatchRecord("a", a.name, a.country, a.city, a.reg),
        MatchRecord("b", b.name, b.country, b.city, b.reg),
    ).decision


def test_the_committed_csv_is_what_the_generator_makes(pairs: list[LabelledPair]) -> None:
    with CSV.open(encoding="utf-8") as handle:
        assert list(csv.DictReader(handle)) == [p.row() for p in pairs]


def test_the_set_is_large_covers_every_kind_and_splits_by_family(
    pairs: list[LabelledPair],
) -> None:
    assert len(pairs) >= 800
    for split in ("tune", "held_out"):
        kinds = {p.kind for p in pairs if p.split == split}
        assert kinds >= set(POSITIVE_KINDS) | set(NEGATIVE_KINDS), split
    tune = {p.family for p in pairs if p.split == "tune"}
    held = {p.family for p in pairs if p.split == "held_out"}
    assert not tune & held
    assert 0.3 <= len(held) / (len(tune) + len(held)) <= 0.5


def test_held_out_f1_is_at_least_0_9_with_no_wrong_automatic_merge(
    pairs: list[LabelledPair],
) -> None:
    held = [(p, _decision(p)) for p in pairs if p.split == "held_out"]
    tp = sum(p.label == 1 and d != "new" for p, d in held)
    fp = sum(p.label == 0 and d != "new" for p, d in held)
    fn = sum(p.label == 1 and d == "new" for p, d in held)
    precision, recall = tp / (tp + fp), tp / (tp + fn)
    f1 = 2 * precision * recall / (precision + recall)
    assert f1 >= 0.9, f"held-out precision {precision:.3f} recall {recall:.3f} F1 {f1:.3f}"
    wrong = [(p.kind, p.a.name, p.b.name) for p, d in held if p.label == 0 and d == "auto_merge"]
    assert wrong == []


def test_every_hard_negative_kind_is_mostly_kept_apart(pairs: list[LabelledPair]) -> None:
    for kind in ("sibling", "trading_arm", "number", "other_city", "other_country"):
        chosen = [p for p in pairs if p.kind == kind]
        kept = sum(_decision(p) == "new" for p in chosen) / len(chosen)
        assert kept >= 0.95, f"{kind}: {kept:.2f} kept apart"


def record(name: str, country: str | None = "CN", city: str | None = None) -> MatchRecord:
    return MatchRecord(name, name, country, city)


@pytest.mark.parametrize(
    "other",
    [
        "Yongkang Shi Hongda Wujin Zhipin Youxian Gongsi",
        "Yongkang Hongda Hardware Products Co., Ltd.",
        "永康市宏達五金製品有限公司",
    ],
)
def test_one_factory_in_characters_pinyin_and_english(other: str) -> None:
    comparison = compare(record("永康市宏达五金制品有限公司"), record(other))
    assert comparison.decision != "new", comparison.features[0].detail


def test_characters_and_pinyin_read_the_same_words() -> None:
    keys = {
        normalise_name(name).key
        for name in (
            "永康市宏达五金制品有限公司",
            "永康市宏達五金製品有限公司",
            "Yongkang Shi Hongda Wujin Zhipin Youxian Gongsi",
            "Yongkang Hongda Hardware Products Co., Ltd.",
        )
    }
    assert keys == {"yongkang hongda hardware product"}


def test_another_brand_in_characters_is_another_firm() -> None:
    comparison = compare(
        record("青岛市宏达皮革有限公司", city="青岛"),
        record("Shengda Leather Co., Ltd.", city="Qingdao"),
    )
    assert comparison.decision == "new"


def test_chinese_plant_numbers_differ() -> None:
    comparison = compare(
        record("青岛市宏达第二皮革厂", city="青岛"),
        record("Hongda No. 3 Leather Factory", city="Qingdao"),
    )
    assert comparison.decision == "new"
    assert any(f.name == "numbers" and f.outcome == "disagree" for f in comparison.features)


@pytest.mark.parametrize(
    ("a", "b", "country", "city"),
    [
        ("บริษัท สยามสิ่งทอ จำกัด", "Siam Textile Co., Ltd.", "TH", "Bangkok"),
        ("شركة النور للنسيج ذ.م.م", "Al Noor Textile LLC", "AE", "Dubai"),
        ("ООО «Восток Текстиль»", "Vostok Textile LLC", "RU", "Ivanovo"),
        ('"Пахтакор Пахта" МЧЖ', "Pakhtakor Cotton LLC", "UZ", "Toshkent"),
        ('"Paxtakor Paxta" MChJ', "Pakhtakor Cotton LLC", "UZ", "Tashkent"),
        (
            "Công ty TNHH Chế biến Thủy sản Minh Phú",
            "Minh Phu Seafood Processing Co., Ltd.",
            "VN",
            "Ca Mau",
        ),
        (
            "Yıldız Hazır Giyim Sanayi ve Ticaret A.Ş.",
            "Yildiz Ready-to-Wear Industry and Trade Inc.",
            "TR",
            "Istanbul",
        ),
    ],
)
def test_scripts_and_translations_are_proposed_at_least(
    a: str, b: str, country: str, city: str
) -> None:
    comparison = compare(record(a, country, city), record(b, country, city))
    assert comparison.decision != "new", comparison.features[0].detail


def test_a_romanised_brand_alone_is_never_an_automatic_merge() -> None:
    comparison = compare(
        record("شركة النور للنسيج ذ.م.م", "AE", "Dubai"),
        record("Al Noor Textile LLC", "AE", "Dubai"),
    )
    assert comparison.decision == "propose"


def test_trading_arm_is_another_entity() -> None:
    comparison = compare(
        record("Minh Phu Seafood Processing Co., Ltd.", "VN", "Ca Mau"),
        record("Minh Phu Seafood Trading Co., Ltd.", "VN", "Ca Mau"),
    )
    assert comparison.decision == "new"
    role = next(f for f in comparison.features if f.name == "entity_role")
    assert role.outcome == "disagree"


def test_sibling_in_another_trade_is_another_entity() -> None:
    comparison = compare(
        record("Công ty TNHH Điện tử Minh Phú", "VN", "Can Tho"),
        record("Minh Phu Packaging Co., Ltd.", "VN", "Can Tho"),
    )
    assert comparison.decision == "new"


def test_acronym_needs_the_same_country_and_city() -> None:
    full = record("Tirupur Lakshmi Knitting Mills Ltd.", "IN", "Tirupur")
    assert compare(full, record("TLKM Ltd", "IN", "Tirupur")).decision == "propose"
    assert compare(full, record("T.L.K.M. Ltd", "IN", "Tirupur")).decision == "propose"
    assert compare(full, record("TLKM Ltd", "IN", "Chennai")).decision == "new"
    assert compare(full, record("TLKM Ltd", "IN", None)).decision == "new"


@pytest.mark.parametrize(
    ("full", "short"),
    [
        ("Al Rashid General Contracting Company", "Al Rashid Gen. Contg. Co."),
        ("Cooperativa Agraria Valle Sagrado", "Coop. Agr. Valle Sagrado"),
        ("Mohammed Al Futtaim Trading Establishment", "Mohd. Al Futtaim Trdg. Est."),
        ("Muhammad Yunus Textiles and Clothing", "Md. Yunus T&C"),
    ],
)
def test_abbreviations_in_several_languages(full: str, short: str) -> None:
    comparison = compare(record(full, "AE", "Dubai"), record(short, "AE", "Dubai"))
    assert comparison.decision != "new", comparison.features[0].detail


def test_a_cooperative_known_by_its_initials() -> None:
    full = record("Kilimanjaro Native Cooperative Union Ltd", "TZ", "Moshi")
    assert compare(full, record("KNCU Ltd", "TZ", "Moshi")).decision == "propose"
    assert compare(full, record("K.N.C.U. Ltd", "TZ", "Moshi")).decision == "propose"
    assert compare(full, record("KNCU Ltd", "TZ", "Arusha")).decision == "new"


def test_the_turkish_legal_and_trade_words_read_as_their_translation() -> None:
    keys = {
        normalise_name(name).key
        for name in (
            "Hazır Giyim Sanayi ve Ticaret A.Ş.",
            "Hazir Giyim San. ve Tic. A.S.",
            "Ready-to-Wear Industry and Trade Inc.",
        )
    }
    assert keys == {"garment"}
