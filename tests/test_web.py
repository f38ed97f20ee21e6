"""The web app and JSON API over a database of the bundled samples (ingested once, as `make
demo` does): every endpoint with its paging, filters, as-of day and errors; posting with and
without the token; each page showing real content; and a hostile article that runs nothing."""

from __future__ import annotations

import csv
import html
import io
import json
import re
from datetime import date
from pathlib import Path

import pytest
import sqlalchemy as sa
from fastapi.testclient import TestClient
from sqlalchemy.engine import make_url
from typer.testing import CliRunner

from truceline.cli import app as cli
from truceline.records import Actor, Agreement, Claim, Document, Event, Record
from truceline.storage.schema import agreement_threads, events, merged_agreements, merged_events
from truceline.store import Store, database_url
from truceline.web import create_app
from truceline.web import queries, worldmap

from conftest import DATABASES, database_maker

ROOT = Path(__file__).resolve().parents[1]
TOKEN = "test-token-4f1c"
PAUSE_STATEMENT = "1e6b783bb8e6b0d6"  # the README's example: the 27 November 2023 extension of the pause
runner = CliRunner()


def cli_run(*args: str):
    return runner.invoke(cli, list(args), env={"TRUCELINE_DATABASE_URL": None, "TRUCELINE_API_TOKEN": None})


@pytest.fixture(scope="module")
def samples_sqlite(tmp_path_factory) -> str:
    db = tmp_path_factory.mktemp("web") / "samples.db"
    result = cli_run("ingest", str(ROOT / "samples"), "--db", str(db))
    assert result.exit_code == 0, result.output
    return database_url(str(db))


@pytest.fixture(scope="module", params=DATABASES)
def samples_db(request, samples_sqlite, tmp_path_factory) -> str:
    """The samples ingested into SQLite, and copied record by record into PostgreSQL."""
    if request.param == "sqlite":
        return samples_sqlite
    return copy_of(samples_sqlite, tmp_path_factory.mktemp("web"), request, request.param)


@pytest.fixture(scope="module")
def client(samples_db) -> TestClient:
    """Read-only: no token."""
    with TestClient(create_app(samples_db)) as test_client:
        yield test_client


def copy_of(url: str, folder: Path, request: pytest.FixtureRequest, kind: str | None = None) -> str:
    """A copy of a database in a new one of its kind (or of `kind`), e.g. for tests that write:
    the records stored again one by one."""
    to = database_maker(kind or make_url(url).get_backend_name(), folder, request)()
    with Store(url, create=False) as source, Store(to) as copy:
        for record in source.records():
            copy.add(record)
    return to


def items(client: TestClient, path: str) -> list[dict]:
    response = client.get(path)
    assert response.status_code == 200, response.text
    return response.json()["items"]


def assert_error(response, status: int, field: str | None = None) -> dict:
    body = response.json()
    assert response.status_code == status
    assert body["ok"] is False and body["status"] == status and body["error"]
    assert "\n" not in body["error"]
    if field:
        assert body["errors"][0]["field"] == field and body["error"].startswith(f"{field}: ")
    return body


# JSON API


def test_api_agreements_shows_the_november_2023_pause_with_its_history_and_mediators(client):
    agreements = items(client, "/api/agreements?limit=500")
    [pause] = [a for a in agreements if a["kind"] == "pause" and a["status"] == "extended"]
    assert {"Hamas", "Israel"} <= set(pause["parties"]) and "Qatar" in pause["mediators"]
    # the calls for a pause before it name no party: another thread (merge.choose_thread)
    assert [change["status"] for change in pause["history"]] == ["agreed", "in_force", "extended"]
    assert all(change["source"]["document_id"] for change in pause["history"])
    opened = [a["open"] for a in agreements]
    assert opened == sorted(opened, reverse=True), "open agreements come first"


def test_api_agreements_as_of_shows_what_was_known_then(client):
    agreements = items(client, "/api/agreements?as_of=2023-11-22&limit=500")
    assert agreements and all(a["first_reported"] <= "2023-11-22" for a in agreements)
    [pause] = [a for a in agreements if a["kind"] == "pause" and "Qatar" in a["mediators"]]
    assert pause["status"] == "agreed" and pause["open"]  # the extension came on the 27th


def test_api_agreements_filter_by_status(client):
    extended = items(client, "/api/agreements?status=extended")
    assert extended and {a["status"] for a in extended} == {"extended"}
    assert all(a["open"] for a in items(client, "/api/agreements?status=open&as_of=2023-11-30"))


def test_api_pages_cover_the_list_once(client):
    whole = client.get("/api/events?limit=500").json()
    pages = [client.get(f"/api/events?limit=7&offset={offset}").json() for offset in range(0, whole["total"], 7)]
    assert all(page["total"] == whole["total"] and page["limit"] == 7 for page in pages)
    assert [e for page in pages for e in page["items"]] == whole["items"]
    assert len(pages[0]["items"]) == 7 and whole["total"] > 7
    assert client.get(f"/api/events?offset={whole['total']}").json()["items"] == []


