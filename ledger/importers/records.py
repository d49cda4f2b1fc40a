"""The shape of a JSON data file: an array of objects, each dated once, holding whole counts.

Owns: `Where` (which record of which file a refusal is about, and the one-line refusal),
`dated_records` (array, object, ISO date, no date twice), `count` (whole numbers in a signed
64-bit range), and the `kind` / `short` wording of error messages. Knows nothing of what the
keys mean: that is the format's business (`gs_daily`). Imports: the standard library and
`ledger.errors` only.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from typing import NoReturn

from ledger.errors import InvalidInput

__all__ = ["JsonRecord", "Where", "count", "dated_records", "kind", "short"]

JsonRecord = dict[str, object]
"""One JSON object of a data file, as parsed: its values are checked where they are read."""

_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_MAX_COUNT = 2**63 - 1


@dataclass(frozen=True)
class Where:
    """Which record of which file a message is about."""

    file: str
    index: int
    day: date | None = None

    def refuse(self, message: str) -> NoReturn:
        """Raise InvalidInput: one line naming the file, the record (1-based) and its date."""
        on = f" ({self.day.isoformat()})" if self.day else ""
        raise InvalidInput(f"{self.file} record {self.index}{on}: {message}")


def dated_records(
    records: object, file: str, *, earliest: date, earliest_is: str
) -> Iterator[tuple[int, JsonRecord, date]]:
    """Yield (1-based index, record, date) after checking shape, dates and duplicates.

    A date before `earliest` is refused, saying it is before `earliest_is` (e.g. "the invasion").
    """
    if not isinstance(records, list):
        raise InvalidInput(f"{file}: expected a JSON array of objects, got {kind(records)}")
    seen: dict[date, int] = {}
    for index, record in enumerate(records, start=1):
        where = Where(file, index)
        if not isinstance(record, dict):
            where.refuse(f"expected an object, got {kind(record)}")
        day = _record_date(record, where, earliest, earliest_is)
        if day in seen:
            Where(file, index, day).refuse(f"duplicate date (also record {seen[day]})")
        seen[day] = index
        yield index, record, day


def _record_date(record: JsonRecord, where: Where, earliest: date, earliest_is: str) -> date:
    """Return the record's `date`: an ISO calendar date on or after `earliest`."""
    if "date" not in record:
        where.refuse("no 'date'")
    text = record["date"]
    if not isinstance(text, str) or not _ISO_DATE.match(text):
        where.refuse(f"'date' is not YYYY-MM-DD: {short(text)}")
    try:
        day = date.fromisoformat(text)
    except ValueError:
        where.refuse(f"'date' is not a calendar date: {short(text)}")
    if day < earliest:
        where.refuse(f"'date' {text} is before {earliest_is} ({earliest.isoformat()})")
    return day


def count(value: object, key: str, where: Where, *, signed: bool) -> int:
    """Return a whole count; bools, floats, strings and out-of-range numbers are refused."""
    if isinstance(value, bool) or not isinstance(value, int):
        where.refuse(f"{short(key)} is not a whole number: {short(value)}")
    if not signed and value < 0:
        where.refuse(f"{short(key)} is negative: {value}")
    if abs(value) > _MAX_COUNT:
        where.refuse(f"{short(key)} is out of range: {short(value)}")
    return value


def kind(value: object) -> str:
    """Name a JSON value's type the way a user sees it in the file."""
    names = {dict: "an object", list: "an array", str: "a string", bool: "a boolean"}
    if value is None:
        return "null"
    if isinstance(value, bool):
        return names[bool]
    if isinstance(value, int | float):
        return "a number"
    return names.get(type(value), type(value).__name__)


def short(value: object, limit: int = 60) -> str:
    """Return a one-line repr, cut to `limit` characters, for error messages."""
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"
