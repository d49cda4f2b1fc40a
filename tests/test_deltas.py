"""Daily deltas from a cumulative series (issue 15, item 2): the pure rule, real-shaped cases
from the General Staff slice (a declared correction, a day the source rewrote), and `check`'s
`delta-vs-stated` finding."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ledger.app.audit import KINDS, check
from ledger.projections import corrections_of, delta_series

GS = "General Staff of the Armed Forces of Ukraine"
FIXTURES = Path(__file__).parent / "fixtures"
START = date(2023, 3, 25)


def row(claim_id: str, as_of: str, value: int, **fields: Any) -> dict[str, Any]:
    """A claim row with what the deltas read (the rest of a ClaimRow is not looked at)."""
    base = {
        "claim_id": claim_id,
        "canonical_claimant": GS,
        "subject": "russia",
        "metric": "tanks",
        "value": value,
        "qualifier": "exact",
        "period": "cumulative",
        "period_start": "2022-02-24",
        "as_of": as_of,
        "status": "active",
        "origin": "dataset",
        "publisher": None,
        "position": 1,
        "first_position": 1,
        "provenance": None,
    }
    return base | fields


def day(n: int) -> str:
    return (START + timedelta(days=n)).isoformat()


def stated(claim_id: str, as_of: str, value: int, period_start: str, **fields: Any) -> dict:
    return row(claim_id, as_of, value, period="window", period_start=period_start, **fields)


def only(rows: list[dict[str, Any]], **kwargs: Any) -> list[dict[str, Any]]:
    (series,) = delta_series(rows, **kwargs)
    return series["deltas"]


# -- invariants ---------------------------------------------------------------------------

days_and_values = st.lists(
    st.tuples(st.integers(1, 6), st.integers(0, 5_000)), min_size=1, max_size=30
)


def build(steps: list[tuple[int, int]]) -> list[dict[str, Any]]:
    rows, n = [], 0
    for i, (gap, value) in enumerate(steps):
        n += gap
        rows.append(row(f"c_{i:03d}", day(n), value))
    return rows


@given(days_and_values)
def test_deltas_add_up_to_last_minus_first(steps: list[tuple[int, int]]) -> None:
    """Without corrections, the deltas of a series sum to its last figure minus its first,
    one delta per consecutive pair of dates."""
    rows = build(steps)
    deltas = only(rows)
    assert sum(d["delta"] for d in deltas) == rows[-1]["value"] - rows[0]["value"]
    assert len(deltas) == len(rows) - 1
    assert all(d["kind"] != "correction" and d["explanation"] is None for d in deltas)


@given(days_and_values, st.sets(st.integers(0, 29)))
def test_a_fall_a_correction_explains_is_never_a_fall(
    steps: list[tuple[int, int]], corrected: set[int]
) -> None:
    """A fall with a figure the log corrected at either end is a `correction` with its
    explanation; every other fall is a `fall`; a rise is neither."""
    rows = build(steps)
    fixed = {f"c_{i:03d}": [f"corrected {i}"] for i in corrected if i < len(rows)}
    for d in only(rows, corrections=fixed):
        touched = [c for c in d["claims"] if c in fixed]
        if d["delta"] < 0 and touched:
            assert d["kind"] == "correction"
            assert all(fixed[c][0] in d["explanation"] for c in touched)
        elif d["delta"] < 0:
            assert d["kind"] == "fall"
        else:
            assert d["kind"] in ("daily", "gap", "span")


# -- the rule, case by case ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("days", "value", "kind"),
    [
        (1, 10, "daily"),
        (1, 0, "daily"),  # no loss that day is a daily delta of +0
        (2, 10, "gap"),
        (3, 10, "gap"),
        (4, 10, "span"),  # over 3 days: not a daily delta
        (40, 10, "span"),
        (1, -1, "fall"),
        (5, -1, "fall"),  # a fall over a span is still a fall
    ],
)
def test_kind_of_a_delta(days: int, value: int, kind: str) -> None:
    """A delta's kind says how many days it covers, or that the series fell."""
    (d,) = only([row("c_a", day(0), 100), row("c_b", day(days), 100 + value)])
    assert (d["from"], d["to"], d["days"], d["value"], d["delta"]) == (
        day(0),
        day(days),
        days,
        100 + value,
        value,
    )
    assert d["kind"] == kind


