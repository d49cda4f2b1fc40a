"""Reading the projections from the CLI: totals, sources, history, show; correct, retract,
alias; replay; time travel with --as-of and --at."""

from __future__ import annotations

import csv
import io
import json
import sqlite3
from pathlib import Path

import pytest

from cli.views_cmds import RATE_FROM, replay_message
from ledger.projections.base import PROJECTION_VERSIONS
from tests.samples import ROUNDED, WEEKLY

STAFF = "General Staff of the Armed Forces of Ukraine"
ARMY = "Armed Forces of Ukraine"


@pytest.fixture
def seeded(cli, tmp_path: Path):
    """A ledger holding two articles written for these tests."""
    (tmp_path / "weekly.txt").write_text(WEEKLY)
    (tmp_path / "rounded.txt").write_text(ROUNDED)
    result = cli("ingest", str(tmp_path / "weekly.txt"), str(tmp_path / "rounded.txt"))
    assert result.exit_code == 0, result.output
    return cli


def totals(cli, *args: str) -> list[dict]:
    result = cli("totals", "--json", *args)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def personnel(cli, claimant: str, *args: str) -> dict | None:
    rows = [r for r in totals(cli, "--metric", "personnel", *args) if r["claimant"] == claimant]
    return rows[0] if rows else None


def test_totals_after_ingest(seeded) -> None:
    """The standing figures: 174,550 (General Staff) and about 61,000 (Armed Forces)."""
    staff = personnel(seeded, STAFF)
    army = personnel(seeded, ARMY)
    assert (staff["value"], staff["as_of"], staff["qualifier"]) == (174_550, "2023-04-02", "exact")
    assert (army["value"], army["as_of"], army["qualifier"]) == (61_000, "2022-10-04", "approx")
    assert set(staff) == {
        "claimant",
        "subject",
        "metric",
        "basis",
        "value",
        "qualifier",
        "period_start",
        "as_of",
        "claim_id",
        "position",
        "publisher",
        "review",
        "range",
        "range_claims",
        "age_days",
    }


def test_history_lists_series_per_claimant(seeded) -> None:
    """`history personnel --json` gives each claimant's cumulative series."""
    series = json.loads(seeded("history", "personnel", "--json").stdout)
    by_claimant = {s["claimant"]: [p["value"] for p in s["points"]] for s in series}
    assert by_claimant[STAFF] == [174_550]
    assert 61_000 in by_claimant[ARMY]
    assert seeded("history", "personnel").exit_code == 0
    assert seeded("history", "bananas").exit_code == 2


def test_sources_by_claimant_and_publisher(seeded) -> None:
    """`sources` summarises per claimant, or per publisher with --by publisher."""
    rows = json.loads(seeded("sources", "--json").stdout)
    assert {r["name"] for r in rows} >= {STAFF, ARMY}
    publishers = json.loads(seeded("sources", "--by", "publisher", "--json").stdout)
    assert "Test Wire" in {r["name"] for r in publishers}
    assert seeded("sources", "Nobody").exit_code == 1
    assert seeded("sources", "--by", "planet").exit_code == 2


def test_replay_gives_byte_identical_output(seeded) -> None:
    """`claims replay` rebuilds from position 1 with identical totals, sources and history."""
    commands = [("totals", "--json"), ("sources", "--json"), ("history", "personnel", "--json")]
    before = [seeded(*c).stdout for c in commands]
    result = seeded("replay")
    assert result.exit_code == 0 and result.stdout.startswith("replayed ")
    assert [seeded(*c).stdout for c in commands] == before


@pytest.mark.parametrize(
    ("events", "seconds", "said"),
    [
        (9, 0.09, "replayed 9 events into claims, totals in 0.09s"),
        (RATE_FROM - 1, 0.5, "replayed 999 events into claims, totals in 0.50s"),
        (RATE_FROM, 0.5, "replayed 1000 events into claims, totals in 0.50s (2000 events/s)"),
    ],
)
def test_replay_prints_a_rate_only_over_enough_events(
    events: int, seconds: float, said: str
) -> None:
    """A rate over a handful of events is the command's start-up cost: not printed."""
    assert replay_message(events, ["claims", "totals"], seconds) == said


