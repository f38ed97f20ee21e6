"""Dates resolve against the publication date, or the day a date line opening the text states.
Sentences are copied verbatim from the White House corpus; the expected dates come from the
documents' own dates and calendars."""

from datetime import date

import pytest

from truceline import clauses
from truceline.clean import _date, clean
from truceline.dates import names_period, reference_day, resolve_date, sentence_date, stated_day
from truceline.frame import find_date
from truceline.records import RawInput

CASES = [
    # (published, sentence, the date it states)
    (date(2024, 4, 2),
     "I am outraged and heartbroken by the deaths of seven humanitarian workers from World "
     "Central Kitchen, including one American, in Gaza yesterday.",
     date(2024, 4, 1)),
    (date(2023, 10, 16),
     "President Biden will travel to Israel on Wednesday, October 18, to demonstrate his "
     "steadfast support for Israel in the face of Hamas's brutal terrorist attack and to "
     "consult on next steps.",
     date(2023, 10, 18)),
    (date(2024, 5, 8),  # a Wednesday
     "So — as you just said, \"again\" — they spoke earlier this week on Monday.",
     date(2024, 5, 6)),
    (date(2023, 10, 25),  # a count of days up to "since": that long ago
     "And if I may, very quickly — in the 18 days since Hama- — Hamas killed 1,400 Israelis, the "
     "Hamas-controlled Gaza Health Ministry says Israeli forces have killed over 6,000 Palestinians.",
     date(2023, 10, 7)),
]


@pytest.mark.parametrize("published, sentence, expected", CASES)
def test_dates_sentence_date_resolves_against_publication(nlp, published, sentence, expected):
    sent = next(nlp(sentence).sents)
    assert sentence_date(sent, published) == expected


def test_dates_weekday_on_its_own_day_is_that_day():
    # 24 Nov 2023 was a Friday: "on Friday" in Friday's paper is that Friday, not a week back.
    assert resolve_date("on Friday", date(2023, 11, 24)) == date(2023, 11, 24)
    assert resolve_date("early Thursday", date(2023, 11, 24)) == date(2023, 11, 23)
    assert resolve_date("Friday", date(2023, 11, 24), future=True) == date(2023, 11, 24)
    assert resolve_date("Thursday", date(2023, 11, 24), future=True) == date(2023, 11, 30)
    assert resolve_date("last Friday", date(2023, 11, 24)) == date(2023, 11, 17)
    assert resolve_date("last Monday", date(2023, 11, 24)) == date(2023, 11, 20)
    assert resolve_date("Tuesday’s", date(2023, 11, 24)) == date(2023, 11, 21)


def test_dates_relative_expressions_need_an_anchor():
    assert resolve_date("two weeks ago", date(2023, 11, 24)) == date(2023, 11, 10)
    assert resolve_date("two weeks ago", None) is None
    assert resolve_date("yesterday", None) is None
    assert resolve_date("October 10, 2025", None) == date(2025, 10, 10)
    # a year beside a relative word: dateparser reads the word against today, which a
    # publication without a date must never be dated by
    assert resolve_date("yesterday, 2023", None) is None


def test_dates_durations_are_not_dates():
    assert resolve_date("four days", date(2023, 11, 24)) is None
    assert resolve_date("the next 60 days", date(2024, 11, 26)) is None
    # a count of units without "ago", which dateparser reads as that long ago
    for duration in ("1 year", "200 years", "24 hours"):
        assert resolve_date(duration, date(2024, 2, 7)) is None
    assert resolve_date("10 days ago", date(2024, 2, 7)) == date(2024, 1, 28)


def test_dates_last_night_is_the_day_before():
    assert resolve_date("last night", date(2024, 2, 7)) == date(2024, 2, 6)
    assert resolve_date("late last night", date(2024, 2, 7)) == date(2024, 2, 6)
    assert resolve_date("earlier today", date(2024, 2, 7)) == date(2024, 2, 7)


def test_dates_month_day_without_year_reads_backwards():
    # A New Year's Day article that speaks of "December 31" means the day before.
    assert resolve_date("December 31", date(2024, 1, 1)) == date(2023, 12, 31)
    # an ordinal too: "October 7th" in February 2024 is last October, not next
    assert resolve_date("October 7th", date(2024, 2, 16)) == date(2023, 10, 7)


def test_dates_month_day_on_the_anchor_day_is_that_day():
    # A statement of 18 May 2024 announcing talks "on May 18" means that day, not May 2025.
    assert resolve_date("May 18", date(2024, 5, 18), future=True) == date(2024, 5, 18)
    assert resolve_date("May 18", date(2024, 5, 18)) == date(2024, 5, 18)
    assert resolve_date("January 19", date(2024, 12, 20), future=True) == date(2025, 1, 19)


def test_dates_periods_are_not_days():
    for period in ("next year", "last year", "later this month", "next week"):
        assert resolve_date(period, date(2024, 5, 18)) is None


@pytest.mark.parametrize("stated", ["1899-12-31", "1900-01-01", "2040-06-01", "2100-12-31", "2101-01-01"])
def test_a_stated_day_is_kept_or_refused_by_one_rule_in_metadata_and_in_a_date_line(stated):
    # the frame reader once refused days after the run's today, the metadata's reader days after 2100
    expected = date.fromisoformat(stated) if "1900" <= stated[:4] <= "2100" else None
    assert _date(stated) == find_date(stated, None) == expected


def _briefing_of_december_7():
    """A White House briefing given on 7 December 2023 and posted on the 8th (train split)."""
    from conftest import wh_document

    d = wh_document("2023-12-08-press-briefing-by-press-secretary-karine-jean-pierre-and-nsc")
    return clean(RawInput(d["source_url"], d["text"].encode(), "text",
                          meta={"title": d["title"], "date": d["date"], "url": d["source_url"]}))


