"""The web page in a real browser (Playwright driving Debian's Chromium) over the API and a hand-made ledger.

It loads, draws every event cluster on the timeline and the placed ones on the map at their precision (a point
inside Ukraine's outline, a shaded disc for an oblast, Russia's own outline for "somewhere in Russia"), marks a
claim's source, cue and content in its article when the claim is clicked, shows script-like article text as text
without running it, logs no console error, and asks nothing of any host but its own.
"""

from __future__ import annotations

import shutil
import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest

sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed (pip install -e '.[test]')")
uvicorn = pytest.importorskip("uvicorn", reason="uvicorn is not installed (the API's dependency)")

import page_ledger as ledger  # noqa: E402  (tests/web, on the path as pytest imports this file)
from sitroom.config import Config  # noqa: E402
from sitroom.store import open_store  # noqa: E402

try:
    from sitroom.api import create_app  # noqa: E402
except ImportError:  # TEMPORARY until wt-api is merged: the contract, minimal
    import dataclasses

    from fastapi import FastAPI, HTTPException
    from fastapi.responses import FileResponse
    from fastapi.staticfiles import StaticFiles

    from sitroom.model import to_dict
    from sitroom.store.base import ClaimFilter, ClusterFilter

    def create_app(config, store):  # type: ignore[no-redef]
        static = Path(__file__).resolve().parents[2] / "src/sitroom/web/static"
        app = FastAPI()
        lock = threading.Lock()

        def page(p):
            return {"rows": [dataclasses.asdict(r) for r in p.rows], "next": p.next}

        @app.get("/api/clusters")
        def clusters(kind: str | None = None, after: str | None = None, limit: int = 100):
            with lock:
                return page(store.clusters_page(ClusterFilter(kind=kind), after, limit))

        @app.get("/api/clusters/{cid}")
        def cluster(cid: str):
            with lock:
                c = store.cluster(cid)
            if not c:
                raise HTTPException(404, "no")
            return to_dict(c)

        @app.get("/api/claims")
        def claims(source: str | None = None, stance: str | None = None, after: str | None = None,
                   limit: int = 100):
            with lock:
                return page(store.claims_page(ClaimFilter(source=source, stance=stance), after, limit))

        @app.get("/api/articles/{aid}")
        def article(aid: str):
            with lock:
                return to_dict(store.article(aid))

        @app.get("/api/articles/{aid}/record")
        def record(aid: str):
            with lock:
                return to_dict(store.record(aid))

        app.mount("/static", StaticFiles(directory=static))

        @app.get("/")
        def index():
            return FileResponse(static / "index.html", headers={"Content-Security-Policy": "script-src 'self'"})
        return app

CHROMIUM = Path("/usr/bin/chromium")
if not CHROMIUM.exists():
    pytest.skip(f"Debian's Chromium is not at {CHROMIUM} (apt-get install -y chromium)", allow_module_level=True)

# A browser that asks nothing of the network on its own (no updates, no sync, no QUIC probes), in a fresh profile.
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
READY_TIMEOUT_MS = 20_000
E = ledger.EXPECTED


@dataclass
class Site:
    base: str  # http://127.0.0.1:<port>/
    origin: str


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    """The API (create_app) over a store with the hand-made ledger, served by uvicorn on a free loopback port."""
    db = tmp_path_factory.mktemp("web") / "ledger.db"
    ledger.build(str(db))
    import sqlite3  # TEMPORARY
    store = open_store(str(db))
    store.db = sqlite3.connect(str(db), check_same_thread=False, isolation_level=None)  # TEMPORARY
    store.db.row_factory = sqlite3.Row  # TEMPORARY
    store.db.create_function("casefold", 1, lambda v: v.casefold() if isinstance(v, str) else v)  # TEMPORARY
    app = create_app(Config(), store)
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="off"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 15
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the test server did not start")
        time.sleep(0.05)
    try:
        yield Site(base=f"http://127.0.0.1:{port}/", origin=f"http://127.0.0.1:{port}")
    finally:
        server.should_exit = True
        thread.join(timeout=10)
        sock.close()
        store.close()


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[sync_api.BrowserContext]:
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


@dataclass
class Watch:
    """What a page did that it must not: console errors, uncaught exceptions, requests to another origin."""

    errors: list[str] = field(default_factory=list)
    foreign: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)

    def assert_clean(self) -> None:
        assert self.errors == [], f"console errors: {self.errors}"
        assert self.foreign == [], f"requests off the origin: {self.foreign}"


