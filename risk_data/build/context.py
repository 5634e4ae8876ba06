"""Country and regional context the seeds state in prose: conflict, region × commodity, and
the inputs behind ILAB's goods made with exploited inputs."""

from __future__ import annotations

from dataclasses import dataclass

from risk_data.build.sources import (
    IOM_ACP_2018,
    TIP_2023,
    UNODC_CONFLICT_2018,
    UNODC_COP_2024,
    UNODC_GLOTIP_2024,
)
from risk_data.types import Citation, RiskLevel

C = Citation

_UNODC_CONFLICT_LIST = C(
    UNODC_CONFLICT_2018,
    "L790",
    "countries affected by conflict, including Afghanistan, the Central African Republic, "
    "Colombia, the Democratic Republic of the Congo, Iraq, Libya, Mali, Somalia, South Sudan, "
    "the Sudan (in Darfur), the Syrian Arab Republic and Yemen",
)

# Conflict-affected only where a seed says so; the 2018 UNODC list is the broadest, and the
# 2023-2024 seeds add Burma and Ukraine and confirm DRC and Sudan. Post-conflict settings
# named on the same line (Bosnia and Herzegovina, Côte d'Ivoire, Nepal, Sri Lanka) are not
# marked: the source itself distinguishes them.
CONFLICT_AFFECTED: dict[str, tuple[Citation, ...]] = {
    "AF": (_UNODC_CONFLICT_LIST,),
    "CF": (_UNODC_CONFLICT_LIST,),
    "CO": (_UNODC_CONFLICT_LIST,),
    "CD": (
        _UNODC_CONFLICT_LIST,
        C(
            UNODC_GLOTIP_2024,
            "L474",
            "The conflict between various groups in these provinces resulted in more than 5.6 million IDPs at the end of 2023.",
        ),
    ),
    "IQ": (_UNODC_CONFLICT_LIST,),
    "LY": (_UNODC_CONFLICT_LIST,),
    "ML": (_UNODC_CONFLICT_LIST,),
    "SO": (_UNODC_CONFLICT_LIST,),
    "SS": (_UNODC_CONFLICT_LIST,),
    "SD": (
        _UNODC_CONFLICT_LIST,
        C(
            UNODC_GLOTIP_2024,
            "L55",
            "The deteriorating security situation in Sudan and in the Horn of Africa",
        ),
    ),
    "SY": (_UNODC_CONFLICT_LIST,),
    "YE": (_UNODC_CONFLICT_LIST,),
    "MM": (
        C(
            TIP_2023,
            "L68",
            "Enduring military conflict in Burma has displaced thousands of Rohingya",
        ),
    ),
    "UA": (
        C(
            TIP_2023,
            "L271",
            "millions of Ukrainian women and children fleeing Putin's brutal invasion",
        ),
    ),
}


@dataclass(frozen=True, slots=True)
class RegionalRiskSpec:
    country_iso2: str
    region: str
    sector: str
    commodity: str
    risk: RiskLevel
    rationale: str
    citations: tuple[Citation, ...]


