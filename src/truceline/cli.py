"""The `truceline` command: thin wrappers over the library.

Data goes to stdout, progress and problems to stderr. Library errors (TrucelineError) and bad
options print one line, "Error: …", and exit with status 2; a database that cannot be written
(disk full, read-only: StorageError) likewise, with status 1.
"""

from __future__ import annotations

import functools
import json
import sys
from collections import Counter
from contextlib import ExitStack, contextmanager, nullcontext
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date
from enum import Enum
from pathlib import Path
from typing import Annotated, Any, Literal, NoReturn, get_args

import typer
from rich.console import Console
from rich.markup import escape
from rich.padding import Padding
from rich.table import Column, Table
from rich.text import Text
from sqlalchemy.engine import make_url

from truceline import torchless  # noqa: F401  (first: before anything imports spaCy)
from truceline.config import Settings
from truceline import counted, tables
from truceline.conflicts import conflicts
from truceline.decoding import printable
from truceline.errors import ConfigError, StorageError, TrucelineError
from truceline.evaluation import SUITES, below_floor, load_floors, run_suite
from truceline.export import export as export_store
from truceline.export import check_targets, flat, record_line, write_csv, write_records
from truceline.merge import is_open
from truceline.progress import tracked
from truceline.records import (AgreementKind, ClaimKind, EventMode, EventType, Fact, Failure, MergedAgreement, Record,
                               Skipped, State, StatusFilter, Stored, to_dict)
from truceline.store import Store, database_url

# The input paths, and a database whose documents are not extracted again -> results in input order
Extract = Callable[..., Iterator[Record | Failure | Skipped | Stored]]

app = typer.Typer(
    help="Turn news about wars and ceasefire negotiations into a sourced, queryable record.",
    no_args_is_help=True, add_completion=False, rich_markup_mode="markdown")
out = Console()
err = Console(stderr=True)


class Output(str, Enum):
    table = "table"
    csv = "csv"
    jsonl = "jsonl"


class ExportFormat(str, Enum):
    jsonl = "jsonl"
    csv = "csv"
    parquet = "parquet"


class RecordFormat(str, Enum):
    jsonl = "jsonl"


Db = Annotated[str | None, typer.Option(
    "--db", metavar="PATH|URL",
    help="SQLite file or SQLAlchemy URL. Default: the database_url setting "
         "(TRUCELINE_DATABASE_URL, else sqlite:///truceline.db).")]
Since = Annotated[str | None, typer.Option(
    metavar="YYYY-MM-DD", help="Only items dated on or after this day.")]
Until = Annotated[str | None, typer.Option(
    metavar="YYYY-MM-DD", help="Only items dated on or before this day.")]
Format = Annotated[Output, typer.Option("--format", help="A table to read, or csv / jsonl to process.")]
WorkerCount = Annotated[int | None, typer.Option(
    "--workers", min=0, metavar="N", help="Worker processes extracting documents, each with the pipeline loaded once; "
                                          "0 for one per core. Default: the workers setting (TRUCELINE_WORKERS).")]
Inputs = Annotated[list[str], typer.Argument(
    metavar="PATH", show_default=False,
    help="Files, folders (read recursively), globs, or - for stdin: .html .htm .txt .md .json .jsonl .warc, "
         "each optionally .gz.")]


def command(example: str, name: str | None = None) -> Callable[[Callable[..., None]], Callable[..., None]]:
    """Register a command whose help ends with an example and whose library errors print one line."""
    def register(function: Callable[..., None]) -> Callable[..., None]:
        @functools.wraps(function)
        def run(*args: Any, **kwargs: Any) -> None:
            try:
                function(*args, **kwargs)
            except StorageError as exc:
                fail(str(exc), status=1)
            except TrucelineError as exc:
                fail(str(exc))
        return app.command(name, epilog=f"Example: {example}")(run)
    return register


def fail(message: str, status: int = 2) -> NoReturn:
    typer.echo(f"Error: {message}", err=True)
    raise typer.Exit(status)


# Commands that read articles


