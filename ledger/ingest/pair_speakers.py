"""Pair speakers: two spokesmen named together, each with his unit ("X of the East group and
Y of the Centre group said"), and the figure whose clause names one unit only: his.

Owns `split_pair` and `PAIR_RULES`. Imports: `cand`, `rules`, `rx`.
"""

from __future__ import annotations

import re

from ledger.ingest.cand import Cand
from ledger.ingest.rules import Rule, registry
from ledger.ingest.rx import guarded

_NAME = r"[A-Z][\w'’.-]+(?:\s+[A-Z][\w'’.-]+){1,3}"
# "Ivan Orlov of the East group and Petr Zuev of the South group said": names and units.
PAIR_WITH_UNITS = Rule(
    "pair-with-units",
    "Two named speakers joined by 'and', each with the unit he speaks for, before the verb.",
    guarded(
        rf"(?P<a>{_NAME})\s+(?:of|for|from)\s+(?:the\s+)?(?P<ua>[^,;:()\"“”]{{2,50}}?)\s+and\s+"
        rf"(?P<b>{_NAME})\s+(?:of|for|from)\s+(?:the\s+)?(?P<ub>[^,;:()\"“”]{{2,50}}?)\s+"
        r"(?:said|says|reported|told|stated|announced|added|claimed)\b"
    ),
    "Ivan Orlov of the East group and Petr Zuev of the South group said",
    "Ivan Orlov and Petr Zuev said",
)
# Where a figure's clause ends: a comma, a semicolon, "and", "while", "whereas".
CLAUSE_END = Rule(
    "pair-clause-end",
    "The end of one figure's clause in a list of figures (a comma, 'and', 'while').",
    guarded(r"[,;]|\s(?:and|while|whereas|but)\s", re.IGNORECASE),
    "up to 140 in the East group's zone and over 190",
    "up to 140 in the East group's zone",
)
PAIR_RULES = registry(PAIR_WITH_UNITS, CLAUSE_END)
_KEY = r"\b[A-Z][\w-]+"  # a unit's own word ("East", "Yug")


def split_pair(cands: list[Cand], text: str, starts: dict[int, tuple[int, int]]) -> None:
    """A figure credited to the pair whose clause names one speaker's unit only: his."""
    for c in cands:
        pair = c.claimant or ""
        if " and " not in pair or c.sent not in starts:
            continue
        s_start, s_end = starts[c.sent]
        m = PAIR_WITH_UNITS.pattern.search(text, s_start, min(s_end, c.q_start))
        if m is None or pair != _short(m.group("a"), m.group("b"), pair):
            continue
        ends = list(CLAUSE_END.pattern.finditer(text, m.end(), s_end))
        left = max([e.end() for e in ends if e.end() <= c.q_start] or [m.end()])
        right = min([e.start() for e in ends if e.start() >= c.q_end] or [s_end])
        clause = text[left:right]
        ka = set(re.findall(_KEY, m.group("ua"))) - set(re.findall(_KEY, m.group("ub")))
        kb = set(re.findall(_KEY, m.group("ub"))) - set(re.findall(_KEY, m.group("ua")))
        in_a = any(re.search(rf"\b{re.escape(k)}\b", clause) for k in ka)
        in_b = any(re.search(rf"\b{re.escape(k)}\b", clause) for k in kb)
        if in_a != in_b:
            a, b = pair.split(" and ", 1)
            c.claimant = a if in_a else b
            c.why["claimant"] = PAIR_WITH_UNITS.name


def _short(a: str, b: str, claimant: str) -> str:
    """The pair as credited ("Ivan Orlov and Petr Zuev", titles cut): `claimant` if its
    names end `a` and `b`, else ""."""
    x, _, y = claimant.partition(" and ")
    return claimant if a.endswith(x) and b.endswith(y) else ""
