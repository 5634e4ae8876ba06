"""The supplier as the engine sees it: already resolved against the risk data."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class SupplierProfile:
    """Context of one supplier.

    ``country`` is ISO 3166-1 alpha-2, ``sector`` a sector code from the risk data,
    ``products`` ILAB good names and ``subdivision`` an ISO 3166-2 code, all resolved by the
    caller (``risk_data.lookup``, ``risk_data.subdivisions``) so the engine never guesses.
    """

    country: str
    sector: str | None = None
    products: tuple[str, ...] = ()
    region: str | None = None
    worker_count: int | None = None
    migrant_share: float | None = None  # 0..1
    recruitment_agencies: tuple[str, ...] = ()
    # ISO 3166-2 code of ``region`` where it names one (``risk_data.subdivisions``).
    subdivision: str | None = None