@command("truceline extract article.html notes.txt --format jsonl")
def extract(inputs: Inputs,
            fmt: Annotated[RecordFormat, typer.Option("--format", help="jsonl, the only one so far.")]
            = RecordFormat.jsonl, workers: WorkerCount = None) -> None:
    """Print one JSON record per document on stdout, without a database.

    Skipped inputs are reported on stderr, one line each; the exit code is then 1.
    """
    failed = 0
    settings = load_settings(workers=workers)
    with _extraction(settings) as extract_all:
        for result in extract_all(inputs):
            if isinstance(result, Failure):
                failed += 1
                typer.echo(f"skipped {printable(result.source)}: {printable(result.reason)}", err=True)
            elif isinstance(result, Skipped):  # not articles: no reason to exit 1
                typer.echo(f"{printable(result.source)}: skipped {result.reason}", err=True)
            else:
                typer.echo(record_line(result))
    if failed:
        raise typer.Exit(1)


@command("truceline ingest ./articles/ --db truceline.db")
def ingest(inputs: Inputs, db: Db = None, workers: WorkerCount = None,
           ray: Annotated[str | None, typer.Option(
               "--ray", metavar="auto|ADDRESS",
               help="Extract on a Ray cluster: auto for this machine's (started if there is none), or a "
                    "cluster's address, e.g. ray://head:10001; --workers then counts its actors.")] = None) -> None:
    """Extract records and add them to the database; documents already stored are found before
    they are parsed and left as they are.

    Ends with a summary, skipped inputs with their reasons. Exit code 1 if any input was skipped,
    0 otherwise.
    """
    settings = load_settings(db, workers=workers)
    report = IngestReport()
    # The workers load the model first: a missing one creates no database.
    with ExitStack() as extraction:
        extract_all = extraction.enter_context(_extraction(settings, ray))
        with Store(settings.database_url) as store:
            store.link_unplaced()
            results = extract_all(inputs, skip_stored_in=settings.database_url)
            for result in tracked(results, _count(inputs, settings), err):
                report.add(result, store)
            extraction.close()  # the workers stop, their memory freed before the link reads the documents
            if report.added:  # the new documents' window, in one order whatever order they came in
                store.link_added(report.days)
    report.show(settings.database_url)
    if report.skipped:
        raise typer.Exit(1)


@command("truceline link --since 2024-11-01 --db truceline.db")
def link(since: Since = None, db: Db = None) -> None:
    """Link the stored documents again, in order of publication then document id: merge keys,
    agreement threads and the merged tables (merged_agreements, merged_events, merged_facts), so
    that the same documents give the same merged records whatever order they were ingested in
    (ingest does this for the days it adds)."""
    day = parse_day("--since", since)
    with Store(load_settings(db).database_url) as store:
        linked = store.link(day)
    err.print(f"Linked {linked:,} documents.", markup=False, highlight=False)


@contextmanager
def _extraction(settings: Settings, ray: str | None = None) -> Iterator[Extract]:
    """Extraction in worker processes, or on a Ray cluster: a function of the input paths (and a
    database whose stored documents are not parsed again) giving one result per input in order."""
    # Imported here, so that `--help` and the query commands start fast.
    if ray:
        from truceline.runners.ray import RayExtraction

        with RayExtraction(settings, ray) as cluster:
            yield cluster.extract
    else:
        from truceline.ingest import read_inputs
        from truceline.workers import Workers

        with Workers(settings) as pool:
            yield lambda paths, skip_stored_in=None: pool.extract(read_inputs(paths, settings), skip_stored_in)


def _count(inputs: list[str], settings: Settings) -> int | None:
    """How many inputs there are, for the progress bar: read once ahead (seconds, where the
    extraction takes minutes); None for stdin, which cannot be read twice."""
    from truceline.ingest import read_inputs

    if "-" in inputs:
        return None
    with err.status("Counting inputs…") if err.is_terminal else nullcontext():
        return sum(1 for _ in read_inputs(inputs, settings))


_SKIPPED_LISTED = 50  # past this the end of a run lists reasons, not inputs


