"""A reviewer's day in a real browser: the dashboard, the queue filtered, a case opened and
commented, the worker records behind a pattern, a critical clearance confirmed by a second
person (the proposer refused), a duplicate reviewed, and an upload whose rejected rows come
back as a file. Every page is photographed and must be free of console errors (``page``).

The demo organisation is shared by the tests of one run, so each test works on cases no
other test changes (picked by supplier name).
"""

from __future__ import annotations

import csv
import io
import re

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.browser.conftest import LiveApp, shoot, sign_in

# Suppliers of the demo catalogue, each worked by one test only.
COMMENTED = "Klang Valley Gloves Sdn Bhd"  # a deceptive audit: reliability patterns
DUPLICATES_FILE = (
    "Supplier,Supplier ID,Country,City,Sector\n"
    "Golden Star Textiles Ltd,BR-G-1,Bangladesh,Dhaka,textiles\n"
    "Goldan Star Textile Ltd,BR-G-2,BD,Dhaka,textiles\n"
)
# A German export: "Partner" is not a header the reader knows, so the preview asks for it;
# two rows are bad (an unknown country, a negative worker count).
ERRORS_FILE = (
    "Partner;Land;Stadt;Beschäftigte\n"
    "Nordlicht Textil GmbH;DE;Berlin;120\n"
    "Atlantis Widgets;Atlantis;Nowhere;10\n"
    "Bergbau Süd AG;AT;Graz;-5\n"
    "Lisboa Calçado Lda;PT;Porto;300\n"
)


def _queue_row(page: Page, supplier: str):  # type: ignore[no-untyped-def]
    return page.locator("table.queue tbody tr").filter(has_text=supplier)


def test_the_dashboard_charts_the_registry_and_the_queue(
    page: Page, live_app: LiveApp, request: pytest.FixtureRequest
) -> None:
    ada = live_app.person("Ada")
    sign_in(page, ada.email, ada.password)
    expect(page.get_by_role("heading", name="Demo Organisation")).to_be_visible()
    for name in (
        "Active suppliers by risk band",
        "Active suppliers by country",
        "Open cases by age",
        "Open cases by flag reason",
    ):
        expect(page.get_by_role("img", name=name)).to_be_visible()
    expect(page.locator(".counts")).to_contain_text("active suppliers")


def test_filtering_the_queue_to_critical_cases_shows_only_them(
    page: Page, live_app: LiveApp, request: pytest.FixtureRequest
) -> None:
    ana = live_app.person("Ana")
    sign_in(page, ana.email, ana.password)
    page.get_by_role("link", name="Review queue").click()
    expect(page.get_by_role("heading", name="Review queue")).to_be_visible()
    all_rows = page.locator("table.queue tbody tr").count()
    shoot(page, request, "unfiltered")
    page.get_by_role("group", name="Priority").get_by_label("Critical").check()
    page.get_by_label("Sort by").select_option("score")
    page.get_by_role("button", name="Apply filters").click()
    expect(page).to_have_url(re.compile(r"priority=critical"))
    rows = page.locator("table.queue tbody tr")
    assert 0 < rows.count() < all_rows
    for i in range(rows.count()):
        expect(rows.nth(i).locator(".badge").first).to_have_text("critical")
    scores = [float(t.split()[0]) for t in rows.locator("td.num").all_inner_texts() if t.strip()]
    assert scores == sorted(scores, reverse=True)
    page.get_by_role("link", name=re.compile(r"\d+ mine")).click()
    expect(page.locator("table.queue tbody tr")).to_have_count(1)
    expect(page.locator("table.queue tbody tr").first).to_contain_text("Ana Reviewer")


