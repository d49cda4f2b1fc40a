"""The projection runner: keeps the read-model tables in step with the log.

Owns: the projection tables (created with sqlite-utils), `SQLiteRows` (the fold's state read
through from SQLite, written back in bulk), checkpoints, incremental catch-up inside the
append's own transaction, and rebuilds. Catch-up touches only the rows the new events name,
so its cost does not grow with the log. Also the local views file of a shared (PostgreSQL)
log: `open_views` and `sync_views`, which catch its tables up from the log in their own
transaction, bound to the log by the hash at their checkpoint. Imports:
`ledger.projections.*`, `ledger.store` (`gc_paused`, `EventStore`), `ledger.schema` (the
ledger file's mark), `ledger.hashing`, `ledger.errors`, sqlite-utils (only to create tables).
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable, Iterable, Iterator
from operator import itemgetter
from typing import Any

import orjson

from ledger import schema
from ledger.errors import InvalidInput, NotALedger, OperationFailed
from ledger.hashing import GENESIS
from ledger.projections import claims as claims_fold
from ledger.projections.base import (
    PROJECTION_VERSIONS,
    ArticleRow,
    ClaimRow,
    GroupKey,
    LifeRow,
    group_of,
)
from ledger.projections.totals import SPECIFICITY
from ledger.store import EventStore, gc_paused

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


def _insert_sql(table: str, columns: Iterable[str], *, replace: bool = True) -> str:
    names = list(columns)
    verb = "INSERT OR REPLACE" if replace else "INSERT"
    return f"{verb} INTO {table} ({', '.join(names)}) VALUES ({', '.join('?' * len(names))})"


_CLAIM_INSERT = _insert_sql("claims", CLAIM_COLUMNS)
_ARTICLE_INSERT = _insert_sql("articles", ARTICLE_COLUMNS)
_ALIAS_INSERT = _insert_sql("aliases", ("kind", "alias", "canonical", "position"))
_LIFE_INSERT = _insert_sql("claim_life", LIFE_COLUMNS)
_TOTAL_INSERT = _insert_sql("totals", TOTAL_COLUMNS)
_CLAIM_NAMES = tuple(CLAIM_COLUMNS)
_claim_columns = itemgetter(*_CLAIM_NAMES)
_SPAN = _CLAIM_NAMES.index("span")
_PROVENANCE = _CLAIM_NAMES.index("provenance")
# Sets of ids go in as one JSON array parameter: one constant statement, whatever the size.
_CLAIMS_IN = "SELECT * FROM claims WHERE claim_id IN (SELECT value FROM json_each(?))"
_ARTICLES_IN = "SELECT * FROM articles WHERE article_id IN (SELECT value FROM json_each(?))"
PAGE = 5_000
"""Events folded between two flushes of a rebuild: memory stays flat however long the log."""
_REBUILD_CACHE = "PRAGMA cache_size = -32768"
"""SQLite's page cache while a rebuild writes every table: 32 MiB (the default is 2 MiB)."""
_DEFAULT_CACHE = "PRAGMA cache_size = -2000"

# The winner rule of `totals.rank` in SQL (latest as_of, most specific qualifier, latest
# position), with the smallest claim id first among exact ties, as `totals()` over claims in
# claim-id order picks it. Catch-up (its touched groups) and rebuild (every group) both use it.
_SPECIFICITY_SQL = (
    "CASE qualifier "
    + " ".join(f"WHEN '{name}' THEN {rank}" for name, rank in SPECIFICITY.items())
    + " ELSE 0 END"
)
_WINNER_ORDER = f"as_of DESC, {_SPECIFICITY_SQL} DESC, position DESC, claim_id ASC"
_ELIGIBLE = "status = 'active' AND period = 'cumulative'"
_TOTAL_SOURCE = (
    "canonical_claimant, subject, metric, value, qualifier, period_start, as_of, claim_id, "
    "position, publisher"
)
_CLAIM = "SELECT * FROM claims WHERE claim_id = ?"
_ARTICLE = "SELECT * FROM articles WHERE article_id = ?"
_BY_CLAIMANT = "SELECT claim_id FROM claims WHERE claimant = ?"
_ALIASES = "SELECT kind, alias, canonical FROM aliases ORDER BY position"
_GROUP = "SELECT * FROM claims WHERE canonical_claimant = ? AND subject = ? AND metric = ?"
_TOTAL_KEY = "claimant = ? AND subject = ? AND metric = ?"
_TOTAL_DELETE = f"DELETE FROM totals WHERE {_TOTAL_KEY}"
_TOTALS_OF = (  # the totals rows of the groups in a JSON array of [claimant, subject, metric]
    f"SELECT {', '.join(TOTAL_COLUMNS)} FROM totals WHERE (claimant, subject, metric) IN ("
    "SELECT json_extract(value, '$[0]'), json_extract(value, '$[1]'), json_extract(value, '$[2]')"
    " FROM json_each(?))"
)
_GROUP_WINNER = (
    f"SELECT {_TOTAL_SOURCE} FROM claims WHERE canonical_claimant = ? AND subject = ? "
    f"AND metric = ? AND {_ELIGIBLE} ORDER BY {_WINNER_ORDER} LIMIT 1"
)


