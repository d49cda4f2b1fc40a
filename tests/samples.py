"""Articles written for the tests, in our own words, with the figures of real reports, and
the one call the extraction tests make of them (`extract_text`)."""

from __future__ import annotations

import datetime as dt

from events.claims import Claim
from ledger.ingest.extract import extract_claims

# A day no test text gives: a claim dated with it was guessed, not read.
NO_DATE = dt.date(2030, 1, 1)


def extract_text(
    text: str,
    *,
    published: dt.date | None,
    publisher: str = "example.com",
    article_id: str = "a1",
    fallback_date: dt.date = NO_DATE,
) -> list[Claim]:
    """The claims `extract_claims` finds in a test text."""
    return extract_claims(
        text,
        article_id=article_id,
        publisher=publisher,
        published=published,
        fallback_date=fallback_date,
    )


WEEKLY = """Ministry: Russia lost about 4,000 soldiers in a week

by Test Wire news desk April 2, 2023 3:43 PM

Ukrainian forces killed nearly 4,000 Russian troops since March 27, First Deputy Defense \
Minister Oleksandr Pavliuk said on April 2.

The General Staff of Ukraine's Armed Forces reported earlier in the day that Russia had lost \
a total of 174,550 troops since the beginning of the full-scale invasion on Feb. 24, 2022.
"""

ROUNDED = """Ukraine: 60K Russian troops lost

On Tuesday, October 4 2022, the Ukrainian Army said its forces destroyed 44 Russian tanks in a \
single day.

That brings total Russian losses to almost 61,000 troops, with over 2,400 tanks destroyed in \
7 months of the war, the army said.
"""


# Words and marks that random test texts are made of (hypothesis draws from them): the
# pieces of loss sentences, lists, dates and page furniture.
TEXT_WORDS = [
    "Russia",
    "lost",
    "over",
    "1,000",
    "tanks",
    "between",
    "and",
    "-",
    "said",
    "the army",
    "\n",
    "(+",
    ")",
    "in a single day",
    ".",
    ",",
    "since",
    "March 27",
    "a",
    "submarine",
    "forty four",
    "News Feed",
    ":",
    "according to",
    "K",
    "2.4K",
    "—",
    "Feb.",
    "24,",
    "2022",
    "killed",
]


# A General Staff report as an outlet relays it (the review tests' article: five claims).
MAY = (
    "Russian losses near 196,000, Ukraine's General Staff says\n\n"
    "Kyiv, 10 May 2023. Ukraine's General Staff said on Wednesday that about 196,310 Russian "
    "troops had been killed or wounded since the full-scale invasion began, 690 of them over "
    "the past day. The military also listed 3,736 tanks, 7,275 armoured fighting vehicles and "
    "3,039 artillery systems destroyed.\n"
)