@dataclass
class IngestReport:
    read: int = 0
    added: int = 0
    present: int = 0
    skipped: list[Failure] = field(default_factory=list)
    items: Counter[str] = field(default_factory=Counter)
    not_articles: list[Skipped] = field(default_factory=list)  # records of archives that are no articles
    days: set[date | None] = field(default_factory=set)  # the added documents' publication days

    def add(self, result: Record | Failure | Skipped | Stored, store: Store) -> None:
        if isinstance(result, Skipped):
            self.not_articles.append(result)
            return
        self.read += 1
        if isinstance(result, Failure):
            self.skipped.append(result)
            store.add_failure(result)
        elif isinstance(result, Record) and store.add(result):
            self.added += 1
            self.days.add(result.document.published)
            self.items.update({kind: len(getattr(result, kind))
                               for kind in ("actors", "events", "claims", "agreements")})
        else:
            self.present += 1

    def show(self, url: str) -> None:
        grid = Table.grid(Column(), Column(justify="right"), padding=(0, 2))
        for label, value in [("inputs read", self.read), ("documents added", self.added),
                             ("already stored", self.present), ("inputs skipped", len(self.skipped)),
                             *((f"{kind} added", n) for kind, n in self.items.items()),
                             *([("archive records skipped", sum(s.count for s in self.not_articles))]
                               if self.not_articles else [])]:
            grid.add_row(label, f"{value:,}")
        out.print(f"Ingested into {safe_url(url)}", style="bold", markup=False, highlight=False)
        out.print(grid)
        for failure in self.skipped[:_SKIPPED_LISTED]:
            source, reason = escape(printable(failure.source)), escape(printable(failure.reason))
            out.print(f"[yellow]skipped[/yellow] {source}: {reason}", highlight=False, soft_wrap=True)
        for records in self.not_articles:
            out.print(f"{escape(printable(records.source))}: skipped {escape(records.reason)}", highlight=False,
                      soft_wrap=True)
        if len(self.skipped) > _SKIPPED_LISTED:
            out.print(f"… and {len(self.skipped) - _SKIPPED_LISTED:,} more: `truceline summary` lists them",
                      markup=False, highlight=False)
        if self.skipped:  # the reason up to its details: "malformed JSON: Expecting value (column 3)"
            by_reason = Counter(failure.reason.split(":")[0] for failure in self.skipped)
            out.print("Skipped by reason:", style="bold", markup=False, highlight=False)
            for reason, n in by_reason.most_common():
                out.print(f"  {n:,}  {reason}", markup=False, highlight=False)


# Commands that query the database


PerDocument = Annotated[bool, typer.Option(
    "--per-document", help="One row per document that states an item, instead of one per merged item.")]
AsOf = Annotated[str | None, typer.Option(
    "--as-of", metavar="YYYY-MM-DD", help="As the documents published by this day described it.")]
Limit = Annotated[int | None, typer.Option(
    "--limit", min=0, help=f"Rows to show: {tables.DEFAULT_LIMIT} in a table, all as csv or jsonl; 0 for all.")]
Columns = Annotated[str | None, typer.Option(
    "--columns", metavar="NAME,…", help="The table's columns, comma-separated, in order; a wrong name lists them.")]


@command("truceline events --actor USA --type REQUEST --since 2023-11-01")
def events(actor: Annotated[str | None, typer.Option(
               help="Canonical name, name as written, or ISO country code, on either side.")] = None,
           event_type: Annotated[EventType | None, typer.Option(
               "--type", case_sensitive=False, metavar="TYPE",
               help="PLOVER type, in any case: " + ", ".join(get_args(EventType)) + ".")] = None,
           mode: Annotated[EventMode | None, typer.Option(help="How the sentence states it.")] = None,
           since: Since = None, until: Until = None, as_of: AsOf = None, per_document: PerDocument = False,
           limit: Limit = None, columns: Columns = None, fmt: Format = Output.table, db: Db = None) -> None:
    """List events (PLOVER) in date order, each once with every document and span that states it."""
    filters = dict(actor=actor, type=event_type, mode=mode, **parse_period(since, until),
                   known_by=parse_day("--as-of", as_of))
    view = tables.EVENT_ROWS if per_document else tables.MERGED_EVENTS
    chosen, cap = choose(view, columns, fmt, limit)
    with open_store(db) as store:
        if per_document:
            rows = store.events(**filters)
            return emit(rows[:cap], fmt, "Events, per document", view, chosen, len(rows))
        merged = store.merged_events(limit=cap, **filters)
        total = store.merged_count("events", **filters) if cap is not None else len(merged)
    emit(merged, fmt, "Events", view, chosen, total)


