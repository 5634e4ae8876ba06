"""``flrisk import``: import a file into an organisation's registry, as the API would."""

from __future__ import annotations

from pathlib import Path

import typer


def import_file(
    source: Path = typer.Argument(..., exists=True, dir_okay=False, help="CSV or XLSX file."),
    org: str = typer.Option(..., help="Organisation name."),
    kind: str = typer.Option("suppliers", help="suppliers, audits, findings, ..."),
    dry_run: bool = typer.Option(False, "--dry-run", help="Validate and count; write nothing."),
    mode: str = typer.Option("upsert", help="upsert, all_or_nothing or replace."),
    sheet: str | None = typer.Option(None, help="XLSX sheet (default: the first)."),
    column_map: str | None = typer.Option(
        None, help='JSON object from your headers to fields, e.g. {"Partner": "name"}.'
    ),
    max_bytes: int | None = typer.Option(
        None, help="Largest file accepted (default FLRISK_MAX_UPLOAD_BYTES)."
    ),
) -> None:
    """Import a file now (in this process) and print the job's counts and first errors.
    Exits 1 if the file or a row stopped the job."""
    from api.cli.context import cli_actor, cli_settings, existing_database
    from api.errors import ProblemError
    from api.imports import service
    from api.jobs.queue import InlineQueue
    from api.organisations.service import get_by_name

    if mode not in ("upsert", "all_or_nothing", "replace"):
        typer.echo("error: --mode is upsert, all_or_nothing or replace", err=True)
        raise typer.Exit(2)
    settings = cli_settings()
    limit = max_bytes or settings.max_upload_bytes
    database = existing_database(settings)
    try:
        with database.session() as session:
            organisation = get_by_name(session, org)
            service.check_kind(kind)
            options = service.UploadOptions(
                kind=kind,
                dry_run=dry_run,
                mode=mode,
                sheet=sheet,
                column_map=service.parse_column_map(column_map),
            )
            with source.open("rb") as stream:
                content = service.read_upload(stream, limit)
            job, is_new = service.submit_import(
                session,
                InlineQueue(database),
                organisation_id=organisation.id,
                actor=cli_actor(),
                content=content,
                filename=source.name,
                options=options,
                max_bytes=limit,
            )
            errors, total, _ = service.error_page(session, job.id, limit=20, after=None)
    except ProblemError as exc:
        typer.echo(f"error: {exc.detail or exc.problem.title}", err=True)
        raise typer.Exit(1) from exc
    finally:
        database.dispose()
    if not is_new:
        typer.echo(f"already imported as job {job.id} ({job.status}); nothing changed")
    typer.echo(
        f"job {job.id} {job.status}{' (dry run)' if job.dry_run else ''}: {job.rows_total} rows, "
        f"{job.created} created, {job.updated} updated, {job.unchanged} unchanged, "
        f"{job.merged} merged, {job.proposed} proposed, {job.rejected} rejected"
    )
    for error in errors:
        typer.echo(f"  row {error.row} [{error.column or '-'}] {error.value!r}: {error.message}")
    if total > len(errors):
        typer.echo(f"  ... {total - len(errors)} more: GET /v1/imports/{job.id}/errors")
    if job.problem:
        typer.echo(f"error: {job.problem.get('detail')}", err=True)
    if job.status == "failed":
        raise typer.Exit(1)
