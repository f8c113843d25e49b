"""HTML pages: main text and metadata through trafilatura, captions kept and marked, no invented dates."""

from __future__ import annotations

import html as html_lib
from pathlib import Path

import pytest

from sitroom.ingest.html import read_html
from sitroom.model import Article

# The mission's article (../shared/eval/seed), bundled as a fixture.
SEED = Path(__file__).resolve().parents[1] / "fixtures" / "seed" / "article.txt"
needs_seed = pytest.mark.skipif(not SEED.exists(), reason=f"the mission's seed article is not at {SEED}")

PARAGRAPHS = [
    "Officials in the region said on Tuesday that the main bridge over the river had been destroyed overnight.",
    "Residents described hearing several explosions shortly after midnight, followed by a long silence.",
    "The regional governor said repairs would take weeks and that a temporary crossing would be built.",
    "Aid groups warned that villages on the far bank could be cut off from food deliveries for days.",
]


def page(body: str, head: str = "") -> str:
    return f"<!DOCTYPE html><html><head><title>Bridge destroyed</title>{head}</head><body><article>{body}</article></body></html>"


def paragraphs(items: list[str]) -> str:
    return "".join(f"<p>{html_lib.escape(p)}</p>" for p in items)


def seed_page(raw: str) -> str:
    """The seed article as a news page would carry it: the photo caption (line 3) in a <figure>."""
    lines = raw.split("\n")
    body = [line for line in lines[4:] if line.strip()]
    figure = f'<figure><img src="x.jpg"><figcaption>{html_lib.escape(lines[2])}</figcaption></figure>'
    return page(f"<h1>{html_lib.escape(lines[0])}</h1>{figure}{paragraphs(body)}")


@needs_seed
def test_seed_as_html_marks_the_caption() -> None:
    raw = SEED.read_text(encoding="utf-8")
    article = read_html(seed_page(raw).encode("utf-8"), source="seed.html")
    assert isinstance(article, Article), article
    caption_line = raw.split("\n")[2]
    assert [c.text for c in article.captions] == [caption_line]
    (caption,) = article.captions
    assert caption.kind == "caption"
    assert article.text[caption.start : caption.end] == caption.text
    assert article.text.index(caption_line) < article.text.index("Ukrainian President Volodymyr Zelenskiy claims")
    assert article.credits == ["AFP", "dpa", "Reuters"]
    assert "SEE ALSO" not in article.text and "click here" not in article.text
    assert article.title == raw.split("\n")[0]


def test_caption_outside_the_main_text_is_left_out() -> None:
    stray = '<aside><figure><img src="a.jpg"><figcaption>An advertisement picture of a sofa on sale</figcaption></figure></aside>'
    article = read_html(page(paragraphs(PARAGRAPHS)) + stray, source="p.html")
    assert isinstance(article, Article)
    assert article.captions == []
    assert "sofa" not in article.text


def test_metadata_date_author_and_site() -> None:
    head = (
        '<meta property="article:published_time" content="2024-10-14T08:00:00+00:00">'
        '<meta name="author" content="Jane Doe"><meta property="og:site_name" content="Example News">'
        '<meta property="og:title" content="Bridge destroyed overnight">'
    )
    article = read_html(page(paragraphs(PARAGRAPHS), head), source="p.html", url="https://example.com/a")
    assert isinstance(article, Article)
    assert article.published is not None and article.published.startswith("2024-10-14")
    assert (article.author, article.outlet, article.title) == ("Jane Doe", "Example News", "Bridge destroyed overnight")
    assert article.url == "https://example.com/a"
    assert article.source_format == "html"
    assert article.text.split("\n\n") == PARAGRAPHS


def test_no_date_is_invented_from_a_copyright_year() -> None:
    footer = "<footer><p>© 2019 Example News. All rights reserved.</p></footer>"
    article = read_html(page(paragraphs(PARAGRAPHS)) + footer, source="p.html")
    assert isinstance(article, Article)
    assert article.published is None


def test_declared_charset_is_honoured() -> None:
    head = '<meta charset="windows-1251">'
    russian = "<p>Киев сообщил о новых ударах по энергетике и призвал к помощи союзников.</p>"
    text = page(paragraphs(PARAGRAPHS) + russian, head)
    article = read_html(text.encode("windows-1251"), source="p.html", check_language=False)
    assert isinstance(article, Article)
    assert "Киев" in article.text


def test_page_without_main_text() -> None:
    result = read_html(page("<nav><a href='/'>Home</a></nav>"), source="p.html")
    assert not isinstance(result, Article)
    assert result.reason == "missing_text"


def test_not_html() -> None:
    result = read_html(b"just words, no markup at all", source="p.html")
    assert not isinstance(result, Article)
    assert result.reason == "malformed_html"


def test_gzipped_and_extensionless_pages(tmp_path: Path) -> None:
    import gzip

    from sitroom.ingest import read_paths

    (tmp_path / "a.htm.gz").write_bytes(gzip.compress(page(paragraphs(PARAGRAPHS)).encode()))
    (tmp_path / "b").write_text(page(paragraphs(PARAGRAPHS[:2])), encoding="utf-8")
    items = list(read_paths([tmp_path]))
    assert all(isinstance(i, Article) and i.source_format == "html" for i in items)
    assert [len(i.text.split("\n\n")) for i in items if isinstance(i, Article)] == [4, 2]


def test_iframe_noscript_and_media_fallback_text_is_not_article_text() -> None:
    fallbacks = (
        "<iframe src='https://video.example.com/1'>Your browser does not support iframes.</iframe>"
        "<noscript><p>Please enable JavaScript to view the comments powered by Disqus.</p></noscript>"
        "<object data='a.swf'>Install Flash to see this animation.</object>"
        "<audio src='a.mp3'>Your browser does not support the audio element.</audio>"
    )
    for precision in (False, True):
        for body in (paragraphs(PARAGRAPHS[:1]) + fallbacks, paragraphs(PARAGRAPHS[:2]) + fallbacks + paragraphs(PARAGRAPHS[2:])):
            result = read_html(page(body), source="p.html", favor_precision=precision)
            assert isinstance(result, Article)
            assert PARAGRAPHS[0] in result.text
            for word in ("browser", "JavaScript", "Flash"):
                assert word not in result.text, result.text


def test_html_mojibake_is_repaired_and_counted() -> None:
    broken = PARAGRAPHS[1].replace("long silence.", "long silence \u00e2\u20ac\u201c and then sirens.")
    result = read_html(page(paragraphs([PARAGRAPHS[0], broken, *PARAGRAPHS[2:]])).encode(), source="p.html")
    assert isinstance(result, Article)
    assert "long silence \u2013 and then sirens." in result.text and result.repaired_mojibake == 1
    assert result.decoding == "utf-8"
