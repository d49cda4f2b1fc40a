"""`--reviewed` through the CLI: `totals`, `history`, `sources`, `check` and `audit --metric`
computed over reviewed claims only (accepted, fixed or entered), and every view saying which
figures a person checked.

The ledger: two General Staff reports written for these tests (own words, figures of the kind
the real reports give), the later one left unreviewed; of the earlier one the personnel figure
is accepted, the tanks figure rejected, the armoured vehicles figure fixed on review; and one
hand-entered personnel figure from before both.
Imports: the CLI through the `cli` fixture (tests/conftest.py).
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

MORNING = (
    "Russia's losses climb past 197,000, General Staff says\n\n"
    "Kyiv, 10 May 2023. The General Staff of the Armed Forces of Ukraine said on Wednesday "
    "that Russia had lost 197,320 troops since the start of the full-scale invasion. It also "
    "reported 3,754 tanks and 7,310 armoured fighting vehicles destroyed.\n"
)
EVENING = (
    "General Staff: Russian losses reach 198,540 troops\n\n"
    "Kyiv, 12 May 2023. Russia has lost 198,540 troops since the full-scale invasion began, "
    "the General Staff of the Armed Forces of Ukraine said on Friday. The General Staff also "
    "counted 3,761 tanks and 7,300 armoured fighting vehicles.\n"
)
STAFF = "General Staff of the Armed Forces of Ukraine"
FIXED_AFV = 7_315

Ids = dict[str, str]
"""Claim ids by name: "m.personnel" (the morning report's), "e.tanks", "entered"."""


def _json(cli: Any, *args: str) -> Any:
    result = cli(*args, "--json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def _ingest(cli: Any, path: Path, text: str, published: str, prefix: str, ids: Ids) -> None:
    path.write_text(text)
    assert cli("ingest", str(path), "--published", published).exit_code == 0
    events = [json.loads(line) for line in cli("log", "--json").stdout.splitlines()]
    data = events[-1]["data"]
    ids.update({f"{prefix}.{c['metric']}": c["claim_id"] for c in data["claims"]})


@pytest.fixture
def ledger(cli: Any, tmp_path: Path) -> tuple[Any, Ids]:
    """The ledger of the module docstring; returns the CLI and the claim ids by name."""
    ids: Ids = {}
    _ingest(cli, tmp_path / "morning.txt", MORNING, "2023-05-10", "m", ids)
    _ingest(cli, tmp_path / "evening.txt", EVENING, "2023-05-12", "e", ids)
    assert set(ids) == {f"{p}.{m}" for p in "me" for m in ("personnel", "tanks", "afv")}
    steps = [
        ("review", ids["m.personnel"], "--accept"),
        ("review", ids["m.tanks"], "--reject", "--reason", "the tanks were a list total"),
        ("correct", ids["m.afv"], "--value", str(FIXED_AFV), "--reason", "review"),
    ]
    for step in steps:
        assert cli(*step).exit_code == 0, step
    entered = cli(
        "append",
        *("--claimant", STAFF, "--subject", "russia", "--metric", "personnel"),
        *("--value", "199000", "--as-of", "2023-05-08", "--since", "2022-02-24", "--json"),
    )
    assert entered.exit_code == 0, entered.output
    ids["entered"] = json.loads(entered.stdout)["data"]["claim"]["claim_id"]
    return cli, ids


def _totals(doc: Any) -> set[str]:
    return {r["claim_id"] for r in doc}


def _history(doc: Any) -> set[str]:
    return {p["claim_id"] for s in doc for p in s["points"]}


def _sources(doc: Any) -> set[str]:
    return {x["claim_id"] for r in doc for x in r["latest"]}


def _check(doc: Any) -> set[str]:
    return {c for f in doc for c in f["claims"]}


def _audit(doc: Any) -> set[str]:
    return {g["total"]["claim_id"] for g in doc} | {
        c["claim"]["claim_id"] for g in doc for c in g["competitors"]
    }


VIEWS: list[tuple[list[str], Callable[[Any], set[str]], set[str], set[str]]] = [
    # (command, the claim ids its JSON shows, those under --reviewed, those without)
    (["totals"], _totals, {"m.personnel", "m.afv"}, {"e.personnel", "e.tanks", "e.afv"}),
    (
        ["history", "personnel"],
        _history,
        {"entered", "m.personnel"},
        {"entered", "m.personnel", "e.personnel"},
    ),
    (["sources"], _sources, {"m.personnel", "m.afv"}, {"e.personnel", "e.tanks", "e.afv"}),
    (["check"], _check, {"entered", "m.personnel"}, {"entered", "m.personnel", "m.afv", "e.afv"}),
    (
        ["audit", "--metric", "personnel"],
        _audit,
        {"m.personnel", "entered"},
        {"e.personnel", "m.personnel", "entered"},
    ),
]
VIEW_IDS = [" ".join(v[0]) for v in VIEWS]


@pytest.mark.parametrize(("command", "shown", "reviewed", "everything"), VIEWS, ids=VIEW_IDS)
def test_reviewed_views_show_exactly_the_reviewed_figures(
    ledger: tuple[Any, Ids],
    command: list[str],
    shown: Callable[[Any], set[str]],
    reviewed: set[str],
    everything: set[str],
) -> None:
    """Under --reviewed a view shows the reviewed claims' figures only (the unreviewed winner
    replaced by the reviewed one); without it, every claim's."""
    cli, ids = ledger
    assert shown(_json(cli, *command, "--reviewed")) == {ids[n] for n in reviewed}
    assert shown(_json(cli, *command)) == {ids[n] for n in everything}


def test_reviewed_totals_carry_the_review_state_of_their_claim(ledger: tuple[Any, Ids]) -> None:
    """The accepted and the fixed figure stand under --reviewed, each saying which it is."""
    cli, ids = ledger
    rows = {r["metric"]: r for r in _json(cli, "totals", "--reviewed")}
    assert {m: (r["claim_id"], r["review"]) for m, r in rows.items()} == {
        "personnel": (ids["m.personnel"], "accepted"),
        "afv": (ids["m.afv"], "fixed"),
    }
    assert rows["afv"]["value"] == FIXED_AFV


def test_history_points_carry_their_review_state_in_json_and_csv(ledger: tuple[Any, Ids]) -> None:
    cli, ids = ledger
    states = {"entered": "entered", "m.personnel": "accepted", "e.personnel": "unreviewed"}
    points = [p for s in _json(cli, "history", "personnel") for p in s["points"]]
    assert {p["claim_id"]: p["review"] for p in points} == {ids[n]: s for n, s in states.items()}
    rows = list(csv.DictReader(io.StringIO(cli("history", "personnel", "--csv").stdout)))
    assert {r["claim_id"]: r["review"] for r in rows} == {ids[n]: s for n, s in states.items()}


@pytest.mark.parametrize(
    ("option", "value", "names"),
    [
        ("--as-of", "2023-05-09", {"entered"}),  # before the morning report's date
        ("--at", "3", {"m.personnel"}),  # the acceptance, not yet the fix, nor the entry
        ("--at", "2", None),  # nothing reviewed yet: refused
    ],
)
def test_reviewed_totals_combine_with_as_of_and_at(
    ledger: tuple[Any, Ids], option: str, value: str, names: set[str] | None
) -> None:
    cli, ids = ledger
    result = cli("totals", "--reviewed", option, value, "--json")
    if names is None:
        assert result.exit_code == 1 and "no reviewed claims match" in result.stderr
        return
    assert result.exit_code == 0, result.output
    assert _totals(json.loads(result.stdout)) == {ids[n] for n in names}


def test_sources_count_the_reviewed_claims_of_each_source(ledger: tuple[Any, Ids]) -> None:
    """Six claims stand (the rejected one does not), three of them reviewed; --reviewed
    counts only those three."""
    cli, _ = ledger
    (row,) = _json(cli, "sources")
    assert (row["name"], row["claims"], row["reviewed"]) == (STAFF, 6, 3)
    (only,) = _json(cli, "sources", "--reviewed")
    assert (only["claims"], only["reviewed"], only["articles"]) == (3, 3, 1)
    assert "3/6" in cli("sources").stdout


@pytest.mark.parametrize(
    ("command", "marks"),
    [
        (["totals"], ["?  ", "? unreviewed"]),
        (["history", "personnel"], ["?  ", "? unreviewed"]),
        (["audit", "--metric", "personnel"], ["review", "unreviewed", "accepted", "entered"]),
        (["sources"], ["reviewed", "3/6"]),
    ],
    ids=["totals", "history", "audit --metric", "sources"],
)
def test_text_views_show_each_figures_review_state(
    ledger: tuple[Any, Ids], command: list[str], marks: list[str]
) -> None:
    cli, _ = ledger
    result = cli(*command)
    assert result.exit_code == 0, result.output
    for mark in marks:
        assert mark in result.stdout, (mark, result.stdout)
    if "--reviewed" in command:
        assert "unreviewed" not in result.stdout


@pytest.mark.parametrize(
    "command", [["totals"], ["totals", "--reviewed"], ["history", "personnel"]]
)
def test_an_unreviewed_figure_is_marked_and_a_reviewed_one_is_not(
    ledger: tuple[Any, Ids], command: list[str]
) -> None:
    """In totals and history tables a figure only the extractor read ends in `?`: each row's
    value is marked exactly when its claim (per --json) is unreviewed."""
    cli, _ = ledger
    rows = json.loads(cli(*command, "--json").stdout)
    states = (
        {r["claim_id"]: r["review"] for r in rows}
        if command[0] == "totals"
        else {p["claim_id"]: p["review"] for s in rows for p in s["points"]}
    )
    text = cli(*command).stdout
    for claim_id, state in states.items():
        line = next(line for line in text.splitlines() if claim_id in line)
        value = line.split()[1] if command[0] == "history" else line.split()[-4]  # as of (age)
        assert value.endswith("?") is (state == "unreviewed"), (claim_id, state, line)
    assert ("? unreviewed" in text) is ("unreviewed" in states.values())


@pytest.mark.parametrize(
    ("name", "state"), [("m.personnel", "accepted"), ("m.afv", "fixed"), ("e.tanks", "unreviewed")]
)
@pytest.mark.parametrize("command", ["show", "audit"])
def test_show_and_audit_print_a_claims_review_state(
    ledger: tuple[Any, Ids], command: str, name: str, state: str
) -> None:
    cli, ids = ledger
    result = cli(command, ids[name])
    assert result.exit_code == 0, result.output
    head = result.stdout.split("stands as the total")[0].split("not the total")[0]
    assert f"— active, review: {state}" in " ".join(head.split())


@pytest.mark.parametrize("command", [v[0] for v in VIEWS], ids=VIEW_IDS)
def test_reviewed_with_nothing_reviewed_says_so(
    cli: Any, tmp_path: Path, command: list[str]
) -> None:
    """Six claims read, none reviewed: --reviewed says so (exit 1), not 'no totals yet'."""
    _ingest(cli, tmp_path / "morning.txt", MORNING, "2023-05-10", "m", {})
    _ingest(cli, tmp_path / "evening.txt", EVENING, "2023-05-12", "e", {})
    result = cli(*command, "--reviewed")
    assert result.exit_code == 1 and result.stdout == ""
    assert result.stderr.strip() == (
        "claims: error: no reviewed claims match: 0 of 6 extracted claims are reviewed "
        "(see `claims review`)"
    )


def test_reviewed_goes_with_audit_metric_only(ledger: tuple[Any, Ids]) -> None:
    cli, ids = ledger
    result = cli("audit", ids["m.personnel"], "--reviewed")
    assert result.exit_code == 2 and "--reviewed goes with --metric" in result.stderr


def test_a_source_with_no_reviewed_claim_is_not_found_among_the_reviewed(
    cli: Any, tmp_path: Path
) -> None:
    _ingest(cli, tmp_path / "morning.txt", MORNING, "2023-05-10", "m", {})
    assert cli("sources", STAFF).exit_code == 0
    result = cli("sources", STAFF, "--reviewed")
    assert result.exit_code == 1
    assert "no reviewed" in result.stderr  # not "no claimant named", as if it were unknown
