"""``flrisk webhooks dispatch``: dispatch new events to webhook endpoints and send retries
that are due, once or every few seconds (for deployments that turn the API's own sweep off,
or run it from cron)."""

from __future__ import annotations

import time

import typer

webhooks_app = typer.Typer(help="Webhook deliveries.", no_args_is_help=True)


@webhooks_app.command("dispatch")
def dispatch(
    loop: bool = typer.Option(False, help="Keep going, one sweep every --interval seconds."),
    interval: float = typer.Option(10.0, min=0.5, help="Seconds between sweeps with --loop."),
) -> None:
    """Turn new events into deliveries and send every delivery that is due."""
    from api.cli.context import cli_settings
    from api.jobs.queue import make_queue
    from api.webhooks.dispatch import run_once
    from models.database import Database

    settings = cli_settings()
    database = Database(settings.database_url)
    queue = make_queue(settings.job_mode, database, settings.redis_url)
    try:
        while True:
            report = run_once(database, queue)
            typer.echo(
                f"webhooks: {report.organisations} organisations, {report.dispatched} new "
                f"deliveries, {report.retried} due deliveries sent"
            )
            if not loop:
                break
            time.sleep(interval)
    finally:
        queue.shutdown()  # the threads finish their attempts before the command exits
        database.dispose()