def test_a_reviewer_opens_a_case_reads_why_and_comments(
    page: Page, live_app: LiveApp, request: pytest.FixtureRequest
) -> None:
    ana = live_app.person("Ana")
    sign_in(page, ana.email, ana.password)
    page.goto("/app/cases?sort=supplier")
    _queue_row(page, COMMENTED).get_by_role("link", name=COMMENTED).click()
    expect(page.get_by_role("heading", level=1, name=COMMENTED)).to_be_visible()
    reasons = page.locator(".reasons-list")
    expect(reasons).to_contain_text("Latest audit unreliable")
    expect(reasons.locator("cite").first).to_be_visible()
    assert ".txt" not in reasons.inner_text()
    expect(
        page.get_by_role("img", name=re.compile(r"How the score of [\d.]+ is made"))
    ).to_be_visible()
    shoot(page, request, "case")
    # The records behind a reliability pattern, fetched into the page.
    page.get_by_role("link", name="Show the worker records").first.click()
    drill = page.locator("#drill")
    expect(drill.get_by_role("heading", name=re.compile("Records behind"))).to_be_visible()
    expect(drill.locator("table").first).to_be_visible()
    drill.scroll_into_view_if_needed()
    shoot(page, request, "records")
    # By keyboard: type the comment, Tab to its button, Enter.
    page.get_by_label("Add a comment").fill("Asked the auditor for the original clocking data.")
    page.keyboard.press("Tab")
    expect(page.get_by_role("button", name="Add comment")).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.get_by_role("status")).to_have_text("Comment added.")
    expect(page.locator(".comments")).to_contain_text("Asked the auditor for the original")
    expect(page.locator(".comments")).to_contain_text("Ana Reviewer")
    expect(page.locator(".timeline li").first).to_contain_text("Comment")


def test_a_supplier_page_plots_its_score_and_lists_audits_and_decisions(
    page: Page, live_app: LiveApp, request: pytest.FixtureRequest
) -> None:
    ana = live_app.person("Ana")
    sign_in(page, ana.email, ana.password)
    page.get_by_role("link", name="Suppliers", exact=True).click()
    page.get_by_label("Name").fill("Klang Valley")
    page.get_by_role("button", name="Search").click()
    page.get_by_role("link", name=COMMENTED).click()
    expect(page.get_by_role("heading", level=1, name=COMMENTED)).to_be_visible()
    expect(page.get_by_role("img", name=f"Score of {COMMENTED} over time")).to_be_visible()
    expect(page.get_by_role("table", name=re.compile(r"Assessments \(\d+\)"))).to_be_visible()
    expect(page.locator("section", has=page.get_by_role("heading", name="Audits"))).to_contain_text(
        "DEMO-008-A1"
    )
    expect(page.get_by_role("link", name=re.compile("Go to the open case"))).to_be_visible()


def _open_unassigned_critical_case(page: Page) -> str:
    """A critical case nobody has touched, opened; its supplier's name."""
    page.goto("/app/cases?priority=critical&status=open&assignee=-&sort=supplier")
    link = page.locator("table.queue tbody tr td:nth-child(3) a").last
    name = link.inner_text()
    link.click()
    return name


def test_clearing_a_critical_case_needs_a_second_person(
    page: Page, browser: Browser, live_app: LiveApp, request: pytest.FixtureRequest
) -> None:
    ana, ben = live_app.person("Ana"), live_app.person("Ben")
    sign_in(page, ana.email, ana.password)
    supplier = _open_unassigned_critical_case(page)
    case_url = page.url
    page.get_by_role("button", name="Start the review").click()
    expect(page.get_by_role("status")).to_have_text("Status changed.")
    page.get_by_label("Decision").select_option("cleared")
    page.get_by_label("Rationale").fill("Passports returned; verified on an unannounced visit.")
    page.get_by_role("button", name="Record the decision").click()
    expect(page.get_by_role("status")).to_contain_text("A second person must confirm it")
    expect(page.get_by_role("heading", name="A clearance awaits a second person")).to_be_visible()
    shoot(page, request, "proposed")
    # The proposer is not offered a confirmation, and is refused one sent all the same.
    expect(page.get_by_role("button", name="Confirm the clearance")).to_have_count(0)
    token = page.locator("input[name=csrf_token]").first.get_attribute("value") or ""
    version = page.locator(".pending input[name=version]").first.get_attribute("value") or ""
    refused = page.request.post(
        case_url + "/decision/confirm", form={"csrf_token": token, "version": version}
    )
    assert refused.status == 403
    assert "must be confirmed by" in refused.text()

    second = browser.new_context(base_url=live_app.base_url)
    try:
        other = second.new_page()
        errors: list[str] = []
        other.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        sign_in(other, ben.email, ben.password)
        other.goto(case_url)
        expect(other.get_by_role("heading", level=1, name=supplier)).to_be_visible()
        other.get_by_role("button", name="Confirm the clearance").click()
        expect(other.get_by_role("status")).to_have_text("Clearance confirmed; the case is closed.")
        expect(other.locator(".badges")).to_contain_text("Closed")
        expect(other.locator(".timeline")).to_contain_text("Decision confirmed")
        shoot(other, request, "confirmed")
        assert not errors, errors
    finally:
        second.close()


