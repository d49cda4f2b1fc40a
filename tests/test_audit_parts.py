"""Like with like in `check`: parts of a figure, a claimant's own figure first, and declared
corrections taken out before a window or a stated increment is judged (pure)."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ledger.app.audit import check
from ledger.app.audit_parts import partial_scope

STAFF = "General Staff of the Armed Forces of Ukraine"


def row(claim_id: str, as_of: str, value: int, **fields: Any) -> dict[str, Any]:
    base = {
        "claim_id": claim_id,
        "canonical_claimant": STAFF,
        "subject": "russia",
        "metric": "cruise_missiles",
        "value": value,
        "qualifier": "exact",
        "period": "cumulative",
        "period_start": "2022-02-24",
        "as_of": as_of,
        "status": "active",
        "origin": "dataset",
        "publisher": None,
        "article_id": None,
        "span": None,
        "position": 1,
        "provenance": None,
    }
    return base | fields


def reported(claim_id: str, as_of: str, value: int, **fields: Any) -> dict[str, Any]:
    """A figure an outlet's article gives, attributed to the General Staff."""
    fields = {"origin": "article", "article_id": "a_1", "publisher": "Outlet", **fields}
    return row(claim_id, as_of, value, **fields)


def window(claim_id: str, day: str, value: int, **fields: Any) -> dict[str, Any]:
    return reported(claim_id, day, value, period="window", period_start=day, **fields)


# The series counts a day's losses in the next morning's report: nothing on the 22nd, 21 on
# the 23rd (its own dates, as published).
SERIES = [
    row("c_gs_21", "2022-10-21", 329),
    row("c_gs_22", "2022-10-22", 329),
    row("c_gs_23", "2022-10-23", 350),
]


def context(words: dict[str, tuple[str, str]]):
    return lambda r: words.get(r["claim_id"])


