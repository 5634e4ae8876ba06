"""Turn what users type (countries, sectors, products, audit findings) into risk-data keys.

Lookups run per uploaded row (100k rows per import), so every index is built once per
``RiskData`` and repeated inputs are answered from a cache. Exact matches (codes, names,
synonyms) have confidence 1.0; matches on a phrase inside a longer text 0.9 (0.75 for a
single generic word); fuzzy matches their rapidfuzz similarity scaled below 0.9, so a
caller can always tell a sure match from a guess.

Countries never match fuzzily: a near miss ("Niger" / "Nigeria") would silently change the
risk, so a typo raises ``UnknownValueError`` with the closest names instead.

Valid ISO 3166-1 countries that no source covers (e.g. Monaco, Antarctica) resolve to a
``Country`` with no TIP tier, no flags and no citations: the country is known, the sources
say nothing about it, and the scoring engine treats that as "not assessed", not as low risk.
"""

from __future__ import annotations

import gettext
import re
import threading
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

import pycountry
from rapidfuzz import fuzz, process

from risk_data.derived import derived
from risk_data.errors import UnknownValueError
from risk_data.types import Country, Good, InputGood, RiskData, Sector

EXACT = 1.0
PHRASE = 0.9
SINGLE_WORD = 0.75
FUZZY_CEILING = 0.85
_FUZZY_CUTOFF = 85.0
_SUGGESTIONS = 3
_CACHE_LIMIT = 50_000

# Common names that neither pycountry nor the sources spell. Keys are normalised text.
COUNTRY_ALIASES: dict[str, str] = {
    "burma": "MM",
    "myanmar": "MM",
    "ivory coast": "CI",
    "cote d ivoire": "CI",
    "turkiye": "TR",
    "turkey": "TR",
    "viet nam": "VN",
    "korea south": "KR",
    "south korea": "KR",
    "republic of korea": "KR",
    "rok": "KR",
    "korea north": "KP",
    "north korea": "KP",
    "dprk": "KP",
    "uae": "AE",
    "u a e": "AE",
    "emirates": "AE",
    "prc": "CN",
    "mainland china": "CN",
    "peoples republic of china": "CN",
    "uk": "GB",
    "u k": "GB",
    "great britain": "GB",
    "britain": "GB",
    "england": "GB",
    "scotland": "GB",
    "wales": "GB",
    "northern ireland": "GB",
    "usa": "US",
    "u s a": "US",
    "us": "US",
    "u s": "US",
    "united states": "US",
    "america": "US",
    "russia": "RU",
    "laos": "LA",
    "lao pdr": "LA",
    "syria": "SY",
    "iran": "IR",
    "czech republic": "CZ",
    "cape verde": "CV",
    "swaziland": "SZ",
    "macedonia": "MK",
    "fyrom": "MK",
    "east timor": "TL",
    "brunei": "BN",
    "micronesia": "FM",
    "drc": "CD",
    "dr congo": "CD",
    "congo kinshasa": "CD",
    "democratic republic of congo": "CD",
    "congo brazzaville": "CG",
    "republic of congo": "CG",
    "holland": "NL",
    "the netherlands": "NL",
    "kyrgyz republic": "KG",
    "the gambia": "GM",
    "hong kong sar": "HK",
    "hong kong sar china": "HK",
    "macau": "MO",
    "macao sar": "MO",
    "vatican": "VA",
    "vatican city": "VA",
    "holy see": "VA",
    "palestine": "PS",
    "west bank": "PS",
    "gaza": "PS",
    "kosovo": "XK",
    "taiwan roc": "TW",
    "republic of china": "TW",
    "saint vincent": "VC",
    "st vincent": "VC",
    "st vincent and the grenadines": "VC",
    "st lucia": "LC",
    "st kitts and nevis": "KN",
    "bosnia": "BA",
    "curacao": "CW",
    "sint maarten": "SX",
    "bolivia": "BO",
    "venezuela": "VE",
    "tanzania": "TZ",
    "moldova": "MD",
}