def test_api_timeline_filters_by_actor_type_and_dates(client):
    hamas = items(client, "/api/timeline?actor=hamas&limit=500")
    assert hamas and all("Hamas" in (row.get("parties", []) + row.get("mediators", []) +
                                     [row.get("source_canonical"), row.get("target_canonical")]) for row in hamas)
    consults = items(client, "/api/timeline?type=CONSULT&limit=500")
    assert consults and {(row["item"], row["type"]) for row in consults} == {("event", "CONSULT")}
    window = items(client, "/api/timeline?since=2023-11-01&until=2023-11-30&limit=500")
    assert window and all("2023-11-01" <= row["when"] <= "2023-11-30" for row in window)
    assert {"agreement", "event"} == {row["item"] for row in window}


@pytest.mark.parametrize("filters", [{}, {"actor": "Hamas"}, {"event_type": "CONSULT"},
                                     {"since": date(2023, 11, 20), "until": date(2023, 11, 30)}])
def test_timeline_axis_counts_every_item_once(client, filters):
    """The bars and the items outside the documents' period add up to the list's total."""
    store = client.app.state.store
    drawn = queries.timeline_axis(store, since=filters.get("since"), until=filters.get("until"),
                                  actor=filters.get("actor"), type=filters.get("event_type"))
    _, total = store.merged_timeline(None, 0, filters.get("actor"), filters.get("event_type"),
                                     filters.get("since"), filters.get("until"))
    assert sum(b.events + b.changes for b in drawn.bins) + drawn.outside == total > 0
    assert all(a.end < b.start for a, b in zip(drawn.bins, drawn.bins[1:]))
    if "since" in filters:  # ten days: a bar per day, each zooming into its own day
        assert drawn.unit == "day" and len(drawn.bins) == 11
        page = client.get("/timeline?since=2023-11-20&until=2023-11-30").text
        assert 'href="?since=2023-11-24&amp;until=2023-11-24"' in page


def test_api_timeline_sources_are_spans_the_reader_marks(client):
    rows = items(client, "/api/timeline?since=2023-11-01&until=2023-11-30&limit=500")
    for row in rows:
        page = client.get(f"/documents/{row['document_id']}").text
        assert f'id="span-{row["start"]}-{row["end"]}"' in page


def test_api_network_edges_are_weighted_groups_of_events(client, monkeypatch):
    edges = items(client, "/api/network?limit=500")
    assert [e["weight"] for e in edges] == sorted((e["weight"] for e in edges), reverse=True)
    assert all(e["weight"] == len(e["events"]) for e in edges)
    assert all(ev["source"]["canonical"] == e["source"] and ev["target"]["canonical"] == e["target"]
               and ev["type"] == e["type"] for e in edges for ev in e["events"])
    targeted = [e for e in items(client, "/api/events?limit=500") if e["target"]]
    assert sum(e["weight"] for e in edges) == len(targeted)
    assert ("United States", "Israel", "SUPPORT") in {(e["source"], e["target"], e["type"]) for e in edges}
    monkeypatch.setattr(queries, "EDGE_EVENTS", 1)  # an edge lists only its most reported events
    for edge, listed in zip(edges, items(client, "/api/network?limit=500")):
        assert listed["weight"] == edge["weight"] and len(listed["events"]) == 1
        assert listed["events"][0]["reports"] == max(e["reports"] for e in edge["events"])


def test_api_facts_and_events_take_filters(client):
    released = items(client, "/api/facts?kind=released")
    assert {f["kind"] for f in released} == {"released"}
    assert any(fig["value"] == 50 and fig["qualifier"] == "over" for f in released for fig in f["figures"])
    late = items(client, "/api/events?actor=Hamas&since=2024-01-01&limit=500")
    assert late and all(e["date"] >= "2024-01-01" and "Hamas" in (e["source"]["canonical"],
                        (e["target"] or {}).get("canonical")) for e in late)
    assert all(e["date"] <= "2023-11-22" for e in items(client, "/api/events?as_of=2023-11-22&limit=500"))


def test_api_documents_list_and_record(client):
    listed = client.get("/api/documents?limit=5").json()
    assert listed["total"] == 13 and len(listed["items"]) == 5 and "text" not in listed["items"][0]
    record = client.get(f"/api/documents/{PAUSE_STATEMENT}").json()
    assert record["title"] == "Statement from President Joe Biden on Extension of Humanitarian Pause in Gaza"
    assert any(c["kind"] == "released" and c["value"] == 50 for c in record["claims"])
    assert client.get("/api/documents?as_of=2023-11-22").json()["total"] < 13


