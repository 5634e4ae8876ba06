"""Pairwise comparison of two supplier records into a score with its reasons.

Score = name similarity + signed adjustments (numbers, country, city, registration
number, legal form), clamped to [0, 1]. Every term is a ``MatchFeature`` whose
``contribution`` is exactly what it added, so the contributions add up to the score
(a ``bounds`` feature records any clamping).

Unlike nomenklatura's logic-v2, which takes the max over features and adds
qualifiers, identity numbers here are additive evidence on top of the name, because
supplier lists carry typo'd names far more often than wrong registration numbers.
"""

from __future__ import annotations

from dataclasses import dataclass

from rapidfuzz.distance import Indel

from screening.matching import thresholds as t
from screening.matching.normalise import (
    NormalisedName,
    normalise_name,
    normalise_place,
    normalise_registration_number,
)
from screening.matching.types import Decision, MatchFeature, MatchRecord, Outcome
from screening.matching.vocabulary import GENERIC_TOKENS


@dataclass(frozen=True, slots=True)
class PreparedRecord:
    """A record with everything comparison needs computed once."""

    record: MatchRecord
    name: NormalisedName
    country: str | None
    city: str | None
    city_tokens: frozenset[str]
    registration_number: str | None


def prepare(record: MatchRecord) -> PreparedRecord:
    city = normalise_place(record.city)
    country = record.country.strip().upper() if record.country and record.country.strip() else None
    return PreparedRecord(
        record=record,
        name=normalise_name(record.name),
        country=country,
        city=city,
        city_tokens=frozenset(city.split()) if city else frozenset(),
        registration_number=normalise_registration_number(record.registration_number),
    )


def _similar(a: str, b: str) -> float:
    # Indel normalised similarity is rapidfuzz's fuzz.ratio / 100 without the wrapper cost.
    return float(Indel.normalized_similarity(a, b))


def _weight(token: str, location: frozenset[str]) -> float:
    if token in location:
        return t.LOCATION_TOKEN_WEIGHT
    if token in GENERIC_TOKENS:
        return t.GENERIC_TOKEN_WEIGHT
    return 1.0


@dataclass(frozen=True, slots=True)
class NameSimilarity:
    score: float
    detail: str
    # True when a distinctive word was paired by typo, acronym or the space-free form:
    # "Huaqiang" ~ "Huaxiang" may be a typo or another firm, so never an automatic merge.
    uncertain: bool = False


def _fuzzy_credit(ratio: float) -> float:
    # A 0.9 ratio is one slip in ten letters; credit falls twice as fast as the ratio so a
    # typo'd word helps but never counts as the word itself.
    return max(0.0, 1.0 - 2.0 * (1.0 - ratio))


def name_similarity(
    a: NormalisedName, b: NormalisedName, location: frozenset[str] = frozenset()
) -> NameSimilarity:
    """Weighted token alignment (a weighted Dice coefficient), 0..1.

    Words pair up exactly first, then by typo (rapidfuzz ratio), then as an acronym;
    unpaired words on either side lower the score by their weight, and by more when both
    sides have some left over (each name then says something the other contradicts:
    "Huaqiang Textile" vs "Huaqiang Garment"). Industry words and the records' own city
    weigh less, so "Golden Textile" vs "Golden Garment" turns on "golden" and
    "Shenzhen Huaqiang" vs "Huaqiang" (city Shenzhen) is hardly penalised.
    """
    if not a.tokens or not b.tokens:
        return NameSimilarity(0.0, "a name has no identifying words")
    if a.tokens == b.tokens:
        return NameSimilarity(1.0, f"identical after normalisation: '{a.key}'")
    left = list(a.tokens)
    right = list(b.tokens)
    total = sum(_weight(x, location) for x in left) + sum(_weight(x, location) for x in right)
    matched = 0.0
    uncertain = False
    pairs: list[str] = []
    for token in list(left):
        if token in right:
            right.remove(token)
            left.remove(token)
            matched += 2 * _weight(token, location)
    for token in list(left):
        best, best_ratio = "", 0.0
        if len(token) >= t.TOKEN_FUZZY_MIN_LENGTH:
            for other in right:
                if len(other) < t.TOKEN_FUZZY_MIN_LENGTH:
                    continue
                ratio = _similar(token, other)
                if ratio > best_ratio:
                    best, best_ratio = other, ratio
        if best_ratio >= t.TOKEN_FUZZY_MIN:
            right.remove(best)
            left.remove(token)
            matched += _fuzzy_credit(best_ratio) * (
                _weight(token, location) + _weight(best, location)
            )
            uncertain = uncertain or token not in GENERIC_TOKENS
            pairs.append(f"{token}~{best}")
    for short_side, long_side in ((left, right), (right, left)):
        for token in list(short_side):
            if 2 <= len(token) <= 6 and len(long_side) >= len(token):
                initials = "".join(w[0] for w in long_side[: len(token)])
                if initials == token:
                    used = long_side[: len(token)]
                    matched += t.ACRONYM_SIMILARITY * (
                        _weight(token, location) + sum(_weight(w, location) for w in used)
                    )
                    uncertain = True
                    pairs.append(f"{token}=acronym({' '.join(used)})")
                    short_side.remove(token)
                    del long_side[: len(token)]
    if left and right:
        total += (t.BOTH_SIDES_UNPAIRED_FACTOR - 1.0) * (
            sum(_weight(x, location) for x in left) + sum(_weight(x, location) for x in right)
        )
    dice = matched / total if total else 0.0
    compact_ratio = max(
        _similar(a.compact, b.compact), _similar(a.spelled, b.spelled) if a.spelled else 0.0
    )
    if compact_ratio >= t.COMPACT_MIN:
        compact = 1.0 if compact_ratio == 1.0 else _fuzzy_credit(compact_ratio)
        if compact > dice:
            return NameSimilarity(
                compact,
                f"'{a.compact}' and '{b.compact}' agree when spaces are ignored "
                f"(ratio {compact_ratio:.2f})",
                uncertain=compact_ratio < 1.0,
            )
    parts = [f"weighted word overlap {dice:.2f}"]
    if pairs:
        parts.append("paired " + ", ".join(pairs))
    unmatched = left + right
    if unmatched:
        parts.append("unpaired " + ", ".join(unmatched))
    return NameSimilarity(dice, "; ".join(parts), uncertain)


