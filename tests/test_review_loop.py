"""The interactive review loop, driven without a terminal: key sequences fed to `walk` as a
list against a real ledger, the screens it writes read back as text.

Imports: `cli.review_loop`, `cli.render_review_screen`, `ledger`; fixtures from conftest.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from cli.render_review_screen import MARK, Line, claim_screen
from cli.review_loop import Io, Outcome, field_named, parsed_value, walk
from ledger import NotFound, open_ledger
from tests.samples import MAY

NOVEMBER = (
    "After Kherson, the count goes on\n\n"
    "The General Staff of Ukraine's Armed Forces put Russia's losses at about 82,080 personnel "
    "on Tuesday, 15 November 2022. It said 2,861 tanks had been destroyed since 24 February.\n"
)
STATE = {"unreviewed": "u", "accepted": "a", "rejected": "r", "fixed": "f"}


@pytest.fixture
def db(cli: Any, tmp_path: Path) -> Path:
    """A ledger holding two ingested articles (five claims, then two), none reviewed."""
    for name, text, published in (("may", MAY, "2023-05-10"), ("nov", NOVEMBER, "2022-11-15")):
        (tmp_path / f"{name}.txt").write_text(text)
        args = ["ingest", f"{name}.txt", "--published", published]
        assert cli(*args, "--publisher", "Eastern Front Report").exit_code == 0
    return tmp_path / "claims.db"


class Feed:
    """A terminal made of a list: keys and lines are taken in order (an exception class is
    raised instead, as Ctrl-C raises KeyboardInterrupt); the end of the list is Ctrl-D."""

    def __init__(self, *inputs: str | type[BaseException]) -> None:
        self.inputs = list(inputs)
        self.lines: list[Line] = []
        self.io = Io(key=self.take, line=lambda prompt: self.take(), write=self.lines.extend)

    def take(self) -> str:
        if not self.inputs:
            raise EOFError
        given = self.inputs.pop(0)
        if isinstance(given, type):
            raise given()
        return given

    @property
    def text(self) -> str:
        return "\n".join("".join(text for text, _ in line) for line in self.lines)


def review(db: Path, *inputs: str | type[BaseException], **kw: Any) -> tuple[Outcome, Feed]:
    feed = Feed(*inputs)
    with open_ledger(db) as ledger:
        outcome = walk(ledger, feed.io, actor="ana", **kw)
    assert feed.inputs == [], "the loop stopped before its input did"
    return outcome, feed


def claims(db: Path) -> list[dict[str, Any]]:
    """Every extracted claim, in the order the loop walks them."""
    with open_ledger(db, readonly=True) as ledger:
        return [dict(i["claim"]) for i in ledger.review_queue(pending_only=False)]


def states(db: Path) -> str:
    return "".join(STATE[c["review"]] for c in claims(db))


@pytest.mark.parametrize(
    ("keys", "after", "ending"),
    [
        (["a", "q"], "auuuuuu", "quit"),
        (["A", "q"], "auuuuuu", "quit"),
        (["a", "a"], "aauuuuu", "quit"),  # the input ends: as Ctrl-D, a quit
        (["r", "a list, not a total", "q"], "ruuuuuu", "quit"),
        (["r", "  ", "a", "q"], "auuuuuu", "quit"),  # no reason: nothing rejected
        (["f", "value", "196320", "", "q"], "fuuuuuu", "quit"),
        (["f", "", "a", "q"], "auuuuuu", "quit"),  # no field: back to the keys
        (["s", "a", "q"], "uauuuuu", "quit"),
        (["n", "a", "q"], "uuuuuau", "quit"),
        (["n", "n"], "uuuuuuu", "done"),
        (["s", "s", "s", "s", "s", "a", "s"], "uuuuuau", "done"),
        (["?", "x", "\x1b[A", "a", "q"], "auuuuuu", "quit"),
        (["a"] * 7, "aaaaaaa", "done"),
        (["q"], "uuuuuuu", "quit"),
        (["a", KeyboardInterrupt], "auuuuuu", "interrupted"),
        (["r", KeyboardInterrupt], "uuuuuuu", "interrupted"),
    ],
)
def test_each_key_decides_or_moves_on(db: Path, keys: list[Any], after: str, ending: str) -> None:
    """Each decision is written when its key is pressed; skip, next article and quit write
    nothing; whatever ends the run, what was decided stays."""
    outcome, _ = review(db, *keys)
    assert states(db) == after
    assert outcome.ending == ending
    assert outcome.decided == sum(s != "u" for s in after)


def test_decisions_carry_the_actor_and_the_rejection_its_reason(db: Path, cli: Any) -> None:
    """Accept and reject are one claim-reviewed event each, with the reviewer's name."""
    review(db, "a", "r", "the 690 is a daily figure", "q")
    events = [json.loads(line) for line in cli("log", "--json").stdout.splitlines()][-2:]
    assert [(e["type"], e["actor"], e["data"]["verdict"]) for e in events] == [
        ("claim-reviewed", "ana", "accepted"),
        ("claim-reviewed", "ana", "rejected"),
    ]
    assert events[1]["data"]["reason"] == "the 690 is a daily figure"


