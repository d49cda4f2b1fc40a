"""Period inheritance: the period of a figure whose own clause and sentence name none.

Owns `set_period` (a period and its first day on a candidate, with the rule's name in
`c.why["period"]`), `list_periods` (a list item takes the cue of the item after it),
`inherit_periods` (the figure before it in its sentence, a restatement, its paragraph, a
share of a window told before, the paragraph before when the sentence goes on, else what the
wording leans to or the window of the report the article opens with) and `INHERIT_CUES`.
A one-day window is never passed to a figure too large for one day ("... 1,070 over the
past day. The losses include 53,593 vehicles"): that figure is the running total. Imports:
`events.claims`, `cand`, `dates`, `period_cues`, `period_lean`, `period_rules`,
`period_starts`, `period_totals`, `rules`, `rx`, `sentences`.
"""

from __future__ import annotations

import datetime as dt
import re

from events.vocabulary import Metric
from ledger.ingest import period_totals as pt
from ledger.ingest.cand import Cand
from ledger.ingest.dates import INVASION
from ledger.ingest.period_cues import REACH
from ledger.ingest.period_lean import lean
from ledger.ingest.period_rules import Cue
from ledger.ingest.period_starts import front_window
from ledger.ingest.rules import Rule, registry, words
from ledger.ingest.rx import guarded
from ledger.ingest.sentences import Sentence, clause_end

LIST_GAP = Rule(
    "list-gap",
    'Between two items of one list ("61 guns, 18 AFVs and five tanks on Monday"): the items '
    "before the one whose clause holds the cue share it.",
    guarded(r"^\s*(?:\([^()]{1,30}\))?\s*(?:,|,?\s*and|,?\s*as well as)\s*$", re.I),
    ", and ",
    " were hit while ",
)
SHARE_LEAD = Rule(
    "share-lead",
    'A sentence that opens on a share of the figure before ("Of these, 640 died in the past '
    "day\"): the paragraph's figures go on from the whole, not the share.",
    guarded(
        r"^\W{0,3}(?:of (?:these|them|this number|those|which)|among them|this (?:figure|number|"
        r"total) includes?)\b",
        re.I,
    ),
    "Of these, 640 died the day before",
    "All of these, 640 died the day before",
    words("of |among them|this "),
)
COORDINATED_VERB = Rule(
    "coordinated-verb",
    'Two figures of one clause pair, each with its verb ("12,000 have died and another 40,000 '
    'were wounded in six months"): the cue after the second is of both.',
    guarded(
        r"^\s*(?:(?:have|has|had|were|was)\s+(?:been\s+)?)?[a-z]+\s+and"
        r"(?:\s+(?:another|a further|an additional|some|about|around|nearly|over))?\s*$",
        re.I,
    ),
    " have died and another ",
    " have died, while another ",
)
INHERIT_CUES = registry(LIST_GAP, SHARE_LEAD, COORDINATED_VERB)

# More than one day of fighting brings: a one-day window passed to a figure above this is
# the running total its report gives beside the day's figure.
_DAY_MOST: dict[Metric, int] = {
    "personnel": 5_000,
    "drones": 2_000,
    "aircraft": 40,
    "helicopters": 40,
    "ships": 10,
    "submarines": 2,
}
_DAY_MOST_ELSE = 600


class Heirs:
    """What `inherit_periods` reads: the figures that are totals a sentence raises by its
    figure (they lend no period to the paragraph), and the report window the article opens
    with, if any."""

    def __init__(self) -> None:
        self.raised_totals: set[int] = set()
        self.lead: tuple[Cue, Cand] | None = None  # the report window and its first figure
        self.days: set[int] = set()  # the figures of one day's window

    def mark(self, c: Cand, base: Cand | None = None) -> None:
        """Note c as a figure of one day's window: its cue names a day, or it took the
        period of such a figure (`base`)."""
        if c.period != "window":
            return
        if (base is not None and id(base) in self.days) or (
            c.why.get("period") in DAY_RULES and c.period_start == c.as_of
        ):
            self.days.add(id(c))

    def opens_a_report(self, c: Cand) -> bool:
        """Whether c, the article's first figure, opens a report of one window: a day's (a
        daily briefing), a week's (a weekly one) or one counted from a start it names (an
        offensive's tally); not a rate ("1,000 a day")."""
        return id(c) in self.days or c.why.get("period") in FROM_A_START | WEEK_RULES


