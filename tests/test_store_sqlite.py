"""The store contract, run against the SQLite backend; plus what only SQLite has."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from ledger.errors import NotALedger, OperationFailed
from ledger.store.sqlite import SQLiteStore
from tests.conftest import asserted
from tests.contracts.store_contract import StoreContract


class TestSQLiteStore(StoreContract):
    """The SQLite event store meets the store contract."""

    @pytest.fixture
    def store(self, make_sqlite_store):
        return make_sqlite_store()

    @pytest.fixture
    def other_store(self, make_sqlite_store):
        return make_sqlite_store()

    def tamper(self, store: SQLiteStore, position: int, field: str, value: object) -> None:
        with sqlite3.connect(store.path) as conn:
            conn.execute("DROP TRIGGER events_no_update")
            conn.execute(f"UPDATE events SET {field} = ? WHERE position = ?", (value, position))

    def raw_sql(self, store: SQLiteStore, statement: str) -> None:
        with sqlite3.connect(store.path) as conn:
            conn.execute(statement)

    def tamper_node(self, store: SQLiteStore, level: int, index: int, digest: bytes) -> None:
        with sqlite3.connect(store.path) as conn:
            changed = conn.execute(
                "UPDATE merkle_nodes SET hash = ? WHERE level = ? AND idx = ?",
                (digest, level, index),
            ).rowcount
        assert changed == 1

    def clear_tree(self, store: SQLiteStore) -> None:
        with sqlite3.connect(store.path) as conn:
            conn.execute("DELETE FROM merkle_nodes")


def test_table_is_strict(make_sqlite_store) -> None:
    """The events table is STRICT: a text position is refused by SQLite itself."""
    store = make_sqlite_store()
    sql = store.conn.execute("SELECT sql FROM sqlite_master WHERE name = 'events'").fetchone()[0]
    assert sql.rstrip().endswith("STRICT")


def test_wal_mode(make_sqlite_store) -> None:
    """The ledger runs in WAL mode so readers never block the writer."""
    store = make_sqlite_store()
    assert store.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"hello, this is a text file\n", "not an SQLite database"),
        (b"\x00\x01\x02" * 100, "not an SQLite database"),
    ],
)
def test_a_file_that_is_not_sqlite_is_refused(tmp_path: Path, content: bytes, message: str) -> None:
    """A text or binary file is not mistaken for a ledger."""
    path = tmp_path / "x.db"
    path.write_bytes(content)
    with pytest.raises(NotALedger, match=message):
        SQLiteStore(path)
    assert path.read_bytes() == content


def test_another_sqlite_database_is_refused(tmp_path: Path) -> None:
    """Another application's SQLite file is not turned into a ledger."""
    path = tmp_path / "other.db"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE notes (body TEXT)")
    before = path.read_bytes()
    with pytest.raises(NotALedger, match="another SQLite database"):
        SQLiteStore(path)
    assert path.read_bytes() == before


def test_readonly_store_refuses_writes(make_sqlite_store, tmp_path: Path) -> None:
    """A store opened read-only cannot append."""
    path = tmp_path / "ro.db"
    make_sqlite_store(path).append([asserted(0)])
    readonly = make_sqlite_store(path, readonly=True)
    with pytest.raises(OperationFailed, match="read-only"):
        readonly.append([asserted(1)])
    assert readonly.head() == 1


def _schema(conn: sqlite3.Connection) -> tuple[list[tuple[str, ...]], tuple[object, ...]]:
    """Every table, index and trigger as `sqlite_master` lists it, and the ledger's marks."""
    objects = conn.execute(
        "SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY type, name"
    ).fetchall()
    marks = ("application_id", "user_version", "journal_mode")
    return objects, tuple(conn.execute(f"PRAGMA {mark}").fetchone()[0] for mark in marks)


def _made_the_old_way(path: Path) -> None:
    """A new ledger's schema as `_migrate` made it before #17: each statement through
    sqlite-utils' `Database.execute`, in one transaction."""
    import sqlite_utils

    from ledger.store import sqlite_schema as schema

    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("BEGIN IMMEDIATE")
    db = sqlite_utils.Database(conn)
    for statement in schema._statements(schema.EVENTS_DDL + schema.INSERT_GUARD_DDL):
        db.execute(statement)
    conn.execute(schema.TREE_DDL)
    conn.execute(f"PRAGMA application_id = {schema.APPLICATION_ID}")
    conn.execute(f"PRAGMA user_version = {schema.SCHEMA_VERSION}")
    conn.execute("COMMIT")
    conn.close()


def test_a_new_ledger_has_the_schema_it_always_had(make_sqlite_store, tmp_path: Path) -> None:
    """A ledger created now (its DDL run as written, without sqlite-utils: #17) has every
    table, index and trigger a ledger created the old way has, in the same words."""
    old = tmp_path / "old.db"
    _made_the_old_way(old)
    made = _schema(make_sqlite_store(tmp_path / "new.db").conn)
    assert made == _schema(make_sqlite_store(old).conn)
    names = [(kind, name) for kind, name, _, _ in made[0]]
    assert names == [
        ("index", "events_by_type"),
        ("index", "sqlite_autoindex_events_1"),
        ("index", "sqlite_autoindex_events_2"),
        ("index", "sqlite_autoindex_events_3"),
        ("table", "events"),
        ("table", "merkle_nodes"),
        ("trigger", "events_insert_at_head"),
        ("trigger", "events_no_delete"),
        ("trigger", "events_no_update"),
    ]


def test_a_ledger_made_while_another_opener_reads_its_marks_is_seen_whole(tmp_path: Path) -> None:
    """An opener reads a new file's marks and objects in one snapshot: a ledger another
    process makes between two of those reads is not taken for another application's
    database (a race a fast schema step made likely: test_concurrency's many openers)."""
    from ledger.store import sqlite_schema as schema

    path = tmp_path / "new.db"
    sqlite3.connect(path).execute("PRAGMA journal_mode = WAL").connection.close()
    conn = sqlite3.connect(path, isolation_level=None)
    made: list[bool] = []

    def another_opener(sql: str) -> None:
        if sql.startswith("PRAGMA user_version") and not made:
            made.append(True)
            schema.connect(path).close()  # the whole ledger, committed, between two reads

    conn.set_trace_callback(another_opener)
    schema._ensure_schema(conn, path, readonly=False)
    conn.set_trace_callback(None)
    assert made
    assert conn.execute("PRAGMA application_id").fetchone()[0] == schema.APPLICATION_ID
    assert not schema.missing_triggers(conn)
    conn.close()