# Product words suppliers write for ILAB goods. Values are ILAB good names.
GOOD_ALIASES: dict[str, str] = {
    "apparel": "Garments",
    "clothing": "Garments",
    "clothes": "Garments",
    "cacao": "Cocoa",
    "cocoa beans": "Cocoa",
    "cocoa bean": "Cocoa",
    "sugar cane": "Sugarcane",
    "sugar": "Sugarcane",
    "prawn": "Shrimp",
    "prawns": "Shrimp",
    "solar panel": "Solar Modules",
    "solar panels": "Solar Modules",
    "pv module": "Solar Modules",
    "pv modules": "Solar Modules",
    "cassava": "Manioc/Cassava",
    "cobalt": "Cobalt ore (heterogenite)",
    "tantalum": "Tantalum ore (coltan)",
    "tungsten": "Tungsten ore (wolframite)",
    "cassiterite": "Tin ore (cassiterite)",
    "batteries": "Lithium-Ion Batteries",
    "li ion batteries": "Lithium-Ion Batteries",
    "gemstones": "Gems",
    "smartphones": "Electronics",
    "mobile phones": "Electronics",
    "laptops": "Electronics",
    "yarn": "Thread/Yarn",
    "thread": "Thread/Yarn",
    "cotton yarn": "Thread/Yarn",
    "fabric": "Textiles",
    "fabrics": "Textiles",
    "shoes": "Footwear",
    "sandals": "Footwear (sandals)",
    "cattle": "Cattle",
    "beef cattle": "Cattle",
    "wood": "Timber",
    "lumber": "Timber",
    "fireworks": "Fireworks",
    "rubber gloves": "Rubber Gloves",
    "nitrile gloves": "Rubber Gloves",
    "medical gloves": "Rubber Gloves",
    # Glove wording of buyers' product lists: disposable and medical gloves are the rubber
    # gloves ILAB lists (Malaysia); "gloves" alone is ILAB's "Gloves" only where that is the
    # listed good (China), see ``_prefer_good``.
    "gloves": "Rubber Gloves",
    "latex gloves": "Rubber Gloves",
    "examination gloves": "Rubber Gloves",
    "exam gloves": "Rubber Gloves",
    "surgical gloves": "Rubber Gloves",
    "disposable gloves": "Rubber Gloves",
    "vinyl gloves": "Rubber Gloves",
    # Palm oil is made from palm fruit, the good ILAB lists with forced labour (Malaysia).
    "palm oil": "Palm Fruit",
    "palm fruit bunches": "Palm Fruit",
    "fresh fruit bunches": "Palm Fruit",
    "ffb": "Palm Fruit",
    "tomato paste": "Tomato Products",
    "tomato puree": "Tomato Products",
    "tomato concentrate": "Tomato Products",
    "tomato sauce": "Tomato Products",
    "canned tomatoes": "Tomato Products",
    "ketchup": "Tomato Products",
    # Wafers and ingots are made from polysilicon: ILAB's input good (see ``GoodMatch.inputs``).
    "solar wafers": "Photovoltaic Wafers",
    "silicon wafers": "Photovoltaic Wafers",
    "pv wafers": "Photovoltaic Wafers",
    "wafers": "Photovoltaic Wafers",
    "solar ingots": "Photovoltaic Ingots",
    "silicon ingots": "Photovoltaic Ingots",
    "solar grade silicon": "Polysilicon",
    "poly silicon": "Polysilicon",
    "solar cell": "Solar Cells",
    "pv cells": "Solar Cells",
}

# HS codes (WCO Harmonized System 2022 headings and subheadings) for ILAB goods, longest
# prefix first. A client's code narrows a product to the good; see docs/methodology.md.
HS_GOODS: dict[str, str] = {
    "401511": "Rubber Gloves",  # surgical gloves of vulcanised rubber
    "401512": "Rubber Gloves",  # medical, surgical, dental or veterinary gloves
    "401519": "Rubber Gloves",  # other gloves of vulcanised rubber
    "1511": "Palm Fruit",  # palm oil and its fractions
    "1207": "Palm Fruit",  # palm nuts and kernels (1207.10)
    "2002": "Tomato Products",  # tomatoes prepared or preserved
    "0702": "Tomatoes",
    "280461": "Polysilicon",  # silicon, at least 99.99 % pure
    "381800": "Photovoltaic Wafers",  # doped chemical elements in discs or wafers
    "854142": "Solar Cells",  # photovoltaic cells not assembled in modules
    "854143": "Solar Modules",  # photovoltaic cells assembled in modules
    "5201": "Cotton",
    "0306": "Shrimp",
    "1801": "Cocoa",
    "0901": "Coffee",
    "1701": "Sugarcane",
    "4001": "Rubber",
    "6116": "Gloves",  # gloves, knitted or crocheted
    "4203": "Gloves",  # articles of apparel of leather, gloves
    "61": "Garments",  # apparel, knitted or crocheted
    "62": "Garments",  # apparel, not knitted
    "64": "Footwear",
    "7108": "Gold",
}
_HS_CODE = re.compile(
    r"^\s*(?:hs\s*(?:code)?\s*:?\s*)?(\d{2,4})[.\s]?(\d{2})?[.\s]?(\d{2,4})?\s*$", re.I
)

