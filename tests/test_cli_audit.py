"""`claims import-dataset`, `check`, `audit` and `verify` on real reference data."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from tests.samples import ROUNDED, WEEKLY

FIXTURES = Path(__file__).parent / "fixtures"
SLICE = FIXTURES / "gs-daily"
REWRITTEN = FIXTURES / "gs-daily-rewritten"
FULL = Path(__file__).resolve().parents[2] / "shared" / "data" / "mod-daily-losses"


def count(tmp_path: Path) -> int:
    with sqlite3.connect(tmp_path / "claims.db") as conn:
        return conn.execute("SELECT count(*) FROM events").fetchone()[0]


@pytest.fixture
def reference(cli, tmp_path: Path):
    """A ledger with two articles and the slice of the General Staff's daily figures."""
    (tmp_path / "weekly.txt").write_text(WEEKLY)
    (tmp_path / "rounded.txt").write_text(ROUNDED)
    assert cli("ingest", str(tmp_path / "weekly.txt"), str(tmp_path / "rounded.txt")).exit_code == 0
    result = cli("import-dataset", str(SLICE), "--json")
    assert result.exit_code == 0, result.output
    return cli


def test_import_dataset_then_again_writes_nothing(cli, tmp_path: Path) -> None:
    """The data set becomes ClaimAsserted events; importing it again writes nothing."""
    first = json.loads(cli("import-dataset", str(SLICE), "--json").stdout)
    assert first["new"] == first["written"] > 500
    assert first["declared_corrections"] >= 1
    events = count(tmp_path)
    again = json.loads(cli("import-dataset", str(SLICE), "--json").stdout)
    assert (again["new"], again["corrected"], again["written"]) == (0, 0, 0)
    assert count(tmp_path) == events
    staff = cli("totals", "--json", "--metric", "personnel", "--claimant", "General Staff")
    # not a known alias: the full canonical name is required, and the refusal names it (#14)
    assert staff.exit_code == 1 and staff.stdout == ""
    assert "(closest: General Staff of the Armed Forces of Ukraine" in staff.stderr
    totals = json.loads(cli("totals", "--json", "--metric", "tanks").stdout)
    assert totals[0]["claim_id"].startswith("c_gs_")


def test_rewritten_figures_become_corrections(cli, tmp_path: Path) -> None:
    """Importing files whose published figures were rewritten records exactly those corrections."""
    cli("import-dataset", str(REWRITTEN))
    report = json.loads(cli("import-dataset", str(SLICE), "--json").stdout)
    assert (report["new"], report["corrected"]) == (0, 3)
    corrected = [
        json.loads(line)["data"]["claim_id"]
        for line in cli("log", "--json", "--type", "claim-corrected").stdout.splitlines()
    ]
    assert sorted(corrected) == [
        "c_gs_20220226_vehicles",
        "c_gs_20220311_afv",
        "c_gs_20221012_artillery",
    ]
    shown = json.loads(cli("show", "c_gs_20220311_afv", "--json").stdout)
    assert shown["claim"]["value"] == 1165
    assert [e["type"] for e in shown["events"]] == ["asserted", "corrected"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["import-dataset", "nowhere"], "nowhere"),
        (["import-dataset", str(SLICE), "--format", "csv"], "unknown data set format"),
    ],
)
def test_import_dataset_refuses_bad_input(cli, tmp_path: Path, args, message) -> None:
    """A missing folder or unknown format exits 2 with one line; nothing is written."""
    result = cli(*args)
    assert result.exit_code == 2
    assert message in result.stderr
    assert not (tmp_path / "claims.db").exists()


def test_check_finds_articles_consistent_with_the_series(reference) -> None:
    """Outlets' cumulative and weekly figures agree with the General Staff's own series."""
    findings = json.loads(reference("check", "--json").stdout)
    agreeing = {
        (f["figures"].get("claimed"), f["kind"])
        for f in findings
        if f["figures"].get("consistent") is True
    }
    assert (174_550, "figure-vs-series") in agreeing
    assert (61_000, "figure-vs-series") in agreeing
    assert (2_400, "figure-vs-series") in agreeing
    # "killed nearly 4,000": the text counts the dead, the series killed and wounded
    (apart,) = [f for f in findings if f["kind"] == "not-comparable"]
    assert (apart["severity"], apart["figures"]["claimed"]) == ("info", 4_000)
    assert (apart["figures"]["basis"], apart["figures"]["series_basis"]) == (
        "killed",
        "killed_or_wounded",
    )
    assert not [f for f in findings if f["figures"].get("consistent") is False]
    assert reference("check", "--fail-on", "warning").exit_code == 0
    assert reference("check").exit_code == 0


