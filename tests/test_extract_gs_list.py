"""The General Staff's daily list as outlets print it: number first, noun first, any bullet.

Each row gives the cumulative figure (since the invasion) and, when it has one, the day's
change in brackets ("(+9)") as a window claim of that day with the same metric; "(+0)" is no
loss that day, so no claim. The claimant is whoever the text says published the list. The
figures below are made up for these tests.
"""

from __future__ import annotations

import datetime as dt

import pytest

from events.claims import Claim
from tests.samples import extract_text

REPORT_DAY = dt.date(2024, 5, 3)
GS = "General Staff of the Armed Forces of Ukraine"
LEAD = (
    "The General Staff of the Armed Forces of Ukraine said on Friday that Russia's losses "
    "since the full-scale invasion stand at:\n\n"
)


def run(text: str, published: dt.date | None = REPORT_DAY) -> list[Claim]:
    return extract_text(text, published=published)


def figures(text: str, **kwargs) -> set[tuple[str, int, str, str]]:
    return {(c.metric, c.value, c.qualifier, c.period) for c in run(text, **kwargs)}


TANKS = {("tanks", 6_340, "exact", "cumulative"), ("tanks", 7, "exact", "window")}
ROW_LAYOUTS = [
    "• 6,340 (+7) tanks;",
    "- 6,340 (+7) tanks,",
    "* 6,340 (+7) tanks",
    "– 6,340 (+7) tanks.",
    "— 6,340 (+7) tanks;",
    "· 6,340 (+7) tanks",
    "1. 6,340 (+7) tanks;",
    "2) 6,340 (+7) tanks;",
    "(3) 6,340 (+7) tanks",
    "    • 6,340 (+7) tanks;",
    "\t- 6,340 (+7) tanks;",
    "6,340 (+7) tanks;",
    "6 340 (+7) tanks;",
    "6340 (+7) tanks",
    "6,340 tanks (+7);",
    "tanks — 6,340 (+7)",
    "tanks – 6,340 (+7);",
    "tanks - 6,340 (+7),",
    "tanks: 6,340 (+7)",
    "tanks—6,340 (+7)",
    "tanks ‒ 6,340 (+7)",
    "• tanks — 6,340 (+7) units;",
    "- tanks: 6,340 (+7).",
]


@pytest.mark.parametrize("line_end", ["\n", "\r\n"])
@pytest.mark.parametrize("row", ROW_LAYOUTS)
def test_a_row_gives_its_total_and_its_days_change(row: str, line_end: str) -> None:
    """Whatever the bullet, indentation, separator, trailing mark or line end, a row is the
    cumulative figure and the day's change, both the list's publisher's."""
    text = (LEAD + row + "\n" + "• 2,915 (+11) drones;\n").replace("\n", line_end)
    claims = run(text)
    got = {(c.metric, c.value, c.qualifier, c.period) for c in claims}
    assert got >= TANKS | {
        ("drones", 2_915, "exact", "cumulative"),
        ("drones", 11, "exact", "window"),
    }
    assert len(claims) == 4, [c.quote for c in claims]
    assert {c.claimant for c in claims} == {GS}


@pytest.mark.parametrize(
    "row",
    ["• about 6,340 (+7) tanks;", "approx. 6,340 (+7) tanks", "tanks — approximately 6,340 (+7)"],
)
def test_a_hedged_row_is_approx_and_its_change_exact(row: str) -> None:
    """ "about N (+n)": the total is approx, the day's change stays exact."""
    got = figures(LEAD + row + "\n")
    assert got == {("tanks", 6_340, "approx", "cumulative"), ("tanks", 7, "exact", "window")}


@pytest.mark.parametrize(
    "row", ["• 6,340 (+0) tanks;", "tanks — 6,340 (+0)", "tanks: 6,340 (+0)", "6,340 tanks (+0)"]
)
def test_a_zero_change_is_no_claim(row: str) -> None:
    """ "(+0)": the total is a claim, the day without a loss is not."""
    assert figures(LEAD + row + "\n") == {("tanks", 6_340, "exact", "cumulative")}


def test_the_days_change_is_a_window_of_the_report_day() -> None:
    """The day's change is a window of the report's day; the total runs from the invasion."""
    claims = {c.value: c for c in run(LEAD + "• 6,340 (+7) tanks;\n")}
    assert claims[6_340].period_start == dt.date(2022, 2, 24)
    assert claims[6_340].as_of == REPORT_DAY
    assert (claims[7].period, claims[7].as_of) == ("window", REPORT_DAY)
    assert claims[7].quote == "6,340 (+7) tanks"


