"""Every weight and threshold of the scoring method, each with its source.

Seeds are cited as ``file Lnnn`` (the raw line in ``../shared/seeds``). ``ILAB`` is the US
Department of Labor's *List of Goods Produced by Child Labor or Forced Labor* and its country
reports (``../shared/data/ilab``). ``ILO`` conventions are cited by number. Where a number is
our own judgement (the seeds give none), the comment says so and ``docs/methodology.md`` and
``docs/decisions/scoring-*.md`` give the reasoning. Change a number here and you change the
method: bump ``METHODOLOGY_VERSION`` in ``screening/scoring.py``.
"""

from __future__ import annotations

from dataclasses import dataclass
from types import MappingProxyType
from typing import Final

from risk_data.types import RiskLevel, TipTier
from screening.inputs.audit import FindingStatus, Severity

# --------------------------------------------------------------------------------------
# The eleven ILO forced-labour indicators (ILO, *Indicators of Forced Labour*, 2012; the
# seeds cite the ILO operational indicators, 003 L260, L1237, and name withholding of wages
# and excessive overtime (004 L624) and retention of identity documents (004 L630) as
# ILO-recognised indicators).
# --------------------------------------------------------------------------------------
ABUSE_OF_VULNERABILITY: Final = "abuse_of_vulnerability"
DECEPTION: Final = "deception"
RESTRICTION_OF_MOVEMENT: Final = "restriction_of_movement"
ISOLATION: Final = "isolation"
PHYSICAL_AND_SEXUAL_VIOLENCE: Final = "physical_sexual_violence"
INTIMIDATION_AND_THREATS: Final = "intimidation_threats"
RETENTION_OF_IDENTITY_DOCUMENTS: Final = "retention_of_identity_documents"
WITHHOLDING_OF_WAGES: Final = "withholding_of_wages"
DEBT_BONDAGE: Final = "debt_bondage"
ABUSIVE_WORKING_AND_LIVING_CONDITIONS: Final = "abusive_conditions"
EXCESSIVE_OVERTIME: Final = "excessive_overtime"

ILO_INDICATORS: Final[tuple[str, ...]] = (
    ABUSE_OF_VULNERABILITY,
    DECEPTION,
    RESTRICTION_OF_MOVEMENT,
    ISOLATION,
    PHYSICAL_AND_SEXUAL_VIOLENCE,
    INTIMIDATION_AND_THREATS,
    RETENTION_OF_IDENTITY_DOCUMENTS,
    WITHHOLDING_OF_WAGES,
    DEBT_BONDAGE,
    ABUSIVE_WORKING_AND_LIVING_CONDITIONS,
    EXCESSIVE_OVERTIME,
)

# Not one of the eleven, but a finding code the engine accepts: the TIP Report defines forced
# child labour and its indicators separately (004 L450) and SPEC 4.6 flags it.
FORCED_CHILD_LABOUR: Final = "forced_child_labour"
SUPPLEMENTARY_INDICATORS: Final[tuple[str, ...]] = (FORCED_CHILD_LABOUR,)
ACCEPTED_FINDING_CODES: Final[frozenset[str]] = frozenset(ILO_INDICATORS + SUPPLEMENTARY_INDICATORS)
# The codes are the risk data's (risk_data indicators); the ILO's long names are accepted too.
# Any synonym the risk data lists for an indicator is accepted as well (screening.observations).
INDICATOR_ALIASES: Final = MappingProxyType(
    {
        "physical_and_sexual_violence": PHYSICAL_AND_SEXUAL_VIOLENCE,
        "intimidation_and_threats": INTIMIDATION_AND_THREATS,
        "abusive_working_and_living_conditions": ABUSIVE_WORKING_AND_LIVING_CONDITIONS,
        "retention_of_identity_document": RETENTION_OF_IDENTITY_DOCUMENTS,
        "withholding_wages": WITHHOLDING_OF_WAGES,
        "child_labour_forced": FORCED_CHILD_LABOUR,
        "forced_child_labor": FORCED_CHILD_LABOUR,
    }
)

