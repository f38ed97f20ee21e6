"""Frame: read a news text as a person reads a page — the headline, the date line and byline
at its top, the wire's dateline on its first paragraph — and keep the page's furniture (share
buttons, photo credits, newsletter prompts, summaries, other stories' headlines, wire lines)
out of the story.

Furniture is removed from the text rather than marked as non-body spans: the clean stage runs
before any span exists, so every later span indexes into text the coders may read whole, and no
coder needs to know which spans to skip.

No library reads a pasted or scraped page's frame: trafilatura and htmldate read HTML's markup
and metadata, which plain text has lost. The vocabularies are data (`data/frame.toml`); the
shapes (a date, a dateline, a headline) are here. Dates are taken only from the lines above the
story and from its dateline, never from the story itself.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from functools import cache
from importlib import resources

import dateparser

from truceline.dates import publication_day

HEAD_UNITS = 40  # lines read for a headline, a byline and a date line: the top of a page
_ARTICLE_BEGUN_WORDS = 80  # a tail heading ("Comments") after this much story ends it
_TERMINAL = (".", "!", "?", '."', ".”", ".’", "?”", '?"', "!”", '!"', ".)")  # a sentence's end
_STATEMENT_END = (".", '."', ".”", ".’", ".)")  # a statement's: a headline may ask or exclaim

_MONTH = (r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
          r"Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)")
_YEAR = r"(?:19\d\d|20\d\d|2100)"  # the years dates.publication_day keeps
# "Nov. 22, 2023", "November 20th, 2019", "Tue, Nov 19 2019", "Nov 22" (yearless).
_MONTH_DAY = re.compile(rf"\b{_MONTH}\.?\s+\d{{1,2}}(?:st|nd|rd|th)?\b(?:,?\s*{_YEAR})?", re.IGNORECASE)
# "22 November 2023", "20 Nov, 2019", "19 NOV 2019", "22 Nov".
_DAY_MONTH = re.compile(rf"\b\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH}\b\.?(?:,?\s+{_YEAR})?", re.IGNORECASE)
_ISO = re.compile(rf"\b({_YEAR})-(\d\d)-(\d\d)(?!\d)")  # also "2019-11-19T12:48:14Z"
# "11/20/19", "13/06/2014", "19.11.2019": which number is the day is known only when one is over 12.
_NUMERIC = re.compile(rf"\b(\d{{1,2}})/(\d{{1,2}})/((?:19|20)?\d\d)\b|\b(\d{{1,2}})\.(\d{{1,2}})\.({_YEAR})\b")
_HAS_YEAR = re.compile(rf"{_YEAR}\b|{_YEAR}(?=\d{{1,2}}:)")  # "Nov 19 20197:05 AM": a year run into a time
_DATE_WORDS = re.compile(r"^\W*(?:first\s+)?(?:published|posted|updated|last\s+updated|last\s+modified|date|"
                         r"publish\s+date|dated|on)\b", re.IGNORECASE)
_PUBLISHED_WORD = re.compile(r"\b(?:published|posted|first published|publish date)\b", re.IGNORECASE)
_UPDATED_WORD = re.compile(r"\b(?:updated|modified)\b", re.IGNORECASE)
# "By Meg James", "BY: Beachbody", "By" alone; not "By taking", nor a proclamation's "BY THE PRESIDENT".
_BYLINE = re.compile(r"^\W*(?i:by|written by|posted by|analysis by|words by|story by|reporting by)"
                     r"(?!\s+(?i:the\s+president)\b)(?:\s*:?\s*(?:[A-Z]|$)|:)")
_SHAPE_ONLY = re.compile(r"^\s*(?:(?=[0-9-]*[a-f])[0-9a-f\-]{8,}|\d+|[#*_=~-]{3,}|\W+)\s*$")
_COMMENT_COUNT = re.compile(r"^\s*\[?\s*\d+\s+(?:comments?|responses?|replies)\b", re.IGNORECASE)
_SITE_SEPARATOR = re.compile(r"\s+[|–—-]\s+")
# Lines naming where a syndicated text comes from: kept as `original_source`, not as text.
_SYNDICATION = re.compile(
    r"^\s*(original source:|this article (originally )?appeared (first )?(on|in)|originally published (by|on|in)|"
    r"copyright\s*(@|©|\(c\))?\s*\d{4}|via(?=\s+\S+\.[a-z]{2,}\b)|this article has been adapted from its original source)"
    r"\s*(?P<name>.*?)\.?\s*$", re.IGNORECASE)
_RIGHTS = re.compile(r"(?:,?\s*(?:inc|ltd|llc)\b\.?)?\s*(?:all rights reserved\.?)?\s*$", re.IGNORECASE)
# A wire's dateline opening the story: "CAIRO, Nov 22 (Reuters) -", "April 19 (UPI) --",
# "WASHINGTON (AP) —", "(Reuters) -"; the place is checked in `_dateline`.
_DATELINE = re.compile(r"^(?P<place>[^()\n:—–|]{0,60}?)\s*(?:\((?P<source>[^()\n]{1,40})\)\s*)?"
                       r"(?:--|-|–|—|:)\s+(?=\S)")
_SOURCE_NAME = re.compile(r"^[A-Z][A-Za-z.&' -]{1,39}$")  # "Reuters", "HawaiiNewsNow"; not "1-0"
_PIPE_DATELINE = re.compile(r"^(?P<place>[A-Z][A-Z .'’-]{1,40})\s*\|\s*(?P<source>[^|\n]{1,40}?)\s*\|\s*")


@dataclass(frozen=True)
class Frame:
    """What the top and the furniture of a text said, and the story's paragraphs without them."""

    paragraphs: tuple[str, ...]
    title: str | None = None
    published: date | None = None
    published_source: str | None = None  # "byline" (a line above the story) or "dateline"
    date_line: str | None = None  # the line above the story `published` was read from, if one was
    wire: str | None = None
    syndicated_from: str | None = None  # "Original source: ...", "This article first appeared on ..."
    flags: tuple[str, ...] = ()

    @property
    def original_source(self) -> str | None:
        return self.syndicated_from or self.wire


