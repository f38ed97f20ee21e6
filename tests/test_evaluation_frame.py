"""The frame suite: its split holds, a page's plain text is what a scraper keeps, and the suite
scores truceline and the metadata-alone baseline in the same run, dev and held-out apart."""

from __future__ import annotations

import gzip
import json

from truceline.evaluation import frame

from conftest import ROOT, SCRAPINGHUB, SHARED


def test_the_split_is_the_parity_of_the_id_hash_and_the_files_agree_with_it():
    assert frame.part("wire-dateline-yearless") == "test" and frame.part("upi-dateline") == "dev"
    items = frame.load(SHARED, ROOT / frame.ANNOTATIONS)  # raises if a page is in the wrong file
    pages = {i.id for i in items if i.version == "html"}
    assert len(pages) == 161 and sum(frame.part(p) == "dev" for p in pages) == 81


def test_a_pages_plain_text_keeps_its_headline_byline_and_furniture():
    truth = json.loads((SCRAPINGHUB / "ground-truth.json").read_text(encoding="utf-8"))
    [key] = [k for k in truth if k.startswith("5a822960e9a2")]  # NBC News, a Reuters story
    text = frame.page_text(gzip.decompress((SCRAPINGHUB / "html" / f"{key}.html.gz").read_bytes()),
                           truth[key]["articleBody"])
    lines = text.split("\n\n")
    assert "House Hitler was born in will become a police station, Austria says" in lines
    assert {"By Reuters", "SUBSCRIBE", "Nov. 20, 2019, 9:28 AM UTC"} <= set(lines)


def test_the_suite_scores_both_parts_beside_the_baseline():
    report = frame.run(SHARED, limit=6)
    names = {f"{p}_{m}" for p in ("dev", "test") for m in ("title", "date", "non_actors")}
    assert set(report.scores) == set(report.baseline_scores) == names
    assert all(0.0 <= v <= 1.0 for v in [*report.scores.values(), *report.baseline_scores.values()])
    assert all(e["id"] and frame.part(e["id"]) == "dev" for e in report.errors)
