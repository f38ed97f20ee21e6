"""Event parties: who may be an event's source and target whatever coder reads the sentence.
The rules (events.py) and the pair model (`models/roles.py`) both ask it.
"""

from __future__ import annotations

from truceline.actors import first_person
from truceline.places import towns
from truceline.records import Actor

# What a town or a strip of land can undergo: aid sent into it, a withdrawal from it, an attack
# or a siege on it (the annotated documents code no other type so). Not an agreement, which its
# parties make: "a deal that brings relief to the people of Gaza", "no fighting in Gaza" are no
# agreement with Gaza, nor is a promise of aid (the annotated training and development documents
# code none with a town).
PLACE_TARGETS = frozenset({"AID", "RETREAT", "ASSAULT", "COERCE"})


def may_be_sides(source: Actor, target: Actor | None, type_: str, reciprocal: frozenset[str]) -> bool:
    """Whether two actors may be the source and target of an event of this type, whichever coder
    reads them: a place is no source, and the target of few types (`a_place`, `may_undergo`); no
    one acts on their own side (`own_side`), nor does one government with itself what sides do
    together (`one_government`; `reciprocal`: the lexicon's types its sides do together)."""
    return (not a_place(source) and may_undergo(target, type_) and not own_side(source, target)
            and not (type_ in reciprocal and one_government(source, target)))


def a_place(actor: Actor) -> bool:
    """Whether an actor is a town the dictionary keeps as a party because news treats it as one
    ("aid into Gaza"), or a town's name it lacks that the text names as a place ("a session at a
    Manhattan hotel", "an announcement in Geneva": spaCy's GPE, kept as a party of no country): it
    acts on no one ("a hostage held in Gaza" is no event of Gaza's), and it is where, not whom,
    most events are ("an operation into Rafah" is not supported by Rafah)."""
    if actor.kind != "other":
        return False
    countries = towns().get(actor.canonical, ())
    return actor.country in countries if actor.country is not None else bool(countries)


def may_undergo(target: Actor | None, type_: str) -> bool:
    """Whether an event of this type may have this target: a place only what PLACE_TARGETS says."""
    return target is None or type_ in PLACE_TARGETS or not a_place(target)


def own_side(source: Actor, target: Actor | None) -> bool:
    """Whether the target is the source's own side: a document's "I" or "we" and its own
    officials ("I have not talked to the President" in a press gaggle is no event between
    states), or a state and those who act for it, either way ("The Secretary of Defense has
    directed two carrier strike groups to the region, and we are now sending more air defenses to
    U.S. air bases" is no attack of his on the United States; "efforts across the U.S.
    government to bring these Americans home" no release by the United States to its government;
    "Venezuela's regime blocked the leading opposition candidate to Nicolás Maduro" no rejection
    of Maduro by Venezuela). Its rebels and protesters may act on it, and its officials on each
    other and on its legislature ("President Biden continues to call on Congress")."""
    if target is None or target.country is None or target.country != source.country:
        return False
    return first_person(source) or (target.kind == "state" and _acts_for_a_state(source)) or (
        source.kind == "state" and _acts_for_a_state(target))


def one_government(a: Actor, b: Actor | None) -> bool:
    """Whether two actors both act for one state's government, its legislature apart: its officials,
    ministries and forces ("Dr. Gordon discussed with the Biden administration", a National
    Security Advisor meeting his Secretary of State). They are one side, and what they do together
    (AGREE, CONSULT, COOPERATE) is no event between sides; a president talking with his Congress
    or its Speaker is (the annotated documents code those, and no meeting of one executive)."""
    if b is None or a.country is None or a.country != b.country:
        return False
    return _executive(a) and _executive(b)


def _executive(actor: Actor) -> bool:
    words = set(f"{actor.canonical} {actor.role or ''}".lower().replace("-", " ").split())
    return _acts_for_a_state(actor) and not words & _LEGISLATIVE


def _acts_for_a_state(actor: Actor) -> bool:
    return actor.kind in _FOR_A_STATE or actor.role is not None


_FOR_A_STATE = frozenset({"state", "government", "military"})
# Words that name a legislature or its members, in an actor's name or role.
_LEGISLATIVE = frozenset({"congress", "senate", "senator", "representatives", "congressman", "congresswoman",
                          "parliament", "parliamentary", "knesset", "assembly", "speaker", "legislature",
                          "lawmaker", "duma", "rada"})