# Languages of supplier lists whose country names pycountry translates (gettext catalogues
# shipped with pycountry): a name in one of them resolves like the English one.
COUNTRY_NAME_LANGUAGES: tuple[str, ...] = (
    "de",
    "fr",
    "es",
    "pt",
    "pt_BR",
    "it",
    "nl",
    "tr",
    "vi",
    "id",
    "ms",
    "th",
    "km",
    "my",
    "zh_CN",
    "zh_TW",
    "zh_HK",
    "ja",
    "ko",
    "ru",
    "uk",
    "uz",
    "kk",
    "ky",
    "tg",
    "ar",
    "fa",
    "ur",
    "bn",
    "hi",
    "ta",
    "si",
    "ne",
    "pl",
    "cs",
    "ro",
    "hu",
    "sv",
    "da",
    "fi",
    "el",
    "he",
    "sw",
    "am",
)

# Broad sectors lose to a specific one when both appear in a text ("garment factory").
_GENERIC_SECTORS = frozenset({"manufacturing", "services"})
_NON_ALNUM = re.compile(r"[^0-9a-z]+")


def normalize(text: str) -> str:
    """Case-, accent- and punctuation-insensitive form used by every index."""
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    lowered = stripped.casefold().replace("&", " and ").replace("'", "").replace("’", "")
    return " ".join(_NON_ALNUM.sub(" ", lowered).split())


def _singular(normalized: str) -> str:
    """Crude English singular per word, enough to match "brick" to "bricks"."""
    words = []
    for word in normalized.split():
        if len(word) > 4 and word.endswith("ies"):
            word = word[:-3] + "y"
        elif len(word) > 3 and word.endswith("oes"):
            word = word[:-2]
        elif len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
            word = word[:-1]
        words.append(word)
    return " ".join(words)


def _phrases(normalized: str, max_words: int = 6) -> Iterable[str]:
    words = normalized.split()
    for size in range(min(max_words, len(words)), 0, -1):
        for start in range(len(words) - size + 1):
            yield " ".join(words[start : start + size])


@dataclass(frozen=True, slots=True)
class SectorMatch:
    sector: Sector
    confidence: float
    matched: str  # the accepted code, name or synonym the value matched


@dataclass(frozen=True, slots=True)
class GoodMatch:
    name: str  # the ILAB good name
    confidence: float
    matched: str  # the accepted name or alias the value matched
    goods: tuple[Good, ...] = ()  # ILAB rows of this good (only the given country's, if any)
    # ILAB's inputs to this good made with forced or child labour elsewhere (only the given
    # country's, if any): "solar wafers" are made from polysilicon.
    inputs: tuple[InputGood, ...] = ()

    @property
    def listed(self) -> bool:
        """True when ILAB lists this good (for the given country, when one was given)."""
        return bool(self.goods)


@dataclass(frozen=True, slots=True)
class IndicatorMatch:
    code: str
    confidence: float
    matched_synonym: str


