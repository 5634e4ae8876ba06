"""The sources a risk-data version is built from, and checked access to their text."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from risk_data.types import Citation


class BuildError(RuntimeError):
    """The sources do not say what the build expects; the message names file and line."""


@dataclass(frozen=True, slots=True)
class SourceSpec:
    id: str
    title: str
    publisher: str
    year: int
    file: str  # path relative to the shared folder; "" for a public source not shipped
    url: str = ""


TIP_2023 = "us_tip_2023"
UNODC_GLOTIP_2024 = "unodc_glotip_2024_boxes"
UNODC_COP_2024 = "unodc_cop_2024"
IOM_ACP_2018 = "iom_acp_2018"
UNODC_CONFLICT_2018 = "unodc_conflict_2018"
ILAB_GOODS = "ilab_goods_2022"
ILAB_FINDINGS = "ilab_findings_2022"
ILO_INDICATORS_2012 = "ilo_indicators_2012"
ILO_GLOBAL_ESTIMATES_2022 = "ilo_global_estimates_2022"

SOURCES: tuple[SourceSpec, ...] = (
    SourceSpec(
        UNODC_GLOTIP_2024,
        "Global Report on Trafficking in Persons 2024: Boxes and contributions",
        "United Nations Office on Drugs and Crime",
        2024,
        "seeds/000_e9100224dc7ea5d5.txt",
    ),
    SourceSpec(
        UNODC_COP_2024,
        "Activities of the United Nations Office on Drugs and Crime to promote and support the "
        "implementation of the Trafficking in Persons Protocol (report to the Conference of the "
        "Parties to UNTOC, twelfth session)",
        "United Nations Office on Drugs and Crime",
        2024,
        "seeds/001_b81fe9faa10e4dbb.txt",
    ),
    SourceSpec(
        IOM_ACP_2018,
        "Trafficking in Human Beings and Smuggling of Migrants in ACP Countries: "
        "Key Challenges and Ways Forward",
        "International Organization for Migration",
        2018,
        "seeds/002_50a2f11525d0c8c9.txt",
    ),
    SourceSpec(
        UNODC_CONFLICT_2018,
        "Countering Trafficking in Persons in Conflict Situations",
        "United Nations Office on Drugs and Crime",
        2018,
        "seeds/003_888c0861e0b5e93a.txt",
    ),
    SourceSpec(
        TIP_2023,
        "Trafficking in Persons Report, June 2023",
        "United States Department of State",
        2023,
        "seeds/004_9fbd24e16dca7199.txt",
        "https://www.state.gov/reports/2023-trafficking-in-persons-report/",
    ),
    SourceSpec(
        ILAB_GOODS,
        "List of Goods Produced by Child Labor or Forced Labor (2022 edition, 78 countries)",
        "United States Department of Labor, Bureau of International Labor Affairs",
        2022,
        "data/ilab/goods.xml",
        "https://www.dol.gov/agencies/ilab/reports/child-labor/list-of-goods",
    ),
    SourceSpec(
        ILAB_FINDINGS,
        "Findings on the Worst Forms of Child Labor (2022 reporting year), country data",
        "United States Department of Labor, Bureau of International Labor Affairs",
        2022,
        "data/ilab/countries.xml",
        "https://www.dol.gov/agencies/ilab/resources/reports/child-labor/findings",
    ),
    SourceSpec(
        ILO_INDICATORS_2012,
        "ILO Indicators of Forced Labour",
        "International Labour Organization, Special Action Programme to Combat Forced Labour",
        2012,
        "",
        "https://www.ilo.org/wcmsp5/groups/public/---ed_norm/---declaration/documents/"
        "publication/wcms_203832.pdf",
    ),
    SourceSpec(
        ILO_GLOBAL_ESTIMATES_2022,
        "Global Estimates of Modern Slavery: Forced Labour and Forced Marriage",
        "International Labour Organization, Walk Free and International Organization for Migration",
        2022,
        "",
        "https://www.ilo.org/wcmsp5/groups/public/---ed_norm/---ipec/documents/publication/"
        "wcms_854733.pdf",
    ),
)

SOURCES_BY_ID = {s.id: s for s in SOURCES}
SEED_SOURCE_IDS = frozenset(s.id for s in SOURCES if s.file.startswith("seeds/"))

_LOCATOR = re.compile(r"^L(\d+)(?:-L(\d+))?$")


def sha256_file(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def fold(text: str) -> str:
    """Compare quotes loosely: the seeds use typographic quotes, dashes and non-breaking
    spaces that a citation typed by hand will not."""
    text = unicodedata.normalize("NFKC", text)
    for typographic, plain in (
        ("’", "'"),
        ("‘", "'"),
        ("“", '"'),
        ("”", '"'),
        ("—", "-"),
        ("–", "-"),
    ):
        text = text.replace(typographic, plain)
    text = text.replace("*", "").replace("\\", "")
    return " ".join(text.split()).casefold()


class SeedLibrary:
    """The seed texts, read once, addressed by 1-based line numbers as the digest cites them."""

    def __init__(self, shared: Path) -> None:
        self._lines: dict[str, list[str]] = {}
        for spec in SOURCES:
            if spec.id in SEED_SOURCE_IDS:
                text = (shared / spec.file).read_text(encoding="utf-8")
                self._lines[spec.id] = text.split("\n")

    def lines(self, source: str) -> list[str]:
        return self._lines[source]

    def span(self, source: str, locator: str) -> str:
        match = _LOCATOR.match(locator)
        if match is None:
            raise BuildError(f"{source}: locator {locator!r} is not a line range like L12-L14")
        first = int(match.group(1))
        last = int(match.group(2) or first)
        lines = self._lines[source]
        if not 1 <= first <= last <= len(lines):
            raise BuildError(f"{source}: {locator} is outside the file ({len(lines)} lines)")
        return "\n".join(lines[first - 1 : last])

    def verify(self, citation: Citation) -> Citation:
        """Fail the build when a quoted citation does not appear at its seed lines."""
        if citation.source not in SOURCES_BY_ID:
            raise BuildError(f"unknown source id {citation.source!r}")
        if citation.source in SEED_SOURCE_IDS:
            text = self.span(citation.source, citation.locator)
            if citation.quote and fold(citation.quote) not in fold(text):
                raise BuildError(
                    f"{SOURCES_BY_ID[citation.source].file} {citation.locator}: "
                    f"quote not found: {citation.quote!r}"
                )
        return citation
