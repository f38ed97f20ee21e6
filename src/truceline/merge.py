"""Merging: per-document rows (as the store returns them) into one record per event, fact and
agreement, each with all its sources. Pure functions; the store feeds them and keeps the two
assignments that need the corpus at ingest time: each document's story and each agreement
mention's thread (`Store.add`, using `stories` and `choose_thread`).

- Events are one when type, mode, source, target and date are equal (and, without a target,
  the sentence); `reports` counts stories, so five copies of one article are one report with
  five sources.
- Figures are one fact when kind, subject and place are equal (tolls with a subject; other
  figures only as copies of one sentence); each source's figure is kept.
- Agreement mentions are one agreement when `choose_thread` put them in one thread at ingest;
  each agreement links to the one before it between the same parties (`link_agreements`).
"""

from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import replace
from datetime import date, timedelta
from itertools import groupby
from typing import Any

from truceline.conflicts import principals, sides
from truceline.dates import MONTHS, resolve_date
from truceline.frames import FAMILY, REACHED
from truceline.names import agreement_name, told_apart
from truceline.records import (Actor, Agreement, FigureReport, Fact, Link, MergedAgreement, MergedEvent, Source,
                               StatusChange, Term, TermStatus, Violation)

Row = dict[str, Any]

# Mentions of one agreement further apart than this are taken for different agreements, unless
# they give the same effective date; a thread grows, so a long truce stays one.
THREAD_GAP = timedelta(days=30)
# An agreement reached stays the one later mentions refer to a little longer. Longer still
# (120 days) chained the November 2023 truce into the 2024 talks between the same parties.
_REACHED_GAP = timedelta(days=45)
# Effective dates this close are one start ("agreed today, effective 4 a.m. tomorrow").
_SAME_START = timedelta(days=2)
# A later phase of an agreement reached ("implementing phase two") refers to it months on; a
# proposal setting out its own phases (the May 2024 Gaza deal) is not the talks of months before.
_PHASE_GAP = timedelta(days=120)
# An agreement reported reached this long after its thread reached one is another agreement (the
# truce after the pauses, the Black Sea ceasefire after the 30-day one), unless it shares its start.
_RESTART = timedelta(days=7)
# Talk of "a pause" naming no party, in the days before an agreement of its war is put forward or
# reached between named sides, was talk of that agreement ("an effort to use this pause to secure
# the release of prisoners" eight days before the November 2023 truce). Two weeks before it, the
# United States pressed Israel for the daily pauses of hours: another agreement.
_LEAD_UP = timedelta(days=10)
# An agreement named by the day it was made or put forward ("talks on a deal based on the May 27,
# 2024 arrangement") is the agreement of that day, however long ago: its thread holds a mention
# reported within a week of it.
_NAMED_BY_DAY = re.compile(rf"\b(?:{MONTHS})[a-z]*\.?\s+\d{{1,2}}(?:,\s*\d{{4}})?(?=\s+(?:arrangement|agreement|"
                           r"proposal|deal|framework|plan|roadmap|accord|cease-?fire|truce)\b)", re.IGNORECASE)
_GENERIC_KINDS = {"deal", "proposal"}
_ENDED = {"rejected", "collapsed", "expired"}
_UNDONE = _ENDED | {"violated"}  # what one side does to an agreement of several
_SIDES = {"state", "government", "armed_group", "military"}  # actor kinds that can be a party
# A name after these is where the fighting is, not who fights ("the conflict in Sudan", "the
# ceasefire in eastern Democratic Republic of the Congo", "terrorist activities into southern and
# central Mali").
_WHERE = re.compile(r"\b(?:in|inside|into|across|throughout|within)\s+(?:the\s+)?"
                    r"(?:(?:(?:north|south)(?:east|west)?(?:ern)?|east(?:ern)?|west(?:ern)?|central|and)\s+)*$",
                    re.IGNORECASE)
