"""``flrisk``: run, migrate and administer the service from the command line."""

from __future__ import annotations

import sys
from pathlib import Path

import typer

from api.auth.roles import Role
from api.cli.actions import actions_app
from api.cli.audit import audit_app
from api.cli.cases import rescore as rescore_command
from api.cli.context import cli_session, cli_settings
from api.cli.demo import demo as demo_command
from api.cli.imports import import_file as import_command
from api.cli.lists import lists_app
from api.cli.score import score as score_command
from api.cli.users import users_app
from api.cli.webhooks import webhooks_app

# The web stack and the ORM are imported inside the commands that need them, so an offline
# `flrisk score` or `flrisk --help` starts in a fraction of a second.

app = typer.Typer(help="Forced-labour risk screening service.", no_args_is_help=True)
db_app = typer.Typer(help="Database schema.", no_args_is_help=True)
org_app = typer.Typer(help="Organisations (tenants).", no_args_is_help=True)
apikey_app = typer.Typer(help="API keys.", no_args_is_help=True)
app.command("score")(score_command)
app.command("import")(import_command)
app.command("rescore")(rescore_command)
app.command("demo")(demo_command)
app.add_typer(db_app, name="db")
app.add_typer(org_app, name="org")
app.add_typer(apikey_app, name="apikey")
risk_data_app = typer.Typer(help="Risk-data versions.", no_args_is_help=True)
app.add_typer(risk_data_app, name="risk-data")
app.add_typer(audit_app, name="audit")
app.add_typer(actions_app, name="actions")
app.add_typer(webhooks_app, name="webhooks")
app.add_typer(lists_app, name="lists")
app.add_typer(users_app, name="user")


@app.command()
def serve(
    host: str = typer.Option(None, help="Defaults to FLRISK_HOST (127.0.0.1)."),
    port: int = typer.Option(None, help="Defaults to FLRISK_PORT (8000)."),
    workers: int = typer.Option(1, help="Worker processes."),
) -> None:
    """Start the HTTP API."""
    import uvicorn

    settings = cli_settings()
    uvicorn.run(
        "api.app:create_app",
        factory=True,
        host=host or settings.host,
        port=port or settings.port,
        workers=workers,
        access_log=False,
        log_level=settings.log_level.lower(),
    )


@app.command()
def worker(burst: bool = typer.Option(False, help="Exit when the queue is empty.")) -> None:
    """Run background jobs from Redis (needs REDIS_URL)."""
    import time

    from redis import Redis
    from redis.exceptions import ConnectionError as RedisConnectionError
    from rq import Queue, Worker

    from api.jobs.queue import QUEUE_NAME

    settings = cli_settings()
    if not settings.redis_url:
        typer.echo(
            "error: REDIS_URL is not set; without it jobs run inside the API process", err=True
        )
        raise typer.Exit(2)
    connection = Redis.from_url(settings.redis_url)
    while True:
        try:
            Worker([Queue(QUEUE_NAME, connection=connection)], connection=connection).work(
                burst=burst
            )
            return
        except RedisConnectionError:
            # RQ's worker stops when Redis goes away while it watches a job; a restart of
            # Redis must not stop the jobs that come after it.
            if burst:
                raise
            typer.echo("lost Redis; starting the worker again in 5 s", err=True)
            time.sleep(5)


@db_app.command("upgrade")
def db_upgrade(revision: str = typer.Argument("head")) -> None:
    """Apply migrations (the only way the schema changes)."""
    from migrations import upgrade

    settings = cli_settings()
    from models.database import Database

    Database(settings.database_url).dispose()  # creates the SQLite folder if needed
    upgrade(settings.database_url, revision)
    typer.echo(f"database at {revision}")


@db_app.command("downgrade")
def db_downgrade(
    revision: str = typer.Argument(..., help="Target revision, e.g. -1 or base."),
) -> None:
    """Revert migrations."""
    from alembic import command

    from migrations import alembic_config

    command.downgrade(alembic_config(cli_settings().database_url), revision)
    typer.echo(f"database at {revision}")


@db_app.command("check")
def db_check() -> None:
    """Fail if the models and the migrations are out of step (``alembic check``)."""
    from alembic import command

    from migrations import alembic_config

    command.check(alembic_config(cli_settings().database_url))


@db_app.command("revision")
def db_revision(message: str = typer.Option(..., "-m", help="What the migration does.")) -> None:
    """Autogenerate a migration from the models (for developers)."""
    from alembic import command

    from migrations import alembic_config

    command.revision(
        alembic_config(cli_settings().database_url), message=message, autogenerate=True
    )