def test_a_fix_is_a_review_correction_and_more_fields_can_follow(db: Path, cli: Any) -> None:
    """`f` asks a field and a value, writes a correction with the reason 'review', and asks
    for another field until an empty answer."""
    first = claims(db)[0]
    review(db, "f", "val", "196,320", "as-of", "2023-05-11", "", "q")
    fixed = claims(db)[0]
    assert (fixed["value"], fixed["as_of"], fixed["review"]) == (196320, "2023-05-11", "fixed")
    events = [json.loads(line) for line in cli("log", "--json").stdout.splitlines()][-2:]
    assert [(e["type"], e["data"]["reason"], e["data"]["changes"]) for e in events] == [
        ("claim-corrected", "review", {"value": 196320}),
        ("claim-corrected", "review", {"as_of": "2023-05-11"}),
    ]
    assert first["value"] != 196320


@pytest.mark.parametrize(
    ("field", "bad", "error", "good"),
    [
        ("value", "lots", "invalid correction: value: Input should be a valid integer", "196320"),
        (
            "value",
            "-5",
            "invalid correction: value: Input should be greater than or equal to 0",
            "0",
        ),
        (
            "as_of",
            "2023-02-30",
            "invalid correction: as_of: '2023-02-30' is not a calendar date",
            "2023-05-09",
        ),
        ("metric", "tank", "invalid correction: metric: Input should be 'personnel'", "tanks"),
        (
            "period_start",
            "2030-01-01",
            "invalid correction: period_start 2030-01-01 is after as_of",
            "2022-02-25",
        ),
        ("qualifier", "about", "invalid correction: qualifier: Input should be 'exact'", "exact"),
        ("colour", "value", "no field 'colour': give one of claimant, subject", "7"),
    ],
)
def test_a_bad_fix_says_why_and_asks_again(
    db: Path, cli: Any, field: str, bad: str, error: str, good: str
) -> None:
    """A value the claim cannot take (or a field it has not) prints the error line and the
    same question comes again; nothing is written until a good answer."""
    head = len(cli("log", "--json").stdout.splitlines())
    _, feed = review(db, "f", field, bad, good, "", "q")
    assert feed.text.count(f"error: {error}") == 1 and "Traceback" not in feed.text
    assert len(cli("log", "--json").stdout.splitlines()) == head + 1
    name = field_named(field) or field_named(bad)
    assert name is not None
    assert claims(db)[0][name] == parsed_value(name, good)


@pytest.mark.parametrize(
    ("text", "field"),
    [
        ("value", "value"),
        ("val", "value"),
        (" As-Of ", "as_of"),
        ("period", "period"),
        ("period_s", "period_start"),
        ("p", None),
        ("", None),
        ("colour", None),
    ],
)
def test_a_field_is_named_in_full_or_by_a_unique_prefix(text: str, field: str | None) -> None:
    assert field_named(text) == field


@pytest.mark.parametrize(
    ("field", "text", "value"),
    [
        ("value", "7,276", 7276),
        ("value", " 196 320 ", 196320),
        ("value", "-5", -5),
        ("value", "7,27,6", 7276),
        ("value", "lots", "lots"),
        ("metric", " tanks ", "tanks"),
    ],
)
def test_a_typed_figure_becomes_a_number(field: str, text: str, value: Any) -> None:
    assert parsed_value(field, text) == value


