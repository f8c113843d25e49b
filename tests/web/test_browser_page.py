"""The web page in a real browser (Playwright driving Debian's Chromium) over the API and a hand-made ledger.

It loads, draws every event cluster on the timeline and the placed ones on the map at their precision (a point
inside Ukraine's outline, a shaded disc for an oblast, Russia's own outline for "somewhere in Russia"), marks a
claim's source, cue and content in its article when the claim is clicked, shows script-like article text as text
without running it, logs no console error, and asks nothing of any host but its own.
"""

from __future__ import annotations

from collections.abc import Iterator

import page_ledger as ledger
import pytest
from webpage import (
    BOXES, COUNTRIES_AT_MARK, READY_TIMEOUT_MS, Site, ids, open_page, serve, text_of_role, wait_for_ids,
)

E = ledger.EXPECTED


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    """The hand-made ledger behind the API."""
    pytest.importorskip("uvicorn", reason="uvicorn is not installed (the API's server)")
    db = tmp_path_factory.mktemp("web") / "ledger.db"
    ledger.build(str(db))
    with serve(db) as served:
        yield served


def test_timeline_and_map_show_every_cluster_at_its_precision(page, site, tmp_path):
    tab, watch = page
    open_page(page, site)
    assert ids(tab, "#timeline .tl-item") == sorted([E.point, E.region, E.country, E.country2, E.unplaced])
    # A day is a dot; a month ("some day in October") is a bar across the month, not a dot on the 1st.
    assert tab.locator(f'.tl-item[data-cluster-id="{E.point}"] circle').count() == 1
    assert tab.locator(f'.tl-item[data-cluster-id="{E.country}"] rect.tl-span').count() == 1
    # On the map: one point (the town), one shaded disc (the oblast), one shading of Russia for both clusters known
    # only to be there; the unplaced one is not drawn.
    assert ids(tab, "#map path.cluster-point") == [E.point]
    assert ids(tab, "#map path.cluster-region") == sorted([E.region, E.country, E.country2])
    assert tab.locator("#map path.cluster-country").count() == 1
    assert tab.locator(f'#map [data-cluster-ids~="{E.unplaced}"]').count() == 0
    assert "1 with no place (not drawn)" in tab.inner_text("#map-legend")
    # At the right places: Mykhaylivka's point and Kharkiv Oblast's disc inside Ukraine; the "somewhere in Russia"
    # shading is Russia's own outline.
    assert tab.evaluate(COUNTRIES_AT_MARK, E.point) == ["Ukraine"]
    assert tab.evaluate(COUNTRIES_AT_MARK, E.region) == ["Ukraine"]
    point, disc = tab.evaluate(BOXES, [f'#map path[data-cluster-ids="{E.point}"]',
                                       f'#map path[data-cluster-ids="{E.region}"]'])
    assert disc[2] > 3 * point[2], "an oblast is drawn as an area, not a pin"
    shaded, russia = tab.evaluate(BOXES, [f'#map path[data-cluster-ids~="{E.country}"]',
                                          '#map path.country[data-country="Russia"]'])
    assert shaded == pytest.approx(russia, abs=2)
    tab.screenshot(path=str(tmp_path / "page.png"), full_page=True)
    watch.assert_clean()
    assert watch.requests and all(url.startswith(site.origin) for url in watch.requests)


def test_one_country_shading_lists_the_clusters_known_only_by_that_country(page, site):
    tab, watch = page
    open_page(page, site)
    tab.dispatch_event("#map path.cluster-country", "click")
    tab.wait_for_selector("#cluster button.member")
    assert tab.text_content("#cluster h3") == "2 event clusters known only to be somewhere in Russia"
    assert ids(tab, "#cluster button.member") == sorted([E.country, E.country2])
    tab.click(f'#cluster button.member[data-cluster-id="{E.country2}"]')
    tab.wait_for_function("() => document.querySelector('#cluster h3')?.textContent.startsWith('The evacuees')")
    assert "somewhere in this country" not in tab.text_content("#cluster")  # the detail, not the tooltip
    assert "Russia" in tab.text_content("#cluster dd:nth-of-type(3)")
    watch.assert_clean()


def test_clicking_a_claim_marks_its_source_cue_and_content(page, site):
    tab, watch = page
    open_page(page, site)
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
    open_page(page, site)
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


def test_filters_narrow_the_timeline_the_map_and_the_claims(page, site):
    tab, watch = page
    open_page(page, site)
    tab.select_option("#filters select[name=type]", "Battles")
    wait_for_ids(tab, "#timeline .tl-item", [E.point])
    assert ids(tab, "#map path.cluster-point") == [E.point]
    assert ids(tab, "#map path.cluster-region") == []
    tab.click("#filters button[type=reset]")
    wait_for_ids(tab, "#timeline .tl-item", [E.point, E.region, E.country, E.country2, E.unplaced])
    tab.fill("#filters input[name=region]", "kharkiv")
    wait_for_ids(tab, "#timeline .tl-item", [E.region])
    tab.fill("#filters input[name=region]", "russia")  # by the country's name, not only its code
    wait_for_ids(tab, "#timeline .tl-item", [E.country, E.country2])
    tab.fill("#filters input[name=since]", "2024-10-13")
    tab.fill("#filters input[name=region]", "")
    wait_for_ids(tab, "#timeline .tl-item", [E.point, E.unplaced])
    # A minimum confidence: the point (0.8) meets 0.6, the protest (0.45) does not; at 0.5 the oblast's shelling
    # (0.55) and Russia's evacuation (0.6) come back, the shelters (not scored) never do.
    tab.fill("#filters input[name=min_confidence]", "0.6")
    wait_for_ids(tab, "#timeline .tl-item", [E.point])
    tab.fill("#filters input[name=since]", "")
    tab.fill("#filters input[name=min_confidence]", "0.5")
    wait_for_ids(tab, "#timeline .tl-item", [E.point, E.region, E.country])
    assert ids(tab, "#map path.cluster-region") == sorted([E.region, E.country])
    tab.click("#filters button[type=reset]")
    wait_for_ids(tab, "#timeline .tl-item", [E.point, E.region, E.country, E.country2, E.unplaced])
    # Claims by their claim cluster's status: only the Kremlin's denial is in a "denied" cluster. The server filters
    # before it pages (the explorer asks for the status), so a page is never thinned out in the browser.
    with tab.expect_request(lambda request: "/api/claims?" in request.url and "status=denied" in request.url):
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
    open_page(page, site, f"#article=kharkiv01&start={start}&end={start + len(words)}")
    tab.wait_for_selector("#reader-text mark.hl-evidence")
    assert text_of_role(tab, "evidence") == words
    open_page(page, site, f"#claim={E.claim}")
    tab.wait_for_selector("#reader-text mark.hl-content")
    assert text_of_role(tab, "content") == E.claim_content
    open_page(page, site, f"#cluster={E.point}")
    tab.wait_for_selector("#cluster button.member")
    assert "Mykhaylivka" in tab.text_content("#cluster h3")
    assert "Confidence0.80 (how completely its best report tells it" in tab.text_content("#cluster dl.facts")
    title = tab.text_content(f'#timeline .tl-item[data-cluster-id="{E.point}"] title')
    assert title.endswith("· confidence 0.80")
    assert tab.locator(f'#timeline .tl-item.selected[data-cluster-id="{E.point}"]').count() == 1
    watch.assert_clean()


def test_the_policy_refuses_inline_script(page, site):
    tab, watch = page
    watch.origin = site.origin
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