def test_dates_a_date_line_of_its_own_states_the_day_of_the_words():
    published = date(2023, 12, 8)
    for line in ("(December 7, 2023)", "December 7, 2023", "Thursday, December 7, 2023", "(Dec. 7, 2023)"):
        assert stated_day(line, published) == date(2023, 12, 7)
    assert stated_day("(December 8, 2023)", published) == published
    # the day of a speech announced above its announcement, a date long before, a line with more
    assert stated_day("Tuesday, February 7th, 2023, 9 PM ET", date(2023, 2, 4)) is None
    assert stated_day("(November 7, 2023)", published) is None
    assert stated_day("(December 9, 2023)", published) is None
    assert stated_day("James S. Brady Press Briefing Room", published) is None
    assert stated_day("(December 7, 2023)", None) is None


def test_clean_keeps_a_date_line_of_another_day_than_the_publication_date():
    document = _briefing_of_december_7()
    assert document.published == date(2023, 12, 8)
    assert document.text.startswith("(December 7, 2023)\n\nJames S. Brady Press Briefing Room\n\n1:36 P.M. EST")
    # a date line of the publication day is the page's date line, dropped as before
    same = clean(RawInput("x", b"East Room\n\n(December 8, 2023)\n\n2:31 P.M. EST\n\nTHE PRESIDENT: Thank you.",
                          "text", meta={"date": "2023-12-08"}))
    assert same.text.startswith("East Room\n\n2:31 P.M. EST")


def test_dates_relative_dates_read_against_the_day_a_briefing_was_given(nlp):
    document = _briefing_of_december_7()
    end = document.text.index("providing funds to the Houthis in Yemen.") + 40
    doc = nlp(document.text[:end])
    announced = next(t for t in doc if t.text == "announced" and "Treasury" in t.sent.text)
    grieve = next(t for t in doc if t.text == "grieve")
    lost = next(t for t in grieve.sent if t.text == "lost")
    published = document.published
    assert reference_day(doc, published) == date(2023, 12, 7)
    # "the Treasury Department announced today sanctions on 13 individuals" (7 December)
    assert clauses.event_date([announced], published) == date(2023, 12, 7)
    # "the three lives lost at UNLV yesterday": the shooting of 6 December
    assert clauses.clause_date([lost], published) == date(2023, 12, 6)
    # no date stated: the publication date, as eval/GUIDE.md dates the time of writing
    assert clauses.event_date([grieve], published) == published


def test_dates_without_a_date_line_the_publication_date_is_the_reference(nlp):
    doc = nlp("James S. Brady Press Briefing Room\n\n1:36 P.M. EST\n\nThe Treasury Department announced today "
              "sanctions on 13 individuals and entities.")
    assert reference_day(doc, date(2023, 12, 8)) == date(2023, 12, 8)
    assert clauses.event_date([next(t for t in doc if t.text == "announced")], date(2023, 12, 8)) == date(2023, 12, 8)


@pytest.mark.parametrize("expression", ["in October", "last March", "May 2023", "in 2022", "this fall", "last week",
                                        "earlier this month", "in recent months", "mid-October", "early 2024",
                                        # press briefings' (audits 50 and 51: dated on the briefing's day)
                                        "in the last three months", "a week or so ago", "a little more than two weeks ago",
                                        "back in ‘22", "the 1990s"])
def test_dates_months_years_and_periods_name_no_day(expression):
    assert names_period(expression, date(2024, 5, 18))
    assert resolve_date(expression, date(2024, 5, 18)) is None


@pytest.mark.parametrize("expression", ["today", "yesterday", "on Tuesday", "December 7", "four days", "weeks",
                                        "18 months", "three days ago"])
def test_dates_days_and_durations_are_no_periods(expression):
    assert not names_period(expression, date(2024, 5, 18))


@pytest.mark.parametrize(("text", "verb", "published"), [
    # Sentences of White House readouts and fact sheets (dev split), coded undated in the gold.
    ("In September 2024, Angola agreed to join Department of Defense’s State Partnership Program (SPP) executed "
     "by the National Guard Bureau.", "agreed", date(2024, 12, 2)),
    ("Last week, together with 13 allies and partners, we issued an unequivocal warning that Houthi rebels would "
     "bear the consequences if their attacks did not cease.", "issued", date(2024, 1, 11)),
    ("To that end, the United States government will host a conference this fall that brings together U.S. "
     "defense industry, Ukrainian business leaders, and officials from both governments.", "host", date(2023, 9, 21)),
])
def test_dates_an_event_in_a_month_a_year_or_a_period_is_undated(nlp, text, verb, published):
    head = next(t for t in nlp(text) if t.text == verb)
    assert clauses.event_date([head], published) is None


def test_dates_a_period_carries_through_its_paragraph_undated(nlp):
    doc = nlp("Last week, together with 13 allies and partners, we issued an unequivocal warning to the Houthis. "
              "We also joined more than 40 nations in condemning Houthi threats.\n\n"
              "Ukraine highlighted its early recovery priorities for 2023. Pyle reiterated the commitment to support "
              "Ukraine.")
    published = date(2024, 1, 11)
    joined, highlighted, reiterated = (next(t for t in doc if t.text == w)
                                       for w in ("joined", "highlighted", "reiterated"))
    assert clauses.event_date([joined], published) is None
    # "for 2023" is the priorities' scope, not the day of the act: the publication date as before
    assert clauses.event_date([highlighted], published) == published
    assert clauses.event_date([reiterated], published) == published
