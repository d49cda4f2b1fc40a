"""Periods: whether a figure is a running total (cumulative) or a window, from when, and as of
which day; each decision named in `why`.

The seeds' conventions (seeds/README.md): a total since the invasion is cumulative with
period_start 2022-02-24; a day, a night, a week, a named month, an offensive or incursion,
"since March 27" and a daily or monthly average are windows. Every text below is made up for
these tests.
"""

from __future__ import annotations

import datetime as dt

import pytest

from events.claims import Claim
from ledger.ingest.explain import explain_claims
from tests.samples import extract_text

PUB = dt.date(2024, 9, 12)  # a Thursday
INVASION = dt.date(2022, 2, 24)


def run(text: str, published: dt.date | None = PUB) -> list[Claim]:
    return extract_text(text, published=published, publisher="Example Wire", article_id="p1")


def periods(text: str, published: dt.date | None = PUB) -> dict[int, str | None]:
    return {c.value: c.period for c in run(text, published)}


def why(text: str, published: dt.date | None = PUB) -> dict[str, dict[str, str]]:
    """The why of each figure that became a claim, by its surface."""
    _, fates = explain_claims(
        text,
        article_id="p1",
        publisher="Example Wire",
        published=published,
        fallback_date=dt.date(2030, 1, 1),
    )
    return {f.surface: f.why for f in fates if f.rule != "not-a-figure" and f.why}


# Windows named by a month, a start or an offensive.
@pytest.mark.parametrize(
    ("text", "start"),
    [
        # a month-only window starts on the first of the month (seeds: passages-b note 18)
        ("The brigade said it killed 4,100 Russian soldiers in February.", dt.date(2024, 2, 1)),
        ("The army says Russia has lost 31,000 troops so far in August.", dt.date(2024, 8, 1)),
        ("Russia has lost 52,000 troops since June, the ministry says.", dt.date(2024, 6, 1)),
        ("Kyiv has lost 18,000 soldiers since launching the counteroffensive, Moscow said.", PUB),
        ("Kyiv has lost 18,000 soldiers since it began its offensive, Moscow said.", PUB),
        ("Russia has lost 7,000 troops since Monday, the General Staff said.", dt.date(2024, 9, 9)),
        ("Russia lost 210,000 troops in 2024, the commander said.", dt.date(2024, 1, 1)),
        (
            "Russia lost 380,000 troops over the course of 2024, the commander said.",
            dt.date(2024, 1, 1),
        ),
        ("Kyiv lost 12,000 men in the fighting for Vovchansk, the ministry said.", PUB),
        ("Kyiv lost 9,400 soldiers during the military operations in the Kursk direction.", PUB),
        (
            "Russia has lost 60,000 soldiers starting from the previous summit, the minister said.",
            PUB,
        ),
        (
            "Since Aug. 6, when Kyiv launched its incursion, Russia has lost 6,100 troops there.",
            dt.date(2024, 8, 6),
        ),
        ("Russia lost 2,300 soldiers in the first three days of the war, Kyiv said.", PUB),
    ],
)
def test_a_window_named_by_a_month_a_start_or_an_offensive(text: str, start: dt.date) -> None:
    (c,) = run(text)
    assert (c.period, c.period_start) == ("window", start)


# Running totals: the whole war, even when the report is dated "this week".
@pytest.mark.parametrize(
    "text",
    [
        "The General Staff reported this week that Russia has lost 610,000 soldiers.",
        "Ukrainian officials said last week that Russia has lost 48,000 soldiers since the war.",
        "Moscow said Kyiv had lost 71,000 troops during the military operation.",
        "Moscow said Kyiv had lost 71,000 troops since the beginning of their special operation.",
        "Russia has lost 38,000 soldiers since beginning their invasion on February 24.",
        "Russia's total losses between February 24 and June 30 came to 29,000 soldiers.",
        "Russia has lost 410,000 soldiers since February 2022, Kyiv said.",
        "Some 31,000 troops have died in the nearly seven months since Putin launched the war.",
        "No figures came until May 3, when the ministry reported 2,900 soldiers killed.",
        "In the latest report, the ministry said Russia has lost 630,000 soldiers.",
        "Russia lost 9,000 soldiers while taking the town, the ministry said.",
        # a window counted from the war's first day is the running total
        "Since the start of the operation on February 24, 2022, Russia has lost 6,500 tanks.",
    ],
)
def test_a_running_total_is_cumulative(text: str) -> None:
    (c,) = run(text)
    assert c.period == "cumulative"


