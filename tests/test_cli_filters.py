"""The read commands' filters through the CLI (#14): a misspelt metric or subject is refused
with the closest spelling (exit 2); names match in any case and by alias; a filter, or a
combination of filters, that matches nothing in a ledger with claims says so with the closest
names (exit 1); only an empty ledger answers with its "nothing yet" line (exit 0). And
`check --metric/--claimant/--kind/--since`."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.samples import ROUNDED, WEEKLY

SLICE = Path(__file__).parent / "fixtures" / "gs-daily"
STAFF = "General Staff of the Armed Forces of Ukraine"
ARMY = "Armed Forces of Ukraine"
KINDS = (
    "non-monotonic",
    "declared-correction",
    "window-vs-series",
    "figure-vs-series",
    "disagreement",
    "delta-vs-stated",
    "reporting-lag",
    "series-stopped",
    "not-comparable",
)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A ledger file: two articles, the General Staff slice, and the aliases "UA army" (a
    claimant) and "TW" (a publisher). Built once; each test works on its own copy."""
    from cli.app import app

    folder = tmp_path_factory.mktemp("filters")
    (folder / "weekly.txt").write_text(WEEKLY)
    (folder / "rounded.txt").write_text(ROUNDED)
    db = folder / "claims.db"
    runner = CliRunner(env={"CLAIMS_LEDGER": str(db), "CLAIMS_DEBUG": "1"})
    for args in (
        ["ingest", str(folder / "weekly.txt"), "--publisher", "Test Wire"],
        ["ingest", str(folder / "rounded.txt"), "--publisher", "Test Wire"],
        ["import-dataset", str(SLICE)],
        ["alias", "UA army", ARMY],
        ["alias", "--publisher", "TW", "Test Wire"],
    ):
        result = runner.invoke(app, args, catch_exceptions=False)
        assert result.exit_code == 0, (args, result.output)
    return db


@pytest.fixture
def full(cli, built: Path, tmp_path: Path):
    """The CLI over a copy of the built ledger."""
    shutil.copy(built, tmp_path / "claims.db")
    return cli


def refused(result, code: int) -> str:
    """The one error line of a refused command."""
    assert result.exit_code == code, result.output
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("claims: error: "), result.stderr
    return lines[0]


def data(result) -> list[dict]:
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert rows, "a filter that matches must give rows"
    return rows


# Each command, with what it needs before its filters; `{metric}` stands for the metric.
COMMANDS = {
    "totals": ["totals", "--json", "--metric", "{metric}"],
    "history": ["history", "{metric}", "--json"],
    "audit": ["audit", "--metric", "{metric}", "--json"],
    "check": ["check", "--json", "--metric", "{metric}"],
}
SUBJECTS = ["totals", "history", "audit"]


def command(name: str, metric: str, *extra: str) -> list[str]:
    return [a.replace("{metric}", metric) for a in COMMANDS[name]] + list(extra)


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_a_misspelt_metric_is_refused_with_the_closest(full, name: str) -> None:
    """`--metric personel` (or `history personel`) exits 2 and suggests personnel."""
    line = refused(full(*command(name, "personel")), 2)
    assert "unknown metric 'personel': did you mean personnel? (one of: personnel, tanks," in line


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_a_metric_no_claim_has_is_said(full, name: str) -> None:
    """A metric of the taxonomy that no claim in the ledger has exits 1, naming those it has."""
    line = refused(full(*command(name, "equipment_total")), 1)
    assert "no metric matches 'equipment_total' (this ledger has: afv, air_defense, " in line


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_a_metric_in_capitals_is_the_metric(full, name: str) -> None:
    """`Personnel` is personnel."""
    assert data(full(*command(name, "Personnel"))) == data(full(*command(name, "personnel")))


@pytest.mark.parametrize("name", SUBJECTS)
def test_a_subject_matches_in_any_case(full, name: str) -> None:
    """`--subject Russia` is russia: the same rows, not none."""
    upper = data(full(*command(name, "personnel", "--subject", "Russia")))
    assert upper == data(full(*command(name, "personnel", "--subject", "russia")))