@pytest.mark.parametrize(
    ("rivals", "picked"),
    [
        ([("c_x", 110, "approx", 5), ("c_y", 120, "exact", 2)], "c_y"),  # exact > approx
        ([("c_x", 110, "exact", 5), ("c_y", 120, "exact", 2)], "c_x"),  # later position
        ([("c_x", 110, "at_least", 9), ("c_y", 120, "approx", 2)], "c_y"),
    ],
)
def test_one_figure_a_date_by_the_totals_rule(rivals: list[tuple], picked: str) -> None:
    """When several claims share a date, the delta uses the one totals would pick."""
    rows = [row("c_a", day(0), 100)]
    rows += [row(c, day(1), v, qualifier=q, position=p) for c, v, q, p in rivals]
    (d,) = only(rows)
    assert d["claims"] == ["c_a", picked]
    assert d["value"] == next(v for c, v, _, _ in rivals if c == picked)


def test_each_claimant_subject_and_metric_is_its_own_series() -> None:
    """Deltas never cross from one claimant's (or metric's) figures to another's."""
    rows = [
        row("c_a", day(0), 100),
        row("c_b", day(1), 50, canonical_claimant="Armed Forces of Ukraine"),
        row("c_c", day(2), 90, metric="afv"),
        row("c_d", day(3), 130),
    ]
    out = {(s["claimant"], s["metric"]): s for s in delta_series(rows)}
    assert [d["claims"] for d in out[(GS, "tanks")]["deltas"]] == [["c_a", "c_d"]]
    assert out[("Armed Forces of Ukraine", "tanks")]["deltas"] == []
    assert out[(GS, "afv")]["first"] == {"as_of": day(2), "value": 90, "claim_id": "c_c"}


@pytest.mark.parametrize(
    ("window", "shown"),
    [
        (dict(as_of=day(1), period_start=day(1)), True),  # "(+7)": the day itself
        (dict(as_of=day(1), period_start=day(0)), False),  # two days: not this delta's
        (dict(as_of=day(1), period_start=day(1), canonical_claimant="Someone else"), False),
        (dict(as_of=day(1), period_start=day(1), status="retracted"), False),
        (dict(as_of=day(0), period_start=day(0)), False),  # the day before
    ],
)
def test_stated_increment_is_the_window_of_exactly_the_delta(window: dict, shown: bool) -> None:
    """The stated increment beside a delta is the claimant's own window over its days."""
    rows = [row("c_a", day(0), 100), row("c_b", day(1), 107), stated("c_w", value=7, **window)]
    (d,) = only(rows)
    assert (d["stated"], d["stated_claim"]) == ((7, "c_w") if shown else (None, None))


def test_stated_increment_over_a_gap_covers_the_gap() -> None:
    """Over a 2-day gap, a window from the day after the first figure is the stated change."""
    rows = [row("c_a", day(0), 100), row("c_b", day(2), 120)]
    rows.append(stated("c_w", day(2), 20, day(1), qualifier="approx"))
    (d,) = only(rows)
    assert (d["kind"], d["stated"], d["stated_qualifier"]) == ("gap", 20, "approx")


@pytest.mark.parametrize(
    ("declared_on", "declared", "kind"),
    [
        (1, "-25", "correction"),  # declared on the day of the fall
        (0, "-25", "correction"),  # filed a day early
        (1, "+30", "fall"),  # a positive re-count does not explain a fall
        (-3, "-25", "fall"),  # too early to explain it
    ],
)
def test_a_declared_correction_explains_a_fall(declared_on: int, declared: str, kind: str) -> None:
    """A source's declared negative correction on the fall's day (or the day before) marks
    the fall a `correction`, saying how much it declared and the change without it."""
    rows = [row("c_0", day(-3), 5_100), row("c_a", day(0), 5_181), row("c_b", day(1), 5_167)]
    target = {-3: 0, 0: 1, 1: 2}[declared_on]
    rows[target]["provenance"] = {"declared_correction": declared}
    d = only(rows)[-1]
    assert d["kind"] == kind
    if kind == "correction":
        assert d["explanation"] == (
            f"the source declared a correction of -25 on {day(declared_on)}: +11 without it"
        )


def test_a_declared_correction_on_a_rise_is_said_not_marked() -> None:
    """A rise that includes a declared correction stays a daily delta, with the explanation."""
    rows = [row("c_a", day(0), 1_507), row("c_b", day(1), 1_556)]
    rows[1]["provenance"] = {"declared_correction": "32"}
    (d,) = only(rows)
    assert d["kind"] == "daily"
    said = f"the source declared a correction of +32 on {day(1)}: +17 without it"
    assert d["explanation"] == said


