"""Which numbers become claims, with what metric, subject and qualifier: the families of
issue 13 (sides named around a figure, shoot-downs, breakdowns, ranges, traps), each a table
of sentences written for these tests, and the rules that decide each field (`Reading.why`)."""

from __future__ import annotations

import datetime as dt

import pytest

from ledger.ingest.extract import extract_claims, find_readings, read_document
from ledger.ingest.filters import drop_rule
from ledger.ingest.numbers import find_numbers
from ledger.ingest.reading import decide
from ledger.ingest.subjects import decide_subjects

PUB = dt.date(2024, 5, 6)


def claims(text: str) -> list[tuple[str, str, int, str]]:
    """(subject, metric, value, qualifier) of each claim, in text order."""
    found = extract_claims(
        text,
        article_id="t1",
        publisher="Example Wire",
        published=PUB,
        fallback_date=dt.date(2024, 1, 1),
    )
    return [(c.subject, c.metric, c.value, c.qualifier) for c in found]


def values(text: str) -> list[int]:
    return [v for _, _, v, _ in claims(text)]


def decided(text: str) -> list[dict[str, str]]:
    """The `why` of each figure kept, after subjects (before attribution)."""
    doc = read_document(text, publisher="Example Wire", published=PUB, fallback=PUB)
    kept = [c for c in find_readings(doc) if drop_rule(doc.text, doc.sentences, c) is None]
    return [dict(c.why) for c in decide(kept, decide_subjects(doc, kept))]


# --- whose losses: sides named around the figure -------------------------------------------


@pytest.mark.parametrize(
    ("text", "subject"),
    [
        # a side that is the object of a verb or a preposition did not lose
        ("The Ukrainian army fighting Russia has lost 12,000 men since May.", "ukraine"),
        ("The war against Ukraine caused heavy losses (about 300 tanks were lost).", "russia"),
        # a side's noun described by a participle lost them
        ("By then the number of Russian soldiers killed exceeded 40,000.", "russia"),
        # a possessive pointing back to the country named before
        ("Kyiv's president said his country had lost about 31,000 troops.", "ukraine"),
        ("It was a bad month for the Russian army in Donbas: 900 of its soldiers died.", "russia"),
        # a side named right after the figure
        ("The report counted 60,000 killed on the Ukrainian side.", "ukraine"),
        ('"On the Russian side, 5,000 soldiers were lost," the analyst wrote.', "russia"),
        # an aside between the side and its verb
        (
            "Analysts estimated that Ukraine, with its smaller army, had suffered 90,000 "
            "casualties.",
            "ukraine",
        ),
        # the abbreviation after a side's name does not hide it
        (
            "The Armed Forces of Ukraine (AFU) have suffered losses of some 2,000 soldiers.",
            "ukraine",
        ),
    ],
)
def test_the_side_named_around_a_figure_is_its_subject(text: str, subject: str) -> None:
    assert claims(text)[0][0] == subject


def test_the_paragraph_carries_a_side_to_a_sentence_that_names_none() -> None:
    text = (
        "Ukraine has also taken heavy losses. Its president said 20,000 had been killed and "
        "90,000 wounded. An official later told reporters that 25,000 had been killed."
    )
    assert [s for s, *_ in claims(text)] == ["ukraine", "ukraine", "ukraine"]
    assert decided(text)[0]["subject"] == "paragraph-side-before"
    assert decided(text)[2]["subject"] == "paragraph-figure-before"


def test_others_are_on_the_side_of_the_figure_before() -> None:
    text = (
        "About 20,000 Ukrainian soldiers have died. The president said 100,000 others were injured."
    )
    assert [s for s, *_ in claims(text)] == ["ukraine", "ukraine"]


@pytest.mark.parametrize(
    "text",
    [
        '"We are losing 50 to 80 soldiers a day," the president of Ukraine said.',
        'The Ukrainian president said: "Our losses so far are 19,000 dead."',
    ],
)
def test_the_speakers_own_losses_are_the_speakers_side(text: str) -> None:
    assert {s for s, *_ in claims(text)} == {"ukraine"}


# --- metrics: the nouns a figure counts ----------------------------------------------------


