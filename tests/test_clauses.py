"""The clause linguistics every coder shares: one reading of mode, questions and dates.
Sentences written for these tests."""

from __future__ import annotations

from datetime import date

import pytest

from truceline import clauses, voices
from truceline.records import Document

from handparsed import DOES_NOT_BELIEVE, REJECTS_HOWEVER, by_hand


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


@pytest.mark.parametrize(("text", "day"), [
    ("McGurk met last night with the Prime Minister of Iraq.", date(2024, 1, 24)),
    ("On the night of January 23, 2024, United States forces conducted strikes in Iraq.", date(2024, 1, 23)),
])
def test_clauses_date_of_a_time_of_day(nlp, text, day):
    sent = next(nlp(text).sents)
    assert clauses.clause_date([sent.root], date(2024, 1, 25)) == day


@pytest.mark.parametrize(("text", "verb", "day"), [
    ("Since October 7, Israel has struck Gaza.", "strike", None),  # bounds the act, dates it not
    ("After the talks, Hamas will withdraw by September 15.", "withdraw", None),
    ("We were attacked on 9/11 by Al-Qaeda.", "attack", date(2001, 9, 11)),  # a day known by its name
    ("We remember all the Americans who laid down their lives on D-Day.", "lay", date(1944, 6, 6)),
])
def test_clauses_date_only_of_a_day_the_act_is_on(nlp, text, verb, day):
    assert clauses.clause_date([_verb(nlp(text), verb)], date(2024, 6, 5)) == day


def test_clauses_event_date_carries_through_its_paragraph_in_one_tense(nlp):
    doc = nlp("Harris met with Prime Minister Sunak in Munich on February 18. They discussed support for "
              "Ukraine. The leaders remain committed to NATO.\n\nThe leaders discussed China.")
    published = date(2023, 2, 19)
    met, discussed, remain, after_break = (next(s.root for s in doc.sents if word in s.text)
                                           for word in ("met", "They", "remain", "China"))
    assert clauses.event_date([met], published) == date(2023, 2, 18)
    assert clauses.event_date([discussed], published) == date(2023, 2, 18)
    assert clauses.event_date([remain], published) == published  # another tense
    assert clauses.event_date([after_break], published) == published  # another paragraph


# Real sentences of White House briefings and readouts (eval/GUIDE.md: a perfect or a future with no
# date stated is an undated past or future, `null`; what goes on at the time of writing, or the
# act the text itself performs ("I have determined"), is on the publication day). Audits 50 and 51
# judged the first two partly wrong when they bore the day of the briefing, audit 52 the speaker's
# "I've encouraged the Prime Minister"; the two "I have" of other verbs are training sentences the
# gold leaves undated.
@pytest.mark.parametrize(("text", "undated"), [
    ("For example, in Kenya, USAID has provided $600,000 to Kenya Red Cross Society.", True),
    ("The Houthis have threatened to attack any commercial ship in that region that has ties to Israel.", True),
    ("In Russia, American journalists Evan Gershkovich and Alsu Kurmasheva have been imprisoned in "
     "connection with their work.", True),
    ("In the Gulf region, Mr. McGurk will discuss efforts to contain the conflict against Hamas.", True),
    ("We’re going to provide the Bradley Infantry Fighting Vehicles — the United States — to the Ukrainians.", True),
    ("And so, look, we’re going to continue to have our conversations with our Israeli counterparts.", False),
    ("Therefore, I have determined that it is necessary to continue the national emergency declared in "
     "Executive Order 13611 with respect to Yemen.", False),
    ("I have spoken with Zelenskyy, and everything he’s asked for, we’ve worked out.", True),
    ("We’ve announced $100 million for the Palestinian people, including through UNRWA.", True),
    ("I have consistently pressed for a pause in the fighting for two reasons: to accelerate and expand the "
     "humanitarian assistance going into Gaza and, two, to facilitate the release of hostages.", True),
    ("I’ve just spoken with Prime Minister Netanyahu to reaffirm America’s ironclad commitment to the "
     "security of Israel.", False),
    ("President Biden spoke with Prime Minister Netanyahu of Israel today.", False),
    # Written for this test: a typographic "’ve" and a "’s" before a participle tagged as a past
    # tense are "have" and "has".
    ("We’ve repeatedly made clear that we oppose a ground operation in Rafah.", True),
    ("Since the beginning of the war, we’ve provided more than $50 billion in aid to Ukraine.", True),
    ("We’ve been working with Egypt on a deal.", True),
    ("He’s threatened to use the military against protesters.", True),
])
def test_clauses_event_date_of_an_undated_past_or_future_is_none(nlp, text, undated):
    published = date(2024, 5, 1)
    root = next(nlp(text).sents).root
    assert clauses.event_date([root], published) == (None if undated else published)


