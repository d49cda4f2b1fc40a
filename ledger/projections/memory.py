"""Rows kept in memory: what a full replay folds into, and what time travel (`--at`) reads.

Owns: `MemoryRows`. Imports: `ledger.projections.base`.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from ledger.projections.base import ArticleRow, ClaimRow, GroupKey, LifeRow, group_of


class MemoryRows:
    """Every read-model row in dicts, with the indexes the fold asks for."""

    def __init__(self) -> None:
        self.claims: dict[str, ClaimRow] = {}
        self.articles: dict[str, ArticleRow] = {}
        self.alias_tables: dict[str, dict[str, str]] = {"claimant": {}, "publisher": {}}
        self.alias_positions: dict[tuple[str, str], int] = {}
        self.life: list[LifeRow] = []
        self.touched: set[GroupKey] = set()
        self._by_claimant: dict[str, set[str]] = defaultdict(set)
        self._by_group: dict[GroupKey, set[str]] = defaultdict(set)

    def claim(self, claim_id: str) -> ClaimRow | None:
        """Return a claim's row, or None."""
        return self.claims.get(claim_id)

    def put_claim(self, row: ClaimRow) -> None:
        """Insert or replace a claim's row, keeping the indexes right."""
        before = self.claims.get(row["claim_id"])
        if before is not None:
            self._by_claimant[before["claimant"]].discard(row["claim_id"])
            self._by_group[group_of(before)].discard(row["claim_id"])
        self.claims[row["claim_id"]] = row
        self._by_claimant[row["claimant"]].add(row["claim_id"])
        self._by_group[group_of(row)].add(row["claim_id"])

    def claim_ids_by_claimant(self, claimant: str) -> list[str]:
        """Return the ids of claims whose claimant (as written) is `claimant`."""
        return sorted(self._by_claimant.get(claimant, ()))

    def article(self, article_id: str) -> ArticleRow | None:
        """Return an article's row, or None."""
        return self.articles.get(article_id)

    def put_article(self, row: ArticleRow) -> None:
        """Insert or replace an article's row."""
        self.articles[row["article_id"]] = row

    def aliases(self, kind: str) -> dict[str, str]:
        """Return the alias table of one kind: alias -> canonical."""
        return self.alias_tables.setdefault(kind, {})

    def put_alias(self, kind: str, alias: str, canonical: str, position: int) -> None:
        """Record an alias (a later declaration for the same alias replaces the earlier)."""
        self.aliases(kind)[alias] = canonical
        self.alias_positions[(kind, alias)] = position

    def add_life(self, row: LifeRow) -> None:
        """Append one entry to a claim's life."""
        self.life.append(row)

    def touch(self, group: GroupKey) -> None:
        """Mark a totals group as needing its winner recomputed."""
        self.touched.add(group)

    def group(self, group: GroupKey) -> Iterable[ClaimRow]:
        """Return the claims of a totals group."""
        return [self.claims[claim_id] for claim_id in sorted(self._by_group.get(group, ()))]
