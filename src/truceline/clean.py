"""Clean: a `RawInput` into a `Document` whose text every later span indexes into.

HTML goes through trafilatura; its title and date come from the page's metadata (og:title,
JSON-LD, trafilatura's reading of its meta tags). Plain text is often scraped and dirty, so it
gets the repairs no library makes for it (each says why below), and its frame (headline, byline,
date line, wire, page furniture) is read by `frame.py`. Flags name what was found:
no_date, date_refused (a date given that is not a day, see `_date`), no_title, html_tags_stripped,
jsonld_metadata, boilerplate_removed, caption_removed, summary_removed, related_removed,
dateline_removed, page_tail_removed, repeated_headline_removed, duplicate_paragraph_removed,
suspected_machine_translation, non_english, and those of decoding (encoding_repaired,
characters_replaced).
"""

from __future__ import annotations

import hashlib
import html
import json
import re
from datetime import date, datetime

import dateparser
import re2
import trafilatura

from truceline import frame
from truceline.dates import publication_day, stated_day
from truceline.decoding import JSON, decode
from truceline.errors import InputError
from truceline.language import detect_language, normalize
from truceline.records import Document, RawInput

# Markup in scraped text, matched by RE2 (linear time): with Python's engine an unclosed "<script",
# "<!--", "<a " or "[" repeated thousands of times costs time quadratic in the text's length.
_SCRIPT = re2.compile(r"(?is)<script[^>]*>(.*?)</script>")
_STYLE = re2.compile(r"(?is)<style[^>]*>.*?</style>|<noscript[^>]*>.*?</noscript>|<!--.*?-->")
_TAG = re2.compile(r"</?[a-zA-Z][^>]*>")
_BLOCK_TAG = re2.compile(r"(?i)</?(p|div|br|h[1-6]|li|ul|ol|article|section|header|footer|aside|figure|figcaption|"
                         r"blockquote|table|tr)\b[^>]*>")
_MD_ESCAPE = re.compile(r"\\([\[\]\\*_`#()!.-])")
# A JSON escape left in by a scraper that encoded twice: "Biden\\u2019s".
_STRAY_ESCAPE = re.compile(r"\\u([0-9a-fA-F]{4})")
_LIST_ITEM = re.compile(r"^\s*(?:[-*•]\s+|\d{1,2}\.\s{2,})")  # markdown bullets; "10. The" may be a wrapped date
# A markdown link's words, wrapped over lines as often as not, but within one paragraph.
_MD_LINK = re2.compile(r"\[((?:[^\]\n]|\n[ \t]*[^\]\s])*)\]\([^)\s]*\)")
_MT_MARKERS = re.compile(r"machine[- ]translat|automatically translated|translated (by|with) google", re.IGNORECASE)
NOTHING_LEFT = "no text left after cleaning"  # the reason a text that was all page furniture is skipped


def clean(raw: RawInput) -> Document:
    text, decoded = decode(raw.content)
    flags: list[str] = [*raw.flags, *decoded]
    given = {k: v for k, v in raw.meta.items() if v}  # what a JSON article states about itself
    anchor = _date(given.get("fetched"))  # the day it was fetched dates a yearless date line
    if raw.kind == "html":
        units, found, bullets = *_from_html(text), frozenset()
    else:
        units, bullets, found = _from_text(text, flags)
    units = [normalize(u) for u in units]  # here, before any span indexes the text
    site = given.get("publisher") or found.get("json-ld", {}).get("publisher") or found.get("metadata", {}).get("publisher")
    stated = _stated_titles(given, found, site)
    read = frame.read(units, anchor=anchor, headline=raw.kind != "html" and not stated, bullets=bullets,
                      scraped=raw.kind != "html", titles=[t for t, _ in stated])
    flags.extend(read.flags)
    body = "\n\n".join(read.paragraphs)
    if not body.strip():
        raise InputError(NOTHING_LEFT)
    title, title_source = _first(*stated, (read.title, "headline"))
    stated_dates = [(given.get("date"), "metadata"), *((found.get(s, {}).get("date"), s) for s in _DATE_SOURCES)]
    published, published_source = _first(*((_date(d), s) for d, s in stated_dates),
                                         (read.published, read.published_source))
    if published is None:
        flags.extend(("no_date", "date_refused") if any(d for d, _ in stated_dates) else ("no_date",))
    elif read.date_line is not None and stated_day(read.date_line, published) not in (None, published):
        # A date line of another day than the publication date the input states is the day the
        # words were spoken ("(December 7, 2023)" on a briefing posted on the 8th): kept as the
        # text's first line, where `dates.reference_day` reads its relative dates against it.
        body = f"{read.date_line}\n\n{body}"
    if not title:
        flags.append("no_title")
    if _MT_MARKERS.search(body):
        flags.append("suspected_machine_translation")
    language = detect_language(body)
    if language not in ("en", None):
        flags.append("non_english")
    url = normalize(given.get("url", ""))
    return Document(
        # One text is one document, whatever file it is read from; posted at two addresses it is
        # two documents, two sources of one story (see stories.py).
        id=hashlib.sha256(f"{url}\n{body}".encode("utf-8")).hexdigest()[:16],
        source=url or raw.source,
        title=title,
        published=published, publisher=site, original_source=read.original_source,
        language=language, text=body, title_source=title_source, published_source=published_source,
        flags=tuple(dict.fromkeys(flags)),
    )