@dataclass(frozen=True)
class _Vocabulary:
    wires: dict[str, str]  # alias as written -> canonical
    wire_alias: re.Pattern
    credit_end: re.Pattern
    credit_start: tuple[str, ...]
    credit_inside: tuple[str, ...]
    furniture_lines: frozenset[str]
    furniture_starts: tuple[str, ...]
    furniture_contains: tuple[str, ...]
    summaries: frozenset[str]
    related: frozenset[str]
    tail: frozenset[str]
    headings: frozenset[str]  # all three: a heading the story's reading handles
    section_prefixes: frozenset[str]


@cache
def vocabulary() -> _Vocabulary:
    with resources.files("truceline").joinpath("data/frame.toml").open("rb") as f:
        data = tomllib.load(f)
    wires = {alias: canonical for canonical, aliases in data["wires"].items() for alias in aliases}
    alternatives = "|".join(map(re.escape, sorted(wires, key=len, reverse=True)))
    agencies = "|".join(map(re.escape, sorted(data["credits"]["agencies"], key=len, reverse=True)))
    furniture = data["furniture"]
    return _Vocabulary(
        wires=wires,
        wire_alias=re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-])"),
        credit_end=re.compile(rf"(?:(?:^|[/,|(.]|\bvia)\s*(?:{agencies})(?:\s+(?:Photo|Images?|file|Pool))?|"
                              rf"\b(?:{agencies})\s?/\s?[A-Z][\w .'’-]{{0,40}})\s*\)?\s*$", re.IGNORECASE),
        credit_start=tuple(data["credits"]["labels"]),
        credit_inside=tuple(data["credits"]["inside"]),
        furniture_lines=frozenset(furniture["lines"]),
        furniture_starts=tuple(furniture["starts"]),
        furniture_contains=tuple(furniture["contains"]),
        summaries=frozenset(data["summaries"]["headings"]),
        related=frozenset(data["related"]["headings"]),
        tail=frozenset(data["tail"]["headings"]),
        headings=frozenset(data["summaries"]["headings"] + data["related"]["headings"] + data["tail"]["headings"]),
        section_prefixes=frozenset(data["titles"]["section_prefixes"]),
    )


