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

from collections.abc import Sequence
from dataclasses import dataclass

from rapidfuzz.distance import Indel

from screening.matching import thresholds as t
from screening.matching.normalise import (
    LEGAL_WORDS as _LEGAL_WORDS,
)
from screening.matching.normalise import (
    NormalisedName,
    normalise_name,
    normalise_place,
    normalise_registration_number,
)
from screening.matching.romanise import script_of
from screening.matching.skeleton import skeleton
from screening.matching.types import Decision, MatchFeature, MatchRecord, Outcome
from screening.matching.vocabulary import GENERIC_TOKENS, ROLE_TOKENS


@dataclass(frozen=True, slots=True)
class PreparedRecord:
    """A record with everything comparison needs computed once."""

    record: MatchRecord
    name: NormalisedName
    country: str | None
    city: str | None
    city_tokens: frozenset[str]  # the city's words and the city written as one word
    registration_number: str | None
    city_transliterated: bool = False  # the city was written in a non-Latin script


def prepare(record: MatchRecord) -> PreparedRecord:
    city = normalise_place(record.city)
    country = record.country.strip().upper() if record.country and record.country.strip() else None
    city_tokens = frozenset({*city.split(), city.replace(" ", "")}) if city else frozenset()
    return PreparedRecord(
        record=record,
        name=normalise_name(record.name),
        country=country,
        city=city,
        city_tokens=city_tokens,
        registration_number=normalise_registration_number(record.registration_number),
        city_transliterated=bool(record.city) and script_of(record.city or "") == "other",
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


def _segments(word: str, pieces: frozenset[str]) -> list[str] | None:
    """``word`` cut into a sequence of ``pieces`` ("yongkanghongda" -> yongkang, hongda)."""
    if not word:
        return []
    for size in range(len(word), 2, -1):
        head = word[:size]
        if head in pieces:
            rest = _segments(word[size:], pieces)
            if rest is not None:
                return [head, *rest]
    return None


def _generic_agree(a: NormalisedName, b: NormalisedName) -> bool:
    generic_a = GENERIC_TOKENS.intersection(a.tokens)
    generic_b = GENERIC_TOKENS.intersection(b.tokens)
    return generic_a == generic_b or not (generic_a and generic_b)


def _distinctive_compact(name: NormalisedName, location: frozenset[str]) -> str:
    """The space-free name without its industry words and places: "Hua Qiang" ~ "Huaqiang",
    and "Mitra Busana Garment" is not carried to "Mutiara Busana Garment" by shared words."""
    if location.isdisjoint(name.tokens):
        return name.distinctive or name.compact
    kept = "".join(w for w in name.tokens if w not in GENERIC_TOKENS and w not in location)
    return kept or name.compact


def _skeletons(token: str) -> tuple[str, ...]:
    key = skeleton(token)
    # The Arabic article written joined ("Alnoor") or not at all ("Noor").
    if token.startswith("al") and len(token) >= 5:
        return (key, skeleton(token[2:]))
    return (key,)


def _loose_pair(a: str, b: str, loose: bool, han: bool) -> bool:
    """Whether two distinctive words may be paired by skeleton: one name was romanised from
    a script without a standard romanisation, or a word is spelled the Uzbek Latin way (x for
    kh, q for k); never for Chinese characters, whose pinyin is exact."""
    if han or a in GENERIC_TOKENS or b in GENERIC_TOKENS:
        return False
    if loose:
        return True
    # Uzbek Latin spelling in a Latin name: only a skeleton that agrees exactly counts
    # ("Paxtakor" = "Pakhtakor"; "Brandix" is not "Brandon").
    uzbek = "x" in a or "q" in a or "x" in b or "q" in b
    return uzbek and skeleton(a) == skeleton(b)


def _skeleton_ratio(a: str, b: str) -> float:
    keys, other_keys = _skeletons(a), _skeletons(b)
    if min(len(keys[0]), len(other_keys[0])) < 2:
        return 0.0
    return max(_similar(k, o) for k in keys for o in other_keys)


def _initials(words: Sequence[str]) -> str:
    return "".join(w[0] for w in words if w)


def _acronym_readings(name: NormalisedName) -> set[str]:
    """The initials a whole name may go by: of every word, of the words before a trailing
    legal form, and of the identity words."""
    words = list(name.words)
    readings = {_initials(words), _initials(name.tokens)}
    while len(words) > 1 and words[-1] in _LEGAL_WORDS:
        words.pop()
        readings.add(_initials(words))
    return {r for r in readings if len(r) >= 2}


def _spellings(token: str, name: NormalisedName) -> set[str]:
    """A short name's word as compared and its words as written (a synonym or the plural
    rule may have changed the word: "TLKMS" is compared as "tlkm")."""
    return {token} | {w for w in name.words if w not in _LEGAL_WORDS}


def name_similarity(
    a: NormalisedName,
    b: NormalisedName,
    location: frozenset[str] = frozenset(),
    *,
    same_place: bool = False,
) -> NameSimilarity:
    """Weighted token alignment (a weighted Dice coefficient), 0..1.

    Words pair up exactly first, then as joined words ("yongkanghongda" = "yongkang" +
    "hongda"), then by typo (rapidfuzz ratio), then, where either name was romanised from
    another script or spells the way Uzbek Latin does, by consonant skeleton ("paxtakor" ~
    "pakhtakor"), then as an acronym; unpaired words on either side lower the score by their
    weight, and by more when both sides have some left over (each name then says something
    the other contradicts: "Huaqiang Textile" vs "Huaqiang Garment"). Industry words and the
    records' own city weigh less, so "Golden Textile" vs "Golden Garment" turns on "golden"
    and "Shenzhen Huaqiang" vs "Huaqiang" (city Shenzhen) is hardly penalised.

    A name that is an acronym of the whole other name ("TLKM" for "Tirupur Lakshmi Knitting
    Mills") counts only when ``same_place`` (same country and city): initials alone are
    shared by too many firms.
    """
    if not a.tokens or not b.tokens:
        return NameSimilarity(0.0, "a name has no identifying words")
    if a.tokens == b.tokens:
        # Names of industry words only ("Hazır Giyim Sanayi ve Ticaret" = "Garment")
        # identify nobody: the same words, but a person decides. A number is an identity
        # ("Tổng Công ty May 10" = "Garment 10 Corporation").
        return NameSimilarity(
            1.0,
            f"identical after normalisation: '{a.key}'",
            uncertain=not (a.distinctive or a.numbers),
        )
    if a.places or b.places:
        location = location | frozenset(a.places) | frozenset(b.places)
    # Romanised from a script without one standard romanisation: compare by skeleton too.
    # Never for Chinese characters, whose pinyin is exact ("Shengda" is not "Hongda").
    han = a.han or b.han
    loose = (a.transliterated or b.transliterated) and not han
    left = list(a.tokens)
    right = list(b.tokens)
    # Every word's weight once; the sums below add them in the same order as before.
    weights = {x: _weight(x, location) for x in (*left, *right)}
    weight = weights.__getitem__
    total = sum(map(weight, left)) + sum(map(weight, right))
    matched = 0.0
    uncertain = False
    pairs: list[str] = []
    for token in list(left):
        if token in right:
            right.remove(token)
            left.remove(token)
            matched += 2 * weight(token)
    # Joined words: one side writes as one word what the other writes as two or three.
    for one, other in ((left, right), (right, left)):
        for token in list(one):
            if len(token) < 6 or token not in one or not other:
                continue
            others = tuple(other)
            if not (token.startswith(others) or token.endswith(others)):
                continue
            pieces = _segments(token, frozenset(other) | location)
            if pieces is None or not any(p in other for p in pieces):
                continue
            used = [p for p in pieces if p in other]
            # Each word of the other name pairs once: "phatphat" is not "phat" twice.
            if any(used.count(p) > other.count(p) for p in used):
                continue
            one.remove(token)
            for piece in used:
                other.remove(piece)
            matched += weight(token) + sum(map(weight, used))
            pairs.append(f"{token}={'+'.join(pieces)}")
    for token in list(left):
        best, best_ratio = "", 0.0
        if len(token) >= t.TOKEN_FUZZY_MIN_LENGTH:
            for other_token in right:
                if len(other_token) < t.TOKEN_FUZZY_MIN_LENGTH:
                    continue
                ratio = _similar(token, other_token)
                if ratio > best_ratio:
                    best, best_ratio = other_token, ratio
        if best_ratio >= t.TOKEN_FUZZY_MIN:
            right.remove(best)
            left.remove(token)
            credit = _fuzzy_credit(best_ratio)
            if (
                _loose_pair(token, best, loose, han)
                and _skeleton_ratio(token, best) >= t.SKELETON_MIN
            ):
                credit = max(credit, t.SKELETON_CREDIT)
            matched += credit * (weight(token) + weight(best))
            uncertain = uncertain or token not in GENERIC_TOKENS or best not in GENERIC_TOKENS
            pairs.append(f"{token}~{best}")
    for token in list(left):
        for other_token in right:
            if not _loose_pair(token, other_token, loose, han):
                continue
            if _skeleton_ratio(token, other_token) >= t.SKELETON_MIN:
                right.remove(other_token)
                left.remove(token)
                matched += t.SKELETON_CREDIT * (weight(token) + weight(other_token))
                uncertain = True
                pairs.append(f"{token}≈{other_token}")
                break
    for short_side, long_side, long_name in ((left, right, b), (right, left, a)):
        for token in list(short_side):
            if not 2 <= len(token) <= 6 or token not in short_side:
                continue
            if (
                same_place
                and len(short_side) == 1
                and long_side
                and _spellings(token, a if long_name is b else b) & _acronym_readings(long_name)
            ):
                matched += t.ACRONYM_SIMILARITY * (weight(token) + sum(map(weight, long_side)))
                uncertain = True
                pairs.append(f"{token}=acronym({long_name.key})")
                short_side.remove(token)
                del long_side[:]
                continue
            if matched and len(long_side) >= len(token):
                initials = _initials(long_side[: len(token)])
                if initials == token:
                    used = long_side[: len(token)]
                    matched += t.ACRONYM_SIMILARITY * (weight(token) + sum(map(weight, used)))
                    uncertain = True
                    pairs.append(f"{token}=acronym({' '.join(used)})")
                    short_side.remove(token)
                    del long_side[: len(token)]
    if left and right:
        total += (t.BOTH_SIDES_UNPAIRED_FACTOR - 1.0) * (
            sum(map(weight, left)) + sum(map(weight, right))
        )
    dice = min(1.0, matched / total) if total else 0.0
    # A word only one name has that is neither an industry word nor a place ("Ashulia",
    # "Abadi"): another entity of the brand as likely as a dropped word, so a person looks.
    if not uncertain and any(w not in GENERIC_TOKENS and w not in location for w in left + right):
        uncertain = True
    compact_a, compact_b = _distinctive_compact(a, location), _distinctive_compact(b, location)
    compact_ratio = max(
        _similar(compact_a, compact_b),
        1.0 if a.spelled and a.spelled == b.spelled else 0.0,
    )
    # The space-free reading stands in for the distinctive words only; industry words must
    # agree on their own ("Hongda Textile" is not "Hongda Leather").
    if compact_ratio >= t.COMPACT_MIN and _generic_agree(a, b):
        compact = 1.0 if compact_ratio == 1.0 else _fuzzy_credit(compact_ratio)
        if compact > dice:
            return NameSimilarity(
                compact,
                f"'{compact_a}' and '{compact_b}' agree when spaces are ignored "
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


def _city_outcome(a: PreparedRecord, b: PreparedRecord) -> tuple[Outcome, float]:
    if a.city is None or b.city is None:
        return "missing", 0.0
    ca, cb = a.city.replace(" ", ""), b.city.replace(" ", "")
    if ca == cb or _similar(ca, cb) >= t.CITY_FUZZY_MIN or a.city_tokens & b.city_tokens:
        return "agree", t.CITY_AGREE
    # "Toshkent" / "Tashkent", "Buxoro" / "Bukhara", دبي / "Dubai".
    sa, sb = skeleton(ca), skeleton(cb)
    if len(sa) >= 2 and sa == sb:
        return "agree", t.CITY_AGREE
    if a.city_transliterated != b.city_transliterated:
        # A city romanised from another script that does not line up is no proof of
        # another site ("القاهرة" / "Cairo"); a person looks.
        return "partial", t.CITY_UNCERTAIN
    return "disagree", t.CITY_CONFLICT


_CITY_DETAIL = {
    "missing": "city not known on both sides",
    "agree": "same city",
    "partial": "cities in different scripts that do not line up",
    "disagree": "different cities",
}


def _city_feature(a: PreparedRecord, b: PreparedRecord) -> MatchFeature:
    outcome, contribution = _city_outcome(a, b)
    return MatchFeature("city", outcome, contribution, _CITY_DETAIL[outcome], a.city, b.city)


def _same_place(a: PreparedRecord, b: PreparedRecord, city: Outcome | None = None) -> bool:
    if a.country is None or a.country != b.country:
        return False
    return (city or _city_outcome(a, b)[0]) == "agree"


def _role_outcome(a: NormalisedName, b: NormalisedName) -> tuple[Outcome, float] | None:
    roles_a = ROLE_TOKENS.intersection(a.tokens)
    roles_b = ROLE_TOKENS.intersection(b.tokens)
    if not roles_a and not roles_b:
        return None
    if roles_a == roles_b:
        return "agree", 0.0
    return "disagree", t.ROLE_CONFLICT


def _role_feature(a: NormalisedName, b: NormalisedName) -> MatchFeature | None:
    found = _role_outcome(a, b)
    if found is None:
        return None
    outcome, contribution = found
    query = " ".join(sorted(ROLE_TOKENS.intersection(a.tokens))) or None
    candidate = " ".join(sorted(ROLE_TOKENS.intersection(b.tokens))) or None
    detail = (
        "both names carry the same role word"
        if outcome == "agree"
        else "only one name is the group's trading, holding or investment arm"
    )
    return MatchFeature("entity_role", outcome, contribution, detail, query, candidate)


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
        f.outcome == "disagree"
        and f.name in ("numbers", "country", "registration_number", "entity_role")
        for f in features
    )
    # An automatic merge needs the name itself to agree without guesswork, and no number
    # that only one side carries ("ABC" vs "ABC Unit 2" may be the main site or not).
    doubtful = any(
        (f.name == "name" and f.outcome != "agree")
        or (f.name == "numbers" and f.outcome != "agree")
        or (f.name == "city" and f.outcome == "partial")
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


def _name_similarity(
    query: PreparedRecord, candidate: PreparedRecord, city: Outcome | None = None
) -> NameSimilarity:
    """The records' name similarity; ``city`` is their city outcome if known already."""
    return name_similarity(
        query.name,
        candidate.name,
        query.city_tokens | candidate.city_tokens,
        same_place=_same_place(query, candidate, city),
    )


def compare_records(
    query: PreparedRecord, candidate: PreparedRecord, similarity: NameSimilarity | None = None
) -> Comparison:
    """Score a candidate against a query, with a feature for every piece of evidence.

    ``similarity`` is the names' ``name_similarity`` when the caller has it already
    (``score_records`` hands it over), so ranking and explaining compare the names once.
    """
    if similarity is None:
        similarity = _name_similarity(query, candidate)
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
    role = _role_feature(query.name, candidate.name)
    if role is not None:
        features.append(role)
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


def score_records(
    query: PreparedRecord, candidate: PreparedRecord
) -> tuple[float, Decision, NameSimilarity]:
    """``compare_records``'s (score, decision) without building its features: the same terms,
    added in the same order, and the same decision rule. For ranking many candidates, of
    which only the best few are then compared in full (given the name similarity returned
    here)."""
    city_outcome, city_contribution = _city_outcome(query, candidate)
    similarity = _name_similarity(query, candidate, city_outcome)
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
    role = _role_outcome(qn, cn)
    if role is not None:
        raw += role[1]
        if role[0] == "disagree":
            conflict = True
    if query.country is not None and candidate.country is not None:
        if query.country == candidate.country:
            raw += 0.0
        else:
            raw += t.COUNTRY_CONFLICT
            conflict = True
    else:
        raw += 0.0
    raw += city_contribution
    if city_outcome == "partial":
        doubtful = True
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
    return round(score, 4), decision, similarity


def compare(query: MatchRecord, candidate: MatchRecord) -> Comparison:
    """Compare two records directly (no index): for tests, reviews and one-off checks."""
    return compare_records(prepare(query), prepare(candidate))
