"""Uploads through the API: clean, messy and broken files, dry runs, all-or-nothing,
idempotent re-uploads, progress and row errors (JSON and escaped CSV)."""

from __future__ import annotations

import csv
import io
import time
import uuid
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select

from api.app import create_app
from api.events.service import verify_chain
from api.settings import Settings
from models import Assessment, Event, Supplier
from models.database import Database
from tests.conftest import Tenant

UPLOADS = Path(__file__).resolve().parents[1] / "data" / "uploads"


def upload(
    client: TestClient,
    tenant: Tenant,
    content: bytes | str,
    filename: str = "suppliers.csv",
    role: str = "compliance",
    **form: Any,
) -> Any:
    if isinstance(content, str):
        content = content.encode()
    data = {k: str(v).lower() if isinstance(v, bool) else v for k, v in form.items()}
    return client.post(
        "/v1/imports",
        files={"file": (filename, content, "application/octet-stream")},
        data=data,
        headers=tenant.headers(role),
    )


def upload_file(client: TestClient, tenant: Tenant, name: str, **form: Any) -> Any:
    return upload(client, tenant, (UPLOADS / name).read_bytes(), name, **form)


def counts(job: dict[str, Any]) -> dict[str, int]:
    result: dict[str, int] = job["counts"]
    return result


def supplier_count(database: Database, tenant: Tenant, status: str | None = None) -> int:
    with database.session() as session:
        query = (
            select(func.count())
            .select_from(Supplier)
            .where(Supplier.organisation_id == uuid.UUID(tenant.organisation_id))
        )
        if status:
            query = query.where(Supplier.status == status)
        return session.scalar(query) or 0


@pytest.mark.parametrize("name", ["clean_suppliers.csv", "clean_suppliers.xlsx"])
def test_clean_file_imports_every_row_and_scores_it(
    client: TestClient, tenant: Tenant, database: Database, name: str
) -> None:
    response = upload_file(client, tenant, name)
    assert response.status_code == 202, response.text
    job = response.json()
    assert response.headers["location"] == f"/v1/imports/{job['id']}"
    assert job["status"] == "completed", job
    assert counts(job) == {
        "created": 4,
        "updated": 0,
        "unchanged": 0,
        "merged": 0,
        "proposed": 0,
        "rejected": 0,
    }
    assert job["rows_total"] == job["rows_processed"] == 4
    assert job["file_format"] == ("xlsx" if name.endswith("xlsx") else "csv")
    listed = client.get("/v1/suppliers", headers=tenant.headers("procurement")).json()["items"]
    by_ref = {s["external_ref"]: s for s in listed}
    assert by_ref["S-002"]["country"] == "NA"  # Namibia, not "not available"
    assert by_ref["S-004"]["country"] == "MX" and by_ref["S-004"]["worker_count"] == 2500
    assert by_ref["S-001"]["migrant_share"] == 0.35
    assert "Garments" in by_ref["S-001"]["products"]
    assert all(s["score"] is not None and s["band"] for s in listed)
    with database.session() as session:
        assert session.scalar(select(func.count()).select_from(Assessment)) == 4
        assert verify_chain(session).ok
    latest = client.get(
        f"/v1/suppliers/{by_ref['S-001']['id']}/assessment", headers=tenant.headers()
    )
    assert latest.status_code == 200 and latest.json()["assessment"]["factors"]


def test_bulk_scores_equal_a_single_assessment(client: TestClient, tenant: Tenant) -> None:
    upload_file(client, tenant, "clean_suppliers.csv")
    listed = client.get("/v1/suppliers", headers=tenant.headers()).json()["items"]
    for supplier in listed:
        imported = client.get(
            f"/v1/suppliers/{supplier['id']}/assessment", headers=tenant.headers()
        ).json()
        again = client.post(
            f"/v1/suppliers/{supplier['id']}/assess", headers=tenant.headers("compliance")
        )
        # assess_supplier computes the same digest, so it keeps the imported assessment.
        assert again.status_code == 200
        assert again.json()["input_digest"] == imported["input_digest"]


def test_same_file_twice_returns_the_first_job(
    client: TestClient, tenant: Tenant, database: Database
) -> None:
    first = upload_file(client, tenant, "clean_suppliers.csv")
    second = upload_file(client, tenant, "clean_suppliers.csv")
    assert second.status_code == 200
    assert second.json()["id"] == first.json()["id"]
    assert supplier_count(database, tenant) == 4