class RiskLookup:
    """Precomputed indexes over one ``RiskData``; thread-safe for reads."""

    def __init__(self, data: RiskData) -> None:
        self.data = data
        self._lock = threading.Lock()
        self._cache: dict[tuple[str, str, str], object] = {}
        self._build_country_index()
        self._build_sector_index()
        self._build_good_index()
        self._build_indicator_index()

    # --- countries ---------------------------------------------------------------------

    def _build_country_index(self) -> None:
        data = self.data
        self._unlisted: dict[str, Country] = {}
        self._iso3: dict[str, str] = {"XKX": "XK"}
        for record in pycountry.countries:
            self._iso3[str(record.alpha_3)] = str(record.alpha_2)
        for listed in data.countries.values():
            if listed.iso3:
                self._iso3[listed.iso3] = listed.iso2

        names: dict[str, str] = {}

        def add(name: str | None, iso2: str) -> None:
            if not name:
                return
            for variant in _name_variants(name):
                names.setdefault(variant, iso2)

        for alias, iso2 in COUNTRY_ALIASES.items():
            names.setdefault(alias, iso2)
        for listed in data.countries.values():
            add(listed.name, listed.iso2)
            add(listed.tip_name, listed.iso2)
            add(listed.ilab_name, listed.iso2)
        for entry in pycountry.countries:
            iso2 = str(entry.alpha_2)
            for attribute in ("name", "common_name", "official_name"):
                add(getattr(entry, attribute, None), iso2)
        self._country_names = names
        self._country_choices = list(names)

    def _country(self, iso2: str) -> Country:
        known = self.data.countries.get(iso2)
        if known is not None:
            return known
        if iso2 not in self._unlisted:
            record: Any = pycountry.countries.get(alpha_2=iso2)
            name = str(getattr(record, "common_name", None) or record.name)
            self._unlisted[iso2] = Country(
                iso2=iso2,
                name=name,
                tip_name=None,
                tip_tier=None,
                tip_year=None,
                iso3=str(record.alpha_3),
            )
        return self._unlisted[iso2]

    def _is_iso2(self, code: str) -> bool:
        return code in self.data.countries or (
            code != "XK" and pycountry.countries.get(alpha_2=code) is not None
        )

    def resolve_country(self, value: str) -> Country:
        raw = value.strip()
        code = raw.upper()
        if len(code) == 2 and code.isalpha() and self._is_iso2(code):
            return self._country(code)
        if len(code) == 3 and code.isalpha() and code in self._iso3:
            return self._country(self._iso3[code])
        key = normalize(raw)
        iso2 = self._country_names.get(key) or self._country_names.get(_strip_article(key))
        if iso2 is None:
            translated = translated_country_names()
            iso2 = translated.get(key) or translated.get(_unicode_key(raw))
        if iso2 is not None:
            return self._country(iso2)
        raise UnknownValueError("country", value, self._country_suggestions(key))

    def _country_suggestions(self, key: str) -> tuple[str, ...]:
        if not key:
            return ()
        found: list[str] = []
        for choice, _score, _index in process.extract(
            key, self._country_choices, scorer=fuzz.WRatio, limit=15
        ):
            country = self._country(self._country_names[choice])
            label = f"{country.name} ({country.iso2})"
            if label not in found:
                found.append(label)
            if len(found) == _SUGGESTIONS:
                break
        return tuple(found)

    # --- sectors -----------------------------------------------------------------------

    def _build_sector_index(self) -> None:
        terms: dict[str, tuple[str, str]] = {}  # normalised term -> (sector code, term as written)
        for sector in self.data.sectors.values():
            for term in (sector.code, sector.code.replace("_", " "), sector.name, *sector.synonyms):
                for key in (normalize(term), _singular(normalize(term))):
                    if key:
                        terms.setdefault(key, (sector.code, term))
        self._sector_terms = terms
        self._sector_choices = list(terms)

    def resolve_sector(self, value: str) -> SectorMatch:
        return self._cached("sector", value, "", lambda: self._resolve_sector(value))  # type: ignore[return-value]

    def _resolve_sector(self, value: str) -> SectorMatch:
        key = normalize(value)
        sectors = self.data.sectors
        for candidate in (key, _singular(key)):
            if candidate in self._sector_terms:
                code, term = self._sector_terms[candidate]
                return SectorMatch(sectors[code], EXACT, term)
        best: tuple[bool, int, str] | None = None
        for phrase in _phrases(key):
            for candidate in (phrase, _singular(phrase)):
                hit = self._sector_terms.get(candidate)
                if hit is None:
                    continue
                rank = (hit[0] not in _GENERIC_SECTORS, len(candidate), candidate)
                if best is None or rank[:2] > best[:2]:
                    best = rank
        if best is not None:
            code, term = self._sector_terms[best[2]]
            confidence = PHRASE if " " in best[2] or len(best[2]) > 5 else SINGLE_WORD
            return SectorMatch(sectors[code], confidence, term)
        fuzzy = process.extractOne(
            key, self._sector_choices, scorer=fuzz.ratio, score_cutoff=_FUZZY_CUTOFF
        )
        if fuzzy is not None:
            code, term = self._sector_terms[fuzzy[0]]
            return SectorMatch(sectors[code], round(fuzzy[1] / 100 * FUZZY_CEILING, 3), term)
        raise UnknownValueError(
            "sector",
            value,
            self._suggest(key, self._sector_choices, lambda k: self._sector_terms[k][0]),
        )

    # --- goods -------------------------------------------------------------------------

    def _build_good_index(self) -> None:
        by_name: dict[str, list[Good]] = {}
        for good in self.data.goods:
            by_name.setdefault(good.name, []).append(good)
        self._goods_by_name = {name: tuple(rows) for name, rows in by_name.items()}

        keys: dict[str, list[str]] = {}  # normalised key -> good names

        def add(key: str, name: str) -> None:
            for variant in (key, _singular(key)):
                if variant and name not in keys.setdefault(variant, []):
                    keys[variant].append(name)

        for name in sorted(self._goods_by_name):
            add(normalize(name), name)
            base, _, detail = name.partition("(")
            add(normalize(base), name)
            for part in (*detail.rstrip(")").split(","), *name.split("/")):
                if normalize(part) and "(" not in part:
                    add(normalize(part), name)
        for alias, name in GOOD_ALIASES.items():
            if name in self._goods_by_name:
                add(normalize(alias), name)
        self._alias_targets = {
            normalize(alias): name
            for alias, name in GOOD_ALIASES.items()
            if name in self._goods_by_name
        }
        self._good_keys = {key: tuple(names) for key, names in keys.items()}
        inputs: dict[str, list[InputGood]] = {}
        for entry in self.data.input_goods:
            inputs.setdefault(entry.good, []).append(entry)
        self._inputs = {good: tuple(rows) for good, rows in inputs.items()}
        self._good_choices = list(self._good_keys)

    def match_good(self, value: str, country: str | None = None) -> GoodMatch:
        found = self.find_good(value, country)
        if found is None:
            key = normalize(value)
            raise UnknownValueError(
                "good",
                value,
                self._suggest(key, self._good_choices, lambda k: self._good_keys[k][0]),
            )
        return found

    def find_good(
        self, value: str, country: str | None = None, hs_code: str | None = None
    ) -> GoodMatch | None:
        iso2 = None if country is None else self.resolve_country(country).iso2
        return self._cached(  # type: ignore[return-value]
            "good",
            value,
            f"{iso2 or ''}|{hs_code or ''}",
            lambda: self._find_good(value, iso2, hs_code),
        )

    def _find_good(
        self, value: str, iso2: str | None, hs_code: str | None = None
    ) -> GoodMatch | None:
        # A product written as an HS code ("4015.19", "HS 151110"), or a client's HS code for
        # a product whose wording names no ILAB good.
        for code in (value, hs_code):
            name = _good_for_hs(code) if code else None
            if (
                name is not None
                and name in self._goods_by_name
                and (code is value or self._find_good(value, iso2) is None)
            ):
                return self._good_match(name, HS_CONFIDENCE, f"HS {_hs_digits(code or '')}", iso2)
        key = normalize(value)
        hit: tuple[str, float] | None = None
        for candidate in (key, _singular(key)):
            if candidate in self._good_keys:
                hit = (candidate, EXACT)
                break
        if hit is None:
            for phrase in _phrases(key):
                candidate = phrase if phrase in self._good_keys else _singular(phrase)
                if candidate in self._good_keys:
                    hit = (candidate, PHRASE if " " in candidate else SINGLE_WORD)
                    break
        if hit is None:
            fuzzy = process.extractOne(
                key, self._good_choices, scorer=fuzz.ratio, score_cutoff=_FUZZY_CUTOFF
            )
            if fuzzy is None:
                return None
            hit = (fuzzy[0], round(fuzzy[1] / 100 * FUZZY_CEILING, 3))
        matched_key, confidence = hit
        names = self._good_keys[matched_key]
        name = self._prefer_good(names, matched_key, iso2)
        return self._good_match(name, confidence, matched_key, iso2)

    def _good_match(
        self, name: str, confidence: float, matched: str, iso2: str | None
    ) -> GoodMatch:
        rows = self._goods_by_name[name]
        inputs = self._inputs.get(name, ())
        if iso2 is not None:
            rows = tuple(g for g in rows if g.country_iso2 == iso2)
            inputs = tuple(i for i in inputs if i.country_iso2 == iso2)
        return GoodMatch(name, confidence, matched, rows, inputs)

    def _prefer_good(self, names: tuple[str, ...], key: str, iso2: str | None) -> str:
        """The good listed for the country first; then the one our product wording points to
        ("gloves" -> Rubber Gloves); then the good of that exact name; then the shortest."""
        if iso2 is not None:
            listed = [
                n for n in names if any(g.country_iso2 == iso2 for g in self._goods_by_name[n])
            ]
            if listed:
                names = tuple(listed)
        target = self._alias_targets.get(key)
        if target in names:
            return target
        exact = [n for n in names if normalize(n) == key]
        return exact[0] if exact else min(names, key=len)

    # --- indicators --------------------------------------------------------------------

    def _build_indicator_index(self) -> None:
        terms: dict[str, tuple[str, str]] = {}
        for indicator in self.data.indicators.values():
            for term in (
                indicator.code,
                indicator.code.replace("_", " "),
                indicator.name,
                *indicator.synonyms,
            ):
                key = normalize(term)
                if key:
                    terms.setdefault(key, (indicator.code, term))
        self._indicator_terms = terms
        # Longest first, so the most specific phrase in a text wins.
        self._indicator_phrases = [
            (key, f" {key} ", f" {_singular(key)} ")
            for key in sorted(terms, key=lambda k: (-len(k.split()), -len(k), k))
        ]
        self._indicator_choices = [k for k in terms if " " in k]

    def match_indicator(self, text: str) -> IndicatorMatch | None:
        return self._cached("indicator", text, "", lambda: self._match_indicator(text))  # type: ignore[return-value]

    def _match_indicator(self, text: str) -> IndicatorMatch | None:
        key = normalize(text)
        if not key:
            return None
        if key in self._indicator_terms:
            code, term = self._indicator_terms[key]
            return IndicatorMatch(code, EXACT, term)
        matches = self.match_indicators(text)
        if matches:
            return matches[0]
        fuzzy = process.extractOne(
            key, self._indicator_choices, scorer=fuzz.token_set_ratio, score_cutoff=_FUZZY_CUTOFF
        )
        if fuzzy is None:
            return None
        code, term = self._indicator_terms[fuzzy[0]]
        return IndicatorMatch(code, round(fuzzy[1] / 100 * FUZZY_CEILING, 3), term)

    def match_indicators(self, text: str) -> tuple[IndicatorMatch, ...]:
        """Every indicator a finding text names, best phrase per indicator, best first."""
        padded = f" {normalize(text)} "
        singular = f" {_singular(padded.strip())} "
        best: dict[str, IndicatorMatch] = {}
        for key, needle, singular_needle in self._indicator_phrases:
            if needle not in padded and singular_needle not in singular:
                continue
            code, term = self._indicator_terms[key]
            if code in best:
                continue
            confidence = EXACT if padded.strip() == key else PHRASE if " " in key else SINGLE_WORD
            best[code] = IndicatorMatch(code, confidence, term)
        return tuple(
            sorted(best.values(), key=lambda m: (-m.confidence, -len(m.matched_synonym), m.code))
        )

    # --- shared ------------------------------------------------------------------------

    def _suggest(
        self, key: str, choices: list[str], label: Callable[[str], str]
    ) -> tuple[str, ...]:
        if not key:
            return tuple(sorted({label(c) for c in choices}))[:_SUGGESTIONS]
        found: list[str] = []
        for choice, _score, _index in process.extract(key, choices, scorer=fuzz.WRatio, limit=20):
            name = label(choice)
            if name not in found:
                found.append(name)
            if len(found) == _SUGGESTIONS:
                break
        return tuple(found)

    def _cached(self, kind: str, value: str, extra: str, compute: Callable[[], object]) -> object:
        cache_key = (kind, value, extra)
        try:
            return self._cache[cache_key]
        except KeyError:
            pass
        result = compute()
        with self._lock:
            if len(self._cache) >= _CACHE_LIMIT:
                self._cache.clear()
            self._cache[cache_key] = result
        return result


