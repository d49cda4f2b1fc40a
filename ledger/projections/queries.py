"""Read models as the read commands see them: from the SQLite tables, or from a replay in memory.

Owns: `ReadModel` (what a read needs: claims, lives, articles, aliases, stored totals),
`SQLiteReadModel` and `MemoryReadModel`. Reads only: imports `ledger.projections.base`,
`.codecs`, `.memory`, `.tables`, never the writers (runner, sqlite_rows, views).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Collection
from typing import Protocol, cast

from ledger.projections.base import ArticleRow, ClaimRow, GroupKey, LifeRow, TotalRow, group_of
from ledger.projections.codecs import (
    article_from_sql,
    claim_from_sql,
    claims_from_sql,
    life_from_sql,
    records,
)
from ledger.projections.memory import MemoryRows
from ledger.projections.tables import select_sql

_CLAIM = "SELECT * FROM claims WHERE claim_id = ?"
_GROUP = (  # by the group index
    "SELECT * FROM claims WHERE canonical_claimant = ? AND subject = ? AND metric = ? "
    "AND basis IS ? ORDER BY claim_id"
)
_LIVES = "SELECT * FROM claim_life ORDER BY position, claim_id, kind"
_LIFE = "SELECT * FROM claim_life WHERE claim_id = ? ORDER BY position, claim_id, kind"
_ARTICLE = "SELECT * FROM articles WHERE article_id = ?"
_ALIASES = "SELECT alias, canonical FROM aliases WHERE kind = ? ORDER BY position"
_TOTALS = select_sql("totals", order=True)
_NAME_COLUMNS = ("canonical_claimant", "publisher", "subject", "metric", "basis")
_NAMES = (  # a scan of the table: the group index lacks publisher and basis (#17)
    "SELECT DISTINCT canonical_claimant, publisher, subject, metric, basis FROM claims NOT INDEXED"
)
CHECK_COLUMNS = (
    "claim_id",
    "canonical_claimant",
    "publisher",
    "subject",
    "metric",
    "value",
    "qualifier",
    "period",
    "period_start",
    "as_of",
    "span",
    "basis",
    "status",
    "origin",
    "article_id",
    "provenance",
    "position",
)
"""The claim columns `check` reads (its rules, its filters and the words around a quote):
not the quote, title, url and the other text it never looks at (`--reviewed` reads whole
rows: it asks their review)."""
_CHECKED = f"SELECT {', '.join(CHECK_COLUMNS)} FROM claims ORDER BY claim_id"
_RANGE_ENDS = (  # one scan, not the groups' rows by index (#17)
    "SELECT * FROM claims NOT INDEXED WHERE status = 'active' AND qualifier IN ('at_least',"
    " 'at_most') AND article_id IS NOT NULL AND span IS NOT NULL ORDER BY claim_id"
)
_FIGURES = (
    "SELECT * FROM claims WHERE metric = ? AND period = 'cumulative' AND status = 'active' "
    "ORDER BY claim_id"
)


def _could_end(row: ClaimRow) -> bool:
    """What `_RANGE_ENDS` selects: a claim `ranges` could pair (it checks the rest)."""
    return (
        row["status"] == "active"
        and row["qualifier"] in ("at_least", "at_most")
        and row.get("article_id") is not None
        and row.get("span") is not None
    )


class ReadModel(Protocol):
    """What read commands read; the same answers whichever backend holds it."""

    def claims(self) -> list[ClaimRow]:
        """Every claim, in claim-id order."""
        ...

    def checked(self) -> list[ClaimRow]:
        """Every claim, in claim-id order, with at least its `CHECK_COLUMNS` (what `check`
        reads of it)."""
        ...

    def figures(self, metric: str) -> list[ClaimRow]:
        """The active cumulative claims of one metric (what `history` shows), in claim-id
        order."""
        ...

    def names(self) -> list[ClaimRow]:
        """One partial row per distinct (canonical_claimant, publisher, subject, metric, basis)
        the claims hold: what name matching reads, without loading every claim."""
        ...

    def claim(self, claim_id: str) -> ClaimRow | None:
        """One claim, or None."""
        ...

    def group(self, key: GroupKey) -> list[ClaimRow]:
        """The claims of one totals group, in claim-id order."""
        ...

    def range_ends(self, groups: Collection[GroupKey]) -> list[ClaimRow]:
        """The claims of these totals groups that could be an end of a range (active,
        `at_least` or `at_most`, from an article, with a span: what `ranges` pairs), in
        claim-id order."""
        ...

    def life(self, claim_id: str | None = None) -> list[LifeRow]:
        """The life entries of one claim (or all), in position order."""
        ...

    def article(self, article_id: str) -> ArticleRow | None:
        """One article, or None."""
        ...

    def articles(self) -> list[ArticleRow]:
        """Every article."""
        ...

    def aliases(self, kind: str) -> dict[str, str]:
        """The alias table of one kind."""
        ...

    def stored_totals(self) -> list[TotalRow] | None:
        """The materialised totals, if this backend keeps them."""
        ...


class SQLiteReadModel:
    """The projection tables of a ledger file."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    def claims(self) -> list[ClaimRow]:
        """Every claim, in claim-id order."""
        return claims_from_sql(self.conn.execute("SELECT * FROM claims ORDER BY claim_id"))

    def checked(self) -> list[ClaimRow]:
        """Every claim with its `CHECK_COLUMNS` only, in claim-id order."""
        return claims_from_sql(self.conn.execute(_CHECKED))

    def figures(self, metric: str) -> list[ClaimRow]:
        """The active cumulative claims of one metric, in claim-id order."""
        return claims_from_sql(self.conn.execute(_FIGURES, (metric,)))

    def names(self) -> list[ClaimRow]:
        """The distinct names the claims hold (see `ReadModel.names`)."""
        return cast(list[ClaimRow], records(self.conn.execute(_NAMES)))

    def claim(self, claim_id: str) -> ClaimRow | None:
        """One claim, or None."""
        found = records(self.conn.execute(_CLAIM, (claim_id,)))
        return claim_from_sql(found[0]) if found else None

    def group(self, key: GroupKey) -> list[ClaimRow]:
        """The claims of one totals group, in claim-id order."""
        return claims_from_sql(self.conn.execute(_GROUP, key))

    def range_ends(self, groups: Collection[GroupKey]) -> list[ClaimRow]:
        """The claims of these groups that could be an end of a range, in claim-id order."""
        if not groups:
            return []
        return [r for r in claims_from_sql(self.conn.execute(_RANGE_ENDS)) if group_of(r) in groups]

    def life(self, claim_id: str | None = None) -> list[LifeRow]:
        """The life entries of one claim (or all), in position order."""
        if claim_id is None:
            rows = records(self.conn.execute(_LIVES))
        else:
            rows = records(self.conn.execute(_LIFE, (claim_id,)))
        return [life_from_sql(r) for r in rows]

    def article(self, article_id: str) -> ArticleRow | None:
        """One article, or None."""
        found = records(self.conn.execute(_ARTICLE, (article_id,)))
        return article_from_sql(found[0]) if found else None

    def articles(self) -> list[ArticleRow]:
        """Every article."""
        rows = records(self.conn.execute("SELECT * FROM articles ORDER BY article_id"))
        return [article_from_sql(r) for r in rows]

    def aliases(self, kind: str) -> dict[str, str]:
        """The alias table of one kind."""
        rows = records(self.conn.execute(_ALIASES, (kind,)))
        return {r["alias"]: r["canonical"] for r in rows}

    def stored_totals(self) -> list[TotalRow] | None:
        """The materialised totals table, sorted."""
        return cast(list[TotalRow], records(self.conn.execute(_TOTALS)))