@pytest.mark.parametrize(
    ("text", "metric", "value"),
    [
        ("Russian losses amounted to roughly 30,000 in the last month.", "personnel", 30000),
        ("Kyiv estimated enemy losses at 410,000.", "personnel", 410000),
        ("Officials said more than 180 combat vehicles were lost.", "afv", 180),
        ("Forces destroyed three High Mobility Artillery Rocket Systems.", "mlrs", 3),
        ("Russia said it destroyed two Patriot defense missile launchers.", "air_defense", 2),
        ("Air defences shot down four Army Tactical Missile Systems.", "cruise_missiles", 4),
        ("Two generals and 17 colonels were among the dead.", "personnel", 17),
        ("In March the Ukrainian death toll was put at about 1 lakh.", "personnel", 100000),
        ("Russia suffered losses amounting to 1,340 individuals that day.", "personnel", 1340),
        ("Two Russian military helicopters crashed near the border.", "helicopters", 2),
        ('Officials said Russia had lost "three thousand" armoured vehicles.', "afv", 3000),
        ("Kyiv said Russia had lost 640 pieces of armor since June.", "afv", 640),
        ("Russia said Ukraine had lost about 1,900 pieces of weaponry.", "equipment_total", 1900),
        (
            "Air defences intercepted 42 HIMARS multiple launch rocket system rockets.",
            "cruise_missiles",
            42,
        ),
        ('Air defences destroyed 38 "air targets" overnight, the air force said.', "other", 38),
        (
            "Russia said Ukraine lost up to 180 military in the Kupiansk direction.",
            "personnel",
            180,
        ),
        # prisoners of war, however written; a unit's ordinal is no figure of the clause
        ("Ukraine took 86 Russian soldiers as prisoners-of-war near Sudzha.", "pow", 86),
        ("Kyiv said it had taken 57 Russian soldiers captive in the raid.", "pow", 57),
        (
            "Thirty servicemen of the 41st separate brigade of the Ukrainian army surrendered, "
            "Moscow said.",
            "pow",
            30,
        ),
        ("The confirmed death toll of the Russian army now approaches 90,000.", "personnel", 90000),
        ("Air defences shot down three Su-30 multi-purpose fighters, Kyiv said.", "aircraft", 3),
    ],
)
def test_metric_nouns(text: str, metric: str, value: int) -> None:
    assert any(m == metric and v == value for _, m, v, _ in claims(text)), claims(text)


def test_a_day_average_of_tanks_and_other_weapons_is_equipment() -> None:
    text = "Russian forces lost 21 tanks, fighting vehicles and other heavy weapons a day."
    assert [(m, v) for _, m, v, _ in claims(text)] == [("equipment_total", 21)]


def test_a_noun_and_its_rule_are_explained() -> None:
    text = "Ukraine said Russia lost more than 40 tanks and a helicopter."
    why = decided(text)
    assert why[0] == {
        "metric": "metric-noun-after",
        "qualifier": "at-least-word-before",
        "subject": "side-lost",
    }
    assert why[1]["metric"] == "article-one"


# --- breakdowns ----------------------------------------------------------------------------


def test_a_breakdown_by_place_in_brackets() -> None:
    text = "The confirmed dead came mostly from Tuva (310 people), Altai (204) and Perm (198)."
    assert values(text) == [310, 204, 198]
    assert decided(text)[1]["metric"] == "place-count"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a place named with its kind ("region") before its bracket
        (
            "Most of the dead came from Dagestan (4 210 people) and Sverdlovsk region "
            "(3 050 people).",
            [4210, 3050],
        ),
    ],
)
def test_breakdowns_by_place(text: str, expected: list[int]) -> None:
    assert values(text) == expected


def test_a_part_told_by_what_they_were() -> None:
    text = "Of the 4,200 servicemen killed, 630 (15%) were officers."
    assert values(text) == [4200, 630]


def test_a_share_of_an_air_tally_by_territory_after_a_dash() -> None:
    text = (
        "Air defences destroyed 31 drones overnight: 17 over the Kursk Region, nine - over the "
        "territory of the Oryol Region, five - over the territory of the Tula Region."
    )
    assert values(text) == [31, 17, 9, 5]