def warnings(findings: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [f for f in findings if f["severity"] != "info"]


@pytest.mark.parametrize(
    ("before", "after", "scope"),
    [
        (
            "Air defence also downed ",
            " over the southern regions of Odesa and Mykolaiv.",
            "over the southern regions of Odesa and Mykolaiv",
        ),
        (
            "Troops shot down ",
            " over the northern regions of Chernihiv and Sumy oblasts.",
            "over the northern regions of Chernihiv and Sumy oblasts",
        ),
        (
            "It lost 720 troops, including ",
            " in the Bakhmut direction.",
            "in the Bakhmut direction",
        ),
        ("", " were destroyed by the Vostok battlegroup, the ministry said.", "Vostok battlegroup"),
        ("In Kherson Oblast, ", " were shot down overnight.", "In Kherson Oblast"),
        ("Russia has lost ", " troops in Ukraine since the start of the invasion.", None),
        ("The army said ", " soldiers were killed on the front line.", None),
        ("Drones across the country: ", " were downed.", None),
        ("Nothing moved in the area, and ", " tanks were lost.", None),
        # another figure's clause is not this one's: the scope after "200" belongs to it
        ("It said ", " troops were killed, including 200 in the Bakhmut direction.", None),
        ("Of the 30 downed in the Kyiv region, ", " were drones.", None),
        ("It lost 200 in the Bakhmut direction and ", " elsewhere.", None),
    ],
)
def test_partial_scope_reads_the_figure_s_own_clause(
    before: str, after: str, scope: str | None
) -> None:
    """A region, an oblast, a direction or a battlegroup in the figure's own clause confines
    it; the whole country, the front line or an unnamed area does not."""
    assert partial_scope(before, after) == scope


def test_a_regional_window_is_a_part_of_the_national_count_a_day_later() -> None:
    """Two missiles over two oblasts on the 22nd: the series' difference on its own dates is
    0, on the next morning's 21; a part, an info finding, not a disagreement."""
    part = window("c_two", "2022-10-22", 2, canonical_claimant="Armed Forces of Ukraine")
    words = {"c_two": ("shot down ", " over the northern regions of Chernihiv and Sumy oblasts")}
    findings = check([*SERIES, part], context=context(words))
    (found,) = [f for f in findings if "c_two" in f["claims"]]
    assert (found["severity"], found["kind"]) == ("info", "window-vs-series")
    assert "is a part of" in found["message"] and "(350 - 329 = 21" in found["message"]
    assert found["figures"]["scope"].startswith("over the northern regions")
    # without the words around it, the same figure is judged as the whole: a warning
    (alone,) = [f for f in check([*SERIES, part]) if "c_two" in f["claims"]]
    assert alone["severity"] == "warning"


def test_a_part_larger_than_the_whole_is_a_warning() -> None:
    part = window("c_many", "2022-10-22", 40, canonical_claimant="Armed Forces of Ukraine")
    words = {"c_many": ("downed ", " in the Kyiv region")}
    (found,) = warnings(check([*SERIES, part], context=context(words)))
    assert "more than the whole of" in found["message"]


@given(st.integers(min_value=0, max_value=60))
def test_a_part_warns_exactly_when_it_is_more_than_every_whole(value: int) -> None:
    """A part is consistent when it is not more than the series' difference on its own dates
    or a day or two off (here 0, 21 and, two days earlier, nothing)."""
    part = window("c_part", "2022-10-22", value, canonical_claimant="Armed Forces of Ukraine")
    words = {"c_part": ("downed ", " over the southern regions")}
    found = warnings(check([*SERIES, part], context=context(words)))
    assert bool(found) is (value > 21)


@pytest.mark.parametrize(
    ("values", "warned"),
    [
        ((969, 60), 0),  # 969 + 60 = 1,029: parts of one figure
        ((969, 61), 2),  # they add up to something else: each is judged, and disagrees
        ((1029, 5), 1),  # one is the figure itself: the other is judged alone
    ],
)
def test_figures_that_add_up_to_the_series_are_parts(values: tuple[int, int], warned: int) -> None:
    series = [
        row("c_gs_20", "2022-03-20", 1007, metric="vehicles"),
        row("c_gs_21", "2022-03-21", 1029, metric="vehicles"),
    ]
    parts = [reported(f"c_p{i}", "2022-03-21", v, metric="vehicles") for i, v in enumerate(values)]
    findings = check([*series, *parts])
    assert len(warnings(findings)) == warned
    if warned == 0:
        (summed,) = [f for f in findings if "parts of one figure" in f["message"]]
        assert summed["figures"]["sum"] == 1029 and summed["claims"][-1] == "c_gs_21"


def test_an_outlet_s_report_on_a_published_date_is_not_a_point_of_the_series() -> None:
    """The series falls from 1,007 to 60 only if the outlet's 60 stood for the claimant's own
    figure of that date; it does not: the data set's 1,029 is the point."""
    series = [
        row("c_gs_20", "2022-03-20", 1007, metric="vehicles"),
        row("c_gs_21", "2022-03-21", 1029, metric="vehicles"),
    ]
    findings = check([*series, reported("c_sixty", "2022-03-21", 60, metric="vehicles")])
    assert not [f for f in findings if f["kind"] == "non-monotonic"]
    (judged,) = [f for f in findings if "c_sixty" in f["claims"]]
    assert (judged["kind"], judged["figures"]["series_value"]) == ("figure-vs-series", 1029)


def test_a_fall_the_source_declared_is_explained_though_an_outlet_reports_it_too() -> None:
    declared = {"declared_correction": "-1"}
    series = [
        row("c_gs_02", "2023-10-02", 316, metric="aircraft"),
        row("c_gs_03", "2023-10-03", 315, metric="aircraft", provenance=declared),
    ]
    # an outlet's 315 of the same date sorts before the data set's claim id
    findings = check([*series, reported("c_a_315", "2023-10-03", 315, metric="aircraft")])
    assert [f["kind"] for f in findings if "falls" in f["message"]] == ["declared-correction"]


@pytest.mark.parametrize(
    ("declared", "severity"), [("5", "info"), (None, "warning"), ("4", "warning")]
)
def test_a_stated_increment_net_of_a_declared_correction(
    declared: str | None, severity: str
) -> None:
    """+15 stated, the series rose by 20 and the source declared +5 that day: consistent; it
    is judged once (`delta-vs-stated`), not again as a window."""
    provenance = {"declared_correction": declared} if declared else None
    series = [
        row("c_gs_02", "2023-10-02", 4712, metric="tanks"),
        row("c_gs_03", "2023-10-03", 4732, metric="tanks", provenance=provenance),
    ]
    stated = row(
        "c_plus",
        "2023-10-03",
        15,
        metric="tanks",
        period="window",
        period_start="2023-10-03",
        origin="article",
        article_id="a_1",
    )
    findings = [f for f in check([*series, stated]) if "c_plus" in f["claims"]]
    assert [(f["severity"], f["kind"]) for f in findings] == [(severity, "delta-vs-stated")]


@pytest.mark.parametrize(
    ("declared", "severity", "said"),
    [("+80", "info", "agrees"), (None, "warning", "disagrees"), ("+30", "warning", "disagrees")],
)
def test_a_window_net_of_a_declared_correction(
    declared: str | None, severity: str, said: str
) -> None:
    """20 over two days, the series rose by 100 and the source declared +80 in them: the
    window agrees once the correction is taken out (said, with the correction); without it,
    or with another one, it disagrees."""
    provenance = {"declared_correction": declared} if declared else None
    series = [
        row("c_gs_01", "2023-10-01", 4700, metric="tanks"),
        row("c_gs_02", "2023-10-02", 4712, metric="tanks"),
        row("c_gs_03", "2023-10-03", 4800, metric="tanks", provenance=provenance),
    ]
    window = row(
        "c_two_days",
        "2023-10-03",
        20,
        metric="tanks",
        period="window",
        period_start="2023-10-02",
        origin="article",
        article_id="a_1",
    )
    (found,) = [f for f in check([*series, window]) if f["kind"] == "window-vs-series"]
    assert (found["severity"], found["claims"][0]) == (severity, "c_two_days")
    assert f" {said} with " in found["message"]
    assert found["figures"].get("declared_correction") == (80 if severity == "info" else None)
    assert ("once the correction of +80" in found["message"]) == (severity == "info")