def read(units: Sequence[str], *, anchor: date | None = None, headline: bool = True,
         bullets: frozenset[int] = frozenset(), scraped: bool = False, titles: Sequence[str] = ()) -> Frame:
    """The frame of a text given as its paragraphs (or a pasted page's lines), in order.

    `headline`: look for the headline among the top lines (plain text without a stated title;
    an HTML page's title comes from its metadata, and its extracted text starts with the story).
    `titles`, those the text's source states, are dropped where the text repeats them. `anchor`
    dates a yearless date line ("Nov 22"): the day the text was fetched. `bullets` are the
    indexes of units that were list items (a summary's bullet points). In `scraped` text a
    paragraph printed twice (a highlight, a caption) is kept once; trafilatura has already
    judged an HTML page's repeats, which there are often the article's own."""
    vocab = vocabulary()
    units = [u.strip() for u in units]
    kinds = [_kind(u, vocab) for u in units]
    start = _story_start(units, kinds, vocab)
    title_at = _headline(units, kinds, start) if headline else None
    dropped: set[int] = set()
    dates: list[tuple[tuple[int, int, int], date]] = []
    wire = None
    for i in range(min(start, HEAD_UNITS)):
        kind, unit = kinds[i], units[i]
        if kind in ("date", "byline") and (found := find_date(unit, anchor)):
            above_headline = int(title_at is not None and i < title_at)
            dates.append(((_date_rank(unit), above_headline, i), found))
        if wire is None and i != title_at and kind in ("byline", "label", "date", "text") and not _is_sentence(unit):
            wire = _wire_of_byline(unit, vocab)
        if i == title_at or kind in ("furniture", "credit", "date", "byline"):
            dropped.add(i)
        elif title_at is not None and _fold(unit) not in vocab.headings and (
                kind == "label" or (i < title_at and not _is_long(unit)) or (i > title_at and not _is_sentence(unit))):
            dropped.add(i)  # a section label above the headline, a name or label under it
    flags = ["caption_removed" if kinds[i] == "credit" else "boilerplate_removed" for i in sorted(dropped - {title_at})]
    published, source = (min(dates)[1], "byline") if dates else (None, None)
    date_line = units[min(dates)[0][2]] if dates else None
    told = [*titles, *([units[title_at]] if title_at is not None else [])]
    story = _Story(vocab, anchor, scraped, {_fold(t) for t in told},
                   _byline_names(units[i] for i in sorted(dropped) if kinds[i] in ("byline", "label", "text")))
    for i in range(len(units)):
        if i not in dropped and not story.add(units, kinds, i, i in bullets, i == start):
            break
    if published is None and story.dateline_date is not None:
        published, source = story.dateline_date, "dateline"
    return Frame(paragraphs=tuple(story.kept), title=units[title_at] if title_at is not None else None,
                 published=published, published_source=source, date_line=date_line, wire=story.wire or wire,
                 syndicated_from=story.syndicated_from, flags=tuple(dict.fromkeys([*flags, *story.flags])))


