"""Period cues: the words that make a figure a window ("in a single day") or cumulative.

Owns `period_cue` (the period a stretch of text gives a figure: "since March 3", "over the
past week", "in total", "on Monday", a month after the figure), `window_start` (the first day
of the window a cue names) and `REACH`. Weak cues that only lean one way when nothing else
says (the perfect tense, a list going on) are `periods`'. Imports: `events.claims`, `cues`,
`dates`, `rx`.
"""

from __future__ import annotations

import datetime as dt
import re

from events.claims import Period
from ledger.ingest.cues import ATTR_VERBS, MONTH
from ledger.ingest.dates import INVASION, WEEKDAYS, DatedAt
from ledger.ingest.rx import fold_case, guarded, has_any

_I = re.IGNORECASE

# A period and its first day, as a cue gives them; (None, None) where it gives none.
PeriodCue = tuple[Period | None, dt.date | None]
# The cues of the stretches read so far, by (start, end, as_of, id of the sentence's dates).
CueMemo = dict[tuple[int, int, dt.date, int], PeriodCue]

_THE_WAR = (
    r"(?:the |this |its |russia['’]s |moscow['’]s |the so-called )?(?:20\d\d )?"
    r"(?:(?:full-scale |all-out |large-scale |russian )){0,2}(?:20\d\d )?"
    r"(?:war|invasion|hostilities|aggression|conflict|"
    r"special (?:military )?operation)"
)
# A calendar month names a window ("killed in November"); February, the month the invasion
# began, is left out ("since launching its invasion in February").
_WINDOW_MONTH = "January|March|April|May|June|July|August|September|October|November|December"
# After the figure only: "killed in November", "lost 215,000 last year". Before it, a month
# more often dates the statement ("in March, the government said ...").
_MONTH_AFTER = guarded(
    r"^(?:(?!\b(?:had|has|have)\b)[^,.;:!?()]){0,50}?\b"
    r"(?:(?:in|during|throughout) (?:the month of )?"
    rf"(?-i:{_WINDOW_MONTH})(?: 20\d\d)?|(?:last|this|the past) year)\b"
    r"(?!,? (?:\w+ )?(?:said|says|reported|announced|claimed|stated))",
    _I,
)
_MONTH_GATE = ("uary", "March", "April", "May", "June", "July", "August", "ber", "year")
_SMALL_COUNT = r"(?:\d+|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|several|few)"
_STRONG_WINDOW = guarded(
    r"\b(?:in (?:just |only )?(?:a|one|a single) day|per (?:day|week|month)|"
    r"(?:each|every) (?:day|week|month)\b|"
    r"a (?:week|month)\b(?! later| earlier| before| after| ago| of| into| since| and)|"
    r"a day\b(?! later| earlier| before| after)|daily|"
    r"(?:over|in|during|for|within) (?:just |only )?the (?:past|last|previous) (?:day|24 hours|"
    rf"twenty-four hours|{_SMALL_COUNT} (?:days|weeks|months)|week|month|"
    r"fortnight)|(?:last|this|past) (?:week|month|day)|overnight|"
    r"(?:this|the) (?:past|last|previous) night|(?:during|over) the night|"
    r"(?:over|during) the day\b(?! (?:before|after|of))|"
    rf"(?:a|an|the) {_SMALL_COUNT}-(?:hour|day|week)(?:-long)? (?:battle|fight|fighting|assault|"
    r"attack|offensive|clash(?:es)?|engagement|raid|period|operation)|"
    r"within (?:just |only )?(?:a|one|24 hours)|"
    r"in (?:just |only )?(?:a|one|the) week|in (?:just |only )?24 hours|(?:on|in) the same day|"
    r"since (?:yesterday|midnight)|"
    rf"(?:over|in|during|within|for) (?:just |only )?(?:the )?(?:first |next )?{_SMALL_COUNT} "
    r"(?:days|weeks|months|hours)(?! since (?:russia|moscow|putin|the (?:full-scale )?invasion))|"
    r"since (?:the |its |their )?(?:\w+['’]s )?(?:last|previous) (?:update|report|count|tally)|"
    r"since (?:the |its |their )?(?:ukrainian |russian )?(?:troops|forces|clashes|fighting|"
    r"incursion|offensive|counteroffensive|battles?) (?:\w+ )?(?:entered|began|erupted|started|"
    r"launched|crossed|broke out)|"
    r"(?:during|in) the (?:fighting|battles?|clashes) (?:in|for|near|around) (?:the )?(?-i:[A-Z])|"
    r"(?:over|in|during|within) the same (?:period|timeframe|time)|"
    rf"in (?:the month of )?{MONTH}(?: 20\d\d)? alone|in the month of {MONTH}|"
    rf"since (?:the )?(?:beginning|start|launch|onset) of (?!{_THE_WAR}\b)|"
    r"in (?:just |only )?(?:one|a single) month|"
    r"(?:during|in) (?:the |its |their )?(?!special\b)(?:\w+ )?(?:operations?|offensive|"
    r"counteroffensive|counter-offensive|incursion)\b(?! (?:began|started|was launched)))\b"
    rf"(?! of {_THE_WAR}\b)",
    _I,
)
_CUMULATIVE = guarded(
    r"\b(?:(?:a |the |in )?total|totall?ing|overall|so far|to date|thus far|in all|running totals?|"
    rf"since the (?:beginning|start|outbreak|onset) of {_THE_WAR}|(?:in|during) (?:the|this) "
    r"(?:war|conflict)|since (?:russia['’]s |the )?(?:full-scale |"
    r"all-out |large-scale )?(?:invasion|war)|since (?:moscow|russia) (?:began|launched|invaded)|"
    r"(?:in|over|during) (?:the )?(?:\w+ )?(?:\d+|two|three|four|five|six|seven|eight|nine|ten|"
    r"eleven|twelve) (?:months|years|weeks|days) of (?:the |its )?(?:full-scale )?"
    r"(?:war|invasion|fighting)|"
    r"of the (?:full-scale )?(?:war|invasion)|throughout the war|as of|"
    r"since (?:the )?(?:february|feb\.?) 24|since (?:launching|starting|beginning|it launched) "
    r"(?:its |the )?(?:full-scale )?invasion|"
    r"since 24 (?:february|feb)|from (?:february|feb\.?) 24|from 24 (?:february|feb)|"
    r"between (?:february|feb\.?) 24|cumulative|altogether)\b",
    _I,
)
_WEAK_WINDOW = guarded(
    rf"\b(?:on (?:{'|'.join(WEEKDAYS)})|yesterday|today|tonight|last night|this morning|"
    r"on the (?:same|previous|next) day)\b",
    _I,
)
_ATTRIBUTED_DAY = guarded(rf"\b(?:{ATTR_VERBS}|released|tweeted)\b(?:\s+[\w'’]+){{0,3}}\s*$", _I)
# Words every match of the cue of the same name holds (case folded with `rx.fold_case`): a
# stretch without any of them is not searched.
_STRONG_WINDOW_WORDS = (
    "day",
    "daily",
    "hour",
    "week",
    "month",
    "fortnight",
    "overnight",
    "night",
    "within",
    "since",
    "period",
    "alone",
    "operation",
    "offensive",
    "incursion",
    "fighting",
    "battle",
    "clashes",
)
_CUMULATIVE_WORDS = (
    "total",
    "overall",
    "so far",
    "to date",
    "thus far",
    "in all",
    "since",
    "war",
    "conflict",
    "invasion",
    "fighting",
    "as of",
    "feb",
    "cumulative",
    "altogether",
)
_WEAK_WINDOW_WORDS = ("day", "night", "morning")
_AFTER_NUM_WINDOW = guarded(r"^\s*(?:more|additional|extra)\b", _I)
_SINCE_DATE = guarded(rf"\bsince\s+(?:{MONTH}\s+\d{{1,2}}|\d{{1,2}}\s+{MONTH})", _I)
# "a total of 6,662 ... since Aug. 8": a sum, not a period, when the sentence dates its start.
_SUM_WORD = guarded(r"(?:(?:a |the |in )?total|totall?ing|overall|in all|altogether)", _I)
# "Total losses of Ukrainian troops in the southern Donetsk Region area were": the sum of one
# front's fighting, not of the war.
_FRONT_SCOPE = guarded(
    r"\bin the (?:[\w-]+ ){1,3}(?:region|oblast|area|direction|sector|axis)\b"
    r"(?! of (?:ukraine|russia))",
    _I,
)
# "in two weeks", "over three months": a span counted back from as_of.
_IN_N = guarded(
    r"\b(?:in|over|during|within|for) (?:just |only )?(?P<n>\d+|two|three|four|five|six|seven|ten)"
    r" (?P<unit>days|weeks|months)\b",
    _I,
)
_PAST_N = guarded(
    r"\b(?:past|last|previous)\s+(?P<n>\d+|two|three|four|five|six|seven|ten|24)?\s*"
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
) -> PeriodCue:
    """The period a stretch of text gives a figure whose number ends at `num_end`, or
    (None, None). `memo` keeps the cues of the stretches already read in this article (a
    stretch lies in one sentence)."""
    if _AFTER_NUM_WINDOW.match(text[num_end : num_end + 12]):
        return "window", as_of
    after = text[num_end : min(end, num_end + 80)]
    if any(w in after for w in _MONTH_GATE) and _MONTH_AFTER.match(after):
        return "window", as_of
    key = (start, end, as_of, id(dates))
    found = memo.get(key)
    if found is None:
        found = memo[key] = _stretch_cue(text, start, end, dates, as_of)
    return found