def _numbers_feature(a: NormalisedName, b: NormalisedName) -> MatchFeature | None:
    if not a.numbers and not b.numbers:
        return None
    query, candidate = " ".join(a.numbers) or None, " ".join(b.numbers) or None
    if a.numbers == b.numbers:
        return MatchFeature("numbers", "agree", 0.0, "numbers in the names agree", query, candidate)
    if a.numbers and b.numbers:
        return MatchFeature(
            "numbers",
            "disagree",
            t.NUMBER_CONFLICT,
            "numbers in the names differ (another plant, unit or branch)",
            query,
            candidate,
        )
    return MatchFeature(
        "numbers",
        "partial",
        t.NUMBER_ONE_SIDED,
        "only one name carries a number",
        query,
        candidate,
    )


def _country_feature(a: PreparedRecord, b: PreparedRecord) -> MatchFeature:
    if a.country is None or b.country is None:
        return MatchFeature(
            "country", "missing", 0.0, "country not known on both sides", a.country, b.country
        )
    if a.country == b.country:
        return MatchFeature("country", "agree", 0.0, "same country", a.country, b.country)
    return MatchFeature(
        "country",
        "disagree",
        t.COUNTRY_CONFLICT,
        "different countries: a different legal entity",
        a.country,
        b.country,
    )


def _city_feature(a: PreparedRecord, b: PreparedRecord) -> MatchFeature:
    if a.city is None or b.city is None:
        return MatchFeature("city", "missing", 0.0, "city not known on both sides", a.city, b.city)
    ca, cb = a.city.replace(" ", ""), b.city.replace(" ", "")
    if ca == cb or _similar(ca, cb) >= t.CITY_FUZZY_MIN or a.city_tokens & b.city_tokens:
        return MatchFeature("city", "agree", t.CITY_AGREE, "same city", a.city, b.city)
    return MatchFeature("city", "disagree", t.CITY_CONFLICT, "different cities", a.city, b.city)


def _registration_feature(a: PreparedRecord, b: PreparedRecord) -> MatchFeature:
    ra, rb = a.registration_number, b.registration_number
    if ra is None or rb is None:
        return MatchFeature(
            "registration_number",
            "missing",
            0.0,
            "registration number not known on both sides",
            ra,
            rb,
        )
    # A number typed with or without its scheme prefix ("CN9144..." vs "9144...").
    if ra == rb or (min(len(ra), len(rb)) >= 8 and (ra.endswith(rb) or rb.endswith(ra))):
        return MatchFeature(
            "registration_number",
            "agree",
            t.REGISTRATION_AGREE,
            "identical registration number",
            ra,
            rb,
        )
    return MatchFeature(
        "registration_number",
        "disagree",
        t.REGISTRATION_CONFLICT,
        "different registration numbers",
        ra,
        rb,
    )


def _legal_form_feature(a: NormalisedName, b: NormalisedName) -> MatchFeature | None:
    if not a.legal_forms or not b.legal_forms:
        return None
    query, candidate = " ".join(a.legal_forms), " ".join(b.legal_forms)
    kinds_a = set(a.legal_kinds) - {"company", "branch"}
    kinds_b = set(b.legal_kinds) - {"company", "branch"}
    if kinds_a and kinds_b and not kinds_a & kinds_b:
        return MatchFeature(
            "legal_form",
            "disagree",
            t.LEGAL_KIND_CONFLICT,
            "legal forms of different kinds",
            query,
            candidate,
        )
    return MatchFeature("legal_form", "agree", 0.0, "compatible legal forms", query, candidate)


@dataclass(frozen=True, slots=True)
class Comparison:
    score: float
    decision: Decision
    features: tuple[MatchFeature, ...]


