"""Every upload kind the import runner knows: importing this module registers them all in
``api.imports.handlers.HANDLERS``."""

from api.imports import audit_kinds as _audits  # noqa: F401  # audits, findings, evidence
from api.imports import suppliers as _suppliers  # noqa: F401  # registers "suppliers"
from api.imports import supply_links as _supply_links  # noqa: F401  # registers "supply_links"
