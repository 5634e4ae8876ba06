"""``flrisk demo``: load the demo organisation and print an admin key (the last line)."""

from __future__ import annotations

import sys
import time

import typer


def demo() -> None:
    """Load a demo organisation: ~30 suppliers across high- and low-risk countries and sectors,
    audits drawn from the seed case narratives (some honest, some deceptive), scored, with
    review cases open for the flagged ones. Run again, it loads nothing and prints a new admin
    key. The key is alone on the last line of standard output."""
    from api.cli.context import cli_session, cli_settings
    from api.demo.load import DEMO_ORGANISATION, load_demo
    from api.reference_data.service import RiskDataStore
    from api.settings import key_secret

    started = time.monotonic()
    settings = cli_settings()
    try:
        key_secret(settings)
    except RuntimeError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(2) from exc
    with cli_session() as session:
        summary = load_demo(session, settings, RiskDataStore().in_force(session))
    if summary.created:
        typer.echo(
            f"loaded '{DEMO_ORGANISATION}' in {time.monotonic() - started:.1f}s: "
            f"{summary.suppliers} suppliers, {summary.audits} audits, {summary.flagged} "
            f"flagged, {summary.open_cases} open review cases",
            err=True,
        )
    else:
        typer.echo(
            f"'{DEMO_ORGANISATION}' already exists ({summary.suppliers} suppliers, "
            f"{summary.open_cases} open cases); nothing loaded; new passwords for its people and a new admin key",
            err=True,
        )
    for person in summary.people:
        typer.echo(
            f"sign in at http://{settings.host}:{settings.port}/app/ as {person.name} "
            f"({person.role.value}): email {person.email} password {person.password}",
            err=True,
        )
    typer.echo(
        f"admin key {summary.admin_prefix} for {DEMO_ORGANISATION}; store it now, it is not "
        "shown again. Try: curl -H 'Authorization: Bearer <key>' "
        f"http://{settings.host}:{settings.port}/v1/cases",
        err=True,
    )
    sys.stdout.write(summary.admin_key + "\n")
