"""Period starts: the cues that date a window's first day ("since March 3", "since June").

Owns `START_CUES` ("since March 3", "since Monday", "since June", "since March 2, when it
reported ...", "the first update since March 2", and "in the Donetsk area", which makes a
total one front's), `FRONT_SCOPE`, `front_window` (losses in Kursk after August 2024: the
incursion's window), `since_cue` (the period a "since" gives a stretch of text) and
`from_the_invasion_day` (a window counted from the war's first day is the running total).
Imports: `cues`, `dates`, `lexicon` (a month's regex), `period_months`, `period_rules`,
`rules`, `rx`, `sentences`.
"""

from __future__ import annotations

import datetime as dt
import re

from ledger.ingest.cues import ATTR_VERBS
from ledger.ingest.dates import INVASION, WEEKDAYS, DatedAt, dates_in
from ledger.ingest.lexicon import MONTH
from ledger.ingest.period_months import first_of_month
from ledger.ingest.period_rules import Cue
from ledger.ingest.rules import Rule, registry, words
from ledger.ingest.rx import guarded
from ledger.ingest.sentences import Sentence

_I = re.IGNORECASE
# The words of a past report after "when" ("when the ministry reported", "when it stood at").
REPORTED = rf"(?:[\w'’.-]+\s+){{0,6}}?(?:{ATTR_VERBS}|stood|was put|were put|totall?ed)\b"

START_CUES = registry(
    Rule(
        "since-date",
        'Since a day named ("since March 3", "since Monday"): a window from that day, unless '
        'the day dates the report the figure is from ("since March 2, when it reported").',
        guarded(
            rf"\bsince\s+(?:{MONTH}\s+\d{{1,2}}|\d{{1,2}}\s+{MONTH}|"
            rf"(?:last )?(?:{'|'.join(WEEKDAYS)}))(?:st|nd|rd|th)?\b(?!,?\s+when\s+{REPORTED})",
            _I,
        ),
        "7,000 troops since Monday",
        "the first update since March 2, when it reported",
        words("since"),
    ),
    Rule(
        "since-month",
        'Since a month named without a day ("since June", "since March 2023"): a window from '
        "its first day (not February 2022, the invasion's month: see `period_rules`).",
        guarded(
            rf"\bsince\s+(?:the\s+(?:beginning|start)\s+of\s+|last\s+)?(?P<month>{MONTH})"
            rf"(?:\s+(?P<year>20\d\d))?\b(?!\.?\s*\d)(?!,?\s+when\s+{REPORTED})",
            _I,
        ),
        "lost 40,000 troops since June",
        "lost 40,000 troops since June 4",
        words("since"),
    ),
    Rule(
        "since-when-reported",
        'A day that dates a past report ("the first update since March 2, when it reported 498 '
        'dead"): the tally it gave then, cumulative.',
        guarded(
            rf"\bsince\s+(?:(?:late|early|mid-?)\s*)?(?:{MONTH}\s+\d{{1,2}}|\d{{1,2}}\s+{MONTH}|"
            rf"{MONTH}(?:\s+20\d\d)?)(?:st|nd|rd|th)?,?\s+when\s+{REPORTED}",
            _I,
        ),
        "the first update since late March when it said 1,300 had died",
        "since March 2, when the incursion began, Russia lost 6,000",
        words("when"),
    ),
    Rule(
        "update-since-day",
        'The day of the last report ("the first casualty update since March 2"): it says how '
        "long the speaker was silent, not where the figures start; the tally, cumulative.",
        guarded(
            r"\b(?:first|latest|last|only|previous|new)\s+(?:[\w-]+\s+){0,3}?(?:update|report|"
            r"figures?|count|toll|tally|briefing|announcement|statement|disclosure)s?\s+since\b",
            _I,
        ),
        "in the first major casualty update since March 2",
        "lost 1,300 troops since March 2",
        words("since"),
    ),
    Rule(
        "sum-of-a-front",
        '"Total losses in the Donetsk area": the sum of one front\'s fighting, not of the war.',
        guarded(
            r"\bin the (?:[\w-]+ ){1,3}(?:region|oblast|area|direction|sector|axis)\b"
            r"(?! of (?:ukraine|russia))",
            _I,
        ),
        "total losses in the southern Donetsk area were",
        "total losses in the war were",
        words("region|oblast|area|direction|sector|axis"),
    ),
)
_SINCE_DATE, _SINCE_MONTH, _SINCE_WHEN, _UPDATE_SINCE, FRONT_SCOPE = START_CUES

