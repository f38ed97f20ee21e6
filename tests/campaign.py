"""The fuzz campaign: thousands of generated inputs through the real `truceline ingest`, in batches,
each batch beside a control article. Not part of the test suite (it takes most of an hour); run by
`make campaign`:

    python tests/campaign.py --inputs 10000 --seed 15 --log campaign.log

Every input kind the ingest reads (plain text, Markdown, HTML, JSON, JSON Lines, gzip, WARC) and
what goes wrong with them (encodings, dates, hostile markup, huge lines, deep nesting, repeated
patterns, random bytes), generated at run time: synthetic, written for this campaign, or mutations
of the pages of ../shared/bench/extraction-scrapinghub and the texts of ../shared/corpora (read
there, never copied into the repository). Input i is made from its own random generator seeded
with (seed, i): `--only 4242 --keep DIR` writes it again, alone, to look at. The corpus of
`tests/nasty_inputs.py` is ingested first, in batches of its own.

Each batch is one `truceline ingest FOLDER --db FRESH.db` in a child process, with the control
article at a random place among the inputs, and a wall-clock watchdog. A batch holds if the exit
status is 0 or 1, stderr has no Python traceback, the control is stored, and each input is stored
(a document, or the same text as one already stored) or skipped with a reason in the `failures`
table. "internal error" reasons (an exception the ingest caught at a document's boundary) and the
time budget's reason are counted apart: they are faults that did not stop the batch, but faults.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import random
import re
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
import nasty_inputs  # noqa: E402

SHARED = Path(__file__).resolve().parents[1] / ".." / "shared"
PAGES = SHARED / "bench" / "extraction-scrapinghub" / "html"
TEXTS = SHARED / "corpora" / "wh-briefings" / "all_2023-2024.jsonl.gz"
CONTROL_URL = nasty_inputs.CONTROL["url"]
TRACEBACK = "Traceback (most recent call last)"

# Synthetic sentences (written for this campaign) the coders react to.
SENTENCES = [
    "Israel and Hamas agreed to a four-day ceasefire on Friday, and 50 hostages were released.",
    "Qatar said on Tuesday that talks on a truce in Gaza would resume in Cairo next week.",
    "Israeli strikes killed at least 27 people in Rafah overnight, the Gaza health ministry said.",
    "Hezbollah rejected the proposal, which would have paused fighting for 60 days.",
    "The United States proposed a three-phase deal: a six-week pause, then a permanent end to hostilities.",
    "Egypt and Qatar mediated the agreement, which took effect at 7 a.m. (0500 GMT) on 24 November 2023.",
    "More than 1,000 aid trucks entered Gaza through the Kerem Shalom crossing last month.",
    "CAIRO, Nov 22 (Reuters) - Hamas officials said they had not yet received a written offer.",
]
# Synthetic text in other scripts, for the encodings (written for this campaign).
FOREIGN = ["Израиль и ХАМАС договорились о прекращении огня на четыре дня.",
           "اتفقت إسرائيل وحماس على وقف إطلاق النار لمدة أربعة أيام.",
           "イスラエルとハマスは4日間の停戦で合意した。", "Ισραήλ και Χαμάς συμφώνησαν σε εκεχειρία.",
           "Le cessez-le-feu entre Israël et le Hamas a été prolongé de deux jours."]
HOSTILE = ["<script", "<script>", "<style>", "<!--", "<![CDATA[", "<a href=x ", "<p", "</p>", "<", ">", "&",
           "&#0;", "&#x110000;", "&#99999999999;", "&nbsp", "[a](", "](", "(((", "```", "> > >", "\x00", "\x1b[31m",
           "\ufeff", "\u202e", "\u2028", "\u200b", "\r", "\t", "a\u0301\u0301\u0301", "\U0001f600", "…", "—",
           "“", "”", "'s", "U.S.", "Mr.", "No. 1", "Nov. 24, 2023", "31 February 2024", "year 0", "1e309",
           "(Reuters) -", "1,000,000,000,000,000,000,000", "killed", "ceasefire", "released", "hostages", "%s", "{}",
           "\\u2019", "\\", '"', "'"]
DATES = ["2023-11-24", "0000-00-00", "0001-01-01", "-0001-01-01", "9999-12-31", "10000-01-01", "2023-02-30",
         "2023-13-01", "24/11/2023", "11/24/2023", "1700000000", "yesterday", "in 3 days", "Friday", "", " ",
         "2023-11-24T25:00", "2023-11-24T12:00:00+99:00", "1 Jan 1", "31 Dec 9999 23:59:59 +1400", "tomorrow",
         "Nov 2023", "2023", "November 24", "24 novembre 2023", "2023-11-24T12:00:00.123456789Z", "1e400",
         "9" * 400, "2023-W47-5", "2023-328", "Sat, 25 Nov 2023 09:00:00 GMT", "00:00", "\x00", "\ud800",
         "٢٠٢٣-١١-٢٤", "２０２３年１１月２４日", "-999999999-01-01", "+002023-11-24"]
DATE_VALUES: list[object] = [1700000000, -1e20, 1.7e9, 0, True, None, [], {}, ["2023-11-24"], {"date": "2023"}, 1e308]


@dataclass
class Input:
    index: int
    kind: str
    name: str  # file name, holding the input's token
    content: bytes


def token(index: int) -> str:
    """The string naming input `index` in its file name and in the URLs it gives: how its
    documents and failures are found again."""
    return f"fz{index:05d}z"


class Generator:
    """Input i's content, from a random generator of its own, from real and synthetic text."""

    def __init__(self, seed: int):
        self.seed = seed
        self._pages: list[bytes] | None = None
        self._texts: list[dict] | None = None

    # The real material, read once, on first use.
    @property
    def pages(self) -> list[bytes]:
        if self._pages is None:
            self._pages = [gzip.decompress(p.read_bytes()) for p in sorted(PAGES.glob("*.html.gz"))]
        return self._pages

    @property
    def texts(self) -> list[dict]:
        if self._texts is None:
            with gzip.open(TEXTS, "rt", encoding="utf-8") as f:
                self._texts = [json.loads(line) for line in f]
        return self._texts

    def make(self, index: int) -> Input:
        rng = random.Random(f"{self.seed}:{index}")
        kind = rng.choices(list(KINDS), weights=[w for w, _ in KINDS.values()])[0]
        suffix, content = KINDS[kind][1](self, rng, token(index))
        return Input(index, kind, f"{token(index)}-{kind}{suffix}", content)

    # Pieces
    def sentences(self, rng: random.Random, n: int) -> str:
        return " ".join(rng.choice(SENTENCES) for _ in range(n))

    def real_text(self, rng: random.Random) -> str:
        text = rng.choice(self.texts)["text"]
        start = rng.randrange(max(1, len(text) - 2000)) if rng.random() < 0.5 else 0
        return text[start:start + rng.choice([300, 1000, 3000])]

    def page(self, rng: random.Random, tok: str) -> bytes:
        """A real page, mutated, most often cut short: a whole article costs the pipeline ten
        times a paragraph, and the point is what the page's markup does, not its length."""
        page = rng.choice(self.pages).replace(b"<body", f"<!-- {tok} --><body".encode(), 1)
        if rng.random() < 0.7:
            page = page[:rng.randrange(len(page))]
        return self.mutate(rng, page, rng.randint(1, 12))

    def hostile(self, rng: random.Random) -> str:
        piece = rng.choice(HOSTILE)
        return piece * rng.choice([1, 1, 3, 50, 1000])

    def mutate(self, rng: random.Random, data: bytes, rounds: int | None = None) -> bytes:
        data = bytearray(data)
        for _ in range(rounds or rng.randint(1, 6)):
            at = rng.randrange(len(data) + 1)
            end = min(len(data), at + rng.choice([1, 10, 200, 5000]))
            op = rng.randrange(7)
            if op == 0 and data:  # flip bytes
                for _ in range(rng.randint(1, 50)):
                    data[rng.randrange(len(data))] = rng.randrange(256)
            elif op == 1:  # cut a span
                del data[at:end]
            elif op == 2:  # repeat a span
                data[at:at] = bytes(data[at:end]) * rng.choice([2, 10, 200])
            elif op == 3:  # insert hostile text
                data[at:at] = self.hostile(rng).encode("utf-8", errors="surrogatepass")
            elif op == 4:  # truncate
                del data[at:]
            elif op == 5:  # splice in a piece of a real page
                page = rng.choice(self.pages)
                start = rng.randrange(len(page))
                data[at:at] = page[start:start + rng.choice([100, 3000])]
            else:  # swap markup brackets in a span
                data[at:end] = bytes(data[at:end]).translate(bytes.maketrans(b"<>", b"><"))
        return bytes(data)

    # Kinds: each gives (suffix, content).
    def text(self, rng, tok):
        body = self.real_text(rng) if rng.random() < 0.6 else self.sentences(rng, rng.randint(1, 20))
        text = f"{body}\n\nReference {tok}."
        data = text.encode("utf-8")
        return rng.choice([".txt", ".md"]), self.mutate(rng, data) if rng.random() < 0.6 else data

    def markdown(self, rng, tok):
        parts = [f"# {rng.choice(SENTENCES)}", f"Reference {tok}."]
        for _ in range(rng.randint(1, 30)):
            form = rng.randrange(8)
            s = rng.choice(SENTENCES)
            parts.append([f"* {s}", f"> {s}", f"[{s}](https://example.org/{tok})", f"```\n{s}", f"| a | {s} |",
                          f"{'#' * rng.randint(1, 8)} {s}", f"1. {s}", "> " * rng.randint(1, 500) + s][form])
        text = "\n".join(parts) + rng.choice(["", "[a](" * rng.randint(1, 3000), "```", "<!--"])
        return ".md", text.encode("utf-8")

    def html_real(self, rng, tok):
        return rng.choice([".html", ".htm"]), self.page(rng, tok)

    def html_hostile(self, rng, tok):
        s = self.sentences(rng, rng.randint(1, 6))
        n = rng.choice([10, 1000, 20_000, 100_000])
        body = rng.choice([
            f"<p>{s}</p>" + "<div>" * n + "x" + "</div>" * n,
            "<div>" * n + f"<p>{s}</p>",
            f"<p>{s}</p>" + "<b><i>" * n + "</b>" * n,
            "<table><tr><td>" * min(n, 5000) + s,
            f"<p {' '.join(f'a{i}=1' for i in range(min(n, 50_000)))}>{s}</p>",
            f"<p title='{'x' * n}'>{s}</p>",
            f"<p>{s}</p><script>" + s * 10,
            f"<p>{s}</p><style>" + "a{}" * n,
            f"<p>{s}</p><!-- " + s * 10,
            f"<p>{s}" + "&amp;" * n + "&#x110000;&#0;&#99999999999;",
            f"<p>{s}</p>" + "<p>" * n,
            f"<svg><text>{s}</text></svg>" + "<path d='M0 0'/>" * min(n, 20_000),
            f"<p>{s}</p><![CDATA[" + s * 10,
            f"<math>{'<mrow>' * min(n, 5000)}</math><p>{s}</p>",
            f"<template><p>{s}</p></template>",
            f"<p>{s}</p>" + "<a href='/x'>x</a>" * min(n, 20_000),
            f"<iframe srcdoc='<p>{s}</p>'></iframe><noscript><p>{s}</p></noscript>",
            f"<p>{s}</p>" + "<br>" * n,
        ])
        head = rng.choice(["", "<meta charset='utf-16'>", "<meta charset='x-unknown'>",
                           "<meta http-equiv='Content-Type' content='text/html; charset=utf-7'>",
                           f"<title>{'T' * rng.choice([5, 100_000])}</title>",
                           f"<meta property='og:title' content='{s}'><meta property='article:published_time' "
                           f"content='{rng.choice(DATES)}'>",
                           '<script type="application/ld+json">' + json.dumps(
                               {"@type": "NewsArticle", "headline": rng.choice([s, None, 5, [s]]),
                                "datePublished": rng.choice(DATES + DATE_VALUES)}) + "</script>"])
        page = f"<!DOCTYPE html><html><head>{head}</head><body><!-- {tok} -->{body}</body></html>"
        return ".html", page.encode("utf-8", errors="surrogatepass")

    def _article(self, rng, tok):
        fields: dict[str, object] = {}
        body = rng.choice(["text", "text", "html", "both"])
        text = self.real_text(rng) if rng.random() < 0.5 else self.sentences(rng, rng.randint(1, 10))
        if body in ("text", "both"):
            fields["text"] = text if rng.random() < 0.9 else rng.choice(DATE_VALUES)
        if body in ("html", "both"):
            fields["html"] = f"<html><body><article><p>{text}</p></article></body></html>"
        for name in ("title", "date", "published", "published_time", "publisher", "fetched", "source_url"):
            if rng.random() < 0.3:
                fields[name] = rng.choice([*DATES, *DATE_VALUES]) if name in ("date", "published", "published_time",
                                                                              "fetched") \
                    else rng.choice([rng.choice(SENTENCES), rng.choice(HOSTILE), "", 5, None, ["x"], "x" * 10_000])
        fields["url"] = rng.choice([f"https://fuzz.example/{tok}/{rng.randrange(10**6)}",
                                    f"{rng.choice(HOSTILE)} {tok} {rng.randrange(10**6)}",
                                    f"javascript:alert('{tok}{rng.randrange(10**6)}')"])
        if rng.random() < 0.2:
            fields[rng.choice(HOSTILE)] = rng.choice(DATE_VALUES)
        return fields

    def json_article(self, rng, tok):
        value: object = self._article(rng, tok) if rng.random() < 0.7 else [self._article(rng, tok)
                                                                          for _ in range(rng.randint(0, 3))]
        data = json.dumps(value, ensure_ascii=rng.random() < 0.5).encode("utf-8", errors="surrogatepass")
        if rng.random() < 0.3:
            data = self.mutate(rng, data)
        return ".json", data

    def json_lines(self, rng, tok):
        lines = []
        for _ in range(rng.randint(1, 4)):
            line = json.dumps(self._article(rng, tok), ensure_ascii=rng.random() < 0.5).encode("utf-8",
                                                                                           errors="surrogatepass")
            if rng.random() < 0.2:
                line = self.mutate(rng, line, 1)
            lines.append(line)
        sep = rng.choice([b"\n", b"\r\n", b"\n\n", b"\r"])
        data = sep.join(lines) + rng.choice([b"", sep])
        if rng.random() < 0.1:
            data = rng.choice([b"\xef\xbb\xbf", b"\x00", b"[", b"\n" * 1000]) + data
        return ".jsonl", data

    def json_hostile(self, rng, tok):
        n = rng.choice([10, 500, 1000, 5000, 50_000])
        article = self._article(rng, tok)
        data = rng.choice([
            "[" * n + json.dumps(article) + "]" * n,
            json.dumps({**article, "text": article.get("text")} | {"meta": json.loads("[" * min(n, 900) + "]" * min(n, 900))}),
            '{"text": "' + self.sentences(rng, 2) + f' {tok}", "date": ' + "9" * rng.choice([100, 5000, 100_000]) + "}",
            '{"text": "' + self.sentences(rng, 2) + f' {tok}", "n": ' + "1" * rng.choice([100, 5000, 100_000]) + "}",
            '{"text": "' + self.sentences(rng, 2) + f' {tok}", "n": 1e99999}}',
            '{"text": "' + self.sentences(rng, 2) + f' {tok}", "n": NaN, "m": -Infinity}}',
            '{"text": 1, "text": "' + self.sentences(rng, 2) + f' {tok}"}}',
            '{"text": "' + "\\ud800" * n + f' {tok}"}}',
            '{"text": "' + "\\u0000" * min(n, 5000) + self.sentences(rng, 1) + f' {tok}"}}',
            '{"text": "' + self.sentences(rng, 1) + "\\" + f' {tok}"}}',
            '{"text": "' + self.sentences(rng, 1) + f' {tok}"' + " " * n,
            json.dumps([article] * min(n, 2000)),
            '{"' + "k" * n + f'": 1, "text": "{self.sentences(rng, 1)} {tok}"}}',
        ])
        return rng.choice([".json", ".jsonl"]), data.encode("utf-8", errors="surrogatepass")

    def encoding(self, rng, tok):
        text = f"{rng.choice(SENTENCES)} {rng.choice(FOREIGN)} {self.real_text(rng)[:600]} Reference {tok}."
        encoding = rng.choice(["utf-16", "utf-16-le", "utf-16-be", "utf-32", "utf-32-be", "latin-1", "cp1252",
                               "koi8-r", "shift_jis", "gb18030", "iso-8859-7", "utf-7", "utf-8-sig", "mac-roman",
                               "cp1256", "euc-jp", "mixed", "overlong", "surrogates"])
        if encoding == "mixed":
            data = text.encode("utf-8") + text.encode("cp1252", errors="replace") + text.encode("utf-16")
        elif encoding == "overlong":
            data = text.encode("utf-8") + b"\xc0\xaf\xe0\x80\xaf\xf8\x88\x80\x80\x80\xff\xfe"
        elif encoding == "surrogates":
            data = (text + "\ud800\udfff").encode("utf-8", errors="surrogatepass")
        else:
            data = text.encode(encoding, errors="replace")
        kind = rng.choice([".txt", ".html", ".json", ".jsonl"])
        if kind == ".html":
            data = f"<html><head><meta charset='{encoding}'></head><body><p>".encode("ascii") + data
        elif kind in (".json", ".jsonl"):
            data = json.dumps({"text": text, "url": f"https://fuzz.example/{tok}"}, ensure_ascii=False) \
                .encode(encoding if encoding not in ("mixed", "overlong", "surrogates") else "utf-8", errors="replace")
        return kind, data

    def dates(self, rng, tok):
        date = rng.choice(DATES)
        lines = [rng.choice([f"{date} (Reuters) -", f"CAIRO, {date} -", f"Published {date}", f"Updated: {date}",
                             f"By Staff | {date}", date]), f"{rng.choice(SENTENCES)} Reference {tok}.",
                 rng.choice([f"On {date}, {rng.choice(SENTENCES)}", f"The truce expires on {date}.",
                             f"From {date} to {rng.choice(DATES)} the pause held.",
                             "It began at 7 a.m. on the 31st of February, 2024, and ended on 0 Jan 0.",
                             f"Day {rng.randrange(10**9)} of the war.", rng.choice(SENTENCES)])]
        meta = {"text": "\n\n".join(lines), "url": f"https://fuzz.example/{tok}",
                "date": rng.choice([*DATES, *DATE_VALUES]), "fetched": rng.choice([*DATES, *DATE_VALUES])}
        if rng.random() < 0.5:
            return ".json", json.dumps(meta).encode()
        return ".txt", meta["text"].encode("utf-8", errors="surrogatepass")

    def repeated(self, rng, tok):
        unit = rng.choice([*SENTENCES, "ceasefire ", "killed 5 people ", "50 hostages were released. ",
                           "agreed to a truce ", "[a](", "<a href=x ", "Mr. ", "U.S. ", "No. 1 ", "1,", "— ", '"',
                           "'s ", "Nov. 24, 2023 ", "(Reuters) ", "\U0001f600", "Hamas, ", "and ", "not ",
                           "ceasefire-", "phase one, ", "(", ")", "%", "\u0301", "-" * 3, ". ", "\n", "\n\n",
                           "<p>", "</p>", "&amp;", "*", "_", "|", "Israel Hamas Qatar Egypt "])
        n = max(1, rng.choice([100, 1000, 5000, 30_000]) // max(1, len(unit) // 8))
        text = f"Reference {tok}. " + unit * n
        return rng.choice([".txt", ".md", ".html"]), text.encode("utf-8")

    def nested(self, rng, tok):
        n = rng.choice([100, 1000, 10_000, 100_000])
        s = rng.choice(SENTENCES)
        text = rng.choice(["> " * n + s, "(" * n + s + ")" * n, "  " * n + "* " + s, "[" * n + s + "]" * n,
                           "\n".join("  " * i + "* " + s for i in range(min(n, 2000))), "«" * n + s,
                           "“" * min(n, 900) + s + "”" * min(n, 900), "(" * min(n, 900) + s + ")" * min(n, 900)])
        return ".md", f"Reference {tok}. {text}".encode("utf-8")

    def huge(self, rng, tok):
        size = rng.choice([100_000, 400_000, 2_000_000, 6_000_000])
        s = " ".join(rng.choice(SENTENCES) for _ in range(50))
        text = rng.choice([
            ("word " * (size // 5)),  # one line, no punctuation
            (s + " ") * (size // len(s)),  # one line of sentences
            s + "\n" * size + s,  # newlines
            ("\n".join([s] * (size // len(s)))),  # many lines
            "x" * size,  # one word
        ])
        return rng.choice([".txt", ".html", ".md"]), f"Reference {tok}. {text}".encode()

    def random_bytes(self, rng, tok):
        data = rng.randbytes(rng.choice([0, 1, 16, 1000, 64_000]))
        if rng.random() < 0.5:  # printable noise: passes the binary check
            data = bytes(32 + b % 95 for b in data)
        return rng.choice([".txt", ".html", ".json", ".jsonl", ".md", ".warc", ".txt.gz", ".warc.gz"]), data

    def gzipped(self, rng, tok):
        kind = rng.choice(["text", "html_real", "json_article", "json_lines", "warc"])
        suffix, data = getattr(self, kind)(rng, tok)
        packed = gzip.compress(data, compresslevel=1)
        how = rng.randrange(6)
        if how == 1:
            packed = packed[:rng.randrange(len(packed))]  # truncated
        elif how == 2:
            packed = packed[:-8] + rng.randbytes(8)  # wrong CRC and length
        elif how == 3:
            packed = gzip.compress(packed)  # twice
        elif how == 4:
            packed = packed + gzip.compress(data)  # two members
        elif how == 5:
            packed = self.mutate(rng, packed, 1)
        return suffix + ".gz", packed

    def warc(self, rng, tok):
        records = []
        for n in range(rng.randint(1, 4)):
            what = rng.randrange(8)
            body = self.page(rng, tok) if rng.random() < 0.6 else \
                f"<html><body><p>{self.sentences(rng, 3)}</p></body></html>".encode()
            headers = {"Content-Type": rng.choice(["text/html; charset=utf-8", "text/html", "image/png",
                                                   "application/xhtml+xml", "text/html; charset=x-nope", ""])}
            status = rng.choice(["200 OK"] * 5 + ["404 Not Found", "301 Moved", "999 ?"])
            if what == 1:
                headers["Content-Encoding"] = "gzip"
                body = gzip.compress(body) if rng.random() < 0.5 else body
            elif what == 2:
                headers["Transfer-Encoding"] = "chunked"
                body = b"%x\r\n" % len(body) + body + (b"\r\n0\r\n\r\n" if rng.random() < 0.5 else b"")
            http = f"HTTP/1.1 {status}\r\n".encode() + b"".join(f"{k}: {v}\r\n".encode() for k, v in headers.items()) \
                + b"\r\n" + body
            kind = "response" if what != 3 else rng.choice(["request", "metadata", "warcinfo", "resource"])
            length = len(http) if what != 4 else rng.choice([0, len(http) // 2, len(http) * 2])
            date = "2023-11-24T10:00:00Z" if what != 5 else rng.choice(DATES)
            uri = f"https://fuzz.example/{tok}/{n}" if what != 6 else rng.choice(HOSTILE) + tok  # tok: found again
            records.append(f"WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Target-URI: {uri}\r\nWARC-Date: {date}\r\n"
                           f"WARC-Record-ID: <urn:uuid:{tok}-{n}>\r\nContent-Type: application/http; msgtype=response\r\n"
                           f"Content-Length: {length}\r\n\r\n".encode("utf-8", errors="surrogatepass") + http + b"\r\n\r\n")
        return ".warc", b"".join(records)


# kind -> (weight, generator): the costly kinds (huge, deep) rarer, so that 10,000 inputs fit an hour.
KINDS: dict[str, tuple[float, Callable]] = {
    "text": (14, Generator.text), "markdown": (5, Generator.markdown), "html_real": (14, Generator.html_real),
    "html_hostile": (10, Generator.html_hostile), "json_article": (12, Generator.json_article),
    "json_lines": (8, Generator.json_lines), "json_hostile": (6, Generator.json_hostile),
    "encoding": (8, Generator.encoding), "dates": (8, Generator.dates), "repeated": (4, Generator.repeated),
    "nested": (3, Generator.nested), "huge": (0.6, Generator.huge), "random_bytes": (6, Generator.random_bytes),
    "gzipped": (6, Generator.gzipped), "warc": (3, Generator.warc),
}


@dataclass
class Tally:
    inputs: Counter = field(default_factory=Counter)  # by kind
    stored: Counter = field(default_factory=Counter)
    skipped: Counter = field(default_factory=Counter)
    duplicate: Counter = field(default_factory=Counter)
    lost: Counter = field(default_factory=Counter)
    reasons: Counter = field(default_factory=Counter)
    faults: list[str] = field(default_factory=list)  # internal errors, time budgets, hangs, tracebacks, lost controls
    batches: int = 0
    controls: int = 0
    hangs: int = 0
    tracebacks: int = 0
    internal: int = 0
    budget: int = 0


def run_batch(inputs: list[Input], rng: random.Random, folder: Path, timeout: float, tally: Tally, log) -> None:
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    for item in inputs:
        (folder / item.name).write_bytes(item.content)
    after = rng.choice(inputs)  # the control sorts just after this input
    (folder / f"{token(after.index)}y-control.json").write_text(json.dumps(nasty_inputs.CONTROL))
    db = folder.with_suffix(".db")
    db.unlink(missing_ok=True)
    began = time.monotonic()
    child = subprocess.Popen([sys.executable, "-m", "truceline", "ingest", str(folder), "--db", str(db)],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True)
    try:
        stdout, stderr = child.communicate(timeout=timeout)
        hung = False
    except subprocess.TimeoutExpired:
        os.killpg(child.pid, signal.SIGKILL)  # the ingest, its workers and their fork server
        stdout, stderr = child.communicate()
        hung = True
    seconds = time.monotonic() - began
    err = stderr.decode("utf-8", errors="replace")
    names = f"inputs {inputs[0].index}-{inputs[-1].index}"
    tally.batches += 1
    if hung:
        tally.hangs += 1
        tally.faults.append(f"HANG: batch of {names} killed after {timeout:.0f} s")
    if TRACEBACK in err or child.returncode not in (0, 1) and not hung:
        tally.tracebacks += 1
        tally.faults.append(f"TRACEBACK (exit {child.returncode}) in batch of {names}: {err[-3000:]}")
    documents, failures = [], []
    if db.exists():
        try:
            with sqlite3.connect(db) as conn:
                documents = [s for (s,) in conn.execute("select source from documents")]
                failures = conn.execute("select source, reason from failures").fetchall()
        except sqlite3.Error as exc:
            tally.faults.append(f"DATABASE unreadable after batch of {names}: {exc}")
    if CONTROL_URL in documents:
        tally.controls += 1
    else:
        tally.faults.append(f"CONTROL not stored in batch of {names}")
    out = stdout.decode("utf-8", errors="replace")
    present = _count(out, "already stored")
    # A WARC file's records that are no article are listed on stdout ("FILE: skipped 2 request records"), not stored.
    listed = [line for line in out.splitlines() if ": skipped " in line]
    for item in inputs:
        tok = token(item.index)
        stored = any(tok in s for s in documents)
        reasons = [r for s, r in failures if tok in s] + ["archive records that are no article" for line in listed
                                                          if tok in line]
        tally.inputs[item.kind] += 1
        if stored:
            tally.stored[item.kind] += 1
        elif reasons:
            tally.skipped[item.kind] += 1
        elif present > 0 and not hung:  # the same text as a document already stored: nothing lost
            present -= 1
            tally.duplicate[item.kind] += 1
        else:
            tally.lost[item.kind] += 1
            if not hung:
                tally.faults.append(f"LOST: input {item.index} ({item.kind}) neither stored nor skipped")
        for reason in reasons:
            tally.reasons[_reason(reason)] += 1
            if "internal error" in reason:
                tally.internal += 1
                tally.faults.append(f"INTERNAL: input {item.index} ({item.kind}): {reason[:500]}")
            elif "time budget" in reason or "worker process died" in reason:
                tally.budget += 1
                tally.faults.append(f"BUDGET: input {item.index} ({item.kind}): {reason}")
    log(f"batch {tally.batches}: {names}, {seconds:.0f} s, exit {child.returncode}{' HUNG' if hung else ''}, "
        f"{len(documents)} documents, {len(failures)} failures, control "
        f"{'stored' if CONTROL_URL in documents else 'MISSING'}")
    if not (hung or tally.faults and tally.faults[-1].startswith(("TRACEBACK", "CONTROL"))):
        shutil.rmtree(folder)
        db.unlink(missing_ok=True)


def _count(stdout: str, label: str) -> int:
    found = re.search(rf"^{label}\s+([\d,]+)", stdout, re.MULTILINE)
    return int(found.group(1).replace(",", "")) if found else 0


def _reason(reason: str) -> str:
    """A reason without its details: "malformed JSON", "text longer than N characters (N)"."""
    return re.sub(r"\d[\d,.]*", "N", reason.split(":")[0])[:80]


def nasty_batches(folder: Path) -> list[list[Input]]:
    """The corpus of tests/nasty_inputs.py as inputs of kind "nasty", in batches of about 14."""
    written = nasty_inputs.write(folder)
    inputs = []
    for n, (name, (path, _)) in enumerate(written.items()):
        index = 90_000 + n  # tokens apart from the generated inputs'
        content = path.read_bytes().replace(b"https://example.org/nasty", f"https://example.org/{token(index)}".encode())
        inputs.append(Input(index, "nasty", f"{token(index)}-{name}{''.join(path.suffixes)}", content))
        path.unlink()
    return [inputs[i:i + 14] for i in range(0, len(inputs), 14)]


def summary(tally: Tally, seconds: float) -> str:
    kinds = sorted(tally.inputs, key=lambda k: -tally.inputs[k])
    rows = [("kind", "inputs", "stored", "skipped", "same text", "lost")]
    rows += [(k, tally.inputs[k], tally.stored[k], tally.skipped[k], tally.duplicate[k], tally.lost[k]) for k in kinds]
    rows.append(("total", *(sum(c.values()) for c in (tally.inputs, tally.stored, tally.skipped, tally.duplicate,
                                                      tally.lost))))
    lines = [f"{r[0]:<14}" + "".join(f"{v:>11,}" if isinstance(v, int) else f"{v:>11}" for v in r[1:]) for r in rows]
    lines += ["", "skipped by reason:"] + [f"{n:>8,}  {r}" for r, n in tally.reasons.most_common()]
    lines += ["", f"batches {tally.batches:,}; controls stored {tally.controls:,}/{tally.batches:,}; "
                  f"hangs {tally.hangs}; tracebacks {tally.tracebacks}; internal errors {tally.internal}; "
                  f"time budget or worker deaths {tally.budget}; inputs lost {sum(tally.lost.values())}; "
                  f"{seconds / 60:.0f} min"]
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--inputs", type=int, default=10_000, help="generated inputs (default 10,000)")
    parser.add_argument("--seed", type=int, default=15)
    parser.add_argument("--first", type=int, default=0, help="index of the first generated input")
    parser.add_argument("--batch", type=int, default=200, help="inputs per ingest (default 200)")
    parser.add_argument("--watchdog", type=float, default=900, help="seconds a batch may take before it is a hang")
    parser.add_argument("--no-nasty", action="store_true", help="leave out the corpus of tests/nasty_inputs.py")
    parser.add_argument("--only", help="comma-separated input indexes: ingest these alone (to reproduce)")
    parser.add_argument("--keep", type=Path, help="write the inputs to this folder, do not ingest them")
    parser.add_argument("--log", type=Path, help="also append progress and faults to this file")
    parser.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "truceline-campaign",
                        help="where batches are written (a failed batch is left there)")
    args = parser.parse_args()
    signal.signal(signal.SIGTERM, signal.default_int_handler)

    def log(line: str) -> None:
        print(line, flush=True)
        if args.log:
            with args.log.open("a") as f:
                f.write(line + "\n")

    generator = Generator(args.seed)
    indexes = [int(i) for i in args.only.split(",")] if args.only else range(args.first, args.first + args.inputs)
    if args.keep:
        args.keep.mkdir(parents=True, exist_ok=True)
        for i in indexes:
            item = generator.make(i)
            (args.keep / item.name).write_bytes(item.content)
            print(args.keep / item.name)
        return 0
    tally, began = Tally(), time.monotonic()
    rng = random.Random(args.seed)
    args.work.mkdir(parents=True, exist_ok=True)
    log(f"campaign: seed {args.seed}, {len(indexes):,} generated inputs from {indexes[0]}, batches of {args.batch}; "
        f"a failed batch's folder and database stay in {args.work}")
    batches = [] if args.no_nasty or args.only else nasty_batches(args.work / "nasty")
    batches += [range(start, start + args.batch) for start in range(0, len(indexes), args.batch)]
    try:
        for batch in batches:
            inputs = batch if isinstance(batch, list) else [generator.make(indexes[i]) for i in batch if i < len(indexes)]
            seen = len(tally.faults)
            run_batch(inputs, rng, args.work / f"batch-{inputs[0].index}", args.watchdog, tally, log)
            for fault in tally.faults[seen:]:
                log(fault)
    except KeyboardInterrupt:  # stopped by hand (or SIGTERM): the figures of the batches run so far
        log("interrupted: the summary counts the batches that ended")
    log(summary(tally, time.monotonic() - began))
    return 0 if not tally.faults else 1

if __name__ == "__main__":
    sys.exit(main())