@pytest.mark.parametrize(
    "sentence",
    [
        "Russia has lost 488,150 (+960) military personnel since the start of the invasion, "
        "the General Staff said.",
        "According to the General Staff, Russia has lost about 488,150 (+960) soldiers since the "
        "full-scale invasion began.",
        "The General Staff said Russia had lost 488,150 (+960) troops in the war so far.",
    ],
)
def test_prose_with_the_days_change(sentence: str) -> None:
    """In prose the total is cumulative and the bracket beside it is the day's window, even
    when the sentence says "since the start of the invasion"."""
    claims = run(sentence)
    got = {(c.metric, c.value, c.period) for c in claims}
    assert got == {("personnel", 488_150, "cumulative"), ("personnel", 960, "window")}
    assert {c.claimant for c in claims} == {GS}


@pytest.mark.parametrize(
    "row",
    [
        "personnel — about 488,150 (+960) persons;",
        "personnel ‒ about 488150 (+960) people",
        "• military personnel: about 488,150 (+960);",
    ],
)
def test_a_personnel_row_named_first(row: str) -> None:
    """ "personnel — about N (+n) persons": the row's noun names the figure."""
    got = figures(LEAD + row + "\n")
    assert got == {
        ("personnel", 488_150, "approx", "cumulative"),
        ("personnel", 960, "exact", "window"),
    }


FULL_LIST = """Russia's losses in Ukraine pass 488,000 troops

KYIV, May 3, 2024 — Russia has lost 488,150 (+960) military personnel since the start of the \
full-scale invasion, the General Staff of the Armed Forces of Ukraine reported on Friday.

Its daily update lists the following losses of the Russian army:

• 488,150 (+960) military personnel;
• 7,015 (+12) tanks;
• 13,480 (+25) armoured combat vehicles;
• 17,260 (+44) artillery systems;
• 990 (+1) multiple rocket launch systems;
• 745 (+0) air defence systems;
• 347 (+0) aircraft;
• 325 (+0) helicopters;
• 12,410 (+38) operational-tactical UAVs;
• 2,120 (+3) cruise missiles;
• 27 (+0) warships / boats;
• 1 (+0) submarine;
• 20,330 (+61) vehicles and fuel tanks;
• 2,415 (+6) special equipment.

The figures could not be verified independently.
"""

FULL_LIST_TOTALS = {
    "personnel": 488_150,
    "tanks": 7_015,
    "afv": 13_480,
    "artillery": 17_260,
    "mlrs": 990,
    "air_defense": 745,
    "aircraft": 347,
    "helicopters": 325,
    "drones": 12_410,
    "cruise_missiles": 2_120,
    "ships": 27,
    "submarines": 1,
    "vehicles": 20_330,
    "special_equipment": 2_415,
}
FULL_LIST_CHANGES = {
    "personnel": 960,
    "tanks": 12,
    "afv": 25,
    "artillery": 44,
    "mlrs": 1,
    "drones": 38,
    "cruise_missiles": 3,
    "vehicles": 61,
    "special_equipment": 6,
}


@pytest.mark.parametrize("line_end", ["\n", "\r\n"])
def test_a_full_list_in_a_short_article(line_end: str) -> None:
    """A dated article with a headline, a lead and a 14-row list: every total since the
    invasion, every non-zero change of the day, all the General Staff's, as of the dateline
    (no published date given)."""
    claims = run(FULL_LIST.replace("\n", line_end), published=None)
    totals = {c.metric: c.value for c in claims if c.period == "cumulative" and c.value != 488_000}
    assert totals == FULL_LIST_TOTALS
    changes = {c.metric: c.value for c in claims if c.period == "window"}
    assert changes == FULL_LIST_CHANGES
    assert {c.claimant for c in claims} == {GS}
    assert {c.as_of for c in claims} == {REPORT_DAY}
    assert all(c.period_start == dt.date(2022, 2, 24) for c in claims if c.period == "cumulative")
    # the headline's rounded 488,000 is its own claim; the lead's total and the list's first
    # row are one
    headline = [c for c in claims if c.value == 488_000]
    assert len(headline) == 1 and headline[0].qualifier == "at_least"
    assert sum(1 for c in claims if c.value == 488_150) == 1


@pytest.mark.parametrize(
    "lead",
    [
        "The General Staff of the Armed Forces of Ukraine reported Russia's losses as follows.",
        "The General Staff of the Armed Forces of Ukraine reported the following Russian losses "
        "since the invasion began.",
    ],
)
def test_a_list_opened_without_a_colon(lead: str) -> None:
    """A sentence that speaks of losses opens the list on the next line, colon or not."""
    claims = run(lead + "\n\n• 6,340 (+7) tanks;\n• 2,915 (+11) drones;\n")
    got = {(c.metric, c.value, c.period) for c in claims}
    assert got == {
        ("tanks", 6_340, "cumulative"),
        ("tanks", 7, "window"),
        ("drones", 2_915, "cumulative"),
        ("drones", 11, "window"),
    }
    assert {c.claimant for c in claims} == {GS}
