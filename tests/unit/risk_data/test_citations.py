"""Citations as a reviewer reads them: the source's title, publisher and year with the lines
or entry cited, never the seed file's name."""

from __future__ import annotations

import pytest

from risk_data.citations import readable_citations
from risk_data.loader import load_risk_data
from risk_data.types import RiskData
from screening import policy


@pytest.fixture(scope="module")
def data() -> RiskData:
    return load_risk_data()


def test_a_seed_file_and_line_range_read_as_the_report_title_and_lines(data: RiskData) -> None:
    [citation] = readable_citations(
        "004_9fbd24e16dca7199.txt L886-L905 (TIP 2023 tier guide)", data.sources
    )
    assert citation.title == "Trafficking in Persons Report, June 2023"
    assert citation.publisher == "United States Department of State" and citation.year == 2023
    assert citation.places == ("lines 886-905",)
    assert citation.notes == ("TIP 2023 tier guide",)
    assert ".txt" not in citation.label


def test_lines_cited_twice_of_one_source_are_listed_once_together(data: RiskData) -> None:
    cited = readable_citations(
        "us_tip_2023 L263; unodc_glotip_2024_boxes L478; us_tip_2023 L498", data.sources
    )
    assert [c.title for c in cited] == [
        "Trafficking in Persons Report, June 2023",
        "Global Report on Trafficking in Persons 2024: Boxes and contributions",
    ]
    assert cited[0].places == ("lines 263, 498",)
    assert cited[1].places == ("line 478",)


def test_ilab_entries_and_fields_name_the_good_or_the_field(data: RiskData) -> None:
    goods = readable_citations(
        'ilab_goods_2022 Good[Good_Name="Gold"]; ilab_goods_2022 Good[Good_Name="Bricks"]',
        data.sources,
    )
    assert goods[0].title.startswith("List of Goods Produced by Child Labor or Forced Labor")
    assert goods[0].places == ('entry "Gold"', 'entry "Bricks"')
    [level] = readable_citations("ILAB countries.xml <Advancement_Level>", data.sources)
    assert level.title.startswith("Findings on the Worst Forms of Child Labor")
    assert level.places == ("field Advancement_Level",)
    assert "countries.xml" not in level.label


def test_what_names_no_source_is_kept_as_written_not_dropped(data: RiskData) -> None:
    cited = readable_citations(
        "ILAB List of Goods (goods.xml <Forced_Labor>); SPEC 4.1", data.sources
    )
    assert [c.label for c in cited][1] == "Product specification, section 4.1"
    assert readable_citations("", data.sources) == []


@pytest.mark.parametrize("code", sorted(policy.INDICATOR_SOURCES))
def test_every_indicator_citation_resolves_to_titled_sources(data: RiskData, code: str) -> None:
    cited = readable_citations(policy.INDICATOR_SOURCES[code], data.sources)
    assert cited
    titles = {s.title for s in data.sources}
    for citation in cited:
        assert citation.title in titles
        assert citation.places and all(p.startswith("line") for p in citation.places)
        assert ".txt" not in citation.label
