"""Bad input is skipped with a one-line reason; the rest of the batch goes on."""

import gzip
import os
import json

import pytest

from truceline.clean import clean
from truceline.errors import InputError

from truceline.config import Settings
from truceline.ingest import read_inputs
from truceline.records import Failure, RawInput

from conftest import scrapinghub_page, wh_document


def _read(tmp_path, **settings):
    return list(read_inputs([str(tmp_path)], Settings(**settings)))


def test_ingest_bad_files_are_reported_and_good_ones_kept(tmp_path):
    good = wh_document("2025-01-25-white-house-statement-on-hostage-release")
    (tmp_path / "a_good.jsonl").write_text(json.dumps(good) + "\n{broken\n" + json.dumps({"title": "x"}) + "\n")
    (tmp_path / "b_binary.txt").write_bytes(b"\x00\x01\x02" * 100)
    (tmp_path / "c_empty.html").write_bytes(b"")
    (tmp_path / "d_broken.txt.gz").write_bytes(b"not gzip at all")
    (tmp_path / "e_big.txt").write_bytes(b"word " * 300)
    results = _read(tmp_path, max_input_bytes=1000)
    reasons = {r.source.split("/")[-1]: r.reason for r in results if isinstance(r, Failure)}
    assert [r.source.split("/")[-1] for r in results if isinstance(r, RawInput)] == ["a_good.jsonl#1"]
    assert reasons["a_good.jsonl#2"].startswith("malformed JSON: ")
    assert "'text' or 'html'" in reasons["a_good.jsonl#3"]
    assert "binary" in reasons["b_binary.txt"]
    assert "empty" in reasons["c_empty.html"]
    assert "cannot read" in reasons["d_broken.txt.gz"]
    assert "larger than 1000 bytes" in reasons["e_big.txt"]


def test_ingest_gzip_html_and_missing_path(tmp_path):
    (tmp_path / "page.html.gz").write_bytes(gzip.compress(scrapinghub_page("833caf3bdba5")))
    results = list(read_inputs([str(tmp_path), str(tmp_path / "missing.txt")], Settings()))
    assert results[0].kind == "html"
    assert results[1] == Failure(str(tmp_path / "missing.txt"), "no such file or folder")


