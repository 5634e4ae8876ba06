"""Supplier-name normalisation: fold, tokenise, strip legal forms, canonicalise words.

The pipeline, in order, and why each step sits where it does:

1. NFKC, so full-width "ＡＢＣ" and ligatures are plain letters before anything else.
2. Chinese legal-form and industry words are mapped to English (有限公司 -> "co ltd")
   while they are still recognisable.
3. Transliteration with ``anyascii`` (ISC licence): accents, Vietnamese tones, đ, ß -> ss,
   Turkish ı/İ, Cyrillic, Greek, Thai, Bengali, CJK (one syllable per character, spaced,
   so the compact form still lines up with a romanised rendering). Lower-casing happens
   after it, which sidesteps Python's "İ".lower() == "i̇" trap.
4. "&" and "+" become "and"; apostrophes vanish ("Levi's" = "Levis"); every other
   non-alphanumeric is a space; letters and digits are split ("Unit2" -> "unit 2").
5. Runs of single letters are joined: "S. A. de C. V." -> "sa de cv", "P.T." -> "pt",
   "A B C Textiles" -> "abc textiles".
6. Legal forms are stripped from the ends (``legal_forms.LEGAL_FORMS``) and recorded.
7. Connectors and stop words go, abbreviations and translations become one English word,
   plurals are stemmed, numbers (digits and Roman numerals) are set aside because they
   are compared on their own: "Factory No. 2" is never "Factory No. 3".
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from anyascii import anyascii

from screening.matching.legal_forms import LEGAL_FORMS, LegalForm
from screening.matching.vocabulary import (
    CITY_ALIASES,
    CJK_WORDS,
    CONNECTORS,
    NUMBER_CONTEXT,
    ORDINAL_SUFFIXES,
    ROMAN_NUMERALS,
    STOPWORDS,
    SYNONYMS,
)

_NON_ALNUM = re.compile(r"[^a-z0-9]+")
_LETTER_DIGIT = re.compile(r"(?<=[a-z])(?=[0-9])|(?<=[0-9])(?=[a-z])")
_APOSTROPHES = re.compile(r"['`´]")
_BRACKETS = re.compile(r"[()\[\]{}]")
_CJK_RE = re.compile("|".join(re.escape(word) for word, _ in CJK_WORDS))
_CJK_MAP = dict(CJK_WORDS)

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


def _is_cjk(char: str) -> bool:
    code = ord(char)
    return (
        0x2E80 <= code <= 0x9FFF  # CJK radicals, kana, unified ideographs
        or 0xAC00 <= code <= 0xD7AF  # Hangul syllables
        or 0xF900 <= code <= 0xFAFF
        or 0x20000 <= code <= 0x2FA1F
    )


def fold_text(text: str) -> str:
    """Fold any script to lower-case ASCII: "Công ty TNHH Việt Tiến" -> "cong ty tnhh viet tien"."""
    text = unicodedata.normalize("NFKC", text)
    if text.isascii():
        return text.lower()
    text = _CJK_RE.sub(lambda m: _CJK_MAP[m.group(0)], text)
    parts: list[str] = []
    for char in text:
        if char.isascii():
            parts.append(char)
        elif _is_cjk(char):
            parts.append(" " + anyascii(char) + " ")
        else:
            parts.append(anyascii(char))
    return "".join(parts).lower()


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
    folded = fold_text(text).replace("&", " and ").replace("+", " and ")
    folded = _APOSTROPHES.sub("", folded)
    tokens: list[str] = []
    # Brackets end a run of initials: "Plant I (M) Sdn Bhd" is "plant i", "m sdn bhd".
    for segment in _BRACKETS.split(folded):
        segment = _NON_ALNUM.sub(" ", segment)
        segment = _LETTER_DIGIT.sub(" ", segment)
        tokens.extend(_join_single_letters(segment.split()))
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

    @property
    def compact_forms(self) -> tuple[str, ...]:
        """Both space-free readings; comparison takes the closer pair."""
        return (self.compact, self.spelled) if self.spelled != self.compact else (self.compact,)


@lru_cache(maxsize=262_144)
def normalise_name(name: str) -> NormalisedName:
    """Normalise one supplier name; cached because uploads repeat names a lot."""
    raw_tokens = tokenise(name)
    core, forms = _strip_legal_forms(raw_tokens)
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
        canonical = _stem(SYNONYMS.get(token, token))
        canonical = SYNONYMS.get(canonical, canonical)
        if tokens and tokens[-1] == canonical:
            continue  # "tap doan" -> "group group": one word
        tokens.append(canonical)
    if not tokens and core:
        # A name that is only stop words or connectors ("The A & B") keeps its letters.
        tokens = [t for t in core if not t.isdigit()]
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
