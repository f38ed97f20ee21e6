"""Stages: the named steps of the pipeline, each declaring what it requires and what it assigns,
and the registry the pipeline picks them from by the names in `Settings.stages`.

A stage reads and fills one `Work` (one document's state). `name=variant` picks one of several
implementations of a step (`events=rules`, `events=model` or `events=minilm`), so a trained coder replaces the
rule-based one by a setting, not by editing the pipeline; `relevance` and `roles` re-read any coder's events.

A plain registry rather than spaCy factories (`Language.factory`): `clean` runs before any parse
on the raw input, and the coders need the document's publication date and title, which a spaCy
component only sees through `Doc.user_data`; a spaCy pipeline also cannot say that a stage needs
the output of another that is not a spaCy component. The registry keeps spaCy's contract
(name, requires, assigns) and checks it when the pipeline is built.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Protocol

from spacy.language import Language
from spacy.tokens import Doc

from truceline import clauses
from truceline import readouts, voices
from truceline.actors import ActorDictionary, distinct_actors, find_mentions, may_hold_a_pronoun
from truceline.agreements import find_agreements, may_name_an_agreement, talks_credits
from truceline.claims import find_claims, may_state_a_figure
from truceline.clean import clean
from truceline.config import Settings
from truceline.errors import ConfigError
from truceline.events import code_events, may_state_an_event
from truceline.frames import frame_agreements
from truceline.parsing import Cue, every_sentence
from truceline.quality import dates_after_publication, name_variants, roles_not_held
from truceline.records import Agreement, Claim, Document, Event, Mention, RawInput, Record

if TYPE_CHECKING:
    from truceline.models.coder import Gate


@dataclass
class Work:
    """One document on its way through the stages: each stage fills the fields it assigns."""

    raw: RawInput
    document: Document | None = None
    doc: Doc | None = None  # the spaCy parse of `document.text`, made by the pipeline in batches
    mentions: list[Mention] = field(default_factory=list)
    events: tuple[Event, ...] = ()
    rule_events: tuple[Event, ...] = ()  # the rule-based coder's, features of the trained stages
    claims: tuple[Claim, ...] = ()
    agreements: tuple[Agreement, ...] = ()
    flags: tuple[str, ...] = ()

    @property
    def parties(self) -> list[Mention]:
        """The mentions that may be a party to an event or an agreement: a place is where, never who."""
        return [m for m in self.mentions if m.actor.kind != "place"]

    def record(self) -> Record:
        assert self.document is not None
        document = dataclasses.replace(self.document, flags=(*self.document.flags, *self.flags))
        return Record(document=document, actors=distinct_actors(self.mentions), events=self.events,
                      claims=self.claims, agreements=self.agreements)


class Stage(Protocol):
    name: str
    requires: tuple[str, ...]  # fields of `Work` it reads
    assigns: tuple[str, ...]  # fields of `Work` it fills
    # Of a stage that reads the parse ("doc"): whether it reads a sentence's tags, lemmas and
    # dependencies, from the sentence's words (see parsing.py); None: it reads whatever is parsed.
    parses: Cue | None

    def __call__(self, work: Work) -> None: ...


@dataclass(frozen=True)
class Shared:
    """What stages built from the settings share, loaded once: the spaCy pipeline and the actor
    dictionary."""

    settings: Settings
    nlp: Language
    dictionary: ActorDictionary


# name -> variant -> a function that builds the stage from what is shared. The first variant
# registered for a name is its default.
_REGISTRY: dict[str, dict[str, Callable[[Shared], Stage]]] = {}


def register(name: str, variant: str, requires: tuple[str, ...], assigns: tuple[str, ...],
             parses: Callable[[Shared], Cue | None] = lambda shared: every_sentence):
    """Registers `build(shared) -> callable(work)` as the stage `name=variant`; `parses(shared)`
    is its cue (`Stage.parses`), by default every sentence."""
    def decorate(build: Callable[[Shared], Callable[[Work], None]]) -> Callable[[Shared], Stage]:
        def make(shared: Shared) -> Stage:
            return _Named(name, requires, assigns, build(shared), parses(shared) if "doc" in requires else None)
        _REGISTRY.setdefault(name, {})[variant] = make
        return make
    return decorate


@dataclass(frozen=True)
class _Named:
    name: str
    requires: tuple[str, ...]
    assigns: tuple[str, ...]
    run: Callable[[Work], None]
    parses: Cue | None

    def __call__(self, work: Work) -> None:
        self.run(work)


def available() -> dict[str, tuple[str, ...]]:
    """Each stage's name with its variants, the default first."""
    return {name: tuple(variants) for name, variants in _REGISTRY.items()}


