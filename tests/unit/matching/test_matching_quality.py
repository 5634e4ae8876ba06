"""Quality of the matcher on the labelled set (tests/data/matching_pairs.csv).

A pair is predicted "same" when the decision is auto_merge or propose. The test fails
below F1 0.9; the figures are printed by bench/bench_matching.py beside a plain
fuzz.ratio baseline.
"""

from __future__ import annotations

import csv
import importlib.util
import sys
from pathlib import Path

import pytest

from screening.matching import MatchRecord, SupplierIndex, compare
from screening.matching.compare import prepare

DATA = Path(__file__).resolve().parents[2] / "data"
PAIRS = DATA / "matching_pairs.csv"


def load_rows() -> list[dict[str, str]]:
    with PAIRS.open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def side(row: dict[str, str], which: str, ref: str) -> MatchRecord:
    return MatchRecord(
        ref,
        row[f"name_{which}"],
        row[f"country_{which}"] or None,
        row[f"city_{which}"] or None,
        row[f"reg_{which}"] or None,
    )


@pytest.fixture(scope="module")
def rows() -> list[dict[str, str]]:
    return load_rows()


def test_labelled_set_is_large_and_balanced(rows: list[dict[str, str]]) -> None:
    positives = sum(r["label"] == "1" for r in rows)
    assert len(rows) >= 300
    assert 0.35 <= positives / len(rows) <= 0.65
    assert {r["country_a"] for r in rows} >= {
        "CN",
        "VN",
        "TR",
        "ID",
        "BR",
        "MX",
        "DE",
        "IN",
        "MY",
        "TH",
        "BD",
    }


def test_labelled_set_is_what_its_generator_makes(rows: list[dict[str, str]]) -> None:
    spec = importlib.util.spec_from_file_location(
        "make_matching_pairs", DATA / "make_matching_pairs.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while decorating
    try:
        spec.loader.exec_module(module)
    finally:
        del sys.modules[spec.name]
    assert module.build_rows() == rows


def test_matcher_f1_on_labelled_pairs_is_at_least_0_9(rows: list[dict[str, str]]) -> None:
    tp = fp = fn = 0
    for row in rows:
        predicted = compare(side(row, "a", "a"), side(row, "b", "b")).decision != "new"
        actual = row["label"] == "1"
        tp += predicted and actual
        fp += predicted and not actual
        fn += actual and not predicted
    precision, recall = tp / (tp + fp), tp / (tp + fn)
    f1 = 2 * precision * recall / (precision + recall)
    assert f1 >= 0.9, f"precision {precision:.3f} recall {recall:.3f} F1 {f1:.3f}"


def test_no_automatic_merge_of_different_suppliers(rows: list[dict[str, str]]) -> None:
    wrong = [
        (row["name_a"], row["name_b"])
        for row in rows
        if row["label"] == "0"
        and compare(side(row, "a", "a"), side(row, "b", "b")).decision == "auto_merge"
    ]
    assert wrong == []


def test_blocking_returns_the_true_candidate_for_positives(rows: list[dict[str, str]]) -> None:
    # Every b side of every pair is in the index, so the near-names, siblings and other
    # plants of the hard negatives compete with the true record for a candidate slot.
    index = SupplierIndex(side(row, "b", f"b{i}") for i, row in enumerate(rows))
    positives = [(i, row) for i, row in enumerate(rows) if row["label"] == "1"]
    found = 0
    for i, row in positives:
        candidates = index.candidates(prepare(side(row, "a", "q")))
        found += any(index.record(p).record.ref == f"b{i}" for p in candidates)
    recall = found / len(positives)
    assert recall >= 0.97, f"blocking recall {recall:.3f}"