REGIONAL_RISKS: tuple[RegionalRiskSpec, ...] = (
    RegionalRiskSpec(
        "CD",
        "Ituri, North Kivu, South Kivu, Tanganyika",
        "mining_quarrying",
        "gold; cassiterite; coltan",
        "very_high",
        "Armed groups run or interfere with artisanal mines and recruit children for mining sites.",
        (
            C(
                UNODC_GLOTIP_2024,
                "L466",
                "increased cases of children recruited from villages and exploitation in gold mining sites were reported",
            ),
            C(
                UNODC_GLOTIP_2024,
                "L478",
                "2,009 gold mines (940 with interference of armed groups), 727 cassiterite (157), 247 coltan (85)",
            ),
            C(
                UNODC_GLOTIP_2024,
                "L482",
                "several militia forces consolidated their control over the *Rubaya* coltan mines in North Kivu",
            ),
        ),
    ),
    RegionalRiskSpec(
        "BR",
        "Tapajós river basin, Pará",
        "mining_quarrying",
        "gold",
        "very_high",
        "UNODC research on forced labour in small-scale gold mining.",
        (
            C(
                UNODC_COP_2024,
                "L184",
                "the prevalence of forced labour in small-scale gold mining in the Tapajós river basin, State of Pará, Brazil",
            ),
        ),
    ),
    RegionalRiskSpec(
        "BR",
        "Amazon",
        "forestry",
        "charcoal; cattle pasture clearing; gold",
        "very_high",
        "Workers forced to clear rainforest for cattle pasture, in charcoal units and gold mines; "
        "documents confiscated and debts used for control.",
        (
            C(
                TIP_2023,
                "L1003",
                "Employers regularly confiscated workers' identity documents, controlled workers by keeping them in debt",
            ),
        ),
    ),
    RegionalRiskSpec(
        "BR",
        "Minas Gerais",
        "agriculture",
        "coffee",
        "high",
        "Case of an unregistered, unpaid coffee-farm worker; an audit found dozens more in similar conditions.",
        (
            C(
                TIP_2023,
                "L779",
                "living and working in deplorable conditions at a large coffee farm in Minas Gerais",
            ),
        ),
    ),
    RegionalRiskSpec(
        "VE",
        "Bolívar state (Orinoco Mining Arc)",
        "mining_quarrying",
        "gold",
        "very_high",
        "Human trafficking in the mining sector of the Orinoco Mining Arc.",
        (
            C(
                TIP_2023,
                "L1061",
                "she investigates human trafficking in Bolívar state, with a special focus on the Orinoco Mining Arc",
            ),
        ),
    ),
    RegionalRiskSpec(
        "SB",
        "logging camps",
        "forestry",
        "timber",
        "very_high",
        "About 150 active logging camps; exploitation likely in every one.",
        (
            C(
                IOM_ACP_2018,
                "L2085",
                "There are 150 active logging operations (camps) in the Solomon Islands.",
            ),
        ),
    ),
    RegionalRiskSpec(
        "KH",
        "Sihanoukville and scam compounds",
        "online_scam_operations",
        "online scams",
        "very_high",
        "More than 10,000 estimated victims in scam compounds in Cambodia.",
        (
            C(
                TIP_2023,
                "L795",
                "more than 10,000 estimated victims remaining in exploitation in individual compounds in Cambodia alone",
            ),
        ),
    ),
    RegionalRiskSpec(
        "LA",
        "Golden Triangle Special Economic Zone, Bokeo",
        "online_scam_operations",
        "online scams",
        "very_high",
        "Lao victims recovered from scam operations in the Golden Triangle SEZ.",
        (C(TIP_2023, "L800", "the Golden Triangle Special Economic Zone in Bokeo"),),
    ),
    RegionalRiskSpec(
        "KH",
        "brick kilns",
        "brick_kilns",
        "bricks",
        "very_high",
        "Multi-generational debt-based coercion at brick kilns.",
        (
            C(
                TIP_2023,
                "L159",
                "many of whom are subjected to multi-generational debt-based coercion",
            ),
        ),
    ),
)


# goods.xml marks a good as made with exploited inputs (Derived_Labor_Exploitation) and
# names the input's country, but not the input itself. The input is the good of that
# country on the same list that the derived good is made from; each inference is stated
# here so a reviewer can check it.
INPUT_FOR_DERIVED_GOOD: dict[str, str] = {
    "Crude Palm Oil": "Palm Fruit",
    "Crude Palm Kernel Oil": "Palm Fruit",
    "Refined Palm Oil": "Palm Fruit",
    "Refined Palm Kernel Oil": "Palm Fruit",
    "Oleochemicals": "Palm Fruit",
    "Lithium-Ion Batteries": "Cobalt ore (heterogenite)",
    "Photovoltaic Ingots": "Polysilicon",
    "Photovoltaic Wafers": "Polysilicon",
    "Solar Cells": "Polysilicon",
    "Solar Modules": "Polysilicon",
}
