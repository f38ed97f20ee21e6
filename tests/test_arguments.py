"""Which side of a verb's action an actor mention is on, and whose words may name the doer of an
act (`truceline.arguments`)."""

from __future__ import annotations

import pytest
from spacy.lang.en import English
from spacy.tokens import Doc

from truceline.arguments import may_be_doer, passive, side, sides_in, subject_of
from truceline.config import Settings
from truceline.events import lexicon
from truceline.models.features import mention_heads
from truceline.pipeline import Pipeline
from truceline.records import RawInput


def _analysed(text: str, source: str = "a"):
    [work] = Pipeline(Settings(stages="clean,actors,clauses", parse="all")).analyse(
        [RawInput(source=source, content=text.encode(), kind="text")])
    return work


def _heads(text: str):
    work = _analysed(text)
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


@pytest.mark.parametrize("text, type_, may", [
    # Written for this test: the speaker's "we" requests, rejects or agrees only by a verb that
    # names the act, not wherever it is a subject.
    ("We want Israel to find a diplomatic way to end the fighting with Hezbollah.", "REQUEST", False),
    ("We call on Israel to find a diplomatic way to end the fighting with Hezbollah.", "REQUEST", True),
    ("We rallied votes at the United Nations to reject what Russia has done.", "REJECT", False),
    ("We reject the claim that Israel started the fighting with Hezbollah.", "REJECT", True),
    ("We will keep working with Qatar to get to that agreement.", "AGREE", False),
])
def test_arguments_the_speakers_we_acts_in_words_only_by_a_verb_naming_the_act(text, type_, may):
    work = _analysed(text, "https://www.whitehouse.gov/briefing-room/statements-releases/2024/01/12/statement/")
    [we] = {m.actor for m in work.parties if m.actor.name.lower() == "we"}
    assert may_be_doer(mention_heads(next(iter(work.doc.sents)), work.parties), we, type_, lexicon()) is may


@pytest.mark.parametrize("text, type_, doers, not_doers", [
    # From the White House corpus. The subject of a verb that names no act of the type does none
    # of the acts its sentence names as background, nor does a verb's patient or a place its act
    # goes to ...
    ("To wit, President Biden himself publicly proclaimed Israel’s response to the October 7 attacks to be, "
     "quote, “over the top.”", "ASSAULT", set(), {"Joe Biden"}),
    ("I would just tell you that President Biden takes very, very seriously our obligations to get wrongfully "
     "detained Americans home wherever they are overseas.", "COERCE", set(), {"Joe Biden"}),
    ("With China’s help, Putin is mobilizing Russia’s defense industrial base, putting the country’s economy on "
     "a wartime footing.", "ASSAULT", {"Russia"}, {"Vladimir Putin"}),
    ("With China’s help, Putin is mobilizing Russia’s defense industrial base, putting the country’s economy on "
     "a wartime footing.", "MOBILIZE", {"Vladimir Putin"}, set()),
    ("He returned to Russia knowing he’d likely be imprisoned or even killed if he continued his work.",
     "RETREAT", set(), {"Russia"}),
    ("Hezbollah has been firing deeper and deeper into Israel, including in recent days.", "ASSAULT",
     {"Hezbollah"}, {"Israel"}),
    ("The actions of the Biden-Harris Administration have enabled the people of Ukraine to defend their nation "
     "against a brutal and unprovoked invasion.", "ASSAULT", set(), {"Biden administration"}),
    # ... while a noun's owner, a passive's "by" phrase, its place where it names no doer, and a
    # patient made to do the act may do it.
    ("Q And next week is the second anniversary of Russia’s invasion of Ukraine.", "ASSAULT", {"Russia"}, set()),
    ("A U.N. school was bombed last week by Israel, killing 30 students and 11 U.N. staff.", "ASSAULT",
     {"Israel"}, set()),
    ("In Russia, American journalists Evan Gershkovich and Alsu Kurmasheva have been imprisoned in connection "
     "with their work.", "COERCE", {"Russia"}, {"Evan Gershkovich"}),
    ("This morning, Ukraine’s military was forced to withdraw from Avdiivka.", "RETREAT", {"Ukraine"}, set()),
    # Written for this test: a complement the lexicon does not know, done by the subject.
    ("North Korea tried to hack into the computers of the South Korean army.", "COERCE", {"North Korea"}, set()),
])
def test_arguments_a_named_actor_does_an_act_in_the_field_only_where_its_words_may_name_it(text, type_, doers,
                                                                                             not_doers):
    work = _analysed(text)
    actors = {m.actor.canonical: m.actor for m in work.parties}
    assert doers | not_doers <= set(actors)
    heads = mention_heads(next(iter(work.doc.sents)), work.parties)
    assert {name for name in doers | not_doers if may_be_doer(heads, actors[name], type_, lexicon())} == doers
