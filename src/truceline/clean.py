"""Clean: a `RawInput` into a `Document` whose text every later span indexes into.

HTML goes through trafilatura. Plain text is often scraped and dirty, so it gets the repairs
no library makes for it (each says why below). Flags name what was found:
no_date, date_refused (a date given that is not a day, see `_date`), no_title, html_tags_stripped,
jsonld_metadata, boilerplate_removed, caption_removed, page_tail_removed, repeated_headline_removed,
duplicate_paragraph_removed, suspected_machine_translation, non_english, and those of decoding
(encoding_repaired, characters_replaced).
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

from truceline.decoding import decode
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
_MD_LINK = re2.compile(r"\[([^\]\n]*)\]\([^)\s]*\)")
# Lines naming where a syndicated text comes from: kept as `original_source`, not as text.
_SYNDICATION = re.compile(
    r"^\s*(original source:|this article (originally )?appeared (first )?(on|in)|originally published (by|on|in)|"
    r"copyright\s*(@|©|\(c\))?\s*\d{4}|via(?=\s+\S+\.[a-z]{2,}\b)|this article has been adapted from its original source)"
    r"\s*(?P<name>.*?)\.?\s*$", re.IGNORECASE)
# Lines a page prints around an article, never part of it.
_BOILERPLATE = re.compile(
    r"^\s*(subscribe( to| now|\b).{0,80}|sign up (for|to)\b.{0,80}|share (this|on)\b.{0,40}|click to \w+ .{0,60}|"
    r"follow us.{0,40}|advertisement|permalink|back to top|highlights|latest|popular|read more:?|loading content.*|"
    r"(\(?\s*(ap|afp|reuters) photo.*)|photo:.*|credit:.*|getty images|(?=[0-9-]*[a-f])[0-9a-f\-]{8,}|\d+|[#*_=~-]{3,})\s*$",
    re.IGNORECASE)
# A dateline or byline: "Published November 20th, 2019 - 07:29 GMT", "Posted by X on November 19, 2019".
_DATELINE = re.compile(r"^\s*(posted|published|updated)\b(?P<when>.{0,60}\b(19|20)\d{2}\b.{0,30})$", re.IGNORECASE)
# A caption ends with its photographer's credit ("... Jaafar ASHTIYEH / AFP").
_PHOTO_CREDIT = re.compile(r"/\s*(AFP|AP|Reuters|EPA|Getty Images|Anadolu|Xinhua|Shutterstock)\s*\)?\.?\s*$")
# Headings that open what follows an article (reader comments, more stories): the rest is cut
# once the article has begun (a comment counter under the headline only loses its line).
_PAGE_TAIL = re.compile(
    r"^\s*(\d+\s+(comments?|responses?|replies)\b.*|leave a (reply|comment)|comments|you may also like|"
    r"related( articles| stories| posts| topics)?:?|more stories|read next|recommended( for you)?)\s*$",
    re.IGNORECASE)
_ARTICLE_BEGUN_WORDS = 80
_MT_MARKERS = re.compile(r"machine[- ]translat|automatically translated|translated (by|with) google", re.IGNORECASE)


def clean(raw: RawInput) -> Document:
    text, decoded = decode(raw.content)
    flags: list[str] = [*raw.flags, *decoded]
    meta = dict(raw.meta)
    if raw.kind == "html":
        body, page_meta = _from_html(text)
        meta = {**meta, **{k: v for k, v in page_meta.items() if v}}
    else:
        body, found = _from_text(text, flags)
        meta = {**meta, **found}
    body, original_source = _drop_page_furniture(body, meta, flags, scraped=raw.kind != "html")
    body = normalize(body)  # here, before any span indexes the text
    if not body.strip():
        raise InputError("no text left after cleaning")
    published = _date(meta.get("date"))
    if published is None:
        flags.extend(("no_date", "date_refused") if meta.get("date") else ("no_date",))
    if not meta.get("title"):
        flags.append("no_title")
    if _MT_MARKERS.search(body):
        flags.append("suspected_machine_translation")
    language = detect_language(body)
    if language not in ("en", None):
        flags.append("non_english")
    url = normalize(meta.get("url", ""))
    return Document(
        # One text is one document, whatever file it is read from; posted at two addresses it is
        # two documents, two sources of one story (see stories.py).
        id=hashlib.sha256(f"{url}\n{body}".encode("utf-8")).hexdigest()[:16],
        source=url or raw.source, title=" ".join(normalize(_unescape(meta["title"])).split()) if meta.get("title") else None,
        published=published,
        publisher=meta.get("publisher"), original_source=original_source,
        language=language, text=body, flags=tuple(dict.fromkeys(flags)),
    )


def _from_html(page: str) -> tuple[str, dict[str, str]]:
    extracted = trafilatura.bare_extraction(page, with_metadata=True, include_comments=False)
    extracted = extracted.as_dict() if extracted else None
    if not extracted or not extracted.get("text"):
        raise InputError("no article text found in the HTML")
    paragraphs = [p.strip() for p in extracted["text"].split("\n") if p.strip()]
    meta = {"title": extracted.get("title"), "date": extracted.get("date"), "publisher": extracted.get("sitename")}
    jsonld = _jsonld(page)
    meta.update({k: v for k, v in jsonld.items() if v})
    return "\n\n".join(paragraphs), meta


def _from_text(text: str, flags: list[str]) -> tuple[str, dict[str, str]]:
    found = _jsonld(text)
    if found:
        flags.append("jsonld_metadata")
    stripped = _STYLE.sub(" ", _SCRIPT.sub(" ", text))
    if _TAG.search(stripped):
        flags.append("html_tags_stripped")
        stripped = _TAG.sub("", _BLOCK_TAG.sub("\n\n", stripped))
    stripped = html.unescape(_MD_LINK.sub(r"\1", _MD_ESCAPE.sub(r"\1", _unescape(stripped))))
    return _paragraphs(stripped), found


def _unescape(text: str) -> str:
    return _STRAY_ESCAPE.sub(lambda m: chr(int(m.group(1), 16)), text)


def _paragraphs(text: str) -> str:
    """Hard-wrapped lines join into paragraphs (spaCy's sentence splitter stops at every newline);
    each list item becomes a paragraph of its own, and a breadcrumb trail ("1. Home 2. News") goes."""
    paragraphs: list[str] = []
    for block in re.split(r"\n[ \t\u00a0]*\n", text.replace("\r\n", "\n")):
        items: list[list[str]] = [[]]
        for line in block.split("\n"):
            bullet = _LIST_ITEM.match(line)
            if bullet and items[-1]:
                items.append([])
            items[-1].append(line[bullet.end():] if bullet else line)
        joined = [re.sub(r"[ \t\u00a0]+", " ", " ".join(item)).strip() for item in items]
        if len(joined) > 1 and joined[0].lower() == "home":
            continue
        paragraphs.extend(p for p in joined if p)
    return "\n\n".join(paragraphs)


def _jsonld(text: str) -> dict[str, str]:
    """Headline, date and publisher from schema.org JSON-LD, even in a `<script>` without a
    type attribute or holding several concatenated objects (hence the raw_decode loop).
    An article's own object (NewsArticle, BlogPosting...) wins over a page's or a site's."""
    items: list[dict] = []
    decoder = json.JSONDecoder()
    for block in _SCRIPT.findall(text):
        block, pos = block.strip(), 0
        while pos < len(block):
            try:
                obj, end = decoder.raw_decode(block, pos)
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


def _drop_page_furniture(body: str, meta: dict[str, str], flags: list[str], *, scraped: bool) -> tuple[str, str | None]:
    """The article without what the page printed around it; the original source if a line names it.
    A dateline found here dates the document when no metadata did. In `scraped` text a paragraph
    printed again (a highlight, a caption) goes; trafilatura has already judged an HTML page's
    repeats, which there are often the article's own ("Meal 1 ... Meal 2 ...")."""
    kept: list[str] = []
    original_source = None
    title = (meta.get("title") or "").strip()
    for paragraph in body.split("\n\n"):
        syndication = _SYNDICATION.match(paragraph) if len(paragraph) < 120 else None
        dateline = _DATELINE.match(paragraph)
        if _PAGE_TAIL.match(paragraph):
            if sum(len(p.split()) for p in kept) >= _ARTICLE_BEGUN_WORDS:
                flags.append("page_tail_removed")
                break
            flags.append("boilerplate_removed")
        elif syndication:
            original_source = syndication.group("name") or original_source
        elif dateline:
            meta.setdefault("date", dateline.group("when").rsplit(" on ", 1)[-1])
            flags.append("boilerplate_removed")
        elif _BOILERPLATE.match(paragraph):
            flags.append("boilerplate_removed")
        elif _PHOTO_CREDIT.search(paragraph):
            flags.append("caption_removed")
        elif kept and paragraph.strip() == title:
            flags.append("repeated_headline_removed")
        elif scraped and paragraph in kept:
            flags.append("duplicate_paragraph_removed")
        else:
            kept.append(paragraph)
    return "\n\n".join(kept), original_source


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
    return day if day is not None and day.year in _PUBLICATION_YEARS else None


def _read_date(value: str, base: datetime) -> date | None:
    parsed = dateparser.parse(value, settings={"REQUIRE_PARTS": ["day", "month", "year"], "RELATIVE_BASE": base})
    return parsed.date() if parsed else None


_LONGEST_DATE = 100
_ISO_LIKE = re.compile(r"[+-]?\d{4,}-\d")
_PUBLICATION_YEARS = range(1900, 2101)
# A date read the same from two different todays depends on neither.
_RELATIVE_BASES = (datetime(2001, 2, 3), datetime(2012, 11, 14))