def decide(score: float, features: tuple[MatchFeature, ...]) -> Decision:
    """auto_merge needs a high score and no conflicting evidence; an identical registration
    number in the same country is always worth a reviewer's look."""
    conflict = any(
        f.outcome == "disagree" and f.name in ("numbers", "country", "registration_number")
        for f in features
    )
    # An automatic merge needs the name itself to agree without guesswork, and no number
    # that only one side carries ("ABC" vs "ABC Unit 2" may be the main site or not).
    doubtful = any(
        (f.name == "name" and f.outcome != "agree")
        or (f.name == "numbers" and f.outcome != "agree")
        for f in features
    )
    if score >= t.AUTO_MERGE_THRESHOLD and not conflict and not doubtful:
        return "auto_merge"
    if score >= t.PROPOSE_THRESHOLD:
        return "propose"
    registration_agrees = any(
        f.name == "registration_number" and f.outcome == "agree" for f in features
    )
    if registration_agrees and not conflict:
        return "propose"
    return "new"


def compare_records(query: PreparedRecord, candidate: PreparedRecord) -> Comparison:
    """Score a candidate against a query, with a feature for every piece of evidence."""
    location = query.city_tokens | candidate.city_tokens
    similarity = name_similarity(query.name, candidate.name, location)
    if similarity.score >= t.PROPOSE_THRESHOLD and not similarity.uncertain:
        name_outcome: Outcome = "agree"
    elif similarity.score > 0:
        name_outcome = "partial"
    else:
        name_outcome = "disagree"
    features: list[MatchFeature] = [
        MatchFeature(
            "name",
            name_outcome,
            similarity.score,
            similarity.detail,
            query.name.key,
            candidate.name.key,
        )
    ]
    numbers = _numbers_feature(query.name, candidate.name)
    if numbers is not None:
        features.append(numbers)
    features.append(_country_feature(query, candidate))
    features.append(_city_feature(query, candidate))
    features.append(_registration_feature(query, candidate))
    legal = _legal_form_feature(query.name, candidate.name)
    if legal is not None:
        features.append(legal)
    raw = sum(f.contribution for f in features)
    score = min(1.0, max(0.0, raw))
    if score != raw:
        features.append(
            MatchFeature("bounds", "partial", score - raw, "score clamped to the range 0..1")
        )
    frozen = tuple(features)
    return Comparison(round(score, 4), decide(score, frozen), frozen)


def score_records(query: PreparedRecord, candidate: PreparedRecord) -> tuple[float, Decision]:
    """``compare_records``'s (score, decision) without building its features: the same terms,
    added in the same order, and the same decision rule. For ranking many candidates, of
    which only the best few are then compared in full."""
    location = query.city_tokens | candidate.city_tokens
    similarity = name_similarity(query.name, candidate.name, location)
    raw = 0.0 + similarity.score
    doubtful = not (similarity.score >= t.PROPOSE_THRESHOLD and not similarity.uncertain)
    conflict = False
    registration_agrees = False
    qn, cn = query.name, candidate.name
    if qn.numbers or cn.numbers:
        if qn.numbers == cn.numbers:
            raw += 0.0
        elif qn.numbers and cn.numbers:
            raw += t.NUMBER_CONFLICT
            conflict = doubtful = True
        else:
            raw += t.NUMBER_ONE_SIDED
            doubtful = True
    if query.country is not None and candidate.country is not None:
        if query.country == candidate.country:
            raw += 0.0
        else:
            raw += t.COUNTRY_CONFLICT
            conflict = True
    else:
        raw += 0.0
    if query.city is None or candidate.city is None:
        raw += 0.0
    else:
        ca, cb = query.city.replace(" ", ""), candidate.city.replace(" ", "")
        if (
            ca == cb
            or _similar(ca, cb) >= t.CITY_FUZZY_MIN
            or query.city_tokens & candidate.city_tokens
        ):
            raw += t.CITY_AGREE
        else:
            raw += t.CITY_CONFLICT
    ra, rb = query.registration_number, candidate.registration_number
    if ra is None or rb is None:
        raw += 0.0
    elif ra == rb or (min(len(ra), len(rb)) >= 8 and (ra.endswith(rb) or rb.endswith(ra))):
        raw += t.REGISTRATION_AGREE
        registration_agrees = True
    else:
        raw += t.REGISTRATION_CONFLICT
        conflict = True
    if qn.legal_forms and cn.legal_forms:
        kinds_a = set(qn.legal_kinds) - {"company", "branch"}
        kinds_b = set(cn.legal_kinds) - {"company", "branch"}
        raw += t.LEGAL_KIND_CONFLICT if kinds_a and kinds_b and not kinds_a & kinds_b else 0.0
    score = min(1.0, max(0.0, raw))
    decision: Decision
    if score >= t.AUTO_MERGE_THRESHOLD and not conflict and not doubtful:
        decision = "auto_merge"
    elif score >= t.PROPOSE_THRESHOLD or (registration_agrees and not conflict):
        decision = "propose"
    else:
        decision = "new"
    return round(score, 4), decision


def compare(query: MatchRecord, candidate: MatchRecord) -> Comparison:
    """Compare two records directly (no index): for tests, reviews and one-off checks."""
    return compare_records(prepare(query), prepare(candidate))
