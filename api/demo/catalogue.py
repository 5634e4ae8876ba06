"""The demo organisation's suppliers: fictional companies whose audits are drawn from the case
narratives in the seeds (shared/research/seed_facts.md §5, cited as C1...C30 and by seed line),
spread across high- and low-risk countries and sectors, some audits honest, some deceptive.

Every company name is invented; any likeness to a real company is accidental.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from api.audits.schemas import FindingIn
from api.demo.evidence import Conduct


@dataclass(frozen=True)
class DemoAudit:
    days_ago: int
    audit_type: str = "unannounced"
    paid_by: str = "buyer"
    standard: str = "SMETA"
    firm: str = "Meridian Compliance"
    auditor: str = "P. Okafor"
    interviewed: int | None = None  # default: the evidence's interviews
    in_worker_language: bool = True
    findings: tuple[FindingIn, ...] = ()
    conduct: Conduct | None = None  # None: a report without worker-level evidence
    report_text: str = ""


@dataclass(frozen=True)
class DemoSupplier:
    ref: str
    name: str
    country: str
    sector: str
    city: str
    workers: int
    story: str
    products: tuple[str, ...] = ()
    migrant_share: float | None = None
    agencies: tuple[str, ...] = ()
    audits: tuple[DemoAudit, ...] = field(default_factory=tuple)


def finding(indicator: str, severity: str, description: str, status: str = "open") -> FindingIn:
    return FindingIn(
        indicator=indicator,
        severity=severity,
        status=status,
        description=description,
    )


# One firm's template, pasted into two suppliers' reports (SPEC 4.4: report text copied).
_TEMPLATE_REPORT = (
    "The facility was found to be in general compliance with the code of conduct. Management "
    "demonstrated a strong commitment to social compliance. Working hours are recorded through "
    "an electronic system and all overtime is voluntary and paid at premium rates. Workers "
    "retain their identity documents and are free to resign with one month of notice. No "
    "recruitment fees are charged to workers. Wages are paid on time into personal accounts. "
    "Interviews with workers confirmed the records. No zero-tolerance issues were identified."
)

_HONEST = Conduct()

SUPPLIERS: tuple[DemoSupplier, ...] = (
    # --- evidence of forced labour (critical indicators) --------------------------------
    DemoSupplier(
        "DEMO-001",
        "Nile Household Staffing Co.",
        "EG",
        "domestic_work",
        "Cairo",
        60,
        "C1: an online hiring company places domestic workers; passports confiscated on "
        "arrival, 18-hour days for no pay (004 L1080-L1082).",
        migrant_share=0.9,
        agencies=("Global Hands Hiring",),
        audits=(
            DemoAudit(
                40,
                firm="Northbridge Assurance",
                auditor="L. Chen",
                findings=(
                    finding(
                        "retention_of_identity_documents",
                        "critical",
                        "Employer confiscated workers' passports on arrival",
                    ),
                    finding(
                        "withholding_of_wages",
                        "critical",
                        "Workers report three months without pay",
                    ),
                    finding("excessive_overtime", "high", "18-hour days cleaning and childcare"),
                    finding(
                        "restriction_of_movement", "high", "Eight women housed in a locked basement"
                    ),
                ),
                conduct=Conduct(
                    workers=12,
                    excessive_hours=True,
                    passports_held_by="employer",
                    passports_held_share=1.0,
                    wages_late_days=90,
                    interviews=6,
                    currency="EGP",
                    monthly_wage=6_000,
                    agency="Global Hands Hiring",
                ),
            ),
        ),
    ),
    DemoSupplier(
        "DEMO-002",
        "Cedar Care Placement SARL",
        "LB",
        "domestic_work",
        "Beirut",
        45,
        "C2: a nurse promised a higher-paying job; the recruiter took her passport at the "
        "airport; no wages, meals withheld (004 L364-L366).",
        migrant_share=0.95,
        agencies=("Accra Bridge Recruiters",),
        audits=(
            DemoAudit(
                75,
                audit_type="semi_announced",
                findings=(
                    finding(
                        "retention_of_identity_documents",
                        "critical",
                        "Recruiter holds passports of caregivers placed with families",
                    ),
                    finding("deception", "high", "Nursing jobs promised; caregiving work given"),
                    finding("abusive_conditions", "high", "Workers deprived of regular meals"),
                ),
            ),
        ),
    ),
    DemoSupplier(
        "DEMO-003",
        "Serra Verde Coffee Estates",
        "BR",
        "agriculture",
        "Minas Gerais",
        140,
        "C4: coffee workers with no regular salary, unregistered, threatened with beatings "
        "when asking for pay; an inspection found dozens more (004 L777-L779).",
        products=("Coffee",),
        migrant_share=0.4,
        audits=(
            DemoAudit(
                55,
                standard="other",
                firm="Inspeção Rural",
                auditor="M. Silva",
                findings=(
                    finding("withholding_of_wages", "critical", "No regular salary paid"),
                    finding(
                        "intimidation_threats",
                        "high",
                        "Foreman threatened beatings when workers asked for pay",
                    ),
                    finding("isolation", "medium", "Estate two hours from the nearest town"),
                    finding(
                        "abusive_conditions",
                        "high",
                        "Crowded dormitory with thin pallets and no running water",
                    ),
                ),
            ),
        ),
    ),
    DemoSupplier(
        "DEMO-004",
        "Carvão do Pará Ltda",
        "BR",
        "forestry",
        "Marabá",
        80,
        "C5: charcoal units where employers confiscated identity documents and kept workers "
        "in debt (004 L1003).",
        products=("Charcoal",),
    ),
    DemoSupplier(
        "DEMO-005",
        "Queen City Restaurant Group LLC",
        "US",
        "hospitality",
        "Cincinnati",
        35,
        "C6: a manager's job promised on an H-1B visa; 16-hour days in a restaurant without "
        "pay, threats of arrest and deportation (004 L589-L598). A low-risk country, and "
        "still the evidence flags it.",
        migrant_share=0.3,
        audits=(
            DemoAudit(
                30,
                firm="ClearLine Audits",
                auditor="K. Novak",
                findings=(
                    finding("withholding_of_wages", "critical", "Kitchen staff worked without pay"),
                    finding(
                        "intimidation_threats", "high", "Threatened with arrest and deportation"
                    ),
                    finding("debt_bondage", "high", "Savings taken 'to keep safe' by the owner"),
                ),
                conduct=Conduct(
                    workers=10,
                    excessive_hours=True,
                    wages_late_days=60,
                    currency="USD",
                    monthly_wage=2_800,
                    interviews=5,
                ),
            ),
        ),
    ),
    DemoSupplier(
        "DEMO-006",
        "Golden Bay Digital Services Co.",
        "KH",
        "online_scam_operations",
        "Sihanoukville",
        400,
        "C9/C10: call-centre jobs advertised online; workers confined in a guarded compound, "
        "documents and phones confiscated, ransoms demanded (000 L381-L435).",
        migrant_share=0.95,
    ),
    DemoSupplier(
        "DEMO-007",
        "Moei River Tech Park",
        "MM",
        "online_scam_operations",
        "Myawaddy",
        250,
        "C8: IT jobs in Thailand promised; workers taken to Burma and told to pay $3,000 for "
        "their freedom (004 L325-L327).",
        migrant_share=0.9,
    ),
    DemoSupplier(
        "DEMO-008",
        "Klang Valley Gloves Sdn Bhd",
        "MY",
        "manufacturing",
        "Klang",
        900,
        "Migrant glove workers: recruitment fees of months of wages, passports kept by the "
        "agency (004 L630), a second set of books and coached interviews (004 L624, L636). The "
        "audit itself looks clean.",
        products=("Rubber Gloves",),
        migrant_share=0.75,
        agencies=("Dhaka Overseas Manpower", "Kathmandu Link Recruiting"),
        audits=(
            DemoAudit(
                25,
                audit_type="announced",
                paid_by="supplier",
                firm="Veritas Social",
                auditor="T. Ngo",
                interviewed=8,
                report_text=_TEMPLATE_REPORT,
                conduct=Conduct(
                    workers=30,
                    double_books=True,
                    underpaid_hours=True,
                    passports_held_by="agency",
                    passports_held_share=0.6,
                    fee_months=4.0,
                    debt_months=2.5,
                    shared_account_share=0.5,
                    coached=True,
                    interviews=8,
                    agency="Dhaka Overseas Manpower",
                ),
            ),
        ),
    ),
    DemoSupplier(
        "DEMO-009",
        "Andaman Seafood Processing Co.",
        "TH",
        "fishing_seafood",
        "Samut Sakhon",
        600,
        "Migrant shrimp peelers: fees to brokers, passports held, records that do not match "
        "what workers say (004 L630).",
        products=("Shrimp",),
        migrant_share=0.8,
        agencies=("Mae Sot Labour Services",),
        audits=(
            DemoAudit(
                60,
                audit_type="announced",
                paid_by="supplier",
                firm="Veritas Social",
                auditor="T. Ngo",
                report_text=_TEMPLATE_REPORT,
                conduct=Conduct(
                    workers=24,
                    double_books=True,
                    interviews_contradict=True,
                    passports_held_by="employer",
                    passports_held_share=0.4,
                    fee_months=1.5,
                    interviews=8,
                    currency="THB",
                    monthly_wage=9_000,
                    agency="Mae Sot Labour Services",
                ),
            ),
        ),
    ),
    DemoSupplier(
        "DEMO-010",
        "Erbil Domestic Services Bureau",
        "IQ",
        "domestic_work",
        "Erbil",
        40,
        "C17: 27 domestic workers whose employer had not paid them for a year, stranded "
        "without documents (004 L1028).",
        migrant_share=1.0,
        audits=(
            DemoAudit(
                90,
                audit_type="announced",
                findings=(
                    finding("withholding_of_wages", "critical", "27 workers unpaid for a year"),
                    finding(
                        "retention_of_identity_documents",
                        "high",
                        "Workers have no documents in their possession",
                    ),
                ),
            ),
        ),
    ),
    DemoSupplier(
        "DEMO-011",
        "Ituri Artisanal Gold Cooperative",
        "CD",
        "mining_quarrying",
        "Bunia",
        300,
        "C25: armed groups recruit children for gold mining sites in Ituri (000 L466-L484).",
        products=("Gold",),
    ),
    DemoSupplier(
        "DEMO-012",
        "Kédougou Gold Traders SARL",
        "SN",
        "mining_quarrying",
        "Kédougou",
        70,
        "19 Nigerian women and children found in Senegal's gold-mining region (004 L269).",
        products=("Gold",),
        audits=(
            DemoAudit(
                120,
                findings=(
                    finding("forced_child_labour", "high", "Children working at the washing sites"),
                ),
            ),
        ),
    ),
    DemoSupplier(
        "DEMO-013",
        "Gulf Star Manpower WLL",
        "KW",
        "domestic_work",
        "Kuwait City",
        150,
        "C11: recruiters collect fees for passports and visas; debts for airline tickets; long "
        "hours (004 L721).",
        migrant_share=1.0,
        agencies=("Lagos Teaching Careers",),
        audits=(
            DemoAudit(
                45,
                paid_by="supplier",
                findings=(
                    finding("deception", "high", "Teaching jobs promised; domestic work given"),
                ),
                conduct=Conduct(
                    workers=15,
                    fee_months=3.0,
                    debt_months=1.5,
                    excessive_hours=True,
                    currency="KWD",
                    monthly_wage=120,
                    interviews=6,
                    agency="Lagos Teaching Careers",
                ),
            ),
        ),
    ),
    DemoSupplier(
        "DEMO-014",
        "Malé Resort Builders Pvt Ltd",
        "MV",
        "construction",
        "Malé",
        220,
        "Bangladeshi construction workers with passports retained (004 L630).",
        migrant_share=0.85,
        audits=(
            DemoAudit(
                100,
                audit_type="semi_announced",
                findings=(
                    finding(
                        "retention_of_identity_documents",
                        "high",
                        "Passports kept in the site office safe",
                    ),
                ),
            ),
        ),
    ),
    # --- high-risk context, nothing verified ---------------------------------------------
    DemoSupplier(
        "DEMO-015",
        "Tarim Basin Cotton Spinning Co.",
        "CN",
        "garments_textiles",
        "Aksu",
        1200,
        "ILAB lists cotton from China as made with forced labour; no audit on file.",
        products=("Cotton",),
    ),
    DemoSupplier(
        "DEMO-016",
        "Ahal Cotton Gins",
        "TM",
        "agriculture",
        "Ashgabat",
        500,
        "ILAB lists Turkmen cotton as made with forced labour; no audit on file.",
        products=("Cotton",),
    ),
    DemoSupplier(
        "DEMO-017",
        "Punjab Brick Kilns Pvt Ltd",
        "IN",
        "brick_kilns",
        "Ludhiana",
        180,
        "Brick kilns: ILAB lists Indian bricks as made with forced and child labour.",
        products=("Bricks",),
        migrant_share=0.6,
    ),
    DemoSupplier(
        "DEMO-018",
        "Solomon Timber Camps Ltd",
        "SB",
        "forestry",
        "Honiara",
        260,
        "C18: girls in logging camps; no prosecutions in eight years (002 L2085).",
    ),
    # --- honest audits in risky places ---------------------------------------------------
    DemoSupplier(
        "DEMO-019",
        "Chattogram Knitwear Ltd",
        "BD",
        "garments_textiles",
        "Chattogram",
        850,
        "Garments from Bangladesh are on the ILAB list; an unannounced, buyer-paid audit with "
        "full worker-level evidence found only moderate overtime.",
        products=("Garments",),
        audits=(
            DemoAudit(
                35,
                firm="Northbridge Assurance",
                auditor="S. Iyer",
                report_text="Unannounced visit; 24 workers interviewed off-site in Bangla. "
                "Overtime peaks in the pre-shipment weeks; recorded and paid at premium.",
                findings=(
                    finding(
                        "excessive_overtime",
                        "low",
                        "Two weeks above 60 hours in the peak season",
                        "remediated",
                    ),
                ),
                conduct=_HONEST,
            ),
        ),
    ),
    DemoSupplier(
        "DEMO-020",
        "Penang Circuit Assembly Sdn Bhd",
        "MY",
        "electronics",
        "Penang",
        700,
        "Malaysian electronics are on the ILAB list; this supplier repaid recruitment fees and "
        "its unannounced audit evidence is consistent, yet context alone keeps it at the "
        "threshold: a case for a reviewer to clear, with a rationale.",
        products=("Electronics",),
        migrant_share=0.5,
        agencies=("Ethical Hire Nepal",),
        audits=(
            DemoAudit(
                20,
                standard="RBA VAP",
                firm="ClearLine Audits",
                auditor="A. Rahman",
                report_text="RBA VAP unannounced. Employer-pays policy in place since 2022; fees "
                "repaid to 212 workers, verified against bank transfers.",
                conduct=Conduct(
                    workers=24, interviews=10, overtime=0.5, agency="Ethical Hire Nepal"
                ),
            ),
        ),
    ),
    DemoSupplier(
        "DEMO-021",
        "Lanna Garment Works Co.",
        "TH",
        "garments_textiles",
        "Chiang Mai",
        300,
        "Thai garments are on the ILAB list; honest evidence but a single announced audit.",
        products=("Garments",),
        audits=(
            DemoAudit(
                150,
                audit_type="announced",
                paid_by="supplier",
                firm="Meridian Compliance",
                auditor="P. Okafor",
                conduct=Conduct(workers=18, interviews=6, currency="THB", monthly_wage=10_500),
            ),
        ),
    ),
    # --- low-risk ----------------------------------------------------------------------
    DemoSupplier(
        "DEMO-022",
        "Bavaria Precision Parts GmbH",
        "DE",
        "manufacturing",
        "Augsburg",
        320,
        "Low-risk context with a clean audit.",
        audits=(
            DemoAudit(
                200,
                standard="SA8000",
                firm="TÜV Social",
                auditor="K. Novak",
                conduct=Conduct(workers=16, interviews=6, currency="EUR", monthly_wage=3_400),
            ),
        ),
    ),
    DemoSupplier(
        "DEMO-023",
        "Rotterdam Cold Chain BV",
        "NL",
        "logistics",
        "Rotterdam",
        210,
        "Low-risk context, no audit needed.",
    ),
    DemoSupplier(
        "DEMO-024",
        "Lyon Textile Finishing SAS",
        "FR",
        "garments_textiles",
        "Lyon",
        90,
        "Low-risk context.",
    ),
    DemoSupplier(
        "DEMO-025",
        "Osaka Fine Components KK",
        "JP",
        "electronics",
        "Osaka",
        400,
        "Low-risk context.",
    ),
    DemoSupplier(
        "DEMO-026",
        "Ontario Harvest Foods Inc.",
        "CA",
        "food_processing",
        "Guelph",
        260,
        "Low-risk context.",
    ),
    DemoSupplier(
        "DEMO-027",
        "Porto Footwear Lda",
        "PT",
        "footwear",
        "Porto",
        140,
        "Low-risk context.",
        audits=(
            DemoAudit(
                80,
                standard="amfori BSCI",
                firm="Meridian Compliance",
                auditor="M. Silva",
                conduct=Conduct(workers=14, interviews=6, currency="EUR", monthly_wage=1_100),
            ),
        ),
    ),
    DemoSupplier(
        "DEMO-028",
        "Canterbury Office Services Ltd",
        "NZ",
        "services",
        "Christchurch",
        60,
        "Low-risk context.",
    ),
    DemoSupplier(
        "DEMO-029",
        "Valparaíso Fruit Packers SpA",
        "CL",
        "agriculture",
        "Valparaíso",
        380,
        "Low-risk context, seasonal workforce.",
        migrant_share=0.2,
    ),
    DemoSupplier(
        "DEMO-030",
        "Manchester Parcel Logistics Ltd",
        "GB",
        "logistics",
        "Manchester",
        500,
        "Low-risk context.",
    ),
)
