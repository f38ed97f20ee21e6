"""The clause linguistics every coder shares: one reading of mode, questions and dates.
Sentences written for these tests."""

from __future__ import annotations

from datetime import date

import pytest

from truceline import clauses


def _verb(doc, lemma):
    return next(t for t in doc if t.lemma_ == lemma)


@pytest.mark.parametrize(("text", "lemma", "negated", "auxiliaries", "conditional"), [
    ("Hamas has not accepted the proposal.", "accept", True, set(), False),
    ("Israel would withdraw its troops.", "withdraw", False, {"modal"}, False),
    ("Iran may retaliate against Israel.", "retaliate", False, {"hedge"}, False),
    ("Hamas must release the hostages.", "release", False, {"obligation"}, False),
    ("Egypt will host the talks.", "host", False, {"future"}, False),
    ("If Hamas agrees, Israel will pause its operations.", "pause", False, {"future"}, True),
])
def test_clauses_facts_of_a_clause_head(nlp, text, lemma, negated, auxiliaries, conditional):
    facts = clauses.facts(_verb(nlp(text), lemma))
    assert (facts.negated, set(facts.auxiliaries), facts.conditional) == (negated, auxiliaries, conditional)


@pytest.mark.parametrize(("text", "clause"), [
    # spaCy hangs "agree" from "'s", or makes "agrees" the root: the list goes on from "come", under "demand that"
    ("It's time to raise your voices and to demand that Hamas come to the table, agree to this deal, "
     "and end this war that they began.", "come"),
    ("Now it’s time to raise your voices and to demand that Hasa- — Hamas come to the table, agrees to this "
     "deal, and ends this war that they began.", "come"),
    ("Israel came to the table and agreed to the deal.", "come"),  # one tense: the parse's head
    ("Israel accepted the deal and Hamas agreed to it.", "accept"),
])
def test_clauses_a_coordinated_verb_shares_the_clause_of_its_list(nlp, text, clause):
    assert clauses.clause_of(_verb(nlp(text), "agree")).lemma_ == clause


def test_clauses_once_is_a_condition_only_in_the_present(nlp):
    ahead = nlp("Aid will flow once the ceasefire takes effect.")
    done = nlp("Aid flowed once the ceasefire took effect.")
    assert clauses.conditional_clause(_verb(ahead, "take"))
    assert not clauses.conditional_clause(_verb(done, "take"))


def test_clauses_a_sentence_is_read_once_and_kept_on_the_doc(nlp):
    doc = nlp("Will Israel accept the deal? Israel accepted the deal.")
    first, second = doc.sents
    assert clauses.sentence(first).question and not clauses.sentence(second).question
    assert clauses.analyse(doc) is clauses.analyse(doc)


@pytest.mark.parametrize(("text", "asks"), [
    # a reporter's turn, cut off before its question mark or asking for a word on something
    ("And if you could just comment on Israel’s ban of UNRWA and whether you think that’s helpful.", True),
    ("Can you talk about what the President said to Netanyahu.", True),
    ("Q And is there a plan to send more troops to the region.", True),
    ("If you could see what Hamas did on October 7th, you would understand.", False),
    ("If Hamas could release the hostages, Israel would pause its operations.", False),
    ("Will Smith met the President in Cairo.", False),
    # written for this test: an indirect question, and wondering at something
    ("I wonder if you could tell us whether Japan sent troops to Kenya.", True),
    ("I'm curious whether Japan has sent troops to Kenya.", True),
    ("We wonder at the courage of Kenyan troops who fought in Haiti.", False),
])
def test_clauses_a_sentence_asks_without_its_question_mark(nlp, text, asks):
    assert clauses.sentence(next(nlp(text).sents)).question is asks


def test_clauses_a_fragment_asking_for_a_word_asks(nlp):
    # As the parse of a briefing read it: "And" the root of a fragment, the request its condition.
    from spacy.tokens import Doc

    words = ["And", "if", "you", "could", "just", "comment", "on", "Israel", "’s", "ban", "of", "UNRWA", "."]
    heads = [0, 5, 5, 5, 5, 0, 5, 9, 7, 6, 9, 10, 0]
    deps = ["ROOT", "mark", "nsubj", "aux", "advmod", "advcl", "prep", "poss", "case", "pobj", "prep", "pobj", "punct"]
    pos = ["CCONJ", "SCONJ", "PRON", "AUX", "ADV", "VERB", "ADP", "PROPN", "PART", "NOUN", "ADP", "PROPN", "PUNCT"]
    doc = Doc(nlp.vocab, words=words, heads=heads, deps=deps, pos=pos, sent_starts=[True] + [False] * 12)
    assert clauses.sentence(next(doc.sents)).question


def test_clauses_date_attached_to_its_clause_only(nlp):
    doc = nlp("Since the October 7 attack, Biden spoke with Netanyahu on Tuesday.")
    published = date(2023, 11, 2)  # a Thursday
    assert clauses.clause_date([_verb(doc, "speak")], published) == date(2023, 10, 31)
    assert clauses.clause_date([_verb(nlp("Biden spoke with Netanyahu."), "speak")], published) is None
