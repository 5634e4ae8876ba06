"""Sector taxonomy: inherent risk, rationale, synonyms, and the sector of each ILAB good.

Inherent risk is a judgement on the sources, not a measurement: ``very_high`` where the
sources describe forced labour or debt bondage as systemic in the sector, ``high`` where
they name the sector among those where forced labour is "well documented" or ILAB lists
goods of the sector made with forced labour, ``medium`` where the sources name the sector
only generally ("no sector is immune"). No sector is ``low``: the seeds give no basis for it.
"""

from __future__ import annotations

from dataclasses import dataclass

from risk_data.build.sources import (
    ILAB_GOODS,
    ILO_GLOBAL_ESTIMATES_2022,
    IOM_ACP_2018,
    TIP_2023,
    UNODC_CONFLICT_2018,
    UNODC_COP_2024,
    UNODC_GLOTIP_2024,
)
from risk_data.types import Citation, RiskLevel

C = Citation

# TIP 2023 L498, the report's own list of sectors where forced labour is best documented.
_TIP_SECTORS = C(
    TIP_2023,
    "L498",
    "Forced labor is well documented in the private economy, particularly in agriculture, "
    "fishing, manufacturing, construction, and domestic work; but no sector is immune.",
)
_IOM_SECTORS = C(
    IOM_ACP_2018,
    "L724",
    "The sectors most frequently documented are agriculture or horticulture, construction, "
    "garments and textiles under sweatshop conditions, catering and restaurants, domestic work, "
    "entertainment and the sex industry.",
)
_UNODC_SECTORS = C(
    UNODC_CONFLICT_2018,
    "L1677",
    "typically made to work in sectors such as agriculture, construction, entertainment, "
    "service industries and manufacturing (in sweatshops)",
)
_ILO_GE = C(
    ILO_GLOBAL_ESTIMATES_2022, "Part 2: forced labour exploitation by sector of the economy"
)


def _ilab(good: str) -> Citation:
    return C(ILAB_GOODS, f'Good[Good_Name="{good}"]')


@dataclass(frozen=True, slots=True)
class SectorSpec:
    code: str
    name: str
    inherent_risk: RiskLevel
    rationale: str
    citations: tuple[Citation, ...]
    synonyms: tuple[str, ...]