# Window cues that name the window's start (an offensive, an incursion, a day, a meeting).
FROM_A_START = frozenset(
    {
        "during-operation",
        "since-start-of-other",
        "since-fighting-began",
        "since-date",
        "named-battle",
        "since-previous-meeting",
    }
)


# Window cues of a week's briefing ("during the week"): like a day's, a report's span.
WEEK_RULES = frozenset({"during-the-week"})


DAY_RULES = frozenset(
    {
        "single-day",
        "past-period",
        "overnight",
        "during-the-day",
        "within-a-day",
        "on-weekday",
        "yesterday",
        "day-change",
        "in-the-latest-report",
        "record-day",
    }
)


def set_period(c: Cand, cue: Cue) -> None:
    """Set c's period and first day from `cue`, naming its rule in `c.why["period"]`."""
    period, start, rule = cue
    as_of = c.as_of or INVASION
    if (
        period == "window"
        and start is not None
        and abs(start - INVASION) <= min(REACH, (as_of - start) / 4)
        and as_of - start >= dt.timedelta(days=7)
    ):
        # "over the past six months" said in August 2022, "in two weeks" said on 10 March
        # 2022: the whole war so far
        period, rule = "cumulative", "window-spans-the-war"
    if period == "cumulative":
        start = INVASION if as_of >= INVASION else None
    elif period == "window" and (start is None or start > as_of):
        start = as_of
    c.period, c.period_start = period, start
    if period is not None:
        c.why["period"] = rule or "unnamed-cue"


def list_periods(text: str, cands: list[Cand]) -> None:
    """A figure without a period takes the cue of the next item of its list."""
    nxt: Cand | None = None
    for c in reversed(cands):
        if (
            c.period is None
            and nxt is not None
            and nxt.sent == c.sent
            and nxt.period
            and nxt.own_period
            and (gap := _list_gap(text[c.q_end : nxt.q_start]))
        ):
            set_period(c, Cue(nxt.period, nxt.period_start, gap))
            c.own_period = True
        nxt = c


SUM_OF_THE_REPORT = Rule(
    "sum-of-the-report",
    'A bare sum ("In total, the enemy lost 300 troops") in a report that opens on a window '
    "(a day's briefing): the sum of that window's figures, not of the war.",
    guarded(r"\b(?:in total|in all|altogether|a total of)\b", re.I),
    "In total, the enemy lost up to 300 troops",
    "The enemy has lost a totally new brigade",
    words("total|in all|altogether"),
)
REPORT_CUES = registry(SUM_OF_THE_REPORT)
_NEAR = 160  # how far from a figure its clause is read for a sum word


def report_sums(text: str, sentences: list[Sentence], cands: list[Cand], heirs: Heirs) -> None:
    """In a report opened on a window (`heirs.lead`), a bare sum told with no other cue of the
    whole war ("In total, Ukraine lost over 300 troops") and the list items that took its
    period are that window's, unless too many for the day of a daily one."""
    if heirs.lead is None:
        return
    lead, opener = heirs.lead
    daily = id(opener) in heirs.days
    moved: set[int] = set()
    prev: dict[int, Cand] = {}
    for c in cands:
        fits = not daily or c.value <= _DAY_MOST.get(c.metric, _DAY_MOST_ELSE)
        rule, base = c.why.get("period"), prev.get(c.sent)
        total = rule == "in-total" and c.period == "cumulative"  # not "a total ... since May 3"
        if fits and total and _bare_sum(text, sentences[c.sent], c):
            set_period(c, Cue(lead.period, lead.start, SUM_OF_THE_REPORT.name))
            moved.add(id(c))
        elif fits and rule == "inherited-from-list" and base is not None and id(base) in moved:
            set_period(c, Cue(base.period, base.period_start, "inherited-from-list"))
            moved.add(id(c))
        if not c.derived:
            prev[c.sent] = c


def _bare_sum(text: str, sent: Sentence, c: Cand) -> bool:
    """Whether c's sentence near the figure ("In total, ...": the sum word may be a clause
    of its own) sums with a bare sum word, and c's clause names no span of the whole war ("a
    total of 560,000 since the invasion")."""
    lo, hi = (
        max(sent.start, c.q_start - _NEAR),
        min(clause_end(text, sent, c.q_end), c.q_end + _NEAR),
    )
    if not SUM_OF_THE_REPORT.pattern.search(text, lo, hi):
        return False
    return not any(r.pattern.search(text, lo, hi) for r in pt.CUMULATIVE_CUES[1:])


