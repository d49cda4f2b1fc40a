"""Periods: as of when a figure holds, and whether it is cumulative or a window.

Owns `decide_periods`, the period stage (a `Dating` for each reading, decided by the passes
of `assign_periods` on working copies): as_of, period and period_start, from the figure's
own clause (`period_cues`), the figure before it in its sentence, the sentence's other
clauses, the next item of its list, a restatement of it, its paragraph, then what its wording
leans to (`period_lean`). Dates come from `period_dates`; a prisoner exchange is a window.
Each decision names its rules (`Dating.period_rule`, `Dating.as_of_rule`); a
"respectively" sentence pairs its figures with its months last (`period_respective`).
Imports: `cand`, `cues`, `dates`, `launched_sets`, `numbers`, `period_cues`, `period_dates`,
`period_inherit`, `period_lean`, `period_months`, `period_respective`, `period_rules`,
`period_starts`, `period_totals`, `reading`, `rules`, `rx`, `sentences`.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence

from ledger.ingest import period_totals as pt
from ledger.ingest.cand import Cand
from ledger.ingest.dates import INVASION, DatedAt
from ledger.ingest.launched_sets import DOWNED_OF_THEM
from ledger.ingest.numbers import find_numbers
from ledger.ingest.period_cues import CHANGE_BESIDE, LOSSES_LEAD, SHARE_CLAUSE, CueMemo, period_cue
from ledger.ingest.period_dates import AsOf
from ledger.ingest.period_inherit import (
    DAY_RULES,
    FROM_A_START,
    Heirs,
    inherit_periods,
    list_periods,
    report_sums,
    set_period,
)
from ledger.ingest.period_lean import INCREMENT, OUT_OF_LAUNCHED, one_exchange
from ledger.ingest.period_months import (
    FRONTED_CALENDAR,
    FRONTED_POINT,
    SAID_AFTER_POINT,
    START_AFTER_POINT,
)
from ledger.ingest.period_respective import respective_months
from ledger.ingest.period_rules import NO_CUE, Cue
from ledger.ingest.period_starts import from_the_invasion_day, front_window
from ledger.ingest.reading import Dating, Document, Reading
from ledger.ingest.rx import guarded
from ledger.ingest.sentences import Sentence, clause_end, clause_start

_NUMBER_IN_QUOTE = guarded(
    r"\d[\d,.  ]*[kK]?|\b(?:one|two|three|four|five|six|seven|eight|nine|ten)\b"
)
_CLAUSE_MARKS = re.compile(r"[,;:()]")
# A window that starts on the first day of the war is the running total.
FROM_THE_INVASION_DAY = "from-the-invasion-day"
# A sum ("a total of 25 missiles") told in a sentence whose other clause names the day or the
# night ("overnight"): that day's sum.
SUM_OF_THE_DAY = "sum-of-the-day"
# The cues that name the day or night of an attack (not "on Monday": the statement's day).
_NIGHT_OR_DAY = frozenset(
    {"overnight", "single-day", "past-period", "during-the-day", "within-a-day"}
)


def decide_periods(doc: Document, readings: Sequence[Reading]) -> list[Dating]:
    """Each figure's `Dating`: decided by passes over every figure (`assign_periods`), on
    working copies that nothing outside the stage sees."""
    cands = [r.working() for r in readings]
    assign_periods(doc.text, doc.sentences, cands, doc.ref_date, doc.dated)
    return [Dating.of(c) for c in cands]


def assign_periods(
    text: str, sentences: list[Sentence], cands: list[Cand], ref: dt.date, has_published: bool
) -> None:
    """as_of from the sentence's date, else the paragraph's, else the report's (see
    `period_dates`). The period comes from a cue of the figure's own clause or sentence; a
    figure without one takes the period of the figure before it in the sentence, of the next
    item of its list, of a restatement of it elsewhere, of the paragraph, of the paragraph
    before when the sentence goes on from it; else what its wording leans to."""
    heirs = Heirs()
    _own_periods(text, sentences, cands, AsOf(text, sentences, ref, has_published), heirs)
    if any(c.period is None for c in cands):
        list_periods(text, cands)
    if any(c.period is None for c in cands):
        inherit_periods(text, sentences, cands, heirs)
    # "in May and June ... 35,000 and 30,000, respectively": each figure its month's window
    respective_months(text, sentences, cands)
    for c in cands:
        if c.period == "window" and from_the_invasion_day(
            text, sentences[c.sent], c.period_start, c.why.get("period") in FROM_A_START, ref
        ):
            # counted from the first day of the war: the running total (the conventions)
            c.period, c.why["period"] = "cumulative", FROM_THE_INVASION_DAY
            c.period_start = INVASION


def _own_periods(
    text: str, sentences: list[Sentence], cands: list[Cand], dated: AsOf, heirs: Heirs
) -> None:
    """Set as_of of every figure, and the period its own clause, its place in its sentence or
    another clause of its sentence gives (None where none does)."""
    own = _Own(text, sentences, cands, dated, heirs)
    for i, c in enumerate(cands):
        set_period(c, own.cue(i, c))
        base = own.prev_in_sent.get(c.sent)
        heirs.mark(c, base if c.why.get("period") == "inherited-from-list" else None)
        if not c.derived:
            own.prev_in_sent[c.sent] = own.prev = c
    for c in cands:
        if not c.heading:
            if c.own_period and heirs.opens_a_report(c):
                # the article opens on a window (a daily briefing, an offensive's tally)
                heirs.lead = Cue("window", c.period_start, "report-window"), c
            else:
                own.lead_before(c)
            break
    report_sums(text, sentences, cands, heirs)


class _Own:
    """The state `_own_periods` reads each figure's cue with."""

    def __init__(
        self, text: str, sentences: list[Sentence], cands: list[Cand], dated: AsOf, heirs: Heirs
    ) -> None:
        self.text, self.sentences, self.cands = text, sentences, cands
        self.dated, self.heirs = dated, heirs
        self.prev_in_sent: dict[int, Cand] = {}
        self.prev: Cand | None = None
        self.pieces: dict[int, list[_ClauseCue]] = {}
        self.memo: CueMemo = {}
        self.by_sent: dict[int, list[Cand]] = {}
        for c in cands:
            self.by_sent.setdefault(c.sent, []).append(c)

    def cue(self, i: int, c: Cand) -> Cue:
        """c's as_of (set here) and the period its own clause or sentence gives."""
        text, sent = self.text, self.sentences[c.sent]
        dates = self.dated.dates(c.sent, sent)
        c.as_of, c.why["as_of"] = self.dated.as_of(sent, dates, c.q_start, c.claimant)
        cs, ce = clause_start(text, sent, c.q_start), clause_end(text, sent, c.q_end)
        prev = self.prev_in_sent.get(c.sent)
        if prev is not None and not c.derived:
            # "1,150 in the past day and a total of 512,000": the total's own words decide
            cs = pt.own_total_start(text, _num_end(text, prev), _num_start(text, c), ce) or cs
        cue = period_cue(text, cs, ce, _num_end(text, c), dates, c.as_of, self.memo)
        c.own_period = cue.period is not None
        cue = self._increment(i, c, sent, cue)
        if cue.rule == "so-far":
            # "have so far lost 26,000 during their counteroffensive": up to now, from the
            # start the sentence names
            whole = period_cue(text, sent.start, sent.end, sent.end, dates, c.as_of, self.memo)
            cue = whole if whole.rule in FROM_A_START else cue
        if c.derived and cue.period != "window":
            # a day's change ("(+1,210)") is that day's window, whatever its sentence says of
            # the figure it changes ("... lost 512,430 (+1,210) since the invasion")
            cue = Cue("window", None, "day-change")
        cue = cue if cue.period else _sentence_cue(text, c, self.cands, i, self.prev_in_sent)
        if cue.rule == "in-total" and id(c) not in self.heirs.raised_totals:
            # not "lost 1,330 over the past day, bringing its total to 800,000": the war's
            cue = self._sum_of_the_day(c, sent, dates) or cue
        cue = cue if cue.period else self._other_clauses(c, sent, dates)
        if cue.period == "cumulative" and not c.derived:
            # "since the invasion, its losses in Kursk have passed 70,000": the incursion's
            cue = front_window(text, c.q_start, c.q_end, c.as_of) or cue
        if cue.rule == "same-period":
            cue = self._same_period(c, cue)
        if (
            c.metric in ("drones", "cruise_missiles")
            and cue.period != "window"
            and OUT_OF_LAUNCHED.match(text, _num_end(text, c), sent.end)
        ):
            cue = Cue("window", c.as_of, OUT_OF_LAUNCHED.name)
        if cue.period is None and c.why.get("metric") == DOWNED_OF_THEM.name:
            cue = Cue("window", c.as_of, DOWNED_OF_THEM.name)  # "shot down 38 of them"
        return one_exchange(text, sent, cue) if c.metric == "pow" else cue

    def lead_before(self, first: Cand) -> None:
        """A report whose opening sentence, before any figure, names the window of the losses
        it goes on to list ("reported the enemy's losses over the past day"): the report's
        window, opened by its first figure (a day's caps what it lends, see `Heirs`)."""
        for sent in self.sentences[: first.sent]:
            if not LOSSES_LEAD.search(self.text, sent.start, sent.end):
                continue
            as_of = first.as_of or self.dated.ref
            dates = self.dated.dates(self.sentences.index(sent), sent)
            cue = period_cue(self.text, sent.start, sent.end, sent.end, dates, as_of, self.memo)
            if cue.period == "window" and (cue.rule in DAY_RULES or cue.rule in FROM_A_START):
                self.heirs.lead = Cue("window", cue.start or as_of, "report-window"), first
                if cue.rule in DAY_RULES:
                    self.heirs.days.add(id(first))
                return

    def _sum_of_the_day(self, c: Cand, sent: Sentence, dates: list[DatedAt]) -> Cue | None:
        """ "struck overnight, firing a total of 25 missiles": a sum told beside a clause that
        names the day or the night is that day's sum."""
        cs, ce = clause_start(self.text, sent, c.q_start), clause_end(self.text, sent, c.q_end)
        cs, ce = max(cs, c.q_start - 160), min(ce, c.q_end + 160)
        if any(r.pattern.search(self.text, cs, ce) for r in pt.CUMULATIVE_CUES[1:]):
            return None  # "a total of 560,000 since the invasion"
        self._other_clauses(c, sent, dates)  # fills self.pieces
        for p_start, p_end, other in self.pieces[c.sent]:
            if not p_start <= c.q_start < p_end and other.rule in _NIGHT_OR_DAY:
                return Cue(other.period, other.start, SUM_OF_THE_DAY)
        return None

    def _increment(self, i: int, c: Cand, sent: Sentence, cue: Cue) -> Cue:
        """ "killed 1,030, raising the total to 133,000": 1,030 is the day's window (unless
        its clause names another), and 133,000 a total that lends the paragraph no period."""
        if c.derived or not INCREMENT.match(self.text, c.q_end, sent.end):
            return cue
        for o in self.cands[i + 1 :]:
            if o.sent != c.sent:
                break
            if not o.derived:
                self.heirs.raised_totals.add(id(o))
                break
        return cue if cue.period == "window" else Cue("window", c.as_of, INCREMENT.name)

    def _same_period(self, c: Cand, cue: Cue) -> Cue:
        """ "within the same period": the period of the sentence before, else of the figure
        before, else a window."""
        if c.sent > 0 and c.as_of is not None:
            ps = self.sentences[c.sent - 1]
            dates = self.dated.dates(c.sent - 1, ps)
            told = period_cue(self.text, ps.start, ps.end, ps.end, dates, c.as_of, self.memo)
            if told.period is not None and told.rule != "same-period":
                return Cue(told.period, told.start, cue.rule)
        if self.prev is not None and self.prev.period:
            return Cue(self.prev.period, self.prev.period_start, cue.rule)
        return cue

    def _other_clauses(self, c: Cand, sent: Sentence, dates: list[DatedAt]) -> Cue:
        """The cue of another clause of c's sentence (see `_period_from_other_clauses`)."""
        as_of = c.as_of or self.dated.ref
        return _period_from_other_clauses(
            self.text, sent, c, self.by_sent[c.sent], dates, as_of, self.pieces, self.memo
        )