def test_air_targets_intercepted_are_the_nights_tally() -> None:
    text = "Air defences intercepted 31 aerial targets, including nine cruise missiles."
    found = extract_claims(text, article_id="t", publisher="W", published=PUB, fallback_date=PUB)
    assert [(c.metric, c.value, c.period) for c in found] == [
        ("other", 31, "window"),
        ("cruise_missiles", 9, "window"),
    ]


def test_bare_figures_told_for_months_count_what_the_figure_before_counted() -> None:
    text = (
        "March saw the most tank losses, with 390 tanks destroyed. The losses fell later but "
        "stayed high, with figures like 310 in April and 240 in May."
    )
    assert claims(text)[1:] == [
        ("russia", "tanks", 310, "exact"),
        ("russia", "tanks", 240, "exact"),
    ]


def test_each_share_of_an_air_tally_is_its_own_claim_even_with_the_same_value() -> None:
    text = (
        "Air defences destroyed 30 drones overnight: eight over the Kursk Region, another "
        "eight over the Oryol Region and two over Tula."
    )
    assert values(text) == [30, 8, 8, 2]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The ministry said 14 drones were shot down over Belgorod and three each over "
            "Kursk and Voronezh.",
            [14, 3, 3],
        ),
        (
            "Air defences destroyed 20 drones: eleven over the Belgorod region and three each "
            "over Bryansk, Kursk and the Oryol region.",
            [20, 11, 3, 3, 3],
        ),
        # "each" of no list of places
        ("Air defences destroyed 20 drones, two over Bryansk each night.", [20, 2]),
    ],
)
def test_a_share_each_over_several_places_is_one_per_place(text: str, expected: list[int]) -> None:
    assert values(text) == expected


def test_an_including_share_told_by_what_it_did() -> None:
    text = "Russia said it downed 180 drones, including 9 heading for the capital."
    assert values(text) == [180, 9]


# --- ranges --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "low", "high"),
    [
        (
            "Officials put the number of Russian troops killed at between 6,000 and 9,000.",
            6000,
            9000,
        ),
        ("Between 40,000 and 60,000 are thought to have been killed in action.", 40000, 60000),
        ("He said 15,000 to 18,000 soldiers are dying every month.", 15000, 18000),
        # a range an estimate "could" span is no forecast
        (
            "Russian losses could range from 150,000 to 190,000 killed and wounded, the leaked "
            "documents said.",
            150000,
            190000,
        ),
        ("Russian casualties could range from 35,000 to 43,000, officials said.", 35000, 43000),
        # a range in words with one magnitude, quoted
        ('He said Russia had lost "two or three thousand" tanks.', 2000, 3000),
    ],
)
def test_ranges_in_words_and_dashes(text: str, low: int, high: int) -> None:
    found = claims(text)
    assert [(v, q) for _, _, v, q in found] == [(low, "at_least"), (high, "at_most")]


# --- traps ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        # targets struck, named after what is there
        "The aircraft hit 31 personnel and military equipment hubs overnight.",
        # weapons the attack was made with, then the ones downed
        "Russia attacked with 20 missiles and 140 drones; air defences destroyed most of them.",
        "Moscow launched a record 120 drones at the capital, officials said.",
        "Hits by 14 drones were recorded at six locations.",
        # a ratio per area gained
        "The advance cost about 40 soldiers killed per square kilometre.",
        # recruits, even when a loss word follows a dash
        "Recruitment stayed at 25,000 to 30,000 people a month — mostly to replace losses.",
        # both sides together, in any wording
        "Russia and Ukraine's combined losses passed 600,000 soldiers, analysts said.",
        "The war has killed or wounded 1.5 million soldiers across both nations.",
        # another war, in a clause about it
        "He recalled the Soviet war in Afghanistan, where some 14,000 of its troops were killed.",
        # both sides named by the words that join them, after "combined"
        "The study warns combined Russian and Ukrainian casualties could reach 1.8 million.",
        # a ceiling an estimate could reach, by a time to come: a forecast
        "Russian casualties could reach 500,000 by the end of the year, officials warned.",
        "Russian losses could reach 300,000 by 2026, the ministry said.",
        "Russian casualties may reach a million next year, analysts said.",
        "Russian losses may exceed 700,000 by the end of the year, the minister said.",
        # an attempt to bring them down is no tally of the downed
        "A gunner was killed while trying to shoot down nine aerial targets near Lviv.",
    ],
)
def test_figures_that_are_not_losses(text: str) -> None:
    assert claims(text) == []


