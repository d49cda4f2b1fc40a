"""The fold's state in the projection tables, and writing the totals table.

Owns: `SQLiteRows` (rows read through from SQLite once, writes buffered and flushed in bulk,
inside the caller's transaction) and `write_totals` (the totals of the groups a batch
touched, by the winner rule's SQL form for groups recomputed from their claims, and by its
Python form for groups only new claims joined). Their cost follows the batch, not the log.
Imports: `ledger.projections.base`, `.codecs`, `.tables`, `.winner_rule`; orjson.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from typing import Any, cast

import orjson

from ledger.projections.base import (
    TOTAL_SOURCES,
    ArticleRow,
    ClaimRow,
    GroupKey,
    LifeRow,
    group_of,
    group_order,
)
from ledger.projections.codecs import (
    article_from_sql,
    article_values,
    claim_from_sql,
    claim_values,
    life_values,
    records,
    total_values,
)
from ledger.projections.tables import (
    ALIAS_COLUMNS,
    ARTICLE_COLUMNS,
    CLAIM_COLUMNS,
    LIFE_COLUMNS,
    TOTAL_COLUMNS,
    insert_sql,
    select_sql,
)
from ledger.projections.winner_rule import ELIGIBLE_SQL, ORDER_BY_SQL, eligible, rank

_CLAIM_INSERT = insert_sql("claims", CLAIM_COLUMNS)
_ARTICLE_INSERT = insert_sql("articles", ARTICLE_COLUMNS)
_ALIAS_INSERT = insert_sql("aliases", ALIAS_COLUMNS)
_LIFE_INSERT = insert_sql("claim_life", LIFE_COLUMNS)
_TOTAL_INSERT = insert_sql("totals", TOTAL_COLUMNS)
# Sets of ids go in as one JSON array parameter: one constant statement, whatever the size.
_CLAIMS_IN = "SELECT * FROM claims WHERE claim_id IN (SELECT value FROM json_each(?))"
_ARTICLES_IN = "SELECT * FROM articles WHERE article_id IN (SELECT value FROM json_each(?))"
_CLAIM = "SELECT * FROM claims WHERE claim_id = ?"
_ARTICLE = "SELECT * FROM articles WHERE article_id = ?"
_BY_CLAIMANT = "SELECT claim_id FROM claims WHERE claimant = ?"
_ALIASES = "SELECT kind, alias, canonical FROM aliases ORDER BY position"
_IN_GROUP = "canonical_claimant = ? AND subject = ? AND metric = ? AND basis IS ?"
_GROUP = f"SELECT * FROM claims WHERE {_IN_GROUP}"
_TOTAL_DELETE = (
    "DELETE FROM totals WHERE claimant = ? AND subject = ? AND metric = ? AND basis IS ?"
)
_TOTALS_OF = select_sql(  # the totals rows of the groups in a JSON array of [claimant, ...]
    "totals",
    where="(claimant, subject, metric, coalesce(basis, '')) IN (SELECT json_extract(value, "
    "'$[0]'), json_extract(value, '$[1]'), json_extract(value, '$[2]'), "
    "coalesce(json_extract(value, '$[3]'), '') FROM json_each(?))",
)
_GROUP_WINNER = (
    f"SELECT {', '.join(TOTAL_SOURCES.values())} FROM claims WHERE {_IN_GROUP} "
    f"AND {ELIGIBLE_SQL} ORDER BY {ORDER_BY_SQL} LIMIT 1"
)
"""A group's totals row: its first eligible claim in the winner rule's order."""


def _referenced(events: Iterable[Any]) -> tuple[set[str], set[str]]:
    """Return the claim ids and article ids a run of events reads or writes."""
    claim_ids: set[str] = set()
    article_ids: set[str] = set()
    for event in events:
        data = event.data
        kind = event.type
        if kind == "claim-asserted":
            claim_ids.add(data["claim"]["claim_id"])
        elif kind in ("claim-corrected", "claim-retracted", "claim-reviewed"):
            claim_ids.add(data["claim_id"])
        elif kind in ("article-recorded", "article-revised"):
            article_ids.add(data["article_id"])
            claim_ids.update(c["claim_id"] for c in data["claims"])
    return claim_ids, article_ids


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
            for record in records(conn.execute(_CLAIMS_IN, (ids,))):
                self._claims[record["claim_id"]] = claim_from_sql(record)
        for claim_id in claim_ids:
            self._claims.setdefault(claim_id, None)
        if article_ids:
            ids = orjson.dumps(sorted(article_ids))
            for record in records(conn.execute(_ARTICLES_IN, (ids,))):
                self._articles[record["article_id"]] = article_from_sql(record)
        for article_id in article_ids:
            self._articles.setdefault(article_id, None)

    def claim(self, claim_id: str) -> ClaimRow | None:
        """Return a claim's row, reading it once from SQLite."""
        try:
            return self._claims[claim_id]
        except KeyError:
            found = records(self.conn.execute(_CLAIM, (claim_id,)))
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
        found = {r["claim_id"] for r in records(self.conn.execute(_BY_CLAIMANT, (claimant,)))}
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
            found = records(self.conn.execute(_ARTICLE, (article_id,)))
            self._articles[article_id] = article_from_sql(found[0]) if found else None
        return self._articles[article_id]

    def put_article(self, row: ArticleRow) -> None:
        """Buffer an article's new row."""
        self._articles[row["article_id"]] = row
        self._dirty_articles.add(row["article_id"])

    def aliases(self, kind: str) -> dict[str, str]:
        """Return the alias table of one kind (small: read whole, once)."""
        if self._aliases is None:
            self._aliases = {"claimant": {}, "publisher": {}}
            for r in records(self.conn.execute(_ALIASES)):
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
        return [claim_from_sql(r) for r in records(self.conn.execute(_GROUP, group))]

    def flush(self, *, evict: bool = False) -> None:
        """Write every buffered row, in bulk; with `evict`, also forget the rows read, so a
        long rebuild holds only one page of them."""
        conn = self.conn
        if self._dirty_claims:
            claims = [self._claims[c] for c in sorted(self._dirty_claims)]
            conn.executemany(_CLAIM_INSERT, [claim_values(r) for r in claims if r is not None])
            self._dirty_claims.clear()
        if self._dirty_articles:
            articles = [self._articles[a] for a in sorted(self._dirty_articles)]
            rows = [article_values(r) for r in articles if r is not None]
            conn.executemany(_ARTICLE_INSERT, rows)
            self._dirty_articles.clear()
        if self._new_aliases:
            conn.executemany(_ALIAS_INSERT, self._new_aliases)
            self._new_aliases.clear()
        if self._life:
            conn.executemany(_LIFE_INSERT, [life_values(r) for r in self._life])
            self._life.clear()
        if evict:
            self._claims.clear()
            self._articles.clear()