def test_api_search_finds_words_and_gives_plain_snippets(client):
    found = client.get("/api/search?q=humanitarian+pause").json()
    assert found["total"] >= 2
    assert "Humanitarian Pause" in found["items"][0]["title"] or "humanitarian pause" in found["items"][0]["snippet"]
    assert all("humanitarian" in hit["snippet"].lower() and "\x02" not in hit["snippet"] for hit in found["items"])
    assert client.get('/api/search?q="unbalanced (quote').json()["total"] == 0  # user text is not FTS5 syntax
    assert client.get("/api/search?q=humanitarian&as_of=2023-11-10").json()["total"] < found["total"] + 10


def test_search_without_fts_falls_back_to_like(request, samples_db, tmp_path):
    url = copy_of(samples_db, tmp_path, request)
    with Store(url, create=False) as store:
        with_fts = {hit["id"] for hit in store.search("Qatar Egypt", 50)[0]}
        with store.engine.begin() as conn:
            conn.exec_driver_sql("DROP TABLE documents_fts")
        hits, total = store.search("Qatar Egypt", 50)
    assert len(with_fts) > 1 and {hit["id"] for hit in hits} == with_fts and total == len(hits)
    assert all("\x02" in hit["snippet"] for hit in hits)  # matches marked, as FTS5 marks them


def test_api_state_lists_open_agreements_on_the_day(client):
    state = client.get("/api/state?as_of=2023-11-25").json()
    assert state["day"] == "2023-11-25"
    assert any(a["kind"] == "pause" and "Qatar" in a["mediators"] for a in state["agreements"])
    facts = client.get("/api/state?as_of=2023-11-25&limit=2&offset=1").json()["facts"]
    assert (facts["limit"], facts["offset"], len(facts["items"])) == (2, 1, 2) and facts["total"] > 3


# Errors: one shape


def test_api_errors_have_one_shape(client):
    assert_error(client.get("/api/documents/0000000000000000"), 404)
    assert_error(client.get("/api/agreements?as_of=2023-13-01"), 422, "as_of")
    assert "YYYY-MM-DD" in client.get("/api/timeline?since=yesterday").json()["error"]
    assert_error(client.get("/api/events?limit=501"), 422, "limit")
    assert_error(client.get("/api/events?offset=-1"), 422, "offset")
    assert_error(client.get("/api/nothing-here"), 404)


@pytest.mark.parametrize("path, field", [
    ("/api/timeline?until=9999-12-31", "until"),  # was a 500: the axis's month after it is year 10000
    ("/api/agreements?as_of=0001-01-01", "as_of"),
    ("/api/events?offset=99999999999999999999", "offset"),  # was a 500: SQLite's integers end at 2^63
    ("/api/facts?limit=-1", "limit"),
])
def test_api_days_and_offsets_out_of_range_are_422_never_500(client, path, field):
    assert "YYYY-MM-DD" in assert_error(client.get(path), 422, field)["error"] or field in ("offset", "limit")
    page = client.get(path.replace("/api/", "/").replace("/agreements", "/").replace("/events", "/timeline")
                      .replace("/facts", "/figures"))
    assert page.status_code == 422 and "text/html" in page.headers["content-type"]


@pytest.mark.parametrize("q", ['"', "AND", "NEAR(", "a*b", "Gaza\x00", "\x02Gaza\x03", "x" * 5000])
def test_api_search_takes_any_words_never_fts_syntax_or_a_500(client, q):
    response = client.get("/api/search", params={"q": q})
    assert response.status_code == 200, response.text
    assert all("\x02" not in hit["snippet"] for hit in response.json()["items"])


@pytest.mark.parametrize("path, field, valid", [
    ("/api/facts?kind=kiled", "kind", "'killed'"),
    ("/api/agreements?kind=armistice", "kind", "'ceasefire'"),
    ("/api/agreements?status=opened", "status", "'open'"),
    ("/api/events?type=DEMAND", "type", "'REQUEST'"),
    ("/api/events?mode=real", "mode", "'asserted'"),
    ("/api/timeline?type=fight", "type", "'ASSAULT'"),
])
def test_api_a_value_outside_its_choices_is_a_422_listing_them(client, path, field, valid):
    body = assert_error(client.get(path), 422, field)
    assert valid in body["error"]


def test_api_event_types_are_read_in_any_case(client):
    assert {e["type"] for e in items(client, "/api/events?type=consult&limit=500")} == {"CONSULT"}


def test_api_internal_error_has_the_shape_too(samples_db, monkeypatch):
    app = create_app(samples_db)

    def broken(**_filters):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(app.state.store, "facts", broken)
    with TestClient(app, raise_server_exceptions=False) as failing:
        body = assert_error(failing.get("/api/facts"), 500)
        assert "RuntimeError" in body["error"] and "disk on fire" not in body["error"]
        page = failing.get("/figures")
        assert page.status_code == 500 and "text/html" in page.headers["content-type"]
        for response in (failing.get("/api/facts"), page):  # answered outside the middleware, headers too
            assert response.headers["X-Content-Type-Options"] == "nosniff"
            assert "script-src 'self'" in response.headers["Content-Security-Policy"]


