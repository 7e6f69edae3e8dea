"""Browser tests: Playwright for Python driving Debian's headless Chromium.

The dashboard, article and event pages are loaded from a real uvicorn server on
127.0.0.1; any request to another host fails the test (everything must be served
locally). Screenshots go to docs/screenshots/ for the README.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from testkit import ROOT
from testkit.web import WINDOW, LiveServer

pytestmark = pytest.mark.browser

CHROMIUM = "/usr/bin/chromium"
SCREENSHOTS = ROOT / "docs" / "screenshots"
LAUNCH_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]


def _apt_install() -> str | None:
    """Install Debian's chromium with apt; return why it could not be done, or None."""
    if shutil.which("apt-get") is None:
        return "apt-get is not available on this machine"
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    install = ["apt-get", "install", "-y", "-q", "chromium"]
    if subprocess.run(install, env=env, capture_output=True).returncode != 0:
        subprocess.run(["apt-get", "update", "-q"], env=env, capture_output=True)
        result = subprocess.run(install, env=env, capture_output=True, text=True)
        if result.returncode != 0:
            return f"apt-get install chromium failed: {result.stderr.strip()[-300:]}"
    return None if Path(CHROMIUM).exists() else f"{CHROMIUM} missing after apt-get install"


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """Debian's Chromium (installed with apt where missing) driven by Playwright."""
    from playwright import sync_api
    if not Path(CHROMIUM).exists():
        reason = _apt_install()
        if reason:
            pytest.skip(f"no Chromium for browser tests: {reason}")
    with sync_api.sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
        yield chromium
        chromium.close()


class Watched:
    """A page plus everything it did that a test must check: dialogs, errors, requests."""

    def __init__(self, browser: Any, base_url: str) -> None:
        self.context = browser.new_context(viewport={"width": 1400, "height": 1000},
                                           base_url=base_url)
        self.page = self.context.new_page()
        self.dialogs: list[str] = []
        self.errors: list[str] = []
        self.foreign: list[str] = []
        self.page.on("dialog", self._dialog)
        self.page.on("pageerror", lambda exc: self.errors.append(str(exc)))
        self.page.on("console", self._console)
        self.context.route("**/*", self._route)
        self.base_url = base_url

    def _dialog(self, dialog: Any) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def _console(self, msg: Any) -> None:
        if msg.type == "error":
            self.errors.append(msg.text)

    def _route(self, route: Any) -> None:
        url = route.request.url
        if url.startswith(self.base_url) or url.startswith("data:"):
            route.continue_()
        else:  # the pages must work offline: nothing may come from elsewhere
            self.foreign.append(url)
            route.abort()

    def wait_loaded(self, previous: str | None = None) -> None:
        """Wait until the dashboard has rendered a newer response than ``previous``."""
        try:
            self.page.wait_for_function(
                "prev => document.body.dataset.loaded && document.body.dataset.loaded !== prev",
                arg=previous or "",
                timeout=15_000,
            )
        except Exception as exc:
            raise AssertionError(f"dashboard did not load: errors={self.errors}") from exc


@pytest.fixture
def watched(browser: Any, live_server: LiveServer) -> Iterator[Watched]:
    w = Watched(browser, live_server.url)
    yield w
    w.context.close()
    assert not w.foreign, f"pages asked for outside resources: {w.foreign}"


def places_on_map(page: Page) -> int:
    """Places the map shows: single markers plus the places each cluster holds."""
    return page.evaluate("""() => [...document.querySelectorAll('svg#map circle.marker')]
        .reduce((n, c) => n + Number(c.dataset.places || 1), 0)""")


def rows(w: Watched) -> list[str]:
    return w.page.locator("#events-body tr").all_inner_texts()