def _items(spec: str) -> list[tuple[str, str, str]]:
    """Each stage `spec` names, as written, its name and its variant (the default if none)."""
    found = []
    for item in filter(None, (part.strip() for part in spec.split(","))):
        name, _, variant = item.partition("=")
        found.append((item, name, variant or next(iter(_REGISTRY.get(name, {""})))))
    return found


# Stages that read an events coder's events again: with the events stage before them, one event coder.
_REREADERS = ("relevance", "roles")


def stages_with(stages: str, events: str | None) -> str:
    """The stage list `stages` with its event coder (its events stage and the `relevance` and
    `roles` stages right after it) replaced by `events` (a stage or several), if given."""
    if events is None:
        return stages
    names = stages.split(",")
    at = end = next(i for i, n in enumerate(names) if n.split("=")[0] == "events")
    while end + 1 < len(names) and names[end + 1].split("=")[0] in _REREADERS:
        end += 1
    return ",".join(names[:at] + [events] + names[end + 1:])


def build(spec: str, shared: Shared) -> list[Stage]:
    """The stages `spec` names ("clean,actors,clauses,events=model,..."), in that order; a
    `ConfigError` names an unknown stage or variant, or a stage whose inputs no earlier stage
    assigns ("doc" is the pipeline's own parse, made after `clean`)."""
    stages: list[Stage] = []
    assigned = {"raw"}
    for item, name, variant in _items(spec):
        variants = _REGISTRY.get(name)
        if variants is None:
            raise ConfigError(f"unknown stage {name!r} in stages; known: {', '.join(_REGISTRY)}")
        if variant not in variants:
            raise ConfigError(f"unknown variant {variant!r} of stage {name!r}; known: {', '.join(variants)}")
        stage = variants[variant](shared)
        if "document" in assigned:
            assigned.add("doc")
        missing = [r for r in stage.requires if r not in assigned]
        if missing:
            raise ConfigError(f"stage {item!r} requires {', '.join(missing)}, which no stage before it assigns")
        assigned.update(stage.assigns)
        stages.append(stage)
    return stages


# --- the stages ------------------------------------------------------------------------------


@register("clean", "html", requires=("raw",), assigns=("document",))
def _clean(shared: Shared) -> Callable[[Work], None]:
    def run(work: Work) -> None:
        work.document = clean(work.raw)
    return run


def _pronouns(shared: Shared) -> Cue:
    cue = may_hold_a_pronoun(shared.nlp)
    return lambda work, words: cue(voices.may_speak_for_a_state(work.document, shared.dictionary), words)


def _events_cue(shared: Shared) -> Cue:
    cue = may_state_an_event(shared.nlp)
    return lambda work, words: cue(words)


@register("actors", "dictionary", requires=("document", "doc"), assigns=("mentions", "voices"), parses=_pronouns)
def _actors(shared: Shared) -> Callable[[Work], None]:
    def run(work: Work) -> None:
        document = work.document
        speaking = voices.of_document(document, shared.nlp, shared.dictionary)
        voices.keep(work.doc, speaking)  # on the Doc, where the coders' dating reads whose turn a sentence is in
        sides = readouts.of_title(document.title, shared.nlp, shared.dictionary, document.published,
                                  speaking.document)
        emergency = readouts.emergency_of_title(document.title, shared.nlp, shared.dictionary, document.published,
                                                speaking.document)
        work.mentions = find_mentions(work.doc, shared.dictionary, document.published, speaking, sides, emergency)
    return run


@register("clauses", "parse", requires=("doc",), assigns=("clauses",), parses=lambda shared: None)
def _clauses(shared: Shared) -> Callable[[Work], None]:
    def run(work: Work) -> None:
        clauses.analyse(work.doc)  # kept on the Doc, where every coder reads it
    return run


@register("events", "rules", requires=("doc", "mentions", "voices", "clauses"), assigns=("events", "rule_events"),
          parses=_events_cue)
