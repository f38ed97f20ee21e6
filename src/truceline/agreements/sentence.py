"""One sentence's agreements: its agreement nouns grouped by the agreement they name, each given its
status, roles, dates, duration, phases, terms, war, scope and name.

Hand-written, as the whole package is: no maintained library codes agreement frames."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from spacy.tokens import Span

from truceline.agreement_lexicon import Lexicon
from truceline.agreements.cues import Cue, coordinated_cues, find_cues
from truceline.agreements.measures import duration, effective, named_phases, nearest_phase
from truceline.agreements.mentions import with_leaders
from truceline.agreements.nouns import Trigger
from truceline.agreements.phrases import agreement_clusters, kept_name, kind_of, scope, theatre_of
from truceline.agreements.roles import Actors, read_roles, violators_of, whose_peace
from truceline.agreements.status import by_name, cued_status, demanded, named_after, presupposed, tells_its_life
from truceline.records import Agreement, AgreementStatus


def sentence_agreements(
    sent: Span,
    named: list[Trigger],
    actors: Actors,
    published: date | None,
    lex: Lexicon,
    asked: str | None = None,
    leaders: tuple[str, ...] = (),
    told: AgreementStatus | None = None,
) -> Iterator[Agreement]:
    """`asked`: the sentence is a question, "answered" ("Will there be a ceasefire by Ramadan?" /
    "It’s looking tough"): what it asks about is sought, whatever its verbs say; or "unanswered":
    it tells only what it takes as given (`presupposed`).
    `leaders`: the states of the leaders the document opens with (`call_sides`). `told`: the
    status of the agreement the document spoke of last."""
    nouns = {t.root.i for t in named}
    cues = find_cues(sent, lex, nouns)
    coordinated = coordinated_cues(sent, cues)
    seen: set[tuple[str, str, str | None]] = set()
    for trigger, members in agreement_clusters(named, cues, lex):
        if asked == "answered":
            found: tuple[AgreementStatus, Cue] | None = ("proposed", Cue("proposed", "asked", (trigger.root,)))
        elif asked:
            found = presupposed(trigger, cues, lex)
        else:
            found = (named_after(trigger, lex) or cued_status(trigger, cues, coordinated, lex)
                     or demanded(trigger, members, lex) or by_name(trigger))
        if found is None or (trigger.counted and not whose_peace(trigger.root, *found, actors, members, named)):
            continue
        status, cue = found
        if trigger.root.lower_ in lex.named_only and not tells_its_life(cue, trigger.root, lex):
            continue  # an initiative launched or supported is a programme, not an agreement
        if cue.phrase in lex.content and told == "proposed":
            status = "proposed"  # "That’s what this deal says" of the deal just set out as a proposal
        # a noun named twice is one agreement, unless its phrases place the two in two wars
        # ("a ceasefire in Gaza and a ceasefire in Lebanon")
        theatre = theatre_of(members, nouns)
        if any(k == trigger.kind and st == status and (t is None or theatre is None or t == theatre)
               for k, st, t in seen):
            continue
        seen.add((trigger.kind, status, theatre))
        parties, mediators, proposers = read_roles(actors, members, cues)
        mediators = with_leaders(mediators, sent, leaders, lex)
        phases = named_phases(sent, lex)
        violators = violators_of(actors, cues) if status == "violated" else ()
        yield Agreement(
            kind=kind_of(trigger, members),
            parties=parties,
            mediators=mediators,
            proposers=proposers,
            status=status,
            effective=effective(sent, status, cue, published, lex),
            duration_days=duration(sent, members, cue, lex),
            phase=nearest_phase(phases, cue),
            phases=tuple(sorted({p for p, _ in phases})),
            terms=tuple(c for c, pattern in lex.terms.items() if pattern.search(sent.text.lower())),
            violators=violators,
            text=sent.text,
            start=sent.start_char,
            end=sent.end_char,
            conflict=theatre,
            scope=scope(members, lex),
            proper_name=kept_name(trigger, lex),
        )
