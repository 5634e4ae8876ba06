"""Signing in and out in a real browser, as the demo's reviewer."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import LiveApp, PageWatch, shoot, sign_in


def test_demo_reviewer_signs_in_and_sees_their_name(
    page: Page, live_app: LiveApp, request: pytest.FixtureRequest
) -> None:
    ana = live_app.person("Ana")
    page.goto("/app/")
    expect(page).to_have_url(re.compile(r"/app/sign-in\?next=/app/$"))
    shoot(page, request, "sign-in-page")
    sign_in(page, ana.email, ana.password)
    expect(page).to_have_url(live_app.url("/app/"))
    expect(page.locator(".whoami")).to_contain_text("Ana Reviewer")
    expect(page.locator(".whoami")).to_contain_text("Demo Organisation")
    cookie = next(c for c in page.context.cookies() if c["name"] == "flrisk_session")
    assert cookie["httpOnly"] is True
    assert cookie["sameSite"] == "Lax"


def test_wrong_password_is_refused_and_the_form_says_why(
    page: Page, live_app: LiveApp, watch: PageWatch
) -> None:
    watch.expect_status(400)
    ben = live_app.person("Ben")
    sign_in(page, ben.email, ben.password + "-wrong")
    expect(page.get_by_role("alert")).to_have_text("The email or the password is wrong.")
    expect(page.get_by_label("Email")).to_have_value(ben.email)
    expect(page.locator(".whoami")).to_have_count(0)


def test_sign_out_ends_the_session(page: Page, live_app: LiveApp) -> None:
    ben = live_app.person("Ben")
    sign_in(page, ben.email, ben.password)
    expect(page.locator(".whoami")).to_contain_text("Ben Reviewer")
    page.get_by_role("button", name="Sign out").click()
    expect(page.get_by_role("status")).to_have_text("You have signed out.")
    page.goto("/app/")
    expect(page).to_have_url(re.compile(r"/app/sign-in"))
    expect(page.get_by_role("heading", name="Sign in")).to_be_visible()


def test_keyboard_alone_signs_in(page: Page, live_app: LiveApp) -> None:
    ana = live_app.person("Ana")
    page.goto("/app/sign-in")
    expect(page.get_by_label("Email")).to_be_focused()  # autofocus: no pointer needed
    page.keyboard.type(ana.email)
    page.keyboard.press("Tab")
    page.keyboard.type(ana.password)
    page.keyboard.press("Enter")
    expect(page.locator(".whoami")).to_contain_text("Ana Reviewer")