# A rate is a window, with the rate as its value.
@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Russia is losing an average of 1,150 soldiers a day, the ministry said.", 1150),
        ("Officials put Russian losses at 32,000 troops per month.", 32000),
    ],
)
def test_an_average_is_a_window(text: str, value: int) -> None:
    (c,) = run(text)
    assert (c.value, c.period) == (value, "window")


# The General Staff's list, number first: the total is cumulative, the "(+n)" that day's.
GS_LIST = (
    "On September 11, the General Staff said Russia has lost a total of 631,000 soldiers since "
    "the start of the invasion.\n\n"
    "This figure includes 1,190 soldiers in the past 24 hours.\n\n"
    "According to the report, Russia has also lost 8,700 tanks (+12), 17,100 armoured combat "
    "vehicles (+30), 18,200 artillery systems (+41), 1,190 air defence systems, 367 aircraft "
    "and 28 ships.\n"
)


def test_a_number_first_list_is_cumulative_and_its_changes_a_days_window() -> None:
    got = {(c.metric, c.value): c.period for c in run(GS_LIST)}
    for key in [("tanks", 8700), ("afv", 17100), ("artillery", 18200), ("aircraft", 367)]:
        assert got[key] == "cumulative", key
    for key in [("tanks", 12), ("afv", 30), ("artillery", 41)]:
        assert got[key] == "window", key
    assert why(GS_LIST)["8,700"]["period"] == "change-beside"


# The report's date goes to every figure of the report, not the published date to some.
def test_the_report_date_is_carried_to_every_figure_of_the_report() -> None:
    claims = run(GS_LIST, published=dt.date(2024, 9, 12))
    assert {c.as_of for c in claims} == {dt.date(2024, 9, 11)}
    told = why(GS_LIST, published=dt.date(2024, 9, 12))
    assert told["631,000"]["as_of"] == "sentence-date"
    assert told["8,700"]["as_of"] == "carried-from-report"


@pytest.mark.parametrize(
    ("second", "rule"),
    [
        ("According to the report, Russia has lost 8,700 tanks.", "carried-from-report"),
        ("Russia has lost 8,700 tanks, the General Staff said.", "claimants-report-date"),
    ],
)
def test_a_claimants_report_date_goes_to_its_later_figures(second: str, rule: str) -> None:
    text = (
        "On September 11, the General Staff said Russia lost 1,190 soldiers over the past "
        f"day.\n\n{second}\n\nBritish intelligence estimates Russia lost 600,000 soldiers."
    )
    as_of = {c.value: c.as_of for c in run(text)}
    assert as_of == {1190: dt.date(2024, 9, 11), 8700: dt.date(2024, 9, 11), 600000: PUB}
    assert why(text)["8,700"]["as_of"] == rule


def test_the_article_date_is_named_by_where_it_came_from() -> None:
    text = "Russia lost 40 tanks, the army said."
    assert why(text)["40"]["as_of"] == "published-date"
    assert why(text, published=None)["40"]["as_of"] == "fallback-date"
    dated = "KYIV, March 3, 2024\n\nRussia lost 40 tanks, the army said."
    assert why(dated, published=None)["40"]["as_of"] == "report-date"


# The figures a report gives beside a day's: the running totals are cumulative.
@pytest.mark.parametrize(
    "text",
    [
        # a share of the total told first ("Of these, ...")
        "Russia has lost 560,000 soldiers since the invasion began. Of these, 1,300 died in "
        "the past day.\n\nThe Russian losses also include 8,100 tanks and 15,400 armoured "
        "vehicles.",
        # a day's figure, then what the list "includes": too many for one day
        "Russia suffered 1,250 casualties over the past day. Its equipment losses include "
        "8,100 tanks and 15,400 armoured vehicles.",
    ],
)
def test_totals_beside_a_days_figure_are_cumulative(text: str) -> None:
    got = periods(text)
    assert (got[8100], got[15400]) == ("cumulative", "cumulative")


@pytest.mark.parametrize(
    ("text", "window", "total"),
    [
        (
            "Kyiv said 980 Russian soldiers were killed, raising the total throughout the war "
            "to 402,000 soldiers.",
            980,
            402000,
        ),
        (
            "Russia lost 1,420 troops on Monday, amounting to a total of 560,000 since the "
            "invasion.",
            1420,
            560000,
        ),
        (
            "Kyiv said 980 Russian soldiers were killed, bringing Russia's total losses to "
            "402,000 soldiers.",
            980,
            402000,
        ),
    ],
)
def test_the_figure_a_total_is_raised_by_is_a_window(text: str, window: int, total: int) -> None:
    got = periods(text)
    assert (got[window], got[total]) == ("window", "cumulative")