# How far an agreement has come: a later mention of a lower stage ("efforts to reach a deal",
# "the deal agreed" after it took effect) does not undo a stage reached. Rejected, collapsed and
# expired end a stage; anything may follow them.
_STAGE = {"proposed": 0, "agreed": 1, "in_force": 2, "extended": 3, "violated": 3}
# What a sentence about the agreement at each stage says of the terms it names.
_TERM_STATUS: dict[str, TermStatus] = {"proposed": "pending", "agreed": "pending", "rejected": "disputed",
                                       "in_force": "in_progress", "extended": "in_progress", "violated": "violated"}
# An agreement no document has mentioned for this long is not shown as open.
STALE = timedelta(days=90)
_TOLLS = {"killed", "injured", "displaced", "hostages", "released", "evacuated", "aid"}
# Relative difference under which two figures for the same thing agree anyway.
_SAME_FIGURE = 0.02
_APPROXIMATE = 0.10


def source(row: Row) -> Source:
    return Source(row["document_id"], row["document_source"], row["published"], row["story_id"],
                  row["text"], row["start"], row["end"], row.get("title"), row.get("publisher"))


def _stories(rows: Iterable[Row]) -> int:
    return len({row["story_id"] for row in rows})


# Events and figures are grouped by a key the store gives each row at ingest (`event_key`,
# `claim_key`), so that a new document joins the merged records without regrouping the corpus.


def merged_day(own: date | None, published: date | None, first_published: date | None) -> date | None:
    """The day a row reports: its own date, but its story's first publication where that date is
    missing or is the document's publication day (the stages' default, and "today"), so that a
    copy posted later, or misdated, reports the same day as its original."""
    return first_published if own in (None, published) else own


def event_key(row: Row) -> str:
    """One event per (type, mode, source, target, day). Without a target, "the United States
    asked" on one day is many requests: only copies of one sentence are one event."""
    sentence = None if row["target_canonical"] else _folded(row["text"])
    return _digest(row["type"], row["mode"], row["source_canonical"], row["target_canonical"], row["day"], sentence)


def claim_key(row: Row) -> str:
    """One fact per (kind, subject, place). Only the toll kinds (killed, hostages, aid…) with a
    subject name one quantity by their subject and place; a `count`, `money`, `percent` or
    `duration` ("21.3 million Americans enrolled", "17 Americans missing") does not, so those fold
    only when copies of one sentence give them."""
    key = (row["kind"], _folded(row["subject"]), _folded(row["location"]))
    defined = row["kind"] in _TOLLS and row["subject"]
    return _digest(*(key if defined else (*key, row["value"], row["day"], _folded(row["text"]))))


def _digest(*parts: Any) -> str:
    return hashlib.blake2b(repr(parts).encode(), digest_size=12).hexdigest()


def _groups(rows: Iterable[Row]) -> list[list[Row]]:
    groups: dict[str, list[Row]] = defaultdict(list)
    for row in rows:
        groups[row["merge_key"]].append(row)
    return list(groups.values())


def merge_events(rows: Iterable[Row]) -> list[MergedEvent]:
    """One event per key, in date order (the store's order: see `Store.merged_events`)."""
    merged = [MergedEvent(id=first["merge_key"], type=first["type"], mode=first["mode"], source=_actor(first, "source_"),
                          target=_actor(first, "target_") if first["target_kind"] else None,
                          date=first["day"], reports=_stories(group), sources=tuple(map(source, group)))
              for first, group in ((g[0], g) for g in _groups(rows))]
    return sorted(merged, key=event_order)


def event_order(event: MergedEvent) -> tuple:
    return event.date or date.min, event.type, event.source.canonical, event.id


def _actor(row: Row, prefix: str) -> Actor:
    return Actor(**{f: row[f"{prefix}{f}"] for f in Actor.__dataclass_fields__})


# Figures


def merge_claims(rows: Iterable[Row]) -> list[Fact]:
    """One fact per key, its figures in date order."""
    return sorted(map(_fact, _groups(rows)), key=fact_order)


def fact_order(fact: Fact) -> tuple:
    return fact.kind, fact_sort_key({"subject": fact.subject, "location": fact.location}), fact.id


