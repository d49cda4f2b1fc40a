"""Office holders: whom "its governor", "the mayor", "the minister" stand for.

Owns `local_official` (an official named only by office: the person the article names with
that title before, else, for a regional or city office, the office of the place named before
it, "Governor of Border Oblast"; a minister named nowhere is left to his ministry) and its
rules, `LOCAL_OFFICIAL_RULES`. Imports: `rules`, `rx`.
"""

from __future__ import annotations

import re

from ledger.ingest.rules import Rule, registry
from ledger.ingest.rx import guarded

_I = re.IGNORECASE

# "its governor", "the regional governor", "the city's mayor": an office, not a name.
OFFICE_ONLY = Rule(
    "local-office-only",
    "A regional or city official named only by office (its governor, the mayor, the head of "
    "the region): the person the article names with that title, else the place's office.",
    guarded(
        r"^(?:(?:the|its|their)\s+)?(?:(?:region|oblast|province|city|town)['’]s\s+)?"
        r"(?:(?:regional|local|city|acting|defen[cs]e)\s+)?(?P<office>governor|mayor|minister|"
        r"head of (?:the )?(?:regional|oblast|city|military) (?:military )?administration)$",
        _I,
    ),
    "its governor",
    "its governor Ivan Petrov",
)
# "Governor Ivan Petrov", "the mayor, Olha Kravets,": the person holding the office.
HOLDER = Rule(
    "office-holder",
    "A person named right after a local office: who holds it.",
    re.compile(
        r"\b(?i:governor|mayor|administration|minister)\s*,?\s+(?P<name>[A-Z][a-z][\w'’-]{0,30}"
        r"(?:\s+[A-Z][\w'’-]{1,30}){1,2})"
    ),
    "Governor Ivan Petrov said",
    "the governor said",
)
# "the Border Oblast", "Example region": the place whose office it is.
PLACE = Rule(
    "office-place",
    "A region or city named before the office: the place it is the office of.",
    re.compile(
        r"\b(?P<place>(?:(?!(?:The|This|That|Its|Each|Every|Our)\b)[A-Z][\w'’-]{2,30}\s+){1,2}?)"
        r"(?P<kind>Oblast|oblast|"
        r"[Rr]egion|Krai|[Pp]rovince)\b"
    ),
    "shelling in the Border region overnight",
    "shelling in the region overnight",
)
LOCAL_OFFICIAL_RULES = registry(OFFICE_ONLY, HOLDER, PLACE)
_WINDOW = 1500


def local_official(np: str, text: str, pos: int) -> str | None:
    """The person or office "its governor" (at `pos` in `text`) stands for, or None when
    `np` is not a local office named only by its title."""
    m = OFFICE_ONLY.match(np) if len(np) < 90 else None
    if m is None:
        return None
    office = m.group("office").split()[0].lower()
    start = max(0, pos - _WINDOW)
    holders = [
        h.group("name")
        for h in HOLDER.pattern.finditer(text, start, pos)
        if office in h.group(0).lower() or office == "head"
    ]
    if holders:
        return holders[-1]
    if office == "minister":  # "the minister" named nowhere: the ministry (`claimant_names`)
        return None
    places = list(PLACE.pattern.finditer(text, start, pos))
    if not places:
        return None
    place = places[-1]
    where = " ".join(place.group("place").split())
    return f"{office.capitalize()} of {where} {place.group('kind').capitalize()}"
