"""``flrisk lists``: load a screening-list file (CBP WRO/Findings CSV, FtM entities) as the
version in force of its dataset, and screen every organisation's registry against it."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import typer

from api.cli.context import cli_actor

lists_app = typer.Typer(help="Screening lists (UFLPA Entity List, CBP WROs).", no_args_is_help=True)


@lists_app.command("load")
def load(
    source: Path = typer.Argument(..., exists=True, dir_okay=False, help="The list file."),
    dataset: str | None = typer.Option(
        None, help="Dataset name (default: from the file; CBP CSV is us_cbp_forced_labor)."
    ),
    published: datetime | None = typer.Option(
        None, formats=["%Y-%m-%d"], help="The list's date (default: its newest listing date)."
    ),
    rescreen: bool = typer.Option(True, help="Rescore every organisation against it now."),
) -> None:
    """Load a list version; the newest loaded version of a dataset is the one in force."""
    from sqlalchemy import select

    from api.cli.cases import rescore
    from api.cli.context import cli_session
    from api.lists.store import store_version
    from ingest.lists import ListFileError, read_list
    from models import Organisation

    try:
        screening_list = read_list(
            source.read_bytes(),
            filename=source.name,
            dataset=dataset,
            published=published.date() if published else None,
            today=date.today(),
        )
    except ListFileError as exc:
        typer.echo(f"error: {source.name}: {exc}", err=True)
        raise typer.Exit(1) from exc
    with cli_session() as session:
        version, new = store_version(session, screening_list, actor=cli_actor())
        session.commit()
        label = version.version
        organisations = list(session.scalars(select(Organisation.name).order_by(Organisation.name)))
    typer.echo(
        f"{'loaded' if new else 'already loaded'} {label} ({screening_list.title}): "
        f"{len(screening_list.entities)} parties, {len(screening_list.in_force)} in force"
    )
    if rescreen:
        for name in organisations:
            rescore(org=name)