def fact_sort_key(row: Row) -> str:
    """Where a fact sorts among those of its kind: by subject, then place, as its key folds them
    (so all its rows have one), in a string the store can index (\x1f sorts before any letter)."""
    return f"{_folded(row['subject']) or ''}\x1f{_folded(row['location']) or ''}"


def _folded(text: str | None) -> str | None:
    return " ".join(text.casefold().split()) if text else None


def _fact(rows: list[Row]) -> Fact:
    figures = sorted((FigureReport(r["value"], r["qualifier"], r["day"], r["attributed_to"], source(r),
                                   r.get("change") or "total") for r in rows), key=lambda f: (f.as_of or date.min, f.source.published or date.min))
    revisions, contradictions = _changes(figures)
    # the smallest spelling, as the store orders facts (one key holds "Hostages" and "hostages")
    subject, location = (min((r[field] for r in rows if r[field]), default=None) for field in ("subject", "location"))
    return Fact(rows[0]["merge_key"], rows[0]["kind"], subject, location, latest=figures[-1],
                reports=_stories(rows), figures=tuple(figures), revisions=tuple(revisions),
                contradictions=tuple(contradictions), counted=rows[0].get("counted"))


def _changes(figures: list[FigureReport]) -> tuple[list, list]:
    """The revisions and contradictions among a fact's figures (in date order), in one pass: each
    figure is weighed against the latest figure before it, of another story, that it could revise
    (the same day's, reported earlier; else the same source's of an earlier day) or contradict (the
    same day's, reported the same day). Weighing every pair instead was quadratic in a fact's
    figures (a toll reported every day) and listed one disagreement once per earlier copy."""
    revisions: list[tuple[FigureReport, FigureReport]] = []
    contradictions: list[tuple[FigureReport, FigureReport]] = []
    by_source: dict[str, _Latest] = defaultdict(_Latest)  # of the days before this one
    for _, day in groupby(figures, key=lambda f: f.as_of):
        day = list(day)
        reported_before = _Latest()
        for _, same in groupby(day, key=lambda f: f.source.published):
            same = list(same)
            reported_with = _Latest()
            for figure in same:
                if (other := reported_with.before(figure)) and not compatible(other, figure):
                    contradictions.append((other, figure))
                by = by_source[figure.attributed_to].before(figure) if figure.attributed_to else None
                revised = next((f for f in (reported_before.before(figure), by) if f and not compatible(f, figure)), None)
                if revised:
                    revisions.append((revised, figure))
                reported_with.add(figure)
            reported_before.add(*same)
        for figure in day:
            if figure.attributed_to:
                by_source[figure.attributed_to].add(figure)
    return revisions, contradictions


class _Latest:
    """The latest figure added, and the latest of another story than its: the latest figure of
    another story than any one figure's."""

    def __init__(self) -> None:
        self.last: FigureReport | None = None
        self.other: FigureReport | None = None

    def add(self, *figures: FigureReport) -> None:
        for figure in figures:
            if self.last and self.last.source.story != figure.source.story:
                self.other = self.last
            self.last = figure

    def before(self, figure: FigureReport) -> FigureReport | None:
        return self.other if self.last and self.last.source.story == figure.source.story else self.last


def compatible(a: FigureReport, b: FigureReport) -> bool:
    """Whether two figures can both be right: equal within rounding, or within each other's
    qualifier ("at least 1,200" and 1,400; "about 100" and 105)."""
    return _admits(a, b.value) or _admits(b, a.value)


def _admits(figure: FigureReport, value: float) -> bool:
    if figure.qualifier in ("over", "at least"):
        return value >= figure.value
    if figure.qualifier in ("up to", "nearly"):
        return value <= figure.value
    tolerance = _APPROXIMATE if figure.qualifier == "about" else _SAME_FIGURE
    return abs(value - figure.value) <= tolerance * max(abs(figure.value), 1)


# Agreements


