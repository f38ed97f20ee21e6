"""Who an agreement binds, proposes or broke: its parties, proposers and violators by their place in
the parse, mediators by `mediation`; and whose a peace counted is ("Ukraine's pursuit of a just
and lasting peace").

Hand-written, as the whole package is: no maintained library codes agreement frames."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

from spacy.tokens import Token

from truceline.actors import first_person
from truceline.agreement_lexicon import Lexicon
from truceline.agreements.cues import Cue
from truceline.agreements.mediation import backs, brings_about, joint_effort, mediates, strives_for
from truceline.agreements.nouns import Trigger, places_of
from truceline.agreements.syntax import SUBJECTS, climb, first_conjunct, words_of
from truceline.conflicts import conflict_of, sides
from truceline.records import AgreementStatus, Mention


@dataclass(frozen=True)
class Actors:
    """The actors a sentence names, each mention with the word it stands at in the parse
    (`mentions.mention_root`), and what says whom each acts for: the states by country code
    (`mentions.states_by_code`) and the lexicon's affiliations. Every role reads the three together."""

    mentions: list[tuple[Mention, Token]]
    states: dict[str, str]
    lex: Lexicon

    def side_of(self, mention: Mention) -> str | None:
        return side_or_state(mention, self.states, self.lex)


def read_roles(actors: Actors, members: list[Trigger],
               cues: dict[int, Cue]) -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
    """(parties, mediators, proposers): the sides named are the parties; an actor is a proposer
    or mediator by its place in the parse."""
    lex = actors.lex
    parties: dict[str, None] = {}
    mediators: dict[str, None] = {}
    proposers: dict[str, None] = {}
    backers: dict[str, None] = {}
    proposals = {m.root.i for m in members if m.kind == "proposal"}
    bridging = any(c.dep_ in ("amod", "compound") and c.lower_ in lex.bridging
                   for m in members if m.kind == "proposal" for c in m.root.children)
    nouns = {m.root.i for m in members}
    war = _war_sides(actors, members)
    for mention, root in actors.mentions:
        name = actors.side_of(mention)
        if name is None:
            # an international body ("a UN-mediated truce") or the speaker's "we" ("we will not
            # stop working to achieve a ceasefire deal") brokers; it is bound by none
            speaker = first_person(mention.actor)
            if (mention.actor.kind == "igo" or speaker) and (
                    mediates(root, lex, nouns) or (speaker and brings_about(root, lex, nouns))):
                mediators[mention.actor.canonical] = None
            continue
        if (name in lex.sides and not _a_place(root, lex) and not _dates(root, cues)) or _asked(root, lex):
            parties[name] = None
        if _proposes(root, proposals, lex):
            proposers[name] = None
            if bridging and name not in lex.sides:
                mediators[name] = None
        elif name not in lex.sides and (mediates(root, lex, nouns) or joint_effort(root, lex)
                                        or (name not in war and strives_for(root, lex, nouns))):
            mediators[name] = None
        elif (any(a.lemma_.lower() in lex.between for a in climb(root, 3)) or _bound(root, cues)
              or (name in war and (_accepts(root, lex, nouns) or _owns(root, nouns)))):
            parties[name] = None
        if name not in lex.sides and backs(root, lex):
            backers[name] = None
    if mediators:  # "the United States with support from Egypt and Qatar presented ... a bridging proposal"
        mediators.update(backers)
    return tuple(parties), tuple(mediators), tuple(proposers)


def _war_sides(actors: Actors, members: list[Trigger]) -> tuple[str, ...]:
    """The sides of the war the sentence speaks of (data/conflicts.toml), by the states and
    groups it names and its places: "the DRC and Rwanda", "eastern DRC" are of DRC–M23."""
    if not members:
        return ()
    names = [name for mention, _ in actors.mentions if (name := actors.side_of(mention))]
    return sides(conflict_of(names, members[0].root.sent.text))


