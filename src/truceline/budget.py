"""Refusals before the costly stages: an input that would cost them far more time or memory
than an article does (with the setting to raise), and a page with no article text at all.

The HTML checks run before trafilatura: its cost grows with the page (seconds for 100,000
paragraphs of which the budget keeps none), libxml2 checks an element's attributes against each
other (a tag with a million attributes never finishes), and trafilatura stores a page of links
(a site's navigation) as a document "Home News".
"""

from __future__ import annotations

import re

import lxml.html
from lxml import etree

from truceline.config import Settings

_PARSER = lxml.html.HTMLParser(encoding="utf-8")
_WORD = re.compile(r"[^\W\d_]{2}")
_LONGEST_TAG = 100_000  # characters between "<" and ">"; a real page's longest is a few thousand
# spaCy's tokenizer splits brackets and quotes off a word one at a time, rescanning the rest of
# the word each time: a run of n costs n^2 (20,000 "[" took 140 s). Each maximal run is matched
# once (a search resumes after a match), so finding them is linear. The underscore is punctuation
# to the tokenizer, and a word character to `\w`: 20,000 "_" took 40 s.
_LONGEST_PUNCTUATION_RUN = 1_000
_PUNCTUATION_RUN = re.compile(r"(?:[^\w\s]|_)+")


def html_refusal(page: str, settings: Settings) -> str | None:
    """Why this page is refused before extraction, or None."""
    if _longest_tag(page) > _LONGEST_TAG:
        return f"malformed HTML: a tag longer than {_LONGEST_TAG:,} characters"
    try:
        tree = lxml.html.document_fromstring(page.encode("utf-8"), parser=_PARSER)
    except (etree.ParserError, ValueError):
        return None  # trafilatura says what it can of a page lxml cannot parse
    etree.strip_elements(tree, "script", "style", "noscript", "template", etree.Comment, with_tail=False)
    refusal = text_refusal(tree.text_content(), settings)
    etree.strip_elements(tree, "head", "nav", "a", "svg", "button", "select", with_tail=False)
    if refusal is None and not _WORD.search(tree.text_content()):
        return "no article text found in the HTML: only navigation, links or images"
    return refusal


def text_refusal(text: str, settings: Settings) -> str | None:
    """Why this cleaned text is refused before the model parses it, or None."""
    limit = settings.max_text_chars
    if len(text) > limit:
        return f"text longer than {limit:,} characters ({len(text):,}): split it or raise TRUCELINE_MAX_TEXT_CHARS"
    if any(m.end() - m.start() > _LONGEST_PUNCTUATION_RUN for m in _PUNCTUATION_RUN.finditer(text)):
        return f"not an article: a run of over {_LONGEST_PUNCTUATION_RUN:,} punctuation marks"
    return None


def _longest_tag(page: str) -> int:
    """The length of the longest start or end tag ("<" and a letter or "/"; not "<![CDATA["), in
    one pass (a regular expression would rescan)."""
    longest, start = 0, page.find("<")
    while start != -1:
        if page[start + 1:start + 2].isalpha() or page[start + 1:start + 2] == "/":
            end = page.find(">", start)
            end = len(page) if end == -1 else end
            longest = max(longest, end - start)
        else:
            end = start + 1
        start = page.find("<", end)
    return longest
