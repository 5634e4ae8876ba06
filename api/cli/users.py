"""``flrisk user``: people who sign in to the web app (create, invite, disable, reset)."""

from __future__ import annotations

import typer

from api.auth.roles import Role

users_app = typer.Typer(help="People who sign in to the web app.", no_args_is_help=True)


def _link(token: str) -> str:
    from api.cli.context import cli_settings
    from api.settings import public_url

    return f"{public_url(cli_settings())}/app/set-password/{token}"


def _fail(detail: str) -> typer.Exit:
    typer.echo(f"error: {detail}", err=True)
    return typer.Exit(1)


@users_app.command("create")
def create(
    email: str = typer.Option(..., help="Their email; they sign in with it."),
    name: str = typer.Option(..., help="Their name, as events and cases show it."),
    org: str = typer.Option(..., help="Organisation name."),
    role: Role = typer.Option(..., help="admin, compliance, procurement or auditor."),
    password: str = typer.Option(
        ...,
        prompt=True,
        hide_input=True,
        confirmation_prompt=True,
        envvar="FLRISK_NEW_PASSWORD",
        help="Prompted for when not given (or set FLRISK_NEW_PASSWORD).",
    ),
) -> None:
    """Create a person with a password (or give an existing person a role in ORG)."""
    from api.cli.context import cli_actor, cli_session
    from api.errors import ProblemError
    from api.organisations import service as org_service
    from api.users import service as users

    with cli_session() as session:
        try:
            organisation = org_service.get_by_name(session, org)
            user = users.create_user(
                session,
                organisation_id=organisation.id,
                email=email,
                name=name,
                role=role,
                password=password,
                actor=cli_actor(),
            )
        except ProblemError as exc:
            raise _fail(str(exc)) from exc
        typer.echo(f"created {user.email} ({user.name}) as {role.value} in {organisation.name}")


@users_app.command("invite")
def invite(
    email: str = typer.Option(..., help="Their email; they sign in with it."),
    name: str = typer.Option(..., help="Their name."),
    org: str = typer.Option(..., help="Organisation name."),
    role: Role = typer.Option(..., help="admin, compliance, procurement or auditor."),
) -> None:
    """Create a person without a password; prints the one-time link to choose one."""
    from api.cli.context import cli_actor, cli_session, cli_settings
    from api.errors import ProblemError
    from api.organisations import service as org_service
    from api.users import service as users

    settings = cli_settings()
    with cli_session() as session:
        try:
            organisation = org_service.get_by_name(session, org)
            user, token = users.invite_user(
                session,
                settings,
                organisation_id=organisation.id,
                email=email,
                name=name,
                role=role,
                actor=cli_actor(),
            )
        except ProblemError as exc:
            raise _fail(str(exc)) from exc
        typer.echo(
            f"invited {user.email} as {role.value} in {organisation.name}; send them this "
            f"link (valid {settings.password_link_hours} h, once):",
            err=True,
        )
        typer.echo(_link(token))


@users_app.command("disable")
def disable(email: str = typer.Argument(..., help="The person's email.")) -> None:
    """Stop a person signing in, and sign them out everywhere now."""
    from api.cli.context import cli_actor, cli_session
    from api.users import service as users

    with cli_session() as session:
        user = users.get_by_email(session, email)
        if user is None:
            raise _fail(f"no person with email {email}")
        users.disable_user(session, user, actor=cli_actor())
        typer.echo(f"disabled {user.email}")


@users_app.command("enable")
def enable(email: str = typer.Argument(..., help="The person's email.")) -> None:
    """Let a disabled person sign in again."""
    from api.cli.context import cli_actor, cli_session
    from api.users import service as users

    with cli_session() as session:
        user = users.get_by_email(session, email)
        if user is None:
            raise _fail(f"no person with email {email}")
        users.enable_user(session, user, actor=cli_actor())
        typer.echo(f"enabled {user.email}")


@users_app.command("reset-password")
def reset_password(email: str = typer.Argument(..., help="The person's email.")) -> None:
    """End the person's password and sessions; prints a one-time link to choose a new one."""
    from api.cli.context import cli_actor, cli_session, cli_settings
    from api.users import service as users

    settings = cli_settings()
    with cli_session() as session:
        user = users.get_by_email(session, email)
        if user is None:
            raise _fail(f"no person with email {email}")
        token = users.reset_password(session, settings, user, actor=cli_actor())
        typer.echo(
            f"the password of {user.email} no longer works; send them this link (valid "
            f"{settings.password_link_hours} h, once):",
            err=True,
        )
        typer.echo(_link(token))