# Where a title and a date come from, most trusted first, after what a JSON article states itself.
# A page's og:title is the headline it shows; its JSON-LD headline is often the one written for
# search engines; trafilatura's title falls back to <title>, which carries the site's name.
_TITLE_SOURCES = ("og", "json-ld", "metadata")
_DATE_SOURCES = ("json-ld", "metadata")


def _stated_titles(given: dict[str, str], found: dict[str, dict[str, str]], site: str | None) -> list[tuple[str, str]]:
    """The titles the input states about itself, most trusted first, each with its source,
    without the site's name around them."""
    raw = [(given.get("title"), "metadata"), *((found.get(s, {}).get("title"), s) for s in _TITLE_SOURCES)]
    others = [t for t, _ in raw if t]
    return [(frame.clean_title(" ".join(normalize(_unescape(t)).split()), site, others), source) for t, source in raw if t]


def _first(*candidates: tuple[object, str | None]) -> tuple:
    """The first candidate with a value, and where it came from; (None, None) when none has."""
    return next(((value, source) for value, source in candidates if value), (None, None))


def _from_html(page: str) -> tuple[list[str], dict[str, dict[str, str]]]:
    """The paragraphs trafilatura extracts, and what the page says about itself by source:
    "metadata" (trafilatura's reading of its meta tags), "og" and "json-ld"."""
    extracted = trafilatura.bare_extraction(page, with_metadata=True, include_comments=False)
    extracted = extracted.as_dict() if extracted else None
    if not extracted or not extracted.get("text"):
        raise InputError("no article text found in the HTML")
    paragraphs = [p.strip() for p in extracted["text"].split("\n") if p.strip()]
    metadata = {"title": extracted.get("title"), "date": extracted.get("date"), "publisher": extracted.get("sitename")}
    return paragraphs, {"metadata": metadata, "og": {"title": _og_title(page)}, "json-ld": _jsonld(page)}


_META_TAG = re.compile(r"<meta\s[^>]*>", re.IGNORECASE)
_OG_TITLE = re.compile(r"""property\s*=\s*["']og:title["']""", re.IGNORECASE)
_CONTENT = re.compile(r"""content\s*=\s*(["'])(.*?)\1""", re.IGNORECASE | re.DOTALL)


def _og_title(page: str) -> str | None:
    """The page's og:title, the headline it gives for sharing."""
    for tag in _META_TAG.findall(page):
        if _OG_TITLE.search(tag) and (content := _CONTENT.search(tag)):
            return html.unescape(content.group(2)).strip() or None
    return None


def _from_text(text: str, flags: list[str]) -> tuple[list[str], frozenset[int], dict[str, dict[str, str]]]:
    """The text's lines or paragraphs (see `_units`), which of them were list items, and what
    JSON-LD in it says."""
    found = _jsonld(text)
    if found:
        flags.append("jsonld_metadata")
    stripped = _STYLE.sub(" ", _SCRIPT.sub(" ", text))
    if _TAG.search(stripped):
        flags.append("html_tags_stripped")
        stripped = _TAG.sub("", _BLOCK_TAG.sub("\n\n", stripped))
    stripped = html.unescape(link_words(_MD_ESCAPE.sub(r"\1", _unescape(stripped))))
    units, bullets = _units(stripped)
    return units, bullets, {"json-ld": found}


def link_words(text: str) -> str:
    """Markdown links as their words alone, without their addresses."""
    return _MD_LINK.sub(r"\1", text)


def _unescape(text: str) -> str:
    return _STRAY_ESCAPE.sub(lambda m: chr(int(m.group(1), 16)), text)


