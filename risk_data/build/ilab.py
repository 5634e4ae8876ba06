"""Extract ILAB's List of Goods and country advancement levels from the XML exports."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import defusedxml.ElementTree as SafeElementTree

from risk_data.build.sources import BuildError

_YES_NO = {"Yes": True, "No": False}


@dataclass(frozen=True, slots=True)
class IlabGoodRow:
    good: str
    ilab_sector: str
    country_name: str
    child_labour: bool
    forced_labour: bool
    forced_child_labour: bool
    derived_labour_exploitation: bool
    derived_country: str | None  # the country the exploited input comes from

    @property
    def locator(self) -> str:
        return (
            f'Good[Good_Name="{self.good}"]/Countries/Country[Country_Name="{self.country_name}"]'
        )


@dataclass(frozen=True, slots=True)
class IlabCountry:
    name: str
    advancement_level: str | None

    @property
    def locator(self) -> str:
        return f'Country[Name="{self.name}"]/Advancement_Level'


def _text(element: object, tag: str, context: str) -> str:
    value = element.findtext(tag)  # type: ignore[attr-defined]
    if value is None:
        raise BuildError(f"{context}: missing <{tag}>")
    return str(value).strip()


def _flag(element: object, tag: str, context: str) -> bool:
    value = _text(element, tag, context)
    if value not in _YES_NO:
        raise BuildError(f"{context}: <{tag}> is {value!r}, expected Yes or No")
    return _YES_NO[value]


def parse_goods(path: Path) -> tuple[IlabGoodRow, ...]:
    root = SafeElementTree.parse(path).getroot()
    rows: list[IlabGoodRow] = []
    for good in root.iter("Good"):
        name = _text(good, "Good_Name", path.name)
        sector = _text(good, "Good_Sector", f"{path.name} {name}")
        countries = good.find("Countries")
        if countries is None:
            raise BuildError(f"{path.name} {name}: no <Countries>")
        for country in countries.iter("Country"):
            context = f"{path.name} {name}"
            derived = _flag(country, "Derived_Labor_Exploitation", context)
            derived_country = _text(country, "Derived_Country", context)
            rows.append(
                IlabGoodRow(
                    good=name,
                    ilab_sector=sector,
                    country_name=_text(country, "Country_Name", context),
                    child_labour=_flag(country, "Child_Labor", context),
                    forced_labour=_flag(country, "Forced_Labor", context),
                    forced_child_labour=_flag(country, "Forced_Child_Labor", context),
                    derived_labour_exploitation=derived,
                    derived_country=derived_country if derived else None,
                )
            )
    return tuple(rows)


def parse_countries(path: Path) -> tuple[IlabCountry, ...]:
    root = SafeElementTree.parse(path).getroot()
    countries: list[IlabCountry] = []
    for country in root.findall("Country"):
        name = _text(country, "Name", path.name)
        level = _text(country, "Advancement_Level", f"{path.name} {name}")
        countries.append(IlabCountry(name, level or None))
    return tuple(countries)