@pytest.mark.parametrize(("text", "verb", "undated"), [
    ("Over the last three years, the administration has hosted two summits at the White House, opened three new "
     "embassies in the Pacific and launched new programs.", "opened", True),
    ("Since the election, the regime has arrested hundreds of protesters and deployed a range of intimidation "
     "tactics.", "deployed", True),
    # the subject it shares makes it the text's own act
    ("I have also spoken with the King of Jordan and directed my team to engage with their counterparts.",
     "directed", False),
    ("Hamas attacked Israel and killed 1,200 people.", "killed", False),  # a past tense: no auxiliary to share
])
def test_clauses_a_participle_listed_after_a_perfect_shares_its_auxiliary(nlp, text, verb, undated):
    """Written for this test: spaCy tags such a participle as a past tense, with no auxiliary of its own."""
    published = date(2024, 5, 1)
    participle = next(t for t in nlp(text) if t.text == verb)
    assert clauses.event_date([participle], published) == (None if undated else published)


@pytest.mark.parametrize(("text", "verb", "undated"), [
    ("It is too early to assess the fighting since the humanitarian pause ended.", "ended", True),
    ("Friday will mark one year since the journalist was arrested in Russia.", "arrested", True),
    ("We must act now, since the talks remain stalled.", "remain", False),  # "since" as "because"
])
def test_clauses_a_past_a_since_clause_names_is_undated(nlp, text, verb, undated):
    """Written for this test: a span to the time of writing began then, before the day of the text."""
    published = date(2024, 5, 1)
    head = next(t for t in nlp(text) if t.text == verb)
    assert clauses.event_date([head], published) == (None if undated else published)


def test_clauses_a_perfect_does_not_carry_a_paragraphs_past_date(nlp):
    doc = nlp("Trump spoke at a rally in Ohio on April 30. He’s threatened to use the military against protesters.")
    threatened = next(t for t in doc if t.text == "threatened")
    assert clauses.event_date([threatened], date(2024, 5, 1)) is None


def test_clauses_a_reporters_premise_with_no_day_of_its_own_is_undated(nlp, dictionary):
    """Lines of reporters and briefers from development and training briefings (eval/GUIDE.md: a
    premise is dated as it gives a date; the gold leaves "Trump threatened" undated): a reporter's
    past with no day is undated, with "Today" it is the day; the briefer's present is the day. An
    audience member's line (written for this test) is a reporter's: the turns are the ones the
    actors stage reads (`Voices.asks`) and keeps on the Doc."""
    text = ("Q    So, former President Donald Trump threatened to revoke the legal status of Haitian migrants.  "
            "Today, Senator Bob Menendez was accused of being a foreign agent.\n\n"
            "MS. JEAN-PIERRE:  So, the U.S. strongly condemns the prosecution of pro-democracy advocate and media "
            "owner Jimmy Lai in Hong Kong under the PRC-imposed National Security Law.\n\n"
            "AUDIENCE MEMBER:  Hamas broke the ceasefire.")
    published = date(2024, 1, 18)
    document = Document(id="0", source="https://www.whitehouse.gov/briefing-room/", published=published,
                        title="Press Briefing by Press Secretary Karine Jean-Pierre", publisher=None,
                        original_source=None, language="en", text=text)
    doc = nlp(text)
    voices.keep(doc, voices.of_document(document, nlp, dictionary))
    threatened, accused, condemns, broke = (next(t for t in doc if t.text == w)
                                            for w in ("threatened", "accused", "condemns", "broke"))
    assert clauses.event_date([threatened], published) is None
    assert clauses.event_date([accused], published) == published
    assert clauses.event_date([condemns], published) == published
    assert clauses.event_date([broke], published) is None


# --- scope: what a clause's negation and hedges reach ------------------------------------------
# Sentences written for these tests, parsed by hand as spaCy's small English model parses them
# (`handparsed`).


def test_clauses_negation_does_not_leak_across_however():
    # spaCy hangs "rejects" from "believe": a sibling set apart by "however", not its complement
    doc = by_hand(REJECTS_HOWEVER)
    rejects, believe, failed = doc[1], doc[11], doc[16]
    assert clauses.facts(believe).negated
    assert not clauses.in_scope(rejects)
    assert clauses.in_scope(failed)  # what Israel does not believe stays under its "not"


def test_clauses_negation_reaches_a_complement():
    doc = by_hand(DOES_NOT_BELIEVE)
    assert clauses.facts(doc[3]).negated and clauses.in_scope(doc[6])


def test_clauses_a_parenthetical_however_keeps_the_complement():
    doc = by_hand("""
        We we PRON PRP nsubj 4
        do do AUX VBP aux 4
        not not PART RB neg 4
        believe believe VERB VB ROOT 0
        , , PUNCT , punct 4
        however however ADV RB advmod 4
        , , PUNCT , punct 4
        that that SCONJ IN mark 10
        Hamas Hamas PROPN NNP nsubj 10
        attacked attack VERB VBD ccomp 4
        Israel Israel PROPN NNP dobj 10
        . . PUNCT . punct 4
    """)
    assert clauses.in_scope(doc[9])


