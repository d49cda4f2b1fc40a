"""Claimants named far from their figures: the outlet is the claimant only when the article
names nobody else, so a figure told paragraphs after its source was named keeps that source.
Each table is one family of real-text layouts, in our own words."""

from __future__ import annotations

import datetime as dt

import pytest

from ledger.ingest.explain import explain_claims
from ledger.ingest.extract import extract_claims

PUBLISHER = "Daily Example"
GS = "General Staff of the Armed Forces of Ukraine"
UA_MOD = "Ministry of Defence of Ukraine"
UK = "UK Defence Intelligence"


def _run(text: str) -> list[tuple[int, str, str]]:
    """(value, claimant, why) for each claim, in the text's order."""
    day = dt.date(2024, 5, 6)
    claims = extract_claims(
        text, article_id="a", publisher=PUBLISHER, published=day, fallback_date=day
    )
    _, fates = explain_claims(
        text, article_id="a", publisher=PUBLISHER, published=day, fallback_date=day
    )
    whys = [f.why.get("claimant", "") for f in fates if f.fate == "claim"]
    return [(int(c.value), c.claimant, w) for c, w in zip(claims, whys, strict=True)]


# The source was named three or more paragraphs before the figure; the paragraphs in between
# (a photo caption, a note that the outlet asked for comment, background) name nobody.
@pytest.mark.parametrize(
    ("text", "value", "claimant"),
    [
        (
            "The General Staff said Russia lost 1,100 soldiers on Monday.\n\n"
            "Residents of the town were evacuated.\n\n"
            "A photo shows a damaged bridge.\n\n"
            "The Daily Example asked both sides for comment.\n\n"
            "The most soldiers Russia lost in a single day was 1,700, in May.",
            1700,
            GS,
        ),
        (
            "According to Ukraine's defence ministry, Russia lost 30 tanks this week.\n\n"
            "The front has barely moved since the spring.\n\n"
            "Heavy rain has slowed both armies.\n\n"
            "Analysts expect a new offensive soon.\n\n"
            "In April the toll was 25 tanks.",
            25,
            UA_MOD,
        ),
        (
            "British intelligence said Russia lost 1,200 soldiers a day in November.\n\n"
            "Moscow did not comment.\n\n"
            "The winter is expected to be hard.\n\n"
            "Its update also looked back at the first year.\n\n"
            "In that year the average daily Russian losses ranged from 170 to 560.",
            170,
            UK,
        ),
    ],
)
def test_a_source_named_paragraphs_before_keeps_its_figures(
    text: str, value: int, claimant: str
) -> None:
    found = {v: (who, why) for v, who, why in _run(text)}
    assert found[value] == (claimant, "article-carry")


# Nobody is named before the figure: the outlet speaks, as before.
@pytest.mark.parametrize(
    "text",
    [
        "Russia lost 40 tanks.",
        "Russia lost 40 tanks near the river.\n\nThe fighting went on.\n\nA.\n\nB.\n\n"
        "It lost 9 jets in all.",
    ],
)
def test_with_nobody_named_the_publisher_speaks(text: str) -> None:
    assert {(who, why) for _, who, why in _run(text)} == {(PUBLISHER, "publisher-fallback")}


# '"...," said <a person>.' names who speaks for the quotation's next sentences, however
# unknown the person; an earlier paragraph's source does not carry over it.
@pytest.mark.parametrize(
    ("text", "claimant"),
    [
        (
            'Officials in London said 7,000 Russian soldiers were killed.\n\n"We have had '
            'losses," said General Ivan Petrov. "To date, 1,351 servicemen have died."',
            "Ivan Petrov",
        ),
        (
            "The Pentagon said Russia had lost 4,000 tanks.\n\n“It was hard,” said Col. Anna "
            "Lind, using the army's phrase. “So far 300 of our soldiers were wounded.”",
            "Anna Lind",
        ),
    ],
)
def test_a_person_named_after_a_quote_speaks_on(text: str, claimant: str) -> None:
    assert _run(text)[-1][1:] == (claimant, "paragraph-carry")
