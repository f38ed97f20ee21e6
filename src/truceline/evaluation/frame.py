"""Frame suite: title, publication date, wire and the strings that must never be actors, against
hand annotations (`eval/frame/`, see its DATASHEET.md) of the Zyte benchmark's English news pages
and of synthetic texts.

Each page is read twice: as HTML, and as the plain text a scraper keeps of it (`page_text`: the
text of the page's article region, menus, bylines, captions and all). Every item is in the
development or the held-out part by the parity of the first byte of sha256(its id), fixed before
any error was looked at; the two parts are scored and printed apart, and the floors hold the
held-out figures.

- title: the share of documents whose title is one the page gives (compared without case, quote
  style or spacing), among those that have one to find (a page's plain text has one only if its
  first lines hold the headline);
- date: the share whose publication date is right, among those that state one; dates given to
  documents that state none are counted apart;
- non_actors: the share of byline, credit, wire and page-label strings that never appear as an
  actor (the actor stage run on the document's text; an actor appears when its name and the
  string are one, or one holds the other as whole words).

The baseline, in the same run, is today's reading without the frame: a page's trafilatura
metadata alone, and for plain text its metadata alone (it has none) and its lines unfiltered.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import re
import tomllib
import unicodedata
from collections import Counter
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import lxml.html
import trafilatura
from rich.table import Table

from truceline.actors import ActorDictionary, distinct_actors, find_mentions
from truceline.clean import clean
from truceline.config import Settings
from truceline.decoding import decode
from truceline.errors import InputError
from truceline.evaluation import SuiteReport
from truceline.evaluation.body import BENCHMARK
from truceline.frame import HEAD_UNITS
from truceline.language import load_nlp
from truceline.records import RawInput

ANNOTATIONS = Path("eval/frame")
PARTS = ("dev", "test")
VERSIONS = ("html", "text", "synthetic")
_BLOCK = {"p", "div", "br", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "article", "section", "header",
          "footer", "aside", "figure", "figcaption", "blockquote", "table", "tr", "time", "main", "nav", "address",
          "dd", "dt", "pre", "hr", "form"}
_TOKEN = re.compile(r"\w+")
_QUOTES = str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"', "–": "-", "—": "-", "\u00a0": " "})


def part(item_id: str) -> str:
    """The part an item belongs to, by its id alone."""
    return PARTS[hashlib.sha256(item_id.encode("utf-8")).digest()[0] % 2]


def page_text(page: bytes, truth: str) -> str:
    """A page as the plain text a scraper keeps: the text of the smallest element around its
    headline (its first h1, else its `<article>`) that holds nine tenths of the article's words,
    one block element to a paragraph. Menus, bylines, captions, share buttons and related links
    inside that element stay: that is the furniture the frame must recognise."""
    root = lxml.html.document_fromstring(decode(page).text.encode("utf-8"),
                                         parser=lxml.html.HTMLParser(encoding="utf-8"))
    for node in root.xpath("//head|//script|//style|//noscript|//template|//svg|//select|//button"):
        node.drop_tree()
    wanted = Counter(_TOKEN.findall(truth))
    node = next((h for h in root.xpath("//h1") if h.text_content().strip()), None)
    if node is None:
        node = next(iter(root.xpath("//article")), None) or root
    while node.getparent() is not None and \
            sum((wanted & Counter(_TOKEN.findall(node.text_content()))).values()) < 0.9 * sum(wanted.values()):
        node = node.getparent()
    for element in node.iter():
        if isinstance(element.tag, str) and element.tag in _BLOCK:
            element.text = "\n" + (element.text or "")
            element.tail = "\n" + (element.tail or "")
    lines = (" ".join(line.split()) for line in node.text_content().split("\n"))
    return "\n\n".join(line for line in lines if line)


@dataclass(frozen=True)
class Item:
    """One document to read, with what a reader finds in it."""

    id: str
    version: str  # html, text or synthetic
    raw: RawInput
    titles: tuple[str, ...]  # any of them is right; none: the document has no title to find
    dates: tuple[date, ...]  # any of them is right; none: it states no date
    wire: str | None
    non_actors: tuple[str, ...]


@dataclass(frozen=True)
class Reading:
    title: str | None
    published: date | None
    wire: str | None
    text: str


def load(shared: Path, annotations: Path = ANNOTATIONS) -> list[Item]:
    """Every annotated page, as HTML and as plain text, and every synthetic text; each page's
    annotation file must agree with the part its id falls in."""
    folder = shared / BENCHMARK
    truth = json.loads((folder / "ground-truth.json").read_text(encoding="utf-8"))
    items: list[Item] = []
    for name in PARTS:
        with open(annotations / f"pages-{name}.toml", "rb") as f:
            pages = tomllib.load(f)["page"]
        for page in pages:
            [key] = [k for k in truth if k.startswith(page["id"])]
            if part(key) != name:
                raise ValueError(f"page {page['id']} is annotated in pages-{name}.toml but belongs to {part(key)}")
            html = gzip.decompress((folder / "html" / f"{key}.html.gz").read_bytes())
            text = page_text(html, truth[key]["articleBody"])
            titles = tuple(page["title"])
            common = dict(wire=page.get("wire"), non_actors=tuple(page["non_actors"]))
            items.append(Item(key, "html", RawInput(f"{key}.html", html, "html"), titles,
                              tuple(map(date.fromisoformat, page["published"])), **common))
            top = {_fold(line) for line in text.split("\n\n")[:HEAD_UNITS]}
            items.append(Item(key, "text", RawInput(f"{key}.txt", text.encode("utf-8"), "text"),
                              tuple(t for t in titles if _fold(t) in top),
                              tuple(map(date.fromisoformat, page["text_published"])), **common))
    with open(annotations / "synthetic.toml", "rb") as f:
        for text in tomllib.load(f)["text"]:
            meta = {"fetched": text["fetched"]} if text.get("fetched") else {}
            items.append(Item(text["id"], "synthetic", RawInput(f"{text['id']}.txt", text["text"].encode("utf-8"),
                                                                "text", meta),
                              (text["title"],) if text["title"] else (),
                              (date.fromisoformat(text["published"]),) if text["published"] else (),
                              text["wire"] or None, tuple(text["non_actors"])))
    return items


def truceline_reading(item: Item) -> Reading:
    try:
        document = clean(item.raw)
    except InputError:
        return Reading(None, None, None, "")
    return Reading(document.title, document.published, document.original_source, document.text)


def baseline_reading(item: Item) -> Reading:
    """Metadata alone: trafilatura's for a page; for plain text, none (it carries none), and
    its lines as they stand."""
    if item.raw.kind == "html":
        page = item.raw.content.decode("utf-8", errors="replace")
        metadata = trafilatura.extract_metadata(page)
        published = date.fromisoformat(metadata.date) if metadata and metadata.date else None
        return Reading(metadata.title if metadata else None, published, None,
                       trafilatura.extract(page, include_comments=False) or "")
    return Reading(None, None, None, item.raw.content.decode("utf-8"))


def run(shared: Path, limit: int | None = None) -> SuiteReport:
    items = load(shared)
    if limit is not None:
        items = [i for i in items if i.version != "html"][:limit] + [i for i in items if i.version == "html"][:limit]
    readings = {"truceline": [truceline_reading(i) for i in items], "baseline": [baseline_reading(i) for i in items]}
    actors = _actor_names(items, readings)
    table = Table("part", "version", "docs", "reader", "title right", "date right", "dates not stated",
                  "wire right", "never actors", title="Frame: title, date, wire, non-actors (Zyte pages, synthetic)",
                  title_justify="left")
    scores: dict[str, float] = {}
    baseline_scores: dict[str, float] = {}
    for name in PARTS:
        chosen = [n for n, i in enumerate(items) if part(i.id) == name]
        for reader, target in (("truceline", scores), ("baseline", baseline_scores)):
            totals = _score(items, readings[reader], actors[reader], chosen)
            target.update({f"{name}_{metric}": value for metric, value in totals.items() if metric in HEADLINES})
            for version in VERSIONS:
                subset = [n for n in chosen if items[n].version == version]
                if subset:
                    figures = _score(items, readings[reader], actors[reader], subset)
                    table.add_row(name, version, str(len(subset)), reader, *_cells(figures))
            table.add_row(name, "all", str(len(chosen)), reader, *_cells(totals), end_section=reader == "baseline")
    errors = _errors(items, readings["truceline"], actors["truceline"], [n for n, i in enumerate(items)
                                                                         if part(i.id) == "dev"])
    return SuiteReport("frame", scores, baseline="metadata alone (trafilatura's for HTML; plain text has none), "
                                                 "text unfiltered", baseline_scores=baseline_scores,
                       details=[table], errors=errors)


HEADLINES = ("title", "date", "non_actors")


def _score(items: list[Item], readings: list[Reading], actors: list[set[str]], chosen: list[int]) -> dict[str, float]:
    titled = [n for n in chosen if items[n].titles]
    dated = [n for n in chosen if items[n].dates]
    undated = [n for n in chosen if not items[n].dates]
    wired = [n for n in chosen if items[n].wire]
    strings = [(n, s) for n in chosen if items[n].version != "html" for s in items[n].non_actors]  # see _actor_names
    return {
        "title": _share(_title_right(items[n], readings[n]) for n in titled),
        "date": _share(readings[n].published in items[n].dates for n in dated),
        "dates_not_stated": float(sum(readings[n].published is not None for n in undated)),
        "wire": _share(_same_wire(items[n].wire, readings[n].wire) for n in wired),
        "non_actors": _share(not _is_actor(s, actors[n]) for n, s in strings),
        "counts": (len(titled), len(dated), len(undated), len(wired), len(strings)),
    }


def _cells(figures: dict) -> list[str]:
    titled, dated, undated, wired, strings = figures["counts"]
    return [f"{figures['title']:.3f} ({titled})", f"{figures['date']:.3f} ({dated})",
            f"{figures['dates_not_stated']:.0f} dated of {undated}", f"{figures['wire']:.3f} ({wired})",
            f"{figures['non_actors']:.3f} ({strings})"]


def _errors(items: list[Item], readings: list[Reading], actors: list[set[str]], chosen: list[int]) -> list[dict]:
    """The development part's misses, for error analysis (the held-out part's stay unread)."""
    found = []
    for n in chosen:
        item, reading = items[n], readings[n]
        if item.titles and not _title_right(item, reading):
            found.append({"id": item.id, "version": item.version, "field": "title", "expected": item.titles,
                          "found": reading.title})
        if (reading.published in item.dates) != bool(item.dates) or (not item.dates and reading.published):
            found.append({"id": item.id, "version": item.version, "field": "date", "expected": item.dates,
                          "found": reading.published})
        for string in item.non_actors:
            if _is_actor(string, actors[n]):
                found.append({"id": item.id, "version": item.version, "field": "non_actor", "expected": string,
                              "found": sorted(a for a in actors[n] if _is_actor(string, {a}))})
    return found


def _actor_names(items: list[Item], readings: dict[str, list[Reading]]) -> dict[str, list[set[str]]]:
    """The actor stage's names in each reading's text, for the items with strings to check."""
    settings = Settings.from_env()
    nlp = load_nlp(settings.spacy_model)
    dictionary = ActorDictionary.load(settings.actors_path())
    names: dict[str, list[set[str]]] = {}
    for reader, texts in readings.items():
        checked = [n for n, i in enumerate(items) if i.non_actors and i.version != "html"]
        found = [set() for _ in items]
        for n, doc in zip(checked, nlp.pipe(texts[n].text for n in checked)):
            found[n] = {a.name for a in distinct_actors(find_mentions(doc, dictionary, texts[n].published))}
        names[reader] = found
    return names


def _is_actor(string: str, names: set[str]) -> bool:
    folded = _fold(string)
    for name in map(_fold, names):
        if len(name) < 2:
            continue
        if name == folded or re.search(rf"\b{re.escape(name)}\b", folded) or re.search(rf"\b{re.escape(folded)}\b", name):
            return True
    return False


def _title_right(item: Item, reading: Reading) -> bool:
    return reading.title is not None and _fold(reading.title) in {_fold(t) for t in item.titles}


def _same_wire(expected: str, found: str | None) -> bool:
    aliases = {"ap": "associated press", "anadolu": "anadolu agency"}
    return found is not None and aliases.get(_fold(found), _fold(found)) == aliases.get(_fold(expected), _fold(expected))


def _fold(text: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", text).translate(_QUOTES).casefold().split()).strip(" .")


def _share(outcomes) -> float:
    outcomes = list(outcomes)
    return sum(outcomes) / len(outcomes) if outcomes else 0.0