def test_dashboard_filters_update_map_timeline_table(watched: Watched) -> None:
    w = watched
    page = w.page
    page.goto("/")
    w.wait_loaded()
    page.wait_for_selector("svg#map[data-basemap=ready]")
    assert page.locator("svg#map path.country").count() > 150
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "dashboard.png"))

    # The hand-written articles' window (the bundled samples lie outside it).
    page.goto(f"/?since={WINDOW['since']}&until={WINDOW['until']}")
    w.wait_loaded()
    assert places_on_map(page) == 4
    assert page.locator("svg#timeline rect.bar").count() == 4
    # Each bar is stacked by event type: the segments add up to the events of the view.
    segments = page.locator("svg#timeline rect.seg")
    assert {segments.nth(i).get_attribute("data-type") for i in range(segments.count())} == {
        "ASSAULT", "CONSULT", "PROTEST"}
    assert len(rows(w)) == 5
    # The default minimum confidence (0.3) keeps the protest (0.45); 0.5 hides it everywhere.
    assert page.locator("select[name=min_confidence]").input_value() == "0.3"
    assert page.locator("#events-body tr", has_text="students").locator(
        "td.confidence").inner_text() == "0.45"
    page.select_option("select[name=min_confidence]", "0.5")
    expect(page.locator("#match-count")).to_have_text("4 matching events")
    assert not any("students" in r for r in rows(w))
    assert places_on_map(page) == 3
    assert page.locator("svg#timeline rect.bar").count() == 3
    assert "min_confidence=0.5" in page.url
    page.select_option("select[name=min_confidence]", "any")
    expect(page.locator("#match-count")).to_have_text("5 matching events")
    assert "min_confidence=any" in page.url

    page.select_option("select[name=type]", "PROTEST")
    expect(page.locator("#match-count")).to_have_text("1 matching event")
    assert len(rows(w)) == 1 and "students" in rows(w)[0]
    assert places_on_map(page) == 1
    assert page.locator("svg#timeline rect.bar").count() == 1
    assert "type=PROTEST" in page.url

    page.click("#clear-filters")
    page.fill("input[name=since]", WINDOW["since"])
    page.fill("input[name=until]", WINDOW["until"])
    page.fill("input[name=text]", "Bashiqa")
    page.press("input[name=text]", "Enter")
    # Each change re-queries; the page keeps only the newest answer.
    # Full-text search selects articles: both reports of the assault, and the meeting.
    expect(page.locator("#match-count")).to_have_text("3 matching events")
    texts = rows(w)
    assert sorted(t.split("\t")[1].split()[0] for t in texts) == ["ASSAULT", "ASSAULT", "CONSULT"]
    expect(page.locator("svg#map circle.marker").first).to_be_visible()
    assert places_on_map(page) == 2
    assert not w.errors and not w.dialogs


def test_article_highlights_and_event_on_map(watched: Watched, web_db: dict) -> None:
    w = watched
    page = w.page
    page.goto(f"/?type=CONSULT&since={WINDOW['since']}&until={WINDOW['until']}")
    w.wait_loaded()
    page.locator("#events-body tr").first.locator("td.evidence a").click()
    page.wait_for_url(f"**/articles/{web_db['ids']['offensive']}*")
    page.wait_for_selector("svg#map[data-basemap=ready]")
    text = page.locator("#article-text")
    assert text.locator(".hl-place").all_inner_texts() == ["Bashiqa", "Erbil"]
    assert text.locator(".hl-trigger").all_inner_texts() == ["attacked", "met"]
    assert "Ashton Carter" in text.locator(".hl-ent").all_inner_texts()
    assert "progress so far" in text.locator(".hl-quote").first.inner_text()
    cards = page.locator(".event-card")
    assert cards.count() == 2
    # The link pointed at the CONSULT sentence: that event is selected on arrival.
    assert page.locator(".event-card.active").inner_text().startswith("CONSULT")
    cards.nth(0).click()
    active = "".join(page.locator(".hl-evsent.active").all_inner_texts())
    assert active.startswith("Iraqi troops attacked") and active.endswith("officials said.")
    selected = page.locator("svg#map circle.marker.selected")
    assert selected.count() == 1
    assert float(selected.get_attribute("cy") or 0) == pytest.approx(-36.45)
    page.uncheck(".legend input[value=place]")
    assert "hide-place" in (text.get_attribute("class") or "")
    assert not w.errors and not w.dialogs


def test_sample_article_from_real_pipeline(watched: Watched, web_db: dict) -> None:
    """A bundled sample run through the real pipeline renders with its highlights."""
    page = watched.page
    page.goto(f"/articles/{web_db['samples'][0]}")
    page.wait_for_selector("svg#map[data-basemap=ready]")
    text = page.locator("#article-text")
    assert text.locator(".hl-ent").count() > 0
    cards = page.locator(".event-card")
    if cards.count():
        cards.first.click()
        assert page.locator(".hl-evsent.active").count() > 0
    page.screenshot(path=str(SCREENSHOTS / "article.png"))
    assert not watched.errors and not watched.dialogs


