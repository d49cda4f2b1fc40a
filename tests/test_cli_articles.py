"""Working per article (issue 14 §3): `claims show ARTICLE_ID` (metadata, revisions, claims
with their status, `--at`) and `claims retract --article` (every active claim in one atomic
batch: all of them or, on a stale version or a failure, none)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from ledger import ArticleOptions, ArticleSource, ConcurrencyConflict, Ledger
from tests.conftest import Clock, Ids
from tests.samples import ROUNDED, WEEKLY

URL = "https://example.test/weekly"
PAVLIUK = WEEKLY.split("\n\n")[2]
REVISED = (
    WEEKLY.replace("about 4,000 soldiers in a week", "174,560 troops in all")
    .replace(PAVLIUK + "\n\n", "")
    .replace("174,550", "174,560")
)
"""The weekly article edited: the minister's sentence gone (its claim is withdrawn), the
General Staff's figure changed (its claim is revised)."""


def log(cli) -> list[dict[str, Any]]:
    return [json.loads(line) for line in cli("log", "--json").stdout.splitlines()]


def ingested(cli, path: Path, *args: str) -> str:
    """Ingest one file and return its article id."""
    result = cli("ingest", str(path), "--json", *args)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout.splitlines()[0])["article_id"]


@pytest.fixture
def articles(cli, tmp_path: Path) -> dict[str, str]:
    """The weekly article recorded and then revised (same URL), and the rounded one."""
    for name, text in (("weekly.txt", WEEKLY), ("weekly2.txt", REVISED), ("rounded.txt", ROUNDED)):
        (tmp_path / name).write_text(text)
    weekly = ingested(cli, tmp_path / "weekly.txt", "--url", URL)
    assert ingested(cli, tmp_path / "weekly2.txt", "--url", URL) == weekly
    rounded = ingested(cli, tmp_path / "rounded.txt")
    return {"weekly": weekly, "rounded": rounded}


def shown(cli, article_id: str, *args: str) -> dict[str, Any]:
    result = cli("show", article_id, "--json", *args)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_show_article_gives_metadata_revisions_and_claims_as_the_log_holds_them(
    cli, articles: dict[str, str]
) -> None:
    """Each revision is the log's event (position, hash, content hash); the metadata is the
    latest revision's; the claims are every claim any revision read, each with its status."""
    doc = shown(cli, articles["weekly"])
    events = [e for e in log(cli) if e["type"] in ("article-recorded", "article-revised")]
    events = [e for e in events if e["data"]["article_id"] == articles["weekly"]]
    assert [
        (r["revision"], r["position"], r["hash"], r["content_sha256"]) for r in doc["revisions"]
    ] == [
        (n, e["position"], e["hash"], e["data"]["content_sha256"]) for n, e in enumerate(events, 1)
    ]
    latest = events[-1]
    article = doc["article"]
    assert article["stream"] == latest["stream"] == f"article-{articles['weekly']}"
    for key in ("title", "url", "published", "content_sha256", "extractor_version"):
        assert article[key] == latest["data"][key], key
    assert article["publisher"] == events[0]["data"]["publisher"] == "Test Wire"
    read = {c["claim_id"] for e in events for c in e["data"]["claims"]}
    still = {c["claim_id"] for c in latest["data"]["claims"]}
    status = {c["claim_id"]: c["status"] for c in doc["claims"]}
    assert set(status) == read and still < read
    assert {s for c, s in status.items() if c not in still} == {"withdrawn"}
    assert {status[c] for c in still} == {"active"}
    assert set(doc) == {"article", "revisions", "claims"}


def test_show_article_as_a_table(cli, articles: dict[str, str]) -> None:
    """The text view names the article, prints every revision's full hashes, and has one row
    per claim with its status and review state."""
    doc = shown(cli, articles["weekly"])
    result = cli("show", articles["weekly"])
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert doc["article"]["title"] in out and URL in out
    for revision in doc["revisions"]:
        assert revision["hash"] in out and revision["content_sha256"] in out
    rows = [line for line in out.splitlines() if line.strip().startswith("c_")]
    assert [row.split()[0] for row in rows] == [c["claim_id"] for c in doc["claims"]]
    assert [row.split()[-2:] for row in rows] == [[c["status"], c["review"]] for c in doc["claims"]]