@pytest.fixture
def page(browser: sync_api.BrowserContext, site: Site) -> Iterator[tuple[sync_api.Page, Watch]]:
    watch = Watch()
    tab = browser.new_page()
    tab.on("console", lambda message: watch.errors.append(message.text) if message.type == "error" else None)
    tab.on("pageerror", lambda error: watch.errors.append(f"uncaught: {error}"))

    def gate(route: sync_api.Route) -> None:
        url = route.request.url
        watch.requests.append(url)
        parts = urlsplit(url)
        if f"{parts.scheme}://{parts.netloc}" != site.origin:
            watch.foreign.append(url)
            route.abort()
        else:
            route.continue_()

    tab.route("**/*", gate)
    try:
        yield tab, watch
    finally:
        tab.close()


def open_page(tab: sync_api.Page, site: Site, fragment: str = "") -> None:
    tab.goto(site.base + fragment)
    tab.wait_for_selector("html[data-state]", timeout=READY_TIMEOUT_MS)
    assert tab.evaluate("document.documentElement.dataset.state") == "ready", tab.inner_text("#status")


def ids(tab: sync_api.Page, selector: str) -> list[str]:
    return sorted(tab.eval_on_selector_all(selector, "nodes => nodes.map(n => n.dataset.clusterId)"))


def text_of_role(tab: sync_api.Page, role: str) -> str:
    """The article text the reader marked with a role, its pieces joined (a span cut by another stays whole)."""
    return tab.eval_on_selector_all(f'#reader-text [data-roles~="{role}"]',
                                    "nodes => nodes.map(n => n.textContent).join('')")


# The countries (world-atlas names) whose outline holds the middle of a cluster's mark on the map.
COUNTRIES_AT_MARK = """id => {
  const mark = document.querySelector(`#map path[data-cluster-id="${id}"]`);
  const box = mark.getBoundingClientRect();
  const x = box.x + box.width / 2, y = box.y + box.height / 2;
  return [...document.querySelectorAll('#map path.country')].filter(path => {
    const point = new DOMPoint(x, y).matrixTransform(path.getScreenCTM().inverse());
    return path.isPointInFill(point);
  }).map(path => path.dataset.country);
}"""
BOX = "node => { const b = node.getBoundingClientRect(); return [b.x, b.y, b.width, b.height]; }"


def test_timeline_and_map_show_every_cluster_at_its_precision(page, site, tmp_path):
    tab, watch = page
    open_page(tab, site)
    assert ids(tab, "#timeline .tl-item") == sorted([E.point, E.region, E.country, E.unplaced])
    # A day is a dot; a month ("some day in October") is a bar across the month, not a dot on the 1st.
    assert tab.locator(f'.tl-item[data-cluster-id="{E.point}"] circle').count() == 1
    assert tab.locator(f'.tl-item[data-cluster-id="{E.country}"] rect.tl-span').count() == 1
    # On the map: one point (the town), one shaded disc (the oblast), one shaded country; the unplaced one is not drawn.
    assert ids(tab, "#map path.cluster-point") == [E.point]
    assert ids(tab, "#map path.cluster-region") == sorted([E.region, E.country])
    assert tab.locator(f'#map [data-cluster-id="{E.unplaced}"]').count() == 0
    assert "1 with no place (not drawn)" in tab.inner_text("#map-legend")
    # At the right places: Mykhaylivka's point and Kharkiv Oblast's disc inside Ukraine; the "somewhere in Russia"
    # shading is Russia's own outline.
    assert tab.evaluate(COUNTRIES_AT_MARK, E.point) == ["Ukraine"]
    assert tab.evaluate(COUNTRIES_AT_MARK, E.region) == ["Ukraine"]
    point = tab.eval_on_selector(f'#map path[data-cluster-id="{E.point}"]', BOX)
    disc = tab.eval_on_selector(f'#map path[data-cluster-id="{E.region}"]', BOX)
    assert disc[2] > 3 * point[2], "an oblast is drawn as an area, not a pin"
    shaded = tab.eval_on_selector(f'#map path[data-cluster-id="{E.country}"]', BOX)
    russia = tab.eval_on_selector('#map path.country[data-country="Russia"]', BOX)
    assert shaded == pytest.approx(russia, abs=2)
    tab.screenshot(path=str(tmp_path / "page.png"), full_page=True)
    watch.assert_clean()
    assert watch.requests and all(url.startswith(site.origin) for url in watch.requests)


def test_clicking_a_claim_marks_its_source_cue_and_content(page, site):
    tab, watch = page
    open_page(tab, site)
    tab.click(f'button.claim[data-claim="{E.claim}"]')
    tab.wait_for_selector("#reader-text mark.hl-content")
    assert text_of_role(tab, "content") == E.claim_content
    assert text_of_role(tab, "cue") == E.claim_cue
    assert text_of_role(tab, "source") == E.claim_source
    assert text_of_role(tab, "sentence") == E.claim_sentence
    assert tab.inner_text("#reader-text").startswith(ledger.KYIV_TEXT.split("\n", 1)[0])
    assert "Volodymyr Zelenskiy asserts" in tab.inner_text("#reader-note")
    watch.assert_clean()


