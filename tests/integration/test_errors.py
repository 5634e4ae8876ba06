"""Every error is an RFC 9457 problem document."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from pydantic import SecretStr

from api.app import create_app
from api.settings import Settings
from models.database import Database
from tests.conftest import Tenant


def test_unknown_paths_are_problem_json(client: TestClient) -> None:
    response = client.get("/v1/nothing-here")
    assert response.status_code == 404
    assert response.headers["content-type"] == "application/problem+json"
    body = response.json()
    assert {"type", "title", "status", "detail", "instance"} <= body.keys()


def test_problem_types_are_described_at_their_uri(client: TestClient) -> None:
    body = client.get("/problems/forbidden").json()
    assert body["status"] == 403 and body["description"]


def test_bodies_over_the_limit_are_refused_with_413(database: Database, tenant: Tenant) -> None:
    settings = Settings(
        database_url=database.url,
        api_key_secret=SecretStr("test-only-secret-0123456789abcdef"),
        max_body_bytes=1000,
    )
    with TestClient(create_app(settings, database)) as client:
        response = client.post(
            "/v1/api-keys",
            content=b"{" + b" " * 5000 + b"}",
            headers={**tenant.headers(), "content-type": "application/json"},
        )
    assert response.status_code == 413
    assert response.headers["content-type"] == "application/problem+json"


def test_an_upload_may_be_as_large_as_the_upload_limit_past_the_body_limit(
    database: Database, tenant: Tenant
) -> None:
    settings = Settings(
        database_url=database.url,
        api_key_secret=SecretStr("test-only-secret-0123456789abcdef"),
        max_body_bytes=1000,
        max_upload_bytes=20_000,
        job_mode="inline",
    )
    rows = "".join(f"Supplier {n:05d} Garments Ltd,S-{n:05d},China\n" for n in range(300))
    upload = ("Supplier,Supplier ID,Country\n" + rows).encode()
    assert 1000 < len(upload) < 20_000
    with TestClient(create_app(settings, database)) as client:
        h = tenant.headers("compliance")
        accepted = client.post(
            "/v1/imports",
            headers=h,
            data={"kind": "suppliers"},
            files={"file": ("suppliers.csv", upload, "text/csv")},
        )
        refused = client.post(
            "/v1/imports",
            headers=h,
            data={"kind": "suppliers"},
            files={"file": ("suppliers.csv", upload * 3, "text/csv")},
        )
        elsewhere = client.post(
            "/v1/api-keys",
            content=b"{" + b" " * 5000 + b"}",
            headers={**h, "content-type": "application/json"},
        )
    assert accepted.status_code == 202, accepted.text
    assert accepted.json()["status"] == "completed"
    assert refused.status_code == 413
    assert refused.json()["max_bytes"] == 20_000
    assert elsewhere.status_code == 413


def test_malformed_json_names_where_it_broke(client: TestClient, tenant: Tenant) -> None:
    response = client.post(
        "/v1/api-keys",
        content=b'{"role": ',
        headers={**tenant.headers(), "content-type": "application/json"},
    )
    assert response.status_code == 422
    assert response.json()["errors"]


@pytest.mark.parametrize(
    "message, status",
    [
        ("UNIQUE constraint failed: events.organisation_id, events.seq", 409),  # a lost race
        ("NOT NULL constraint failed: suppliers.name", 500),  # a bug: retrying cannot help
    ],
)
def test_only_a_lost_race_at_the_database_is_a_retry_409(
    settings: Settings, database: Database, message: str, status: int
) -> None:
    import sqlite3

    from sqlalchemy.exc import IntegrityError

    app = create_app(settings, database)

    def collide() -> None:
        raise IntegrityError("INSERT INTO events ...", {}, sqlite3.IntegrityError(message))

    app.add_api_route("/collide", collide)
    with TestClient(app, raise_server_exceptions=False) as client:
        response = client.get("/collide")
    assert response.status_code == status
    expected = "/problems/conflict" if status == 409 else "/problems/internal-error"
    assert response.json()["type"] == expected


def test_a_forged_cursor_is_a_clear_422_on_every_list(client: TestClient, tenant: Tenant) -> None:
    from api.pagination import encode_cursor

    h = tenant.headers("admin")
    supplier = client.post(
        "/v1/suppliers", headers=h, json={"name": "Acme", "country": "DE"}
    ).json()
    lists = [
        "/v1/suppliers",
        "/v1/suppliers?q=acme",
        "/v1/cases",
        "/v1/suppliers/duplicates",
        f"/v1/suppliers/{supplier['id']}/audits",
        f"/v1/suppliers/{supplier['id']}/assessments",
    ]
    for path in lists:
        for forged in (
            "not-a-cursor",
            encode_cursor("x", "y"),
            encode_cursor(1),
            encode_cursor("a", 1, 2),
        ):
            joiner = "&" if "?" in path else "?"
            response = client.get(f"{path}{joiner}cursor={forged}", headers=h)
            assert response.status_code == 422, (path, forged, response.text)
            assert response.json()["errors"][0]["pointer"] == "/cursor"
