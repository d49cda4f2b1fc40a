"""Periods and dates: as of when a figure holds, and whether it is cumulative or a window.

Owns the date reader (`first_full_date`, weekdays resolved against the reference date) and
`assign_periods` (as_of, period and period_start of every candidate, from the figure's
clause, its sentence, restatements, the paragraph, then weak cues). Imports: `rx`, `cues`,
`sentences`, `candidates` (types only).
"""

from __future__ import annotations

import datetime as dt
import re

from ledger.ingest.candidates import Cand
from ledger.ingest.cues import ATTR_VERBS, MONTH
from ledger.ingest.rx import fold_case, guarded, has_any
from ledger.ingest.sentences import Sentence, clause_end, clause_start

_I = re.IGNORECASE

INVASION = dt.date(2022, 2, 24)

_MONTHS = {
    m: i + 1
    for i, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ]
    )
    for m in names
}

_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_DATE = guarded(
    rf"\b(?P<m1>{MONTH})\s+(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?\b(?:,?\s+(?P<y1>(?:19|20)\d\d)\b)?"
    rf"|\b(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<m2>{MONTH})(?:,?\s+(?P<y2>(?:19|20)\d\d)\b)?"
    r"|\b(?P<y3>20\d\d)-(?P<m3>\d\d)-(?P<d3>\d\d)\b"
    r"|\b(?P<wd>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b",
    _I,
)
_START_CUE = guarded(
    r"(?:since|from|began|begun|beginning|start(?:ed)?|invasion|launched|between)\W+(?:\w+\W+){0,4}$",
    _I,
)


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
# "has lost", "have been killed": the perfect tense leans cumulative, when nothing else says.
_WEAK_CUMULATIVE = guarded(
    r"\b(?:has|have|had) (?:\w+ )?(?:lost|been killed|suffered|sustained)\b|\bto have lost\b", _I
)
# A sentence that goes on with the figures of the paragraph before ("The Russians also lost",
# "The reported losses include", "Of these").
_CONTINUES = guarded(
    r"\b(?:also|includ(?:e|es|ed|ing)|the list|in addition|of these|of them|among them)\b", _I
)
_ATTRIBUTED_DAY = guarded(rf"\b(?:{ATTR_VERBS}|released|tweeted)\b(?:\s+[\w'’]+){{0,3}}\s*$", _I)
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
    rf"\b(?:on (?:{'|'.join(_WEEKDAYS)})|yesterday|today|tonight|last night|this morning|"
    r"on the (?:same|previous|next) day)\b",
    _I,
)
# Words every match of the cue above holds (case folded with `rx.fold_case`): a stretch
# without any of them is not searched.
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
_BEFORE_NUM_WINDOW = guarded(r"\b(?:another|a further|an additional|further)\s*$", _I)
_SINCE_DATE = guarded(rf"\bsince\s+(?:{MONTH}\s+\d{{1,2}}|\d{{1,2}}\s+{MONTH})", _I)
_EVENT_PAST = guarded(
    r"(?<!has )(?<!have )(?<!had )(?<!been )\b(?:shot down|destroyed|downed|sank|sunk|hit|struck|"
    r"eliminated|killed|captured)\b",
    _I,
)
_DOWNED = guarded(r"\b(?:shot down|shoot down|downed|intercepted|destroyed)\b", _I)
# "in two weeks", "over three months": a span counted back from as_of.
_IN_N = guarded(
    r"\b(?:in|over|during|within|for) (?:just |only )?(?P<n>\d+|two|three|four|five|six|seven|ten)"
    r" (?P<unit>days|weeks|months)\b",
    _I,
)
# "a total of 6,662 ... since Aug. 8": a sum, not a period, when the sentence dates its start.
_SUM_WORD = guarded(r"(?:(?:a |the |in )?total|totall?ing|overall|in all|altogether)", _I)
# "Total losses of Ukrainian troops in the southern Donetsk Region area were": the sum of one
# front's fighting, not of the war.
_FRONT_SCOPE = guarded(
    r"\bin the (?:[\w-]+ ){1,3}(?:region|oblast|area|direction|sector|axis)\b"
    r"(?! of (?:ukraine|russia))",
    _I,
)
_PAST_N = guarded(
    r"\b(?:past|last|previous)\s+(?P<n>\d+|two|three|four|five|six|seven|ten|24)?\s*"
    r"(?P<unit>days?|weeks?|months?|hours)\b",
    _I,
)
# How near the invasion a window's first day must fall to span the whole war.
_REACH = dt.timedelta(days=21)
_YEAR_DIGITS = re.compile(r"(?:19|20)\d\d")
_NUMBER_IN_QUOTE = guarded(
    r"\d[\d,.  ]*[kK]?|\b(?:one|two|three|four|five|six|seven|eight|nine|ten)\b"
)
_CLAUSE_MARKS = re.compile(r"[,;:()]")
_SMALL_WORDS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "ten": 10}


