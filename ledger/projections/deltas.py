"""Daily deltas: the change between consecutive figures of a claimant's own cumulative series.

Owns: `delta_series` (issue 15, item 2), `stated_deltas` (only its deltas that carry a
stated increment, as `check` reads them) and `corrections_of`, the kinds of a delta (`KINDS`)
and where a delta stops being a daily one (`DAILY_DAYS`, `GAP_DAYS`). Pure. Imports:
projections base and winner_rule.

Per (claimant, subject, metric), the series has one figure per `as_of` date: when several
active cumulative claims share a date, the claimant's own published one (a data set's) over an
outlet's report of it, then the one the totals rule ranks first (`rank`: the more specific
qualifier, then the later position). Each delta is the change from one figure to the
next, with its dates, the days between them, and its kind:

- `daily`: one day apart; `gap`: 2 or 3 days apart (a missed report); `span`: more than 3 days
  apart, not a daily delta;
- `fall`: the figure went down and nothing explains it (`check` reports falling series);
- `correction`: it went down, explained by a correction: a figure the log corrected (a claim
  life entry of kind `corrected` that changed the value of either figure), or a negative
  correction the source declared (provenance `declared_correction`) on the later date or, for
  a fall, the day before it (the source files some a day early, as `check` reads it). The
  explanation says which.

The delta's value is always the plain difference (so the deltas of a series add up to its last
figure minus its first); the kind says what a fall means. A delta touched by a correction that
is not a fall keeps its kind and still carries the explanation.

The stated increment beside a delta is the claimant's own window claim for exactly the delta's
days: `as_of` the later date and `period_start` the day after the earlier one (a window from S
to E is the change from the day before S to E, as `check` reads windows), e.g. "(+1,210)" in a
General Staff list (period_start = as_of). When several claims state it, the one `rank` ranks
first.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from datetime import date, timedelta
from itertools import pairwise
from typing import Any

from ledger.projections.base import ClaimRow, GroupKey, LifeRow, group_of
from ledger.projections.winner_rule import rank

DAILY_DAYS = 1
GAP_DAYS = 3
"""A delta over more days than this is not a daily delta (`span`)."""
KINDS = ("daily", "gap", "span", "fall", "correction")


def corrections_of(life: Iterable[LifeRow]) -> dict[str, list[str]]:
    """Say, per claim id, each correction in the log that changed the claim's value."""
    out: dict[str, list[str]] = {}
    for entry in life:
        change = entry["detail"].get("changes", {}).get("value")
        if entry["kind"] != "corrected" or not change:
            continue
        old, new = change
        reason = entry["detail"].get("reason")
        said = f"corrected at position {entry['position']}: {old:,} -> {new:,}"
        out.setdefault(entry["claim_id"], []).append(f"{said} ({reason})" if reason else said)
    return out


def delta_series(
    claims: Iterable[ClaimRow], *, corrections: Mapping[str, Sequence[str]] | None = None
) -> list[dict[str, Any]]:
    """Return, per (claimant, subject, metric) with a cumulative figure, its first figure and
    its deltas; `corrections` (claim id -> what the log corrected, `corrections_of`) explains
    falls."""
    figures: dict[GroupKey, dict[str, list[ClaimRow]]] = defaultdict(lambda: defaultdict(list))
    stated: dict[GroupKey, dict[tuple[str, str], list[ClaimRow]]] = defaultdict(
        lambda: defaultdict(list)
    )
    for row in claims:
        if row["status"] != "active":
            continue
        if row["period"] == "cumulative":
            figures[group_of(row)][row["as_of"]].append(row)
        elif row["period"] == "window" and row.get("period_start"):
            stated[group_of(row)][(str(row["period_start"]), row["as_of"])].append(row)
    out = []
    for key, by_date in sorted(figures.items()):
        points = [max(_own(by_date[d]), key=rank) for d in sorted(by_date)]
        windows = stated.get(key, {})
        deltas = [
            _delta(before, after, by_date, windows, corrections or {})
            for before, after in pairwise(points)
        ]
        claimant, subject, metric, basis = key
        first = points[0]
        out.append(
            {
                "claimant": claimant,
                "subject": subject,
                "metric": metric,
                "basis": basis,
                "first": {
                    "as_of": first["as_of"],
                    "value": first["value"],
                    "claim_id": first["claim_id"],
                },
                "deltas": deltas,
            }
        )
    return out