def test_script_like_article_text_is_shown_not_run(page, site):
    tab, watch = page
    open_page(tab, site)
    tab.click(f'button.claim[data-claim="{E.claim}"]')
    tab.wait_for_selector("#reader-text mark.hl-content")
    shown = tab.text_content("#reader-text")
    assert ledger.SCRIPT in shown and ledger.ONERROR in shown
    # The cluster whose label carries an onerror= attribute: its detail and its member's evidence are text too.
    tab.click(f'.tl-item[data-cluster-id="{E.region}"]')
    tab.wait_for_selector("#cluster button.member")
    assert ledger.ONERROR in tab.text_content("#cluster h3")
    tab.click("#cluster button.member")
    tab.wait_for_function("() => document.querySelector('#reader-title').textContent.startsWith('Shelling')")
    assert ledger.ONERROR in text_of_role(tab, "evidence")
    assert tab.locator("#reader-text img, #reader-text script, #cluster img, #claim-list img").count() == 0
    assert tab.evaluate("window.__pwned") is None
    watch.assert_clean()


def wait_for_ids(tab: sync_api.Page, selector: str, expected: list[str]) -> None:
    """Wait until the nodes of `selector` are those of the expected clusters (the filters apply after a pause)."""
    tab.wait_for_function(
        "([selector, expected]) => JSON.stringify([...document.querySelectorAll(selector)]"
        ".map(n => n.dataset.clusterId || n.dataset.claim).sort()) === JSON.stringify(expected)",
        arg=[selector, sorted(expected)])


def test_filters_narrow_the_timeline_the_map_and_the_claims(page, site):
    tab, watch = page
    open_page(tab, site)
    tab.select_option("#filters select[name=type]", "Battles")
    wait_for_ids(tab, "#timeline .tl-item", [E.point])
    assert ids(tab, "#map path.cluster-point") == [E.point]
    assert ids(tab, "#map path.cluster-region") == []
    tab.click("#filters button[type=reset]")
    wait_for_ids(tab, "#timeline .tl-item", [E.point, E.region, E.country, E.unplaced])
    tab.fill("#filters input[name=region]", "kharkiv")
    wait_for_ids(tab, "#timeline .tl-item", [E.region])
    tab.fill("#filters input[name=region]", "russia")  # by the country's name, not only its code
    wait_for_ids(tab, "#timeline .tl-item", [E.country])
    tab.fill("#filters input[name=since]", "2024-10-13")
    tab.fill("#filters input[name=region]", "")
    wait_for_ids(tab, "#timeline .tl-item", [E.point, E.unplaced])
    # Claims by their claim cluster's status: only the Kremlin's denial is in a "denied" cluster.
    tab.select_option("#claim-filters select[name=status]", "denied")
    wait_for_ids(tab, "#claim-list button.claim", [E.denied_claim])
    tab.select_option("#claim-filters select[name=status]", "single_source")
    wait_for_ids(tab, "#claim-list button.claim", [E.claim, "kyiv01/C2"])
    tab.select_option("#claim-filters select[name=status]", "")
    tab.select_option("#claim-filters select[name=stance]", "deny")
    wait_for_ids(tab, "#claim-list button.claim", [E.denied_claim])
    tab.fill("#claim-filters input[name=source]", "zelenskiy")
    tab.select_option("#claim-filters select[name=stance]", "")
    wait_for_ids(tab, "#claim-list button.claim", [E.claim])
    watch.assert_clean()


def test_a_link_to_evidence_opens_the_article_at_its_words(page, site):
    tab, watch = page
    text = ledger.KHARKIV_TEXT
    words = "Pyongyang supplies shells and missiles"
    start = text.index(words)
    open_page(tab, site, f"#article=kharkiv01&start={start}&end={start + len(words)}")
    tab.wait_for_selector("#reader-text mark.hl-evidence")
    assert text_of_role(tab, "evidence") == words
    watch.assert_clean()


def test_the_policy_refuses_inline_script(page, site):
    tab, watch = page
    response = tab.goto(site.base)
    assert response is not None and "script-src 'self'" in (response.headers.get("content-security-policy") or "")
    tab.wait_for_selector("html[data-state]", timeout=READY_TIMEOUT_MS)
    watch.assert_clean()
    tab.evaluate("""() => {
      const script = document.createElement('script');
      script.textContent = 'window.__inline = true';
      document.body.append(script);
    }""")
    assert tab.evaluate("window.__inline") is None
    assert any("Content Security Policy" in error for error in watch.errors)
