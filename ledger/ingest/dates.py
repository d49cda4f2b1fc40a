"""Dates: the dates an article's sentences name, and the article's own date.

Owns `INVASION` (the first day of the full-scale war), `month_number`, `dates_in` (each
date in a stretch of text, with whether it starts a period: "since March 3"; weekdays and
year-less dates resolved against the reference date; a year-less 24 February that starts a
period is the invasion's; the end of a span and the day of a past report,
`START_DATE_CUES`, start none) and `first_full_date` (the first date with a year in the
story: a byline or dateline, the reference date of an article with none given).
Imports: `cues`, `lexicon` (a month's regex), `months`, `rules`, `rx`, `sentences`.
"""

from __future__ import annotations

import datetime as dt
import re

from ledger.ingest.cues import ATTR_VERBS
from ledger.ingest.lexicon import MONTH
from ledger.ingest.months import MONTHS
from ledger.ingest.rules import Rule, registry
from ledger.ingest.rx import guarded
from ledger.ingest.sentences import Sentence

_I = re.IGNORECASE

# A date found in a text: (its position, the date, whether it starts a period).
DatedAt = tuple[int, dt.date, bool]

INVASION = dt.date(2022, 2, 24)
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_DATE = guarded(
    rf"\b(?P<m1>{MONTH})\s+(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?\b(?:,?\s+(?P<y1>(?:19|20)\d\d)\b)?"
    rf"|\b(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<m2>{MONTH})(?:,?\s+(?P<y2>(?:19|20)\d\d)\b)?"
    r"|\b(?P<y3>20\d\d)-(?P<m3>\d\d)-(?P<d3>\d\d)\b"
    r"|\b(?P<wd>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b",
    _I,
)
_START_CUE = guarded(
    r"(?:since|from|began|begun|beginning|start(?:ed)?|invasion|launched|between)\W+(?:\w+\W+){0,4}$",
    _I,
)
_YEAR_DIGITS = re.compile(r"(?:19|20)\d\d")
WHEN_AFTER = Rule(
    "date-of-a-report",
    'A day followed by "when" ("since March 2, when it reported ..."): it dates the figure '
    "told after it and starts no period.",
    guarded(
        rf",?\s+when\s+(?:[\w'’.-]+\s+){{0,6}}?(?:{ATTR_VERBS}|stood|was put|were put|"
        r"totall?ed)\b",
        re.I,
    ),
    ", when the ministry reported",
    ", when the offensive began",
)
SPAN_END = Rule(
    "end-of-a-span",
    'The second day of a span ("between February 24 and April 17"): it ends the span.',
    re.compile(r"\b(?:and|to|until|till|through)\s+(?:the\s+)?$", re.I),
    "between February 24 and ",
    "between February 24 ",
)
START_DATE_CUES = registry(WHEN_AFTER, SPAN_END)


def month_number(name: str) -> int | None:
    """The number of a month named in full or short ("June", "Sept."), else None."""
    return MONTHS.get(name.lower().rstrip("."))


def _make_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def dates_in(text: str, start: int, end: int, ref: dt.date) -> list[DatedAt]:
    """Dates in text[start:end]: (position, date, is_a_start_date)."""
    out: list[DatedAt] = []
    for m in _DATE.finditer(text, start, end):
        d: dt.date | None = None
        year: str | None = None
        if m.group("wd"):
            back = (ref.weekday() - WEEKDAYS.index(m.group("wd").lower())) % 7
            d = ref - dt.timedelta(days=back)
        elif m.group("y3"):
            year = m.group("y3")
            d = _make_date(int(m.group("y3")), int(m.group("m3")), int(m.group("d3")))
        else:
            mon = (m.group("m1") or m.group("m2") or "").lower().rstrip(".")
            day = m.group("d1") or m.group("d2")
            year = m.group("y1") or m.group("y2")
            month = MONTHS.get(mon)
            if month is None or day is None:
                continue
            d = _make_date(int(year) if year else ref.year, month, int(day))
            if d and not year and d > ref + dt.timedelta(days=1):
                d = _make_date(ref.year - 1, month, int(day))
        if d is None:
            continue
        before = text[max(start, m.start() - 60) : m.start()]
        is_start = bool(_START_CUE.search(before))
        if is_start and (WHEN_AFTER.match(text, m.end(), end) or SPAN_END.search(before)):
            # "between February 24 and April 17": April 17 ends the span
            # "the first update since March 2, when it reported 498": the day dates the
            # figure told after it; it starts no period
            is_start = False
        elif is_start and not year and (d.month, d.day) == (2, 24) and ref >= INVASION:
            d = INVASION  # "since February 24", "between Feb. 24 and April 17": the invasion's day
        out.append((m.start(), d, is_start or d == INVASION))
    return out


def first_full_date(text: str, sentences: list[Sentence]) -> dt.date | None:
    """The first date with a year in the story (a byline or dateline), not a start date."""
    for sent in sentences[:40]:
        if not _YEAR_DIGITS.search(text, sent.start, sent.end):
            continue  # every date with a year holds one
        for m in _DATE.finditer(text, sent.start, sent.end):
            year = m.group("y1") or m.group("y2") or m.group("y3")
            if not year:
                continue
            found = dates_in(text, m.start(), m.end(), dt.date(int(year), 12, 31))
            if found and not found[0][2]:
                return found[0][1]
    return None