def test_the_whole_launched_is_no_loss() -> None:
    text = "Air defences neutralised 40 Russian drones out of 55, the air force said."
    assert values(text) == [40]


def test_one_sides_figure_in_a_sentence_of_both_stays() -> None:
    text = (
        "Both armies have lost 300,000 soldiers, including 80,000 killed on the Russian side "
        "and 50,000 killed on the Ukrainian side."
    )
    assert [(s, v) for s, _, v, _ in claims(text)] == [("russia", 80000), ("ukraine", 50000)]


def test_a_figure_that_could_well_be_higher_is_a_claim() -> None:
    text = "Analysts said Russian casualties could well be over 5,000."
    assert claims(text) == [("russia", "personnel", 5000, "at_least")]


def test_a_forecast_between_the_noun_and_the_number_is_dropped() -> None:
    text = "If the pace holds, the number of dead and wounded will exceed 700,000 by 2026."
    assert claims(text) == []


def test_lakh_is_a_hundred_thousand() -> None:
    assert [n.value for n in find_numbers("about 1.5 lakh troops")] == [150000]


# --- more breakdowns: brackets, rates, totals ----------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # an exact figure in brackets restating the rounded one: both are claims
        (
            "Russian losses this year have reached nearly 200 thousand (198,340) people, he said.",
            [200000, 198340],
        ),
        # a figure alone in brackets counts the noun its sentence named
        (
            "Russia lost as many troops in the last four days (4,100) as in all of May (4,000).",
            [4100, 4000],
        ),
        # a running total raised by the day's figure
        (
            "Ukraine said 900 Russian soldiers were killed, bringing the total since the "
            "invasion to just over 90,000.",
            [900, 90000],
        ),
        # a figure for the month after a dash restates the day's
        (
            "It averaged about 1,000 Russian casualties per day—some 30,000 for the month.",
            [1000, 30000],
        ),
        # a qualifier right after the noun
        ("The report put total casualties around 25,000 including the wounded.", [25000]),
        # a rate of losses, in a range
        ("In 2023 the average daily losses ranged from 300 to 700.", [300, 700]),
        ("The general staff reported an average daily loss rate of 1,100 last month.", [1100]),
        # the dead counted by name, or listed as killed
        ("A further 2,050 names have been added to the list of the dead.", [2050]),
        ("Of the soldiers identified, over 60,000 are listed as killed.", [60000]),
    ],
)
def test_breakdowns_rates_and_totals(text: str, expected: list[int]) -> None:
    assert values(text) == expected


@pytest.mark.parametrize(
    ("text", "metric", "value"),
    [
        ("The enemy lost a 152mm self-propelled artillery unit near the river.", "artillery", 1),
        (
            "It destroyed more than 250 units of enemy equipment and weapons.",
            "equipment_total",
            250,
        ),
        ("Moscow claims to have destroyed about 4,000 Western-made arms.", "equipment_total", 4000),
        ("The study gave a total estimated casualty count of 900,000.", "personnel", 900000),
    ],
)
def test_single_items_and_totals(text: str, metric: str, value: int) -> None:
    assert [(m, v) for _, m, v, _ in claims(text)] == [(metric, value)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a single item after another single item of the list is on the list too
        (
            "The enemy lost 30 soldiers, a main battle tank and a field artillery gun.",
            [("personnel", 30), ("tanks", 1), ("artillery", 1)],
        ),
        # single items of kinds that are counted in a loss list
        (
            "Ukraine's army lost a tank, two cars and a mortar.",
            [("tanks", 1), ("vehicles", 2), ("artillery", 1)],
        ),
        ("Russia lost a multiple rocket launcher and three tanks.", [("mlrs", 1), ("tanks", 3)]),
        (
            "The strike destroyed three landing craft and a submarine at the port.",
            [("ships", 3), ("submarines", 1)],
        ),
        ("The navy said it sank a landing craft off the coast.", [("ships", 1)]),
        # "another" is one more
        (
            "Russian forces lost a Su-30 fighter on Tuesday and another Su-34 on Wednesday.",
            [("aircraft", 1), ("aircraft", 1)],
        ),
        (
            "Two tanks and an electronic warfare station were destroyed in the strike.",
            [("tanks", 2), ("other", 1)],
        ),
    ],
)
def test_single_items_of_a_loss_list(text: str, expected: list[tuple[str, int]]) -> None:
    assert [(m, v) for _, m, v, _ in claims(text)] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Air defence shot down both of the missiles, the air force said.", [2]),
        ("Air defence downed both missiles and 12 of the 20 attack drones.", [2, 12]),
        ("Air defences shot down 12 drones, both missiles and a helicopter.", [12, 2, 1]),
        ("Both helicopters were shot down near the front line.", [2]),
        # two kinds, two sides, or what the items told before were: no pair
        ("The strike destroyed both tanks and infantry positions.", []),
        ("Both Russian and Ukrainian troops took part in the assault, which was repelled.", []),
        ("Russia lost an Su-25 and an Su-24 - both Soviet-era jets - over Donetsk.", [1, 1]),
    ],
)
def test_both_of_a_thing_is_two(text: str, expected: list[int]) -> None:
    assert values(text) == expected


