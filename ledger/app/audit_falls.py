"""Falling series: a cumulative figure lower than the same claimant's figure of an earlier date.

Owns: `falling_series` (the `non-monotonic` finding, or `declared-correction` where the source
declared a correction that explains the fall), `declared_between` (the corrections a source
declared over a span of its series, which a window's difference includes) and `DeclaredIndex`
(the same sums from a series' sorted dates and running totals: two bisections a window, not a
pass over every point of the series). Pure: functions of claim rows. Imports:
`ledger.projections` (the claim row and group key types).
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Mapping
from datetime import date, timedelta
from typing import Any

from ledger.projections import ClaimRow, GroupKey, figure_name, group_order

Points = Mapping[GroupKey, Mapping[str, list[ClaimRow]]]
"""Per (claimant, subject, metric, basis), the cumulative figures of each date."""


def declared(row: ClaimRow) -> int | None:
    """The correction the source declared on this figure, if any (provenance)."""
    value = (row.get("provenance") or {}).get("declared_correction")
    return int(value) if value is not None else None


def declared_between(points: Mapping[str, ClaimRow], start: str, end: str) -> int:
    """The sum of the corrections the source declared on its figures after `start`, up to and
    including `end`: the part of the difference between them that is not the period's losses."""
    return sum(declared(row) or 0 for day, row in points.items() if start < day <= end)


class DeclaredIndex:
    """`declared_between` of one series, answered from its sorted dates and the running total
    of the corrections declared up to each: built once per series (n log n), then each span
    is two bisections (`between(start, end) == declared_between(points, start, end)`)."""

    def __init__(self, points: Mapping[str, ClaimRow]) -> None:
        self.days = sorted(points)
        self.totals = [0]
        for day in self.days:
            self.totals.append(self.totals[-1] + (declared(points[day]) or 0))

    def between(self, start: str, end: str) -> int:
        """The corrections declared after `start`, up to and including `end`."""
        if end <= start:
            return 0
        first, last = bisect_right(self.days, start), bisect_right(self.days, end)
        return self.totals[last] - self.totals[first]


def falling_series(points: Points) -> Iterable[dict[str, Any]]:
    """Yield a finding per cumulative figure lower than the claimant's figure of an earlier
    date (figures qualified as at least or at most bound a series, they are not points of it)."""
    for key, by_date in sorted(points.items(), key=lambda p: group_order(p[0])):
        previous: ClaimRow | None = None
        for as_of in sorted(by_date):
            rows = by_date[as_of]
            if len(rows) == 1:  # most days: one figure, its own low and high
                if rows[0]["qualifier"] not in _POINTS:
                    continue
                low = high = rows[0]
            else:
                day = [r for r in rows if r["qualifier"] in _POINTS]
                if not day:
                    continue
                low = min(day, key=_by_value)
                high = max(day, key=_by_value)
            if previous is not None and low["value"] < previous["value"]:
                yield _falling(key, previous, low, by_date)
            previous = high


_POINTS = ("exact", "approx")
"""The qualifiers of a figure that is a point of its series (not a bound of it)."""


def _by_value(row: ClaimRow) -> tuple[int, str]:
    return (row["value"], row["claim_id"])


def _falling(
    key: GroupKey, before: ClaimRow, after: ClaimRow, by_date: Mapping[str, list[ClaimRow]]
) -> dict[str, Any]:
    claimant, subject, metric, basis = key
    # A declared correction explains the drop; the source files some a day early.
    day_before = (date.fromisoformat(after["as_of"]) - timedelta(days=1)).isoformat()
    rows = [after, *by_date.get(day_before, [])]
    explained = next((d for d in map(declared, rows) if d is not None and d < 0), None)
    figures: dict[str, Any] = {
        "earlier": {"as_of": before["as_of"], "value": before["value"]},
        "later": {"as_of": after["as_of"], "value": after["value"]},
        "drop": before["value"] - after["value"],
    }
    claims = [before["claim_id"], after["claim_id"]]
    fall = (
        f"{claimant}: {subject} {figure_name(metric, basis)} falls from {before['value']:,} "
        f"({before['as_of']}) to {after['value']:,} ({after['as_of']})"
    )
    if explained is not None:
        figures["declared_correction"] = explained
        message = f"{fall}, explained by a declared correction of {explained:,}"
        return _finding("info", "declared-correction", claims, message, figures)
    both_exact = before["qualifier"] == after["qualifier"] == "exact"
    message = f"{fall}: a cumulative figure cannot go down"
    return _finding("error" if both_exact else "warning", "non-monotonic", claims, message, figures)


def _finding(
    severity: str, kind: str, claims: list[str], message: str, figures: dict[str, Any]
) -> dict[str, Any]:
    return {
        "severity": severity,
        "kind": kind,
        "claims": claims,
        "message": message,
        "figures": figures,
    }