def test_same_rows_in_other_bytes_change_nothing(client: TestClient, tenant: Tenant) -> None:
    upload_file(client, tenant, "clean_suppliers.csv")
    text = (UPLOADS / "clean_suppliers.csv").read_text(encoding="utf-8").replace("\n", "\r\n")
    again = upload(client, tenant, "\ufeff" + text, "again.csv")
    assert again.status_code == 202
    assert counts(again.json()) == {
        "created": 0,
        "updated": 0,
        "unchanged": 4,
        "merged": 0,
        "proposed": 0,
        "rejected": 0,
    }


def test_changed_row_updates_by_external_ref_and_rescores(
    client: TestClient, tenant: Tenant
) -> None:
    upload_file(client, tenant, "clean_suppliers.csv")
    text = (UPLOADS / "clean_suppliers.csv").read_text(encoding="utf-8")
    changed = text.replace("Müller Textil GmbH,S-003,DE", "Müller Textil GmbH,S-003,CN")
    job = upload(client, tenant, changed, "changed.csv").json()
    assert counts(job)["updated"] == 1 and counts(job)["unchanged"] == 3
    supplier = client.get(
        "/v1/suppliers", params={"external_ref": "S-003"}, headers=tenant.headers()
    ).json()["items"][0]
    assert supplier["country"] == "CN"
    history = client.get(
        f"/v1/suppliers/{supplier['id']}/assessments", headers=tenant.headers()
    ).json()
    assert len(history["items"]) == 2


MESSY = (
    "\ufeffListe fournisseurs 2024\n\n"
    "Raison sociale;N° fournisseur;Pays;Secteur;Produits;Effectif;% travailleurs migrants\n"
    "Dhaka Knit Composite Ltd.;F-1;bgd;apparel;coton, vêtements;1\u00a0200;12,5\n"
    "Atlantis Fisheries;F-2;Atlantis;fishing;fish;40;\n"
    "Windhoek Meat;F-3;NA;agriculture;beef;about 300;\n"
    "Lanka Tea Estates (Pvt) Ltd;F-4;Sri Lanka;agriculture;tea;2.500;35%\n"
    ";F-5;FR;;;;\n"
    "Dhaka Knit Composite Ltd.;F-1;BD;apparel;;;\n"
)


def test_messy_file_reports_each_bad_row_and_imports_the_rest(
    client: TestClient, tenant: Tenant, database: Database
) -> None:
    job = upload(client, tenant, MESSY, "messy.csv").json()
    assert job["status"] == "completed", job
    assert counts(job)["created"] == 2
    assert counts(job)["rejected"] == 4
    body = client.get(
        f"/v1/imports/{job['id']}/errors", headers=tenant.headers("compliance")
    ).json()
    assert body["total"] == len(body["items"]) >= 4
    by_row: dict[int, list[dict[str, Any]]] = {}
    for error in body["items"]:
        by_row.setdefault(error["row"], []).append(error)
    assert by_row[5][0]["column"] == "Pays" and by_row[5][0]["value"] == "Atlantis"
    assert "country" in by_row[5][0]["message"]
    assert by_row[6][0]["column"] == "Effectif" and by_row[6][0]["value"] == "about 300"
    assert by_row[8][0]["column"] == "Raison sociale" and "required" in by_row[8][0]["message"]
    assert by_row[9][0]["column"] == "N° fournisseur" and "row 4" in by_row[9][0]["message"]
    lanka = client.get(
        "/v1/suppliers", params={"external_ref": "F-4"}, headers=tenant.headers()
    ).json()["items"][0]
    assert (
        lanka["country"] == "LK"
        and lanka["worker_count"] == 2500
        and lanka["migrant_share"] == 0.35
    )
    assert supplier_count(database, tenant) == 2


def test_all_or_nothing_writes_nothing_when_a_row_is_bad(
    client: TestClient, tenant: Tenant, database: Database
) -> None:
    job = upload(client, tenant, MESSY, "messy.csv", mode="all_or_nothing").json()
    assert job["status"] == "failed"
    assert job["problem"]["code"] == "row_errors"
    # The repeated external_ref (row 9) is only found while writing, which never starts.
    assert counts(job)["created"] == 0 and counts(job)["rejected"] == 3
    assert supplier_count(database, tenant) == 0
    errors = client.get(f"/v1/imports/{job['id']}/errors", headers=tenant.headers()).json()
    assert errors["total"] >= 3
    # Fixed and uploaded again, all-or-nothing imports everything.
    good = upload_file(client, tenant, "clean_suppliers.csv", mode="all_or_nothing").json()
    assert good["status"] == "completed" and counts(good)["created"] == 4