@app.command("first-run", hidden=True)
def first_run() -> None:
    """Used by `make run`: on an empty database load the demo organisation, so a new user sees
    scored suppliers and open cases at once, then say how to get a key."""
    from sqlalchemy import func, select

    from api.demo.load import DEMO_ORGANISATION, load_demo
    from api.reference_data.service import RiskDataStore
    from models import Organisation

    settings = cli_settings()
    summary = None
    with cli_session() as session:
        organisations = session.scalar(select(func.count()).select_from(Organisation)) or 0
        if organisations == 0:
            summary = load_demo(session, settings, RiskDataStore().in_force(session))
    base = f"http://{settings.host}:{settings.port}"
    demo = ""
    if summary is not None:
        people = "\n".join(
            f"    {p.role.value:<8} {p.name:<13} email {p.email:<24} password {p.password}"
            for p in summary.people
        )
        demo = f"""
  Loaded the demo organisation '{DEMO_ORGANISATION}' ({summary.suppliers} suppliers, \
{summary.flagged} flagged, {summary.open_cases} open review cases).

  Sign in to the review app at {base}/app/ as (passwords shown once):
{people}
  Ana works the queue; Ben confirms her clearances of critical cases (four eyes).

  Its admin API key, shown once:
    {summary.admin_key}
  Try: curl -H "Authorization: Bearer {summary.admin_key}" {base}/v1/cases
"""
    typer.echo(
        f"""
  Forced-labour risk screening: review app {base}/app/ , API reference {base}/docs
  Database: {settings.database_url}
{demo}
  Lost a password? .venv/bin/flrisk user reset-password <email>
  Get an API key for your own organisation (in another terminal, in this folder):
    .venv/bin/flrisk org create "My Organisation"
    .venv/bin/flrisk apikey create --org "My Organisation" --role admin
  then: curl -H "Authorization: Bearer <key>" {base}/v1/api-keys
"""
    )


@org_app.command("create")
def org_create(name: str, threshold: float = typer.Option(60.0, min=0, max=100)) -> None:
    """Create an organisation; prints its id."""
    with cli_session() as session:
        from api.organisations import service as org_service

        organisation = org_service.create_organisation(session, name, threshold)
        typer.echo(str(organisation.id))


@apikey_app.command("create")
def apikey_create(
    org: str = typer.Option(..., help="Organisation name."),
    role: Role = typer.Option(..., help="admin, compliance, procurement or auditor."),
    name: str = typer.Option(
        "",
        help="The service account's name (default: '<org> <role>'), or what a person's key is for.",
    ),
    owner: str = typer.Option(
        "", help="Email of the person the key acts for (default: none, a service account)."
    ),
) -> None:
    """Create an API key. The key is printed once, alone on the last line."""
    settings = cli_settings()
    with cli_session() as session:
        from api.auth import service as key_service
        from api.organisations import service as org_service
        from api.users import service as users

        organisation = org_service.get_by_name(session, org)
        person = users.get_by_email(session, owner) if owner else None
        if owner and person is None:
            typer.echo(f"error: no person with email {owner}", err=True)
            raise typer.Exit(1)
        key, plaintext = key_service.create_key(
            session,
            settings,
            organisation_id=organisation.id,
            role=role,
            name=name or ("" if person else f"{organisation.name} {role.value}"),
            owner=person,
        )
        holder = f"acting for {person.name}" if person else f"service account '{key.name}'"
        typer.echo(
            f"created {role.value} key {key.prefix} for {organisation.name} ({holder}); "
            "store it now, it is not shown again:",
            err=True,
        )
        sys.stdout.write(plaintext + "\n")


@apikey_app.command("revoke")
def apikey_revoke(prefix: str) -> None:
    """Revoke a key by its prefix."""
    with cli_session() as session:
        from api.auth import service as key_service

        key = key_service.revoke_key(session, prefix)
        typer.echo(f"revoked {key.prefix}")


@risk_data_app.command("load")
def risk_data_load(
    path: Path | None = typer.Argument(
        None, help="A version folder (manifest.yaml + data files). Default: the newest bundled."
    ),
) -> None:
    """Validate a risk-data version and put it in force (a no-op if it already is)."""
    from api.reference_data.service import load_version
    from risk_data.errors import RiskDataError

    try:
        with cli_session() as session:
            row, changed = load_version(session, path)
    except RiskDataError as exc:
        typer.echo(f"error: risk data rejected: {exc}", err=True)
        raise typer.Exit(1) from exc
    state = "now in force" if changed else "already in force"
    typer.echo(f"risk data {row.version} {state} ({len(row.manifest['sources'])} sources)")


@risk_data_app.command("list")
def risk_data_list() -> None:
    """Versions loaded so far; * marks the one in force."""
    from sqlalchemy import select

    from models import RiskDataVersion

    with cli_session() as session:
        rows = session.scalars(select(RiskDataVersion).order_by(RiskDataVersion.loaded_at))
        for row in rows:
            mark = "*" if row.in_force else " "
            typer.echo(
                f"{mark} {row.version}  loaded {row.loaded_at:%Y-%m-%d %H:%M} by "
                f"{row.loaded_by}  {row.source_dir or '(bundled)'}"
            )


if __name__ == "__main__":
    app()
