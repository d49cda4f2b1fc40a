"""Staleness: how old a latest figure is, and a claimant's series that stopped.

Owns `newest_as_of`, `age_days` (how old a figure is: days between its as_of and the newest
as_of of a cumulative figure in the ledger, not today, so that the same log always gives the
same output), `with_ages` / `with_latest_ages` (the `age_days` of `totals` rows and of the
latest figures of `sources` rows), and `series_stopped`, the `series-stopped` finding of
`check`: a cumulative series that was (near-)daily and has had no figure for
`STOPPED_AFTER_DAYS` before the ledger's newest figure. Pure. Imports: `ledger.projections`.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from itertools import pairwise
from typing import Any

from ledger.projections import ClaimRow, GroupKey, figure_name, group_of

STOPPED_AFTER_DAYS = 7
"""A (near-)daily series with no figure for this many days before the ledger's newest figure
has stopped (a week: longer than any weekend or holiday gap of a daily report)."""
NEAR_DAILY_GAP = 2
"""Days between consecutive figures that still count as a daily series (one missed day)."""
DAILY_RUN = 7
"""How many consecutive figures, each within `NEAR_DAILY_GAP` of the next, ending at the
series' last figure, make it a daily series (a week of reports)."""


def newest_as_of(rows: Iterable[Mapping[str, Any]]) -> str | None:
    """The newest as_of of a cumulative figure among `rows` (claims or totals), or None."""
    dates = [r["as_of"] for r in rows if r.get("period", "cumulative") == "cumulative"]
    return max(dates, default=None)


def age_days(as_of: str, newest: str) -> int:
    """Days from a figure's as_of to the ledger's newest figure (0: it is the newest)."""
    return (date.fromisoformat(newest) - date.fromisoformat(as_of)).days


def with_ages(rows: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """Totals rows, each with its `age_days` against the newest of them (the newest
    cumulative figure of the ledger: each total is its group's latest)."""
    newest = newest_as_of(rows)
    if newest is None:
        return [dict(r) for r in rows]
    return [dict(r) | {"age_days": age_days(r["as_of"], newest)} for r in rows]


def with_latest_ages(rows: list[dict[str, Any]], claims: Iterable[ClaimRow]) -> None:
    """Add to each latest figure of each `sources` row its `age_days` against the newest
    cumulative figure of `claims` (the active claims the rows summarise)."""
    newest = newest_as_of(c for c in claims if c["status"] == "active")
    if newest is None:
        return
    for row in rows:
        for figure in row["latest"]:
            figure["age_days"] = age_days(figure["as_of"], newest)


def _daily(dates: list[str]) -> bool:
    """Whether the last `DAILY_RUN` of these sorted dates are each within `NEAR_DAILY_GAP`
    days of the next."""
    run = [date.fromisoformat(d) for d in dates[-DAILY_RUN:]]
    if len(run) < DAILY_RUN:
        return False
    return all((b - a).days <= NEAR_DAILY_GAP for a, b in pairwise(run))


def series_stopped(active: list[ClaimRow]) -> Iterable[dict[str, Any]]:
    """An info finding per (claimant, subject, metric) cumulative series that was daily up to
    its last figure and has none for `STOPPED_AFTER_DAYS` days before the ledger's newest."""
    by_key: dict[GroupKey, dict[str, ClaimRow]] = defaultdict(dict)
    for row in active:
        if row["period"] == "cumulative":
            by_key[group_of(row)][row["as_of"]] = row
    newest = max((max(points) for points in by_key.values()), default=None)  # newest_as_of
    if newest is None:
        return
    for key, points in sorted(by_key.items()):
        dates = sorted(points)
        silent = age_days(dates[-1], newest)
        if silent < STOPPED_AFTER_DAYS or not _daily(dates):
            continue
        claimant, subject, metric, basis = key
        last = points[dates[-1]]
        message = (
            f"{claimant}: {subject} {figure_name(metric, basis)} was daily up to {dates[-1]} "
            f"and has no figure since: {silent:,} days before the ledger's newest figure ({newest})"
        )
        yield {
            "severity": "info",
            "kind": "series-stopped",
            "claims": [last["claim_id"]],
            "message": message,
            "figures": {"last": dates[-1], "newest": newest, "days_without": silent},
        }