def _sentence_cue(
    text: str, c: Cand, cands: list[Cand], i: int, prev_in_sent: dict[int, Cand]
) -> Cue:
    """What the figure's place in its sentence says: a running total with the day's change
    beside it ("5,047 tanks (+55)") is cumulative; else the period of the figure before it
    in the sentence."""
    nxt = cands[i + 1] if i + 1 < len(cands) else None
    if nxt is not None and nxt.derived and CHANGE_BESIDE.match(text, c.q_end, nxt.q_end):
        return Cue("cumulative", None, CHANGE_BESIDE.name)
    base = prev_in_sent.get(c.sent)
    if base is not None and base.period:
        return Cue(base.period, base.period_start, "inherited-from-list")
    return NO_CUE


def _num_start(text: str, c: Cand) -> int:
    """Where the figure's own number starts in its quote (the last of its value)."""
    starts = [n.start for n in find_numbers(text, c.q_start, c.q_end) if n.value == c.value]
    return starts[-1] if starts else c.q_start


def _num_end(text: str, c: Cand) -> int:
    """Where the number in a figure's quote ends (cues after it are read from there)."""
    if c.q_end <= c.q_start:
        return c.q_end
    m = _NUMBER_IN_QUOTE.search(text[c.q_start : c.q_end])
    return c.q_start + m.end() if m else c.q_end