def _upload(page: Page, name: str, content: str) -> None:
    page.goto("/app/imports")
    page.get_by_label("File", exact=True).set_input_files(
        {"name": name, "mimeType": "text/csv", "buffer": content.encode()}
    )


def test_a_proposed_duplicate_is_reviewed_side_by_side(
    page: Page, live_app: LiveApp, request: pytest.FixtureRequest
) -> None:
    ada = live_app.person("Ada")
    sign_in(page, ada.email, ada.password)
    _upload(page, "duplicates.csv", DUPLICATES_FILE)
    page.get_by_role("button", name="Import the file").click()
    expect(page.locator("#progress")).to_contain_text("completed")
    page.get_by_role("link", name="Duplicates").first.click()
    pair = page.locator("article.pair").filter(has_text="Goldan Star Textile Ltd")
    expect(pair).to_be_visible()
    expect(pair.locator("table.explanation")).to_contain_text("Name")
    shoot(page, request, "pair")
    pair.get_by_role("button", name="Different suppliers").click()
    expect(page.get_by_role("status")).to_contain_text("two different suppliers")
    expect(page.locator("article.pair").filter(has_text="Goldan Star Textile Ltd")).to_have_count(0)
    page.goto("/app/duplicates?status=rejected")
    expect(page.locator("article.pair").filter(has_text="Goldan Star Textile Ltd")).to_be_visible()


def test_an_upload_is_mapped_before_import_and_its_rejected_rows_come_back_as_a_file(
    page: Page, live_app: LiveApp, request: pytest.FixtureRequest
) -> None:
    ada = live_app.person("Ada")
    sign_in(page, ada.email, ada.password)
    _upload(page, "lieferanten.csv", ERRORS_FILE)
    mapping = page.locator("table.mapping")
    expect(mapping).to_contain_text("Partner")
    expect(page.locator("#preview .warning")).to_contain_text("Required and not found: Name")
    expect(page.get_by_role("button", name="Import the file")).to_have_count(0)
    shoot(page, request, "preview-unmapped")
    page.get_by_label("Read column Partner as").select_option("name")
    expect(page.get_by_role("button", name="Import the file")).to_be_visible()
    expect(page.get_by_label("Read column Land as")).to_have_value("country")
    shoot(page, request, "preview-mapped")
    page.get_by_role("button", name="Import the file").click()
    expect(page.get_by_role("heading", name="Import of lieferanten.csv")).to_be_visible()
    expect(page.locator("#progress")).to_contain_text("completed")
    expect(page.locator("#import-progress")).to_have_attribute("value", "100")
    errors = page.get_by_role("table", name=re.compile("Row errors"))
    expect(errors).to_contain_text("Atlantis")
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download the rejected rows").click()
    download = download_info.value
    path = download.path()
    assert path is not None
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig"))))
    header, body = rows[0], rows[1:]
    assert header[:4] == ["Partner", "Land", "Stadt", "Beschäftigte"]
    assert len(header) == 5  # the error column
    assert sorted(r[0] for r in body) == ["Atlantis Widgets", "Bergbau Süd AG"]