class _Story:
    """The story's paragraphs, read one by one after its top: what goes and why (`flags`)."""

    def __init__(self, vocab: _Vocabulary, anchor: date | None, scraped: bool, titles: set[str], authors: set[str]):
        self.vocab, self.anchor, self.scraped, self.titles = vocab, anchor, scraped, titles
        self.authors = authors  # the byline's names: their author box at the end goes too
        self.kept: list[str] = []
        self.flags: list[str] = []
        self.wire: str | None = None
        self.dateline_date: date | None = None
        self.syndicated_from: str | None = None
        self.skipping: str | None = None  # "bullets" after a summary's heading, "headlines" after related stories'
        self.begun = False  # whether the story has begun (its top is read apart)

    def add(self, units: list[str], kinds: list[str], i: int, bullet: bool, first: bool) -> bool:
        """Keep or drop the i-th paragraph; False when the page's tail begins and the story ends."""
        unit, kind, vocab = units[i], kinds[i], self.vocab
        folded = _fold(unit)
        if self.skipping == "bullets" and bullet:
            return self._drop("summary_removed")
        if self.skipping == "headlines" and (kind not in ("text", "label") or
                                             (_is_headline_like(unit) and not _is_sentence(unit))):
            return self._drop("related_removed")
        self.skipping = None
        syndication = _SYNDICATION.match(unit) if len(unit) < 120 else None
        if folded in vocab.tail or _COMMENT_COUNT.match(unit):
            if sum(len(p.split()) for p in self.kept) >= _ARTICLE_BEGUN_WORDS:
                self.flags.append("page_tail_removed")
                return False
            return self._drop("boilerplate_removed")
        if syndication:
            name = _RIGHTS.sub("", syndication.group("name")).strip(" ,.")
            self.syndicated_from = vocab.wires.get(name, name) or self.syndicated_from
            return True
        if folded in vocab.summaries:
            self.skipping = "bullets"
            return self._drop("summary_removed")
        if folded in vocab.related:
            self.skipping = "headlines"
            return self._drop("related_removed")
        if kind == "credit":
            return self._drop("caption_removed")
        if kind not in ("text", "label"):
            return self._drop("boilerplate_removed")
        if folded in self.titles:
            return self._drop("repeated_headline_removed")
        if self.begun and self._about_author(unit):
            return self._drop("boilerplate_removed")
        if not first and self.begun and _is_teaser(units, kinds, i):
            return self._drop("related_removed")
        if self.scraped and unit in self.kept:
            return self._drop("duplicate_paragraph_removed")
        if first:
            self.begun = True
            unit, self.wire, self.dateline_date = _dateline(unit, vocab, self.anchor)
            if unit != units[i]:
                self.flags.append("dateline_removed")
        self.kept.append(unit)
        return True

    def _about_author(self, unit: str) -> bool:
        """The byline's author again, in the page's author box: the name alone or with the site
        ("Jason Cipriani/ZDNet"), or a line about them ("Dallas Robinson is a freelance writer")."""
        words = len(unit.split())
        return any((words <= _AUTHOR_BOX_WORDS and unit.startswith(name)) or (words <= 8 and name in unit)
                   for name in self.authors)

    def _drop(self, flag: str) -> bool:
        self.flags.append(flag)
        return True


def is_heading(line: str) -> bool:
    """Whether a line heads a page's list: a summary's, related stories', the page's tail."""
    return _fold(line) in vocabulary().headings


def is_frame_line(line: str) -> bool:
    """Whether a line is a byline, a date line stating a full date or a page's button ("Listen
    to this article"): one a page prints on a line of its own, never the continuation of a wrapped sentence ("on 19-20 November.", "by
    Hamas terrorists.")."""
    kind = _kind(line, vocabulary())
    return ((kind == "byline" and line[:1].isupper()) or (kind == "date" and find_date(line, None) is not None)
            or _fold(line) in vocabulary().furniture_lines)


def _byline_names(lines) -> set[str]:
    """The people a page's top names as its authors: "By Meg James", "Tim Childers - Live
    Science Contributor", "By Lisa Kaczke and Trevor J. Mitchell", a name on a line of its own."""
    names = set()
    for line in lines:
        for part in re.split(r"[,|/•·@]|\s[-–—]\s|\band\b", _BY.sub("", line, count=1)):
            words = part.split()
            if 2 <= len(words) <= 4 and all(w[:1].isupper() and not any(c.isdigit() for c in w) for w in words):
                names.add(" ".join(words))
    return names


