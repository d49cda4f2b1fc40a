"""Periods: as of when a figure holds, and whether it is cumulative or a window.

Owns `assign_periods`: as_of, period and period_start of every candidate, from the figure's
own clause (`period_cues`), the figure before it in its sentence, the sentence's other
clauses, the next item of its list, a restatement of it, its paragraph, then weak cues (the
perfect tense leans cumulative, a small figure of an event a window). Dates come from
`dates`; a prisoner exchange is a window. Imports: `events.claims`, `cand`, `cues`, `dates`,
`period_cues`, `rx`, `sentences`.
"""

from __future__ import annotations

import datetime as dt
import re

from events.claims import Period
from ledger.ingest.cand import Cand
from ledger.ingest.cues import EXCHANGE_EVENT
from ledger.ingest.dates import INVASION, DatedAt, dates_in
from ledger.ingest.period_cues import REACH, CueMemo, PeriodCue, period_cue
from ledger.ingest.rx import guarded
from ledger.ingest.sentences import Sentence, clause_end, clause_start

_I = re.IGNORECASE

# "has lost", "have been killed": the perfect tense leans cumulative, when nothing else says.
_WEAK_CUMULATIVE = guarded(
    r"\b(?:has|have|had) (?:\w+ )?(?:lost|been killed|suffered|sustained)\b|\bto have lost\b", _I
)
# A sentence that goes on with the figures of the paragraph before ("The Russians also lost",
# "The reported losses include", "Of these").
_CONTINUES = guarded(
    r"\b(?:also|includ(?:e|es|ed|ing)|the list|in addition|of these|of them|among them)\b", _I
)
_BEFORE_NUM_WINDOW = guarded(r"\b(?:another|a further|an additional|further)\s*$", _I)
_EVENT_PAST = guarded(
    r"(?<!has )(?<!have )(?<!had )(?<!been )\b(?:shot down|destroyed|downed|sank|sunk|hit|struck|"
    r"eliminated|killed|captured)\b",
    _I,
)
_DOWNED = guarded(r"\b(?:shot down|shoot down|downed|intercepted|destroyed)\b", _I)
_NUMBER_IN_QUOTE = guarded(
    r"\d[\d,.  ]*[kK]?|\b(?:one|two|three|four|five|six|seven|eight|nine|ten)\b"
)
_CLAUSE_MARKS = re.compile(r"[,;:()]")
# The returns of the whole war, not of one exchange ("3,000 brought home so far").
_RUNNING_TOTAL = guarded(
    r"\b(?:so far|to date|thus far|since|already|in all|overall|throughout|of the war)\b", re.I
)


def assign_periods(
    text: str, sentences: list[Sentence], cands: list[Cand], ref: dt.date, has_published: bool
) -> None:
    """as_of from the sentence's date, else the paragraph's, else the reference date. The period
    comes from a cue of the figure's own clause or sentence; a figure without one takes the
    period of the figure before it in the sentence, of a restatement of it elsewhere, of the
    paragraph, of the paragraph before when the sentence goes on from it; else weak cues."""
    _own_periods(text, sentences, cands, _AsOf(text, ref, has_published))
    if all(c.period is not None for c in cands):
        return
    _list_periods(text, cands)
    if all(c.period is not None for c in cands):
        return
    _inherit_periods(text, sentences, cands)


