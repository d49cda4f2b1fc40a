"""Audit: does it add up? Consistency findings over claims, and why a total is what it is.

Owns: `check` (findings, of the `KINDS`: a cumulative series that falls, a window that
disagrees with the difference of cumulative figures, an outlet's figure that the claimant's
own series does not bear out, two claimants far apart, two that count different things),
`consistent` (judging a figure by its qualifier), and `explain_total`. Pure: functions of
claim rows. Imports: `ledger.projections`,
`ledger.app.audit_compare` (which figures are compared: `disagreement`, `not-comparable`),
`ledger.app.audit_deltas` (the `delta-vs-stated` rule),
`ledger.app.audit_lag` (a figure that matches the series a day or two off),
`ledger.app.staleness` (a series that stopped).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from datetime import date, timedelta
from typing import Any, Literal, get_args

from ledger.app import audit_compare, audit_deltas
from ledger.app.audit_lag import figure_lag, window_lag
from ledger.app.staleness import series_stopped
from ledger.projections import (
    ClaimRow,
    GroupKey,
    figure_name,
    group_of,
    rank,
    why_lost,
    winner,
)
from ledger.projections.ranges import ranges

Severity = Literal["info", "warning", "error"]
SEVERITIES: tuple[Severity, ...] = ("info", "warning", "error")
Kind = Literal[
    "non-monotonic",
    "declared-correction",
    "window-vs-series",
    "figure-vs-series",
    "disagreement",
    "delta-vs-stated",
    "reporting-lag",
    "series-stopped",
    "not-comparable",
]
KINDS: tuple[str, ...] = get_args(Kind)
"""Every kind of finding `check` gives (what `check --kind` takes)."""

APPROX_TOLERANCE = 0.05
"""How far "about", "nearly", "almost" may stray from the true figure: rounding to 2 digits."""
DISAGREEMENT_TOLERANCE = 0.10
"""Claimants further apart than this on the same day are reported (not an error)."""

REPUBLISHES: dict[str, str] = {
    "Armed Forces of Ukraine": "General Staff of the Armed Forces of Ukraine",
    "Ministry of Defence of Ukraine": "General Staff of the Armed Forces of Ukraine",
}
"""Claimants whose loss figures are another claimant's series, republished: their figures are
checked against that series (the General Staff publishes the daily count; the armed forces and
the ministry repeat it)."""

Finding = dict[str, Any]
_SPEAKER = re.compile(r" \([^()]*\)$")


def speaks_for(claimant: str) -> str:
    """The body a claimant speaks for: "Ministry of Defence of Ukraine (Oleksandr Pavliuk)" is
    the ministry, its speaker in parentheses; a name without a speaker is itself."""
    return _SPEAKER.sub("", claimant)


def republished(claimant: str) -> str | None:
    """The claimant whose series `claimant` (or the body it speaks for) republishes, if any."""
    return REPUBLISHES.get(claimant) or REPUBLISHES.get(speaks_for(claimant))


def consistent(claimed: int, qualifier: str, actual: int) -> bool:
    """Judge a claimed figure against the true one, as its qualifier allows."""
    if qualifier == "at_least":
        return actual >= claimed
    if qualifier == "at_most":
        return actual <= claimed
    if qualifier == "approx":
        return abs(actual - claimed) <= APPROX_TOLERANCE * max(claimed, 1)
    return actual == claimed


def _finding(
    severity: Severity, kind: Kind, claims: list[str], message: str, figures: dict[str, Any]
) -> Finding:
    return {
        "severity": severity,
        "kind": kind,
        "claims": claims,
        "message": message,
        "figures": figures,
    }


def _day(iso: str) -> date:
    return date.fromisoformat(iso)


class _Series:
    """Cumulative figures per (claimant, subject, metric) and date; the reference series."""

    def __init__(self, claims: list[ClaimRow]) -> None:
        self.points: dict[GroupKey, dict[str, list[ClaimRow]]] = defaultdict(dict)
        self.reference: dict[GroupKey, dict[str, ClaimRow]] = defaultdict(dict)
        for row in claims:
            if row["period"] != "cumulative":
                continue
            key = group_of(row)
            self.points[key].setdefault(row["as_of"], []).append(row)
            if row["origin"] == "dataset":
                self.reference[key][row["as_of"]] = row

    def reference_for(self, row: ClaimRow) -> tuple[str, dict[str, ClaimRow]] | None:
        """Return (claimant, series) to check a claim against: its claimant's own published
        series, else the series of the claimant it republishes."""
        for name in _series_names(row):
            series = self._reference_of(name, row)
            if series:
                return name, series
        return None

    def _reference_of(self, name: str, row: ClaimRow) -> dict[str, ClaimRow] | None:
        """`name`'s series of the row's subject and metric on a basis comparable with the
        row's: its own basis; for a basis left unknown, the one series there is (never a
        pick among several)."""
        basis = row.get("basis")
        found = self.reference.get((name, row["subject"], row["metric"], basis))
        if found or basis != "unknown":
            return found
        others = [
            s
            for (n, subj, m, _), s in self.reference.items()
            if (n, subj, m) == (name, row["subject"], row["metric"])
        ]
        return others[0] if len(others) == 1 else None


def _series_names(row: ClaimRow) -> list[str]:
    """Whose series a claim is checked against, in order: its claimant's, the body it speaks
    for, the claimant it republishes."""
    claimant = row["canonical_claimant"]
    names = (claimant, speaks_for(claimant), republished(claimant))
    return [name for name in names if name is not None]


def check(claims: Iterable[ClaimRow]) -> list[Finding]:
    """Return every finding over the active claims, errors first."""
    active = [r for r in claims if r["status"] == "active"]
    series = _Series(active)
    findings = [
        *_falling_series(series),
        *_windows(active, series),
        *_against_reference(active, series),
        *_disagreements(series),
        *audit_compare.not_compared(active, series.reference_for, series.reference, _series_names),
        *audit_deltas.delta_vs_stated(active, consistent),
        *series_stopped(active),
    ]
    order = {"error": 0, "warning": 1, "info": 2}
    return sorted(findings, key=lambda f: (order[f["severity"]], f["kind"], f["claims"]))


def _declared(row: ClaimRow) -> int | None:
    provenance = row.get("provenance") or {}
    value = provenance.get("declared_correction")
    return int(value) if value is not None else None


def _falling_series(series: _Series) -> Iterable[Finding]:
    """A cumulative figure lower than the same claimant's figure of an earlier date."""
    for key, by_date in sorted(series.points.items()):
        previous: tuple[str, ClaimRow] | None = None
        for as_of in sorted(by_date):
            points = [r for r in by_date[as_of] if r["qualifier"] in ("exact", "approx")]
            if not points:
                continue
            low = min(points, key=lambda r: (r["value"], r["claim_id"]))
            if previous is not None and low["value"] < previous[1]["value"]:
                yield _falling(key, previous[1], low, by_date)
            high = max(points, key=lambda r: (r["value"], r["claim_id"]))
            previous = (as_of, high)