def test_pages_show_errors_as_a_page(client):
    missing = client.get("/documents/0000000000000000")
    assert missing.status_code == 404 and "text/html" in missing.headers["content-type"]
    assert "No document &#39;0000000000000000&#39; is stored" in missing.text
    bad_day = client.get("/timeline?since=2023-02-30")
    assert bad_day.status_code == 422 and "write it as YYYY-MM-DD" in bad_day.text


# Posting


def test_post_is_refused_without_a_configured_token(client):
    body = assert_error(client.post("/api/documents", json={"text": "A ceasefire.", "url": "https://x.test/1"}), 403)
    assert "--token" in body["error"]


def test_post_with_the_token_ingests_once(request, samples_db, tmp_path):
    article = {"url": "https://example.org/2023/11/30/truce", "title": "Truce extended again", "date": "2023-11-30",
               "text": "Qatar announced on Thursday that Israel and Hamas agreed to extend the truce in Gaza by "
                       "one more day. The zebrafinch negotiators met in Doha."}
    with TestClient(create_app(copy_of(samples_db, tmp_path, request), token=TOKEN)) as writer:
        for headers in ({}, {"Authorization": "Bearer wrong"}):
            refused = writer.post("/api/documents", json=article, headers=headers)
            assert_error(refused, 401)
            assert refused.headers["www-authenticate"] == "Bearer"
        auth = {"Authorization": f"Bearer {TOKEN}"}
        posted = writer.post("/api/documents", json=article, headers=auth)
        assert posted.status_code == 201, posted.text
        [document_id] = posted.json()["added"]
        [hit] = writer.get("/api/search?q=zebrafinch").json()["items"]
        assert hit["id"] == document_id and hit["title"] == "Truce extended again"
        before = writer.get("/api/documents").json()["total"]
        again = writer.post("/api/documents", json=article, headers=auth)
        assert again.status_code == 200 and again.json()["present"] == [document_id] and not again.json()["added"]
        assert writer.get("/api/documents").json()["total"] == before == 14
        assert_error(writer.post("/api/documents", content=b"  ", headers=auth), 422)


def test_a_posted_document_is_in_the_merged_tables_when_the_post_returns(request, samples_db, tmp_path):
    url = copy_of(samples_db, tmp_path, request)
    article = {"url": "https://example.org/2023/12/02/truce", "title": "Truce talks", "date": "2023-12-02",
               "text": "Qatar said on Saturday that Israel and Hamas agreed to a new three-day humanitarian pause "
                       "in Gaza. Israeli forces struck Khan Younis on Saturday."}
    with TestClient(create_app(url, token=TOKEN)) as writer:
        posted = writer.post("/api/documents", json=article, headers={"Authorization": f"Bearer {TOKEN}"})
        assert posted.status_code == 201, posted.text
        [document_id] = posted.json()["added"]
    with Store(url, create=False) as store, store.engine.connect() as conn:
        threads = set(conn.scalars(sa.select(agreement_threads.c.thread_id)
                                   .where(agreement_threads.c.document_id == document_id)))
        keys = set(conn.scalars(sa.select(events.c.merge_key).where(events.c.document_id == document_id)))
        assert threads and keys  # the text states an agreement and an event
        assert threads <= set(conn.scalars(sa.select(merged_agreements.c.id)))
        assert keys <= set(conn.scalars(sa.select(merged_events.c.id)))


# Pages


@pytest.mark.parametrize(("path", "shown"), [
    ("/", ["Agreements", 'Qatar</a>, <a class="actor" href="/actors/Egypt">Egypt</a>', "extended", "open"]),
    ("/?status=extended", ['Hamas</a>, <a class="actor" href="/actors/Israel">Israel</a>', 'Qatar</a>, <a class="actor" href="/actors/Egypt">Egypt</a>']),
    ("/timeline?actor=Taliban", ['Afghanistan</a> → <a class="actor" href="/actors/Taliban">Taliban</a>', "RETREAT",
                                 "nypost-taliban-hostage-swap"]),
    ("/network", ["United States", "SUPPORT", "Israel"]),
    ("/figures?kind=released", ["over 50", "released"]),
    ("/documents", ["Statement from President Joe Biden on Extension of Humanitarian Pause in Gaza"]),
    (f"/documents/{PAUSE_STATEMENT}", ['<mark id="span-192-236" class="claim"', "released: over 50 hostages",
                                       'href="https://bidenwhitehouse.archives.gov/']),
    ("/search?q=humanitarian+pause", ["<mark>humanitarian</mark> <mark>pause</mark>"]),
])
def test_pages_show_the_record(client, path, shown):
    response = client.get(path)
    assert response.status_code == 200 and "text/html" in response.headers["content-type"]
    for text in shown:
        assert text in response.text, text
    assert "default-src 'self'" in response.headers["content-security-policy"]


def test_pages_take_the_as_of_day(client):
    page = client.get("/?as_of=2023-11-22").text
    assert 'value="2023-11-22"' in page and "as known on 2023-11-22" in page
    assert "2024-11-26" not in page  # nothing reported later
    assert 'href="/timeline?as_of=2023-11-22"' in page