def test_event_page_cluster_links_to_sentences(watched: Watched, web_db: dict) -> None:
    w = watched
    page = w.page
    page.goto(f"/?type=ASSAULT&text=Bashiqa&since={WINDOW['since']}&until={WINDOW['until']}")
    w.wait_loaded()
    page.locator("#events-body tr").first.locator("a.badge").click()
    page.wait_for_selector("#reports")
    links = page.locator("#reports td.evidence a")
    assert links.count() == 2
    page.wait_for_selector("svg#map[data-basemap=ready]")
    page.screenshot(path=str(SCREENSHOTS / "event.png"), full_page=True)
    href = links.nth(1).get_attribute("href") or ""
    assert "#s-" in href
    links.nth(1).click()
    page.wait_for_selector(".event-card.active")
    assert page.locator(".hl-evsent.active").count() >= 1
    assert not w.errors and not w.dialogs


def test_script_payloads_never_run(watched: Watched, web_db: dict) -> None:
    w = watched
    page = w.page

    def assert_nothing_ran() -> None:
        assert page.evaluate("typeof window.__pwned") == "undefined"
        assert w.dialogs == []

    page.goto(f"/articles/{web_db['ids']['xss']}")
    page.wait_for_selector("svg#map[data-basemap=ready]")
    body = page.locator("#article-text").inner_text()
    assert "<script>window.__pwned = 1" in body and 'onerror="window.__pwned = 2' in body
    assert page.locator("#article-text img, #article-text script").count() == 0
    assert "<script>" in page.locator("h1").inner_text()
    assert page.locator("a[href^='javascript:']").count() == 0
    page.locator(".event-card").first.click()
    page.locator("svg#map circle.marker").first.hover()
    assert_nothing_ran()

    page.goto(f"/?since={WINDOW['since']}&until={WINDOW['until']}&type=ASSAULT")
    w.wait_loaded()
    assert any("onerror=" in r for r in rows(w))
    page.locator("svg#map circle.marker").first.hover()
    assert_nothing_ran()

    page.locator("#events-body tr", has_text="onerror=").locator("a.badge").click()
    page.wait_for_selector("#reports")
    assert "<script>" in page.locator("#reports").inner_text()
    assert_nothing_ran()

    page.goto("/docs")
    page.wait_for_selector(".swagger-ui .opblock", timeout=20_000)
    page.screenshot(path=str(SCREENSHOTS / "api-docs.png"))
    assert_nothing_ran()


def test_status_sector_exports_quotes_back_and_errors(watched: Watched) -> None:
    w = watched
    page = w.page
    page.goto(f"/?since={WINDOW['since']}&until={WINDOW['until']}&min_confidence=any")
    w.wait_loaded()
    expect(page.locator("#match-count")).to_have_text("5 matching events")
    assert page.locator("select[name=status]").input_value() == "occurred"
    page.select_option("select[name=status]", "negated")
    expect(page.locator("#match-count")).to_have_text("0 matching events")
    assert "status=negated" in page.url
    # Back undoes the filter: the previous view comes back.
    page.go_back()
    expect(page.locator("#match-count")).to_have_text("5 matching events")
    assert page.locator("select[name=status]").input_value() == "occurred"

    page.select_option("select[name=sector]", "GOV")
    expect(page.locator("#match-count")).to_have_text("2 matching events")
    href = page.locator("#export-csv").get_attribute("href") or ""
    assert href.startswith("/api/export?") and "sector=GOV" in href and "format=csv" in href
    assert "status=occurred" in href and f"since={WINDOW['since']}" in href
    exported = page.request.get(href).text()
    assert exported.count("\n") == 3  # header and the two events

    page.fill("input[name=actor]", "Carter")
    expect(page.locator("#quotes li").first).to_contain_text("We are very pleased")
    expect(page.locator("#quotes li").first).to_contain_text("Ashton Carter (USA)")

    # A bad query clears the old results instead of leaving them on screen.
    page.fill("input[name=text]", '"unbalanced')
    page.press("input[name=text]", "Enter")
    expect(page.locator("#error")).to_be_visible()
    expect(page.locator("#events-body tr")).to_have_count(0)
    assert page.locator("#match-count").inner_text() == ""
    # The only console errors are the browser's notes of the expected 400 answers.
    assert not [e for e in w.errors if "status of 400" not in e] and not w.dialogs