def test_dry_run_counts_but_writes_nothing_and_is_not_reused(
    client: TestClient, tenant: Tenant, database: Database
) -> None:
    dry = upload_file(client, tenant, "clean_suppliers.csv", dry_run=True)
    assert dry.status_code == 202
    assert dry.json()["dry_run"] and counts(dry.json())["created"] == 4
    assert supplier_count(database, tenant) == 0
    with database.session() as session:
        assert verify_chain(session).events_checked == 0 or verify_chain(session).ok
        assert session.scalar(select(func.count()).select_from(Assessment)) == 0
    real = upload_file(client, tenant, "clean_suppliers.csv")
    assert real.status_code == 202 and real.json()["id"] != dry.json()["id"]
    assert supplier_count(database, tenant) == 4


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("empty.csv", "empty_file"),
        ("header_only.csv", "no_data_rows"),
        ("missing_country.csv", "missing_columns"),
        ("duplicate_headers.csv", "duplicate_columns"),
        ("binary_renamed.csv", "unsupported_file_type"),
        ("pdf_renamed.xlsx", "unsupported_file_type"),
        ("truncated.xlsx", "corrupt_file"),
        ("xxe.xlsx", "xml_entities"),
        ("billion_laughs.xlsx", "xml_entities"),
        ("mixed_encoding.csv", "encoding"),
    ],
)
def test_unreadable_files_are_refused_at_once(
    client: TestClient, tenant: Tenant, database: Database, name: str, code: str
) -> None:
    response = upload_file(client, tenant, name)
    assert response.status_code == 422, response.text
    assert response.json()["type"] == "/problems/upload-rejected"
    assert response.json()["code"] == code
    assert supplier_count(database, tenant) == 0


def test_an_unclosed_quote_fails_the_job_and_writes_nothing(
    client: TestClient, tenant: Tenant, database: Database
) -> None:
    response = upload_file(client, tenant, "unclosed_quote.csv")
    job = response.json()
    if response.status_code == 422:  # caught while reading the header sample
        assert job["code"] == "malformed_csv"
    else:
        assert job["status"] in ("failed", "completed")
        if job["status"] == "failed":
            assert job["problem"]["code"] == "malformed_csv"
        else:
            assert counts(job)["rejected"] >= 1
    assert supplier_count(database, tenant) in (0, 1)


def test_row_level_problems_in_the_corpus(client: TestClient, tenant: Tenant) -> None:
    ragged = upload_file(client, tenant, "ragged_rows.csv").json()
    assert counts(ragged)["created"] == 3 and counts(ragged)["rejected"] == 2
    numbers = upload_file(client, tenant, "thousands_separators.csv").json()
    errors = client.get(f"/v1/imports/{numbers['id']}/errors", headers=tenant.headers()).json()[
        "items"
    ]
    assert {e["value"] for e in errors} >= {"1.5", "about 300"}
    assert all(e["column"] == "Workers" for e in errors)
    french = upload_file(client, tenant, "french_headers.csv").json()
    assert counts(french)["created"] == 1


def test_column_map_reads_custom_headers(client: TestClient, tenant: Tenant) -> None:
    job = upload_file(
        client, tenant, "custom_headers.csv", column_map='{"Partner": "name", "Origin": "country"}'
    ).json()
    assert job["status"] == "completed" and counts(job)["created"] >= 1
    bad = upload_file(client, tenant, "custom_headers.csv", column_map="[1, 2]")
    assert bad.status_code == 422 and bad.json()["errors"][0]["pointer"] == "/column_map"


def test_too_large_is_413(client: TestClient, tenant: Tenant) -> None:
    client.app.state.settings.max_upload_bytes = 100  # type: ignore[attr-defined]
    response = upload_file(client, tenant, "clean_suppliers.csv")
    assert response.status_code == 413
    assert response.json()["type"] == "/problems/payload-too-large"