def test_show_article_at_a_position_is_the_article_as_it_stood(
    cli, articles: dict[str, str]
) -> None:
    """`--at` the first recording: one revision, its claims all active; `--at 0`: no article."""
    first = shown(cli, articles["weekly"])["revisions"][0]["position"]
    then = shown(cli, articles["weekly"], "--at", str(first))
    assert [r["revision"] for r in then["revisions"]] == [1]
    assert {c["status"] for c in then["claims"]} == {"active"}
    assert then["article"]["revision"] == 1
    assert cli("show", articles["weekly"], "--at", "0").exit_code == 1


@pytest.mark.parametrize(
    ("ident", "message"),
    [
        ("a_0000000000000000", "no claim or article a_0000000000000000"),
        ("c_0000000000000000", "no claim or article c_0000000000000000"),
        ("nonsense", "no claim or article nonsense"),
    ],
)
def test_show_refuses_an_id_that_is_neither(cli, articles, ident: str, message: str) -> None:
    """An id naming no claim and no article: exit 1, one line."""
    result = cli("show", ident)
    assert result.exit_code == 1
    assert message in result.stderr and len(result.stderr.splitlines()) == 1


def test_show_a_claim_id_still_shows_the_claim(cli, articles: dict[str, str]) -> None:
    """A claim id is shown as a claim, not as an article."""
    claim = shown(cli, articles["rounded"])["claims"][0]
    doc = shown(cli, claim["claim_id"])
    assert doc["claim"]["claim_id"] == claim["claim_id"] and "sentence" in doc


def test_retract_article_retracts_every_active_claim_in_one_batch(
    cli, articles: dict[str, str]
) -> None:
    """One claim-retracted per active claim, at consecutive positions on the article's
    stream, after which none is active; a withdrawn claim stays withdrawn."""
    before = {c["claim_id"]: c["status"] for c in shown(cli, articles["weekly"])["claims"]}
    active = sorted(c for c, s in before.items() if s == "active")
    head = len(log(cli))
    result = cli("retract", "--article", articles["weekly"], "--reason", "outlet withdrew it")
    assert result.exit_code == 0, result.output
    assert f"retracted {len(active)} claim(s)" in result.stdout
    new = log(cli)[head:]
    assert [e["position"] for e in new] == list(range(head + 1, head + 1 + len(active)))
    assert {e["type"] for e in new} == {"claim-retracted"}
    assert {e["stream"] for e in new} == {f"article-{articles['weekly']}"}
    assert sorted(e["data"]["claim_id"] for e in new) == active
    assert {e["data"]["reason"] for e in new} == {"outlet withdrew it"}
    after = {c["claim_id"]: c["status"] for c in shown(cli, articles["weekly"])["claims"]}
    assert after == {c: "retracted" if s == "active" else s for c, s in before.items()}
    assert cli("verify").exit_code == 0


def test_retract_article_json_names_the_claims(cli, articles: dict[str, str]) -> None:
    """`--json`: the article, the claims retracted, and the recorded events."""
    active = [c["claim_id"] for c in shown(cli, articles["rounded"])["claims"]]
    result = cli("retract", "--article", articles["rounded"], "--reason", "r", "--json")
    doc = json.loads(result.stdout)
    assert doc["article_id"] == articles["rounded"]
    assert sorted(doc["retracted"]) == sorted(active)
    assert [e["position"] for e in doc["events"]] == [
        e["position"] for e in log(cli)[-len(active) :]
    ]


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["--article", "a_0000000000000000"], 1, "no article a_0000000000000000"),
        (["--article", "{rounded}", "{claim}"], 2, "not both"),
        ([], 2, "give a CLAIM_ID or --article"),
        (["--article", "{rounded}", "--reason", ""], 2, "invalid retraction"),
    ],
)
def test_retract_article_refusals_write_nothing(
    cli, articles: dict[str, str], args: list[str], code: int, message: str
) -> None:
    """Unknown article: exit 1; a claim id and --article, or neither, or an empty reason:
    exit 2; one line each, and the log as it was."""
    claim = shown(cli, articles["rounded"])["claims"][0]["claim_id"]
    args = [a.format(claim=claim, **articles) for a in args]
    if "--reason" not in args:
        args += ["--reason", "r"]
    before = cli("log", "--json").stdout
    result = cli("retract", *args)
    assert result.exit_code == code, result.output
    assert message in result.stderr and len(result.stderr.splitlines()) == 1
    assert cli("log", "--json").stdout == before


