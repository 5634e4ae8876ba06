"""ISO 3166-2 subdivisions (pycountry): a supplier's region text to a subdivision code.

A region is free text ("Xinjiang", "Xinjiang Uyghur Autonomous Region", "XUAR", "CN-XJ",
"新疆", "Nord-Kivu"); where it names one subdivision of the supplier's country it resolves to
that code, otherwise to ``None`` (many regions are not subdivisions: "brick kilns", "Amazon").
Names match after folding accents and case and dropping the words that say what kind of
subdivision it is ("Sheng", "Zizhiqu", "Province", "Autonomous Region"). Never fuzzy: a near
miss would move a supplier into another province's risk.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass
from typing import Any

import pycountry

from risk_data.errors import UnknownValueError

# pycountry's database objects are untyped; read through one Any-typed name.
_SUBDIVISIONS: Any = pycountry.subdivisions


@dataclass(frozen=True, slots=True)
class Subdivision:
    code: str  # ISO 3166-2, e.g. "CN-XJ"
    name: str  # as ISO 3166-2 (pycountry) writes it
    country_iso2: str
    type: str


# Words that name the kind of subdivision, in the languages ISO 3166-2 writes the names in
# and in English; dropped so "Sichuan Sheng", "Sichuan Province" and "Sichuan" agree.
_KIND_WORDS = frozenset(
    [
        "sheng",
        "shi",
        "zizhiqu",
        "uygur",
        "uyghur",
        "uighur",
        "weiwuer",
        "huizu",
        "zhuangzu",
        "tebie",
        "xingzhengqu",
        "province",
        "provincia",
        "provinsi",
        "state",
        "estado",
        "region",
        "autonomous",
        "autonoma",
        "municipality",
        "special",
        "administrative",
        "of",
        "the",
        "de",
        "do",
        "la",
        "prefecture",
        "county",
        "district",
        "oblast",
        "respublika",
        "kray",
    ]
)
# Compass words in French, Spanish and Portuguese names ("Nord-Kivu" is "North Kivu").
_COMPASS = {"nord": "north", "sud": "south", "norte": "north", "sur": "south", "est": "east"}
# Names in common use that ISO 3166-2 does not write, by the code they mean. Small on
# purpose: each one is a name people write for the place, checked against the code.
_ALIASES: dict[str, tuple[str, ...]] = {
    "CN-XJ": (
        "xuar",
        "xinjiang uyghur autonomous region",
        "sinkiang",
        "新疆",
        "新疆维吾尔自治区",
        "east turkestan",
    ),
    "CN-XZ": ("tibet", "tibet autonomous region", "西藏"),
    "CN-NM": ("inner mongolia", "内蒙古"),
    "CN-GX": ("guangxi", "广西"),
    "CN-NX": ("ningxia", "宁夏"),
}
_CODE = re.compile(r"^([A-Za-z]{2})[-\s]?([A-Za-z0-9]{1,3})$")


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(re.sub(r"[^\w]+", " ", plain).split())


def _key(text: str) -> str:
    words = [_COMPASS.get(w, w) for w in _fold(text).split()]
    kept = [w for w in words if w not in _KIND_WORDS]
    return " ".join(kept or words)


@functools.cache
def _country_index(iso2: str) -> dict[str, Subdivision]:
    index: dict[str, Subdivision] = {}
    for sub in _SUBDIVISIONS.get(country_code=iso2) or ():
        item = Subdivision(code=sub.code, name=sub.name, country_iso2=iso2, type=sub.type)
        index.setdefault(sub.code.casefold(), item)
        index.setdefault(sub.code.split("-", 1)[1].casefold(), item)
        for name in (sub.name, *_ALIASES.get(sub.code, ())):
            index.setdefault(_fold(name), item)
            index.setdefault(_key(name), item)
    return index


@functools.lru_cache(maxsize=50_000)
def resolve_subdivision(text: str | None, country_iso2: str) -> Subdivision | None:
    """The subdivision of ``country_iso2`` that ``text`` names, or ``None``."""
    if not text or not text.strip():
        return None
    index = _country_index(country_iso2.upper())
    stripped = text.strip()
    coded = _CODE.match(stripped)
    if coded and coded.group(1).upper() == country_iso2.upper():
        found = index.get(f"{coded.group(1)}-{coded.group(2)}".casefold())
        if found is not None:
            return found
    return index.get(stripped.casefold()) or index.get(_fold(stripped)) or index.get(_key(stripped))


def subdivision_by_code(code: str, country_iso2: str | None = None) -> Subdivision:
    """A subdivision given by its ISO 3166-2 code; ``UnknownValueError`` names the codes of
    the country when it is not one of them."""
    text = code.strip().upper()
    sub = _SUBDIVISIONS.get(code=text)
    country = text.split("-", 1)[0]
    if sub is None or (country_iso2 is not None and country != country_iso2.upper()):
        wanted = (country_iso2 or country).upper()
        known = sorted(s.code for s in (_SUBDIVISIONS.get(country_code=wanted) or ()))
        raise UnknownValueError("subdivision", code, tuple(known[:5]))
    return Subdivision(code=sub.code, name=sub.name, country_iso2=country, type=sub.type)
