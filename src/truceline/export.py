"""Export the store: JSON Lines in the shape `truceline extract` writes, or one CSV or
Parquet file per table; and, in the same format, the merged records (one event, fact and
agreement across documents, with all their sources). CSV is flat, one value per cell: nested
fields become columns (`source.canonical`), lists are joined with "; ", dates are ISO. Parquet
keeps the records' types: dates as dates, lists as lists, nested records as structs."""

from __future__ import annotations

import csv
import dataclasses
import json
import types
import typing
from collections.abc import Iterable
from datetime import date, datetime
from pathlib import Path
from typing import Any, Literal, TextIO

import pyarrow as pa
import pyarrow.parquet as pq
import sqlalchemy as sa

from truceline.errors import TrucelineError
from truceline.records import Fact, MergedAgreement, MergedEvent, Record, to_dict
from truceline.storage.schema import LIST_ITEMS, TABLES
from truceline.store import Store

MERGED = {"merged_events": MergedEvent, "facts": Fact, "merged_agreements": MergedAgreement}  # Store methods
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
    check_targets(targets, force)

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


def check_targets(targets: list[Path], force: bool) -> None:
    """Refuse to overwrite files unless `force`; make their folder."""
    existing = [str(p) for p in targets if p.exists()]
    if existing and not force:
        raise TrucelineError(f"{', '.join(existing)} already exist(s); use --force to overwrite")
    for folder in {p.parent for p in targets}:
        folder.mkdir(parents=True, exist_ok=True)


def _write_merged(store: Store, name: str, path: Path, fmt: Format) -> None:
    write_records(getattr(store, name)(), MERGED[name], path, fmt)


def write_records(items: Iterable[Any], kind: type, path: Path, fmt: Format) -> None:
    """Records of one dataclass to one file: JSON Lines, flat CSV or typed Parquet."""
    if fmt == "jsonl":
        with path.open("w", encoding="utf-8") as f:
            f.writelines(json.dumps(to_dict(item), ensure_ascii=False) + "\n" for item in items)
    elif fmt == "csv":
        with path.open("w", encoding="utf-8", newline="") as f:
            write_csv([to_dict(item) for item in items], f)
    else:
        write_parquet(items, kind, path)


def write_parquet(items: Iterable[Any], kind: type, path: Path) -> None:
    """Records of one dataclass as Parquet, typed from its annotations (a column of nulls stays a
    date column)."""
    schema = pa.schema([(f.name, _arrow(hint)) for f, hint in _fields(kind)])
    pq.write_table(pa.Table.from_pylist([_native(item) for item in items], schema=schema), path)


def _fields(kind: type) -> list[tuple[dataclasses.Field, Any]]:
    hints = typing.get_type_hints(kind)
    return [(f, hints[f.name]) for f in dataclasses.fields(kind)]


def _arrow(hint: Any) -> pa.DataType:
    """The Arrow type of a records.py annotation."""
    args = [a for a in typing.get_args(hint) if a is not type(None)]
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        return _arrow(args[0])
    if origin is Literal:
        return pa.string()
    if origin is tuple:
        return pa.list_(_arrow(args[0]) if args[1:] == [Ellipsis] or len(args) == 1 else pa.struct(
            [(f"item{i}", _arrow(a)) for i, a in enumerate(args)]))
    if dataclasses.is_dataclass(hint):
        return pa.struct([(f.name, _arrow(h)) for f, h in _fields(hint)])
    return {date: pa.date32(), int: pa.int64(), float: pa.float64(), bool: pa.bool_()}.get(hint, pa.string())


def _native(value: Any) -> Any:
    """A record as Python values pyarrow takes: dates stay dates; a pair becomes item0, item1."""
    if dataclasses.is_dataclass(value):
        return {f.name: _native(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, tuple) and value and isinstance(value[0], tuple):
        return [{f"item{i}": _native(v) for i, v in enumerate(pair)} for pair in value]
    if isinstance(value, (tuple, list)):
        return [_native(v) for v in value]
    return value


def _write_csv_table(store: Store, table: str, path: Path) -> None:
    with path.open("w", encoding="utf-8", newline="") as f:
        write_csv(store.rows(table), f, [c.name for c in store.columns(table)])


def _write_parquet_table(store: Store, table: str, path: Path) -> None:
    schema = pa.schema([(c.name, _arrow_type(c)) for c in store.columns(table)])
    pq.write_table(pa.Table.from_pylist(list(store.rows(table)), schema=schema), path)


def write_csv(rows: Iterable[dict[str, Any]], file: TextIO, columns: list[str] | None = None) -> None:
    """Rows as flat CSV (see flat_row); the columns are every key of every row unless given."""
    flat_rows = [flat_row(row) for row in rows]
    if columns is None:
        columns = list(dict.fromkeys(key for row in flat_rows for key in row))
    writer = csv.DictWriter(file, columns, extrasaction="ignore")
    writer.writeheader()
    writer.writerows(flat_rows)


def flat_row(row: dict[str, Any]) -> dict[str, Any]:
    """One value per cell: a nested record's fields as columns `outer.inner`, a list of records
    as one column per field holding their values joined, lists joined with "; ", dates in ISO form."""
    cells: dict[str, Any] = {}

    def put(key: str, value: Any) -> None:
        if isinstance(value, dict):
            for inner, v in value.items():
                put(f"{key}.{inner}" if key else inner, v)
        elif isinstance(value, (list, tuple)):
            items = [i for v in value for i in (v if isinstance(v, (list, tuple)) else [v])]  # pairs: both sides
            if items and all(isinstance(i, dict) for i in items):
                for inner in dict.fromkeys(k for i in items for k in i):
                    put(f"{key}.{inner}", [i.get(inner) for i in items])
            else:
                cells[key] = "; ".join("" if i is None else str(flat(i)) for i in items)
        else:
            cells[key] = flat(value)

    put("", row)
    return cells


def flat(value: Any) -> Any:
    """A date as ISO text (for JSON and CSV); any other value as it is."""
    if isinstance(value, (date, datetime)):
        return value.isoformat()
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