def test_a_total_for_the_week_is_a_window() -> None:
    text = (
        "The ministry said 400 soldiers were killed on Monday, bringing the total for the week "
        "to 2,100 soldiers."
    )
    assert periods(text) == {400: "window", 2100: "window"}


def test_what_goes_on_from_an_increment_is_a_window() -> None:
    text = (
        "Kyiv said 980 Russian soldiers were killed, raising the total throughout the war to "
        "402,000. Ukrainian units also destroyed 16 tanks and 31 armoured vehicles."
    )
    got = periods(text)
    assert (got[16], got[31]) == ("window", "window")


# A daily briefing of the Russian MoD: the day's lines and per-grouping lines are windows,
# the total since the start of the special military operation cumulative.
BRIEFING = (
    "MOSCOW, September 12. Ukraine's armed forces lost up to 1,250 troops over the past 24 "
    "hours, the Russian Defense Ministry reported.\n\n"
    "Ukraine lost up to 430 servicemen in the area of the North grouping during the day.\n\n"
    "The enemy lost four armoured vehicles, 13 cars and a field artillery gun.\n\n"
    "In total, since the beginning of the special military operation, 640 aircraft and 283 "
    "helicopters have been destroyed."
)


def test_a_daily_briefing() -> None:
    got = periods(BRIEFING)
    assert [got[v] for v in (1250, 430, 4, 13)] == ["window"] * 4
    assert (got[640], got[283]) == ("cumulative", "cumulative")
    assert why(BRIEFING)["four"]["period"] == "report-window"


@pytest.mark.parametrize(
    ("text", "value", "period", "rule"),
    [
        (
            "Air defence neutralised 61 of 74 Russian drones overnight into Thursday.",
            61,
            "window",
            "overnight",
        ),
        (
            "The air force said it neutralised 61 Russian drones out of 74.",
            61,
            "window",
            "out-of-launched",
        ),
        (
            "As of 08:00, air defence had shot down 61 enemy drones.",
            61,
            "window",
            "attack-tally",
        ),
        (
            "As a result of the strikes, more than 160 Ukrainian soldiers were killed.",
            160,
            "window",
            "strike-results",
        ),
        (
            "Ukraine said 1,380 Russian soldiers died on the deadliest day of the war so far.",
            1380,
            "window",
            "record-day",
        ),
        (
            "Russia has lost 16,000 tanks, with 84 destroyed in the latest update.",
            84,
            "window",
            "in-the-latest-report",
        ),
    ],
)
def test_one_event_or_one_update(text: str, value: int, period: str, rule: str) -> None:
    assert periods(text)[value] == period
    assert any(w.get("period") == rule for w in why(text).values())


def test_a_daily_briefings_window_is_not_lent_to_a_figure_too_large_for_a_day() -> None:
    text = (
        "Russia lost 1,250 soldiers over the past day, the General Staff said.\n\n"
        "British intelligence estimates Russia lost 610,000 soldiers."
    )
    assert periods(text)[610000] == "cumulative"


def test_so_far_in_an_offensive_is_the_offensives_window() -> None:
    text = (
        "Kyiv has so far lost more than 21,000 soldiers during its counteroffensive, the "
        "minister said.\n\nRussian air defences shot down 140 rockets and 390 drones."
    )
    got = periods(text)
    assert [got[v] for v in (21000, 140, 390)] == ["window"] * 3


def test_so_far_beside_a_day_stays_cumulative() -> None:
    got = periods("Russia has lost 221,000 soldiers to date, including 640 in the past day.")
    assert (got[221000], got[640]) == ("cumulative", "window")


def test_the_same_period_is_the_sentence_befores() -> None:
    text = (
        "Russian losses between the start of the invasion and Tuesday numbered 81,000, the "
        "General Staff said. Russia also lost 2,900 tanks within the same period."
    )
    assert periods(text)[2900] == "cumulative"
    (c,) = [c for c in run(text) if c.value == 2900]
    assert c.period_start == INVASION


