"""Rendering pages: one Jinja2 environment, one ``render`` that every page goes through.

``render`` gives each template the signed-in person (``me``), the navigation their role may
use (``nav``), the CSRF token (``csrf_token``, and ``csrf_input``, the hidden field every
form includes) and ``static(path)`` for vendored assets. Autoescaping is on for ``.html``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates
from markupsafe import Markup, escape

from api.auth.roles import Scope
from api.web.deps import CSRF_FIELD, SignedIn

PACKAGE = Path(__file__).parent
STATIC_DIR = PACKAGE / "static"
STATIC_URL = "/app/static"
templates = Jinja2Templates(directory=PACKAGE / "templates")

# Scripts only from this origin (no inline script, no eval); inline style attributes are
# allowed for computed widths such as bar lengths.
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; "
    "form-action 'self'"
)
SECURITY_HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",
    "Cache-Control": "no-store",  # pages show case data; nothing of it stays in caches
}


@dataclass(frozen=True)
class NavItem:
    label: str
    href: str
    scope: Scope | None  # who sees the link; None: everyone signed in


# The pages in the order the top bar lists them; a role sees those its scopes allow.
NAV: tuple[NavItem, ...] = (
    NavItem("Dashboard", "/app/", None),
    NavItem("Review queue", "/app/cases", Scope.cases),
    NavItem("Suppliers", "/app/suppliers", Scope.suppliers_read),
    NavItem("Duplicates", "/app/duplicates", Scope.suppliers_write),
    NavItem("Imports", "/app/imports", Scope.imports),
    NavItem("Users", "/app/admin/users", Scope.keys),
)


def static(path: str) -> str:
    return f"{STATIC_URL}/{path}"


templates.env.globals["static"] = static


def csrf_input(token: str) -> Markup:
    return Markup('<input type="hidden" name="{}" value="{}">').format(CSRF_FIELD, escape(token))


def render(
    request: Request,
    template: str,
    context: Mapping[str, Any] | None = None,
    *,
    me: SignedIn | None = None,
    csrf_token: str | None = None,
    status_code: int = 200,
) -> HTMLResponse:
    """A page for ``me`` (or for a visitor, with the sign-in session's ``csrf_token``)."""
    token = me.csrf_token if me else (csrf_token or "")
    nav = [item for item in NAV if me and (item.scope is None or me.can(item.scope))]
    page: dict[str, Any] = {
        "me": me,
        "nav": nav,
        "current_path": request.url.path,
        "csrf_token": token,
        "csrf_input": csrf_input(token),
        **(context or {}),
    }
    response: HTMLResponse = templates.TemplateResponse(
        request, template, page, status_code=status_code
    )
    response.headers.update(SECURITY_HEADERS)
    return response
