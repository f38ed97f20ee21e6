"""A document's text as HTML with its record's items marked at their spans, and search
snippets with their matches marked.

The text is untrusted: every piece of it is escaped (markupsafe.escape); only the `<mark>`
elements made here are markup. Each mark has the id `span-START-END`, which every source link
points at (`/documents/ID#span-START-END`).
"""

from __future__ import annotations

import heapq
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from markupsafe import Markup, escape

from truceline.fulltext import MATCH_END, MATCH_START
from truceline.records import Record


@dataclass(frozen=True)
class Mark:
    start: int
    end: int
    kind: str  # actor, event, claim or agreement: the CSS class
    label: str  # what the record says the span is, shown on hover


def span_id(start: int, end: int) -> str:
    return f"span-{start}-{end}"


def record_marks(record: Record) -> list[Mark]:
    """The spans of the record's events, claims and agreements, and every place the text names
    one of its actors as written (actors are stored without their spans)."""
    marks = [Mark(e.start, e.end, "event", f"event: {e.source.canonical} {e.type}"
                  + (f" → {e.target.canonical}" if e.target else "") + f" ({e.mode})") for e in record.events]
    marks += [Mark(c.start, c.end, "claim", f"figure: {c.kind} {c.value:g} {c.subject or ''}".rstrip())
              for c in record.claims]
    marks += [Mark(a.start, a.end, "agreement", f"agreement: {a.kind} {a.status}"
                   + (f" ({', '.join(a.parties)})" if a.parties else "")) for a in record.agreements]
    for actor in {a.name: a for a in record.actors}.values():
        label = f"actor: {actor.canonical} ({actor.kind.replace('_', ' ')})"
        marks += [Mark(m.start(), m.end(), "actor", label)
                  for m in re.finditer(rf"(?<!\w){re.escape(actor.name)}(?!\w)", record.document.text)]
    return marks


def highlight(text: str, marks: Iterable[Mark]) -> Markup:
    """`text` escaped, each mark an element around its span; marks of one span are one element.
    Marks nest; one that runs past the end of the mark it starts in goes on after it as a second
    element, without the id."""
    by_span: dict[tuple[int, int], list[Mark]] = defaultdict(list)
    for mark in marks:
        start, end = max(mark.start, 0), min(mark.end, len(text))
        if start < end:
            by_span[start, end].append(mark)
    # (start, -end): an enclosing mark opens before what it encloses. A span's trailing white
    # space (a sentence's paragraph break) stays outside its element, which would otherwise
    # paint a sliver on the blank line after it; the element keeps the span's id.
    queue = [(start, -(start + len(text[start:end].rstrip())), start, end) for start, end in by_span]
    heapq.heapify(queue)
    html: list[str] = []
    open_ends: list[int] = []  # ends of the open elements, innermost last
    written = 0

    def write_to(position: int) -> None:
        nonlocal written
        html.append(escape(text[written:position]))
        written = position

    while queue:
        start, negative_end, span_start, span_end = heapq.heappop(queue)
        end = -negative_end
        while open_ends and open_ends[-1] <= start:
            write_to(open_ends.pop())
            html.append("</mark>")
        if open_ends and end > open_ends[-1]:
            heapq.heappush(queue, (open_ends[-1], -end, span_start, span_end))
            end = open_ends[-1]
        write_to(start)
        html.append(_open_tag(by_span[span_start, span_end], span_id(span_start, span_end)
                              if start == span_start else None))
        open_ends.append(end)
    while open_ends:
        write_to(open_ends.pop())
        html.append("</mark>")
    write_to(len(text))
    return Markup("".join(html))


def _open_tag(marks: list[Mark], element_id: str | None) -> Markup:
    kinds = " ".join(sorted({m.kind for m in marks}))
    labels = "\n".join(dict.fromkeys(m.label for m in marks))
    if element_id:
        return Markup('<mark id="{}" class="{}" title="{}">').format(element_id, kinds, labels)
    return Markup('<mark class="{}" title="{}">').format(kinds, labels)


def snippet_html(snippet: str) -> Markup:
    """A search snippet escaped, then its matches (fulltext.MATCH_START…MATCH_END) marked."""
    return escape(snippet).replace(MATCH_START, Markup("<mark>")).replace(MATCH_END, Markup("</mark>"))
