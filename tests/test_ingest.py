"""`claims ingest` and `claims extract`: one event per article, revisions, bad input."""

from __future__ import annotations

import hashlib
import json
import sqlite3
from pathlib import Path

import pytest

from ledger.ingest.pipeline import StreamState, article_id_for, decide, prepare
from ledger.ingest.readers import ArticleDraft

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"

DAILY = """Russia has lost 174,550 troops, General Staff says

By Test Desk, Example Daily
2 April 2023

The General Staff of Ukraine's Armed Forces reported on April 2 that Russia had lost a total of
174,550 troops since the start of the full-scale invasion on Feb. 24, 2022, including 690 over
the past day. Russian forces have also lost 3,618 tanks, the General Staff said.
"""


def events(tmp_path: Path) -> list[tuple[str, int]]:
    """Return (type, version) of every event in the test ledger."""
    path = tmp_path / "claims.db"
    if not path.exists():
        return []
    with sqlite3.connect(path) as conn:
        return conn.execute("SELECT type, version FROM events ORDER BY position").fetchall()


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest() if path.exists() else "absent"


@pytest.fixture
def article(tmp_path: Path) -> Path:
    path = tmp_path / "daily.txt"
    path.write_text(DAILY)
    return path


def test_ingest_records_one_event_per_article(cli, tmp_path: Path, article: Path) -> None:
    """A new article becomes one ArticleRecorded event carrying its claims."""
    result = cli("ingest", str(article), "--json")
    assert result.exit_code == 0, result.output
    line = json.loads(result.stdout)
    assert line["status"] == "new" and line["claims"] >= 1
    assert events(tmp_path) == [("article-recorded", 1)]
    logged = json.loads(cli("log", "--json").stdout)
    data = logged["data"]
    assert data["content_sha256"] == hashlib.sha256(DAILY.encode()).hexdigest()
    assert data["publisher"] == "Example Daily"
    assert any(c["value"] == 174_550 for c in data["claims"])
    for claim in data["claims"]:
        start, end = claim["span"]
        assert data["text"][start:end] == claim["quote"]


def test_ingesting_twice_writes_once(cli, tmp_path: Path, article: Path) -> None:
    """The same content ingested again is reported unchanged and writes nothing."""
    cli("ingest", str(article))
    result = cli("ingest", str(article), "--json")
    assert json.loads(result.stdout)["status"] == "unchanged"
    assert len(events(tmp_path)) == 1


def test_edited_figure_with_same_url_is_a_revision(cli, tmp_path: Path, article: Path) -> None:
    """Editing one figure and ingesting with the same --url writes one ArticleRevised."""
    url = "https://news.example/losses"
    cli("ingest", str(article), "--url", url)
    article.write_text(DAILY.replace("174,550", "174,560"))
    result = cli("ingest", str(article), "--url", url, "--json")
    assert json.loads(result.stdout)["status"] == "revised"
    assert events(tmp_path) == [("article-recorded", 1), ("article-revised", 2)]
    revised = json.loads(cli("log", "--json", "--from", "2").stdout)["data"]
    assert revised["revision"] == 2
    assert any(c["value"] == 174_560 for c in revised["claims"])


def test_revision_keeps_claim_ids_of_edited_figures(tmp_path: Path) -> None:
    """A revised figure keeps its claim id, so its history shows the change."""
    first = ArticleDraft(source="a", title="t", text=DAILY, url="https://x.example/a")
    second = ArticleDraft(
        source="a", title="t", text=DAILY.replace("174,550", "174,560"), url="https://x.example/a"
    )
    before, after = (
        {(c.metric, c.value): c.claim_id for c in prepare(d).claims} for d in (first, second)
    )
    # "including 690 over the past day": the day's share is a claim of its own (a window)
    assert set(before) == {("personnel", 174_550), ("personnel", 690), ("tanks", 3_618)}
    assert set(after) == {("personnel", 174_560), ("personnel", 690), ("tanks", 3_618)}
    assert after["personnel", 174_560] == before["personnel", 174_550]  # edited, same id
    assert after["tanks", 3_618] == before["tanks", 3_618]
    assert before["personnel", 174_550] != before["tanks", 3_618]


def test_old_revision_fed_again_writes_nothing(cli, tmp_path: Path, article: Path) -> None:
    """Re-ingesting an earlier version of an article is not a new revision."""
    url = "https://news.example/losses"
    cli("ingest", str(article), "--url", url)
    original = article.read_text()
    article.write_text(original.replace("174,550", "174,560"))
    cli("ingest", str(article), "--url", url)
    article.write_text(original)
    assert json.loads(cli("ingest", str(article), "--url", url, "--json").stdout)["status"] == (
        "unchanged"
    )
    assert len(events(tmp_path)) == 2


def test_dry_run_writes_nothing(cli, tmp_path: Path, article: Path) -> None:
    """--dry-run says what would happen and creates no ledger."""
    result = cli("ingest", str(article), "--dry-run")
    assert result.exit_code == 0
    assert "would" in result.stdout
    assert not (tmp_path / "claims.db").exists()


