"""Reading one cell of an audit upload: dates, numbers, yes/no and closed lists in the words
auditors write (English, French, Spanish). Each parser raises ``BadValue`` with a message that
says what was expected; the caller turns it into a row error naming the user's column."""

from __future__ import annotations

import hashlib
import math
import re
import unicodedata
from collections.abc import Mapping
from datetime import date
from typing import Final

from screening.inputs.limits import MAX_MONEY


class BadValue(ValueError):
    """The cell cannot be read; the message says what was expected."""


def fold(text: str) -> str:
    """Case and accents folded, spaces and punctuation to single spaces: "Élevé" → "eleve"."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    letters = "".join(
        ch if ch.isalnum() else " " for ch in decomposed if not unicodedata.combining(ch)
    )
    return " ".join(letters.split())


def choice(value: str, accepted: Mapping[str, tuple[str, ...]], what: str) -> str:
    """The canonical value for a word in any of its accepted spellings."""
    key = fold(value)
    for canonical, spellings in accepted.items():
        if key == fold(canonical) or key in (fold(s) for s in spellings):
            return canonical
    listed = ", ".join(accepted)
    raise BadValue(f"unknown {what}; accepted: {listed}")


SEVERITIES: Final = {
    "low": ("minor", "faible", "mineur", "mineure", "bajo", "baja", "leve", "menor"),
    "medium": (
        "moderate",
        "med",
        "moyen",
        "moyenne",
        "modéré",
        "modérée",
        "medio",
        "media",
        "moderado",
        "moderada",
    ),
    "high": (
        "major",
        "serious",
        "élevé",
        "élevée",
        "haut",
        "haute",
        "majeur",
        "majeure",
        "grave",
        "alto",
        "alta",
        "mayor",
    ),
    "critical": (
        "zero tolerance",
        "zt",
        "critique",
        "tolérance zéro",
        "crítico",
        "crítica",
        "tolerancia cero",
    ),
}
FINDING_STATUSES: Final = {
    "open": (
        "outstanding",
        "pending",
        "ouvert",
        "ouverte",
        "en cours",
        "abierto",
        "abierta",
        "pendiente",
    ),
    "remediated": (
        "closed",
        "corrected",
        "fixed",
        "remédié",
        "remédiée",
        "corrigé",
        "corrigée",
        "clôturé",
        "remediado",
        "remediada",
        "corregido",
        "corregida",
        "cerrado",
        "cerrada",
    ),
    "verified": ("verified closed", "vérifié", "vérifiée", "verificado", "verificada"),
}
AUDIT_TYPES: Final = {
    "announced": (
        "scheduled",
        "annoncé",
        "annoncée",
        "anunciado",
        "anunciada",
        "programado",
        "programada",
    ),
    "semi_announced": (
        "semi announced",
        "semi-announced",
        "window",
        "semi annoncé",
        "semi annoncée",
        "semi anunciado",
        "semi anunciada",
    ),
    "unannounced": (
        "surprise",
        "inopiné",
        "inopinée",
        "non annoncé",
        "non annoncée",
        "no anunciado",
        "no anunciada",
        "sin previo aviso",
        "sorpresa",
    ),
}
PAYERS: Final = {
    "supplier": ("factory", "site", "facility", "fournisseur", "usine", "proveedor", "fábrica"),
    "buyer": (
        "brand",
        "retailer",
        "customer",
        "client",
        "acheteur",
        "marque",
        "comprador",
        "marca",
        "cliente",
    ),
    "third_party": (
        "third party",
        "third-party",
        "other",
        "tiers",
        "tierce partie",
        "tercero",
        "tercera parte",
    ),
}
HOLDERS: Final = {
    "worker": (
        "self",
        "employee",
        "the worker",
        "travailleur",
        "salarié",
        "employé",
        "trabajador",
        "trabajadora",
        "empleado",
        "empleada",
    ),
    "employer": (
        "management",
        "factory",
        "company",
        "hr",
        "supervisor",
        "employeur",
        "direction",
        "usine",
        "entreprise",
        "empleador",
        "empresa",
        "fábrica",
        "gerencia",
    ),
    "agency": ("recruitment agency", "agent", "broker", "agence", "agencia", "reclutador"),
    "other": ("autre", "otro", "otra", "landlord", "dormitory"),
}
_YES: Final = frozenset({"yes", "y", "true", "1", "oui", "o", "si", "sí", "vrai", "verdadero"})
_NO: Final = frozenset({"no", "n", "false", "0", "non", "faux", "falso"})

_ISO = re.compile(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ T].*)?")
_DAY_FIRST_OR_MONTH_FIRST = re.compile(r"(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})")


def parse_date(value: str) -> date:
    """ISO dates (what XLSX date cells are read as) always; day/month/year only when it cannot
    be read the other way round: 03/04/2024 is 3 April in Paris and 4 March in Chicago."""
    text = value.strip()
    try:
        if m := _ISO.fullmatch(text):
            return date(int(m[1]), int(m[2]), int(m[3]))
        if m := _DAY_FIRST_OR_MONTH_FIRST.fullmatch(text):
            first, second, year = int(m[1]), int(m[2]), int(m[3])
            if first > 12 >= second:
                return date(year, second, first)
            if second > 12 >= first:
                return date(year, first, second)
            if first == second:
                return date(year, first, second)
            raise BadValue(
                f"ambiguous date: day {first} month {second}, or month {first} day {second}? "
                "write it as YYYY-MM-DD"
            )
    except ValueError as exc:
        if isinstance(exc, BadValue):
            raise
        raise BadValue(f"not a calendar date ({exc}); write it as YYYY-MM-DD") from exc
    raise BadValue("expected a date as YYYY-MM-DD (e.g. 2024-03-02)")


_NUMBER = re.compile(r"[-+]?(?:\d+(?:\.\d+)?|\.\d+)")


def parse_number(value: str) -> float:
    """1234.5, 1,234.50, 1.234,50, 1 234,50 and 8,5 are all read; a currency sign is refused
    (put the currency in its own column)."""
    text = value.strip().replace("\u00a0", "").replace("\u202f", "").replace(" ", "")
    if "," in text and "." in text:
        decimal = "," if text.rfind(",") > text.rfind(".") else "."
        thousands = "." if decimal == "," else ","
        text = text.replace(thousands, "").replace(decimal, ".")
    elif "," in text:
        parts = text.split(",")
        grouped = len(parts) > 2 or (len(parts) == 2 and len(parts[1]) == 3 and parts[0] != "0")
        text = text.replace(",", "") if grouped else text.replace(",", ".")
    if not _NUMBER.fullmatch(text):
        raise BadValue("expected a number, e.g. 8.5 or 1,250.00 (no currency sign)")
    number = float(text)
    if not math.isfinite(number):  # a few hundred digits read as a float overflow to inf
        raise BadValue("a number too large to be read")
    return number


def parse_int(value: str) -> int:
    number = parse_number(value)
    if number != int(number):
        raise BadValue("expected a whole number")
    return int(number)


def parse_bool(value: str) -> bool:
    key = fold(value)
    if key in _YES or value.strip().casefold() in _YES:
        return True
    if key in _NO:
        return False
    raise BadValue("expected yes or no (oui/non, sí/no, true/false, 1/0)")


_HEX_DIGEST = re.compile(r"[0-9a-fA-F]{16,128}")


def account_hash(value: str, salt: str) -> str:
    """An account reference safe to store: a hex digest is kept as given; anything else (a raw
    account number or IBAN) is hashed at once with the organisation as salt, so the number is
    never written and equal accounts still compare equal within one organisation."""
    text = value.strip()
    if _HEX_DIGEST.fullmatch(text):
        return text.lower()
    normalised = "".join(text.split()).upper()
    return hashlib.sha256(f"{salt}:{normalised}".encode()).hexdigest()


def split_answers(value: str) -> list[str]:
    """Interview answers: one per line in the cell, or separated by " | "."""
    parts = re.split(r"\r?\n|\s\|\s|\|\|", value)
    return [p.strip() for p in parts if p.strip()]


_DEDUCTION = re.compile(r"\s*([^=:;]+?)\s*[=:]\s*([^;]+?)\s*")


def parse_deductions(value: str) -> list[tuple[str, float]]:
    """``tax=12.50; accommodation=30`` (``:`` also accepted): kind and amount pairs."""
    items: list[tuple[str, float]] = []
    for part in value.split(";"):
        if not part.strip():
            continue
        m = _DEDUCTION.fullmatch(part)
        if m is None:
            raise BadValue(
                "expected deductions as kind=amount pairs separated by ';', "
                "e.g. tax=12.50; accommodation=30"
            )
        amount = parse_number(m[2])
        if amount < 0:
            raise BadValue(f"deduction {m[1]!r} is negative")
        if amount > MAX_MONEY:
            raise BadValue(f"deduction {m[1]!r} is above {MAX_MONEY:,.0f}")
        items.append((m[1].strip(), amount))
    return items