def _make_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _dates(text: str, start: int, end: int, ref: dt.date) -> list[tuple[int, dt.date, bool]]:
    """Dates in text[start:end]: (position, date, is_a_start_date)."""
    out = []
    for m in _DATE.finditer(text, start, end):
        d: dt.date | None = None
        if m.group("wd"):
            back = (ref.weekday() - _WEEKDAYS.index(m.group("wd").lower())) % 7
            d = ref - dt.timedelta(days=back)
        elif m.group("y3"):
            d = _make_date(int(m.group("y3")), int(m.group("m3")), int(m.group("d3")))
        else:
            mon = (m.group("m1") or m.group("m2") or "").lower().rstrip(".")
            day = m.group("d1") or m.group("d2")
            year = m.group("y1") or m.group("y2")
            month = _MONTHS.get(mon)
            if month is None or day is None:
                continue
            d = _make_date(int(year) if year else ref.year, month, int(day))
            if d and not year and d > ref + dt.timedelta(days=1):
                d = _make_date(ref.year - 1, month, int(day))
        if d is None:
            continue
        is_start = (
            bool(_START_CUE.search(text[max(start, m.start() - 60) : m.start()])) or d == INVASION
        )
        out.append((m.start(), d, is_start))
    return out


def first_full_date(text: str, sentences: list[Sentence]) -> dt.date | None:
    """The first date with a year in the story (a byline or dateline), not a start date."""
    for sent in sentences[:40]:
        if not _YEAR_DIGITS.search(text, sent.start, sent.end):
            continue  # every date with a year holds one
        for m in _DATE.finditer(text, sent.start, sent.end):
            year = m.group("y1") or m.group("y2") or m.group("y3")
            if not year:
                continue
            found = _dates(text, m.start(), m.end(), dt.date(int(year), 12, 31))
            if found and not found[0][2]:
                return found[0][1]
    return None


def assign_periods(
    text: str, sentences: list[Sentence], cands: list[Cand], ref: dt.date, has_published: bool
) -> None:
    """as_of from the sentence's date, else the paragraph's, else the reference date. The period
    comes from a cue of the figure's own clause or sentence; a figure without one takes the
    period of the figure before it in the sentence, of a restatement of it elsewhere, of the
    paragraph, of the paragraph before when the sentence goes on from it; else weak cues."""
    para_date: dict[int, dt.date] = {}
    sent_dates: dict[int, list[tuple[int, dt.date, bool]]] = {}
    prev_in_sent: dict[int, Cand] = {}
    pending: list[Cand] = []
    pieces: dict[int, list[tuple[int, int, str | None, dt.date | None]]] = {}
    memo: dict[tuple, tuple[str | None, dt.date | None]] = {}
    by_sent: dict[int, list[Cand]] = {}
    for c in cands:
        by_sent.setdefault(c.sent, []).append(c)
    for c in cands:
        sent = sentences[c.sent]
        if c.sent not in sent_dates:
            sent_dates[c.sent] = _dates(text, sent.start, sent.end, ref)
            ends = [d for _, d, st in sent_dates[c.sent] if not st]
            if ends:
                para_date[sent.para] = ends[-1]
        dates = sent_dates[c.sent]
        as_of_dates = [d for _, d, st in dates if not st]
        as_of = as_of_dates[-1] if as_of_dates else para_date.get(sent.para, ref)
        if as_of > ref and has_published:
            as_of = ref
        c.as_of = as_of
        cs, ce = clause_start(text, sent, c.q_start), clause_end(text, sent, c.q_end)
        period, start = _period_cue(text, cs, ce, _num_end(text, c), dates, as_of, memo)
        own = period is not None
        if period is None and c.derived:
            period = "window"
        base = prev_in_sent.get(c.sent)
        if period is None and base is not None and base.period:
            period, start = base.period, base.period_start
        if period is None:
            period, start = _period_from_other_clauses(
                text, sent, c, by_sent[c.sent], dates, as_of, pieces, memo
            )
        _set_period(c, period, start)
        if own:
            c.extra["own_period"] = True
        if not c.derived:
            prev_in_sent[c.sent] = c
        if period is None:
            pending.append(c)
    if not pending:
        return
    _list_periods(text, cands)
    pending = [c for c in pending if c.period is None]
    if not pending:
        return
    cued: dict[tuple[str | None, str, int], Cand] = {}
    for c in sorted((c for c in cands if c.period), key=lambda c: c.heading):
        cued.setdefault((c.subject, c.metric, c.value), c)
    prev: Cand | None = None
    last_by_para: dict[int, Cand] = {}
    windows: dict[tuple[str | None, str], int] = {}  # the largest window figure so far
    for c in cands:
        sent = sentences[c.sent]
        if c.period is None:
            period, start = _inherited_period(
                text, sent, c, prev, cued, last_by_para, sentences, windows
            )
            _set_period(c, period, start)
        prev = c
        if not c.derived:
            last_by_para[sent.para] = c
        if c.period == "window" and not c.extra.get("part"):
            key = (c.subject, c.metric)
            windows[key] = max(windows.get(key, 0), c.value)