# Choices from the curated data: what figures count, and the conflicts.
Subject = Literal[counted.names()]  # type: ignore[valid-type]
Conflict = Literal[tuple(c.name for c in conflicts())]  # type: ignore[valid-type]


@command("truceline claims --series --kind released --subject hostages")
def claims(kind: Annotated[ClaimKind | None, typer.Option(help="Kind of figure.")] = None,
           subject: Annotated[Subject | None, typer.Option(
               metavar="SUBJECT", help="What it counts, whatever the wording: " + ", ".join(counted.names()) + ".")]
           = None,
           actor: Annotated[str | None, typer.Option(help="Who states it, as written (any part).")] = None,
           conflict: Annotated[Conflict | None, typer.Option(
               metavar="CONFLICT", help="Only from documents telling of this conflict's agreements: "
                                        + ", ".join(get_args(Conflict)) + ".")] = None,
           series: Annotated[bool, typer.Option(
               "--series", help="Every figure in date order, each with its source, to chart: with --kind and "
                                "--subject, e.g. hostages released by date.")] = False,
           since: Since = None, until: Until = None, as_of: AsOf = None, per_document: PerDocument = False,
           limit: Limit = None, columns: Columns = None, fmt: Format = Output.table, db: Db = None) -> None:
    """List figures (casualties, hostages, aid…): each fact once with every source's figure,
    revisions and contradictions; or, with --series, every figure as a point in date order."""
    filters = dict(kind=kind, known_by=parse_day("--as-of", as_of), counted=subject, actor=actor, conflict=conflict,
                   **parse_period(since, until))
    view = tables.SERIES if series else tables.CLAIM_ROWS if per_document else tables.FACTS
    chosen, cap = choose(view, columns, fmt, limit)
    with open_store(db) as store:
        if series or per_document:
            rows = counted.series(store.claims(**filters)) if series else store.claims(**filters)
            title = f"{(subject or 'figures').capitalize()}{f' {kind}' if kind else ''}, by date" if series else \
                "Claims, per document"
            return emit(rows[:cap], fmt, title, view, chosen, len(rows))
        facts = store.facts(limit=cap, **filters)
        total = store.merged_count("facts", **filters) if cap is not None else len(facts)
    emit(facts, fmt, "Figures", view, chosen, total)


@command("truceline agreements --status open --as-of 2023-11-25")
def agreements(kind: Annotated[AgreementKind | None, typer.Option(help="Kind of agreement.")] = None,
               status: Annotated[StatusFilter | None, typer.Option(
                   help="Current status, or open: open on the --as-of day (else the record's last).")] = None,
               since: Since = None, until: Until = None, as_of: AsOf = None, per_document: PerDocument = False,
               conflict: Annotated[Conflict | None, typer.Option(
                   metavar="CONFLICT", help="Only the agreements of this war: " + ", ".join(get_args(Conflict)) + ".")]
               = None,
               agreement_id: Annotated[str | None, typer.Option(
                   "--id", help="Only this agreement (its id, as --format jsonl gives it), with every mention.")]
               = None,
               limit: Limit = None, columns: Columns = None, fmt: Format = Output.table, db: Db = None) -> None:
    """List ceasefires, truces, pauses, peace agreements, prisoner exchanges, proposals and deals,
    each once with its name, conflict, parties, mediators, status history and sources."""
    period = parse_period(since, until)
    known_by = parse_day("--as-of", as_of)
    if per_document and status == "open":
        fail("--status open needs merged agreements: drop --per-document")
    view = tables.AGREEMENT_ROWS if per_document else tables.MERGED_AGREEMENTS
    chosen, cap = choose(view, columns, fmt, limit)
    with open_store(db) as store:
        if per_document:
            rows = [r for r in store.agreements(kind=kind, status=status, known_by=known_by, **period)
                    if not conflict or r["conflict"] == conflict]
            return emit(rows[:cap], fmt, "Agreements, per document", view, chosen, len(rows))
        day = known_by or store.date_range()[1]
        merged = [a for a in store.merged_agreements(known_by=known_by, **period)
                  if (not kind or a.kind == kind) and (not conflict or a.conflict == conflict)
                  and (not agreement_id or a.id == agreement_id)
                  and (not status or a.status == status
                                                       or (status == "open" and day and is_open(a, day)))]
    if agreement_id and not merged:
        fail(f"no agreement {agreement_id!r}; `truceline agreements --format jsonl` lists their ids")
    if agreement_id and fmt == Output.table:
        [found] = merged
        return emit(sorted(found.sources, key=lambda s: (s.published or date.min, s.start)), fmt,
                    f"{found.name} · {found.conflict or 'conflict unknown'} · {found.status}: every mention",
                    tables.MENTIONS, *choose(tables.MENTIONS, columns, fmt, limit))
    emit(merged[:cap], fmt, "Agreements", view, chosen, len(merged))


