"""Field specifications as data: which columns an upload kind has, which are required, and the
header spellings accepted for each. Audits, findings and evidence add their own specs beside
``SUPPLIER_FIELDS`` without touching the reader."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

# Parenthesised or bracketed notes in a header ("Workers (total)", "Country [ISO]") are dropped
# for a second matching attempt, so units and hints do not defeat the synonym list.
_BRACKETED = re.compile(r"[(\[{（【].*?[)\]}）】]")


def fold_header(text: str) -> str:
    """Case, accents, spaces and punctuation folded away: ``"N° Fournisseur"`` → ``"nfournisseur"``.

    NFKD also turns full-width forms (common in Chinese spreadsheets) into ASCII; CJK characters
    are letters to ``str.isalnum`` and survive.
    """
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed.casefold() if ch.isalnum())


def header_keys(text: str) -> tuple[str, ...]:
    """The folded forms a header is tried under, most specific first."""
    full = fold_header(text)
    stripped = fold_header(_BRACKETED.sub(" ", text))
    return (full,) if stripped in ("", full) else (full, stripped)


@dataclass(frozen=True, slots=True)
class FieldDef:
    name: str
    required: bool = False
    synonyms: tuple[str, ...] = ()
    description: str = ""


@dataclass(frozen=True)
class FieldSpec:
    """An upload kind's columns. Building it checks that no folded synonym names two fields."""

    kind: str
    fields: tuple[FieldDef, ...]
    by_folded_header: Mapping[str, str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        index: dict[str, str] = {}
        for f in self.fields:
            for spelling in (f.name, *f.synonyms):
                key = fold_header(spelling)
                owner = index.setdefault(key, f.name)
                if owner != f.name:
                    raise ValueError(
                        f"{self.kind}: header {spelling!r} would mean both {owner!r} and {f.name!r}"
                    )
        object.__setattr__(self, "by_folded_header", MappingProxyType(index))

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(f.name for f in self.fields)

    @property
    def required(self) -> tuple[str, ...]:
        return tuple(f.name for f in self.fields if f.required)

    def get(self, name: str) -> FieldDef:
        for f in self.fields:
            if f.name == name:
                return f
        raise KeyError(name)

    def match(self, header: str) -> str | None:
        """The canonical field a source header means, or ``None``."""
        for key in header_keys(header):
            found = self.by_folded_header.get(key)
            if found is not None:
                return found
        return None


# Spellings seen in supplier lists exported from ERPs (SAP, Oracle, Coupa, Ariba), in EN, FR, ES,
# PT, DE and ZH. Folding makes case, accents, spaces and punctuation irrelevant, so "Supplier-Name",
# "SUPPLIER NAME" and "supplier_name" are one entry.
SUPPLIER_FIELDS = FieldSpec(
    kind="suppliers",
    fields=(
        FieldDef(
            "name",
            required=True,
            description="Legal or trading name of the supplier or site",
            synonyms=(
                "supplier",
                "supplier name",
                "supplier_name",
                "vendor",
                "vendor name",
                "factory",
                "factory name",
                "facility",
                "facility name",
                "site name",
                "company",
                "company name",
                "legal name",
                "business name",
                "manufacturer",
                "fournisseur",
                "nom du fournisseur",
                "nom fournisseur",
                "raison sociale",
                "usine",
                "nom de l'usine",
                "entreprise",
                "proveedor",
                "nombre del proveedor",
                "nombre proveedor",
                "razón social",
                "fábrica",
                "nombre de la fábrica",
                "empresa",
                "fornecedor",
                "nome do fornecedor",
                "nome fornecedor",
                "fabrica",
                "nome da fábrica",
                "lieferant",
                "lieferantenname",
                "name des lieferanten",
                "firma",
                "firmenname",
                "fabrik",
                "hersteller",
                "供应商",
                "供应商名称",
                "工厂",
                "工厂名称",
                "公司名称",
                "厂商",
                "企业名称",
            ),
        ),
        FieldDef(
            "external_ref",
            description="The client's own supplier id (unique per organisation)",
            synonyms=(
                "supplier id",
                "supplier code",
                "supplier number",
                "supplier no",
                "supplier ref",
                "supplier reference",
                "vendor id",
                "vendor code",
                "vendor number",
                "vendor no",
                "external id",
                "external ref",
                "reference",
                "ref",
                "id",
                "n° fournisseur",
                "nº fournisseur",
                "numéro fournisseur",
                "code fournisseur",
                "id fournisseur",
                "référence fournisseur",
                "código proveedor",
                "código de proveedor",
                "id proveedor",
                "nº proveedor",
                "número de proveedor",
                "código fornecedor",
                "código do fornecedor",
                "id fornecedor",
                "lieferantennummer",
                "lieferanten nr",
                "lieferanten-id",
                "kreditorennummer",
                "供应商编号",
                "供应商代码",
                "供应商id",
                "工厂编号",
            ),
        ),
        FieldDef(
            "registration_number",
            description="Company registration or tax number",
            synonyms=(
                "registration",
                "registration no",
                "registration number",
                "company number",
                "business registration",
                "tax id",
                "vat number",
                "duns",
                "siret",
                "siren",
                "numéro d'immatriculation",
                "n° tva",
                "nif",
                "rfc",
                "cif",
                "número de registro",
                "cnpj",
                "número de registo",
                "handelsregisternummer",
                "registernummer",
                "steuernummer",
                "ust-idnr",
                "统一社会信用代码",
                "注册号",
                "营业执照号",
            ),
        ),
        FieldDef(
            "country",
            required=True,
            description="Country: ISO 3166-1 alpha-2 or alpha-3 code, or English name",
            synonyms=(
                "country",
                "country code",
                "country of origin",
                "supplier country",
                "country iso",
                "iso country",
                "iso2",
                "pays",
                "pays d'origine",
                "code pays",
                "país",
                "pais",
                "país de origen",
                "código de país",
                "país de origem",
                "land",
                "ländercode",
                "herkunftsland",
                "国家",
                "国家/地区",
                "国别",
                "国家代码",
            ),
        ),
        FieldDef(
            "region",
            synonyms=(
                "region",
                "province",
                "state",
                "state/province",
                "county",
                "région",
                "département",
                "provincia",
                "estado",
                "departamento",
                "bundesland",
                "省",
                "省份",
                "地区",
            ),
        ),
        FieldDef(
            "city",
            synonyms=(
                "city",
                "town",
                "municipality",
                "ville",
                "commune",
                "ciudad",
                "municipio",
                "cidade",
                "município",
                "stadt",
                "ort",
                "城市",
                "市",
            ),
        ),
        FieldDef(
            "address",
            synonyms=(
                "address",
                "street address",
                "site address",
                "factory address",
                "address line 1",
                "adresse",
                "dirección",
                "direccion",
                "endereço",
                "anschrift",
                "straße",
                "地址",
                "工厂地址",
            ),
        ),
        FieldDef(
            "sector",
            synonyms=(
                "sector",
                "industry",
                "industry sector",
                "category",
                "supplier category",
                "secteur",
                "secteur d'activité",
                "industrie",
                "sector industrial",
                "rubro",
                "setor",
                "branche",
                "industrie sektor",
                "sektor",
                "行业",
                "行业类别",
            ),
        ),
        FieldDef(
            "products",
            synonyms=(
                "product",
                "products",
                "goods",
                "commodity",
                "commodities",
                "materials",
                "items",
                "product category",
                "produit",
                "produits",
                "marchandises",
                "producto",
                "productos",
                "produto",
                "produtos",
                "mercadorias",
                "produkt",
                "produkte",
                "waren",
                "产品",
                "商品",
                "主要产品",
            ),
        ),
        FieldDef(
            "tier",
            synonyms=(
                "tier",
                "supplier tier",
                "tier level",
                "niveau",
                "rang",
                "nivel",
                "nível",
                "ebene",
                "stufe",
                "层级",
                "级别",
            ),
        ),
        FieldDef(
            "parent_ref",
            synonyms=(
                "parent",
                "parent id",
                "parent ref",
                "parent supplier",
                "parent supplier id",
                "parent code",
                "buyer supplier id",
                "fournisseur parent",
                "proveedor padre",
                "fornecedor pai",
                "übergeordneter lieferant",
                "上级供应商",
            ),
        ),
        FieldDef(
            "worker_count",
            synonyms=(
                "workers",
                "number of workers",
                "no of workers",
                "worker count",
                "headcount",
                "employees",
                "number of employees",
                "total workers",
                "workforce",
                "nombre de travailleurs",
                "effectif",
                "effectifs",
                "nombre d'employés",
                "trabajadores",
                "número de trabajadores",
                "empleados",
                "número de empleados",
                "trabalhadores",
                "número de trabalhadores",
                "funcionários",
                "mitarbeiter",
                "anzahl mitarbeiter",
                "beschäftigte",
                "工人数",
                "员工人数",
                "员工数量",
                "工人数量",
            ),
        ),
        FieldDef(
            "migrant_share",
            synonyms=(
                "migrant share",
                "migrant workers",
                "% migrant",
                "migrant %",
                "migrant percentage",
                "share of migrant workers",
                "percent migrant",
                "foreign workers",
                "% travailleurs migrants",
                "part de migrants",
                "travailleurs migrants",
                "% migrantes",
                "trabajadores migrantes",
                "porcentaje migrantes",
                "trabalhadores migrantes",
                "anteil migranten",
                "wanderarbeiter",
                "外来务工人员比例",
                "农民工比例",
                "外籍工人比例",
            ),
        ),
        FieldDef(
            "recruitment_agencies",
            synonyms=(
                "recruitment agency",
                "recruitment agencies",
                "labour agency",
                "labor agency",
                "labour agencies",
                "labor agencies",
                "agencies",
                "labour providers",
                "agence de recrutement",
                "agences de recrutement",
                "agencia de reclutamiento",
                "agencias de reclutamiento",
                "agência de recrutamento",
                "personalvermittlung",
                "arbeitsvermittler",
                "招聘机构",
                "中介机构",
                "劳务中介",
            ),
        ),
    ),
)
