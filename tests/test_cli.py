"""The command line on three real White House documents (and one empty file): every command
documents an example, user errors are one line, ingest is idempotent and reports what it skipped,
and `extract` writes exactly what `export --format jsonl` writes."""

from __future__ import annotations

import json
import re
from pathlib import Path

import jsonschema
import pytest
from typer.main import get_command
from typer.testing import CliRunner

from truceline.cli import app
from truceline.store import Store, database_url

from conftest import DATABASES, database_maker, wh_document

ROOT = Path(__file__).resolve().parents[1]
SCHEMA = json.loads((ROOT / "docs" / "record.schema.json").read_text())
DOCUMENTS = [
    "2023-11-22-readout-of-president-bidens-call-with-president-abdel-fattah",
    "2023-11-27-statement-from-president-joe-biden-on-extension-of-humanitarian",
    "2024-11-26-joint-statement-from-president-biden-of-the-united-states-and-pre",
]

runner = CliRunner()


def run(*args: str, input: str | None = None):
    return runner.invoke(app, list(args), input=input, env={"TRUCELINE_DATABASE_URL": None})


@pytest.fixture(scope="module")
def articles(tmp_path_factory) -> Path:
    """A folder with the three documents as one JSON Lines file, as the corpus stores them."""
    folder = tmp_path_factory.mktemp("articles")
    lines = [json.dumps(wh_document(part), ensure_ascii=False) for part in DOCUMENTS]
    (folder / "white-house.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder


@pytest.fixture(scope="module", params=DATABASES)
def ingested(request, articles, tmp_path_factory) -> tuple[str, object]:
    """The database (SQLite, then PostgreSQL) after one `truceline ingest` of the folder, and that
    run's result."""
    db = database_maker(request.param, tmp_path_factory.mktemp("db"), request)()
    return db, run("ingest", str(articles), "--db", db)


@pytest.mark.parametrize("command", sorted(get_command(app).commands))
def test_cli_every_command_help_shows_an_example(command):
    result = run(command, "--help")
    assert result.exit_code == 0
    assert "Example:" in result.stdout and f"truceline {command}" in result.stdout


def test_cli_ingest_help_states_the_exit_code():
    help_text = " ".join(run("ingest", "--help").stdout.split())
    assert "Exit code 1 if any input was skipped, 0 otherwise" in help_text


def test_cli_bad_date_is_a_one_line_error(tmp_path):
    result = run("events", "--since", "2023-13-01", "--db", str(tmp_path / "any.db"))
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        "Error: --since '2023-13-01' is not a date; write it as YYYY-MM-DD, e.g. 2023-11-24"]


def test_cli_query_without_a_database_is_a_one_line_error(tmp_path):
    result = run("claims", "--db", str(tmp_path / "missing.db"))
    assert result.exit_code == 2
    [line] = result.stderr.splitlines()
    assert line.startswith("Error: no database at ") and "Traceback" not in result.output
    assert not (tmp_path / "missing.db").exists()


def test_cli_ingest_adds_every_document(ingested):
    db, result = ingested
    assert result.exit_code == 0, result.output
    assert re.search(r"documents added\s+3\n", result.stdout)
    assert re.fullmatch(r"3 documents in \d+\.\d s \(\d+\.\d/s\)", result.stderr.strip())  # piped: one line
    with Store(database_url(str(db))) as store:
        assert store.counts()["documents"] == 3


def test_cli_ingest_twice_adds_nothing(ingested, articles):
    db, _ = ingested
    with Store(database_url(str(db))) as store:
        before = store.counts()
    again = run("ingest", str(articles), "--db", str(db))
    assert again.exit_code == 0
    assert re.search(r"documents added\s+0\n", again.stdout)
    assert re.search(r"already stored\s+3\n", again.stdout)
    with Store(database_url(str(db))) as store:
        assert store.counts() == before


