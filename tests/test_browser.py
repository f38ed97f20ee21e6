"""End to end, in a real headless Chromium (Debian's `chromium`, driven by Playwright) over the
app served by uvicorn from a database of the bundled samples: each page shows the record with
no console error and its own scripts running under the CSP, the timeline filters through its
form, a source link on the board opens the reader on its highlighted span, and the as-of day
changes the board. A full-page screenshot of each is kept in test-artifacts/screenshots/.

`make test` installs chromium where it can; without it these tests skip, but fail under CI=true
(CI must run them)."""

from __future__ import annotations

import os
import shutil
import socket
import threading
import time
from datetime import date
from pathlib import Path

import pytest
import uvicorn
from typer.testing import CliRunner

from truceline.cli import app as cli
from truceline.records import Claim, Document, Record
from truceline.store import Store, database_url
from truceline.web import create_app

try:
    from playwright.sync_api import expect, sync_playwright
except ImportError:  # the browser fixture says what is missing
    sync_playwright = None

ROOT = Path(__file__).resolve().parents[1]
SCREENSHOTS = ROOT / "test-artifacts" / "screenshots"
CHROMIUM = Path("/usr/bin/chromium")
# Without the background-networking flags Chromium's own connections fail on a closed network.
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
VIEWPORT = {"width": 1280, "height": 800}
PAUSE_STATEMENT = "1e6b783bb8e6b0d6"  # the README's example: the 27 November 2023 extension of the pause
# A second report of the pause's released hostages on a later day: the samples report each
# figure on one day only, and the figures page charts a figure with two days or more.
LATER_TEXT = "Hamas has released 60 hostages since the pause began, mediators said on Tuesday."
LATER_CLAIM_END = LATER_TEXT.index(",")
LATER_REPORT = Record(
    document=Document(id="0a1b2c3d4e5f6071", source="https://example.org/2023/11/28/pause-holds",
                      title="Hostage releases continue as the pause holds", published=date(2023, 11, 28),
                      publisher="Example Wire", original_source=None, language="en", text=LATER_TEXT),
    claims=(Claim("released", 60, None, "hostages", None, date(2023, 11, 28), "mediators",
                  LATER_TEXT[:LATER_CLAIM_END], 0, LATER_CLAIM_END),))


def missing_browser() -> str | None:
    if sync_playwright is None:
        return "the playwright package is missing: pip install -e '.[test]'"
    if not CHROMIUM.exists():
        return f"{CHROMIUM} is missing: `make test` installs Debian's chromium as root, or apt-get install chromium"
    return None


@pytest.fixture(scope="module")
def browser():
    reason = missing_browser()
    if reason:
        if os.environ.get("CI", "").lower() in ("true", "1"):
            pytest.fail(f"CI must run the browser tests: {reason}", pytrace=False)
        pytest.skip(reason)
    shutil.rmtree(SCREENSHOTS, ignore_errors=True)  # this run's screenshots only
    SCREENSHOTS.mkdir(parents=True)
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="module")
def samples_db(tmp_path_factory) -> str:
    """The bundled samples ingested as `make demo` does, and the later report."""
    db = tmp_path_factory.mktemp("browser") / "samples.db"
    result = CliRunner().invoke(cli, ["ingest", str(ROOT / "samples"), "--db", str(db)],
                                env={"TRUCELINE_DATABASE_URL": None, "TRUCELINE_API_TOKEN": None})
    assert result.exit_code == 0, result.output
    url = database_url(str(db))
    with Store(url, create=False) as store:
        assert store.add(LATER_REPORT)
    return url