def test_a_share_clause_gives_the_figure_no_period() -> None:
    text = (
        "Since the start of the full-scale invasion, Russia has lost 1.1 million troops, with "
        "about 30% of them in the past nine months."
    )
    assert periods(text)[1_100_000] == "cumulative"


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("On Thursday, the spy chief echoed the estimate and added that 18,000 had died.", 18000),
        # the day between who speaks and the verb of speech
        ("Three Western officials on Friday estimated Russian deaths at 9,500.", 9500),
        ("The coast guard last week said it had sunk 14 Russian patrol boats.", 14),
        # a fronted day, then who published a story saying what
        ("On Saturday, a state tabloid printed a report saying some 6,400 troops had died.", 6400),
        # a day after a participle of speaking
        ("Speaking on Monday, the general said 4,300 Russian troops had died.", 4300),
        # a fronted day, then who speaks before any number
        ("On Tuesday the Odesa Herald put the number of Russian dead at 7,204.", 7204),
    ],
)
def test_a_day_that_dates_a_statement_is_no_window(text: str, value: int) -> None:
    assert periods(text)[value] == "cumulative"


@pytest.mark.parametrize(
    "text",
    [
        "Russia lost 300 soldiers on Friday, said the ministry.",
        "On Friday Russia lost 300 soldiers, officials said.",
    ],
)
def test_a_day_of_the_losses_beside_a_later_speaker_stays_a_window(text: str) -> None:
    assert periods(text)[300] == "window"


@pytest.mark.parametrize(
    ("text", "period"),
    [
        ("Each side released 150 prisoners of war in the exchange.", "window"),
        ("Ukraine has brought home 3,800 prisoners of war so far in exchanges.", "cumulative"),
    ],
)
def test_prisoner_exchanges(text: str, period: str) -> None:
    assert {c.period for c in run(text) if c.metric == "pow"} == {period}


@pytest.mark.parametrize(
    "text",
    [
        GS_LIST,
        BRIEFING,
        "Russia has lost 12 tanks. Officials said 300 soldiers died overnight.",
        "Ukraine said it captured 40 soldiers, the army said on Monday.",
    ],
)
def test_every_claim_says_why_its_period_and_as_of(text: str) -> None:
    for surface, told in why(text).items():
        assert told.get("period", "unexplained") != "unexplained", surface
        assert told.get("as_of", "unexplained") != "unexplained", surface


# Round 2: constructions seen on unseen articles, in made-up words.
def test_recent_fighting_is_a_window() -> None:
    text = (
        "Kyiv admitted heavy losses during recent hostilities near the river, with about 180 "
        "soldiers killed.\n\nThe brigade also lost three tanks and seven armoured vehicles."
    )
    got = periods(text)
    assert got[180] == got[3] == got[7] == "window"
    assert why(text)["180"]["period"] == "recent-fighting"


def test_died_during_the_invasion_is_the_whole_war() -> None:
    text = "Reporters have named 61,300 Russian soldiers who died during the full-scale invasion."
    assert periods(text)[61300] == "cumulative"


def test_killed_until_a_date_is_a_standing_tally() -> None:
    text = "On Friday, the ministry said 9,400 troops were killed until March 14, 2022."
    got = run(text, dt.date(2022, 3, 14))
    assert [(c.value, c.period, c.period_start) for c in got] == [(9400, "cumulative", INVASION)]
    assert why(text, dt.date(2022, 3, 14))["9,400"]["period"] == "until-date"


def test_headline_tally_without_its_auxiliary_is_not_one_event() -> None:
    text = (
        "11 jets, 6 helicopters, 410 vehicles destroyed\n\n"
        "Ukraine's army has already destroyed 11 jets, 6 helicopters and 410 vehicles, its "
        "General Staff said."
    )
    assert set(periods(text, dt.date(2022, 2, 27)).values()) == {"cumulative"}


def test_opening_sentence_names_the_window_of_the_report() -> None:
    text = (
        "Moscow's defence ministry reported heavy Ukrainian losses in the Kursk region over the "
        "past day.\n\nAccording to the ministry, up to 190 Ukrainian soldiers were killed. The "
        "report lists two tanks and nine cars destroyed."
    )
    got = periods(text)
    assert got[190] == got[2] == got[9] == "window"
    assert why(text)["190"]["period"] == "report-window"


def test_opening_sentence_without_losses_names_no_report_window() -> None:
    text = (
        "Moscow's defence ministry reported heavy fighting over the past day.\n\n"
        "Ukraine has lost 560,000 soldiers, the ministry said."
    )
    assert periods(text)[560000] == "cumulative"


