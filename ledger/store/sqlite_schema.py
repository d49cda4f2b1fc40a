"""The SQLite file: opening it safely, recognising it as a ledger, and its DDL and migrations.

Owns: the `events` table, its triggers, the `merkle_nodes` table (the stored Merkle tree,
`ledger.store.tree`; added to an older file when it is next opened for writing), the marks that
identify a claim ledger (`application_id`, `user_version`), and connection settings (WAL, busy
timeout). The only module that writes the log's DDL (the projection tables' is
`ledger.projections.tables`'s, made with sqlite-utils). Imports: `ledger.errors`.
"""

from __future__ import annotations

import os
import random
import sqlite3
import time
from collections.abc import Callable
from pathlib import Path

from ledger.errors import InvalidInput, NotALedger, OperationFailed

APPLICATION_ID = 0x434C4447  # "CLDG": marks the file as a claim ledger
SCHEMA_VERSION = 3
"""1: the events table with its UPDATE and DELETE triggers. 2: the INSERT guard, which refuses
any row that does not extend the chain at the head (so REPLACE and UPSERT cannot rewrite an
event). A schema-1 file gets the guard the next time it is opened for writing."""
BUSY_TIMEOUT_MS = 10_000

EVENTS_DDL = """
CREATE TABLE events (
    position        INTEGER PRIMARY KEY CHECK (position >= 1),
    id              TEXT    NOT NULL UNIQUE,
    stream          TEXT    NOT NULL,
    version         INTEGER NOT NULL CHECK (version >= 1),
    type            TEXT    NOT NULL,
    schema_version  INTEGER NOT NULL CHECK (schema_version >= 1),
    recorded_at     TEXT    NOT NULL,
    actor           TEXT    NOT NULL,
    idempotency_key TEXT    UNIQUE,
    data            TEXT    NOT NULL,
    prev_hash       TEXT    NOT NULL,
    hash            TEXT    NOT NULL,
    UNIQUE (stream, version)
) STRICT;
CREATE INDEX events_by_type ON events (type, position);
CREATE TRIGGER events_no_update BEFORE UPDATE ON events
BEGIN
    SELECT RAISE(ABORT, 'events is append-only: UPDATE is not allowed');
END;
CREATE TRIGGER events_no_delete BEFORE DELETE ON events
BEGIN
    SELECT RAISE(ABORT, 'events is append-only: DELETE is not allowed');
END;
"""

INSERT_GUARD_DDL = """
CREATE TRIGGER events_insert_at_head BEFORE INSERT ON events
BEGIN
    SELECT RAISE(ABORT, 'events is append-only: an INSERT must extend the chain at the head')
    WHERE NEW.position IS NOT (SELECT coalesce(max(position), 0) + 1 FROM events)
       OR NEW.prev_hash IS NOT coalesce(
            (SELECT hash FROM events ORDER BY position DESC LIMIT 1),
            '0000000000000000000000000000000000000000000000000000000000000000');
    SELECT RAISE(ABORT, 'events is append-only: an INSERT may not replace an event')
    WHERE EXISTS (SELECT 1 FROM events WHERE id = NEW.id)
       OR EXISTS (SELECT 1 FROM events WHERE idempotency_key = NEW.idempotency_key)
       OR EXISTS (SELECT 1 FROM events WHERE stream = NEW.stream AND version = NEW.version);
END;
"""
# A BEFORE INSERT trigger runs before SQLite resolves a conflict, so `INSERT OR REPLACE`,
# `REPLACE` and `INSERT ... ON CONFLICT DO UPDATE` are refused before REPLACE's implicit
# delete (which fires no DELETE trigger) could remove the event in the way. Each look-up is
# one index probe: appends keep their speed.

TREE_DDL = """
CREATE TABLE IF NOT EXISTS merkle_nodes (
    level INTEGER NOT NULL CHECK (level >= 0),
    idx   INTEGER NOT NULL CHECK (idx >= 0),
    hash  BLOB    NOT NULL CHECK (length(hash) = 32),
    PRIMARY KEY (level, idx)
) STRICT, WITHOUT ROWID
"""
# The perfect subtrees of 16 leaves and more (`ledger.store.tree`): derived from the events'
# hashes, checked against them by `verify`, grown inside each append's transaction.

TRIGGERS = ("events_no_update", "events_no_delete", "events_insert_at_head")

_SQLITE_MAGIC = b"SQLite format 3\x00"