def test_a_singleton_the_list_already_counts_is_not_a_claim() -> None:
    text = "Ukraine lost four armoured carriers, including a US-made M113 armoured carrier."
    assert values(text) == [4]


def test_a_side_that_withheld_its_casualty_numbers_is_the_paragraphs_side() -> None:
    text = (
        "Kyiv long declined to publish casualty figures. Last winter, the president said "
        "31,000 had been killed."
    )
    assert claims(text) == [("ukraine", "personnel", 31000, "exact")]


@pytest.mark.parametrize(
    "text",
    [
        "Researchers counted 30,000 Russian men under the age of 40 who died in combat.",
        "The strike destroyed four homes and damaged more than 15 cars, the mayor said.",
    ],
)
def test_ages_and_private_cars_are_not_losses(text: str) -> None:
    assert 40 not in values(text) and 15 not in values(text)


def test_a_paragraph_naming_no_side_goes_on_with_the_one_before() -> None:
    text = (
        "The ministry said Russian forces destroyed 30 Ukrainian tanks and 12 aircraft.\n"
        '"I repeat: 80 guns were destroyed, including 20 US-made howitzers," he said.'
    )
    assert {s for s, *_ in claims(text)} == {"ukraine"}
    assert decided(text)[2]["subject"] == "last-paragraph-figure"


def test_the_month_of_may_is_no_modal() -> None:
    text = "Russia lost as many troops in the past week (2,900) as in all of May (3,100)."
    assert values(text) == [2900, 3100]


def test_a_days_share_of_a_total_is_a_window_claim() -> None:
    text = "Russia has lost 150,200 troops since the invasion, including 520 over the past day."
    found = extract_claims(text, article_id="t", publisher="Wire", published=PUB, fallback_date=PUB)
    assert [(c.value, c.period) for c in found] == [(150200, "cumulative"), (520, "window")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Air defences shot down 21 Kh-101 and Kh-555 missiles overnight.", [21]),
        ("The strike destroyed five Tu-95 and three Tu-22M strategic bombers.", [5, 3]),
    ],
)
def test_models_of_one_noun(text: str, expected: list[int]) -> None:
    assert values(text) == expected
    assert {m for _, m, _, _ in claims(text)} == {
        "cruise_missiles" if "missiles" in text else "aircraft"
    }


def test_the_number_points_back_to_the_figure_before() -> None:
    text = "Kyiv said 30 aircraft were damaged. A Western source put the number at around 12."
    assert claims(text)[1][1:] == ("aircraft", 12, "approx")


def test_the_speakers_side_as_agent_is_not_its_own_loss() -> None:
    text = '"Our defenders shot down 30 drones overnight," the Ukrainian air force said.'
    assert claims(text)[0][0] == "russia"


