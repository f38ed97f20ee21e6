"""Merging: per-document rows (as the store returns them) into one record per event, fact and
agreement, each with all its sources. Pure functions; the store feeds them and keeps the two
assignments that need the corpus at ingest time: each document's story and each agreement
mention's thread (`Store.add`, using `stories` and `same_agreement`).

- Events are one when type, mode, source, target and date are equal; `reports` counts stories,
  so five copies of one article are one report with five sources.
- Figures are one fact when kind, subject and place are equal; each source's figure is kept.
- Agreement mentions are one agreement when `same_agreement` links them into one thread.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import date, timedelta
from itertools import combinations
from typing import Any

from truceline.records import (Actor, FigureReport, Fact, MergedAgreement, MergedEvent, Source,
                               StatusChange)

Row = dict[str, Any]

# Mentions of one agreement further apart than this are taken for different agreements, unless
# they give the same effective date; a thread grows, so a long truce stays one.
THREAD_GAP = timedelta(days=30)
# Specific kinds merge only with their own kind; "deal" and "proposal" name any of them.
_GENERIC_KINDS = {"deal", "proposal"}
# How far an agreement has come: a later mention of a lower stage ("efforts to reach a deal",
# "the deal agreed" after it took effect) does not undo a stage reached. Rejected, collapsed and
# expired end a stage; anything may follow them.
_STAGE = {"proposed": 0, "agreed": 1, "in_force": 2, "extended": 3, "violated": 3}
_REACHED = {"agreed", "in_force", "extended", "violated"}
# A proposal not mentioned for this long is no longer under negotiation.
STALE_PROPOSAL = timedelta(days=60)
# Relative difference under which two figures for the same thing agree anyway.
_SAME_FIGURE = 0.02
_APPROXIMATE = 0.10


def source(row: Row) -> Source:
    return Source(row["document_id"], row["document_source"], row["published"], row["story_id"],
                  row["text"], row["start"], row["end"])


def _stories(rows: Iterable[Row]) -> int:
    return len({row["story_id"] for row in rows})


# Events


def dated(rows: Iterable[Row], own_date: str) -> list[Row]:
    """Rows with `day`: their own date, but the first publication of their story where that date
    is missing or is the document's publication day (the stages' default, and "today"), so that a
    copy posted later, or misdated, reports the same day as its original."""
    rows = list(rows)
    first: dict[str, date] = {}
    for row in rows:
        if row["published"] and (row["story_id"] not in first or row["published"] < first[row["story_id"]]):
            first[row["story_id"]] = row["published"]
    return [{**row, "day": first.get(row["story_id"]) if row[own_date] in (None, row["published"])
             else row[own_date]} for row in rows]


def merge_events(rows: Iterable[Row]) -> list[MergedEvent]:
    """One event per (type, mode, source, target, day), in date order."""
    groups: dict[tuple, list[Row]] = defaultdict(list)
    for row in dated(rows, "date"):
        groups[row["type"], row["mode"], row["source_canonical"], row["target_canonical"], row["day"]].append(row)
    merged = [MergedEvent(type=first["type"], mode=first["mode"], source=_actor(first, "source_"),
                          target=_actor(first, "target_") if first["target_kind"] else None,
                          date=first["day"], reports=_stories(group), sources=tuple(map(source, group)))
              for first, group in ((g[0], g) for g in groups.values())]
    return sorted(merged, key=lambda e: (e.date or date.min, e.type, e.source.canonical))


def _actor(row: Row, prefix: str) -> Actor:
    return Actor(**{f: row[f"{prefix}{f}"] for f in Actor.__dataclass_fields__})


# Figures


def merge_claims(rows: Iterable[Row]) -> list[Fact]:
    """One fact per (kind, subject, place), its figures in date order."""
    groups: dict[tuple, list[Row]] = defaultdict(list)
    for row in dated(rows, "as_of"):
        groups[row["kind"], _folded(row["subject"]), _folded(row["location"])].append(row)
    facts = [_fact(group) for group in groups.values()]
    return sorted(facts, key=lambda f: (f.kind, f.subject or "", f.location or ""))


def _folded(text: str | None) -> str | None:
    return " ".join(text.casefold().split()) if text else None


def _fact(rows: list[Row]) -> Fact:
    figures = sorted((FigureReport(r["value"], r["qualifier"], r["day"], r["attributed_to"], source(r))
                      for r in rows), key=lambda f: (f.as_of or date.min, f.source.published or date.min))
    revisions, contradictions = [], []
    for a, b in combinations(figures, 2):
        if compatible(a, b):
            continue
        if a.as_of == b.as_of and a.source.story != b.source.story:
            contradictions.append((a, b))
        elif a.attributed_to and a.attributed_to == b.attributed_to and a.as_of != b.as_of:
            revisions.append((a, b))
    return Fact(rows[0]["kind"], rows[0]["subject"], rows[0]["location"], latest=figures[-1],
                reports=_stories(rows), figures=tuple(figures), revisions=tuple(_consecutive(revisions)),
                contradictions=tuple(contradictions))


def _consecutive(revisions: list[tuple[FigureReport, FigureReport]]) -> list[tuple[FigureReport, FigureReport]]:
    """Each revision from the figure just before it, not from every earlier one."""
    latest_before: dict[int, tuple[FigureReport, FigureReport]] = {}
    for earlier, later in revisions:
        latest_before[id(later)] = (earlier, later)  # pairs come in date order: the last earlier wins
    return list(latest_before.values())


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


def same_agreement(mention: Row, other: Row) -> bool:
    """Whether two agreement mentions (rows with kind, parties, effective and when) can name one
    agreement: compatible kinds, parties of one among the other's, a matching effective date,
    and near in time. A mention without parties ("the ceasefire") joins the nearest thread."""
    kinds = {mention["kind"], other["kind"]}
    if len(kinds - _GENERIC_KINDS) > 1:
        return False
    ours, theirs = set(mention["parties"]), set(other["parties"])
    if ours and theirs and not (ours <= theirs or theirs <= ours):
        return False
    if mention["effective"] and other["effective"]:
        return mention["effective"] == other["effective"]
    return _near(mention["when"], other["when"])


def _near(a: date | None, b: date | None) -> bool:
    return a is not None and b is not None and abs(a - b) <= THREAD_GAP


def merge_agreements(rows: Iterable[Row]) -> list[MergedAgreement]:
    """One agreement per thread, its status history in date order."""
    threads: dict[str, list[Row]] = defaultdict(list)
    for row in rows:
        threads[row["thread_id"]].append(row)
    merged = [_agreement(thread_id, sorted(group, key=_mention_order)) for thread_id, group in threads.items()]
    return sorted(merged, key=lambda a: (a.first_reported or date.min, a.id))


def _mention_order(row: Row) -> tuple:
    return row["when"] or date.min, row["published"] or date.min, row["document_source"], row["start"]


def _agreement(thread_id: str, rows: list[Row]) -> MergedAgreement:
    history: list[StatusChange] = []  # each change of status, with the first mention that states it
    for row in rows:
        status = history[-1].status if history else None
        if status is None or row["status"] not in _STAGE or status not in _STAGE or _STAGE[row["status"]] > _STAGE[status]:
            history.append(StatusChange(row["status"], row["when"], source(row)))
    specific = [r["kind"] for r in rows if r["kind"] not in _GENERIC_KINDS]
    return MergedAgreement(
        id=thread_id, kind=_most_common(specific or [r["kind"] for r in rows]), status=history[-1].status,
        parties=_union(r["parties"] for r in rows), mediators=_union(r["mediators"] for r in rows),
        proposers=_union(r["proposers"] for r in rows),
        effective=next((r["effective"] for r in rows if r["effective"]), None),
        duration_days=next((r["duration_days"] for r in rows if r["duration_days"]), None),
        phases=tuple(sorted(set(_union(r["phases"] for r in rows)) | {r["phase"] for r in rows if r["phase"]})),
        terms=_union(r["terms"] for r in rows),
        first_reported=rows[0]["when"], last_reported=rows[-1]["when"], reports=_stories(rows),
        history=tuple(history), sources=tuple(map(source, rows)))


def is_open(agreement: MergedAgreement, day: date) -> bool:
    """In force, or under negotiation and mentioned lately, on `day`."""
    if agreement.status in _REACHED:
        return True
    recent = agreement.last_reported is not None and day - agreement.last_reported <= STALE_PROPOSAL
    return agreement.status == "proposed" and recent


def _union(lists: Iterable[Iterable]) -> tuple:
    return tuple(dict.fromkeys(item for items in lists for item in items))


def _most_common(items: list[str]) -> str:
    return max(dict.fromkeys(items), key=items.count)
