"""RSS and Atom feeds: one article per entry, HTML content read by the HTML reader, metadata from the feed."""

from __future__ import annotations

import gzip
from pathlib import Path

from sitroom.ingest import read_paths
from sitroom.ingest.feed import read_feed
from sitroom.model import Article, IngestError, Skipped

BODY = (
    "<p>The regional administration said on Sunday that two people were wounded when a drone hit a bus stop.</p>"
    "<p>Emergency services said the fire was put out within an hour and the street was reopened.</p>"
)

RSS = f"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>
<title>Example Wire</title><link>https://example.com</link><description>news</description>
<item><title>Drone hits bus stop</title><link>https://example.com/a?utm_source=rss</link>
<pubDate>Sun, 13 Oct 2024 18:20:00 +0300</pubDate><author>desk@example.com (Desk)</author>
<description>Short summary only.</description>
<content:encoded><![CDATA[{BODY}]]></content:encoded></item>
<item><title>Second</title><link>https://example.com/b</link>
<description>&lt;p&gt;Officials said the evacuation of three villages near the border would continue this week.&lt;/p&gt;</description></item>
<item><title>Empty</title><link>https://example.com/c</link></item>
</channel></rss>"""

ATOM = f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Atom News</title><id>urn:x</id><updated>2024-10-14T00:00:00Z</updated>
<entry><title>Atom entry</title><id>urn:x:1</id><link href="https://example.org/1"/>
<updated>2024-10-14T06:00:00Z</updated><published>2024-10-14T05:00:00Z</published>
<content type="html"><![CDATA[{BODY}]]></content></entry></feed>"""


def test_rss_entries() -> None:
    items = list(read_feed(RSS.encode(), source="f.rss"))
    first, second, empty = items
    assert isinstance(first, Article) and isinstance(second, Article)
    assert first.title == "Drone hits bus stop" and first.outlet == "Example Wire"
    assert first.published == "2024-10-13T15:20:00+00:00"
    assert first.text.startswith("The regional administration said") and "Emergency services" in first.text
    assert "\n\n" in first.text
    assert first.source_format == "feed" and first.source_path == "f.rss#1"
    assert second.text.startswith("Officials said the evacuation")
    assert isinstance(empty, IngestError) and empty.reason == "missing_text"


def test_atom_entry() -> None:
    (entry,) = list(read_feed(ATOM.encode(), source="f.atom"))
    assert isinstance(entry, Article)
    assert (entry.title, entry.outlet, entry.url) == ("Atom entry", "Atom News", "https://example.org/1")
    assert entry.published == "2024-10-14T05:00:00+00:00"


def test_broken_xml_is_malformed_feed() -> None:
    (error,) = list(read_feed(b"<?xml version='1.0'?><rss><channel><title>x</titl", source="b.rss"))
    assert isinstance(error, IngestError) and error.reason == "malformed_feed"


def test_feed_without_entries_is_skipped() -> None:
    empty = b"<?xml version='1.0'?><rss version='2.0'><channel><title>x</title></channel></rss>"
    (item,) = list(read_feed(empty, source="e.rss"))
    assert isinstance(item, Skipped) and item.reason == "empty_feed"


def test_gzipped_feed_file_and_sniffed_format(tmp_path: Path) -> None:
    (tmp_path / "news.xml.gz").write_bytes(gzip.compress(ATOM.encode()))
    (tmp_path / "no_extension").write_bytes(RSS.encode())
    items = list(read_paths([tmp_path]))
    assert [(Path(i.source_path).name.split("#")[0], i.title) for i in items if isinstance(i, Article)] == [
        ("news.xml.gz", "Atom entry"),
        ("no_extension", "Drone hits bus stop"),
        ("no_extension", "Second"),
    ]


FALLBACKS = (
    "<iframe src='https://video.example.com/1'>Your browser does not support iframes. Watch the video here.</iframe>"
    "<noscript>Please enable JavaScript to view the comments powered by Disqus.</noscript>"
    "<video src='v.mp4'>Your browser does not support the video tag.</video>"
)


def test_iframe_and_noscript_fallback_text_never_reaches_the_article() -> None:
    """Finding 4d: the text a browser shows only without frames or scripts was kept in feed entries."""
    first = "<p>Officials said the strike hit the square on Monday and that buses would leave from the station.</p>"
    for body in (first + FALLBACKS + "<p>More about the buses.</p>", BODY + FALLBACKS):
        rss = RSS.replace(BODY, body)
        entry = next(iter(read_feed(rss.encode(), source="f.rss")))
        assert isinstance(entry, Article)
        assert "browser" not in entry.text and "JavaScript" not in entry.text, entry.text
        assert entry.text.endswith(("More about the buses.", "the street was reopened."))


def test_feed_with_bad_bytes_is_read_as_utf8_with_u_fffd() -> None:
    damaged = RSS.encode().replace(b"bus stop.</p>", b"bus st\xffp.</p>")
    entry = next(iter(read_feed(damaged, source="f.rss")))
    assert isinstance(entry, Article) and "bus st\ufffdp." in entry.text
    assert (entry.decoding, entry.replaced_bytes) == ("utf-8", 1)
    cp1252 = RSS.replace("utf-8", "windows-1252").replace("bus stop", "caf\u00e9 \u2013 bus stop").encode("cp1252")
    entry = next(iter(read_feed(cp1252, source="f.rss")))
    assert isinstance(entry, Article) and "caf\u00e9 \u2013 bus stop" in entry.text and entry.decoding == "cp1252"
