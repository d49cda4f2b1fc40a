"""Like with like: which claimants' figures `check` sets against each other, and which not.

Owns `comparable` (two figures' bases let them be compared), `not_compared` (a figure not
checked against its claimant's series, which counts something else), `disagreements` (the
`disagreement` finding: two claimants far apart on the same subject, metric and date, on a
comparable basis) and the `not-comparable` finding (two claimants far apart whose figures count
different things: killed against killed-or-wounded, named dead against prisoners; said, at
info level, instead of a disagreement). A figure of another metric than personnel has no basis
(None): all such figures are comparable. Pure. Imports: `ledger.projections`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any

from ledger.projections import ClaimRow, GroupKey, figure_name, rank

Finding = dict[str, Any]
OneBody = Callable[[str, str], bool]
"""`one_body(a, b)`: two claimants that speak for one series, never set against each other."""


def comparable(a: str | None, b: str | None) -> bool:
    """Two figures' bases (`Claim.basis`) let them be compared: the same, or one `unknown`
    (nothing says they differ). Killed against killed-or-wounded, or named dead against
    prisoners, are not compared: they count different things."""
    return a == b or "unknown" in (a, b)


def not_compared(
    active: Iterable[ClaimRow],
    reference_for: Callable[[ClaimRow], object],
    reference: Mapping[GroupKey, object],
    names: Callable[[ClaimRow], list[str]],
) -> Iterable[Finding]:
    """A figure `check` would set against a claimant's series (an outlet's cumulative figure,
    a window with a start) that is not, because the series counts something else: a
    `not-comparable` info naming both bases ("killed" in the text, killed_or_wounded in the
    General Staff's series), so its silence is explained."""
    for row in active:
        if row["origin"] == "dataset" or (row["period"] == "window" and not row["period_start"]):
            continue
        if reference_for(row) is not None:
            continue
        found = _other_basis(row, reference, names(row))
        if found is None:
            continue
        name, basis = found
        message = (
            f"{row['publisher'] or row['canonical_claimant']}: {row['subject']} {row['metric']} "
            f"{row['value']:,} ({row.get('basis')}, as of {row['as_of']}) is not compared with "
            f"{name}'s series ({basis}): they count different things"
        )
        figures = {"claimed": row["value"], "basis": row.get("basis"), "series": name}
        figures["series_basis"] = basis
        yield {
            "severity": "info",
            "kind": "not-comparable",
            "claims": [row["claim_id"]],
            "message": message,
            "figures": figures,
        }


def _other_basis(
    row: ClaimRow, reference: Mapping[GroupKey, object], names: list[str]
) -> tuple[str, str] | None:
    """(claimant, basis) of the first series of `names` with the row's subject and metric
    (`reference_for` found none on a comparable basis, so any there is counts another thing)."""
    for name in names:
        for claimant, subject, metric, basis in reference:
            same = (claimant, subject, metric) == (name, row["subject"], row["metric"])
            if same and basis and not comparable(row.get("basis"), basis):
                return name, basis
    return None


def disagreements(
    points: Mapping[GroupKey, Mapping[str, list[ClaimRow]]], one_body: OneBody, tolerance: float
) -> Iterable[Finding]:
    """Per subject, metric and date, each pair of claimants (not `one_body`) whose latest
    figures on comparable bases are further apart than `tolerance`; a pair far apart on
    bases none of which are comparable is one `not-comparable` finding instead."""
    apart: dict[tuple[str, str], bool] = {}  # pairs of names: asked once each, not daily
    for _, figures in sorted(_shared_days(points).items()):
        latest = {name: [_top(rows) for rows in found] for name, found in figures.items()}
        names = sorted(latest)
        for i, a in enumerate(names):
            for b in names[i + 1 :]:
                if (a, b) not in apart:
                    apart[(a, b)] = not one_body(a, b)
                if apart[(a, b)]:
                    yield from _pair(a, latest[a], b, latest[b], tolerance)


def _top(rows: list[ClaimRow]) -> ClaimRow:
    """A series' figure of a day: the one the totals rule ranks first (most days: the one)."""
    return rows[0] if len(rows) == 1 else max(rows, key=rank)


def _shared_days(
    points: Mapping[GroupKey, Mapping[str, list[ClaimRow]]],
) -> dict[tuple[str, str, str], dict[str, list[list[ClaimRow]]]]:
    """Per (subject, metric, date) that two or more claimants have figures of, each one's
    figures of that day (a list per series of it, in the order of `points`). Such a day is
    a day of some claimant other than the one with the most days, so only those days are
    looked up (one claimant's days are most days: a data set's)."""
    by_pair: dict[tuple[str, str], list[tuple[str, Mapping[str, list[ClaimRow]]]]] = {}
    for (claimant, subject, metric, _), by_date in points.items():
        by_pair.setdefault((subject, metric), []).append((claimant, by_date))
    out: dict[tuple[str, str, str], dict[str, list[list[ClaimRow]]]] = {}
    for (subject, metric), series in by_pair.items():
        sizes: dict[str, int] = {}
        for claimant, by_date in series:
            sizes[claimant] = sizes.get(claimant, 0) + len(by_date)
        if len(sizes) < 2:  # one claimant: nothing to compare
            continue
        most = max(sizes, key=sizes.__getitem__)
        days = {d for claimant, by_date in series if claimant != most for d in by_date}
        for as_of in days:
            figures: dict[str, list[list[ClaimRow]]] = {}
            for claimant, by_date in series:
                rows = by_date.get(as_of)
                if rows is not None:
                    figures.setdefault(claimant, []).append(rows)
            if len(figures) >= 2:
                out[(subject, metric, as_of)] = figures
    return out


def _pair(
    a: str, xs: list[ClaimRow], b: str, ys: list[ClaimRow], tolerance: float
) -> Iterable[Finding]:
    """The findings of two claimants' figures of one day (one per basis each)."""
    apart = [(x, y) for x in xs for y in ys if _apart(x, y, tolerance)]
    if any(comparable(x.get("basis"), y.get("basis")) for x in xs for y in ys):
        for x, y in apart:
            if comparable(x.get("basis"), y.get("basis")):
                yield _disagreement(a, b, x, y)
    elif apart:
        yield _not_comparable(a, b, *apart[0])


def _apart(x: ClaimRow, y: ClaimRow, tolerance: float) -> bool:
    return abs(x["value"] - y["value"]) > tolerance * max(x["value"], y["value"], 1)


def _finding(kind: str, x: ClaimRow, y: ClaimRow, message: str, figures: dict[str, Any]) -> Finding:
    claims = [x["claim_id"], y["claim_id"]]
    return {
        "severity": "info",
        "kind": kind,
        "claims": claims,
        "message": message,
        "figures": figures,
    }


def _disagreement(a: str, b: str, x: ClaimRow, y: ClaimRow) -> Finding:
    basis = y.get("basis") if x.get("basis") in (None, "unknown") else x.get("basis")
    what = f"{x['subject']} {figure_name(x['metric'], basis)}"
    message = f"{a} ({x['value']:,}) and {b} ({y['value']:,}) differ on {what} as of {x['as_of']}"
    figures: dict[str, Any] = {a: x["value"], b: y["value"], "as_of": x["as_of"]}
    if basis is not None:
        figures["basis"] = basis
    return _finding("disagreement", x, y, message, figures)


def _not_comparable(a: str, b: str, x: ClaimRow, y: ClaimRow) -> Finding:
    message = (
        f"{a} ({x['value']:,} {x['basis']}) and {b} ({y['value']:,} {y['basis']}) are not "
        f"compared on {x['subject']} {x['metric']} as of {x['as_of']}: they count different "
        "things"
    )
    figures: dict[str, Any] = {
        a: {"value": x["value"], "basis": x.get("basis")},
        b: {"value": y["value"], "basis": y.get("basis")},
        "as_of": x["as_of"],
    }
    return _finding("not-comparable", x, y, message, figures)