SECTORS: tuple[SectorSpec, ...] = (
    SectorSpec(
        "agriculture",
        "Agriculture, horticulture and livestock",
        "high",
        "Named first among sectors where forced labour is well documented (TIP 2023) and as a "
        "high-risk sector by the UN Human Rights Council; isolated fields have little oversight. "
        "Most goods on the ILAB list are agricultural.",
        (
            _TIP_SECTORS,
            C(
                UNODC_COP_2024,
                "L106",
                "high-risk sectors for trafficking in persons such as the agriculture sector",
            ),
            C(
                TIP_2023,
                "L604",
                "Working on isolated fields can increase vulnerability to trafficking",
            ),
            _IOM_SECTORS,
            C(ILAB_GOODS, 'Good[Good_Sector="Agriculture"]'),
        ),
        (
            "agriculture",
            "agricultural",
            "agribusiness",
            "farming",
            "farm",
            "farms",
            "plantation",
            "plantations",
            "horticulture",
            "crops",
            "harvesting",
            "growers",
            "orchards",
            "fruit picking",
            "livestock",
            "cattle ranching",
            "ranching",
            "cocoa farming",
            "coffee farming",
            "tea estate",
            "cotton farming",
            "sugarcane farming",
            "agricultura",
            "agrícola",
            "finca",
            "agricole",
            "exploitation agricole",
        ),
    ),
    SectorSpec(
        "fishing_seafood",
        "Fishing, aquaculture and seafood processing",
        "very_high",
        "Fishing boats and seafood processing recur in every seed that names sectors: forced "
        "overtime in seafood processing (TIP 2023), labour trafficking in Pacific and West "
        "African fisheries (IOM 2018); ILAB lists fish and shrimp with forced labour.",
        (
            C(
                TIP_2023,
                "L424",
                "Workers in the seafood processing and fishing sectors increasingly face forced overtime",
            ),
            C(
                TIP_2023,
                "L27",
                "toil in terrible conditions in mines, construction sites, and fishing boats",
            ),
            C(
                IOM_ACP_2018,
                "L766",
                "labour exploitation in fishing and extractive industries, such as logging and mining",
            ),
            C(
                IOM_ACP_2018,
                "L726",
                "trafficked to work in the fishing, mining and agricultural sectors",
            ),
            _ilab("Fish"),
        ),
        (
            "fishing",
            "fisheries",
            "fishery",
            "seafood",
            "seafood processing",
            "fish processing",
            "aquaculture",
            "fish farming",
            "shrimp farming",
            "shrimp processing",
            "fishing vessels",
            "fishing boats",
            "trawlers",
            "tuna",
            "pesca",
            "pesquero",
            "mariscos",
            "pêche",
            "fruits de mer",
        ),
    ),
    SectorSpec(
        "mining_quarrying",
        "Mining and quarrying",
        "very_high",
        "Remote mines leave workers isolated; armed groups control artisanal mines in eastern "
        "DRC and recruit children; forced labour is prevalent in small-scale gold mining in "
        "Brazil. ILAB lists gold, cobalt, coltan, cassiterite and others.",
        (
            C(
                TIP_2023,
                "L263",
                "the remote nature of some gold mines leaves workers isolated and vulnerable to traffickers",
            ),
            C(
                UNODC_GLOTIP_2024,
                "L478",
                "attracting armed groups to set up mining operations to finance their activities",
            ),
            C(UNODC_COP_2024, "L184", "the prevalence of forced labour in small-scale gold mining"),
            C(
                TIP_2023,
                "L498",
                "extractive industries where activities are often remote and lack meaningful government presence",
            ),
            _ilab("Gold"),
        ),
        (
            "mining",
            "mine",
            "mines",
            "quarrying",
            "quarry",
            "quarries",
            "extractive",
            "extractives",
            "artisanal mining",
            "small-scale mining",
            "asm",
            "gold mining",
            "cobalt mining",
            "mineral extraction",
            "minerals",
            "stone quarry",
            "minería",
            "mina",
            "cantera",
            "extraction minière",
            "exploitation minière",
            "carrière",
        ),
    ),
    SectorSpec(
        "construction",
        "Construction",
        "high",
        "Named among sectors where forced labour is well documented (TIP 2023, IOM 2018) and "
        "as forced labour imposed by armed groups in conflict areas (UNODC 2018).",
        (
            _TIP_SECTORS,
            _IOM_SECTORS,
            C(
                UNODC_CONFLICT_2018,
                "L568",
                "into labour, including construction, cleaning, mining, trench digging, agriculture and domestic servitude",
            ),
        ),
        (
            "construction",
            "building",
            "builders",
            "building site",
            "construction site",
            "civil works",
            "civil engineering",
            "infrastructure",
            "scaffolding",
            "renovation",
            "construcción",
            "obra",
            "bâtiment",
            "btp",
        ),
    ),
    SectorSpec(
        "garments_textiles",
        "Garments and textiles",
        "high",
        "Garments and textiles under sweatshop conditions are among the most frequently "
        "documented sectors (IOM 2018); ILAB lists garments, textiles, cotton and thread/yarn "
        "with forced labour in several countries.",
        (
            _IOM_SECTORS,
            _UNODC_SECTORS,
            _ilab("Garments"),
            _ilab("Textiles"),
        ),
        (
            "garments",
            "garment",
            "apparel",
            "clothing",
            "clothes",
            "textile",
            "textiles",
            "fabric",
            "fabrics",
            "spinning",
            "spinning mill",
            "weaving",
            "knitting",
            "dyeing",
            "cut make trim",
            "cmt",
            "sewing",
            "yarn",
            "ready-made garments",
            "rmg",
            "fashion",
            "sweatshop",
            "confección",
            "textil",
            "ropa",
            "vêtements",
            "habillement",
        ),
    ),
    SectorSpec(
        "footwear",
        "Footwear",
        "high",
        "Labour-intensive factory work (TIP 2023: forced to work in factories for little or no "
        "pay); ILAB lists footwear made with forced labour and with child labour.",
        (
            C(TIP_2023, "L27", "They are forced to work in factories for little or no pay"),
            _ilab("Footwear"),
            _ilab("Footwear (sandals)"),
        ),
        (
            "footwear",
            "shoes",
            "shoe",
            "shoe factory",
            "sneakers",
            "boots",
            "sandals",
            "calzado",
            "zapatos",
            "chaussures",
        ),
    ),
    SectorSpec(
        "electronics",
        "Electronics, batteries and solar components",
        "high",
        "The seeds say nothing about electronics (see research digest section 0); ILAB lists "
        "electronics made with forced labour, polysilicon with forced labour, and batteries and "
        "solar cells made with inputs produced by forced or child labour.",
        (
            _ilab("Electronics"),
            _ilab("Polysilicon"),
            _ilab("Lithium-Ion Batteries"),
        ),
        (
            "electronics",
            "electronic components",
            "electronics assembly",
            "semiconductors",
            "semiconductor",
            "pcb",
            "printed circuit boards",
            "consumer electronics",
            "solar panels",
            "solar modules",
            "photovoltaic",
            "pv",
            "batteries",
            "lithium-ion batteries",
            "electrical equipment",
            "ems",
            "electrónica",
            "électronique",
        ),
    ),
    SectorSpec(
        "manufacturing",
        "Manufacturing (other)",
        "medium",
        "Manufacturing is named among sectors where forced labour is well documented, mostly "
        "in sweatshop conditions; the risk varies widely by product, so other manufacturing "
        "starts at medium and ILAB goods raise it where listed.",
        (
            _TIP_SECTORS,
            _UNODC_SECTORS,
            C(
                UNODC_CONFLICT_2018,
                "L570",
                "trafficked into labour in agriculture, industry, manufacturing, catering and other sectors",
            ),
        ),
        (
            "manufacturing",
            "manufacturer",
            "factory",
            "factories",
            "plant",
            "industrial",
            "industry",
            "production",
            "assembly",
            "fabrication",
            "toys",
            "furniture",
            "plastics",
            "gloves",
            "rubber gloves",
            "metalworking",
            "chemicals",
            "packaging",
            "fábrica",
            "manufactura",
            "usine",
        ),
    ),
    SectorSpec(
        "domestic_work",
        "Domestic work",
        "very_high",
        "Domestic workers are isolated in private homes, their employer controls food, "
        "transport and housing, and their work is hidden from labour inspectors; the seeds' "
        "case narratives are mostly domestic servitude.",
        (
            C(
                TIP_2023,
                "L446",
                "Domestic workers are often isolated and may work alone in a house",
            ),
            C(
                IOM_ACP_2018,
                "L1471",
                "exceedingly long hours, no defined work schedule, and the absence of days off",
            ),
            _TIP_SECTORS,
        ),
        (
            "domestic work",
            "domestic workers",
            "domestic worker",
            "domestic service",
            "domestic servitude",
            "housekeeping",
            "household services",
            "maid",
            "maids",
            "nanny",
            "nannies",
            "caregiver",
            "caregivers",
            "caregiving",
            "au pair",
            "trabajo doméstico",
            "trabajadora del hogar",
            "empleada doméstica",
            "travail domestique",
            "employée de maison",
        ),
    ),
    SectorSpec(
        "hospitality",
        "Hospitality, catering and tourism",
        "high",
        "The hospitality industry is the best-known setting for sex trafficking (TIP 2023); "
        "catering and restaurants are among the most frequently documented sectors for labour "
        "trafficking (IOM 2018).",
        (
            C(TIP_2023, "L498", "Most well-known is the hospitality industry"),
            _IOM_SECTORS,
            C(
                TIP_2023,
                "L438",
                "agricultural fields, factories, restaurants, hotels, massage parlors",
            ),
        ),
        (
            "hospitality",
            "hotels",
            "hotel",
            "restaurants",
            "restaurant",
            "catering",
            "food service",
            "tourism",
            "resorts",
            "bars",
            "nightclubs",
            "entertainment",
            "massage parlors",
            "hostelería",
            "turismo",
            "hôtellerie",
            "restauration",
        ),
    ),
    SectorSpec(
        "logistics",
        "Transport, logistics and warehousing",
        "medium",
        "The seeds name no transport sector cases; TIP 2023 says no sector is immune and the "
        "ILO global estimates count transport within the services where much private-economy "
        "forced labour occurs, so logistics starts at medium.",
        (
            _TIP_SECTORS,
            _ILO_GE,
        ),
        (
            "logistics",
            "transport",
            "transportation",
            "trucking",
            "haulage",
            "freight",
            "shipping",
            "warehousing",
            "warehouse",
            "distribution",
            "courier",
            "delivery",
            "drivers",
            "ports",
            "stevedoring",
            "3pl",
            "logística",
            "transporte",
            "logistique",
            "entrepôt",
        ),
    ),
    SectorSpec(
        "food_processing",
        "Food and beverage processing",
        "medium",
        "ILAB lists processed foods made with forced labour (tomato products) or child labour "
        "(dried fish, meat, baked goods) and palm-oil products made with child-labour inputs; "
        "seafood processing is classed under fishing_seafood.",
        (
            _ilab("Tomato Products"),
            _ilab("Dried Fish"),
            _ilab("Refined Palm Oil"),
        ),
        (
            "food processing",
            "food manufacturing",
            "food production",
            "meat processing",
            "meatpacking",
            "poultry processing",
            "slaughterhouse",
            "abattoir",
            "canning",
            "cannery",
            "bakery",
            "beverages",
            "dairy processing",
            "palm oil mill",
            "palm oil refinery",
            "sugar mill",
            "packhouse",
            "agroindustria",
            "procesamiento de alimentos",
            "agroalimentaire",
        ),
    ),
    SectorSpec(
        "forestry",
        "Forestry, logging and charcoal",
        "high",
        "Logging camps in the Solomon Islands and Papua New Guinea are the most detailed sector "
        "case in the IOM report (exploitation likely in every camp); forced labour in charcoal "
        "production in Brazil (TIP 2023); ILAB lists timber and charcoal.",
        (
            C(
                IOM_ACP_2018,
                "L2085",
                "It is likely that exploitation occurs in every logging camp.",
            ),
            C(
                IOM_ACP_2018,
                "L766",
                "labour exploitation in fishing and extractive industries, such as logging and mining",
            ),
            C(TIP_2023, "L1003", "gold mines, charcoal production units, and farms"),
            _ilab("Timber"),
            _ilab("Charcoal"),
        ),
        (
            "forestry",
            "logging",
            "loggers",
            "logging camp",
            "timber",
            "lumber",
            "sawmill",
            "wood",
            "charcoal",
            "charcoal production",
            "pulp",
            "forest products",
            "silvicultura",
            "forestal",
            "madera",
            "exploitation forestière",
        ),
    ),
    SectorSpec(
        "brick_kilns",
        "Brick kilns",
        "very_high",
        "Multi-generational debt bondage at brick kilns (TIP 2023, Cambodia); ILAB lists bricks "
        "made with forced labour in more countries than any other manufactured good.",
        (
            C(
                TIP_2023,
                "L159",
                "More than 10,000 Cambodians live at such kilns, many of whom are subjected to multi-generational debt-based coercion.",
            ),
            _ilab("Bricks"),
        ),
        (
            "brick kilns",
            "brick kiln",
            "bricks",
            "brick",
            "brickworks",
            "brick making",
            "brick factory",
            "kiln",
            "kilns",
            "ladrilleras",
            "ladrillos",
            "briqueterie",
            "briques",
        ),
    ),
    SectorSpec(
        "services",
        "Services (other)",
        "medium",
        "Service industries are named among typical sectors of labour trafficking (UNODC 2018) "
        "and services hold the largest share of private-economy forced labour in the ILO global "
        "estimates; cleaning and security outsourcing carry migrant-worker risks.",
        (
            _UNODC_SECTORS,
            _ILO_GE,
            C(TIP_2023, "L438", "retail stores"),
        ),
        (
            "services",
            "service",
            "cleaning services",
            "cleaning",
            "janitorial",
            "security services",
            "security guards",
            "facility management",
            "call centre",
            "call center",
            "bpo",
            "retail",
            "car wash",
            "nail salons",
            "beauty salons",
            "outsourcing",
            "servicios",
            "limpieza",
            "nettoyage",
        ),
    ),
    SectorSpec(
        "online_scam_operations",
        "Online scam operations (forced criminality)",
        "very_high",
        "Scam compounds in Southeast Asia confine recruits, withhold their documents, impose "
        "debt and use violence (TIP 2023, UNODC 2024); more than 10,000 victims in Cambodia alone.",
        (
            C(
                TIP_2023,
                "L793",
                "withheld travel and identity documentation; imposition of arbitrary debt",
            ),
            C(
                TIP_2023,
                "L795",
                "more than 10,000 estimated victims remaining in exploitation in individual compounds in Cambodia alone",
            ),
            C(UNODC_GLOTIP_2024, "L291", "Special Economic Zones (SEZs) in Southeast Asia"),
            C(UNODC_COP_2024, "L242"),
        ),
        (
            "online scam operations",
            "scam compound",
            "scam compounds",
            "scam centre",
            "scam center",
            "scam factory",
            "cyber scam",
            "cyber-scam",
            "online fraud",
            "pig butchering",
            "crypto scam",
            "romance scam",
            "online gambling",
            "online casino",
            "forced criminality",
        ),
    ),
)