class _AsOf:
    """The dates each sentence names (read once), and the last as_of date of each paragraph."""

    def __init__(self, text: str, ref: dt.date, has_published: bool) -> None:
        self.text = text
        self.ref = ref
        self.has_published = has_published
        self.sent_dates: dict[int, list[DatedAt]] = {}
        self.para_date: dict[int, dt.date] = {}

    def dates(self, si: int, sent: Sentence) -> list[DatedAt]:
        """The dates of sentence `si` (the same list each time: cue memos key on it)."""
        if si not in self.sent_dates:
            found = self.sent_dates[si] = dates_in(self.text, sent.start, sent.end, self.ref)
            ends = [d for _, d, st in found if not st]
            if ends:
                self.para_date[sent.para] = ends[-1]
        return self.sent_dates[si]

    def as_of(self, sent: Sentence, dates: list[DatedAt]) -> dt.date:
        """The sentence's last date that starts no period, else its paragraph's, else the
        reference date; never after the published date."""
        as_of_dates = [d for _, d, st in dates if not st]
        as_of = as_of_dates[-1] if as_of_dates else self.para_date.get(sent.para, self.ref)
        return self.ref if as_of > self.ref and self.has_published else as_of


def _own_periods(text: str, sentences: list[Sentence], cands: list[Cand], dated: _AsOf) -> None:
    """Set as_of of every figure, and the period its own clause, the figure before it in its
    sentence or another clause of its sentence gives (None where none does)."""
    prev_in_sent: dict[int, Cand] = {}
    pieces: dict[int, list[_ClauseCue]] = {}
    memo: CueMemo = {}
    by_sent: dict[int, list[Cand]] = {}
    for c in cands:
        by_sent.setdefault(c.sent, []).append(c)
    for c in cands:
        sent = sentences[c.sent]
        dates = dated.dates(c.sent, sent)
        as_of = c.as_of = dated.as_of(sent, dates)
        cs, ce = clause_start(text, sent, c.q_start), clause_end(text, sent, c.q_end)
        period, start = period_cue(text, cs, ce, _num_end(text, c), dates, as_of, memo)
        c.own_period = period is not None
        if c.derived and period != "window":
            # a day's change ("(+1,210)") is that day's window, whatever its sentence says of
            # the figure it changes ("... lost 512,430 (+1,210) since the invasion")
            period, start = "window", None
        base = prev_in_sent.get(c.sent)
        if period is None and base is not None and base.period:
            period, start = base.period, base.period_start
        if period is None:
            period, start = _period_from_other_clauses(
                text, sent, c, by_sent[c.sent], dates, as_of, pieces, memo
            )
        if c.metric == "pow":
            period = _one_exchange(text, sent, period)
        _set_period(c, period, start)
        if not c.derived:
            prev_in_sent[c.sent] = c


def _one_exchange(text: str, sent: Sentence, period: Period | None) -> Period | None:
    """ "each side released 300 in the swap", "each released a total of 390": one exchange is
    a window, unless its sentence counts the returns of the whole war ("so far", "since")."""
    if period == "window" or not EXCHANGE_EVENT.search(text, sent.start, sent.end):
        return period
    return period if _RUNNING_TOTAL.search(text, sent.start, sent.end) else "window"


def _inherit_periods(text: str, sentences: list[Sentence], cands: list[Cand]) -> None:
    """Give each figure still without a period one from elsewhere (`_inherited_period`)."""
    cued: dict[tuple[str | None, str, int], Cand] = {}
    for c in sorted((c for c in cands if c.period), key=lambda c: c.heading):
        cued.setdefault((c.subject, c.metric, c.value), c)
    prev: Cand | None = None
    last_by_para: dict[int, Cand] = {}
    windows: dict[tuple[str | None, str], int] = {}  # the largest window figure so far
    for c in cands:
        sent = sentences[c.sent]
        if c.period is None:
            period, start = _inherited_period(text, sent, c, prev, cued, last_by_para, windows)
            _set_period(c, period, start)
        prev = c
        if not c.derived:
            last_by_para[sent.para] = c
        if c.period == "window" and not c.part:
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
            and nxt.own_period
            and _LIST_GAP.match(text[c.q_end : nxt.q_start])
        ):
            _set_period(c, nxt.period, nxt.period_start)
            c.own_period = True
        nxt = c


