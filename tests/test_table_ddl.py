"""A new ledger's tables, indexes and triggers are the ones it always got (#17): the log's DDL
run as written, the projection tables' as sqlite-utils makes them, kept between runs
(`ledger.projections.table_ddl`) or made again, never different."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from ledger.projections import table_ddl, tables
from tests.samples import WEEKLY

SCHEMA = "SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY type, name"


@pytest.fixture
def kept(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The kept statements' file, in tmp_path (none there yet), and bytecode writing on."""
    path = tmp_path / "pycache" / "projection-tables.json"
    monkeypatch.setattr(table_ddl, "cache_path", lambda: path)
    monkeypatch.setattr("sys.dont_write_bytecode", False)
    return path


def _old_tables(conn: sqlite3.Connection, *, group_index: bool = True) -> None:
    """The projection tables as `ensure_tables` made them before #17: sqlite-utils on the
    ledger's own connection."""
    import sqlite_utils

    db = sqlite_utils.Database(conn)
    claims = db.table("claims")
    claims.create(tables.CLAIM_COLUMNS, pk="claim_id", not_null={"claimant", "subject"})
    if group_index:
        conn.execute(tables.GROUP_INDEX)
    claims.create_index(["claimant"])
    for table in tables.TABLES[1:]:
        key = tables.KEYS[table]
        db.table(table).create(tables.COLUMNS[table], pk=key[0] if len(key) == 1 else key)


def _schema_of(make: object, *, group_index: bool) -> list[tuple[str, ...]]:
    conn = sqlite3.connect(":memory:", isolation_level=None)
    conn.execute("BEGIN IMMEDIATE")  # as in an append's transaction
    make(conn, group_index=group_index)  # type: ignore[operator]
    conn.execute("COMMIT")
    return conn.execute(SCHEMA).fetchall()


@pytest.mark.parametrize("group_index", [True, False], ids=["catch-up", "rebuild"])
def test_the_tables_are_what_sqlite_utils_made_on_the_ledger(kept: Path, group_index: bool) -> None:
    """Made (nothing kept), then kept: each time the same tables and indexes, in the same
    words, as sqlite-utils made on the ledger's connection."""
    old = _schema_of(_old_tables, group_index=group_index)
    assert _schema_of(tables.ensure_tables, group_index=group_index) == old
    assert kept.exists()
    assert _schema_of(tables.ensure_tables, group_index=group_index) == old


def test_kept_statements_are_run_without_sqlite_utils(kept: Path, monkeypatch) -> None:
    """Once kept, the statements are run as kept: sqlite-utils is not asked again."""
    tables.ensure_tables(sqlite3.connect(":memory:"))
    asked: list[object] = []
    monkeypatch.setattr(table_ddl, "made_by_sqlite_utils", lambda a: asked.append(a) or [])
    tables.ensure_tables(sqlite3.connect(":memory:"))
    assert not asked


@pytest.mark.parametrize(
    "content",
    [
        "not json",
        '{"header": [1, "0.0", []], "statements": ["CREATE TABLE x (y)"]}',  # another ask
        "[1, 2]",
        '{"statements": ["CREATE TABLE x (y)"]}',
        b"\xff\xfe",
    ],
    ids=["garbage", "another-header", "a-list", "no-header", "not-utf8"],
)
def test_a_file_kept_for_anything_else_is_not_used(kept: Path, content: str | bytes) -> None:
    """A file that is not what this code and this sqlite-utils kept is made again (and
    rewritten); the tables are sqlite-utils' own."""
    kept.parent.mkdir()
    kept.write_bytes(content if isinstance(content, bytes) else content.encode())
    assert _schema_of(tables.ensure_tables, group_index=True) == _schema_of(
        _old_tables, group_index=True
    )
    assert table_ddl._read(kept, [1, table_ddl._version(), table_ddl._plain(tables.ASKED)])


def test_kept_statements_of_another_kind_are_not_run(kept: Path) -> None:
    """A kept file under the right header whose statements are not each step's CREATE (a
    trigger where a table was asked for) is not run: sqlite-utils is asked again."""
    import json

    header = [1, table_ddl._version(), table_ddl._plain(tables.ASKED)]
    made = table_ddl.made_by_sqlite_utils(tables.ASKED)
    odd = ["CREATE TRIGGER t AFTER INSERT ON claims BEGIN SELECT 1; END", *made[1:]]
    kept.parent.mkdir()
    kept.write_text(json.dumps({"header": header, "statements": odd}))
    assert table_ddl.statements(tables.ASKED) == made


def test_kept_statements_for_another_sqlite_utils_are_not_used(kept: Path, monkeypatch) -> None:
    """What sqlite-utils writes may change with its version: statements kept under another
    version are not run."""
    table_ddl.statements(tables.ASKED)
    monkeypatch.setattr(table_ddl, "_version", lambda: "999.0")
    asked: list[object] = []
    real = table_ddl.made_by_sqlite_utils
    monkeypatch.setattr(table_ddl, "made_by_sqlite_utils", lambda a: asked.append(a) or real(a))
    table_ddl.statements(tables.ASKED)
    assert asked


def test_nothing_is_kept_when_bytecode_is_not_written(kept: Path, monkeypatch) -> None:
    monkeypatch.setattr("sys.dont_write_bytecode", True)
    assert table_ddl.statements(tables.ASKED) == table_ddl.made_by_sqlite_utils(tables.ASKED)
    assert not kept.exists()


def _old_ledger(path: Path) -> None:
    """A new ledger as it was made before #17, down to the projection tables."""
    from tests.test_store_sqlite import _made_the_old_way

    _made_the_old_way(path)
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("BEGIN IMMEDIATE")
    _old_tables(conn)
    conn.execute("COMMIT")
    conn.close()


def test_an_ingested_ledger_has_the_schema_it_always_had(kept: Path, tmp_path: Path) -> None:
    """A new ledger after its first `ingest` (the log made, the projection tables made in
    the same append, their statements then kept), and another after it (kept statements
    run): every table, index and trigger as the ledger made the old way has them."""
    from ledger import ArticleOptions, ArticleSource, open_ledger

    article = tmp_path / "weekly.txt"
    article.write_text(WEEKLY, encoding="utf-8")
    schemas = []
    for name in ("made.db", "kept.db", "old.db"):
        if name == "old.db":
            _old_ledger(tmp_path / name)
        with open_ledger(tmp_path / name) as ledger:
            results = list(ledger.ingest(ArticleSource([str(article)]), ArticleOptions()))
            assert [r.status for r in results] == ["new"]
        conn = sqlite3.connect(tmp_path / name)
        schemas.append(conn.execute(SCHEMA).fetchall())
        conn.close()
    assert schemas[0] == schemas[1] == schemas[2]
    assert {kind for kind, *_ in schemas[0]} == {"table", "index", "trigger"}
