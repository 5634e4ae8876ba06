"""Matching quality across scripts and languages: thresholds by cross-validation, held-out scores.

Run: .venv/bin/python bench/bench_matching_quality.py
Prints Markdown tables and writes bench/results/matching_quality.json. ``run()`` returns the dict.

Data: ``tests/generators/matching_pairs.py`` (written apart from the matcher) labels about
1,400 pairs of 18 kinds; its split is fixed by brand family. The ``tune`` split and the
older hand-and-generator set ``tests/data/matching_pairs.csv`` are the only pairs that
choose anything; the ``held_out`` split is scored once, with the thresholds in force.

Calibration, on the tuning pairs only:

* 5-fold cross-validation by family: in each fold PROPOSE is the threshold with the best
  F1 on the other four folds, AUTO_MERGE the lowest with no wrong automatic merge on them
  plus a margin; the fold's own pairs score those choices. The mean of the five fold
  scores is the honest estimate of what tuning buys.
* The same rule on all tuning pairs gives the recommended thresholds, printed beside the
  ones in ``screening/matching/thresholds.py``.

A pair counts as matched when the decision is ``auto_merge`` or ``propose`` (a proposal goes
to a person); the auto-merge figures count ``auto_merge`` alone.
"""

from __future__ import annotations

import csv
import hashlib
import json
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from screening.matching import (  # noqa: E402
    ALGORITHM_VERSION,
    AUTO_MERGE_THRESHOLD,
    PROPOSE_THRESHOLD,
    MatchRecord,
    compare,
)
from tests.generators.matching_pairs import (  # noqa: E402
    NEGATIVE_KINDS,
    POSITIVE_KINDS,
    LabelledPair,
    Side,
    build_pairs,
)

LEGACY = ROOT / "tests" / "data" / "matching_pairs.csv"
RESULTS = ROOT / "bench" / "results" / "matching_quality.json"
FOLDS = 5
GRID = [step / 100 for step in range(50, 100)]
AUTO_MARGIN = 0.02


@dataclass(frozen=True, slots=True)
class Scored:
    kind: str
    lang: str
    family: str
    split: str
    label: bool
    score: float
    decision: str
    auto_eligible: bool  # no conflicting or doubtful feature: only the score stands in the way


def _record(side: Side, ref: str) -> MatchRecord:
    return MatchRecord(ref, side.name, side.country, side.city, side.reg)


def _legacy_pairs() -> list[LabelledPair]:
    with LEGACY.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    pairs = []
    for i, row in enumerate(rows):

        def side(which: str, row: dict[str, str] = row) -> Side:
            return Side(
                row[f"name_{which}"],
                row[f"country_{which}"] or None,
                row[f"city_{which}"] or None,
                row[f"reg_{which}"] or None,
            )

        pairs.append(
            LabelledPair(
                f"legacy{i}",
                "legacy",
                "mixed",
                f"legacy:{i}",
                "tune",
                int(row["label"]),
                side("a"),
                side("b"),
            )
        )
    return pairs


def score_pairs(pairs: list[LabelledPair]) -> list[Scored]:
    scored = []
    for pair in pairs:
        comparison = compare(_record(pair.a, "a"), _record(pair.b, "b"))
        eligible = not any(
            (f.outcome == "disagree" and f.name in ("numbers", "country", "registration_number"))
            or (f.name in ("name", "numbers") and f.outcome != "agree")
            or (f.name == "entity_role" and f.outcome != "agree")
            for f in comparison.features
        )
        scored.append(
            Scored(
                pair.kind,
                pair.lang,
                pair.family,
                pair.split,
                bool(pair.label),
                comparison.score,
                comparison.decision,
                eligible,
            )
        )
    return scored


def prf(predicted: list[bool], truth: list[bool]) -> dict[str, float]:
    tp = sum(p and t for p, t in zip(predicted, truth, strict=True))
    fp = sum(p and not t for p, t in zip(predicted, truth, strict=True))
    fn = sum(t and not p for p, t in zip(predicted, truth, strict=True))
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "precision": round(precision, 4),
        "recall": round(recall, 4),
        "f1": round(f1, 4),
        "tp": tp,
        "fp": fp,
        "fn": fn,
    }


