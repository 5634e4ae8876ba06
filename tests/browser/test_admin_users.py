"""An admin invites a reviewer in the browser; the reviewer chooses a password and signs in."""

from __future__ import annotations

import uuid

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import LiveApp, shoot, sign_in


def test_an_admin_invites_a_reviewer_who_then_signs_in(
    page: Page, live_app: LiveApp, request: pytest.FixtureRequest
) -> None:
    ada = live_app.person("Ada")
    email = f"ivy.{uuid.uuid4().hex[:8]}@demo.example"
    sign_in(page, ada.email, ada.password)
    page.get_by_role("link", name="Users").click()
    expect(page.get_by_role("heading", name="Users of Demo Organisation")).to_be_visible()
    expect(page.get_by_role("cell", name="Ana Reviewer", exact=True)).to_be_visible()
    page.get_by_label("Name").fill("Ivy Invited")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Role").select_option("auditor")
    page.get_by_role("button", name="Invite").click()
    expect(page.get_by_role("status")).to_contain_text("Invited Ivy Invited as auditor")
    link = page.get_by_label("One-time link").input_value()
    shoot(page, request, "invited")
    page.get_by_role("button", name="Sign out").click()

    page.goto(link)
    expect(page.get_by_text(f"For Ivy Invited ({email})")).to_be_visible()
    page.get_by_label("New password").fill("ivy's long password")
    page.get_by_label("Repeat it").fill("ivy's long password")
    page.get_by_role("button", name="Set password").click()
    expect(page.get_by_role("status")).to_have_text("Your password is set. Sign in with it now.")
    sign_in(page, email, "ivy's long password")
    expect(page.locator(".whoami")).to_contain_text("Ivy Invited")
    expect(page.get_by_role("link", name="Users")).to_have_count(0)  # not an admin
