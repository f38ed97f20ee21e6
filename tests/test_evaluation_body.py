"""The body suite's metric gives the answers one can count by hand on a benchmark page's own
ground truth, and the suite scores truceline and trafilatura on the same real pages."""

from __future__ import annotations

import pytest

from truceline.evaluation import body

from conftest import SHARED, scrapinghub_truth

# The WSJ teaser "Gaming used to be so simple. ...": 69 `\w+` tokens ("We’d" is two), so 66
# shingles; its first paragraph ("... then repeat.") has 28 tokens, so 25 shingles.
GAMING = "042bb7b5feda"


def test_a_ground_truth_scored_against_itself_is_perfect():
    truth = scrapinghub_truth(GAMING)
    score = body.score_page(truth, truth)
    assert (score.precision, score.recall, score.f1, score.exact) == (1.0, 1.0, 1.0, True)


def test_a_prefix_of_the_truth_is_precise_and_recalls_its_share_of_shingles():
    truth = scrapinghub_truth(GAMING)
    first_paragraph = truth.split("\n\n")[0]
    score = body.score_page(first_paragraph, truth)
    assert score.precision == 1.0 and not score.exact
    assert score.recall == pytest.approx(25 / 66)


def test_shingles_are_a_multiset_and_short_texts_are_one_shingle():
    truth = scrapinghub_truth(GAMING)
    twice = body.score_page(truth + "\n\n" + truth, truth)
    # 135 shingles predicted: the 66 true ones, 66 repeats and 3 straddling the seam.
    assert twice.recall == 1.0 and twice.precision == pytest.approx(66 / 135)
    assert body.score_page("Gaming used to be", truth).precision == 1.0
    assert body.score_page("Gaming used to be", truth).recall == pytest.approx(1 / 66)
    assert body.score_page("Gaming used to", truth).precision == 0.0  # a 3-token shingle matches nothing


def test_an_empty_prediction_has_no_precision_and_does_not_count_in_its_mean():
    truth = scrapinghub_truth(GAMING)
    empty = body.score_page("", truth)
    assert (empty.precision, empty.recall, empty.f1) == (None, 0.0, 0.0)
    summary = body.summarize([body.score_page(truth, truth), empty])
    assert summary["precision"] == 1.0 and summary["recall"] == 0.5 and summary["accuracy"] == 0.5
    assert summary["f1"] == pytest.approx(2 * 0.5 / 1.5)


def test_the_suite_scores_truceline_near_trafilatura_on_the_first_pages():
    report = body.run(SHARED, limit=10)
    assert report.suite == "body" and report.baseline.startswith("trafilatura ")
    assert set(report.scores) == set(report.baseline_scores) == set(body.METRICS)
    assert all(0.0 <= v <= 1.0 for v in [*report.scores.values(), *report.baseline_scores.values()])
    assert abs(report.scores["f1"] - report.baseline_scores["f1"]) < 0.1
    summary, worst = report.details
    assert summary.row_count == 2 and worst.row_count == 10