def choose(rows: list[Scored]) -> tuple[float, float]:
    """PROPOSE with the best F1 (ties: the middle of the best run), AUTO_MERGE the lowest
    threshold with no wrong automatic merge, plus a margin."""
    truth = [r.label for r in rows]
    f1s = [prf([r.score >= p for r in rows], truth)["f1"] for p in GRID]
    best = max(f1s)
    run = [p for p, f in zip(GRID, f1s, strict=True) if f >= best - 1e-9]
    propose = run[len(run) // 2]
    auto = 1.0
    for a in GRID:
        if not any(r.auto_eligible and r.score >= a and not r.label for r in rows):
            auto = a
            break
    return propose, min(1.0, round(max(auto, propose) + AUTO_MARGIN, 2))


def evaluate(rows: list[Scored], propose: float, auto: float) -> dict[str, Any]:
    truth = [r.label for r in rows]
    matched = prf([r.score >= propose for r in rows], truth)
    merged = [r.auto_eligible and r.score >= auto for r in rows]
    return {
        **matched,
        "auto_merge": prf(merged, truth),
        "wrong_auto_merges": sum(m and not t for m, t in zip(merged, truth, strict=True)),
    }


def _fold(family: str) -> int:
    return int(hashlib.sha256(family.encode()).hexdigest()[:8], 16) % FOLDS


def cross_validate(rows: list[Scored]) -> dict[str, Any]:
    folds = []
    for k in range(FOLDS):
        train = [r for r in rows if _fold(r.family) != k]
        test = [r for r in rows if _fold(r.family) == k]
        propose, auto = choose(train)
        result = evaluate(test, propose, auto)
        folds.append(
            {
                "propose": propose,
                "auto_merge": auto,
                "f1": result["f1"],
                "wrong_auto_merges": result["wrong_auto_merges"],
            }
        )
    return {
        "folds": folds,
        "mean_f1": round(sum(f["f1"] for f in folds) / FOLDS, 4),
        "wrong_auto_merges": sum(f["wrong_auto_merges"] for f in folds),
    }


def by_kind(rows: list[Scored]) -> dict[str, dict[str, Any]]:
    """Per kind: recall (positives) or the share kept apart (negatives), with counts."""
    table: dict[str, dict[str, Any]] = {}
    for kind in (*POSITIVE_KINDS, *NEGATIVE_KINDS):
        chosen = [r for r in rows if r.kind == kind]
        if not chosen:
            continue
        matched = sum(r.decision != "new" for r in chosen)
        merged = sum(r.decision == "auto_merge" for r in chosen)
        if kind in POSITIVE_KINDS:
            table[kind] = {
                "pairs": len(chosen),
                "recall": round(matched / len(chosen), 4),
                "auto_merge_recall": round(merged / len(chosen), 4),
            }
        else:
            table[kind] = {
                "pairs": len(chosen),
                "kept_apart": round(1 - matched / len(chosen), 4),
                "proposed": matched - merged,
                "wrong_auto_merges": merged,
            }
    return table


def by_lang(rows: list[Scored]) -> dict[str, dict[str, float]]:
    table = {}
    for lang in sorted({r.lang for r in rows}):
        chosen = [r for r in rows if r.lang == lang]
        table[lang] = {
            "pairs": len(chosen),
            **prf([r.decision != "new" for r in chosen], [r.label for r in chosen]),
        }
    return table


def run() -> dict[str, Any]:
    generated = build_pairs()
    scored = score_pairs(generated + _legacy_pairs())
    tune = [r for r in scored if r.split == "tune"]
    held = [r for r in scored if r.split == "held_out"]
    in_sample = [r for r in tune if r.kind != "legacy"]
    recommended = choose(tune)

    def decided(rows: list[Scored]) -> dict[str, Any]:
        truth = [r.label for r in rows]
        return {
            **prf([r.decision != "new" for r in rows], truth),
            "auto_merge": prf([r.decision == "auto_merge" for r in rows], truth),
            "wrong_auto_merges": sum(r.decision == "auto_merge" and not r.label for r in rows),
        }

    result = {
        "algorithm": ALGORITHM_VERSION,
        "pairs": {
            "generated": len(generated),
            "tune": sum(r.kind != "legacy" for r in tune),
            "legacy_tune": sum(r.kind == "legacy" for r in tune),
            "held_out": len(held),
        },
        "thresholds_in_force": {"propose": PROPOSE_THRESHOLD, "auto_merge": AUTO_MERGE_THRESHOLD},
        "thresholds_recommended": {"propose": recommended[0], "auto_merge": recommended[1]},
        "cross_validation": cross_validate(tune),
        "in_sample": decided(in_sample),
        "held_out": decided(held),
        "kinds_in_sample": by_kind(in_sample),
        "kinds_held_out": by_kind(held),
        "langs_held_out": by_lang(held),
    }
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    return result


def _markdown(result: dict[str, Any]) -> str:
    ins, held, cv = result["in_sample"], result["held_out"], result["cross_validation"]
    force, rec = result["thresholds_in_force"], result["thresholds_recommended"]
    lines = [
        f"### Matching quality across scripts ({result['algorithm']})",
        "",
        f"Pairs: {result['pairs']['generated']} generated ({result['pairs']['tune']} tune, "
        f"{result['pairs']['held_out']} held out) + {result['pairs']['legacy_tune']} older "
        "pairs used for tuning only.",
        f"Thresholds in force: propose {force['propose']}, auto-merge {force['auto_merge']}; "
        f"chosen on the tuning pairs: propose {rec['propose']}, auto-merge {rec['auto_merge']}. "
        f"5-fold CV F1 {cv['mean_f1']} (wrong auto-merges across folds: "
        f"{cv['wrong_auto_merges']}).",
        "",
        "| set | precision | recall | F1 | auto-merge P / R / F1 | wrong auto-merges |",
        "|---|---|---|---|---|---|",
    ]
    for label, m in (("tune (in-sample)", ins), ("held out", held)):
        a = m["auto_merge"]
        lines.append(
            f"| {label} | {m['precision']} | {m['recall']} | {m['f1']} | "
            f"{a['precision']} / {a['recall']} / {a['f1']} | {m['wrong_auto_merges']} |"
        )
    lines += [
        "",
        "| kind | pairs (tune / held out) | in-sample | held out | held-out auto-merge |",
        "|---|---|---|---|---|",
    ]
    kin, kout = result["kinds_in_sample"], result["kinds_held_out"]
    for kind in (*POSITIVE_KINDS, *NEGATIVE_KINDS):
        a, b = kin.get(kind), kout.get(kind)
        if a is None and b is None:
            continue
        key = "recall" if kind in POSITIVE_KINDS else "kept_apart"
        label = "recall" if kind in POSITIVE_KINDS else "kept apart"
        merged = (
            f"recall {b['auto_merge_recall']}"
            if b and kind in POSITIVE_KINDS
            else f"{b['wrong_auto_merges']} wrong"
            if b
            else "-"
        )
        lines.append(
            f"| {kind} | {a['pairs'] if a else 0} / {b['pairs'] if b else 0} | "
            f"{label} {a[key] if a else '-'} | {label} {b[key] if b else '-'} | {merged} |"
        )
    lines += [
        "",
        "| language | held-out pairs | precision | recall | F1 |",
        "|---|---|---|---|---|",
    ]
    for lang, m in result["langs_held_out"].items():
        lines.append(f"| {lang} | {m['pairs']} | {m['precision']} | {m['recall']} | {m['f1']} |")
    return "\n".join(lines)


if __name__ == "__main__":
    print(_markdown(run()))
