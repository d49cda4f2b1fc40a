"""Read models as the read commands see them: from the SQLite tables, or from a replay in memory.

Owns: `ReadModel` (what a read needs: claims, lives, articles, aliases, stored totals),
`SQLiteReadModel` and `MemoryReadModel`. Imports: `ledger.projections.*`.
"""

from __future__ import annotations

import sqlite3
from typing import Any, Protocol

import orjson

from ledger.projections.base import ArticleRow, ClaimRow, LifeRow
from ledger.projections.memory import MemoryRows
from ledger.projections.runner import TOTAL_COLUMNS, claim_from_sql

_CLAIM = "SELECT * FROM claims WHERE claim_id = ?"
_LIVES = "SELECT * FROM claim_life ORDER BY position, claim_id, kind"
_LIFE = "SELECT * FROM claim_life WHERE claim_id = ? ORDER BY position, claim_id, kind"
_ARTICLE = "SELECT * FROM articles WHERE article_id = ?"
_ALIASES = "SELECT alias, canonical FROM aliases WHERE kind = ? ORDER BY position"
_TOTALS = f"SELECT {', '.join(TOTAL_COLUMNS)} FROM totals ORDER BY claimant, subject, metric"


class ReadModel(Protocol):
    """What read commands read; the same answers whichever backend holds it."""

    def claims(self) -> list[ClaimRow]:
        """Every claim, in claim-id order."""
        ...

    def claim(self, claim_id: str) -> ClaimRow | None:
        """One claim, or None."""
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

    def stored_totals(self) -> list[dict[str, Any]] | None:
        """The materialised totals, if this backend keeps them."""
        ...


class SQLiteReadModel:
    """The projection tables of a ledger file."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    @staticmethod
    def _records(cursor: sqlite3.Cursor) -> list[dict[str, Any]]:
        names = [d[0] for d in cursor.description]
        return [dict(zip(names, values, strict=True)) for values in cursor.fetchall()]

    def claims(self) -> list[ClaimRow]:
        """Every claim, in claim-id order."""
        rows = self._records(self.conn.execute("SELECT * FROM claims ORDER BY claim_id"))
        return [claim_from_sql(r) for r in rows]

    def claim(self, claim_id: str) -> ClaimRow | None:
        """One claim, or None."""
        found = self._records(self.conn.execute(_CLAIM, (claim_id,)))
        return claim_from_sql(found[0]) if found else None

    def life(self, claim_id: str | None = None) -> list[LifeRow]:
        """The life entries of one claim (or all), in position order."""
        if claim_id is None:
            rows = self._records(self.conn.execute(_LIVES))
        else:
            rows = self._records(self.conn.execute(_LIFE, (claim_id,)))
        return [dict(r, detail=orjson.loads(r["detail"])) for r in rows]

    def article(self, article_id: str) -> ArticleRow | None:
        """One article, or None."""
        found = self._records(self.conn.execute(_ARTICLE, (article_id,)))
        return dict(found[0], claim_ids=orjson.loads(found[0]["claim_ids"])) if found else None

    def articles(self) -> list[ArticleRow]:
        """Every article."""
        rows = self._records(self.conn.execute("SELECT * FROM articles ORDER BY article_id"))
        return [dict(r, claim_ids=orjson.loads(r["claim_ids"])) for r in rows]

    def aliases(self, kind: str) -> dict[str, str]:
        """The alias table of one kind."""
        rows = self._records(self.conn.execute(_ALIASES, (kind,)))
        return {r["alias"]: r["canonical"] for r in rows}

    def stored_totals(self) -> list[dict[str, Any]] | None:
        """The materialised totals table, sorted."""
        return self._records(self.conn.execute(_TOTALS))


class MemoryReadModel:
    """Rows replayed into memory: for time travel, and for projections behind the log."""

    def __init__(self, rows: MemoryRows) -> None:
        self.rows = rows

    def claims(self) -> list[ClaimRow]:
        """Every claim, in claim-id order."""
        return [self.rows.claims[c] for c in sorted(self.rows.claims)]

    def claim(self, claim_id: str) -> ClaimRow | None:
        """One claim, or None."""
        return self.rows.claims.get(claim_id)

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

    def stored_totals(self) -> list[dict[str, Any]] | None:
        """Memory keeps no materialised totals: they are computed."""
        return None
