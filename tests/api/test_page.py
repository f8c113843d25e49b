"""The web page is served when its folder exists (index.html at /, the rest under /static), and every reply
carries the security headers: a Content-Security-Policy without inline scripts, nosniff."""

from __future__ import annotations

from pathlib import Path

from fastapi.testclient import TestClient

from api_ledger import ClientFactory


def _page(folder: Path) -> Path:
    (folder / "js").mkdir(parents=True)
    (folder / "index.html").write_text("<!doctype html><title>sitroom</title><script src='/static/js/app.js'></script>")
    (folder / "js" / "app.js").write_text("console.log('sitroom');")
    return folder


def test_the_page_and_its_assets_are_served_from_the_folder(make_client: ClientFactory, tmp_path: Path) -> None:
    client = make_client(static_dir=str(_page(tmp_path / "static")))
    index = client.get("/")
    assert index.status_code == 200 and index.headers["content-type"].startswith("text/html")
    assert "<title>sitroom</title>" in index.text
    script = client.get("/static/js/app.js")
    assert script.status_code == 200 and "javascript" in script.headers["content-type"]
    missing = client.get("/static/js/nothing.js")
    assert missing.status_code == 404 and missing.headers["content-type"] == "application/json"


def test_without_a_page_folder_only_the_api_is_there(make_client: ClientFactory, tmp_path: Path) -> None:
    client = make_client(static_dir=str(tmp_path / "absent"))
    assert client.get("/").status_code == 404 and client.get("/static/app.js").status_code == 404
    assert client.get("/api/counts").status_code == 200


def test_every_reply_carries_the_security_headers(make_client: ClientFactory, tmp_path: Path) -> None:
    client = make_client(static_dir=str(_page(tmp_path / "static")))
    for path in ("/", "/static/js/app.js", "/api/claims", "/api/articles/nosuch", "/openapi.json"):
        headers = client.get(path).headers
        policy = headers["content-security-policy"]
        script_src = next(d for d in policy.split(";") if d.strip().startswith("script-src"))
        assert "'self'" in script_src and "unsafe-inline" not in script_src and "unsafe-eval" not in policy, path
        assert "object-src 'none'" in policy and "frame-ancestors 'none'" in policy
        assert headers["x-content-type-options"] == "nosniff", path
        assert headers["x-frame-options"] == "DENY"


def test_article_text_comes_as_json_data_never_as_a_page(client: TestClient) -> None:
    reply = client.get("/api/articles/seed")
    assert reply.headers["content-type"] == "application/json"
    assert "<script>alert(1)</script>" in reply.json()["text"]  # kept as the words it is; the page renders text


def test_cors_is_off_unless_origins_are_configured(make_client: ClientFactory) -> None:
    origin = {"Origin": "https://elsewhere.example"}
    assert "access-control-allow-origin" not in make_client().get("/api/counts", headers=origin).headers
    allowed = make_client(cors_origins=["https://elsewhere.example"]).get("/api/counts", headers=origin)
    assert allowed.headers["access-control-allow-origin"] == "https://elsewhere.example"
