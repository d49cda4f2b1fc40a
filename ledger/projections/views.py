"""The local views file of a shared (PostgreSQL) log.

With a PostgreSQL log, the projection tables live in a local SQLite file (`--views`): each
analyst queries locally, the log is shared. The file records which log it folded (the hash
at its checkpoint), so a views file pointed at another log, or at one that was replaced, is
rebuilt rather than trusted.

Owns: `open_views`, `views_record`, `hash_at` and `sync_views` (which catches the tables up
from the log in one transaction of the views file). Imports: `ledger.projections.runner`
(called through the module, so tests may wrap its steps), `ledger.store` (`EventStore`,
`GENESIS`, the ledger file's mark), `ledger.errors`.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable, Iterator
from typing import Any

from ledger.errors import InvalidInput, NotALedger, OperationFailed
from ledger.projections import runner
from ledger.store import EventStore
from ledger.store import sqlite_schema as schema
from ledger.store.hashing import GENESIS

VIEWS_APPLICATION_ID = 0x434C5657  # "CLVW": marks a file as claim-ledger views
_MARK_VIEWS = f"PRAGMA application_id = {VIEWS_APPLICATION_ID}"
_VIEWS_BUSY = f"PRAGMA busy_timeout = {schema.BUSY_TIMEOUT_MS}"
_VIEWS_SOURCE_DDL = (
    "CREATE TABLE IF NOT EXISTS views_source ("
    "id INTEGER PRIMARY KEY CHECK (id = 1), position INTEGER NOT NULL, hash TEXT NOT NULL, "
    "ledger TEXT NOT NULL)"
)
_VIEWS_SOURCE = "SELECT position, hash FROM views_source WHERE id = 1"
_VIEWS_RECORD = "SELECT position, hash, ledger FROM views_source WHERE id = 1"
_SET_VIEWS_SOURCE = (
    "INSERT OR REPLACE INTO views_source (id, position, hash, ledger) VALUES (1, ?, ?, ?)"
)
_USER_TABLES = "SELECT name FROM sqlite_master WHERE type = 'table'"

Reader = Callable[..., Iterator[Any]]
"""A store's `read_records` (or `read`): events by `start` and `stop` position."""


def open_views(path: str | os.PathLike[str]) -> sqlite3.Connection:
    """Open (creating) a local views file; `:memory:` keeps the views in memory.

    Raises `NotALedger` for a file that is a ledger, or another application's database.
    """
    name = os.fspath(path)
    try:
        if name != ":memory:" and os.path.isdir(name):
            raise InvalidInput(f"{name} is a directory, not a views file")
        conn = sqlite3.connect(name, isolation_level=None)
        conn.execute(_VIEWS_BUSY)
        mark = conn.execute("PRAGMA application_id").fetchone()[0]
        if mark == schema.APPLICATION_ID:
            conn.close()
            raise NotALedger(f"{name} is a ledger file, not a views file (give --views a new path)")
        if mark != VIEWS_APPLICATION_ID:
            _mark_new(conn, name)
        if name != ":memory:":  # a cache of the log: WAL, and no fsync per commit
            conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA synchronous = NORMAL")
    except sqlite3.DatabaseError as exc:
        raise NotALedger(f"{name} cannot be opened as a views file: {exc}") from None
    return conn


def _mark_new(conn: sqlite3.Connection, name: str) -> None:
    """Mark an empty file as a views file (refusing any other application's database)."""
    conn.execute("BEGIN IMMEDIATE")
    mark = conn.execute("PRAGMA application_id").fetchone()[0]
    foreign = mark != 0 or conn.execute(_USER_TABLES).fetchone() is not None
    if mark != VIEWS_APPLICATION_ID and foreign:
        conn.execute("ROLLBACK")
        conn.close()
        raise NotALedger(f"{name} is not a claim-ledger views file")
    conn.execute(_MARK_VIEWS)
    conn.execute(_VIEWS_SOURCE_DDL)
    conn.execute("COMMIT")


def views_record(conn: sqlite3.Connection) -> tuple[int, str, str] | None:
    """What a views file recorded folding: (position, hash there, which ledger), or None."""
    try:
        found = conn.execute(_VIEWS_RECORD).fetchone()
    except sqlite3.OperationalError:
        return None
    return (found[0], found[1], found[2]) if found else None


