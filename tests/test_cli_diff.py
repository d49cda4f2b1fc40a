"""`claims diff` (issue 15 §3): what changed between two knowledge positions — claims added,
corrected, retracted, reviewed, withdrawn; articles; totals that moved, old -> new, and why;
`--as-of` (what we believed at P about date D), `--since DATE`, the filters and refusals."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from ledger import Ledger
from ledger.store.sqlite import SQLiteStore
from tests.conftest import Ids, asserted
from tests.samples import ROUNDED, WEEKLY

STAFF = "General Staff of the Armed Forces of Ukraine"
ARMY = "Armed Forces of Ukraine"
URL = "https://example.test/weekly"
PAVLIUK = WEEKLY.split("\n\n")[2]
REVISED = WEEKLY.replace(PAVLIUK + "\n\n", "").replace("174,550", "174,560")
"""The weekly article edited: the minister's sentence gone (its claim is withdrawn), the
General Staff's figure changed (its claim is read again, revised)."""


def head(cli) -> int:
    return len(cli("log", "--json").stdout.splitlines())


def total(cli, claimant: str) -> dict[str, Any]:
    rows = json.loads(cli("totals", "--json", "--metric", "personnel").stdout)
    (row,) = [r for r in rows if r["claimant"] == claimant]
    return row


def ok(cli, *args: str) -> str:
    result = cli(*args)
    assert result.exit_code == 0, result.output
    return result.stdout


def diffed(cli, *args: str) -> dict[str, Any]:
    return json.loads(ok(cli, "diff", "--json", *args))


@pytest.fixture
def seeded(cli, tmp_path: Path):
    """The weekly article (at a URL, so it can be revised) and the rounded one."""
    (tmp_path / "weekly.txt").write_text(WEEKLY)
    (tmp_path / "weekly2.txt").write_text(REVISED)
    (tmp_path / "rounded.txt").write_text(ROUNDED)
    ok(cli, "ingest", str(tmp_path / "weekly.txt"), "--url", URL)
    ok(cli, "ingest", str(tmp_path / "rounded.txt"))
    return cli


def _append(cli, claimant: str, value: str, as_of: str) -> None:
    ok(
        cli,
        "append",
        *("--claimant", claimant, "--subject", "russia", "--metric", "personnel"),
        *("--value", value, "--as-of", as_of, "--since", "2022-02-24"),
    )


def _staff_id(cli) -> str:
    return str(total(cli, STAFF)["claim_id"])


def _army_id(cli) -> str:
    return str(total(cli, ARMY)["claim_id"])


# Each case: a change made to the seeded ledger, the section of the diff it shows in, what
# that entry says, and the why of the total it moves (None: no total of STAFF/ARMY moves).
Step = Callable[[Any], str]  # makes the change, returns the claim id it is about


def _add(cli) -> str:
    _append(cli, "UK Ministry of Defence", "220000", "2023-07-13")
    rows = json.loads(ok(cli, "totals", "--json", "--claimant", "UK Ministry of Defence"))
    return str(rows[0]["claim_id"])


def _correct(cli) -> str:
    claim = _staff_id(cli)
    ok(cli, "correct", claim, "--value", "174560", "--reason", "transcription slip")
    return claim


def _retract(cli) -> str:
    claim = _staff_id(cli)
    ok(cli, "retract", claim, "--reason", "superseded")
    return claim


def _reject(cli) -> str:
    claim = _army_id(cli)
    ok(cli, "review", claim, "--reject", "--reason", "misread")
    return claim


def _fix(cli) -> str:
    claim = _army_id(cli)
    ok(cli, "correct", claim, "--value", "61500", "--reason", "review")
    return claim


def _later(cli) -> str:
    _append(cli, STAFF, "180000", "2023-04-10")
    return str(total(cli, STAFF)["claim_id"])


