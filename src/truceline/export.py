"""Export the store: JSON Lines in the shape `truceline extract` writes, or one CSV or
Parquet file per table with flat columns; and, in the same format, the merged records (one event,
fact and agreement across documents, with all their sources; nested fields as JSON in CSV and
Parquet)."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable
from datetime import date, datetime
from pathlib import Path
from typing import Any, Literal, TextIO

import pyarrow as pa
import pyarrow.parquet as pq
import sqlalchemy as sa

from truceline.errors import TrucelineError
from truceline.records import Record, to_dict
from truceline.storage.schema import LIST_ITEMS, TABLES
from truceline.store import Store

MERGED = ("merged_events", "facts", "merged_agreements")  # Store methods, and the files' names

Format = Literal["jsonl", "csv", "parquet"]


def record_line(record: Record) -> str:
    """One record as one JSON line: the contract of `extract` and `export --format jsonl`."""
    return json.dumps(record.to_dict(), ensure_ascii=False)


def export(store: Store, fmt: Format, out_dir: Path, force: bool = False) -> list[Path]:
    """Write the whole store to `out_dir`; refuses to overwrite files unless `force`."""
    if fmt == "jsonl":
        targets = [out_dir / "records.jsonl"]
    elif fmt in ("csv", "parquet"):
        targets = [out_dir / f"{table}.{fmt}" for table in TABLES]
    else:
        raise TrucelineError(f"unknown export format {fmt!r}: use jsonl, csv or parquet")
    merged_targets = [out_dir / f"{name}.{fmt}" for name in MERGED]
    targets += merged_targets
    existing = [str(p) for p in targets if p.exists()]
    if existing and not force:
        raise TrucelineError(f"{', '.join(existing)} already exist(s); use --force to overwrite")
    out_dir.mkdir(parents=True, exist_ok=True)

    if fmt == "jsonl":
        with targets[0].open("w", encoding="utf-8") as f:
            f.writelines(record_line(record) + "\n" for record in store.records())
    else:
        write_table = _write_csv_table if fmt == "csv" else _write_parquet_table
        for table, path in zip(TABLES, targets):
            write_table(store, table, path)
    for name, path in zip(MERGED, merged_targets):
        _write_merged(store, name, path, fmt)
    return targets


def _write_merged(store: Store, name: str, path: Path, fmt: Format) -> None:
    rows = [to_dict(item) for item in getattr(store, name)()]
    if fmt == "jsonl":
        with path.open("w", encoding="utf-8") as f:
            f.writelines(json.dumps(row, ensure_ascii=False) + "\n" for row in rows)
        return
    flat_rows = [{k: flat(v) for k, v in row.items()} for row in rows]
    if fmt == "csv":
        with path.open("w", encoding="utf-8", newline="") as f:
            write_csv(flat_rows, f, list(flat_rows[0]) if flat_rows else [])
    else:
        pq.write_table(pa.Table.from_pylist(flat_rows), path)


def _write_csv_table(store: Store, table: str, path: Path) -> None:
    with path.open("w", encoding="utf-8", newline="") as f:
        write_csv(store.rows(table), f, [c.name for c in store.columns(table)])


def _write_parquet_table(store: Store, table: str, path: Path) -> None:
    schema = pa.schema([(c.name, _arrow_type(c)) for c in store.columns(table)])
    pq.write_table(pa.Table.from_pylist(list(store.rows(table)), schema=schema), path)


def write_csv(rows: Iterable[dict[str, Any]], file: TextIO, columns: list[str]) -> None:
    """Rows as CSV: dates in ISO form, lists as JSON arrays (unambiguous, and readable back)."""
    writer = csv.DictWriter(file, columns, extrasaction="ignore")
    writer.writeheader()
    writer.writerows({k: flat(v) for k, v in row.items()} for row in rows)


def flat(value: Any) -> Any:
    """A value as one CSV or JSON field."""
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if isinstance(value, (list, tuple, dict)):
        return json.dumps(value, ensure_ascii=False)
    return value


def _arrow_type(column: sa.Column) -> pa.DataType:
    kind = column.type
    if isinstance(kind, sa.JSON):
        item = column.info[LIST_ITEMS]
        if item is dict:  # agreements' evidence: (field, value, start, end)
            return pa.list_(pa.struct([("field", pa.string()), ("value", pa.string()),
                                       ("start", pa.int64()), ("end", pa.int64())]))
        return pa.list_(pa.int64() if item is int else pa.string())
    if isinstance(kind, sa.Date):
        return pa.date32()
    if isinstance(kind, sa.Float):
        return pa.float64()
    if isinstance(kind, sa.Integer):
        return pa.int64()
    return pa.string()
