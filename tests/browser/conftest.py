"""End-to-end fixtures: the real app under uvicorn, and headless Chromium driven by Playwright.

The app is set up as ``make run`` does it (migrated SQLite file, risk data in force, the demo
organisation with its people), once per test worker. The browser is Debian's ``chromium``
(Playwright's own browser download does not work here); ``make install`` installs it. Every
page a test opens must be free of console errors and of requests leaving the machine, and is
photographed into ``test-artifacts/browser/`` when the test ends.
"""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.error import URLError
from urllib.request import urlopen

import pytest
from playwright.sync_api import (
    Browser,
    ConsoleMessage,
    Page,
    Playwright,
    Request,
    Route,
    expect,
    sync_playwright,
)

from tests.conftest import TEST_KEY_SECRET

# The app runs on shared CI cores; a first paint can take a few seconds.
expect.set_options(timeout=15_000)

CHROMIUM = os.environ.get("FLRISK_CHROMIUM", "/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "browser"
_PERSON_LINE = re.compile(r"^\s+(\w+)\s+(.+?)\s+email (\S+)\s+password (\S+)\s*$", re.M)
_FULL_PAGE_MAX = 6000  # pixels
_KEY_LINE = re.compile(r"^\s+(flr_\S+)\s*$", re.M)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    # One worker runs every browser test, so one server and one browser serve them all.
    here = Path(__file__).parent
    for item in items:
        if here in item.path.parents:
            item.add_marker(pytest.mark.xdist_group("browser"))


@dataclass(frozen=True)
class DemoPerson:
    role: str
    name: str
    email: str
    password: str


@dataclass
class LiveApp:
    base_url: str
    database_url: str
    env: dict[str, str]
    admin_key: str
    people: dict[str, DemoPerson] = field(default_factory=dict)

    def url(self, path: str) -> str:
        return self.base_url + path

    def flrisk(self, *args: str, input_text: str | None = None) -> subprocess.CompletedProcess[str]:
        """Run the CLI against this app's database."""
        return subprocess.run(
            [sys.executable, "-m", "api.cli.main", *args],
            env=self.env,
            input=input_text,
            capture_output=True,
            text=True,
            check=True,
            timeout=120,
        )

    def person(self, name: str) -> DemoPerson:
        return self.people[name]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _wait_until_up(url: str, server: subprocess.Popen[bytes], seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"the app exited with {server.returncode} before answering")
        try:
            with urlopen(url, timeout=2) as answer:  # noqa: S310 (a local http URL)
                if answer.status == 200:
                    return
        except (URLError, ConnectionError, TimeoutError):
            time.sleep(0.2)
    raise RuntimeError(f"the app did not answer {url} within {seconds}s")


@pytest.fixture(scope="session")
def live_app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveApp]:
    folder = tmp_path_factory.mktemp("live-app")
    port = _free_port()
    database_url = f"sqlite:///{folder / 'flrisk.db'}"
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "FLRISK_API_KEY_SECRET": TEST_KEY_SECRET,
        "FLRISK_JOB_MODE": "thread",
        "FLRISK_LOG_LEVEL": "WARNING",
        "FLRISK_HOST": "127.0.0.1",
        "FLRISK_PORT": str(port),
        "FLRISK_WEBHOOK_SWEEP_SECONDS": "0",
        # The code of this checkout, wherever the package was installed from.
        "PYTHONPATH": str(Path(__file__).resolve().parents[2]),
    }
    env.pop("REDIS_URL", None)
    app = LiveApp(f"http://127.0.0.1:{port}", database_url, env, admin_key="")
    app.flrisk("db", "upgrade")
    app.flrisk("risk-data", "load")
    first_run = app.flrisk("first-run").stdout
    for role, name, email, password in _PERSON_LINE.findall(first_run):
        app.people[name.split()[0]] = DemoPerson(role, name, email, password)
    keys = _KEY_LINE.findall(first_run)
    assert app.people and keys, f"first-run printed no demo sign-in:\n{first_run}"
    app.admin_key = keys[0]
    log = (folder / "server.log").open("wb")
    server = subprocess.Popen(
        [sys.executable, "-m", "api.cli.main", "serve"],
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        cwd=folder,  # the server finds no .env of the developer's
    )
    try:
        _wait_until_up(app.url("/healthz"), server)
        yield app
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
        log.close()


@pytest.fixture(scope="session")
def playwright_driver() -> Iterator[Playwright]:
    if not Path(CHROMIUM).exists():
        message = f"{CHROMIUM} is missing: `make install` installs Debian's chromium"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    with sync_playwright() as driver:
        yield driver


@pytest.fixture(scope="session")
def browser(playwright_driver: Playwright) -> Iterator[Browser]:
    chromium = playwright_driver.chromium.launch(executable_path=CHROMIUM, headless=True)
    yield chromium
    chromium.close()


def _screenshot_name(request: pytest.FixtureRequest) -> str:
    return re.sub(r"[^A-Za-z0-9_.-]+", "_", request.node.name)


@dataclass
class PageWatch:
    """What went wrong in the page while a test used it."""

    console_errors: list[str] = field(default_factory=list)
    outside_requests: list[str] = field(default_factory=list)
    expected: list[str] = field(default_factory=list)

    def expect_status(self, status: int) -> None:
        """The test expects a page answered with ``status`` (Chromium logs it as an error)."""
        self.expected.append(f"the server responded with a status of {status}")

    def unexpected_errors(self) -> list[str]:
        return [e for e in self.console_errors if not any(x in e for x in self.expected)]


@pytest.fixture
def watch() -> PageWatch:
    return PageWatch()


@pytest.fixture
def page(
    browser: Browser, live_app: LiveApp, watch: PageWatch, request: pytest.FixtureRequest
) -> Iterator[Page]:
    """A fresh browser context (no cookies) that fails the test on any console error and
    refuses every request that is not to the app (as on an air-gapped machine)."""
    context = browser.new_context(
        base_url=live_app.base_url, viewport={"width": 1280, "height": 900}
    )
    context.set_default_timeout(15_000)

    def only_the_app(route: Route, outgoing: Request) -> None:
        if outgoing.url.startswith((live_app.base_url, "blob:", "data:")):
            route.continue_()
        else:
            watch.outside_requests.append(outgoing.url)
            route.abort()

    context.route("**/*", only_the_app)
    opened = context.new_page()

    def on_console(message: ConsoleMessage) -> None:
        if message.type == "error":
            watch.console_errors.append(f"{message.text} ({message.location.get('url', '')})")

    opened.on("console", on_console)
    opened.on("pageerror", lambda error: watch.console_errors.append(f"uncaught: {error}"))
    yield opened
    try:
        shoot(opened, request)
    finally:
        context.close()
    assert not watch.outside_requests, f"requests left the machine: {watch.outside_requests}"
    assert not watch.unexpected_errors(), f"console errors: {watch.unexpected_errors()}"


def shoot(page: Page, request: pytest.FixtureRequest, label: str = "") -> None:
    """A screenshot of the page now (the ``page`` fixture takes one when the test ends)."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    name = _screenshot_name(request) + (f"-{label}" if label else "")
    # A whole page unless it is very long (the API reference is tens of screens).
    height = page.evaluate("document.documentElement.scrollHeight")
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=height <= _FULL_PAGE_MAX)


def sign_in(page: Page, email: str, password: str) -> None:
    page.goto("/app/sign-in")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