def test_figures_page_loads_its_scripts_from_the_app(client):
    page = client.get("/figures").text
    assert 'src="/static/vendor/chart.umd.min.js"' in page and 'src="/static/charts.js"' in page
    assert "new Chart(" in client.get("/static/charts.js").text
    assert client.get("/static/vendor/chart.umd.min.js").status_code == 200


def test_api_docs_and_the_cli_get(client, samples_db):
    assert "/api/agreements" in client.get("/openapi.json").json()["paths"]
    docs = client.get("/docs")
    assert 'src="/static/api-docs.js"' in docs.text and "<script>" not in docs.text  # no inline script
    assert "SwaggerUIBundle" in client.get("/static/swagger-ui/swagger-ui-bundle.js").text
    result = cli_run("serve", "--db", str(samples_db), "--get", "/api/documents?limit=1")
    assert result.exit_code == 0 and '"total":13' in result.stdout
    assert cli_run("serve", "--db", str(samples_db), "--get", "/api/documents/nope").exit_code == 1


# A hostile article


HOSTILE_TEXT = ('Hamas and Israel agreed to a ceasefire <script>alert("text")</script> today. '
                '<img src=x onerror="alert(1)"> <a href="javascript:alert(2)" onclick="alert(3)">more</a> '
                "</script><script>alert(4)</script> At least 12 people were killed. " + "A" * 200_000)
HOSTILE_SUBJECT = "people</script><script>alert(11)</script>"


def hostile_document(document_id: str, published: date, text: str) -> Document:
    return Document(id=document_id, source="javascript:alert(7)", title='<script>alert("title")</script> Truce',
                    published=published, publisher='<b onmouseover="alert(8)">Publisher</b>',
                    original_source="javascript:alert(9)", language="en", text=text,
                    flags=('<script>alert("flag")</script>',))


def hostile_figure(text: str, value: int, day: date) -> Claim:
    start = text.index(f"At least {value} people")
    return Claim("killed", value, "at least", HOSTILE_SUBJECT, None, day, None, text[start:start + 18], start,
                 start + 18)


def hostile_records() -> list[Record]:
    """An article whose every field is hostile, and a later one revising its figure (so that the
    figures page draws a chart of hostile data)."""
    day, next_day = date(2023, 11, 25), date(2023, 11, 26)
    end = HOSTILE_TEXT.index(" today.") + len(" today.")
    side = Actor('Hamas<img src=x onerror="alert(5)">', "Hamas<script>alert(6)</script>", None, "armed_group")
    later = "At least 15 people were killed, officials said </script><script>alert(12)</script>."
    return [
        Record(document=hostile_document("badbadbadbadbad0", day, HOSTILE_TEXT), actors=(side,),
               events=(Event("AGREE", "asserted", side, None, day, HOSTILE_TEXT[:end], 0, end),),
               claims=(hostile_figure(HOSTILE_TEXT, 12, day),),
               agreements=(Agreement("ceasefire", ("Hamas<script>alert(10)</script>", "Israel"), (), (), "agreed",
                                     day, None, None, (), (), (), HOSTILE_TEXT[:end], 0, end),)),
        Record(document=hostile_document("badbadbadbadbad1", next_day, later),
               claims=(hostile_figure(later, 15, next_day),)),
    ]


def assert_runs_nothing(html: str) -> None:
    scripts = re.findall(r"<script\b[^>]*>", html, re.IGNORECASE)
    assert all(re.fullmatch(r'<script (src="/static/[\w./]+" defer|type="application/json" class="series")>', s)
               for s in scripts), scripts
    assert not re.search(r"<[^>]*\son[a-z]+\s*=", html, re.IGNORECASE), "an event-handler attribute"
    assert not re.search(r"""href\s*=\s*["']?\s*javascript:""", html, re.IGNORECASE)


@pytest.fixture(scope="module")
def hostile_pages(request, samples_db, tmp_path_factory) -> dict[str, str]:
    url = copy_of(samples_db, tmp_path_factory.mktemp("hostile"), request)
    with Store(url, create=False) as store:
        assert all(map(store.add, hostile_records()))
    with TestClient(create_app(url)) as reader:
        responses = {path: reader.get(path) for path in (
            "/documents/badbadbadbadbad0", "/?as_of=2023-11-25", "/search?q=ceasefire+alert",
            "/timeline?since=2023-11-25&until=2023-11-25", "/network", "/figures?kind=killed", "/documents")}
    assert all(response.status_code == 200 for response in responses.values())
    return {path: response.text for path, response in responses.items()}


def test_a_hostile_article_runs_nothing(hostile_pages):
    for path, html in hostile_pages.items():
        assert_runs_nothing(html)


