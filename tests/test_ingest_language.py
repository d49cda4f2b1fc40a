"""Articles in a language extraction does not read: no claims, and the reader is told why.

A text whose letters are mostly Cyrillic gives no claims; `claims extract` and `claims
ingest` say so with one stderr line per such article and a `no_claims_reason` in `--json`,
and still exit 0. `ingest` records the article (it is a real article; only its claims are
empty). An English text quoting a Cyrillic name is read as before. The texts below are
written for these tests.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from pathlib import Path

import pytest

from ledger.ingest.extract import extract_claims
from ledger.ingest.language import no_claims_reason, unread_language

UKRAINIAN = """Втрати ворога станом на ранок 3 травня

Генеральний штаб Збройних сил України повідомив, що з початку повномасштабного вторгнення \
противник втратив близько 488 150 осіб, з них 960 за минулу добу. Також знищено 7 015 танків \
і 12 410 безпілотників.
"""

RUSSIAN = """Сводка потерь на утро пятницы

Как сообщили в ведомстве, за прошедшие сутки подразделения сбили 14 беспилотников и \
уничтожили три танка. Эти данные пока не удалось проверить.
"""

ENGLISH_WITH_CYRILLIC = (
    "The General Staff said Russia lost 14 tanks near Покровськ on Friday, according to its "
    "spokesman Олексій Петренко."
)

UK_NOTE = "claims: note: no claims: the text looks Ukrainian; extraction reads English"
RU_NOTE = "claims: note: no claims: the text looks Russian; extraction reads English"


@pytest.mark.parametrize(
    ("text", "language"),
    [
        (UKRAINIAN, "Ukrainian"),
        (RUSSIAN, "Russian"),
        ("Війна триває.", "Ukrainian"),
        ("Война продолжается, это ясно.", "Russian"),
        ("Война продолжается.", "Cyrillic"),  # no letter tells the two apart
        ("Војна траје већ дуго.", "Cyrillic"),  # Serbian: letters of neither alphabet
        (ENGLISH_WITH_CYRILLIC, None),
        ("Russia lost 40 tanks.", None),
        ("", None),
        ("12 345 — 678", None),
    ],
)
def test_unread_language(text: str, language: str | None) -> None:
    """Mostly Cyrillic letters: Ukrainian or Russian by the letters only one of them writes,
    else "Cyrillic"; anything else is read."""
    assert unread_language(text) == language


def test_the_reason_names_the_language() -> None:
    assert no_claims_reason(UKRAINIAN) == "the text looks Ukrainian; extraction reads English"
    assert no_claims_reason(ENGLISH_WITH_CYRILLIC) is None


@pytest.mark.parametrize("text", [UKRAINIAN, RUSSIAN])
def test_a_cyrillic_text_gives_no_claims(text: str) -> None:
    """Even with figures in it: the stages read English only."""
    claims = extract_claims(
        text,
        article_id="a1",
        publisher="example.com",
        published=dt.date(2024, 5, 3),
        fallback_date=dt.date(2024, 5, 3),
    )
    assert claims == []


def test_an_english_text_with_a_cyrillic_name_is_read() -> None:
    claims = extract_claims(
        ENGLISH_WITH_CYRILLIC,
        article_id="a1",
        publisher="example.com",
        published=dt.date(2024, 5, 3),
        fallback_date=dt.date(2024, 5, 3),
    )
    assert [(c.metric, c.value) for c in claims] == [("tanks", 14)]


@pytest.fixture
def articles(tmp_path: Path) -> dict[str, Path]:
    paths = {}
    for name, text in (("uk", UKRAINIAN), ("ru", RUSSIAN), ("en", ENGLISH_WITH_CYRILLIC)):
        paths[name] = tmp_path / f"{name}.txt"
        paths[name].write_text(text, encoding="utf-8")
    return paths


@pytest.mark.parametrize(("name", "note"), [("uk", UK_NOTE), ("ru", RU_NOTE)])
def test_extract_says_why_there_are_no_claims(cli, articles, name: str, note: str) -> None:
    """One stderr line, exit 0, and the reason in the JSON document."""
    result = cli("extract", str(articles[name]), "--json")
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines() == [note]
    document = json.loads(result.stdout)
    assert document["claims"] == []
    assert document["no_claims_reason"] == note.removeprefix("claims: note: no claims: ")


def test_extract_table_also_says_why(cli, articles) -> None:
    result = cli("extract", str(articles["uk"]))
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines() == [UK_NOTE]


def test_extract_of_several_articles_notes_each(cli, articles) -> None:
    """One line per article that can give no claims; the English one has no reason."""
    result = cli("extract", str(articles["uk"]), str(articles["ru"]), str(articles["en"]), "--json")
    assert result.exit_code == 0, result.output
    assert sorted(result.stderr.splitlines()) == sorted([UK_NOTE, RU_NOTE])
    documents = {Path(d["article"]["source"]).stem: d for d in json.loads(result.stdout)}
    assert "no_claims_reason" not in documents["en"]
    assert [c["value"] for c in documents["en"]["claims"]] == [14]


def test_extract_from_stdin(cli) -> None:
    result = cli("extract", "-", "--json", "--publisher", "example.com", input=RUSSIAN)
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines() == [RU_NOTE]
    assert json.loads(result.stdout)["no_claims_reason"].startswith("the text looks Russian")


def _recorded(tmp_path: Path) -> list[tuple[str, str]]:
    with sqlite3.connect(tmp_path / "claims.db") as conn:
        rows = conn.execute("SELECT type, data FROM events ORDER BY position").fetchall()
    return [(kind, data) for kind, data in rows]


@pytest.mark.parametrize(("name", "note"), [("uk", UK_NOTE), ("ru", RU_NOTE)])
def test_ingest_records_the_article_with_no_claims(
    cli, tmp_path: Path, articles, name: str, note: str
) -> None:
    """The article is recorded (0 claims), the reason is said on stderr and in --json."""
    result = cli("ingest", str(articles[name]), "--json", "--published", "2024-05-03")
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines() == [note]
    line = json.loads(result.stdout)
    assert (line["status"], line["claims"]) == ("new", 0)
    assert line["no_claims_reason"] == note.removeprefix("claims: note: no claims: ")
    recorded = _recorded(tmp_path)
    assert [kind for kind, _ in recorded] == ["article-recorded"]
    data = json.loads(recorded[0][1])
    assert data["claims"] == [] and data["text"] == articles[name].read_text(encoding="utf-8")


def test_ingest_summary_notes_each_and_records_all(cli, tmp_path: Path, articles) -> None:
    """Without --json: the usual summary on stdout, one note per Cyrillic article."""
    result = cli(
        "ingest",
        str(articles["uk"]),
        str(articles["ru"]),
        str(articles["en"]),
        "--published",
        "2024-05-03",
    )
    assert result.exit_code == 0, result.output
    assert sorted(result.stderr.splitlines()) == sorted([UK_NOTE, RU_NOTE])
    assert "3 article(s), 3 new" in result.stdout
    assert len(_recorded(tmp_path)) == 3


def test_ingest_of_an_english_article_has_no_reason(cli, articles) -> None:
    result = cli("ingest", str(articles["en"]), "--json", "--published", "2024-05-03")
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    line = json.loads(result.stdout)
    assert line["claims"] == 1 and "no_claims_reason" not in line
