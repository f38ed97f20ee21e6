"""Export writes the `extract` shape as JSON Lines, flat tables as CSV and Parquet, and never
overwrites silently. Records are the hand-checked ones of test_store (two real statements)."""

from __future__ import annotations

import csv
import json
from datetime import date

import pyarrow.parquet as pq
import pytest

from truceline.errors import TrucelineError
from truceline.export import export, record_line
from truceline.store import Store

from test_store import lebanon_cessation, pause_extension

TABLE_FILES = ["documents", "actors", "events", "claims", "agreements"]
MERGED_FILES = ["merged_events", "facts", "merged_agreements"]


@pytest.fixture
def store(new_database):
    with Store(new_database()) as s:
        s.add(pause_extension())
        s.add(lebanon_cessation())
        yield s


def test_export_jsonl_is_the_extract_shape(store, tmp_path):
    path, *merged = export(store, "jsonl", tmp_path)
    assert path.name == "records.jsonl" and [p.name for p in merged] == [f"{m}.jsonl" for m in MERGED_FILES]
    lines = path.read_text(encoding="utf-8").splitlines()
    # In publication order, and line for line what `extract` prints for the same records.
    assert lines == [record_line(pause_extension()), record_line(lebanon_cessation())]
    assert json.loads(lines[1])["agreements"][0]["mediators"] == ["United States", "France"]


def test_export_csv_writes_one_flat_file_per_table(store, tmp_path):
    paths = export(store, "csv", tmp_path)
    assert [p.name for p in paths] == [f"{t}.csv" for t in TABLE_FILES + MERGED_FILES]
    with (tmp_path / "events.csv").open(newline="", encoding="utf-8") as f:
        events = list(csv.DictReader(f))
    assert [(e["type"], e["source_canonical"], e["target_canonical"]) for e in events] == [
        ("CONSULT", "United States", ""), ("COOPERATE", "United States", "Israel"),
        ("AGREE", "Israel", "Lebanon")]
    assert events[0]["plover_mode"] == "mediate"
    with (tmp_path / "agreements.csv").open(newline="", encoding="utf-8") as f:
        pause = next(csv.DictReader(f))
    assert pause["parties"] == "Israel; Hamas"  # one value per cell: lists joined
    assert (pause["effective"], pause["duration_days"], pause["status"]) == ("2023-11-27", "2.0", "extended")
    with (tmp_path / "documents.csv").open(newline="", encoding="utf-8") as f:
        documents = list(csv.DictReader(f))
    assert [d["text"] for d in documents] == [pause_extension().document.text,
                                              lebanon_cessation().document.text]


def test_export_parquet_reads_back_with_typed_columns(store, tmp_path):
    paths = export(store, "parquet", tmp_path)
    assert [p.name for p in paths] == [f"{t}.parquet" for t in TABLE_FILES + MERGED_FILES]
    agreements = pq.read_table(tmp_path / "agreements.parquet").to_pylist()
    assert [(a["kind"], a["effective"], a["parties"]) for a in agreements] == [
        ("pause", date(2023, 11, 27), ["Israel", "Hamas"]),
        ("ceasefire", date(2024, 11, 26), ["Israel", "Lebanon"])]
    claims = pq.read_table(tmp_path / "claims.parquet")
    assert claims.column("value").to_pylist() == [50.0]
    assert str(claims.schema.field("as_of").type) == "date32[day]"
    assert pq.read_table(tmp_path / "actors.parquet").num_rows == 7


def test_export_merged_records_as_flat_csv(store, tmp_path):
    export(store, "csv", tmp_path)
    with (tmp_path / "merged_agreements.csv").open(newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    pause = next(row for row in rows if row["kind"] == "pause")
    assert pause["parties"] == "Israel; Hamas" and pause["effective"] == "2023-11-27"
    assert pause["history.status"] == "extended" and pause["history.on"] == "2023-11-27"
    assert pause["history.source.document_id"] == pause_extension().document.id
    assert not any(cell.startswith(("[", "{")) for row in rows for cell in row.values())  # no JSON in a cell


def test_export_merged_records_as_typed_parquet(store, tmp_path):
    export(store, "parquet", tmp_path)
    table = pq.read_table(tmp_path / "merged_agreements.parquet")
    assert str(table.schema.field("effective").type) == "date32[day]"
    assert str(table.schema.field("phases").type) == "list<element: int64>"
    pause = next(a for a in table.to_pylist() if a["kind"] == "pause")
    assert pause["effective"] == date(2023, 11, 27) and pause["history"][-1]["on"] == date(2023, 11, 27)
    events = pq.read_table(tmp_path / "merged_events.parquet")
    assert str(events.schema.field("date").type) == "date32[day]"
    assert str(events.schema.field("target").type).startswith("struct<name: string")


def test_export_refuses_to_overwrite_without_force(store, tmp_path):
    export(store, "csv", tmp_path)
    (tmp_path / "claims.csv").write_text("kept")
    with pytest.raises(TrucelineError, match="already exist"):
        export(store, "csv", tmp_path)
    assert (tmp_path / "claims.csv").read_text() == "kept"
    export(store, "csv", tmp_path, force=True)
    assert (tmp_path / "claims.csv").read_text().startswith("document_id,seq,kind")


def test_export_writes_merged_agreements_with_their_sources(store, tmp_path):
    export(store, "jsonl", tmp_path)
    merged = [json.loads(line) for line in (tmp_path / "merged_agreements.jsonl").read_text().splitlines()]
    # the Gaza pause (2023) and the Lebanon cessation (2024) are two agreements
    assert [(a["kind"], a["status"], len(a["sources"])) for a in merged] == [
        ("pause", "extended", 1), ("ceasefire", "agreed", 1)]
    assert merged[0]["sources"][0]["text"].startswith("Today, I want to again thank")
    export(store, "parquet", tmp_path / "parquet")
    [row] = [r for r in pq.read_table(tmp_path / "parquet" / "facts.parquet").to_pylist()]
    assert row["kind"] == "released" and row["latest"]["value"] == 50.0  # a struct, not JSON text
