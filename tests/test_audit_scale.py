"""`check` at scale: the indexes that keep it near-linear give exactly the old findings.

The reference is the old way, kept here only: a window's declared corrections summed over
every point of its series (`declared_between`), and a claimant's own series rebuilt for each
window; and the shortcuts that keep `claims check` as a process fast (only the deltas a
window states, only the days two claimants share, a one-figure day without a min and max,
a claimant's own figure laid over its date as it is read). Random claim sets (a few
claimants, dates, windows and declared corrections) must give the same findings, in the same
order, either way.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ledger.app import audit, audit_compare, audit_deltas, audit_falls
from ledger.app.audit_falls import DeclaredIndex, declared_between
from ledger.projections import delta_series, group_of, group_order
from ledger.projections.deltas import stated_deltas

DAY0 = date(2023, 3, 1)
CLAIMANTS = (
    "General Staff of the Armed Forces of Ukraine",
    "Ministry of Defence of Ukraine",
    "Oryx",
)


def _iso(days: int) -> str:
    return (DAY0 + timedelta(days=days)).isoformat()


@st.composite
def claim_sets(draw: st.DrawFn) -> list[dict[str, Any]]:
    """Cumulative and window figures of a few claimants over a few weeks, some with a
    declared correction, some from a data set, some retracted."""
    rows = []
    for i in range(draw(st.integers(0, 40))):
        window = draw(st.booleans())
        day = draw(st.integers(0, 20))
        correction = draw(st.one_of(st.none(), st.integers(-50, 50)))
        rows.append(
            {
                "claim_id": f"c{i:03d}",
                "canonical_claimant": draw(st.sampled_from(CLAIMANTS)),
                "subject": "russia",
                "metric": draw(st.sampled_from(("personnel", "tanks"))),
                "basis": None,
                "value": draw(st.integers(0, 400 if window else 2_000)),
                "qualifier": draw(st.sampled_from(("exact", "approx", "at_least", "at_most"))),
                "period": "window" if window else "cumulative",
                "period_start": _iso(draw(st.integers(0, day))) if window else None,
                "as_of": _iso(day),
                "status": draw(st.sampled_from(("active",) * 9 + ("retracted",))),
                "origin": draw(st.sampled_from(("dataset", "article"))),
                "publisher": None,
                "article_id": None,
                "position": i + 1,
                "provenance": None if correction is None else {"declared_correction": correction},
            }
        )
    return rows


class _EveryPoint:
    """The old `declared_between`: a pass over every point of the series, per window."""

    def __init__(self, points: Any) -> None:
        self.points = points

    def between(self, start: str, end: str) -> int:
        return declared_between(self.points, start, end)


@settings(max_examples=300, deadline=None)
@given(claim_sets())
def test_check_gives_the_old_findings(claims: list[dict[str, Any]]) -> None:
    new = audit.check(claims)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(audit, "DeclaredIndex", _EveryPoint)
        old = audit.check(claims)
    assert new == old


@given(
    st.dictionaries(
        st.integers(0, 30).map(_iso),
        st.one_of(st.none(), st.integers(-100, 100)),
        max_size=25,
    ),
    st.integers(-2, 32).map(_iso),
    st.integers(-2, 32).map(_iso),
)
def test_declared_index_sums_what_every_point_sums(
    corrections: dict[str, int | None], start: str, end: str
) -> None:
    points: Any = {
        day: {"provenance": None if c is None else {"declared_correction": c}}
        for day, c in corrections.items()
    }
    assert DeclaredIndex(points).between(start, end) == declared_between(points, start, end)


def test_a_window_reads_its_index_not_every_point(monkeypatch: pytest.MonkeyPatch) -> None:
    """Many windows over one long series: the series' index is built once and each window's
    corrections are a lookup (`declared` is read once per point, not once per window and point)."""
    series = [
        {
            "claim_id": f"g{d:04d}",
            "canonical_claimant": CLAIMANTS[0],
            "subject": "russia",
            "metric": "personnel",
            "value": 1_000 + 10 * d,
            "qualifier": "exact",
            "period": "cumulative",
            "period_start": None,
            "as_of": _iso(d),
            "status": "active",
            "origin": "dataset",
            "publisher": None,
            "position": d,
            "provenance": None,
        }
        for d in range(300)
    ]
    windows = [
        dict(p, claim_id=f"w{d:04d}", period="window", period_start=_iso(d), value=10)
        for d, p in enumerate(series[1:], start=1)
    ]
    reads = 0
    real = audit_falls.declared

    def counted(row: Any) -> int | None:
        nonlocal reads
        reads += 1
        return real(row)

    monkeypatch.setattr(audit_falls, "declared", counted)
    audit.check([*series, *windows])
    assert reads <= 2 * len(series)


# -- the rules' shortcuts (issue 17: `check` as a process) give the old findings ----------
# The old ways, kept here only: every delta of every stating series worked out and then
# filtered; every (subject, metric, date) looked up for a second claimant; a falling series'
# min and max taken over every day; the reference series laid over the points afterwards.


def _every_delta(claims: Any) -> list[tuple[Any, dict[str, Any]]]:
    found = []
    for series in delta_series(list(claims)):
        key = (series["claimant"], series["subject"], series["metric"], series["basis"])
        found += [(key, d) for d in series["deltas"] if d["stated"] is not None]
    return found


def _every_day(points: Any) -> dict[tuple[str, str, str], dict[str, list[Any]]]:
    by_day: dict[tuple[str, str, str], dict[str, list[Any]]] = defaultdict(dict)
    for (claimant, subject, metric, _), by_date in points.items():
        for as_of, rows in by_date.items():
            by_day[(subject, metric, as_of)].setdefault(claimant, []).append(rows)
    return {day: figures for day, figures in by_day.items() if len(figures) >= 2}


def _falling_every_day(points: Any) -> Any:
    for key, by_date in sorted(points.items(), key=lambda p: group_order(p[0])):
        previous = None
        for as_of in sorted(by_date):
            day = [r for r in by_date[as_of] if r["qualifier"] in ("exact", "approx")]
            if not day:
                continue
            low = min(day, key=lambda r: (r["value"], r["claim_id"]))
            if previous is not None and low["value"] < previous["value"]:
                yield audit_falls._falling(key, previous, low, by_date)
            previous = max(day, key=lambda r: (r["value"], r["claim_id"]))


class _LaidOver(audit._Series):
    def __init__(self, claims: list[Any]) -> None:
        self.points = defaultdict(dict)
        self.reference = defaultdict(dict)
        for row in claims:
            if row["period"] != "cumulative":
                continue
            key = group_of(row)
            self.points[key].setdefault(row["as_of"], []).append(row)
            if row["origin"] == "dataset":
                self.reference[key][row["as_of"]] = row
        for key, by_date in self.reference.items():
            for as_of, own in by_date.items():
                self.points[key][as_of] = [own]


OLD_WAYS = {
    "stated deltas": (audit_deltas, "stated_deltas", _every_delta),
    "shared days": (audit_compare, "_shared_days", _every_day),
    "falling series": (audit, "falling_series", _falling_every_day),
    "reference series": (audit, "_Series", _LaidOver),
}


@pytest.mark.parametrize("way", OLD_WAYS)
@settings(max_examples=300, deadline=None)
@given(claims=claim_sets())
def test_each_shortcut_gives_the_old_findings(way: str, claims: list[dict[str, Any]]) -> None:
    module, name, old_way = OLD_WAYS[way]
    new = audit.check(claims)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(module, name, old_way)
        old = audit.check(claims)
    assert new == old


@settings(max_examples=300, deadline=None)
@given(claims=claim_sets())
def test_stated_deltas_are_the_stated_ones_of_every_delta(claims: list[dict[str, Any]]) -> None:
    """Every delta a window states, in the order `delta_series` gives them, and no other."""
    assert stated_deltas(claims) == _every_delta(claims)


def test_a_long_series_works_out_only_the_deltas_its_windows_state(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A year of daily figures and one stated increment: `check` works out one delta, not
    one per day (the other days state nothing to judge)."""
    from ledger.projections import deltas

    series = [
        {
            "claim_id": f"g{d:04d}",
            "canonical_claimant": CLAIMANTS[0],
            "subject": "russia",
            "metric": "tanks",
            "basis": None,
            "value": 1_000 + 10 * d,
            "qualifier": "exact",
            "period": "cumulative",
            "period_start": None,
            "as_of": _iso(d),
            "status": "active",
            "origin": "dataset",
            "publisher": None,
            "position": d,
            "provenance": None,
        }
        for d in range(365)
    ]
    window = dict(series[200], claim_id="w", period="window", period_start=_iso(200), value=9)
    worked = 0
    real = deltas._delta

    def counted(*args: Any) -> dict[str, Any]:
        nonlocal worked
        worked += 1
        return real(*args)

    monkeypatch.setattr(deltas, "_delta", counted)
    (found,) = [f for f in audit.check([*series, window]) if f["kind"] == "delta-vs-stated"]
    assert found["claims"] == ["w", "g0199", "g0200"]
    assert worked == 1
