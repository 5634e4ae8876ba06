"""Score payloads to engine inputs: every name resolved against the risk data the way the
registry resolves it on write, then the one conversion of ``api.engine_inputs``."""

from __future__ import annotations

from api.engine_inputs.audit import posted_audit
from api.engine_inputs.supplier import product_names, supplier_profile
from api.scoring.schemas import FindingResolution, Resolution, Resolved, ScoreRequest, SupplierIn
from api.suppliers.resolve import clean
from risk_data.errors import UnknownValueError
from risk_data.lookup import find_good, resolve_country, resolve_sector
from risk_data.subdivisions import subdivision_by_code
from risk_data.types import RiskData
from screening.inputs.audit import Audit
from screening.inputs.supplier import SupplierProfile


class InputError(Exception):
    """A value the risk data does not know, with where it was and what is accepted."""

    def __init__(self, pointer: str, error: UnknownValueError) -> None:
        super().__init__(str(error))
        self.pointer = pointer
        self.error = error


def resolve_supplier(
    supplier: SupplierIn, data: RiskData, pointer: str = "/supplier"
) -> tuple[SupplierProfile, Resolution]:
    try:
        country = resolve_country(supplier.country, data)
    except UnknownValueError as exc:
        raise InputError(f"{pointer}/country", exc) from exc
    sector_resolved = None
    sector_code = None
    if supplier.sector:
        try:
            match = resolve_sector(supplier.sector, data)
        except UnknownValueError as exc:
            raise InputError(f"{pointer}/sector", exc) from exc
        sector_code = match.sector.code
        sector_resolved = Resolved(
            input=supplier.sector,
            value=sector_code,
            confidence=match.confidence,
            matched=match.matched,
        )
    products: list[Resolved] = []
    for product in supplier.products:
        good = find_good(product, data, country=country.iso2)
        if good is None:
            products.append(Resolved(input=product, value=None, confidence=0.0, matched=""))
        else:
            products.append(
                Resolved(
                    input=product, value=good.name, confidence=good.confidence, matched=good.matched
                )
            )
    profile = supplier_profile(
        {
            "country": country.iso2,
            "sector": sector_code,
            # The registry's rule: ILAB goods by name, other products as the client wrote them.
            "products": product_names((p.input, p.value) for p in products),
            "region": clean(supplier.region),
            "worker_count": supplier.worker_count,
            "migrant_share": supplier.migrant_share,
            "recruitment_agencies": [
                a for a in (clean(x) for x in supplier.recruitment_agencies) if a
            ],
        }
    )
    resolution = Resolution(
        country=Resolved(
            input=supplier.country, value=country.iso2, confidence=1.0, matched=country.name
        ),
        sector=sector_resolved,
        products=products,
        findings=[],
        subdivision=None
        if profile.subdivision is None
        else Resolved(
            input=supplier.region or "",
            value=profile.subdivision,
            confidence=1.0,
            matched=subdivision_by_code(profile.subdivision).name,
        ),
    )
    return profile, resolution


def resolve_request(
    request: ScoreRequest, data: RiskData, *, account_salt: str, pointer: str = ""
) -> tuple[SupplierProfile, list[Audit], Resolution]:
    profile, resolution = resolve_supplier(request.supplier, data, f"{pointer}/supplier")
    audits: list[Audit] = []
    for a, audit in enumerate(request.audits):
        posted = posted_audit(audit, data, default_ref=f"audit-{a + 1}", account_salt=account_salt)
        audits.append(posted.audit)
        mappings = posted.mappings
        resolution.findings.extend(
            FindingResolution(
                audit=a,
                finding=m.index,
                indicator=m.indicator,
                mapped_by=m.mapped_by,
                confidence=m.confidence,
                matched=m.matched,
            )
            for m in mappings
        )
    return profile, audits, resolution
