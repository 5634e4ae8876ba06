"""The 11 ILO indicators of forced labour (ILO 2012) with the synonyms auditors write.

``critical`` marks the indicators whose evidence alone flags a supplier for review
(SPEC section 4 item 6). The other six are not critical on their own: the ILO 2012
publication says a single indicator may or may not imply forced labour depending on its
severity, and these six (vulnerability, deception, isolation, threats, abusive
conditions, overtime) are common at low severity in audit reports, so a severe instance is
flagged through the finding's ``critical`` severity rather than through the indicator.
"""

from __future__ import annotations

from dataclasses import dataclass

from risk_data.build.sources import ILO_INDICATORS_2012, TIP_2023, UNODC_CONFLICT_2018
from risk_data.types import Citation

C = Citation


def _ilo(section: str) -> Citation:
    return C(ILO_INDICATORS_2012, f"indicator: {section}")


@dataclass(frozen=True, slots=True)
class IndicatorSpec:
    code: str
    name: str
    description: str
    critical: bool
    synonyms: tuple[str, ...]
    citations: tuple[Citation, ...]


INDICATORS: tuple[IndicatorSpec, ...] = (
    IndicatorSpec(
        "abuse_of_vulnerability",
        "Abuse of vulnerability",
        "The employer takes advantage of a worker's lack of knowledge of the local language or "
        "laws, few livelihood options, irregular migration status, or dependency on the employer "
        "for housing, food or a job for family members.",
        False,
        (
            "abuse of vulnerability", "abuse of a position of vulnerability", "vulnerable workers",
            "undocumented workers", "irregular migrants", "irregular migration status",
            "workers without legal status", "threat of deportation of undocumented workers",
            "dependent on the employer for housing", "workers do not speak the local language",
            "worker does not understand contract", "contract in a language workers cannot read",
            "no labour contract", "no written contract", "child workers", "underage workers",
            "minors employed", "abus de vulnérabilité", "abuso de vulnerabilidad",
        ),
        (
            _ilo("Abuse of vulnerability"),
            C(UNODC_CONFLICT_2018, "L105", "abuse of power or a position of vulnerability"),
            C(UNODC_CONFLICT_2018, "L470", "taking advantage of vulnerability factors such as age, poverty, illiteracy, unemployment or displacement"),
        ),
    ),
    IndicatorSpec(
        "deception",
        "Deception",
        "The worker was misled about the nature of the work, the employer, the wage, the "
        "conditions, the place of work or the legal status of the job.",
        False,
        (
            "deception", "deceptive recruitment", "false promises", "misled about wages",
            "misled about the job", "job different from what was promised",
            "contract substitution", "contract switching", "wages lower than promised",
            "different employer than promised", "fake job offer", "fraudulent recruitment",
            "recruiter lied", "tromperie", "promesses mensongères", "engaño",
            "promesas falsas", "sustitución de contrato",
        ),
        (
            _ilo("Deception"),
            C(UNODC_CONFLICT_2018, "L1606", "Have acted on the basis of false promises"),
        ),
    ),
    IndicatorSpec(
        "restriction_of_movement",
        "Restriction of movement",
        "Workers are locked in, guarded, or otherwise unable to leave the workplace or "
        "employer-provided housing freely, including outside working hours.",
        True,
        (
            "restriction of movement", "restricted movement", "freedom of movement restricted",
            "workers locked in", "locked dormitory", "dormitory locked at night",
            "gates locked", "workers cannot leave", "not allowed to leave the premises",
            "not free to leave", "need permission to leave", "exit pass required",
            "guarded compound", "security guards prevent workers leaving", "confinement",
            "confined", "curfew for workers", "restriction de la liberté de mouvement",
            "enfermés", "restricción de movimiento", "encerrados", "no pueden salir",
        ),
        (
            _ilo("Restriction of movement"),
            C(UNODC_CONFLICT_2018, "L1571", "Be unable to leave their work environment"),
            C(UNODC_CONFLICT_2018, "L1690", "Be subject to security measures designed to keep them on the work premises"),
        ),
    ),
    IndicatorSpec(
        "isolation",
        "Isolation",
        "Workers are isolated geographically (remote sites, vessels at sea) or socially "
        "(denied contact with family, phones confiscated, no contact outside the workplace).",
        False,
        (
            "isolation", "isolated", "isolated workplace", "remote location", "remote site",
            "workers at sea for months", "phones confiscated", "mobile phones taken",
            "no contact with family", "no access to phone", "cannot communicate with family",
            "not allowed visitors", "no contact with outside", "aislamiento", "aislados",
            "isolement", "téléphones confisqués",
        ),
        (
            _ilo("Isolation"),
            C(UNODC_CONFLICT_2018, "L1599", "Have limited or no social interaction"),
            C(TIP_2023, "L446", "Domestic workers are often isolated"),
        ),
    ),
    IndicatorSpec(
        "physical_sexual_violence",
        "Physical and sexual violence",
        "Workers are beaten, sexually abused or harassed, or otherwise physically harmed, or "
        "deprived of food, water or sleep, to force them to work.",
        True,
        (
            "physical and sexual violence", "physical violence", "sexual violence", "violence",
            "beating", "beatings", "beaten", "hit by supervisor", "slapped", "physical abuse",
            "physical punishment", "corporal punishment", "sexual abuse", "sexual harassment",
            "rape", "assault", "assaulted", "electric shocks", "deprived of food",
            "violence physique", "violences sexuelles", "harcèlement sexuel",
            "violencia física", "violencia sexual", "acoso sexual", "golpes",
        ),
        (
            _ilo("Physical and sexual violence"),
            C(UNODC_CONFLICT_2018, "L1576", "Suffer injuries that appear to be the result of an assault"),
            C(TIP_2023, "L793", "threats, beatings, and electric shocks"),
        ),
    ),
    IndicatorSpec(
        "intimidation_threats",
        "Intimidation and threats",
        "Workers are threatened (with violence, denunciation to the authorities, deportation, "
        "loss of wages or of their job, harm to family) or intimidated into working or staying.",
        False,
        (
            "intimidation and threats", "intimidation", "threats", "threatened", "threat",
            "threatened with deportation", "threat of denunciation", "threatened with police",
            "threatened with dismissal", "verbal abuse", "insults", "shouting",
            "threats against family", "fear of retaliation", "workers afraid to speak",
            "coached to lie", "menaces", "amenazas", "intimidación",
            "amenazados",
        ),
        (
            _ilo("Intimidation and threats"),
            C(UNODC_CONFLICT_2018, "L1580", "Be threatened by the possibility of being handed over to the authorities"),
            C(TIP_2023, "L436", "threats of force"),
        ),
    ),
    IndicatorSpec(
        "retention_of_identity_documents",
        "Retention of identity documents",
        "The employer, an agency or anyone but the worker holds the worker's passport, ID card, "
        "work permit or other documents, and the worker cannot get them on demand.",
        True,
        (
            "retention of identity documents", "passport retention", "passports retained",
            "passport held by employer", "passports held by employer", "passports kept by management",
            "passports kept by the company", "passports kept in the office", "passports in safekeeping",
            "passport confiscated", "passports confiscated", "confiscation of passports",
            "confiscation of identity documents", "id cards retained", "id card retained",
            "identity cards kept by employer", "identity documents withheld",
            "documents held by agency", "passport held by agent", "work permits kept by employer",
            "employer keeps passports", "passports locked in lockers",
            "rétention des passeports", "passeports confisqués", "pièces d'identité retenues",
            "retención de pasaportes", "pasaportes retenidos", "retención de documentos de identidad",
        ),
        (
            _ilo("Retention of identity documents"),
            C(TIP_2023, "L630", "employers retain their identity documents, such as passports, a common indicator of forced labor recognized by the ILO"),
            C(UNODC_CONFLICT_2018, "L1582", "Not be in possession of their passports or other travel or identity documents"),
        ),
    ),
    IndicatorSpec(
        "withholding_of_wages",
        "Withholding of wages",
        "Wages are withheld, systematically delayed, paid into accounts the worker does not "
        "control, or cut by deductions so that the worker cannot leave without losing pay.",
        True,
        (
            "withholding of wages", "wages withheld", "withheld wages", "unpaid wages",
            "wages not paid", "non-payment of wages", "delayed wages", "late payment of wages",
            "wages paid late", "salary withheld", "salary delayed", "wage deposit",
            "wages held back", "illegal deductions", "excessive deductions",
            "deductions from wages", "wages paid to agent", "wages paid into employer account",
            "no access to earnings", "underpayment", "wage theft", "retenue sur salaire",
            "salaires impayés", "salaires retenus", "retención de salarios",
            "salarios no pagados", "salario retenido",
        ),
        (
            _ilo("Withholding of wages"),
            C(TIP_2023, "L624", "the withholding of wages and excessive overtime—both recognized by the ILO as indicators of forced labor"),
            C(UNODC_CONFLICT_2018, "L1594", "Have no access to their earnings"),
        ),
    ),
    IndicatorSpec(
        "debt_bondage",
        "Debt bondage",
        "The worker works to repay a debt or advance (recruitment fees, transport, "
        "accommodation, loans) that is inflated, cannot realistically be repaid, or ties the "
        "worker to the employer; any recruitment fee paid by the worker is a warning sign.",
        True,
        (
            "debt bondage", "bonded labour", "bonded labor", "debt", "recruitment fees",
            "recruitment fees charged to workers", "workers paid recruitment fees",
            "recruitment fee paid by worker", "worker-paid recruitment fees",
            "placement fees", "agency fees paid by workers", "recruitment debt",
            "loans from employer", "salary advance", "wage advances", "debt to recruiter",
            "debt to employer", "workers in debt", "owe money to agent",
            "inflated debt", "servitude pour dettes", "frais de recrutement",
            "servidumbre por deudas", "cuotas de reclutamiento", "tarifas de contratación",
            "deuda con el empleador",
        ),
        (
            _ilo("Debt bondage"),
            C(UNODC_CONFLICT_2018, "L1602", "Be under the perception that they are bonded by debt"),
            C(TIP_2023, "L482", "Traffickers can also manipulate debts after the economic relationship begins"),
            C(TIP_2023, "L877", "allowing labor recruiters to charge fees to prospective migrants"),
        ),
    ),
    IndicatorSpec(
        "abusive_conditions",
        "Abusive working and living conditions",
        "Degrading, hazardous or unhealthy working or living conditions that workers would "
        "not accept freely: overcrowded or unsanitary housing, no protective equipment, no "
        "access to water, food or medical care.",
        False,
        (
            "abusive working and living conditions", "abusive conditions", "abusive working conditions",
            "poor living conditions", "overcrowded dormitory", "overcrowded housing",
            "unsanitary accommodation", "substandard accommodation", "no running water",
            "no drinking water", "no toilets", "unsafe working conditions", "hazardous work",
            "no protective equipment", "no ppe", "no access to medical care",
            "degrading conditions", "conditions de vie indignes", "conditions de travail abusives",
            "condiciones de vida precarias", "condiciones abusivas", "hacinamiento",
        ),
        (
            _ilo("Abusive working and living conditions"),
            C(UNODC_CONFLICT_2018, "L1597", "Live in poor or substandard accommodations"),
            C(UNODC_CONFLICT_2018, "L1680", "Live in degraded, unsuitable places"),
        ),
    ),
    IndicatorSpec(
        "excessive_overtime",
        "Excessive overtime",
        "Working hours or days beyond the limits set by national law or collective agreement, "
        "under compulsion or without rest days.",
        False,
        (
            "excessive overtime", "excessive working hours", "excessive hours", "long hours",
            "working hours exceed 60", "more than 60 hours per week", "forced overtime",
            "compulsory overtime", "mandatory overtime", "involuntary overtime", "no rest day",
            "no day off", "no days off", "seven days a week", "no weekly rest",
            "heures supplémentaires excessives", "heures supplémentaires forcées",
            "horas extras excesivas", "horas extra obligatorias", "jornadas excesivas",
        ),
        (
            _ilo("Excessive overtime"),
            C(TIP_2023, "L624", "excessive overtime"),
            C(UNODC_CONFLICT_2018, "L1595", "Work excessively long hours over long periods"),
            C(UNODC_CONFLICT_2018, "L1596", "Not have any days off"),
        ),
    ),
)

INDICATOR_CODES: tuple[str, ...] = tuple(spec.code for spec in INDICATORS)
