"""Calendar windows: the rules that make a named month or year a figure's window.

Owns the rules of a month or a year ("killed in November", "in 2024", "in May alone",
"October's figures", "losses in February", "so far in April", "in the first half of 2024",
"since last summer", a clause that is only a month or a year: "In February, Russia lost
..."), `CALENDAR_CUES` (a fronted week, month or year that dates a statement when who said
it follows: "Last week, the ministry said ..."; the month or year a cue starts from),
`calendar_start` (the first day of the month or year a cue names) and `first_of_month`.
`period_rules` lists the window rules in `WINDOW_CUES`, `period_cues` the ones read right
after a figure's number. Imports: `cues`, `dates`, `lexicon` (a month's regex), `months`,
`rules`, `rx`.
"""

from __future__ import annotations

import datetime as dt
import re

from ledger.ingest.cues import ATTR_VERBS
from ledger.ingest.dates import month_number
from ledger.ingest.lexicon import MONTH
from ledger.ingest.months import MONTH_NAMES
from ledger.ingest.rules import Rule, registry, words
from ledger.ingest.rx import guarded

_I = re.IGNORECASE
# A month's full name, matched in its own case ("May", not "may").
_MONTH = rf"(?-i:{MONTH_NAMES})"
_YEAR = r"20[2-3]\d"
# A month or a year named: "May", "May 2024", "2024" (the start a window cue may name).
CALENDAR_NAME = rf"(?:{_MONTH}(?: {_YEAR})?|{_YEAR})\b"
_NOT_A_START = r"(?!\b(?:had|has|have|since|began|begun|started|launched|invaded|invasion)\b)"
_NOT_SAID = r"(?!,? (?:\w+ )?(?:said|says|reported|announced|claimed|stated))"