_GROUP_INDEX = (
    'CREATE INDEX IF NOT EXISTS "idx_claims_canonical_claimant_subject_metric"\n'
    '    ON "claims" ("canonical_claimant", "subject", "metric")'
)


def ensure_tables(conn: sqlite3.Connection, *, group_index: bool = True) -> None:
    """Create the projection tables and indexes if they are missing.

    A rebuild passes `group_index=False` and creates that index once the claims are written
    (one sort instead of an index update per row). Claims carry no index on `as_of`: no query
    reads by it.
    """
    found = conn.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'projection_checkpoints'"
    ).fetchone()
    if found:
        return
    import sqlite_utils  # only to create the tables, once per ledger

    db = sqlite_utils.Database(conn)
    db["claims"].create(CLAIM_COLUMNS, pk="claim_id", not_null={"claimant", "subject"})
    if group_index:
        conn.execute(_GROUP_INDEX)
    db["claims"].create_index(["claimant"])
    db["claim_life"].create(LIFE_COLUMNS, pk=("claim_id", "position", "kind"))
    db["articles"].create(ARTICLE_COLUMNS, pk="article_id")
    db["aliases"].create(
        {"kind": str, "alias": str, "canonical": str, "position": int}, pk=("kind", "alias")
    )
    db["totals"].create(TOTAL_COLUMNS, pk=("claimant", "subject", "metric"))
    db["projection_checkpoints"].create(
        {"name": str, "position": int, "version": int, "hash": str}, pk="name"
    )


_dumps = orjson.dumps
_SORTED = orjson.OPT_SORT_KEYS


def _json_or_none(value: Any) -> str | None:
    return None if value is None else _dumps(value, option=_SORTED).decode()


def _claim_to_sql(row: ClaimRow) -> dict[str, Any]:
    out = {name: row.get(name) for name in CLAIM_COLUMNS}
    out["span"] = _json_or_none(row.get("span"))
    out["provenance"] = _json_or_none(row.get("provenance"))
    return out


def _claim_values(row: ClaimRow) -> tuple[Any, ...]:
    """The claims-table values of a row, in column order (as `_claim_to_sql` spells them)."""
    try:
        values = list(_claim_columns(row))
    except KeyError:  # a row missing a column stores NULL there
        values = [row.get(name) for name in _CLAIM_NAMES]
    span, provenance = values[_SPAN], values[_PROVENANCE]
    if span is not None:
        values[_SPAN] = _dumps(span, option=_SORTED).decode()
    if provenance is not None:
        values[_PROVENANCE] = _dumps(provenance, option=_SORTED).decode()
    return tuple(values)


def claim_from_sql(record: dict[str, Any]) -> ClaimRow:
    """Turn a claims-table record back into the row the fold wrote."""
    row = dict(record)
    for name in ("span", "provenance"):
        row[name] = orjson.loads(row[name]) if row[name] is not None else None
    return row


def _article_to_sql(row: ArticleRow) -> dict[str, Any]:
    return dict(row, claim_ids=orjson.dumps(row["claim_ids"]).decode())


def _article_values(row: ArticleRow) -> tuple[Any, ...]:
    out = _article_to_sql(row)
    return tuple(out.get(name) for name in ARTICLE_COLUMNS)


def _life_to_sql(row: LifeRow) -> dict[str, Any]:
    return dict(row, detail=orjson.dumps(row["detail"], option=orjson.OPT_SORT_KEYS).decode())