CASES = [
    ("add", _add, "added", {"value": 220000, "origin": "asserted"}, "was added at"),
    (
        "correct",
        _correct,
        "corrected",
        {"changes": {"value": [174550, 174560]}, "reason": "transcription slip", "actor": "cli"},
        "was corrected at 3: value: 174550 -> 174560 (transcription slip)",
    ),
    ("retract", _retract, "retracted", {"reason": "superseded"}, "was retracted at 3"),
    (
        "review reject",
        _reject,
        "reviewed",
        {"verdict": "rejected", "reason": "misread"},
        "was rejected on review at 3 (misread)",
    ),
    (
        "review fix",
        _fix,
        "reviewed",
        {"verdict": "fixed", "changes": {"value": [61000, 61500]}},
        "was fixed on review at 3",
    ),
    ("later as_of", _later, "added", {"as_of": "2023-04-10"}, "a later as_of arrived"),
]


@pytest.mark.parametrize(
    ("step", "section", "says", "why"), [c[1:] for c in CASES], ids=[c[0] for c in CASES]
)
def test_a_change_shows_in_its_section_and_moves_its_total_for_its_reason(
    seeded, step: Step, section: str, says: dict[str, Any], why: str
) -> None:
    """Each kind of change is listed once, in its section, with what it changed; the total it
    moved is shown old -> new with the reason."""
    start = head(seeded)
    claim = step(seeded)
    doc = diffed(seeded, "--at", str(start))
    assert (doc["from"], doc["to"]) == (start, head(seeded))
    listed = [(s, e) for s in doc["claims"] for e in doc["claims"][s]]
    assert [(s, e["claim_id"]) for s, e in listed] == [(section, claim)]
    entry = listed[0][1]
    assert {k: entry[k] for k in says} == says
    assert entry["position"] == start + 1
    (moved,) = doc["totals"]
    assert why in moved["why"]
    assert moved["before"] != moved["after"]
    text = ok(seeded, "diff", "--at", str(start))
    assert claim in text and why in " ".join(text.split())


def test_a_revision_withdraws_a_claim_revises_another_and_revises_its_article(
    seeded, tmp_path: Path
) -> None:
    """An article revised: the claim it no longer reads is withdrawn, the one it reads
    differently is corrected (by its revision), and the article is listed as revised."""
    start = head(seeded)
    ok(seeded, "ingest", str(tmp_path / "weekly2.txt"), "--url", URL)
    doc = diffed(seeded, "--at", str(start))
    (withdrawn,) = doc["claims"]["withdrawn"]
    assert withdrawn["revision"] == 2 and withdrawn["claimant"] != STAFF
    (revised,) = doc["claims"]["corrected"]
    assert revised["changes"]["value"] == [174550, 174560]
    assert revised["reason"] == "revision 2 of its article"
    (article,) = doc["articles"]
    assert (article["change"], article["revision_before"], article["revision"]) == (
        "revised",
        1,
        2,
    )
    staff = [t for t in doc["totals"] if t["claimant"] == STAFF]
    assert staff and "read again by revision 2" in staff[0]["why"]


def test_at_given_once_diffs_to_the_head_and_the_same_position_is_empty(seeded) -> None:
    """`--at P` alone ends at the head; `--at P --at P` says nothing changed."""
    _correct(seeded)
    end = head(seeded)
    assert diffed(seeded, "--at", "2") == diffed(seeded, "--at", "2", "--at", str(end))
    same = diffed(seeded, "--at", "2", "--at", "2")
    assert not any(same["claims"].values()) and not same["articles"] and not same["totals"]
    assert "nothing changed from position 2 to 2" in ok(seeded, "diff", "--at", "2", "--at", "2")


def test_from_zero_every_claim_and_article_is_added(seeded) -> None:
    """From position 0 every claim at the head was added, and every article too."""
    doc = diffed(seeded, "--at", "0")
    events = [json.loads(line) for line in ok(seeded, "log", "--json").splitlines()]
    claims = {c["claim_id"] for e in events for c in e["data"]["claims"]}
    assert {e["claim_id"] for e in doc["claims"]["added"]} == claims
    assert [a["change"] for a in doc["articles"]] == ["added", "added"]


