"""Build one risk-data version from the shared sources.

    python -m risk_data.build --shared /work/shared --out risk_data/data/2024.1

The output is deterministic: the same sources and the same ``--version`` / ``--created``
give byte-identical files, so a rebuild can be diffed against the committed data.
"""

from risk_data.build.pipeline import CREATED, VERSION, BuildReport, build

__all__ = ["CREATED", "VERSION", "BuildReport", "build"]
