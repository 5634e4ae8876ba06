"""Supplier-name normalisation: fold, tokenise, strip legal forms, canonicalise words.

The pipeline, in order, and why each step sits where it does:

1. NFKC, so full-width "ＡＢＣ" and ligatures are plain letters before anything else.
2. Romanisation by script (``romanise``): pypinyin for Chinese characters, simplified or
   traditional, with the generic pinyin words split off the brand; Thai and Arabic legal
   forms and trade words put in English first; ``anyascii`` (ISC licence) for the rest:
   accents, Vietnamese tones, đ, ß -> ss, Turkish ı/İ, Cyrillic, Greek, Thai, Arabic.
3. Lower-casing happens after it, which sidesteps Python's "İ".lower() == "i̇" trap.
4. "&" and "+" become "and"; apostrophes vanish ("Levi's" = "Levis"); every other
   non-alphanumeric is a space; letters and digits are split ("Unit2" -> "unit 2").
5. Runs of single letters are joined: "S. A. de C. V." -> "sa de cv", "P.T." -> "pt",
   "A B C Textiles" -> "abc textiles".
6. Legal forms are stripped from the ends (``legal_forms.LEGAL_FORMS``) and recorded.
7. Phrases in other languages become their English words or go (``vocabulary.PHRASES``:
   "Sanayi ve Ticaret", "youxian gongsi", "chế biến thủy sản" -> "seafood processing").
8. Connectors and stop words go, abbreviations and translations become one English word,
   plurals are stemmed, numbers (digits and Roman numerals) are set aside because they
   are compared on their own: "Factory No. 2" is never "Factory No. 3".
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from screening.matching.legal_forms import LEGAL_FORMS, LegalForm
from screening.matching.romanise import romanise, script_of
from screening.matching.vocabulary import (
    CITY_ALIASES,
    CONNECTORS,
    GENERIC_TOKENS,
    NUMBER_CONTEXT,
    ORDINAL_SUFFIXES,
    PHRASES,
    ROMAN_NUMERALS,
    STOPWORDS,
    SYNONYMS,
)

_NON_ALNUM = re.compile(r"[^a-z0-9]+")
# Runs of letters and runs of digits: punctuation goes and "Unit2" is "unit", "2".
_WORD = re.compile(r"[a-z]+|[0-9]+")
_SINGLE_LETTER = re.compile(r"(?<![a-z])[a-z](?![a-z])")
_APOSTROPHES = re.compile(r"['`´]")
_BRACKETS = re.compile(r"[()\[\]{}]")
_AMPERSAND_INITIALS = re.compile(r"\b([a-z])\s*[&+]\s*(?=[a-z]\b)")  # "T&C", "G & T"
_LONGEST_PHRASE = max(len(k) for k in PHRASES)
_PHRASE_FIRST = frozenset(k[0] for k in PHRASES)

# Legal forms that are unambiguous words are removed wherever they stand, e.g. in
# "ABC Co., Ltd. (Dongguan Branch)"; short ones ("as", "sa", "pt", "co") only at the ends.
_STRIP_ANYWHERE_SINGLE: frozenset[str] = frozenset(
    {
        "ltd",
        "limited",
        "gmbh",
        "llc",
        "tnhh",
        "ltda",
        "pvt",
        "tbk",
        "bhd",
        "berhad",
        "sdn",
        "inc",
        "plc",
        "jsc",
        "ooo",
        "corp",
        "corporation",
        "incorporated",
        "sarl",
        "wll",
        "fze",
    }
)


def fold_text(text: str) -> str:
    """Fold any script to lower-case ASCII: "Công ty TNHH Việt Tiến" -> "cong ty tnhh viet tien"."""
    if text.isascii():  # ASCII is its own NFKC form
        return text.lower()
    text = unicodedata.normalize("NFKC", text)
    if text.isascii():
        return text.lower()
    return romanise(text).lower()


def _join_single_letters(tokens: list[str]) -> list[str]:
    joined: list[str] = []
    run: list[str] = []
    for token in tokens:
        if len(token) == 1 and token.isalpha():
            run.append(token)
            continue
        if run:
            joined.append("".join(run))
            run = []
        joined.append(token)
    if run:
        joined.append("".join(run))
    return joined


def tokenise(text: str) -> list[str]:
    """Folded word tokens, legal forms still in place."""
    folded = fold_text(text)
    if "&" in folded or "+" in folded:
        folded = _AMPERSAND_INITIALS.sub(r"\1", folded)
        folded = folded.replace("&", " and ").replace("+", " and ")
    folded = _APOSTROPHES.sub("", folded)
    tokens: list[str] = []
    # Brackets end a run of initials: "Plant I (M) Sdn Bhd" is "plant i", "m sdn bhd".
    for segment in _BRACKETS.split(folded):
        words = _WORD.findall(segment)
        tokens.extend(_join_single_letters(words) if _SINGLE_LETTER.search(segment) else words)
    return tokens


@dataclass(frozen=True, slots=True)
class _LegalTable:
    by_tokens: dict[tuple[str, ...], LegalForm]
    suffix: dict[tuple[str, ...], LegalForm]
    prefix: dict[tuple[str, ...], LegalForm]
    anywhere: dict[tuple[str, ...], LegalForm]
    longest: int
    # Quick rejects: most names end in a word that is no legal form's last word.
    suffix_last: frozenset[str]
    prefix_first: frozenset[str]
    anywhere_first: frozenset[str]


@lru_cache(maxsize=1)
def _legal_table() -> _LegalTable:
    by_tokens: dict[tuple[str, ...], LegalForm] = {}
    for form in LEGAL_FORMS:
        for alias in (form.code, *form.aliases):
            key = tuple(tokenise(alias))
            # First entry wins: the table is ordered from common to rare readings.
            if key and key not in by_tokens:
                by_tokens[key] = form
    suffix = {k: f for k, f in by_tokens.items() if f.position in ("suffix", "both")}
    prefix = {k: f for k, f in by_tokens.items() if f.position in ("prefix", "both")}
    anywhere = {
        k: f
        for k, f in by_tokens.items()
        if (len(k) >= 2 and f.position != "prefix")
        or (len(k) == 1 and k[0] in _STRIP_ANYWHERE_SINGLE)
    }
    return _LegalTable(
        by_tokens,
        suffix,
        prefix,
        anywhere,
        max(len(k) for k in by_tokens),
        frozenset(k[-1] for k in suffix),
        frozenset(k[0] for k in prefix),
        frozenset(k[0] for k in anywhere),
    )


def _legal_words() -> frozenset[str]:
    return frozenset(token for key in _legal_table().by_tokens for token in key)


def _strip_legal_forms(tokens: list[str]) -> tuple[list[str], list[LegalForm]]:
    table = _legal_table()
    found: list[LegalForm] = []
    changed = True
    while changed and len(tokens) > 1:
        changed = False
        for size in range(min(table.longest, len(tokens) - 1), 0, -1):
            if tokens[-1] not in table.suffix_last:
                break
            form = table.suffix.get(tuple(tokens[-size:]))
            if form is not None:
                found.append(form)
                tokens = tokens[:-size]
                changed = True
                break
        if changed or len(tokens) <= 1:
            continue
        for size in range(min(table.longest, len(tokens) - 1), 0, -1):
            if tokens[0] not in table.prefix_first:
                break
            form = table.prefix.get(tuple(tokens[:size]))
            if form is not None:
                found.append(form)
                tokens = tokens[size:]
                changed = True
                break
    # Unambiguous forms in the middle ("ABC Co Ltd Dongguan Branch").
    position = 0
    while position < len(tokens) and len(tokens) > 1:
        if tokens[position] not in table.anywhere_first:
            position += 1
            continue
        for size in range(min(table.longest, len(tokens) - 1), 0, -1):
            form = table.anywhere.get(tuple(tokens[position : position + size]))
            if form is not None:
                found.append(form)
                tokens = tokens[:position] + tokens[position + size :]
                break
        else:
            position += 1
    return tokens, found


_SHORT_ROMAN: dict[str, str] = {"i": "1", "v": "5", "x": "10"}


def _stem(token: str) -> str:
    if len(token) <= 3 or token.isdigit():
        return token
    if token.endswith("ies") and len(token) > 4:
        return token[:-3] + "y"
    if token.endswith("s") and not token.endswith(("ss", "us", "is")):
        return token[:-1]
    return token


@lru_cache(maxsize=131_072)
def _canonical(token: str) -> str:
    """A word's one English form, singular: "inds" -> "industry", "tekstil" -> "textile"."""
    canonical = _stem(SYNONYMS.get(token, token))
    return SYNONYMS.get(canonical, canonical)


