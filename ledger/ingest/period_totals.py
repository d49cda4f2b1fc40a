"""Period totals: the named cues that make a figure cumulative, a total of the whole war.

Owns `CUMULATIVE_CUES` ("in total", "so far", "since the start of the invasion", "as of",
"since February 24"), a registry of `Rule`s searched in its order; a bare sum word ("a total
of") may still sum a window, as `period_cues` decides; `own_total_start` finds the words of a
list's next item that make it a total. Imports: `lexicon` (a month's regex),
`period_rules`, `rules`, `rx`.
"""

from __future__ import annotations

import re

from ledger.ingest.lexicon import MONTH
from ledger.ingest.period_rules import ABOUT, SMALL_COUNT, THE_WAR
from ledger.ingest.rules import Rule, registry, words
from ledger.ingest.rx import guarded

_I = re.IGNORECASE


def _cumulative(alternation: str) -> re.Pattern[str]:
    return guarded(rf"\b(?:{alternation})\b", _I)


CUMULATIVE_CUES = registry(
    Rule(
        "in-total",
        'A sum word ("in total", "a total of", "overall", "altogether"): the whole war, unless '
        "the sentence dates a later start or names one front (see `period_cues`).",
        _cumulative(
            r"(?:a |the |in )?total|totall?ing|overall|in all|running totals?|cumulative|altogether"
        ),
        "has lost a total of 5,000 tanks",
        "has lost totally new tanks",
        words("total|overall|in all|cumulative|altogether"),
    ),
    Rule(
        "so-far",
        "So far, to date, thus far.",
        _cumulative(r"so far|to date|thus far"),
        "lost 400,000 soldiers so far",
        "lost 400,000 soldiers so fast",
        words("so far|to date|thus far"),
    ),
    Rule(
        "since-the-invasion",
        "Since the war or the invasion began.",
        _cumulative(
            rf"(?:since|between|from) the (?:beginning|start|outbreak|onset) of {THE_WAR}|"
            r"since (?:russia['’]s |the )?"
            r"(?:full-scale |all-out |large-scale )?(?:invasion|war)|since (?:moscow|russia) "
            r"(?:began|launched|invaded)|since (?:launching|starting|beginning|it launched) "
            r"(?:its |their |the )?(?:full-scale )?invasion"
        ),
        "since the start of the full-scale invasion",
        "since the start of the incursion",
        words("since"),
    ),
    Rule(
        "in-the-war",
        'The war as the span: "in the war", "of the war", "throughout the war".',
        _cumulative(
            r"(?:in|during) (?:the|this) (?:war|conflict|(?:special )?military operation)|"
            r"(?:during|throughout) (?:the |russia['’]s )?(?:full-scale |all-out |large-scale )?"
            r"invasion\b(?! of (?:the )?(?:kursk|belgorod|bryansk|russia)\b)|"
            r"(?:in|over|during) (?:the )?(?:\w+ )?(?:\d+|two|three|four|five|six|seven|eight|nine|"
            r"ten|eleven|twelve) (?:months|years|weeks|days) of (?:the |its )?(?:full-scale )?"
            r"(?:war|invasion|fighting)|of the (?:full-scale )?(?:war|invasion)|throughout the war|"
            rf"(?:in|over|during) the {ABOUT}(?:first )?{SMALL_COUNT} "
            r"(?:months|years|weeks|days) since (?:(?:vladimir )?putin|russia|moscow) "
            r"(?:launched|began|invaded|started|ordered)"
        ),
        "lost in seven months of the war",
        "lost in seven months of talks",
        words("war|conflict|operation|invasion|fighting|since"),
    ),
    Rule(
        "as-of",
        'A standing tally "as of" a day (not "as of 08:30", the hour of a night\'s count).',
        _cumulative(r"as of(?! \d{1,2}(?:[:.]\d|\s*$|\s*(?:a\.?m|p\.?m|hours?|h)\b))"),
        "as of Sunday, 20,000 soldiers",
        "as of 08:30, 53 drones",
        words("as of"),
    ),
    Rule(
        "until-date",
        'A tally "till" or "until" a calendar day ("killed until March 20"): standing on that '
        'day, the whole war so far (a window\'s end is the "since" before it, read first).',
        _cumulative(
            rf"(?:till|until|up until|up till) (?:(?:{MONTH})\.? \d{{1,2}}|\d{{1,2}} (?:{MONTH}))"
        ),
        "14,000 troops killed until March 20",
        "14,000 troops killed until the ceasefire",
        words("till|until"),
    ),
    Rule(
        "since-february-24",
        "Counted from 24 February (the invasion's day), or from February 2022.",
        _cumulative(
            r"since (?:the )?(?:february|feb\.?) 24|since 24 (?:february|feb)|"
            r"from (?:february|feb\.?) 24|from 24 (?:february|feb)|between (?:february|feb\.?) 24|"
            r"since (?:late )?(?:february|feb\.?),? 2022"
        ),
        "between February 24 and April 17",
        "between February 14 and April 17",
        words("feb"),
    ),
)


# The joint before a list's next item ("..., and", " and "): where that item's own words start.
ITEM_JOINT = Rule(
    "list-item-joint",
    'The joint before a list\'s next item (", and", " and "): where its own words start, for a '
    "total told after a window (`own_total_start`).",
    guarded(r",\s*(?:and\s+)?|\s+and\s+", _I),
    "980 in a day and a total of",
    "980 in a day plus the total of",
)
LIST_TOTAL_RULES = registry(ITEM_JOINT)


def own_total_start(text: str, prev_end: int, num_start: int, clause_end: int) -> int | None:
    """Where a list's next item starts when its own words make it a total ("lost 1,150 in
    the past day and a total of 512,000", "... and 512,000 since the invasion"), so the
    item before's window is not read as its period; None when no joint comes between the
    two numbers or no total cue follows the joint."""
    joint = None
    for m in ITEM_JOINT.pattern.finditer(text, prev_end, num_start):
        joint = m
    if joint is None:
        return None
    found = any(r.pattern.search(text, joint.start(), clause_end) for r in CUMULATIVE_CUES)
    return joint.start() if found else None
