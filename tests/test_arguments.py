"""Which side of a verb's action an actor mention is on (`truceline.arguments`)."""

from __future__ import annotations

import pytest
from spacy.lang.en import English
from spacy.tokens import Doc

from truceline.arguments import passive, side, sides_in, subject_of
from truceline.config import Settings
from truceline.events import lexicon
from truceline.models.features import mention_heads
from truceline.pipeline import Pipeline
from truceline.records import RawInput


def _heads(text: str):
    [work] = Pipeline(Settings(stages="clean,actors,clauses", parse="all")).analyse(
        [RawInput(source="a", content=text.encode(), kind="text")])
    return mention_heads(next(iter(work.doc.sents)), work.parties)


@pytest.mark.parametrize("text", [
    "Hamas fighters attacked Israeli forces in northern Gaza on Monday.",  # written for this test
    "Israeli forces were attacked by Hamas fighters in northern Gaza on Monday.",
])
def test_arguments_side_is_the_same_in_either_voice(text):
    sides = {actor.canonical: side(head) for head, actor in _heads(text)}
    assert (sides["Hamas"], sides["Israel Defense Forces"]) == ("agent", "patient")


def test_arguments_sides_of_a_passive_verb_count_only_for_its_type():
    # Written for this test: "supported" is a SUPPORT verb of the lexicon, no ASSAULT one.
    heads = _heads("The militias in Iraq are supported by Iran, Washington says.")
    assert sides_in(heads, "SUPPORT", lexicon())["Iran"] == {"agent"}
    assert sides_in(heads, "ASSAULT", lexicon())["Iran"] == {"other"}


def test_arguments_co_subjects_of_one_verb_share_it():
    # Written for this test.
    subjects = subject_of(_heads("Kenya and Japan called for calm in the region."))
    assert subjects["Kenya"] == subjects["Japan"] and len(subjects["Kenya"]) == 1


def test_arguments_an_unlabelled_by_phrase_on_a_participle_is_passive():
    # Written and parsed by hand for this test: "by" on the participle is a prep, not an agent.
    doc = Doc(English().vocab, words=["Guided", "by", "courage", ",", "Japan", "acted", "."],
              heads=[5, 0, 1, 5, 5, 5, 5], deps=["advcl", "prep", "pobj", "punct", "nsubj", "ROOT", "punct"],
              tags=["VBN", "IN", "NN", ",", "NNP", "VBD", "."])
    assert passive(doc[0]) and not passive(doc[5])
