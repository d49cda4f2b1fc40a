"""Period rules: the named cues that make a figure a window or cumulative.

Owns `WINDOW_CUES` (a day, a week, a month, a named offensive: "over the past day", "since the
start of the incursion"), a registry of `Rule`s searched in its order; `THE_WAR` (the words
naming the whole war), `ABOUT` and `SMALL_COUNT` (a rough and a small count, for the cues of
`period_totals` too), and `Cue` (what a cue gives: a period, its first day, the rule's
name) with `NO_CUE`. How the cues are weighed against each other is `period_cues`'.
The rules of a named month or year are `period_months`'. Imports: `events.claims`,
`period_months`, `rules`, `rx`.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import NamedTuple

from events.vocabulary import Period
from ledger.ingest import period_months as pm
from ledger.ingest.rules import Rule, registry, words
from ledger.ingest.rx import guarded

_I = re.IGNORECASE


class Cue(NamedTuple):
    """A period, its first day and the name of the rule that gave them; `NO_CUE` where none."""

    period: Period | None
    start: dt.date | None
    rule: str = ""


NO_CUE = Cue(None, None)

THE_WAR = (
    r"(?:the |this |its |their |russia['’]s |moscow['’]s |the so-called )?(?:20\d\d )?"
    r"(?:(?:full-scale |all-out |large-scale |russian )){0,2}(?:20\d\d )?"
    r"(?:war|invasion|hostilities|aggression|conflict|"
    r"special (?:military )?operation|military operation)"
)
ABOUT = r"(?:nearly |almost |about |around |roughly |some )?"
SMALL_COUNT = r"(?:\d+|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|several|few)"


def _window(alternation: str) -> re.Pattern[str]:
    """A window cue: never one naming the whole war after it ("the first days of the war")."""
    return guarded(rf"\b(?:{alternation})\b(?! of {THE_WAR}\b)", _I)


WINDOW_CUES = registry(
    Rule(
        "single-day",
        "One day's losses, said as a span of a day.",
        _window(r"in (?:just |only )?(?:a|one|a single) day"),
        "lost 900 soldiers in a single day",
        "lost 900 soldiers one day after the strike",
        words("day"),
    ),
    Rule(
        "rate-per-period",
        "A rate: so many a day, a week or a month (an average is a window).",
        _window(
            r"per (?:day|week|month)|(?:each|every) (?:day|week|month)\b|"
            r"a (?:week|month)\b(?! later| earlier| before| after| ago| of| into| since| and)|"
            r"a day\b(?! later| earlier| before| after)|daily(?! (?:updates?|reports?|briefings?|"
            r"bulletins?|summary|summaries|statements?|posts?|tally|count|figures|data|list))|"
            r"(?:weekly|monthly) (?:losses|casualties|deaths|death toll|average|rate)"
        ),
        "about 1,000 casualties a day",
        "the General Staff's daily update put the toll at 9,000",
        words("day|daily|week|month"),
    ),
    Rule(
        "past-period",
        'The day, week or month just gone: "over the past day", "in the last two weeks".',
        _window(
            r"(?:over|in|during|for|within) (?:just |only )?the (?:past|last|previous|preceding) "
            rf"(?:day|24 hours|twenty-four hours|{SMALL_COUNT} (?:days|weeks|months)|week|month|"
            r"fortnight)"
        ),
        "1,200 troops over the past day",
        "1,200 troops over the whole war",
        words("day|hour|week|month|fortnight"),
    ),
    Rule(
        "this-week",
        'The week or month a figure falls in ("lost 40 tanks this week"): a window, unless it '
        'dates the report ("said last week"; see `period_cues`).',
        _window(r"(?:last|this|past) (?:week|month|day)"),
        "Russia lost 40 tanks last week",
        "Russia lost 40 tanks in the last war",
        words("week|month|day"),
    ),
    Rule(
        "overnight",
        "The night's attack: overnight, last night, during the night.",
        _window(r"overnight|(?:this|the) (?:past|last|previous) night|(?:during|over) the night"),
        "shot down 40 drones overnight",
        "shot down 40 drones over the nightclub district",
        words("overnight|night"),
    ),
    Rule(
        "during-the-day",
        "A daily briefing's \"during the day\" (the Russian MoD's per-grouping lines).",
        _window(r"(?:over|during) the day\b(?! (?:before|after|of))"),
        "lost up to 230 troops during the day",
        "lost up to 230 troops during the day of the assault",
        words("day"),
    ),
    Rule(
        "during-the-week",
        'A weekly briefing\'s "during the week" ("lost up to 2,400 troops during the week").',
        _window(r"(?:over|during|in the course of) the week\b(?! (?:before|after|of))"),
        "lost up to 2,400 troops during the week",
        "lost up to 2,400 troops during the week of the assault",
        words("week"),
    ),
    Rule(
        "hours-long-battle",
        'A battle of counted hours or days ("a two-hour battle").',
        _window(
            rf"(?:a|an|the) {SMALL_COUNT}-(?:hour|day|week)(?:-long)? (?:battle|fight|fighting|"
            r"assault|attack|offensive|clash(?:es)?|engagement|raid|period|operation)"
        ),
        "350 troops in a two-hour battle",
        "350 troops in a two-hour drive from the front",
        words("hour|day|week"),
    ),
    Rule(
        "within-a-day",
        'A short span said whole: "within 24 hours", "in a week", "on the same day".',
        _window(
            r"within (?:just |only )?(?:a|one|24 hours)|in (?:just |only )?(?:a|one|the) week|"
            r"in (?:just |only )?24 hours|(?:on|in) the same day|since (?:yesterday|midnight)"
        ),
        "lost 90 tanks within a day",
        "lost 90 tanks without a fight",
        words("within|week|hour|day|since"),
    ),
    Rule(
        "first-n-days",
        'The first days, weeks or months of something, even of the war ("in the first three '
        'days of the war"): a window, not the war so far.',
        guarded(
            r"\b(?:in|over|during|within) (?:just |only )?the first "
            rf"{ABOUT}{SMALL_COUNT} (?:days|weeks|months|hours)\b",
            _I,
        ),
        "lost 1,000 soldiers in the first three days of the war",
        "lost 1,000 soldiers in three days of the war",
        words("first"),
    ),
    Rule(
        "total-for-a-period",
        'The total of a day, week or month ("bringing the total for the week to 2,100").',
        _window(r"total (?:for|of) the (?:day|week|month|past (?:day|week|month|24 hours))"),
        "bringing the total for the week to 2,100",
        "bringing the total for the war to 2,100",
        words("total"),
    ),
    Rule(
        "in-n-days",
        'A counted span ("in three days", "over the first two weeks"), unless it counts from the '
        "invasion.",
        _window(
            r"(?:over|in|during|within|for) (?:just |only )?(?:the )?(?:first |next )?"
            rf"{ABOUT}{SMALL_COUNT} (?:days|weeks|months|hours)"
            r"(?! since (?:(?:vladimir )?putin|russia|moscow|the (?:full-scale )?invasion))"
        ),
        "killed 3,000 in three days",
        "killed 3,000 in three months since Russia invaded",
        words("day|week|month|hour"),
    ),
    Rule(
        "since-last-report",
        "The change since the last update of a tally.",
        _window(
            r"since (?:the |its |their )?(?:\w+['’]s )?(?:last|previous) (?:update|report|count|"
            r"tally)"
        ),
        "up 1,100 since the last update",
        "up 1,100 since the war",
        words("since"),
    ),
    Rule(
        "since-previous-meeting",
        'From a previous meeting or event: "starting from the previous summit".',
        _window(
            r"(?:starting|beginning|counting) from (?:the )?(?:previous|last) \w+|"
            r"since the (?:previous|last) (?!(?:update|report|count|tally|war)\b)"
            r"(?-i:[A-Z])\w+"
        ),
        "starting from the previous summit, the army lost 5,000 men",
        "starting from scratch, the army lost 5,000 men",
        words("from|since"),
    ),
    Rule(
        "since-fighting-began",
        "Since an offensive or incursion began (not the war's start).",
        _window(
            r"since (?:the |its |their )?(?:ukrainian |russian )?(?:troops|forces|clashes|fighting|"
            r"incursion|offensive|counteroffensive|battles?) (?:\w+ )?(?:entered|began|erupted|"
            r"started|launched|crossed|broke out)"
        ),
        "since the incursion began in August",
        "since the incursion, officials said",
        words("since"),
    ),
    Rule(
        "since-launching-offensive",
        'Since its side launched an offensive ("since launching the counteroffensive", "since it '
        "began its offensive\"): that offensive's window.",
        _window(
            r"since (?:launching|starting|beginning|(?:it|they|kyiv|moscow|ukraine|russia) "
            r"(?:launched|began|started)) (?:the |its |their |a )?(?!special\b)(?:[\w-]+ )?"
            r"(?:counteroffensive|counter-offensive|offensive|incursion)"
        ),
        "26,000 soldiers since launching the counteroffensive",
        "26,000 soldiers since launching the invasion",
        words("since"),
    ),
    Rule(
        "named-battle",
        "The fighting for one place (a town, a region).",
        _window(
            r"(?:during|in) the (?:fighting|battles?|clashes) (?:in|for|near|around) (?:the )?"
            r"(?!Ukraine|Russia)(?-i:[A-Z])\w*"
        ),
        "lost 2,000 men in the fighting for Bakhmut",
        "lost 2,000 men in the fighting so far",
        words("fighting|battle|clashes"),
    ),
    Rule(
        "recent-fighting",
        'The losses of recent fighting ("during recent hostilities", "in the recent battles"): '
        "a window, not the war so far.",
        _window(
            r"(?:during|in|over) (?:the )?(?:recent|latest|last few days of|past few days of) "
            r"(?:hostilities|fighting|battles?|clashes|combat|assaults?|attacks?|engagements)"
        ),
        "lost 150 soldiers during recent hostilities near the town",
        "lost 150 soldiers during the hostilities near the town",
        words("recent|latest|few days"),
    ),
    Rule(
        "same-period",
        'Back to a period told before ("within the same period", "during this period"): the '
        "figure before's period (see `periods`), else a window.",
        _window(
            r"(?:over|in|during|within) (?:the same|this|that|the reported) (?:period|timeframe|"
            r"time)"
        ),
        "lost 30 tanks within the same period",
        "lost 30 tanks within the same region",
        words("period|timeframe|time"),
    ),
    Rule(
        "since-start-of-other",
        'Since the start of something that is not the war ("of the incursion", "of September").',
        _window(
            r"since (?:the )?(?:beginning|start|launch|onset|first (?:days?|weeks?)) of "
            rf"(?!{THE_WAR}\b)(?:(?:the |this )?year|{pm.CALENDAR_NAME})?"
        ),
        "since the start of the Kursk incursion",
        "since the start of the war",
        words("since"),
    ),
    Rule(
        "during-operation",
        "The losses of one operation, offensive, push or incursion (not the war).",
        _window(
            r"(?:during|in) (?:the |its |their )?(?!special\b|military operation\b)(?:\w+ )?"
            r"(?:operations?|offensive|counteroffensive|counter-offensive|incursion|push)\b"
            r"(?! (?:began|started|was launched))"
        ),
        "lost 26,000 soldiers during their counteroffensive",
        "lost 26,000 soldiers during the military operation",
        words("operation|offensive|incursion|push"),
    ),
    Rule(
        "in-the-latest-report",
        'The change a report gives ("84 destroyed in the latest update"), not the report a '
        'total is read from ("in the latest report, the ministry put the toll at").',
        _window(
            r"(?:destroyed|lost|killed|added|downed|eliminated|hit|wounded) (?:in|over|since) the "
            r"(?:latest|last|most recent) (?:update|report|day|tally)"
        ),
        "with 84 destroyed in the latest update",
        "in the latest update, 84 were destroyed",
        words("update|report|day|tally"),
    ),
    Rule(
        "strike-results",
        'What one strike or attack did ("As a result of the strikes, 200 were killed").',
        _window(
            r"as a result of (?:the |these |this |those |its |their |an? )?(?:\w+ )?(?:strikes?|"
            r"attacks?|shelling|raids?|bombardment|shellings)"
        ),
        "as a result of the strikes, more than 200 soldiers were killed",
        "as a result of the war, more than 200,000 soldiers were killed",
        words("strike|attack|shelling|raid|bombardment"),
    ),
    Rule(
        "record-day",
        'A record day, week or month ("the deadliest day of the war"): that span\'s window.',
        guarded(
            r"\b(?:deadliest|bloodiest|worst|costliest|heaviest|record|most costly|"
            r"(?:third|second)-(?:greatest|largest|highest|deadliest)|greatest|largest|highest) "
            r"(?:single )?(?:day|week|month|24 hours|(?:daily|weekly|monthly) (?:losses|toll|total|"
            r"tally|figure|casualties))\b",
            _I,
        ),
        "killed on what may be the deadliest day of the war",
        "killed on what may be the deadliest front of the war",
        words("day|week|month|hours|daily|weekly|monthly"),
    ),
    pm.MONTH_ALONE,
    pm.ONE_MONTH,
    pm.MONTH_FIGURES,
    pm.MONTH_LOSSES,
    pm.SO_FAR_THIS_SPAN,
    pm.FRONTED_CALENDAR,
    pm.PART_OF_A_YEAR,
    pm.SINCE_A_SEASON,
)