def _stretch_cue(
    text: str, start: int, end: int, dates: list[DatedAt], as_of: dt.date
) -> PeriodCue:
    """The period cue of text[start:end] itself (see `period_cue`), strongest first."""
    # A hard-wrapped line breaks a cue as a space would ("since the start of the\nfull-scale
    # invasion"): read line breaks as spaces (same length, so positions hold).
    seg = text[start:end].replace("\n", " ")
    low = fold_case(seg)
    return (
        _since_date(seg, low, start, dates)
        or _strong_window(seg, low, as_of)
        or _cumulative(seg, low, dates, as_of)
        or _weak_window(text, seg, low, start, as_of)
        or (None, None)
    )


def _since_date(seg: str, low: str, start: int, dates: list[DatedAt]) -> PeriodCue | None:
    """ "since March 3": a window from that day (not from the invasion's)."""
    since = _SINCE_DATE.search(seg) if "since" in low else None
    if since:
        for pos, d, _ in dates:
            if start + since.start() <= pos <= start + since.end() and d != INVASION:
                return "window", d
    return None


def _strong_window(seg: str, low: str, as_of: dt.date) -> PeriodCue | None:
    """ "in a single day", "over the past week", "overnight": a window ending at as_of."""
    m = _STRONG_WINDOW.search(seg) if has_any(low, _STRONG_WINDOW_WORDS) else None
    return ("window", window_start(m.group(0), as_of)) if m else None


