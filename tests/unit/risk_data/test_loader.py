from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from risk_data import RiskDataError, bundled_versions, load_risk_data, verify_sources
from risk_data.build import VERSION

from .conftest import BUNDLED


def _copy(tmp_path: Path) -> Path:
    target = tmp_path / VERSION
    shutil.copytree(BUNDLED / VERSION, target)
    return target


def _rewrite(path: Path, old: str, new: str) -> None:
    """Edit a data file and re-seal the manifest checksum, so only row validation can fail."""
    import hashlib

    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    manifest = path.parent / "manifest.yaml"
    lines = manifest.read_text(encoding="utf-8").splitlines(keepends=True)
    for index, line in enumerate(lines):
        if line.strip() == f"path: {path.name}":
            indent = line[: len(line) - len(line.lstrip())]
            lines[index + 2] = f"{indent}sha256: {hashlib.sha256(path.read_bytes()).hexdigest()}\n"
    manifest.write_text("".join(lines), encoding="utf-8")


def test_default_load_is_the_newest_bundled_version() -> None:
    assert bundled_versions()[-1] == VERSION
    assert load_risk_data().version == VERSION


def test_load_is_cached() -> None:
    assert load_risk_data() is load_risk_data()


def test_missing_manifest_is_reported(tmp_path: Path) -> None:
    folder = _copy(tmp_path)
    (folder / "manifest.yaml").unlink()
    with pytest.raises(RiskDataError, match="manifest missing"):
        load_risk_data(folder)


def test_a_hand_edited_file_fails_its_checksum(tmp_path: Path) -> None:
    folder = _copy(tmp_path)
    with (folder / "goods.csv").open("a", encoding="utf-8") as handle:
        handle.write("Widgets,NA,Namibia,Manufacturing,manufacturing,true,false,false,false,x@y\n")
    with pytest.raises(RiskDataError, match=r"goods\.csv: content differs"):
        load_risk_data(folder)


def test_an_invalid_iso_code_names_file_and_row(tmp_path: Path) -> None:
    folder = _copy(tmp_path)
    _rewrite(folder / "countries.csv", "\nAE,ARE,", "\nZZ,ARE,")
    with pytest.raises(RiskDataError, match=r"countries\.csv row 2: 'ZZ' is not an ISO"):
        load_risk_data(folder)


def test_a_good_with_an_unknown_sector_names_file_and_row(tmp_path: Path) -> None:
    folder = _copy(tmp_path)
    _rewrite(folder / "goods.csv", ",agriculture,", ",space_mining,")
    with pytest.raises(
        RiskDataError, match=r"goods\.csv row \d+: sector 'space_mining' is not defined"
    ):
        load_risk_data(folder)


def test_a_sector_without_citation_is_rejected(tmp_path: Path) -> None:
    folder = _copy(tmp_path)
    path = folder / "sectors.yaml"
    text = path.read_text(encoding="utf-8")
    head, _, tail = text.partition("  citations:\n")
    rest = tail.split("- code:", 1)[1]
    _rewrite(path, text, head + "  citations: []\n- code:" + rest)
    with pytest.raises(RiskDataError, match=r"sectors\.yaml row 1: no citation"):
        load_risk_data(folder)


def test_a_changed_source_file_fails_verification(tmp_path: Path) -> None:
    data = load_risk_data()
    sources = tmp_path / "shared"
    for source in data.sources:
        if source.file:
            target = sources / source.file
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text("not the report", encoding="utf-8")
    with pytest.raises(RiskDataError, match="has sha256"):
        verify_sources(data, sources)