# "lost 61 guns, 18 AFVs (AFVs), and five tanks on Monday", "350 troops, as well as 30 tanks
# in a two-hour battle": list items before the one whose
# clause holds the cue share it.
_LIST_GAP = guarded(r"^\s*(?:\([^()]{1,30}\))?\s*(?:,|,?\s*and|,?\s*as well as)\s*$", _I)


def _list_periods(text: str, cands: list[Cand]) -> None:
    """A figure without a period takes the cue of the next item of its list."""
    nxt: Cand | None = None
    for c in reversed(cands):
        if (
            c.period is None
            and nxt is not None
            and nxt.sent == c.sent
            and nxt.period
            and nxt.extra.get("own_period")
            and _LIST_GAP.match(text[c.q_end : nxt.q_start])
        ):
            _set_period(c, nxt.period, nxt.period_start)
            c.extra["own_period"] = True
        nxt = c


def _set_period(c: Cand, period: str | None, start: dt.date | None) -> None:
    as_of = c.as_of or INVASION
    if (
        period == "window"
        and start is not None
        and abs(start - INVASION) <= min(_REACH, (as_of - start) / 4)
        and as_of - start >= dt.timedelta(days=7)
    ):
        # "over the past six months" said in August 2022, "in two weeks" said on 10 March
        # 2022: the whole war so far
        period = "cumulative"
    if period == "cumulative":
        start = INVASION if as_of >= INVASION else None
    elif period == "window" and (start is None or start > as_of):
        start = as_of
    c.period, c.period_start = period, start


def _inherited_period(
    text: str,
    sent: Sentence,
    c: Cand,
    prev: Cand | None,
    cued: dict[tuple[str | None, str, int], Cand],
    last_by_para: dict[int, Cand],
    sentences: list[Sentence],
    windows: dict[tuple[str | None, str], int] | None = None,
) -> tuple[str | None, dt.date | None]:
    """The period of a figure whose own clause and sentence give none."""
    if prev is not None and prev.sent == c.sent and prev.period:
        return prev.period, prev.period_start
    same = cued.get((c.subject, c.metric, c.value))
    if same is not None and same is not c and same.period:
        return same.period, same.period_start
    if sent.para in last_by_para and last_by_para[sent.para].period:
        base = last_by_para[sent.para]
        return base.period, base.period_start
    s_text = text[sent.start : c.q_start]
    # A share of a day's (week's) figure told earlier: "up to 620 soldiers in the past 24
    # hours ... the West group: up to 495".
    if windows and c.value <= windows.get((c.subject, c.metric), 0):
        return "window", c.as_of
    if _WEAK_CUMULATIVE.search(text, sent.start, sent.end):
        return "cumulative", None
    if _BEFORE_NUM_WINDOW.search(text[max(sent.start, c.q_start - 30) : c.q_start]):
        return "window", c.as_of
    if _CONTINUES.search(s_text):
        # "... also lost three armoured vehicles": the figures of a paragraph just before
        for back in (1, 2):
            base = last_by_para.get(sent.para - back)
            if base is not None and base.period:
                return base.period, base.period_start
    if c.value < 100 and _EVENT_PAST.search(text, sent.start, sent.end):
        return "window", c.as_of
    if (
        c.value < 100
        and c.metric in ("drones", "cruise_missiles")
        and _DOWNED.search(text, sent.start, sent.end)
    ):
        # "have shot down 11 Shahed drones": an attack's tally, not a running total
        return "window", c.as_of
    return "cumulative", None


