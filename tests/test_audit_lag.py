"""Reporting lag: an outlet's figure that the claimant's series bears out a day or two off its
own date is a `reporting-lag` info naming that date, not a warning (issue 15, item 6)."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ledger.app.audit import KINDS, check
from ledger.app.audit_lag import LAG_OFFSETS

STAFF = "General Staff of the Armed Forces of Ukraine"
DAY = "2023-02-06"  # the outlet's date, D


def shifted(days: int) -> str:
    return (date.fromisoformat(DAY) + timedelta(days=days)).isoformat()


# The series around D: a large step each day, so that even an "about" figure tells days apart.
SERIES_VALUES = {-4: 1_000, -3: 2_000, -2: 3_000, -1: 4_000, 0: 5_000, 1: 6_000, 2: 7_000}


def series(values: dict[int, int] = SERIES_VALUES, metric: str = "personnel") -> list[dict]:
    return [
        row(f"c_gs_{metric}_{d}", as_of=shifted(d), value=v, metric=metric)
        for d, v in values.items()
    ]


def row(claim_id: str, **fields: Any) -> dict[str, Any]:
    base = {
        "claim_id": claim_id,
        "canonical_claimant": STAFF,
        "subject": "russia",
        "metric": "personnel",
        "value": 0,
        "qualifier": "exact",
        "period": "cumulative",
        "period_start": "2022-02-24",
        "as_of": DAY,
        "status": "active",
        "origin": "dataset",
        "publisher": None,
        "position": 1,
        "provenance": None,
    }
    return base | fields


def outlet(value: int, qualifier: str = "exact", **fields: Any) -> dict[str, Any]:
    fields = {"origin": "article", "publisher": "Daily", "value": value, "qualifier": qualifier}
    return row("c_o", canonical_claimant="Armed Forces of Ukraine", **fields)


def about_outlet(found: list[dict]) -> list[tuple[str, str, str | None]]:
    """(severity, kind, the date a lag finding matches) of each finding on the outlet's claim."""
    return [(f["severity"], f["kind"], f["figures"].get("matches")) for f in found_on(found)]


def found_on(found: list[dict]) -> list[dict]:
    return [f for f in found if "c_o" in f["claims"]]


@pytest.mark.parametrize(
    ("value", "qualifier", "expected"),
    [
        (5_000, "exact", ("info", "figure-vs-series", None)),  # D itself: no lag to explain
        (4_000, "exact", ("info", "reporting-lag", shifted(-1))),  # the report of D-1
        (3_000, "exact", ("info", "reporting-lag", shifted(-2))),  # D-2 at most
        (6_000, "exact", ("info", "reporting-lag", shifted(1))),  # dated by the day it covers
        (2_000, "exact", ("warning", "figure-vs-series", None)),  # D-3: too far
        (7_000, "exact", ("warning", "figure-vs-series", None)),  # D+2: too far
        (4_500, "exact", ("warning", "figure-vs-series", None)),  # no day's figure at all
        (4_001, "exact", ("warning", "figure-vs-series", None)),  # exact means equal
        (5_100, "approx", ("info", "figure-vs-series", None)),  # about D's figure
        (4_050, "approx", ("info", "reporting-lag", shifted(-1))),  # about D-1's, not D's
        (2_050, "approx", ("warning", "figure-vs-series", None)),  # about D-3's only
        (5_500, "at_least", ("info", "reporting-lag", shifted(1))),  # "over 5,500": D+1 bears it
        (6_500, "at_least", ("warning", "figure-vs-series", None)),
        (3_500, "at_most", ("info", "reporting-lag", shifted(-2))),  # "up to 3,500"
        (2_500, "at_most", ("warning", "figure-vs-series", None)),
        (3_500, "at_least", ("info", "figure-vs-series", None)),  # D bears it: no lag to name
    ],
)
def test_outlet_figure_a_day_or_two_off(value: int, qualifier: str, expected: tuple) -> None:
    """An outlet's figure dated D against the claimant's series at D, then D-1, D+1, D-2."""
    assert about_outlet(check([*series(), outlet(value, qualifier)])) == [expected]


def test_lag_finding_names_the_date_and_both_figures() -> None:
    """The info names the date it matches, that date's figure, the offset and D's own figure."""
    (found,) = found_on(check([*series(), outlet(4_000)]))
    assert found["claims"] == ["c_o", "c_gs_personnel_-1"]
    figures = found["figures"]
    assert (figures["matches"], figures["offset_days"]) == (shifted(-1), -1)
    assert (figures["series_value"], figures["same_day_value"]) == (4_000, 5_000)
    assert figures["consistent"] is True
    assert f"agrees with {STAFF}'s figures of {shifted(-1)}, a day earlier" in found["message"]


