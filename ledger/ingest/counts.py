"""Counts: which numbers in a loss sentence count something, and which only look like it.

Owns `is_not_a_count`: dates ("March 3"), times, years and spans of years, model and design
numbers ("Project 22160"), money, percentages, ordinals, distances, strikes made ("663
artillery bombardments"), places struck ("26 personnel and military equipment hubs":
the rule `TARGETS`), ages ("aged 25": `AGE`), ranges of percentages ("40-60%":
`PERCENT_RANGE`), "one of" a group (`ONE_OF`) and the item numbers of a list ("1. 7,910
tanks").
Imports: `lexicon` (a month's regex), `metric_nouns`, `numbers`, `rules`, `rx`.
"""

from __future__ import annotations

import functools
import re

from ledger.ingest.lexicon import MONTH
from ledger.ingest.metric_nouns import forward_metric
from ledger.ingest.numbers import Number
from ledger.ingest.rules import Rule, registry
from ledger.ingest.rx import guarded

_I = re.IGNORECASE

_BAD_BEFORE = guarded(r"(?:[^\W\d_]-?|[#$€£¥№]\s?|No\.\s?|(?<!\()\+|\d[:/.]|/)\Z")
_BAD_AFTER = guarded(
    r"^(?:\s?%|\s?per ?cent|\s?(?:mm|cm)\b|-?(?:mm|cm|caliber|calibre)\b|\s?percent|"
    r"(?:st|nd|rd|th)\b|[:/]\d|-(?:year|day|month|week|hour|mile|"
    r"km|kilomet|metre|meter|strong|member|point|page|minute|second|storey|inch)|\s?(?:km|kilomet\w+|"
    r"miles?|m\b|metres?|meters?|kg|tons?|tonnes?|hours?|days?|weeks?|months?|years?|times|percent|"
    r"dollars?|euros?|pounds?|hryvnias?|rubles?|roubles?|UAH|USD|EUR|GBP|bn|billion\b)|-[A-Za-z]\w*-)",
    _I,
)
# "1979-89", "2014–15": the second year of a span, not a count.
_YEAR_SPAN_BEFORE = guarded(r"\b(?:19|20)\d\d\s?[-–]\s?\Z")
# "663 artillery bombardments", "25 drone attacks": strikes made, not weapons lost.
_STRIKES_AFTER = guarded(
    r"\s+(?:artillery|drone|missile|rocket|mortar|air|tank)\s+(?:bombardments?|strikes?|"
    r"shellings?|attacks?|barrages?|raids?|assaults?)\b",
    _I,
)
# "hit 26 personnel and military equipment hubs", "five manpower concentration areas": places
# struck, named after what is there, not people or weapons lost.
TARGETS = Rule(
    "targets-struck",
    "A number of places struck, named after the troops or hardware there (hubs, clusters).",
    guarded(
        r"\s+(?:enemy\s+)?(?:personnel|manpower|troops?|military|equipment)(?:\s+and\s+(?:military\s+)?"
        r"(?:equipment|hardware|weapons))?\s+(?:hubs?|concentrations?|concentration (?:areas|sites|"
        r"points)|clusters?|deployment (?:areas|points|sites)|staging areas)\b",
        _I,
    ),
    " personnel and military equipment hubs",
    " personnel and military equipment",
    ("hub", "concentration", "cluster", "deployment", "staging"),
)
AGE = Rule(
    "age-not-count",
    'An age ("men under the age of 50", "soldiers aged 25"): not a count.',
    guarded(r"\b(?:age[sd]?|aged)\s+(?:of\s+)?(?:under\s+|over\s+|between\s+)?\Z", _I),
    "men under the age of ",
    "men under the command of ",
    ("age",),
)
ONE_OF = Rule(
    "one-of-a-group",
    '"one of Russia\'s most expensive jets": a single item picked out of a group, not a count '
    "of one.",
    guarded(r"\Aone\s+of\b", _I),
    "one of Russia's jets",
    "one Russian jet",
    ("one",),
)
PERCENT_RANGE = Rule(
    "percent-range-low-end",
    'The low end of a range of percentages ("40-60% fewer names", "10 to 15 per cent"): a '
    "share, not a count.",
    guarded(r"\s?(?:[-–—]|to)\s?\d+(?:[.,]\d+)?\s?(?:%|per ?cent\b|percent\b)", _I),
    "-60% fewer",
    "-60 tanks",
)
COUNT_RULES = registry(TARGETS, AGE, ONE_OF, PERCENT_RANGE)
_WORDS_NOT_COUNT_AFTER = re.compile(
    r"^(?:\s?(?:times|hours?|days?|weeks?|months?|years?|percent|per cent)\b|-[a-z])"
)
# "Project 22160 patrol ship", "Type 054A": a design's number, not a count.
_DESIGN_BEFORE = guarded(r"\b(?:Project|Type|Model|Series)\s+\Z")
_YEAR = re.compile(r"(?:19|20)\d\d")
_ITEM_AFTER = re.compile(r"[.)][ \t]")
_ITEM_REACH = 12
_LATEST_YEAR = 2040  # a four-digit figure after this is no year a report names


