"""Staleness: how old a latest figure is, and a daily series that stopped (issue 15, item 7)."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ledger.app.audit import KINDS, check
from ledger.app.staleness import (
    DAILY_RUN,
    STOPPED_AFTER_DAYS,
    age_days,
    newest_as_of,
    series_stopped,
    with_ages,
    with_latest_ages,
)

START = date(2024, 1, 1)


def day(n: int) -> str:
    return (START + timedelta(days=n)).isoformat()


def row(n: int, **fields: Any) -> dict[str, Any]:
    base = {
        "claim_id": f"c_{fields.get('metric', 'personnel')}_{n}",
        "canonical_claimant": "General Staff",
        "subject": "russia",
        "metric": "personnel",
        "value": 1_000 + n,
        "qualifier": "exact",
        "period": "cumulative",
        "period_start": "2022-02-24",
        "as_of": day(n),
        "status": "active",
        "origin": "dataset",
        "publisher": None,
        "position": n + 1,
        "provenance": None,
    }
    return base | fields


@pytest.mark.parametrize(
    ("as_of", "newest", "age"),
    [
        ("2024-01-01", "2024-01-01", 0),
        ("2024-01-01", "2024-01-08", 7),
        ("2023-12-31", "2024-03-01", 61),
    ],
)
def test_age_days(as_of: str, newest: str, age: int) -> None:
    """Days from a figure's date to the ledger's newest figure (a leap year counted)."""
    assert age_days(as_of, newest) == age


def test_newest_is_of_cumulative_figures() -> None:
    """The newest as_of counts cumulative figures only; none at all: None."""
    rows = [row(3), row(9, period="window"), row(5)]
    assert newest_as_of(rows) == day(5)
    assert newest_as_of([]) is None


def test_totals_ages_against_the_newest_total() -> None:
    """Each totals row gets its age against the newest of them; the input is left as it was."""
    rows = [{"as_of": day(0)}, {"as_of": day(30)}, {"as_of": day(28)}]
    assert [r["age_days"] for r in with_ages(rows)] == [30, 0, 2]
    assert "age_days" not in rows[0]


def test_sources_ages_against_the_newest_claim() -> None:
    """Each latest figure of a sources row is aged against the newest active cumulative claim,
    not the newest of the source's own figures, and a retracted claim does not count."""
    rows = [{"latest": [{"as_of": day(2)}, {"as_of": day(5)}]}]
    claims = [row(5), row(10), row(40, status="retracted"), row(50, period="window")]
    with_latest_ages(rows, claims)
    assert [x["age_days"] for x in rows[0]["latest"]] == [8, 5]


def daily(first: int, last: int, step: int = 1, **fields: Any) -> list[dict[str, Any]]:
    return [row(n, **fields) for n in range(first, last + 1, step)]


NEWEST = 100


@pytest.mark.parametrize(
    ("points", "stopped"),
    [
        (daily(0, NEWEST - STOPPED_AFTER_DAYS), True),  # daily, silent for N days: stopped
        (daily(0, NEWEST - STOPPED_AFTER_DAYS - 50), True),
        (daily(0, NEWEST - STOPPED_AFTER_DAYS + 1), False),  # silent for N-1 days: not yet
        (daily(0, NEWEST), False),  # still reporting
        (daily(0, 60, step=2), True),  # every other day counts as daily
        (daily(0, 60, step=3), False),  # twice a week is not daily
        (daily(0, 60, step=7), False),  # weekly
        (daily(60 - DAILY_RUN + 2, 60), False),  # too few figures to call it daily
        (daily(60 - DAILY_RUN + 1, 60), True),
        ([*daily(0, 10), *daily(30, 30 + DAILY_RUN - 2)], False),  # not daily up to its end
    ],
)
def test_series_stopped(points: list[dict[str, Any]], stopped: bool) -> None:
    """A series daily up to its last figure and silent for N days before the ledger's newest
    figure (another series' here) has stopped."""
    other = row(NEWEST, metric="tanks")
    found = list(series_stopped([*points, other]))
    assert bool(found) is stopped
    if stopped:
        (finding,) = found
        last = points[-1]["as_of"]
        assert (finding["severity"], finding["kind"]) == ("info", "series-stopped")
        assert finding["claims"] == [points[-1]["claim_id"]]
        assert finding["figures"] == {
            "last": last,
            "newest": day(NEWEST),
            "days_without": age_days(last, day(NEWEST)),
        }
        assert f"was daily up to {last}" in finding["message"]


def test_stopped_series_ignores_windows_and_retractions() -> None:
    """Window figures and retracted claims neither make a series daily nor date the newest."""
    windows = daily(0, 50, period="window")
    assert list(series_stopped([*windows, row(NEWEST, metric="tanks")])) == []
    retracted_newest = row(NEWEST, metric="tanks", status="retracted")
    assert check([*daily(0, 50), retracted_newest]) == []


def test_check_registers_series_stopped() -> None:
    """`check` gives the finding and `check --kind` takes its kind."""
    assert "series-stopped" in KINDS
    found = check([*daily(0, 50), row(NEWEST, metric="tanks")])
    assert [(f["severity"], f["kind"]) for f in found] == [("info", "series-stopped")]


@given(st.lists(st.integers(0, 400), min_size=1, max_size=30, unique=True))
def test_the_newest_total_is_zero_days_old(days: list[int]) -> None:
    """Ages are never negative and the newest figure is 0 days old."""
    aged = with_ages([{"as_of": day(n)} for n in days])
    assert min(r["age_days"] for r in aged) == 0
    assert all(r["age_days"] == max(days) - n for r, n in zip(aged, days, strict=True))