def test_unknown_kind_is_422(client: TestClient, tenant: Tenant) -> None:
    response = upload_file(client, tenant, "clean_suppliers.csv", kind="invoices")
    assert response.status_code == 422 and "suppliers" in response.json()["detail"]


def test_errors_csv_escapes_formula_cells(client: TestClient, tenant: Tenant) -> None:
    content = "Supplier,Country,Workers\n=cmd|' /C calc'!A0,FR,1\nGood,@FR,2\nTab,FR,-3\n"
    job = upload(client, tenant, content, "formulas.csv").json()
    response = client.get(
        f"/v1/imports/{job['id']}/errors", params={"format": "csv"}, headers=tenant.headers()
    )
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.text)))
    assert rows[0] == ["row", "column", "value", "message"]
    values = [r[2] for r in rows[1:]]
    assert "'@FR" in values and "'-3" in values
    assert not any(v.startswith(("=", "+", "-", "@")) for r in rows[1:] for v in r)


def test_errors_paginate(client: TestClient, tenant: Tenant) -> None:
    lines = ["Supplier,Country"] + [f"Bad {i},Atlantis" for i in range(7)]
    job = upload(client, tenant, "\n".join(lines), "bad.csv").json()
    seen: list[int] = []
    cursor = None
    while True:
        params: dict[str, Any] = {"limit": 3}
        if cursor:
            params["cursor"] = cursor
        page = client.get(
            f"/v1/imports/{job['id']}/errors", params=params, headers=tenant.headers()
        ).json()
        seen.extend(e["row"] for e in page["items"])
        cursor = page["next_cursor"]
        if not cursor:
            break
    assert seen == list(range(2, 9))


def test_roles_and_tenants(client: TestClient, tenant: Tenant, other_tenant: Tenant) -> None:
    assert upload_file(client, tenant, "clean_suppliers.csv", role="procurement").status_code == 403
    assert upload_file(client, tenant, "clean_suppliers.csv", role="auditor").status_code == 403
    job = upload_file(client, tenant, "clean_suppliers.csv").json()
    for path in (f"/v1/imports/{job['id']}", f"/v1/imports/{job['id']}/errors"):
        assert client.get(path, headers=other_tenant.headers("admin")).status_code == 404
    # Another organisation's identical file is its own import.
    theirs = upload_file(client, other_tenant, "clean_suppliers.csv")
    assert theirs.status_code == 202 and theirs.json()["id"] != job["id"]


