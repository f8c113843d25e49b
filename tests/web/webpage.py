"""What the browser tests share: the API served on a free port, a tab that records what it must not do, and
readers of the page's DOM (cluster ids, marked spans, where a mark lies on the map)."""

from __future__ import annotations

import contextlib
import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from sitroom.api import create_app
from sitroom.config import Config
from sitroom.store import open_store

if TYPE_CHECKING:
    from playwright.sync_api import Page

CHROMIUM = Path("/usr/bin/chromium")
# A browser that asks nothing of the network on its own (no updates, no sync, no QUIC probes), in a fresh profile.
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
READY_TIMEOUT_MS = 20_000


@dataclass
class Site:
    base: str  # http://127.0.0.1:<port>/
    origin: str


@contextlib.contextmanager
def serve(db: Path) -> Iterator[Site]:
    """The API (create_app) over the store at `db`, served by uvicorn on a free loopback port."""
    import uvicorn

    store = open_store(str(db))
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


@dataclass
class Watch:
    """What a page did that it must not: console errors, uncaught exceptions, requests to another origin."""

    origin: str = ""  # the only origin the tab may ask anything of (the site it was sent to)
    errors: list[str] = field(default_factory=list)
    foreign: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)

    def assert_clean(self) -> None:
        assert self.errors == [], f"console errors: {self.errors}"
        assert self.foreign == [], f"requests off the origin: {self.foreign}"


def open_page(page: tuple[Page, Watch], site: Site, fragment: str = "") -> Page:
    """The page of `site` loaded (its data too) in the tab, which may ask nothing of any other origin."""
    tab, watch = page
    watch.origin = site.origin
    tab.goto(site.base + fragment)
    tab.wait_for_selector("html[data-state]", timeout=READY_TIMEOUT_MS)
    assert tab.evaluate("document.documentElement.dataset.state") == "ready", tab.inner_text("#status")
    return tab


def ids(tab: Page, selector: str) -> list[str]:
    """The cluster ids of the nodes a selector finds (a map shape names all it stands for), sorted."""
    return sorted(tab.eval_on_selector_all(
        selector, "nodes => nodes.flatMap(n => (n.dataset.clusterIds || n.dataset.clusterId).split(' '))"))


def text_of_role(tab: Page, role: str) -> str:
    """The article text the reader marked with a role, its pieces joined (a span cut by another stays whole)."""
    return tab.eval_on_selector_all(f'#reader-text [data-roles~="{role}"]',
                                    "nodes => nodes.map(n => n.textContent).join('')")


def wait_for_ids(tab: Page, selector: str, expected: list[str]) -> None:
    """Wait until the nodes of `selector` are those of the expected clusters (the filters apply after a pause)."""
    tab.wait_for_function(
        "([selector, expected]) => JSON.stringify([...document.querySelectorAll(selector)]"
        ".map(n => n.dataset.clusterId || n.dataset.claim).sort()) === JSON.stringify(expected)",
        arg=[selector, sorted(expected)])



# The countries (world-atlas names) whose outline holds the middle of a cluster's mark on the map.
COUNTRIES_AT_MARK = """id => {
  const mark = document.querySelector(`#map path[data-cluster-ids~="${id}"]`);
  const box = mark.getBoundingClientRect();
  const x = box.x + box.width / 2, y = box.y + box.height / 2;
  return [...document.querySelectorAll('#map path.country')].filter(path => {
    const point = new DOMPoint(x, y).matrixTransform(path.getScreenCTM().inverse());
    return path.isPointInFill(point);
  }).map(path => path.dataset.country);
}"""
# A node's box on the screen: [x, y, width, height].
BOX = "node => { const b = node.getBoundingClientRect(); return [b.x, b.y, b.width, b.height]; }"
# The boxes of two nodes measured at once (the map may be moving between two calls).
BOXES = """([a, b]) => [a, b].map(s => {
  const r = document.querySelector(s).getBoundingClientRect(); return [r.x, r.y, r.width, r.height];
})"""