def test_the_screen_shows_progress_the_article_the_marked_figure_and_the_claim(db: Path) -> None:
    """The first screen: where the review stands, the article's title, publisher and date,
    the sentence with the quote marked, and every parsed field by the name `f` takes."""
    first = claims(db)[0]
    _, feed = review(db, "q")
    lines = feed.text.splitlines()
    assert "0 of 7 reviewed · article 1 of 2 · claim 1 of 5 in it" in feed.text
    assert "Russian losses near 196,000, Ukraine's General Staff says" in lines
    assert "Eastern Front Report · 2023-05-10" in lines
    marked = [text for line in feed.lines for text, style in line if style == MARK]
    assert marked == [first["quote"]]
    with open_ledger(db, readonly=True) as ledger:
        item = ledger.review_queue()[0]
    assert item["sentence"] is not None and len(item["sentence"]) > len(first["quote"])
    assert f"  {item['sentence']}" in lines
    for field in ("claimant", "subject", "metric", "qualifier", "period", "as_of"):
        assert any(line.split() == [field, *str(first[field]).split()] for line in lines), field
    assert any(line.split() == ["value", f"~{first['value']:,}"] for line in lines)


@pytest.mark.parametrize(
    ("published", "sentence", "shown"),
    [
        (None, None, "undated"),
        ("2023-05-10", None, "2023-05-10"),
    ],
)
def test_an_undated_article_and_a_claim_without_its_sentence(
    published: str | None, sentence: str | None, shown: str
) -> None:
    """No date says 'undated'; no recorded sentence shows the quote itself, marked."""
    claim = {
        "claim_id": "c_x",
        "claimant": "Oryx",
        "subject": "russia",
        "metric": "tanks",
        "value": 2000,
        "qualifier": "at_least",
        "period": "cumulative",
        "period_start": None,
        "as_of": "2023-05-10",
        "quote": "more than 2,000 tanks",
    }
    article = {"article_id": "a_x", "title": "T", "publisher": None, "published": published}
    item = {"claim": claim, "article": article, "sentence": sentence, "mark": None}
    screen = claim_screen(item, reviewed=0, total=1, article=(1, 1), claim=(1, 1))
    texts = ["".join(t for t, _ in line) for line in screen]
    assert shown in texts
    assert [t for line in screen for t, s in line if s == MARK] == [claim["quote"]]
    assert any(t.split() == ["value", ">=2,000"] for t in texts)


def test_a_second_run_resumes_at_the_first_unreviewed_claim(db: Path) -> None:
    """Quitting keeps every decision; the next run starts at the first claim left, skipped
    ones included, and counts what is already reviewed."""
    order = [c["claim_id"] for c in claims(db)]
    _, first = review(db, "a", "s", "a", "q")
    assert f"1 of 7 reviewed · article 1 of 2 · claim 3 of 5 in it · {order[2]}" in first.text
    assert "2 of 7 extracted claims reviewed; 5 left" in first.text
    assert "run `claims review` to go on from the first unreviewed claim" in first.text
    assert "claim; the 1 skipped this run comes back too" in first.text
    _, second = review(db, "q")
    assert f"2 of 7 reviewed · article 1 of 2 · claim 1 of 3 in it · {order[1]}" in second.text
    review(db, "a", "a", "a", "a", "a")
    assert states(db) == "aaaaaaa"


def test_the_end_says_all_reviewed_or_how_many_are_left(db: Path) -> None:
    """A pass that decides everything ends with "all N extracted claims reviewed"; a run
    with nothing to review says so."""
    _, done = review(db, *["a"] * 7)
    assert done.text.splitlines()[-1] == "all 7 extracted claims reviewed"
    _, again = review(db)
    assert again.text.splitlines() == [
        "nothing to review in this ledger",
        done.text.splitlines()[-1],
    ]


def test_article_restricts_the_loop_to_one_article(db: Path) -> None:
    """`--article` walks that article's claims only, and its resume hint names it."""
    article = claims(db)[-1]["article_id"]
    _, feed = review(db, "a", "q", article_id=article)
    assert states(db) == "uuuuuau"
    assert "article 1 of 1 · claim 1 of 2 in it" in feed.text
    assert f"run `claims review --article {article}` to go on" in feed.text
    with pytest.raises(NotFound, match="no article a_nope"):
        review(db, article_id="a_nope")


def test_an_empty_ledger_has_nothing_to_review(ledger: Any) -> None:
    """No extracted claim: the loop shows no screen and says where claims come from."""
    feed = Feed()
    assert walk(ledger, feed.io).ending == "done"
    assert feed.text.splitlines() == [
        "nothing to review in this ledger",
        "no extracted claims yet: ingest articles first",
    ]
