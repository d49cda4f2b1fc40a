"""Weapon filters: the drones and missiles a loss sentence counts that were not brought down.

Owns the drop rules `filters` asks of figures of drones and missiles (`weapon_drop`): weapons
that struck or were launched ("25 drones struck Kyiv"), unless their clause says they were
downed; hits recorded ("hits by 27 drones were recorded"); and the weapons an attack was made
with ("attacked Ukraine with 14 missiles and 250 drones", "launched a record 90 drones");
and, for anything airborne, one someone only tried to bring down (`TRIED_TO_DOWN`, listed in
`WEAPON_RULES`). The others are listed in `filters.DROP_CUES`. Imports: `reading`, `rules`,
`rx`, `sentences`.
"""

from __future__ import annotations

import re

from ledger.ingest.reading import Reading
from ledger.ingest.rules import Rule, registry
from ledger.ingest.rx import guarded
from ledger.ingest.sentences import Sentence, clause_start

_I = re.IGNORECASE

_WEAPON_ACTS = guarded(
    r"\s+(?:\w+\s+)?(?:hit|struck|landed|exploded|targeted|attacked|slammed|reached|were launched|"
    r"was launched|launched|were fired|was fired|fired)\b",
    _I,
)

# "shot down three missiles and 25 drones fired by Russia", "25 drones fired by Russia were
# shot down": the launch words describe weapons the clause says were brought down.

_DOWNED_BEFORE = guarded(
    r"\b(?:shot down|downed|destroyed|intercepted|neutrali[sz]ed)\b(?![^,.;:]*\b(?:and|but)\s+"
    r"(?:launched|fired)\b)[^.;:–—]*\Z",
    _I,
)

_DOWNED_AFTER = guarded(
    r"^[^,.;:]{0,40}?\b(?:were|was|have been|had been)\s+(?:\w+\s+)?(?:shot down|downed|"
    r"destroyed|intercepted|neutrali[sz]ed)\b",
    _I,
)

WEAPONS_USED = Rule(
    "weapons-used",
    "Drones or missiles that struck or were launched, unless the clause says they were downed.",
    _WEAPON_ACTS,
    " struck the city overnight",
    " were shot down overnight",
)

HITS_RECORDED = Rule(
    "hits-recorded",
    'Drones or missiles that hit their targets ("hits by 27 drones were recorded", "the '
    'hitting of 8 UAVs"): weapons that got through, not downed.',
    guarded(r"\b(?:hits?|hitting|impacts?|strikes?)\s+(?:of|by)\s+(?:the\s+)?\Z", _I),
    "Hits by ",
    "Debris of ",
    ("hit", "impact", "strike"),
)

LAUNCHED_WITH = Rule(
    "launched-with",
    'Weapons an attack was made with ("attacked Ukraine with 14 missiles and 250 drones", '
    '"launched a record 90 drones"): launched, not downed, though the sentence may go on to '
    "the ones shot down.",
    guarded(
        r"\b(?:attack(?:ed|s|ing)?|struck|targeted)\s+(?:[\w'’-]+\s+){0,3}?with\s+"
        r"(?:[^.;:]{0,60}?\band\s+)?\Z|\b(?:launch(?:ed|es|ing)?|fired)\s+(?:(?:a|an|the|total of|"
        r"record|[“\"]record[”\"]|at least|overnight|some)\s+){0,3}\Z",
        _I,
    ),
    "Russia attacked Ukraine with ",
    "Russia shot down ",
    ("attack", "struck", "targeted", "launch", "fired"),
)

TRIED_TO_DOWN = Rule(
    "tried-to-down",
    'Drones, missiles or air targets someone tried to bring down ("died trying to shoot down '
    'seven aerial targets"): an attempt, not a tally of those downed.',
    guarded(
        r"\b(?:try|trying|tried|tries|attempt(?:s|ed|ing)?)\s+to\s+(?:shoot|bring|take)\s+down\s+"
        r"(?:[\w'’-]+\s+){0,2}\Z",
        _I,
    ),
    "lost his life while trying to shoot down ",
    "lost his life after he shot down ",
    ("try", "trying", "tried", "tries", "attempt"),
)
WEAPON_RULES = registry(TRIED_TO_DOWN)

_WEAPONS = ("drones", "cruise_missiles")


def weapon_drop(text: str, sent: Sentence, c: Reading) -> Rule | None:
    """The rule that drops a figure of drones or missiles not brought down, else None."""
    if c.metric in (*_WEAPONS, "other", "aircraft", "helicopters") and TRIED_TO_DOWN.search(
        text, max(sent.start, c.q_start - 50), c.q_start
    ):
        return TRIED_TO_DOWN
    if c.metric not in _WEAPONS:
        return None
    if _weapons_used(text, sent, c):
        return WEAPONS_USED
    if HITS_RECORDED.search(text, max(sent.start, c.q_start - 30), c.q_start):
        return HITS_RECORDED
    if LAUNCHED_WITH.search(text, max(sent.start, c.q_start - 110), c.q_start):
        return LAUNCHED_WITH
    return None


def _weapons_used(text: str, sent: Sentence, c: Reading) -> bool:
    """ "25 drones struck Kyiv": weapons launched, unless the clause says they were downed."""
    return bool(
        not c.part
        and WEAPONS_USED.match(text, c.q_end)
        and not _DOWNED_BEFORE.search(text, clause_start(text, sent, c.q_start), c.q_start)
        and not _DOWNED_AFTER.match(text[c.q_end : sent.end])
    )
