"""`claims history METRIC --deltas` and `check --kind delta-vs-stated` from the CLI: JSON, CSV,
tables, the history filters, time travel across a rewrite, and refusals."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
FIXTURES = ROOT / "tests" / "fixtures"
STAFF = "General Staff of the Armed Forces of Ukraine"
DELTA_KEYS = {
    "from",
    "to",
    "days",
    "value",
    "delta",
    "stated",
    "stated_qualifier",
    "kind",
    "explanation",
    "declared_correction",
    "claims",
    "stated_claim",
}


@pytest.fixture
def staff(cli):
    """The examples and the General Staff slice, first as published, then as rewritten;
    returns (cli, the head position before the rewrite)."""
    assert cli("ingest", str(EXAMPLES)).exit_code == 0
    assert cli("import-dataset", str(FIXTURES / "gs-daily-rewritten")).exit_code == 0
    before = json.loads(cli("log", "--json", "--limit", "100000").stdout.splitlines()[-1])
    assert cli("import-dataset", str(FIXTURES / "gs-daily")).exit_code == 0
    return cli, before["position"]


def deltas(cli, metric: str, *args: str) -> list[dict]:
    result = cli("history", metric, "--deltas", "--json", *args)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def by_day(series: dict) -> dict[str, dict]:
    return {d["to"]: d for d in series["deltas"]}


def test_json_gives_each_series_its_deltas_with_stable_keys(staff) -> None:
    """Each series: claimant, subject, metric, first figure, deltas[] with the stated keys."""
    cli, _ = staff
    series = {s["claimant"]: s for s in deltas(cli, "afv")}
    mine = series[STAFF]
    assert set(mine) == {"claimant", "subject", "metric", "basis", "first", "deltas"}
    assert all(set(d) == DELTA_KEYS for d in mine["deltas"])
    assert mine["first"]["as_of"] == "2022-02-25"
    day = by_day(mine)
    assert (day["2023-04-02"]["delta"], day["2023-04-02"]["stated"]) == (5, 5)  # "(5 more)"
    assert (day["2022-10-13"]["delta"], day["2022-10-13"]["kind"]) == (-14, "correction")


def test_filters_since_until_and_claimant_are_history_s(staff) -> None:
    """--claimant, --since and --until keep the figures history keeps: the first delta
    starts at the first figure on or after --since."""
    cli, _ = staff
    (mine,) = deltas(
        cli, "afv", "--claimant", "general staff of the armed forces of ukraine",
        "--since", "2022-10-12", "--until", "2022-10-14",
    )  # fmt: skip
    assert [(d["from"], d["to"]) for d in mine["deltas"]] == [
        ("2022-10-12", "2022-10-13"),
        ("2022-10-13", "2022-10-14"),
    ]
    assert mine["first"]["value"] == 5_181


def test_at_shows_the_fall_the_source_later_rewrote(staff) -> None:
    """--at before the rewrite: 1,105 -> 165 APC is a fall; now it is +60, explained."""
    cli, before = staff
    args = ("--claimant", STAFF, "--since", "2022-03-10", "--until", "2022-03-11")
    (then,) = deltas(cli, "afv", *args, "--at", str(before))
    (now,) = deltas(cli, "afv", *args)
    assert [(d["delta"], d["kind"]) for d in then["deltas"]] == [(-940, "fall")]
    assert [(d["delta"], d["kind"]) for d in now["deltas"]] == [(60, "daily")]
    assert "rewritten in the source: 165 -> 1165" in now["deltas"][0]["explanation"]


def test_reviewed_counts_reviewed_figures_only(staff) -> None:
    """--reviewed: the data set's (entered) figures, none of the articles' unreviewed ones."""
    cli, _ = staff
    (mine,) = deltas(cli, "afv", "--reviewed", "--since", "2023-04-01")
    assert all(c.startswith("c_gs_") for d in mine["deltas"] for c in d["claims"])
    assert all(d["stated"] is None for d in mine["deltas"])  # the stated ones are unreviewed


def test_csv_is_one_row_a_delta(staff) -> None:
    """--csv: one row a delta, its series in the first columns, a fall left a plain number."""
    cli, _ = staff
    result = cli("history", "afv", "--deltas", "--csv", "--since", "2022-10-13", "--until",
                 "2022-10-13", "--claimant", STAFF)  # fmt: skip
    assert (result.exit_code, result.stdout) == (0, "")  # one figure: no delta, no row
    result = cli("history", "afv", "--deltas", "--csv", "--since", "2022-10-12", "--until",
                 "2022-10-13", "--claimant", STAFF)  # fmt: skip
    assert result.stdout.splitlines()[0].startswith("claimant,subject,metric,from,to,days")
    (row,) = csv.DictReader(io.StringIO(result.stdout))
    assert (row["delta"], row["kind"]) == ("-14", "correction")
    assert row["to_claim"] == "c_gs_20221013_afv"


def test_table_shows_kinds_stated_increments_and_explanations(staff) -> None:
    """The table: each series' start, its deltas with kind and explanation, the legend."""
    cli, _ = staff
    result = cli("history", "afv", "--deltas", "--claimant", STAFF, "--since", "2022-10-12",
                 "--until", "2023-04-02")  # fmt: skip
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert f"{STAFF} — russia afv  from 5,181 (2022-10-12)" in out
    line = next(x for x in out.splitlines() if "2022-10-13 " in x and "-14" in x)
    assert "correction" in line and "declared a correction of -25" in line
    line = next(x for x in out.splitlines() if x.strip().startswith("2023-04-01"))
    assert line.split()[-2:] == ["+5", "daily"]  # computed +5, stated +5
    assert "span" in out and "not a daily delta" in out