_BY = re.compile(r"^\W*(?:by|written by|posted by|analysis by|words by|story by|reporting by)\b\s*:?\s*", re.IGNORECASE)
_AUTHOR_BOX_WORDS = 60  # an author box's line about its author is short


def _kind(unit: str, vocab: _Vocabulary) -> str:
    """What a line is: "furniture", "credit", "date" (a date line), "byline", "label" (a
    one- to three-word label without a verb's punctuation) or "text"."""
    folded = _fold(unit)
    words = len(unit.split())
    if not unit or _SHAPE_ONLY.match(unit) or folded in vocab.furniture_lines:
        return "furniture"
    if words <= 40 and (folded.startswith(vocab.furniture_starts) or
                        (words <= 30 and any(c in folded for c in vocab.furniture_contains))):
        return "furniture"
    if words <= 25 and _BYLINE.match(unit) and not _is_sentence(unit):
        return "byline"
    if (words <= 40 and folded.startswith(vocab.credit_start)) or (words <= 80 and (
            vocab.credit_end.search(unit) or any(c in folded for c in vocab.credit_inside))):
        return "credit"
    if (words <= 20 and not _is_sentence(unit) and "(@" not in unit and not unit.endswith((".", "?"))
            or unit.endswith(("a.m.", "p.m."))) and _is_date_line(unit):
        return "date"
    if words <= 3 and not unit.endswith(_TERMINAL) and folded not in vocab.headings:
        return "label"
    return "text"


def _is_date_line(unit: str) -> bool:
    """A line that states when, and little else: "Published Nov 18, 2019 at 4:07 PM | Updated
    ...", "Chris Davies - Nov 19, 2019, 8:15 pm CST", not a tour's "June 26 -- PPL Center,
    Allentown, PA" nor a tweet's signature."""
    if _DATE_WORDS.match(unit) and not find_date(unit, None, year=False):
        return len(unit.split()) <= 4  # "Published", "Updated", "Published 1 day ago"
    rest = unit
    for pattern in (_MONTH_DAY, _DAY_MONTH, _ISO, _NUMERIC):
        rest = pattern.sub(" ", rest)
    if rest == unit:
        return False
    others = [w for w in re.findall(r"[^\W\d_][\w.'’]*", rest) if w.casefold().strip(".") not in _DATE_LINE_WORDS]
    return len(others) <= (8 if _PUBLISHED_WORD.search(unit) or _UPDATED_WORD.search(unit) else 2)


_DATE_LINE_WORDS = {
    "published", "posted", "updated", "last", "modified", "first", "original", "originally", "on", "at", "date",
    "publish", "dated", "am", "pm", "a.m", "p.m", "gmt", "utc", "est", "edt", "pst", "pdt", "cst", "cdt", "mst",
    "mdt", "bst", "cet", "cest", "ist", "hst", "amt", "hkt", "by", "today", "ago", "hours", "hour", "minutes",
    "day", "days", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "mon", "tue",
    "tues", "wed", "thu", "thurs", "fri", "t", "z"}


def _story_start(units: list[str], kinds: list[str], vocab: _Vocabulary) -> int:
    """Where the story begins: its first paragraph that opens with a wire's dateline, or its
    first long paragraph that no byline or date line follows closely (one that does is the
    standfirst under the headline); else its first long paragraph."""
    top = range(min(len(units), HEAD_UNITS))
    long_at = [i for i in top if kinds[i] == "text" and _is_long(units[i])]
    for i in top:
        if kinds[i] != "text":
            continue
        if _dateline(units[i], vocab, None)[0] != units[i]:
            return i
        if i in long_at and not any(k in ("byline", "date") for k in kinds[i + 1:i + 1 + _STANDFIRST_GAP]):
            return i
    return long_at[0] if long_at else len(top)  # no paragraph of a story yet: all of the top is read as such


