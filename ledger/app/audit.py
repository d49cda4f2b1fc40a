"""Audit: does it add up? Consistency findings over claims, and why a total is what it is.

Owns: `check` (findings, of the `KINDS`: a cumulative series that falls, a window that
disagrees with the difference of cumulative figures, an outlet's figure that the claimant's
own series does not bear out, two claimants far apart, two that count different things),
`consistent` (judging a figure by its qualifier), and `explain_total`. On a date the claimant
published itself (a data set), its own figure is the series' point; outlets' reports of it are
judged against it. Pure: functions of claim rows (and of the words around a quote, given as
`context`). Imports: `ledger.projections`,
`ledger.app.audit_compare` (which figures are compared: `disagreement`, `not-comparable`),
`ledger.app.audit_falls` (falling series, declared corrections and their index),
`ledger.app.audit_parts` (parts of a figure),
`ledger.app.audit_deltas` (the `delta-vs-stated` rule),
`ledger.app.audit_lag` (a figure that matches the series a day or two off),
`ledger.app.staleness` (a series that stopped).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from datetime import date, timedelta
from functools import lru_cache
from typing import Any, Literal, get_args

from ledger.app import audit_compare, audit_deltas
from ledger.app.audit_falls import DeclaredIndex, falling_series
from ledger.app.audit_lag import figure_lag, window_lag
from ledger.app.audit_parts import Context, part_figure, part_window, partial_scope, sum_of_parts
from ledger.app.staleness import series_stopped
from ledger.projections import ClaimRow, GroupKey, group_of, rank, why_lost, winner
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


@lru_cache(maxsize=4096)  # a pure function of a name, asked per figure: a few names
def speaks_for(claimant: str) -> str:
    """The body a claimant speaks for: "Ministry of Defence of Ukraine (Oleksandr Pavliuk)" is
    the ministry, its speaker in parentheses; a name without a speaker is itself."""
    return _SPEAKER.sub("", claimant)


@lru_cache(maxsize=4096)
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
            key, as_of = group_of(row), row["as_of"]
            if row["origin"] == "dataset":  # a date the claimant published itself: its
                self.reference[key][as_of] = row  # figure, not an outlet's report of it
                self.points[key][as_of] = [row]
            elif as_of not in self.reference.get(key, ()):
                self.points[key].setdefault(as_of, []).append(row)

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


def check(claims: Iterable[ClaimRow], *, context: Context | None = None) -> list[Finding]:
    """Return every finding over the active claims, errors first; `context` gives the words
    around a claim's quote in its sentence (for figures confined to part of the front)."""
    active = [r for r in claims if r["status"] == "active"]
    series = _Series(active)
    around = context or (lambda row: None)
    stated = list(audit_deltas.delta_vs_stated(active, consistent))
    judged = {f["claims"][0] for f in stated}  # a stated increment is judged once, there
    findings = [
        *falling_series(series.points),
        *(f for f in _windows(active, series, around) if f["claims"][0] not in judged),
        *_against_reference(active, series, around),
        *_disagreements(series),
        *audit_compare.not_compared(active, series.reference_for, series.reference, _series_names),
        *stated,
        *series_stopped(active),
    ]
    order = {"error": 0, "warning": 1, "info": 2}
    return sorted(findings, key=lambda f: (order[f["severity"]], f["kind"], f["claims"]))


def _windows(active: list[ClaimRow], series: _Series, around: Context) -> Iterable[Finding]:
    """A window figure against the difference of cumulative figures over the same window (net
    of a correction the source declared in it); one confined to part of the front, as a part.
    A claimant's own series, and each series' index of declared corrections, are built once
    (not once per window: windows × points)."""
    owns: dict[GroupKey, dict[str, ClaimRow]] = {}
    indexes: dict[int, DeclaredIndex] = {}  # by id of a series that `series` or `owns` holds
    for row in active:
        period_start = row.get("period_start")
        if row["period"] != "window" or not period_start:
            continue
        found = _window_series(row, series, owns)
        if found is None:
            continue
        name, points = found
        start = (_day(period_start) - timedelta(days=1)).isoformat()
        end = row["as_of"]
        if start not in points or end not in points:
            continue
        scope = _scope(row, around)
        if scope is not None:
            yield part_window(row, scope, name, start, points, _worded(row))
            continue
        lagged = window_lag(row, name, start, points, consistent, _worded(row))
        if lagged is not None:  # it agrees with the series a day or two off, not on its dates
            yield lagged
            continue
        actual = points[end]["value"] - points[start]["value"]
        ok = consistent(row["value"], row["qualifier"], actual)
        declared = 0  # what the source declared matters only to a window that disagrees
        if not ok:
            if id(points) not in indexes:
                indexes[id(points)] = DeclaredIndex(points)
            declared = indexes[id(points)].between(start, end)
        net = consistent(row["value"], row["qualifier"], actual - declared)
        figures = {
            "claimed": row["value"],
            "qualifier": row["qualifier"],
            "window": [row["period_start"], end],
            "series": name,
            "cumulative": {start: points[start]["value"], end: points[end]["value"]},
            "difference": actual,
            "consistent": ok or net,
        }
        said = f"({points[end]['value']:,} - {points[start]['value']:,} = {actual:,})"
        if not ok and net and declared:
            figures["declared_correction"] = declared
            said += f", once the correction of {declared:+,} the source declared is taken out"
        message = (
            f"{row['canonical_claimant']}: {row['subject']} {row['metric']} "
            f"{_worded(row)} from {row['period_start']} to {end} "
            f"{'agrees' if ok or net else 'disagrees'} with {name}'s cumulative figures {said}"
        )
        ok = ok or net
        claims = [row["claim_id"], points[start]["claim_id"], points[end]["claim_id"]]
        yield _finding("info" if ok else "warning", "window-vs-series", claims, message, figures)


def _window_series(
    row: ClaimRow, series: _Series, owns: dict[GroupKey, dict[str, ClaimRow]]
) -> tuple[str, dict[str, ClaimRow]] | None:
    """The series a window is judged against: its reference, else its claimant's own
    figures (the top-ranked of each date), built once per group into `owns`."""
    found = series.reference_for(row)
    if found is not None:
        return found
    key = group_of(row)
    if key not in owns:
        owns[key] = {d: max(rs, key=rank) for d, rs in series.points.get(key, {}).items()}
    own = owns[key]
    return (row["canonical_claimant"], own) if own else None


def _against_reference(
    active: list[ClaimRow], series: _Series, around: Context
) -> Iterable[Finding]:
    """An outlet's cumulative figure against the claimant's own series on that date; several
    that add up to it, as parts of it; one confined to part of the front, as a part."""
    reported = [r for r in active if r["period"] == "cumulative" and r["origin"] != "dataset"]
    summed, judged = sum_of_parts(reported, series.reference_for, consistent)
    yield from summed
    for row in reported:
        if row["claim_id"] in judged:
            continue
        found = series.reference_for(row)
        scope = None if found is None else _scope(row, around)
        if found is not None and scope is not None:
            part = part_figure(row, scope, *found, _worded(row))
            if part is not None:
                yield part
            continue
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


def _scope(row: ClaimRow, around: Context) -> str | None:
    words = around(row)
    return None if words is None else partial_scope(*words)


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