def _accepts(root: Token, lex: Lexicon, nouns: Collection[int]) -> bool:
    """Whether the actor is the subject of a verb of accepting the agreement, or of one taking
    such a word as its object: "The DRC and Rwanda have expressed support for the U.S. proposal
    of a 72-hour ceasefire", "The Governments of the DRC and Rwanda have expressed support"."""
    root = first_conjunct(root)
    if root.dep_ == "pobj" and root.head.lower_ == "of":  # "the Governments of the DRC and Rwanda"
        root = first_conjunct(root.head.head)
    verb = root.head
    if root.dep_ != "nsubj" or verb.pos_ not in ("VERB", "AUX") or not any(t.i in nouns for t in verb.subtree):
        return False
    return bool(words_of(verb) & lex.accepts) or any(c.dep_ == "dobj" and words_of(c) & lex.accepts for c in verb.children)


def _owns(root: Token, nouns: Collection[int]) -> bool:
    """Whether the actor is named as the agreement's own: the owner of its noun or of a noun that
    takes it as its object ("Ukraine's pursuit of a just and lasting peace", "Russia's commitments
    under the Minsk agreements"), or the one it is made with ("get a peace with Russia-Ukraine").
    Read for a side of the sentence's war: its own pursuit, commitment or peace binds it."""
    while root.dep_ == "compound" and root.head.pos_ == "PROPN":  # "Russia-Ukraine"
        root = root.head
    root = first_conjunct(root)
    if root.dep_ == "poss":
        return root.head.i in nouns or any(
            p.dep_ == "prep" and any(o.dep_ == "pobj" and o.i in nouns for o in p.children) for p in root.head.children)
    return root.dep_ == "pobj" and root.head.lower_ == "with" and root.head.head.i in nouns


def _a_place(root: Token, lex: Lexicon) -> bool:
    """Whether a side is named as where, not who: "a ceasefire in Lebanon", "calm along Israel's
    northern border with Lebanon" (the Gaza deal of 31 May 2024 binds neither by naming them)."""
    root = first_conjunct(root)  # "in both Lebanon and Israel"
    head = root.head
    if root.dep_ == "pobj" and head.lower_ in lex.place_prepositions:
        return True
    if root.dep_ == "pobj" and head.dep_ == "prep":  # "the border with Lebanon"
        head = head.head
    elif root.dep_ != "poss":  # "Israel's northern border"
        return False
    return head.lemma_.lower() in lex.place_nouns


def _dates(root: Token, cues: dict[int, Cue]) -> bool:
    """Whether a side is named only to date something, by what it did ("the conflict that has
    been ongoing since Hezbollah launched the attack on October 8th"): a side of the war, not of
    the agreement. "since Israel and Hamas agreed to it" binds them (an agreement's cue)."""
    root = first_conjunct(root)
    verb = root.head
    return (root.dep_ in SUBJECTS and verb.i not in cues
            and any(c.dep_ == "mark" and c.lower_ == "since" for c in verb.children))


def _asked(root: Token, lex: Lexicon) -> bool:
    """Whether the actor is the one asked to make it: "calls on the Assad regime to enact a
    ceasefire", "urged Hamas to accept"."""
    while root.dep_ in ("conj", "compound"):  # "the Assad regime, and its backers"
        root = root.head
    if root.dep_ == "pobj" and root.head.lower_ == "on":
        root = root.head
    return root.dep_ in ("dobj", "prep") and root.head.lemma_.lower() in lex.asked


def _bound(root: Token, cues: dict[int, Cue]) -> bool:
    """Whether the actor is the one who agrees, rejects or violates: "Iran has agreed to a ceasefire",
    "Russia and Ukraine agreed to a partial ceasefire"."""
    root = first_conjunct(root)
    cue = cues.get(root.head.i)
    return root.dep_ == "nsubj" and cue is not None and cue.status in ("agreed", "rejected", "violated")