def test_paired_verbs_share_the_span_told_after_the_second() -> None:
    text = (
        "About 9,000 soldiers have died and another 30,000 were wounded in four months of battle."
    )
    got = run(text)
    assert {c.value: c.period for c in got} == {9000: "window", 30000: "window"}
    assert why(text)["9,000"]["period"] == "coordinated-verb"


def test_sum_told_beside_the_night_is_the_night_s() -> None:
    text = (
        "Russia struck Ukraine overnight, firing a total of 31 missiles, 29 of which were shot "
        "down, the air force said."
    )
    got = periods(text)
    assert got[31] == got[29] == "window"
    assert why(text)["31"]["period"] == "sum-of-the-day"


def test_bare_sum_in_a_day_s_report_is_the_day_s() -> None:
    text = (
        "Moscow reported heavy Ukrainian losses near the border over the past 24 hours.\n\n"
        "In total, Kyiv lost up to 260 troops, three tanks and five armoured vehicles. Kyiv has "
        "lost 41,000 servicemen in the region since August, the ministry added."
    )
    got = periods(text)
    assert got[260] == got[3] == got[5] == "window"
    assert why(text)["260"]["period"] == "sum-of-the-report"


def test_sum_too_large_for_a_day_stays_the_war_s() -> None:
    text = (
        "Moscow reported heavy Ukrainian losses near the border over the past 24 hours.\n\n"
        "In total, Kyiv has lost 620,000 troops, the ministry said."
    )
    assert periods(text)[620000] == "cumulative"


# Round 3: calendar windows in the shapes outlets write them (made-up sentences).
@pytest.mark.parametrize(
    ("text", "start"),
    [
        # a clause that is only a month or a year heads the figures after it
        (
            "In February, Russian forces lost 29,400 soldiers, the ministry said.",
            dt.date(2024, 2, 1),
        ),
        (
            "During 2023, Ukrainian units destroyed more than 2,600 Russian tanks.",
            dt.date(2023, 1, 1),
        ),
        ("Over the course of 2023, Russia lost 251,000 soldiers, Kyiv said.", dt.date(2023, 1, 1)),
        ("Last year, Russia lost 251,000 soldiers, the commander said.", dt.date(2023, 1, 1)),
        (
            "This year alone, Russia has lost 280,000 soldiers, the commander said.",
            dt.date(2024, 1, 1),
        ),
        # the losses of a month named with them, wherever the figure stands
        ("Russian casualties in July came to 38,100, the General Staff said.", dt.date(2024, 7, 1)),
        ("Russian losses in August totalled 39,700, according to Kyiv.", dt.date(2024, 8, 1)),
        ("The figure topped February's tally of 31,900 Russian casualties.", dt.date(2024, 2, 1)),
        # up to now within a month or a year
        ("So far in September, Russian forces have lost 13,500 soldiers.", dt.date(2024, 9, 1)),
        ("So far this year, Russia has lost 280,000 soldiers, Kyiv says.", dt.date(2024, 1, 1)),
        (
            "Russia has lost 280,000 soldiers since the start of 2024, Kyiv says.",
            dt.date(2024, 1, 1),
        ),
        ("In the month of May, Russia lost 36,000 soldiers, Syrskyi said.", dt.date(2024, 5, 1)),
        # parts of a year, seasons, weeks
        ("Russia lost 190,000 soldiers in the first half of 2024, the ministry said.", None),
        ("Russia has lost 60,000 troops since last summer, Kyiv said.", None),
        ("Russia has lost 60,000 troops since last October, Kyiv said.", dt.date(2023, 10, 1)),
        ("During the week, Ukraine lost up to 2,400 troops, the ministry said.", None),
    ],
)
def test_a_calendar_window_in_an_outlets_words(text: str, start: dt.date | None) -> None:
    (c,) = run(text)
    assert c.period == "window"
    assert start is None or c.period_start == start


# A fronted week, month or year before who said what dates the statement, not the figure.
@pytest.mark.parametrize(
    ("text", "period"),
    [
        ("Earlier this week, the General Staff said Russia had lost 8,900 tanks.", "cumulative"),
        ("In March, Ukraine's military said Russia had lost 430,000 soldiers.", "cumulative"),
        ("In May 2024, officials estimated that Russia had lost 500,000 soldiers.", "cumulative"),
        ("Last week, Russian forces lost 9,000 soldiers, the General Staff said.", "window"),
        ("Over the past week, the ministry said, Russia lost 9,000 soldiers.", "window"),
    ],
)
def test_a_fronted_point_before_who_said_it_dates_the_statement(text: str, period: str) -> None:
    (c,) = run(text)
    assert c.period == period


