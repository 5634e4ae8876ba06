"""A NUL character (U+0000) in any text is refused where the request is read, on both engines:
a 422 problem pointing at each field (JSON, forms, multipart text fields, query, path), nothing
stored; in an uploaded file it is a row error naming the row and column. PostgreSQL refuses
NUL in text, so before this a NUL in a supplier's name answered 500 there."""

from __future__ import annotations

import io
from typing import Any

import pytest
from fastapi.testclient import TestClient
from openpyxl import Workbook

from tests.conftest import Tenant
from tests.integration.test_extreme_numbers import send
from tests.integration.test_imports import supplier_count, upload
from tests.webclient import csrf_of


def nul_problem(response: Any) -> list[tuple[str, str]]:
    assert response.status_code == 422, response.text
    assert response.headers["content-type"].startswith("application/problem+json")
    body = response.json()
    assert body["type"] == "/problems/validation-error"
    assert all(e["type"] == "string_nul" for e in body["errors"])
    return [(e["location"], e["pointer"]) for e in body["errors"]]


def test_a_supplier_with_nul_in_its_name_is_a_422_and_nothing_is_stored(
    client: TestClient, tenant: Tenant, database: Any
) -> None:
    created = client.post(
        "/v1/suppliers",
        json={"name": "Ac\u0000me", "country": "MY", "products": ["cotton", "ya\u0000rn"]},
        headers=tenant.headers("compliance"),
    )
    assert nul_problem(created) == [("body", "/name"), ("body", "/products/1")]
    assert supplier_count(database, tenant) == 0

    ok = client.post(
        "/v1/suppliers", json={"name": "Acme", "country": "MY"}, headers=tenant.headers()
    )
    assert ok.status_code == 201, ok.text
    patched = client.patch(
        f"/v1/suppliers/{ok.json()['id']}", json={"city": "Ipoh\u0000"}, headers=tenant.headers()
    )
    assert nul_problem(patched) == [("body", "/city")]
    assert (
        client.get(f"/v1/suppliers/{ok.json()['id']}", headers=tenant.headers()).json()["city"]
        is None
    )


def test_nul_deep_in_a_score_payload_points_at_the_field(
    client: TestClient, tenant: Tenant
) -> None:
    day = "2026-01-15"
    body = {
        "supplier": {"country": "MY", "name": "Harbour\u0000"},
        "audits": [
            {
                "audited_on": day,
                "findings": [{"severity": "low", "description": "fine\u0000"}],
                "evidence": {
                    "payroll": [
                        {
                            "worker_ref": "W-1",
                            "period_start": day,
                            "period_end": day,
                            "gross": 100,
                            "net": 90,
                            "deductions": {"fo\u0000od": 10},
                        }
                    ]
                },
            }
        ],
    }
    scored = send(client, "POST", "/v1/score", body, tenant.headers("procurement"))
    assert nul_problem(scored) == [
        ("body", "/supplier/name"),
        ("body", "/audits/0/findings/0/description"),
        ("body", "/audits/0/evidence/payroll/0/deductions/fo\u0000od"),
    ]


def test_an_escaped_backslash_before_u0000_is_text_not_nul(
    client: TestClient, tenant: Tenant
) -> None:
    # The JSON text \\u0000 is a backslash followed by "u0000", which is fine.
    created = client.post(
        "/v1/suppliers",
        content=b'{"name": "Acme \\\\u0000", "country": "MY"}',
        headers={**tenant.headers(), "Content-Type": "application/json"},
    )
    assert created.status_code == 201, created.text
    assert created.json()["name"] == "Acme \\u0000"


def test_nul_in_a_query_or_the_path_is_a_422(client: TestClient, tenant: Tenant) -> None:
    listed = client.get("/v1/suppliers?q=ac%00me&country=MY", headers=tenant.headers())
    assert nul_problem(listed) == [("query", "/q")]
    revoked = client.delete("/v1/api-keys/flr%00abc", headers=tenant.headers())
    assert nul_problem(revoked) == [("path", "")]


def test_nul_in_a_multipart_text_field_is_a_422_and_no_document_is_kept(
    client: TestClient, tenant: Tenant
) -> None:
    ids = [
        client.post(
            "/v1/suppliers", json={"name": name, "country": "CN"}, headers=tenant.headers()
        ).json()["id"]
        for name in ("Poly Co", "Wafer Co")
    ]
    link = client.post(
        "/v1/supply-links",
        json={"supplier_id": ids[0], "buyer_id": ids[1], "input": "polysilicon"},
        headers=tenant.headers("compliance"),
    ).json()["id"]
    pdf = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n\x00"  # NUL in the file is fine
    attached = client.post(
        f"/v1/supply-links/{link}/documents",
        files={"file": ("po.pdf", pdf, "application/pdf")},
        data={"doc_type": "invoice", "number": "PO-\u00009", "description": "ok"},
        headers=tenant.headers("compliance"),
    )
    assert nul_problem(attached) == [("body", "/number")]
    documents = client.get(
        f"/v1/supply-links/{link}/documents", headers=tenant.headers("compliance")
    ).json()
    assert documents == []
    fine = client.post(
        f"/v1/supply-links/{link}/documents",
        files={"file": ("po.pdf", pdf, "application/pdf")},
        data={"doc_type": "invoice", "number": "PO-9"},
        headers=tenant.headers("compliance"),
    )
    assert fine.status_code == 201, fine.text


def test_nul_in_a_web_form_is_a_422(client: TestClient) -> None:
    page = client.get("/app/sign-in")
    signed_in = client.post(
        "/app/sign-in",
        data={"email": "a\u0000@example.com", "password": "x", "csrf_token": csrf_of(page.text)},
        follow_redirects=False,
    )
    assert nul_problem(signed_in) == [("body", "/email")]


def _xlsx_with_nul() -> bytes:
    """An XLSX whose cell holds U+0000, written as OOXML's ``_x0000_`` escape (openpyxl will
    not write the character itself)."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["Supplier", "Country", "City"])
    sheet.append(["Acme", "FR", "Lyon"])
    sheet.append(["Beta", "DE", "Ber_x0000_lin"])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("filename", "content"),
    [
        ("nul.csv", b"Supplier,Country,City\r\nAcme,FR,Lyon\r\nBeta,DE,Ber\x00lin\r\n"),
        ("nul.xlsx", _xlsx_with_nul()),
    ],
    ids=["csv", "xlsx"],  # the workbook's bytes hold its save time: no id from them
)
def test_nul_in_an_uploaded_cell_is_a_row_error_naming_row_and_column(
    client: TestClient, tenant: Tenant, database: Any, filename: str, content: bytes
) -> None:
    job = upload(client, tenant, content, filename).json()
    assert job["status"] == "completed", job
    assert job["counts"]["created"] == 1 and job["counts"]["rejected"] == 1
    errors = client.get(f"/v1/imports/{job['id']}/errors", headers=tenant.headers()).json()
    assert [(e["row"], e["column"]) for e in errors["items"]] == [(3, "City")]
    assert "NUL" in errors["items"][0]["message"]
    assert supplier_count(database, tenant) == 1