# --------------------------------------------------------------------------------------
# Evidence weights: points a finding of severity "critical", open and fresh, adds to the score.
# --------------------------------------------------------------------------------------
# The critical indicators of SPEC 4.6 carry the highest weight: each is named as a coercive
# "means" of forced labour by the TVPA (004 L436: "debt manipulation, withholding of pay,
# confiscation of identity documents ... threats of force") or as the core of the ILO
# definition's "menace of penalty" (003 L562-L566: "denial of wages, debt bondage").
INDICATOR_WEIGHTS: Final = MappingProxyType(
    {
        RETENTION_OF_IDENTITY_DOCUMENTS: 30.0,  # 004 L436, L630; 003 L1582 (G13)
        DEBT_BONDAGE: 30.0,  # 004 L436, L482; 003 L544, L1602, L1605
        WITHHOLDING_OF_WAGES: 30.0,  # 004 L436, L624; 003 L566, L1593-L1594
        RESTRICTION_OF_MOVEMENT: 30.0,  # 003 L1572, L1688-L1690; 002 L2560
        PHYSICAL_AND_SEXUAL_VIOLENCE: 30.0,  # 003 L1575-L1576, L1692; 004 L793
        FORCED_CHILD_LABOUR: 30.0,  # 004 L450; 003 L118 (consent irrelevant for children)
        # Threats are a TVPA means too (004 L436) but weaker alone than the acts above.
        INTIMIDATION_AND_THREATS: 20.0,  # 004 L436, L596; 003 L1575, L1580
        # Working-condition indicators: real, and named in the indicator lists, but alone they
        # show exploitation more than coercion (003 L126: "Not all people who are exploited
        # are victims of trafficking").
        # (16 rather than 15 keeps every weight x severity a whole number of tenths.)
        EXCESSIVE_OVERTIME: 16.0,  # 004 L624; 003 L1595-L1596, L1685
        ABUSIVE_WORKING_AND_LIVING_CONDITIONS: 16.0,  # 003 L1597, L1680, L1687
        DECEPTION: 16.0,  # 003 L105, L1606; 000 L397 (mostly at recruitment)
        ISOLATION: 12.0,  # 003 L1599-L1601; 004 L446, L604
        ABUSE_OF_VULNERABILITY: 12.0,  # 003 L470 ("age, poverty, illiteracy ...")
    }
)

# The same citations, carried into every assessment's factors.
INDICATOR_SOURCES: Final = MappingProxyType(
    {
        RETENTION_OF_IDENTITY_DOCUMENTS: "004_9fbd24e16dca7199.txt L436, L630; 003_888c0861e0b5e93a.txt L1582",
        DEBT_BONDAGE: "004_9fbd24e16dca7199.txt L436, L482; 003_888c0861e0b5e93a.txt L544, L1602, L1605",
        WITHHOLDING_OF_WAGES: "004_9fbd24e16dca7199.txt L436, L624; 003_888c0861e0b5e93a.txt L566, L1593-L1594",
        RESTRICTION_OF_MOVEMENT: "003_888c0861e0b5e93a.txt L1572, L1688-L1690; 002_50a2f11525d0c8c9.txt L2560",
        PHYSICAL_AND_SEXUAL_VIOLENCE: "003_888c0861e0b5e93a.txt L1575-L1576, L1692; 004_9fbd24e16dca7199.txt L793",
        FORCED_CHILD_LABOUR: "004_9fbd24e16dca7199.txt L450; 003_888c0861e0b5e93a.txt L118",
        INTIMIDATION_AND_THREATS: "004_9fbd24e16dca7199.txt L436, L596; 003_888c0861e0b5e93a.txt L1575, L1580",
        EXCESSIVE_OVERTIME: "004_9fbd24e16dca7199.txt L624; 003_888c0861e0b5e93a.txt L1595-L1596, L1685",
        ABUSIVE_WORKING_AND_LIVING_CONDITIONS: "003_888c0861e0b5e93a.txt L1597, L1680, L1687",
        DECEPTION: "003_888c0861e0b5e93a.txt L105, L1606; 000_e9100224dc7ea5d5.txt L397",
        ISOLATION: "003_888c0861e0b5e93a.txt L1599-L1601; 004_9fbd24e16dca7199.txt L446, L604",
        ABUSE_OF_VULNERABILITY: "003_888c0861e0b5e93a.txt L470",
    }
)