def evidence_parties(mentions: Sequence[Agreement], actors: Sequence[Actor]) -> list[tuple[str, ...]]:
    """The parties each mention is threaded by: its own; where its sentence gives none ("the
    ceasefire in eastern Democratic Republic of the Congo"), the states and armed groups its
    sentence names, but for those that broker an agreement somewhere in the document ("The United
    States welcomes the ceasefire") and those not among the sides of its conflict; else those of
    the nearest mention in the document that has parties."""
    brokers = {name for m in mentions for name in (*m.mediators, *m.proposers)}  # of this document
    candidates = [a for a in actors if a.kind in _SIDES and a.canonical not in brokers]
    named = [tuple(dict.fromkeys(a.canonical for a in candidates if _named_as_side(a, m))) for m in mentions]
    own = [m.parties or found for m, found in zip(mentions, named)]
    with_parties = [(m, parties) for m, parties in zip(mentions, own) if parties]
    return [parties or (min(with_parties, key=lambda p: abs(p[0].start - m.start))[1] if with_parties else ())
            for m, parties in zip(mentions, own)]


def _named_as_side(actor: Actor, mention: Agreement) -> bool:
    """Whether the mention's sentence names the actor as a side: not only as the place of the war
    ("no military solution to the conflict in Sudan"), and of a known conflict, only its sides
    ("the United States welcomes the pause in Gaza" names no party of the Israel–Hamas war)."""
    text = mention.text
    if all(_WHERE.search(text, 0, found.start()) for found in re.finditer(re.escape(actor.name), text)):
        return False  # also when the sentence does not name it
    bound = sides(mention.conflict)
    return not bound or actor.canonical in bound


def same_agreement(mention: Row, other: Row) -> bool:
    """Whether two agreement mentions (kind, conflict, effective, when, document_id) can name one
    agreement: kinds of one family, no two conflicts, the same effective date where both give one, and in one
    document or near in time. Parties are judged against the whole thread (choose_thread)."""
    if not _kinds_agree(mention, other):
        return False
    if mention["effective"] and other["effective"]:
        return _same_start(mention, other) or _same_start(other, mention)
    return mention["document_id"] == other["document_id"] or _days_apart(mention, other) <= reach(mention, other).days


def named_day(text: str, when: date | None) -> date | None:
    """The day an agreement the sentence names by its day was made or put forward, if it names one."""
    found = _NAMED_BY_DAY.search(text)
    return resolve_date(found.group(0), when) if found else None


def named_window(mention: Row) -> tuple[date, date] | None:
    """The days within a week of the day the mention names its agreement by, if it names one."""
    day = mention.get("named_day")
    return (day - _RESTART, day + _RESTART) if day else None


def _named(mention: Row, other: Row) -> bool:
    """Whether `other` was reported within a week of the day the mention names its agreement by."""
    window = named_window(mention)
    return bool(window and other["when"]) and window[0] <= other["when"] <= window[1]


def _kinds_agree(mention: Row, other: Row) -> bool:
    """Kinds of one family (or generic), and no two conflicts."""
    if len({FAMILY.get(mention["kind"]), FAMILY.get(other["kind"])} - {None}) > 1:
        return False
    return not (mention["conflict"] and other["conflict"] and mention["conflict"] != other["conflict"])


def reach(mention: Row, other: Row | None = None) -> timedelta:
    """How far apart in time a mention and another of the same agreement may be (without `other`:
    the furthest, for the store to look back)."""
    later_phase = (mention["phase"] or 0) > 1 and mention["status"] != "proposed"
    if other is None:
        return _PHASE_GAP if later_phase else max(THREAD_GAP, _REACHED_GAP)
    if other["status"] in REACHED:
        return _PHASE_GAP if later_phase else _REACHED_GAP
    return THREAD_GAP


def _same_start(mention: Row, other: Row) -> bool:
    """The same start, or one while `other` runs (an extension starts before the truce ends)."""
    if abs(mention["effective"] - other["effective"]) <= _SAME_START:
        return True
    runs = other["duration_days"] and other["status"] != "extended"
    return bool(runs) and other["effective"] <= mention["effective"] <= (
        other["effective"] + timedelta(days=other["duration_days"]) + _SAME_START)