def violators_of(actors: Actors, cues: dict[int, Cue]) -> tuple[str, ...]:
    """The sides the sentence says broke the agreement: the subject of "violated" or "broke"
    ("Hamas violated a ceasefire", "Hamas and its allies broke it"), the owner of "violations"
    ("Israel's violations")."""
    found: dict[str, None] = {}
    for mention, root in actors.mentions:
        root = first_conjunct(root)
        cue = cues.get(root.head.i)
        name = actors.side_of(mention)
        if name and cue is not None and cue.status == "violated" and root.dep_ in ("nsubj", "poss"):
            found[name] = None
    return tuple(found)


def side_or_state(mention: Mention, states: dict[str, str], lex: Lexicon) -> str | None:
    """The state or armed group an actor acts for: Netanyahu and the IDF act for Israel. The
    speaker's "we" acts for none: "we reached a deal", "we secured a ceasefire between Israel and
    Lebanon" report an agreement the speaker brokered far more often than one it is bound by."""
    actor = mention.actor
    if first_person(mention.actor):
        return None
    if actor.canonical in lex.affiliation:
        return lex.affiliation[actor.canonical]
    if actor.kind in ("state", "armed_group"):
        return actor.canonical
    if actor.kind in ("person", "government", "military") and actor.country:
        return states.get(actor.country)
    return None


def _proposes(root: Token, proposals: set[int], lex: Lexicon) -> bool:
    """Subject of "propose", behind "proposed by", or owner of a proposal ("Israel's proposal")."""
    first = first_conjunct(root)  # "the US and France called for"
    head, dep = first.head, first.dep_
    if dep in ("poss", "compound", "amod", "nmod") and head.i in proposals:
        doc = root.doc  # but "the Israel-Hezbollah ceasefire proposal" says whose ceasefire
        return not any(0 <= i < len(doc) and doc[i].text in ("-", "–") for i in (root.i - 1, root.i + 1))
    if dep == "pobj" and head.dep_ == "agent":
        head, dep = head.head, "nsubj"
    return dep == "nsubj" and head.lemma_.lower() in lex.proposer


def _cued_itself(noun: Token, cue: Cue) -> bool:
    """Whether the cue takes the noun itself as its object, or through its preposition: "get a peace
    with Russia-Ukraine", "Ukraine's pursuit of a just and lasting peace". A peace counted is an
    agreement only so, not by its adjective ("imperil any pathway to a durable peace") nor by a cue
    over another verb ("a strategy that secures Israel's safety and advances a broader peace")."""
    head = noun.head
    return cue.head.i == head.i or (head.dep_ == "prep" and cue.head.i == head.head.i)


def whose_peace(noun: Token, status: AgreementStatus, cue: Cue, actors: Actors, members: list[Trigger],
                named: list[Trigger]) -> bool:
    """Whether a peace counted names an agreement: the sentence names a side of its war as whose it
    is or whom it is with (`_owns`), and a cue of its own speaks of it (`_cued_itself`): "Ukraine's
    pursuit of a just and lasting peace", "get a peace with Russia-Ukraine"; or it is wanted (its
    cue, read through its hedges, makes it proposed) and the sentence says whose or where it is: a
    side's, the sides' it is "between", or placed in a war's place ("ongoing efforts to create new
    conditions for an enduring and sustainable peace between Israelis and Palestinians", "our
    support for a just and durable peace in Ukraine"). Statements that hope to "deliver a
    sustainable peace" or "build a lasting peace in the region" name no one's; and a peace another
    agreement of the sentence is to reach is its goal, not one more ("President Zelenskyy's
    proposal to reach a just and lasting peace in Ukraine")."""
    war = _war_sides(actors, members)
    owned = any(actors.side_of(mention) in war and _owns(root, (noun.i,)) for mention, root in actors.mentions)
    if owned and _cued_itself(noun, cue):
        return True
    between = {c.i for c in noun.children if c.dep_ == "prep" and c.lower_ in actors.lex.between}
    others = {m.root.i for m in named} - {noun.i}
    return status == "proposed" and not any(a.i in others for a in noun.ancestors) and (
        owned or bool(places_of(noun)) or any(first_conjunct(root).head.i in between for _, root in actors.mentions))
