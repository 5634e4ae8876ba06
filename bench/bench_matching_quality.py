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
import re
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
    decide,
    fold_text,
)
from screening.matching.vocabulary import GENERIC_TOKENS, SYNONYMS  # noqa: E402
from tests.generators.matching_pairs import (  # noqa: E402
    NEGATIVE_KINDS,
    POSITIVE_KINDS,
    LabelledPair,
    Side,
    build_pairs,
)

LEGACY = ROOT / "tests" / "data" / "matching_pairs.csv"
RESULTS = ROOT / "bench" / "results" / "matching_quality.json"
MATCHER = ROOT / "screening" / "matching"
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
        scored.append(
            Scored(
                pair.kind,
                pair.lang,
                pair.family,
                pair.split,
                bool(pair.label),
                comparison.score,
                comparison.decision,
                # The matcher's own rule at a perfect score: nothing but the score in the way.
                decide(1.0, comparison.features) == "auto_merge",
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


@dataclass(frozen=True, slots=True)
class Verdict:
    """A scored pair and what the thresholds under test made of it."""

    row: Scored
    matched: bool  # proposed or merged
    merged: bool  # merged automatically


def at_thresholds(rows: list[Scored], propose: float, auto: float) -> list[Verdict]:
    return [Verdict(r, r.score >= propose, r.auto_eligible and r.score >= auto) for r in rows]


def as_decided(rows: list[Scored]) -> list[Verdict]:
    """The matcher's own decisions, with the thresholds in force."""
    return [Verdict(r, r.decision != "new", r.decision == "auto_merge") for r in rows]


def summary(verdicts: list[Verdict]) -> dict[str, Any]:
    truth = [v.row.label for v in verdicts]
    return {
        **prf([v.matched for v in verdicts], truth),
        "auto_merge": prf([v.merged for v in verdicts], truth),
        "wrong_auto_merges": sum(v.merged and not v.row.label for v in verdicts),
        "wrong_proposals": sum(v.matched and not v.merged and not v.row.label for v in verdicts),
    }


def _fold(family: str) -> int:
    return int(hashlib.sha256(family.encode()).hexdigest()[:8], 16) % FOLDS


def cross_validate(rows: list[Scored]) -> tuple[dict[str, Any], list[Verdict]]:
    """Five folds by family; each fold decided with the thresholds the other four chose.
    Returns the folds' figures and every pair's out-of-fold verdict."""
    folds = []
    verdicts: list[Verdict] = []
    for k in range(FOLDS):
        train = [r for r in rows if _fold(r.family) != k]
        test = [r for r in rows if _fold(r.family) == k]
        propose, auto = choose(train)
        decided = at_thresholds(test, propose, auto)
        verdicts.extend(decided)
        result = summary(decided)
        folds.append(
            {
                "propose": propose,
                "auto_merge": auto,
                "f1": result["f1"],
                "wrong_auto_merges": result["wrong_auto_merges"],
            }
        )
    cv = {
        "folds": folds,
        "mean_f1": round(sum(f["f1"] for f in folds) / FOLDS, 4),
        "wrong_auto_merges": sum(f["wrong_auto_merges"] for f in folds),
    }
    return cv, verdicts


def _source(family: str) -> str:
    # The generator function a pair came from ("zh", "acronym", "latin" ...): its positives
    # and its hard negatives are built from the same brands.
    return family.split(":", 1)[0]


def by_kind(verdicts: list[Verdict]) -> dict[str, dict[str, Any]]:
    """Per positive kind: precision, recall and F1 of its pairs against the hard negatives
    built from the same brands (the same generator), counting proposals, and the same for
    automatic merges. Per hard-negative kind: wrong automatic merges and wrong proposals."""
    table: dict[str, dict[str, Any]] = {}
    for kind in POSITIVE_KINDS:
        positives = [v for v in verdicts if v.row.kind == kind]
        if not positives:
            continue
        sources = {_source(v.row.family) for v in positives}
        negatives = [
            v for v in verdicts if v.row.kind in NEGATIVE_KINDS and _source(v.row.family) in sources
        ]
        chosen = positives + negatives
        truth = [v.row.label for v in chosen]
        matched = prf([v.matched for v in chosen], truth)
        merged = prf([v.merged for v in chosen], truth)
        table[kind] = {
            "pairs": len(positives),
            "negatives": len(negatives),
            "precision": matched["precision"],
            "recall": matched["recall"],
            "f1": matched["f1"],
            "auto_merge_precision": merged["precision"],
            "auto_merge_recall": merged["recall"],
        }
    for kind in NEGATIVE_KINDS:
        chosen = [v for v in verdicts if v.row.kind == kind]
        if not chosen:
            continue
        merged_n = sum(v.merged for v in chosen)
        matched_n = sum(v.matched for v in chosen)
        table[kind] = {
            "pairs": len(chosen),
            "kept_apart": round(1 - matched_n / len(chosen), 4),
            "wrong_proposals": matched_n - merged_n,
            "wrong_auto_merges": merged_n,
        }
    return table


def by_lang(verdicts: list[Verdict]) -> dict[str, dict[str, Any]]:
    """Per script or naming culture: every pair of it, positives and hard negatives."""
    table = {}
    for lang in sorted({v.row.lang for v in verdicts}):
        chosen = [v for v in verdicts if v.row.lang == lang]
        table[lang] = {"pairs": len(chosen), **summary(chosen)}
    return table


def named_in_matcher(families: set[str]) -> list[str]:
    """Families whose brand word is written in the matcher's code (as an example in a
    comment or a test of a rule): their held-out figures are not blind, so the bench also
    reports the held-out set without them."""
    source = " ".join(fold_text(p.read_text("utf-8")) for p in MATCHER.glob("*.py"))
    words = set(re.findall(r"[a-z]+", source))
    vocabulary = set(GENERIC_TOKENS) | set(SYNONYMS) | set(SYNONYMS.values())
    named = []
    for family in sorted(families):
        brand = re.findall(r"[a-z]+", fold_text(family.split(":", 1)[1]))
        if any(len(w) >= 5 and w in words and w not in vocabulary for w in brand):
            named.append(family)
    return named


def run() -> dict[str, Any]:
    generated = build_pairs()
    scored = score_pairs(generated + _legacy_pairs())
    tune = [r for r in scored if r.split == "tune"]
    held = [r for r in scored if r.split == "held_out"]
    in_sample = [r for r in tune if r.kind != "legacy"]
    recommended = choose(tune)
    cv, out_of_fold = cross_validate(tune)
    cv_generated = [v for v in out_of_fold if v.row.kind != "legacy"]
    named = named_in_matcher({r.family for r in held})
    blind = [r for r in held if r.family not in named]

    result = {
        "algorithm": ALGORITHM_VERSION,
        "pairs": {
            "generated": len(generated),
            "tune": sum(r.kind != "legacy" for r in tune),
            "legacy_tune": sum(r.kind == "legacy" for r in tune),
            "held_out": len(held),
            "held_out_blind": len(blind),
        },
        "thresholds_in_force": {"propose": PROPOSE_THRESHOLD, "auto_merge": AUTO_MERGE_THRESHOLD},
        "thresholds_recommended": {"propose": recommended[0], "auto_merge": recommended[1]},
        "cross_validation": cv,
        "in_sample": summary(as_decided(in_sample)),
        "cv": summary(cv_generated),
        "held_out": summary(as_decided(held)),
        "held_out_families_named_in_matcher": named,
        "held_out_blind": summary(as_decided(blind)),
        "kinds_in_sample": by_kind(as_decided(in_sample)),
        "kinds_cv": by_kind(cv_generated),
        "kinds_held_out": by_kind(as_decided(held)),
        "langs_cv": by_lang(cv_generated),
        "langs_held_out": by_lang(as_decided(held)),
    }
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    return result


def _kind_cell(m: dict[str, Any] | None, positive: bool) -> str:
    if m is None:
        return "-"
    if positive:
        return (
            f"{m['precision']:.2f} / {m['recall']:.2f} / {m['f1']:.2f} "
            f"(auto {m['auto_merge_recall']:.2f})"
        )
    return f"{m['wrong_auto_merges']} / {m['wrong_proposals']}"


def _markdown(result: dict[str, Any]) -> str:
    cv, force, rec = (
        result["cross_validation"],
        result["thresholds_in_force"],
        result["thresholds_recommended"],
    )
    lines = [
        f"### Matching quality across scripts ({result['algorithm']})",
        "",
        f"Pairs: {result['pairs']['generated']} generated ({result['pairs']['tune']} tune, "
        f"{result['pairs']['held_out']} held out) + {result['pairs']['legacy_tune']} older "
        "pairs used for tuning only. The held-out split is fixed by a hash of the brand "
        "family, so no held-out brand is in any tuning pair; thresholds are chosen on the "
        "tuning pairs only.",
        f"Thresholds in force: propose {force['propose']}, auto-merge {force['auto_merge']}; "
        f"chosen on the tuning pairs: propose {rec['propose']}, auto-merge {rec['auto_merge']}. "
        f"5-fold CV F1 {cv['mean_f1']} (wrong auto-merges across folds: "
        f"{cv['wrong_auto_merges']}).",
        "",
        "| set | precision | recall | F1 | auto-merge P / R / F1 | wrong auto-merges | "
        "wrong proposals |",
        "|---|---|---|---|---|---|---|",
    ]
    named = result["held_out_families_named_in_matcher"]
    sets = (
        ("tune, in-sample (thresholds in force)", result["in_sample"]),
        ("tune, cross-validated (out of fold)", result["cv"]),
        ("held out", result["held_out"]),
        (
            f"held out without the {len(named)} families named in the matcher",
            result["held_out_blind"],
        ),
    )
    for label, m in sets:
        a = m["auto_merge"]
        lines.append(
            f"| {label} | {m['precision']} | {m['recall']} | {m['f1']} | "
            f"{a['precision']} / {a['recall']} / {a['f1']} | {m['wrong_auto_merges']} | "
            f"{m['wrong_proposals']} |"
        )
    lines += [
        "",
        f"Named in the matcher's code (not blind): {', '.join(named) or 'none'}.",
        "",
        "Positive kinds: precision / recall / F1 counting proposals, against the hard "
        "negatives built from the same brands (auto: automatic-merge recall). Hard "
        "negatives: wrong automatic merges / wrong proposals.",
        "",
        "| kind | pairs (tune / held out) | cross-validated | held out |",
        "|---|---|---|---|",
    ]
    kcv, kout = result["kinds_cv"], result["kinds_held_out"]
    for kind in (*POSITIVE_KINDS, *NEGATIVE_KINDS):
        a, b = kcv.get(kind), kout.get(kind)
        if a is None and b is None:
            continue
        positive = kind in POSITIVE_KINDS
        lines.append(
            f"| {kind} | {a['pairs'] if a else 0} / {b['pairs'] if b else 0} | "
            f"{_kind_cell(a, positive)} | {_kind_cell(b, positive)} |"
        )
    lines += [
        "",
        "| language | pairs (tune / held out) | cross-validated P / R / F1 | "
        "held-out P / R / F1 | held-out wrong auto-merges / proposals |",
        "|---|---|---|---|---|",
    ]
    lcv, lout = result["langs_cv"], result["langs_held_out"]
    for lang in sorted(set(lcv) | set(lout)):
        a, b = lcv.get(lang), lout.get(lang)
        cells = [f"{m['precision']} / {m['recall']} / {m['f1']}" if m else "-" for m in (a, b)]
        wrong = f"{b['wrong_auto_merges']} / {b['wrong_proposals']}" if b else "-"
        lines.append(
            f"| {lang} | {a['pairs'] if a else 0} / {b['pairs'] if b else 0} | "
            f"{cells[0]} | {cells[1]} | {wrong} |"
        )
    return "\n".join(lines)


if __name__ == "__main__":
    print(_markdown(run()))
