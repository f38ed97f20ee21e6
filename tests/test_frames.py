"""Frames: the mentions of one agreement in a document read together, its conflict and its name.
The mentions below are written for these tests (synthetic), in the shape the agreements stage
gives them: each with what its own sentence says."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from truceline.conflicts import conflict_of, weights
from truceline.frames import frame_agreements
from truceline.names import agreement_name
from truceline.records import Agreement

TEXT = ("Hamas and Israel have agreed on a humanitarian pause in Gaza. It will last four days. "
        "The pause was mediated by Qatar, Egypt and the United States.")


def mention(sentence: str, text: str = TEXT, **fields) -> Agreement:
    start = text.index(sentence)
    empty = dict(kind="deal", parties=(), mediators=(), proposers=(), status="agreed", effective=None,
                 duration_days=None, phase=None, phases=(), terms=(), violators=())
    return Agreement(**{**empty, **fields}, text=sentence, start=start, end=start + len(sentence))


def test_frames_give_every_mention_what_the_whole_document_says():
    found = frame_agreements([
        mention("Hamas and Israel have agreed on a humanitarian pause in Gaza.", kind="pause", parties=("Hamas", "Israel")),
        mention("It will last four days.", duration_days=4.0),
        mention("The pause was mediated by Qatar, Egypt and the United States.", kind="pause", status="in_force",
                mediators=("Qatar", "Egypt", "United States")),
    ], TEXT)
    assert {a.frame for a in found} == {0}
    for a in found:
        assert (a.kind, a.conflict, a.parties, a.duration_days) == ("pause", "Israel–Hamas", ("Hamas", "Israel"), 4.0)
        assert a.mediators == ("Qatar", "Egypt", "United States")
    assert [a.status for a in found] == ["agreed", "agreed", "in_force"]  # each sentence's own
    [duration] = [e for e in found[0].evidence if e.field == "duration_days"]
    assert TEXT[duration.start:duration.end] == "It will last four days."


def test_mentions_of_two_wars_are_two_frames_and_a_broker_is_no_party():
    text = ("Israel and Lebanon accepted a cessation of hostilities. "
            "Hamas has refused to negotiate a ceasefire in Gaza. The United States agreed to the ceasefire in Lebanon.")
    found = frame_agreements([
        mention("Israel and Lebanon accepted a cessation of hostilities.", text, kind="ceasefire", parties=("Israel", "Lebanon")),
        mention("Hamas has refused to negotiate a ceasefire in Gaza.", text, kind="ceasefire", status="rejected",
                parties=("Hamas",)),
        mention("The United States agreed to the ceasefire in Lebanon.", text, kind="ceasefire", parties=("United States",)),
    ], text)
    assert [(a.frame, a.conflict) for a in found] == [(0, "Israel–Hezbollah"), (1, "Israel–Hamas"), (0, "Israel–Hezbollah")]
    assert found[2].parties == ("Israel", "Lebanon")


def test_a_side_of_the_war_brokers_no_agreement_of_it():
    text = "Ukraine negotiated with the United States a partial ceasefire on energy infrastructure in Russia."
    [framed] = frame_agreements([mention(text, text, kind="ceasefire", status="proposed", parties=("Russia",),
                                         mediators=("Ukraine", "United States"))], text)
    assert (framed.conflict, framed.mediators) == ("Russia–Ukraine", ("United States",))


def test_an_extension_keeps_its_own_length_and_a_different_start_is_another_agreement():
    text = "The 72-hour ceasefire in eastern Congo was extended by two weeks. A ceasefire took effect on 4 August."
    found = frame_agreements([
        mention("The 72-hour ceasefire in eastern Congo was extended by two weeks.", text, kind="ceasefire",
                status="extended", duration_days=14.0),
        mention("The 72-hour ceasefire in eastern Congo was extended by two weeks.", text, kind="ceasefire",
                duration_days=3.0, effective=date(2023, 12, 11)),
        mention("A ceasefire took effect on 4 August.", text, kind="ceasefire", status="in_force",
                effective=date(2024, 8, 4)),
    ], text)
    assert [(a.frame, a.duration_days) for a in found] == [(0, 14.0), (0, 3.0), (1, None)]
    assert found[0].effective == date(2023, 12, 11) and found[2].effective == date(2024, 8, 4)
    assert {a.conflict for a in found} == {"DRC–M23"}  # the second names no place: the document's war


def test_conflicts_come_from_parties_then_places_and_a_tie_stays_open():
    assert conflict_of(("Israel", "Hamas"), "") == "Israel–Hamas"
    assert conflict_of((), "the truce in eastern Democratic Republic of the Congo") == "DRC–M23"
    assert conflict_of(("Israel",), "the ceasefire") is None  # Gaza, Lebanon or Iran
    assert conflict_of(("Israel",), "the ceasefire", weights(["Hezbollah fired from Lebanon"])) == "Israel–Hezbollah"
    # a sentence counts once: "Lebanese Hezbollah" named in passing is no more than Hamas named once
    passing = weights(["The leaders discussed the response from Hamas.", "It faces threats from Lebanese Hezbollah."])
    assert conflict_of(("Israel",), "the ceasefire", passing) is None


def test_a_peace_between_israelis_and_palestinians_is_not_gazas_war_and_binds_both():
    text = ("They discussed the hostage talks in Gaza and the war in Gaza. They discussed efforts to create the "
            "conditions for an enduring peace between Israelis and Palestinians.")
    peace = "They discussed efforts to create the conditions for an enduring peace between Israelis and Palestinians."
    [framed] = frame_agreements([mention(peace, text, kind="peace", status="proposed", parties=("Israel", "Palestine"))],
                                text)
    assert (framed.conflict, framed.parties) == ("Israel–Palestine", ("Israel", "Palestine"))
    # a Gaza pause that names Palestinians only as those it helps stays Gaza's
    assert conflict_of(("Israel",), "Israel agreed to a pause so that aid reaches Palestinians in Gaza.") == "Israel–Hamas"


def test_the_united_states_is_a_side_of_its_wars_only_beside_its_enemy():
    assert conflict_of(("United States", "Houthis"), "a ceasefire with the Houthis") == "United States–Houthis"
    assert conflict_of(("United States", "Iran"), "") == "United States–Iran"
    assert conflict_of(("Houthis",), "a truce in Yemen") == "Yemen"
    assert conflict_of(("Israel", "Iran", "United States"), "the ceasefire between Israel and Iran") == "Iran"
    # the US named alone, as in most White House sentences, says nothing of which war
    assert conflict_of(("United States",), "the ceasefire in Lebanon") == "Israel–Hezbollah"
    assert conflict_of(("United States",), "the ceasefire") is None


def test_names_say_who_what_and_when():
    assert agreement_name("pause", "Israel–Hamas", ("Hamas", "Israel"), (), None, date(2023, 11, 21)) \
        == "Israel–Hamas humanitarian pause, Nov 2023"
    assert agreement_name("proposal", "Israel–Hezbollah", ("Lebanon", "Israel"), ("United States", "France"), 21.0,
                          date(2024, 9, 25)) == "US–France 21-day Israel–Lebanon proposal, Sep 2024"
    assert agreement_name("truce", "DRC–M23", (), (), 15.0, date(2024, 7, 17)) == "15-day DRC–M23 truce, Jul 2024"
    assert agreement_name("ceasefire", None, (), (), 3.0, None) == "3-day ceasefire"
    assert agreement_name("ceasefire", "Russia–Ukraine", ("Russia", "Ukraine"), (), 30.0, date(2025, 3, 18),
                          "partial") == "30-day Russia–Ukraine partial ceasefire, Mar 2025"


def test_a_lasting_ceasefire_asked_for_is_not_the_six_week_deal_beside_it():
    text = ("The United States is working on a hostage deal that would bring calm for six weeks. "
            "We need a lasting ceasefire now. We must step up efforts to reach a ceasefire.")
    found = frame_agreements([
        mention("The United States is working on a hostage deal that would bring calm for six weeks.", text,
                status="proposed", duration_days=42.0),
        mention("We need a lasting ceasefire now.", text, kind="ceasefire", status="proposed"),
        mention("We must step up efforts to reach a ceasefire.", text, kind="ceasefire", status="proposed"),
    ], text)
    assert [(a.frame, a.duration_days) for a in found] == [(0, 42.0), (1, None), (1, None)]


def test_a_place_in_the_sentence_belongs_to_the_agreement_it_names_not_to_the_other():
    text = ("The United States and France call for a 21-day ceasefire across the Lebanon-Israel border. "
            "Given Israel's rejection of this temporary ceasefire and the efforts for a ceasefire in Gaza, what now?")
    second = "Given Israel's rejection of this temporary ceasefire and the efforts for a ceasefire in Gaza, what now?"
    found = frame_agreements([
        mention("The United States and France call for a 21-day ceasefire across the Lebanon-Israel border.", text,
                kind="ceasefire", status="proposed", duration_days=21.0, conflict="Israel–Hezbollah"),
        mention(second, text, kind="ceasefire", status="rejected", parties=("Israel",)),
        mention(second, text, kind="ceasefire", status="proposed", conflict="Israel–Hamas"),
    ], text)
    assert [(a.frame, a.conflict) for a in found] == [(0, "Israel–Hezbollah"), (0, "Israel–Hezbollah"),
                                                      (1, "Israel–Hamas")]


def test_a_truce_and_a_ceasefire_both_reached_in_one_war_are_one_agreement_but_not_one_asked_for():
    reached = "Trump helped broker a truce for Gaza. An agreement was reached overnight on the ceasefire in Gaza."
    found = frame_agreements([
        mention("Trump helped broker a truce for Gaza.", reached, kind="truce", conflict="Israel–Hamas"),
        mention("An agreement was reached overnight on the ceasefire in Gaza.", reached, kind="ceasefire",
                conflict="Israel–Hamas"),
    ], reached)
    assert [(a.frame, a.kind) for a in found] == [(0, "truce"), (0, "truce")]
    asked = "The humanitarian pause in Gaza took effect. We call for a ceasefire in Gaza."
    found = frame_agreements([
        mention("The humanitarian pause in Gaza took effect.", asked, kind="pause", status="in_force",
                conflict="Israel–Hamas"),
        mention("We call for a ceasefire in Gaza.", asked, kind="ceasefire", status="proposed", conflict="Israel–Hamas"),
    ], asked)
    assert [(a.frame, a.kind) for a in found] == [(0, "pause"), (1, "ceasefire")]


def test_a_truce_and_a_ceasefire_asked_for_then_both_reached_are_one_agreement():
    """Asked for, each starts a frame of its own; once both are reported reached in the war, they
    are one agreement, whichever frame the text reached first."""
    text = ("Many hoped for a truce in Gaza. Trump worked to get a ceasefire in Gaza. "
            "Trump brokered the truce in Gaza. The ceasefire in Gaza was agreed overnight.")
    found = frame_agreements([
        mention("Many hoped for a truce in Gaza.", text, kind="truce", status="proposed", conflict="Israel–Hamas"),
        mention("Trump worked to get a ceasefire in Gaza.", text, kind="ceasefire", status="proposed",
                conflict="Israel–Hamas"),
        mention("Trump brokered the truce in Gaza.", text, kind="truce", conflict="Israel–Hamas"),
        mention("The ceasefire in Gaza was agreed overnight.", text, kind="ceasefire", conflict="Israel–Hamas"),
    ], text)
    assert [a.frame for a in found] == [0, 0, 0, 0]


def test_a_peace_agreement_is_not_the_ceasefire_arrangements_made_under_it():
    text = ("The Mali government reported repeated violations of ceasefire arrangements made pursuant to "
            "the 2015 Agreement on Peace and Reconciliation in Mali.")
    found = frame_agreements([
        mention(text, text, kind="ceasefire", status="violated", conflict="Mali"),
        mention(text, text, kind="peace", status="agreed", conflict="Mali"),
    ], text)
    assert [(a.frame, a.kind) for a in found] == [(0, "ceasefire"), (1, "peace")]
    assert agreement_name("peace", "Mali", (), (), None, date(2015, 6, 20)) == "Mali peace agreement, Jun 2015"


def test_a_mention_naming_no_war_is_of_the_war_the_sentence_before_names():
    text = ("We welcome the cessation of hostilities agreement between the Government of Ethiopia and the TPLF. "
            "We also support the reform priorities of Somalia. We reaffirm our commitment to the territorial "
            "integrity of the Democratic Republic of Congo. We welcome the cessation of hostilities agreed in March.")
    found = frame_agreements([
        mention("We welcome the cessation of hostilities agreement between the Government of Ethiopia and the TPLF.",
                text, kind="ceasefire", conflict="Ethiopia–Tigray"),
        mention("We welcome the cessation of hostilities agreed in March.", text, kind="ceasefire"),
    ], text)
    assert [(a.frame, a.conflict) for a in found] == [(0, "Ethiopia–Tigray"), (1, "DRC–M23")]


def test_a_mention_naming_no_war_in_a_text_about_several_stays_apart():
    text = ("Israel and Lebanon agreed to a cessation of hostilities. Hezbollah must stay north of the Litani. "
            "Russia rejected the ceasefire proposal from Kyiv for Ukraine. Russia struck Kyiv again.\n"
            "Talks go on. We are working on a deal.")
    found = frame_agreements([
        mention("Israel and Lebanon agreed to a cessation of hostilities.", text, kind="ceasefire",
                parties=("Israel", "Lebanon")),
        mention("Russia rejected the ceasefire proposal from Kyiv for Ukraine.", text, kind="ceasefire", status="rejected",
                parties=("Russia",)),
        mention("We are working on a deal.", text, status="proposed"),
    ], text)
    assert [(a.frame, a.conflict) for a in found] == [(0, "Israel–Hezbollah"), (1, "Russia–Ukraine"), (2, None)]


def test_a_partial_ceasefire_is_not_the_complete_one_and_a_plain_mention_takes_the_frames_scope():
    text = ("Ukraine has agreed to a complete ceasefire, and we hope Russia will do the same. "
            "Russia offered only a partial ceasefire on energy infrastructure. That ceasefire is not enough.")
    found = frame_agreements([
        mention("Ukraine has agreed to a complete ceasefire, and we hope Russia will do the same.", text,
                kind="ceasefire", parties=("Ukraine",), scope="complete"),
        mention("Russia offered only a partial ceasefire on energy infrastructure.", text, kind="ceasefire",
                status="proposed", parties=("Russia",), scope="partial"),
        mention("That ceasefire is not enough.", text, kind="ceasefire", status="proposed"),
    ], text)
    assert [(a.frame, a.scope) for a in found] == [(0, "complete"), (1, "partial"), (1, "partial")]


def test_an_answer_naming_no_war_is_of_the_war_its_question_names():
    text = ("Under the deal reached today, the fighting across the Lebanon-Israel border will end. Hezbollah will "
            "withdraw north of the Litani.\n\nQ Mr. President, will you get a ceasefire in Gaza before you leave?\n\n"
            "THE PRESIDENT: You ask me how I get a ceasefire in — I think so.")
    found = frame_agreements([
        mention("Under the deal reached today, the fighting across the Lebanon-Israel border will end.", text,
                conflict="Israel–Hezbollah"),
        mention("THE PRESIDENT: You ask me how I get a ceasefire in — I think so.", text, kind="ceasefire",
                status="proposed", mediators=("United States",)),
    ], text)
    assert [(a.frame, a.conflict) for a in found] == [(0, "Israel–Hezbollah"), (1, "Israel–Hamas")]


def test_a_frame_naming_no_war_takes_the_war_of_the_documents_agreements_not_one_named_in_passing():
    text = ("President Biden spoke today with the Amir. The two leaders discussed the negotiations in Doha for a "
            "ceasefire and hostage release deal. They discussed the region after the fall of the Assad regime in "
            "Syria and the weakening of Iran. He stressed the need for a ceasefire in Gaza.")
    talks = "The two leaders discussed the negotiations in Doha for a ceasefire and hostage release deal."
    found = frame_agreements([mention(talks, text, kind="ceasefire", status="proposed"),
                              mention("He stressed the need for a ceasefire in Gaza.", text, kind="ceasefire",
                                      status="proposed")], text)
    assert [a.conflict for a in found] == ["Israel–Hamas", "Israel–Hamas"]


def test_a_frame_whose_war_is_guessed_is_the_agreement_of_that_war_it_fits():
    """Read first, the talks name no war; the deal after them is placed by the sentence before it.
    Once the talks are given the war of the document's agreements, they are that deal, and share
    its mediators; a six-week deal asked for beside a lasting ceasefire stays apart."""
    text = ("The leaders discussed efforts to finalize a ceasefire deal. The leaders discussed the response from "
            "Hamas. Israel will engage with Qatari and Egyptian mediators to close out the deal. Israel faces "
            "threats from Lebanese Hezbollah.")
    talks = mention("The leaders discussed efforts to finalize a ceasefire deal.", text, kind="ceasefire",
                    status="proposed", parties=("Israel",))
    deal = mention("Israel will engage with Qatari and Egyptian mediators to close out the deal.", text,
                   status="proposed", parties=("Israel",), mediators=("Qatar", "Egypt"))
    found = frame_agreements([talks, deal], text)
    assert [(a.frame, a.conflict, a.mediators) for a in found] == [(0, "Israel–Hamas", ("Qatar", "Egypt"))] * 2
    found = frame_agreements([replace(talks, duration_days=42.0), replace(deal, text=deal.text.replace(
        "the deal", "a lasting ceasefire"), kind="ceasefire")], text.replace("the deal", "a lasting ceasefire"))
    assert [a.frame for a in found] == [0, 1]


def test_the_settlement_to_negotiate_during_a_short_ceasefire_is_its_own_frame():
    # written for this test: the ceasefire is named before and after the settlement, which has no length
    text = ("The SAF and the RSF were asked to hold a ceasefire. During those 30 days, the SAF and the RSF will "
            "negotiate to reach a comprehensive agreement that lets farmers return to their fields. "
            "This recommended ceasefire would last 30 days.")
    sides = ("Sudanese Armed Forces", "Rapid Support Forces")
    found = frame_agreements([
        mention("The SAF and the RSF were asked to hold a ceasefire.", text, kind="ceasefire", status="proposed",
                parties=sides),
        mention(text.split(". ")[1] + ".", text, status="proposed", parties=sides),
        mention("This recommended ceasefire would last 30 days.", text, kind="ceasefire", status="proposed",
                duration_days=30.0),
    ], text)
    assert [(a.frame, a.kind) for a in found] == [(0, "ceasefire"), (1, "deal"), (0, "ceasefire")]
    assert found[0].duration_days == 30.0 and found[1].duration_days is None