# Critical indicators (SPEC 4.6) and the flag reason code each raises.
CRITICAL_FLAG_REASONS: Final = MappingProxyType(
    {
        RETENTION_OF_IDENTITY_DOCUMENTS: "retention_of_identity_documents",
        DEBT_BONDAGE: "recruitment_fee_debt",
        WITHHOLDING_OF_WAGES: "withholding_of_wages",
        RESTRICTION_OF_MOVEMENT: "restriction_of_movement",
        PHYSICAL_AND_SEXUAL_VIOLENCE: "physical_sexual_violence",
        FORCED_CHILD_LABOUR: "forced_child_labour",
    }
)

# Multipliers by severity, on a 4-step ordinal scale; Global Trace scores the same ordinal
# severity linearly (peers.md §1, RiskSeverityEnum). Our judgement: linear quarters.
SEVERITY_MULTIPLIERS: Final = MappingProxyType(
    {"low": 0.25, "medium": 0.5, "high": 0.75, "critical": 1.0}
)
SEVERITY_ORDER: Final[tuple[Severity, ...]] = ("low", "medium", "high", "critical")

# Remediated findings count less but never zero: remediation shown to an auditor can be staged
# (004 L632: passports returned only "during audits"; 004 L624 double book-keeping). Judgement.
REMEDIATION_MULTIPLIERS: Final[MappingProxyType[FindingStatus, float]] = MappingProxyType(
    {"open": 1.0, "remediated": 0.6, "verified": 0.3}
)

# Older evidence decays exponentially: weight = 0.5 ** (age_days / half-life). One year, so
# evidence at the end of a two-year audit validity (RBA VAP initial audit, peers.md §5)
# counts a quarter. Judgement; see docs/decisions/scoring-recency-half-life.md.
EVIDENCE_HALF_LIFE_DAYS: Final = 365.0

# Evidence older than this still scores (decayed) but no longer raises a flag by itself, and a
# clean result older than this no longer counts as "assessed". Three years = the SA8000
# certification cycle (peers.md §5). Judgement.
EVIDENCE_LOOKBACK_DAYS: Final = 3 * 365

# A critical indicator raises a flag when evidenced at this severity or above and not verified
# as remediated (SPEC 4.6). Medium findings still score and can reach the threshold.
FLAG_MIN_SEVERITY: Final[Severity] = "high"

# "No audit in 12 months" (SPEC 4.6); also the window in which a clean audit can lower risk.
AUDIT_RECENCY_DAYS: Final = 365

# --------------------------------------------------------------------------------------
# Context weights (points).
# --------------------------------------------------------------------------------------
# TIP tier measures government effort, not prevalence (004 L861, L863), so even Tier 1 keeps a
# small floor. Tier guide: 004 L886-L905. Special cases (Libya, Somalia, Yemen; 004 L1143) are
# countries the report could not rank because of conflict: treated as Tier 3.
TIP_TIER_POINTS: Final[MappingProxyType[TipTier, float]] = MappingProxyType(
    {
        "tier_1": 2.0,  # 004 L863: Tier 1 "does not mean that a country has no ... problem"
        "tier_2": 8.0,  # 004 L892-L894
        "tier_2_watch_list": 15.0,  # 004 L896-L901: victims increasing or efforts not shown
        "tier_3": 25.0,  # 004 L903-L905: "not making significant efforts"
        "special_case": 25.0,  # 004 L1141-L1143
    }
)
# A country the TIP Report does not rank: no governance signal, so mid-way (Tier 2). Judgement.
TIP_UNRANKED_POINTS: Final = 10.0

# A government "policy or pattern" of trafficking, incl. forced labour in agriculture, mining,
# construction (004 L842-L849, L915): the state itself is the risk, audits reach it least.
STATE_SPONSORED_TRAFFICKING_POINTS: Final = 10.0
# Child Soldiers Prevention Act list (004 L829-L836): armed recruitment of children.
CSPA_POINTS: Final = 5.0
# Conflict raises vulnerability and demand for exploited labour (003 L98, L344, L1094).
CONFLICT_POINTS: Final = 5.0

# ILAB advancement level (efforts against the worst forms of child labour), matched by the
# level's leading words as written in ILAB countries.xml <Advancement_Level>.
ILAB_ADVANCEMENT_POINTS: Final = MappingProxyType(
    {
        "significant advancement": 0.0,
        "moderate advancement": 2.0,
        "minimal advancement": 4.0,
        "no advancement": 6.0,
        # "No Advancement – Efforts Made but Complicit in Forced Child Labor" (ILAB): the
        # government itself is complicit.
        "complicit in forced child labor": 8.0,
        "no assessment": 0.0,
    }
)