def _life_values(row: LifeRow) -> tuple[Any, ...]:
    return (
        row["claim_id"],
        row["position"],
        row["kind"],
        row["recorded_at"],
        row["actor"],
        _dumps(row["detail"], option=_SORTED).decode(),
    )


def _referenced(events: Iterable[Any]) -> tuple[set[str], set[str]]:
    """Return the claim ids and article ids a run of events reads or writes."""
    claim_ids: set[str] = set()
    article_ids: set[str] = set()
    for event in events:
        data = event.data
        kind = event.type
        if kind == "claim-asserted":
            claim_ids.add(data["claim"]["claim_id"])
        elif kind in ("claim-corrected", "claim-retracted"):
            claim_ids.add(data["claim_id"])
        elif kind in ("article-recorded", "article-revised"):
            article_ids.add(data["article_id"])
            claim_ids.update(c["claim_id"] for c in data["claims"])
    return claim_ids, article_ids


def _records(cursor: sqlite3.Cursor) -> list[dict[str, Any]]:
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, values, strict=True)) for values in cursor.fetchall()]


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
        # Groups only joined by new claims (their total can only move to one of these) and
        # groups where a claim changed or left (their total is recomputed from the table).
        self.joined: dict[GroupKey, list[ClaimRow]] = {}
        self.changed: set[GroupKey] = set()

    def prefetch(self, events: Iterable[Any]) -> None:
        """Read every claim and article the events name with one query, so the
        fold finds them (or knows they are new) without a query per claim."""
        claim_ids, article_ids = _referenced(events)
        claim_ids.difference_update(self._claims)
        article_ids.difference_update(self._articles)
        conn = self.conn
        if claim_ids:
            ids = orjson.dumps(sorted(claim_ids))
            for record in _records(conn.execute(_CLAIMS_IN, (ids,))):
                self._claims[record["claim_id"]] = claim_from_sql(record)
        for claim_id in claim_ids:
            self._claims.setdefault(claim_id, None)
        if article_ids:
            ids = orjson.dumps(sorted(article_ids))
            for record in _records(conn.execute(_ARTICLES_IN, (ids,))):
                claim_list = orjson.loads(record["claim_ids"])
                self._articles[record["article_id"]] = dict(record, claim_ids=claim_list)
        for article_id in article_ids:
            self._articles.setdefault(article_id, None)

    def claim(self, claim_id: str) -> ClaimRow | None:
        """Return a claim's row, reading it once from SQLite."""
        try:
            return self._claims[claim_id]
        except KeyError:
            found = _records(self.conn.execute(_CLAIM, (claim_id,)))
            row = self._claims[claim_id] = claim_from_sql(found[0]) if found else None
            return row

    def put_claim(self, row: ClaimRow) -> None:
        """Buffer a claim's new row, noting how it moves its totals group."""
        claim_id = row["claim_id"]
        group = group_of(row)
        if claim_id in self._claims and self._claims[claim_id] is None:
            self.joined.setdefault(group, []).append(row)
        else:
            before = self._claims.get(claim_id)
            if before is not None:
                self.changed.add(group_of(before))
            self.changed.add(group)
        self._claims[claim_id] = row
        self._dirty_claims.add(claim_id)

    def claim_ids_by_claimant(self, claimant: str) -> list[str]:
        """Return claim ids by claimant as written, including unflushed changes."""
        found = {r["claim_id"] for r in _records(self.conn.execute(_BY_CLAIMANT, (claimant,)))}
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
            found = _records(self.conn.execute(_ARTICLE, (article_id,)))
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
            for r in _records(self.conn.execute(_ALIASES)):
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
        return [claim_from_sql(r) for r in _records(self.conn.execute(_GROUP, group))]

    def flush(self, *, evict: bool = False) -> None:
        """Write every buffered row, in bulk; with `evict`, also forget the rows read, so a
        long rebuild holds only one page of them."""
        conn = self.conn
        if self._dirty_claims:
            claims = self._claims
            conn.executemany(
                _CLAIM_INSERT,
                [_claim_values(claims[c]) for c in sorted(self._dirty_claims)],  # type: ignore[arg-type]
            )
            self._dirty_claims.clear()
        if self._dirty_articles:
            articles = self._articles
            conn.executemany(
                _ARTICLE_INSERT,
                [_article_values(articles[a]) for a in sorted(self._dirty_articles)],  # type: ignore[arg-type]
            )
            self._dirty_articles.clear()
        if self._new_aliases:
            conn.executemany(_ALIAS_INSERT, self._new_aliases)
            self._new_aliases.clear()
        if self._life:
            conn.executemany(_LIFE_INSERT, [_life_values(r) for r in self._life])
            self._life.clear()
        if evict:
            self._claims.clear()
            self._articles.clear()


