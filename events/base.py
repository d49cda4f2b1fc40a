"""The shared base of every event payload, and the field types they reuse.

Owns: `Event` (frozen, `extra="forbid"`), ISO-date and clean-text field types.
Imports: pydantic and the standard library only — never `ledger` or `cli`.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date
from typing import Annotated, Any, ClassVar

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, ValidationInfo

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


STORED = {"stored": True}
"""The validation context of a payload read back from a log or an export: names are held to
the rule they were written under (no control characters but newline and tab), so an event
recorded by an earlier release still decodes and verifies byte for byte."""

_STORED_REFUSED = frozenset({"Cc", "Cf"})
_REFUSED = frozenset({"Cc", "Cf", "Zl", "Zp"})  # line and paragraph separators too
_SCRIPTS = ("LATIN", "CYRILLIC", "GREEK")
_WORD = re.compile(r"[^\W\d_]+")


def _script(char: str) -> str | None:
    name = unicodedata.name(char, "")
    return next((s for s in _SCRIPTS if name.startswith(s + " ")), None)


def mixed_script_word(name: str) -> str | None:
    """Describe the first word of `name` whose letters mix Latin, Cyrillic and Greek (how a
    homoglyph passes for another name: a Cyrillic "а" in "General"), or return None."""
    if name.isascii():
        return None
    for word in _WORD.findall(name):
        scripts: dict[str, str] = {}
        for char in word:
            script = _script(char)
            if script is not None:
                scripts.setdefault(script, char)
        if len(scripts) > 1:
            odd = [c for s, c in scripts.items() if s != "LATIN"] or list(scripts.values())
            marks = ", ".join(f"U+{ord(c):04X} {unicodedata.name(c, '?')}" for c in odd)
            return f"mixes {' and '.join(s.title() for s in scripts)} letters in {word!r} ({marks})"
    return None


def _clean_text(value: Any, info: ValidationInfo) -> Any:
    """Refuse control and bidirectional-override characters in names shown to users.

    New input is held to more: it is normalised (NFKC: a full-width or ligature letter is its
    plain one), may not hold a line break or tab, and no word may mix scripts. A stored
    payload (`STORED` context) keeps the rule it was written under.
    """
    if not isinstance(value, str):
        return value
    stored = bool(info.context and info.context.get("stored"))
    if not stored:
        value = unicodedata.normalize("NFKC", value)
    if not value.isprintable():  # a character of category C* or Z* (but the space)
        for char in value:
            if stored and char in "\n\t":
                continue
            if unicodedata.category(char) in (_STORED_REFUSED if stored else _REFUSED):
                raise ValueError(f"contains the control character U+{ord(char):04X}")
    if not stored and (mixed := mixed_script_word(value)) is not None:
        raise ValueError(mixed)
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

    model_config = ConfigDict(
        frozen=True, extra="forbid", str_max_length=5_000_000, defer_build=True
    )

    TYPE: ClassVar[str]
    SCHEMA_VERSION: ClassVar[int] = 1