def test_a_hostile_article_is_shown_escaped(hostile_pages):
    document = hostile_pages["/documents/badbadbadbadbad0"]
    assert "&lt;script&gt;alert(&#34;text&#34;)&lt;/script&gt;" in document
    assert "A" * 200_000 in document and "&lt;/script&gt;&lt;script&gt;alert(4)" in document
    assert "&lt;script&gt;alert(&#34;title&#34;)&lt;/script&gt; Truce" in document
    assert "javascript:alert(7)" in document  # shown as text, never as a link
    assert "Hamas&lt;script&gt;alert(10)&lt;/script&gt;" in hostile_pages["/?as_of=2023-11-25"]
    assert "<mark>ceasefire</mark> &lt;script&gt;<mark>alert</mark>" in hostile_pages["/search?q=ceasefire+alert"]
    assert "Hamas&lt;script&gt;alert(6)&lt;/script&gt;" in hostile_pages["/timeline?since=2023-11-25&until=2023-11-25"]


def test_a_figure_on_two_days_is_charted_from_a_json_block(hostile_pages):
    [block] = re.findall(r'<script type="application/json" class="series">(.*?)</script>',
                         hostile_pages["/figures?kind=killed"], re.DOTALL)
    series = json.loads(block)
    assert series["points"] == [{"x": "2023-11-25", "y": 12}, {"x": "2023-11-26", "y": 15}]
    assert series["label"] == f"killed: {HOSTILE_SUBJECT}"  # intact as data, yet no tag closed the block


def test_source_chips_name_the_site_and_show_the_title_on_hover(client):
    page = client.get("/timeline?since=2023-11-27&until=2023-11-27").text
    chips = re.findall(r'<a class="src" href="/documents/[^"]+" title="([^"]*)">(.*?)</a>', page)
    assert chips
    hover, shown = chips[0]
    assert hover.startswith("Statement from President Joe Biden on Extension of Humanitarian Pause in Gaza&#10;"
                            "https://bidenwhitehouse.archives.gov/")
    assert shown == '<time>2023-11-27</time> <span class="host">bidenwhitehouse.archives.gov</span>'


@pytest.mark.parametrize("path, noun", [
    ("/?status=extended", "agreements"), ("/timeline?since=2023-11-01&until=2023-11-30&limit=5", "items"),
    ("/network?actor=Israel", "edges"), ("/figures?kind=released", "figures"), ("/documents?limit=3", "documents"),
    ("/search?q=hostages", "documents")])
def test_every_list_page_links_csv_and_json_of_all_its_rows(client, path, noun):
    page = client.get(path).text
    shown = re.search(rf"of (\d+) {noun}|(\d+) {noun}</span>", page)
    total = int(shown.group(1) or shown.group(2))
    csv_link, json_link = re.findall(r'<a href="(/api/[^"]+)" download>', page)[:2]
    assert "format=csv" in csv_link and "format=jsonl" in json_link and "offset" not in csv_link
    csv_file = client.get(csv_link.replace("&amp;", "&"))
    assert csv_file.status_code == 200 and csv_file.headers["content-type"].startswith("text/csv")
    assert "attachment" in csv_file.headers["content-disposition"]
    rows = list(csv.DictReader(io.StringIO(csv_file.text)))
    assert len(rows) == total  # every page, not the one shown
    assert not any(cell.startswith(("[{", "{")) for row in rows for cell in row.values())  # flat
    lines = client.get(json_link.replace("&amp;", "&")).text.splitlines()
    assert len(lines) == total and all(json.loads(line) for line in lines)


def test_api_events_as_csv_keeps_the_filters(client):
    response = client.get("/api/events?format=csv&actor=Hamas")
    assert response.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.text)))
    total = client.get("/api/events?actor=Hamas").json()["total"]
    assert len(rows) == total > 0
    assert all("Hamas" in (row["source.canonical"], row.get("target.canonical")) for row in rows)
    assert all(re.fullmatch(r"\d{4}-\d\d-\d\d", row["date"]) for row in rows if row["date"])


def test_series_of_hostages_released_by_date_is_charted_and_sourced(client):
    points = items(client, "/api/series?kind=released&subject=hostages")
    assert [(p["when"], p["value"], p["change"]) for p in points] == [
        ("2023-11-21", 2.0, "total"), ("2023-11-27", 50.0, "total"), ("2025-01-25", 4.0, "increment")]
    assert all(p["document_source"].startswith("https://") and p["title"] for p in points)
    rows = list(csv.DictReader(io.StringIO(client.get("/api/series?kind=released&subject=hostages&format=csv").text)))
    assert [row["when"] for row in rows] == ["2023-11-21", "2023-11-27", "2025-01-25"]
    page = client.get("/figures/series?kind=released&subject=hostages").text
    [block] = re.findall(r'<script type="application/json" class="series">(.*?)</script>', page, re.DOTALL)
    assert [p["change"] for p in json.loads(block)["points"]] == ["total", "total", "increment"]
    assert page.count('<a class="src"') == 3
    assert_error(client.get("/api/series?subject=hostage"), 422, "subject")