def test_outlet_figure_on_a_day_the_series_lacks() -> None:
    """No series figure for D itself: D-1's figure still bears the outlet's out; a figure no
    nearby day bears out is not judged (as before)."""
    gap = {d: v for d, v in SERIES_VALUES.items() if d != 0}
    assert about_outlet(check([*series(gap), outlet(4_000)])) == [
        ("info", "reporting-lag", shifted(-1))
    ]
    assert about_outlet(check([*series(gap), outlet(4_500)])) == []


def window(value: int, qualifier: str = "exact") -> dict[str, Any]:
    """A one-day window figure ("1,030 killed on Monday"), dated D."""
    fields = {"origin": "article", "publisher": "Daily", "value": value, "qualifier": qualifier}
    return row(
        "c_o",
        canonical_claimant="Ministry of Defence of Ukraine",
        period="window",
        period_start=DAY,
        **fields,
    )


# The series' daily differences: D-2: 30, D-1: 50, D: 70, D+1: 110; D-3: 20.
DAILY = {-5: 1_000, -4: 1_020, -3: 1_040, -2: 1_070, -1: 1_120, 0: 1_190, 1: 1_300}


@pytest.mark.parametrize(
    ("value", "qualifier", "expected"),
    [
        (70, "exact", ("info", "window-vs-series", None)),  # D's own difference
        (110, "exact", ("info", "reporting-lag", shifted(1))),  # the next morning's report
        (50, "exact", ("info", "reporting-lag", shifted(-1))),  # the report of D-1
        (30, "exact", ("info", "reporting-lag", shifted(-2))),
        (20, "exact", ("warning", "window-vs-series", None)),  # D-3's difference: too far
        (90, "exact", ("warning", "window-vs-series", None)),
        (100, "at_least", ("info", "reporting-lag", shifted(1))),  # "more than 100"
        (120, "at_least", ("warning", "window-vs-series", None)),
        (40, "at_least", ("info", "window-vs-series", None)),  # D bears it: no lag to name
    ],
)
def test_window_figure_a_day_or_two_off(value: int, qualifier: str, expected: tuple) -> None:
    """A day's figure against the series' difference over D, then D-1, D+1, D-2."""
    found = check([*series(DAILY), window(value, qualifier)])
    assert about_outlet(found) == [expected]


def test_window_lag_finding_names_the_shifted_difference() -> None:
    """The info on a window names the two series figures it matches and their difference."""
    (found,) = found_on(check([*series(DAILY), window(110)]))
    assert found["claims"] == ["c_o", "c_gs_personnel_0", "c_gs_personnel_1"]
    assert found["figures"]["cumulative"] == {shifted(0): 1_190, shifted(1): 1_300}
    assert (found["figures"]["difference"], found["figures"]["same_dates_difference"]) == (110, 70)
    assert "(1,300 - 1,190 = 110)" in found["message"]


def test_reporting_lag_is_a_kind() -> None:
    """`check --kind reporting-lag` takes the new kind."""
    assert "reporting-lag" in KINDS


@given(
    steps=st.lists(st.integers(1, 500), min_size=7, max_size=7),
    offset=st.sampled_from([-3, *LAG_OFFSETS, 0, 2]),
)
def test_lag_is_consistent_exactly_within_its_reach(steps: list[int], offset: int) -> None:
    """For any rising series, an exact figure equal to the series `offset` days off D is an
    info when the offset is 0 or one of `LAG_OFFSETS` (and the date it names holds that very
    figure), and a warning otherwise."""
    values = dict(zip(range(-4, 3), [sum(steps[: i + 1]) for i in range(7)], strict=True))
    (found,) = found_on(check([*series(values), outlet(values[offset])]))
    if offset == 0:
        assert (found["severity"], found["kind"]) == ("info", "figure-vs-series")
    elif offset in LAG_OFFSETS:
        assert (found["severity"], found["kind"]) == ("info", "reporting-lag")
        matched = (date.fromisoformat(found["figures"]["matches"]) - date.fromisoformat(DAY)).days
        assert values[matched] == values[offset] and matched == offset
    else:
        assert (found["severity"], found["kind"]) == ("warning", "figure-vs-series")