# A clause of a sentence and the period cue it holds: (start, end, cue).
_ClauseCue = tuple[int, int, Cue]


def _period_from_other_clauses(
    text: str,
    sent: Sentence,
    c: Cand,
    same_sentence: list[Cand],
    dates: list[DatedAt],
    as_of: dt.date,
    cache: dict[int, list[_ClauseCue]],
    memo: CueMemo,
) -> Cue:
    """Cues in the sentence's clauses that carry no figure of their own (the clause cues are
    computed once per sentence; `same_sentence` holds the figures of c's sentence)."""
    if c.sent not in cache:
        cache[c.sent] = _clause_cues(text, sent, dates, as_of, memo)
    found = [
        (abs(p_start - c.q_start), cue)
        for p_start, p_end, cue in cache[c.sent]
        if not any(
            o.sent == c.sent and o is not c and o.q_start < p_end and o.q_end > p_start
            for o in same_sentence
        )
        and not _dates_the_statement(text, p_start, p_end, c.q_start)
    ]
    if not found:
        return NO_CUE
    return min(found, key=lambda f: f[0])[1]


def _dates_the_statement(text: str, p_start: int, p_end: int, q_start: int) -> bool:
    """Whether the clause text[p_start:p_end] is a fronted week, month or year followed by
    who said what before the figure ("In March, the ministry estimated that Russia had lost
    ..."), or a fronted month or year followed by a start ("In 2022, Russia invaded; it has
    since lost ..."): the time of the statement or the start, not the figure's window."""
    if p_end > q_start:
        return False
    piece = text[p_start:p_end]
    if FRONTED_POINT.pattern.fullmatch(piece) or FRONTED_CALENDAR.pattern.fullmatch(piece):
        return SAID_AFTER_POINT.pattern.search(text, p_end, q_start) is not None or (
            START_AFTER_POINT.pattern.search(text, p_end, q_start) is not None
        )
    return False


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
        cue = period_cue(text, p_start, p_end, p_end, dates, as_of, memo)
        if cue.period and not SHARE_CLAUSE.search(piece):
            # not "with 30% of them in the past nine months": a share's period
            cues.append((p_start, p_end, cue))
    return cues