def test_actor_page_shows_roles_events_agreements_and_figures(client):
    page = client.get("/actors/Hamas").text
    assert "<h1>Hamas</h1>" in page and "Names and roles over time" in page
    assert re.search(r'<span class="role">party</span> <a href="/#agreement-[^"]+">Israel–Hamas humanitarian pause', page)
    assert '<span class="event-type">ASSAULT</span>' in page
    assert client.get("/actors/Nobody%20at%20all").status_code == 404
    biden = client.get("/actors/Joe%20Biden").text
    assert "President of the United States" in biden  # a role, with when it was held


@pytest.mark.parametrize("path", ["/", "/timeline", "/network", f"/documents/{PAUSE_STATEMENT}"])
def test_actor_names_link_to_their_pages(client, path):
    links = set(re.findall(r'<a class="actor" href="(/actors/[^"?]+)', client.get(path).text))
    assert "/actors/Hamas" in links or "/actors/Israel" in links
    for link in sorted(links)[:3]:
        assert client.get(link).status_code == 200


def test_filters_show_counts(client):
    board = client.get("/").text
    extended = len(items(client, "/api/agreements?status=extended&limit=500"))
    assert f'<option value="extended">extended ({extended})</option>' in board
    timeline = client.get("/timeline?actor=Hamas").text
    assaults = client.get("/api/events?actor=Hamas&type=ASSAULT").json()["total"]
    assert f'<option value="ASSAULT">ASSAULT ({assaults})</option>' in timeline
    assert '<option value="AID">' not in timeline  # none: left out


def test_network_draws_asserted_events_unless_asked(client):
    asserted = client.get("/api/network?mode=asserted&limit=500").json()["total"]
    every = client.get("/api/network?limit=500").json()["total"]
    assert asserted < every
    assert f"of {asserted} edges" in client.get("/network").text
    assert f"of {every} edges" in client.get("/network?unasserted=true").text


def test_search_finds_actors_and_agreements_too(client):
    found = client.get("/api/search?q=qatar").json()
    assert {"name": "Qatar", "documents": found["actors"][0]["documents"]} in found["actors"]
    assert any("humanitarian pause" in a["name"] for a in found["agreements"])
    page = client.get("/search?q=qatar").text
    assert '<a class="actor" href="/actors/Qatar">Qatar</a>' in page and "<h2>Agreements</h2>" in page
def test_agreements_have_names_and_filter_by_conflict(client):
    congo = items(client, "/api/agreements?conflict=DRC–M23&limit=500")
    assert congo and {a["conflict"] for a in congo} == {"DRC–M23"}
    assert "DRC–M23 truce, Jul 2024" in [a["name"] for a in congo]
    assert_error(client.get("/api/agreements?conflict=Narnia"), 422, "conflict")
    board = client.get("/?conflict=Israel–Hamas").text
    assert "Israel–Hamas humanitarian pause, 21 Nov 2023" in board and "DRC–M23 truce" not in board


def test_an_agreement_has_its_own_page_and_api(client):
    [pause] = [a for a in items(client, "/api/agreements?limit=500") if a["kind"] == "pause" and a["status"] == "extended"]
    one = client.get(f"/api/agreements/{pause['id']}").json()
    assert one["name"] == pause["name"] and one["conflict"] == "Israel–Hamas"
    days = [m["published"] for m in one["mentions"]]
    assert len(days) == len(pause["sources"]) and days == sorted(days)
    html = client.get(f"/agreements/{pause['id']}").text
    assert pause["name"] in html and "Every mention, in date order" in html
    assert_error(client.get("/api/agreements/no-such-agreement"), 404)
    assert client.get("/agreements/no-such-agreement").status_code == 404
    assert f'href="/agreements/{pause["id"]}"' in client.get("/").text  # the board card links to it
    scoped = next(a for a in items(client, "/api/agreements?limit=500") if a["scope"])
    assert f'{scoped["kind"]}, {scoped["scope"]}</span>' in client.get(f"/agreements/{scoped['id']}").text


def test_board_conflict_filter_shows_counts(client):
    page = client.get("/?as_of=2025-01-20&status=open").text
    hamas = [a for a in items(client, "/api/agreements?as_of=2025-01-20&status=open&limit=500")
             if a["conflict"] == "Israel–Hamas"]
    assert hamas and f'<option value="Israel–Hamas">Israel–Hamas ({len(hamas)})</option>' in page


@pytest.mark.parametrize("filters", ["", "type=AGREE", "mode=asserted&conflict=Israel–Hamas",
                                     "since=2023-11-01&until=2023-11-30&status=open"])
