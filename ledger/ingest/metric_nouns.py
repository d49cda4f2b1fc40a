"""Metric nouns: which metric a number counts, from the noun written after it or before it.

Owns `forward_metric` (the noun a few words after a number: "174,550 troops", "56 artillery
systems"), `mixed_list_end` (a list of other nouns the same figure counts: "3 thousand tanks,
armored vehicles and drones") and `lookback_metric` (the noun named before the number in its
clause: "tanks – 251", "the death toll stood at 315,000"). Imports: `events.claims`, `cues`,
`numbers`, `rx`.
"""

from __future__ import annotations

import re

from events.claims import Metric
from ledger.ingest.cues import METRIC_ANY, longest_metric, strip_qualifier
from ledger.ingest.numbers import words_to_int
from ledger.ingest.rx import guarded

_I = re.IGNORECASE

# Words that end the search for a noun after a number ("40 tanks in ...": "in" stops it).
_STOP_WORDS = frozenset(
    [
        "and",
        "or",
        "in",
        "on",
        "at",
        "since",
        "from",
        "to",
        "by",
        "were",
        "was",
        "had",
        "have",
        "has",
        "are",
        "is",
        "be",
        "been",
        "per",
        "over",
        "during",
        "with",
        "while",
        "after",
        "before",
        "that",
        "which",
        "who",
        "than",
        "as",
        "for",
        "this",
        "these",
        "those",
        "but",
        "if",
        "it",
        "they",
        "there",
        "when",
        "where",
        "because",
        "including",
    ]
)
_WORD_RE = guarded(r"[^\s,;:.!?()\[\]\"“”]+")
_CLAUSE_BREAK = guarded(r"[,;:.!?()\[\]\"“”]|\s[-–—]\s")
_LOWER = re.compile(r"[a-z]")
# A mixed list after a figure: "3 thousand tanks, armored vehicles, helicopters and drones".
_MIXED_SEP = re.compile(r"\s*(?:,\s*(?:and\s+)?|\s+(?:and|or)\s+)")
_LIST_WORD = re.compile(r"[A-Za-z][\w'’-]*\s+")
_LOOKBACK_SEP = guarded(
    r"(?:[-–—:=]|\b(?:at|to|of|reached|reaching|totall?ed|totall?ing|numbered|exceeded|surpassed|"
    r"passed|topped|is|was|were|are|be|stands at|stood at|amounted to|amounting to|rose to|"
    r"approaching|nearing|hitting|hit|reaching|"
    r"climbed to|increased to))\s*$",
    _I,
)


def forward_metric(text: str, pos: int, limit: int) -> tuple[Metric, int, int] | None:
    """The metric noun shortly after a number: (metric, noun start, noun end), else None."""
    for words, m in enumerate(_WORD_RE.finditer(text, pos, limit)):
        between = text[pos : m.start()]
        if _CLAUSE_BREAK.search(between):
            return None
        found = longest_metric(text, m.start())
        if found:
            return found[0], m.start(), found[1]
        word = m.group(0).lower()
        # a model number ("M777", "D-30") describes the noun; another figure ends the search
        if word in _STOP_WORDS or (word[:1].isdigit() and not _LOWER.search(word)):
            return None
        if words >= 4:
            return None
        pos = m.end()
    return None


def mixed_list_end(text: str, pos: int, limit: int) -> int | None:
    """Where a list of two or more other metric nouns after a figure's noun ends ("tanks,
    armored vehicles, helicopters and drones": one figure counts them all), else None."""
    metrics: set[str] = set()
    while (sep := _MIXED_SEP.match(text, pos, limit)) is not None:
        p, found = sep.end(), None
        for _ in range(3):  # a noun may carry up to two words before it ("military vehicles")
            found = longest_metric(text, p)
            word = None if found else _LIST_WORD.match(text, p, limit)
            if word is not None and (
                word.group(0).strip().lower() in ("a", "an", "the") or words_to_int(word.group(0))
            ):
                return None  # "one tank, three armored vehicles and a truck": counts of each
            if found or word is None:
                break
            p = word.end()
        if not found or found[1] > limit:
            break
        metrics.add(found[0])
        pos = found[1]
    return pos if len(metrics) >= 2 else None


def lookback_metric(text: str, clause_start: int, num_start: int) -> tuple[Metric, int] | None:
    """A metric noun named before the number in its clause ("tanks – 251", "dead at 315,000")."""
    before = text[clause_start:num_start]
    stripped = strip_qualifier(before.rstrip()).rstrip()
    if not (_LOOKBACK_SEP.search(stripped) or _LOOKBACK_SEP.search(before.rstrip())):
        return None
    best: tuple[Metric, int] | None = None
    last_end = -1
    for m in METRIC_ANY.finditer(text, clause_start, clause_start + len(stripped)):
        if m.start() < last_end:
            continue
        found = longest_metric(text, m.start())
        if found:
            best, last_end = (found[0], m.start()), found[1]
    if best is None:
        return None
    gap = text[best[1] : num_start]
    if len(gap.split()) > 12:
        return None
    return best
