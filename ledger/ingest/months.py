"""The months: the one table of their names, short forms and numbers.

Owns `MONTH_FORMS` (each month's full name and short forms, in the calendar's order),
`MONTHS` (every form, lower case, to its number) and `MONTH_NAMES` (the full names as a regex
alternation); the case-insensitive regex of any form is `lexicon.MONTH`. Read by the
extractor (`dates`, `period_*`, `counts`) and by the readers (`written_dates`). Imports: none.
"""

from __future__ import annotations

__all__ = ["MONTHS", "MONTH_FORMS", "MONTH_NAMES"]

# The months, each its full name and its short forms (a longer form before a shorter one
# that starts it: "Sept" before "Sep"), in the calendar's order.
MONTH_FORMS: tuple[tuple[str, ...], ...] = (
    ("January", "Jan"),
    ("February", "Feb"),
    ("March", "Mar"),
    ("April", "Apr"),
    ("May",),
    ("June", "Jun"),
    ("July", "Jul"),
    ("August", "Aug"),
    ("September", "Sept", "Sep"),
    ("October", "Oct"),
    ("November", "Nov"),
    ("December", "Dec"),
)
# Every form of a month, lower case, and its number ("sept" -> 9).
MONTHS: dict[str, int] = {
    form.lower(): number for number, forms in enumerate(MONTH_FORMS, start=1) for form in forms
}
# The full names as a regex alternation ("January|February|...|December").
MONTH_NAMES = "|".join(forms[0] for forms in MONTH_FORMS)