def choose_thread(mention: Row, stored: Iterable[Row]) -> str | None:
    """The thread a new mention belongs to among stored mentions (each with its `thread_id`,
    `evidence` and `status`), or None for a new agreement. A thread qualifies when it holds a
    mention of the same agreement (same_agreement), its parties agree with the mention's (one
    set within the other; only a thread of one party may learn more), and it did not end
    (rejected, collapsed, expired) before a new proposal or agreement. One holding a mention of
    the same document wins, then one it shares a start with (the same effective day, or one while
    the agreement runs: an extension), then the one sharing most parties, then one that reached an
    agreement if the mention reports one, then the nearest in time. A mention whose document names
    no party at all joins a thread of another document only by its start, or if it is the one such
    thread of the last weeks: "the pause" then is that pause. Talk of an agreement naming no party
    joins the one of its war reached between sides days later, before a thread of one side
    (_led_up_to)."""
    threads: dict[str, list[Row]] = defaultdict(list)
    for row in stored:
        threads[row["thread_id"]].append(row)
    ours = set(mention["evidence"])
    scored = []
    for thread_id, rows in threads.items():
        same = [row for row in rows if same_agreement(mention, row) or (_named(mention, row) and _kinds_agree(mention, row))
                or _same_name(mention, row)]
        if not same or _ended_before(rows, mention) or not _same_war(mention, rows):
            continue
        theirs = set().union(*(row["evidence"] for row in rows))
        in_document = any(row["document_id"] == mention["document_id"] for row in same)
        # a proper name says which agreement it is, whichever sides a sentence names beside it
        by_name = any(_same_name(mention, row) for row in same)
        if ours and theirs and not by_name and not _same_parties(ours, theirs):
            continue
        # a shared start, the day the mention names its agreement by, or its name
        starts = (bool(mention["effective"]) and any(row["effective"] for row in same)) or any(_named(mention, row) for row in same) or by_name
        led_up = bool(ours) and not theirs and _led_up_to(mention, rows)
        if ours and not theirs and not (in_document or starts or led_up):
            continue  # nothing but time ties a named agreement to talk of "a pause"
        if not in_document and not by_name and _restarts(mention, rows):
            continue
        if (not _same_family(mention, rows) or not _same_duration(mention, rows) or not _same_scope(mention, rows)
                or not _named_alike(mention, rows)):
            continue
        same_stage = mention["status"] in REACHED and any(row["status"] in REACHED for row in rows)
        nearest = min(_days_apart(mention, row) for row in same)
        scored.append(((in_document, starts, led_up, len(ours & theirs), same_stage, -nearest), thread_id))
    if not ours:  # which of several agreements "the ceasefire" is, only its document or its start says
        anchored = [(key, thread_id) for key, thread_id in scored if key[0] or key[1]]
        scored = anchored or (scored if len(scored) == 1 else [])
    return max(scored)[1] if scored else None


def _same_war(mention: Row, rows: list[Row]) -> bool:
    """The thread's war (the one most of its mentions name) is the mention's, where both name one:
    mentions naming no war let any into their thread (a DRC ceasefire joined the Gaza talks its
    briefing also spoke of, through the briefing's sentences naming no war)."""
    named = [row["conflict"] for row in rows if row["conflict"]]
    return not (mention["conflict"] and named) or _most_common(named) == mention["conflict"]


def _led_up_to(mention: Row, rows: list[Row]) -> bool:
    """Whether a thread naming no party is only talk of an agreement of the mention's war and kind
    family (a pause of a truce), all of it in the days before the mention puts one forward or
    reports it reached between two sides or more. The pauses one side grants ("the Israelis agreed
    to tactical pauses") leave such talk to the agreement between the sides."""
    when = mention["when"]
    if (not (mention["conflict"] and when and FAMILY.get(mention["kind"])) or mention["status"] in _ENDED
            or len(set(mention["evidence"])) < 2):
        return False
    return ({FAMILY.get(row["kind"]) for row in rows} - {None} == {FAMILY[mention["kind"]]}
            and all(row["status"] == "proposed" and row["conflict"] == mention["conflict"]
                    and row["when"] and when - _LEAD_UP <= row["when"] <= when for row in rows))


