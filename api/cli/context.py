"""What every ``flrisk`` command needs: the settings, and a database that is really there.

Run from another folder, the default ``sqlite:///./data/flrisk.db`` points at a file that
does not exist; opening it would create an empty database and the first query would fail
with a long traceback. Commands that read the registry check first and say where they
looked and how to point them at the database.
"""

from __future__ import annotations

import getpass
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from api.settings import Settings, get_settings

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from models.database import Database

NOT_MIGRATED_HINT = "run `flrisk db upgrade` to create its schema"


def cli_actor() -> str:
    """Events made from the command line name the operating-system user."""
    try:
        user = getpass.getuser()
    except Exception:  # no passwd entry (some containers)
        user = "unknown"
    return f"cli:{user}"[:64]


def cli_settings() -> Settings:
    try:
        return get_settings()
    except Exception as exc:  # pydantic's message names the missing variable
        typer.echo(f"error: configuration is incomplete: {exc}", err=True)
        typer.echo("hint: set FLRISK_API_KEY_SECRET (make run writes one to .env)", err=True)
        raise typer.Exit(2) from exc


def _fail(message: str, hint: str) -> typer.Exit:
    typer.echo(f"error: {message}", err=True)
    typer.echo(f"hint: {hint}", err=True)
    return typer.Exit(2)


def sqlite_file(url: str) -> Path | None:
    """The file of a SQLite URL, resolved against the current folder; None otherwise."""
    from sqlalchemy import make_url

    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or parsed.database in (None, "", ":memory:"):
        return None
    return Path(parsed.database).resolve()


def existing_database(settings: Settings) -> Database:
    """The configured database, refusing a SQLite file that is not there or not migrated
    (instead of creating an empty one) and a server that cannot be reached."""
    from sqlalchemy import inspect, make_url
    from sqlalchemy.exc import OperationalError

    from api.events.keying import bind_chain_key
    from models.database import Database

    url = settings.database_url
    path = sqlite_file(url)
    if path is not None and not path.exists():
        raise _fail(
            f"no database at {path} (DATABASE_URL={url}, looked up from {Path.cwd()})",
            "run flrisk from the project folder (where `make run` put data/flrisk.db), or set "
            "DATABASE_URL to the database's absolute path (four slashes), e.g. "
            "DATABASE_URL=sqlite:////srv/flrisk/data/flrisk.db; a new database is made with "
            "`flrisk db upgrade`",
        )
    database = Database(url)
    try:
        with database.engine.connect() as connection:
            migrated = inspect(connection).has_table("alembic_version")
    except OperationalError as exc:
        database.dispose()
        where = path or make_url(url).render_as_string(hide_password=True)
        raise _fail(
            f"cannot open the database at {where}: {str(exc.orig).splitlines()[0]}",
            "check DATABASE_URL and that the database server is running",
        ) from None
    if not migrated:
        database.dispose()
        raise _fail(f"the database at {path or url} has no schema", NOT_MIGRATED_HINT)
    bind_chain_key(database, settings)
    return database


@contextmanager
def cli_session() -> Iterator[Session]:
    """A session on the existing database; a problem a service raises is printed, not a
    traceback."""
    from api.errors import ProblemError

    database = existing_database(cli_settings())
    try:
        with database.session() as session:
            yield session
    except ProblemError as exc:
        typer.echo(f"error: {exc.detail or exc.problem.title}", err=True)
        raise typer.Exit(1) from exc
    finally:
        database.dispose()
