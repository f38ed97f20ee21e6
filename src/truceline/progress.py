"""Progress of a long run over documents: done / total, rate and time left on a terminal (Rich),
one line at the end otherwise. It wraps any iterator of results, so it does not matter how they
are produced (one process or several, in order or not)."""

from __future__ import annotations

import time
from collections.abc import Iterable, Iterator
from typing import TypeVar

from rich.console import Console
from rich.progress import (BarColumn, MofNCompleteColumn, Progress, ProgressColumn, SpinnerColumn, Task,
                           TaskProgressColumn, TextColumn, TimeElapsedColumn, TimeRemainingColumn)
from rich.text import Text

T = TypeVar("T")


def tracked(results: Iterable[T], total: int | None, console: Console, noun: str = "documents") -> Iterator[T]:
    """Yield `results`, showing how many of `total` (None: unknown) are done on `console`: a
    progress bar with the rate and time left on a terminal, else one summary line at the end."""
    if console.is_terminal:
        yield from _bar(results, total, console, noun)
        return
    started, done = time.monotonic(), 0
    for done, result in enumerate(results, 1):
        yield result
    console.print(summary(done, total, time.monotonic() - started, noun), markup=False, highlight=False)


def _bar(results: Iterable[T], total: int | None, console: Console, noun: str) -> Iterator[T]:
    columns = (SpinnerColumn(), TextColumn(noun), BarColumn(), MofNCompleteColumn(), TaskProgressColumn(),
               _Rate(), TimeElapsedColumn(), TextColumn("left"), TimeRemainingColumn())
    with Progress(*columns, console=console, transient=True) as progress:
        task = progress.add_task(noun, total=total)
        for result in results:
            yield result
            progress.advance(task)


class _Rate(ProgressColumn):
    """Documents per second (Rich's own speed column counts bytes)."""

    def render(self, task: Task) -> Text:
        return Text(f"{task.speed:.2f}/s" if task.speed else "", style="progress.data.speed")


def summary(done: int, total: int | None, seconds: float, noun: str = "documents") -> str:
    """E.g. "13 of 13 documents in 12.0 s (1.1/s)"."""
    of = f" of {total:,}" if total is not None and total != done else ""
    rate = f" ({done / seconds:.1f}/s)" if seconds > 0 else ""
    return f"{done:,}{of} {noun} in {seconds:.1f} s{rate}"
