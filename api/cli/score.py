"""``flrisk score``: score a supplier file offline, no server or database needed."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

import typer
from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

if TYPE_CHECKING:
    from screening.lists import ListIndex


def score(
    source: Path = typer.Argument(
        ..., exists=True, dir_okay=False, help="CSV or XLSX of suppliers."
    ),
    output: Path = typer.Option(..., "-o", "--output", help="Where to write the scored CSV."),
    sheet: str | None = typer.Option(None, help="XLSX sheet (default: the first)."),
    as_of: datetime | None = typer.Option(
        None, formats=["%Y-%m-%d"], help="Score as of this date."
    ),
    threshold: float = typer.Option(60.0, min=0, max=100, help="Flag at or above this score."),
    risk_data: Path | None = typer.Option(
        None, help="A risk-data version folder (default: bundled)."
    ),
    screening_list: list[Path] = typer.Option(
        [],
        "--list",
        exists=True,
        dir_okay=False,
        help="A screening-list file (CBP CSV or FtM entities) to screen names against; repeatable.",
    ),
) -> None:
    """Score every row of a supplier file (context risk: country, sector, goods)."""
    from api.scoring.files import score_file
    from ingest.reading.errors import UploadRejected
    from risk_data.loader import load_risk_data

    data = load_risk_data(risk_data)
    lists = _read_lists(screening_list) if screening_list else None
    from api.clock import today

    day: date = as_of.date() if as_of else today()
    with Progress(
        TextColumn("scoring"),
        BarColumn(),
        TextColumn("{task.completed} rows"),
        TimeElapsedColumn(),
        transient=True,
    ) as progress:
        task = progress.add_task("score", total=None)
        try:
            summary = score_file(
                source,
                output,
                data,
                as_of=day,
                threshold=threshold,
                sheet=sheet,
                on_progress=lambda n: progress.advance(task, n),
                lists=lists if lists is not None and len(lists) else None,
            )
        except UploadRejected as exc:
            typer.echo(f"error: {source.name}: {exc}", err=True)
            raise typer.Exit(1) from exc
    typer.echo(
        f"{summary.rows} rows: {summary.scored} scored ({summary.flagged} flagged), "
        f"{summary.failed} with errors -> {output} (risk data {data.version})"
    )


def _read_lists(paths: list[Path]) -> ListIndex:
    """The screening lists given with ``--list``; the name matcher loads only then."""
    from ingest.lists import ListFileError, read_list
    from screening.lists import ListIndex

    try:
        return ListIndex(read_list(p.read_bytes(), filename=p.name) for p in paths)
    except ListFileError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(1) from exc