def _apply_phrases(tokens: list[str]) -> list[str]:
    out: list[str] = []
    i = 0
    while i < len(tokens):
        if tokens[i] in _PHRASE_FIRST:
            for size in range(min(_LONGEST_PHRASE, len(tokens) - i), 0, -1):
                replacement = PHRASES.get(tuple(tokens[i : i + size]))
                if replacement is not None:
                    out.extend(replacement)
                    i += size
                    break
            else:
                out.append(tokens[i])
                i += 1
        else:
            out.append(tokens[i])
            i += 1
    return out


# Uzbek Latin's oʻ and gʻ ("Fargʻona", "Toʻqimachilik"), also typed with ' or `.
_APOSTROPHE_CHARS = frozenset("\u02bb\u02bc'`")
_UZBEK_APOSTROPHE = re.compile("[oOgG][\u02bb\u02bc'`][a-zA-Z]")


@dataclass(frozen=True, slots=True)
class NormalisedName:
    """A name reduced to what identifies the firm, with what was set aside kept for comparison."""

    original: str
    tokens: tuple[str, ...]  # identity words, canonical, in original order, no numbers
    spelled: str  # the words as written (stop words kept, no synonyms), without spaces
    numbers: tuple[str, ...]  # sorted unique numbers found in the name ("2" for "No. 02", "II")
    legal_forms: tuple[str, ...]  # canonical codes, e.g. ("Ltd",) for "Co., Ltd."
    legal_kinds: tuple[str, ...]  # liability regimes of those forms, e.g. ("limited",)

    # Space-joined identity words: the normalised name a registry stores and indexes.
    key: str
    # Identity words without spaces, so "Hua Qiang" and "Huaqiang" line up.
    compact: str

    # Every word of the name as written, legal forms included, without connectors and
    # stop words: what an acronym of the whole name is made of ("TLKM Ltd").
    words: tuple[str, ...] = ()
    # True when the name was romanised from a script without one standard romanisation
    # (Cyrillic, Thai, Arabic ...; not Chinese, whose pinyin is standard) or is written in
    # Uzbek Latin ("Fargʻona"): its words may be spelled loosely on the other side.
    transliterated: bool = False
    # Words the name itself marks as places ("Yongkang Shi", 永康市): weighed like the city.
    places: tuple[str, ...] = ()
    han: bool = False  # written in Chinese characters (romanised by pypinyin)
    # The space-free identity words without industry words ("hongda" for Hongda Hardware).
    distinctive: str = ""

    @property
    def compact_forms(self) -> tuple[str, ...]:
        """Both space-free readings; comparison takes the closer pair."""
        return (self.compact, self.spelled) if self.spelled != self.compact else (self.compact,)


