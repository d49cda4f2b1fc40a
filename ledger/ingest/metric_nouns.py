"""Metric nouns: which metric a number counts, from the noun written after it or before it.

Owns `forward_metric` (the noun a few words after a number: "174,550 troops", "56 artillery
systems"), `mixed_list_end` (a list of other nouns the same figure counts: "3 thousand tanks,
armored vehicles and drones") and `lookback_metric` (the noun named before the number in its
clause: "tanks – 251", "the death toll stood at 315,000"), and `losses_lookback` (a side's
"losses" named before a figure with no noun: "Russian losses amounted to 35,000" counts
people; the rule `SIDE_LOSSES` of `METRIC_RULES`), and `COORDINATED` (the next figure of
a pair joined by "and" counts what the first counts), `reaching_lookback` (a clause going on
from one that names the metric: "rose, hitting 35,000", "peaked, with 1,520 destroyed").
Imports: `events.claims`, `cues`, `numbers`, `rules`, `rx`.
"""

from __future__ import annotations

import re

from events.vocabulary import Metric
from ledger.ingest.cues import LOSS, METRIC_ANY, longest_metric, strip_qualifier
from ledger.ingest.numbers import words_to_int
from ledger.ingest.rules import Rule, registry
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
# (a slash standing alone or a bar separates the items of a list, "... (+12) / Tanks: ...")
_WORD_RE = guarded(r"(?!/(?:\s|$))[^\s,;:.!?()\[\]\"“”|]+")
_CLAUSE_BREAK = guarded(r"[,;:.!?()\[\]\"“”|]|\s[-–—/]\s|\s/$|^/\s")
_LOWER = re.compile(r"[a-z]")
# A mixed list after a figure: "3 thousand tanks, armored vehicles, helicopters and drones".
_MIXED_SEP = re.compile(r"\s*(?:,\s*(?:and\s+)?|\s+(?:and|or)\s+)")
_LIST_WORD = re.compile(r"[A-Za-z][\w'’-]*\s+")
_LOOKBACK_SEP = guarded(
    r"(?:[-–—:=]|\b(?:at|to|of|reached|reaching|totall?ed|totall?ing|numbered|exceeded|exceeds?|surpassed|surpass(?:es)?|"
    r"passed|topped|is|was|were|are|be|stands at|stood at|amounted to|amounting to|rose to|"
    r"approaching|nearing|hitting|hit|reaching|topping|exceeding|surpassing|ranges?|ranged|"
    r"ranging|var(?:y|ies|ied)|approach(?:es|ed)|near(?:s|ed)|"
    r"climbed to|increased to|reach|reaches)"
    # a mark passed, named as one ("casualties have passed the 250,000 mark")
    r"|\b(?:pass(?:e[sd])?|surpass(?:e[sd])?|cross(?:e[sd])?|tops?|topped|exceed(?:s|ed)?|broke|"
    r"breached|reached|hit) the"
    # "losses are now over a million": the verb, then a word of time
    r"|\b(?:is|are|was|were|stands?|stood) (?:now|already|still)(?: at)?)\s*$",
    _I,
)


