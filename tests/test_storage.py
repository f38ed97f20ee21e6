"""The storage layer: databases made at the newest revision, an older truceline's database
upgraded, another program's database refused untouched (SQLite and PostgreSQL), a read-only one
read, a full disk or read-only file reported in one line, and several processes storing into one
database at once."""

from __future__ import annotations

import dataclasses
import random
import sqlite3
import warnings
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from typer.testing import CliRunner

from truceline import fulltext
from truceline.cli import app as cli
from truceline.errors import ConfigError, StorageError
from truceline.records import Record
from truceline.storage import schema
from truceline.store import Store, database_url

from test_store import lebanon_cessation, pause_extension

ROOT = Path(__file__).resolve().parents[1]
OLDER = Path(__file__).resolve().parent / "fixtures" / "older-truceline.sql"
ARTICLE = ROOT / "samples" / "news"  # two news pages
runner = CliRunner()


def cli_run(*args: str):
    return runner.invoke(cli, list(args), env={"TRUCELINE_DATABASE_URL": None})


def differences(engine: sa.Engine) -> list:
    """How the database's tables differ from schema.metadata (the full-text index and the marker
    are not in it), and the indexes it lacks (Alembic cannot compare SQLite's on expressions)."""
    with engine.connect() as conn, warnings.catch_warnings():
        warnings.filterwarnings("ignore", "autogenerate skipping metadata-specified expression-based index")
        context = MigrationContext.configure(conn, opts={"include_name": lambda name, kind, _parent: not (
            kind == "table" and (name.startswith(fulltext.INDEX) or name == schema.VERSION_TABLE))})
        found = {index for table in schema.metadata.tables for index in (
            conn.scalars(sa.text("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = :t"), {"t": table})
            if conn.dialect.name == "sqlite" else (i["name"] for i in sa.inspect(conn).get_indexes(table)))}
        wanted = {index.name for table in schema.metadata.tables.values() for index in table.indexes}
        return compare_metadata(context, schema.metadata) + [("missing index", name) for name in wanted - found]


def revision(engine: sa.Engine) -> str | None:
    with engine.connect() as conn:
        return MigrationContext.configure(conn, opts={"version_table": schema.VERSION_TABLE}).get_current_revision()


def head() -> str:
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(schema._alembic_config()).get_current_head()


def test_a_new_database_is_made_at_the_newest_revision_with_every_table(new_database):
    with Store(new_database()) as store:
        assert differences(store.engine) == []
        assert revision(store.engine) == head()


def test_an_empty_file_is_taken_as_a_new_database(tmp_path):
    (tmp_path / "empty.db").touch()
    with Store(database_url(str(tmp_path / "empty.db"))) as store:
        assert store.add(pause_extension())


def test_a_database_an_older_truceline_made_is_upgraded_and_keeps_its_document(tmp_path):
    db = tmp_path / "older.db"
    with sqlite3.connect(db) as conn:
        conn.executescript(OLDER.read_text(encoding="utf-8"))
    with pytest.raises(ConfigError, match="older truceline"):
        Store(database_url(str(db)), create=False)  # reading alone changes nothing
    with Store(database_url(str(db))) as store:
        assert differences(store.engine) == [] and revision(store.engine) == head()
        assert store.link_unplaced() == 1
        [document] = store.documents()
        assert document.title.startswith("Readout of President Biden")
        record = store.record(document.id)
        assert len(record.events) == 2 and [a.violators for a in record.agreements] == [()]
        assert len(store.merged_agreements()) == 1
        assert store.search("hostages", 5)[1] == 1  # the search index got the older document
        assert store.add(lebanon_cessation())
    with Store(database_url(str(db)), create=False) as store:
        assert store.counts()["documents"] == 2


def foreign_database(path: Path, ddl: str) -> bytes:
    with sqlite3.connect(path) as conn:
        conn.execute(ddl)
        conn.execute("INSERT INTO documents VALUES ('a', 'their title', 'their body')" if "documents" in ddl
                     else "INSERT INTO notes VALUES (1, 'their note')")
    conn.close()
    return path.read_bytes()


@pytest.mark.parametrize("ddl", ["CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)",
                                 "CREATE TABLE documents (id TEXT PRIMARY KEY, title TEXT, body TEXT)"])
def test_another_programs_database_is_refused_and_left_byte_identical(tmp_path, ddl):
    db = tmp_path / "theirs.db"
    before = foreign_database(db, ddl)
    for args in (["ingest", str(ARTICLE)], ["claims"]):
        result = cli_run(*args, "--db", str(db))
        assert result.exit_code == 2
        [line] = result.stderr.splitlines()
        assert line.startswith("Error: not a truceline database: it holds other tables ("), line
        assert db.read_bytes() == before
        assert [p.name for p in tmp_path.iterdir()] == ["theirs.db"]  # no journal, WAL or shared memory either