@lru_cache(maxsize=262_144)
def normalise_name(name: str) -> NormalisedName:
    """Normalise one supplier name; cached because uploads repeat names a lot."""
    raw_tokens = tokenise(name)
    core, forms = _strip_legal_forms(raw_tokens)
    if not _PHRASE_FIRST.isdisjoint(core):
        core = _apply_phrases(core) or core
    tokens: list[str] = []
    spelled: list[str] = []  # identity words with stop words kept, for the compact form
    numbers: set[str] = set()
    previous = ""
    for token in core:
        if token.isdigit():
            numbers.add(str(int(token)))
            previous = "#"
            continue
        if previous == "#" and token in ORDINAL_SUFFIXES:
            previous = ""
            continue
        after_marker = previous in NUMBER_CONTEXT
        previous = token
        if token in ROMAN_NUMERALS:
            numbers.add(ROMAN_NUMERALS[token])
            continue
        if after_marker and token in _SHORT_ROMAN:
            numbers.add(_SHORT_ROMAN[token])
            continue
        if token in CONNECTORS:
            continue
        # Stop words still count in the compact form: Vietnamese "Thế Kỷ" folds to
        # "the ky", and a "ThếKỷ" elsewhere must still line up.
        spelled.append(token)
        if token in STOPWORDS:
            continue
        canonical = _canonical(token)
        if tokens and tokens[-1] == canonical:
            continue  # "tap doan" -> "group group": one word
        tokens.append(canonical)
    if not tokens and core:
        # A name that is only stop words or connectors ("The A & B") keeps its letters.
        tokens = [t for t in core if not t.isdigit()]
    script = script_of(name)
    seen_codes: dict[str, str] = {}
    for form in forms:
        seen_codes.setdefault(form.code, form.kind)
    return NormalisedName(
        original=name,
        tokens=tuple(tokens),
        spelled="".join(spelled),
        key=" ".join(tokens),
        compact="".join(tokens),
        numbers=tuple(sorted(numbers, key=lambda n: (len(n), n))),
        legal_forms=tuple(seen_codes),
        legal_kinds=tuple(sorted(set(seen_codes.values()))),
        words=tuple(
            t for t in raw_tokens if t not in CONNECTORS and t not in STOPWORDS and not t.isdigit()
        ),
        transliterated=script == "other"
        or (not _APOSTROPHE_CHARS.isdisjoint(name) and _UZBEK_APOSTROPHE.search(name) is not None),
        han=script == "han",
        distinctive="".join(w for w in tokens if w not in GENERIC_TOKENS),
        places=tuple(
            before
            for before, after in itertools.pairwise(raw_tokens)
            if after == "shi" and before not in STOPWORDS
        )
        if "shi" in raw_tokens
        else (),
    )