def _period_cue(
    text: str,
    start: int,
    end: int,
    num_end: int,
    dates: list,
    as_of: dt.date,
    memo: dict[tuple, tuple[str | None, dt.date | None]],
) -> tuple[str | None, dt.date | None]:
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
    text: str, start: int, end: int, dates: list, as_of: dt.date
) -> tuple[str | None, dt.date | None]:
    """The period cue of text[start:end] itself (see `_period_cue`)."""
    # A hard-wrapped line breaks a cue as a space would ("since the start of the\nfull-scale
    # invasion"): read line breaks as spaces (same length, so positions hold).
    seg = text[start:end].replace("\n", " ")
    low = fold_case(seg)
    since = _SINCE_DATE.search(seg) if "since" in low else None
    if since:
        for pos, d, _ in dates:
            if start + since.start() <= pos <= start + since.end() and d != INVASION:
                return "window", d
    m = _STRONG_WINDOW.search(seg) if has_any(low, _STRONG_WINDOW_WORDS) else None
    if m:
        return "window", _window_start(m.group(0), as_of)
    cm = _CUMULATIVE.search(seg) if has_any(low, _CUMULATIVE_WORDS) else None
    if cm:
        if _SUM_WORD.fullmatch(cm.group(0)):
            for _, d, is_start in dates:
                if is_start and abs(d - INVASION) > _REACH and d <= as_of:
                    return "window", d
            if _FRONT_SCOPE.search(seg):
                return "window", as_of
        return "cumulative", None
    weak_cues = _WEAK_WINDOW.finditer(seg) if has_any(low, _WEAK_WINDOW_WORDS) else ()
    for weak in weak_cues:
        # "said on Tuesday" dates the statement, not the losses.
        if not _ATTRIBUTED_DAY.search(
            text[max(0, start + weak.start() - 30) : start + weak.start()]
        ):
            return "window", as_of
    return None, None


def _num_end(text: str, c: Cand) -> int:
    if c.q_end <= c.q_start:
        return c.q_end
    m = _NUMBER_IN_QUOTE.search(text[c.q_start : c.q_end])
    return c.q_start + m.end() if m else c.q_end


def _period_from_other_clauses(
    text: str,
    sent: Sentence,
    c: Cand,
    same_sentence: list[Cand],
    dates: list,
    as_of: dt.date,
    cache: dict[int, list[tuple[int, int, str | None, dt.date | None]]],
    memo: dict[tuple, tuple[str | None, dt.date | None]],
) -> tuple[str | None, dt.date | None]:
    """Cues in the sentence's clauses that carry no figure of their own (the clause cues are
    computed once per sentence; `same_sentence` holds the figures of c's sentence)."""
    if c.sent not in cache:
        cues = []
        pos = sent.start
        for piece in _CLAUSE_MARKS.split(text[sent.start : sent.end]):
            p_start, p_end = pos, pos + len(piece)
            pos = p_end + 1
            # no figure here: "after the number" is after the piece
            period, start = _period_cue(text, p_start, p_end, p_end, dates, as_of, memo)
            if period:
                cues.append((p_start, p_end, period, start))
        cache[c.sent] = cues
    found = [
        (abs(p_start - c.q_start), period, start)
        for p_start, p_end, period, start in cache[c.sent]
        if not any(
            o.sent == c.sent and o is not c and o.q_start < p_end and o.q_end > p_start
            for o in same_sentence
        )
    ]
    if not found:
        return None, None
    best = min(found, key=lambda f: f[0])
    return best[1], best[2]


def _window_start(cue: str, as_of: dt.date) -> dt.date:
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
    if "week" in low:
        return as_of - dt.timedelta(days=6)
    if "month" in low:
        return as_of - dt.timedelta(days=29)
    if "fortnight" in low:
        return as_of - dt.timedelta(days=13)
    if "night" in low:
        return as_of - dt.timedelta(days=1)
    return as_of
