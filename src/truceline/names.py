"""Names for merged agreements, built from their record: "Israel–Hamas humanitarian pause,
Nov 2023", "US–France 21-day Israel–Lebanon proposal, Sep 2024"."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import replace
from datetime import date

from truceline.conflicts import short, sides
from truceline.records import MergedAgreement

_KIND = {"pause": "humanitarian pause", "ceasefire": "ceasefire", "truce": "truce", "peace": "peace agreement",
         "exchange": "prisoner exchange",
         "proposal": "proposal", "deal": "deal"}


def agreement_name(kind: str, conflict: str | None, parties: tuple[str, ...], proposers: tuple[str, ...],
                   duration_days: float | None, since: date | None, scope: str | None = None) -> str:
    """Who proposed it (for a proposal), how long it lasts, between whom (the parties in the
    conflict's order, else the conflict), whether it halts only part of the fighting, what it is,
    and the month it was first reported: a partial ceasefire is told from the complete one of its days."""
    order = {side: i for i, side in enumerate(sides(conflict))}
    between = "–".join(short(p) for p in sorted(parties, key=lambda p: (order.get(p, len(order)), p)))
    words = [
        "–".join(map(short, proposers)) if kind == "proposal" and proposers else "",
        _length(duration_days),
        between if len(parties) > 1 else conflict or between,
        "partial" if scope == "partial" else "",  # a ceasefire is read as complete unless named partial
        _KIND[kind],
    ]
    name = " ".join(w for w in words if w)
    return f"{name[0].upper()}{name[1:]}, {since:%b %Y}" if since else name[0].upper() + name[1:]


def _length(days: float | None) -> str:
    if not days:
        return ""
    if days < 1:
        return f"{round(days * 24)}-hour"
    return f"{days:g}-day"


def told_apart(agreements: Sequence[MergedAgreement]) -> list[MergedAgreement]:
    """Agreements that would share a name (the calls for a pause and the pause agreed later that
    month) are named with the day each was first reported instead of the month."""
    shared = Counter(a.name for a in agreements)
    return [replace(a, name=f"{a.name.rsplit(', ', 1)[0]}, {a.first_reported.day} {a.first_reported:%b %Y}")
            if shared[a.name] > 1 and a.first_reported else a for a in agreements]