HS_CONFIDENCE = 0.95  # an HS heading names a class of goods, not always the ILAB good itself


def _hs_digits(code: str) -> str:
    return re.sub(r"\D", "", code)


def _good_for_hs(code: str) -> str | None:
    if _HS_CODE.match(code) is None:
        return None
    digits = _hs_digits(code)
    for size in (6, 4, 2):
        name = HS_GOODS.get(digits[:size]) if len(digits) >= size else None
        if name is not None:
            return name
    return None


def _unicode_key(text: str) -> str:
    """Case-folded letters of any script, single-spaced: "中华人民共和国", "germania"."""
    text = unicodedata.normalize("NFKC", text).casefold()
    return " ".join(re.sub(r"[\W_]+", " ", text).split())


_TRANSLATED: dict[str, str] | None = None
_TRANSLATED_LOCK = threading.Lock()


def translated_country_names() -> dict[str, str]:
    """Country names in ``COUNTRY_NAME_LANGUAGES`` from pycountry's gettext catalogues, by
    normalised and by Unicode key. A name that means two countries in two languages is left
    out. Built on the first miss of the English index (about 0.3 s), then kept."""
    global _TRANSLATED
    if _TRANSLATED is not None:
        return _TRANSLATED
    with _TRANSLATED_LOCK:
        if _TRANSLATED is None:
            found: dict[str, set[str]] = {}
            for language in COUNTRY_NAME_LANGUAGES:
                try:
                    catalogue = gettext.translation(
                        "iso3166-1", pycountry.LOCALES_DIR, languages=[language]
                    )
                except OSError:
                    continue
                for entry in pycountry.countries:
                    for attribute in ("name", "common_name", "official_name"):
                        english = getattr(entry, attribute, None)
                        if not english:
                            continue
                        local = catalogue.gettext(english)
                        for key in {normalize(local), _unicode_key(local)}:
                            if key:
                                found.setdefault(key, set()).add(str(entry.alpha_2))
            _TRANSLATED = {key: next(iter(c)) for key, c in found.items() if len(c) == 1}
    return _TRANSLATED