def hash_at(store: EventStore, position: int) -> str | None:
    """The hash of the event at `position` in the log (GENESIS for 0), or None if absent."""
    if position == 0:
        return GENESIS
    for row in store.read_rows(start=position, stop=position):
        return str(row["hash"])
    return None


def sync_views(
    conn: sqlite3.Connection,
    store: EventStore,
    *,
    ledger: str,
    created: list[Any] | None = None,
    rebuild_all: bool = False,
) -> tuple[int, int]:
    """Catch the views up with the log in one transaction of the views file; return
    (events folded, position reached).

    `created`, the events an append just wrote, are folded as they are when they follow the
    views' checkpoint (no read of the log); otherwise the events after the checkpoint are read
    page by page. Views of another log (their hash at the checkpoint differs), of another code
    version, or past the log's head are rebuilt from position 1, as is everything with
    `rebuild_all`.
    """
    read_records: Reader = getattr(store, "read_records", store.read)
    try:
        conn.execute("BEGIN IMMEDIATE")
    except sqlite3.OperationalError as exc:
        raise OperationFailed(f"the views file stayed locked: {exc}") from None
    try:
        source = _checkpoint(conn, rebuild_all)
        if source is not None and created and _follows(created, source):
            # the append's events directly follow what the views hold: fold them as they are
            runner.catch_up(conn, created, before=source[0], read_all=read_records)
            folded, head, last_hash = len(created), created[-1].position, created[-1].hash
        else:
            folded, head, last_hash = _fold_from_log(conn, store, read_records, source)
            runner.set_checkpoints(conn, head, last_hash)
        conn.execute(_SET_VIEWS_SOURCE, (head, last_hash, ledger))
        conn.execute("COMMIT")
        return folded, head
    except BaseException as exc:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        if isinstance(exc, sqlite3.Error):
            raise OperationFailed(f"the views file cannot be updated: {exc}") from None
        raise


def _checkpoint(conn: sqlite3.Connection, rebuild_all: bool) -> tuple[int, str] | None:
    """(position, hash) the views hold, every projection at it at its code version; or None
    when they must be rebuilt."""
    position = None if rebuild_all else runner.stored_position(conn)
    source = conn.execute(_VIEWS_SOURCE).fetchone()
    if position is None or source is None or source[0] != position:
        return None
    return position, source[1]


def _follows(created: list[Any], source: tuple[int, str]) -> bool:
    """True when an append's events directly follow what the views hold (position, hash)."""
    first = created[0]
    return bool(first.position == source[0] + 1 and first.prev_hash == source[1])


def _fold_from_log(
    conn: sqlite3.Connection,
    store: EventStore,
    read_records: Reader,
    source: tuple[int, str] | None,
) -> tuple[int, int, str]:
    """Fold the log up to its head, after the views' checkpoint if it is still on this log,
    else from position 1; return (events folded, head, hash at the head)."""
    head = store.head()
    if source is not None and (source[0] > head or hash_at(store, source[0]) != source[1]):
        source = None  # another log, or a log that was replaced
    if source is None:
        folded, last_hash = _rebuild(conn, read_records, head)
    else:
        folded, last_hash = _catch_up_pages(conn, read_records, source, head)
    return folded, head, last_hash


def _rebuild(conn: sqlite3.Connection, read_records: Reader, head: int) -> tuple[int, str]:
    """Rebuild the views from position 1 to `head`; return (events folded, hash at head)."""
    last: list[Any] = []

    def everything() -> Iterator[Any]:
        for event in read_records(stop=head):
            last[:1] = [event]
            yield event

    folded, _ = runner.rebuild(conn, everything())
    return folded, last[0].hash if last else GENESIS


def _catch_up_pages(
    conn: sqlite3.Connection, read_records: Reader, source: tuple[int, str], head: int
) -> tuple[int, str]:
    """Fold the events after the views' checkpoint up to `head`, a page at a time; return
    (events folded, hash at head)."""
    position, last_hash = source
    folded = 0
    page: list[Any] = []
    for event in read_records(start=position + 1, stop=head):
        page.append(event)
        if len(page) >= runner.PAGE:
            runner.catch_up(conn, page, before=position, read_all=read_records)
            folded, position, last_hash = folded + len(page), page[-1].position, page[-1].hash
            page = []
    if page:
        runner.catch_up(conn, page, before=position, read_all=read_records)
        folded, last_hash = folded + len(page), page[-1].hash
    return folded, last_hash