def write_totals(conn: sqlite3.Connection, rows: SQLiteRows) -> None:
    """Recompute the totals of every touched group (after `flush`, so SQLite holds the claims).

    A group that only new claims joined keeps its total unless one of them beats it (the
    totals of all such groups are read with one query). A group where a claim changed or
    left is recomputed from its claims with one indexed query. Either way the cost follows
    the batch, not the size of the log.
    """
    joined_only = [k for k in rows.touched if k in rows.joined and k not in rows.changed]
    stored: dict[GroupKey, dict[str, Any]] = {}
    if joined_only:  # their current totals, in one query
        found = conn.execute(_TOTALS_OF, (orjson.dumps(sorted(joined_only, key=group_order)),))
        for values in found:
            total = dict(zip(TOTAL_COLUMNS, values, strict=True))
            stored[(total["claimant"], total["subject"], total["metric"], total["basis"])] = total
    # Each group is decided from the claims table (or the stored totals read above), never
    # from another group's new total, so the writes wait and go in as two bulk statements.
    deletes: list[GroupKey] = []
    inserts: list[tuple[Any, ...]] = []
    for key in sorted(rows.touched, key=group_order):
        if key in rows.changed or key not in rows.joined:
            _recompute(conn, key, deletes, inserts)
        else:
            _join(stored.get(key), rows.joined[key], deletes, inserts)
    conn.executemany(_TOTAL_DELETE, deletes)
    conn.executemany(_TOTAL_INSERT, inserts)
    rows.touched.clear()
    rows.joined.clear()
    rows.changed.clear()


def _recompute(
    conn: sqlite3.Connection,
    key: GroupKey,
    deletes: list[GroupKey],
    inserts: list[tuple[Any, ...]],
) -> None:
    """Rewrite a group's total from its claims in the table (by the rule's SQL form)."""
    best = conn.execute(_GROUP_WINNER, key).fetchone()
    deletes.append(key)
    if best is not None:
        inserts.append(best)


def _join(
    current: dict[str, Any] | None,
    new: list[ClaimRow],
    deletes: list[GroupKey],
    inserts: list[tuple[Any, ...]],
) -> None:
    """Replace a group's stored total (or none) by the best new claim that beats it (by the
    rule's Python form: a totals row ranks by the same columns as its claim)."""
    best_rank = rank(current) if current is not None else None
    best: ClaimRow | None = None
    for row in new:
        if eligible(row):
            row_rank = rank(row)
            if best_rank is None or row_rank > best_rank:
                best, best_rank = row, row_rank
    if best is not None:
        deletes.append(group_of(best))
        inserts.append(cast(tuple[Any, ...], total_values(best)))
