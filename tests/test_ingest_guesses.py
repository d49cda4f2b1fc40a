"""No silent guesses at ingest (issue 14, section 2): an article with no publication date is
refused, never dated today; `extract` shows it undated; the same text is the same article."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from tests.samples import WEEKLY

BODY = "Russia lost 40 tanks on Thursday, the General Staff of Ukraine said."
# The same undated article in each format the readers take.
UNDATED = {
    "u.txt": f"Tanks lost\n\n{BODY}\n",
    "u.md": f"# Tanks lost\n\n{BODY}\n",
    "u.html": (
        "<html><head><title>Tanks lost</title></head><body><article><h1>Tanks lost</h1>"
        f"<p>{BODY}</p></article></body></html>"
    ),
    "u.json": json.dumps({"title": "Tanks lost", "text": BODY}),
}


def refusal(path: Path) -> str:
    """The one line an undated article is refused with."""
    return (
        f"claims: error: {path}: no publication date found in the article; "
        "give it with --published DATE (nothing written)"
    )


def db_digest(folder: Path) -> str:
    """The bytes of the ledger (its database and write-ahead log)."""
    files = sorted(p for p in folder.glob("claims.db*") if not p.name.endswith("-shm"))
    return hashlib.sha256(b"".join(p.read_bytes() for p in files)).hexdigest()


@pytest.fixture
def seeded(cli, tmp_path: Path):
    """A ledger that already holds one dated article (so "unchanged" means something)."""
    (tmp_path / "weekly.txt").write_text(WEEKLY)
    assert cli("ingest", str(tmp_path / "weekly.txt")).exit_code == 0
    return cli


def logged(cli) -> list[dict]:
    result = cli("log", "--json")
    assert result.exit_code == 0, result.output
    return [json.loads(line) for line in result.stdout.splitlines()]


@pytest.mark.parametrize("name", sorted(UNDATED))
@pytest.mark.parametrize("dry_run", [[], ["--dry-run"]], ids=["ingest", "dry-run"])
def test_an_undated_article_is_refused(seeded, tmp_path: Path, name: str, dry_run) -> None:
    """Exit 2, one line naming the file and --published DATE, the log exactly as it was."""
    path = tmp_path / name
    path.write_text(UNDATED[name])
    before, digest = logged(seeded), db_digest(tmp_path)
    result = seeded("ingest", str(path), *dry_run)
    assert result.exit_code == 2, result.output
    assert result.stderr.splitlines() == [refusal(path)]
    assert logged(seeded) == before and db_digest(tmp_path) == digest


@pytest.mark.parametrize("name", sorted(UNDATED))
def test_published_makes_it_ingest(cli, tmp_path: Path, name: str) -> None:
    """With --published the article is recorded, "Thursday" read against that date."""
    path = tmp_path / name
    path.write_text(UNDATED[name])
    result = cli("ingest", str(path), "--published", "2023-04-08", "--json")  # a Saturday
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["status"] == "new"
    claims = logged(cli)[0]["data"]["claims"]
    assert [(c["value"], c["as_of"]) for c in claims] == [(40, "2023-04-06")]


def test_a_folder_ingests_all_but_the_undated_article(cli, tmp_path: Path) -> None:
    """As any bad file of a folder: one error line for it, the rest recorded, exit 1."""
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "weekly.txt").write_text(WEEKLY)
    (folder / "u.txt").write_text(UNDATED["u.txt"])
    result = cli("ingest", str(folder))
    assert result.exit_code == 1, result.output
    assert result.stderr.splitlines() == [refusal(folder / "u.txt")]
    assert "2 article(s), 1 new, 0 revised, 0 unchanged, 1 failed" in result.stdout
    assert [e["type"] for e in logged(cli)] == ["article-recorded"]


def extracted(cli, path: Path) -> dict:
    result = cli("extract", str(path), "--json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


@pytest.mark.parametrize("name", sorted(UNDATED))
def test_extract_shows_an_undated_article_undated(cli, tmp_path: Path, name: str) -> None:
    """No published date, marked undated; "Thursday" is no date of its own: as_of null."""
    path = tmp_path / name
    path.write_text(UNDATED[name])
    document = extracted(cli, path)
    assert (document["article"]["published"], document["article"]["undated"]) == (None, True)
    assert [(c["value"], c["as_of"]) for c in document["claims"]] == [(40, None)]
    assert not (tmp_path / "claims.db").exists()  # extract writes nothing


def test_extract_table_says_undated_not_none(cli, tmp_path: Path) -> None:
    """The text view of an undated article's claim: "undated" where its date would be."""
    path = tmp_path / "u.txt"
    path.write_text(UNDATED["u.txt"])
    out = cli("extract", str(path)).stdout
    assert "..undated" in out and "None" not in out


