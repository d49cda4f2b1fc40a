"""`check`'s reporting lag and stopped series, and the ages `totals` and `sources` show, through
the CLI on the slice of the General Staff's daily figures (issue 15, items 6 and 7)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

SLICE = Path(__file__).parent / "fixtures" / "gs-daily"
STAFF = "General Staff of the Armed Forces of Ukraine"
NEWEST = "2026-05-05"  # the slice's newest figure


@pytest.fixture
def series(cli):
    """A ledger holding the slice: 2023-04-01 173,990, 04-02 174,550, 04-03 175,160 personnel."""
    result = cli("import-dataset", str(SLICE), "--json")
    assert result.exit_code == 0, result.output
    return cli


CUMULATIVE = ("--since", "2022-02-24")


def outlet(cli, value: int, as_of: str, *more: str) -> str:
    """Append an outlet's General Staff figure (relayed by the armed forces, cumulative unless
    `more` says otherwise); its claim id."""
    result = cli(
        *("append", "--claimant", "Armed Forces of Ukraine", "--subject", "russia"),
        *("--metric", "personnel", "--value", str(value), "--as-of", as_of),
        *("--publisher", "Evening Courier", "--json", *(more or CUMULATIVE)),
    )
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)["data"]["claim"]["claim_id"]


def on(cli, claim_id: str) -> list[dict]:
    return [f for f in json.loads(cli("check", "--json").stdout) if claim_id in f["claims"]]


@pytest.mark.parametrize(
    ("value", "as_of", "more", "expected"),
    [
        (174_550, "2023-04-03", (), ("info", "reporting-lag", "2023-04-02")),  # D-1's figure
        (173_990, "2023-04-03", (), ("info", "reporting-lag", "2023-04-01")),  # D-2's
        (175_160, "2023-04-02", (), ("info", "reporting-lag", "2023-04-03")),  # the next report
        (175_160, "2023-04-03", (), ("info", "figure-vs-series", None)),  # D's own
        (174_000, "2023-04-03", (), ("warning", "figure-vs-series", None)),  # no day's figure
        (610, "2023-04-02", ("--period", "window", "--since", "2023-04-02"), None),
    ],
)
def test_check_judges_a_figure_a_day_or_two_off(series, value, as_of, more, expected) -> None:
    """An outlet's figure equal to the series' one or two days off is a reporting-lag info
    naming the date it matches; one that no nearby day bears out stays a warning."""
    claim_id = outlet(series, value, as_of, *more)
    (found,) = on(series, claim_id)
    if expected is not None:
        assert (found["severity"], found["kind"], found["figures"].get("matches")) == expected
    else:  # "610 on 2 April": the series' difference over 3 April (175,160 - 174,550)
        assert (found["severity"], found["kind"]) == ("info", "reporting-lag")
        assert found["figures"]["cumulative"] == {"2023-04-02": 174_550, "2023-04-03": 175_160}
    failed = series("check", "--fail-on", "warning").exit_code
    assert failed == (1 if found["severity"] == "warning" else 0)


def test_check_kind_reporting_lag_prints_the_date(series) -> None:
    """`check --kind reporting-lag` lists the info and says which day's report it matches."""
    outlet(series, 174_550, "2023-04-03")
    result = series("check", "--kind", "reporting-lag")
    assert result.exit_code == 0, result.output
    text = " ".join(result.stdout.split())
    assert "reporting-lag" in text and f"{STAFF}'s figures of 2023-04-02, a day earlier" in text
    assert text.endswith("0 error, 0 warning, 1 info")


def test_check_reports_a_stopped_series(series) -> None:
    """The slice's prisoners of war were counted daily up to 2022-03-16 and then no more."""
    found = json.loads(series("check", "--kind", "series-stopped", "--json").stdout)
    assert [(f["severity"], f["figures"]["last"], f["figures"]["newest"]) for f in found] == [
        ("info", "2022-03-16", NEWEST)
    ]
    assert "russia pow was daily up to 2022-03-16" in found[0]["message"]


def test_totals_and_sources_say_how_old_each_figure_is(series) -> None:
    """`age_days`: days before the ledger's newest figure, in JSON and in the tables."""
    outlet(series, 174_550, "2023-04-03")
    totals = json.loads(series("totals", "--json", "--metric", "personnel").stdout)
    ages = {r["claimant"]: (r["as_of"], r["age_days"]) for r in totals}
    assert ages == {STAFF: (NEWEST, 0), "Armed Forces of Ukraine": ("2023-04-03", 1128)}
    table = series("totals", "--metric", "personnel").stdout
    assert "2023-04-03 (1128d)" in table and f"{NEWEST} (0d)" in table
    assert "(Nd) N days older than the ledger's newest figure" in table
    sources = json.loads(series("sources", "--json", "--by", "publisher").stdout)
    (courier,) = sources
    assert [(x["metric"], x["age_days"]) for x in courier["latest"]] == [("personnel", 1128)]
    text = " ".join(series("sources", "--by", "publisher").stdout.split())
    assert "(1128d) russia personnel (killed_or_wounded) 174,550" in text


def test_sources_group_latest_figures_by_age(series) -> None:
    """A source's latest figures are listed newest first, one "(Nd)" per run of one age."""
    outlet(series, 174_550, "2023-04-03")
    series(
        *("append", "--claimant", "Armed Forces of Ukraine", "--subject", "russia"),
        *("--metric", "tanks", "--value", "3600", "--as-of", "2023-04-05", "--since", "2022-02-24"),
        *("--publisher", "Evening Courier"),
    )
    series(
        *("append", "--claimant", "Armed Forces of Ukraine", "--subject", "russia"),
        *("--metric", "afv", "--value", "7000", "--as-of", "2023-04-03", "--since", "2022-02-24"),
        *("--publisher", "Evening Courier"),
    )
    text = " ".join(series("sources", "--by", "publisher").stdout.split())
    assert (
        "(1126d) russia tanks 3,600; (1128d) russia afv 7,000, russia personnel "
        "(killed_or_wounded) 174,550"
    ) in text


def test_filtered_totals_keep_the_ledger_wide_age(series) -> None:
    """A filter does not move the reference date: ages count from the whole ledger's newest."""
    outlet(series, 174_550, "2023-04-03")
    (row,) = json.loads(
        series(
            "totals", "--json", "--metric", "personnel", "--claimant", "armed forces of ukraine"
        ).stdout
    )
    assert row["age_days"] == 1128
