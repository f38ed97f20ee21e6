"""Dates stated in the text, resolved against the publication date — never against today."""

from __future__ import annotations

import functools
import re
from datetime import date, datetime, timedelta

import dateparser
from spacy.tokens import Doc, Span

from truceline.spans import per_document, sentence_ents, sentence_words

MONTH_NAMES = ("january", "february", "march", "april", "may", "june", "july", "august", "september",
               "october", "november", "december")
# Abbreviations; a pattern that follows them with [a-z]* reads the full names too.
MONTHS = "|".join([name[:3] for name in MONTH_NAMES] + ["sept"])
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
# Words around a date that dateparser does not understand ("early Thursday", "on Friday night").
_NOISE = re.compile(
    r"\b(early|earlier|late|mid|on|by|since|until|through|the|of|morning|afternoon|evening|night|overnight)\b",
    re.IGNORECASE,
)
# A DATE entity is only a point in time if it names one; "four days" or "weeks" is a duration.
_POINT_IN_TIME = re.compile(
    r"\b(\d{1,2}|\d{4}|ago|yesterday|today|tonight|tomorrow|last|next|this|"
    + MONTHS + "|" + "|".join(WEEKDAYS) + r")\w*\b",
    re.IGNORECASE,
)
_YEAR = re.compile(r"\b(19|20)\d{2}\b")
# "back in '22", "the '90s", "the 1990s": a year or a decade, which dateparser reads as a day.
_SHORT_YEAR = re.compile(r"['‘’]\d{2}s?\b|\b(19|20)\d0s\b")
# "1 year", "200 years", "24 hours": a count of units without "ago" is a duration, which
# dateparser reads as that long ago.
_COUNT = re.compile(r"^[\d,]+\s+(second|minute|hour|day|week|month|year|decade|centur)\w*$", re.IGNORECASE)
# "last night", "last evening": the day before (a TIME entity, which _NOISE would leave as "last").
_EVE = re.compile(r"^(late\s+)?last\s+(night|evening)$", re.IGNORECASE)
# "Friday", "Tuesday's", "last Friday": dateparser reads no "last" before a weekday.
_WEEKDAY = re.compile(rf"^(last\s+)?({'|'.join(WEEKDAYS)})(?:['’]s)?$", re.IGNORECASE)
# "next year", "later this month": a period, not a day.
_PERIOD = re.compile(r"\b(next|last|this|coming|past|previous)\s+(year|month|week|decade)\b", re.IGNORECASE)
# The days a publication can bear, one rule for every reader of a date (metadata, datelines, the
# web's day parameters): the calendar's ends overflow date arithmetic (a month after 9999-12-31).
FIRST_DAY, LAST_DAY = date(1900, 1, 1), date(2100, 12, 31)


def publication_day(day: date | None) -> date | None:
    """`day`, if a publication can bear it."""
    return day if day is not None and FIRST_DAY <= day <= LAST_DAY else None


_MONTH = re.compile(rf"\b({MONTHS})[a-z]*\.?\s+\d{{1,2}}(st|nd|rd|th)?\b|\b\d{{1,2}}(st|nd|rd|th)?\s+({MONTHS})",
                    re.IGNORECASE)


# Days known by a name, which no calendar resolves.
NAMED_DAYS = {"9/11": date(2001, 9, 11), "d-day": date(1944, 6, 6)}


@functools.lru_cache(maxsize=1 << 14)
def resolve_date(expression: str, anchor: date | None, *, future: bool = False) -> date | None:
    """The calendar date `expression` names, read as of `anchor` (the publication date).

    Without an anchor only expressions that state their year resolve: a relative date
    has nothing to be relative to. `future` reads a bare weekday or month-day forwards
    ("talks will resume on Friday") instead of backwards ("Hamas said on Friday").

    Cached: dateparser is most of a date's cost and news repeats its phrases (training's
    tuning reads each sentence's dates hundreds of times); the answer depends on the
    arguments alone, never on today.
    """
    if expression.lower() in NAMED_DAYS:
        return NAMED_DAYS[expression.lower()]
    if not _POINT_IN_TIME.search(expression) or _PERIOD.search(expression) or _SHORT_YEAR.search(expression):
        return None
    if anchor is None and not _YEAR.search(expression):
        return None
    if _EVE.match(" ".join(expression.split())) and anchor is not None:
        return anchor - timedelta(days=1)
    cleaned = " ".join(_NOISE.sub(" ", expression).split())
    if _COUNT.match(cleaned):
        return None
    if cleaned.lower() in ("this", "today", "tonight") and anchor is not None:
        return anchor  # "this morning", "tonight"
    weekday = _WEEKDAY.match(cleaned)
    if weekday and anchor is not None:
        name = weekday.group(2).lower()
        if weekday.group(1):  # "last Friday" in Friday's paper is a week back
            return _weekday(name, anchor - timedelta(days=1), False)
        return _weekday(name, anchor, future)
    # Without an anchor, dateparser would read "yesterday" against today: read it against a
    # day no news bears, and keep only a day in a year the expression states.
    base = anchor or FIRST_DAY
    settings = {"PREFER_DATES_FROM": "current_period", "REQUIRE_PARTS": ["day"],
                "RELATIVE_BASE": datetime(base.year, base.month, base.day)}
    parsed = dateparser.parse(cleaned, languages=["en"], settings=settings)
    if parsed is None or anchor is None and str(parsed.year) not in cleaned:
        return None
    if anchor is not None and _MONTH.search(cleaned) and not _YEAR.search(cleaned):
        return _nearest_year(parsed.date(), anchor, future)
    return parsed.date()


