"""The read-model rows every projection is made of, and the `Rows` interface folds write to.

Owns: the row shapes (`ClaimRow`, `ArticleRow`, `LifeRow`, `TotalRow`: each declared once,
here; the tables' column lists are derived from them), `Rows` (the state a fold reads and
updates: in memory for replays and time travel, SQLite-backed for incremental catch-up),
`GroupKey`, and the projection versions. Rows are plain dicts at runtime: the shapes are
for the type checker only. Imports: the standard library only.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, Protocol, TypedDict

CLAIMS_VERSION = 5
"""Bump when the claims fold changes what it writes: the projection is rebuilt by itself.
(3: events about a claim from a stream that does not own it, and assertions of an existing
claim id, are ignored; checkpoints record the hash at their position. 4: a claim's review
state, and rejected claims. 5: a personnel claim's `basis`.)"""
TOTALS_VERSION = 3
"""Bump when the totals rule changes. (2: a total carries its claim's review state. 3: a
personnel total per basis: killed and killed-or-wounded figures are not one series.)"""

PROJECTION_VERSIONS = {"claims": CLAIMS_VERSION, "totals": TOTALS_VERSION}
PROJECTION_NAMES: tuple[str, ...] = tuple(PROJECTION_VERSIONS)


class ClaimRow(TypedDict):
    """A claim as it stands now: the claim's fields, then what the fold adds. The order is
    the claims table's column order. (v2 added `provenance`.)"""

    claim_id: str
    claimant: str
    canonical_claimant: str
    claimant_text: str | None
    publisher: str | None
    subject: str
    metric: str
    value: int
    qualifier: str
    period: str
    period_start: str | None
    as_of: str
    quote: str | None
    span: list[int] | None
    basis: str | None
    """What a personnel figure counts (`events.claims.Basis`; `unknown` when not recorded);
    None for other metrics."""
    status: str
    """active | retracted | withdrawn | rejected (an extraction error, on review)"""
    review: str
    """unreviewed | accepted | fixed | rejected | entered (see `events.reviews`)"""
    origin: str
    """article | asserted | dataset"""
    stream: str
    article_id: str | None
    url: str | None
    title: str | None
    extracted: str | None
    """What an article's extractor read (`claims.fingerprint`), for article claims."""
    provenance: dict[str, str] | None
    first_position: int
    position: int
    """The position of the claim's latest event."""
    recorded_at: str


class ArticleRow(TypedDict):
    """An article, at its latest revision."""

    article_id: str
    stream: str
    url: str | None
    title: str
    publisher: str | None
    author: str | None
    published: str | None
    content_sha256: str
    revision: int
    claim_ids: list[str]
    first_position: int
    position: int


class LifeRow(TypedDict):
    """One event in a claim's life."""

    claim_id: str
    position: int
    kind: str
    """asserted | corrected | retracted | revised | withdrawn | accepted | rejected"""
    recorded_at: str
    actor: str
    detail: dict[str, Any]


class TotalRow(TypedDict):
    """The figure that stands for a (claimant, subject, metric): its winning claim's fields
    (stable keys, see DESIGN.md). The order is the totals table's column order."""

    claimant: str
    """The winning claim's `canonical_claimant`."""
    subject: str
    metric: str
    basis: str | None
    """The winning claim's basis: a personnel total stands per basis (None: not personnel)."""
    value: int
    qualifier: str
    period_start: str | None
    as_of: str
    claim_id: str
    position: int
    publisher: str | None
    review: str
    """The winning claim's review state."""


def keys_of(shape: Any) -> tuple[str, ...]:
    """The keys of a row shape (a TypedDict), in the order it declares them."""
    return tuple(shape.__annotations__)


TOTAL_SOURCES: dict[str, str] = {
    name: "canonical_claimant" if name == "claimant" else name for name in keys_of(TotalRow)
}
"""Each totals field, and the claim field it is copied from."""

GroupKey = tuple[str, str, str, str | None]
"""(canonical claimant, subject, metric, basis): what a total is the latest figure of. A
personnel figure's basis is part of it (killed and killed-or-wounded are two series); other
metrics have none (None)."""


def group_of(row: ClaimRow) -> GroupKey:
    """Return the totals group a claim counts toward."""
    return (row["canonical_claimant"], row["subject"], row["metric"], row.get("basis"))


def total_group(total: TotalRow) -> GroupKey:
    """Return the group a totals row stands for."""
    return (total["claimant"], total["subject"], total["metric"], total.get("basis"))


def group_order(key: GroupKey) -> tuple[str, str, str, str]:
    """A group's sort order: claimant, subject, metric, then basis (none first, as SQLite
    sorts a NULL)."""
    return (key[0], key[1], key[2], key[3] or "")


def figure_name(metric: str, basis: str | None) -> str:
    """A metric as a message names it: "personnel (killed)"; a basis left unknown, or none,
    is not said."""
    return metric if basis in (None, "unknown") else f"{metric} ({basis})"


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