_STANDFIRST_GAP = 4  # a standfirst's byline or date line follows within this many lines


def _headline(units: list[str], kinds: list[str], start: int) -> int | None:
    """The first headline-like line above the story. A breadcrumb run into the headline
    ("HomeLatest NewsKate Henshaw Is ...") yields to the headline alone on the next line."""
    for i in range(min(start, HEAD_UNITS)):
        if kinds[i] == "text" and _is_headline_like(units[i]):
            if "text" not in kinds[i + 1:]:
                return None  # a headline heads a story: a line with none after it is the story
            after = next((j for j in range(i + 1, min(start, HEAD_UNITS)) if kinds[j] == "text"), None)
            if after is not None and _is_headline_like(units[after]) and units[i].endswith(units[after]):
                return after
            return i
    return None


def _is_headline_like(unit: str) -> bool:
    words = unit.split()
    if (not 4 <= len(words) <= 30 or len(unit) > 250 or unit.endswith((",", ";", ":"))
            or not (unit[0].isupper() or unit[0].isdigit() or unit[0] in "\"'‘“[")):
        return False
    if unit.endswith(_STATEMENT_END) and not unit.endswith("..."):  # a sentence, unless its words are capitalised
        capitalised = sum(w[0].isupper() or not w[0].isalpha() for w in words)
        return capitalised >= 0.7 * len(words)
    return True


def _is_teaser(units: list[str], kinds: list[str], i: int) -> bool:
    """Another story's headline inside this one: a headline-like line followed by its byline
    or its date line ("Russia: Israeli strikes on Syria wrong move" / "By REUTERS" / "11/20/2019")."""
    following = kinds[i + 1] if i + 1 < len(units) else None
    return following in ("byline", "date") and _is_headline_like(units[i]) and not _is_sentence(units[i])


def _is_long(unit: str) -> bool:
    """A paragraph of the story, not a headline: long, or a statement (a headline may ask)."""
    words = len(unit.split())
    return words >= 25 or (words >= 12 and unit.endswith(_STATEMENT_END))


def _is_sentence(unit: str) -> bool:
    return not unit.endswith(("a.m.", "p.m.")) and (_is_long(unit) or (len(unit.split()) >= 8 and unit.endswith(_TERMINAL)))


def _fold(unit: str) -> str:
    return " ".join(unit.casefold().split()).rstrip(":.").strip()


def _date_rank(unit: str) -> int:
    """Which of a page's dates is its publication date: "Published" before an unmarked date
    before "Updated"."""
    return 0 if _PUBLISHED_WORD.search(unit) else 2 if _UPDATED_WORD.search(unit) else 1


def _wire_of_byline(unit: str, vocab: _Vocabulary) -> str | None:
    """The agency a byline names: "By Reuters", "Reuters", "Tom Davies, Associated Press",
    "PTI, Washington," — the agency as a part of the line of its own, not inside a name."""
    parts = [p.strip() for p in re.split(r"[,|•·]|\s[-–—]\s|\bby\b", unit, flags=re.IGNORECASE)]
    for part in parts:
        words = part.split()
        if part in vocab.wires:
            return vocab.wires[part]
        if len(words) > 1 and words[-1].casefold() in _STAFF and words[0].upper() in vocab.wires:
            return vocab.wires[words[0].upper()]  # "Ap National Political Writer"
    return None


_STAFF = {"writer", "correspondent", "reporter", "editor", "staff"}


