"""The page's files without a browser: everything it loads is in the package, nothing inline, no other host.

These hold where Chromium is absent (the browser tests then skip): a missing vendored file, an inline handler or a
CDN address fails here first.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

STATIC = Path(__file__).resolve().parents[2] / "src" / "sitroom" / "web" / "static"
OWN_SCRIPTS = sorted(STATIC.glob("*.js"))
# import ... from "./x.js" / export ... from "./x.js" / new URL("./x", import.meta.url)
MODULE_REFERENCE = re.compile(r"""(?:\bfrom\s*|new URL\(\s*)["'](\.{1,2}/[^"']+)["']""")
# Writing markup from strings: the page builds DOM from text nodes only.
MARKUP_SINKS = re.compile(r"\.(?:innerHTML|outerHTML)\s*=|insertAdjacentHTML|document\.write|\beval\(|new Function\(")


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.references: list[str] = []
        self.inline_scripts = 0
        self.handlers: list[str] = []
        self.styles = 0
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        self.handlers += [f"{tag} {name}" for name, _ in attrs if name.startswith("on")]
        self.styles += tag == "style" or "style" in values
        if tag == "script":
            self._in_script = True
            if values.get("src"):
                self.references.append(values["src"] or "")
        if tag == "link" and values.get("href"):
            self.references.append(values["href"] or "")

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._in_script = False

    def handle_data(self, data: str) -> None:
        if self._in_script and data.strip():
            self.inline_scripts += 1


def _page() -> _Page:
    parser = _Page()
    parser.feed((STATIC / "index.html").read_text(encoding="utf-8"))
    return parser


def test_the_page_has_no_inline_script_style_or_handler():
    page = _page()
    assert page.inline_scripts == 0
    assert page.handlers == []
    assert page.styles == 0
    html = (STATIC / "index.html").read_text(encoding="utf-8")
    assert "script-src 'self'" in html  # its own policy, besides the server's header


def test_everything_the_page_loads_is_packaged_and_same_origin():
    page = _page()
    assert page.references, "index.html loads nothing?"
    for reference in page.references:
        assert not re.match(r"^[a-z]+:|^//", reference), f"{reference}: another origin"
        assert reference.startswith("static/"), reference
        assert (STATIC / reference.removeprefix("static/")).is_file(), f"{reference} is not in the package"
    for script in OWN_SCRIPTS:
        text = script.read_text(encoding="utf-8")
        references = MODULE_REFERENCE.findall(text)
        for reference in references:
            assert (script.parent / reference).resolve().is_file(), f"{script.name}: {reference} is missing"
    app = (STATIC / "app.js").read_text(encoding="utf-8")
    assert './vendor/leaflet/leaflet-src.esm.js' in (STATIC / "map.js").read_text(encoding="utf-8")
    assert 'from "./map.js"' in app


def test_own_scripts_write_no_markup_and_name_no_host():
    assert {s.name for s in OWN_SCRIPTS} >= {"app.js", "api.js", "claims.js", "map.js", "reader.js", "timeline.js"}
    for script in OWN_SCRIPTS:
        code = "\n".join(line for line in script.read_text(encoding="utf-8").splitlines()
                         if not line.lstrip().startswith("//"))
        assert not MARKUP_SINKS.search(code), f"{script.name} writes markup from a string"
        assert not re.search(r"https?://", code.replace("http://www.w3.org/2000/svg", "")), \
            f"{script.name} names a host"


def test_vendored_packages_keep_their_licences():
    vendor = STATIC / "vendor"
    packages = sorted(p.name for p in vendor.iterdir() if p.is_dir())
    assert packages == ["i18n-iso-countries", "leaflet", "topojson-client", "world-atlas"]
    for package in packages:
        licence = (vendor / package / "LICENSE").read_text(encoding="utf-8")
        assert "Permission" in licence or "Redistribution" in licence, package
    leaflet = (vendor / "leaflet" / "leaflet-src.esm.js").read_text(encoding="utf-8")
    assert 'var version = "1.9.4"' in leaflet
    readme = (vendor / "README.md").read_text(encoding="utf-8")
    for package in packages:
        assert f"| {package} |" in readme, f"{package} is not described in vendor/README.md"