def test_airframes_named_by_model_alone_count_one_each() -> None:
    text = "Ukraine said it shot down a Su-34 and an Mi-28 over the Donetsk region on Monday."
    assert [(m, v) for _, m, v, _ in claims(text)] == [("aircraft", 1), ("helicopters", 1)]


def test_airframes_that_break_down_a_total_are_not_claims_of_their_own() -> None:
    text = (
        "Moscow said its forces shot down three Ukrainian jets.\n"
        "They destroyed an Su-25 and a MiG-29 near Izium, the ministry said."
    )
    assert values(text) == [3]


def test_a_range_of_the_dead_of_one_side() -> None:
    text = "Estimates of Russian dead range from 70,000 to 110,000."
    assert claims(text) == [
        ("russia", "personnel", 70000, "at_least"),
        ("russia", "personnel", 110000, "at_most"),
    ]


@pytest.mark.parametrize(
    ("text", "qualifier"),
    [
        ("Russia is losing an estimated 25,000 soldiers a month, officials said.", "exact"),
        ("Russia's losses in the war have crossed 900,000 troops, Kyiv said.", "at_least"),
        ("Kyiv said Russia lost something like 40,000 troops in the offensive.", "approx"),
        # a qualifier written with letters whose lower case is longer or not ASCII (dotted
        # capital I, long s) is still its cue, and never an error
        ("Kyiv said Russia lost AT LEA\u017fT 40,000 troops in the offensive.", "at_least"),
        ("Kyiv said Russia lost \u0130N EXCESS OF 40,000 troops in the offensive.", "at_least"),
        ("Kyiv said Russia lost APPROX\u0130MATELY 40,000 troops in the offensive.", "approx"),
        # a qualifier before a scale word with its article
        ("Russia has lost more than a million troops since 2022, Kyiv said.", "at_least"),
        ("Russian losses have exceeded a million personnel, the General Staff said.", "at_least"),
        # a verb and a word of time before the figure ("are now over a million")
        ("Ukraine says Russian losses are now over a million.", "at_least"),
        ("Russian casualties are already over 500,000, Kyiv said.", "at_least"),
        # an estimate's ceiling
        ("Russian casualties could reach 300,000, US officials said.", "at_most"),
        ("The number of Russians killed or wounded might reach 90,000, he said.", "at_most"),
        # a modal before a floor that is the quote's qualifier is an estimate, not a forecast
        ("Russia's losses may exceed 700,000 killed and wounded, the minister said.", "at_least"),
    ],
)
def test_qualifier_words(text: str, qualifier: str) -> None:
    assert claims(text)[0][3] == qualifier


def test_a_higher_estimate_after_a_figure_counts_what_it_counts() -> None:
    text = (
        "Officials put the number of Russian casualties at about 200,000, with some estimates "
        "as high as 250,000."
    )
    assert claims(text) == [
        ("russia", "personnel", 200000, "approx"),
        ("russia", "personnel", 250000, "at_most"),
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Russian casualties have passed the 250,000 mark, according to British intelligence.",
            ("personnel", 250000, "at_least"),
        ),
        (
            "Russian losses passed the 300,000 mark in the autumn, officials said.",
            ("personnel", 300000, "at_least"),
        ),
        (
            "Russia's casualties crossed the 100,000 mark in February, the ministry said.",
            ("personnel", 100000, "at_least"),
        ),
        (
            "The number of Russian tanks destroyed has topped the 3,000 mark, Oryx said.",
            ("tanks", 3000, "at_least"),
        ),
    ],
)
def test_a_mark_passed_is_at_least(text: str, expected: tuple[str, int, str]) -> None:
    assert [(m, v, q) for _, m, v, q in claims(text)] == [expected]


def test_missiles_counted_by_their_model() -> None:
    text = (
        "Air defences intercepted 20 aerial targets, including six Kh-101/Kh-555, three Kalibr "
        "missiles and one Iskander-K."
    )
    got = [(m, v) for _, m, v, _ in claims(text)]
    assert ("cruise_missiles", 6) in got and ("cruise_missiles", 1) in got


def test_a_launcher_named_by_its_missile_is_no_missile() -> None:
    text = "Ukraine said it destroyed two Iskander-M launchers near Kursk."
    assert [m for _, m, _, _ in claims(text)] != ["cruise_missiles"]


