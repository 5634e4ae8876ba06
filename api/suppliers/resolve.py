"""What a client types for country, sector and products, resolved against the risk data.

Unknown countries and sectors are refused with the closest accepted values (SPEC 6: never a
silent default). Products that are not ILAB goods are kept as the client wrote them: the ILAB
list is a list of risks, not a catalogue.
"""

from __future__ import annotations

from api.errors import ProblemError
from risk_data.errors import UnknownValueError
from risk_data.lookup import resolve_country, resolve_sector
from risk_data.types import RiskData
from screening.matching import fold_text, normalise_name

MAX_NORMALISED_CHARS = 300


def unknown_value(exc: UnknownValueError, pointer: str) -> ProblemError:
    return ProblemError(
        "unknown-value",
        str(exc),
        pointer=pointer,
        field=exc.field,
        value=exc.value,
        suggestions=list(exc.suggestions),
        errors=[{"location": "body", "pointer": pointer, "message": str(exc), "type": "unknown"}],
    )


def country_code(value: str, data: RiskData, pointer: str = "/country") -> str:
    try:
        return resolve_country(value, data).iso2
    except UnknownValueError as exc:
        raise unknown_value(exc, pointer) from exc


def sector_code(value: str | None, data: RiskData, pointer: str = "/sector") -> str | None:
    if value is None or not value.strip():
        return None
    try:
        return resolve_sector(value, data).sector.code
    except UnknownValueError as exc:
        raise unknown_value(exc, pointer) from exc


def normalised(name: str) -> str:
    """The registry's normalised name: the matcher's identity words, or the folded text when
    a name is nothing but a legal form ("Ltd")."""
    key = normalise_name(name).key or fold_text(name)
    return key[:MAX_NORMALISED_CHARS]


def clean(value: str | None) -> str | None:
    if value is None:
        return None
    text = " ".join(value.split())
    return text or None
