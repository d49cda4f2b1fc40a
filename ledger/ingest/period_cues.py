"""Period cues: the words that make a figure a window ("in a single day") or cumulative.

Owns `period_cue` (the period a stretch of text gives a figure, as a `Cue` naming the rule
that gave it: "since March 3", "over the past week", "in total", "on Monday", a month after
the figure), `window_start` (the first day of the window a cue names), `REACH`, the cues
read right after a figure's number (`AFTER_NUMBER_CUES`) and the weak ones
(`WEAK_WINDOW_CUES`: "on Monday", "yesterday", a window unless the day dates the statement,
`DAY_CUES`). Strongest first: a "since" with a date (`period_starts`), a window
(`period_rules`), a total (`period_totals`), a weak window; the leftmost match of a
registry wins, as one alternation of its rules would find it. What only leans one way when
nothing else says (the perfect tense, a list going on) is `period_lean`'s. Imports:
`cues`, `dates`, `months`, `period_months`, `period_rules`, `period_starts`, `period_totals`,
`rules`, `rx`.
"""

from __future__ import annotations

import datetime as dt
import re

from ledger.ingest import period_months as pm
from ledger.ingest import period_rules as pr
from ledger.ingest import period_totals as pt
from ledger.ingest.cues import ATTR_VERBS
from ledger.ingest.dates import INVASION, WEEKDAYS, DatedAt
from ledger.ingest.months import MONTH_NAMES
from ledger.ingest.period_rules import NO_CUE, Cue
from ledger.ingest.period_starts import FRONT_SCOPE, since_cue
from ledger.ingest.rules import Rule, registry, words
from ledger.ingest.rx import fold_case, guarded, has_any

_I = re.IGNORECASE


# The cues of the stretches read so far, by (start, end, as_of, id of the sentence's dates).
CueMemo = dict[tuple[int, int, dt.date, int], Cue]

AFTER_NUMBER_CUES = registry(
    Rule(
        "more-after-number",
        'A further count ("40 more tanks", "300 additional troops").',
        guarded(r"^\s*(?:more|additional|extra)\b", _I),
        " more tanks were hit",
        " tanks more or less",
    ),
    pm.MONTH_AFTER_FIGURE,
    pm.YEAR_AFTER_FIGURE,
)
WEAK_WINDOW_CUES = registry(
    Rule(
        "on-weekday",
        'A day named ("on Monday", "on the same day"): that day\'s window, unless it dates the '
        "statement.",
        guarded(rf"\b(?:on (?:{'|'.join(WEEKDAYS)})|on the (?:same|previous|next) day)\b", _I),
        "killed 300 soldiers on Monday",
        "killed 300 soldiers every Monday",
        words("day"),
    ),
    Rule(
        "yesterday",
        "Yesterday, today, tonight, last night, this morning.",
        guarded(r"\b(?:yesterday|today|tonight|last night|this morning)\b", _I),
        "shot down 12 drones last night",
        "shot down 12 drones at nightfall",
        words("day|night|morning"),
    ),
)
# What a match of AFTER_NUMBER_CUES' month or year rule holds: a month's full name (matched
# case-sensitively), " 20" (of "in 2025") or, in any case, "year" (see `_may_date_after`).
_MONTH_GATE = (*MONTH_NAMES.split("|"), " 20")


def _may_date_after(after: str) -> bool:
    """Whether the month or year rule of AFTER_NUMBER_CUES can match `after` at all."""
    return has_any(after, _MONTH_GATE) or "year" in fold_case(after)  # (a plain substring test)


# "a total of 6,662 ... since Aug. 8": a sum, not a period, when the sentence dates its start.
_SUM_WORD = re.compile(r"(?:(?:a |the |in )?total|totall?ing|overall|in all|altogether)", _I)
SAID_ON_DAY = Rule(
    "said-on-day",
    'A day that dates the statement, not the figure: "said on Tuesday", "reported last week" '
    '(just before the day), "On Thursday, the chief added that ..." (after it).',
    guarded(
        rf"\b(?:{ATTR_VERBS}|released|tweeted|speaking|writing|testifying)\b(?:\s+[\w'’]+){{0,3}}\s*$",
        _I,
    ),
    "the ministry said ",
    "the ministry lost ",
)
SAID_AFTER_DAY = Rule(
    "said-after-day",
    'A fronted day followed by who said what ("On Thursday, the spy chief added that"): the '
    "day dates the statement.",
    guarded(rf",\s[^.;:!?]{{0,80}}?\b(?:(?:{ATTR_VERBS}|echoed)\s+that|saying)\b", _I),
    ", the spy chief echoed the estimate and added that",
    ", Russia lost 1,200 troops, officials said",
)
SAID_AFTER_OPENING_DAY = Rule(
    "said-after-opening-day",
    'A day that opens its clause, then who speaks before any number ("On Monday the agency put '
    'the toll at"): the day dates the statement.',
    guarded(rf",?\s+[^.;:!?,\d]{{1,60}}?\s(?:{ATTR_VERBS})\b", _I),
    " the agency put the toll at",
    " Russia lost 1,200 troops",
)
SAID_RIGHT_AFTER_DAY = Rule(
    "said-right-after-day",
    'A day between who speaks and the verb of speech ("two officials on Wednesday estimated", '
    '"the ministry last week said"): the day dates the statement.',
    guarded(rf"^\s+(?:also\s+|again\s+|publicly\s+)?(?:{ATTR_VERBS})\b", _I),
    " estimated the toll at",
    ", estimated the toll at",
)
DAY_CUES = registry(SAID_ON_DAY, SAID_AFTER_DAY, SAID_AFTER_OPENING_DAY, SAID_RIGHT_AFTER_DAY)
# "in two weeks", "over three months": a span counted back from as_of.
_IN_N = guarded(
    r"\b(?:in|over|during|within|for) (?:just |only )?(?P<n>\d+|two|three|four|five|six|seven|ten)"
    r" (?P<unit>days|weeks|months)\b",
    _I,
)
_PAST_N = guarded(
    r"\b(?:past|last|previous|preceding)\s+(?P<n>\d+|two|three|four|five|six|seven|ten|24)?\s*"
    r"(?P<unit>days?|weeks?|months?|hours)\b",
    _I,
)
# How near the invasion a window's first day must fall to span the whole war.
REACH = dt.timedelta(days=21)
_SMALL_WORDS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "ten": 10}
# Words that name a span without its length: its first day, counted back from as_of.
_SPAN_WORDS = (("week", 6), ("month", 29), ("fortnight", 13), ("night", 1))