def _events(shared: Shared) -> Callable[[Work], None]:
    def run(work: Work) -> None:
        work.events = work.rule_events = tuple(code_events(work.doc, work.parties, work.document.published))
    return run


def _trained(artifact: str) -> Callable[[Shared], Callable[[Work], None]]:
    """A trained coder's stage: the rules' events, then the model's reading of them."""
    def build(shared: Shared) -> Callable[[Work], None]:
        from truceline.models import coder  # loads scikit-learn and the models only when chosen

        model = coder.load(getattr(coder, artifact))
        gated = any((name, variant) == ("relevance", "model") for _, name, variant in _items(shared.settings.stages))
        kept = _relevance_gate() if gated else None

        def run(work: Work) -> None:
            work.rule_events = tuple(code_events(work.doc, work.parties, work.document.published))
            work.events = tuple(model.code(work.doc, work.parties, work.document.published, work.rule_events, kept))
        return run
    return build


def _relevance_gate() -> Gate:
    """The sentences whose events `relevance=model` keeps (`roles.in_sentence`), whatever they
    are: where it follows, a trained coder need not read the rest (in 40 corpus documents, 1,298
    of the 1,500 sentences the MiniLM reader would read)."""
    from truceline.models import roles

    model = roles.load()
    return lambda units: [r >= model.relevance_threshold for r in model.relevances(units)]


# Both parse every sentence (the default cue): the models read each sentence's parse.
# Logistic regressions over spaCy features (scikit-learn).
register("events", "model", requires=("doc", "mentions", "voices", "clauses"), assigns=("events", "rule_events"))(
    _trained("ARTIFACT"))
# The fine-tuned MiniLM sentence reader (ONNX) with the same source/target models.
register("events", "minilm", requires=("doc", "mentions", "voices", "clauses"), assigns=("events", "rule_events"))(
    _trained("MINILM_ARTIFACT"))


def _reread(gate: bool, reassign: bool) -> Callable[[Shared], Callable[[Work], None]]:
    """A stage after any events coder: the relevance model drops the events of sentences that
    report no interaction (`gate`), the pair model reads their source and target again (`reassign`).
    The rule-based coder's events, which the events stage keeps, are features of both."""
    def build(shared: Shared) -> Callable[[Work], None]:
        from truceline.models import roles  # loads scikit-learn and the model only when chosen

        model = roles.load()

        def run(work: Work) -> None:
            if work.events:
                work.events = tuple(roles.reread(model, work.doc, work.parties, work.events, work.rule_events,
                                                 gate, reassign))
        return run
    return build


# They read the parses the events coder asked for (parses=None).
register("roles", "pairs", requires=("doc", "mentions", "events", "rule_events"), assigns=("events",),
         parses=lambda shared: None)(_reread(gate=False, reassign=True))
register("relevance", "model", requires=("doc", "mentions", "events", "rule_events"), assigns=("events",),
         parses=lambda shared: None)(_reread(gate=True, reassign=False))


@register("claims", "rules", requires=("doc", "mentions", "clauses"), assigns=("claims",),
          parses=lambda shared: lambda work, words: may_state_a_figure(words))
def _claims(shared: Shared) -> Callable[[Work], None]:
    def run(work: Work) -> None:
        work.claims = tuple(find_claims(work.doc, work.mentions, work.document.published))
    return run


@register("agreements", "rules", requires=("doc", "mentions", "clauses"), assigns=("agreements",),
          parses=lambda shared: lambda work, words: may_name_an_agreement(words))
def _agreements(shared: Shared) -> Callable[[Work], None]:
    states = {code: entry.canonical for code, entry in shared.dictionary.states.items()}

    def run(work: Work) -> None:
        found = find_agreements(work.doc, work.parties, work.document.published, states)
        credits = talks_credits(work.doc, work.parties, states) if found else []
        work.agreements = tuple(frame_agreements(found, work.document.text, credits))  # one frame per agreement
    return run


@register("quality", "checks", requires=("document", "mentions"), assigns=("flags",))
def _quality(shared: Shared) -> Callable[[Work], None]:
    def run(work: Work) -> None:
        text, published = work.document.text, work.document.published
        work.flags = (*name_variants(text, shared.dictionary),
                      *roles_not_held(text, work.mentions, shared.dictionary, published),
                      *dates_after_publication(work.events, work.claims, work.agreements, published))
    return run