def _same_parties(ours: set[str], theirs: set[str]) -> bool:
    """One set within the other (only a thread of one party may learn more), or two sides shared
    ("Israel, Lebanon and Hezbollah" of "Israel and Lebanon's cessation")."""
    return ours <= theirs or (len(theirs) < 2 and theirs <= ours) or len(ours & theirs) >= 2


def _restarts(mention: Row, rows: list[Row]) -> bool:
    """Whether the mention reports an agreement reached well after the thread reached its own, at
    no start the thread gives, while the thread's agreement is not running: another agreement."""
    if mention["status"] != "agreed" or mention["when"] is None or _runs(rows, mention["when"]):
        return False
    reached = [row["when"] for row in rows if row["status"] in ("agreed", "in_force") and row["when"]]
    if not reached or mention["when"] - min(reached) <= _RESTART:
        return False
    return not (mention["effective"] and any(row["effective"] and (_same_start(mention, row) or _same_start(row, mention))
                                             for row in rows))


def _runs(rows: list[Row], day: date) -> bool:
    """Whether the thread's agreement took effect (its mentions give the day it did, before
    `day`) and no mention since says it ended: "last month we secured a ceasefire" then speaks of
    it, not of another. A status alone says too little ("a ceasefire that could go into effect")."""
    started = [row["effective"] for row in rows if row["effective"] and row["effective"] <= day]
    return bool(started) and not any(row["status"] in _ENDED and row["when"] and min(started) <= row["when"] <= day
                                     for row in rows)


def _same_family(mention: Row, rows: list[Row]) -> bool:
    """The thread's specific kinds (not "deal" or "proposal") are of the mention's family."""
    families = {FAMILY.get(row["kind"]) for row in rows} - {None}
    return FAMILY.get(mention["kind"]) is None or not families or families == {FAMILY[mention["kind"]]}


def _same_scope(mention: Row, rows: list[Row]) -> bool:
    """A partial ceasefire ("against energy") is not the complete one of the thread, nor the reverse."""
    return not mention.get("scope") or all(row.get("scope") in (None, mention["scope"]) for row in rows)


def _same_name(mention: Row, other: Row) -> bool:
    """Mentions of one proper name ("the Good Friday Agreement") are one agreement however far apart."""
    return bool(mention.get("proper_name")) and mention["proper_name"] == other.get("proper_name")


def _named_alike(mention: Row, rows: list[Row]) -> bool:
    """An agreement known by a proper name is no other agreement of its war, named or not: the
    Dayton Peace Agreement is not a ceasefire talked of that week, nor that ceasefire it."""
    name = mention.get("proper_name")
    return all(row.get("proper_name") == name for row in rows)


def _same_duration(mention: Row, rows: list[Row]) -> bool:
    """A 21-day ceasefire is not a 60-day one, nor are pauses of hours (daily windows) a truce of
    days; an extension's own length says nothing. Reports of one agreement give lengths up to
    twice apart ("a two- or three-day pause" in talks that ended in a four-day one)."""
    if mention["duration_days"] is None or mention["status"] == "extended":
        return True
    return all(_lengths_agree(mention["duration_days"], row["duration_days"])
               for row in rows if row["duration_days"] is not None and row["status"] != "extended")


def _lengths_agree(a: float, b: float) -> bool:
    return (a < 1) == (b < 1) and max(a, b) <= 2 * min(a, b)


def _ended_before(rows: list[Row], mention: Row) -> bool:
    if mention["status"] not in ("proposed", "agreed") or mention["when"] is None:
        return False
    earlier = [row for row in rows if row["when"] is not None and row["when"] < mention["when"]]
    return bool(earlier) and max(earlier, key=lambda row: row["when"])["status"] in _ENDED


def _days_apart(a: Row, b: Row) -> int:
    return abs((a["when"] - b["when"]).days) if a["when"] and b["when"] else 0


def merge_agreements(rows: Iterable[Row]) -> list[MergedAgreement]:
    """One agreement per thread, its status history in date order, linked to the one before it."""
    threads: dict[str, list[Row]] = defaultdict(list)
    for row in rows:
        threads[row["thread_id"]].append(row)
    merged = [_agreement(thread_id, sorted(group, key=_mention_order)) for thread_id, group in threads.items()]
    return told_apart(link_agreements(sorted(merged, key=lambda a: (a.first_reported or date.min, a.id))))


