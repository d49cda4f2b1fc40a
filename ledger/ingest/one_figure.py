"""One figure: the claim a single number makes, read from the words around it.

Owns `one_candidate`, which tries its rules in order: a day's change in brackets ("(+43)";
none for "(+0)"), the noun after the number ("40 tanks", "3,000 tanks, armored vehicles and
drones", or after its day's change: "7,910 (+9) tanks"), a share of the figure before
("including 600 per day", "58 of which", "62 over Tula"), a noun left out ("315 were
killed", "79 damaged"), the noun named before it ("tanks – 251", "tanks: 251", "lost 300").
The shares of a figure before live in `shares`; `qualifier_of` (re-exported) and the
`Figure` a rule reads, in `figure`. Imports: `events.claims`, `cand`, `cues`, `figure`,
`launched_sets`, `metric_nouns`, `month_figures`, `numbers` (types), `rules`, `rx`,
`sentences`, `shares`.
"""

from __future__ import annotations

import re

from events.vocabulary import Metric
from ledger.ingest.cand import Cand
from ledger.ingest.cues import LOSS, METRIC_ANY, longest_metric, strip_qualifier
from ledger.ingest.figure import Figure, explain, qualifier_of, qualifier_rule
from ledger.ingest.launched_sets import downed_of_launched
from ledger.ingest.metric_nouns import (
    COORDINATED,
    SIDE_LOSSES,
    forward_metric,
    lead_rule,
    lookback_metric,
    losses_lookback,
    mixed_list_end,
    reaching_lookback,
)
from ledger.ingest.month_figures import month_figure
from ledger.ingest.numbers import Number
from ledger.ingest.rules import Rule, registry
from ledger.ingest.rx import guarded
from ledger.ingest.sentences import Sentence, clause_end, clause_start
from ledger.ingest.shares import (
    by_grouping,
    including_share,
    loss_kind_share,
    per_day_share,
    place_breakdown,
    place_count,
    share_of,
)

__all__ = ["FIGURE_RULES", "one_candidate", "qualifier_of"]

_I = re.IGNORECASE