@pytest.mark.parametrize(
    ("as_of", "kind", "figures"),
    [
        # a date the data set has no figure for: the series falls from 3,619 to 3,000
        ("2023-04-04", "non-monotonic", {"later": {"as_of": "2023-04-04", "value": 3000}}),
        # a date the claimant published itself: its own figure (3,619) is the series' point,
        # and the entered figure is judged against it, once
        ("2023-04-03", "figure-vs-series", {"claimed": 3000, "series_value": 3619}),
    ],
)
def test_check_flags_a_planted_lower_figure(
    reference, as_of: str, kind: str, figures: dict[str, object]
) -> None:
    """A cumulative figure lower than the series is flagged, and --fail-on exits 1."""
    reference(
        "append",
        "--claimant",
        "General Staff of the Armed Forces of Ukraine",
        "--subject",
        "russia",
        "--metric",
        "tanks",
        "--value",
        "3000",
        "--since",
        "2022-02-24",
        "--as-of",
        as_of,
    )
    findings = json.loads(reference("check", "--json").stdout)
    flagged = [f for f in findings if f["severity"] != "info" and "russia tanks" in f["message"]]
    assert [f["kind"] for f in flagged] == [kind]
    assert figures.items() <= flagged[0]["figures"].items()
    assert reference("check", "--fail-on", "warning").exit_code == 1


def test_audit_claim_shows_sentence_hash_and_position(reference) -> None:
    """`audit CLAIM_ID` prints the sentence, the article hash and the event position."""
    series = json.loads(reference("history", "personnel", "--json").stdout)
    point = next(
        p
        for s in series
        for p in s["points"]
        if p["publisher"] == "Test Wire" and p["value"] == 174_550
    )
    document = json.loads(reference("audit", point["claim_id"], "--json").stdout)
    assert "174,550 troops" in document["sentence"]
    assert len(document["article"]["content_sha256"]) == 64
    (event,) = document["events"]
    assert event["position"] == point["position"] and event["hash_ok"]
    text = reference("audit", point["claim_id"]).stdout
    assert "174,550" in text and "evidence" in text


def test_audit_total_names_winner_and_losers(reference) -> None:
    """`audit --metric` explains the total: the winning claim and why each other lost."""
    groups = json.loads(
        reference(
            "audit",
            "--metric",
            "personnel",
            "--claimant",
            "General Staff of the Armed Forces of Ukraine",
            "--json",
        ).stdout
    )
    (group,) = groups
    latest = max(c["claim"]["as_of"] for c in group["competitors"])
    assert group["total"]["as_of"] >= latest
    assert group["total"]["claim_id"].startswith("c_gs_")
    reasons = {c["why"].split(" (")[0] for c in group["competitors"]}
    assert "older as_of" in reasons
    assert reference("audit", "--metric", "personnel").exit_code == 0
    assert reference("audit").exit_code == 2
    assert reference("audit", "--metric", "nukes").exit_code == 2


def test_verify_names_a_tampered_position(reference, tmp_path: Path) -> None:
    """Tampering with one event behind the ledger's back (guards restored as installed):
    verify exits 1 naming it, and names the broken hash, not a missing trigger."""
    from tests.test_tamper import tamper

    tamper(tmp_path / "claims.db", {7: {"actor": "mallory"}})
    result = reference("verify")
    assert result.exit_code == 1 and "position 7" in result.stderr
    assert "does not match" in result.stderr and "trigger" not in result.stderr


def test_verify_checks_checkpoints(reference, tmp_path: Path) -> None:
    """A projection checkpoint beyond the head of the log fails verification."""
    with sqlite3.connect(tmp_path / "claims.db") as conn:
        conn.execute("UPDATE projection_checkpoints SET position = 1000000000")
    result = reference("verify")
    assert result.exit_code == 1 and "beyond the head" in result.stderr


@pytest.mark.skipif(not FULL.exists(), reason="../shared/data is not beside this checkout")
def test_full_data_set_imports_in_seconds(cli, tmp_path: Path) -> None:
    """The whole data set (1,626 days) imports once; a second import writes nothing."""
    first = json.loads(cli("import-dataset", str(FULL), "--json").stdout)
    assert first["new"] > 20_000
    assert json.loads(cli("import-dataset", str(FULL), "--json").stdout)["written"] == 0
    assert cli("verify").exit_code == 0


REGIONAL = """Drones downed over the south

April 3, 2023

The General Staff of the Armed Forces of Ukraine said on April 3 that Russia had lost 2,262
drones since the start of the full-scale invasion. The Armed Forces of Ukraine also reported
shooting down 12 drones over the southern regions of Odesa and Mykolaiv oblasts on April 3.
"""


def test_check_reads_a_figure_s_sentence_to_judge_a_regional_part(cli, tmp_path: Path) -> None:
    """The words around a quote come from the article's stored text: a figure confined to two
    oblasts is a part of the national count, not a disagreement with it."""
    (tmp_path / "regional.txt").write_text(REGIONAL)
    assert cli("import-dataset", str(SLICE)).exit_code == 0
    assert cli("ingest", str(tmp_path / "regional.txt"), "--publisher", "Test Wire").exit_code == 0
    findings = json.loads(cli("check", "--json", "--metric", "drones").stdout)
    (part,) = [f for f in findings if f["figures"].get("scope")]
    assert part["severity"] == "info" and part["figures"]["claimed"] == 12
    assert part["figures"]["scope"] == "over the southern regions of Odesa and Mykolaiv oblasts"
    assert not [f for f in findings if f["severity"] != "info"]
