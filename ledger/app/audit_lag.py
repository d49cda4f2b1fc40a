"""Reporting lag: an outlet's figure that matches the claimant's series a day or two off.

Owns `LAG_OFFSETS`, `lagged_figure` and `lagged_window` (the series date a figure, or a window,
matches), and `figure_lag` / `window_lag`: the `reporting-lag` finding of a figure that does
not agree with the series on its own date but does on one of those.
Outlets publish the General Staff's morning report the same day or the next, so an article dated
D often carries the series' figure of D-1 (D-2 at most, over a weekend); and the series dates a
day's losses by the next morning's report, so a figure a text dates by the day it covers ("on
Monday") is the series' figure of D+1. Such a figure is consistent: an info finding naming the
date it matches, not a warning. Pure. Imports: `ledger.projections` (the claim row type).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date, timedelta
from typing import Any

from ledger.projections import ClaimRow

Agrees = Callable[[int, str, int], bool]
"""`consistent(claimed, qualifier, actual)`: how a figure is judged against the series."""

LAG_OFFSETS: tuple[int, ...] = (-1, 1, -2)
"""Days from a figure's date to the series date it may match, in the order tried: the report
of the day before (published a day late), the next morning's report (which covers the day the
text names), the report of two days before (at most: a weekend's delay)."""

_WHY = {
    -1: "a day earlier: outlets publish the morning report the same day or the next",
    -2: "two days earlier: outlets publish the morning report up to two days late",
    1: "a day later: the series dates a day's losses by the next morning's report",
}


def _shift(iso: str, days: int) -> str:
    return (date.fromisoformat(iso) + timedelta(days=days)).isoformat()


def lagged_figure(row: ClaimRow, points: Mapping[str, ClaimRow], agrees: Agrees) -> str | None:
    """Return the first series date, `LAG_OFFSETS` off the figure's own, whose figure `row`
    agrees with, or None."""
    for offset in LAG_OFFSETS:
        day = _shift(row["as_of"], offset)
        if day in points and agrees(row["value"], row["qualifier"], points[day]["value"]):
            return day
    return None


def lagged_window(
    row: ClaimRow, start: str, points: Mapping[str, ClaimRow], agrees: Agrees
) -> tuple[str, str] | None:
    """Return the first (start, end) series dates, both `LAG_OFFSETS` off the window's own
    (`start`, the day before it begins, and its as_of), whose difference `row` agrees with."""
    for offset in LAG_OFFSETS:
        first, last = _shift(start, offset), _shift(row["as_of"], offset)
        if first not in points or last not in points:
            continue
        if agrees(row["value"], row["qualifier"], points[last]["value"] - points[first]["value"]):
            return first, last
    return None


def figure_lag(
    row: ClaimRow, name: str, points: Mapping[str, ClaimRow], agrees: Agrees, worded: str
) -> dict[str, Any] | None:
    """The `reporting-lag` finding of a cumulative figure that the series `name` does not bear
    out on its own date (or lacks that date) but does a day or two off; else None."""
    same_day = points.get(row["as_of"])
    if same_day is not None and agrees(row["value"], row["qualifier"], same_day["value"]):
        return None
    day = lagged_figure(row, points, agrees)
    if day is None:
        return None
    figures = {
        "claimed": row["value"],
        "qualifier": row["qualifier"],
        "series": name,
        "series_value": points[day]["value"],
        "as_of": row["as_of"],
        "same_day_value": None if same_day is None else same_day["value"],
    }
    what = f"{row['subject']} {row['metric']} {worded} as of {row['as_of']}"
    return _finding(row, name, [points[day]], figures, what)


def window_lag(
    row: ClaimRow,
    name: str,
    start: str,
    points: Mapping[str, ClaimRow],
    agrees: Agrees,
    worded: str,
) -> dict[str, Any] | None:
    """The `reporting-lag` finding of a window figure that disagrees with the difference of
    the series `name` over its own dates (`start`, the day before it begins, and its as_of,
    both in `points`) but agrees a day or two off; else None."""
    actual = points[row["as_of"]]["value"] - points[start]["value"]
    if agrees(row["value"], row["qualifier"], actual):
        return None
    found = lagged_window(row, start, points, agrees)
    if found is None:
        return None
    first, last = points[found[0]], points[found[1]]
    difference = last["value"] - first["value"]
    figures = {
        "claimed": row["value"],
        "qualifier": row["qualifier"],
        "window": [row["period_start"], row["as_of"]],
        "series": name,
        "cumulative": {first["as_of"]: first["value"], last["as_of"]: last["value"]},
        "difference": difference,
        "same_dates_difference": actual,
    }
    what = (
        f"{row['subject']} {row['metric']} {worded} from {row['period_start']} to "
        f"{row['as_of']} ({last['value']:,} - {first['value']:,} = {difference:,})"
    )
    return _finding(row, name, [first, last], figures, what)


def _finding(
    row: ClaimRow, name: str, matched: list[ClaimRow], figures: dict[str, Any], what: str
) -> dict[str, Any]:
    """The info finding: `row` (`what`: its wording and dates) agrees with the series `name`'s
    figures `matched`, the last of which names the date it matches."""
    day = matched[-1]["as_of"]
    offset = (date.fromisoformat(day) - date.fromisoformat(row["as_of"])).days
    message = (
        f"{row['publisher'] or row['canonical_claimant']}: {what} agrees with {name}'s "
        f"figures of {day}, {_WHY[offset]}"
    )
    return {
        "severity": "info",
        "kind": "reporting-lag",
        "claims": [row["claim_id"], *(m["claim_id"] for m in matched)],
        "message": message,
        "figures": figures | {"matches": day, "offset_days": offset, "consistent": True},
    }