def test_a_crash_mid_import_keeps_the_chunks_committed_and_says_which(
    client: TestClient, tenant: Tenant, database: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    from api.imports import suppliers as handler_module

    calls = {"n": 0}
    original = handler_module.SupplierImport._create

    def crash_on_second_chunk(self: Any, *args: Any) -> None:
        calls["n"] += 1
        if calls["n"] == 2:
            raise RuntimeError("disk full")
        original(self, *args)

    monkeypatch.setattr(handler_module.SupplierImport, "_create", crash_on_second_chunk)
    monkeypatch.setattr("api.imports.processing.CHUNK_ROWS", 2)
    job = upload_file(client, tenant, "clean_suppliers.csv").json()
    assert job["status"] == "failed" and job["problem"]["code"] == "internal_error"
    # The first chunk committed whole (suppliers, assessments, events); the second not at all.
    assert job["problem"]["written_rows"] == 2 and job["rows_processed"] == 2
    assert "the first 2 rows (through row 3) were written" in job["problem"]["detail"]
    assert counts(job)["created"] == 2
    assert supplier_count(database, tenant) == 2
    with database.session() as session:
        assert session.scalar(select(func.count()).select_from(Assessment)) == 2
        assert verify_chain(session).ok
    monkeypatch.undo()
    retry = upload_file(client, tenant, "clean_suppliers.csv").json()
    assert retry["id"] != job["id"] and retry["status"] == "completed"
    # The rows written before are found by their external_ref and left as they are.
    assert counts(retry)["created"] == 2 and counts(retry)["unchanged"] == 2
    assert supplier_count(database, tenant) == 4


def test_an_all_or_nothing_import_that_crashes_writes_nothing(
    client: TestClient, tenant: Tenant, database: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    from api.imports import suppliers as handler_module

    calls = {"n": 0}
    original = handler_module.SupplierImport._create

    def crash_on_second_chunk(self: Any, *args: Any) -> None:
        calls["n"] += 1
        if calls["n"] == 2:
            raise RuntimeError("disk full")
        original(self, *args)

    monkeypatch.setattr(handler_module.SupplierImport, "_create", crash_on_second_chunk)
    monkeypatch.setattr("api.imports.processing.CHUNK_ROWS", 2)
    job = upload_file(client, tenant, "clean_suppliers.csv", mode="all_or_nothing").json()
    assert job["status"] == "failed" and job["problem"]["written_rows"] == 0
    assert "nothing was written" in job["problem"]["detail"]
    assert supplier_count(database, tenant) == 0
    with database.session() as session:
        assert session.scalar(select(func.count()).select_from(Assessment)) == 0


def test_cli_import_dry_run_then_real_then_idempotent(
    tenant: Tenant, database: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    from typer.testing import CliRunner

    from api.cli.main import app as cli
    from api.settings import get_settings
    from tests.conftest import TEST_KEY_SECRET

    monkeypatch.setenv("DATABASE_URL", database.url)
    monkeypatch.setenv("FLRISK_API_KEY_SECRET", TEST_KEY_SECRET)
    get_settings.cache_clear()
    try:
        runner = CliRunner()
        path = str(UPLOADS / "clean_suppliers.csv")
        dry = runner.invoke(cli, ["import", path, "--org", tenant.name, "--dry-run"])
        assert dry.exit_code == 0, dry.output
        assert "4 created" in dry.output and "dry run" in dry.output
        assert supplier_count(database, tenant) == 0
        real = runner.invoke(cli, ["import", path, "--org", tenant.name])
        assert real.exit_code == 0 and "4 created" in real.output
        again = runner.invoke(cli, ["import", path, "--org", tenant.name])
        assert again.exit_code == 0 and "already imported" in again.output
        assert supplier_count(database, tenant) == 4
        broken = runner.invoke(
            cli, ["import", str(UPLOADS / "missing_country.csv"), "--org", tenant.name]
        )
        assert broken.exit_code == 1
        nobody = runner.invoke(cli, ["import", path, "--org", "No Such Org"])
        assert nobody.exit_code == 1
    finally:
        get_settings.cache_clear()


def test_a_product_no_ilab_good_matches_is_a_warning_on_its_row(
    client: TestClient, tenant: Tenant
) -> None:
    content = (
        "Supplier Name,Supplier ID,Country,Products\n"
        "Supermax Glove Sdn Bhd,W-1,Malaysia,examination gloves; widgets\n"
        "Acme Garments Ltd,W-2,Bangladesh,garments\n"
    )
    job = upload(client, tenant, content, "products.csv", mode="all_or_nothing").json()
    assert job["status"] == "completed", job
    assert counts(job)["created"] == 2 and counts(job)["rejected"] == 0
    body = client.get(f"/v1/imports/{job['id']}/errors", headers=tenant.headers()).json()
    [warning] = body["items"]
    assert (warning["row"], warning["column"], warning["value"]) == (2, "Products", "widgets")
    assert warning["message"].startswith("warning: ") and "ILAB" in warning["message"]
    listed = client.get(
        "/v1/suppliers", params={"external_ref": "W-1"}, headers=tenant.headers()
    ).json()["items"][0]
    assert listed["products"] == ["Rubber Gloves", "widgets"]


def test_without_redis_an_upload_runs_beside_the_api_and_its_history_is_keyed(
    settings: Settings, database: Database, tenant: Tenant
) -> None:
    """The default job mode with no REDIS_URL: the import runs in a worker process on the
    same database, and the events it writes are keyed with the API's chain secret."""
    background = settings.model_copy(update={"job_mode": "auto", "redis_url": None})
    with TestClient(create_app(background, database)) as api:
        job = upload_file(api, tenant, "clean_suppliers.csv").json()
        deadline = time.monotonic() + 120
        while job["status"] not in ("completed", "failed") and time.monotonic() < deadline:
            time.sleep(0.1)
            job = api.get(f"/v1/imports/{job['id']}", headers=tenant.headers()).json()
    assert job["status"] == "completed", job
    assert counts(job)["created"] == 4
    assert supplier_count(database, tenant) == 4
    with database.session() as session:
        versions = set(session.scalars(select(Event.hash_version)))
        assert versions == {3}
        assert verify_chain(session).ok