@pytest.mark.parametrize(
    ("sentence", "as_of", "period_start"),
    [
        # no anchor: relative and year-less dates are not resolved
        ("Russia lost 40 tanks on Thursday, the General Staff said.", None, None),
        ("Russia lost 40 tanks yesterday, the General Staff said.", None, None),
        # (a cumulative figure counts from the invasion, whatever the date)
        ("Russia lost 40 tanks on April 2, the General Staff said.", None, "2022-02-24"),
        ("Russia lost 40 tanks over the past week, the General Staff said.", None, None),
        # a date the text gives itself is kept (a start date dates no article)
        (
            "Russia has lost 3,618 tanks since February 24, 2022, the General Staff said.",
            None,
            "2022-02-24",
        ),
    ],
)
def test_extract_dates_a_claim_of_an_undated_article_only_as_its_text_does(
    cli, tmp_path: Path, sentence: str, as_of: str | None, period_start: str | None
) -> None:
    """as_of and period_start of an undated article: the text's own, else null."""
    path = tmp_path / "u.txt"
    path.write_text(f"Tanks lost\n\n{sentence}\n")
    document = extracted(cli, path)
    assert document["article"]["undated"] is True
    found = [(c["as_of"], c["period_start"]) for c in document["claims"]]
    assert found == [(as_of, period_start)]


@pytest.mark.parametrize(
    ("sentence", "as_of", "period_start"),
    [
        ("Russia lost 40 tanks on April 2, 2023, the General Staff said.", "2023-04-02", None),
        (
            "On April 2, 2023, the General Staff said Russia had lost 40 tanks over the past week.",
            "2023-04-02",
            "2023-03-27",
        ),
        (
            "On Sunday, April 2, 2023, the army said Russia lost 40 tanks on Thursday.",
            "2023-03-30",
            None,
        ),
    ],
)
def test_a_story_that_dates_itself_is_read_against_its_own_date(
    cli, tmp_path: Path, sentence: str, as_of: str, period_start: str | None
) -> None:
    """No publication date found, but the story opens with one: its figures are dated by it,
    in `extract` (not marked undated) and in `ingest` alike."""
    path = tmp_path / "s.txt"
    path.write_text(f"Tanks lost\n\n{sentence}\n")
    document = extracted(cli, path)
    assert (document["article"]["published"], "undated" in document["article"]) == (None, False)
    found = [(c["as_of"], c["period_start"]) for c in document["claims"] if c["value"] == 40]
    assert found[0][0] == as_of and (period_start is None or found[0][1] == period_start)
    assert cli("ingest", str(path)).exit_code == 0
    assert logged(cli)[0]["data"]["claims"] == document["claims"]


def test_extract_of_a_dated_article_is_not_marked_undated(cli, tmp_path: Path) -> None:
    (tmp_path / "weekly.txt").write_text(WEEKLY)
    document = extracted(cli, tmp_path / "weekly.txt")
    assert document["article"]["published"] == "2023-04-02"
    assert "undated" not in document["article"]
    assert all(c["as_of"] for c in document["claims"])