@functools.lru_cache(maxsize=64)
def _day_of_month(surface: str) -> re.Pattern[str]:
    """ "March 3" / "3rd of March" around a small number written `surface`."""
    return re.compile(
        rf"{MONTH}\s+{re.escape(surface)}\b|\b{re.escape(surface)}(?:st|nd|rd|th)?\s+(?:of\s+)?{MONTH}",
        _I,
    )


def _item_number(text: str, n: Number) -> bool:
    """ "1. 7,910 tanks", "2) tanks — 7,910", "(3) ...": the number of a list's item, opening
    its line (read within a few characters, so a long line costs nothing)."""
    if n.kind != "digits" or len(n.surface) > 2 or not _ITEM_AFTER.match(text, n.end):
        return False
    window = text[max(0, n.start - _ITEM_REACH) : n.start]
    line = window.rfind("\n")
    if line < 0 and n.start > _ITEM_REACH:
        return False
    return window[line + 1 :].strip() in ("", "(")


def _a_label(text: str, n: Number) -> bool:
    """A number that names rather than counts: a design's ("Project 22160") or a list
    item's ("1.")."""
    if n.kind == "digits" and _DESIGN_BEFORE.search(text, max(0, n.start - 12), n.start):
        return True
    return _item_number(text, n)


def _strike_or_age(text: str, n: Number) -> bool:
    """Strikes made ("663 artillery bombardments"), places struck ("26 personnel hubs") and
    ages ("aged 25")."""
    if _STRIKES_AFTER.match(text, n.end, n.end + 40) or TARGETS.match(text, n.end, n.end + 60):
        return True
    if n.value == 1 and ONE_OF.pattern.match(text[n.start : n.end + 8]):
        return True
    return bool(AGE.search(text, max(0, n.start - 24), n.start))


def is_not_a_count(text: str, n: Number) -> bool:
    """Dates, times, years, model numbers, money, percentages, ordinals, distances, item
    numbers."""
    if _a_label(text, n):
        return True
    before = text[max(0, n.start - 4) : n.start]
    after = text[n.end : n.end + 14]
    if _strike_or_age(text, n):
        return True
    if n.kind in ("digits", "scaled") and _BAD_BEFORE.search(before):
        return True
    if n.kind in ("digits", "scaled") and (
        _BAD_AFTER.match(after) or PERCENT_RANGE.match(text, n.end, n.end + 16)
    ):
        return True
    if n.kind == "words" and _WORDS_NOT_COUNT_AFTER.match(after):
        return True
    if n.kind == "digits" and _YEAR.fullmatch(n.surface):
        # "2087 armored vehicles" counts; "in 2023", "2022 invasion" do not
        return not (
            int(n.surface) > _LATEST_YEAR and forward_metric(text, n.end, n.end + 40) is not None
        )
    if (
        n.kind == "digits"
        and len(n.surface) == 2
        and _YEAR_SPAN_BEFORE.search(text, max(0, n.start - 7), n.start)
    ):
        return True
    if n.kind == "digits" and n.value <= 31:
        window = text[max(0, n.start - 12) : n.end + 12]
        if _day_of_month(n.surface).search(window):
            return True
    return n.kind == "digits" and len(n.surface) > 9 and n.surface.isdigit()
