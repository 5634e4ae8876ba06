"""Reading the publishers' list files: CBP's WRO/Findings CSV and OpenSanctions' FtM entities."""

from __future__ import annotations

import csv
import io
import json
from datetime import date
from pathlib import Path

import pytest

from ingest.lists import CBP_COLUMNS, ListFileError, read_list

FIXTURES = Path(__file__).parents[3] / "risk_data" / "data" / "lists"


def _cbp(rows: list[list[str]]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(CBP_COLUMNS)
    writer.writerows(rows)
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def test_only_active_and_partially_active_cbp_orders_are_in_force() -> None:
    content = _cbp(
        [
            ["A Co", "China", "CN", "Cotton", "Active", "WRO", "12/02/2020", "", "", "2021"],
            [
                "B Co",
                "Malaysia",
                "MY",
                "Gloves",
                "Partially Active",
                "WRO",
                "07/15/2020",
                "",
                "",
                "",
            ],
            ["C Co", "Malaysia", "MY", "Gloves", "Inactive", "Finding", "03/29/2021", "", "", ""],
        ]
    )
    listed = read_list(content, filename="wro.csv")
    assert listed.dataset == "us_cbp_forced_labor" and listed.format == "cbp_csv"
    assert {e.name: e.in_force for e in listed.entities} == {
        "A Co": True,
        "B Co": True,
        "C Co": False,
    }
    a = next(e for e in listed.entities if e.name == "A Co")
    assert (a.country, a.program, a.start_date, a.order) == (
        "CN",
        "CBP WRO - Cotton",
        date(2020, 12, 2),
        "WRO",
    )


def test_cbp_aka_names_become_aliases_and_subsidiaries_a_note() -> None:
    content = _cbp(
        [
            [
                "Tianjin Malleable Iron Factory, a/k/a Tianjin Tongbao Fittings Company, "
                "a/k/a Tianjin No. 2 Prison",
                "China",
                "CN",
                "Malleable iron fittings",
                "Active",
                "Finding",
                "05/18/1995",
                "",
                "",
                "1995",
            ],
            [
                "Hoshine Silicon Industry Co. Ltd. and Subsidiaries",
                "China",
                "CN",
                "Silica",
                "Active",
                "WRO",
                "06/24/2021",
                "",
                "",
                "2021",
            ],
        ]
    )
    entities = {e.name: e for e in read_list(content, filename="wro.csv").entities}
    assert entities["Tianjin Malleable Iron Factory"].aliases == (
        "Tianjin Tongbao Fittings Company",
        "Tianjin No. 2 Prison",
    )
    assert "and Subsidiaries" in entities["Hoshine Silicon Industry Co. Ltd."].notes


def test_a_csv_without_the_cbp_columns_is_refused_by_name() -> None:
    with pytest.raises(ListFileError, match="missing column"):
        read_list(b"name,country\nA,CN\n", filename="x.csv")


def test_a_bad_cbp_date_names_its_line() -> None:
    content = _cbp([["A", "China", "CN", "", "Active", "WRO", "2020/31/12", "", "", ""]])
    with pytest.raises(ListFileError) as raised:
        read_list(content, filename="x.csv")
    assert raised.value.line == 2


def _ftm(items: list[dict[str, object]]) -> bytes:
    return "\n".join(json.dumps(i) for i in items).encode()


def test_ftm_sanctions_give_program_and_date_and_links_give_owners() -> None:
    items: list[dict[str, object]] = [
        {
            "id": "p",
            "schema": "Organization",
            "properties": {"name": ["Parent Group"], "alias": ["PG"], "country": ["cn"]},
            "datasets": ["us_dhs_uflpa"],
        },
        {"id": "s", "schema": "Company", "properties": {"name": ["Sub Co"]}, "datasets": []},
        {"id": "l", "schema": "UnknownLink", "properties": {"subject": ["p"], "object": ["s"]}},
        {
            "id": "x",
            "schema": "Sanction",
            "properties": {
                "entity": ["p"],
                "program": ["UFLPA - (i)"],
                "startDate": ["2022-06-21"],
            },
        },
        {"id": "o", "schema": "Person", "properties": {"name": ["Not a party"]}},
    ]
    listed = read_list(_ftm(items), filename="entities.ftm.json")
    assert listed.dataset == "us_dhs_uflpa" and listed.format == "ftm"
    by_id = {e.entity_id: e for e in listed.entities}
    assert set(by_id) == {"p", "s"}
    assert (by_id["p"].program, by_id["p"].start_date, by_id["p"].aliases) == (
        "UFLPA - (i)",
        date(2022, 6, 21),
        ("PG",),
    )
    assert by_id["p"].in_force and not by_id["s"].in_force  # the sub is covered via its owner
    assert by_id["s"].owners == ("p",)
    assert listed.published == date(2022, 6, 21)


def test_a_broken_ftm_line_is_named() -> None:
    content = b'{"id": "a", "schema": "Company", "properties": {"name": ["A"]}}\n{not json\n'
    with pytest.raises(ListFileError) as raised:
        read_list(content, filename="e.json", dataset="x")
    assert raised.value.line == 2


def test_the_same_file_is_the_same_version() -> None:
    content = (FIXTURES / "us_dhs_uflpa.entities.ftm.json").read_bytes()
    first = read_list(content, filename="a.json")
    second = read_list(content, filename="b.json")
    assert first.version == second.version and first.sha256 == second.sha256


def test_the_shipped_fixtures_read_as_their_datasets() -> None:
    uflpa = read_list((FIXTURES / "us_dhs_uflpa.entities.ftm.json").read_bytes(), filename="u")
    cbp = read_list(
        (FIXTURES / "cbp_withhold_release_orders_findings.csv").read_bytes(), filename="c"
    )
    assert uflpa.title == "UFLPA Entity List" and len(uflpa.in_force) == len(uflpa.entities)
    names = {e.name for e in uflpa.entities}
    assert {"Xinjiang Daqo New Energy, Co. Ltd.", "Hoshine Silicon Industry Co., Ltd."} <= names
    assert cbp.title == "CBP Withhold Release Orders and Findings"
    assert any(not e.in_force for e in cbp.entities)  # Top Glove's Finding was modified


def test_a_full_size_generated_ftm_file_loads(tmp_path: Path) -> None:
    """10,000 parties with sanctions and ownership links: OpenSanctions' forced-labour
    datasets are a few hundred; this is the size a combined collection reaches."""
    lines = []
    for n in range(10_000):
        lines.append(
            json.dumps(
                {
                    "id": f"e{n}",
                    "schema": "Company",
                    "properties": {"name": [f"Generated Trading {n} Co., Ltd."], "country": ["cn"]},
                    "datasets": ["generated"],
                }
            )
        )
        lines.append(
            json.dumps(
                {
                    "id": f"s{n}",
                    "schema": "Sanction",
                    "properties": {"entity": [f"e{n}"], "program": ["P"], "startDate": ["2024"]},
                }
            )
        )
        if n % 10:
            lines.append(
                json.dumps(
                    {
                        "id": f"o{n}",
                        "schema": "Ownership",
                        "properties": {"owner": [f"e{n - 1}"], "asset": [f"e{n}"]},
                    }
                )
            )
    listed = read_list("\n".join(lines).encode(), filename="big.json")
    assert len(listed.entities) == len(listed.in_force) == 10_000
    assert sum(1 for e in listed.entities if e.owners) == 9_000
    assert listed.published == date(2024, 1, 1)
