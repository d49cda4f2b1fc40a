"""`claims search` through the CLI (issue 14 §3): "who else reported 407,240?" — by value with
a tolerance, by words, by claimant or publisher (any case, any alias), metric, subject and
as-of dates; each claim with its article and status; `--limit`, `--json`, `--at`; a search
that matches nothing says so and exits 1."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.samples import ROUNDED, WEEKLY

STAFF = "General Staff of the Armed Forces of Ukraine"

CLAIMS = {
    "staff": (STAFF, 407_240, "2023-12-01", "Kyiv Wire", "russia lost 407,240 troops"),
    "outlet": ("Ukrainian army", 407_240, "2023-12-02", "Frontline Digest", "some 407,240 dead"),
    "near": (STAFF, 407_000, "2023-11-30", "Kyiv Wire", "about 407,000 troops"),
    "far": (STAFF, 406_900, "2023-11-29", "Kyiv Wire", "406,900 troops"),
    "tanks": ("UK Ministry of Defence", 5_000, "2023-12-01", "Defence Intelligence", "5,000 tanks"),
}
"""Claims entered by hand, by name: (claimant, value, as of, publisher, quote)."""


@pytest.fixture
def ledger(cli, tmp_path: Path) -> dict[str, str]:
    """Two ingested articles, then the claims above; returns each claim's id by name."""
    (tmp_path / "weekly.txt").write_text(WEEKLY)
    (tmp_path / "rounded.txt").write_text(ROUNDED)
    assert cli("ingest", str(tmp_path / "weekly.txt"), str(tmp_path / "rounded.txt")).exit_code == 0
    ids = {}
    for name, (claimant, value, as_of, publisher, quote) in CLAIMS.items():
        metric = "tanks" if name == "tanks" else "personnel"
        result = cli(
            "append",
            *("--claimant", claimant, "--subject", "russia", "--metric", metric),
            *("--value", str(value), "--as-of", as_of, "--since", "2022-02-24"),
            *("--publisher", publisher, "--quote", quote, "--json"),
        )
        assert result.exit_code == 0, result.output
        ids[name] = json.loads(result.stdout)["data"]["claim"]["claim_id"]
    return ids


def found(cli, *args: str) -> list[dict[str, Any]]:
    result = cli("search", "--json", *args)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def named(rows: list[dict[str, Any]], ids: dict[str, str]) -> set[str]:
    """The names of the hand-entered claims among the results."""
    by_id = {v: k for k, v in ids.items()}
    return {by_id[r["claim_id"]] for r in rows if r["claim_id"] in by_id}


@pytest.mark.parametrize(
    ("args", "names"),
    [
        (["--value", "407240"], {"staff", "outlet"}),
        (["--value", "407240", "--tolerance", "300"], {"staff", "outlet", "near"}),
        (["--value", "407240", "--tolerance", "340"], {"staff", "outlet", "near", "far"}),
        (["--value", "407240", "--tolerance", "0.06%"], {"staff", "outlet", "near"}),
        (["--value", "407240", "--tolerance", "0.05%"], {"staff", "outlet"}),
        (["--value", "407240", "--claimant", STAFF.lower()], {"staff"}),
        (["--value", "407240", "--publisher", "FRONTLINE digest"], {"outlet"}),
        (["--text", "407,240 TROOPS"], {"staff"}),
        (["--claimant", "uk ministry of defence"], {"tanks"}),
        (["--metric", "tanks", "--since", "2023-01-01"], {"tanks"}),
        (["--since", "2023-11-30", "--until", "2023-12-01"], {"staff", "near", "tanks"}),
    ],
)
def test_search_finds_the_claims_that_meet_every_criterion(
    cli, ledger: dict[str, str], args: list[str], names: set[str]
) -> None:
    """Each row of criteria finds exactly the claims that meet all of them."""
    assert named(found(cli, *args), ledger) == names


def test_words_match_the_article_title_too(cli, ledger: dict[str, str]) -> None:
    """`--text` finds every claim of an article whose title has the words, in any case."""
    rows = found(cli, "--text", "60k RUSSIAN")
    titles = {r["article"]["title"] for r in rows}
    assert titles == {ROUNDED.splitlines()[0]}
    assert len(rows) == len(found(cli, "--publisher", rows[0]["publisher"]))


def test_aliases_are_honoured(cli, ledger: dict[str, str]) -> None:
    """After `alias`, a claimant or publisher is found by its alias, in any case."""
    assert cli("alias", "Ukrainian army", STAFF).exit_code == 0
    assert cli("alias", "KW", "Kyiv Wire", "--publisher").exit_code == 0
    assert named(
        found(
            cli, "--value", "407240", "--claimant", "GENERAL STAFF of the armed forces of ukraine"
        ),
        ledger,
    ) == {"staff", "outlet"}
    assert named(found(cli, "--value", "407240", "--claimant", "ukrainian ARMY"), ledger) == {
        "staff",
        "outlet",
    }
    assert named(found(cli, "--publisher", "kw"), ledger) == {"staff", "near", "far"}


