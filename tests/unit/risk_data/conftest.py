from __future__ import annotations

from pathlib import Path

import pytest

from risk_data import RiskData, load_risk_data

SHARED = Path(__file__).parents[3] / ".." / "shared"
BUNDLED = Path(__file__).parents[3] / "risk_data" / "data"


def shared_or_skip() -> Path:
    if not (SHARED / "seeds").is_dir() or not (SHARED / "data" / "ilab").is_dir():
        pytest.skip(
            f"shared sources not found at {SHARED.resolve()} (seeds/ and data/ilab/ needed)"
        )
    return SHARED.resolve()


@pytest.fixture(scope="session")
def data() -> RiskData:
    return load_risk_data()


@pytest.fixture
def shared() -> Path:
    return shared_or_skip()