def period_cue(
    text: str,
    start: int,
    end: int,
    num_end: int,
    dates: list[DatedAt],
    as_of: dt.date,
    memo: CueMemo,
) -> Cue:
    """The period a stretch of text gives a figure whose number ends at `num_end`, or
    `NO_CUE`. `memo` keeps the cues of the stretches already read in this article (a
    stretch lies in one sentence)."""
    more, month, year = AFTER_NUMBER_CUES
    if more.match(text[num_end : num_end + 12]):
        return Cue("window", as_of, more.name)
    after = text[num_end : min(end, num_end + 80)]
    if _may_date_after(after) and not pm.MILESTONE.pattern.search(
        text, max(start, num_end - 40), min(end, num_end + 40)
    ):
        # not "losses passed 600,000 in August": when a running total crossed a mark
        m = month.match(after)
        if m:
            return Cue("window", pm.calendar_start(m.group(0), as_of) or as_of, month.name)
        m = year.match(after)
        if m:
            first = dt.date(int(m.group("year")), 1, 1)
            return Cue("window", first if first <= as_of else None, year.name)
    key = (start, end, as_of, id(dates))
    found = memo.get(key)
    if found is None:
        found = memo[key] = _stretch_cue(text, start, end, dates, as_of)
    return found


def _stretch_cue(text: str, start: int, end: int, dates: list[DatedAt], as_of: dt.date) -> Cue:
    """The period cue of text[start:end] itself (see `period_cue`), strongest first."""
    # A hard-wrapped line breaks a cue as a space would ("since the start of the\nfull-scale
    # invasion"): read line breaks as spaces (same length, so positions hold).
    seg = text[start:end].replace("\n", " ")
    return (
        since_cue(text, seg, start, dates, as_of)
        or _strong_window(text, seg, start, as_of)
        or _cumulative(seg, dates, as_of)
        or _weak_window(text, seg, start, as_of)
        or NO_CUE
    )


def _leftmost(
    rules: tuple[Rule, ...], seg: str, skip: _Skip | None = None
) -> tuple[Rule, re.Match[str]] | None:
    """The leftmost match of any of `rules` in `seg` (the earlier rule at the same place), as
    one alternation of them all would find it; `skip` passes over a match that is no cue."""
    low = fold_case(seg)
    always, by_word, bits = _GATES[id(rules)]
    present = always  # a bit for each rule with no words or with one of its words in `seg`
    for word, mask in by_word:
        if word in low:
            present |= mask
    if not present:
        return None  # none of the rules' words: none of them can match
    best: tuple[Rule, re.Match[str]] | None = None
    for rule, bit in bits:
        if not present & bit:
            continue
        m = rule.pattern.search(seg)
        while m is not None and skip is not None and skip(rule, m):
            m = rule.pattern.search(seg, m.end())
        if m is not None and (best is None or m.start() < best[1].start()):
            best = (rule, m)
    return best


class _Skip:
    """Passes over a week or day that dates the statement ("said last week that ...")."""

    def __init__(self, text: str, start: int) -> None:
        self.text, self.start = text, start

    def __call__(self, rule: Rule, m: re.Match[str]) -> bool:
        if rule.name not in ("this-week", "on-weekday", "yesterday"):
            return False
        at, end = self.start + m.start(), self.start + m.end()
        if SAID_ON_DAY.search(self.text[max(0, at - 30) : at]):
            return True
        if SAID_RIGHT_AFTER_DAY.search(self.text[end : end + 40]):
            return True
        if rule.name == "on-weekday" and SAID_AFTER_DAY.match(self.text, end, end + 100):
            return True
        opens = not self.text[self.start : at].strip()  # "On Monday the agency put ..."
        if rule.name == "on-weekday" and opens and SAID_AFTER_OPENING_DAY.match(self.text, end):
            return True
        return rule.name == "this-week" and self.text.startswith(" that", end)


