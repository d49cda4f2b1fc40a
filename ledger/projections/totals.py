"""Totals: for each (claimant, subject, metric), the cumulative figure that stands now.

Owns: the winner rule — latest as_of; then the more specific qualifier (exact > approx >
at_least/at_most); then the later position — and why each competitor lost. Pure.
Imports: `ledger.projections.base`.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from ledger.projections.base import ClaimRow, GroupKey, group_of

SPECIFICITY = {"exact": 3, "approx": 2, "at_least": 1, "at_most": 1}

TOTAL_FIELDS = (
    "claimant",
    "subject",
    "metric",
    "value",
    "qualifier",
    "period_start",
    "as_of",
    "claim_id",
    "position",
    "publisher",
)


def eligible(row: ClaimRow, as_of: str | None = None) -> bool:
    """A claim counts toward totals when it is active, cumulative, and not after `as_of`."""
    return (
        row["status"] == "active"
        and row["period"] == "cumulative"
        and (as_of is None or row["as_of"] <= as_of)
    )


def rank(row: ClaimRow) -> tuple[str, int, int]:
    """Order claims so that the winner is the greatest."""
    return (row["as_of"], SPECIFICITY[row["qualifier"]], row["position"])


def winner(candidates: Iterable[ClaimRow], as_of: str | None = None) -> ClaimRow | None:
    """Return the claim that stands as the total of its group, or None."""
    best = None
    for row in candidates:
        if eligible(row, as_of) and (best is None or rank(row) > rank(best)):
            best = row
    return best


def total_row(row: ClaimRow) -> dict[str, Any]:
    """Return the totals row a winning claim stands for (stable keys, see DESIGN.md)."""
    return {
        "claimant": row["canonical_claimant"],
        "subject": row["subject"],
        "metric": row["metric"],
        "value": row["value"],
        "qualifier": row["qualifier"],
        "period_start": row["period_start"],
        "as_of": row["as_of"],
        "claim_id": row["claim_id"],
        "position": row["position"],
        "publisher": row["publisher"],
    }


def totals(claims: Iterable[ClaimRow], *, as_of: str | None = None) -> list[dict[str, Any]]:
    """Compute every group's total from a set of claims, sorted by claimant, subject, metric."""
    best: dict[GroupKey, ClaimRow] = {}
    for row in claims:
        if not eligible(row, as_of):
            continue
        key = group_of(row)
        if key not in best or rank(row) > rank(best[key]):
            best[key] = row
    return [total_row(best[key]) for key in sorted(best)]


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
    if row["as_of"] < won["as_of"]:
        return f"older as_of ({row['as_of']} < {won['as_of']})"
    if SPECIFICITY[row["qualifier"]] < SPECIFICITY[won["qualifier"]]:
        return f"less specific qualifier ({row['qualifier']} < {won['qualifier']})"
    return f"earlier position ({row['position']} < {won['position']})"
