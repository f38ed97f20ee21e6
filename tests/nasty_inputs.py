"""The hostile-world corpus: malformed, huge and pathological inputs, generated at test time.

Written for truceline's tests (synthetic; no third-party text). Sizes are the campaign's where size
is the point (a 5 MB line, 100,000 newlines, a million attributes), smaller where only the pattern
is (repeated sentences: parsing them is linear but slow). Each case is a file that once hung
`truceline ingest`, ended it with a traceback, or was stored wrongly; `write(folder)` writes them
all and returns {case name: (path, expected)}, where `expected` is "stored" (the input is
readable and must become a document), the start of the reason it must be skipped with, or ""
(either, so long as it does not hang or crash: one unpunctuated paragraph may be read as a headline).

    python tests/nasty_inputs.py OUT_DIR      # write the corpus to look at or ingest by hand
"""

from __future__ import annotations

import gzip
import json
import sys
from collections.abc import Callable
from pathlib import Path

# A sentence the coders find something in, so that a case reaches every stage.
SENTENCE = "Israel and Hamas agreed to a four-day ceasefire on Friday, and 50 hostages were released. "
CONTROL = {"url": "https://example.org/control", "title": "Control article", "date": "2023-11-24",
           "text": "Qatar said on Friday that Israel and Hamas agreed to a four-day humanitarian pause. "
                   "Under the deal, 50 hostages will be released in exchange for 150 Palestinian prisoners."}


def _words(n: int, sep: str = " ") -> str:
    vocabulary = ("ceasefire", "talks", "hostages", "Gaza", "Israel", "Hamas", "Qatar", "aid", "trucks", "killed")
    return sep.join(vocabulary[i % len(vocabulary)] for i in range(n))


def _article(text: str, **fields: object) -> bytes:
    return json.dumps({"url": "https://example.org/nasty", "title": "Nasty", "date": "2023-11-24",
                       "text": text, **fields}).encode()


def _gzip_bomb(path: Path) -> None:
    """One JSON Lines line that decompresses to 256 MB (the campaign's was 1 GB; the cost of
    reading past it is linear, only the test's time grows), written a chunk at a time."""
    chunk = b"a" * (1 << 20)
    with gzip.open(path, "wb", compresslevel=1) as f:
        f.write(b'{"text": "')
        for _ in range(256):
            f.write(chunk)
        f.write(b'"}\n')


def _garbage_lines(path: Path) -> None:
    """A gzip of a million lines that are not JSON: one reason, not a million rows."""
    with gzip.open(path, "wb", compresslevel=1) as f:
        f.write(b"not json at all\n" * 1_000_000)


