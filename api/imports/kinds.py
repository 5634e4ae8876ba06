"""Every upload kind the import runner knows: importing this module registers them all in
``api.imports.handlers.HANDLERS``."""

from api.imports import suppliers as _suppliers  # noqa: F401  # registers "suppliers"

# Audits, findings and worker-level evidence (api/audits/) register here, one import each:
# --- other handlers below ---
from api.audits import imports as _audits  # noqa: F401  # isort: skip  # audits, findings, evidence
