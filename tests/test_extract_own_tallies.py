"""A side's tally of its own dead: soldiers "killed in Ukraine" are Russia's whoever counts
them (Moscow's own figure is not Ukraine's loss), and "the first update since March 2" says
how long the speaker was silent, not where a window starts: the tally is cumulative. Each
table is one family of real-text layouts, in our own words."""

from __future__ import annotations

import datetime as dt

import pytest

from ledger.ingest.explain import explain_claims

DAY = dt.date(2022, 3, 25)


def _claims(text: str) -> list[tuple[int, str, str, str, str]]:
    """(value, subject, why subject, period, why period) for each claim."""
    claims, fates = explain_claims(
        text, article_id="a", publisher="Daily Example", published=DAY, fallback_date=DAY
    )
    whys = [f.why for f in fates if f.fate == "claim"]
    return [
        (int(c.value), c.subject, w.get("subject", ""), c.period, w.get("period", ""))
        for c, w in zip(claims, whys, strict=True)
    ]


# Whoever speaks, soldiers killed or wounded in Ukraine, the place, are Russia's.
@pytest.mark.parametrize(
    "text",
    [
        "The Russian army said 1,200 servicemen had been killed in Ukraine.",
        "Russia's defence ministry said that 900 soldiers have died in Ukraine so far.",
        "The Kremlin said 700 troops were wounded in Ukraine.",
        "Moscow said 500 of its paratroopers were killed in action in Ukraine.",
    ],
)
def test_soldiers_killed_in_ukraine_are_russias(text: str) -> None:
    (claim,) = _claims(text)
    assert claim[1] == "russia"


# Not the place of the dead: Ukraine's army, or a figure with its own side named, stays as read.
@pytest.mark.parametrize(
    ("text", "subject"),
    [
        ("The Russian army said 1,200 soldiers had been killed in Ukraine's army.", "ukraine"),
        ("The Russian army said 1,200 Ukrainian soldiers had been killed.", "ukraine"),
        ("The Russian army said it had killed 1,200 soldiers near Bakhmut.", "ukraine"),
    ],
)
def test_other_figures_keep_their_side(text: str, subject: str) -> None:
    (claim,) = _claims(text)
    assert claim[1] == subject
    assert claim[2] != "died-in-ukraine"


# A speaker's own dead, named by a possessive before the figure: the speaker's side.
@pytest.mark.parametrize(
    ("text", "subject"),
    [
        (
            "The Russian defence ministry said in March that its fatalities numbered 1,351.",
            "russia",
        ),
        ("Kyiv said in December that their losses stood at 31,000 soldiers.", "ukraine"),
    ],
)
def test_a_speakers_own_dead_are_its_side(text: str, subject: str) -> None:
    (claim,) = _claims(text)
    assert claim[1] == subject


# "The first update since <day>": a tally, cumulative; a plain "since <day>" is a window.
@pytest.mark.parametrize(
    ("text", "period", "rule"),
    [
        (
            "The ministry said 1,351 Russian soldiers had died, in its first casualty update "
            "since March 2.",
            "cumulative",
            "update-since-day",
        ),
        (
            "Russia lost 1,351 soldiers, the latest official count since March 2 shows.",
            "cumulative",
            "update-since-day",
        ),
        ("Russia has lost 1,351 soldiers since March 2.", "window", "since-date"),
    ],
)
def test_the_first_update_since_a_day_is_a_tally(text: str, period: str, rule: str) -> None:
    (claim,) = _claims(text)
    assert claim[3:] == (period, rule)
