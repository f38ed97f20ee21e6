"""Dates resolve against the publication date, or the day a date line opening the text states.
Sentences are copied verbatim from the White House corpus; the expected dates come from the
documents' own dates and calendars."""

from datetime import date

import pytest

from truceline import clauses
from truceline.clean import _date, clean
from truceline.dates import reference_day, resolve_date, sentence_date, stated_day
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

