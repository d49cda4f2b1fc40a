"""Written dates: a publication date as bylines, datelines and page metadata write it.

Owns `search_date` (the first calendar date written in a line: "April 2, 2023", "2 April
2023", "2023-04-02", "02.04.2023", with where it was found), `parse_iso_date` ("YYYY-MM-DD"
or an ISO datetime) and `WEEKDAYS` (the weekday names a dateline may carry). The
extractor's own reading of dates in running text is `dates.py`. Imports: `months`.
"""

from __future__ import annotations

import datetime
import re

from ledger.ingest.months import MONTHS as _MONTHS

_MONTH = "|".join(sorted(_MONTHS, key=len, reverse=True))
WEEKDAYS = (
    "monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tue|tues|wed|thu|thur|thurs|"
    "fri|sat|sun"
)
_DATE_PATTERNS = (
    # 2023-04-02, also the date of 2023-04-02T15:43:00+03:00
    re.compile(
        r"(?<![\d-])(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})"
        r"(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?(?![\d])"
    ),
    # April 2, 2023 / Apr. 2, 2023 / October 4 2022 / Tuesday, October 4 2022
    re.compile(
        rf"\b(?P<mon>{_MONTH})\.?\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y>\d{{4}})\b",
        re.IGNORECASE,
    ),
    # 2 April 2023 / 2nd of April, 2023
    re.compile(
        rf"\b(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<mon>{_MONTH})\.?,?\s+(?P<y>\d{{4}})\b",
        re.IGNORECASE,
    ),
    # 02.04.2023, the day-first form Ukrainian official sources use
    re.compile(r"(?<![\d.])(?P<d>\d{1,2})\.(?P<m>\d{1,2})\.(?P<y>\d{4})(?![\d])"),
)


def search_date(text: str) -> tuple[datetime.date, tuple[int, int]] | None:
    """Return the first valid calendar date written in `text`, with where it was found."""
    best: tuple[datetime.date, tuple[int, int]] | None = None
    for pattern in _DATE_PATTERNS:
        for match in pattern.finditer(text):
            if best is not None and match.start() >= best[1][0]:
                break
            parts = match.groupdict()
            month = int(parts["m"]) if parts.get("m") else _MONTHS[parts["mon"].lower()]
            try:
                value = datetime.date(int(parts["y"]), month, int(parts["d"]))
            except ValueError:
                continue  # "February 30, 2023" is not a date
            best = (value, match.span())
            break
    return best


def parse_iso_date(value: str) -> datetime.date:
    """Parse "YYYY-MM-DD" or an ISO 8601 datetime (its calendar date as written)."""
    value = value.strip()
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        return datetime.datetime.fromisoformat(value).date()