def link_agreements(agreements: Sequence[MergedAgreement]) -> list[MergedAgreement]:
    """Each agreement with a link to the latest one reported before it in the same conflict (or,
    of agreements no conflict is known for, between the same two or more parties) and of the same
    family: the proposal after a rejected one, the ceasefire after a collapsed truce, and the
    pieces of one negotiation that threading kept apart."""
    between: dict[object, list[MergedAgreement]] = defaultdict(list)  # so that linking is not quadratic
    for agreement in agreements:
        between[_linked_by(agreement)].append(agreement)
    linked = []
    for agreement in agreements:
        earlier = [other for other in between[_linked_by(agreement)]
                   if other.first_reported and agreement.first_reported and other.first_reported < agreement.first_reported
                   and (agreement.conflict or len(agreement.parties) > 1)
                   and len({FAMILY.get(other.kind), FAMILY.get(agreement.kind)} - {None}) < 2]
        if earlier:
            previous = max(earlier, key=lambda other: (other.last_reported, other.first_reported))
            relation = "replaces" if previous.status in _ENDED else "follows"
            agreement = replace(agreement, links=(Link(relation, previous.id, previous.kind, previous.first_reported),))
        linked.append(agreement)
    return linked


def _linked_by(agreement: MergedAgreement) -> object:
    return agreement.conflict or frozenset(agreement.parties)


def _mention_order(row: Row) -> tuple:
    return row["when"] or date.min, row["published"] or date.min, row["document_source"], row["start"]


def _agreement(thread_id: str, rows: list[Row]) -> MergedAgreement:
    history: list[StatusChange] = []  # each change of status, with the first mention that states it
    for row in rows:
        status = history[-1].status if history else None
        if row["status"] == status:
            continue
        if status is None or row["status"] not in _STAGE or status not in _STAGE or _STAGE[row["status"]] > _STAGE[status]:
            history.append(StatusChange(row["status"], row["when"], source(row)))
    specific = [r["kind"] for r in rows if r["kind"] not in _GENERIC_KINDS]
    kind = _most_common(specific or [r["kind"] for r in rows])
    conflicts = [r["conflict"] for r in rows if r["conflict"]]
    conflict = _most_common(conflicts) if conflicts else None
    stated = _union(r["parties"] for r in rows)
    parties = _parties(rows, stated, conflict)
    proposers = _union(r["proposers"] for r in rows)
    duration = next((r["duration_days"] for r in rows if r["duration_days"] and r["status"] != "extended"), None)
    scopes = [r["scope"] for r in rows if r.get("scope")]
    scope = _most_common(scopes) if scopes else None
    return MergedAgreement(
        id=thread_id, name=agreement_name(kind, conflict, parties, proposers, duration, rows[0]["when"], scope),
        scope=scope, parties_of_war=len(parties) > len(stated),
        kind=kind, conflict=conflict, status=history[-1].status,
        parties=parties, mediators=_union(r["mediators"] for r in rows), proposers=proposers,
        effective=next((r["effective"] for r in rows if r["effective"]), None),
        duration_days=duration or next((r["duration_days"] for r in rows if r["duration_days"]), None),
        phases=tuple(sorted(set(_union(r["phases"] for r in rows)) | {r["phase"] for r in rows if r["phase"]})),
        terms=_terms(rows, history), violations=_violations(rows), links=(),
        first_reported=rows[0]["when"], last_reported=rows[-1]["when"], reports=_stories(rows),
        history=tuple(history), sources=tuple(map(source, rows)))


