"""The projection runner: keeps the read-model tables in step with the log.

Owns: the projection tables (created with sqlite-utils), `SQLiteRows` (the fold's state read
through from SQLite, written back in bulk), checkpoints, incremental catch-up inside the
append's own transaction, and rebuilds. Catch-up touches only the rows the new events name,
so its cost does not grow with the log. Imports: `ledger.projections.*`, sqlite-utils.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterable
from typing import Any

import orjson
import sqlite_utils

from ledger.projections import claims as claims_fold
from ledger.projections.base import (
    PROJECTION_VERSIONS,
    ArticleRow,
    ClaimRow,
    GroupKey,
    LifeRow,
)
from ledger.projections.memory import MemoryRows
from ledger.projections.totals import total_row, totals, winner

CLAIM_COLUMNS: dict[str, type] = {
    "claim_id": str,
    "claimant": str,
    "canonical_claimant": str,
    "claimant_text": str,
    "publisher": str,
    "subject": str,
    "metric": str,
    "value": int,
    "qualifier": str,
    "period": str,
    "period_start": str,
    "as_of": str,
    "quote": str,
    "span": str,
    "status": str,
    "origin": str,
    "stream": str,
    "article_id": str,
    "url": str,
    "title": str,
    "extracted": str,
    "provenance": str,
    "first_position": int,
    "position": int,
    "recorded_at": str,
}
ARTICLE_COLUMNS: dict[str, type] = {
    "article_id": str,
    "stream": str,
    "url": str,
    "title": str,
    "publisher": str,
    "author": str,
    "published": str,
    "content_sha256": str,
    "revision": int,
    "claim_ids": str,
    "first_position": int,
    "position": int,
}
LIFE_COLUMNS: dict[str, type] = {
    "claim_id": str,
    "position": int,
    "kind": str,
    "recorded_at": str,
    "actor": str,
    "detail": str,
}
TOTAL_COLUMNS: dict[str, type] = {
    "claimant": str,
    "subject": str,
    "metric": str,
    "value": int,
    "qualifier": str,
    "period_start": str,
    "as_of": str,
    "claim_id": str,
    "position": int,
    "publisher": str,
}
TABLES = ("claims", "claim_life", "articles", "aliases", "totals", "projection_checkpoints")


def ensure_tables(conn: sqlite3.Connection) -> None:
    """Create the projection tables and indexes if they are missing."""
    db = sqlite_utils.Database(conn)
    if "projection_checkpoints" in db.table_names():
        return
    db["claims"].create(CLAIM_COLUMNS, pk="claim_id", not_null={"claimant", "subject"})
    db["claims"].create_index(["canonical_claimant", "subject", "metric"])
    db["claims"].create_index(["claimant"])
    db["claims"].create_index(["as_of"])
    db["claim_life"].create(LIFE_COLUMNS, pk=("claim_id", "position", "kind"))
    db["articles"].create(ARTICLE_COLUMNS, pk="article_id")
    db["aliases"].create(
        {"kind": str, "alias": str, "canonical": str, "position": int}, pk=("kind", "alias")
    )
    db["totals"].create(TOTAL_COLUMNS, pk=("claimant", "subject", "metric"))
    db["projection_checkpoints"].create({"name": str, "position": int, "version": int}, pk="name")


def _json_or_none(value: Any) -> str | None:
    return None if value is None else orjson.dumps(value, option=orjson.OPT_SORT_KEYS).decode()


def _claim_to_sql(row: ClaimRow) -> dict[str, Any]:
    out = {name: row.get(name) for name in CLAIM_COLUMNS}
    out["span"] = _json_or_none(row.get("span"))
    out["provenance"] = _json_or_none(row.get("provenance"))
    return out


def claim_from_sql(record: dict[str, Any]) -> ClaimRow:
    """Turn a claims-table record back into the row the fold wrote."""
    row = dict(record)
    for name in ("span", "provenance"):
        row[name] = orjson.loads(row[name]) if row[name] is not None else None
    return row


def _article_to_sql(row: ArticleRow) -> dict[str, Any]:
    return dict(row, claim_ids=orjson.dumps(row["claim_ids"]).decode())


def _life_to_sql(row: LifeRow) -> dict[str, Any]:
    return dict(row, detail=orjson.dumps(row["detail"], option=orjson.OPT_SORT_KEYS).decode())


class SQLiteRows:
    """The fold's state read through from the projection tables; writes are buffered and
    flushed in bulk, inside the caller's transaction."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn
        self.conn.row_factory = None
        self._claims: dict[str, ClaimRow | None] = {}
        self._dirty_claims: set[str] = set()
        self._articles: dict[str, ArticleRow | None] = {}
        self._dirty_articles: set[str] = set()
        self._aliases: dict[str, dict[str, str]] | None = None
        self._new_aliases: list[tuple[str, str, str, int]] = []
        self._life: list[LifeRow] = []
        self.touched: set[GroupKey] = set()

    def _query(self, sql: str, params: Iterable[Any] = ()) -> list[dict[str, Any]]:
        cursor = self.conn.execute(sql, tuple(params))
        names = [d[0] for d in cursor.description]
        return [dict(zip(names, values, strict=True)) for values in cursor.fetchall()]

    def claim(self, claim_id: str) -> ClaimRow | None:
        """Return a claim's row, reading it once from SQLite."""
        if claim_id not in self._claims:
            found = self._query("SELECT * FROM claims WHERE claim_id = ?", [claim_id])
            self._claims[claim_id] = claim_from_sql(found[0]) if found else None
        return self._claims[claim_id]

    def put_claim(self, row: ClaimRow) -> None:
        """Buffer a claim's new row."""
        self._claims[row["claim_id"]] = row
        self._dirty_claims.add(row["claim_id"])

    def claim_ids_by_claimant(self, claimant: str) -> list[str]:
        """Return claim ids by claimant as written, including unflushed changes."""
        found = {
            r["claim_id"]
            for r in self._query("SELECT claim_id FROM claims WHERE claimant = ?", [claimant])
        }
        for claim_id in self._dirty_claims:
            row = self._claims[claim_id]
            if row is not None and row["claimant"] == claimant:
                found.add(claim_id)
            elif claim_id in found:
                found.discard(claim_id)
        return sorted(found)

    def article(self, article_id: str) -> ArticleRow | None:
        """Return an article's row, reading it once from SQLite."""
        if article_id not in self._articles:
            found = self._query("SELECT * FROM articles WHERE article_id = ?", [article_id])
            row = None
            if found:
                row = dict(found[0], claim_ids=orjson.loads(found[0]["claim_ids"]))
            self._articles[article_id] = row
        return self._articles[article_id]

    def put_article(self, row: ArticleRow) -> None:
        """Buffer an article's new row."""
        self._articles[row["article_id"]] = row
        self._dirty_articles.add(row["article_id"])

    def aliases(self, kind: str) -> dict[str, str]:
        """Return the alias table of one kind (small: read whole, once)."""
        if self._aliases is None:
            self._aliases = {"claimant": {}, "publisher": {}}
            for r in self._query("SELECT kind, alias, canonical FROM aliases ORDER BY position"):
                self._aliases.setdefault(r["kind"], {})[r["alias"]] = r["canonical"]
        return self._aliases.setdefault(kind, {})

    def put_alias(self, kind: str, alias: str, canonical: str, position: int) -> None:
        """Buffer an alias."""
        self.aliases(kind)[alias] = canonical
        self._new_aliases.append((kind, alias, canonical, position))

    def add_life(self, row: LifeRow) -> None:
        """Buffer one entry of a claim's life."""
        self._life.append(row)

    def touch(self, group: GroupKey) -> None:
        """Mark a totals group as needing its winner recomputed."""
        self.touched.add(group)

    def group(self, group: GroupKey) -> Iterable[ClaimRow]:
        """Return a group's claims (call after `flush`, so SQLite holds every change)."""
        sql = "SELECT * FROM claims WHERE canonical_claimant = ? AND subject = ? AND metric = ?"
        return [claim_from_sql(r) for r in self._query(sql, group)]

    def flush(self) -> None:
        """Write every buffered row, in bulk."""
        db = sqlite_utils.Database(self.conn)
        if self._dirty_claims:
            rows = [_claim_to_sql(self._claims[c]) for c in sorted(self._dirty_claims)]  # type: ignore[arg-type]
            db["claims"].insert_all(rows, replace=True, columns=CLAIM_COLUMNS)
            self._dirty_claims.clear()
        if self._dirty_articles:
            rows = [_article_to_sql(self._articles[a]) for a in sorted(self._dirty_articles)]  # type: ignore[arg-type]
            db["articles"].insert_all(rows, replace=True)
            self._dirty_articles.clear()
        if self._new_aliases:
            db["aliases"].insert_all(
                [
                    {"kind": k, "alias": a, "canonical": c, "position": p}
                    for k, a, c, p in self._new_aliases
                ],
                replace=True,
            )
            self._new_aliases.clear()
        if self._life:
            db["claim_life"].insert_all([_life_to_sql(r) for r in self._life], replace=True)
            self._life.clear()


