"""The committed data is exactly what the build makes from the shared sources."""

from __future__ import annotations

from pathlib import Path

import pytest

from risk_data import load_risk_data
from risk_data.build import VERSION, build
from risk_data.build.sources import BuildError, SeedLibrary
from risk_data.types import Citation

from .conftest import BUNDLED


def test_rebuild_is_byte_identical_to_the_committed_files(shared: Path, tmp_path: Path) -> None:
    out = tmp_path / VERSION
    build(shared, out)
    committed = BUNDLED / VERSION
    names = sorted(p.name for p in committed.iterdir())
    assert names == sorted(p.name for p in out.iterdir())
    for name in names:
        assert (out / name).read_bytes() == (committed / name).read_bytes(), name


def test_bundled_data_was_built_from_these_source_files(shared: Path) -> None:
    load_risk_data(BUNDLED / VERSION, sources_root=shared)


def test_a_quote_missing_from_its_seed_line_fails_the_build(shared: Path) -> None:
    seeds = SeedLibrary(shared)
    seeds.verify(Citation("us_tip_2023", "L159", "multi-generational debt-based coercion"))
    with pytest.raises(BuildError, match="L160"):
        seeds.verify(Citation("us_tip_2023", "L160", "multi-generational debt-based coercion"))