def test_correct_then_at_then_retract_then_show(seeded) -> None:
    """Correct changes totals, --at still shows the past, retract removes, show lists all."""
    staff = personnel(seeded, STAFF)
    claim_id = staff["claim_id"]
    head = len(seeded("log", "--json").stdout.splitlines())
    fixed = seeded("correct", claim_id, "--value", "174560", "--reason", "transcription typo")
    assert fixed.exit_code == 0, fixed.output
    assert personnel(seeded, STAFF)["value"] == 174_560
    assert personnel(seeded, STAFF, "--at", str(head))["value"] == 174_550
    gone = seeded("retract", claim_id, "--reason", "outlet withdrew it")
    assert gone.exit_code == 0
    assert personnel(seeded, STAFF) is None
    shown = json.loads(seeded("show", claim_id, "--json").stdout)
    assert [e["type"] for e in shown["events"]] == ["asserted", "corrected", "retracted"]
    assert shown["events"][1]["changes"] == {"value": [174_550, 174_560]}
    assert "174,550 troops" in shown["sentence"]
    assert shown["article"]["publisher"] == "Test Wire"
    assert seeded("show", claim_id).exit_code == 0


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["correct", "c_nope", "--value", "1", "--reason", "r"], 1, "no claim"),
        (["retract", "c_nope", "--reason", "r"], 1, "no claim"),
        (["show", "c_nope"], 1, "no claim"),
        (["totals", "--as-of", "2023-02-30"], 2, "--as-of"),
        (["totals", "--at", "-1"], 2, "--at"),
        (["alias", "Same", "same"], 2, "differ"),
    ],
)
def test_refusals(seeded, args: list[str], code: int, message: str) -> None:
    """Unknown claims exit 1, bad options exit 2, each with one line."""
    result = seeded(*args)
    assert result.exit_code == code
    assert message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_correct_refuses_invalid_values_and_writes_nothing(seeded) -> None:
    """A correction to an invalid value is refused before anything is written."""
    claim_id = personnel(seeded, STAFF)["claim_id"]
    before = seeded("log", "--json").stdout
    for args in (["--value", "-4"], ["--metric", "nukes"], ["--as-of", "2020-01-01"], []):
        result = seeded("correct", claim_id, *args, "--reason", "r")
        assert result.exit_code == 2, (args, result.output)
    assert seeded("log", "--json").stdout == before


def test_as_of_time_travel(seeded) -> None:
    """--as-of shows what was claimed about dates up to DATE."""
    assert personnel(seeded, STAFF, "--as-of", "2023-01-01") is None
    assert personnel(seeded, ARMY, "--as-of", "2023-01-01")["value"] == 61_000


def test_at_zero_is_empty(seeded) -> None:
    """--at 0 is the ledger before its first event."""
    assert totals(seeded, "--at", "0") == []


def test_alias_merges_in_totals(seeded) -> None:
    """After `alias`, a claimant can be named by its alias and its claims merge."""
    assert seeded("alias", "Ukrainian army", ARMY).exit_code == 0
    assert personnel(seeded, ARMY, "--claimant", "Ukrainian army")["value"] == 61_000
    assert seeded("alias", "Ukrainian army", ARMY).exit_code == 2  # already so
    assert seeded("alias", ARMY, "Ukrainian army").exit_code == 2  # a cycle


def test_csv_neutralises_formulas(cli, tmp_path: Path) -> None:
    """CSV cells that a spreadsheet would run as formulas are escaped."""
    cli(
        "append",
        "--claimant",
        "=HYPERLINK(1)",
        "--subject",
        "russia",
        "--metric",
        "tanks",
        "--value",
        "3",
        "--as-of",
        "2023-04-02",
    )
    out = cli("totals", "--csv").stdout.splitlines()
    assert out[0].startswith("claimant,")
    assert out[1].startswith("'=HYPERLINK(1)")


@pytest.mark.parametrize("lead", ["=", "+", "-", "@", "\t", "\r"])
def test_csv_neutralises_every_formula_prefix(lead: str) -> None:
    """A cell starting with any character a spreadsheet reads as a formula (OWASP: = + - @,
    tab, carriage return) gets a leading quote; other cells are left as they are."""
    from cli.render_formats import _cell

    cell = _cell(f"{lead}HYPERLINK(1)")
    if lead.isprintable():
        assert cell == f"'{lead}HYPERLINK(1)"
        assert _cell(f"x{lead}1") == f"x{lead}1"
    else:  # a control character is also made inert: it never reaches the cell raw
        assert lead not in cell
        assert cell[:1] not in ("=", "+", "-", "@", "\t", "\r")


