"""The frame of a news text: headline, date line, byline, wire and page furniture, read as a person
reads a page. The texts here are SYNTHETIC (written for these tests) unless they come from a
Zyte benchmark page in ../shared."""

from __future__ import annotations

from datetime import date

import pytest

from truceline import frame
from truceline.clean import clean
from truceline.records import RawInput

from conftest import scrapinghub_page


def _clean(text: str, **meta: str):
    return clean(RawInput(source="pasted.txt", content=text.encode("utf-8"), kind="text", meta=meta))


STORY = ("Egyptian mediators met both delegations on Wednesday to discuss a longer pause in the fighting, "
         "two officials said, as aid trucks waited at the crossing.\n\n"
         "The officials said the talks would continue on Thursday and that both sides had agreed to stay "
         "in the city for another day of meetings.")


def test_a_pasted_headline_becomes_the_title_and_leaves_the_text():
    document = _clean("Mediators press for a longer pause in Gaza\n\n" + STORY)
    assert (document.title, document.title_source) == ("Mediators press for a longer pause in Gaza", "headline")
    assert document.text.startswith("Egyptian mediators met")


def test_a_headline_printed_twice_counts_once():
    document = _clean("Mediators press for a longer pause in Gaza\n\nMediators press for a longer pause in Gaza\n\n" + STORY)
    assert document.title == "Mediators press for a longer pause in Gaza"
    assert "Mediators press" not in document.text


def test_a_title_the_input_states_wins_over_the_headline():
    document = _clean("Mediators press for a longer pause in Gaza\n\n" + STORY, title="Talks in Cairo")
    assert (document.title, document.title_source) == ("Talks in Cairo", "metadata")


@pytest.mark.parametrize("line, published", [
    ("By Reuters - 22 November 2023", date(2023, 11, 22)),
    ("Updated 18 March 2025, 05:19", date(2025, 3, 18)),
    ("date 2024-11-26", date(2024, 11, 26)),
    ("Published November 20th, 2019 - 07:29 GMT", date(2019, 11, 20)),
    ("Posted by Jane Roe on November 19, 2019, 6:21 AM EST", date(2019, 11, 19)),
    ("Monday November 18, 2019 7:45 am PST by Joe Bloggs", date(2019, 11, 18)),
    ("Published Tue, Nov 19 20197:05 AM EST", date(2019, 11, 19)),  # a year run into a time
    ("11/20/19 6:38 AM", date(2019, 11, 20)),
    ("13/06/2014", date(2014, 6, 13)),
    ("19.11.2019, 08:57", date(2019, 11, 19)),
    ("2019-11-19T12:48:14Z", date(2019, 11, 19)),
])
def test_a_date_line_under_the_headline_dates_the_text(line, published):
    document = _clean(f"Mediators press for a longer pause in Gaza\n{line}\n\n{STORY}")
    assert (document.published, document.published_source) == (published, "byline")
    assert line not in document.text and document.title == "Mediators press for a longer pause in Gaza"


def test_an_ambiguous_numeric_date_is_left_empty():
    assert frame.find_date("04/05/2019", None) is None


def test_a_wire_dateline_gives_the_wire_and_with_an_anchor_the_year():
    text = "Mediators press for a longer pause in Gaza\n\nCAIRO, Nov 22 (Reuters) - " + STORY
    fetched = _clean(text, fetched="2023-11-23")
    assert (fetched.published, fetched.published_source) == (date(2023, 11, 22), "dateline")
    assert fetched.original_source == "Reuters" and fetched.text.startswith("Egyptian mediators met")
    assert _clean(text).published is None  # no year and nothing to anchor one: left empty


@pytest.mark.parametrize("opening, wire", [
    ("April 19 (UPI) -- ", "UPI"), ("WASHINGTON (AP) — ", "Associated Press"), ("ISTANBUL | Xinhua | ", "Xinhua"),
    ("(Reuters) - ", "Reuters"),
])
def test_wire_datelines_of_each_form_leave_the_text(opening, wire):
    document = _clean("Mediators press for a longer pause in Gaza\n\n" + opening + STORY)
    assert document.original_source == wire and document.text.startswith("Egyptian mediators met")


def test_a_place_alone_is_the_story_own_opening():
    document = _clean("Mediators press for a longer pause in Gaza\n\nVIENNA — " + STORY)
    assert document.text.startswith("VIENNA — Egyptian")


def test_a_date_in_the_story_never_dates_it():
    document = _clean("Mediators press for a longer pause in Gaza\n\n" + STORY
                      + "\n\nThe two sides first met on 12 March 2024, the officials said, and agreed then to talk again.")
    assert document.published is None and "no_date" in document.flags


def test_page_furniture_wire_lines_and_credits_leave_the_text():
    furniture = ["Skip to main content", "Listen to this article", "Sign up for our daily newsletter",
                 "Reporting by Jane Roe; Editing by John Doe", "Getty Images", "A convoy at the crossing. AFP",
                 "This story has not been edited by our staff and is auto-generated from a syndicated feed.",
                 "Read more: Markets fall as oil prices climb"]
    document = _clean("Mediators press for a longer pause in Gaza\n\n" + STORY.replace("\n\n", "\n\n" + "\n\n".join(furniture) + "\n\n"))
    assert all(line not in document.text for line in furniture)
    assert document.text.count("\n\n") == 1  # the story's two paragraphs, nothing else


def test_a_summary_and_its_bullets_leave_the_text():
    document = _clean("Mediators press for a longer pause in Gaza\n\nAI generated summary\n"
                      "• Talks held in Cairo.\n• No date set.\n\n" + STORY)
    assert "summary" not in document.text and "No date set" not in document.text
    assert "summary_removed" in document.flags


def test_other_stories_headlines_leave_the_text():
    related = ("Related stories\nEnvoy briefs the Security Council\nOil output returns to normal\n\n"
               "Israel strikes near Damascus, state media says\nBy Staff Reporter\n11/20/2019 10:08 AM\n\n")
    document = _clean("Mediators press for a longer pause in Gaza\n\n" + STORY.replace("\n\n", "\n\n" + related))
    assert "Envoy" not in document.text and "Damascus" not in document.text and "Staff Reporter" not in document.text


def test_a_story_without_a_headline_keeps_its_first_paragraph():
    document = _clean(STORY)
    assert document.title is None and document.text == STORY


def test_a_site_name_or_section_label_leaves_a_metadata_title():
    assert frame.clean_title("Daily Deals: More Deals Are Live - IGN", "IGN") == "Daily Deals: More Deals Are Live"
    assert frame.clean_title("Opinion | Republicans Are Following Trump", "NYTimes") == "Republicans Are Following Trump"
    assert frame.clean_title("Sentra is here - Auto News", "AutoIndustriya", ["Sentra is here"]) == "Sentra is here"
    assert frame.clean_title("Spain - Russia: a Davis Cup tie", "Sportsnet") == "Spain - Russia: a Davis Cup tie"


def test_a_page_title_comes_from_og_and_a_bogus_json_ld_date_is_refused():
    # The Detroit News page's JSON-LD says it was published on 0001-01-01; its meta tags know better.
    document = clean(RawInput(source="page.html", content=scrapinghub_page("65ce3a4577a0"), kind="html"))
    assert document.title_source == "og" and document.title.startswith("Tuesday's college football")
    assert document.published == date(2019, 11, 19) and document.published_source == "metadata"