def _total_values(row: ClaimRow) -> tuple[Any, ...]:
    """A winning claim's totals-table values, in column order (as `_GROUP_WINNER` selects)."""
    return (
        row["canonical_claimant"],
        row["subject"],
        row["metric"],
        row["value"],
        row["qualifier"],
        row["period_start"],
        row["as_of"],
        row["claim_id"],
        row["position"],
        row["publisher"],
    )


def _beats(a: tuple[Any, ...], b: tuple[Any, ...]) -> bool:
    """True when totals values `a` win over `b` by `_WINNER_ORDER`."""
    rank_a = (a[6], SPECIFICITY.get(a[4], 0), a[8])
    rank_b = (b[6], SPECIFICITY.get(b[4], 0), b[8])
    return rank_a > rank_b or (rank_a == rank_b and a[7] < b[7])


PROJECTION_NAMES: tuple[str, ...] = tuple(PROJECTION_VERSIONS)
_ALL_GROUPS = "SELECT DISTINCT canonical_claimant, subject, metric FROM claims"
_TOTALS_CLEAR = "DELETE FROM totals"


def write_totals(conn: sqlite3.Connection, rows: SQLiteRows) -> None:
    """Recompute the totals of every touched group (after `flush`, so SQLite holds the claims).

    A group that only new claims joined keeps its total unless one of them beats it (the
    totals of all such groups are read with one query). A group where a claim changed or
    left is recomputed from its claims with one indexed query. Either way the cost follows
    the batch, not the size of the log.
    """
    joined_only = [k for k in rows.touched if k in rows.joined and k not in rows.changed]
    stored: dict[GroupKey, tuple[Any, ...]] = {}
    if joined_only:  # their current totals, in one query
        keys = orjson.dumps(sorted(joined_only))
        stored = {tuple(r[:3]): r for r in conn.execute(_TOTALS_OF, (keys,))}  # type: ignore[misc]
    for key in sorted(rows.touched):
        if key in rows.changed or key not in rows.joined:
            best = conn.execute(_GROUP_WINNER, key).fetchone()
            if best is None:
                conn.execute(_TOTAL_DELETE, key)
            else:
                conn.execute(_TOTAL_INSERT, best)
            continue
        current = stored.get(key)
        best = current
        for row in rows.joined[key]:
            if row["status"] == "active" and row["period"] == "cumulative":
                values = _total_values(row)
                if best is None or _beats(values, best):
                    best = values
        if best is not current:
            conn.execute(_TOTAL_INSERT, best)
    rows.touched.clear()
    rows.joined.clear()
    rows.changed.clear()


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


_CHECKPOINT_ROWS = "SELECT name, position, version, hash FROM projection_checkpoints"


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