def _falling(
    key: GroupKey, before: ClaimRow, after: ClaimRow, by_date: dict[str, list[ClaimRow]]
) -> Finding:
    drop = before["value"] - after["value"]
    claimant, subject, metric, basis = key
    # A declared correction explains the drop; the source files some a day early.
    declared = [_declared(after)]
    day_before = (_day(after["as_of"]) - timedelta(days=1)).isoformat()
    declared += [_declared(r) for r in by_date.get(day_before, [])]
    explained = next((d for d in declared if d is not None and d < 0), None)
    figures = {
        "earlier": {"as_of": before["as_of"], "value": before["value"]},
        "later": {"as_of": after["as_of"], "value": after["value"]},
        "drop": drop,
    }
    claims = [before["claim_id"], after["claim_id"]]
    where = f"{claimant}: {subject} {figure_name(metric, basis)}"
    if explained is not None:
        figures["declared_correction"] = explained
        message = (
            f"{where} falls from {before['value']:,} ({before['as_of']}) to "
            f"{after['value']:,} ({after['as_of']}), explained by a declared correction of "
            f"{explained:,}"
        )
        return _finding("info", "declared-correction", claims, message, figures)
    both_exact = before["qualifier"] == after["qualifier"] == "exact"
    message = (
        f"{where} falls from {before['value']:,} ({before['as_of']}) to {after['value']:,} "
        f"({after['as_of']}): a cumulative figure cannot go down"
    )
    return _finding("error" if both_exact else "warning", "non-monotonic", claims, message, figures)