def test_one_of_a_group_is_no_count() -> None:
    assert claims("Kyiv said it shot down one of Russia's newest bombers on Sunday.") == []


def test_as_high_as_is_at_most() -> None:
    text = "The number of Ukrainian soldiers killed could be as high as 90,000, a report said."
    assert claims(text) == [("ukraine", "personnel", 90000, "at_most")]


# Round 2: loss verbs and metric nouns the lexicon lacked (unseen-text families).
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The ministry said 40 tanks and 9 MT-LBs were hit during the fighting on Tuesday.",
            [("russia", "tanks", 40), ("russia", "afv", 9)],
        ),
        (
            "Kyiv says its forces have taken out 17 Russian howitzers this week.",
            [("russia", "artillery", 17)],
        ),
        (
            "Regional officials said 21 Russian soldiers had been buried in the province.",
            [("russia", "personnel", 21)],
        ),
        (
            "Volunteers recovered at least 12 bodies of Russian soldiers near the village.",
            [("russia", "personnel", 12)],
        ),
        (
            "Russia's defence ministry reported the destruction of 41 Ukrainian BPLAs overnight.",
            [("ukraine", "drones", 41)],
        ),
        (
            "Kyiv said Russian units lost 30 fuel cisterns and two robotic systems this month.",
            [("russia", "vehicles", 30), ("russia", "other", 2)],
        ),
        (
            "Analysts count at least 20 Russian navy vessels destroyed since the invasion.",
            [("russia", "ships", 20)],
        ),
    ],
)
def test_round2_loss_words_and_nouns(text: str, expected: list[tuple[str, str, int]]) -> None:
    assert [(s, m, v) for s, m, v, _ in claims(text)] == expected


def test_a_rate_written_before_its_noun() -> None:
    text = "Kyiv says Russian losses now average 850 per day killed and wounded."
    assert [(s, m, v) for s, m, v, _ in claims(text)] == [("russia", "personnel", 850)]
    assert decided(text)[0]["metric"] == "rate-before-noun"


def test_a_part_of_a_set_named_again() -> None:
    text = (
        "Russia launched 30 missiles overnight. Ukrainian crews shot down 22 of those "
        "missiles near the capital."
    )
    assert values(text) == [22]  # launched is no loss
    assert decided(text)[0]["metric"] == "part-of-those-noun"


def test_a_side_that_secured_a_release_gets_its_people_back() -> None:
    text = "Ukraine secured the release of 75 prisoners of war on Sunday, Kyiv said."
    assert [(s, m, v) for s, m, v, _ in claims(text)] == [("ukraine", "pow", 75)]


def test_a_hit_that_is_no_loss_stays_out() -> None:
    # "hit" alone (a target struck) is no loss word; only "were hit during/in" is
    assert claims("Officials said 40 drones hit the city's power grid overnight.") == []


def test_a_breakdown_by_region_without_brackets() -> None:
    text = (
        "A breakdown by region showed that most of the Russian soldiers killed came from the "
        "Rostov region, 900, followed by the Perm region with 812, and Omsk, 655."
    )
    assert [(m, v) for _, m, v, _ in claims(text)] == [
        ("personnel", 900),
        ("personnel", 812),
        ("personnel", 655),
    ]
    assert {w["metric"] for w in decided(text)} == {"place-breakdown"}


def test_a_place_then_a_figure_with_its_own_noun_is_no_breakdown() -> None:
    # a sentence that speaks of no regions keeps "Bakhmut, 12" out of a breakdown
    assert values("The army said 10 tanks were destroyed near Bakhmut, 12 near Avdiivka.") == [10]


def test_the_low_end_of_a_range_of_percentages_is_no_count() -> None:
    text = "Their list of the buried holds 40-60% fewer names than the real number of dead."
    assert 40 not in values(text)


def test_a_paragraph_naming_a_toll_gives_the_next_one_its_side() -> None:
    text = (
        "A spokesman for the southern command described a heavy toll on Russian forces there.\n\n"
        "He said 140 soldiers were lost in the fighting, along with nine armoured vehicles."
    )
    assert [(s, m, v) for s, m, v, _ in claims(text)] == [
        ("russia", "personnel", 140),
        ("russia", "afv", 9),
    ]
    assert decided(text)[0]["subject"] == "loser-paragraph-before"


