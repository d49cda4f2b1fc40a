"""Window figures, pure: the latest per group, and sums over a range that count each window
once, never add overlapping windows, and respect qualifiers (ledger.projections.windows)."""

from __future__ import annotations

from datetime import date, timedelta
from itertools import count, pairwise
from typing import Any, cast

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ledger.projections import ClaimRow
from ledger.projections.tables import CLAIM_COLUMNS
from ledger.projections.windows import add_figures, latest_windows, window_sums

MOD = "Russian Ministry of Defence"
_ids = count()


def day(n: int) -> str:
    """Day n of April 2023 (day 1 is 2023-04-01)."""
    return (date(2023, 3, 31) + timedelta(days=n)).isoformat()


def window(start: int, end: int, value: int = 1, **fields: Any) -> ClaimRow:
    """A window claim of the Russian MoD about ukraine personnel, over days start..end."""
    row: dict[str, Any] = dict.fromkeys(CLAIM_COLUMNS)
    n = next(_ids)
    row.update(
        claim_id=f"c_w{n:05d}",
        claimant=MOD,
        canonical_claimant=MOD,
        subject="ukraine",
        metric="personnel",
        value=value,
        qualifier="exact",
        period="window",
        period_start=day(start),
        as_of=day(end),
        status="active",
        review="unreviewed",
        origin="article",
        stream="s",
        publisher="TASS",
        position=n,
        first_position=n,
        recorded_at="2026-01-01T00:00:00Z",
    )
    row.update(fields)
    return cast(ClaimRow, row)


def summed(rows: list[ClaimRow], start: int = 1, end: int = 30) -> dict[str, Any]:
    (only,) = window_sums(rows, since=day(start), until=day(end))
    return only


# -- latest ----------------------------------------------------------------------------------


def test_latest_is_the_latest_as_of_then_position() -> None:
    """The latest window figure by as_of, then position; the same window again is folded."""
    week, day6, day7 = window(1, 7, 900), window(6, 6, 120), window(7, 7, 130)
    again = window(7, 7, 131, publisher="RIA")  # the same day, a later position
    (latest,) = latest_windows([week, day7, again, day6])
    assert (latest["claim_id"], latest["value"], latest["duplicates"]) == (
        again["claim_id"],
        131,
        1,
    )


@pytest.mark.parametrize(
    "fields, why",
    [
        ({"period": "cumulative"}, "a cumulative figure is no window"),
        ({"status": "retracted"}, "a retracted figure counts nowhere"),
        ({"as_of": day(9)}, "after --as-of"),
    ],
)
def test_latest_leaves_out(fields: dict[str, Any], why: str) -> None:
    kept, dropped = window(1, 1, 10), window(2, 2, 20, **fields)
    rows = latest_windows([kept, dropped], as_of=day(5))
    assert [r["claim_id"] for r in rows] == [kept["claim_id"]], why


def test_latest_per_group() -> None:
    rows = latest_windows([window(1, 1, metric="tanks"), window(1, 1), window(2, 2, subject="x")])
    assert [(r["subject"], r["metric"]) for r in rows] == [
        ("ukraine", "personnel"),
        ("ukraine", "tanks"),
        ("x", "personnel"),
    ]


# -- sums: which windows -------------------------------------------------------------------

CASES = [
    # (windows as (start, end, value), range, expected sum, windows summed, days covered, left out)
    ([(1, 1, 10), (2, 2, 20), (3, 3, 30)], (1, 30), 60, 3, 3, 0),
    ([(1, 7, 700)] + [(d, d, 90) for d in range(1, 8)], (1, 7), 630, 7, 7, 1),  # dailies tile
    ([(1, 7, 700), (1, 1, 90), (2, 2, 90), (3, 3, 90)], (1, 7), 700, 1, 7, 3),  # the week
    ([(1, 7, 700), (8, 14, 800), (3, 3, 90)], (1, 30), 1500, 2, 14, 1),
    ([(1, 5, 500), (3, 7, 600)], (1, 30), 600, 1, 5, 1),  # crossing: the later one
    ([(1, 5, 500), (6, 7, 60), (1, 7, 700)], (1, 7), 560, 2, 7, 1),  # finer tiling wins
    ([(1, 1, 10), (5, 9, 50), (20, 20, 20)], (2, 19), 50, 1, 5, 0),  # only those inside
    ([(1, 3, 30), (4, 7, 40), (3, 9, 700)], (1, 30), 70, 2, 7, 1),  # same days: more windows
]


