"""Ranges from the CLI: "between 240,000 and 290,000" is two claims shown as one figure in
`totals`, `history`, `show` and `audit --metric`; a retracted or corrected end breaks it."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ledger.projections.ranges import ranges
from tests.conftest import replayed_projections, stored_projections

RANGE = """Title: US estimate of Russian losses
Published: 2023-08-18
Publisher: Test Wire

US officials estimate that Russia has suffered between 240,000 and 290,000 personnel losses \
in Ukraine as of August 18, 2023.
"""


def run(cli, *args: str) -> str:
    result = cli(*args)
    assert result.exit_code == 0, result.output
    return result.stdout


def ends(cli) -> tuple[str, str]:
    """The ids of the (at_least, at_most) ends, as `log --json` recorded them."""
    found = {}
    for line in run(cli, "log", "--json").splitlines():
        for claim in json.loads(line)["data"].get("claims", ()):
            found[claim["qualifier"]] = claim["claim_id"]
    return found["at_least"], found["at_most"]


@pytest.fixture
def ranged(cli, tmp_path: Path):
    (tmp_path / "range.txt").write_text(RANGE)
    run(cli, "ingest", str(tmp_path / "range.txt"))
    return cli


def personnel(cli, *args: str) -> dict:
    (row,) = json.loads(run(cli, "totals", "--json", "--metric", "personnel", *args))
    return row


def test_the_extractor_records_a_range_as_two_ends(ranged) -> None:
    """The labelling convention the pairing relies on: an at_least low end, an at_most high."""
    low, high = ends(ranged)
    shown = {c: json.loads(run(ranged, "show", c, "--json"))["claim"] for c in (low, high)}
    assert (shown[low]["value"], shown[high]["value"]) == (240_000, 290_000)


def test_totals_show_the_range(ranged) -> None:
    """The total is the range: JSON carries it and both ids; the table cell reads it."""
    low, high = ends(ranged)
    row = personnel(ranged)
    assert row["range"] == [240_000, 290_000]
    assert row["range_claims"] == [low, high]
    assert row["claim_id"] in (low, high)
    assert "240,000–290,000" in run(ranged, "totals")
    assert "<=290,000" not in run(ranged, "totals")
    assert personnel(ranged, "--as-of", "2023-12-31")["range"] == [240_000, 290_000]


def test_history_shows_one_point_for_the_range(ranged) -> None:
    (series,) = json.loads(run(ranged, "history", "personnel", "--json"))
    (point,) = series["points"]
    assert point["range"] == [240_000, 290_000]
    assert point["range_claims"] == list(ends(ranged))
    assert "240,000–290,000" in run(ranged, "history", "personnel")


def test_show_says_each_end_stands_as_the_range(ranged) -> None:
    for claim_id in ends(ranged):
        shown = json.loads(run(ranged, "show", claim_id, "--json"))
        assert shown["total"] == {"stands": True, "why_not": None, "range": [240_000, 290_000]}
        assert "one end of the range 240,000–290,000" in run(ranged, "show", claim_id)


def test_audit_explains_the_range_without_comparing_a_claim_with_itself(ranged) -> None:
    (explained,) = json.loads(run(ranged, "audit", "--metric", "personnel", "--json"))
    assert explained["range"] == [240_000, 290_000]
    (other,) = explained["competitors"]
    assert other["why"] == "the other end of the range that stands (240,000–290,000)"
    text = run(ranged, "audit", "--metric", "personnel")
    assert "240,000–290,000" in text
    assert not re.search(r"\((\d+) < \1\)", text)


@pytest.mark.parametrize("which", [0, 1])
def test_a_retracted_end_leaves_the_other_alone(ranged, which: int) -> None:
    pair = ends(ranged)
    run(ranged, "retract", pair[which], "--reason", "misread")
    row = personnel(ranged)
    assert (row["claim_id"], row["range"], row["range_claims"]) == (pair[1 - which], None, None)
    assert "240,000–290,000" not in run(ranged, "totals")


def test_a_corrected_end_breaks_the_pair(ranged) -> None:
    low, high = ends(ranged)
    run(ranged, "correct", high, "--value", "280000", "--reason", "the article says 280,000")
    assert personnel(ranged)["range"] is None
    assert json.loads(run(ranged, "show", low, "--json"))["total"]["range"] is None


def test_reviewed_totals_show_a_range_when_both_ends_are_reviewed(ranged) -> None:
    low, high = ends(ranged)
    run(ranged, "review", low, "--accept")
    row = personnel(ranged, "--reviewed")
    assert (row["claim_id"], row["range"]) == (low, None)
    run(ranged, "review", high, "--accept")
    assert personnel(ranged, "--reviewed")["range"] == [240_000, 290_000]
    assert personnel(ranged)["range"] == [240_000, 290_000]


ACTIONS = st.lists(
    st.tuples(st.sampled_from(["retract", "correct", "accept"]), st.sampled_from([0, 1])),
    max_size=3,
)


@settings(
    max_examples=15,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(actions=ACTIONS)
def test_range_pairs_survive_replay(cli, tmp_path: Path, actions: list) -> None:
    """Whatever happens to the ends, the stored projections are the replayed ones, and the
    ranges read from either are the same."""
    db = tmp_path / "claims.db"
    db.unlink(missing_ok=True)
    (tmp_path / "range.txt").write_text(RANGE)
    run(cli, "ingest", str(tmp_path / "range.txt"))
    pair = ends(cli)
    for action, which in actions:
        if action == "retract":
            cli("retract", pair[which], "--reason", "misread")  # again: refused, log unchanged
        elif action == "correct":
            cli("correct", pair[which], "--value", "250000", "--reason", "re-read")
        else:
            cli("review", pair[which], "--accept")
    stored, replayed = stored_projections(db), replayed_projections(db)
    assert stored == replayed
    found = ranges(stored["claims"].values())
    assert {k: v.claim_ids for k, v in found.items()} == {
        k: v.claim_ids for k, v in ranges(replayed["claims"].values()).items()
    }
    standing = json.loads(run(cli, "totals", "--json"))
    assert [r["range"] is not None for r in standing] == [bool(found)] * len(standing)


@pytest.mark.parametrize("by", ["claimant", "publisher"])
def test_sources_show_the_range_as_the_latest_figure(ranged, by: str) -> None:
    """A source's latest figure that is an end of a range is the range, in text and JSON."""
    low, high = ends(ranged)
    (source,) = json.loads(run(ranged, "sources", "--by", by, "--json"))
    (latest,) = source["latest"]
    assert latest["range"] == [240_000, 290_000]
    assert latest["range_claims"] == [low, high]
    assert "russia personnel 240,000–290,000" in run(ranged, "sources", "--by", by)


def test_diff_compares_a_range_as_one_figure(ranged) -> None:
    """The range arrives as one figure (not its high end); retracting an end moves the total
    from the range to the end that is left."""
    low, high = ends(ranged)
    head = int(
        json.loads(run(ranged, "log", "--json", "--limit", "1").splitlines()[-1])["position"]
    )
    (arrived,) = json.loads(run(ranged, "diff", "--at", "0", "--at", str(head), "--json"))["totals"]
    assert arrived["before"] is None and arrived["after"]["range"] == [240_000, 290_000]
    assert "240,000–290,000 as of 2023-08-18" in run(ranged, "diff", "--at", "0", "--at", str(head))
    run(ranged, "retract", high, "--reason", "test")
    (moved,) = json.loads(run(ranged, "diff", "--at", str(head), "--at", str(head + 1), "--json"))[
        "totals"
    ]
    assert moved["before"]["range"] == [240_000, 290_000]
    assert (moved["after"]["claim_id"], moved["after"]["range"]) == (low, None)
