"""The actors suite's scoring, on items written for this test, and its data's integrity."""

from __future__ import annotations

import pytest

from truceline.evaluation import actors
from truceline.records import Actor

from conftest import ROOT, SHARED

ITEM = {  # written for this test
    "id": "t", "split": "dev", "text": "",
    "actors": [{"name": "Wang Yi", "country": "CHN", "kind": "person"}, {"name": "Saudi", "country": "SAU", "kind": "group"},
               {"name": "Kagame", "country": None, "kind": "person"}],
    "places": ["Khartoum", "Goma"],
    "not_actors": ["Reuters", "Will Dunham"],
}


def person(name: str, canonical: str | None = None, country: str | None = None) -> Actor:
    return Actor(name=name, canonical=canonical or name, country=country, kind="person")


def state(name: str, canonical: str, country: str) -> Actor:
    return Actor(name=name, canonical=canonical, country=country, kind="state")


def figures(predicted: list[Actor]) -> dict[str, float]:
    tally = actors._Tally()
    tally.add(ITEM, tuple(predicted))
    return tally.figures()


def test_actors_suite_scores_names_countries_and_persons():
    right = [person("Chinese Foreign Minister Wang Yi", "Wang Yi", "CHN"), state("Saudi", "Saudi Arabia", "SAU"),
             person("President Kagame", "Kagame", "RWA"),  # the gold gives no country: not scored
             state("Khartoum", "Sudan", "SDN")]  # a capital standing for its state: no error
    assert figures(right) == {"precision": 1.0, "recall": 1.0, "non_actors_kept_out": 1.0, "places_not_persons": 1.0}
    wrong = [person("Wang Yi"),  # no country
             Actor("Kagame", "Kagame", None, "other"),  # not a person
             person("Goma"), Actor("Reuters", "Reuters", None, "other"), person("Will Dunham")]
    assert figures(wrong) == {"precision": 0.0, "recall": 0.0, "non_actors_kept_out": 0.0, "places_not_persons": 0.5}


def test_actors_suite_prefers_the_same_name_to_one_that_holds_it():
    tally = actors._Tally()
    item = {**ITEM, "actors": [{"name": "Saudi Arabia’s foreign minister", "country": "SAU", "kind": "person"},
                               {"name": "Saudi", "country": "SAU", "kind": "group"}]}
    tally.add(item, (state("Saudi", "Saudi Arabia", "SAU"),
                     person("Saudi Arabia's foreign minister", "Foreign Minister of Saudi Arabia", "SAU")))
    assert (tally.right, tally.errors) == (2, [])


@pytest.mark.skipif(not SHARED.exists(), reason="needs ../shared")
def test_actors_suite_excerpts_are_in_their_sources():
    items = actors.load(ROOT / actors.ITEMS)
    assert len(items) >= 60 and {i["split"] for i in items} == {"dev", "test"}
    for item in items:
        actors.check_source(item, SHARED)  # raises on an excerpt its source does not hold
    with pytest.raises(RuntimeError, match="not in its source"):
        actors.check_source({**items[0], "text": "Words no briefing printed."}, SHARED)
