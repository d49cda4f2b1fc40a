"""The read-model rows every projection is made of, and the `Rows` interface folds write to.

Owns: the row shapes (`ClaimRow`, `ArticleRow`, `LifeRow`), `Rows` (the state a fold reads
and updates: in memory for replays and time travel, SQLite-backed for incremental catch-up),
`GroupKey`, and the projection versions. Imports: the standard library only.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, Protocol

CLAIMS_VERSION = 3
"""Bump when the claims fold changes what it writes: the projection is rebuilt by itself.
(3: events about a claim from a stream that does not own it, and assertions of an existing
claim id, are ignored; checkpoints record the hash at their position.)"""
TOTALS_VERSION = 1
"""Bump when the totals rule changes."""

PROJECTION_VERSIONS = {"claims": CLAIMS_VERSION, "totals": TOTALS_VERSION}

ClaimRow = dict[str, Any]
"""A claim as it stands now: the claim's fields plus `canonical_claimant`, `status`
(active | retracted | withdrawn), `stream`, `article_id`, `url`, `title`, `origin`
(article | asserted | dataset), `provenance` (dict or None), `first_position`, `position`
(its latest event), `recorded_at`. (v2 added `provenance`.)"""

ArticleRow = dict[str, Any]
"""An article: id, stream, url, title, publisher, author, published, content_sha256,
revision, claim_ids (list), first_position, position."""

LifeRow = dict[str, Any]
"""One event in a claim's life: claim_id, position, kind (asserted | corrected | retracted |
revised | withdrawn), recorded_at, actor, detail (dict)."""

GroupKey = tuple[str, str, str]
"""(canonical claimant, subject, metric): what a total is the latest figure of."""


def group_of(row: ClaimRow) -> GroupKey:
    """Return the totals group a claim counts toward."""
    return (row["canonical_claimant"], row["subject"], row["metric"])


class Rows(Protocol):
    """The state a fold reads and writes; backends keep it in memory or in SQLite."""

    def claim(self, claim_id: str) -> ClaimRow | None:
        """Return a claim's row, or None."""
        ...

    def put_claim(self, row: ClaimRow) -> None:
        """Insert or replace a claim's row."""
        ...

    def claim_ids_by_claimant(self, claimant: str) -> list[str]:
        """Return the ids of claims whose claimant (as written) is `claimant`."""
        ...

    def article(self, article_id: str) -> ArticleRow | None:
        """Return an article's row, or None."""
        ...

    def put_article(self, row: ArticleRow) -> None:
        """Insert or replace an article's row."""
        ...

    def aliases(self, kind: str) -> dict[str, str]:
        """Return the alias table of one kind (claimant | publisher): alias -> canonical."""
        ...

    def put_alias(self, kind: str, alias: str, canonical: str, position: int) -> None:
        """Record an alias."""
        ...

    def add_life(self, row: LifeRow) -> None:
        """Append one entry to a claim's life."""
        ...

    def touch(self, group: GroupKey) -> None:
        """Mark a totals group as needing its winner recomputed."""
        ...

    def group(self, group: GroupKey) -> Iterable[ClaimRow]:
        """Return the claims of a totals group (any status, any period)."""
        ...