def test_losses_among_a_side_name_the_loser() -> None:
    text = "The report spoke of losses among Ukrainian troops: 35 soldiers were killed."
    assert [(s, v) for s, _, v, _ in claims(text)] == [("ukraine", 35)]


def test_victims_of_a_daily_rate_count_people() -> None:
    text = "Over the past week Russian forces lost an average of 760 victims a day, Kyiv said."
    assert [(s, m, v) for s, m, v, _ in claims(text)] == [("russia", "personnel", 760)]


def test_civilian_victims_stay_out() -> None:
    assert claims("The strike killed 14 civilian victims in the city, officials said.") == []


def test_people_returning_home_from_a_swap_are_their_sides_prisoners() -> None:
    text = "After the exchange, 120 Russian servicemen were returning home, Moscow said."
    assert [(s, m, v) for s, m, v, _ in claims(text)] == [("russia", "pow", 120)]


# The next figure of a pair joined by "and" counts what the first counts.
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "In May and June, Russian losses came to 41,000 and 37,500, respectively.",
            [("russia", "personnel", 41000), ("russia", "personnel", 37500)],
        ),
        (
            "Russian tank losses were 264 in March and 218 in November.",
            [("russia", "tanks", 264), ("russia", "tanks", 218)],
        ),
        # a verb of its own before the second figure: not the pair's
        ("Russian forces lost 52 tanks and captured 9.", [("russia", "tanks", 52)]),
    ],
)
def test_the_second_figure_of_a_pair_counts_what_the_first_counts(
    text: str, expected: list[tuple[str, str, int]]
) -> None:
    assert [c[:3] for c in claims(text)] == expected


# A count downed "of them": the drones or missiles launched, named before, are what it counts.
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Russia sent 52 attack drones against Odesa overnight. Air defence downed 47 of them.",
            [("russia", "drones", 47)],
        ),
        (
            "The enemy fired 11 cruise missiles at the capital, and the air force intercepted "
            "9 of them.",
            [("russia", "cruise_missiles", 9)],
        ),
        # drones and missiles both launched: which of them were downed is not told
        (
            "Russia launched 60 drones and 8 missiles. Air defence intercepted 51 of them.",
            [],
        ),
    ],
)
def test_a_count_downed_of_them_counts_the_launched_set(
    text: str, expected: list[tuple[str, str, int]]
) -> None:
    assert [c[:3] for c in claims(text)] == expected


# Losses by kind: the dead and missing ("irretrievable") and the wounded ("sanitary"), people.
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Russian losses reached 73,000, of them 24,500 are irretrievable and 48,500 are "
            "sanitary losses.",
            [73000, 24500, 48500],
        ),
        (
            "Russian losses came to 52,000. Of them, 17,300 were irretrievable losses.",
            [52000, 17300],
        ),
    ],
)
def test_losses_by_kind_are_people(text: str, expected: list[int]) -> None:
    assert [(c[1], c[2]) for c in claims(text)] == [("personnel", v) for v in expected]


# A clause going on with a participle of reaching counts what the clause before names.
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Russian casualties climbed in the spring, topping 46,000 in April.",
            ("personnel", 46000),
        ),
        ("Russian losses rose again, reaching about 38,500 in June.", ("personnel", 38500)),
        ("Russian tank losses fell, hitting 190 in May.", ("tanks", 190)),
        # or with "with" and the figure
        (
            "Russian artillery losses rose in April, with 1,260 systems destroyed.",
            ("artillery", 1260),
        ),
        (
            "Russian losses peaked in the autumn, with about 41,000 killed or wounded.",
            ("personnel", 41000),
        ),
    ],
)
def test_a_clause_going_on_with_reaching_counts_what_the_clause_before_names(
    text: str, expected: tuple[str, int]
) -> None:
    assert [(c[1], c[2]) for c in claims(text)] == [expected]


def test_a_participle_after_another_clause_names_nothing_to_count() -> None:
    assert claims("Russia fired drones at Kharkiv, hitting 12 buildings.") == []
