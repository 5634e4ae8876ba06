"""What every page answer shares: security headers, safe redirects, problems as pages."""

from __future__ import annotations

from urllib.parse import quote

from fastapi import Request, Response
from fastapi.responses import HTMLResponse, RedirectResponse

from api.errors import ProblemType
from api.web.templating import SECURITY_HEADERS, templates

WEB_PREFIX = "/app"
SIGN_IN_PATH = "/app/sign-in"
HOME_PATH = "/app/"


def is_web_request(request: Request) -> bool:
    path = request.url.path
    return path == WEB_PREFIX or path.startswith(WEB_PREFIX + "/")


def safe_next(target: str | None) -> str:
    """Where to go after sign-in: a path of this app only (never another site)."""
    if (
        not target
        or not target.startswith(WEB_PREFIX)
        or target.startswith("//")
        or "\\" in target
        or target.startswith(SIGN_IN_PATH)
    ):
        return HOME_PATH
    return target


def see_other(request: Request, location: str) -> Response:
    """A redirect after a form post; htmx follows ``HX-Redirect`` with a full page load."""
    if request.headers.get("HX-Request") == "true":
        return Response(status_code=204, headers={"HX-Redirect": location})
    return RedirectResponse(location, status_code=303)


def problem_page(request: Request, problem: ProblemType, detail: str | None) -> Response:
    """The web app's answer to a problem: the sign-in page for 401, else an error page."""
    if problem.status == 401:
        path = request.url.path
        if request.url.query:
            path += "?" + request.url.query
        back = path if request.method == "GET" else request.headers.get("HX-Current-URL", "")
        return see_other(request, f"{SIGN_IN_PATH}?next={quote(safe_next(back), safe='/')}")
    response = templates.TemplateResponse(
        request,
        "error.html",
        {
            "me": None,
            "nav": [],
            "current_path": request.url.path,
            "csrf_token": "",
            "csrf_input": "",
            "problem_title": problem.title,
            "detail": detail or problem.title,
            "back_href": HOME_PATH,
            "back_label": "Back to the dashboard",
        },
        status_code=problem.status,
    )
    assert isinstance(response, HTMLResponse)
    response.headers.update(SECURITY_HEADERS)
    return response