def test_map_counts_each_country_as_the_list_it_links_to_shows(client, filters):
    page = client.get(f"/map?{filters}").text
    listed = re.findall(r'<tr id="country-(\w+)">.*?</tr>', page, re.DOTALL)
    assert listed, "no country on the map"
    events = re.findall(r'<td class="num"><a href="/timeline\?([^"]+)">(\d+)</a>', page)
    agreements = re.findall(r'<td class="num"><a href="/\?([^"]+)">(\d+)</a>', page)
    for link, count in events:
        query = link.replace("&amp;", "&")
        assert "country=" in query and filters.split("&")[0].replace("–", "%E2%80%93") in query
        rows = items(client, f"/api/timeline?{query}&limit=500")
        assert len(rows) == int(count) and {r["item"] for r in rows} == {"event"}
    for link, count in agreements:
        assert client.get(f"/api/agreements?{link.replace('&amp;', '&')}").json()["total"] == int(count)
    assert events or agreements
    # Every country is drawn from the package's boundaries, shaded links for those with anything.
    assert page.count("<path class=\"shade-") > 150
    assert len(re.findall(r'<a href="/timeline\?[^"]*" data-country="(\w+)">', page)) == len(listed)
    assert "http" not in page[page.index("<figure class=\"map\">"):page.index("</svg>")]  # nothing fetched


def test_map_of_the_gaza_pause_shades_its_parties_and_mediators(client):
    page = client.get("/map?conflict=Israel–Hamas").text
    for code in ("ISR", "PSE", "QAT", "EGY"):  # Israel and Hamas the parties; Qatar and Egypt mediate
        row = re.search(rf'<tr id="country-{code}">.*?</tr>', page, re.DOTALL).group(0)
        assert re.search(r'<a href="/\?[^"]*country=' + code + r'">[1-9]', row), row
    assert 'id="country-BRA"' not in page
    assert_error(client.get("/api/agreements?country=Israel"), 422, "country")
    assert client.get("/map?mode=sure").status_code == 422


@pytest.mark.parametrize("filters", ["", "since=2024-05-01&until=2024-06-30", "conflict=Israel–Hamas&type=AGREE"])
def test_map_dots_count_the_figures_of_each_place_as_their_list_shows(client, filters):
    page = client.get(f"/map?{filters}").text
    dots = re.findall(r'<a href="/figures\?([^"]+)" data-place="([^"]+)"><circle class="place"[^>]*>'
                      r'<title>[^<]*: (\d+) figures?</title>', page)
    assert dots, "no place on the map"
    rows = re.findall(r'<tr id="place-\d+"><td>([^<]+)</td><td class="num"><a href="/figures\?([^"]+)">(\d+)</a>', page)
    assert [(name, count) for _, name, count in dots] == [(name, count) for name, _, count in rows]
    for link, name, count in dots:
        query = link.replace("&amp;", "&")
        assert "type=" not in query, "an event's type does not filter figures"
        facts = items(client, f"/api/facts?{query}&limit=500")
        assert len(facts) == int(count) and {f["location"] for f in facts} == {html.unescape(name)}
        assert client.get(f"/figures?{query}").text.count('<section class="fact') == min(int(count), 50)
    assert 'data-place="' not in client.get("/map?since=2023-11-01&until=2023-11-30").text  # no figure then


def test_map_draws_only_places_it_can_locate():
    drawn = worldmap.places({"Gaza": 3, "Nowhereville": 5, "Rafah": 2, "Kyiv": 0, "Israel": 1})
    # Rafah is a town in Egypt and one in Gaza: which the text means is not guessed
    assert [(p.name, p.count) for p in drawn] == [("Gaza", 3), ("Israel", 1)]
    assert drawn[0].radius > drawn[1].radius
    assert worldmap.locate("Kyiv") != worldmap.locate("Gaza") and worldmap.locate("the Gaza Strip") is None


def test_timeline_facets_count_what_each_choice_keeps(client):
    facets = client.get("/api/timeline/facets?since=2023-11-01&until=2023-12-31").json()
    assert set(facets) == {"type", "mode", "actor", "country", "conflict"}
    for name, param in (("type", "type"), ("mode", "mode"), ("country", "country"), ("conflict", "conflict"),
                        ("actor", "actor")):
        assert facets[name], name
        for value, count in sorted(facets[name].items())[:3]:
            rows = items(client, f"/api/timeline?since=2023-11-01&until=2023-12-31&{param}={value}&limit=500")
            assert len([r for r in rows if r["item"] == "event"]) == count, (name, value)
    # Each facet is counted with the others applied: the modes of one type's events.
    agree = client.get("/api/timeline/facets?type=AGREE").json()
    assert sum(agree["mode"].values()) == agree["type"]["AGREE"] == client.get("/api/timeline?type=AGREE").json()["total"]
    page = client.get("/timeline?type=AGREE").text
    for mode, count in agree["mode"].items():
        assert f'<option value="{mode}">{mode} ({count})</option>' in page
    assert '<option value="negated">' not in page  # none: left out
    network = client.get("/network").text  # actors suggested with the asserted events they take part in
    hamas = client.get("/api/events?actor=Hamas&mode=asserted").json()["total"]
    assert f'<option value="Hamas" label="Hamas ({hamas})">' in network
    board = client.get("/?conflict=Israel–Hamas").text
    israel = client.get("/api/agreements?conflict=Israel–Hamas&country=ISR").json()["total"]
    assert f'<option value="ISR">ISR ({israel})</option>' in board
