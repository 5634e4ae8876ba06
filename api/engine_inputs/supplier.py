"""A supplier's column values to the engine's ``SupplierProfile``, with the one products rule."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

from ingest.supplier_rows import SupplierRow
from risk_data.lookup import find_good
from risk_data.subdivisions import resolve_subdivision
from risk_data.types import RiskData
from screening.inputs.supplier import SupplierProfile

if TYPE_CHECKING:  # the ORM stays out of ``flrisk score``, which never opens a database
    from models import Supplier

PROFILE_COLUMNS = (
    "country",
    "sector",
    "products",
    "region",
    "worker_count",
    "migrant_share",
    "recruitment_agencies",
)


def product_names(entries: Iterable[tuple[str, str | None]]) -> list[str]:
    """The products rule, for every door: each product as (client's text, ILAB good or None)
    becomes the good's name where it is one (so goods risk sees it) and the client's text
    otherwise (the ILAB list is a list of risks, not a catalogue; regional commodity rules
    read that text); one entry per name, case-insensitively, first spelling kept."""
    names: dict[str, str] = {}
    for text, good in entries:
        value = good or " ".join(text.split())
        if value:
            names.setdefault(value.casefold(), value)
    return list(names.values())


def resolve_products(products: Iterable[str], country: str, data: RiskData) -> list[str]:
    """Product texts as the registry stores them (see ``product_names``)."""
    entries = []
    for product in products:
        text = " ".join(product.split())
        good = find_good(text, data, country=country) if text else None
        entries.append((text, good.name if good is not None else None))
    return product_names(entries)


def supplier_profile(values: Mapping[str, Any]) -> SupplierProfile:
    """The engine's profile of a supplier's column values (``PROFILE_COLUMNS``), already
    resolved as the registry stores them; the region's ISO 3166-2 code is derived from the
    region text ("Xinjiang", "CN-XJ") by every door alike."""
    subdivision = resolve_subdivision(values["region"], values["country"])
    return SupplierProfile(
        country=values["country"],
        sector=values["sector"],
        products=tuple(values["products"] or ()),
        region=values["region"],
        worker_count=values["worker_count"],
        migrant_share=values["migrant_share"],
        recruitment_agencies=tuple(values["recruitment_agencies"] or ()),
        subdivision=subdivision.code if subdivision is not None else None,
    )


def stored_profile(supplier: Supplier) -> SupplierProfile:
    return supplier_profile({column: getattr(supplier, column) for column in PROFILE_COLUMNS})


def row_profile(row: SupplierRow) -> SupplierProfile:
    """A supplier file's row (``flrisk score``, uploads), as the registry would store it."""
    return supplier_profile(
        {
            "country": row.country,
            "sector": row.sector,
            "products": product_names((p.text, p.good) for p in row.products),
            "region": row.region,
            "worker_count": row.worker_count,
            "migrant_share": row.migrant_share,
            "recruitment_agencies": row.recruitment_agencies,
        }
    )


def input_good(text: str, hs_code: str | None, country: str, data: RiskData) -> str | None:
    """The ILAB good a supply link's input names (its wording, else its HS code), for the
    supplying supplier's country; None when it names none (the products rule's lookup)."""
    good = find_good(" ".join(text.split()), data, country=country, hs_code=hs_code)
    return good.name if good is not None else None
