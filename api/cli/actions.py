"""``flrisk actions overdue``: mark corrective actions past their deadline and put their
suppliers back in the review queue (run it daily, e.g. from cron)."""

from __future__ import annotations

import typer

actions_app = typer.Typer(help="Corrective action plans.", no_args_is_help=True)


@actions_app.command("overdue")
def overdue() -> None:
    """Mark actions past their deadline overdue; each plan's supplier gets a new case."""
    from api.cli.context import cli_actor, cli_session
    from api.clock import today
    from api.remediation.service import mark_overdue

    with cli_session() as session:
        count = mark_overdue(session, on=today(), actor=cli_actor())
    typer.echo(f"{count} corrective action(s) became overdue")