def test_corrections_of_reads_value_corrections_only() -> None:
    """The log's corrections that changed a value explain; other life entries do not."""
    life = [
        {"claim_id": "c_a", "position": 9, "kind": "corrected", "recorded_at": "", "actor": "x",
         "detail": {"changes": {"value": [165, 1165]}, "reason": "rewritten in the source"}},
        {"claim_id": "c_b", "position": 10, "kind": "corrected", "recorded_at": "", "actor": "x",
         "detail": {"changes": {"qualifier": ["at_least", "approx"]}, "reason": "r"}},
        {"claim_id": "c_c", "position": 11, "kind": "retracted", "recorded_at": "", "actor": "x",
         "detail": {"reason": "r"}},
    ]  # fmt: skip
    assert corrections_of(life) == {  # type: ignore[arg-type]
        "c_a": ["corrected at position 9: 165 -> 1,165 (rewritten in the source)"]
    }


# -- real-shaped: the General Staff slice -------------------------------------------------


@pytest.fixture
def rewritten(ledger):
    """The slice as first published, then as the source rewrote it (three corrections)."""
    ledger.import_dataset([str(FIXTURES / "gs-daily-rewritten")])
    before = ledger.head()
    ledger.import_dataset([str(FIXTURES / "gs-daily")])
    return ledger, before


def deltas_of(ledger, metric: str, **kwargs: Any) -> dict[str, dict[str, Any]]:
    (series,) = ledger.history(metric, deltas=True, **kwargs)
    return {d["to"]: d for d in series["deltas"]}


def test_the_declared_afv_recount_of_2022_10_13_is_a_correction(rewritten) -> None:
    """5,181 -> 5,167 armoured vehicles on 2022-10-13 is the source's declared -25 re-count."""
    d = deltas_of(rewritten[0], "afv")["2022-10-13"]
    assert (d["delta"], d["kind"]) == (-14, "correction")
    assert "declared a correction of -25 on 2022-10-13: +11 without it" in d["explanation"]


def test_a_day_the_source_rewrote_falls_before_and_not_after(rewritten) -> None:
    """APC 2022-03-11, first published 165 (after 1,105): an unexplained fall as the ledger
    stood before the rewrite; +60, saying it was rewritten, once the rewrite is recorded."""
    ledger, before = rewritten
    then = deltas_of(ledger, "afv", at=before)["2022-03-11"]
    assert (then["value"], then["delta"], then["kind"]) == (165, -940, "fall")
    now = deltas_of(ledger, "afv")
    assert (now["2022-03-11"]["delta"], now["2022-03-11"]["kind"]) == (60, "daily")
    assert "165 -> 1,165" in now["2022-03-11"]["explanation"]
    assert "165 -> 1,165" in now["2022-03-12"]["explanation"]  # the next delta starts there
    assert now["2022-03-13"]["explanation"] is None


def test_the_slice_s_gaps_are_spans(rewritten) -> None:
    """The slice jumps from 2022-03-16 to 2022-04-28: one 43-day span, not a daily delta."""
    d = deltas_of(rewritten[0], "tanks")["2022-04-28"]
    assert (d["from"], d["days"], d["kind"]) == ("2022-03-16", 43, "span")


def test_the_slice_s_deltas_add_up(rewritten) -> None:
    """Over the real slice, the deltas add up to the last figure minus the first."""
    (series,) = rewritten[0].history("personnel", deltas=True)
    (figures,) = rewritten[0].history("personnel")
    points = figures["points"]
    assert sum(d["delta"] for d in series["deltas"]) == points[-1]["value"] - points[0]["value"]


# -- check: delta-vs-stated ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("claimed", "qualifier", "warned"),
    [
        (7, "exact", False),  # equal: nothing
        (9, "exact", True),
        (2_262, "exact", True),  # a cumulative figure read as the day's change
        (8, "approx", True),  # 7 is not "about 8" (5%)
        (5, "at_least", False),  # "over 5" and 7 it was
    ],
)
def test_check_reports_a_stated_increment_the_series_does_not_bear_out(
    claimed: int, qualifier: str, warned: bool
) -> None:
    """`delta-vs-stated`: a warning naming the stated, earlier and later claims."""
    rows = [row("c_a", day(0), 100), row("c_b", day(1), 107)]
    rows.append(stated("c_w", day(1), claimed, day(1), qualifier=qualifier))
    found = [f for f in check(rows) if f["kind"] == "delta-vs-stated"]  # type: ignore[arg-type]
    assert "delta-vs-stated" in KINDS
    if not warned:
        assert found == []
        return
    (finding,) = found
    assert (finding["severity"], finding["claims"]) == ("warning", ["c_w", "c_a", "c_b"])
    assert finding["figures"]["stated"] == claimed and finding["figures"]["delta"] == 7
    assert f"for {day(1)}" in finding["message"] and "100" in finding["message"]