# Sector inherent risk as the risk data rates it (each with its own citation in risk_data).
# Sectors "most frequently documented" (002 L724; 003 L1677) are rated high there.
SECTOR_RISK_POINTS: Final[MappingProxyType[RiskLevel, float]] = MappingProxyType(
    {"low": 0.0, "medium": 5.0, "high": 10.0, "very_high": 15.0}
)

# Goods. SPEC 4.1: a product made in a country on ILAB's forced-labour list is a strong signal
# on its own, so alone it lifts a Tier 2 supplier (8) into the medium band. ILAB child labour
# (without forced labour) is weaker. Inputs made with forced labour elsewhere (ILAB "derived"
# goods) count less than the good itself: the exposure is one tier up the chain.
GOOD_FORCED_LABOUR_POINTS: Final = 25.0  # ILAB goods.xml <Forced_Labor>/<Forced_Child_Labor>
GOOD_CHILD_LABOUR_POINTS: Final = 8.0  # ILAB goods.xml <Child_Labor>
INPUT_GOOD_FORCED_LABOUR_POINTS: Final = 10.0  # ILAB <Derived_Labor_Exploitation>
INPUT_GOOD_CHILD_LABOUR_POINTS: Final = 4.0

# Region × commodity (or sector) where the sources name a risk more narrowly than a country:
# the risk data's ``regional_risks`` (e.g. armed groups controlling gold, coltan and cassiterite
# mines in four eastern DRC provinces, 000 L466-L484; Minas Gerais coffee, 004 L779), each with
# its own citation. Points by the level the risk data gives; they add to the country's.
REGIONAL_RISK_POINTS: Final[MappingProxyType[RiskLevel, float]] = MappingProxyType(
    {"low": 0.0, "medium": 3.0, "high": 6.0, "very_high": 10.0}
)

# UFLPA (Public Law 117-78, §3(a)): goods "mined, produced, or manufactured wholly or in part
# in Xinjiang or by an entity on the UFLPA Entity List" are presumed made with forced labour and
# barred from US import unless CBP finds "clear and convincing evidence" otherwise (DHS,
# https://www.dhs.gov/uflpa; research/regulation-lists-peers.md §1). The presumption covers
# every good, so it weighs as much as a good on ILAB's forced-labour list (25); a clean social
# audit does not rebut it, so the clean-audit credit never takes it off.
UFLPA_PRESUMPTION_SUBDIVISIONS: Final[frozenset[str]] = frozenset({"CN-XJ"})  # ISO 3166-2
UFLPA_PRESUMPTION_POINTS: Final = 25.0
# A supplier that matches a party in force on a screening list: the UFLPA Entity List (the same
# presumption, for the entity's goods from anywhere) or a CBP Withhold Release Order or Finding
# in force (19 U.S.C. §1307; 19 CFR 12.42-12.44: CBP detains the goods). It is the strongest
# public signal short of evidence in the supplier's own records, and, being about the entity
# rather than its context, sits above the largest context weight (a forced-labour good, 25).
# Judgement on the size; it counts once, however many lists name the entity. A hit a reviewer
# rejected as a false positive is not an input (api.lists.hits).
ENTITY_LIST_MATCH_POINTS: Final = 40.0

# Migrant workers are "particularly vulnerable ... when employers retain their identity
# documents" (004 L630) and face "restricted movement, withheld wages, and increasing debts"
# (004 L351). Points scale with the migrant share of the workforce. Judgement on the size.
MIGRANT_WORKFORCE_POINTS: Final = 6.0

# A context at or above these marks is "high-risk" for SPEC 4.4 (a clean audit without worker
# evidence is unverified there): Tier 3 / special case / CSPA / state-sponsored countries, a
# forced-labour good, or context points at the high band.
HIGH_RISK_TIERS: Final[frozenset[TipTier]] = frozenset({"tier_3", "special_case"})
HIGH_RISK_CONTEXT_POINTS: Final = 50.0

