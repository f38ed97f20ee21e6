"""Records as terminal tables that fit: a few named columns chosen per view, one line per row
(cells cut with "…", except a sentence asked for, which wraps), at most `limit` rows with a note
of how many more, and a pager when a table is taller than an interactive terminal."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from rich import box
from rich.console import Console, RenderableType
from rich.table import Column, Table
from rich.text import Text

from truceline.records import Fact, FigureReport, MergedAgreement, MergedEvent, Source

DEFAULT_LIMIT = 20  # rows of a table, unless --limit says otherwise


@dataclass(frozen=True)
class Field:
    cell: Callable[[Any], str]
    wrap: bool = False  # fold long text over lines instead of cutting it: the sentence, when asked for
    width: int | None = None  # a fixed width: dates (the other columns narrow, the widest first, to fit)


@dataclass(frozen=True)
class View:
    """The columns a list can show, and those it shows unless asked."""

    fields: dict[str, Field]
    default: tuple[str, ...]

    def choose(self, names: str | None) -> list[str]:
        """The columns of `--columns a,b` (in that order), or the default ones; ValueError names
        the valid ones."""
        chosen = [n.strip() for n in names.split(",") if n.strip()] if names else list(self.default)
        if unknown := [n for n in chosen if n not in self.fields]:
            raise ValueError(f"unknown column {unknown[0]!r}; choose from: {', '.join(self.fields)}")
        return chosen

    def table(self, items: Sequence[Any], title: str, columns: list[str]) -> Table:
        table = Table(*(_column(name, self.fields[name]) for name in columns), title=title, title_justify="left",
                      box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False, title_style="bold")
        for item in items:
            # Cells that do not wrap in columns that may narrow: Rich narrows the widest columns
            # until the table fits, and the cut cells end in "…".
            table.add_row(*(Text(self.fields[name].cell(item), no_wrap=not self.fields[name].wrap,
                                 overflow="fold" if self.fields[name].wrap else "ellipsis") for name in columns))
        return table


def _column(name: str, field: Field) -> Column:
    return Column(name, width=field.width, min_width=4, ratio=2 if field.wrap else None)


def show(console: Console, table: RenderableType, more: int, pager: bool = True) -> None:
    """Print a table and, when rows were left out, how many; through a pager when it is taller
    than an interactive terminal (Rich's pager: $PAGER, else less)."""
    note = Text(f"{more:,} more: use --limit N, --limit 0 for all", style="dim") if more > 0 else None
    height = len(console.render_lines(table, console.options.update(height=None), pad=False))
    if pager and console.is_interactive and height + 2 > console.size.height:
        with console.pager(styles=True):
            console.print(table)
            if note:
                console.print(note)
        return
    console.print(table)
    if note:
        console.print(note)


# Cells. `where` is the source an item is cited by: a row of the store has the source's keys.


def where(item: Any) -> Source | dict[str, Any]:
    """The source that matters most: an agreement's latest change of status, a fact's latest
    figure, an event's first report; a per-document row is its own."""
    if isinstance(item, MergedAgreement):
        return item.history[-1].source
    if isinstance(item, Fact):
        return item.latest.source
    if isinstance(item, MergedEvent):
        return item.sources[0]
    return item


def _get(source: Any, key: str) -> Any:
    return source.get(key) if isinstance(source, dict) else getattr(source, key, None)


def cited(source: Any) -> str:
    """A source as a reader cites it: its date (first: a cut title keeps it), then its title, else its site."""
    name = _get(source, "title") or site(_get(source, "document_source"))
    published = _get(source, "published")
    return f"{published} {name}" if published else name


def site(location: str) -> str:
    """A web address's host, else a file's path."""
    host = urlsplit(location).netloc
    return host.removeprefix("www.") if host else location


def sentence(item: Any) -> str:
    return " ".join(_get(where(item), "text").split())


def _span(item: Any) -> str:
    source = where(item)
    return f"{_get(source, 'document_source')} [{_get(source, 'start')}:{_get(source, 'end')}]"


def _number(value: float) -> str:
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,}"


def _when(row: dict[str, Any]) -> str:
    return str(row["when"] or "")


def _event(source: str, type: str, target: str | None, plover_mode: str | None = None) -> str:
    return f"{source} {type}{'/' + plover_mode if plover_mode else ''}{f' → {target}' if target else ''}"


def _row_agreement(row: dict[str, Any]) -> str:
    return f"{row['kind']} {row['status']}" + (f": {', '.join(row['parties'])}" if row["parties"] else "")


def _row_event(row: dict[str, Any]) -> str:
    return _event(row["source_canonical"], row["type"], row["target_canonical"], row.get("plover_mode"))


def _figure(f: FigureReport) -> str:
    by = f" ({f.attributed_to})" if f.attributed_to else ""
    return " ".join(filter(None, (f.qualifier, _number(f.value)))) + f" on {f.as_of or '?'}{by}"


