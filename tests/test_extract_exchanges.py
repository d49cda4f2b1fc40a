"""Prisoner exchanges and the Russian MoD's wordings, in sentences written for these tests.

A return of prisoners is a `pow` claim whose subject is the side whose people were held (one
claim per side when each side returned the figure); one exchange is a window, a running total
("so far") cumulative. The Russian MoD's compound categories map to the taxonomy, and a
per-grouping breakdown counts what the figure before it counted. Each rule has a sentence it
reads and one it leaves alone; the figures are made up.
"""

from __future__ import annotations

import datetime as dt

import pytest

from events.claims import Claim
from tests.samples import extract_text

DAY = dt.date(2025, 3, 14)


def run(text: str) -> list[Claim]:
    return extract_text(text, published=DAY)


def found(text: str) -> set[tuple[str, str, int]]:
    return {(c.metric, c.subject, c.value) for c in run(text)}


EXCHANGES = [
    pytest.param(
        "On Thursday 132 Russian servicemen were returned from Ukrainian-controlled territory; in "
        "exchange, 132 Ukrainian prisoners of war were handed over, the Russian Defence Ministry "
        "said.",
        {("pow", "russia", 132), ("pow", "ukraine", 132)},
        id="one-claim-per-side-held",
    ),
    pytest.param(
        "Zelensky said each side released about 240 in the swap.",
        {("pow", "ukraine", 240), ("pow", "russia", 240)},
        id="each-side-released",
    ),
    pytest.param(
        "The two countries exchanged 61 prisoners from each side, officials said.",
        {("pow", "ukraine", 61), ("pow", "russia", 61)},
        id="n-from-each-side",
    ),
    pytest.param(
        "The president welcomed the return of some 140 Ukrainians from captivity.",
        {("pow", "ukraine", 140)},
        id="the-return-of",
    ),
    pytest.param(
        "Another 250 Ukrainian servicemen have returned to their homeland, Kyiv said.",
        {("pow", "ukraine", 250)},
        id="returned-to-their-homeland",
    ),
    pytest.param(
        "Ukraine brought home 87 defenders, the president said.",
        {("pow", "ukraine", 87)},
        id="brought-home-defenders",
    ),
    pytest.param(
        "Russia released 58 in the swap, the Ukrainian Defence Ministry said.",
        {("pow", "ukraine", 58)},
        id="release-verb-names-the-holder",
    ),
    pytest.param(
        "A total of 2,740 Ukrainian citizens have been returned from Russian captivity.",
        {("pow", "ukraine", 2740)},
        id="citizens-returned-from-captivity",
    ),
    pytest.param(
        "Moscow returned 64 Ukrainian defenders on Friday, while Kyiv handed over 64 Russian "
        "servicemen.",
        {("pow", "ukraine", 64), ("pow", "russia", 64)},
        id="a-side-returned-a-count-handed-over-is-no-floor",
    ),
    pytest.param(
        "Russia got 112 of its soldiers in exchange for 112 Ukrainian prisoners of war.",
        {("pow", "russia", 112), ("pow", "ukraine", 112)},
        id="in-exchange-for-a-count",
    ),
    pytest.param(
        "Russia received 47 of its soldiers from Kyiv in the swap, the ministry said.",
        {("pow", "russia", 47)},
        id="received-its-own",
    ),
    pytest.param(
        "Kyiv has brought back 3,912 people in 51 exchanges since the invasion, officials said.",
        {("pow", "ukraine", 3912)},
        id="brought-back-people",
    ),
    pytest.param(
        "Russia and Ukraine swapped 73 prisoners each on Monday.",
        {("pow", "ukraine", 73), ("pow", "russia", 73)},
        id="n-prisoners-each",
    ),
]

NOT_EXCHANGES = [
    pytest.param(
        "Russia sacrifices 350 soldiers in exchange for a square kilometre, the minister said.",
        id="in-exchange-for-land",
    ),
    pytest.param("The units exchanged fire for hours near the river.", id="exchanged-fire"),
    pytest.param("Ukraine returned 35 tanks to service after repairs.", id="tanks-returned"),
    pytest.param("Police released 22 people after questioning.", id="police-released-people"),
    pytest.param("The army returned 14 tanks to its reserve.", id="tanks-returned-to-reserve"),
    pytest.param(
        "Moscow returned 2,000 citizens from abroad on evacuation flights last year.",
        id="citizens-returned-from-abroad",
    ),
]


@pytest.mark.parametrize(("text", "expected"), EXCHANGES)
def test_exchange_is_pow_per_side_held(text: str, expected: set) -> None:
    assert found(text) == expected


@pytest.mark.parametrize("text", NOT_EXCHANGES)
def test_not_an_exchange_gives_no_prisoners(text: str) -> None:
    assert not [c for c in run(text) if c.metric == "pow"]


def test_one_exchange_is_a_window_and_a_running_total_cumulative() -> None:
    swap = run("Each side released 190 in Friday's exchange, the ministry said.")
    assert {c.period for c in swap} == {"window"}
    # compared with the others, it is still one exchange
    biggest = run(
        "Both sides said they had each swapped 210 prisoners in the largest swap since the "
        "war began."
    )
    assert {c.period for c in biggest} == {"window"}, biggest
    total = run("More than 2,900 have been returned so far, Zelensky said.")
    assert [(c.metric, c.subject, c.value, c.qualifier, c.period) for c in total] == [
        ("pow", "ukraine", 2900, "at_least", "cumulative")
    ]