def test_a_single_figure_has_no_delta(cli) -> None:
    """A series of one figure is shown, saying it has no delta."""
    cli("ingest", str(EXAMPLES / "rounded-2022-10-04.txt"))
    result = cli("history", "personnel", "--deltas")
    assert result.exit_code == 0, result.output
    assert "one figure only: no delta" in result.stdout


@pytest.mark.parametrize(
    ("args", "code", "said"),
    [
        (["--plot", "x.png"], 2, "--plot draws the figures, not their deltas"),
        (["--claimant", "Nobody"], 1, "no claimant matches 'Nobody'"),
        (["--since", "2023-13-01"], 2, "--since"),
    ],
)
def test_refusals(staff, args: list[str], code: int, said: str) -> None:
    """Bad combinations and filters that match nothing are one line, as for history."""
    cli, _ = staff
    result = cli("history", "afv", "--deltas", *args)
    assert result.exit_code == code
    assert said in result.stderr and "Traceback" not in result.stderr


def test_check_reports_the_stated_increment_that_disagrees(staff) -> None:
    """An article's "(+2,262)" drones for 2023-04-03 against +13 in the series: a warning;
    the stated increments that agree (tanks +1, afv +7, ...) give none."""
    cli, _ = staff
    result = cli("check", "--kind", "delta-vs-stated", "--json")
    assert result.exit_code == 0, result.output
    found = json.loads(result.stdout)
    assert [(f["severity"], f["figures"]["stated"], f["figures"]["delta"]) for f in found] == [
        ("warning", 2_262, 13)
    ]
    assert "russia drones stated +2,262 for 2023-04-03" in found[0]["message"]


FULL = ROOT.parent / "shared" / "data" / "mod-daily-losses"


@pytest.mark.skipif(not FULL.exists(), reason="../shared/data is not beside this checkout")
def test_the_issue_s_minus_83_special_equipment_is_a_correction(cli) -> None:
    """The whole data set: `df.diff()`'s "-83 special equipment" of 2024-11-30 is the source's
    declared -85 re-count (+2 without it), a correction, not a loss."""
    assert cli("import-dataset", str(FULL)).exit_code == 0
    (mine,) = deltas(cli, "special_equipment", "--since", "2024-11-29", "--until", "2024-11-30")
    (d,) = mine["deltas"]
    assert (d["delta"], d["kind"]) == (-83, "correction")
    assert (
        d["explanation"] == "the source declared a correction of -85 on 2024-11-30: +2 without it"
    )