def _parties(rows: list[Row], stated: tuple[str, ...], conflict: str | None) -> tuple[str, ...]:
    """The sides its mentions name; the war's principal sides where they name none ("the ceasefire
    committed to by the parties to the Yemen conflict"), or name only sides of the war that
    rejected, left or broke it ("Russia's unilateral withdrawal from the Black Sea Grain
    Initiative"): leaving an agreement is one party's act, and tells nothing of who made it. A side
    named as agreeing stays on its own ("The SAF has agreed to a complete ceasefire"): one side's
    pause or acceptance binds it alone. `stated`: the union of the mentions' parties."""
    war = principals(conflict)
    if any(r["parties"] for r in rows if r["status"] not in _UNDONE) or not set(stated) <= set(war):
        return stated
    return _union((stated, war))


def _terms(rows: list[Row], history: list[StatusChange]) -> tuple[Term, ...]:
    """Each term the mentions name, with the stage of the agreement when the latest of them
    names it: the mention's own, or the stage already reached by then ("the deal reached" said
    while the truce holds: in progress). A later mention of a lower stage ("efforts to reach a deal
    that frees the hostages") does not undo a term in progress or violated."""
    terms: dict[str, Term] = {}
    for row in rows:
        reached = [c.status for c in history if c.on and row["when"] and c.on <= row["when"] and c.status in _STAGE]
        stage = max([row["status"], *reached[-1:]], key=lambda status: _STAGE.get(status, -1))
        status = _TERM_STATUS.get(row["status"] if row["status"] not in _STAGE else stage)
        for category in row["terms"] if status else ():
            held = terms.get(category)
            if held is None or status not in ("pending", "disputed") or held.status in ("pending", "disputed"):
                terms[category] = Term(category, status, row["when"], source(row))
    return tuple(terms.values())


def _violations(rows: list[Row]) -> tuple[Violation, ...]:
    """The mentions that report a breach, one per day and violators, with all their sources."""
    reports: dict[tuple, list[Row]] = defaultdict(list)
    for row in rows:
        if row["status"] == "violated":
            reports[row["when"], tuple(row["violators"])].append(row)
    return tuple(Violation(on, violators, tuple(map(source, group))) for (on, violators), group in reports.items())


def change_rows(agreements: Iterable[MergedAgreement]) -> list[Row]:
    """Each agreement's dated changes of status as a timeline row, in date order (timeline_order),
    with the source that states it and how many sources the agreement has."""
    rows = [{"item": "agreement", "when": change.on, "kind": a.kind, "status": change.status,
             "parties": list(a.parties), "mediators": list(a.mediators), "agreement_id": a.id,
             "sources": len(a.sources), **_cited(change.source)}
            for a in agreements for change in a.history if change.on]
    return sorted(rows, key=timeline_order)


def event_rows(events: Iterable[MergedEvent]) -> list[Row]:
    """Each dated event as a timeline row, with its first source and how many there are."""
    return [{"item": "event", "when": e.date, "type": e.type, "mode": e.mode, "source_canonical": e.source.canonical,
             "target_canonical": e.target.canonical if e.target else None, "event_id": e.id, "reports": e.reports,
             "sources": len(e.sources), **_cited(e.sources[0])} for e in events if e.date]


def timeline_order(row: Row) -> tuple:
    """The timeline's order: by date, agreements' changes before events; events in their merged
    order (event_order), which the store pages through in SQL."""
    if row["item"] == "agreement":
        return row["when"], "agreement", row["document_source"], row["start"]
    return row["when"], "event", row["type"], row["source_canonical"], row["event_id"]


def _cited(where: Source) -> Row:
    return {"text": where.text, "document_id": where.document_id, "document_source": where.document_source,
            "title": where.title, "publisher": where.publisher, "published": where.published,
            "start": where.start, "end": where.end}


def is_open(agreement: MergedAgreement, day: date) -> bool:
    """In force or under negotiation on `day`, as far as the documents tell: reached or proposed,
    and mentioned in the last weeks (of an agreement no text has spoken of for months, they tell
    nothing)."""
    recent = agreement.last_reported is not None and day - agreement.last_reported <= STALE
    return recent and (agreement.status in REACHED or agreement.status == "proposed")


def _union(lists: Iterable[Iterable]) -> tuple:
    return tuple(dict.fromkeys(item for items in lists for item in items))


def _most_common(items: list[str]) -> str:
    return max(dict.fromkeys(items), key=items.count)