class MemoryReadModel:
    """Rows replayed into memory: for time travel, and for projections behind the log."""

    def __init__(self, rows: MemoryRows) -> None:
        self.rows = rows

    def claims(self) -> list[ClaimRow]:
        """Every claim, in claim-id order."""
        return [self.rows.claims[c] for c in sorted(self.rows.claims)]

    def checked(self) -> list[ClaimRow]:
        """Every claim (whole rows: they are in memory already), in claim-id order."""
        return self.claims()

    def figures(self, metric: str) -> list[ClaimRow]:
        """The active cumulative claims of one metric, in claim-id order."""
        return [
            r
            for r in self.claims()
            if r["metric"] == metric and r["period"] == "cumulative" and r["status"] == "active"
        ]

    def names(self) -> list[ClaimRow]:
        """The distinct names the claims hold (see `ReadModel.names`)."""
        seen = {tuple(r.get(k) for k in _NAME_COLUMNS) for r in self.rows.claims.values()}
        return [
            cast(ClaimRow, dict(zip(_NAME_COLUMNS, v, strict=True))) for v in sorted(seen, key=str)
        ]

    def claim(self, claim_id: str) -> ClaimRow | None:
        """One claim, or None."""
        return self.rows.claims.get(claim_id)

    def group(self, key: GroupKey) -> list[ClaimRow]:
        """The claims of one totals group, in claim-id order."""
        return [row for row in self.claims() if group_of(row) == key]

    def range_ends(self, groups: Collection[GroupKey]) -> list[ClaimRow]:
        """The claims of these groups that could be an end of a range, in claim-id order."""
        return [r for r in self.claims() if group_of(r) in groups and _could_end(r)]

    def life(self, claim_id: str | None = None) -> list[LifeRow]:
        """The life entries of one claim (or all), in position order."""
        rows = [r for r in self.rows.life if claim_id is None or r["claim_id"] == claim_id]
        return sorted(rows, key=lambda r: (r["position"], r["claim_id"], r["kind"]))

    def article(self, article_id: str) -> ArticleRow | None:
        """One article, or None."""
        return self.rows.articles.get(article_id)

    def articles(self) -> list[ArticleRow]:
        """Every article."""
        return [self.rows.articles[a] for a in sorted(self.rows.articles)]

    def aliases(self, kind: str) -> dict[str, str]:
        """The alias table of one kind."""
        return dict(self.rows.aliases(kind))

    def stored_totals(self) -> list[TotalRow] | None:
        """Memory keeps no materialised totals: they are computed."""
        return None