# --------------------------------------------------------------------------------------
# Audit reliability.
# --------------------------------------------------------------------------------------
# A recent, clean, reliable audit lowers the context risk by this share of it. Nearly half of
# audits are unreliable (004 L618: 45% of 40,000), so even a highly reliable clean audit
# removes only part of the context risk, and a low-reliability one removes none (SPEC 4.4).
CLEAN_AUDIT_CREDIT_SHARE: Final = MappingProxyType({"high": 0.35, "medium": 0.15, "low": 0.0})
# An unreliable or unverified latest audit adds points: deception hides exactly the
# indicators the score looks for (004 L620, L624, L632, L636). Judgement on the size.
UNRELIABLE_AUDIT_POINTS: Final = 8.0
# "Unverified, never low risk" (SPEC 4.4): the score is raised to the bottom of the medium
# band when the latest audit is unreliable or unverified.
UNVERIFIED_MIN_SCORE: Final = 25.0

# --------------------------------------------------------------------------------------
# Bands and flags.
# --------------------------------------------------------------------------------------
# Four equal quarters of the 0-100 range, as Global Trace bands its 0-15 scale (peers.md §1).
BAND_LOWER_BOUNDS: Final[tuple[tuple[str, float], ...]] = (
    ("critical", 75.0),
    ("high", 50.0),
    ("medium", 25.0),
    ("low", 0.0),
)
DEFAULT_FLAG_THRESHOLD: Final = 60.0  # SPEC 4.6 default; each organisation passes its own
SCORE_MIN: Final = 0.0
SCORE_MAX: Final = 100.0

# --------------------------------------------------------------------------------------
# Uncertainty band (points either side of the score).
# --------------------------------------------------------------------------------------
UNCERTAINTY_BASE: Final = 3.0  # measurement noise of any screening score; judgement
# Each of the 11 indicators not assessed can only hide risk, so it widens the band upwards.
UNCERTAINTY_PER_UNASSESSED_INDICATOR: Final = 2.0
# Stale evidence can have got better or worse: both sides, scaled by (1 - recency weight).
UNCERTAINTY_STALE_EVIDENCE: Final = 8.0
# An unreliable audit may hide risk: upwards only.
UNCERTAINTY_BY_RELIABILITY: Final = MappingProxyType({"high": 0.0, "medium": 5.0, "low": 12.0})


# --------------------------------------------------------------------------------------
# Thresholds for indicators computed from worker-level evidence (SPEC 4.3).
# --------------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class CalculatorThresholds:
    """Thresholds of the worker-evidence calculators, overridable for tests and what-ifs."""

    # Any passport or ID held by someone other than the worker is retention (003 L1582 G13;
    # 004 L630); from this share of the workforce it is systemic, hence critical. Judgement.
    document_retention_critical_share: float = 0.10

    # Any fee paid by a worker breaks the employer-pays principle (004 L877: "allowing labor
    # recruiters to charge fees"; 004 L321 "no fees"); a fee of a month's wage or more, or any
    # outstanding recruitment debt, is debt bondage (SPEC 4.3; 004 L482; 003 L1605).
    recruitment_fee_bondage_months: float = 1.0
    recruitment_debt_min: float = 0.0  # any outstanding debt above this is bondage
    recruitment_critical_share: float = 0.10

    # Non-statutory deductions above this share of gross wages (accommodation, food, tools,
    # fines, fees) withhold earnings (003 L1704 W8, L1691 fines; 004 L482 debts "for expenses
    # like food, housing"). ILO C095 art. 8 allows deductions only as national law prescribes
    # and sets no figure; 25% is our judgement (docs/decisions/scoring-deduction-share.md).
    deduction_share_limit: float = 0.25
    deduction_share_high: float = 0.50
    statutory_deduction_kinds: frozenset[str] = frozenset(
        {"tax", "income_tax", "social_security", "pension", "health_insurance"}
    )
    # Deductions of these kinds are recruitment fees paid by the worker (employer pays broken).
    recruitment_deduction_kinds: frozenset[str] = frozenset(
        {"recruitment_fee", "recruitment", "placement_fee", "agency_fee", "loan_repayment"}
    )

    # Wages paid more than this many days after they fell due are late (ILO C095 art. 12:
    # wages "paid regularly"); a week absorbs bank delays. Judgement.
    late_payment_grace_days: int = 7
    # Wages a month or more late are withheld, not merely late (003 L1594 "no access to their
    # earnings"). Judgement.
    withheld_after_days: int = 30
    # One bank account receiving the wages of this many workers or more: workers do not hold
    # their own earnings (003 L1594, L1683). Two could be a couple; three is a pattern.
    shared_account_min_workers: int = 3
    # From this share of the payroll, withheld wages are systemic, hence critical. Judgement.
    withheld_wages_critical_share: float = 0.10
    # Hours on the timesheets beyond the hours paid, past this tolerance (rounding, unpaid
    # breaks recorded as worked), were worked for no pay (004 L624: slips altered to conceal
    # overtime). Four hours or 5% of the hours worked, the larger. Judgement.
    unpaid_hours_tolerance_abs: float = 4.0
    unpaid_hours_tolerance_rel: float = 0.05

    # ILO C001 (1919) and C030 (1930): 48 hours a week; plus 12 hours of overtime, the usual
    # code-of-conduct ceiling (SMETA/ETI base code 6.3) = 60. Above 72 (12 h x 6 days) is high,
    # 84 (12 h x 7) critical. Seeds: 15-18 hour days in cases (004 L251, L591, L793, L1082).
    excessive_weekly_hours: float = 60.0
    high_weekly_hours: float = 72.0
    critical_weekly_hours: float = 84.0
    # ILO C014 (1921): at least 24 consecutive hours of rest in every 7 days (003 L1596 "Not
    # have any days off").
    min_rest_days_per_week: float = 1.0
    max_consecutive_work_days: int = 6