# name -> (file name, bytes or a writer, expected)
CASES: dict[str, tuple[str, bytes | Callable[[Path], None], str]] = {
    "unclosed_script": ("unclosed-script.txt", b"<script " + _words(10_000).encode(), ""),
    "unclosed_style": ("unclosed-style.txt", b"<style>" + _words(10_000).encode(), ""),
    "unclosed_comment": ("unclosed-comment.txt", b"<!-- " + _words(10_000).encode(), ""),
    "unclosed_tag": ("unclosed-tag.txt", (SENTENCE + "<a href=x " + _words(10_000)).encode(), ""),
    "unclosed_script_html": ("unclosed-script.html",
                             b"<html><body><p>" + SENTENCE.encode() + b"</p><script>" + _words(10_000).encode(),
                             "stored"),
    "markdown_links": ("links.md", (SENTENCE + "[a](" * 20_000).encode(), ""),
    "markdown_brackets": ("brackets.md", (SENTENCE + "[" * 100_000 + "x").encode(), "not an article"),
    "one_5mb_line": ("line.txt", _words(800_000).encode(), "text longer than"),
    "newlines": ("newlines.txt", (SENTENCE + "\n" * 100_000 + SENTENCE).encode(), "stored"),
    "words_no_punctuation": ("no-punctuation.txt", _words(150_000).encode(), "text longer than"),
    "5000_words_no_punctuation": ("5000-words.txt", _words(5_000).encode(), ""),
    "one_sentence_14kb": ("one-sentence.txt", (_words(2_000, ", ") + ".").encode(), "stored"),
    "million_attributes": ("attributes.html",
                           b"<html><body><div " + b" ".join(b"a%d=1" % i for i in range(1_000_000)) + b">"
                           + SENTENCE.encode() + b"</div></body></html>", ""),
    "gzip_bomb": ("bomb.jsonl.gz", _gzip_bomb, "line larger than"),
    "garbage_jsonl_gz": ("garbage.jsonl.gz", _garbage_lines, "not JSON Lines"),
    "deep_json": ("deep.json", b"[" * 100_000 + b"]" * 100_000, "JSON nested too deep"),
    "deep_json_object": ("deep-object.json", b'{"a":' * 10_000 + b"1" + b"}" * 10_000, "JSON nested too deep"),
    "deep_jsonld": ("deep-jsonld.html",
                    b'<html><head><script type="application/ld+json">' + b"[" * 100_000 + b"]" * 100_000
                    + b"</script></head><body><article><p>" + SENTENCE.encode() * 3 + b"</p></article></body></html>",
                    "stored"),
    "year_1": ("year-1.json", _article(SENTENCE, date="0001-01-01"), "stored"),
    "year_negative": ("year-negative.json", _article(SENTENCE, date="-0001-01-01"), "stored"),
    "year_9999": ("year-9999.json", _article(SENTENCE, date="9999-12-31"), "stored"),
    "year_huge": ("year-huge.json", _article(SENTENCE, date="99999999-01-01"), "stored"),
    "lone_surrogate_jsonl": ("surrogate.jsonl", b'{"text": "' + SENTENCE.encode() + b'\\ud800 and the talks went on."}\n', "stored"),
    "lone_surrogate_title": ("surrogate-title.json", b'{"title": "\\udfff", "text": "' + SENTENCE.encode() + b'"}',
                             "stored"),
    "invalid_utf8_jsonl": ("invalid.jsonl", b'{"text": "' + SENTENCE.encode() + b'\xff\xfe\xc3 and the talks went on."}\n', "stored"),
    "utf16_jsonl": ("utf16.jsonl", ('{"text": "%s"}\n' % SENTENCE).encode("utf-16"), "stored"),
    "utf16_text": ("utf16.txt", SENTENCE.encode("utf-16"), "stored"),
    "utf32_text": ("utf32.txt", SENTENCE.encode("utf-32"), "stored"),
    "utf8_bom_json": ("bom.json", b"\xef\xbb\xbf" + _article(SENTENCE), "stored"),
    "svg_only": ("svg.html", b'<html><body><svg xmlns="http://www.w3.org/2000/svg"><circle r="5"/>'
                             b"<text>Gaza</text></svg></body></html>", "no article text"),
    "navigation_only": ("nav.html", b"<html><head><title>Home News</title></head><body><nav><ul>"
                                    b'<li><a href="/">Home</a></li><li><a href="/news">News</a></li>'
                                    b'<li><a href="/world">World</a></li></ul></nav></body></html>',
                        "no article text"),
    "100k_paragraphs": ("paragraphs.html",
                        b"<html><body><article>" + b"<p>Aid trucks entered Gaza.</p>" * 100_000
                        + b"</article></body></html>", "text longer than"),
    "200k_words": ("words.txt", (SENTENCE * 14_000).encode(), "text longer than"),
    "near_size_limit_json": ("big.json", _article(_words(2_700_000)), "text longer than"),
    "repeated_ceasefire": ("ceasefire.txt", ("ceasefire " * 5_000 + ".").encode(), "stored"),
    "repeated_killed": ("killed.txt", ("Israeli strikes killed 5 people in Gaza on Monday. " * 1_000).encode(),
                        "stored"),
    "repeated_agreement": ("agreement.txt", (SENTENCE * 500).encode(), "stored"),
    "whitespace_only": ("blank.txt", b" \n\t\r\n" * 1000, "empty input"),
    "binary": ("binary.txt", bytes(range(256)) * 100, "binary data"),
    "text_not_string": ("text-true.json", b'{"text": true, "title": "x"}', "field 'text' must be a string"),
    "text_list": ("text-list.json", b'{"text": ["a", "b"]}', "field 'text' must be a string"),
    "title_object": ("title-object.json", b'{"title": {"a": 1}, "text": "' + SENTENCE.encode() + b'"}',
                     "field 'title' must be a string"),
}


def write(folder: Path) -> dict[str, tuple[Path, str]]:
    folder.mkdir(parents=True, exist_ok=True)
    written = {}
    for name, (filename, content, expected) in CASES.items():
        path = folder / filename
        if callable(content):
            content(path)
        else:
            path.write_bytes(content)
        written[name] = (path, expected)
    return written


if __name__ == "__main__":
    for name, (path, expected) in write(Path(sys.argv[1])).items():
        print(f"{name}\t{path}\t{expected}")
