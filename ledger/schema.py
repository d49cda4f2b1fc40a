"""The SQLite file: opening it safely, recognising it as a ledger, and its DDL and migrations.

Owns: the `events` table, its triggers, the marks that identify a claim ledger
(`application_id`, `user_version`), and connection settings (WAL, busy timeout).
The only module that writes DDL. Imports: sqlite-utils, `ledger.errors`.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from ledger.errors import InvalidInput, NotALedger

APPLICATION_ID = 0x434C4447  # "CLDG": marks the file as a claim ledger
SCHEMA_VERSION = 1
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

TRIGGERS = ("events_no_update", "events_no_delete")

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
        if readonly:
            conn = sqlite3.connect(
                f"{path.resolve().as_uri()}?mode=ro", uri=True, isolation_level=None
            )
        else:
            conn = sqlite3.connect(path, isolation_level=None)
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        _ensure_schema(conn, path, readonly=readonly)
    except sqlite3.DatabaseError as exc:
        raise NotALedger(f"{path} cannot be opened as a claim ledger: {exc}") from None
    return conn


def _ensure_schema(conn: sqlite3.Connection, path: Path, *, readonly: bool) -> None:
    application_id = conn.execute("PRAGMA application_id").fetchone()[0]
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    if application_id == APPLICATION_ID:
        if version > SCHEMA_VERSION:
            raise NotALedger(
                f"{path} was written by a newer claim-ledger (schema {version}); upgrade to read it"
            )
        if not readonly:
            conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA synchronous = FULL")
        return
    if application_id != 0 or tables:
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
        import sqlite_utils  # only when a ledger is created: it is slow to import (numpy)

        db = sqlite_utils.Database(conn)
        for statement in _statements(EVENTS_DDL):
            db.execute(statement)
        conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
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


def missing_triggers(conn: sqlite3.Connection) -> list[str]:
    """Return the append-only triggers that are not in place (tampering removes them)."""
    present = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")}
    return [name for name in TRIGGERS if name not in present]
