"""`claims extract --explain`: what became of each number of a text, and the rules that decided.

The explanation is of the very extraction `extract_claims` runs: the same claims, each one
number's fate, every number of the text accounted for."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from ledger.ingest.explain import FATES, FIELDS, Fate, explain_claims
from ledger.ingest.extract import extract_claims
from ledger.ingest.numbers import find_numbers
from tests.samples import TEXT_WORDS

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
_ARGS: dict[str, Any] = {
    "article_id": "a_test",
    "publisher": "Test Wire",
    "published": dt.date(2023, 4, 2),
    "fallback_date": dt.date(2023, 4, 2),
}


def fates(text: str) -> list[Fate]:
    return explain_claims(text, **_ARGS)[1]


def fate_of(text: str, surface: str) -> Fate:
    found = [f for f in fates(text) if f.surface == surface]
    assert len(found) == 1, (surface, fates(text))
    return found[0]


@pytest.mark.parametrize(
    ("text", "surface", "fate", "rule"),
    [
        ("The General Staff said Russia had lost 174,550 troops.", "174,550", "claim", None),
        ("Analysts say Russia will lose 50 tanks by spring.", "50", "dropped", "forecast"),
        ("The ministry denied that it had lost 12 helicopters.", "12", "dropped", "negated"),
        ("The strike killed 12 people, most of them civilians.", "12", "dropped", "civilians"),
        ("Some 300 troops on both sides were killed.", "300", "dropped", "both-sides"),
        (
            "Russia lost tanks; the US delivered 31 tanks to Kyiv.",
            "31",
            "dropped",
            "non-loss-clause",
        ),
        ("The city has 12 bridges and a river.", "12", "not-a-figure", "no-loss-words"),
        # a loss list by its shape speaks of losses: an unknown row lacks a metric noun
        (
            "Tanks: 7,504 (+12)\nVampires: 300 (+4)\nDrones: 10,100 (+25)",
            "300",
            "not-a-figure",
            "no-metric-noun",
        ),
        ("Russia had lost 174,550 troops since Feb. 24, 2022.", "2022", "not-a-figure", None),
        ("Russia lost 40 tanks. It lost 40 tanks, the army said.", "40", "claim", None),
        # a range's low end written without its magnitude is the claim it became
        ("Kyiv said Russia lost two or three thousand tanks.", "two", "claim", None),
        ("Kyiv said Russia lost 50-70 000 troops.", "50", "claim", None),
    ],
)
def test_each_number_has_its_fate(text: str, surface: str, fate: str, rule: str | None) -> None:
    found = [f for f in fates(text) if f.surface == surface]
    assert found and found[0].fate == fate, found
    if rule is not None:
        assert found[0].rule == rule


def test_a_restated_figure_is_merged_into_the_first() -> None:
    text = "Russia lost 40 tanks in a day.\n\nRussia lost 40 tanks in a day, the army said."
    got = [f.fate for f in fates(text) if f.surface == "40"]
    assert got == ["claim", "merged"]


def test_a_year_is_not_a_count() -> None:
    assert fate_of("Russia had lost 174,550 troops since Feb. 24, 2022.", "2022").rule == (
        "not-a-count"
    )


def test_a_claims_fate_names_its_claim_and_a_rule_for_each_field() -> None:
    text = "The General Staff said Russia had lost 174,550 troops."
    claims, numbers = explain_claims(text, **_ARGS)
    (claim,) = claims
    (fate,) = [f for f in numbers if f.fate == "claim"]
    assert fate.claim_id == claim.claim_id
    assert set(fate.why) == {*FIELDS, "basis"}  # a personnel figure says what it counts
    assert fate.why["basis"] == "claimant-defines-losses"


def test_a_text_it_cannot_read_explains_nothing() -> None:
    assert explain_claims("Росія втратила 100 танків за добу, повідомив Генштаб.", **_ARGS) == (
        [],
        [],
    )


@settings(max_examples=200, deadline=None)
@given(
    st.one_of(
        st.text(),
        st.lists(st.sampled_from([*TEXT_WORDS, "will", "civilians", "sent"]), max_size=40).map(
            " ".join
        ),
    )
)
@example("0 0A KILLED")  # two numbers of one value in one quote: one claim, one fate
def test_explaining_changes_nothing_and_accounts_for_every_number(text: str) -> None:
    """The claims are `extract_claims`' own; each number has one known fate; each claim is the
    fate of exactly one number."""
    claims, numbers = explain_claims(text, **_ARGS)
    assert claims == extract_claims(text, **_ARGS)
    if numbers:
        assert [(f.start, f.end) for f in numbers] == [(n.start, n.end) for n in find_numbers(text)]
    assert all(f.fate in FATES for f in numbers)
    named = [f.claim_id for f in numbers if f.fate == "claim"]
    assert len(named) == len(set(named))
    assert set(named) <= {c.claim_id for c in claims}


@pytest.mark.parametrize("example", sorted(p.name for p in EXAMPLES.glob("*.txt")))
def test_every_example_explains_every_claim(example: str) -> None:
    """Each example article: every claim is the fate of one of its numbers."""
    text = (EXAMPLES / example).read_text(encoding="utf-8")
    claims, numbers = explain_claims(text, **_ARGS)
    assert claims
    explained = {f.claim_id for f in numbers if f.fate == "claim"}
    assert explained == {c.claim_id for c in claims}


def test_cli_explain_prints_each_number(cli: Callable[..., Any], tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text(
        "Russia lost 40 tanks on Monday, the army said. Russia will lose 50 tanks.\n",
        encoding="utf-8",
    )
    result = cli("extract", str(article), "--published", "2023-04-02", "--explain")
    assert result.exit_code == 0, result.output
    assert "numbers in" in result.output and "forecast" in result.output


def test_cli_explain_json_gives_each_numbers_fate(cli: Callable[..., Any], tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text("Russia lost 40 tanks. Russia will lose 50 tanks.\n", encoding="utf-8")
    result = cli("extract", str(article), "--explain", "--json")
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    by_number = {n["number"]: n for n in doc["numbers"]}
    assert by_number["40"]["fate"] == "claim"
    assert by_number["40"]["claim_id"] == doc["claims"][0]["claim_id"]
    assert by_number["50"] == {**by_number["50"], "fate": "dropped", "rule": "forecast"}


def test_cli_without_explain_gives_no_numbers(cli: Callable[..., Any], tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text("Russia lost 40 tanks.\n", encoding="utf-8")
    result = cli("extract", str(article), "--json")
    assert "numbers" not in json.loads(result.stdout)


@pytest.mark.parametrize(
    "example", sorted(p.name for p in EXAMPLES.iterdir() if p.suffix in (".md", ".html", ".json"))
)
def test_every_example_explains_through_the_cli(cli: Callable[..., Any], example: str) -> None:
    """Every example article, whatever its format: `extract --explain --json` accounts for each
    of its claims as the fate of one of its numbers."""
    result = cli("extract", str(EXAMPLES / example), "--explain", "--json")
    assert result.exit_code == 0, result.output
    out = json.loads(result.stdout)
    for doc in out if isinstance(out, list) else [out]:
        assert doc["claims"]
        explained = {n["claim_id"] for n in doc["numbers"] if n["fate"] == "claim"}
        assert explained == {c["claim_id"] for c in doc["claims"]}
