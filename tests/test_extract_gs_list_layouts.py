"""The General Staff's list in every layout outlets print it: rows on their own lines under a
heading that names the source, or inline, separated by ";", "/", "|" or ",", noun first or
number first, with a hedge or "(+0)". A run of two or more "figure (+change)" items is a loss
list by its shape, loss word or not, and its items take the list's source, never a row's
label. The figures are made up for these tests.
"""

from __future__ import annotations

import datetime as dt

import pytest

from events.claims import Claim
from tests.samples import extract_text

REPORT_DAY = dt.date(2024, 5, 3)
GS = "General Staff of the Armed Forces of Ukraine"


def run(text: str) -> list[Claim]:
    return extract_text(text, published=REPORT_DAY)


def rows(text: str) -> set[tuple[str, int, str, str, str]]:
    return {(c.metric, c.value, c.qualifier, c.period, c.claimant) for c in run(text)}


def expected(*items: tuple[str, int, int, str]) -> set[tuple[str, int, str, str, str]]:
    """(metric, total, change, total's qualifier) -> the total's and the change's rows."""
    out = set()
    for metric, total, change, qualifier in items:
        out.add((metric, total, qualifier, "cumulative", GS))
        if change:
            out.add((metric, change, "exact", "window", GS))
    return out


THREE = expected(
    ("personnel", 501_220, 1_050, "exact"),
    ("tanks", 7_610, 9, "exact"),
    ("artillery", 12_845, 27, "exact"),
)
HEDGED = expected(
    ("personnel", 501_220, 1_050, "approx"),
    ("tanks", 7_610, 9, "exact"),
    ("artillery", 12_845, 27, "exact"),
)
ZERO = expected(("personnel", 501_220, 1_050, "exact"), ("aircraft", 369, 0, "exact"))

LAYOUTS = [
    # rows on their own lines under a heading that names the source
    (
        "Russian losses as of May 3, according to the General Staff:\n\n"
        "Personnel: 501,220 (+1,050)\nTanks: 7,610 (+9)\nArtillery systems: 12,845 (+27)\n",
        THREE,
    ),
    (
        "Russian losses as of May 3, according to the General Staff:\n\n"
        "Personnel — 501,220 (+1,050)\nTanks — 7,610 (+9)\nArtillery systems — 12,845 (+27)\n",
        THREE,
    ),
    (
        "The General Staff of the Armed Forces of Ukraine published its update:\n\n"
        "  • 501,220 (+1,050) military personnel;\n  • 7,610 (+9) tanks;\n"
        "  • 12,845 (+27) artillery systems.\n",
        THREE,
    ),
    # inline, noun first, with ";", "/", "|" or "," between the items
    (
        "According to the General Staff, personnel — about 501,220 (+1,050); tanks — 7,610 (+9); "
        "artillery systems — 12,845 (+27).",
        HEDGED,
    ),
    (
        "Ukraine's General Staff figures: Personnel: 501,220 (+1,050) / Tanks: 7,610 (+9) / "
        "Artillery systems: 12,845 (+27).",
        THREE,
    ),
    (
        "Ukraine's General Staff figures: Personnel: 501,220 (+1,050) | Tanks: 7,610 (+9) | "
        "Artillery systems: 12,845 (+27).",
        THREE,
    ),
    (
        "According to the General Staff, personnel - 501,220 (+1,050), tanks - 7,610 (+9), "
        "artillery systems - 12,845 (+27).",
        THREE,
    ),
    # inline, number first
    (
        "According to the General Staff: 501,220 (+1,050) personnel; 7,610 (+9) tanks; "
        "12,845 (+27) artillery systems.",
        THREE,
    ),
    (
        "The General Staff's count: 501,220 (+1,050) personnel / 7,610 (+9) tanks / 12,845 (+27) "
        "artillery systems.",
        THREE,
    ),
    (
        "The General Staff's count: 501,220 (+1,050) personnel, 7,610 (+9) tanks, 12,845 (+27) "
        "artillery systems.",
        THREE,
    ),
    (
        "Figures of the General Staff:\n\nPersonnel: 501,220 (+1,050)\r\nTanks: 7,610 (+9)\r\n"
        "Artillery systems: 12,845 (+27)\r\n",
        THREE,
    ),
    (
        "According to the General Staff:\n\n- personnel: about 501,220 (+1,050);\n"
        "- tanks: 7,610 (+9);\n- artillery systems: 12,845 (+27).\n",
        HEDGED,
    ),
    (
        "The General Staff's count: 501,220 personnel (+1,050), 7,610 tanks (+9), 12,845 "
        "artillery systems (+27).",
        THREE,
    ),
    (
        "The General Staff's count:\n\n501,220 personnel (+1,050)\n7,610 tanks (+9)\n"
        "12,845 artillery systems (+27)\n",
        THREE,
    ),
    # a day without losses
    (
        "According to the General Staff, personnel — 501,220 (+1,050); aircraft — 369 (+0).",
        ZERO,
    ),
    # prose
    (
        "Russia has lost 501,220 (+1,050) military personnel since the full-scale invasion, "
        "the General Staff said.",
        expected(("personnel", 501_220, 1_050, "exact")),
    ),
]


@pytest.mark.parametrize("line_end", ["\n", "\r\n"])
@pytest.mark.parametrize(("text", "want"), LAYOUTS)
def test_every_layout_gives_each_rows_total_and_change(
    text: str, want: set[tuple[str, int, str, str, str]], line_end: str
) -> None:
    """Each row: the cumulative total and the day's change (a window), the list's source's."""
    assert rows(text.replace("\n", line_end)) == want


@pytest.mark.parametrize(
    "text",
    [
        "Latest poll: Servant of the People 24 (+2); European Solidarity 17 (+1); Batkivshchyna "
        "9 (+0).",
        "Market prices: bread 38 (+2) hryvnias / milk 45 (+3) hryvnias / eggs 62 (+5) hryvnias.",
        "Ratings:\n\nKyiv: 1,204 (+12)\nLviv: 830 (+7)\nOdesa: 610 (+4)\n",
    ],
)
def test_a_list_of_changes_that_counts_no_loss_gives_nothing(text: str) -> None:
    """The shape alone is not enough: a list that names no loss metric is no loss list."""
    assert run(text) == []


def test_a_rows_label_is_never_its_speaker() -> None:
    """ "Tanks: 7,610 (+9)" under a heading that names no one: the article's source (here the
    publisher), never "Tanks"."""
    claims = run("Russian losses as of May 3:\n\nTanks: 7,610 (+9)\nDrones: 14,200 (+41)\n")
    assert {c.metric for c in claims} == {"tanks", "drones"}
    assert {c.claimant for c in claims} == {"example.com"}