def _set_checkpoints(conn: sqlite3.Connection, position: int, hash_: str) -> None:
    """Record that every projection holds the log up to `position`, whose event has `hash_`:
    a log later cut or rewritten below it no longer matches (`claims verify` checks)."""
    conn.executemany(
        "INSERT OR REPLACE INTO projection_checkpoints (name, position, version, hash) "
        "VALUES (?, ?, ?, ?)",
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
    _set_checkpoints(conn, events[-1].position, events[-1].hash)


def rebuild(conn: sqlite3.Connection, events: Iterable[Any]) -> tuple[int, int]:
    """Drop the projection tables and refold the log into them; return (events, head).

    Tables are recreated, so a new code version may change their columns. The fold runs
    page by page through the same `SQLiteRows` as catch-up (so both give the same rows),
    flushing and forgetting each page: memory stays flat however long the log. Totals are
    computed once at the end, by the same rule as catch-up's.
    """
    conn.execute("DROP TABLE IF EXISTS claims")  # every table of TABLES
    conn.execute("DROP TABLE IF EXISTS claim_life")
    conn.execute("DROP TABLE IF EXISTS articles")
    conn.execute("DROP TABLE IF EXISTS aliases")
    conn.execute("DROP TABLE IF EXISTS totals")
    conn.execute("DROP TABLE IF EXISTS projection_checkpoints")
    ensure_tables(conn, group_index=False)
    conn.execute(_REBUILD_CACHE)
    try:
        with gc_paused():
            count, head, last_hash = _fold_all(conn, events)
    finally:
        conn.execute(_DEFAULT_CACHE)
    _set_checkpoints(conn, head, last_hash)
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
    conn.execute(_GROUP_INDEX)
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


# -- checking the stored tables against a replay ---------------------------------------------
# `claims verify` folds the log in memory (the same fold) and compares every table row by row,
# in primary-key order, with what the tables hold: a table edited behind the ledger's back is
# named, with the key of its first differing row.

_ALIAS_COLUMNS = ("kind", "alias", "canonical", "position")
_CLAIMS_ALL = f"SELECT {', '.join(CLAIM_COLUMNS)} FROM claims ORDER BY claim_id"
_LIFE_ALL = f"SELECT {', '.join(LIFE_COLUMNS)} FROM claim_life ORDER BY claim_id, position, kind"
_ARTICLES_ALL = f"SELECT {', '.join(ARTICLE_COLUMNS)} FROM articles ORDER BY article_id"
_ALIASES_ALL = f"SELECT {', '.join(_ALIAS_COLUMNS)} FROM aliases ORDER BY kind, alias"
_TOTALS_ALL = f"SELECT {', '.join(TOTAL_COLUMNS)} FROM totals ORDER BY claimant, subject, metric"
_KEY_WIDTH = {"claims": 1, "claim_life": 3, "articles": 1, "aliases": 2, "totals": 3}
"""How many leading columns of each table's rows are its primary key."""


def _stored_rows(conn: sqlite3.Connection, table: str) -> sqlite3.Cursor:
    """Every row of a read-model table, in primary-key order."""
    if table == "claims":
        return conn.execute(_CLAIMS_ALL)
    if table == "claim_life":
        return conn.execute(_LIFE_ALL)
    if table == "articles":
        return conn.execute(_ARTICLES_ALL)
    if table == "aliases":
        return conn.execute(_ALIASES_ALL)
    return conn.execute(_TOTALS_ALL)


_COLUMN_NAMES = {
    "claims": tuple(CLAIM_COLUMNS),
    "claim_life": tuple(LIFE_COLUMNS),
    "articles": tuple(ARTICLE_COLUMNS),
    "aliases": _ALIAS_COLUMNS,
    "totals": tuple(TOTAL_COLUMNS),
}


def _order(value: Any) -> tuple[int, Any]:
    """SQLite's order of values (NULL < numbers < text < blobs), safe to sort mixed types."""
    if value is None:
        return (0, 0)
    if isinstance(value, int | float):
        return (1, value)
    if isinstance(value, str):
        return (2, value)
    return (3, bytes(value))


def _key_order(row: tuple[Any, ...], width: int) -> tuple[tuple[int, Any], ...]:
    return tuple(_order(v) for v in row[:width])


def expected_tables(rows: Any) -> dict[str, list[tuple[Any, ...]]]:
    """The rows each table must hold for `rows` (a `MemoryRows` replay), as SQLite stores
    them, each list sorted by the table's primary key."""
    from ledger.projections.totals import totals

    life: dict[tuple[Any, ...], tuple[Any, ...]] = {}
    for entry in rows.life:  # one row per key: a later entry replaces, as INSERT OR REPLACE does
        values = _life_values(entry)
        life[values[:3]] = values
    aliases = [
        (kind, alias, canonical, rows.alias_positions[(kind, alias)])
        for kind, table in rows.alias_tables.items()
        for alias, canonical in table.items()
    ]
    claims = [_claim_values(row) for row in rows.claims.values()]
    tables = {
        "claims": claims,
        "claim_life": list(life.values()),
        "articles": [_article_values(row) for row in rows.articles.values()],
        "aliases": aliases,
        "totals": [
            tuple(t[name] for name in TOTAL_COLUMNS)
            for t in totals(rows.claims[c] for c in sorted(rows.claims))
        ],
    }
    for name, values in tables.items():
        width = _KEY_WIDTH[name]  # a replay's keys are never NULL: plain tuples sort them
        values.sort(key=lambda row, w=width: row[:w])  # type: ignore[misc]
    return tables


def first_table_difference(conn: sqlite3.Connection, rows: Any) -> str | None:
    """Compare every stored read-model table with a replay (`rows`); return where the first
    one differs ("table totals, row ('A', 'russia', 'tanks'): value is 9999999, the log gives
    1336120"), or None when every table equals the replay."""
    from itertools import zip_longest

    for table, expected in expected_tables(rows).items():
        width = _KEY_WIDTH[table]
        try:
            stored = _stored_rows(conn, table)
        except sqlite3.OperationalError as exc:
            return f"table {table} cannot be read ({exc})"
        for want, have in zip_longest(expected, stored):
            if want == have:
                continue
            if have is None:
                return f"table {table}, row {want[:width]!r}: missing (the log gives it)"
            if want is None:
                return f"table {table}, row {have[:width]!r}: not given by the log"
            if want[:width] != have[:width]:
                if _key_order(want, width) < _key_order(have, width):
                    return f"table {table}, row {want[:width]!r}: missing (the log gives it)"
                return f"table {table}, row {have[:width]!r}: not given by the log"
            names = _COLUMN_NAMES[table]
            column = next(i for i, (a, b) in enumerate(zip(want, have, strict=True)) if a != b)
            return (
                f"table {table}, row {want[:width]!r}: {names[column]} is {have[column]!r}, "
                f"the log gives {want[column]!r}"
            )
    return None


# -- the local views of a shared log ----------------------------------------------------------
# With a PostgreSQL log, the projection tables live in a local SQLite file (`--views`): each
# analyst queries locally, the log is shared. The file records which log it folded (the hash
# at its checkpoint), so a views file pointed at another log, or at one that was replaced, is
# rebuilt rather than trusted.

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
        if name != ":memory:":  # a cache of the log: WAL, and no fsync per commit
            conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA synchronous = NORMAL")
    except sqlite3.DatabaseError as exc:
        raise NotALedger(f"{name} cannot be opened as a views file: {exc}") from None
    return conn


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


def _stored_position(conn: sqlite3.Connection) -> int | None:
    """The one position every projection is at, at its code version; else None."""
    stored = checkpoints(conn)
    if any(stored.get(name, (None, None))[1] != v for name, v in PROJECTION_VERSIONS.items()):
        return None
    positions = {stored[name][0] for name in PROJECTION_VERSIONS}
    return positions.pop() if len(positions) == 1 else None


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
    read_records: Callable[..., Iterator[Any]] = getattr(store, "read_records", store.read)
    try:
        conn.execute("BEGIN IMMEDIATE")
    except sqlite3.OperationalError as exc:
        raise OperationFailed(f"the views file stayed locked: {exc}") from None
    try:
        position = None if rebuild_all else _stored_position(conn)
        source = conn.execute(_VIEWS_SOURCE).fetchone()
        if position is not None and (source is None or source[0] != position):
            position = None
        if (
            position is not None
            and created
            and created[0].position == position + 1
            and created[0].prev_hash == source[1]
        ):  # the append's events directly follow what the views hold: fold them as they are
            catch_up(conn, created, before=position, read_all=read_records)
            conn.execute(_SET_VIEWS_SOURCE, (created[-1].position, created[-1].hash, ledger))
            conn.execute("COMMIT")
            return len(created), created[-1].position
        head = store.head()
        if position is not None and (position > head or hash_at(store, position) != source[1]):
            position = None  # another log, or a log that was replaced
        folded = 0
        last_hash = source[1] if position is not None else GENESIS
        if position is None:
            last: list[Any] = []

            def everything() -> Iterator[Any]:
                for event in read_records(stop=head):
                    last[:1] = [event]
                    yield event

            folded, _ = rebuild(conn, everything())
            if last:
                last_hash = last[0].hash
        else:
            page: list[Any] = []
            for event in read_records(start=position + 1, stop=head):
                page.append(event)
                if len(page) >= PAGE:
                    catch_up(conn, page, before=position, read_all=read_records)
                    folded, position, last_hash = (
                        folded + len(page),
                        page[-1].position,
                        page[-1].hash,
                    )
                    page = []
            if page:
                catch_up(conn, page, before=position, read_all=read_records)
                folded, last_hash = folded + len(page), page[-1].hash
        _set_checkpoints(conn, head, last_hash)
        conn.execute(_SET_VIEWS_SOURCE, (head, last_hash, ledger))
        conn.execute("COMMIT")
        return folded, head
    except BaseException as exc:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        if isinstance(exc, sqlite3.Error):
            raise OperationFailed(f"the views file cannot be updated: {exc}") from None
        raise
