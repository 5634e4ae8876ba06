"""``flrisk rescore``: re-score an organisation now, in this process, and print what changed."""

from __future__ import annotations

import uuid
from typing import Any

import typer

from api.cli.context import cli_actor


def _line(entry: dict[str, Any]) -> str:
    def score(value: Any) -> str:
        return "—" if value is None else f"{value:g}"

    return (
        f"    {entry['name']}: {score(entry['score_before'])} ({entry['band_before'] or '—'}) -> "
        f"{score(entry['score_after'])} ({entry['band_after']})"
    )


def rescore(org: str = typer.Option(..., help="Organisation name.")) -> None:
    """Re-score every active supplier with the risk data in force; newly flagged ones get cases."""
    from api.assessments.rescore import request_rescore
    from api.cli.context import cli_session
    from api.organisations.service import get_by_name
    from models import RescoreJob

    with cli_session() as session:
        organisation = get_by_name(session, org)
        job, new = request_rescore(session, organisation.id, cli_actor())
        job_id = job.id
    if not new:
        typer.echo(
            f"error: rescore {job_id} for {org} is already {job.status}; see "
            f"GET /v1/assessments/rescore/{job_id}",
            err=True,
        )
        raise typer.Exit(1)
    _run(job_id)
    with cli_session() as session:
        job = session.get_one(RescoreJob, job_id)
    if job.status != "completed" or job.report is None:
        typer.echo(f"error: rescore {job_id} failed: {job.error}", err=True)
        raise typer.Exit(1)
    report = job.report
    counts = report["counts"]
    typer.echo(
        f"rescore {job_id} of {org}: {report['suppliers']} suppliers "
        f"({report['reassessed']} re-assessed, {report['unchanged']} unchanged), risk data "
        f"{job.risk_data_version}, methodology {job.methodology_version}, threshold "
        f"{job.threshold:g}"
    )
    typer.echo(
        f"  {counts['newly_flagged']} newly flagged, {counts['cleared']} cleared, "
        f"{counts['band_moves']} band moves, {report['cases_opened']} cases opened, "
        f"{counts['errors']} errors"
    )
    for title, kind in (
        ("newly flagged", "newly_flagged"),
        ("cleared", "cleared"),
        ("band moves", "band_moves"),
    ):
        if report[kind]:
            typer.echo(f"  {title}:")
            for entry in report[kind]:
                typer.echo(_line(entry))
    for error in report["errors"]:
        typer.echo(f"  error: {error['name']}: {error['error']}", err=True)


def _run(job_id: uuid.UUID) -> None:
    from api.assessments.rescore import run_rescore_job
    from api.cli.context import cli_settings, existing_database

    database = existing_database(cli_settings())
    try:
        run_rescore_job(database, str(job_id))
    finally:
        database.dispose()