def _list_gap(gap: str) -> str:
    """The rule by which a figure shares the cue of the next one, across `gap` ("" if none)."""
    if LIST_GAP.match(gap):
        return "inherited-from-list"
    return COORDINATED_VERB.name if COORDINATED_VERB.match(gap) else ""


def inherit_periods(text: str, sentences: list[Sentence], cands: list[Cand], heirs: Heirs) -> None:
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
            found, base = _inherited_period(text, sent, c, prev, cued, last_by_para, windows, heirs)
            if found.period == "cumulative":
                # "the losses in Kursk have passed 60,000": the incursion's window
                found = front_window(text, c.q_start, c.q_end, c.as_of) or found
            set_period(c, _day_bound(c, found, base, heirs))
            heirs.mark(c, base)
        if not c.derived:
            prev = c
            if _lends_to_paragraph(text, sent, c, heirs):
                last_by_para[sent.para] = c
        if c.period == "window" and not c.part:
            key = (c.subject, c.metric)
            windows[key] = max(windows.get(key, 0), c.value)


def _lends_to_paragraph(text: str, sent: Sentence, c: Cand, heirs: Heirs) -> bool:
    """Whether the paragraph's later figures may take c's period: not a share of a figure
    told before ("58 of which", "Of these, 640 ...") nor a total raised by the figure
    before it."""
    if c.part or id(c) in heirs.raised_totals:
        return False
    return not SHARE_LEAD.search(text, sent.start, c.q_start)


def _day_bound(c: Cand, cue: Cue, base: Cand | None, heirs: Heirs) -> Cue:
    """A one-day window handed on (from `base`) to a figure larger than a day of fighting
    brings is the running total beside the day's figure."""
    if (
        base is not None
        and id(base) in heirs.days
        and cue.period == "window"
        and c.value > _DAY_MOST.get(c.metric, _DAY_MOST_ELSE)
    ):
        return Cue("cumulative", None, "too-many-for-a-day")
    return cue


def _inherited_period(
    text: str,
    sent: Sentence,
    c: Cand,
    prev: Cand | None,
    cued: dict[tuple[str | None, str, int], Cand],
    last_by_para: dict[int, Cand],
    windows: dict[tuple[str | None, str], int],
    heirs: Heirs,
) -> tuple[Cue, Cand | None]:
    """The period of a figure whose own clause and sentence give none, and the figure it is
    taken from: one told for it elsewhere, else what the sentence's wording leans to, else
    the report's window."""
    told = _period_told_elsewhere(sent, c, prev, cued, last_by_para)
    if told is not None:
        return told
    # A share of a day's (week's) figure told earlier: "up to 620 soldiers in the past 24
    # hours ... the West group: up to 495".
    if windows and c.value <= windows.get((c.subject, c.metric), 0):
        return Cue("window", c.as_of, "share-of-window"), None
    before: Cue | None = None
    base = None
    for back in (1, 2):
        base = last_by_para.get(sent.para - back)
        if base is not None and base.period:
            before = Cue(base.period, base.period_start, "paragraph-before")
            break
    leaning = lean(text, sent, c, before)
    if leaning.rule == "default-cumulative" and heirs.lead is not None:
        # a daily briefing or an offensive's tally: what it goes on to list is of the same
        # window ("The enemy lost three armoured vehicles and 11 cars."), unless too many
        # for the day of a daily one
        lead, opener = heirs.lead
        if id(opener) not in heirs.days or c.value <= _DAY_MOST.get(c.metric, _DAY_MOST_ELSE):
            return Cue(lead.period, lead.start, "report-window"), None
    return leaning, base if leaning.rule == "paragraph-before" else None


def _period_told_elsewhere(
    sent: Sentence,
    c: Cand,
    prev: Cand | None,
    cued: dict[tuple[str | None, str, int], Cand],
    last_by_para: dict[int, Cand],
) -> tuple[Cue, Cand] | None:
    """The period of the figure before it in its sentence, of a restatement of it (same
    subject, metric and value), or of its paragraph's last figure; and that figure."""
    if prev is not None and prev.sent == c.sent and prev.period:
        return Cue(prev.period, prev.period_start, "inherited-from-list"), prev
    same = cued.get((c.subject, c.metric, c.value))
    if same is not None and same is not c and same.period:
        return Cue(same.period, same.period_start, "restatement"), same
    if sent.para in last_by_para and last_by_para[sent.para].period:
        base = last_by_para[sent.para]
        return Cue(base.period, base.period_start, "paragraph"), base
    return None