def _windows(active: list[ClaimRow], series: _Series) -> Iterable[Finding]:
    """A window figure against the difference of cumulative figures over the same window."""
    for row in active:
        period_start = row.get("period_start")
        if row["period"] != "window" or not period_start:
            continue
        found = series.reference_for(row)
        if found is None:
            key = group_of(row)
            own = {d: max(rs, key=rank) for d, rs in series.points.get(key, {}).items()}
            found = (row["canonical_claimant"], own) if own else None
        if found is None:
            continue
        name, points = found
        start = (_day(period_start) - timedelta(days=1)).isoformat()
        end = row["as_of"]
        if start not in points or end not in points:
            continue
        lagged = window_lag(row, name, start, points, consistent, _worded(row))
        if lagged is not None:  # it agrees with the series a day or two off, not on its dates
            yield lagged
            continue
        actual = points[end]["value"] - points[start]["value"]
        ok = consistent(row["value"], row["qualifier"], actual)
        figures = {
            "claimed": row["value"],
            "qualifier": row["qualifier"],
            "window": [row["period_start"], end],
            "series": name,
            "cumulative": {start: points[start]["value"], end: points[end]["value"]},
            "difference": actual,
            "consistent": ok,
        }
        message = (
            f"{row['canonical_claimant']}: {row['subject']} {row['metric']} "
            f"{_worded(row)} from {row['period_start']} to {end} "
            f"{'agrees' if ok else 'disagrees'} with {name}'s cumulative figures "
            f"({points[end]['value']:,} - {points[start]['value']:,} = {actual:,})"
        )
        claims = [row["claim_id"], points[start]["claim_id"], points[end]["claim_id"]]
        yield _finding("info" if ok else "warning", "window-vs-series", claims, message, figures)


def _against_reference(active: list[ClaimRow], series: _Series) -> Iterable[Finding]:
    """An outlet's cumulative figure against the claimant's own series on that date."""
    for row in active:
        if row["period"] != "cumulative" or row["origin"] == "dataset":
            continue
        found = series.reference_for(row)
        lagged = None if found is None else figure_lag(row, *found, consistent, _worded(row))
        if lagged is not None:  # it agrees with the series a day or two off, not on its date
            yield lagged
            continue
        if found is None or row["as_of"] not in found[1]:
            continue
        name, points = found
        actual = points[row["as_of"]]["value"]
        ok = consistent(row["value"], row["qualifier"], actual)
        figures = {
            "claimed": row["value"],
            "qualifier": row["qualifier"],
            "series": name,
            "series_value": actual,
            "as_of": row["as_of"],
            "consistent": ok,
        }
        message = (
            f"{row['publisher'] or row['canonical_claimant']}: {row['subject']} {row['metric']} "
            f"{_worded(row)} as of {row['as_of']} "
            f"{'agrees' if ok else 'disagrees'} with {name}'s own figure {actual:,}"
        )
        claims = [row["claim_id"], points[row["as_of"]]["claim_id"]]
        yield _finding("info" if ok else "warning", "figure-vs-series", claims, message, figures)


def _disagreements(series: _Series) -> Iterable[Finding]:
    """Two claimants far apart on the same metric and date: reported, not an error; only
    figures that count the same thing are compared (`audit_compare`)."""
    return audit_compare.disagreements(series.points, _one_body, DISAGREEMENT_TOLERANCE)


def _one_body(a: str, b: str) -> bool:
    """Two claimants that speak for one series (one republishes the other, or both speak
    for the same body): never set against each other."""
    return republished(a) == b or republished(b) == a or speaks_for(a) == speaks_for(b)


_WORDS = {"exact": "", "approx": "about ", "at_least": "at least ", "at_most": "at most "}


def _worded(row: ClaimRow) -> str:
    return f"{_WORDS[row['qualifier']]}{row['value']:,}"


def at_or_above(findings: list[Finding], severity: Severity) -> list[Finding]:
    """Return the findings of `severity` or worse (for `--fail-on`)."""
    floor = SEVERITIES.index(severity)
    return [f for f in findings if SEVERITIES.index(f["severity"]) >= floor]


def explain_total(group: Iterable[ClaimRow], *, as_of: str | None = None) -> dict[str, Any]:
    """Say which claim stands as a group's total and why each competitor lost; when it is
    an end of a range (`ledger.projections.ranges`), the range stands, and its other end is
    said to be that, not a loser."""
    rows = sorted(group, key=rank, reverse=True)
    won = winner(rows, as_of)
    pair = None if won is None else ranges(rows).get(won["claim_id"])

    def why(row: ClaimRow) -> str:
        if pair is not None and row["claim_id"] in pair.claim_ids:
            low, high = pair.values
            return f"the other end of the range that stands ({low:,}–{high:,})"
        return why_lost(row, won, as_of)

    return {
        "winner": won,
        "range": pair,
        "competitors": [
            {"claim": row, "why": why(row)}
            for row in rows
            if won is None or row["claim_id"] != won["claim_id"]
        ],
    }
