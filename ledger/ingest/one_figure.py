"""One figure: the claim a single number makes, read from the words around it.

Owns `one_candidate`, which tries its rules in order: a day's change in brackets ("(+43)";
none for "(+0)"), the noun after the number ("40 tanks", "3,000 tanks, armored vehicles and
drones", or after its day's change: "7,910 (+9) tanks"), a share of the figure before
("including 600 per day", "58 of which", "62 over Tula"), a noun left out ("315 were
killed", "79 damaged"), the noun named before it ("tanks – 251", "tanks: 251", "lost 300").
Also `qualifier_of` (the qualifier words before a number). Imports: `events.claims`,
`cand`, `cues`, `lexicon`, `metric_nouns`, `numbers` (types), `rx`, `sentences`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from events.claims import Metric, Qualifier
from ledger.ingest import lexicon as lx
from ledger.ingest.cand import Cand
from ledger.ingest.cues import LOSS, METRIC_ANY, qualifier_before, strip_qualifier
from ledger.ingest.metric_nouns import forward_metric, lookback_metric, mixed_list_end
from ledger.ingest.numbers import Number
from ledger.ingest.rx import guarded
from ledger.ingest.sentences import Sentence, clause_end, clause_start

_I = re.IGNORECASE

_TRANSPARENT_AFTER = guarded(r"^\s*(?:units?|pcs\.?|pieces|items)\b", _I)
_BARE_LOSS_AFTER = guarded(
    r"^\s*(?:(?:were|was|have been|had been|has been|are|being|had|have|reportedly)\s+)*"
    r"(?:(?:killed|dead|died|wounded|injured|killed and wounded|killed or wounded|"
    r"killed or injured|perished|slain|(?:(?:considered|listed|reported) (?:as )?)?missing)\b)",
    _I,
)
_LOST_BEFORE = guarded(
    r"\b(?:lost|losing|loses|lose|losses of|killed|kill(?:ing)?|eliminated|wiped out)\s*$", _I
)
_FOLLOW_OK = guarded(
    r"^\s*(?:$|[.,;:)!?\]]|\(|[-–—]\s|(?:and|or|in|on|since|as|per|during|over|from|by|while|"
    r"according|with|after|before|so|this|the|of|killed|dead|at (?:the|that) (?:time|point))\b)",
    _I,
)
_VAGUE_PEOPLE = frozenset({"men", "people", "persons", "lives"})
_BARE_CLAUSE = re.compile(r"\s*")
_PLUS_PAREN = guarded(r"\(\s*\+\s*$")
# A day's change in brackets right after a figure: " (+1,210)", " (+0)".
_CHANGE_AFTER = guarded(r"\s*\(\s*\+\s*\d[\d,.  ]*\)")
_OPEN_PAREN = guarded(r"\(\s*$")
_MORE_AFTER = guarded(r"^\s*(?:more|new|additional|extra)\b", _I)
# "544 tanks were captured, 79 damaged and 65 abandoned", "2,635 were destroyed", "15,051
# units were destroyed": the figure counts the metric named just before.
_ELIDED_AFTER = guarded(
    r"^\s*(?:[-–—]\s*)?(?:(?:units?|pieces|items)\s*(?:[-–—]\s*)?)?"
    r"(?:(?:were|was|have been|has been|had been|are|reportedly)\s+)*"
    r"(?:(?:reported|confirmed|listed)\s+"
    r"(?:as\s+)?)?(?P<verb>destroyed|damaged|abandoned|captured|seized|lost|shot down|downed|sunk|"
    r"knocked out|disabled|intercepted|eliminated|surrendered)\b",
    _I,
)
# "58 of which were shot down", "13 of them over the last day": a part of the figure before.
_PARTITIVE_AFTER = guarded(r"^\s+of\s+(?:which|them|these|those)\b", _I)
# "from 776 casualties in March to 568 in April": the second figure counts what the first did.
_PARALLEL = guarded(r"\b(?:to|from|versus|vs\.?|against|compared (?:with|to)|than)\b", _I)
# "141 drones: 62 over the Bryansk Region, 12 over Tula": a share of an air tally by place.
_OVER_PLACE_AFTER = guarded(
    r"^\s+(?:(?:were|was)\s+)?(?:[a-z]+\s+)?over\s+(?:the\s+)?(?:[A-Z][\w'’-]+|waters)"
)
_AIRBORNE = frozenset({"drones", "cruise_missiles", "aircraft", "helicopters"})
_BARE_UNITS_AFTER = guarded(r"^\s*(?:units|pieces|items)\b(?!\s+of\b)", _I)
_PER_DAY_AFTER = guarded(r"^\s*(?:per day|a day|daily|in (?:a|one|the past) day)\b", _I)
_INCLUDING_BEFORE = guarded(r"\b(?:including|of which|of them|incl\.)\s*$", _I)
_OR_MORE_AFTER = re.compile(r"^\+|^\s+or more\b", _I)
# "over 255 by the Sever battlegroup", "up to 85 in the area of the Dnepr group": a share of a
# per-grouping breakdown, counting what the figure before counted.
_BY_GROUPING_AFTER = guarded(
    r"^\s+(?:(?:were|was)\s+)?(?:(?:eliminated|killed|destroyed|lost)\s+)?(?:by|in|from|of)\s+"
    r"(?:the\s+)?(?:(?:responsibility\s+)?(?:area|zone)\s+of\s+(?:the\s+)?)?"
    r"(?:(?:Russia['’]s|Russian)\s+)?(?:[\w'’-]+\s+){0,2}?"
    rf"(?:{lx.GROUPING_WORDS})\b",
    _I,
)


def qualifier_of(text: str, sent: Sentence, n: Number) -> tuple[Qualifier, int]:
    """The qualifier the words before `n` give it ("about", "more than"; "or more" after it),
    and where the quote starts (at the qualifier's first word)."""
    before = text[max(sent.start, n.start - 40) : n.start]
    m = qualifier_before(before)
    if m:
        return lx.QUALIFIERS_BEFORE[m.group(1).lower()], n.start - (len(before) - m.start(1))
    if _OR_MORE_AFTER.match(text[n.end : n.end + 9]):
        return "at_least", n.start
    return "exact", n.start


@dataclass(frozen=True, slots=True)
class _Figure:
    """One number being read: its sentence, its qualifier and where its quote starts."""

    text: str
    sent: Sentence
    si: int
    n: Number
    qualifier: Qualifier
    q_start: int

    @property
    def after_limit(self) -> int:
        """How far after the number the rules read: 80 characters, within the sentence."""
        return min(self.sent.end, self.n.end + 80)

    def after(self, width: int) -> str:
        """The `width` characters after the number (the sentence may end before them)."""
        return self.text[self.n.end : self.n.end + width]

    def cand(self, metric: Metric, end: int, *, part: bool = False) -> Cand:
        """The claim this number makes, counting `metric`, its quote ending at `end`."""
        return Cand(metric, self.n.value, self.qualifier, self.q_start, end, self.si, part=part)


def one_candidate(
    text: str,
    sent: Sentence,
    si: int,
    n: Number,
    previous: list[Cand],
    carry: Cand | None = None,
) -> Cand | None:
    """The claim a single number makes, if it counts a metric. `previous` holds the claims
    found before it in its sentence; `carry` is the last one of the paragraph before."""
    qualifier, q_start = qualifier_of(text, sent, n)
    fig = _Figure(text, sent, si, n, qualifier, q_start)
    if previous and _is_day_change(fig):
        return _day_change(fig, previous[-1])
    fwd = forward_metric(text, n.end, fig.after_limit)
    if fwd is None:
        # "512,430 (+1,210) military personnel": the day's change stands between the figure
        # and its noun
        change = _CHANGE_AFTER.match(text, n.end, fig.after_limit)
        fwd = forward_metric(text, change.end(), fig.after_limit) if change else None
    found = _noun_after(fig, fwd) if fwd else None
    if found is not None:
        return found
    # no noun after it, or only "people" outside a loss clause ("personnel — about 512,430
    # (+1,210) people" counts what the line names before the figure)
    base = previous[-1] if previous else carry
    return (
        _per_day_share(fig, previous)
        or _by_grouping(fig, previous)
        or _share_of(fig, base)
        or _noun_left_out(fig, base)
        or _noun_before(fig, previous)
    )


def _is_day_change(fig: _Figure) -> bool:
    """ "(+43)", "(+43 per day)", "(2 more than a day earlier)": a day's change after a figure."""
    lead = fig.text[max(fig.sent.start, fig.n.start - 3) : fig.n.start]
    return bool(
        _PLUS_PAREN.search(lead) or (_OPEN_PAREN.search(lead) and _MORE_AFTER.match(fig.after(20)))
    )


def _day_change(fig: _Figure, base: Cand) -> Cand | None:
    """The day's change of `base`'s metric, its quote `base`'s and the bracket; None for
    "(+0)": no loss that day is no loss claim."""
    if fig.n.value == 0:
        return None
    close = fig.text.find(")", fig.n.end, fig.after_limit)
    end = max(close + 1 if close >= 0 else fig.n.end, base.q_end)
    return Cand(
        base.metric, fig.n.value, "exact", base.q_start, end, fig.si, derived=True, period="window"
    )


def _noun_after(fig: _Figure, fwd: tuple[Metric, int, int]) -> Cand | None:
    """The figure counts the noun after it ("40 tanks"), or the list of nouns it opens ("3,000
    tanks, armored vehicles and drones"); "men", "people", "persons", "lives" only in a loss
    clause."""
    text, sent = fig.text, fig.sent
    metric, noun_start, noun_end = fwd
    if metric == "personnel" and text[noun_start:noun_end].lower() in _VAGUE_PEOPLE:
        clause = text[clause_start(text, sent, fig.n.start) : clause_end(text, sent, noun_end)]
        if not LOSS.search(clause):
            return None
    if metric != "personnel" and text.startswith((",", " and "), noun_end):
        list_end = mixed_list_end(text, noun_end, sent.end)
        if list_end is not None:
            metric, noun_end = "equipment_total", list_end
    return fig.cand(metric, noun_end)


def _per_day_share(fig: _Figure, previous: list[Cand]) -> Cand | None:
    """ "..., including 600 per day": the day's share of the figure before."""
    before = fig.text[fig.sent.start : fig.n.start]
    per_day = _PER_DAY_AFTER.match(fig.after(20))
    including = _INCLUDING_BEFORE.search(before) if per_day else None
    if not (per_day and including and previous):
        return None
    return Cand(
        previous[-1].metric,
        fig.n.value,
        fig.qualifier,
        fig.q_start - len(including.group(0)),
        fig.n.end + per_day.end(),
        fig.si,
        derived=True,
        period="window",
    )


def _by_grouping(fig: _Figure, previous: list[Cand]) -> Cand | None:
    """ "over 300 soldiers by the Vostok group, over 255 by the Sever group": a figure with no
    noun of its own, one grouping's share of a breakdown, counts what the one before did."""
    if not previous:
        return None
    by = _BY_GROUPING_AFTER.match(fig.text[fig.n.end : fig.after_limit])
    return fig.cand(previous[-1].metric, fig.n.end + by.end()) if by else None


def _share_of(fig: _Figure, base: Cand | None) -> Cand | None:
    """ "58 of which", "13 of them": a part of the figure before; "62 over the Bryansk
    Region": a share of an air tally by place."""
    if base is None:
        return None
    part = _PARTITIVE_AFTER.match(fig.after(20))
    if part:
        return fig.cand(base.metric, fig.n.end + part.end(), part=True)
    if base.metric not in _AIRBORNE:
        return None
    over = _OVER_PLACE_AFTER.match(fig.text[fig.n.end : fig.after_limit])
    return fig.cand(base.metric, fig.n.end + over.end(), part=True) if over else None


def _noun_left_out(fig: _Figure, base: Cand | None) -> Cand | None:
    """ "315 were killed": people; "79 damaged", "2,635 units were destroyed": the metric
    named just before (else equipment)."""
    after = fig.text[fig.n.end : fig.after_limit]
    bare = _BARE_LOSS_AFTER.match(after)
    if bare:
        return fig.cand("personnel", fig.n.end + bare.end())
    elided = _ELIDED_AFTER.match(after)
    if not elided or not (base or _BARE_UNITS_AFTER.match(fig.after(12))):
        return None
    metric: Metric = base.metric if base else "equipment_total"
    if metric == "personnel" and elided.group("verb").lower() in ("captured", "surrendered"):
        metric = "pow"
    return fig.cand(metric, fig.n.end + elided.end())


def _noun_before_colon(fig: _Figure, start: int) -> tuple[Metric, int] | None:
    """ "air defence systems: 850": a figure that opens its clause right after a colon counts
    the noun the clause before the colon names."""
    text, sent = fig.text, fig.sent
    if start <= sent.start or text[start - 1] != ":":
        return None
    if not _BARE_CLAUSE.fullmatch(text, start, fig.q_start):
        return None
    return lookback_metric(text, clause_start(text, sent, start - 1), fig.n.start)


def _noun_before(fig: _Figure, previous: list[Cand]) -> Cand | None:
    """A figure that ends its phrase counts the noun named before it ("tanks – 251"), the
    people a loss verb names ("lost 300"), what a parallel figure before it counts ("from 776
    casualties to 568"), or units lost ("lost 40 units")."""
    text, sent, n = fig.text, fig.sent, fig.n
    follow_ok = _FOLLOW_OK.match(fig.after(12))
    if not follow_ok and not _TRANSPARENT_AFTER.match(fig.after(12)):
        return None
    start = clause_start(text, sent, n.start)
    lb = lookback_metric(text, start, n.start) or _noun_before_colon(fig, start)
    if lb:
        unit = _TRANSPARENT_AFTER.match(fig.after(12))
        end = n.end + unit.end() if unit else n.end
        cand = Cand(lb[0], n.value, fig.qualifier, min(lb[1], fig.q_start), end, fig.si)
        cand.np_start = max(start, lb[1] - 30)
        return cand
    if _LOST_BEFORE.search(strip_qualifier(text[sent.start : n.start].rstrip()).rstrip()):
        return fig.cand("personnel", n.end)
    if previous and follow_ok:
        between = text[previous[-1].q_end : n.start]
        if len(between) <= 50 and _PARALLEL.search(between) and not METRIC_ANY.search(between):
            return fig.cand(previous[-1].metric, n.end)
    units = _BARE_UNITS_AFTER.match(fig.after(12))
    if units and LOSS.search(text, start, n.start):
        return fig.cand("equipment_total", n.end + units.end())
    return None
