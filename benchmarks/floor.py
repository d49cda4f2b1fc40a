"""The floors under the append and replay figures: what SQLite alone costs for the very rows.

Owns: `append_floor` and `replay_floor` (each returns a run, events/s) and `wal_pages` (the
WAL pages an append writes, by table and index). A floor writes exactly the rows the ledger
writes, precomputed, with `executemany` only and no Python work between statements:

- `append_floor`: the rows a batched append of the benchmark's claims wrote (events through
  their append-only trigger and indexes, Merkle tree nodes, claims, claim_life, each touched
  group's totals row, the checkpoints), read back from a ledger that appended them, written
  again 1,000 events per durable transaction (WAL, `synchronous = FULL`) into a fresh file
  of the ledger's own schema. `append_batched_eps` can come no closer to raw SQLite than it.
- `replay_floor`: the log read and every payload decoded, then the projection tables dropped,
  made again and filled with the rows a rebuild writes (group index after), in one
  transaction on a copy of the log, as `Ledger.replay()` does but without the fold.

Imports: `ledger` (to write and replay the source ledger), `ledger.projections.tables`,
`ledger.store`, sqlite3, orjson.
"""

from __future__ import annotations

import collections
import sqlite3
import struct
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import orjson

_TABLES = ("claims", "claim_life", "articles", "aliases", "totals")


def _schema(conn: sqlite3.Connection) -> list[str]:
    """The DDL of every table, index and trigger of a ledger file, in the order made."""
    found = conn.execute("SELECT sql FROM sqlite_master WHERE sql IS NOT NULL ORDER BY rowid")
    return [sql for (sql,) in found]


def _insert(table: str, width: int, *, replace: bool = False) -> str:
    verb = "INSERT OR REPLACE" if replace else "INSERT"
    return f"{verb} INTO {table} VALUES ({', '.join('?' * width)})"


def _batches(source: Path, batch: int) -> tuple[list[str], list[list[tuple[str, list[Any]]]]]:
    """The schema of `source` and, per batch of `batch` positions, the statements and rows
    its append wrote: each table's rows whose position falls in the batch."""
    conn = sqlite3.connect(source)
    schema = _schema(conn)
    events = conn.execute("SELECT * FROM events ORDER BY position").fetchall()
    claims = conn.execute("SELECT * FROM claims ORDER BY claim_id").fetchall()
    life = conn.execute("SELECT * FROM claim_life ORDER BY claim_id, position, kind").fetchall()
    nodes = conn.execute("SELECT * FROM merkle_nodes ORDER BY level, idx").fetchall()
    totals = conn.execute("SELECT * FROM totals").fetchall()
    checkpoints = conn.execute("SELECT * FROM projection_checkpoints").fetchall()
    names = [d[0] for d in conn.execute("SELECT * FROM claims LIMIT 0").description]
    conn.close()
    at = {name: names.index(name) for name in ("first_position", "canonical_claimant")}
    group = {n: names.index(n) for n in ("canonical_claimant", "subject", "metric", "basis")}
    total_of = {tuple(t[:4]): t for t in totals}
    out: list[list[tuple[str, list[Any]]]] = []
    for first in range(1, len(events) + 1, batch):
        last = first + batch - 1

        def within(position: int, lo: int = first, hi: int = last) -> bool:
            return lo <= position <= hi

        mine = [c for c in claims if within(c[at["first_position"]])]
        groups = sorted({tuple(c[i] for i in group.values()) for c in mine}, key=repr)
        touched = [total_of[g] for g in groups if g in total_of]
        out.append(
            [
                (_insert("events", 12), events[first - 1 : last]),
                (  # a node is stored by the append of its last leaf
                    _insert("merkle_nodes", 3, replace=True),
                    [n for n in nodes if within((n[1] + 1) << n[0])],
                ),
                (_insert("claims", len(names), replace=True), mine),
                (
                    _insert("claim_life", len(life[0]), replace=True),
                    [r for r in life if within(r[1])],
                ),
                (
                    "DELETE FROM totals WHERE claimant = ? AND subject = ? AND metric = ? "
                    "AND basis IS ?",
                    [t[:4] for t in touched],
                ),
                (_insert("totals", len(totals[0])), touched),
                (_insert("projection_checkpoints", 4, replace=True), checkpoints),
            ]
        )
    return schema, out