@pytest.mark.parametrize("name", SUBJECTS)
@pytest.mark.parametrize("subject", ["Rus$ia", "", "-russia"])
def test_a_subject_not_shaped_like_one_is_refused(full, name: str, subject: str) -> None:
    """A subject the claim format could never hold is bad input, exit 2."""
    assert "--subject must name a party" in refused(
        full(*command(name, "personnel", "--subject", subject)), 2
    )


@pytest.mark.parametrize("name", SUBJECTS)
def test_a_subject_the_ledger_lacks_is_said(full, name: str) -> None:
    """A well-formed subject no claim has exits 1, naming those there are."""
    line = refused(full(*command(name, "personnel", "--subject", "Belarus")), 1)
    assert "no subject matches 'belarus' (this ledger has: russia)" in line


CLAIMANT_COMMANDS = {
    **{name: command(name, "personnel") for name in COMMANDS},
    "sources": ["sources", "--json"],
}


def with_claimant(name: str, claimant: str) -> list[str]:
    args = CLAIMANT_COMMANDS[name]
    return [*args, claimant] if name == "sources" else [*args, "--claimant", claimant]


@pytest.mark.parametrize("name", sorted(CLAIMANT_COMMANDS))
@pytest.mark.parametrize("spelt", ["armed forces of ukraine", "UA army", "ua ARMY"])
def test_a_claimant_matches_in_any_case_and_by_alias(full, name: str, spelt: str) -> None:
    """A claimant in any case, or any alias of it in any case, is that claimant."""
    assert data(full(*with_claimant(name, spelt))) == data(full(*with_claimant(name, ARMY)))


@pytest.mark.parametrize("name", sorted(CLAIMANT_COMMANDS))
def test_an_unknown_claimant_names_the_closest(full, name: str) -> None:
    """A claimant the ledger lacks exits 1 with the nearest names it has, nearest first."""
    line = refused(full(*with_claimant(name, "General Staf")), 1)
    assert f"no claimant matches 'General Staf' (closest: {STAFF}, " in line


COMBINATIONS = {
    "totals": ["totals", "--metric", "artillery", "--claimant", ARMY],
    "history": ["history", "artillery", "--claimant", ARMY],
    "audit": ["audit", "--metric", "artillery", "--claimant", "ua army"],
    "check": ["check", "--claimant", ARMY, "--kind", "declared-correction"],
}


@pytest.mark.parametrize("name", sorted(COMBINATIONS))
def test_filters_that_each_match_but_not_together_say_so(full, name: str) -> None:
    """The claimant and the metric (or kind) exist, but not together: exit 1, naming both and
    what that claimant does have."""
    line = refused(full(*COMBINATIONS[name]), 1)
    assert f"match claimant '{ARMY}' with " in line
    assert f"(for claimant '{ARMY}' they have: " in line
    shown = line.split("they have: ")[1]
    assert ("kind figure-vs-series" in shown) if name == "check" else ("personnel" in shown)


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["totals", "--claimant", "Nobody"], "no totals yet: ingest articles or append claims"),
        (["totals", "--subject", "Russia", "--metric", "tanks"], "no totals yet"),
        (["history", "tanks", "--claimant", "Nobody"], "no figures for that metric"),
        (["sources", "Nobody"], "no sources yet"),
        (["check", "--claimant", "Nobody", "--kind", "disagreement"], "no findings"),
    ],
)
def test_an_empty_ledger_is_empty_not_a_mismatch(cli, args: list[str], said: str) -> None:
    """In a ledger with no claims (here: one alias, no claim) a filter has nothing to miss:
    the command's "nothing yet" line, exit 0."""
    assert cli("alias", "Somebody", "Someone").exit_code == 0
    result = cli(*args)
    assert result.exit_code == 0, result.output
    assert said in result.stdout and result.stderr == ""


def test_a_misspelt_metric_is_refused_even_in_an_empty_ledger(cli) -> None:
    """Bad input is bad input, whatever the ledger holds."""
    assert cli("alias", "Somebody", "Someone").exit_code == 0
    assert "did you mean tanks?" in refused(cli("totals", "--metric", "tank"), 2)


def test_a_claimant_unknown_when_the_log_ended_earlier(full) -> None:
    """`--at` matches names against what the ledger knew then: before its alias, "UA army"
    was no one."""
    head = len(full("log", "--json").stdout.splitlines())
    assert data(full("totals", "--json", "--claimant", "ua army", "--at", str(head)))
    line = refused(full("totals", "--claimant", "ua army", "--at", str(head - 2)), 1)
    assert "no claimant matches 'ua army' (closest: " in line