def test_dashboard_fits_a_phone(browser: Any, live_server: LiveServer) -> None:
    context = browser.new_context(viewport={"width": 375, "height": 800},
                                  base_url=live_server.url)
    page = context.new_page()
    page.goto(f"/?since={WINDOW['since']}&until={WINDOW['until']}")
    page.wait_for_function("() => document.body.dataset.loaded")
    width = page.evaluate("document.documentElement.scrollWidth")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "dashboard-375.png"), full_page=True)
    context.close()
    assert width <= 375, f"the page is {width} px wide at 375 px"


def test_keyboard_reaches_type_bars_timeline_and_map(watched: Watched) -> None:
    w = watched
    page = w.page
    page.goto(f"/?since={WINDOW['since']}&until={WINDOW['until']}&min_confidence=any")
    w.wait_loaded()
    page.wait_for_selector("svg#map circle.marker")
    # A type row: focus it and press Enter.
    row = page.locator("#types li", has_text="PROTEST")
    row.focus()
    previous = page.evaluate("() => document.body.dataset.loaded")
    page.keyboard.press("Enter")
    w.wait_loaded(previous)
    expect(page.locator("#match-count")).to_have_text("1 matching event")
    assert page.locator("select[name=type]").input_value() == "PROTEST"
    # A map place: Space filters to the events near it.
    previous = page.evaluate("() => document.body.dataset.loaded")
    page.select_option("select[name=type]", "")
    w.wait_loaded(previous)  # the markers of the new view, not those being replaced
    dot = page.locator("svg#map circle.marker:not(.cluster)").first
    assert dot.get_attribute("tabindex") == "0" and dot.get_attribute("aria-label")
    dot.focus()
    previous = page.evaluate("() => document.body.dataset.loaded")
    page.keyboard.press(" ")
    expect(page.locator("input[name=near]")).to_have_value(re.compile(r"^-?[\d.]+,-?[\d.]+,25$"))
    w.wait_loaded(previous)
    assert "near=" in page.url
    # A timeline bar is focusable and Enter sets the date range to its span.
    bar = page.locator("svg#timeline rect.bar").first
    assert bar.get_attribute("tabindex") == "0"
    bar.focus()
    page.keyboard.press("Enter")
    expect(page.locator("input[name=until]")).not_to_have_value(WINDOW["until"])
    assert not w.errors and not w.dialogs


def test_dyad_matrix_cell_filters_the_view(watched: Watched) -> None:
    w = watched
    page = w.page
    page.goto(f"/?since={WINDOW['since']}&until={WINDOW['until']}&min_confidence=any")
    w.wait_loaded()
    cells = page.locator("#dyads td.dyad")
    assert cells.count() >= 1
    label = cells.first.get_attribute("aria-label") or ""
    source, target = label.split(":")[0].split(" to ")
    n = int(label.rsplit(": ", 1)[1].split()[0])
    cells.first.click()
    expect(page.locator("input[name=source_country]")).to_have_value(source)
    expect(page.locator("input[name=target_country]")).to_have_value(target)
    expect(page.locator("#match-count")).to_have_text(
        f"{n} matching event" + ("" if n == 1 else "s"))
    assert f"source_country={source}" in page.url
    assert not w.errors and not w.dialogs


def test_an_actor_name_opens_its_view(watched: Watched) -> None:
    w = watched
    page = w.page
    page.goto(f"/?since={WINDOW['since']}&until={WINDOW['until']}&min_confidence=any")
    w.wait_loaded()
    link = page.locator("#events-body a.actor-link", has_text="Ashton Carter").first
    link.click()
    page.wait_for_url("**actor=Ashton+Carter**")
    w.wait_loaded()  # a new page: its first load
    assert page.locator("input[name=actor]").input_value() == "Ashton Carter"
    texts = rows(w)
    assert texts and all("Ashton Carter" in t for t in texts)
    expect(page.locator("#quotes li").first).to_contain_text("Ashton Carter")
    assert not w.errors and not w.dialogs