def append_floor(source: Path, new_path: Callable[[], Path], batch: int) -> Callable[[], float]:
    """A run: the rows a ledger's append wrote to `source`, written again with executemany
    only, `batch` events per durable transaction, into a fresh file; events/s."""
    schema, batches = _batches(source, batch)
    count = sum(len(rows) for statements in batches for sql, rows in statements[:1])

    def run() -> float:
        conn = sqlite3.connect(new_path(), isolation_level=None)
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = FULL")
        for sql in schema:
            conn.execute(sql)
        t0 = time.perf_counter()
        for statements in batches:
            conn.execute("BEGIN IMMEDIATE")
            for sql, rows in statements:
                conn.executemany(sql, rows)
            conn.execute("COMMIT")
        seconds = time.perf_counter() - t0
        conn.close()
        return count / seconds

    return run


def replay_floor(log: Path, new_path: Callable[[], Path]) -> Callable[[], float]:
    """A run: on a copy of `log` (its projections built), read every event and decode its
    payload, then drop, make and fill the projection tables with the rows they hold (group
    index after), in one transaction; events/s."""
    from ledger import Ledger
    from ledger.projections.tables import GROUP_INDEX, drop_tables, ensure_tables

    with Ledger.open(log) as ledger:
        if ledger.place.current()[0] is None:
            ledger.replay()
    conn = sqlite3.connect(log)
    rows = {table: conn.execute(f"SELECT * FROM {table}").fetchall() for table in _TABLES}
    conn.close()

    def run() -> float:
        copy = new_path()
        with sqlite3.connect(log) as original, sqlite3.connect(copy) as target:
            original.backup(target)
        conn = sqlite3.connect(copy, isolation_level=None)
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = FULL")
        loads, count = orjson.loads, 0
        t0 = time.perf_counter()
        conn.execute("BEGIN IMMEDIATE")
        for (data,) in conn.execute("SELECT data FROM events ORDER BY position"):
            loads(data)
            count += 1
        drop_tables(conn)
        ensure_tables(conn, group_index=False)
        conn.execute("PRAGMA cache_size = -32768")  # as a rebuild sets it
        for table, values in rows.items():
            if values:
                conn.executemany(_insert(table, len(values[0]), replace=True), values)
        conn.execute(GROUP_INDEX)
        conn.execute("COMMIT")
        seconds = time.perf_counter() - t0
        conn.close()
        return count / seconds

    return run


def wal_pages(
    conn: sqlite3.Connection, path: Path, append: Callable[[], None], events: int
) -> dict[str, float]:
    """The WAL pages `append()` writes per event, by table or index, where `append` appends
    `events` events through `conn` to the ledger at `path`: the WAL is emptied first and not
    checkpointed while it runs, then each frame's page is mapped to the b-tree holding it
    (SQLite's dbstat)."""
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.execute("PRAGMA wal_autocheckpoint = 0")
    append()
    data = Path(f"{path}-wal").read_bytes()
    size = struct.unpack(">I", data[8:12])[0]
    frames = collections.Counter(
        struct.unpack(">I", data[at : at + 4])[0] for at in range(32, len(data), 24 + size)
    )
    owner = {page: name for name, page in conn.execute("SELECT name, pageno FROM dbstat")}
    conn.execute("PRAGMA wal_autocheckpoint = 1000")
    by: collections.Counter[str] = collections.Counter()
    for page, count in frames.items():
        by[owner.get(page, "(free)")] += count
    return {name: count / events for name, count in by.most_common()}
