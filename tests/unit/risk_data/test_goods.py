"""Every ILAB good × country is present with the flags of goods.xml."""

from __future__ import annotations

from pathlib import Path

import defusedxml.ElementTree as SafeElementTree

from risk_data import RiskData, lookup_for


def _xml_rows(shared: Path) -> list[tuple[str, str, bool, bool, bool, bool]]:
    root = SafeElementTree.parse(shared / "data" / "ilab" / "goods.xml").getroot()
    rows = []
    for good in root.iter("Good"):
        for country in good.find("Countries").iter("Country"):
            rows.append(
                (
                    good.findtext("Good_Name"),
                    country.findtext("Country_Name"),
                    country.findtext("Child_Labor") == "Yes",
                    country.findtext("Forced_Labor") == "Yes",
                    country.findtext("Forced_Child_Labor") == "Yes",
                    country.findtext("Derived_Labor_Exploitation") == "Yes",
                )
            )
    return rows


def test_every_ilab_good_is_present_with_its_flags(data: RiskData, shared: Path) -> None:
    lookup = lookup_for(data)
    by_key = {(g.name, g.country_iso2): g for g in data.goods}
    xml = _xml_rows(shared)
    assert len(xml) == len(data.goods) == 467
    for name, country_name, child, forced, forced_child, derived in xml:
        iso2 = lookup.resolve_country(country_name).iso2
        good = by_key[(name, iso2)]
        assert (good.child_labour, good.forced_labour, good.forced_child_labour) == (
            child,
            forced,
            forced_child,
        )
        assert good.derived_labour_exploitation == derived


def test_goods_reference_known_countries_and_sectors(data: RiskData) -> None:
    for good in data.goods:
        assert good.country_iso2 in data.countries
        assert good.sector in data.sectors
        assert good.citations


def test_goods_are_mapped_to_the_finer_sectors(data: RiskData) -> None:
    sector = {(g.name, g.country_iso2): g.sector for g in data.goods}
    assert sector[("Garments", "CN")] == "garments_textiles"
    assert sector[("Bricks", "PK")] == "brick_kilns"
    assert sector[("Fish", "ID")] == "fishing_seafood"
    assert sector[("Electronics", "MY")] == "electronics"
    assert sector[("Cocoa", "GH")] == "agriculture"
    assert sector[("Gold", "CD")] == "mining_quarrying"


def test_goods_by_country_indexes_every_good(data: RiskData) -> None:
    assert sum(len(rows) for rows in data.goods_by_country.values()) == len(data.goods)


def test_input_goods_name_the_exploited_input_and_its_country(data: RiskData) -> None:
    inputs = {(i.good, i.country_iso2): i for i in data.input_goods}
    assert len(inputs) == 10
    batteries = inputs[("Lithium-Ion Batteries", "CN")]
    assert (batteries.input_good, batteries.input_country_iso2) == (
        "Cobalt ore (heterogenite)",
        "CD",
    )
    assert batteries.child_labour and not batteries.forced_labour
    solar = inputs[("Solar Modules", "CN")]
    assert (solar.input_good, solar.input_country_iso2, solar.forced_labour) == (
        "Polysilicon",
        "CN",
        True,
    )
    palm = inputs[("Refined Palm Oil", "ID")]
    assert (palm.input_good, palm.child_labour) == ("Palm Fruit", True)
    derived = {(g.name, g.country_iso2) for g in data.goods if g.derived_labour_exploitation}
    assert derived == set(inputs)