def connect(path: str | os.PathLike[str], *, readonly: bool = False) -> sqlite3.Connection:
    """Open (creating if asked to write) a claim ledger and return a configured connection.

    Raises `NotALedger` for a file that is not SQLite or is another application's database,
    and `InvalidInput` for a read of a ledger that does not exist.
    """
    path = Path(path)
    exists = path.exists()
    if exists and path.is_dir():
        raise InvalidInput(f"{path} is a directory, not a ledger file")
    if exists and path.stat().st_size > 0:
        with path.open("rb") as fh:
            if fh.read(16) != _SQLITE_MAGIC:
                raise NotALedger(f"{path} is not a claim ledger (not an SQLite database)")
    if readonly and not exists:
        raise InvalidInput(f"no ledger at {path} (write to it first, e.g. `claims append`)")
    try:
        try:
            conn = _open(path, readonly=readonly)
        except sqlite3.OperationalError:
            if not readonly and not os.access(path.resolve().parent, os.W_OK):
                raise OperationFailed(
                    f"cannot write to {path}: the file or its folder is read-only"
                ) from None
            if not readonly or not _immutable_is_safe(path):
                raise
            # A read-only folder or filesystem: a WAL-mode file cannot get its `-shm` index,
            # so read the file as it stands (no writer can be active: there is no `-wal`).
            conn = _open(path, readonly=True, immutable=True)
    except sqlite3.DatabaseError as exc:
        raise NotALedger(f"{path} cannot be opened as a claim ledger: {exc}") from None
    return conn


def _open(path: Path, *, readonly: bool, immutable: bool = False) -> sqlite3.Connection:
    created = False
    if readonly:
        flags = "mode=ro&immutable=1" if immutable else "mode=ro"
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?{flags}", uri=True, isolation_level=None)
    else:
        created = not path.exists()
        conn = sqlite3.connect(path, isolation_level=None)
    try:
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        _settle(lambda: _ensure_schema(conn, path, readonly=readonly))
    except BaseException:
        if not readonly and created and not _is_ledger(conn):
            _remove_unmade(conn, path)
        conn.close()
        raise
    return conn


def _is_ledger(conn: sqlite3.Connection) -> bool:
    """True when the file has a ledger's schema (when in doubt, True: it is then kept)."""
    try:
        return bool(conn.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID)
    except sqlite3.Error:
        return True


def _remove_unmade(conn: sqlite3.Connection, path: Path) -> None:
    """Remove the file this open created when it fails (or is interrupted) before the schema
    is committed: a failed first command leaves no file, not an empty one no command reads."""
    conn.close()
    for leftover in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
        leftover.unlink(missing_ok=True)


def _settle(step: Callable[[], None], attempts: int = 12) -> None:
    """Run a schema step, retrying while another process holds the file: switching a new
    file to WAL (or creating its tables) as several writers open it at once can report
    "database is locked" at once, without waiting out the busy timeout."""
    delay = 0.005
    for attempt in range(attempts):
        try:
            step()
            return
        except sqlite3.OperationalError as exc:
            text = str(exc)
            if ("locked" not in text and "busy" not in text) or attempt == attempts - 1:
                raise
        time.sleep(delay * (1 + random.random()))
        delay = min(delay * 2, 0.5)


def _immutable_is_safe(path: Path) -> bool:
    """True when the file may be read as immutable: its folder cannot be written (so SQLite
    cannot make the `-shm` a WAL read needs) and no `-wal` holds commits not yet in the file."""
    wal = path.with_name(path.name + "-wal")
    folder_writable = os.access(path.resolve().parent, os.W_OK)
    return not folder_writable and (not wal.exists() or wal.stat().st_size == 0)


def _marks(conn: sqlite3.Connection) -> tuple[int, int, bool]:
    """The file's application id, its user version, and whether it holds any object (a
    table, a view, an index, a trigger: the file then belongs to someone), read in one
    snapshot: a ledger another process is creating is seen whole or not at all, never its
    tables without its marks."""
    conn.execute("BEGIN")
    try:
        application_id = conn.execute("PRAGMA application_id").fetchone()[0]
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        objects = bool(conn.execute("SELECT name FROM sqlite_master LIMIT 1").fetchall())
    finally:
        if conn.in_transaction:
            conn.execute("ROLLBACK")  # a read: nothing to keep
    return application_id, version, objects