def _strip_article(key: str) -> str:
    return key[4:] if key.startswith("the ") else key


def _name_variants(name: str) -> set[str]:
    """A name, its form without a leading article, and the "Korea, Republic of" →
    "Republic of Korea" inversion the TIP Report and ISO lists use. The part before the
    comma alone is kept only for "Bahamas, The": "Korea" or "Congo" alone is ambiguous."""
    variants = {normalize(name)}
    without_brackets = re.sub(r"\s*\([^)]*\)", "", name)
    variants.add(normalize(without_brackets))
    for bracketed in re.findall(r"\(([^)]*)\)", name):
        if "part" not in bracketed:  # "Sint Maarten (Dutch part)" is no name of its own
            variants.add(normalize(bracketed))
    for form in (name, without_brackets):
        head, comma, tail = form.partition(",")
        if comma:
            variants.add(normalize(f"{tail} {head}"))
            if normalize(tail) == "the":
                variants.add(normalize(head))
    variants |= {_strip_article(v) for v in variants}
    variants.discard("")
    return variants


def lookup_for(data: RiskData) -> RiskLookup:
    """The (cached) indexes for one risk-data version."""
    return derived(data, RiskLookup)


def resolve_country(value: str, data: RiskData) -> Country:
    """ISO alpha-2 or alpha-3 (any case) or a name in common spellings; raises
    ``UnknownValueError`` with the closest names otherwise. ``"NA"`` is Namibia."""
    return lookup_for(data).resolve_country(value)


def resolve_sector(value: str, data: RiskData) -> SectorMatch:
    return lookup_for(data).resolve_sector(value)


def match_good(value: str, data: RiskData, country: str | None = None) -> GoodMatch:
    return lookup_for(data).match_good(value, country)


def find_good(
    value: str, data: RiskData, country: str | None = None, hs_code: str | None = None
) -> GoodMatch | None:
    """Like ``match_good`` but returns None for a product that is not on the ILAB list.
    ``hs_code`` (a client's HS code for the product) is used when the wording names no good."""
    return lookup_for(data).find_good(value, country, hs_code)


def match_indicator(text: str, data: RiskData) -> IndicatorMatch | None:
    return lookup_for(data).match_indicator(text)


def match_indicators(text: str, data: RiskData) -> tuple[IndicatorMatch, ...]:
    return lookup_for(data).match_indicators(text)
