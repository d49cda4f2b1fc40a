"""The projection runner: keeps the read-model tables in step with the log.

Owns: checkpoints (which position and code version each projection holds, and the hash
there), incremental catch-up inside the append's own transaction, and rebuilds (of every
table, or of the totals alone). Catch-up touches only the rows the new events name, so its
cost does not grow with the log. Imports: `ledger.projections.*` (the fold, the SQLite
rows, the tables), `ledger.store` (`gc_paused`, `GENESIS`).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterable
from typing import Any

from ledger.projections import claims as claims_fold
from ledger.projections.base import PROJECTION_VERSIONS
from ledger.projections.sqlite_rows import SQLiteRows, write_totals
from ledger.projections.tables import (
    CHECKPOINT_COLUMNS,
    GROUP_INDEX,
    drop_tables,
    ensure_tables,
    insert_sql,
)
from ledger.store import gc_paused
from ledger.store.hashing import GENESIS

PAGE = 5_000
"""Events folded between two flushes of a rebuild: memory stays flat however long the log."""
_REBUILD_CACHE = "PRAGMA cache_size = -32768"
"""SQLite's page cache while a rebuild writes every table: 32 MiB (the default is 2 MiB)."""
_DEFAULT_CACHE = "PRAGMA cache_size = -2000"
_CHECKPOINTS = "SELECT name, position, version FROM projection_checkpoints"
_CHECKPOINT_ROWS = "SELECT name, position, version, hash FROM projection_checkpoints"
_SET_CHECKPOINT = insert_sql("projection_checkpoints", CHECKPOINT_COLUMNS)
_ALL_GROUPS = "SELECT DISTINCT canonical_claimant, subject, metric, basis FROM claims"
_TOTALS_CLEAR = "DELETE FROM totals"


def checkpoints(conn: sqlite3.Connection) -> dict[str, tuple[int, int]]:
    """Return {projection: (position, version)} as stored."""
    try:
        found = conn.execute(_CHECKPOINTS)
    except sqlite3.OperationalError:  # no projection tables yet
        return {}
    return {name: (position, version) for name, position, version in found.fetchall()}


def is_current(conn: sqlite3.Connection, head: int) -> bool:
    """True when every projection is at the head and at its code version."""
    stored = checkpoints(conn)
    return all(stored.get(name) == (head, version) for name, version in PROJECTION_VERSIONS.items())


def checkpoint_rows(conn: sqlite3.Connection) -> dict[str, tuple[int, int, str | None]]:
    """Return {projection: (position, version, hash of the event at that position)} as
    stored; the hash is None in tables written before checkpoints recorded it."""
    try:
        found = conn.execute(_CHECKPOINT_ROWS).fetchall()
    except sqlite3.OperationalError:  # no projection tables, or written by an older release
        return {
            name: (position, version, None)
            for name, (position, version) in checkpoints(conn).items()
        }
    return {name: (position, version, hash_) for name, position, version, hash_ in found}


def stored_position(conn: sqlite3.Connection) -> int | None:
    """The one position every projection is at, at its code version; else None."""
    stored = checkpoints(conn)
    if any(stored.get(name, (None, None))[1] != v for name, v in PROJECTION_VERSIONS.items()):
        return None
    positions = {stored[name][0] for name in PROJECTION_VERSIONS}
    return positions.pop() if len(positions) == 1 else None


def set_checkpoints(conn: sqlite3.Connection, position: int, hash_: str) -> None:
    """Record that every projection holds the log up to `position`, whose event has `hash_`:
    a log later cut or rewritten below it no longer matches (`claims verify` checks)."""
    conn.executemany(
        _SET_CHECKPOINT,
        [(name, position, version, hash_) for name, version in PROJECTION_VERSIONS.items()],
    )


def catch_up(
    conn: sqlite3.Connection,
    events: list[Any],
    *,
    before: int,
    read_all: Callable[[], Iterable[Any]],
) -> None:
    """Fold newly appended events into the tables, inside the append's transaction.

    `before` is the head the batch was appended after. Projections that were not at that head,
    or were written by another code version, are rebuilt from `read_all()` instead.
    """
    stored = checkpoints(conn)
    if not stored:  # a new ledger (or one from before projections): make the tables
        ensure_tables(conn)
    if not events:
        return
    if not all(stored.get(name) == (before, v) for name, v in PROJECTION_VERSIONS.items()):
        rebuild(conn, read_all())
        return
    rows = SQLiteRows(conn)
    rows.prefetch(events)
    apply = claims_fold.apply
    for event in events:
        apply(rows, event)
    rows.flush()
    write_totals(conn, rows)
    set_checkpoints(conn, events[-1].position, events[-1].hash)


def rebuild(conn: sqlite3.Connection, events: Iterable[Any]) -> tuple[int, int]:
    """Drop the projection tables and refold the log into them; return (events, head).

    Tables are recreated, so a new code version may change their columns. The fold runs
    page by page through the same `SQLiteRows` as catch-up (so both give the same rows),
    flushing and forgetting each page: memory stays flat however long the log. Totals are
    computed once at the end, by the same rule as catch-up's.
    """
    drop_tables(conn)
    ensure_tables(conn, group_index=False)
    conn.execute(_REBUILD_CACHE)
    try:
        with gc_paused():
            count, head, last_hash = _fold_all(conn, events)
    finally:
        conn.execute(_DEFAULT_CACHE)
    set_checkpoints(conn, head, last_hash)
    return count, head


def rebuild_totals(conn: sqlite3.Connection) -> int:
    """Recompute the totals table from the claims table alone; return the number of groups.

    Totals are a function of the claims rows, so they can be rebuilt without refolding the
    log (`claims replay --projection totals`).
    """
    rows = SQLiteRows(conn)
    conn.execute(_TOTALS_CLEAR)
    groups = conn.execute(_ALL_GROUPS).fetchall()
    rows.touched.update(groups)
    rows.changed.update(groups)
    write_totals(conn, rows)
    return len(groups)


def _fold_all(conn: sqlite3.Connection, events: Iterable[Any]) -> tuple[int, int, str]:
    rows = SQLiteRows(conn)
    apply = claims_fold.apply
    count, head, last_hash = 0, 0, GENESIS
    page: list[Any] = []
    for event in events:
        page.append(event)
        if len(page) >= PAGE:
            last_hash = page[-1].hash
            count, head = _fold_page(rows, page, apply, count)
            page = []
    if page:
        last_hash = page[-1].hash
        count, head = _fold_page(rows, page, apply, count)
    rows.touched.clear()
    conn.execute(GROUP_INDEX)
    groups = conn.execute(_ALL_GROUPS)
    rows.touched.update(groups.fetchall())
    rows.changed.update(rows.touched)
    write_totals(conn, rows)
    return count, head, last_hash


def _fold_page(
    rows: SQLiteRows, page: list[Any], apply: Callable[[Any, Any], Any], count: int
) -> tuple[int, int]:
    rows.prefetch(page)
    for event in page:
        apply(rows, event)
    rows.flush(evict=True)
    rows.touched.clear()
    rows.joined.clear()
    rows.changed.clear()
    return count + len(page), page[-1].position