def _ensure_schema(conn: sqlite3.Connection, path: Path, *, readonly: bool) -> None:
    application_id, version, objects = _marks(conn)
    if application_id == APPLICATION_ID:
        if version > SCHEMA_VERSION:
            raise NotALedger(
                f"{path} was written by a newer claim-ledger (schema {version}); upgrade to read it"
            )
        if not readonly:
            conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA synchronous = FULL")
            if version < SCHEMA_VERSION:
                _upgrade(conn)
        return
    if application_id != 0 or objects:
        raise NotALedger(f"{path} is not a claim ledger (it is another SQLite database)")
    if readonly:  # an empty file: nothing recorded yet, and we may not create tables
        raise InvalidInput(f"{path} is an empty ledger file")
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = FULL")
    _migrate(conn)


def _migrate(conn: sqlite3.Connection) -> None:
    """Create the schema in one transaction, so a crash leaves no half-made ledger."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        if conn.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID:
            conn.execute("ROLLBACK")  # another process created it while we waited
            return
        # Hand-written DDL (STRICT, the triggers), run as it stands: sqlite-utils (the
        # projection tables' tool) is slow to import (numpy, its plugins) and not needed to
        # make a ledger (#17; tests/test_store_sqlite.py holds the schema to what it made).
        for statement in _statements(EVENTS_DDL + INSERT_GUARD_DDL):
            conn.execute(statement)
        conn.execute(TREE_DDL)
        conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise


def _upgrade(conn: sqlite3.Connection) -> None:
    """Bring an older ledger to this schema in one transaction: schema 2 added the INSERT
    guard, schema 3 the Merkle tree's table (empty: the next append backfills it). A ledger
    at schema 3 is refused by an older claim-ledger, which would append without growing the
    tree and so leave a tree `verify` reports as wrong."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        if version >= SCHEMA_VERSION:
            conn.execute("ROLLBACK")  # another writer upgraded it while we waited
            return
        present = conn.execute(_TRIGGER_NAMED, ("events_insert_at_head",)).fetchone()
        if version < 2 and present is None:  # a same-named trigger of someone else's is left
            for statement in _statements(INSERT_GUARD_DDL):  # for verify
                conn.execute(statement)
        conn.execute(TREE_DDL)
        conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise


def _statements(script: str) -> list[str]:
    """Split DDL into statements, keeping trigger bodies whole."""
    statements, current = [], []
    for line in script.strip().splitlines():
        current.append(line)
        text = "\n".join(current)
        if text.rstrip().endswith(";") and sqlite3.complete_statement(text):
            statements.append(text)
            current = []
    return statements


_TRIGGER_NAMED = "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ?"
_SCHEMA_OBJECTS = (
    "SELECT type, name, tbl_name, sql FROM sqlite_master WHERE type IN ('trigger', 'view') "
    "ORDER BY type, name"
)


def _normalised(sql: str | None) -> str:
    """A statement with its whitespace collapsed and no trailing `;`, for comparison."""
    return " ".join((sql or "").split()).rstrip(";").rstrip()


def _expected_triggers() -> dict[str, str]:
    """The trigger name -> normalised DDL the ledger installs."""
    expected = {}
    for statement in _statements(EVENTS_DDL + INSERT_GUARD_DDL):
        words = statement.split()
        if words[:2] == ["CREATE", "TRIGGER"]:
            expected[words[2]] = _normalised(statement)
    return expected


EXPECTED_TRIGGERS = _expected_triggers()


def guard_problems(conn: sqlite3.Connection) -> list[str]:
    """Say what is wrong with the append-only guards: each trigger the ledger installs must be
    there with exactly the DDL it was installed with, and the file holds no other trigger or
    view (one could act on `events`, or stand in for a guard). Empty when all is well."""
    found = {(kind, name): (table, sql) for kind, name, table, sql in conn.execute(_SCHEMA_OBJECTS)}
    problems = []
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    for name, ddl in EXPECTED_TRIGGERS.items():
        present = found.pop(("trigger", name), None)
        if present is None:
            hint = ""
            if version < 2 and name == "events_insert_at_head":  # schema 2 added it
                hint = " (the ledger predates it: any write, e.g. `claims replay`, adds it)"
            problems.append(f"the append-only trigger {name} is missing{hint}")
        elif _normalised(present[1]) != ddl:
            problems.append(f"the append-only trigger {name} is not the one the ledger installed")
    for (kind, name), (table, _) in sorted(found.items()):
        problems.append(f"an unknown {kind} {name} (on {table}) that the ledger did not install")
    return problems


def missing_triggers(conn: sqlite3.Connection) -> list[str]:
    """Return the append-only triggers that are not in place, or not as installed."""
    found = dict(conn.execute("SELECT name, sql FROM sqlite_master WHERE type = 'trigger'"))
    return [
        name
        for name, ddl in EXPECTED_TRIGGERS.items()
        if name not in found or _normalised(found[name]) != ddl
    ]