# A report's cadence ("daily update") is no rate; a monthly toll or record month is a window.
@pytest.mark.parametrize(
    ("text", "value", "period"),
    [
        (
            "The General Staff's daily update said Russia has lost 640,000 troops.",
            640000,
            "cumulative",
        ),
        (
            "Kyiv publishes daily figures; it says Russia has lost 640,000 troops.",
            640000,
            "cumulative",
        ),
        (
            "Russia's monthly losses of about 35,000 troops cannot last, analysts said.",
            35000,
            "window",
        ),
        (
            "August saw 39,700 Russian casualties, the highest monthly toll of the war.",
            39700,
            "window",
        ),
    ],
)
def test_a_reports_cadence_is_no_rate(text: str, value: int, period: str) -> None:
    assert periods(text)[value] == period


def test_a_total_raised_beside_the_day_is_the_wars() -> None:
    text = "Russia lost 1,330 troops over the past day, bringing its total to 640,000."
    assert periods(text) == {1330: "window", 640000: "cumulative"}


def test_a_weekly_briefing_lends_its_week_to_what_it_lists() -> None:
    text = (
        "Ukraine lost more than 2,100 servicemen during the week, the Russian ministry said in "
        "its weekly summary.\n\nThe enemy lost 14 tanks, 31 armoured vehicles and 26 cars.\n\n"
        "In total, Ukraine has lost 590,000 troops since the start of the special military "
        "operation, the ministry said."
    )
    got = periods(text)
    assert [got[v] for v in (2100, 14, 31, 26)] == ["window"] * 4
    assert got[590000] == "cumulative"


# A month that dates a start or a running total's crossing of a mark is no window.
@pytest.mark.parametrize(
    "text",
    [
        "In February 2022, Russia launched its invasion, and since then it has lost 640,000 "
        "troops.",
        "In 2022, Russia invaded Ukraine; it has since lost 640,000 troops, Kyiv says.",
        "Russia's losses passed 600,000 in August, according to Kyiv.",
        "The milestone of 500,000 Russian casualties was passed in May, Kyiv said.",
    ],
)
def test_a_month_of_a_start_or_a_milestone_is_no_window(text: str) -> None:
    (c,) = run(text)
    assert c.period == "cumulative"


# "respectively": each figure the window of the month named in its turn.
@pytest.mark.parametrize(
    ("text", "starts"),
    [
        (
            "In May and June, Russian losses came to 41,000 and 37,500, respectively.",
            {41000: dt.date(2024, 5, 1), 37500: dt.date(2024, 6, 1)},
        ),
        (
            "Russian casualties peaked in January and March 2024 at 33,100 and 31,900 "
            "respectively.",
            {33100: dt.date(2024, 1, 1), 31900: dt.date(2024, 3, 1)},
        ),
        (
            "Russian artillery losses peaked in February and July, with 1,290 and 1,244 systems "
            "destroyed, respectively.",
            {1290: dt.date(2024, 2, 1), 1244: dt.date(2024, 7, 1)},
        ),
    ],
)
def test_respectively_pairs_figures_with_their_months(
    text: str, starts: dict[int, dt.date]
) -> None:
    found = {c.value: (c.period, c.period_start) for c in run(text)}
    assert found == {v: ("window", d) for v, d in starts.items()}


def test_respectively_without_as_many_months_gives_no_months() -> None:
    text = "Since May, Russian losses came to 41,000 and 37,500 in two sectors, respectively."
    assert "respective-months" not in {w["period"] for w in why(text).values()}


def test_a_count_downed_of_them_is_the_attacks_window() -> None:
    text = "Overnight Russia sent 190 drones at Ukraine. The air force said it downed 164 of them."
    assert periods(text) == {164: "window"}


def test_losses_by_kind_share_the_period_of_the_total() -> None:
    text = "Russian losses in June came to 44,000; of them, 14,800 are irretrievable losses."
    assert periods(text) == {44000: "window", 14800: "window"}


def test_a_month_alone_after_a_figure_reached_is_that_months_window() -> None:
    found = run("Russian casualties climbed in the spring, topping 46,000 in April alone.")
    assert [(c.value, c.period, c.period_start) for c in found] == [
        (46000, "window", dt.date(2024, 4, 1))
    ]