# ILAB's own sector for goods the taxonomy splits more finely. Goods not listed here take
# the sector of their ILAB category (see DEFAULT_SECTOR_FOR_ILAB).
DEFAULT_SECTOR_FOR_ILAB: dict[str, str] = {
    "Agriculture": "agriculture",
    "Manufacturing": "manufacturing",
    "Mining": "mining_quarrying",
    # ILAB's only "Other" good is pornography: commercial sexual exploitation of children,
    # classed with services as the nearest economic activity.
    "Other": "services",
}

SECTOR_FOR_GOOD: dict[str, str] = {
    # fishing and seafood
    "Fish": "fishing_seafood",
    "Shrimp": "fishing_seafood",
    "Shellfish": "fishing_seafood",
    "Lobsters": "fishing_seafood",
    "Nile Perch (fish)": "fishing_seafood",
    "Tilapia (fish)": "fishing_seafood",
    "Dried Fish": "fishing_seafood",
    # garments and textiles
    "Garments": "garments_textiles",
    "Textiles": "garments_textiles",
    "Textiles (hand-woven)": "garments_textiles",
    "Embellished Textiles": "garments_textiles",
    "Thread/Yarn": "garments_textiles",
    "Silk Fabric": "garments_textiles",
    "Silk Thread": "garments_textiles",
    "Jute (textiles)": "garments_textiles",
    "Carpets": "garments_textiles",
    "Fashion Accessories": "garments_textiles",
    # footwear
    "Footwear": "footwear",
    "Footwear (sandals)": "footwear",
    # electronics, batteries, solar
    "Electronics": "electronics",
    "Lithium-Ion Batteries": "electronics",
    "Polysilicon": "electronics",
    "Photovoltaic Ingots": "electronics",
    "Photovoltaic Wafers": "electronics",
    "Solar Cells": "electronics",
    "Solar Modules": "electronics",
    # brick kilns
    "Bricks": "brick_kilns",
    "Bricks (clay)": "brick_kilns",
    # forestry
    "Timber": "forestry",
    "Teak": "forestry",
    "Charcoal": "forestry",
    "Bamboo": "forestry",
    # food processing
    "Baked Goods": "food_processing",
    "Beef": "food_processing",
    "Meat": "food_processing",
    "Dairy Products": "food_processing",
    "Tomato Products": "food_processing",
    "Alcoholic Beverages": "food_processing",
    "Crude Palm Oil": "food_processing",
    "Crude Palm Kernel Oil": "food_processing",
    "Refined Palm Oil": "food_processing",
    "Refined Palm Kernel Oil": "food_processing",
}
