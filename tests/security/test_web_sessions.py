"""Sign-in, sessions and CSRF on the web app, through the HTTP interface a browser uses."""

from __future__ import annotations

from datetime import timedelta

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select, update

from api.settings import Settings
from api.users import service as users
from models import User, WebSession
from models.base import utcnow
from models.database import Database
from tests.conftest import Tenant
from tests.webclient import COOKIE, PASSWORD, add_person, csrf_of, sign_in


@pytest.fixture
def reviewer(database: Database, tenant: Tenant) -> str:
    add_person(database, tenant, "ana@a.example", name="Ana Example")
    return "ana@a.example"


def test_pages_send_visitors_to_sign_in_and_back(client: TestClient, reviewer: str) -> None:
    answer = client.get("/app/", follow_redirects=False)
    assert answer.status_code == 303
    assert answer.headers["location"] == "/app/sign-in?next=/app/"
    signed_in = sign_in(client, reviewer, next_path="/app/")
    assert signed_in.status_code == 303
    assert signed_in.headers["location"] == "/app/"
    home = client.get("/app/")
    assert home.status_code == 200
    assert "Ana Example" in home.text
    assert "Org A" in home.text


def test_sign_in_never_sends_a_person_to_another_site(client: TestClient, reviewer: str) -> None:
    for target in ("https://evil.example/", "//evil.example/app", "/app\\@evil.example"):
        client.cookies.clear()
        assert sign_in(client, reviewer, next_path=target).headers["location"] == "/app/"


def test_the_session_cookie_is_http_only_and_same_site(client: TestClient, reviewer: str) -> None:
    cookie = sign_in(client, reviewer).headers["set-cookie"]
    assert "HttpOnly" in cookie
    assert "SameSite=lax" in cookie
    assert "Path=/app" in cookie
    assert "Secure" not in cookie  # plain http (a development server): a Secure cookie is lost


def test_the_session_cookie_is_secure_over_https(
    settings: Settings, database: Database, reviewer: str
) -> None:
    from api.app import create_app

    with TestClient(create_app(settings, database), base_url="https://testserver") as https:
        assert "Secure" in sign_in(https, reviewer).headers["set-cookie"]


def test_signing_in_replaces_the_session_token(client: TestClient, reviewer: str) -> None:
    """Session fixation: a token planted before sign-in is worthless after it."""
    client.get("/app/sign-in")
    planted = client.cookies[COOKIE]
    answer = sign_in(client, reviewer)
    assert answer.status_code == 303
    assert client.cookies[COOKIE] != planted
    client.cookies.set(COOKIE, planted, path="/app")
    assert client.get("/app/", follow_redirects=False).status_code == 303


def test_a_post_without_the_csrf_token_is_refused(client: TestClient, reviewer: str) -> None:
    sign_in(client, reviewer)
    refused = client.post("/app/sign-out", follow_redirects=False)
    assert refused.status_code == 403
    assert "did not come from this site" in refused.text
    wrong = client.post("/app/sign-out", data={"csrf_token": "x" * 43}, follow_redirects=False)
    assert wrong.status_code == 403
    assert client.get("/app/").status_code == 200  # still signed in: nothing happened


def test_the_sign_in_form_itself_needs_its_csrf_token(client: TestClient, reviewer: str) -> None:
    """Login CSRF: another site cannot sign a browser in as someone else."""
    forged = client.post(
        "/app/sign-in", data={"email": reviewer, "password": PASSWORD}, follow_redirects=False
    )
    assert forged.status_code == 403
    assert COOKIE not in forged.headers.get("set-cookie", "")


def test_htmx_requests_carry_the_token_in_a_header(client: TestClient, reviewer: str) -> None:
    sign_in(client, reviewer)
    token = csrf_of(client.get("/app/").text)
    answer = client.post("/app/sign-out", headers={"X-CSRF-Token": token, "HX-Request": "true"})
    assert answer.status_code == 204
    assert answer.headers["HX-Redirect"] == "/app/sign-in?notice=signed-out"


def test_sign_out_ends_the_session_on_the_server(client: TestClient, reviewer: str) -> None:
    sign_in(client, reviewer)
    token = client.cookies[COOKIE]
    client.post("/app/sign-out", data={"csrf_token": csrf_of(client.get("/app/").text)})
    client.cookies.set(COOKIE, token, path="/app")  # a copy of the cookie kept somewhere
    assert client.get("/app/", follow_redirects=False).status_code == 303


def test_an_idle_session_expires(client: TestClient, database: Database, reviewer: str) -> None:
    sign_in(client, reviewer)
    with database.session() as session:
        session.execute(update(WebSession).values(last_seen_at=utcnow() - timedelta(minutes=31)))
        session.commit()
    assert client.get("/app/", follow_redirects=False).status_code == 303


def test_a_busy_session_still_ends_at_its_limit(
    client: TestClient, database: Database, reviewer: str
) -> None:
    sign_in(client, reviewer)
    with database.session() as session:
        session.execute(update(WebSession).values(expires_at=utcnow() - timedelta(seconds=1)))
        session.commit()
    assert client.get("/app/", follow_redirects=False).status_code == 303
    with database.session() as session:
        assert (
            session.scalars(select(WebSession).where(WebSession.user_id.is_not(None))).all() == []
        )


def test_wrong_passwords_are_limited_per_email_and_address(
    client: TestClient, settings: Settings, reviewer: str
) -> None:
    for _ in range(settings.sign_in_max_failures):
        wrong = sign_in(client, reviewer, password="not the password")
        assert wrong.status_code == 400
        assert "email or the password is wrong" in wrong.text
    throttled = sign_in(client, reviewer)  # even the right password is not checked now
    assert throttled.status_code == 429
    assert "Too many failed sign-ins" in throttled.text
    assert sign_in(client, "someone.else@a.example").status_code == 400  # other emails go on


def test_unknown_email_and_wrong_password_read_the_same(client: TestClient, reviewer: str) -> None:
    unknown = sign_in(client, "nobody@a.example")
    wrong = sign_in(client, reviewer, password="not the password")
    assert unknown.status_code == wrong.status_code == 400
    assert "The email or the password is wrong." in unknown.text
    assert "The email or the password is wrong." in wrong.text


def test_a_disabled_person_cannot_sign_in_and_is_signed_out(
    client: TestClient, database: Database, reviewer: str
) -> None:
    sign_in(client, reviewer)
    assert client.get("/app/").status_code == 200
    with database.session() as session:
        user = session.scalars(select(User).where(User.email == reviewer)).one()
        users.disable_user(session, user, actor="test")
    assert client.get("/app/", follow_redirects=False).status_code == 303
    refused = sign_in(client, reviewer)
    assert refused.status_code == 400
    assert "disabled" in refused.text