def normalise_registration_number(value: str | None) -> str | None:
    """Registration numbers compare on letters and digits only: "91-4403/00.12" = "9144030012"."""
    if value is None:
        return None
    cleaned = _NON_ALNUM.sub("", fold_text(value))
    # Placeholders that clients type when they have no number.
    if cleaned in {"", "na", "nil", "none", "null", "unknown", "tbc", "tbd", "pending"}:
        return None
    if set(cleaned) == {"0"}:
        return None
    if cleaned.isdigit():
        # Spreadsheets drop leading zeros of numeric ids ("01234567" -> 1234567).
        cleaned = cleaned.lstrip("0")
    return cleaned.upper()


# "Thanh pho Ho Chi Minh", "Shenzhen Shi", "Kota Bandung", "Mexico City".
_PLACE_WORDS: frozenset[str] = frozenset({"city", "shi", "kota", "thanh", "pho", "tp", "district"})


@lru_cache(maxsize=65_536)
def normalise_place(value: str | None) -> str | None:
    """Cities compare folded, without punctuation: "Hồ Chí Minh" = "Ho Chi Minh"."""
    if value is None:
        return None
    tokens = [t for t in tokenise(value) if t not in _PLACE_WORDS]
    place = " ".join(tokens)
    return CITY_ALIASES.get(place, place) or None


# Every word of every legal-form alias ("co", "ltd", "sanayi" ...), for acronym readings.
LEGAL_WORDS: frozenset[str] = _legal_words()