def test_cli_ingest_reports_a_bad_file_and_ingests_the_rest(articles, tmp_path, new_database):
    folder = tmp_path / "mixed"
    folder.mkdir()
    (folder / "white-house.jsonl").write_bytes((articles / "white-house.jsonl").read_bytes())
    (folder / "empty.txt").write_bytes(b"")
    db = new_database()
    result = run("ingest", str(folder), "--db", db)
    assert result.exit_code == 1
    [skipped] = [line for line in result.stdout.splitlines() if line.startswith("skipped")]
    assert "empty.txt: " in skipped
    with Store(database_url(str(db))) as store:
        assert store.counts()["documents"] == 3
        assert [Path(f["source"]).name for f in store.failures()] == ["empty.txt"]


def test_cli_extract_writes_valid_records_one_per_line(articles):
    result = run("extract", str(articles / "white-house.jsonl"), "--format", "jsonl")
    assert result.exit_code == 0, result.stderr
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(records) == 3
    for record in records:
        jsonschema.validate(record, SCHEMA)
    assert [r["published"] for r in records] == ["2023-11-22", "2023-11-27", "2024-11-26"]


def test_cli_extract_reads_stdin_and_reports_skipped_inputs(tmp_path):
    statement = wh_document(DOCUMENTS[1])["text"]
    (tmp_path / "empty.txt").write_bytes(b"")
    result = run("extract", "-", str(tmp_path / "empty.txt"), input=statement)
    assert result.exit_code == 1
    [record] = [json.loads(line) for line in result.stdout.splitlines()]
    assert "48 hours" in record["text"]
    [line] = result.stderr.splitlines()
    assert line.startswith(f"skipped {tmp_path / 'empty.txt'}: ")