@command("truceline state --as-of 2023-11-30")
def state(as_of: AsOf = None,
          conflict: Annotated[Conflict | None, typer.Option(
              metavar="CONFLICT", help="Only this war's agreements, and the figures of the documents telling of them: "
                                       + ", ".join(get_args(Conflict)) + ".")] = None,
          limit: Limit = None,
          fmt: Annotated[ExportFormat | None, typer.Option(
              "--format", help="Write the agreements and the figures to two files in --out instead of tables.")]
          = None,
          out_dir: Annotated[Path | None, typer.Option("--out", help="Folder for --format's files.")] = None,
          force: Annotated[bool, typer.Option(help="Overwrite existing files.")] = False, db: Db = None) -> None:
    """The state of play on a day: the agreements in force or under negotiation, their phases and
    terms, and the latest figures, as the documents published by then described them."""
    day = parse_day("--as-of", as_of) or date.today()
    if fmt and not out_dir:
        fail("--format needs --out DIR: the agreements and the figures go to two files")
    cap = row_cap(Output.table, limit)
    with open_store(db) as store:
        current = store.state(day)
        if conflict:
            current = State(day, tuple(a for a in current.agreements if a.conflict == conflict),
                            tuple(store.facts(known_by=day, conflict=conflict)))
    if fmt and out_dir:
        targets = [out_dir / f"agreements.{fmt.value}", out_dir / f"figures.{fmt.value}"]
        check_targets(targets, force)
        write_records(current.agreements, MergedAgreement, targets[0], fmt.value)
        write_records(current.facts, Fact, targets[1], fmt.value)
        return typer.echo("\n".join(map(str, targets)))
    out.print(f"[bold]As known on {day}[/bold]{f', {conflict}' if conflict else ''}: {len(current.agreements)} "
              f"agreements in force or under negotiation, {len(current.facts)} figures")
    agreed = sorted(current.agreements, key=lambda a: -a.reports)
    facts = sorted(current.facts, key=lambda f: -f.reports)
    emit(agreed[:cap], Output.table, "Agreements, most reported first", tables.MERGED_AGREEMENTS,
         list(tables.MERGED_AGREEMENTS.default), len(agreed))
    emit(facts[:cap], Output.table, "Latest figures, most reported first", tables.FACTS, list(tables.FACTS.default),
         len(facts))


@command("truceline timeline --since 2024-11-01 --until 2024-12-31")
def timeline(since: Since = None, until: Until = None, as_of: AsOf = None, per_document: PerDocument = False,
             limit: Limit = None, columns: Columns = None, fmt: Format = Output.table, db: Db = None) -> None:
    """Agreements' changes of status and events in date order, each with its source (path or URL,
    and span) and how many sources state it."""
    period = parse_period(since, until)
    known_by = parse_day("--as-of", as_of)
    chosen, cap = choose(tables.TIMELINE_ROWS, columns, fmt, limit)
    with open_store(db) as store:
        if per_document:
            rows = store.timeline(**period)
            return emit(rows[:cap], fmt, "Timeline, per document", tables.TIMELINE_ROWS, chosen, len(rows))
        rows, total = store.merged_timeline(limit=cap, known_by=known_by, **period)
    emit(rows, fmt, "Timeline", tables.TIMELINE_ROWS, chosen, total)