def test_a_read_only_database_is_read_without_writing_anything(tmp_path, monkeypatch):
    url = database_url(str(tmp_path / "read-only.db"))
    with Store(url) as store:
        store.add(pause_extension())
    files = {p.name: p.read_bytes() for p in tmp_path.iterdir()}
    # As where the file or its folder cannot be written (a read-only mount): root, which runs the
    # tests in CI, may write anywhere, so the test says so instead of changing permissions.
    monkeypatch.setattr(schema, "_writable", lambda _path: False)
    with Store(url, create=False) as store:
        assert store.counts()["documents"] == 1
        assert [e.type for e in store.merged_events()] == ["CONSULT", "COOPERATE"]
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir()} == files
    with pytest.raises(StorageError, match="read-only"):
        Store(url)
    result = cli_run("ingest", str(ARTICLE), "--db", str(tmp_path / "read-only.db"))
    assert result.exit_code == 1 and result.stderr.startswith("Error: cannot write to ")
    assert len(result.stderr.splitlines()) == 1


def test_a_full_disk_is_one_line_and_leaves_no_partial_document(tmp_path, monkeypatch):
    url = database_url(str(tmp_path / "full.db"))
    Store(url).close()

    def full_disk(dbapi_connection, record):
        pragmas(dbapi_connection, record)
        [pages] = dbapi_connection.execute("PRAGMA page_count").fetchone()
        dbapi_connection.execute(f"PRAGMA max_page_count = {pages}")  # not one page more

    pragmas = schema._sqlite_pragmas
    monkeypatch.setattr(schema, "_sqlite_pragmas", full_disk)
    record = pause_extension()
    longer = dataclasses.replace(record, document=dataclasses.replace(
        record.document, text=record.document.text + "\n" + "More text. " * 5000))  # 55 KB: more pages
    with Store(url) as store:
        with pytest.raises(StorageError, match="database or disk is full") as raised:
            store.add(longer)
        assert "\n" not in str(raised.value)
        assert store.counts()["documents"] == 0
    result = cli_run("ingest", str(ROOT / "samples" / "white-house-gaza-lebanon.jsonl"), "--db", str(tmp_path / "full.db"))
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        "Error: cannot write to the database: OperationalError: database or disk is full"]


def test_another_programs_postgresql_database_is_refused_unchanged(postgres):
    url = postgres.new_database()
    theirs = sa.create_engine(url)
    with theirs.begin() as conn:
        conn.exec_driver_sql("CREATE TABLE documents (id TEXT PRIMARY KEY, title TEXT, body TEXT)")
        conn.exec_driver_sql("INSERT INTO documents VALUES ('a', 'their title', 'their body')")
    result = cli_run("ingest", str(ARTICLE), "--db", url)
    assert result.exit_code == 2
    assert result.stderr.startswith("Error: not a truceline database: it holds other tables (documents)")
    with theirs.connect() as conn:
        assert sa.inspect(conn).get_table_names() == ["documents"]
        assert [c["name"] for c in sa.inspect(conn).get_columns("documents")] == ["id", "title", "body"]
        assert conn.exec_driver_sql("SELECT * FROM documents").all() == [("a", "their title", "their body")]
    theirs.dispose()


def variants(count: int) -> list[Record]:
    """Synthetic records for load: the hand-made records of test_store under other ids, each text
    with a numbered sentence added (so they are near-copies: one story)."""
    originals = (pause_extension(), lebanon_cessation())
    return [dataclasses.replace(original, document=dataclasses.replace(
                original.document, id=f"{n:016x}", source=f"synthetic:{n}",
                text=original.document.text + f"\nSynthetic sentence {n}."))
            for n in range(count) for original in [originals[n % 2]]]


def _add_all(url: str, records: list[Record], seed: int) -> int:
    records = records[:]
    random.Random(seed).shuffle(records)
    with Store(url) as store:
        return sum(store.add(record) for record in records)


def _open(url: str) -> str:
    try:
        Store(url).close()
        return "opened"
    except ConfigError as exc:
        return str(exc)


def test_processes_making_one_new_database_at_once_all_open_it(new_database):
    urls = [new_database() for _ in range(3)]
    with ProcessPoolExecutor(4) as pool:  # without the migration lock most rounds fail in one of them
        opened = list(pool.map(_open, [url for url in urls for _ in range(4)]))
    assert opened == ["opened"] * 12
    for url in urls:
        with Store(url, create=False) as store:
            assert revision(store.engine) == head()


def test_concurrent_ingests_lose_nothing_and_duplicate_nothing(new_database):
    records = variants(30)
    url = new_database()
    Store(url).close()
    with ProcessPoolExecutor(3) as pool:  # three processes storing the same records, each in its own order
        added = list(pool.map(_add_all, [url] * 3, [records] * 3, [1, 2, 3]))
    assert sum(added) == len(records)
    serial = new_database()
    _add_all(serial, records, 0)
    with Store(url, create=False) as store, Store(serial, create=False) as expected:
        assert store.counts() == expected.counts()
        assert sorted(d.id for d in store.documents()) == sorted(r.document.id for r in records)
        assert [store.record(r.document.id) for r in records] == records
        assert store.story_sizes() == expected.story_sizes() == [15, 15]
        assert len(store.merged_events()) == len(expected.merged_events())
