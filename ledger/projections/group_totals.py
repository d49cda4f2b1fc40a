"""Totals: for each (claimant, subject, metric), the cumulative figure that stands now.

Owns: computing totals, a group's winner and why each competitor lost, by the rule declared
in `ledger.projections.winner_rule`. Pure. Imports: `ledger.projections.base`, `.winner_rule`.
"""

from __future__ import annotations

from collections.abc import Iterable
from operator import itemgetter
from typing import Any, cast

from ledger.projections.base import (
    TOTAL_SOURCES,
    ClaimRow,
    GroupKey,
    TotalRow,
    group_of,
    group_order,
)
from ledger.projections.winner_rule import behind, eligible, rank

_total_values = itemgetter(*TOTAL_SOURCES.values())


def winner(candidates: Iterable[ClaimRow], as_of: str | None = None) -> ClaimRow | None:
    """Return the claim that stands as the total of its group, or None."""
    best: ClaimRow | None = None
    best_rank: tuple[Any, ...] = ()
    for row in candidates:
        if eligible(row, as_of):
            row_rank = rank(row)
            if best is None or row_rank > best_rank:
                best, best_rank = row, row_rank
    return best


def total_row(row: ClaimRow) -> TotalRow:
    """Return the totals row a winning claim stands for."""
    return cast(TotalRow, dict(zip(TOTAL_SOURCES, _total_values(row), strict=True)))


def totals(claims: Iterable[ClaimRow], *, as_of: str | None = None) -> list[TotalRow]:
    """Compute every group's total from a set of claims, sorted by claimant, subject, metric."""
    best: dict[GroupKey, tuple[tuple[Any, ...], ClaimRow]] = {}
    for row in claims:
        if not eligible(row, as_of):
            continue
        key = group_of(row)
        row_rank = rank(row)
        found = best.get(key)
        if found is None or row_rank > found[0]:
            best[key] = (row_rank, row)
    return [total_row(best[key][1]) for key in sorted(best, key=group_order)]


def why_lost(row: ClaimRow, won: ClaimRow | None, as_of: str | None = None) -> str:
    """Say in a few words why a claim is not the total of its group."""
    if row["status"] != "active":
        return row["status"]
    if row["period"] != "cumulative":
        return "a window figure, not a cumulative one"
    if as_of is not None and row["as_of"] > as_of:
        return f"as of {row['as_of']}, after {as_of}"
    if won is None:
        return "no total"
    return behind(row, won) or "it is the total"
