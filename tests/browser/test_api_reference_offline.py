"""``/docs`` and ``/redoc`` render from the app's own assets with every outside request refused."""

from __future__ import annotations

from playwright.sync_api import Page, expect


def test_swagger_ui_lists_the_operations_offline(page: Page) -> None:
    page.goto("/docs")
    expect(page.locator(".opblock").first).to_be_visible()
    assert page.locator(".opblock").count() > 20
    expect(page.locator(".opblock-summary-path", has_text="/v1/cases").first).to_be_visible()


# ReDoc parses the whole OpenAPI document in the page before it shows anything; on shared
# CI cores that takes longer than a page of ours.
REDOC_RENDERS_WITHIN_MS = 90_000


def test_redoc_lists_the_operations_offline(page: Page) -> None:
    page.goto("/redoc")
    expect(
        page.get_by_role("heading", name="Forced-labour risk screening API").first
    ).to_be_visible(timeout=REDOC_RENDERS_WITHIN_MS)
    expect(page.get_by_text("/v1/suppliers").first).to_be_attached()