@command("truceline summary --db demo.db")
def summary(db: Db = None, top: Annotated[int, typer.Option(min=1, help="Rows per section.")] = 4) -> None:
    """What to look at first, on one screen: headline figures, the latest agreements, events and
    figures."""
    with open_store(db) as store:
        counts = store.counts()
        first, last = store.date_range()
        actors = store.top_actors(top + 2)
        merged = store.merged_agreements()
        stories = len(store.story_sizes())
        latest_agreements = sorted(merged, key=lambda a: a.last_reported or date.min, reverse=True)[:top]
        latest_events = store.events()[-top:][::-1]
        latest_claims = sorted({row["kind"]: row for row in store.claims()}.values(), key=_when, reverse=True)
    out.print(f"[bold]{counts['documents']:,} documents[/bold] in {stories:,} stories, published "
              f"{first or '?'} to {last or '?'}: {counts['events']:,} events, {counts['claims']:,} claims, "
              f"{counts['agreements']:,} mentions of {len(merged):,} agreements; "
              f"{counts['failures']:,} inputs skipped")
    if actors:
        out.print("Most mentioned: " + ", ".join(f"{name} ({n})" for name, n in actors),
                  markup=False, highlight=False)
    for title, view, items, total in (
            ("Latest agreements", tables.MERGED_AGREEMENTS, latest_agreements, len(merged)),
            ("Latest events", tables.EVENT_ROWS, latest_events, counts["events"]),
            ("Latest figure of each kind", tables.CLAIM_ROWS, latest_claims[:top], len(latest_claims))):
        if items:
            out.print(view.table(items, title, list(view.default)))
    out.print("More: truceline agreements | events | claims | timeline --limit N", style="dim")


def _when(row: dict[str, Any]) -> str:
    return str(row["when"] or "")


@command("truceline flags --db truceline.db")
def flags(limit: Limit = None, fmt: Format = Output.table, db: Db = None) -> None:
    """What to check by hand: names that look like a known person's misspelt, titles not held on
    the document's date, things stated as done after the document's date, and copies dated apart
    from their original."""
    with open_store(db) as store:
        rows = store.flagged()
        rows += [{"published": r["published"], "flag": f"dated_after_its_original:{r['first_published']}",
                  "source": r["source"], "text": None} for r in store.date_conflicts()]
    rows.sort(key=lambda r: (r["published"] or date.min, r["source"]))
    cap = row_cap(fmt, limit)
    if fmt is not Output.table:
        return show(rows[:cap], fmt)
    if not rows:
        return out.print("Flags: none found.")
    for row in rows[:cap]:  # a block each, the link on a line of its own so that a terminal can open it
        out.print(Text.assemble((str(row["published"] or "undated"), "bold"), " ", row["flag"]))
        if row["text"]:
            out.print(Padding(Text(f"“{' '.join(row['text'].split())}”"), (0, 0, 0, 2)))
        if row.get("title"):
            out.print(Padding(Text(row["title"], style="italic"), (0, 0, 0, 2)))
        out.print(Text(f"  {row['source']}", style="dim"), soft_wrap=True)
    if len(rows) > cap:
        out.print(f"{len(rows) - cap:,} more: use --limit N, --limit 0 for all", style="dim")


@command("truceline export --format parquet --out exports/")
def export(fmt: Annotated[ExportFormat, typer.Option("--format", help="jsonl: one record per document, "
                          "as `extract` writes it; csv, parquet: one file per table.")],
           out_dir: Annotated[Path, typer.Option("--out", help="Folder to write into (created if missing).")],
           force: Annotated[bool, typer.Option(help="Overwrite existing files.")] = False,
           db: Db = None) -> None:
    """Write the whole database to files."""
    with open_store(db) as store:
        paths = export_store(store, fmt.value, out_dir, force=force)
    for path in paths:
        typer.echo(path)