def _dateline(paragraph: str, vocab: _Vocabulary, anchor: date | None) -> tuple[str, str | None, date | None]:
    """The paragraph without its wire dateline, the wire and the date the dateline states.
    A dateline of a place alone ("VIENNA —") stays: it is the story's own sentence start."""
    match = _PIPE_DATELINE.match(paragraph) or _DATELINE.match(paragraph)
    if match is None:
        return paragraph, None, None
    place, source = match.group("place").strip(" ,"), (match.group("source") or "").strip()
    if source and not (source in vocab.wires or _SOURCE_NAME.match(source)):
        return paragraph, None, None
    when = find_date(place, anchor) if place else None
    words = place.split()
    if source and not (len(words) <= 6 and all(w[:1].isupper() or w[:1].isdigit() for w in words)):
        return paragraph, None, None
    if not source and not (when and (words[0].isupper() or _MONTH_DAY.match(place) or _DAY_MONTH.match(place))):
        return paragraph, None, None
    wire = vocab.wires.get(source)
    return paragraph[match.end():], wire, when


def find_date(text: str, anchor: date | None, *, year: bool = True) -> date | None:
    """The first full date a short line states; a yearless one ("Nov 22") only with an
    `anchor` (the latest such day on or before it). With `year=False`, whether the line states
    a date at all, yearless or not (a date line's test). None rather than a guess: "04/05/2019"
    could be April or May."""
    candidates = sorted((m.start(), m.group()) for pattern in (_MONTH_DAY, _DAY_MONTH, _ISO, _NUMERIC)
                        for m in pattern.finditer(text))
    for _, candidate in candidates:
        found = _parse(candidate, anchor if year else date.today())
        if found is not None:
            return found
    return None


def _parse(candidate: str, anchor: date | None) -> date | None:
    if iso := _ISO.fullmatch(candidate):
        return _valid(*map(int, iso.groups()))
    if numeric := _NUMERIC.fullmatch(candidate):
        a, b, y = (int(g) for g in (numeric.groups()[:3] if numeric.group(1) else numeric.groups()[3:]))
        y += 2000 if y < 100 else 0
        if a > 12 >= b:
            return _valid(y, b, a)
        if b > 12 >= a or a == b:
            return _valid(y, a, b)
        return None
    # Month names: dateparser, on the short phrase alone. Its year, if any, is the phrase's own.
    stated = _HAS_YEAR.search(candidate)
    if stated is None and anchor is None:
        return None
    phrase = candidate if stated is None else candidate[:stated.end()]
    settings = {"REQUIRE_PARTS": ["day", "month"] + (["year"] if stated else []), "PREFER_DATES_FROM": "past"}
    if anchor is not None:
        settings["RELATIVE_BASE"] = datetime(anchor.year, anchor.month, anchor.day)
    parsed = dateparser.parse(re.sub(rf"({_YEAR})(?=\d)", r"\1 ", phrase), languages=["en"], settings=settings)
    return _valid(parsed.year, parsed.month, parsed.day) if parsed else None


def _valid(year: int, month: int, day: int) -> date | None:
    try:
        return publication_day(date(year, month, day))
    except ValueError:
        return None


def clean_title(title: str, site: str | None, others: Sequence[str] = ()) -> str:
    """A metadata title without the site's name or a section label around it: "Daily Deals:
    ... - IGN" is "Daily Deals: ...", "Opinion | Republicans Are ..." is "Republicans Are ...".
    A suffix is also known as such when another title the page gives stops before it (its
    JSON-LD headline without "- Auto News")."""
    vocab = vocabulary()
    site_key = _key(site or "")
    separators = list(_SITE_SEPARATOR.finditer(title))
    while separators:
        last = separators[-1]
        suffix, before = title[last.end():], title[:last.start()]
        if not ((site_key and _is_site(_key(suffix), site_key)) or _fold(suffix) in vocab.section_prefixes
                or any(_fold(o) == _fold(before) for o in others)):
            break
        title = before
        separators.pop()
    first = next(iter(separators), None)
    if first and "|" in first.group() and _fold(title[:first.start()]) in vocab.section_prefixes:
        title = title[first.end():]
    return title.strip()


def _key(name: str) -> str:
    return re.sub(r"\W", "", name.casefold())


def _is_site(key: str, site_key: str) -> bool:
    return bool(key) and (key in site_key or site_key in key)