# The day Ukraine's forces crossed into Russia's Kursk region.
KURSK_START = dt.date(2024, 8, 6)
IN_KURSK = Rule(
    "kursk-incursion",
    'Losses "in Kursk" (the region, its oblast, the direction) told after August 2024: the '
    "window of the incursion and its fighting, not the war so far.",
    guarded(r"\b(?:in|into|from) (?:the )?Kursk\b(?! (?:city|airport|airfield|nuclear))", _I),
    "lost 60,000 servicemen in the Kursk region",
    "lost 60,000 servicemen near Kursk city",
    words("kursk"),
)
FRONT_RULES = registry(IN_KURSK)
_NEAR = 160  # how far from a figure its clause is read for the front


def front_window(text: str, q_start: int, q_end: int, as_of: dt.date | None) -> Cue | None:
    """The incursion's window of a figure (its quote at text[q_start:q_end]) whose clause
    puts its losses in Kursk, told after the incursion began; else None. Only the clause's
    stretch near the figure is read (cut at , ; : ( ), as `sentences` cuts a clause)."""
    if as_of is None or as_of < KURSK_START:
        return None
    before, after = text[max(0, q_start - _NEAR) : q_start], text[q_end : q_end + _NEAR]
    cut = max(before.rfind(m) for m in ",;:(") + 1
    ends = [i for i in (after.find(m) for m in ",;:()") if i >= 0]
    near = before[cut:] + text[q_start:q_end] + after[: min(ends, default=len(after))]
    if not IN_KURSK.pattern.search(near):
        return None
    return Cue("window", KURSK_START, IN_KURSK.name)


def since_cue(text: str, seg: str, start: int, dates: list[DatedAt], as_of: dt.date) -> Cue | None:
    """ "since March 3", "since Monday": a window from that day (not from the invasion's);
    "since March 2, when it reported": the tally of that day's report; "the first update
    since March 2": a tally, cumulative."""
    if "since" not in seg.lower():
        return None
    # read a little past the stretch: a clause cut at the comma of "since March 2, when"
    ahead = text[start : start + len(seg) + 80].replace("\n", " ")
    when = _SINCE_WHEN.search(ahead)
    if when and when.start() < len(seg):
        return Cue("cumulative", None, _SINCE_WHEN.name)
    update = _UPDATE_SINCE.search(ahead)
    if update and update.start() < len(seg):
        return Cue("cumulative", None, _UPDATE_SINCE.name)
    since = _SINCE_DATE.search(ahead)
    if since and since.end() <= len(seg):
        for pos, d, _ in dates:
            if start + since.start() <= pos <= start + since.end() and d != INVASION:
                return Cue("window", d, _SINCE_DATE.name)
    month = _SINCE_MONTH.search(ahead)
    if month and month.end() <= len(seg):
        first = first_of_month(month.group("month"), month.group("year"), as_of)
        if first is not None and first > INVASION:
            return Cue("window", first, _SINCE_MONTH.name)
    return None


def from_the_invasion_day(
    text: str, sent: Sentence, start: dt.date | None, named_start: bool, ref: dt.date
) -> bool:
    """Whether a window starts on the war's first day: its `start`, or, for a window cue that
    names a start (`named_start`), the invasion day its sentence names ("since the beginning
    of the full-scale invasion on February 24, 2022")."""
    if start == INVASION:
        return True
    return named_start and any(
        day == INVASION for _, day, _ in dates_in(text, sent.start, sent.end, ref)
    )