def test_map_clusters_nearby_places_and_zooms_into_them(watched: Watched) -> None:
    w = watched
    page = w.page
    page.goto(f"/?since={WINDOW['since']}&until={WINDOW['until']}&min_confidence=any")
    w.wait_loaded()
    page.wait_for_selector("svg#map circle.marker")
    # Fitted to the whole view, places a few km apart share one marker that counts them.
    cluster = page.locator("svg#map circle.marker.cluster").first
    held = int(cluster.get_attribute("data-places") or 0)
    assert held >= 2 and places_on_map(page) == 4
    assert page.locator("svg#map text.cluster-label").first.text_content() == str(held)
    assert "zoom in" in (cluster.get_attribute("aria-label") or "")
    markers = page.locator("svg#map circle.marker").count()
    view = page.locator("svg#map").get_attribute("viewBox")
    cluster.focus()
    page.keyboard.press("Enter")  # zooms in on its places: no filter, no new query
    assert page.locator("svg#map").get_attribute("viewBox") != view
    assert page.locator("svg#map circle.marker").count() > markers
    assert places_on_map(page) == 4 and "near=" not in page.url
    # Countries are shaded by their events and say their count.
    iraq = page.locator("svg#map path.country.has-events", has_text="Iraq")
    assert re.fullmatch(r"Iraq: \d+ events?", iraq.locator("title").text_content() or "")
    assert int(iraq.get_attribute("data-count") or 0) >= 3
    assert not w.errors and not w.dialogs


def test_timeline_spreads_month_and_year_dates(watched: Watched) -> None:
    page = watched.page
    page.goto("/")
    watched.wait_loaded()
    # The bucketing the dashboard draws with, on a summary the API could answer.
    got = page.evaluate("""() => {
        const summary = {
          timeline: [{day: "2016-01-01", count: 3}, {day: "2016-03-15", count: 1},
                     {day: "2017-06-01", count: 1}],
          timeline_types: {"2016-01-01": {ASSAULT: 3}, "2016-03-15": {AGREE: 1},
                           "2017-06-01": {AGREE: 1}},
          timeline_periods: {"2016-01-01": {year: {ASSAULT: 2}}},
        };
        const { unit, bars } = window.EventLensTimeline.buckets(summary);
        return { unit, bars: bars.map((b) => [new Date(b.start).toISOString().slice(0, 10),
          b.exact.ASSAULT || 0, b.spread.ASSAULT || 0, b.exact.AGREE || 0]) };
    }""")
    # 18 months: per month; the year-dated ASSAULTs give each month of 2016 2 x its days/366.
    assert got["unit"] == "month" and len(got["bars"]) == 18
    jan, feb, mar = got["bars"][:3]
    assert jan[:2] == ["2016-01-01", 1] and jan[2] == pytest.approx(2 * 31 / 366)
    assert feb[2] == pytest.approx(2 * 29 / 366) and mar[3] == 1
    assert sum(b[2] for b in got["bars"]) == pytest.approx(2)


def test_undated_events_have_a_switch(watched: Watched) -> None:
    w = watched
    page = w.page
    page.goto("/?min_confidence=any&status=any")
    w.wait_loaded()
    dated = page.locator("#match-count").inner_text()
    page.select_option("select[name=undated]", "false")
    w.wait_loaded()
    assert "undated=false" in page.url
    expect(page.locator("#undated")).to_have_text("")
    page.select_option("select[name=undated]", "")
    w.wait_loaded()
    expect(page.locator("#match-count")).to_have_text(dated)
    # The article with no date at all: counted beside the timeline, one click shows it.
    button = page.locator("#undated button")
    expect(button).to_have_text(re.compile(r"^1 undated"))
    button.click()
    expect(page).to_have_url(re.compile("undated=true"))
    expect(page.locator("#match-count")).to_have_text("1 matching event")
    assert "Farmers" in rows(w)[0] or "farmers" in rows(w)[0]
    assert page.locator("select[name=undated]").input_value() == "true"
    expect(page.locator("#timeline-empty")).to_be_visible()
    assert not w.errors and not w.dialogs
