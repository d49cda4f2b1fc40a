"""Audit: judging figures by qualifier, consistency findings, and explaining totals (pure)."""

from __future__ import annotations

from typing import Any

import pytest

from ledger.app.audit import (
    at_or_above,
    check,
    consistent,
    explain_total,
    republished,
    speaks_for,
)


@pytest.mark.parametrize(
    ("claimed", "qualifier", "actual", "ok"),
    [
        (61_000, "approx", 60_800, True),  # "almost 61,000"
        (4_000, "approx", 4_000, True),  # "nearly 4,000"
        (61_000, "approx", 50_000, False),
        (2_400, "at_least", 2_424, True),  # "over 2,400"
        (3_000, "at_least", 2_424, False),  # "over 3,000"
        (500, "at_most", 480, True),  # "up to 500"
        (500, "at_most", 520, False),
        (174_550, "exact", 174_550, True),
        (174_550, "exact", 174_560, False),
    ],
)
def test_consistent_by_qualifier(claimed: int, qualifier: str, actual: int, ok: bool) -> None:
    """A figure agrees with the true one as far as its qualifier allows."""
    assert consistent(claimed, qualifier, actual) is ok


def row(claim_id: str, **fields: Any) -> dict[str, Any]:
    base = {
        "claim_id": claim_id,
        "canonical_claimant": "General Staff of the Armed Forces of Ukraine",
        "subject": "russia",
        "metric": "personnel",
        "value": 0,
        "qualifier": "exact",
        "period": "cumulative",
        "period_start": "2022-02-24",
        "as_of": "2023-04-02",
        "status": "active",
        "origin": "dataset",
        "publisher": None,
        "position": 1,
        "provenance": None,
    }
    return base | fields


SERIES = [
    row("c_gs_0326", as_of="2023-03-26", value=170_550),
    row("c_gs_0401", as_of="2023-04-01", value=173_990),
    row("c_gs_0402", as_of="2023-04-02", value=174_550),
]


def kinds(findings: list[dict[str, Any]]) -> list[tuple[str, str]]:
    return [(f["severity"], f["kind"]) for f in findings]


def test_clean_series_has_no_findings() -> None:
    """A rising cumulative series is fine."""
    assert check(SERIES) == []


def test_planted_lower_figure_is_flagged() -> None:
    """A cumulative figure lower than the day before is an error between exact figures."""
    planted = row("c_gs_0403", as_of="2023-04-03", value=174_000)
    (finding,) = check([*SERIES, planted])
    assert kinds([finding]) == [("error", "non-monotonic")]
    assert finding["claims"] == ["c_gs_0402", "c_gs_0403"]
    assert finding["figures"]["drop"] == 550


def test_declared_correction_explains_a_drop() -> None:
    """A drop the claimant declared as a re-count is information, not an error."""
    planted = row(
        "c_gs_0403", as_of="2023-04-03", value=174_500, provenance={"declared_correction": "-60"}
    )
    assert kinds(check([*SERIES, planted])) == [("info", "declared-correction")]


def test_window_against_difference_of_cumulative_figures() -> None:
    """'nearly 4,000 since March 27' on 2 April is checked against 174,550 - 170,550."""
    weekly = row(
        "c_w",
        canonical_claimant="Ministry of Defence of Ukraine",
        origin="article",
        period="window",
        period_start="2023-03-27",
        qualifier="approx",
        value=4_000,
    )
    (finding,) = check([*SERIES, weekly])
    assert finding["kind"] == "window-vs-series" and finding["figures"]["consistent"]
    assert finding["figures"]["difference"] == 4_000
    wrong = dict(weekly, value=9_000)
    assert kinds(check([*SERIES, wrong])) == [("warning", "window-vs-series")]


@pytest.mark.parametrize(
    ("value", "qualifier", "severity"),
    [(174_550, "exact", "info"), (170_000, "at_least", "info"), (180_000, "at_least", "warning")],
)
def test_outlet_figure_against_claimant_series(value: int, qualifier: str, severity: str) -> None:
    """An outlet's report of the claimant's figure is judged against the claimant's own series."""
    outlet = row(
        "c_o",
        canonical_claimant="Armed Forces of Ukraine",
        origin="article",
        publisher="Daily",
        value=value,
        qualifier=qualifier,
    )
    findings = [f for f in check([*SERIES, outlet]) if f["kind"] == "figure-vs-series"]
    assert [f["severity"] for f in findings] == [severity]


def test_claimants_far_apart_are_reported_not_errors() -> None:
    """Two claimants far apart on the same day are an info finding (methods differ)."""
    oryx = row("c_oryx", canonical_claimant="Oryx", metric="personnel", value=20_000)
    findings = check([*SERIES, oryx])
    assert kinds(findings) == [("info", "disagreement")]


def test_retracted_claims_are_ignored() -> None:
    """Retracted claims take no part in checks."""
    planted = row("c_gs_0403", as_of="2023-04-03", value=1, status="retracted")
    assert check([*SERIES, planted]) == []


def test_fail_on_threshold() -> None:
    """--fail-on warning counts warnings and errors; error counts errors only."""
    findings = [{"severity": s} for s in ("info", "warning")]
    assert len(at_or_above(findings, "warning")) == 1
    assert at_or_above(findings, "error") == []


def test_explain_total_names_winner_and_reasons() -> None:
    """The total's explanation names the winning claim and why each competitor lost."""
    rows = [
        *SERIES,
        row("c_approx", value=174_600, qualifier="approx"),
        row("c_gone", as_of="2023-04-05", value=1, status="retracted"),
    ]
    explained = explain_total(rows)
    assert explained["winner"]["claim_id"] == "c_gs_0402"
    why = {c["claim"]["claim_id"]: c["why"] for c in explained["competitors"]}
    assert why["c_approx"].startswith("less specific qualifier")
    assert why["c_gs_0326"].startswith("older as_of")
    assert why["c_gone"] == "retracted"


@pytest.mark.parametrize(
    ("claimant", "body", "series"),
    [
        (
            "Ministry of Defence of Ukraine (Oleksandr Pavliuk)",
            "Ministry of Defence of Ukraine",
            "General Staff of the Armed Forces of Ukraine",
        ),
        (
            "Armed Forces of Ukraine",
            "Armed Forces of Ukraine",
            "General Staff of the Armed Forces of Ukraine",
        ),
        ("Russian Defence Ministry (Igor Konashenkov)", "Russian Defence Ministry", None),
        ("Oryx", "Oryx", None),
    ],
)
def test_a_speaker_in_parentheses_speaks_for_the_body(
    claimant: str, body: str, series: str | None
) -> None:
    """A spokesman's or deputy's figures are his body's: checked against the series it
    republishes."""
    assert speaks_for(claimant) == body
    assert republished(claimant) == series
