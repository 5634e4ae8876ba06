"""Screening lists (UFLPA Entity List, CBP Withhold Release Orders and Findings) as versioned
reference data: one loaded file is one version with its source, date and checksum, like a
risk-data version. The files are the operator's (their licences differ); ``ingest.lists``
reads them into these types, the registry stores them, ``screening.lists`` matches against
them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Literal

ListFormat = Literal["cbp_csv", "ftm"]

# Datasets we know by name, with the title and publisher a version of them carries.
KNOWN_DATASETS: dict[str, tuple[str, str]] = {
    "us_dhs_uflpa": (
        "UFLPA Entity List",
        "U.S. Department of Homeland Security, Forced Labor Enforcement Task Force",
    ),
    "us_cbp_forced_labor": (
        "CBP Withhold Release Orders and Findings",
        "U.S. Customs and Border Protection",
    ),
}


@dataclass(frozen=True, slots=True)
class ListEntity:
    """One listed party. ``entity_id`` is the publisher's (or OpenSanctions') id and stays the
    same from one version to the next, so a reviewer's decision on it can be kept."""

    entity_id: str
    schema: str  # FollowTheMoney schema: Company, Organization, LegalEntity, Vessel
    name: str
    aliases: tuple[str, ...] = ()
    country: str | None = None  # ISO 3166-1 alpha-2
    program: str = ""  # "UFLPA Entity List - Section 2(d)(2)(B)(i)", "CBP WRO - Cotton"
    start_date: date | None = None  # the listing's or the order's effective date
    in_force: bool = True  # listed; for CBP an Active or Partially Active order
    owners: tuple[str, ...] = ()  # entity ids of listed parents (FtM Ownership)
    order: str = ""  # CBP: "WRO" or "Finding"
    sector: str = ""
    notes: str = ""
    source_url: str = ""

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)


@dataclass(frozen=True)
class ScreeningList:
    """One version of one list."""

    dataset: str  # "us_dhs_uflpa", "us_cbp_forced_labor", or the operator's own name
    title: str
    publisher: str
    format: ListFormat
    source: str  # the file name (or URL) the operator loaded
    published: date  # the list's date as the publisher gives it, or the download date
    sha256: str  # of the file's bytes
    entities: tuple[ListEntity, ...]

    @property
    def version(self) -> str:
        return f"{self.dataset}@{self.published.isoformat()}.{self.sha256[:12]}"

    @property
    def in_force(self) -> tuple[ListEntity, ...]:
        return tuple(e for e in self.entities if e.in_force)