def _units(text: str) -> tuple[list[str], frozenset[int]]:
    """The text's paragraphs, and which of them were list items. A block of lines is one
    paragraph (hard-wrapped lines; spaCy's sentence splitter stops at every newline) unless it
    is not cut to a width: a pasted page puts each paragraph on a line of its own, and its
    headline, byline and date line on lines of their own at its top, which the frame reads line
    by line. Each list item is a paragraph of its own; a breadcrumb trail ("1. Home 2. News") goes."""
    units: list[str] = []
    bullets: set[int] = set()
    for n, block in enumerate(re.split(r"\n[ \t\u00a0]*\n", text.replace("\r\n", "\n"))):
        lines = [line for line in block.split("\n") if line.strip()]
        apart = _lines_apart(lines, at_top=n < _TOP_BLOCKS)
        items: list[tuple[bool, list[str]]] = [(False, [])]
        for k, line in enumerate(lines):
            bullet = _LIST_ITEM.match(line)
            if bullet or (items[-1][1] and k <= apart):
                items.append((bool(bullet), []))
            items[-1][1].append(line[bullet.end():] if bullet else line)
        joined = [(is_bullet, re.sub(r"[ \t\u00a0]+", " ", " ".join(item)).strip()) for is_bullet, item in items]
        joined = [(is_bullet, item) for is_bullet, item in joined if item]
        if len(joined) > 1 and joined[0][1].lower() == "home":
            continue
        for is_bullet, item in joined:
            if is_bullet:
                bullets.add(len(units))
            units.append(item)
    return units, frozenset(bullets)


_TOP_BLOCKS = 3  # where a headline, a byline and a date line share a block
_WRAP_WIDTH = 100  # hard-wrapped text keeps its lines under this, but for a long link
_LONG_TOKEN = re.compile(r"\S{40,}")


def _lines_apart(lines: list[str], at_top: bool) -> int:
    """Up to which line a block's lines are paragraphs of their own (0: none, one paragraph):
    all of them when they are longer than any wrapping width and end where their sentences end,
    or follow a heading ("Related stories", "Key points");
    at the text's top, those down to its last byline or dated line (the rest may be wrapped)."""
    if len(lines) < 2:
        return 0
    ended = sum(line.rstrip().endswith((".", "!", "?", '"', "”", ":")) for line in lines[:-1])
    if ((ended * 2 >= len(lines) - 1 and any(len(_LONG_TOKEN.sub("", line)) > _WRAP_WIDTH for line in lines))
            or frame.is_heading(lines[0])):
        return len(lines)
    framed = [k for k, line in enumerate(lines) if k and at_top and frame.is_frame_line(line.strip())]
    return framed[-1] + 1 if framed else 0


def _jsonld(text: str) -> dict[str, str]:
    """Headline, date and publisher from schema.org JSON-LD, even in a `<script>` without a
    type attribute or holding several concatenated objects (hence the raw_decode loop).
    An article's own object (NewsArticle, BlogPosting...) wins over a page's or a site's."""
    items: list[dict] = []
    for block in _SCRIPT.findall(text):
        block, pos = block.strip(), 0
        while pos < len(block):
            try:
                obj, end = JSON.raw_decode(block, pos)
            except (json.JSONDecodeError, RecursionError):  # RecursionError: nested too deep to be metadata
                break
            pos = end + len(block[end:]) - len(block[end:].lstrip())
            items.extend(i for i in _items(obj) if i.get("headline") or i.get("datePublished"))
    found: dict[str, str] = {}
    for item in sorted(items, key=lambda i: not _is_article(i)):
        publisher = item.get("publisher")
        for key, value in (("title", item.get("headline")), ("date", item.get("datePublished")),
                           ("publisher", publisher.get("name") if isinstance(publisher, dict) else None)):
            if value and key not in found:
                found[key] = html.unescape(str(value))
    return found


def _is_article(item: dict) -> bool:
    types = item.get("@type")
    return any(str(t).endswith(("Article", "BlogPosting")) for t in (types if isinstance(types, list) else [types]))


def _items(obj: object) -> list[dict]:
    if isinstance(obj, list):
        return [i for o in obj for i in _items(o)]
    if isinstance(obj, dict):
        return [obj, *_items(obj.get("@graph", []))]
    return []


def _date(value: str | None) -> date | None:
    """A stated day only. Refused (None): a day the calendar lacks ("2023-13-01" is not read as
    13 January), a year no publication has, a long string (dateparser's cost grows with it), and
    an expression dateparser reads only relative to today ("yesterday": nothing here to be
    relative to)."""
    if not value or len(value) > _LONGEST_DATE:
        return None
    value = value.strip()
    if _ISO_LIKE.match(value):
        try:
            day = date.fromisoformat(value[:10])
        except ValueError:
            return None
    else:
        readings = {_read_date(value, base) for base in _RELATIVE_BASES}
        day = readings.pop() if len(readings) == 1 else None
    return publication_day(day)


def _read_date(value: str, base: datetime) -> date | None:
    parsed = dateparser.parse(value, settings={"REQUIRE_PARTS": ["day", "month", "year"], "RELATIVE_BASE": base})
    return parsed.date() if parsed else None


_LONGEST_DATE = 100
_ISO_LIKE = re.compile(r"[+-]?\d{4,}-\d")
# A date read the same from two different todays depends on neither.
_RELATIVE_BASES = (datetime(2001, 2, 3), datetime(2012, 11, 14))