@pytest.fixture(scope="module")
def base_url(samples_db):
    """The app served by uvicorn in a thread, on a port the OS picked, until the module ends."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    server = uvicorn.Server(uvicorn.Config(create_app(samples_db), log_level="warning"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [listener]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        assert thread.is_alive() and time.monotonic() < deadline, "the server did not start"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{listener.getsockname()[1]}"
    server.should_exit = True
    thread.join(10)
    listener.close()


@pytest.fixture
def page(browser, base_url):
    """A fresh tab; the test fails if the page logged an error (a CSP refusal is one)."""
    context = browser.new_context(base_url=base_url, viewport=VIEWPORT)
    tab = context.new_page()
    tab.set_default_timeout(10_000)
    errors: list[str] = []
    tab.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    tab.on("pageerror", lambda error: errors.append(str(error)))
    yield tab
    context.close()
    assert not errors, f"the browser logged errors: {errors}"


def screenshot(page, name: str, full_page: bool = True) -> None:
    page.screenshot(path=SCREENSHOTS / f"{name}.png", full_page=full_page)


def pager_total(page) -> int:
    """The list's length, from the pager's "1–50 of 102 items"."""
    return int(page.locator(".pager span").first.inner_text().split(" of ")[-1].split()[0])


def assert_fits_the_window(page) -> None:
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), "scrolls sideways"


PAGES = [
    ("board", "/", ["Agreements", "Qatar, Egypt", "Hamas, Israel", "extended"]),
    ("timeline", "/timeline", ["Afghanistan → Taliban", "RETREAT"]),
    ("network", "/network", ["Who did what to whom", "United States", "SUPPORT", "Abdel Fattah el-Sisi"]),
    ("figures", "/figures", ["released: hostages", "over 50", "mediators"]),
    ("document", f"/documents/{PAUSE_STATEMENT}",
     ["Statement from President Joe Biden on Extension of Humanitarian Pause in Gaza",
      "more than 50 hostages have now been released", "released: over 50 hostages"]),
    ("search", "/search?q=humanitarian+pause", ["“humanitarian pause”",
                                                "Readout of President Biden’s Call with President Abdel Fattah"]),
    ("documents", "/documents", ["Taliban say they freed US, Australian hostages",
                                 "Hostage releases continue as the pause holds"]),
]


def test_the_api_reference_works_offline_under_the_csp(page):
    response = page.goto("/docs")
    assert "default-src 'self'" in response.headers["content-security-policy"]
    page.locator(".opblock").first.wait_for()  # Swagger UI drew the operations from /openapi.json
    operations = page.locator(".opblock-summary-path").all_inner_texts()
    assert {"/api/agreements", "/api/timeline", "/api/state"} <= set(operations)
    screenshot(page, "api-docs")


@pytest.mark.parametrize(("name", "path", "shown"), PAGES, ids=[name for name, _, _ in PAGES])
def test_each_page_shows_the_record(page, name, path, shown):
    response = page.goto(path)
    assert response.status == 200 and "default-src 'self'" in response.headers["content-security-policy"]
    text = page.locator("main").inner_text()
    for expected in shown:
        assert expected in text, expected
    assert_fits_the_window(page)
    screenshot(page, name)


def test_figures_chart_is_drawn_by_the_apps_own_scripts(page):
    page.goto("/figures?kind=released")
    canvas = page.locator("figure.chart canvas")
    expect(canvas).to_have_count(1)  # the released hostages: 50 on the 27th, 60 on the 28th
    expect(canvas).to_be_visible()
    drawn = canvas.evaluate("""canvas => Chart.getChart(canvas) !== undefined && canvas.getContext('2d')
        .getImageData(0, 0, canvas.width, canvas.height).data.some((value, i) => i % 4 === 3 && value > 0)""")
    assert drawn, "Chart.js did not draw the series"
    screenshot(page, "figures-chart")


def test_network_graph_arrows_open_their_rows(page):
    page.goto("/network")
    arcs = page.locator("figure.graph a")
    assert arcs.count() >= 5
    first = arcs.first
    title = first.locator("title").text_content()  # "United States SUPPORT Israel: 3 events"
    first.dispatch_event("click")  # arcs cross: a click at the centre of its box may land on another
    row = page.locator("tr:target")
    expect(row).to_be_visible()
    source, type, target = row.locator("td").all_inner_texts()[:3]
    assert title.startswith(f"{source} {type} {target}: ")
    page.locator("figure.graph").screenshot(path=SCREENSHOTS / "network-graph.png")


def test_timeline_pager_counts_the_items_the_database_holds(page, samples_db):
    with Store(samples_db, create=False) as store:
        _, total = store.merged_timeline(limit=1)
    page.goto("/timeline")
    assert f"of {total} items" in page.locator("main").inner_text()
    assert total > 50  # more than the first page


def test_documents_pager_counts_the_documents_the_database_holds(page, samples_db):
    with Store(samples_db, create=False) as store:
        _, total = store.document_list(limit=1)
    page.goto("/documents")
    assert f"1–{total} of {total} documents" in page.locator("main").inner_text()  # one page holds them
    assert page.locator("table.documents tbody a").count() == total


def test_timeline_axis_zooms_into_a_period(page):
    page.goto("/timeline")
    everything = pager_total(page)
    bars = page.locator("figure.axis a").all()
    busiest = max(bars, key=lambda bar: float(bar.locator("rect.bar").get_attribute("height")))
    busiest.dispatch_event("click")
    page.wait_for_url("**since=*")
    since, until = (page.locator(f"form.filters input[name={name}]").input_value() for name in ("since", "until"))
    zoomed = pager_total(page)
    assert 0 < zoomed < everything
    assert all(since <= row["date"] <= until for row in timeline_rows(page))
    assert page.locator("figure.axis a").count() > 1  # the period, in finer bars
    screenshot(page, "timeline-zoomed", full_page=False)


def timeline_rows(page) -> list[dict[str, str]]:
    return page.locator("table.timeline tbody tr").evaluate_all("""rows => rows.map(row => ({
        date: row.querySelector('td.date').innerText,
        who: row.querySelector('.who')?.innerText ?? '',
        type: row.querySelector('.event-type')?.innerText ?? '',
    }))""")


TIMELINE_FILTERS = {
    "actor": ({"Actor": "Hamas"}, lambda row: "Hamas" in row["who"]),
    "type": ({"Event type": "CONSULT"}, lambda row: row["type"] == "CONSULT"),
    "dates": ({"Since": "2023-11-01", "Until": "2023-11-30"}, lambda row: "2023-11-01" <= row["date"] <= "2023-11-30"),
}


@pytest.mark.parametrize("name", TIMELINE_FILTERS)
def test_timeline_filters_through_its_form(page, name):
    fields, keeps = TIMELINE_FILTERS[name]
    page.goto("/timeline")
    everything = pager_total(page)
    form = page.locator("main form.filters")
    for label, value in fields.items():
        field = form.get_by_label(label)
        if field.evaluate("field => field.tagName") == "SELECT":
            field.select_option(value)  # a choice from the list, with its count
        else:
            field.fill(value)
    with page.expect_navigation():
        form.get_by_role("button", name="Filter").click()
    rows = timeline_rows(page)
    assert rows and 0 < pager_total(page) < everything
    assert all(keeps(row) for row in rows), [row for row in rows if not keeps(row)]
    for label, value in fields.items():
        expect(form.get_by_label(label)).to_have_value(value)  # the form shows the filter it applied
    screenshot(page, f"timeline-by-{name}")


def test_board_source_link_opens_the_reader_on_its_span(page):
    """A status stated deep in a long text (the first change whose span starts past the first
    5,000 characters): the reader must scroll to it."""
    agreements = page.request.get("/api/agreements?limit=500").json()["items"]
    agreement, change = next((a, c) for a in agreements for c in a["history"] if c["source"]["start"] > 5000)
    source = change["source"]
    span = f"span-{source['start']}-{source['end']}"
    page.goto("/")
    history = page.locator(f'[id="agreement-{agreement["id"]}"] ol.history li').filter(has_text=change["status"])
    history.locator("a.src").click()
    page.wait_for_url(f"**/documents/{source['document_id']}#{span}")
    mark = page.locator(f'[id="{span}"]')
    expect(mark).to_be_visible()
    expect(mark).to_be_in_viewport()
    assert page.evaluate("window.scrollY") > 0, "the reader did not scroll to the span"
    assert " ".join(mark.inner_text().split()) == " ".join(source["text"].split())
    assert mark.evaluate("mark => mark.matches(':target') && getComputedStyle(mark).outlineStyle === 'solid'")
    screenshot(page, "reader-at-span", full_page=False)  # what the click shows


def test_board_card_opens_its_agreement_page(page):
    page.goto("/")
    link = page.locator(".card h2.name a").first
    name = link.inner_text()
    link.click()
    page.wait_for_url("**/agreements/**")
    expect(page.locator("h1")).to_have_text(name)
    expect(page.locator("table.mentions tbody tr").first).to_be_visible()
    screenshot(page, "agreement-page")


def test_board_source_links_stay_inside_their_cards(page):
    page.goto("/")
    sticking_out = page.locator(".card a.src").evaluate_all("""links => links.filter(link => {
        const card = link.closest('.card'), style = getComputedStyle(card);
        const contentRight = card.getBoundingClientRect().right - parseFloat(style.paddingRight)
            - parseFloat(style.borderRightWidth);
        return link.getBoundingClientRect().right > contentRight + 0.5;
    }).map(link => link.innerText)""")
    assert not sticking_out, f"source links run into their card's margin: {sticking_out}"


def test_as_of_day_in_the_header_changes_the_board(page):
    page.goto("/")
    everything = pager_total(page)
    page.locator("header form.as-of input[name=as_of]").fill("2023-11-22")
    with page.expect_navigation():
        page.get_by_role("button", name="Show").click()
    assert page.url.endswith("/?as_of=2023-11-22")
    expect(page.locator("h1")).to_have_text("Agreements as known on 2023-11-22")
    assert 0 < pager_total(page) < everything
    pause = page.locator("article.card").filter(has_text="Qatar, Egypt")
    expect(pause.locator("header .status")).to_have_text("agreed")  # extended only on the 27th
    days = page.locator("article.card time").all_inner_texts()
    assert days and max(days) <= "2023-11-22", "the board shows a change reported later"
    screenshot(page, "board-as-of-2023-11-22")


# Every page at a phone's width and a wide screen's: nothing scrolls sideways, and a screenshot of each.
WIDTHS = (400, 1400)
SCREENS = [
    ("board", "/", "article.card"),
    ("timeline", "/timeline", "table.timeline"),
    ("network", "/network", "figure.graph"),
    ("figures", "/figures", "section.fact"),
    ("series", "/figures/series?kind=released&subject=hostages", "figure.chart canvas"),
    ("actor", "/actors/Hamas", "table.roles"),
    ("document", f"/documents/{PAUSE_STATEMENT}", "article.document"),
    ("search", "/search?q=qatar", "ol.hits"),
    ("documents", "/documents", "table.list"),
    ("map", "/map", "figure.map circle.place"),
    ("facets", "/timeline?mode=asserted", "main form.filters"),
]


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize(("name", "path", "shown"), SCREENS, ids=[name for name, _, _ in SCREENS])
def test_each_page_is_usable_at_phone_and_desktop_width(browser, base_url, name, path, shown, width):
    context = browser.new_context(base_url=base_url, viewport={"width": width, "height": 900})
    tab = context.new_page()
    try:
        assert tab.goto(path).status == 200
        expect(tab.locator(shown).first).to_be_visible()
        assert_fits_the_window(tab)
        box = tab.locator(shown).first.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= width + 1, f"{shown} runs past the window"
        screenshot(tab, f"{name}-{width}")
    finally:
        context.close()


def test_actor_page_links_its_agreements_and_counterparts(page):
    page.goto("/actors/Hamas")
    expect(page.locator("h1")).to_have_text("Hamas")
    agreements = page.locator("ul.agreements li")
    assert agreements.count() >= 1 and "party" in agreements.first.inner_text()
    page.locator("ul.agreements a.actor", has_text="Qatar").first.click()
    page.wait_for_url("**/actors/Qatar")
    assert "mediator" in page.locator("ul.agreements").inner_text()


def test_facets_filter_the_board_by_a_counted_status(page):
    page.goto("/")
    select = page.locator("main form.filters select[name=status]")
    label = select.locator("option[value=extended]").inner_text()  # "extended (2)"
    count = int(label.split("(")[1].rstrip(")"))
    select.select_option("extended")
    with page.expect_navigation():
        page.locator("main form.filters").get_by_role("button", name="Filter").click()
    assert page.locator("article.card").count() == count
    screenshot(page, "board-by-status")


def test_series_chart_draws_totals_and_increments_each_sourced(page):
    page.goto("/figures/series?kind=released&subject=hostages")
    canvas = page.locator("figure.chart canvas")
    expect(canvas).to_be_visible()
    datasets = canvas.evaluate("canvas => Chart.getChart(canvas).data.datasets.map(d => [d.type, d.data.length])")
    assert datasets == [["line", 2], ["bar", 1]]  # two running totals (2 Americans, over 50) and "four more"
    assert page.locator("table.series tbody tr a.src").count() == page.locator("table.series tbody tr").count()



def test_map_country_opens_its_events_on_the_timeline(page):
    page.goto("/map?type=AGREE")
    egypt = page.locator('figure.map a[data-country="EGY"]')
    expect(egypt).to_be_visible()
    events = int(page.locator("#country-EGY td.num a").first.inner_text())
    with page.expect_navigation():
        egypt.click()
    assert "country=EGY" in page.url and "type=AGREE" in page.url
    assert pager_total(page) == events > 0
    assert page.locator("main form.filters select[name=country] option:checked").inner_text() == f"EGY ({events})"
    screenshot(page, "map-to-timeline")


def test_map_place_opens_its_figures(page):
    page.goto("/map?conflict=Israel–Hamas")
    gaza = page.locator('figure.map a[data-place="Gaza"]')
    expect(gaza).to_be_visible()
    figures = int(page.locator("table.places tr", has_text="Gaza").locator("td.num a").inner_text())
    with page.expect_navigation():
        gaza.click()
    assert "location=Gaza" in page.url and "conflict=Israel" in page.url
    assert page.locator("section.fact").count() == figures > 0
    expect(page.locator("main form.filters input[name=location]")).to_have_value("Gaza")


def test_timeline_facets_filter_by_a_counted_mode_and_country(page):
    page.goto("/timeline")
    form = page.locator("main form.filters")
    label = form.locator("select[name=mode] option[value=proposed]").inner_text()  # "proposed (18)"
    form.locator("select[name=mode]").select_option("proposed")
    with page.expect_navigation():
        form.get_by_role("button", name="Filter").click()
    assert pager_total(page) == int(label.split("(")[1].rstrip(")"))
    country = form.locator("select[name=country] option:not([value=''])").first
    code, label = country.get_attribute("value"), country.inner_text()
    form.locator("select[name=country]").select_option(code)
    with page.expect_navigation():
        form.get_by_role("button", name="Filter").click()
    assert pager_total(page) == int(label.split("(")[1].rstrip(")"))
    assert {r["type"] for r in timeline_rows(page)} and "mode=proposed" in page.url
    screenshot(page, "timeline-by-facets")