def _set_period(c: Cand, period: Period | None, start: dt.date | None) -> None:
    as_of = c.as_of or INVASION
    if (
        period == "window"
        and start is not None
        and abs(start - INVASION) <= min(REACH, (as_of - start) / 4)
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
    windows: dict[tuple[str | None, str], int],
) -> PeriodCue:
    """The period of a figure whose own clause and sentence give none: one told for it
    elsewhere, else what the sentence's wording leans to."""
    told = _period_told_elsewhere(sent, c, prev, cued, last_by_para)
    if told is not None:
        return told
    # A share of a day's (week's) figure told earlier: "up to 620 soldiers in the past 24
    # hours ... the West group: up to 495".
    if windows and c.value <= windows.get((c.subject, c.metric), 0):
        return "window", c.as_of
    return _leaning_period(text, sent, c, last_by_para)


def _period_told_elsewhere(
    sent: Sentence,
    c: Cand,
    prev: Cand | None,
    cued: dict[tuple[str | None, str, int], Cand],
    last_by_para: dict[int, Cand],
) -> PeriodCue | None:
    """The period of the figure before it in its sentence, of a restatement of it (same
    subject, metric and value), or of its paragraph's last figure."""
    if prev is not None and prev.sent == c.sent and prev.period:
        return prev.period, prev.period_start
    same = cued.get((c.subject, c.metric, c.value))
    if same is not None and same is not c and same.period:
        return same.period, same.period_start
    if sent.para in last_by_para and last_by_para[sent.para].period:
        base = last_by_para[sent.para]
        return base.period, base.period_start
    return None


def _leaning_period(text: str, sent: Sentence, c: Cand, last_by_para: dict[int, Cand]) -> PeriodCue:
    """What the wording leans to: the perfect tense ("has lost") cumulative; "another 40" a
    window; a sentence going on ("also lost") the paragraph before's period; a small figure
    of an event ("shot down 11 drones") a window; else cumulative."""
    if _WEAK_CUMULATIVE.search(text, sent.start, sent.end):
        return "cumulative", None
    if _BEFORE_NUM_WINDOW.search(text[max(sent.start, c.q_start - 30) : c.q_start]):
        return "window", c.as_of
    if _CONTINUES.search(text[sent.start : c.q_start]):
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


def _num_end(text: str, c: Cand) -> int:
    """Where the number in a figure's quote ends (cues after it are read from there)."""
    if c.q_end <= c.q_start:
        return c.q_end
    m = _NUMBER_IN_QUOTE.search(text[c.q_start : c.q_end])
    return c.q_start + m.end() if m else c.q_end


# A clause of a sentence and the period cue it holds: (start, end, period, first day).
_ClauseCue = tuple[int, int, Period, dt.date | None]


def _period_from_other_clauses(
    text: str,
    sent: Sentence,
    c: Cand,
    same_sentence: list[Cand],
    dates: list[DatedAt],
    as_of: dt.date,
    cache: dict[int, list[_ClauseCue]],
    memo: CueMemo,
) -> PeriodCue:
    """Cues in the sentence's clauses that carry no figure of their own (the clause cues are
    computed once per sentence; `same_sentence` holds the figures of c's sentence)."""
    if c.sent not in cache:
        cache[c.sent] = _clause_cues(text, sent, dates, as_of, memo)
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


def _clause_cues(
    text: str, sent: Sentence, dates: list[DatedAt], as_of: dt.date, memo: CueMemo
) -> list[_ClauseCue]:
    """The period cue of each clause of the sentence (cut at , ; : ( and ) ) that has one."""
    cues: list[_ClauseCue] = []
    pos = sent.start
    for piece in _CLAUSE_MARKS.split(text[sent.start : sent.end]):
        p_start, p_end = pos, pos + len(piece)
        pos = p_end + 1
        # no figure here: "after the number" is after the piece
        period, start = period_cue(text, p_start, p_end, p_end, dates, as_of, memo)
        if period:
            cues.append((p_start, p_end, period, start))
    return cues
