"""Window figures: the latest per (claimant, subject, metric), and their sums over a range.

A window claim (`period == "window"`) counts what happened from `period_start` to `as_of`
("in a single day", "over the past week"); one without a `period_start` is a one-day window.

Owns: `latest_windows` (per group, the window figure that ranks highest by the totals order,
`ledger.projections.winner_rule.rank`: latest as_of, then the more specific qualifier, then the
later position), `window_sums` (per group, the sum of the window figures lying inside a date
range) and `add_figures` (the qualifier algebra of a sum). The rules of a sum:

- **Duplicates count once.** Claims of one group reporting the same window (the same
  period_start and as_of: one briefing carried by several outlets, or restated) are one
  figure: the one `rank` puts first; how many were folded is said (`duplicates`).
- **Overlapping windows are never added.** Of the (deduplicated) windows inside the range, the
  sum is over the set of pairwise disjoint windows that covers the most days; among such sets,
  the one with the most windows (the finer ones: seven daily figures that tile a week are
  summed instead of the weekly figure; a weekly figure is summed instead of three daily ones
  inside it, which cover less). On a remaining tie the windows ending later are kept. The
  windows left out are named (`overlapping`), and how many days of the range the sum covers
  (`days_covered` of `days`).
- **Qualifiers.** exact + exact is exact; with any approx, approx; with any at_least (and no
  at_most), at_least; with any at_most (and no at_least), at_most. at_least mixed with at_most
  is a `range`: `low` takes every at_most figure as 0 and `high` at its bound, both taking the
  other figures at their stated values (an at_least figure at its floor, so the true sum may
  be above `high`). Otherwise `low == high == value`.

Pure: functions of claim rows. Imports: `ledger.projections.base`, `.winner_rule`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from typing import Any

from ledger.projections.base import ClaimRow, GroupKey, group_of, group_order
from ledger.projections.winner_rule import rank

WindowKey = tuple[str, str]
"""(period_start, as_of): the days a window figure covers."""


def is_window(row: ClaimRow, as_of: str | None = None) -> bool:
    """An active window claim, and given `as_of`, not dated after it."""
    return (
        row["status"] == "active"
        and row["period"] == "window"
        and (as_of is None or row["as_of"] <= as_of)
    )


def window_of(row: ClaimRow) -> WindowKey:
    """The days a window claim covers: (period_start, as_of); no start is one day."""
    return (row["period_start"] or row["as_of"], row["as_of"])


def _best(rows: Iterable[ClaimRow]) -> ClaimRow:
    return max(rows, key=rank)


def _figure_row(row: ClaimRow, duplicates: int) -> dict[str, Any]:
    return {
        "claimant": row["canonical_claimant"],
        "subject": row["subject"],
        "metric": row["metric"],
        "basis": row.get("basis"),
        "value": row["value"],
        "qualifier": row["qualifier"],
        "period_start": window_of(row)[0],
        "as_of": row["as_of"],
        "claim_id": row["claim_id"],
        "position": row["position"],
        "publisher": row["publisher"],
        "review": row["review"],
        "duplicates": duplicates,
    }


def _groups(claims: Iterable[ClaimRow], as_of: str | None) -> dict[GroupKey, list[ClaimRow]]:
    groups: dict[GroupKey, list[ClaimRow]] = {}
    for row in claims:
        if is_window(row, as_of):
            groups.setdefault(group_of(row), []).append(row)
    return groups


def _dedupe(rows: Iterable[ClaimRow]) -> list[tuple[ClaimRow, int]]:
    """Each distinct window once: its winner by `rank`, and how many others were folded."""
    by_window: dict[WindowKey, list[ClaimRow]] = {}
    for row in rows:
        by_window.setdefault(window_of(row), []).append(row)
    return [(_best(same), len(same) - 1) for _, same in sorted(by_window.items())]


def latest_windows(claims: Iterable[ClaimRow], *, as_of: str | None = None) -> list[dict[str, Any]]:
    """Per (claimant, subject, metric, basis), the window figure that ranks first (latest as_of,
    ...), with how many other claims report the same window (`duplicates`); sorted by group."""
    out = []
    for _, rows in sorted(_groups(claims, as_of).items(), key=lambda g: group_order(g[0])):
        best = _best(rows)
        same = sum(window_of(r) == window_of(best) for r in rows) - 1
        out.append(_figure_row(best, same))
    return out


def add_figures(figures: Sequence[tuple[int, str]]) -> tuple[int, str, int, int]:
    """The sum of (value, qualifier) figures: (value, qualifier, low, high) by the rules of
    the module docstring."""
    quals = {q for _, q in figures}
    total = sum(v for v, _ in figures)
    if "at_least" in quals and "at_most" in quals:
        ceiling = sum(v for v, q in figures if q == "at_most")
        return total - ceiling, "range", total - ceiling, total
    for bound in ("at_least", "at_most", "approx"):
        if bound in quals:
            return total, bound, total, total
    return total, "exact", total, total


def _days(window: WindowKey) -> int:
    start, end = (date.fromisoformat(d) for d in window)
    return (end - start).days + 1


def _disjoint(windows: list[WindowKey]) -> list[int]:
    """The indexes of the pairwise disjoint windows covering the most days, then the most
    windows; ties keep the windows ending later (weighted interval scheduling)."""
    order = sorted(range(len(windows)), key=lambda i: (windows[i][1], windows[i][0]))
    best: list[tuple[tuple[int, int], list[int]]] = [((0, 0), [])]
    for n, i in enumerate(order):
        start = windows[i][0]
        previous = max(
            (m for m in range(n) if windows[order[m]][1] < start), default=-1
        )  # the last window (in end order) ending before this one starts
        (days, count), chosen = best[previous + 1]
        taken = ((days + _days(windows[i]), count + 1), [*chosen, i])
        best.append(taken if taken[0] >= best[n][0] else best[n])
    return sorted(best[-1][1], key=lambda i: windows[i])


def window_sums(
    claims: Iterable[ClaimRow], *, since: str, until: str, as_of: str | None = None
) -> list[dict[str, Any]]:
    """Per (claimant, subject, metric), the sum of its window figures lying inside
    `since`..`until` (inclusive), by the rules of the module docstring; groups with no window
    inside the range are left out."""
    out = []
    groups = _groups(claims, as_of)
    for (claimant, subject, metric, basis), rows in sorted(
        groups.items(), key=lambda g: group_order(g[0])
    ):
        inside = [r for r in rows if since <= window_of(r)[0] and r["as_of"] <= until]
        if not inside:
            continue
        figures = _dedupe(inside)
        keys = [window_of(row) for row, _ in figures]
        chosen = _disjoint(keys)
        summed = [figures[i][0] for i in chosen]
        value, qualifier, low, high = add_figures([(r["value"], r["qualifier"]) for r in summed])
        out.append(
            {
                "claimant": claimant,
                "subject": subject,
                "metric": metric,
                "basis": basis,
                "from": since,
                "to": until,
                "value": value,
                "qualifier": qualifier,
                "low": low,
                "high": high,
                "windows": len(summed),
                "days_covered": sum(_days(keys[i]) for i in chosen),
                "days": _days((since, until)),
                "claims": [r["claim_id"] for r in summed],
                "duplicates": sum(figures[i][1] for i in chosen),
                "overlapping": [
                    figures[i][0]["claim_id"] for i in range(len(figures)) if i not in chosen
                ],
                "unreviewed": sum(r["review"] == "unreviewed" for r in summed),
            }
        )
    return out