# Each pair: the flags of the first ingest, then of the second, of the same file.
METADATA = [
    (["--url", "https://a.example/1"], ["--url", "https://b.example/2"]),
    (["--url", "https://a.example/1"], []),
    ([], ["--url", "https://b.example/2"]),
    ([], ["--url", "https://b.example/2", "--publisher", "Other Wire"]),
    (
        ["--url", "https://a.example/1", "--publisher", "Test Wire"],
        ["--url", "https://b.example/2", "--published", "2023-04-03"],
    ),
]


@pytest.mark.parametrize(("first", "second"), METADATA)
def test_the_same_text_under_other_metadata_is_the_recorded_article(
    cli, tmp_path: Path, first: list[str], second: list[str]
) -> None:
    """Nothing written, exit 0, and the recorded article named: id, title, position."""
    path = tmp_path / "weekly.txt"
    path.write_text(WEEKLY)
    recorded = json.loads(cli("ingest", str(path), "--json", *first).stdout)
    before, digest = logged(cli), db_digest(tmp_path)
    result = cli("ingest", str(path), "--json", *second)
    assert result.exit_code == 0, result.output
    line = json.loads(result.stdout)
    assert (line["status"], line["same_content"]) == ("unchanged", True)
    named = (line["article_id"], line["title"], line["position"], line["claims"])
    assert named == (recorded["article_id"], recorded["title"], 1, recorded["claims"])
    assert logged(cli) == before and db_digest(tmp_path) == digest
    text = cli("ingest", str(path), *second)
    assert text.exit_code == 0, text.output
    assert text.stderr.splitlines() == [
        f"claims: note: {path}: the same text as article {recorded['article_id']} "
        f'"{recorded["title"]}" at position 1: nothing written'
    ]
    assert "0 new, 0 revised, 1 unchanged" in text.stdout


@pytest.mark.parametrize("dry_run", [[], ["--dry-run"]], ids=["ingest", "dry-run"])
def test_two_files_of_one_text_in_a_batch_are_one_article(
    cli, tmp_path: Path, dry_run: list[str]
) -> None:
    """The second of two identical texts (one with a url) is reported as the first's."""
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "a.json").write_text(
        json.dumps(
            {
                "title": "Weekly",
                "text": WEEKLY,
                "url": "https://a.example/1",
                "published": "2023-04-02",
            }
        )
    )
    (folder / "b.txt").write_text(WEEKLY)
    result = cli("ingest", str(folder), "--json", *dry_run)
    assert result.exit_code == 0, result.output
    first, second = (json.loads(line) for line in result.stdout.splitlines())
    assert first["status"] == ("would-be-new" if dry_run else "new")
    assert (second["status"], second.get("same_content")) == ("unchanged", True)
    assert (second["article_id"], second["title"]) == (first["article_id"], "Weekly")
    assert second["position"] == first["position"]
    if dry_run:
        assert not (tmp_path / "claims.db").exists()
    else:
        assert [e["type"] for e in logged(cli)] == ["article-recorded"]


def test_a_revision_is_still_a_revision(cli, tmp_path: Path) -> None:
    """The same url with new text is the article's next revision, as before."""
    path = tmp_path / "weekly.txt"
    path.write_text(WEEKLY)
    url = ["--url", "https://a.example/1", "--json"]
    assert json.loads(cli("ingest", str(path), *url).stdout)["status"] == "new"
    path.write_text(WEEKLY.replace("174,550", "174,560"))
    line = json.loads(cli("ingest", str(path), *url).stdout)
    assert (line["status"], line["revision"], "same_content" in line) == ("revised", 2, False)


def test_explain_says_an_undated_claim_has_no_date_of_its_own(cli, tmp_path: Path) -> None:
    """`extract --explain`: the claim's as_of was decided by no rule reading a date."""
    path = tmp_path / "u.txt"
    path.write_text(UNDATED["u.txt"])
    result = cli("extract", str(path), "--explain", "--json")
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    (number,) = (n for n in document["numbers"] if n["fate"] == "claim")
    assert number["claim_id"] == document["claims"][0]["claim_id"]
    assert number["why"]["as_of"] == "undated-article"
