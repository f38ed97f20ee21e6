"""Progress over any iterator of results: a bar with done / total, rate and time left on a
terminal, one summary line otherwise; the results pass through unchanged."""

from __future__ import annotations

import io
import re

from rich.console import Console

from truceline.progress import summary, tracked


def test_progress_on_a_terminal_shows_done_of_total_and_the_rate():
    terminal = Console(file=io.StringIO(), force_terminal=True, width=100)
    results = list(tracked(iter(range(5)), 5, terminal))
    assert results == [0, 1, 2, 3, 4]
    shown = re.sub(r"\x1b\[[0-9;?]*[a-zA-Z]", "", terminal.file.getvalue())
    assert re.search(r"documents .* 5/5 100%", shown)
    assert "left" in shown


def test_progress_when_piped_is_one_line_at_the_end():
    piped = Console(file=io.StringIO(), force_terminal=False, width=100)
    results = tracked(iter("abc"), None, piped)
    assert next(results) == "a" and piped.file.getvalue() == ""  # nothing while it runs
    assert list(results) == ["b", "c"]
    [line] = piped.file.getvalue().splitlines()
    assert re.fullmatch(r"3 documents in \d+\.\d s( \(\d+\.\d/s\))?", line)


def test_progress_summary_says_how_many_of_the_total_were_done():
    assert summary(3, 4, 2.0) == "3 of 4 documents in 2.0 s (1.5/s)"
    assert summary(4, 4, 2.0) == "4 documents in 2.0 s (2.0/s)"