@pytest.mark.parametrize("spans, bounds, total, n, days, left", CASES)
def test_sum_picks_disjoint_windows(spans, bounds, total, n, days, left) -> None:
    rows = [window(s, e, v) for s, e, v in spans]
    got = summed(rows, *bounds)
    assert (got["value"], got["windows"], got["days_covered"]) == (total, n, days)
    assert len(got["overlapping"]) == left
    assert got["days"] == bounds[1] - bounds[0] + 1
    inside = [(s, e) for s, e, _ in spans if bounds[0] <= s and e <= bounds[1]]
    assert len(got["claims"]) + len(got["overlapping"]) == len(inside)


def test_no_window_inside_the_range_is_no_row() -> None:
    assert window_sums([window(1, 7)], since=day(2), until=day(30)) == []


# -- sums: qualifiers ----------------------------------------------------------------------

ALGEBRA = [
    ([(1, "exact"), (2, "exact")], (3, "exact", 3, 3)),
    ([(1, "exact"), (2, "approx")], (3, "approx", 3, 3)),
    ([(1, "at_least"), (2, "at_least")], (3, "at_least", 3, 3)),
    ([(1, "at_least"), (2, "approx")], (3, "at_least", 3, 3)),
    ([(1, "at_most"), (2, "at_most")], (3, "at_most", 3, 3)),
    ([(1, "at_most"), (2, "exact")], (3, "at_most", 3, 3)),
    ([(10, "at_least"), (5, "at_most")], (10, "range", 10, 15)),
    ([(10, "at_least"), (5, "at_most"), (1, "approx")], (11, "range", 11, 16)),
]


@pytest.mark.parametrize("figures, expected", ALGEBRA)
def test_qualifier_algebra(figures, expected) -> None:
    assert add_figures(figures) == expected


def test_a_sum_carries_its_qualifier() -> None:
    rows = [window(1, 1, 100, qualifier="at_least"), window(2, 2, 40, qualifier="at_most")]
    got = summed(rows)
    assert (got["qualifier"], got["low"], got["high"]) == ("range", 100, 140)


# -- invariants ----------------------------------------------------------------------------

qualifiers = st.sampled_from(["exact", "approx", "at_least", "at_most"])
days = st.lists(st.integers(1, 30), min_size=1, max_size=12, unique=True)
values = st.lists(st.integers(0, 10_000), min_size=12, max_size=12)


@given(days, values)
def test_disjoint_exact_windows_sum_to_their_values(starts: list[int], vals: list[int]) -> None:
    """One-day exact windows never overlap: their sum is the sum of their values."""
    rows = [window(d, d, v) for d, v in zip(starts, vals, strict=False)]
    got = summed(rows)
    assert (got["value"], got["qualifier"]) == (sum(vals[: len(starts)]), "exact")
    assert got["days_covered"] == len(starts) and got["overlapping"] == []


spans = st.tuples(st.integers(1, 30), st.integers(0, 6), st.integers(0, 1000), qualifiers)


@given(st.lists(spans, min_size=1, max_size=8), st.data())
def test_a_repeated_window_never_double_counts(figures, data) -> None:
    """The same window again, from another outlet or a later article, leaves the sum (and
    which windows are summed) as it was; it is counted as folded."""
    rows = [window(s, min(s + n, 30), v, qualifier=q) for s, n, v, q in figures]
    before = summed(rows)
    original = data.draw(st.sampled_from(rows))
    copy = dict(original, claim_id="c_zcopy", publisher="RIA", position=0)
    after = summed([*rows, cast(ClaimRow, copy)])
    for key in ("value", "qualifier", "low", "high", "windows", "days_covered", "claims"):
        assert after[key] == before[key], key
    summed_windows = {
        (r["period_start"], r["as_of"]) for r in rows if r["claim_id"] in before["claims"]
    }
    folded = (original["period_start"], original["as_of"]) in summed_windows  # else: left out
    assert after["duplicates"] == before["duplicates"] + folded
    assert after["overlapping"] == before["overlapping"]


@given(st.lists(spans, min_size=1, max_size=8))
def test_summed_windows_are_pairwise_disjoint(figures) -> None:
    rows = {r["claim_id"]: r for r in (window(s, min(s + n, 30), v) for s, n, v, _ in figures)}
    got = summed(list(rows.values()))
    chosen = sorted((rows[c]["period_start"], rows[c]["as_of"]) for c in got["claims"])
    assert all(a[1] < b[0] for a, b in pairwise(chosen))
    assert got["days_covered"] <= got["days"]


@given(st.lists(st.tuples(st.integers(0, 100), qualifiers), min_size=1, max_size=6))
def test_a_sum_bounds_hold(figures) -> None:
    """low <= value <= high; only a mix of at_least and at_most is a range."""
    value, qualifier, low, high = add_figures(figures)
    quals = {q for _, q in figures}
    assert low <= value <= high
    assert (qualifier == "range") == ({"at_least", "at_most"} <= quals)
    assert (low < high) <= (qualifier == "range")
    if quals <= {"exact"}:
        assert qualifier == "exact"