def _nearest_year(day: date, anchor: date, future: bool) -> date:
    """A month and day without a year: the anchor's year, or the year before (after, if `future`)
    when that puts the day on the wrong side of the anchor. The anchor's own day stays itself,
    which dateparser's PREFER_DATES_FROM moves a year away."""
    if future and day < anchor or not future and day > anchor:
        try:
            return day.replace(year=day.year + (1 if future else -1))
        except ValueError:  # 29 February
            return day
    return day


def _weekday(name: str, anchor: date, future: bool) -> date:
    """By hand because dateparser's PREFER_DATES_FROM="past" moves "Friday" a week back
    when the anchor itself is a Friday; in news, "on Friday" in Friday's paper is that day."""
    delta = (anchor.weekday() - WEEKDAYS.index(name)) % 7
    if future:
        return anchor + timedelta(days=(-delta) % 7)
    return anchor - timedelta(days=delta)


def sentence_date(sent: Span, anchor: date | None) -> date | None:
    """The first date the sentence states, resolved against `anchor`."""
    future = not sentence_words(sent).isdisjoint(("will", "'ll"))
    for ent in sentence_ents(sent):
        if ent.label_ == "DATE":
            resolved = resolve_date(_since(ent), anchor, future=future)
            if resolved is not None:
                return resolved
    return None


def _since(ent: Span) -> str:
    """A count of units up to "since" as that long ago: "in the 18 days since Hamas killed 1,400
    Israelis" dates the killing; the entity's words otherwise."""
    doc = ent.doc
    counted = _COUNT.match(" ".join(_NOISE.sub(" ", ent.text).split()))
    return f"{ent.text} ago" if counted and ent.end < len(doc) and doc[ent.end].lower_ == "since" else ent.text


# A date on a line of its own, in brackets or not: a transcript's "(December 7, 2023)" under the
# room it was spoken in, a release's "Thursday, December 7, 2023".
_DATE_LINE = re.compile(r"^\W{0,2}(?:[A-Za-z]+day,?\s+)?[A-Za-z]{3,9}\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4}\W{0,2}$")
# How long before its publication a text's words can have been spoken: a transcript is posted the
# next day as a rule (75 of the 83 in the White House corpora whose date line differs from their
# publication date), a call under embargo up to six days later.
SPOKEN_BEFORE = timedelta(days=7)


def stated_day(line: str, published: date | None) -> date | None:
    """The day a date line on its own ("(December 7, 2023)") states as the day of the text's words,
    when it can be: the publication day or up to a week before it. Later, or long before, it is
    not the text's own day ("Tuesday, February 7th, 2023, 9 PM ET" above an announcement of a
    speech; a statute's date)."""
    line = " ".join(line.split())
    if published is None or len(line) > 60 or not _DATE_LINE.match(line):
        return None
    parsed = dateparser.parse(line.strip("()[]*_. "), languages=["en"], settings={"REQUIRE_PARTS": ["day", "year"]})
    if parsed is None or not published - SPOKEN_BEFORE <= parsed.date() <= published:
        return None
    return parsed.date()


def reference_day(doc: Doc, published: date | None) -> date | None:
    """The day a text's relative dates ("yesterday", "on Tuesday", "today") are read against: the
    day its opening date line states (`stated_day`; the clean stage keeps the line where it
    differs from the publication date) — a briefing given on December 7 and posted on the 8th
    says "yesterday" of December 6 — else the publication date."""
    def opening(doc: Doc) -> date | None:
        return stated_day(doc.text[:80].split("\n", 1)[0], published)

    return per_document(doc, f"reference day {published}", opening) or published


# A date that names a time coarser than a day: a month ("in October", "last March", "May 2023"),
# a season ("this fall"), a year ("in 2022", "back in '22"), a period ("last week", "in recent months",
# "in the last three months") or a past it does not count in days ("a week or so ago").
_MONTH_NAME = re.compile(r"\b(" + "|".join(MONTH_NAMES) + "|" + MONTHS + r")\b\.?", re.IGNORECASE)
_SEASON = re.compile(r"\b(spring|summer|fall|autumn|winter)\b", re.IGNORECASE)
_RECENT = re.compile(r"\b(recent|past|last|coming|next)\s+(few\s+|several\s+|couple\s+of\s+|[\w-]+\s+)?(days|weeks|months|years)\b",
                     re.IGNORECASE)
# "a few days ago", "a little more than two weeks ago", "a week or so ago": a past no day names.
_AGO = re.compile(r"\bago\b", re.IGNORECASE)


def names_period(expression: str, anchor: date | None) -> bool:
    """Whether a date names a month, a season, a year or a period and no day in it: a record's
    date is a day, and an event "in October" has none (eval/GUIDE.md: `null` for an undated
    past or future)."""
    if resolve_date(expression, anchor) is not None or _COUNT.match(" ".join(_NOISE.sub(" ", expression).split())):
        return False
    return any(p.search(expression) for p in (_MONTH_NAME, _SEASON, _YEAR, _SHORT_YEAR, _PERIOD, _RECENT, _AGO))
