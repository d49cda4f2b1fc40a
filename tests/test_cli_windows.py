"""`claims windows` through the CLI: the latest window figure per group, sums over
--from/--to, the filters (a filter matching nothing exits 1), --reviewed, --as-of, --at,
--json, --csv and the table."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from tests.samples import WEEKLY

MOD = "Russian Ministry of Defence"
DAYS = [("2023-04-01", 120), ("2023-04-02", 130), ("2023-04-03", 140)]


def append(cli, value: int, since: str, as_of: str, **options: str) -> None:
    args = ["--claimant", MOD, "--subject", "ukraine", "--metric", "personnel"]
    args += ["--value", str(value), "--period", "window", "--since", since, "--as-of", as_of]
    for name, v in options.items():
        args += [f"--{name.replace('_', '-')}", v]
    result = cli("append", *args)
    assert result.exit_code == 0, result.output


@pytest.fixture
def mod(cli):
    """The MoD's daily figures for 1-3 April, the first one carried by two outlets, and its
    weekly figure for 27 March - 2 April (which overlaps two of the days)."""
    for as_of, value in DAYS:
        append(cli, value, as_of, as_of, publisher="TASS")
    append(cli, 120, "2023-04-01", "2023-04-01", publisher="RIA Novosti")
    append(cli, 900, "2023-03-27", "2023-04-02", publisher="TASS")
    return cli


def rows(cli, *args: str) -> list[dict]:
    result = cli("windows", "--json", *args)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_latest_window_figure(mod) -> None:
    (latest,) = rows(mod)
    assert (latest["claimant"], latest["value"], latest["as_of"]) == (MOD, 140, "2023-04-03")
    assert latest["period_start"] == "2023-04-03" and latest["duplicates"] == 0


def test_as_of_and_at_travel_in_time(mod) -> None:
    """--as-of 2023-04-02: the weekly and the daily figure both end then; the later one
    recorded (position) stands. --at 1: only the first daily figure was known."""
    (then,) = rows(mod, "--as-of", "2023-04-02")
    assert (then["value"], then["period_start"]) == (900, "2023-03-27")
    (early,) = rows(mod, "--at", "1")
    assert early["value"] == 120


@pytest.mark.parametrize(
    "since, until, value, windows, covered, folded, left",
    [
        ("2023-04-01", "2023-04-03", 390, 3, 3, 1, 0),  # the RIA copy of 1 April folded once
        ("2023-03-27", "2023-04-03", 1040, 2, 8, 0, 2),  # the week, plus 3 April; 1-2 left out
        ("2023-04-02", "2023-04-02", 130, 1, 1, 0, 0),
    ],
)
def test_sums_over_a_range(mod, since, until, value, windows, covered, folded, left) -> None:
    (row,) = rows(mod, "--from", since, "--to", until)
    assert (row["value"], row["qualifier"], row["windows"]) == (value, "exact", windows)
    assert (row["days_covered"], row["duplicates"], len(row["overlapping"])) == (
        covered,
        folded,
        left,
    )


def test_a_sum_of_at_least_figures_is_at_least(cli) -> None:
    append(cli, 100, "2023-04-01", "2023-04-01", qualifier="at_least")
    append(cli, 50, "2023-04-02", "2023-04-02", qualifier="at_least")
    (row,) = rows(cli, "--from", "2023-04-01", "--to", "2023-04-30")
    assert (row["value"], row["qualifier"]) == (150, "at_least")
    append(cli, 30, "2023-04-03", "2023-04-03", qualifier="at_most")
    (mixed,) = rows(cli, "--from", "2023-04-01", "--to", "2023-04-30")
    assert (mixed["qualifier"], mixed["low"], mixed["high"]) == ("range", 150, 180)
    table = cli("windows", "--from", "2023-04-01", "--to", "2023-04-30").stdout
    assert "150–180" in table


@pytest.mark.parametrize(
    "args, code, says",
    [
        (["--claimant", "Nobody"], 1, "no claimant matches 'Nobody'"),
        (["--metric", "tanks"], 1, "no metric matches 'tanks'"),
        (["--metric", "tank"], 2, "unknown metric 'tank'"),
        (["--from", "2023-04-01"], 2, "give both --from and --to"),
        (["--from", "2023-04-05", "--to", "2023-04-01"], 2, "is after --to"),
        (["--to", "2023-04-31", "--from", "2023-04-01"], 2, "--to"),
    ],
)
def test_refusals(mod, args: list[str], code: int, says: str) -> None:
    result = mod("windows", *args)
    assert result.exit_code == code, result.output
    assert result.stdout == ""
    assert result.stderr.startswith("claims: error: ") and says in result.stderr
    assert len(result.stderr.splitlines()) == 1


def test_filters_keep_their_group(mod, tmp_path: Path) -> None:
    """--claimant (any case), --subject, --metric keep only their group's rows."""
    (tmp_path / "weekly.txt").write_text(WEEKLY)
    assert mod("ingest", str(tmp_path / "weekly.txt")).exit_code == 0
    everyone = rows(mod)
    assert len({r["claimant"] for r in everyone}) > 1
    (only,) = rows(mod, "--claimant", MOD.upper(), "--subject", "ukraine", "--metric", "personnel")
    assert only["claimant"] == MOD


def test_reviewed_leaves_out_what_no_person_checked(mod, tmp_path: Path) -> None:
    """An extracted window figure is unreviewed: `--reviewed` counts only the entered ones,
    and the table marks the unreviewed figure with `?`."""
    (tmp_path / "weekly.txt").write_text(WEEKLY)
    assert mod("ingest", str(tmp_path / "weekly.txt")).exit_code == 0
    extracted = [r for r in rows(mod) if r["review"] == "unreviewed"]
    assert extracted, "the weekly article holds a window figure"
    assert {r["claimant"] for r in rows(mod, "--reviewed")} == {MOD}
    table = mod("windows").stdout
    assert f"{extracted[0]['value']:,}?" in table.replace("~", "")


def test_csv_and_table(mod) -> None:
    out = mod("windows", "--csv", "--from", "2023-04-01", "--to", "2023-04-03").stdout
    (row,) = list(csv.DictReader(io.StringIO(out)))
    (document,) = rows(mod, "--from", "2023-04-01", "--to", "2023-04-03")
    assert row["value"] == "390" and row["claims"] == " ".join(document["claims"])
    table = mod("windows", "--from", "2023-04-01", "--to", "2023-04-03").stdout
    assert "390" in table and "3/3" in table and "?" not in table
    assert (
        "no window figures" in mod("windows", "--from", "2020-01-01", "--to", "2020-01-02").stdout
    )


def test_cumulative_figures_are_no_windows(cli) -> None:
    """A ledger of cumulative figures only has no window figures: an empty answer, and a
    filter naming its claimant says there are none for it (exit 1)."""
    base = ["--subject", "ukraine", "--metric", "personnel", "--as-of", "2023-04-02"]
    assert cli("append", "--claimant", MOD, *base, "--value", "5000").exit_code == 0
    assert rows(cli) == []
    result = cli("windows", "--claimant", MOD)
    assert result.exit_code == 1
    assert f"no window figures match claimant '{MOD}'" in result.stderr


def test_reviewed_refuses_an_unreviewed_ledger(cli, tmp_path: Path) -> None:
    (tmp_path / "weekly.txt").write_text(WEEKLY)
    assert cli("ingest", str(tmp_path / "weekly.txt")).exit_code == 0
    result = cli("windows", "--reviewed")
    assert result.exit_code == 1 and "no reviewed claims match: 0 of" in result.stderr