def test_cli_export_jsonl_writes_what_extract_writes(ingested, articles, tmp_path):
    db, _ = ingested
    extract = run("extract", str(articles))
    assert extract.exit_code == 0
    result = run("export", "--format", "jsonl", "--out", str(tmp_path), "--db", str(db))
    assert result.exit_code == 0
    exported = (tmp_path / "records.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(exported) == 3
    assert sorted(exported) == sorted(extract.stdout.splitlines())


def test_cli_export_refuses_to_overwrite(ingested, tmp_path):
    db, _ = ingested
    assert run("export", "--format", "csv", "--out", str(tmp_path), "--db", str(db)).exit_code == 0
    again = run("export", "--format", "csv", "--out", str(tmp_path), "--db", str(db))
    assert again.exit_code == 2
    [line] = again.stderr.splitlines()
    assert line.startswith("Error: ") and "--force" in line
    assert run("export", "--format", "csv", "--out", str(tmp_path), "--db", str(db), "--force").exit_code == 0


def test_cli_queries_find_the_extended_pause(ingested):
    # The 27 Nov 2023 statement announces "an extension over the next 48 hours" of the pause.
    db, _ = ingested
    result = run("agreements", "--status", "extended", "--format", "jsonl", "--db", str(db))
    assert result.exit_code == 0
    [merged] = [json.loads(line) for line in result.stdout.splitlines()]
    assert merged["history"][-1]["status"] == "extended" and merged["history"][-1]["on"] == "2023-11-27"
    assert "2023-11-27" in {source["published"] for source in merged["sources"]}
    result = run("agreements", "--status", "extended", "--per-document", "--format", "jsonl", "--db", str(db))
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert rows and {row["published"] for row in rows} == {"2023-11-27"}
    timeline = run("timeline", "--since", "2023-11-27", "--until", "2023-11-27", "--format", "csv",
                   "--db", str(db))
    assert timeline.exit_code == 0
    assert timeline.stdout.startswith("item,")
    assert "next 48 hours" in timeline.stdout


def test_cli_summary_and_table_views_run(ingested):
    db, _ = ingested
    for command in ("summary", "events", "claims", "agreements", "timeline", "state", "flags"):
        result = run(command, "--db", str(db))
        assert result.exit_code == 0, (command, result.output)
    summary = " ".join(run("summary", "--db", str(db)).stdout.split())
    assert summary.startswith("3 documents in 3 stories, published 2023-11-22 to 2024-11-26")


@pytest.mark.parametrize("args, wrong", [
    (("claims", "--kind", "kiled"), "'kiled' is not one of 'killed', 'injured'"),
    (("agreements", "--status", "opened"), "'opened' is not one of 'open', 'proposed'"),
    (("agreements", "--kind", "armistice"), "'armistice' is not one of 'ceasefire'"),
    (("events", "--type", "DEMAND"), "'DEMAND' is not one of"),
    (("events", "--mode", "real"), "'real' is not one of 'asserted'"),
    (("export", "--format", "xlsx", "--out", "x"), "'xlsx' is not one of 'jsonl', 'csv', 'parquet'"),
])
def test_cli_a_value_outside_its_choices_is_refused_with_the_choices(args, wrong, tmp_path):
    result = run(*args, "--db", str(tmp_path / "any.db"))
    assert result.exit_code == 2
    assert wrong in " ".join(result.stderr.replace("│", "").split())
    assert not (tmp_path / "any.db").exists()


def test_cli_choices_are_read_in_any_case_for_event_types(ingested):
    db, _ = ingested
    lower = run("events", "--type", "consult", "--format", "jsonl", "--db", str(db))
    assert lower.exit_code == 0
    rows = [json.loads(line) for line in lower.stdout.splitlines()]
    assert rows and {row["type"] for row in rows} == {"CONSULT"}


def test_cli_agreements_open_are_those_open_on_the_day(ingested):
    # The pause extended on 27 November 2023 is open the next day, a year later no more.
    db, _ = ingested
    def opened(day: str) -> list[dict]:
        result = run("agreements", "--status", "open", "--as-of", day, "--format", "jsonl", "--db", str(db))
        assert result.exit_code == 0, result.output
        return [json.loads(line) for line in result.stdout.splitlines()]
    assert "extended" in {a["status"] for a in opened("2023-11-28")}
    assert "extended" not in {a["status"] for a in opened("2024-11-27")}


def test_cli_agreements_of_one_conflict(ingested):
    db, _ = ingested
    result = run("agreements", "--conflict", "Israel–Hezbollah", "--format", "jsonl", "--db", str(db))
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert rows and {row["conflict"] for row in rows} == {"Israel–Hezbollah"}
    assert all(row["name"] for row in rows)
    wrong = run("agreements", "--conflict", "Narnia", "--db", str(db))
    assert wrong.exit_code == 2 and "Narnia" in wrong.stderr


def test_cli_agreements_by_id_list_every_mention(ingested):
    db, _ = ingested
    listed = [json.loads(line) for line in run("agreements", "--format", "jsonl", "--db", str(db)).stdout.splitlines()]
    first = listed[0]
    one = run("agreements", "--id", first["id"], "--format", "jsonl", "--db", str(db))
    assert [json.loads(line)["id"] for line in one.stdout.splitlines()] == [first["id"]]
    table = run("agreements", "--id", first["id"], "--db", str(db))
    assert table.exit_code == 0 and first["name"] in " ".join(table.stdout.split())
    missing = run("agreements", "--id", "nope", "--db", str(db))
    assert missing.exit_code != 0 and "no agreement 'nope'" in missing.stderr


def run80(*args: str):
    """As on a terminal 80 columns wide and 24 lines high."""
    return runner.invoke(app, list(args), env={"TRUCELINE_DATABASE_URL": None, "COLUMNS": "80", "LINES": "24"})


@pytest.mark.parametrize("command", ["summary", "events", "claims", "agreements", "timeline", "state", "flags",
                                     "events --per-document", "claims --per-document", "agreements --per-document"])
def test_cli_tables_fit_80_columns(ingested, command):
    db, _ = ingested
    result = run80(*command.split(), "--db", str(db))
    assert result.exit_code == 0, result.output
    assert max(len(line) for line in result.stdout.splitlines() if not line.startswith("  http")) <= 80
    assert "…" in result.stdout or command == "flags"  # long cells are cut to fit, not wrapped


def test_cli_summary_fits_one_screen(ingested):
    db, _ = ingested
    lines = run80("summary", "--db", str(db)).stdout.splitlines()
    assert len(lines) <= 24
    assert any(line.startswith("Latest agreements") for line in lines)


def test_cli_limit_shows_that_many_rows_and_says_how_many_more(ingested):
    db, _ = ingested
    every = run("timeline", "--per-document", "--format", "jsonl", "--db", str(db)).stdout.splitlines()
    assert len(every) > 20  # csv, jsonl: all rows
    result = run80("timeline", "--per-document", "--limit", "2", "--db", str(db))
    assert result.exit_code == 0
    rows = [line for line in result.stdout.splitlines() if re.match(r"\d{4}-\d\d-\d\d ", line)]
    assert len(rows) == 2
    assert f"{len(every) - 2} more: use --limit N, --limit 0 for all" in result.stdout
    default = run80("timeline", "--per-document", "--db", str(db)).stdout
    assert f"{len(every) - 20} more" in default
    assert "more:" not in run80("timeline", "--per-document", "--limit", "0", "--db", str(db)).stdout
    merged = run("events", "--format", "jsonl", "--db", str(db)).stdout.splitlines()
    assert f"{len(merged) - 3} more" in run80("events", "--limit", "3", "--db", str(db)).stdout


def test_cli_columns_choose_the_table_columns(ingested):
    db, _ = ingested
    result = run80("agreements", "--columns", "history,sentence", "--limit", "1", "--db", str(db))
    assert result.exit_code == 0
    assert re.search(r"^history +sentence *$", result.stdout, re.MULTILINE)
    assert "as the deal to release hostages from Hamas is fully implemented." in " ".join(result.stdout.split())
    wrong = run80("agreements", "--columns", "agreement,colour", "--db", str(db))
    assert wrong.exit_code == 2
    assert wrong.stderr.startswith("Error: --columns: unknown column 'colour'; choose from: agreement, conflict, parties, since, ")


def test_cli_long_tables_go_through_a_pager_on_an_interactive_terminal(monkeypatch):
    import io
    import pydoc

    from rich.console import Console

    from truceline import tables

    paged: list[str] = []
    monkeypatch.setattr(pydoc, "pager", paged.append)
    rows = [{"when": f"2024-01-{day:02}", "kind": "truce", "status": "agreed", "parties": ["A", "B"],
             "mediators": [], "text": "A sentence.", "document_source": "a.txt", "published": None,
             "start": 0, "end": 1} for day in range(1, 31)]
    table = tables.AGREEMENT_ROWS.table(rows, "Agreements", ["date", "agreement"])
    terminal = Console(file=io.StringIO(), force_terminal=True, force_interactive=True, width=80, height=24)
    tables.show(terminal, table, more=0)
    assert len(paged) == 1 and "2024-01-30" in paged[0]
    piped = Console(file=io.StringIO(), force_terminal=False, width=80, height=24)
    tables.show(piped, table, more=0)
    assert len(paged) == 1 and "2024-01-30" in piped.file.getvalue()


def test_cli_sources_are_cited_by_date_and_title(ingested):
    db, _ = ingested
    result = runner.invoke(app, ["agreements", "--columns", "source", "--limit", "0", "--db", str(db)],
                           env={"TRUCELINE_DATABASE_URL": None, "COLUMNS": "120"})
    assert "2023-11-27 Statement from President Joe Biden on Extension of Humanitarian Pause in Gaza" in result.stdout


def test_cli_flags_print_the_sentence_and_a_link(tmp_path):
    # Written for this test: a title used before it was held, and a date stated as done after publication.
    from datetime import date

    from truceline.records import Claim, Document, Record

    text = ("The talks went on. Special Envoy Witkoff met the mediators in Doha on Monday. "
            "By then 40 hostages had been released.")
    document = Document("f1a6f1a6f1a6f1a6", "https://example.org/talks", "Talks in Doha", date(2023, 11, 1), None,
                        None, "en", text,
                        flags=("role_not_held:Special Envoy Witkoff", "done_after_publication:2023-12-01"))
    at = text.index("40 hostages")
    claim = Claim("released", 40.0, None, "hostages", None, date(2023, 12, 1), None, text[at:at + 11], at, at + 11)
    db = tmp_path / "flags.db"
    with Store(database_url(str(db))) as store:
        store.add(Record(document, claims=(claim,)))
    result = run80("flags", "--db", str(db))
    assert result.exit_code == 0, result.output
    assert [line.rstrip() for line in result.stdout.splitlines()] == [
        "2023-11-01 role_not_held:Special Envoy Witkoff",
        "  “Special Envoy Witkoff met the mediators in Doha on Monday.”",
        "  Talks in Doha",
        "  https://example.org/talks",
        "2023-11-01 done_after_publication:2023-12-01",
        "  “By then 40 hostages had been released.”",
        "  Talks in Doha",
        "  https://example.org/talks",
    ]


def test_cli_state_writes_agreements_and_figures_to_separate_files(ingested, tmp_path):
    db, _ = ingested
    result = run("state", "--as-of", "2023-11-28", "--format", "csv", "--out", str(tmp_path), "--db", str(db))
    assert result.exit_code == 0, result.output
    assert result.stdout.split() == [str(tmp_path / "agreements.csv"), str(tmp_path / "figures.csv")]
    agreements = (tmp_path / "agreements.csv").read_text().splitlines()
    figures = (tmp_path / "figures.csv").read_text().splitlines()
    assert agreements[0].startswith("id,name,kind,") and ",parties," in agreements[0] and len(agreements) > 1
    assert figures[0].startswith("id,kind,subject,location,latest.value,") and len(figures) > 1
    unsure = run("state", "--format", "csv", "--db", str(db))
    assert unsure.exit_code == 2 and "--out" in unsure.stderr


def test_cli_claims_series_lists_each_figure_by_date_with_its_source(ingested):
    db, _ = ingested
    result = runner.invoke(app, ["claims", "--series", "--kind", "released", "--subject", "hostages",
                                 "--columns", "date,figure,change,as written,source", "--db", str(db)],
                           env={"TRUCELINE_DATABASE_URL": None, "COLUMNS": "160"})
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("Hostages released, by date")
    assert re.search(r"2023-11-27 +over 50 +total +hostages +2023-11-27 Statement from President Joe Biden on "
                     r"Extension", result.stdout)
    rows = run("claims", "--series", "--subject", "hostages", "--format", "jsonl", "--db", str(db)).stdout.splitlines()
    assert rows and all(json.loads(row)["counted"] == "hostages" and json.loads(row)["document_source"] for row in rows)
    assert run("claims", "--subject", "hostage", "--db", str(db)).exit_code == 2


def test_cli_state_keeps_one_conflict(ingested):
    db, _ = ingested
    state = run80("state", "--as-of", "2023-11-28", "--conflict", "Israel–Hamas", "--db", str(db)).stdout
    assert state.startswith("As known on 2023-11-28, Israel–Hamas: ")
    every = run80("state", "--as-of", "2023-11-28", "--db", str(db)).stdout
    assert int(re.search(r"(\d+) figures", state).group(1)) <= int(re.search(r"(\d+) figures", every).group(1))
    assert run("state", "--conflict", "Gaza", "--db", str(db)).exit_code == 2