MONTH_AFTER_FIGURE = Rule(
    "month-after-figure",
    'A month or year after the figure ("killed in November", "lost 215,000 last year"); '
    "before it a month more often dates the statement.",
    guarded(
        rf"^(?:{_NOT_A_START}[^,.;:!?()]){{0,50}}?\b"
        rf"(?:(?:in|during|throughout) (?:the month of )?{_MONTH}(?: {_YEAR})?|"
        rf"(?:last|this|the past) year)\b{_NOT_SAID}",
        _I,
    ),
    " soldiers were killed in November",
    " soldiers since the invasion began in February",
)
YEAR_AFTER_FIGURE = Rule(
    "year-after-figure",
    'A calendar year after the figure ("lost 300,000 troops in 2025", "over the course of '
    "2024\"): that year's window.",
    guarded(
        r"^(?:(?!\b(?:had|has|have|since|began|begun|started|launched|invaded|invasion|war)\b)"
        rf"[^,.;:!?()]){{0,50}}?\b(?:in|during|throughout|over the course of|for) (?:the year )?"
        rf"(?P<year>{_YEAR})\b"
        rf"{_NOT_SAID}",
        _I,
    ),
    " troops in 2025",
    " troops since it invaded in 2022",
)
MONTH_ALONE = Rule(
    "month-alone",
    'One named month: "in March alone", "in the month of May".',
    guarded(rf"\bin (?:the month of )?{MONTH}(?: 20\d\d)? alone\b|\bin the month of {MONTH}\b", _I),
    "lost 30,000 troops in May alone",
    "lost 30,000 troops in May, when the war",
    words("alone|month"),
)
ONE_MONTH = Rule(
    "one-month",
    "A month said whole.",
    guarded(r"\bin (?:just |only )?(?:one|a single) month\b", _I),
    "lost 1,000 tanks in one month",
    "lost 1,000 tanks in one monthly report",
    words("month"),
)
MONTH_FIGURES = Rule(
    "month-figures",
    "A month's numbers said by the month's name (\"October's figures\", \"February's toll\").",
    guarded(rf"\b{_MONTH}['’]s (?:numbers|figures|toll|total|losses|tally)\b", _I),
    "up from February's numbers, when 41,000 fell",
    "up from February, when 41,000 fell",
    words("numbers|figures|toll|total|losses|tally"),
)
_LOSS_NOUN = r"losses|casualties|deaths|death toll|fatalities"
MONTH_LOSSES = Rule(
    "month-losses",
    'The losses of a month named with them ("Russian losses in October totalled", "casualties '
    'for May", "its February losses"): that month\'s window, wherever the figure stands.',
    guarded(
        rf"\b(?:{_LOSS_NOUN}) (?:in|for|during|throughout) (?:the month of )?{MONTH}"
        rf"(?: {_YEAR})?\b(?!\.? ?\d)|\b{_MONTH}(?: {_YEAR})? (?:{_LOSS_NOUN})\b",
        _I,
    ),
    "Russian casualties in February came to 33,000",
    "Russian casualties since February 24 came to 33,000",
    words("losses|casualties|deaths|toll|fatalities"),
)
SO_FAR_THIS_SPAN = Rule(
    "so-far-this-span",
    'Up to now within a month, a week or a year ("so far in April", "so far this year", "this '
    "month so far\"): that span's window, not the war so far.",
    guarded(
        rf"\bso far (?:in (?:the month of )?{_MONTH}|this (?:week|month|year)|in {_YEAR})\b|"
        rf"\b(?:this (?:week|month|year)|in {_MONTH}|in {_YEAR}) so far\b",
        _I,
    ),
    "lost 24,000 soldiers so far in April",
    "lost 24,000 soldiers so far in the war",
    words("so far"),
)
FRONTED_CALENDAR = Rule(
    "fronted-calendar",
    'A clause that is only a month or a year ("In February, Russia lost ...", "During 2024, '
    '..."): the window of the figures of the clause it heads.',
    guarded(
        r"^\W*(?:(?:in|during|throughout|over|for|over the course of|in the course of) "
        rf"(?:the month of |the year |the whole of |all of )?(?:{_MONTH}(?: {_YEAR})?|{_YEAR})|"
        r"(?:this|last) year)(?: alone)?\W*$",
        _I,
    ),
    "In February",
    "In February 24",
)
PART_OF_A_YEAR = Rule(
    "part-of-a-year",
    'A half or a quarter of a year ("in the first half of 2024", "during the third quarter"): '
    "that part's window.",
    guarded(
        r"\b(?:in|during|over|for|throughout) the (?:first|second|third|fourth|final|last) "
        rf"(?:half|quarter)(?: of (?:the year|this year|last year|{_YEAR}))?\b",
        _I,
    ),
    "lost 200,000 soldiers in the first half of 2024",
    "lost 200,000 soldiers in the first year of the war",
    words("half|quarter"),
)
SINCE_A_SEASON = Rule(
    "since-a-season",
    'Since a season ("since last summer", "since the autumn of 2023"): a window from then.',
    guarded(
        r"\bsince (?:(?:last|this|early|late|the) )?(?:summer|spring|autumn|fall|winter)\b",
        _I,
    ),
    "has lost 45,000 troops since last summer",
    "has lost 45,000 troops since the summit",
    words("since"),
)
FRONTED_POINT = Rule(
    "fronted-point",
    'A fronted week, month or year followed by who said what before the figure ("Last week, '
    'the General Staff said Russia had lost ..."): the time of the statement, not the '
    "figure's window.",
    guarded(
        r"^\W*(?:(?:earlier|later) )?(?:this|last|earlier this|late last|early last) "
        rf"(?:week|month|year)\W*$|^\W*in (?:(?:early|late|mid-?) ?)?(?:the month of )?"
        rf"(?:{_MONTH}(?: {_YEAR})?|{_YEAR})\W*$",
        _I,
    ),
    "Earlier this week",
    "Over the past week",
)
MILESTONE = Rule(
    "milestone",
    'A running total crossing a mark ("losses passed 600,000 in August", "the milestone of '
    '500,000 was passed in May"): the month dates the crossing, not a window.',
    guarded(r"\b(?:passed|surpassed|crossed|went past|milestone|mark|threshold)\b", _I),
    "Russia's losses passed 600,000 in August",
    "Russia's losses were 40,000 in August",
    words("passed|crossed|went past|milestone|mark|threshold"),
)
START_AFTER_POINT = Rule(
    "start-after-point",
    'A start told between a fronted month or year and the figure ("In 2022, Russia invaded; '
    "it has since lost ...\"): the point dates the start, not the figure's window.",
    guarded(r"\b(?:since|invaded|invasion|launched|began|begun|started)\b", _I),
    ", Russia launched its invasion, and since then it has lost ",
    ", Russia lost ",
    words("since|invaded|invasion|launched|began|begun|started"),
)
SAID_AFTER_POINT = Rule(
    "said-after-point",
    'Who said what between a fronted point and the figure ("In March, the ministry estimated '
    'that ..."): the point is the time of the statement.',
    guarded(rf"\b(?:{ATTR_VERBS})\b", _I),
    ", the ministry estimated that Russia had lost ",
    ", Russia lost ",
)
NAMED_START = Rule(
    "named-start",
    'The month or year a window cue names ("in May 2024", "since the start of 2025", "this '
    'year"): where the window starts.',
    guarded(
        rf"\b(?P<month>{_MONTH})\b(?:\s+(?P<year>{_YEAR}))?|\b(?P<y>{_YEAR})\b|"
        r"\b(?P<rel>last|this|the) year\b",
        _I,
    ),
    "since the start of 2025",
    "since the start of the incursion",
)
CALENDAR_CUES = registry(FRONTED_POINT, SAID_AFTER_POINT, START_AFTER_POINT, MILESTONE, NAMED_START)


def calendar_start(cue: str, as_of: dt.date) -> dt.date | None:
    """The first day of the month or year a cue names ("in May" -> 1 May of the last May up to
    as_of, "in 2023" -> 1 January 2023, "last year"), or None where it names neither (or a
    year still to come)."""
    m = NAMED_START.pattern.search(cue)
    if m is None:
        return None
    if m.group("month"):
        return first_of_month(m.group("month"), m.group("year"), as_of)
    if m.group("y"):
        first = dt.date(int(m.group("y")), 1, 1)
    else:
        first = dt.date(as_of.year - (m.group("rel").lower() == "last"), 1, 1)
    return first if first <= as_of else None


def first_of_month(name: str, year: str | None, as_of: dt.date) -> dt.date | None:
    """The first day of month `name` of `year`, else of the last such month before as_of."""
    number = month_number(name)
    if number is None:
        return None
    first = dt.date(int(year) if year else as_of.year, number, 1)
    return first.replace(year=first.year - 1) if first > as_of and not year else first