DAY_CHANGE = "day-change"  # "(+43)" after a figure: the day's change of the row's metric
# Words after a figure that name no kind of thing: units ("40 units"), a mark ("the 250,000
# mark"); the figure counts the noun before it.
_TRANSPARENT_AFTER = guarded(
    r"^\s*(?:units?|pcs\.?|pieces|items|mark|milestone|threshold|barrier|line)\b", _I
)
_BARE_LOSS_AFTER = guarded(
    r"^\s*(?:(?:others|more)\s+)?"
    r"(?:(?:were|was|have been|had been|has been|are|is|being|had|have|reportedly|"
    r"(?:estimated|believed|thought|said|reported|known) to have been|"
    r"(?:listed|confirmed|recorded|registered) as)\s+)*"
    r"(?:(?:killed|dead|died|wounded|injured|killed and wounded|killed or wounded|"
    r"killed or injured|perished|slain|(?:(?:considered|listed|reported) (?:as )?)?missing)\b)",
    _I,
)
_LOST_BEFORE = guarded(
    r"\b(?:lost|losing|loses|lose|losses of|killed|kill(?:ing)?|eliminated|wiped out)\s*$", _I
)
_FOLLOW_OK = guarded(
    r"^(?:[ \t]*\n|\s*(?:$|[.,;:)!?\]]|\(|[-–—]\s|(?:and|or|in|on|since|as|per|during|over|from|by|"
    r"while|for|when|including|last|every|each|daily|monthly|weekly|a (?:day|week|month)|"
    r"according|with|after|before|so|this|the|of|killed|dead|respectively|systems(?!\s+of)|"
    r"at (?:the|that) (?:time|point))\b))",
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
# "from 776 casualties in March to 568 in April": the second figure counts what the first did.
_PARALLEL = guarded(
    r"\b(?:to|from|versus|vs\.?|against|compared (?:with|to)|than|estimates?)\b|\w[—–]\w|"
    r"\b(?:bringing|raising|taking|pushing) (?:the|its|their) (?:[\w-]+ ){0,4}?"
    r"(?:total|tally|toll|count)\b",
    _I,
)
PART_WERE = Rule(
    "part-were-noun",
    '"966 (17%) were officers": a part of a figure before, told by what they were.',
    guarded(r"\s*(?:\(\s*\d+(?:[.,]\d+)?\s?%\s*\)\s*)?(?:were|was|are)\s+(?=[a-z])", _I),
    " (17%) were officers",
    " (17%) died in combat",
)
RESTATED = Rule(
    "restated-in-brackets",
    'An exact figure in brackets restating the rounded one before it ("almost 300 thousand '
    '(299,210) people"): both count the noun after the bracket.',
    guarded(r"\s*\(\s*\d[\d,.  ]*\)"),
    " (299,210) people",
    " (+1,210) people",
)
CLOSE_PAREN = Rule(
    "bracket-closes-figure",
    'The bracket a figure stands in closes right after it ("(299,210) people", "(3,680)").',
    guarded(r"(?<![A-Za-z])\s*\)"),
    "299,210) people",
    " people)",
)
BRACKET_FIGURE = Rule(
    "figure-in-brackets",
    'A figure alone in brackets after a word ("in the past three days (3,680)"): it counts the '
    "last metric noun its sentence named.",
    guarded(r"[A-Za-z]\s*\(\s*\Z"),
    "in the past three days (",
    "in the past three days, ",
)
THE_NUMBER = Rule(
    "the-number-before",
    '"... estimated the number as closer to 10", "their number is now 6": a figure that "the '
    'number" points back to counts what the figure before counted.',
    guarded(
        r"\b(?:the|their|its|this|that) (?:number|figure|total|tally|count)\b"
        r"(?:\s+[\w'’-]+){0,4}?\s*\Z",
        _I,
    ),
    "estimated the number as closer to ",
    "estimated the damage as closer to ",
    ("number", "figure", "total", "tally", "count"),
)
FIGURE_RULES = registry(PART_WERE, RESTATED, BRACKET_FIGURE, CLOSE_PAREN, THE_NUMBER)
_BARE_UNITS_AFTER = guarded(r"^\s*(?:units|pieces|items)\b(?!\s+of\b)", _I)


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
    qualifier, q_start, qualifier_why = qualifier_rule(text, sent, n)
    fig = Figure(text, sent, si, n, qualifier, q_start, qualifier_why)
    if previous and _is_day_change(fig):
        return _day_change(fig, previous[-1])
    place = place_count(fig, previous) or _bracket_figure(fig)
    if place is not None:
        return place
    fwd = forward_metric(text, n.end, fig.after_limit) or _noun_past_bracket(fig)
    found = _noun_after(fig, fwd) if fwd else None
    if found is not None:
        return found
    # no noun after it, or only "people" outside a loss clause ("personnel — about 512,430
    # (+1,210) people" counts what the line names before the figure)
    base = previous[-1] if previous else carry
    return (
        per_day_share(fig, previous)
        or including_share(fig, previous)
        or by_grouping(fig, previous)
        or share_of(fig, base)
        or downed_of_launched(fig)
        or loss_kind_share(fig, base)
        or _noun_left_out(fig, base)
        or _noun_before(fig, previous)
        or _the_number(fig, base)
        or month_figure(fig, base)
        or place_breakdown(fig, previous)
    )


def _bracket_figure(fig: Figure) -> Cand | None:
    """ "lost as many troops in three days (3,680) as in the first month (3,900)": a figure
    alone in brackets after a word counts the last metric noun its sentence named."""
    text, n = fig.text, fig.n
    lead = BRACKET_FIGURE.search(text, max(fig.sent.start, n.start - 12), n.start)
    if lead is None or not CLOSE_PAREN.match(text, n.end, fig.after_limit):
        return None
    found = None
    for m in METRIC_ANY.finditer(text, max(fig.sent.start, n.start - 120), n.start):
        found = longest_metric(text, m.start()) or found
    if found is None:
        return None
    return fig.cand(found[0], text.index(")", n.end) + 1, BRACKET_FIGURE.name)


def _the_number(fig: Figure, base: Cand | None) -> Cand | None:
    """ "41 aircraft were damaged. Another source put the number closer to 10": a figure with
    no noun that "the number" points back to counts what the figure before counted."""
    if base is None:
        return None
    start = clause_start(fig.text, fig.sent, fig.n.start)
    if not THE_NUMBER.search(fig.text, max(start, fig.q_start - 50), fig.q_start):
        return None
    return fig.cand(base.metric, fig.n.end, THE_NUMBER.name)


def _noun_past_bracket(fig: Figure) -> tuple[Metric, int, int] | None:
    """The noun after a bracket: the day's change ("512,430 (+1,210) military personnel"), an
    exact figure restating a rounded one ("almost 300 thousand (299,210) people", both
    figures), or a share ("966 (17%) were officers")."""
    text, n, limit = fig.text, fig.n, fig.after_limit
    skip = (
        _CHANGE_AFTER.match(text, n.end, limit)
        or PART_WERE.match(text, n.end, limit)
        or RESTATED.match(text, n.end, limit)
    )
    if skip is None and _OPEN_PAREN.search(text, max(fig.sent.start, n.start - 3), n.start):
        skip = CLOSE_PAREN.match(text, n.end, limit)  # the restating figure itself
    return forward_metric(text, skip.end(), limit) if skip else None


def _is_day_change(fig: Figure) -> bool:
    """ "(+43)", "(+43 per day)", "(2 more than a day earlier)": a day's change after a figure."""
    lead = fig.text[max(fig.sent.start, fig.n.start - 3) : fig.n.start]
    return bool(
        _PLUS_PAREN.search(lead) or (_OPEN_PAREN.search(lead) and _MORE_AFTER.match(fig.after(20)))
    )


def _day_change(fig: Figure, base: Cand) -> Cand | None:
    """The day's change of `base`'s metric, its quote `base`'s and the bracket; None for
    "(+0)": no loss that day is no loss claim."""
    if fig.n.value == 0:
        return None
    close = fig.text.find(")", fig.n.end, fig.after_limit)
    end = max(close + 1 if close >= 0 else fig.n.end, base.q_end)
    c = Cand(
        base.metric, fig.n.value, "exact", base.q_start, end, fig.si, derived=True, period="window"
    )
    return explain(c, metric=DAY_CHANGE, qualifier=DAY_CHANGE)


def _noun_after(fig: Figure, fwd: tuple[Metric, int, int]) -> Cand | None:
    """The figure counts the noun after it ("40 tanks"), or the list of nouns it opens ("3,000
    tanks, armored vehicles and drones"); "men", "people", "persons", "lives" only in a loss
    clause."""
    text, sent = fig.text, fig.sent
    metric, noun_start, noun_end = fwd
    if metric == "personnel" and text[noun_start:noun_end].lower() in _VAGUE_PEOPLE:
        # a figure in brackets ("300 thousand (299,210) people") reads the clause around them
        paren = text.rfind("(", max(sent.start, fig.n.start - 3), fig.n.start)
        start = clause_start(text, sent, paren - 1 if paren > sent.start else fig.n.start)
        clause = text[start : clause_end(text, sent, noun_end)]
        if not LOSS.search(clause):
            return None
    rule = lead_rule(text, fig.n.end, fig.after_limit) or "metric-noun-after"
    if metric != "personnel" and text.startswith((",", " and "), noun_end):
        list_end = mixed_list_end(text, noun_end, sent.end)
        if list_end is not None:
            metric, noun_end, rule = "equipment_total", list_end, "mixed-list-total"
    return fig.cand(metric, noun_end, rule)


def _noun_left_out(fig: Figure, base: Cand | None) -> Cand | None:
    """ "315 were killed": people; "79 damaged", "2,635 units were destroyed": the metric
    named just before (else equipment)."""
    after = fig.text[fig.n.end : fig.after_limit]
    bare = _BARE_LOSS_AFTER.match(after)
    if bare:
        return fig.cand("personnel", fig.n.end + bare.end(), "killed-noun-left-out")
    elided = _ELIDED_AFTER.match(after)
    if not elided or not (base or _BARE_UNITS_AFTER.match(fig.after(12))):
        return None
    metric: Metric = base.metric if base else "equipment_total"
    if metric == "personnel" and elided.group("verb").lower() in ("captured", "surrendered"):
        metric = "pow"
    return fig.cand(metric, fig.n.end + elided.end(), "elided-noun-before")


def _noun_before_colon(fig: Figure, start: int) -> tuple[Metric, int] | None:
    """ "air defence systems: 850": a figure that opens its clause right after a colon counts
    the noun the clause before the colon names."""
    text, sent = fig.text, fig.sent
    if start <= sent.start or text[start - 1] != ":":
        return None
    if not _BARE_CLAUSE.fullmatch(text, start, fig.q_start):
        return None
    return lookback_metric(text, clause_start(text, sent, start - 1), fig.n.start)


def _noun_before(fig: Figure, previous: list[Cand]) -> Cand | None:
    """A figure that ends its phrase counts the noun named before it ("tanks – 251"), the
    people a loss verb names ("lost 300"), what a parallel figure before it counts ("from 776
    casualties to 568"), or units lost ("lost 40 units")."""
    text, sent, n = fig.text, fig.sent, fig.n
    follow_ok = _FOLLOW_OK.match(fig.after(16))
    unit = _TRANSPARENT_AFTER.match(fig.after(12))
    if not follow_ok and not unit:
        return None
    start = clause_start(text, sent, n.start)
    lb = lookback_metric(text, start, n.start) or _noun_before_colon(fig, start)
    lb = lb or reaching_lookback(text, clause_start(text, sent, start - 2), start, n.start)
    if lb:
        end = n.end + unit.end() if unit else n.end
        cand = fig.cand(lb[0], end, "metric-noun-before")
        cand.q_start, cand.np_start = min(lb[1], fig.q_start), max(start, lb[1] - 30)
        return cand
    losses = losses_lookback(text, start, n.start, clause_end(text, sent, n.end))
    if losses is not None:
        cand = fig.cand("personnel", n.end, SIDE_LOSSES.name)
        cand.q_start, cand.np_start = min(losses, fig.q_start), losses
        return cand
    if _LOST_BEFORE.search(strip_qualifier(text[sent.start : n.start].rstrip()).rstrip()):
        return fig.cand("personnel", n.end, "lost-people")
    return _parallel_or_units(fig, previous, start, bool(follow_ok))


def _only_metric(text: str, base: Cand, end: int) -> bool:
    """Whether every metric noun between `base` and `end` names `base`'s metric ("1,030
    troops were killed, raising the total to 133,000": "killed" counts people too)."""
    for m in METRIC_ANY.finditer(text, base.q_end, end):
        found = longest_metric(text, m.start())
        if found is None or found[0] != base.metric:
            return False
    return True


def _parallel_or_units(
    fig: Figure, previous: list[Cand], start: int, follow_ok: bool
) -> Cand | None:
    """ "from 776 casualties in March to 568": what a parallel figure before counts; "lost 40
    units": equipment."""
    text, n = fig.text, fig.n
    if previous and follow_ok:
        base = previous[-1]
        between = text[base.q_end : n.start]
        if len(between) <= 100 and _PARALLEL.search(between) and _only_metric(text, base, n.start):
            return fig.cand(base.metric, n.end, "parallel-figure")
        if COORDINATED.search(between) and _only_metric(text, base, n.start):
            return fig.cand(base.metric, n.end, COORDINATED.name)
    units = _BARE_UNITS_AFTER.match(fig.after(12))
    if units and LOSS.search(text, start, n.start):
        return fig.cand("equipment_total", n.end + units.end(), "units-lost")
    return None
