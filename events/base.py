"""The shared base of every event payload, and the field types they reuse.

Owns: `Event` (frozen, `extra="forbid"`), ISO-date and clean-text field types.
Imports: pydantic and the standard library only — never `ledger` or `cli`.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date
from typing import Annotated, Any, ClassVar

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field

_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _iso_date(value: Any) -> Any:
    """Accept only `YYYY-MM-DD` strings or `date` objects: no timestamps, no "2023-2-3"."""
    if isinstance(value, date):
        return value
    if isinstance(value, str) and _ISO_DATE.match(value):
        try:
            return date.fromisoformat(value)
        except ValueError as exc:
            raise ValueError(f"{value!r} is not a calendar date") from exc
    raise ValueError(f"expected an ISO date YYYY-MM-DD, got {value!r}")


def _clean_text(value: Any) -> Any:
    """Refuse control and bidirectional-override characters in names shown to users."""
    if not isinstance(value, str):
        return value
    if value.isprintable():  # no character of category C* (nor Z* but the space): the fast path
        return value.strip()
    for char in value:
        if char in "\n\t":
            continue
        if unicodedata.category(char) in {"Cc", "Cf"}:
            raise ValueError(f"contains the control character U+{ord(char):04X}")
    return value.strip()


IsoDate = Annotated[date, BeforeValidator(_iso_date)]
"""A calendar date written as ISO 8601 `YYYY-MM-DD`."""

Name = Annotated[str, BeforeValidator(_clean_text), Field(min_length=1, max_length=300)]
"""A short human name (claimant, publisher, actor): no control characters."""

BigText = Annotated[str, Field(max_length=5_000_000)]
"""An article's text; large, but bounded so one event cannot swamp the log."""


class Event(BaseModel):
    """Base of every event payload: immutable, and strict about unknown fields.

    `TYPE` is the stable, kebab-case name stored in the log; `SCHEMA_VERSION` is the
    version of this payload's shape. Older versions are upcast when read (`upcasters.py`).
    """

    model_config = ConfigDict(frozen=True, extra="forbid", str_max_length=5_000_000)

    TYPE: ClassVar[str]
    SCHEMA_VERSION: ClassVar[int] = 1