SIDE_LOSSES = Rule(
    "side-losses-count-people",
    'A side\'s "losses" with no noun of what ("Russian losses amounted to about 35,000", '
    '"estimated Ukrainian losses at 444,000"), or a rate of losses ("an average daily loss '
    'rate of 1,500", "daily losses ranged from 170 to 560"): people lost.',
    guarded(
        r"\b(?:(?:Russian|Russia['’]s|Ukrainian|Ukraine['’]s|enemy|the enemy['’]s|Moscow['’]s|"
        r"Kyiv['’]s)\s+(?:(?:total|overall|military|combat|troop|personnel|daily|monthly)\s+){0,2}"
        r"losses|(?:average\s+)?(?:daily|monthly|weekly)\s+(?:losses|loss rates?)|"
        r"average\s+loss(?:es| rates?))\b",
        re.IGNORECASE,
    ),
    "Russian military losses at ",
    "Russian equipment losses at ",
    ("losses",),
)
LOSSES_SEP = Rule(
    "side-losses-verb",
    "Between a side's losses and the figure: a verb of reaching or a separator ends the phrase "
    '("amounted to", "exceeded", "at", ":").',
    guarded(
        r"(?:[-–—:=]|\b(?:at|to|reached|reaching|hitting|topping|exceeding|totall?ed|numbered|"
        r"exceeded|exceed|"
        r"surpassed|passed|"
        r"topped|were|are|stand at|stood at|amounted to|rose to|climbed to|reach|reaches|of|from)"
        # a mark passed, named as one ("losses passed the 300,000 mark")
        r"|\b(?:pass(?:e[sd])?|surpass(?:e[sd])?|cross(?:e[sd])?|tops?|topped|exceed(?:s|ed)?|"
        r"broke|breached|reached|hit) the"
        r"|\b(?:is|are|was|were|stands?|stood) (?:now|already|still)(?: at)?)\s*$",
        re.IGNORECASE,
    ),
    "Russian losses amounted to",
    "Russian losses in the south",
)
MODEL = Rule(
    "model-designation",
    'A model\'s designation ("X-101", "Tu-22M", "Kh-555"): it describes the noun after it.',
    guarded(r"[A-Z][A-Za-z]{0,3}-\d{1,4}[A-Za-z\d]*(?:/[A-Z][A-Za-z]{0,3}-\d{1,4}[A-Za-z\d]*)?"),
    "Tu-22M",
    "tu22",
)
OF_THOSE = Rule(
    "part-of-those-noun",
    'A part of a set the text names again ("15 of those missiles", "returned 303 of its '
    'servicemen"): the figure counts the noun after the pointer word.',
    guarded(r"\s+of\s+(?:those|these|its|their|our)\s+", re.IGNORECASE),
    " of those missiles",
    " of them",
)
RATE_BEFORE_NOUN = Rule(
    "rate-before-noun",
    'A rate written before its noun ("983 per day killed and wounded", "120 a day dead"): the '
    "figure counts the noun after the rate.",
    guarded(r"\s+(?:per|a|each|every)\s+(?:day|week|month)\s+(?=[a-z])", re.IGNORECASE),
    " per day killed and wounded",
    " per day, ",
)
COORDINATED = Rule(
    "coordinated-figure",
    'The next figure of a pair joined by "and" ("312 in May and 275 in October", "980 over the '
    'past day and 512,000 since the invasion"): what the first counts.',
    guarded(
        r"^(?:\s+(?:(?:in|on|during|for|at|by|over|within|across|throughout|since)"
        r"(?:\s+(?:the\s+)?[\w'’-]+){1,3}|overnight|yesterday|today))?,?\s+and\s+"
        # "13,500 in March, and in April 12,800": the second item's time before its number
        r"(?:(?:in|on|during|for|over|within|since)(?:\s+(?:the\s+)?[\w'’-]+){1,2},?\s+)?$",
        _I,
    ),
    " in May and ",
    " tanks and captured ",
)
GOES_ON_REACHING = Rule(
    "goes-on-reaching",
    'A clause that goes on with a participle of reaching ("losses rose, hitting 35,000 in July"): '
    "what it reached is what the clause before names.",
    guarded(
        r"^\s*(?:hitting|reaching|topping|exceeding|surpassing|passing|totall?ing|"
        r"(?:climbing|rising|amounting) to)\b",
        _I,
    ),
    " hitting over ",
    " hit over ",
)
GOES_ON_WITH = Rule(
    "goes-on-with",
    'A clause of losses that goes on with "with" and the figure ("artillery losses peaked in '
    'May, with 1,520 destroyed"): the figure counts what the clause before names.',
    guarded(r"^\s*with\s*$", _I),
    " with ",
    " without ",
)
METRIC_RULES = registry(
    SIDE_LOSSES,
    LOSSES_SEP,
    MODEL,
    OF_THOSE,
    RATE_BEFORE_NOUN,
    COORDINATED,
    GOES_ON_REACHING,
    GOES_ON_WITH,
)


def losses_lookback(text: str, clause_start: int, num_start: int, clause_end: int) -> int | None:
    """Where a side's "losses" start, named before a figure that counts people ("Russian
    losses amounted to around 35,000"), else None: the clause names no other metric noun, and
    at most ten words stand between."""
    before = text[clause_start:num_start]
    m = None
    for found in SIDE_LOSSES.pattern.finditer(before):
        m = found  # the last one before the figure
    if m is None or len(before[m.end() :].split()) > 10:
        return None
    stripped = strip_qualifier(before.rstrip()).rstrip()
    sep_ok = LOSSES_SEP.search(stripped) or LOSSES_SEP.search(before.rstrip())
    if not sep_ok or METRIC_ANY.search(text, clause_start, clause_end):
        return None
    return clause_start + m.start()