def write_totals(conn: sqlite3.Connection, rows: SQLiteRows | MemoryRows) -> None:
    """Recompute the totals of every touched group from its claims."""
    db = sqlite_utils.Database(conn)
    for key in sorted(rows.touched):
        best = winner(rows.group(key))
        if best is None:
            conn.execute(
                "DELETE FROM totals WHERE claimant = ? AND subject = ? AND metric = ?", key
            )
        else:
            db["totals"].insert(total_row(best), replace=True)
    rows.touched.clear()


def checkpoints(conn: sqlite3.Connection) -> dict[str, tuple[int, int]]:
    """Return {projection: (position, version)} as stored."""
    try:
        found = conn.execute("SELECT name, position, version FROM projection_checkpoints")
    except sqlite3.OperationalError:  # no projection tables yet
        return {}
    return {name: (position, version) for name, position, version in found.fetchall()}


def is_current(conn: sqlite3.Connection, head: int) -> bool:
    """True when every projection is at the head and at its code version."""
    stored = checkpoints(conn)
    return all(stored.get(name) == (head, version) for name, version in PROJECTION_VERSIONS.items())


def _set_checkpoints(conn: sqlite3.Connection, position: int) -> None:
    conn.executemany(
        "INSERT OR REPLACE INTO projection_checkpoints (name, position, version) VALUES (?, ?, ?)",
        [(name, position, version) for name, version in PROJECTION_VERSIONS.items()],
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
    ensure_tables(conn)
    if not events:
        return
    if not is_current(conn, before):
        rebuild(conn, read_all())
        return
    rows = SQLiteRows(conn)
    for event in events:
        claims_fold.apply(rows, event)
    rows.flush()
    write_totals(conn, rows)
    _set_checkpoints(conn, events[-1].position)


def rebuild(conn: sqlite3.Connection, events: Iterable[Any]) -> tuple[int, int]:
    """Drop the projection tables, refold the log in memory, write it back; return
    (events, head). Tables are recreated, so a new code version may change their columns."""
    memory = MemoryRows()
    count, head = 0, 0
    for event in events:
        claims_fold.apply(memory, event)
        count += 1
        head = event.position
    for table in TABLES:
        conn.execute(f"DROP TABLE IF EXISTS {table}")  # table names are constants above
    ensure_tables(conn)
    write_memory(conn, memory)
    _set_checkpoints(conn, head)
    return count, head


def write_memory(conn: sqlite3.Connection, memory: MemoryRows) -> None:
    """Bulk-write an in-memory state into the (empty) projection tables."""
    db = sqlite_utils.Database(conn)
    db["claims"].insert_all(
        (_claim_to_sql(memory.claims[c]) for c in sorted(memory.claims)),
        columns=CLAIM_COLUMNS,
        batch_size=2_000,
    )
    db["articles"].insert_all(
        (_article_to_sql(memory.articles[a]) for a in sorted(memory.articles)), batch_size=2_000
    )
    db["aliases"].insert_all(
        (
            {"kind": kind, "alias": alias, "canonical": canonical, "position": position}
            for (kind, alias), position in sorted(memory.alias_positions.items())
            for canonical in [memory.alias_tables[kind][alias]]
        ),
    )
    db["claim_life"].insert_all((_life_to_sql(r) for r in memory.life), batch_size=2_000)
    db["totals"].insert_all(totals(memory.claims.values()), batch_size=2_000)
    memory.touched.clear()
