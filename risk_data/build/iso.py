"""Country names as the sources print them, mapped to ISO 3166-1 alpha-2.

The table lists only the names pycountry cannot resolve on its own; everything else goes
through ``pycountry.countries.lookup``. Kosovo is not in ISO 3166-1; ``XK`` is the
user-assigned code the European Commission, IMF and SWIFT use for it.
"""

from __future__ import annotations

import unicodedata
from typing import Any

import pycountry

from risk_data.build.sources import BuildError

KOSOVO = "XK"

SOURCE_NAMES: dict[str, str] = {
    # US TIP Report 2023 (upper case in the tier tables, mixed case in the narrative lists)
    "BAHAMAS, THE": "BS",
    "CZECH REPUBLIC (CZECHIA)": "CZ",
    "UNITED STATES OF AMERICA": "US",
    "TAIWAN": "TW",
    "CÔTE D'IVOIRE": "CI",
    "KOREA, REPUBLIC OF": "KR",
    "KOSOVO": KOSOVO,
    "ST. VINCENT AND THE GRENADINES": "VC",
    "GAMBIA, THE": "GM",
    "LAOS": "LA",
    "HONG KONG S.A.R.": "HK",
    "TÜRKIYE (TURKEY)": "TR",
    "TÜRKIYE": "TR",
    "MICRONESIA, FEDERATED STATES OF": "FM",
    "CONGO, DEMOCRATIC REPUBLIC OF THE": "CD",
    "CONGO, REPUBLIC OF THE": "CG",
    "BURMA": "MM",
    "BRUNEI": "BN",
    "CHINA, PEOPLE'S REPUBLIC OF": "CN",
    "KOREA, DEMOCRATIC PEOPLE'S REPUBLIC OF": "KP",
    "MACAU S.A.R.": "MO",
    "SINT MAARTEN": "SX",
    "RUSSIA": "RU",
    "IRAN": "IR",
    "SYRIA": "SY",
    "VIETNAM": "VN",
    "MOLDOVA": "MD",
    "TANZANIA": "TZ",
    "BOLIVIA": "BO",
    "VENEZUELA": "VE",
    "CABO VERDE": "CV",
    "NORTH MACEDONIA": "MK",
    # ILAB names
    "FALKLAND ISLANDS (ISLAS MALVINAS)": "FK",
    "KYRGYZ REPUBLIC": "KG",
    "NORTH KOREA": "KP",
    "SAINT HELENA, ASCENSION, AND TRISTAN DA CUNHA": "SH",
    "THE GAMBIA": "GM",
    "TURKEY (TÜRKIYE)": "TR",
    "WEST BANK AND THE GAZA STRIP": "PS",
    "CHINA": "CN",
    "SÃO TOMÉ AND PRÍNCIPE": "ST",
}

# Names shown to users: pycountry's formal names ("Korea, Republic of") read badly in a
# report, so prefer its common name and fix the few that remain awkward.
DISPLAY_NAMES: dict[str, str] = {
    KOSOVO: "Kosovo",
    "BN": "Brunei",
    "CD": "Democratic Republic of the Congo",
    "CG": "Republic of the Congo",
    "FM": "Micronesia",
    "HK": "Hong Kong",
    "MO": "Macau",
    "PS": "Palestine",
    "RU": "Russia",
    "SX": "Sint Maarten",
    "VA": "Holy See",
    "FK": "Falkland Islands",
    "VG": "British Virgin Islands",
    "ST": "São Tomé and Príncipe",
}


def _key(name: str) -> str:
    return unicodedata.normalize("NFC", name).replace("’", "'").strip().upper()


def iso2_for(name: str, *, context: str) -> str:
    key = _key(name)
    if key in SOURCE_NAMES:
        return SOURCE_NAMES[key]
    try:
        country = pycountry.countries.lookup(name.strip())
    except LookupError:
        raise BuildError(f"{context}: no ISO 3166-1 code for {name!r}; add it to iso.py") from None
    return str(country.alpha_2)


def iso3_for(iso2: str) -> str:
    if iso2 == KOSOVO:
        return "XKX"
    return str(_record(iso2).alpha_3)


def _record(iso2: str) -> Any:
    record = pycountry.countries.get(alpha_2=iso2)
    if record is None:
        raise BuildError(f"{iso2!r} is not an ISO 3166-1 alpha-2 code")
    return record


def display_name(iso2: str) -> str:
    if iso2 in DISPLAY_NAMES:
        return DISPLAY_NAMES[iso2]
    country = _record(iso2)
    return str(getattr(country, "common_name", None) or country.name)
