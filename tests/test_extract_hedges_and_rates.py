"""Round two of issue 13's general cases: a hedge separated from its number by a verb of
reaching a mark ("nearly reached"), and a number that is one side of a rate ("one-for-one")
rather than a count. The sentences are written for these tests."""

from __future__ import annotations

import datetime as dt

import pytest

from ledger.ingest.extract import extract_claims

PUB = dt.date(2024, 5, 6)


def claims(text: str) -> list[tuple[str, int, str]]:
    """(metric, value, qualifier) of each claim, in text order."""
    found = extract_claims(
        text,
        article_id="t1",
        publisher="Example Wire",
        published=PUB,
        fallback_date=dt.date(2024, 1, 1),
    )
    return [(c.metric, c.value, c.qualifier) for c in found]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Kyiv's General Staff said the Russian toll had nearly reached 610,000 soldiers.",
            ("personnel", 610000, "approx"),
        ),
        (
            "Russian tank losses have almost hit 8,000, according to the General Staff.",
            ("tanks", 8000, "approx"),
        ),
        (
            "The General Staff said destroyed Russian artillery had nearly topped the 20,000 "
            "systems mark.",
            ("artillery", 20000, "approx"),
        ),
        (
            "Russian casualties almost totalled 31,000 troops in April, the General Staff said.",
            ("personnel", 31000, "approx"),
        ),
        # without the hedge the verb keeps its own reading
        (
            "Russian tank losses have topped 8,000, according to the General Staff.",
            ("tanks", 8000, "at_least"),
        ),
        (
            "Kyiv's General Staff said the Russian toll had reached 610,000 soldiers.",
            ("personnel", 610000, "exact"),
        ),
    ],
)
def test_a_hedge_before_a_verb_of_reaching_makes_the_number_rough(
    text: str, expected: tuple[str, int, str]
) -> None:
    assert claims(text) == [expected]


@pytest.mark.parametrize(
    "text",
    [
        "Kyiv and Moscow swapped prisoners of war one-for-one on Sunday, the ombudsman said.",
        "Officials said the prisoners were exchanged on a one-to-one basis after the talks.",
        "Moscow had demanded a two-for-one exchange of prisoners of war, Kyiv said.",
    ],
)
def test_a_number_that_is_one_side_of_a_rate_is_no_count(text: str) -> None:
    assert claims(text) == []


def test_a_count_beside_a_rate_is_still_a_count() -> None:
    text = (
        "In a one-for-one swap on Sunday, Ukraine brought home 84 prisoners of war, "
        "the ombudsman said."
    )
    assert claims(text) == [("pow", 84, "exact")]


@pytest.mark.parametrize(
    "text",
    [
        "The two sides exchanged prisoners on Friday, the Ukrainian ombudsman said.",
        "Both countries have swapped prisoners in four rounds since the spring, Kyiv said.",
    ],
)
def test_a_number_counting_the_noun_after_it_is_no_loss(text: str) -> None:
    assert claims(text) == []


def test_a_hyphenated_name_after_a_count_is_not_a_rate() -> None:
    text = "Ukraine's General Staff said Russia had lost 412 surface-to-air missile systems."
    assert claims(text) == [("air_defense", 412, "exact")]


def periods(text: str) -> list[tuple[int, str]]:
    """(value, period) of each claim, in text order."""
    found = extract_claims(
        text,
        article_id="t1",
        publisher="Example Wire",
        published=PUB,
        fallback_date=dt.date(2024, 1, 1),
    )
    return [(c.value, c.period) for c in found]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Moscow lost 980 soldiers over the past day and a total of 498,300, the General "
            "Staff in Kyiv said.",
            [(980, "window"), (498300, "cumulative")],
        ),
        (
            "The General Staff in Kyiv said Russia lost 31 artillery systems in the last 24 "
            "hours and 14,200 artillery systems since the invasion began.",
            [(31, "window"), (14200, "cumulative")],
        ),
        # no total cue after the joint: the list's second item keeps the first one's window
        (
            "The General Staff in Kyiv said Russia lost 980 soldiers and 12 tanks over the past "
            "day.",
            [(980, "window"), (12, "window")],
        ),
    ],
)
def test_a_total_after_a_window_in_a_list_is_cumulative(
    text: str, expected: list[tuple[int, str]]
) -> None:
    assert periods(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the second item's noun elided after a time phrase the pattern now knows
        (
            "Kyiv's General Staff said Moscow lost 870 soldiers over the past day and 544,000 "
            "since the invasion began.",
            [(870, "window"), (544000, "cumulative")],
        ),
        (
            "Ukraine's air force said it downed 61 drones overnight and 18 during the morning.",
            [(61, "window"), (18, "window")],
        ),
        # the second item's time told before its number: "..., and in May 9,900"
        (
            "Kyiv's General Staff said Moscow lost 8,400 soldiers in April, and in May 9,900.",
            [(8400, "window"), (9900, "window")],
        ),
    ],
)
def test_the_second_item_of_a_pair_counts_what_the_first_does(
    text: str, expected: list[tuple[int, str]]
) -> None:
    assert periods(text) == expected


def test_a_pair_with_another_noun_after_the_joint_is_not_coordinated() -> None:
    text = "Kyiv's General Staff said Moscow lost 870 soldiers on Monday and in 3 villages."
    assert periods(text) == [(870, "window")]


def claimants(text: str) -> list[str | None]:
    """The claimant of each claim, in text order."""
    found = extract_claims(
        text,
        article_id="t1",
        publisher="Example Wire",
        published=PUB,
        fallback_date=dt.date(2024, 1, 1),
    )
    return [c.claimant for c in found]


STAFF = "General Staff of the Armed Forces of Ukraine"


@pytest.mark.parametrize(
    "text",
    [
        "Moscow lost 27,000 soldiers in June, according to figures from Ukraine's General Staff "
        "cited by the Kyiv Post.",
        "Moscow lost 27,000 soldiers in June, according to Ukraine's General Staff, as quoted by "
        "Reuters.",
        "Moscow lost 27,000 soldiers in June, according to the General Staff in Kyiv relayed by "
        "state television.",
    ],
)
def test_an_outlet_passing_figures_on_is_not_their_claimant(text: str) -> None:
    assert claimants(text) == [STAFF]