@pytest.mark.parametrize("lead", ["=", "+", "-", "@"])
def test_csv_output_neutralises_formulas_in_names(cli, lead: str) -> None:
    """`totals --csv` escapes a claimant that starts with a formula character."""
    name = f"{lead}cmd|' /C calc'!A0"
    result = cli(
        "append",
        "--claimant",
        name,
        "--subject",
        "russia",
        "--metric",
        "tanks",
        "--value",
        "3",
        "--as-of",
        "2023-04-02",
    )
    assert result.exit_code == 0, result.output
    (row,) = list(csv.DictReader(io.StringIO(cli("totals", "--csv").stdout)))
    assert row["claimant"] == "'" + name


def test_stale_projections_are_rebuilt_and_never_trusted(seeded, tmp_path: Path) -> None:
    """A projection at another code version is replayed for reads and rebuilt on the next write."""
    expected = seeded("totals", "--json").stdout
    with sqlite3.connect(tmp_path / "claims.db") as conn:
        conn.execute("UPDATE projection_checkpoints SET version = version + 100")
        conn.execute("DELETE FROM totals")
    assert seeded("totals", "--json").stdout == expected
    seeded("alias", "UA army", ARMY)
    with sqlite3.connect(tmp_path / "claims.db") as conn:
        stored = dict(conn.execute("SELECT name, version FROM projection_checkpoints"))
    assert stored == PROJECTION_VERSIONS
    assert seeded("totals", "--json").stdout == expected


def test_read_commands_do_not_write(seeded, tmp_path: Path) -> None:
    """Read commands open the ledger read-only: the file is unchanged after them."""
    path = tmp_path / "claims.db"
    seeded("replay")
    before = path.read_bytes()
    for command in (["totals"], ["sources"], ["history", "tanks"], ["log"], ["verify"]):
        assert seeded(*command).exit_code == 0
    assert path.read_bytes() == before


def test_history_plot(seeded, tmp_path: Path) -> None:
    """--plot draws the series to a PNG file."""
    pytest.importorskip("matplotlib")
    result = seeded("history", "personnel", "--plot", str(tmp_path / "p.png"))
    assert result.exit_code == 0, result.output
    assert (tmp_path / "p.png").read_bytes()[:4] == b"\x89PNG"


def test_markup_in_names_and_quotes_is_shown_as_text(cli, tmp_path: Path) -> None:
    """Brackets in a claimant or quote are printed as they are, never read as terminal markup."""
    name = "[bold red]Shouty[/] [link=x]Ministry"
    result = cli(
        "append",
        "--claimant",
        name,
        "--subject",
        "russia",
        "--metric",
        "tanks",
        "--value",
        "5",
        "--as-of",
        "2023-04-02",
        "--quote",
        "[/] five [i]tanks",
        "--json",
    )
    assert result.exit_code == 0, result.output
    claim_id = json.loads(result.stdout)["data"]["claim"]["claim_id"]
    for command in (
        ["totals"],
        ["sources"],
        ["history", "tanks"],
        ["show", claim_id],
        ["audit", claim_id],
        ["audit", "--metric", "tanks"],
        ["log"],
    ):
        shown = cli(*command)
        assert shown.exit_code == 0, (command, shown.output)
    assert "[bold red]Shouty" in cli("totals").stdout.replace("\n", "")


def test_replay_one_projection(seeded, tmp_path: Path) -> None:
    """`replay --projection totals` rebuilds the totals from the claims; unknown names exit 2."""
    expected = seeded("totals", "--json").stdout
    with sqlite3.connect(tmp_path / "claims.db") as conn:
        conn.execute("DELETE FROM totals")
    report = json.loads(seeded("replay", "--projection", "totals", "--json").stdout)
    assert report["projections"] == ["totals"]
    assert seeded("totals", "--json").stdout == expected
    full = json.loads(seeded("replay", "--projection", "claims", "--json").stdout)
    assert full["projections"] == ["claims", "totals"] and full["events"] == full["head"]
    assert seeded("replay", "--projection", "nope").exit_code == 2
