"""Legal forms of companies, by jurisdiction, as they appear in supplier lists.

Written as people type them; ``normalise`` tokenises every alias with the same folding
it applies to names, so "S.A. de C.V.", "SA de CV" and "S. A. DE C. V." are one entry.

The list started from the forms the supplier lists of our users carry (garment, footwear,
electronics, seafood and agriculture supply chains) and was checked against rigour's
``org_types.yml`` (OpenSanctions, MIT; built from OCCRP's list, ISO 20275 ELF codes and
Wikipedia) and cleanco's ``termdata.py`` (MIT). We keep our own table because rigour
needs PyICU (no wheels) and misses PT/Tbk, Công ty TNHH, A.Ş., W.L.L. and Pvt.; see
docs/decisions/matching-normalisation.md.

``kind`` groups forms that mean the same liability regime, so "Co., Ltd." and "Limited"
agree while "Ltd" and "Partnership" differ (a weak signal, see ``compare``).
``position`` guards short aliases that are also words or initials ("AS", "AG", "PT",
"SA", "Co"): they are stripped only at the end (``suffix``) or start (``prefix``) of a
name, never in the middle.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

LegalKind = Literal[
    "limited",  # private limited company / LLC family
    "stock",  # joint-stock, public or listed company
    "partnership",
    "cooperative",
    "sole",  # sole proprietorship / individual enterprise
    "company",  # "Company", "Co.", "Corp.", "Inc.": no liability regime implied
    "state",  # state-owned / public enterprise
    "branch",
]
Position = Literal["suffix", "prefix", "both"]


@dataclass(frozen=True, slots=True)
class LegalForm:
    code: str  # canonical short form shown in explanations
    kind: LegalKind
    aliases: tuple[str, ...]
    position: Position = "suffix"


LEGAL_FORMS: tuple[LegalForm, ...] = (
    # Anglophone and generic
    LegalForm(
        "Ltd",
        "limited",
        (
            "Ltd",
            "Limited",
            "Ltd Co",
            "Limited Company",
            "Company Limited",
            "Co Ltd",
            "Co Limited",
            "Corp Ltd",
            "Corporation Limited",
            "Pty Ltd",
            "Proprietary Limited",
            "Pte Ltd",
            "Private Limited Company",
            "Pte Limited",
            "Pte",
            "Ltd Liability Co",
            "Co Ltd Co",
            "Company Ltd",
            "Co Ltd Company",
            "Ltda",
            "Lda",
            "Limitada",
            "Unlimited",
            "Youxian Gongsi",
            "Youxian Zeren Gongsi",
            "Gufen Youxian Gongsi",
            "Ltd Sti",
            "Limited Sirketi",
            "Ltd Şti",
            "Limited Şirketi",
            "Sti",
            "Şti",
        ),
    ),
    LegalForm(
        "LLC",
        "limited",
        (
            "LLC",
            "L L C",
            "Limited Liability Company",
            "LLP",
            "PLLC",
            "Limited Liability Partnership",
            "LC",
        ),
    ),
    LegalForm(
        "PLC",
        "stock",
        (
            "PLC",
            "Public Limited Company",
            "Public Company Limited",
            "Public Co Ltd",
            "Pcl",
            "Public Company",
            "Ltd PLC",
        ),
    ),
    LegalForm("Inc", "company", ("Inc", "Incorporated", "Corp", "Corporation", "Inc Co")),
    LegalForm("Co", "company", ("Co", "Company", "Cos", "Companies", "And Co", "And Company")),
    LegalForm(
        "Coop",
        "cooperative",
        (
            "Co-operative",
            "Cooperative",
            "Co-op",
            "Coop",
            "Co-operative Society",
            "Cooperative Society",
            "Co-operative Society Ltd",
            "Cooperative Society Limited",
            "Cooperativa",
            "Cooperative Ltd",
            "Koperasi",
            "Kooperatif",
            "Hop Tac Xa",
            "Genossenschaft",
            "eG",
            "Cooperativa Agropecuaria",
            "Coopérative",
        ),
    ),
    LegalForm(
        "LP",
        "partnership",
        ("LP", "Limited Partnership", "Partnership", "GP", "General Partnership", "and Partners"),
    ),
    # German-speaking
    LegalForm(
        "GmbH",
        "limited",
        (
            "GmbH",
            "Gesellschaft mit beschränkter Haftung",
            "Ges mbH",
            "GesmbH",
            "mbH",
            "GmbH und Co KG",
            "GmbH and Co KG",
            "GmbH Co KG",
            "UG",
            "UG haftungsbeschränkt",
            "gGmbH",
        ),
    ),
    LegalForm("AG", "stock", ("AG", "Aktiengesellschaft", "KGaA", "SE")),
    LegalForm(
        "KG", "partnership", ("KG", "Kommanditgesellschaft", "OHG", "GbR", "Co KG", "and Co KG")
    ),
    # Romance languages and Latin America
    LegalForm(
        "SA",
        "stock",
        (
            "SA",
            "Sociedad Anonima",
            "Société Anonyme",
            "Sociedade Anonima",
            "SpA",
            "Societa per Azioni",
            "SAA",
            "SAC",
            "SAE",
            "SAL",
            "SA de CV",
            "SAB de CV",
            "SAPI de CV",
            "SA de CV SOFOM",
            "SAPI",
            "SA Inc",
            "SA Ltd",
            "SA ESP",
        ),
        "suffix",
    ),
    LegalForm(
        "S de RL",
        "limited",
        (
            "S de RL",
            "S de RL de CV",
            "SRL",
            "Sociedad de Responsabilidad Limitada",
            "Societa a Responsabilita Limitata",
            "SRLS",
            "Sarl",
            "SARLU",
            "EURL",
            "Société à Responsabilité Limitée",
            "SL",
            "SLU",
            "Sociedad Limitada",
            "EIRELI",
            "EIRL",
            "ME",
            "EPP",
            "Ltda ME",
            "Ltda EPP",
            "Ltda ME EPP",
        ),
    ),
    LegalForm(
        "SAS",
        "stock",
        (
            "SAS",
            "SASU",
            "Société par Actions Simplifiée",
            "Sociedad por Acciones Simplificada",
            "SCA",
        ),
    ),
    LegalForm("SNC", "partnership", ("SNC", "SCS", "S en C", "Sociedad en Comandita")),
    # Dutch, Belgian, Nordic
    LegalForm(
        "BV", "limited", ("BV", "Besloten Vennootschap", "BVBA", "ApS", "Oy", "AB", "ASA", "Oyj")
    ),
    LegalForm("NV", "stock", ("NV", "Naamloze Vennootschap")),
    # Eastern Europe and Central Asia
    LegalForm(
        "OOO",
        "limited",
        (
            "OOO",
            "Obshchestvo s Ogranichennoy Otvetstvennostyu",
            "TOO",
            "TOV",
            "MChJ",
            "MChZh",
            "Mas'uliyati Cheklangan Jamiyati",
            "Mas'uliyati Cheklangan Jamiyat",
            "d.o.o.",
            "s.r.o.",
            "Sp z o.o.",
            "Kft",
            "SIA",
            "UAB",
            "OU",
            "EOOD",
            "OOD",
        ),
        "both",
    ),
    LegalForm(
        "JSC",
        "stock",
        (
            "JSC",
            "OJSC",
            "CJSC",
            "PJSC",
            "OAO",
            "ZAO",
            "PAO",
            "AO",
            "Joint Stock Company",
            "Joint-Stock Company",
            "JS Co",
            "Open Joint Stock Company",
            "Closed Joint Stock Company",
            "Public Joint Stock Company",
            "JSCo",
            "AD",
            "EAD",
            "Zrt",
            "Nyrt",
            "Joint Stock Co",
        ),
        "both",
    ),
    # Turkey
    LegalForm("AS", "stock", ("A.Ş.", "Anonim Şirketi", "Anonim Sirketi", "AŞ", "A Ş")),
    # South Asia
    LegalForm(
        "Pvt Ltd",
        "limited",
        (
            "Private Limited",
            "(P) Ltd",
            "P Ltd",
            "Pvt Ltd",
            "Pvt Limited",
            "Pvt",
            "Private Ltd",
            "Pvt Ltd Co",
            "(Pvt) Ltd",
            "OPC Pvt Ltd",
            "OPC Private Limited",
        ),
    ),
    LegalForm("M/s", "company", ("M/s", "Messrs", "M/S"), "prefix"),
    LegalForm("JV", "company", ("JV", "Joint Venture", "QK", "Qo'shma Korxona", "Qoshma Korxona")),
    # Malaysia, Singapore, Brunei
    LegalForm(
        "Sdn Bhd",
        "limited",
        (
            "Sdn Bhd",
            "Sendirian Berhad",
            "Sdn",
            "S/B",
            "SB",
            "(M) Sdn Bhd",
            "M Sdn Bhd",
            "(M) Sdn. Bhd.",
        ),
    ),
    LegalForm("Bhd", "stock", ("Bhd", "Berhad", "(M) Bhd", "M Berhad")),
    LegalForm("Syarikat", "company", ("Syarikat", "Sharikat"), "prefix"),
    # Indonesia
    LegalForm("PT", "limited", ("PT", "Perseroan Terbatas", "P.T."), "prefix"),
    LegalForm(
        "Tbk", "stock", ("Tbk", "Terbuka", "Persero Tbk", "(Persero) Tbk", "Persero"), "suffix"
    ),
    LegalForm(
        "CV", "partnership", ("CV", "Commanditaire Vennootschap", "UD", "Firma", "Fa"), "prefix"
    ),
    # Thailand
    LegalForm(
        "Co Ltd",
        "limited",
        ("Borisat Chamkat", "Bor Ror Mor", "Hang Hun Suan Chamkat", "Limited Partnership Thailand"),
    ),
    LegalForm("PCL", "stock", ("PCL", "Public Co Ltd", "Borisat Mahachon Chamkat")),
    # Vietnam (after folding: "Công ty TNHH" -> "cong ty tnhh")
    LegalForm(
        "TNHH",
        "limited",
        (
            "Cong ty TNHH",
            "Cong ty Trach nhiem Huu han",
            "TNHH",
            "TNHH MTV",
            "Cong ty TNHH MTV",
            "Cong ty TNHH Mot Thanh Vien",
            "TNHH Mot Thanh Vien",
            "Cong ty Trach nhiem Huu han Mot Thanh Vien",
            "Cong ty TNHH Hai Thanh Vien Tro Len",
        ),
        "both",
    ),
    LegalForm("CP", "stock", ("Cong ty Co phan", "Cong ty CP", "CTCP", "Co phan"), "both"),
    LegalForm(
        "Cong ty",
        "company",
        ("Cong ty", "Cty", "Doanh nghiep Tu nhan", "DNTN", "Tong Cong ty", "TCT"),
        "prefix",
    ),
    # China (romanised pinyin of 有限公司 etc.; the characters are mapped in normalise)
    LegalForm(
        "Youxian Gongsi",
        "limited",
        (
            "You Xian Gong Si",
            "Youxian Gongsi",
            "Gu Fen You Xian Gong Si",
            "Youxian Zeren Gongsi",
            "You Xian Ze Ren Gong Si",
        ),
    ),
    LegalForm("Gongsi", "company", ("Gong Si", "Gongsi")),
    # Gulf states
    LegalForm(
        "FZE",
        "limited",
        (
            "FZE",
            "FZCO",
            "FZ LLC",
            "FZC",
            "Free Zone Establishment",
            "Free Zone Company",
            "DMCC",
            "FZ-LLC",
        ),
    ),
    LegalForm(
        "WLL",
        "limited",
        (
            "WLL",
            "W.L.L.",
            "With Limited Liability",
            "SPC",
            "SOC",
            "SAOC",
            "SAOG",
            "QSC",
            "QPSC",
            "BSC",
            "KSC",
            "KSCC",
        ),
    ),
    LegalForm(
        "Est",
        "sole",
        (
            "Est",
            "Establishment",
            "Sole Proprietorship",
            "Proprietorship",
            "Sole Prop",
            "Enterprise Sole Proprietor",
        ),
    ),
    # State enterprise
    LegalForm("SOE", "state", ("State Owned Enterprise", "SOE", "Public Enterprise", "Parastatal")),
    LegalForm(
        "Branch",
        "branch",
        ("Branch", "Branch Office", "Sucursal", "Chi Nhanh", "Zweigniederlassung", "Filiale"),
    ),
)
