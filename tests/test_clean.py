"""Clean on real dirty input: scraped article HTML as plain text, JSON-LD, White House markdown."""

import re
from collections import Counter

import pytest

from truceline.clean import clean
from truceline.config import Settings
from truceline.ingest import read_inputs
from truceline.records import RawInput

from conftest import gaza_corpus, page_jsonld, scraped_text, scrapinghub_page, scrapinghub_truth, wh_document


def _clean_text(text: str, source: str = "scraped.txt"):
    return clean(RawInput(source=source, content=text.encode("utf-8"), kind="text"))


def _shingle_scores(found: str, truth: str) -> tuple[float, float]:
    """Precision and recall of 4-word shingles, as the scrapinghub benchmark scores bodies."""
    def shingles(text):
        words = re.findall(r"\w+", text)
        return Counter(tuple(words[i:i + 4]) for i in range(max(1, len(words) - 3)))
    a, b = shingles(found), shingles(truth)
    shared = sum((a & b).values())
    return shared / sum(a.values()), shared / sum(b.values())


@pytest.mark.parametrize("page, title, published", [
    ("833caf3bdba5", "World Community Lashes Out at US for No Longer Considering Israeli Settlements Illegal",
     "2019-11-20"),
    ("8e3efab59f48", "Anthony Lynn: \u201cWe needed to win this game\u201d", "2019-11-19"),
])
def test_scraped_article_keeps_the_body_and_reads_jsonld(page, title, published):
    document = _clean_text(scraped_text(page))
    assert document.title == title  # JSON-LD headline, entities decoded
    assert str(document.published) == published
    precision, recall = _shingle_scores(document.text, scrapinghub_truth(page))
    assert precision >= 0.95 and recall >= 0.95
    assert "<" not in document.text and "jsonld_metadata" in document.flags


def test_scraped_article_loses_its_page_furniture():
    document = _clean_text(scraped_text("833caf3bdba5"))
    for furniture in ("Sign up to our newsletter", "You may also like", "Loading content", "Copyright",
                      "SyndiGate", "Jaafar ASHTIYEH / AFP", "Highlights", "Published November 20th"):
        assert furniture not in document.text
    assert document.original_source == "The New Arab"
    assert {"caption_removed", "page_tail_removed", "boilerplate_removed"} <= set(document.flags)
    # A highlight repeats a paragraph of the body: the text keeps it once.
    assert document.text.count("Israeli courts, however, have declared most major settlements legal.") == 1


def test_reader_comments_are_cut_but_the_article_is_whole():
    document = _clean_text(scraped_text("8e3efab59f48"))
    assert " says:" not in document.text and "Leave a Reply" not in document.text
    assert document.text.endswith("Lynn is right: The Chargers needed to win that game.")


def test_dateline_dates_a_text_without_metadata():
    text = re.sub(r"<script.*?</script>", "", scraped_text("8e3efab59f48"), flags=re.DOTALL)
    document = _clean_text(text)
    assert str(document.published) == "2019-11-19"  # "Posted by ... on November 19, 2019, 6:21 AM EST"
    assert "Posted by" not in document.text


@pytest.mark.parametrize("page, title, published", [
    ("0e014df693f1", "Hiking the Boulder Flat Irons", "2014-09-15"),  # BlogPosting after three other objects
    ("076f4f33bf75", "Fact Check: Is An 'Oxygen Bar' In Delhi Offering Fresh Air For Rs 300?", "2019-11-19"),
])
def test_jsonld_in_one_untyped_script_with_concatenated_objects(page, title, published):
    text = "<script>" + "\n".join(page_jsonld(page)) + "</script>\n" + "\n\n".join(["An article's text."] * 2)
    document = _clean_text(text)
    assert (document.title, str(document.published)) == (title, published)


def test_white_house_markdown_is_unwrapped_unescaped_and_dated():
    raw = next(read_inputs(["samples/white-house-gaza-lebanon.jsonl"], Settings()))
    document = clean(raw)
    assert document.published is not None
    assert "\\[" not in document.text
    assert all("\n" not in p for p in document.text.split("\n\n"))


def test_markdown_links_keep_their_words_only():
    text = wh_document("2023-10-18-what-they-are-saying-president-biden-visits-israel")["text"]
    document = _clean_text(text)
    assert "](" not in document.text and "x.com/ADL" not in document.text


def test_a_markdown_link_wrapped_over_lines_keeps_its_words_only():
    # Its words wrapped ("[Canadian Prime Minister Mark\nCarney](https://x.com/...)"): read as
    # one line, the address leaked into the actor named before it.
    text = wh_document("2025-10-14-widespread-acclaim-for-president-trumps-diplomatic-triumph")["text"]
    document = _clean_text(text)
    assert "Canadian Prime Minister Mark Carney: " in document.text
    assert "](" not in document.text and "x.com/MarkJCarney" not in document.text


def test_same_content_same_id_and_no_invented_date():
    text = wh_document("2023-11-22-readout-of-president-bidens-call-with-president-abdel-fattah")["text"]
    first = _clean_text(text, "a.txt")
    second = _clean_text(text, "b.txt")
    assert first.id == second.id
    assert first.published is None and "no_date" in first.flags


def test_one_text_posted_at_two_addresses_is_two_documents():
    # The corpus holds this gaggle twice, under press-briefings/ and speeches-remarks/.
    path = "2023-12-05-press-gaggle-by-principal-deputy-press-secretary-olivia-dalton-en-route-boston-ma"
    copies = [d for p, d in gaza_corpus().items() if path in p]
    documents = [clean(RawInput(source=f"corpus.jsonl#{n}", content=d["text"].encode(), kind="text",
                                meta={"url": d["source_url"]})) for n, d in enumerate(copies)]
    assert documents[0].text == documents[1].text
    assert documents[0].id != documents[1].id
    assert {d.source for d in documents} == {d["source_url"] for d in copies}


def test_undecodable_latin1_is_repaired_not_lost():
    text = wh_document("2023-11-22-readout-of-president-bidens-call-with-president-abdel-fattah")["text"]
    latin1 = text.replace("’", "'").replace("—", "-").replace("\u00a0", " ").encode("latin-1", errors="ignore")
    document = clean(RawInput(source="x.txt", content=latin1 + "é".encode("latin-1"), kind="text"))
    assert "encoding_repaired" in document.flags


def test_stray_json_escapes_in_titles_are_decoded():
    raw = next(read_inputs(["samples/white-house-gaza-lebanon.jsonl"], Settings()))
    assert "\\u2019" in raw.meta["title"]  # as the corpus has it
    assert clean(raw).title == "Readout of President Biden\u2019s Call with Prime Minister Netanyahu of Israel"


def test_a_phone_number_line_is_not_a_stray_id():
    # The theatre's booking line stands alone as a paragraph; only ids with letters are debris.
    document = clean(RawInput(source="page.html", content=scrapinghub_page("8cad00dc22de"), kind="html"))
    assert "02-751-1500" in document.text


def test_a_jsonld_number_of_thousands_of_digits_leaves_the_headline_read():
    """Found by the fuzz campaign (tests/campaign.py): the ValueError of converting over 4,300
    digits to an int escaped the JSON-LD reader and the page was skipped with an internal error."""
    jsonld = '{"@type": "NewsArticle", "headline": "Talks resume", "wordCount": ' + "9" * 5000 + "}"
    document = _clean_text(f"<script>{jsonld}</script>\n\nTalks resumed in Cairo on Monday.\n\nAid arrived.")
    assert document.title == "Talks resume"