MOD = "the Russian Defence Ministry said."
WORDINGS = [
    pytest.param(
        f"Its forces destroyed 388 tanks and other armoured combat vehicles, {MOD}",
        ("afv", 388),
        id="tanks-and-other-afv",
    ),
    pytest.param(
        f"The enemy lost 41 anti-aircraft missile systems, {MOD}",
        ("air_defense", 41),
        id="anti-aircraft-missile-systems",
    ),
    pytest.param(
        f"Forces destroyed 17 surface-to-air missile systems, {MOD}",
        ("air_defense", 17),
        id="surface-to-air-missile-systems",
    ),
    pytest.param(
        f"Strikes destroyed three Patriot launchers, {MOD}",
        ("air_defense", 3),
        id="named-system-launchers",
    ),
    pytest.param(
        f"Air defences shot down 11 HIMARS rockets, {MOD}",
        ("cruise_missiles", 11),
        id="himars-rockets-shot-down",
    ),
    pytest.param(
        f"Air defences intercepted 6 guided rockets, {MOD}",
        ("cruise_missiles", 6),
        id="guided-rockets-intercepted",
    ),
    pytest.param(
        f"Air defences shot down 4 guided aerial bombs, {MOD}",
        ("other", 4),
        id="guided-aerial-bombs",
    ),
    pytest.param(
        f"The enemy lost 29 combat vehicles of multiple launch rocket systems, {MOD}",
        ("mlrs", 29),
        id="mlrs-combat-vehicles",
    ),
    pytest.param(
        f"The enemy lost 14 pieces of specialised equipment, {MOD}",
        ("special_equipment", 14),
        id="specialised-equipment",
    ),
    pytest.param(
        f"The enemy's irreplaceable losses were 73 over the day, {MOD}",
        ("personnel", 73),
        id="irreplaceable-losses",
    ),
    pytest.param(
        f"More than 160 nationalists were killed, {MOD}",
        ("personnel", 160),
        id="nationalists-killed",
    ),
]

NOT_WORDINGS = [
    pytest.param(
        f"Ukraine fired 24 rockets at Belgorod, {MOD}",
        "cruise_missiles",
        id="rockets-fired-not-downed",
    ),
    pytest.param(
        "Russia lost 90 tanks and 140 armoured vehicles in the battle.",
        "afv",
        id="tanks-and-afv-counted-apart",
    ),
    pytest.param(
        f"The warehouse held 30 guided bombs before the war, {MOD}",
        "other",
        id="bombs-in-stock-not-lost",
    ),
]


@pytest.mark.parametrize(("text", "expected"), WORDINGS)
def test_mod_wording_maps_to_the_taxonomy(text: str, expected: tuple[str, int]) -> None:
    claims = run(text)
    assert [(c.metric, c.value) for c in claims] == [expected]
    assert claims[0].subject == "ukraine"


@pytest.mark.parametrize(("text", "metric"), NOT_WORDINGS)
def test_wording_not_read_as_that_metric(text: str, metric: str) -> None:
    assert (metric, 90) not in {(c.metric, c.value) for c in run(text)}
    if metric != "afv":
        assert not [c for c in run(text) if c.metric == metric]


def test_tanks_and_afv_counted_apart_stay_apart() -> None:
    assert found("Russia lost 90 tanks and 140 armoured vehicles in the battle.") == {
        ("tanks", "russia", 90),
        ("afv", "russia", 140),
    }


def test_per_grouping_breakdown_counts_what_it_breaks_down() -> None:
    text = (
        "Ukraine lost over 420 troops to the Vostok battlegroup over the past day, up to 175 "
        "in the area of the Centre group of forces and about 90 by the Dnepr grouping, " + MOD
    )
    assert {(c.metric, c.subject, c.value, c.qualifier) for c in run(text)} == {
        ("personnel", "ukraine", 420, "at_least"),
        ("personnel", "ukraine", 175, "at_most"),
        ("personnel", "ukraine", 90, "approx"),
    }


def test_enemy_of_the_mod_is_ukraine_and_a_listed_truck_counts() -> None:
    text = (
        "Units of the Centre group of forces improved their positions; the enemy lost up to "
        "370 servicemen, two tanks and a pickup truck, " + MOD
    )
    assert found(text) == {
        ("personnel", "ukraine", 370),
        ("tanks", "ukraine", 2),
        ("vehicles", "ukraine", 1),
    }


def test_grouping_without_a_figure_before_is_no_claim() -> None:
    assert not run("Police said 12 officers were seen by the special group.")


def test_a_total_within_one_exchange_is_still_a_window() -> None:
    claims = run("Officials said each side released a total of 305 combatants in the swap.")
    assert {(c.subject, c.value, c.period) for c in claims} == {
        ("ukraine", 305, "window"),
        ("russia", 305, "window"),
    }
    since = run("Ukraine has brought home 3,100 defenders in exchanges since the invasion.")
    assert [(c.metric, c.period) for c in since] == [("pow", "cumulative")]


def test_handed_over_is_no_floor() -> None:
    claims = run("Kyiv handed over 64 Russian servicemen in the swap, the ministry said.")
    assert [(c.value, c.qualifier, c.quote) for c in claims] == [
        (64, "exact", "64 Russian servicemen")
    ]