def _fact(f: Fact) -> str:
    return " ".join(filter(None, (f"{f.kind}:", f.subject, f"in {f.location}" if f.location else None)))


def _fact_changes(f: Fact) -> str:
    return "; ".join([*(f"revised {_figure(a)} → {_figure(b)}" for a, b in f.revisions),
                      *(f"contradicted {_figure(a)} vs {_figure(b)}" for a, b in f.contradictions)])


def _terms(a: MergedAgreement) -> str:
    phases = f"phases {', '.join(map(str, a.phases))}" if a.phases else ""
    return "; ".join(filter(None, (phases, *(f"{t.category}: {t.status.replace('_', ' ')}" for t in a.terms))))


def _breaches_and_links(a: MergedAgreement) -> str:
    breaches = [f"violated {v.on or '?'}" + (f" by {', '.join(v.violators)}" if v.violators else "")
                for v in a.violations]
    return "; ".join([*breaches, *(f"{link.relation} the {link.kind} of {link.first_reported}" for link in a.links)])


def _since(a: MergedAgreement) -> str:
    return str(a.history[-1].on or "")


DAY = 10  # YYYY-MM-DD
_SOURCE_FIELDS = {
    "sentence": Field(sentence, wrap=True),
    "source": Field(lambda item: cited(where(item))),
    "span": Field(_span),
}
_SOURCES = Field(lambda item: str(len(item.sources) if not isinstance(item, Fact) else len(item.figures)))

MERGED_EVENTS = View({
    "date": Field(lambda e: str(e.date or ""), width=DAY),
    "event": Field(lambda e: _event(e.source.canonical, e.type, e.target.canonical if e.target else None)),
    "mode": Field(lambda e: e.mode),
    "reports": Field(lambda e: str(e.reports)),
    "sources": _SOURCES, **_SOURCE_FIELDS,
}, ("date", "event", "mode", "reports", "source"))

EVENT_ROWS = View({
    "date": Field(_when, width=DAY), "event": Field(_row_event), "mode": Field(lambda r: r["mode"]),
    **_SOURCE_FIELDS,
}, ("date", "event", "mode", "source"))

FACTS = View({
    "figure": Field(_fact), "latest": Field(lambda f: _figure(f.latest)),
    "reports": Field(lambda f: str(f.reports)), "sources": _SOURCES,
    "changes": Field(_fact_changes), **_SOURCE_FIELDS,
}, ("figure", "latest", "reports", "source"))

CLAIM_ROWS = View({
    "date": Field(_when, width=DAY),
    "claim": Field(lambda r: f"{r['kind']}: " + " ".join(filter(None, (r["qualifier"], _number(r["value"]),
                                                                        r["subject"])))),
    "location": Field(lambda r: r["location"] or ""), "according to": Field(lambda r: r["attributed_to"] or ""),
    **_SOURCE_FIELDS,
}, ("date", "claim", "according to", "source"))

MERGED_AGREEMENTS = View({
    "agreement": Field(lambda a: f"{a.name} · {a.status}"),
    "conflict": Field(lambda a: a.conflict or ""),
    "parties": Field(lambda a: ", ".join(a.parties)),
    "since": Field(_since, width=DAY),
    "mediators": Field(lambda a: ", ".join(a.mediators)),
    "history": Field(lambda a: " → ".join(f"{c.status} {c.on or '?'}" for c in a.history)),
    "terms": Field(_terms), "violations and links": Field(_breaches_and_links),
    "reports": Field(lambda a: str(a.reports)), "sources": _SOURCES, **_SOURCE_FIELDS,
}, ("agreement", "since", "mediators", "reports", "source"))

# One agreement's mentions (its sources), for `truceline agreements --id`.
MENTIONS = View({"date": Field(lambda s: str(s.published or ""), width=DAY), **_SOURCE_FIELDS},
                ("date", "sentence", "source"))

AGREEMENT_ROWS = View({
    "date": Field(_when, width=DAY), "agreement": Field(_row_agreement),
    "mediators": Field(lambda r: ", ".join(r["mediators"])), **_SOURCE_FIELDS,
}, ("date", "agreement", "mediators", "source"))

TIMELINE_ROWS = View({
    "date": Field(_when, width=DAY),
    "what": Field(lambda r: _row_agreement(r) if r["item"] == "agreement" else _row_event(r)),
    "mode": Field(lambda r: r.get("mode") or ""),
    "sources": Field(lambda r: str(r.get("sources", 1))), **_SOURCE_FIELDS,
}, ("date", "what", "sources", "source"))

SERIES = View({
    "date": Field(_when, width=DAY),
    "figure": Field(lambda r: " ".join(filter(None, (r["qualifier"], _number(r["value"]))))),
    "change": Field(lambda r: r.get("change") or "total"),
    "as written": Field(lambda r: r["subject"] or ""),
    "according to": Field(lambda r: r["attributed_to"] or ""),
    **_SOURCE_FIELDS,
}, ("date", "figure", "change", "as written", "source"))