@command("TRUCELINE_BATCH_SIZE=64 truceline settings")
def settings() -> None:
    """Print every setting with its environment variable, default and current value."""
    current = load_settings()
    for name, default, meaning in Settings.describe():
        value = safe_url(current.database_url) if name == "database_url" else getattr(current, name)
        typer.echo(f"{name} = {value!r}  (default {default!r})\n"
                   f"    TRUCELINE_{name.upper()}: {meaning}")


@command("truceline eval body plover --errors errors.jsonl", name="eval")
def evaluate(suites: Annotated[list[str] | None, typer.Argument(
                 metavar="SUITE", show_default=False,
                 help="Any of: " + "; ".join(f"{n} ({what})" for n, what in SUITES.items()) + ". All by default.")]
             = None,
             shared: Annotated[Path, typer.Option(help="The shared data folder.")] = Path("../shared"),
             limit: Annotated[int | None, typer.Option(help="Score only the first N items of each suite.")] = None,
             gate: Annotated[bool, typer.Option(help="Exit 1 if a score is below its floor in eval/floors.toml.")]
             = False,
             errors: Annotated[Path | None, typer.Option(help="Write every miss and spurious item here "
                                                           "(JSON Lines), for error analysis.")] = None,
             db: Annotated[str | None, typer.Option(
                 "--db", metavar="PATH|URL", help="For the merged suite: a database a whole corpus is "
                                                  "ingested into, instead of the 64 documents the gold names.")]
             = None,
             part: Annotated[list[str] | None, typer.Option(
                 "--part", metavar="PART", help="For the frames suite: score only this part (repeat for more), "
                                                "e.g. the development parts: --part dev --part fresh2.")]
             = None) -> None:
    """Score the pipeline against ground truth and print the figures beside the baseline's and the floor."""
    chosen = suites or list(SUITES)
    if unknown := [s for s in chosen if s not in SUITES]:
        fail(f"unknown suite {unknown[0]!r}: choose from {', '.join(SUITES)}")
    if not shared.is_dir():
        fail(f"no shared data folder at {shared}; pass --shared PATH")
    if part:
        from truceline.evaluation.frames import DEVELOPMENT, HELD_OUT

        if chosen != ["frames"]:
            fail("--part is for the frames suite alone: run `truceline eval frames --part ...`")
        if unknown := [p for p in part if p not in (*DEVELOPMENT, *HELD_OUT)]:
            fail(f"no frames part {unknown[0]!r}: choose from {', '.join((*DEVELOPMENT, *HELD_OUT))}")
        if gate:
            fail("--gate holds every part to its floor: leave out --part")
    floors = load_floors()
    failed: list[str] = []
    summary = Table("suite", "metric", "truceline", "baseline", "floor", title="Scores", title_justify="left")
    with open(errors, "w", encoding="utf-8") if errors else nullcontext() as error_file:
        for name in chosen:
            err.print(f"Scoring {name}: {SUITES[name]}…")
            report = run_suite(name, shared, limit, database=database_url(db) if db else None, parts=part)
            for table in report.details:
                out.print(table)
            for metric, value in report.scores.items():
                baseline = report.baseline_scores.get(metric)
                floor = floors.get(name, {}).get(metric)
                summary.add_row(name, metric, f"{value:.3f}", "" if baseline is None else f"{baseline:.3f}",
                                "" if floor is None else f"{floor:.3f}")
            if report.baseline:
                out.print(f"{name} baseline: {report.baseline}", markup=False, highlight=False)
            for error in report.errors if error_file else ():
                error_file.write(json.dumps({"suite": name, **error}, ensure_ascii=False, default=str) + "\n")
            failed += below_floor(report, floors)
    out.print(summary)
    if gate and failed:
        for line in failed:
            typer.echo(f"below floor: {line}", err=True)
        raise typer.Exit(1)


