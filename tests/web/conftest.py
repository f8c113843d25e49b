"""The browser the page's tests drive: Debian's Chromium through Playwright, or a skip that says what is missing."""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn
from urllib.parse import urlsplit

import pytest

# The helpers beside this file (webpage, page_ledger) importable whatever pytest's import mode or package layout.
sys.path.insert(0, str(Path(__file__).resolve().parent))

from webpage import CHROMIUM, CHROMIUM_ARGS, Watch  # noqa: E402

if TYPE_CHECKING:
    from playwright.sync_api import BrowserContext, Page, Route


# Set (to 1) where the browser tests must run, as in CI: a missing browser is then a failure, not a skip.
REQUIRE_ENV = "SITROOM_REQUIRE_BROWSER"


def _missing(reason: str) -> NoReturn:
    if os.environ.get(REQUIRE_ENV) == "1":
        pytest.fail(f"{reason}; {REQUIRE_ENV}=1 says the browser tests must run")
    pytest.skip(reason)


@pytest.fixture(scope="session")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[BrowserContext]:
    try:
        from playwright import sync_api
    except ImportError:
        _missing("playwright is not installed (pip install -e '.[test]')")
    if not CHROMIUM.exists():
        _missing(f"Debian's Chromium is not at {CHROMIUM} (apt-get install -y chromium)")
    profile = tmp_path_factory.mktemp("chromium-profile")
    with sync_api.sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            str(profile), executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS,
            viewport={"width": 1500, "height": 950}, service_workers="block",
        )
        try:
            yield context
        finally:
            context.close()
    shutil.rmtree(profile, ignore_errors=True)


@pytest.fixture
def page(browser: BrowserContext) -> Iterator[tuple[Page, Watch]]:
    """A new tab whose console errors are kept and whose requests off its origin are kept and refused."""
    watch = Watch()
    tab = browser.new_page()
    tab.on("console", lambda message: watch.errors.append(message.text) if message.type == "error" else None)
    tab.on("pageerror", lambda error: watch.errors.append(f"uncaught: {error}"))

    def gate(route: Route) -> None:
        url = route.request.url
        watch.requests.append(url)
        parts = urlsplit(url)
        if f"{parts.scheme}://{parts.netloc}" != watch.origin:
            watch.foreign.append(url)
            route.abort()
        else:
            route.continue_()

    tab.route("**/*", gate)
    try:
        yield tab, watch
    finally:
        tab.close()
