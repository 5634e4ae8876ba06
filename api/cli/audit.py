"""``flrisk audit``: verify the event chain, and anchor its heads in the checkpoint file."""

from __future__ import annotations

import typer

from api.cli.context import cli_session, cli_settings

audit_app = typer.Typer(help="The append-only event log.", no_args_is_help=True)

KEYING_HINT = "set FLRISK_CHAIN_SECRET (make run writes one to .env)"


@audit_app.command("verify")
def audit_verify() -> None:
    """Walk every organisation's event chain and check it against its head row and the signed
    checkpoints (FLRISK_CHAIN_CHECKPOINTS); exit 1 at the first broken link."""
    from api.events.chain import ChainKeyMissing
    from api.events.checkpoints import read_checkpoints
    from api.events.keying import chain_key
    from api.events.verify import verify_chain

    settings = cli_settings()
    key = chain_key(settings)
    path = settings.chain_checkpoints
    checkpoints = read_checkpoints(path, key) if key is not None and path is not None else None
    try:
        with cli_session() as session:
            report = verify_chain(session, checkpoints)
    except ChainKeyMissing as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(2) from exc
    if report.broken is not None:
        link = report.broken
        where = f"organisation {link.organisation_id}, event seq {link.seq}"
        if link.event_id is not None:
            where += f" (id {link.event_id})"
        typer.echo(f"BROKEN: {where}: {link.reason}", err=True)
        raise typer.Exit(1)
    typer.echo(
        f"ok: {report.events_checked} events in {report.organisations} organisation "
        f"chain(s) verified, {report.checkpoints_checked} checkpoint(s) matched"
    )
    if not report.keyed:
        typer.echo(
            "warning: the chain is unkeyed: anyone with write access to the database could "
            f"rewrite it whole; {KEYING_HINT}",
            err=True,
        )
    elif report.unkeyed_events:
        typer.echo(
            f"note: {report.unkeyed_events} event(s) were made before the chain was keyed "
            "(hash version 1 or 2); only checkpoints taken since protect them",
            err=True,
        )
    if path is None:
        typer.echo(
            "warning: no checkpoint file (FLRISK_CHAIN_CHECKPOINTS), so events removed from "
            "the end of a chain together with its head row cannot be detected",
            err=True,
        )


@audit_app.command("checkpoint")
def audit_checkpoint() -> None:
    """Sign each organisation's chain head and append it to the checkpoint file."""
    from api.events.anchor import checkpoint_heads
    from api.events.keying import chain_key

    settings = cli_settings()
    key = chain_key(settings)
    if key is None:
        typer.echo(f"error: nothing to sign checkpoints with; {KEYING_HINT}", err=True)
        raise typer.Exit(2)
    path = settings.chain_checkpoints
    if path is None:
        typer.echo(
            "error: FLRISK_CHAIN_CHECKPOINTS is not set: name a file the database user "
            "cannot write",
            err=True,
        )
        raise typer.Exit(2)
    with cli_session() as session:
        made = checkpoint_heads(session, key, path)
    typer.echo(f"appended {len(made)} checkpoint(s) to {path}")