@pytest.mark.parametrize("spelt", ["test wire", "TW", "tw"])
def test_a_publisher_matches_in_any_case_and_by_alias(full, spelt: str) -> None:
    """`sources --by publisher NAME` takes the publisher in any case, or any alias of it."""
    (row,) = data(full("sources", "--by", "publisher", "--json", spelt))
    assert row["name"] == "Test Wire"


def test_an_unknown_publisher_names_the_closest(full) -> None:
    line = refused(full("sources", "--by", "publisher", "Test Wir"), 1)
    assert "no publisher matches 'Test Wir' (closest: Test Wire)" in line


def findings(full, *args: str) -> list[dict]:
    return data(full("check", "--json", *args))


def claims_of(full, finding: dict) -> list[dict]:
    return [json.loads(full("show", c, "--json").stdout)["claim"] for c in finding["claims"]]


@pytest.mark.parametrize("kind", ["figure-vs-series", "window-vs-series", "declared-correction"])
def test_check_kind_keeps_that_kind_only(full, kind: str) -> None:
    every = findings(full)
    kept = findings(full, "--kind", kind)
    assert kept == [f for f in every if f["kind"] == kind]


def test_check_kind_is_one_of_the_kinds(full) -> None:
    """A kind `check` never gives exits 2, suggesting and listing the kinds."""
    line = refused(full("check", "--kind", "disagrement"), 2)
    assert f"did you mean disagreement? (one of: {', '.join(KINDS)})" in line


def test_check_help_lists_every_kind(full) -> None:
    """The --kind help names each kind check gives (the list cannot drift from the code)."""
    from ledger.app.audit import KINDS as GIVEN

    text = re.sub(r"-\s+", "-", " ".join(full("check", "--help").stdout.split()))
    assert set(GIVEN) == set(KINDS)
    assert all(kind in text for kind in GIVEN)


def test_check_claimant_keeps_findings_about_that_claimant(full) -> None:
    every = findings(full)
    kept = findings(full, "--claimant", "ua army")
    assert 0 < len(kept) < len(every)
    assert all(ARMY in {c["claimant"] for c in claims_of(full, f)} for f in kept)


def test_check_metric_keeps_findings_about_that_metric(full) -> None:
    every = findings(full)
    kept = findings(full, "--metric", "afv")
    assert 0 < len(kept) < len(every)
    assert all("afv" in {c["metric"] for c in claims_of(full, f)} for f in kept)


def test_check_since_keeps_findings_with_a_figure_dated_then_or_later(full) -> None:
    """`--since DATE`: findings one of whose figures is dated on or after DATE."""
    every = findings(full)
    dates = sorted({max(c["as_of"] for c in claims_of(full, f)) for f in every})
    since = dates[-1]
    kept = findings(full, "--since", since)
    assert 0 < len(kept) < len(every)
    assert kept == [f for f in every if max(c["as_of"] for c in claims_of(full, f)) >= since]


@pytest.mark.parametrize(
    ("args", "code", "said"),
    [
        (["--since", "2023-02-30"], 2, "--since must be a date"),
        (["--since", "2099-01-01"], 1, "no findings match a date on or after 2099-01-01"),
        (["--metric", "aircraft"], 1, "no findings match metric 'aircraft' (the findings have"),
        (["--kind", "disagreement"], 1, "no findings match kind 'disagreement'"),
    ],
)
def test_check_filters_that_match_nothing(full, args: list[str], code: int, said: str) -> None:
    assert said in refused(full("check", *args), code)


def test_check_fail_on_judges_the_findings_the_filters_keep(full) -> None:
    """`--fail-on warning` exits 1 for a warning among the kept findings only."""
    planted = full(
        "append",
        "--claimant",
        ARMY,
        "--subject",
        "russia",
        "--metric",
        "tanks",
        "--value",
        "9999",
        "--as-of",
        "2023-04-02",
    )
    assert planted.exit_code == 0, planted.output
    assert full("check", "--fail-on", "warning").exit_code == 1
    assert full("check", "--fail-on", "warning", "--kind", "figure-vs-series").exit_code == 1
    assert full("check", "--fail-on", "warning", "--kind", "declared-correction").exit_code == 0