def reaching_lookback(
    text: str, prev_start: int, clause_start: int, num_start: int
) -> tuple[Metric, int] | None:
    """ "Russian casualties rose sharply, hitting 35,000": the metric, or a side's losses
    (people), the clause before names, when the figure's clause goes on from it with a
    participle of reaching; else None."""
    lead = strip_qualifier(text[clause_start:num_start].rstrip())
    if prev_start >= clause_start:
        return None
    if GOES_ON_WITH.pattern.search(lead + " ") and LOSS.search(text, prev_start, clause_start):
        found = _last_metric(text, prev_start, clause_start)
        if found is not None and len(text[found[1] : num_start].split()) <= 12:
            return found
    if not GOES_ON_REACHING.pattern.search(text[clause_start:num_start]):
        return None
    found = lookback_metric(text, prev_start, num_start)
    if found is not None:
        return found
    losses = losses_lookback(text, prev_start, num_start, num_start)
    return ("personnel", losses) if losses is not None else None


def _last_metric(text: str, start: int, end: int) -> tuple[Metric, int] | None:
    """The last metric noun in text[start:end] and where it starts, else None."""
    best: tuple[Metric, int] | None = None
    last_end = -1
    for m in METRIC_ANY.finditer(text, start, end):
        if m.start() < last_end:
            continue
        found = longest_metric(text, m.start())
        if found:
            best, last_end = (found[0], m.start()), found[1]
    return best


def lead_rule(text: str, pos: int, limit: int) -> str | None:
    """The name of the rule that let `forward_metric` look past a pointer or a rate, else None."""
    for rule in (OF_THOSE, RATE_BEFORE_NOUN):
        if rule.match(text, pos, limit):
            return rule.name
    return None


def forward_metric(text: str, pos: int, limit: int) -> tuple[Metric, int, int] | None:
    """The metric noun shortly after a number: (metric, noun start, noun end), else None; a
    pointer to a set ("of those") or a rate ("per day") may stand between."""
    quote = text[pos : pos + 2]  # lost “three thousand” tanks; downed 67 “air targets”
    if quote in ('" ', "” ", ' "', " “"):
        pos += 1 if quote[0] != " " else 2
    skip = OF_THOSE.match(text, pos, limit) or RATE_BEFORE_NOUN.match(text, pos, limit)
    if skip is not None:
        pos = skip.end()
    model = False  # the word before was a model's designation ("X-101")
    for words, m in enumerate(_WORD_RE.finditer(text, pos, limit)):
        between = text[pos : m.start()]
        if _CLAUSE_BREAK.search(between):
            return None
        found = longest_metric(text, m.start())
        if found:
            return found[0], m.start(), found[1]
        word = m.group(0).lower()
        if model and word in ("and", "or") and MODEL.match(text, m.end() + 1, limit):
            pos = m.end()  # "33 missiles": two models of one noun
            continue
        model = bool(MODEL.pattern.fullmatch(m.group(0)))
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


def _noun_then_qualifier(text: str, clause_start: int, stripped: str, before: str) -> bool:
    """ "total casualties around 30,000": a qualifier stands right after the noun."""
    if len(stripped) == len(before.rstrip()):
        return False  # no qualifier before the number
    end = clause_start + len(stripped)
    word = stripped.rsplit(None, 1)[-1] if stripped.strip() else ""
    found = longest_metric(text, end - len(word)) if word else None
    return found is not None and found[1] == end


def lookback_metric(text: str, clause_start: int, num_start: int) -> tuple[Metric, int] | None:
    """A metric noun named before the number in its clause ("tanks – 251", "dead at 315,000")."""
    before = text[clause_start:num_start]
    stripped = strip_qualifier(before.rstrip()).rstrip()
    if not (
        _LOOKBACK_SEP.search(stripped)
        or _LOOKBACK_SEP.search(before.rstrip())
        or _noun_then_qualifier(text, clause_start, stripped, before)
    ):
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
