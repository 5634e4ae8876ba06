"""The ``flrisk`` command line against a real database."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from api.cli.main import app
from api.settings import get_settings
from models.database import Database
from tests.conftest import TEST_KEY_SECRET


@pytest.fixture
def cli_env(database: Database, monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    monkeypatch.setenv("DATABASE_URL", database.url)
    monkeypatch.setenv("FLRISK_API_KEY_SECRET", TEST_KEY_SECRET)
    get_settings.cache_clear()
    yield {}
    get_settings.cache_clear()


def test_org_and_key_made_on_the_cli_work_on_the_api(cli_env, client: TestClient) -> None:
    runner = CliRunner()
    created = runner.invoke(app, ["org", "create", "Acme Sourcing"])
    assert created.exit_code == 0, created.output
    org_id = created.stdout.strip().splitlines()[-1]
    assert len(org_id) == 36
    admin = runner.invoke(app, ["apikey", "create", "--org", "Acme Sourcing", "--role", "admin"])
    assert admin.exit_code == 0, admin.output
    key = admin.stdout.strip().splitlines()[-1]
    assert key.startswith("flr_")
    assert client.get("/v1/api-keys", headers={"Authorization": f"Bearer {key}"}).status_code == 200

    procurement = runner.invoke(
        app, ["apikey", "create", "--org", "Acme Sourcing", "--role", "procurement"]
    )
    pkey = procurement.stdout.strip().splitlines()[-1]
    assert (
        client.get("/v1/api-keys", headers={"Authorization": f"Bearer {pkey}"}).status_code == 403
    )

    revoked = runner.invoke(app, ["apikey", "revoke", key[4:12]])
    assert revoked.exit_code == 0
    assert client.get("/v1/api-keys", headers={"Authorization": f"Bearer {key}"}).status_code == 401


def test_cli_errors_are_clear_and_non_zero(cli_env) -> None:
    runner = CliRunner()
    result = runner.invoke(app, ["apikey", "create", "--org", "Nobody", "--role", "admin"])
    assert result.exit_code == 1
    assert "No organisation named 'Nobody'" in result.output
    runner.invoke(app, ["org", "create", "Dup"])
    again = runner.invoke(app, ["org", "create", "Dup"])
    assert again.exit_code == 1 and "already exists" in again.output


def test_outside_the_project_folder_the_cli_says_where_it_looked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No empty database is created and no traceback printed: where it looked, and how to
    point it at the database."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.delenv("FLRISK_DATABASE_URL", raising=False)
    monkeypatch.setenv("FLRISK_API_KEY_SECRET", TEST_KEY_SECRET)
    get_settings.cache_clear()
    try:
        result = CliRunner().invoke(app, ["org", "create", "Acme"])
    finally:
        get_settings.cache_clear()
    assert result.exit_code == 2
    assert f"no database at {tmp_path / 'data' / 'flrisk.db'}" in result.output
    assert "DATABASE_URL" in result.output and "Traceback" not in result.output
    assert not (tmp_path / "data").exists()


def test_user_commands_create_invite_disable_and_reset(
    cli_env, database: Database, settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`flrisk user ...` as an operator uses it: every change reaches sign-in at once."""
    from api.users import service as users
    from api.users.sign_in import check_password

    runner = CliRunner()
    env: dict[str, str] = {}
    monkeypatch.setenv("FLRISK_NEW_PASSWORD", "ana's long password")
    assert runner.invoke(app, ["org", "create", "Acme Sourcing"], env=env).exit_code == 0
    created = runner.invoke(
        app,
        [
            "user",
            "create",
            "--email",
            "Ana@Acme.example",
            "--name",
            "Ana",
            "--org",
            "Acme Sourcing",
            "--role",
            "auditor",
        ],
        env=env,
    )
    assert created.exit_code == 0, created.output

    def signs_in(email: str, password: str) -> bool:
        with database.session() as session:
            return (
                check_password(
                    session, settings, email=email, password=password, address="cli"
                ).user
                is not None
            )

    assert signs_in("ana@acme.example", "ana's long password")
    invited = runner.invoke(
        app,
        [
            "user",
            "invite",
            "--email",
            "ben@acme.example",
            "--name",
            "Ben",
            "--org",
            "Acme Sourcing",
            "--role",
            "admin",
        ],
        env=env,
    )
    assert invited.exit_code == 0, invited.output
    assert "/app/set-password/" in invited.stdout.strip().splitlines()[-1]
    disabled = runner.invoke(app, ["user", "disable", "ana@acme.example"], env=env)
    assert disabled.exit_code == 0 and not signs_in("ana@acme.example", "ana's long password")
    runner.invoke(app, ["user", "enable", "ana@acme.example"], env=env)
    assert signs_in("ana@acme.example", "ana's long password")
    reset = runner.invoke(app, ["user", "reset-password", "ana@acme.example"], env=env)
    assert reset.exit_code == 0 and not signs_in("ana@acme.example", "ana's long password")
    token = reset.stdout.strip().splitlines()[-1].rsplit("/", 1)[-1]
    with database.session() as session:
        users.set_password_with_token(session, token, "ana's new password!")
    assert signs_in("ana@acme.example", "ana's new password!")
    missing = runner.invoke(app, ["user", "disable", "nobody@acme.example"], env=env)
    assert missing.exit_code == 1
