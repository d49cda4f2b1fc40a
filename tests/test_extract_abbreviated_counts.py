"""Counts written with an abbreviation's point, as translated briefings keep it ("25 thousand.
were killed", "120,000. killed"): the point is no sentence end when the sentence goes on
in lower case; quotes are still cut from the text as written. In our own words."""

from __future__ import annotations

import datetime as dt

import pytest

from ledger.ingest.extract import extract_claims

DAY = dt.date(2023, 9, 20)


def _values(text: str) -> list[int]:
    claims = extract_claims(
        text, article_id="a", publisher="Daily Example", published=DAY, fallback_date=DAY
    )
    for c in claims:  # every quote is the text's own words, point and all
        assert c.quote == text[c.span[0] : c.span[1]]
    return sorted(int(c.value) for c in claims)


@pytest.mark.parametrize(
    ("text", "values"),
    [
        (
            "Officials said Russia had lost 70,000 soldiers, of which 20 thousand. were killed.",
            [20000, 70000],
        ),
        ("Officials said Russia lost 90,000 troops, including 30,000. killed.", [30000, 90000]),
        ("Officials said Russia lost 1.5 million. soldiers in all.", [1500000]),
    ],
)
def test_a_counts_point_does_not_end_its_sentence(text: str, values: list[int]) -> None:
    assert _values(text) == values


# A real sentence end after a count (a capital follows) still ends the sentence.
def test_a_full_stop_before_a_capital_still_ends_the_sentence() -> None:
    text = "Officials said Russia lost 400 tanks. Killed were 9,000 men, they said."
    assert _values(text) == [400, 9000]
