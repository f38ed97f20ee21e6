"""Shared fixtures: the spaCy model (loaded once), real documents from ../shared, and new
databases of each kind the store runs on (SQLite, and PostgreSQL on a throwaway server)."""

from __future__ import annotations

import gzip
import itertools
import json
import os
import subprocess
from collections.abc import Callable
from functools import cache
from pathlib import Path

import pytest

# One worker process per command the tests run: their inputs are a few documents, for which a
# second worker's model loading costs more than it saves (tests/test_workers.py runs two).
os.environ.setdefault("TRUCELINE_WORKERS", "1")
# pytest-xdist's workers (`make test`) inherit the controller's terminal size as COLUMNS and LINES;
# the CLI's consoles, made when it is imported, would keep those and ignore the size a test sets.
for name in ("COLUMNS", "LINES"):
    os.environ.pop(name, None)

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
GAZA_CORPUS = SHARED / "corpora" / "wh-briefings" / "gaza_lebanon_2023-10_to_2026-07.jsonl.gz"
SCRAPINGHUB = SHARED / "bench" / "extraction-scrapinghub"


@cache
def gaza_corpus() -> dict[str, dict]:
    with gzip.open(GAZA_CORPUS, "rt", encoding="utf-8") as f:
        return {d["path"]: d for d in map(json.loads, f)}


def wh_document(path_part: str) -> dict:
    """The one White House document (647-document Gaza/Lebanon corpus) whose path contains `path_part`."""
    found = [d for p, d in gaza_corpus().items() if path_part in p]
    assert len(found) == 1, f"{path_part!r} matches {len(found)} documents"
    return found[0]


def scrapinghub_page(page_id_prefix: str) -> bytes:
    """The raw HTML of one page of the Zyte article-extraction benchmark."""
    [path] = (SCRAPINGHUB / "html").glob(f"{page_id_prefix}*.html.gz")
    return gzip.decompress(path.read_bytes())


def scraped_text(page_id_prefix: str) -> str:
    """A benchmark page as a scraper that grabs the `<article>` element hands it on: its HTML as
    plain text, with the page's JSON-LD blocks before it, scripts and styles gone. Real dirty
    input: tags, comment prompts, captions with credits, newsletter boxes, reader comments."""
    import lxml.html

    page = lxml.html.fromstring(scrapinghub_page(page_id_prefix))
    jsonld = [f'<script type="application/ld+json">{block}</script>' for block in page_jsonld(page_id_prefix)]
    article = page.xpath("//article")[0]
    for node in article.xpath(".//script|.//style|.//noscript"):
        node.drop_tree()
    return "\n".join([*jsonld, lxml.html.tostring(article, encoding="unicode")])


def page_jsonld(page_id_prefix: str) -> list[str]:
    """The contents of a benchmark page's JSON-LD `<script>` blocks."""
    import lxml.html

    page = lxml.html.fromstring(scrapinghub_page(page_id_prefix))
    return [s.text for s in page.xpath('//script[@type="application/ld+json"]')]


def scrapinghub_truth(page_id_prefix: str) -> str:
    """The benchmark's hand-made article body for one page."""
    truth = json.loads((SCRAPINGHUB / "ground-truth.json").read_text(encoding="utf-8"))
    [body] = [v["articleBody"] for k, v in truth.items() if k.startswith(page_id_prefix)]
    return body


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """The evaluation gate first, its events suite (a quarter hour) foremost: under `make test`'s
    workers (pytest-xdist) the longest tests start at once rather than last on one worker."""
    items.sort(key=lambda item: (item.path.name != "test_evaluation_gate.py", "[events]" not in item.nodeid))


@pytest.fixture(scope="session")
def nlp():
    from truceline.config import Settings
    from truceline.language import load_nlp

    return load_nlp(Settings().spacy_model)


def plain(text: str) -> str:
    """A corpus text as the clean stage leaves it: the text every span indexes into."""
    from truceline.clean import clean
    from truceline.records import RawInput

    return clean(RawInput(source="corpus.md", content=text.encode("utf-8"), kind="text")).text


def same(text: str) -> str:
    """Text with its white space folded, for comparing sentences."""
    return " ".join(text.split())


@pytest.fixture(scope="session")
def dictionary():
    from truceline.actors import ActorDictionary
    from truceline.config import Settings

    return ActorDictionary.load(Settings().actors_path())


def title_voices(title: str, on, nlp, dictionary):
    """Whom a document's first person speaks for by its title's byline alone
    (`voices.of_document`): a text without speaker labels from a site no publisher lists."""
    from truceline.records import Document
    from truceline.voices import of_document

    document = Document(id="0", source="title", title=title, published=on, publisher=None, original_source=None,
                        language="en", text="")
    return of_document(document, nlp, dictionary)


DATABASES = ("sqlite", "postgresql")


@pytest.fixture(scope="session")
def postgres():
    """A throwaway PostgreSQL server (postgres.py) for the session. Where there is no PostgreSQL
    the tests that need it skip, saying why; under CI=true they fail instead."""
    from postgres import Server, binaries

    bin_dir = binaries()
    if bin_dir is None:
        _unavailable("PostgreSQL is not installed: `make test` installs it as root with apt-get, "
                     "or apt-get install postgresql")
    try:
        server = Server(bin_dir)
    except subprocess.CalledProcessError as exc:
        _unavailable(f"PostgreSQL did not start: {exc.stderr.decode(errors='replace').strip()[-300:]}")
    yield server
    server.stop()


def _unavailable(reason: str) -> None:
    if os.environ.get("CI", "").lower() in ("true", "1"):
        pytest.fail(f"CI must run the PostgreSQL tests: {reason}", pytrace=False)
    pytest.skip(reason)


def database_maker(kind: str, folder: Path, request: pytest.FixtureRequest) -> Callable[[], str]:
    """A function that makes a new, empty database of `kind` and gives its URL."""
    if kind == "postgresql":
        return request.getfixturevalue("postgres").new_database
    numbers = itertools.count()
    return lambda: f"sqlite:///{folder / f'store-{next(numbers)}.db'}"


@pytest.fixture(params=DATABASES)
def new_database(request, tmp_path) -> Callable[[], str]:
    """Makes new databases: a test that takes it runs on SQLite and on PostgreSQL."""
    return database_maker(request.param, tmp_path, request)
