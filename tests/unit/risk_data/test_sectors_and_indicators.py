from __future__ import annotations

from risk_data import RiskData

REQUIRED_SECTORS = {
    "agriculture",
    "fishing_seafood",
    "mining_quarrying",
    "construction",
    "garments_textiles",
    "footwear",
    "electronics",
    "manufacturing",
    "domestic_work",
    "hospitality",
    "logistics",
    "food_processing",
    "forestry",
    "brick_kilns",
    "services",
    "online_scam_operations",
}
ILO_CODES = [
    "abuse_of_vulnerability",
    "deception",
    "restriction_of_movement",
    "isolation",
    "physical_sexual_violence",
    "intimidation_threats",
    "retention_of_identity_documents",
    "withholding_of_wages",
    "debt_bondage",
    "abusive_conditions",
    "excessive_overtime",
]
CRITICAL = {
    "retention_of_identity_documents",
    "debt_bondage",
    "physical_sexual_violence",
    "restriction_of_movement",
    "withholding_of_wages",
}


def test_taxonomy_has_every_required_sector(data: RiskData) -> None:
    assert set(data.sectors) >= REQUIRED_SECTORS


def test_every_sector_is_cited_with_a_known_source(data: RiskData) -> None:
    source_ids = {s.id for s in data.sources}
    for sector in data.sectors.values():
        assert sector.citations, sector.code
        assert sector.rationale
        assert sector.synonyms
        assert all(c.source in source_ids for c in sector.citations)


def test_sector_risk_levels_follow_the_sources(data: RiskData) -> None:
    assert data.sectors["brick_kilns"].inherent_risk == "very_high"
    assert data.sectors["online_scam_operations"].inherent_risk == "very_high"
    assert data.sectors["domestic_work"].inherent_risk == "very_high"


def test_the_11_ilo_indicators_have_the_stable_codes_in_order(data: RiskData) -> None:
    assert list(data.indicators) == ILO_CODES


def test_critical_indicators_are_those_spec_section_4_names(data: RiskData) -> None:
    assert {code for code, i in data.indicators.items() if i.critical} == CRITICAL


def test_every_indicator_cites_the_ilo_2012_publication_and_a_seed(data: RiskData) -> None:
    for indicator in data.indicators.values():
        sources = {c.source for c in indicator.citations}
        assert "ilo_indicators_2012" in sources
        assert sources - {"ilo_indicators_2012"}, indicator.code
        assert len(indicator.synonyms) >= 10


def test_manifest_records_every_source_with_its_checksum(data: RiskData) -> None:
    assert data.version == "2024.1"
    files = {s.id: s for s in data.sources if s.file}
    assert {"us_tip_2023", "ilab_goods_2022", "ilab_findings_2022"} <= set(files)
    assert all(len(s.sha256) == 64 for s in files.values())
    ilo = next(s for s in data.sources if s.id == "ilo_indicators_2012")
    assert ilo.url.startswith("https://www.ilo.org/")