def test_stdin_article(cli, tmp_path: Path) -> None:
    """`-` reads one article from standard input; --publisher and --published apply."""
    result = cli(
        "ingest", "-", "--publisher", "Pasted", "--published", "2023-04-02", "--json", input=DAILY
    )
    assert result.exit_code == 0, result.output
    data = json.loads(cli("log", "--json").stdout)["data"]
    assert (data["publisher"], data["published"]) == ("Pasted", "2023-04-02")


def test_ingest_examples_folder(cli, tmp_path: Path) -> None:
    """The shipped examples ingest cleanly, and a second run writes nothing."""
    first = cli("ingest", str(EXAMPLES))
    assert first.exit_code == 0, first.output
    count = len(events(tmp_path))
    assert count >= 6
    second = cli("ingest", str(EXAMPLES))
    assert second.exit_code == 0
    assert len(events(tmp_path)) == count
    assert cli("verify").exit_code == 0


BAD_INPUTS = [
    ("empty.txt", b""),
    ("blank.txt", b"   \n\n  "),
    ("binary.txt", bytes(range(256)) * 4),
    ("latin1.txt", "Verluste: 1\u00a0000 Panzer".encode("latin-1") + b"\xff\xfe"),
    ("broken.json", b'{"title": "x", "text": '),
    ("wrong.json", b'{"title": "x", "body": "no text key"}'),
    ("list.json", b"[1, 2, 3]"),
    ("page.pdf", b"%PDF-1.4"),
]


@pytest.mark.parametrize(("name", "content"), BAD_INPUTS, ids=[n for n, _ in BAD_INPUTS])
def test_bad_file_exits_2_naming_it(cli, tmp_path: Path, article: Path, name, content) -> None:
    """A bad input exits 2 with one line naming the file, and the log is unchanged."""
    cli("ingest", str(article))
    before = digest(tmp_path / "claims.db")
    bad = tmp_path / name
    bad.write_bytes(content)
    result = cli("ingest", str(bad))
    assert result.exit_code == 2, result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and name in lines[0]
    assert digest(tmp_path / "claims.db") == before


def test_huge_file_is_refused_quickly(cli, tmp_path: Path) -> None:
    """A 50 MB file is refused by its size, writing nothing."""
    huge = tmp_path / "huge.txt"
    with huge.open("wb") as fh:
        fh.truncate(50 * 1024 * 1024)
    result = cli("ingest", str(huge))
    assert result.exit_code == 2
    assert "huge.txt" in result.stderr
    assert not (tmp_path / "claims.db").exists()


def test_missing_path_exits_2_and_writes_nothing(cli, tmp_path: Path, article: Path) -> None:
    """A path that does not exist fails the whole command before anything is written."""
    result = cli("ingest", str(article), str(tmp_path / "nope.txt"))
    assert result.exit_code == 2
    assert "nope.txt" in result.stderr
    assert events(tmp_path) == []


def test_folder_of_good_and_bad_files(cli, tmp_path: Path) -> None:
    """In a folder of good and bad files the good are ingested, the bad listed, exit 1."""
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(DAILY)
    (folder / "b.txt").write_bytes(b"")
    (folder / "c.json").write_text("{nope")
    result = cli("ingest", str(folder))
    assert result.exit_code == 1
    assert "b.txt" in result.stderr and "c.json" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 2
    assert events(tmp_path) == [("article-recorded", 1)]


def test_extract_writes_nothing(cli, tmp_path: Path, article: Path) -> None:
    """`claims extract --json` prints the article and its claims and creates no ledger."""
    result = cli("extract", str(article), "--json")
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    assert set(document) == {"article", "claims"}
    assert document["article"]["publisher"] == "Example Daily"
    assert {"claim_id", "claimant", "quote", "span"} <= set(document["claims"][0])
    assert not (tmp_path / "claims.db").exists()


def test_extract_folder_is_an_array(cli) -> None:
    """With several articles, `extract --json` prints a JSON array, one object per article."""
    result = cli("extract", str(EXAMPLES), "--json")
    documents = json.loads(result.stdout)
    assert isinstance(documents, list) and len(documents) >= 6


def test_decide_is_pure() -> None:
    """Deciding new / revised / unchanged needs no database."""
    draft = ArticleDraft(source="s", title="t", text=DAILY, publisher="P")
    prepared = prepare(draft)
    status, item = decide(prepared, StreamState())
    assert status == "new" and item is not None and item.expected_version == 0
    seen = StreamState(version=1, revision=1, seen=frozenset({prepared.content_sha256}))
    assert decide(prepared, seen) == ("unchanged", None)
    status, item = decide(prepared, StreamState(version=3, revision=2, seen=frozenset({"x"})))
    assert status == "revised" and item.event.revision == 3 and item.expected_version == 3


@pytest.mark.parametrize(
    ("url_a", "url_b", "same"),
    [
        ("https://x.example/a", "https://x.example/a/", True),
        ("https://x.example/a", "https://x.example/a#top", True),
        ("https://x.example/a", "https://x.example/b", False),
    ],
)
def test_article_identity_follows_the_url(url_a: str, url_b: str, same: bool) -> None:
    """The URL, less fragments and trailing slashes, names the article."""
    a = ArticleDraft(source="s", title="t", text="x", url=url_a)
    b = ArticleDraft(source="s", title="t", text="y", url=url_b)
    assert (article_id_for(a, "1") == article_id_for(b, "2")) is same