def test_clauses_a_semicolon_or_a_comma_splice_parts_two_clauses():
    semicolon = by_hand("""
        We we PRON PRP nsubj 4
        will will AUX MD aux 4
        not not PART RB neg 4
        sign sign VERB VB ccomp 9
        the the DET DT det 6
        deal deal NOUN NN dobj 4
        ; ; PUNCT : punct 9
        Hamas Hamas PROPN NNP nsubj 9
        agreed agree VERB VBD ROOT 0
        to to ADP IN prep 9
        a a DET DT det 12
        ceasefire ceasefire NOUN NN pobj 10
        . . PUNCT . punct 9
    """)
    assert not clauses.in_scope(semicolon[3])
    # "believe" has a complement of its own after it: "reject" before it is no second one
    splice = by_hand("""
        We we PRON PRP nsubj 2
        reject reject VERB VBP ccomp 9
        the the DET DT det 4
        proposal proposal NOUN NN dobj 2
        , , PUNCT , punct 9
        we we PRON PRP nsubj 9
        do do AUX VBP aux 9
        not not PART RB neg 9
        believe believe VERB VB ROOT 0
        it it PRON PRP nsubj 11
        works work VERB VBZ ccomp 9
        . . PUNCT . punct 9
    """)
    assert not clauses.in_scope(splice[1]) and clauses.in_scope(splice[10])
    # a report before its verb of saying is its complement: "Hamas attacked Israel, the minister said"
    report = by_hand("""
        Hamas Hamas PROPN NNP nsubj 2
        attacked attack VERB VBD ccomp 7
        Israel Israel PROPN NNP dobj 2
        , , PUNCT , punct 7
        the the DET DT det 6
        minister minister NOUN NN nsubj 7
        said say VERB VBD ROOT 0
        . . PUNCT . punct 7
    """)
    assert clauses.in_scope(report[1])


def test_clauses_not_only_but_also_negates_neither():
    # "not" read as the verb's negation, as a parse may read it
    doc = by_hand("""
        Israel Israel PROPN NNP nsubj 5
        did do AUX VBD aux 5
        not not PART RB neg 5
        only only ADV RB advmod 3
        strike strike VERB VB ROOT 0
        Hamas Hamas PROPN NNP dobj 5
        but but CCONJ CC cc 5
        also also ADV RB advmod 9
        bombed bomb VERB VBD conj 5
        Lebanon Lebanon PROPN NNP dobj 9
        . . PUNCT . punct 5
    """)
    assert not clauses.facts(doc[4]).negated
    assert not clauses.in_scope(doc[8])  # after "but": no share in the first verb's words


@pytest.mark.parametrize(("cc", "shared"), [("but", False), ("or", True)])
def test_clauses_but_parts_a_conjoined_verb_or_shares_its_negation(cc, shared):
    doc = by_hand(f"""
        Israel Israel PROPN NNP nsubj 4
        did do AUX VBD aux 4
        not not PART RB neg 4
        attack attack VERB VB ROOT 0
        Hamas Hamas PROPN NNP dobj 4
        {cc} {cc} CCONJ CC cc 4
        bomb bomb VERB VB conj 4
        Lebanon Lebanon PROPN NNP dobj 7
        . . PUNCT . punct 4
    """)
    assert clauses.in_scope(doc[6]) is shared


@pytest.mark.parametrize(("tag", "shared"), [("VBP", False), ("VB", True)])
def test_clauses_a_conjoined_verb_the_auxiliary_cannot_govern_is_its_own_clause(tag, shared):
    # "we don't believe X and utterly reject Y": "reject", finite, is no verb under "don't"
    doc = by_hand(f"""
        We we PRON PRP nsubj 4
        do do AUX VBP aux 4
        n't not PART RB neg 4
        believe believe VERB VB ROOT 0
        them they PRON PRP dobj 4
        and and CCONJ CC cc 4
        utterly utterly ADV RB advmod 8
        reject reject VERB {tag} conj 4
        the the DET DT det 10
        proposal proposal NOUN NN dobj 8
        . . PUNCT . punct 4
    """)
    assert clauses.in_scope(doc[7]) is shared


def test_clauses_a_conjoined_verb_with_its_own_subject_is_its_own_clause():
    # "not" is the speaker's: Qatar's mediating is no verb under it
    doc = by_hand("""
        We we PRON PRP nsubj 4
        will will AUX MD aux 4
        not not PART RB neg 4
        comment comment VERB VB ROOT 0
        , , PUNCT , punct 4
        and and CCONJ CC cc 4
        Qatar Qatar PROPN NNP nsubj 9
        will will AUX MD aux 9
        mediate mediate VERB VB conj 4
        . . PUNCT . punct 4
    """)
    assert not clauses.in_scope(doc[8])
