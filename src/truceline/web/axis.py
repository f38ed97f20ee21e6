"""The timeline's time axis: how many events and agreements' changes fall in each month, week or
day of the period shown, as bars that zoom into their period. Counted from the whole filtered
timeline (not one page of it) and drawn by timeline.html as SVG, without script."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

WIDTH, HEIGHT = 960, 110
_BARS_HEIGHT = 80  # the tallest bar; below it, the labels


@dataclass(frozen=True)
class Bin:
    start: date
    end: date  # inclusive
    events: int
    changes: int  # agreements' changes of status
    x: float
    width: float
    height: float  # of the events' bar
    label: str | None  # under some bins only, so that labels do not overlap


@dataclass(frozen=True)
class Axis:
    unit: str  # month, week or day
    bins: tuple[Bin, ...]
    outside: int  # items dated outside the axis's period


def axis(event_days: Iterable[tuple[date, int]], change_days: Iterable[date], first: date, last: date) -> Axis | None:
    """Bins over the days `first`..`last` (the period asked for, else the documents': a speech
    recalls 1915, and the axis keeps to what the documents cover): months past 18 weeks, weeks
    past 6, else days. None when nothing is dated in that period."""
    events: Counter[date] = Counter()
    changes: Counter[date] = Counter()
    outside = 0
    for counter, days in ((events, event_days), (changes, ((day, 1) for day in change_days))):
        for day, n in days:
            if first <= day <= last:
                counter[day] += n
            else:
                outside += n
    if not events and not changes:
        return None
    span = (last - first).days
    unit = "month" if span > 18 * 7 else "week" if span > 6 * 7 else "day"
    starts = _starts(first, last, unit)
    ends = [next_start - timedelta(days=1) for next_start in starts[1:]] + [_next(starts[-1], unit) - timedelta(days=1)]
    counts = [(sum(n for d, n in events.items() if s <= d <= e), sum(n for d, n in changes.items() if s <= d <= e))
              for s, e in zip(starts, ends)]
    tallest = max((n for n, _ in counts), default=0) or 1
    width = WIDTH / len(starts)
    every = max(1, round(len(starts) / 12))  # at most about twelve labels
    bins = tuple(Bin(s, e, n, c, round(i * width, 1), round(max(width - 1, 1), 1),
                     round(_BARS_HEIGHT * n / tallest, 1), _label(s, unit) if i % every == 0 else None)
                 for i, (s, e, (n, c)) in enumerate(zip(starts, ends, counts)))
    return Axis(unit, bins, outside)


def _starts(first: date, last: date, unit: str) -> list[date]:
    start = {"month": first.replace(day=1), "week": first - timedelta(days=first.weekday()), "day": first}[unit]
    starts = []
    while start <= last:
        starts.append(start)
        start = _next(start, unit)
    return starts


def _next(start: date, unit: str) -> date:
    if unit == "month":
        return date(start.year + start.month // 12, start.month % 12 + 1, 1)
    return start + timedelta(days=7 if unit == "week" else 1)


def _label(start: date, unit: str) -> str:
    return start.strftime("%b %Y") if unit == "month" else start.strftime("%d %b").lstrip("0")