def test_ingest_a_50_mb_file_is_skipped_without_reading_it_whole(tmp_path):
    text = wh_document("2025-01-25-white-house-statement-on-hostage-release")["text"].encode()
    (tmp_path / "huge.txt").write_bytes(text * (50_000_000 // len(text) + 1))
    [result] = _read(tmp_path)
    assert isinstance(result, Failure)
    assert result.reason.startswith("larger than 20000000 bytes")


def test_a_json_lines_corpus_is_bounded_per_article_not_per_file(tmp_path):
    """The 6,050-document corpus is 64 MB: each line is an article and only a line is bounded."""
    parts = ["2025-01-25-white-house-statement-on-hostage-release",
             "2024-11-26-joint-statement-from-president-biden-of-the-united-states-and-pre"]
    lines = [json.dumps(wh_document(part)) for part in parts]
    limit = max(map(len, lines)) + 10
    oversized = json.dumps({"title": "long", "text": "word " * limit})
    corpus = "\n".join([lines[0], oversized, lines[1]] * 3) + "\n"
    assert len(corpus) > 3 * limit
    (tmp_path / "corpus.jsonl.gz").write_bytes(gzip.compress(corpus.encode()))
    results = _read(tmp_path, max_input_bytes=limit)
    sources = [r.source.split("/")[-1] for r in results]
    assert sources == [f"corpus.jsonl.gz#{n}" for n in range(1, 10)]
    assert [isinstance(r, RawInput) for r in results] == [True, False, True] * 3
    assert all(r.reason == f"line larger than {limit} bytes: raise TRUCELINE_MAX_INPUT_BYTES"
               for r in results if isinstance(r, Failure))
    assert [r.meta["title"] for r in results[:3:2]] == [json.loads(line)["title"] for line in lines]


def test_clean_malformed_html_keeps_what_it_can_and_explains_what_it_cannot():
    page = scrapinghub_page("833caf3bdba5")
    body = page.rindex(b"The United States faced stiff")  # the article's first paragraph, not the <head>'s
    cut_in_the_article = clean(RawInput(source="cut.html", content=page[:body + 3000], kind="html"))
    assert "The United States faced stiff" in cut_in_the_article.text
    with pytest.raises(InputError, match="no article text found in the HTML"):
        clean(RawInput(source="head-only.html", content=page[:2000], kind="html"))


# Inputs that once blocked, looped or passed in silence (synthetic texts)

ARTICLE = "Qatar said on Friday that Israel and Hamas agreed to a four-day humanitarian pause in Gaza."


def test_a_fifo_is_refused_not_read_for_ever(tmp_path):
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    assert list(read_inputs([str(fifo)], Settings())) == [Failure(str(fifo), "not a regular file (a FIFO, socket or device)")]


def test_a_symbolic_link_loop_is_not_followed_by_a_folder_or_a_glob(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "up").symlink_to(tmp_path)
    (tmp_path / "a" / "up2").symlink_to(tmp_path)  # two loops: glob.glob's "**" went round 2^40 paths
    (tmp_path / "a" / "x.txt").write_text(ARTICLE)
    expected = [str(tmp_path / "a" / "x.txt")]
    assert [r.source for r in read_inputs([str(tmp_path)], Settings())] == expected
    assert [r.source for r in read_inputs([f"{tmp_path}/**/*.txt"], Settings())] == expected


def test_an_unreadable_folder_is_reported(tmp_path, monkeypatch):
    (tmp_path / "locked").mkdir()
    (tmp_path / "x.txt").write_text(ARTICLE)
    scandir = os.scandir

    def denied(path="."):  # root reads any folder; the refusal an unprivileged user meets, simulated
        if str(path).endswith("locked"):
            raise PermissionError(13, "Permission denied", str(path))
        return scandir(path)

    monkeypatch.setattr(os, "scandir", denied)
    results = list(read_inputs([str(tmp_path)], Settings()))
    assert results[-1] == Failure(str(tmp_path / "locked"), "cannot read the folder: Permission denied")
    assert [r.source for r in results[:-1]] == [str(tmp_path / "x.txt")]


def test_an_empty_json_array_is_reported_not_passed_in_silence(tmp_path):
    (tmp_path / "none.json").write_text("[ ]")
    assert _read(tmp_path) == [Failure(str(tmp_path / "none.json"), "empty input: a JSON array with no article")]


def test_control_characters_never_reach_the_text_title_or_url(tmp_path):
    article = {"url": "https://example.org/\x1b[2Jx", "title": "Pause\x1b[31m extended",
               "text": f"{ARTICLE} \x02Hamas\x03 \x1b]0;owned\x07"}
    (tmp_path / "a.json").write_text(json.dumps(article))
    [raw] = _read(tmp_path)
    document = clean(raw)
    for value in (document.source, document.title, document.text):
        assert not any(ord(c) < 32 and c not in "\t\n\r" or 0x7f <= ord(c) <= 0x9f for c in value), value
    assert document.text.endswith("Hamas ]0;owned")


def test_a_number_of_thousands_of_digits_costs_neither_its_article_nor_the_next_line(tmp_path):
    """Found by the fuzz campaign (tests/campaign.py): Python refuses to convert more than 4,300
    digits to an int, and that ValueError ended the whole JSON or JSON Lines file."""
    huge = "9" * 5000
    (tmp_path / "a.json").write_text(f'{{"text": "Talks resumed in Cairo.", "views": {huge}}}')
    (tmp_path / "b.jsonl").write_text(f'{{"text": "Talks resumed.", "date": {huge}}}\n{{"text": "Aid arrived."}}\n')
    a, b1, b2 = _read(tmp_path)
    assert isinstance(a, RawInput) and a.content == b"Talks resumed in Cairo."
    assert isinstance(b1, Failure) and b1.reason == "field 'date' must be a string, not a number"
    assert isinstance(b2, RawInput) and b2.content == b"Aid arrived."


@pytest.mark.parametrize("content", [b"\t", b"\n\n \r\n", b""])
def test_a_json_lines_file_of_blank_lines_is_empty_input_not_passed_over(tmp_path, content):
    """Found by the fuzz campaign (tests/campaign.py): a JSON Lines file holding a tab gave no
    article and no reason."""
    (tmp_path / "blank.jsonl").write_bytes(content)
    assert _read(tmp_path) == [Failure(str(tmp_path / "blank.jsonl"), "empty input")]
