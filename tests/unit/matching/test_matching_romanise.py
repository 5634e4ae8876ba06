"""Romanisation per script and consonant skeletons."""

from __future__ import annotations

import pytest

from screening.matching import fold_text
from screening.matching.skeleton import skeleton


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        # pypinyin reads in context: 重庆 is chongqing; traditional characters read alike.
        ("重庆", "chongqing"),
        ("宏达五金制品", "hongda wujin zhipin"),
        ("宏達五金製品", "hongda wujin zhipin"),
        # 市 marks the place before it; 第二 is a number.
        ("永康市宏达", "yongkang shi hongda"),
        ("宏达第二服装厂", "hongda no 2 fuzhuang factory"),
        # Thai: legal words in English, leading vowels after their consonant.
        ("บริษัท สยาม จำกัด", "syam ltd"),
        # Arabic: legal words in English, the article dropped.
        ("شركة النور ذ.م.م", "nwr llc"),
        ("ООО Восток", "ooo vostok"),
    ],
)
def test_each_script_is_romanised_by_its_own_rules(text: str, folded: str) -> None:
    assert " ".join(fold_text(text).split()) == folded


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("paxtakor", "pakhtakor"),
        ("samarqand", "samarkand"),
        ("buxoro", "bukhara"),
        ("toshkent", "tashkent"),
        ("nwr", "noor"),
        ("syam", "siam"),
        ("kolden", "golden"),
        ("mongkhon", "mongkol"),
        ("paesifik", "pacific"),
    ],
)
def test_romanisations_of_one_word_share_a_skeleton(a: str, b: str) -> None:
    assert skeleton(a) == skeleton(b)


@pytest.mark.parametrize(
    ("a", "b"), [("hongda", "shengda"), ("brandix", "brandon"), ("vostok", "zvezda")]
)
def test_different_words_keep_different_skeletons(a: str, b: str) -> None:
    assert skeleton(a) != skeleton(b)