DEFAULT_THRESHOLDS: Final = CalculatorThresholds()

# --------------------------------------------------------------------------------------
# Upstream risk (screening/upstream.py): what sub-suppliers at any depth bring to a buyer.
# --------------------------------------------------------------------------------------
# Points a hazard at a direct supplier adds to its buyer, before attenuation. The UFLPA
# presumption covers goods made "wholly or in part" in Xinjiang or by a listed entity
# (Pub. L. 117-78 §3(a); research/regulation-lists-peers.md §1): the strongest upstream
# signal. Any other hard flag on a sub-supplier (a critical indicator evidenced there, a Tier 3
# country without a reliable audit) weighs what ILAB's own "made with inputs produced by
# forced labour" rule does (INPUT_GOOD_FORCED_LABOUR_POINTS). A named sub-supplier making a
# good on ILAB's forced-labour list is more specific than that rule (which says only that
# some input may be tainted) and less than the good made by the supplier itself
# (GOOD_FORCED_LABOUR_POINTS): midway. Judgement on sizes.
UPSTREAM_HAZARD_POINTS: Final = MappingProxyType(
    {
        "uflpa_presumption_region": 20.0,  # Pub. L. 117-78 §3(a) "wholly or in part"
        "entity_list_match": 20.0,  # Pub. L. 117-78 §2(d)(2)(B) UFLPA Entity List; §3(a)
        "ilab_forced_labour_good": 15.0,  # ILAB goods.xml <Forced_Labor>, one tier up
    }
)
UPSTREAM_FLAGGED_SUB_SUPPLIER_POINTS: Final = INPUT_GOOD_FORCED_LABOUR_POINTS
# Each tier beyond the first keeps 80%: the closer the exposure, the more severe (Altana rates
# an exposure by "the tier of the closest exposure", research/regulation-lists-peers.md §3);
# the presumption itself does not fade with distance, so the flag is raised at any depth and
# only the points fade. After 10 tiers 0.8^9 = 13% remains. Judgement on 0.8.
UPSTREAM_TIER_DECAY: Final = 0.8
# A link's share of the buyer's input scales the points, never below half: UFLPA bars goods
# made "wholly or in part" with tainted inputs (Pub. L. 117-78 §3(a)), so a small share is no
# safe harbour. An unknown share counts as the whole input. Judgement on the floor.
UPSTREAM_SHARE_FLOOR: Final = 0.5
# Flag reasons that describe the supplier itself and flow to its buyers: every reason but the
# score threshold (which upstream risk itself can cross) and upstream risk (inherited, not own).
UPSTREAM_NOT_OWN_REASONS: Final = frozenset({"score_above_threshold", "upstream_risk"})
UPSTREAM_SOURCE: Final = (
    "Pub. L. 117-78 (UFLPA) §3(a); Altana tier of closest exposure "
    "(research/regulation-lists-peers.md §1, §3); docs/methodology.md 'Upstream risk'"
)