def _cumulative(seg: str, low: str, dates: list[DatedAt], as_of: dt.date) -> PeriodCue | None:
    """ "in total", "since the start of the invasion": the whole war; but "a total of ...
    since Aug. 8" or "total losses in the Donetsk area" sum a window."""
    cm = _CUMULATIVE.search(seg) if has_any(low, _CUMULATIVE_WORDS) else None
    if not cm:
        return None
    if _SUM_WORD.fullmatch(cm.group(0)):
        for _, d, is_start in dates:
            if is_start and abs(d - INVASION) > REACH and d <= as_of:
                return "window", d
        if _FRONT_SCOPE.search(seg):
            return "window", as_of
    return "cumulative", None


def _weak_window(text: str, seg: str, low: str, start: int, as_of: dt.date) -> PeriodCue | None:
    """ "on Monday", "yesterday", "last night": a window, unless the day dates the
    statement ("said on Tuesday")."""
    weak_cues = _WEAK_WINDOW.finditer(seg) if has_any(low, _WEAK_WINDOW_WORDS) else ()
    for weak in weak_cues:
        if not _ATTRIBUTED_DAY.search(
            text[max(0, start + weak.start() - 30) : start + weak.start()]
        ):
            return "window", as_of
    return None


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
    for word, back in _SPAN_WORDS:
        if word in low:
            return as_of - dt.timedelta(days=back)
    return as_of