def test_results_are_by_as_of_then_position_with_article_and_status(
    cli, ledger: dict[str, str]
) -> None:
    """Rows come sorted by (as_of, position); each carries its status and its article (or
    null for a hand-entered claim)."""
    rows = found(cli, "--subject", "russia")
    assert [(r["as_of"], r["position"]) for r in rows] == sorted(
        (r["as_of"], r["position"]) for r in rows
    )
    assert len({r["as_of"] for r in rows}) > 2
    for r in rows:
        assert r["status"] == "active"
        if r["origin"] == "article":
            assert set(r["article"]) == {"article_id", "title", "publisher", "published", "url"}
            assert r["article"]["article_id"] == r["article_id"]
        else:
            assert r["article"] is None


def test_limit_keeps_the_first(cli, ledger: dict[str, str]) -> None:
    """`--limit N`: the first N results of the full list."""
    every = found(cli, "--subject", "russia")
    assert found(cli, "--subject", "russia", "--limit", "2") == every[:2]


def test_a_retracted_claim_is_found_with_its_status(cli, ledger: dict[str, str]) -> None:
    """Search finds what was reported, retracted or not, and says which."""
    assert cli("retract", ledger["outlet"], "--reason", "withdrawn by the outlet").exit_code == 0
    status = {r["claim_id"]: r["status"] for r in found(cli, "--value", "407240")}
    assert status == {ledger["staff"]: "active", ledger["outlet"]: "retracted"}


def test_at_searches_the_ledger_as_it_stood(cli, ledger: dict[str, str]) -> None:
    """`--at 2` (the two articles, before any claim by hand) finds none of the later claims."""
    assert named(found(cli, "--subject", "russia", "--at", "2"), ledger) == set()
    assert found(cli, "--subject", "russia", "--at", "2")
    assert cli("search", "--value", "407240", "--at", "2").exit_code == 1


def test_the_table_shows_each_claim(cli, ledger: dict[str, str]) -> None:
    """The text view has one line per claim found, with its full id, figure and status."""
    result = cli("search", "--value", "407240", "--tolerance", "1%")
    assert result.exit_code == 0, result.output
    rows = found(cli, "--value", "407240", "--tolerance", "1%")
    lines = [line for line in result.stdout.splitlines() if line.strip()[:4].isdigit()]
    assert len(lines) == len(rows)
    for line, row in zip(lines, rows, strict=True):
        assert line.split()[0] == row["as_of"]
        assert row["claim_id"] in line and f"{row['value']:,}" in line and row["status"] in line
    assert f"{len(rows)} claim(s) found" in result.stdout


@pytest.mark.parametrize(
    ("args", "have"),
    [
        (["--claimant", "General Staf"], "(closest: General Staff of the Armed Forces of Ukraine"),
        (["--subject", "ukrain"], "(this ledger has: "),
    ],
)
def test_a_name_the_ledger_lacks_is_said_with_the_closest_it_has(
    cli, ledger: dict[str, str], args: list[str], have: str
) -> None:
    """As every other filter: a claimant or subject no claim has says which ones there are."""
    result = cli("search", *args)
    assert result.exit_code == 1
    assert "no claims match" in result.stderr and have in result.stderr, result.stderr


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        ([], 2, "give at least one of"),
        (["--tolerance", "5"], 2, "--tolerance needs --value"),
        (["--value", "5", "--tolerance", "five"], 2, "--tolerance must"),
        (["--value", "-5"], 2, "--value must be >= 0"),
        (["--metric", "personel"], 2, "unknown metric"),
        (["--since", "2023-02-30"], 2, "--since"),
        (["--since", "2023-03-02", "--until", "2023-03-01"], 2, "is after"),
        (["--subject", "russia", "--limit", "0"], 2, "--limit"),
        (["--value", "123456789"], 1, "no claims match value 123,456,789"),
        (["--claimant", "Nobody"], 1, "no claims match claimant 'Nobody'"),
        (["--text", "zebra"], 1, "no claims match text 'zebra'"),
    ],
)
def test_refusals(cli, ledger: dict[str, str], args: list[str], code: int, message: str) -> None:
    """Bad criteria exit 2; criteria nothing meets exit 1; one line on stderr, nothing on stdout."""
    result = cli("search", *args)
    assert result.exit_code == code, result.output
    assert message in result.stderr and len(result.stderr.splitlines()) == 1
    assert result.stdout == ""