def _word_masks(
    rules: tuple[Rule, ...],
) -> tuple[int, tuple[tuple[str, int], ...], tuple[tuple[Rule, int], ...]]:
    """`rules` as `_leftmost` reads them: the bits of the rules always searched (no words),
    each distinct word with the bits of the rules holding it, and each rule with its bit (a
    word tested once per stretch, however many rules hold it)."""
    always = 0
    masks: dict[str, int] = {}
    for k, rule in enumerate(rules):
        if not rule.words:
            always |= 1 << k
        for word in rule.words:
            masks[word] = masks.get(word, 0) | 1 << k
    return always, tuple(masks.items()), tuple((r, 1 << k) for k, r in enumerate(rules))


# The registries `_leftmost` reads, each as `_word_masks` gives it.
_GATES = {id(r): _word_masks(r) for r in (pr.WINDOW_CUES, pt.CUMULATIVE_CUES, WEAK_WINDOW_CUES)}


def _strong_window(text: str, seg: str, start: int, as_of: dt.date) -> Cue | None:
    """ "in a single day", "over the past week", "overnight": a window ending at as_of."""
    found = _leftmost(pr.WINDOW_CUES, seg, _Skip(text, start))
    if found is None:
        return None
    rule, m = found
    return Cue("window", window_start(m.group(0), as_of), rule.name)


def _cumulative(seg: str, dates: list[DatedAt], as_of: dt.date) -> Cue | None:
    """ "in total", "since the start of the invasion": the whole war; but "a total of ...
    since Aug. 8" or "total losses in the Donetsk area" sum a window."""
    found = _leftmost(pt.CUMULATIVE_CUES, seg)
    if found is None:
        return None
    rule, cm = found
    if _SUM_WORD.fullmatch(cm.group(0)):
        for _, d, is_start in dates:
            if is_start and abs(d - INVASION) > REACH and d <= as_of:
                return Cue("window", d, rule.name)
        if FRONT_SCOPE.search(seg):
            return Cue("window", as_of, FRONT_SCOPE.name)
    return Cue("cumulative", None, rule.name)


def _weak_window(text: str, seg: str, start: int, as_of: dt.date) -> Cue | None:
    """ "on Monday", "yesterday", "last night": a window, unless the day dates the
    statement ("said on Tuesday")."""
    found = _leftmost(WEAK_WINDOW_CUES, seg, _Skip(text, start))
    return Cue("window", as_of, found[0].name) if found else None


def window_start(cue: str, as_of: dt.date) -> dt.date:
    """First day of a window named by a cue ("over the past week" -> as_of - 6 days)."""
    m = _PAST_N.search(cue)
    low = cue.lower()
    if m is None and "first" not in low and "next" not in low:
        m = _IN_N.search(cue)
    if m:
        raw = (m.group("n") or "1").lower()
        n = int(raw) if raw.isdigit() else _SMALL_WORDS.get(raw, 1)
        unit = m.group("unit").lower()
        if unit.startswith("hour"):
            return as_of
        days = n * {"d": 1, "w": 7, "m": 30}[unit[0]]
        return as_of - dt.timedelta(days=max(days - 1, 0))
    first = pm.calendar_start(cue, as_of)
    if first is not None:
        return first  # "in the month of May", "so far in April", "since the start of 2026"
    for word, back in _SPAN_WORDS:
        if word in low:
            return as_of - dt.timedelta(days=back)
    return as_of


# The sentence cues `periods` reads beside a figure's own clause.
SHARE_CLAUSE = Rule(
    "share-clause",
    'A clause that gives a share of the figure ("with 30% of them in the past nine months"): '
    "its period is the share's, not the figure's.",
    re.compile(r"\d\s*(?:%|per ?cent\b)", re.I),
    "with about 30% of them in the past nine months",
    "with about 300 of them in the past nine months",
)
# "5,047 tanks (+55)": the General Staff's running total with the day's change beside it.
CHANGE_BESIDE = Rule(
    "change-beside",
    'A running total with the day\'s change beside it ("5,047 tanks (+55)"): cumulative.',
    re.compile(r"[^\S\n]*\(\s*[+]"),
    " (+55), 9,557 armoured vehicles",
    " (55 of them new), 9,557 armoured vehicles",
)
LOSSES_LEAD = Rule(
    "losses-lead",
    'An opening sentence that announces losses before giving any figure ("reported heavy '
    "enemy losses over the past day\"): its window is the report's.",
    guarded(r"\b(?:losses|casualties)\b", re.I),
    "the ministry reported heavy enemy losses over the past day",
    "the ministry reported heavy fighting over the past day",
)
SENTENCE_CUES = registry(SHARE_CLAUSE, CHANGE_BESIDE, LOSSES_LEAD)