def stated_deltas(claims: Iterable[ClaimRow]) -> list[tuple[GroupKey, dict[str, Any]]]:
    """(group, delta) for each delta of `delta_series(claims)` (no corrections) whose
    `stated` is not None, in its order: found from the stated windows (a window from S to E
    is a delta when E is a figure's date and the figure before it is dated the day before
    S), so only those deltas are worked out, not every day of every series."""
    active = [row for row in claims if row["status"] == "active"]
    stated: dict[GroupKey, dict[tuple[str, str], list[ClaimRow]]] = defaultdict(
        lambda: defaultdict(list)
    )
    for row in active:
        if row["period"] == "window" and row.get("period_start"):
            stated[group_of(row)][(str(row["period_start"]), row["as_of"])].append(row)
    figures: dict[GroupKey, dict[str, list[ClaimRow]]] = defaultdict(lambda: defaultdict(list))
    metrics = {metric for _, _, metric, _ in stated}
    for row in active:  # only the series of a group that states an increment
        if row["metric"] not in metrics or row["period"] != "cumulative":
            continue
        if (key := group_of(row)) in stated:
            figures[key][row["as_of"]].append(row)
    out = []
    for key, by_date in sorted(figures.items()):
        windows = stated[key]
        dates = sorted(by_date)
        ends = []
        for start, end in windows:
            i = bisect_left(dates, end)
            if 0 < i < len(dates) and dates[i] == end and _day(dates[i - 1], 1) == start:
                ends.append(i)
        for i in sorted(ends):
            before, after = (max(_own(by_date[dates[j]]), key=rank) for j in (i - 1, i))
            out.append((key, _delta(before, after, by_date, windows, {})))
    return out


def _own(rows: list[ClaimRow]) -> list[ClaimRow]:
    """A date's figures: the claimant's own published one (a data set's) where it has one,
    not an outlet's report of it; else all of them."""
    return [r for r in rows if r.get("origin") == "dataset"] or rows


def _day(iso: str, shift: int = 0) -> str:
    return (date.fromisoformat(iso) + timedelta(days=shift)).isoformat()


def _delta(
    before: ClaimRow,
    after: ClaimRow,
    by_date: Mapping[str, list[ClaimRow]],
    windows: Mapping[tuple[str, str], list[ClaimRow]],
    corrections: Mapping[str, Sequence[str]],
) -> dict[str, Any]:
    """The change from one figure to the next, its kind, and what the claimant stated."""
    start, end = before["as_of"], after["as_of"]
    days = (date.fromisoformat(end) - date.fromisoformat(start)).days
    change = after["value"] - before["value"]
    declared = _declared(by_date.get(end, []))
    if change < 0 and not any(d < 0 for _, d in declared):  # filed a day early?
        declared += [c for c in _declared(by_date.get(_day(end, -1), [])) if c[1] < 0]
    logged = [
        f"{row['as_of']} {said}"
        for row in (before, after)
        for said in corrections.get(row["claim_id"], ())
    ]
    said = [f"the source declared a correction of {d:+,} on {when}" for when, d in declared]
    if declared:
        said[-1] += f": {change - sum(d for _, d in declared):+,} without it"
    explained = change < 0 and (bool(logged) or any(d < 0 for _, d in declared))
    if explained:
        kind = "correction"
    elif change < 0:
        kind = "fall"
    else:
        kind = "daily" if days <= DAILY_DAYS else "gap" if days <= GAP_DAYS else "span"
    candidates = windows.get((_day(start, 1), end), [])
    told = max(candidates, key=rank) if candidates else None
    return {
        "from": start,
        "to": end,
        "days": days,
        "value": after["value"],
        "delta": change,
        "stated": told["value"] if told else None,
        "stated_qualifier": told["qualifier"] if told else None,
        "kind": kind,
        "explanation": "; ".join(said + logged) or None,
        "declared_correction": sum(d for _, d in declared) if declared else None,
        "claims": [before["claim_id"], after["claim_id"]],
        "stated_claim": told["claim_id"] if told else None,
    }


def _declared(rows: Iterable[ClaimRow]) -> list[tuple[str, int]]:
    """The corrections the source declared on these figures: (date, signed delta)."""
    found = set()
    for row in rows:
        value = (row.get("provenance") or {}).get("declared_correction")
        if value is not None:
            found.add((row["as_of"], int(value)))
    return sorted(found)