@command("truceline serve --db demo.db --port 8000")
def serve(db: Db = None,
          host: Annotated[str, typer.Option(help="Address to listen on; 127.0.0.1 keeps it to this machine.")]
          = "127.0.0.1",
          port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
          token: Annotated[str | None, typer.Option(
              envvar="TRUCELINE_API_TOKEN", show_envvar=True,
              help="Accept articles posted to /api/documents with the header 'Authorization: Bearer TOKEN'. "
                   "Without it the server is read-only.")] = None,
          get: Annotated[str | None, typer.Option(
              "--get", metavar="PATH", help="Make one GET request, e.g. /api/state, print the response body and "
                                            "exit (1 if it failed) instead of serving.")] = None) -> None:
    """Open the record in a browser: the agreements board, timeline, actor network, figures, each
    document with its items marked, search; and a JSON API under /api/ (documented at /docs)."""
    from truceline.web import create_app  # here, so that the other commands do not load the web stack

    settings = load_settings(db)
    app = create_app(settings.database_url, token=token, settings=settings)
    if get is not None:
        from fastapi.testclient import TestClient

        with TestClient(app) as client:
            response = client.get(get)
        typer.echo(response.text)
        raise typer.Exit(0 if response.is_success else 1)
    import uvicorn

    err.print(f"Serving {safe_url(settings.database_url)} on http://{host}:{port}/", markup=False, highlight=False)
    uvicorn.run(app, host=host, port=port)


# Helpers


def load_settings(db: str | None = None, workers: int | None = None) -> Settings:
    """The settings from the environment, with `--db` and `--workers` if given (no other
    configuration path)."""
    try:
        return Settings.from_env(database_url=database_url(db) if db else None, workers=workers)
    except ValueError as exc:  # e.g. TRUCELINE_BATCH_SIZE=many
        raise ConfigError(f"invalid setting: {exc}") from exc


def safe_url(url: str) -> str:
    """A database URL fit to print: the password masked."""
    return make_url(url).render_as_string(hide_password=True)


def open_store(db: str | None) -> Store:
    return Store(load_settings(db).database_url, create=False)


def parse_period(since: str | None, until: str | None) -> dict[str, date | None]:
    """The --since and --until options as dates, checked before anything else runs."""
    return {"since": parse_day("--since", since), "until": parse_day("--until", until)}


def parse_day(option: str, value: str | None) -> date | None:
    try:
        return date.fromisoformat(value) if value is not None else None
    except ValueError:
        fail(f"{option} {value!r} is not a date; write it as YYYY-MM-DD, e.g. 2023-11-24")


def choose(view: tables.View, columns: str | None, fmt: Output, limit: int | None) -> tuple[list[str], int | None]:
    """The table's columns (checked before the database is opened) and how many rows to fetch."""
    try:
        return view.choose(columns), row_cap(fmt, limit)
    except ValueError as exc:
        fail(f"--columns: {exc}")


def row_cap(fmt: Output, limit: int | None) -> int | None:
    """`--limit`, else a screenful for a table and all for csv or jsonl; None for all."""
    if limit is None:
        limit = tables.DEFAULT_LIMIT if fmt is Output.table else 0
    return limit or None


def emit(items: list[Any], fmt: Output, title: str, view: tables.View, columns: list[str], total: int) -> None:
    """A table of the items and how many of `total` were left out; or every field of each item, as
    CSV or JSON Lines."""
    if fmt is not Output.table:
        return show_merged(items, fmt)
    if not items:
        return out.print(f"{title}: none found.")
    tables.show(out, view.table(items, title, columns), total - len(items))


def show(rows: list[dict[str, Any]], fmt: Output) -> None:
    """Rows for other programs: every field as CSV or JSON Lines."""
    if fmt is Output.jsonl:
        for row in rows:
            typer.echo(json.dumps(row, ensure_ascii=False, default=flat))
    elif rows:  # a timeline mixes agreements and events: every key of every row is a column
        write_csv(rows, sys.stdout, list(dict.fromkeys(key for row in rows for key in row)))


def show_merged(items: list[Any], fmt: Output) -> None:
    """Merged records (or store rows) with every field, nested, as JSON Lines (CSV: nested fields as JSON)."""
    show([item if isinstance(item, dict) else to_dict(item) for item in items], fmt)