def test_retract_article_twice_is_refused(cli, articles: dict[str, str]) -> None:
    """Once every claim is retracted, the article has no active claim: exit 1, nothing written."""
    assert cli("retract", "--article", articles["rounded"], "--reason", "r").exit_code == 0
    before = cli("log", "--json").stdout
    result = cli("retract", "--article", articles["rounded"], "--reason", "again")
    assert result.exit_code == 1 and "no active claim" in result.stderr
    assert cli("log", "--json").stdout == before


class FailingClock(Clock):
    """A clock that fails on its n-th reading once armed: a crash in the middle of a batch."""

    def __init__(self) -> None:
        super().__init__()
        self.fail_in: int | None = None

    def __call__(self) -> str:
        if self.fail_in is not None:
            self.fail_in -= 1
            if self.fail_in == 0:
                raise RuntimeError("the disk went away")
        return super().__call__()


@pytest.fixture
def api(tmp_path: Path, make_sqlite_store) -> tuple[Ledger, FailingClock, str]:
    """A ledger (through the API) holding the rounded article, its clock, and the article id."""
    clock = FailingClock()
    ledger = Ledger(make_sqlite_store(tmp_path / "api.db", clock=clock, new_id=Ids(7)))
    (tmp_path / "rounded.txt").write_text(ROUNDED)
    (result,) = ledger.ingest(ArticleSource([str(tmp_path / "rounded.txt")]), ArticleOptions())
    assert len(ledger.show_article(result.article_id)["claims"]) > 1
    return ledger, clock, result.article_id


def _statuses(ledger: Ledger, article_id: str) -> list[str]:
    return [c["status"] for c in ledger.show_article(article_id)["claims"]]


def test_a_failure_in_the_middle_of_the_batch_leaves_the_log_unchanged(api) -> None:
    """The second retraction fails as it is written: the first is not kept either."""
    ledger, clock, article_id = api
    head, statuses = ledger.head(), _statuses(ledger, article_id)
    clock.fail_in = 2
    with pytest.raises(RuntimeError, match="disk"):
        ledger.retract_article(article_id, reason="r")
    assert ledger.head() == head
    assert _statuses(ledger, article_id) == statuses == ["active"] * len(statuses)
    assert ledger.verify().ok


def test_a_stale_version_is_a_conflict_and_writes_nothing(api, monkeypatch) -> None:
    """A writer whose view of the article's stream is stale retracts nothing."""
    ledger, _, article_id = api
    head, statuses = ledger.head(), _statuses(ledger, article_id)
    real = ledger.store.stream_version
    monkeypatch.setattr(ledger.store, "stream_version", lambda stream: real(stream) - 1)
    with pytest.raises(ConcurrencyConflict):
        ledger.retract_article(article_id, reason="r")
    assert ledger.head() == head and _statuses(ledger, article_id) == statuses


def test_retract_article_is_one_append(api, monkeypatch) -> None:
    """All the retractions go to the store in one call (one transaction)."""
    ledger, _, article_id = api
    calls: list[int] = []
    real = ledger.store.append
    monkeypatch.setattr(
        ledger.store, "append", lambda batch: calls.append(len(batch)) or real(batch)
    )
    recorded = ledger.retract_article(article_id, reason="r")
    assert calls == [len(recorded)] and len(recorded) > 1
    assert set(_statuses(ledger, article_id)) == {"retracted"}
