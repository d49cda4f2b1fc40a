"""Review's core: the `claim-reviewed` event, the review state the fold keeps, the rules a
verdict obeys, and the non-interactive `claims review` forms.

Imports: `events`, `ledger`, the CLI through the `cli` fixture; fixtures from conftest.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from events import ClaimReviewed, InvalidEvent, decode, is_review_fix
from tests.conftest import replayed_projections, stored_projections

ARTICLE = (
    "General Staff: Russia's losses since the invasion\n\n"
    "Kyiv, 2 April 2023. The General Staff of Ukraine's Armed Forces said on Sunday that Russia "
    "had lost 174,550 troops since the start of the full-scale invasion. It also reported "
    "3,620 tanks destroyed and 6,986 armoured fighting vehicles.\n"
)


@pytest.fixture
def article(cli: Any, tmp_path: Path) -> dict[str, Any]:
    """One ingested article; returns its id and its claims by metric."""
    path = tmp_path / "gs.txt"
    path.write_text(ARTICLE)
    assert cli("ingest", str(path), "--published", "2023-04-02").exit_code == 0
    events = [json.loads(line) for line in cli("log", "--json").stdout.splitlines()]
    data = events[0]["data"]
    return {
        "id": data["article_id"],
        "claims": {c["metric"]: c["claim_id"] for c in data["claims"]},
    }


def _claim(cli: Any, claim_id: str) -> dict[str, Any]:
    shown: dict[str, Any] = json.loads(cli("show", claim_id, "--json").stdout)
    return shown


def _enter_one(cli: Any) -> None:
    """Enter one claim by hand (it counts as reviewed)."""
    args = ["--claimant", "Oryx", "--subject", "russia", "--metric", "ships", "--value", "12"]
    assert cli("append", *args, "--as-of", "2023-04-01").exit_code == 0


def _totals(cli: Any) -> dict[str, dict[str, Any]]:
    return {r["metric"]: r for r in json.loads(cli("totals", "--json").stdout)}


@pytest.mark.parametrize(
    ("reason", "fix"),
    [
        ("review", True),
        ("Review: the tanks were 3,630", True),
        ("the MoD restated it", False),
        ("reviewed later", False),
    ],
)
def test_a_review_fix_is_a_correction_whose_reason_is_review(reason: str, fix: bool) -> None:
    assert is_review_fix(reason) is fix


@pytest.mark.parametrize(
    ("data", "error"),
    [
        ({"claim_id": "c_x", "verdict": "rejected"}, "a rejection needs a reason"),
        ({"claim_id": "c_x", "verdict": "rejected", "reason": "  "}, "a rejection needs a reason"),
        ({"claim_id": "c_x", "verdict": "maybe"}, "verdict"),
    ],
)
def test_a_verdict_is_accepted_or_a_rejection_with_a_reason(
    data: dict[str, Any], error: str
) -> None:
    with pytest.raises(InvalidEvent, match=error):
        decode("claim-reviewed", 1, data, new=True)
    assert decode("claim-reviewed", 1, {"claim_id": "c_x", "verdict": "accepted"}) == ClaimReviewed(
        claim_id="c_x", verdict="accepted"
    )


def test_an_extracted_claim_starts_unreviewed_and_an_entered_one_counts_as_reviewed(
    cli: Any, article: dict[str, Any]
) -> None:
    assert {r["review"] for r in _totals(cli).values()} == {"unreviewed"}
    _enter_one(cli)
    assert _totals(cli)["ships"]["review"] == "entered"


def test_accept_reject_and_fix_each_record_an_event_with_its_actor(
    cli: Any, article: dict[str, Any], tmp_path: Path
) -> None:
    tanks, afv = article["claims"]["tanks"], article["claims"]["afv"]
    assert cli("review", tanks, "--accept", "--actor", "ana").exit_code == 0
    assert (
        cli("review", afv, "--reject", "--reason", "a list header", "--actor", "ana").exit_code == 0
    )
    assert _claim(cli, tanks)["claim"]["review"] == "accepted"
    rejected = _claim(cli, afv)
    assert (rejected["status"], rejected["claim"]["review"]) == ("rejected", "rejected")
    assert rejected["events"][-1] | {"position": 0, "recorded_at": ""} == {
        "position": 0,
        "recorded_at": "",
        "type": "rejected",
        "actor": "ana",
        "reason": "a list header",
    }
    assert "afv" not in _totals(cli)  # a rejected claim leaves the totals
    # a reviewer's fix brings it back, as corrected
    assert cli("correct", afv, "--reason", "review", "--value", "6987").exit_code == 0
    fixed = _claim(cli, afv)
    assert (fixed["status"], fixed["claim"]["review"], fixed["claim"]["value"]) == (
        "active",
        "fixed",
        6987,
    )
    assert _totals(cli)["afv"]["review"] == "fixed"
    assert stored_projections(tmp_path / "claims.db") == replayed_projections(
        tmp_path / "claims.db"
    )


@pytest.mark.parametrize(
    ("setup", "args", "error"),
    [
        ([], ["--accept", "--reject"], "not both"),
        ([], ["--reason", "x"], "--reason goes with --reject"),
        ([], [], "--accept or --reject"),
        ([["--accept"]], ["--accept"], "already accepted"),
        ([["--reject", "--reason", "x"]], ["--reject", "--reason", "y"], "already rejected"),
    ],
)
def test_bad_review_requests_are_refused_and_write_nothing(
    cli: Any, article: dict[str, Any], setup: list[list[str]], args: list[str], error: str
) -> None:
    tanks = article["claims"]["tanks"]
    for flags in setup:
        assert cli("review", tanks, *flags).exit_code == 0
    before = cli("log", "--json").stdout
    result = cli("review", tanks, *args)
    assert result.exit_code == 2
    assert error in result.stderr
    assert cli("log", "--json").stdout == before


def test_entered_and_retracted_claims_are_not_reviewed(cli: Any, article: dict[str, Any]) -> None:
    tanks = article["claims"]["tanks"]
    cli("retract", tanks, "--reason", "withdrawn by the claimant")
    assert "is retracted" in cli("review", tanks, "--accept").stderr
    _enter_one(cli)
    ships = _totals(cli)["ships"]["claim_id"]
    assert "entered, not extracted" in cli("review", ships, "--accept").stderr
    assert cli("review", "c_nothere", "--accept").exit_code == 1


def test_accept_all_accepts_an_articles_unreviewed_claims_in_one_batch(
    cli: Any, article: dict[str, Any]
) -> None:
    claims = article["claims"]
    cli("review", claims["tanks"], "--reject", "--reason", "misread")
    head = len(cli("log", "--json").stdout.splitlines())
    result = cli("review", "--article", article["id"], "--accept-all", "--json")
    written = json.loads(result.stdout)
    assert [e["position"] for e in written["events"]] == list(
        range(head + 1, head + len(claims))
    )  # every claim but the rejected one, contiguous: one batch
    assert written["progress"] == {"reviewed": 3, "total": 3, "articles": 1, "articles_done": 1}
    assert _claim(cli, claims["tanks"])["claim"]["review"] == "rejected"
    again = cli("review", "--article", article["id"], "--accept-all")
    assert (again.exit_code, "nothing to accept" in again.stdout) == (0, True)
    assert cli("review", "--article", "a_0000", "--accept-all").exit_code == 1


def test_the_loop_refuses_without_a_terminal(cli: Any, article: dict[str, Any]) -> None:
    result = cli("review")
    assert result.exit_code == 2
    assert "needs a terminal" in result.stderr