def test_as_of_compares_what_was_believed_about_a_date(seeded) -> None:
    """With --as-of D the totals compared are those about dates up to D: a later figure
    moves today's total, not what we believed about D; a retraction moves both."""
    start = head(seeded)
    claim = _staff_id(seeded)
    later = _later(seeded)
    now = diffed(seeded, "--at", str(start), "--metric", "personnel")
    assert [t["after"]["claim_id"] for t in now["totals"]] == [later]
    assert diffed(seeded, "--at", str(start), "--as-of", "2023-04-05")["totals"] == []
    ok(seeded, "retract", claim, "--reason", "superseded")
    about = diffed(seeded, "--at", str(start), "--as-of", "2023-04-05")
    (moved,) = about["totals"]
    assert (moved["before"]["claim_id"], moved["after"]) == (claim, None)
    assert "was retracted" in moved["why"]


def test_filters_narrow_the_diff(seeded) -> None:
    """--claimant keeps only its claims' changes and totals; any case, as `totals` matches."""
    start = head(seeded)
    _correct(seeded)
    _reject(seeded)
    doc = diffed(seeded, "--at", str(start), "--claimant", ARMY.lower())
    entries = [e for s in doc["claims"].values() for e in s]
    assert {e["claimant"] for e in entries} == {ARMY} and entries
    assert {t["claimant"] for t in doc["totals"]} == {ARMY}
    whole = diffed(seeded, "--at", str(start))
    assert {t["claimant"] for t in whole["totals"]} == {ARMY, STAFF}


class _Days:
    """A clock reading one day later each time: event n is recorded on 2026-01-0n."""

    def __init__(self) -> None:
        self.day = 0

    def __call__(self) -> str:
        self.day += 1
        return f"2026-01-{self.day:02d}T12:00:00.000000Z"


@pytest.mark.parametrize(
    ("since", "start", "added"),
    [("2026-01-01", 0, 3), ("2026-01-02", 1, 2), ("2026-01-03", 2, 1), ("2026-01-04", 3, 0)],
)
def test_since_diffs_the_events_recorded_from_that_day(
    cli, tmp_path: Path, since: str, start: int, added: int
) -> None:
    """--since DATE starts at the last position recorded before DATE and ends at the head."""
    with Ledger(SQLiteStore(tmp_path / "claims.db", clock=_Days(), new_id=Ids())) as ledger:
        for n in range(3):
            ledger.append([asserted(n)])
    doc = diffed(cli, "--since", since)
    assert (doc["from"], doc["to"]) == (start, 3)
    assert len(doc["claims"]["added"]) == added


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        ([], 2, "give --at POSITION"),
        (["--at", "2", "--at", "1"], 2, "--at 2 is after --at 1"),
        (["--at", "99"], 2, "beyond the head of the log (2)"),
        (["--at", "0", "--at", "99"], 2, "beyond the head"),
        (["--at", "0", "--at", "1", "--at", "2"], 2, "at most twice"),
        (["--at", "1", "--since", "2026-01-01"], 2, "not both"),
        (["--since", "2026-13-01"], 2, "--since must be a date"),
        (["--at", "0", "--as-of", "2023-02-30"], 2, "--as-of"),
        (["--at", "-1"], 2, "--at"),
        (["--at", "0", "--metric", "bananas"], 2, "metric"),
        (["--at", "0", "--claimant", "Nobody"], 1, "no claimant matches 'Nobody'"),
        (["--at", "0", "--claimant", ARMY, "--subject", "ukraine"], 1, "no subject matches"),
    ],
)
def test_refusals_are_one_line(seeded, args: list[str], code: int, message: str) -> None:
    """A position out of order or beyond the head, bad dates, and filters matching nothing
    are refused with one line (exit 2, or 1 for a filter), and the log is left as it was."""
    before = seeded("log", "--json").stdout
    result = seeded("diff", *args)
    assert result.exit_code == code, result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("claims: error: ") and message in lines[0]
    assert seeded("log", "--json").stdout == before
