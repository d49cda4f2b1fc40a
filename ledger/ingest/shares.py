"""Shares: a figure with no noun of its own that counts a part of the figure before it.

Owns the share rules `one_figure` tries after the noun after a number: a day's share
("including 600 per day"), a share told by what it did or where ("including 12 targeting the
capital"), a grouping's share of a breakdown ("over 255 by the Sever group"), a part ("58 of
which"), a share of an air tally by place ("62 over the Bryansk Region"), and a place's count
in brackets ("Dagestan (270 people), Buryatia (245)") or after its name ("the Krasnodar
region, 1,640"), a share of losses by kind ("22,000 are irretrievable"), and `each_place`
(a share "each over" several places: one per place); the named ones are `SHARE_RULES`.
Imports: `cand`, `cues`, `figure`, `lexicon`, `numbers` (types), `rules`, `rx`.
"""

from __future__ import annotations

import re
from dataclasses import replace

from events.vocabulary import Metric
from ledger.ingest import lexicon as lx
from ledger.ingest.cand import Cand
from ledger.ingest.cues import METRIC_ANY, longest_metric
from ledger.ingest.figure import Figure
from ledger.ingest.numbers import Number
from ledger.ingest.rules import Rule, registry
from ledger.ingest.rx import guarded

_I = re.IGNORECASE

PER_DAY_AFTER = Rule(
    "per-day-after",
    'A rate right after a figure ("600 per day", "a day", "daily"): a day\'s share.',
    guarded(r"^\s*(?:per day|a day|daily|in (?:a|one|the past) day)\b", _I),
    " per day",
    " tanks per day",
)
INCLUDING_BEFORE = Rule(
    "including-before",
    'The words that open a share of the figure before ("including", "of which").',
    guarded(r"\b(?:including|of which|of them|incl\.)\s*$", _I),
    "1,200 troops, including ",
    "1,200 troops, then ",
)
INCLUDING_SHARE = Rule(
    "including-share",
    '"..., including 12 targeting the capital": a share of the figure before, with no noun.',
    guarded(r"\b(?:including|incl\.)\s*\Z", _I),
    "250 drones, including ",
    "250 drones, then ",
    ("incl",),
)
SHARE_AFTER = Rule(
    "share-told-after",
    'What an "including" share did or where it was ("12 targeting the capital", "7 over '
    'Kyiv"), with no noun of its own.',
    guarded(
        r"\s+(?:[a-z]+ing|over|near|in|on|at|around|above)\s+(?:the\s+)?[\w'’-]+"
        r"(?:\s+[A-Za-z]\w*)?",
        _I,
    ),
    " targeting the capital",
    ", the ministry said",
)
LOSS_KIND = Rule(
    "loss-kind-share",
    'Losses by kind after a figure ("22,000 are irretrievable", "31,000 sanitary losses"): the '
    "dead and missing, or the wounded and sick, of the losses told.",
    guarded(r"\s+(?:(?:are|were|is|was)\s+)?(?:irretrievable|sanitary)\b(?:\s+losses\b)?", _I),
    " are irretrievable",
    " are irreplaceable",
)
PLACE_COUNT = Rule(
    "place-count",
    "A region's share in brackets in a breakdown by place (\"Dagestan (270 people), Buryatia "
    '(245)", "Sverdlovsk region (190)"): counts what the first one names, or the figure before.',
    guarded(
        r"\b[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)?"
        r"(?:\s+(?:region|oblast|krai|province|republic|territory))?\s*\(\s*\Z"
    ),
    "the dead came from Dagestan (",
    "the dead came from dagestan ",
)
PLACE_COUNT_AFTER = Rule(
    "place-count-bracket",
    'The rest of a place\'s bracket after its count: a noun or nothing ("270 people)", "245)").',
    guarded(r"\s*(?:(?P<noun>[a-z]+)\s*)?\)", _I),
    " people)",
    " people, and",
)
DAY_SHARE = Rule(
    "including-day-share",
    'An "including" share told by a time ("a total of 174,550, including 690 over the past '
    "day\"): the day's change of the total, a window of its own.",
    guarded(
        r"\s+(?:(?:over|in|during)\s+the\s+(?:past|last)\s+(?:day|24 hours|night|week)|"
        r"overnight|yesterday|today)\b",
        _I,
    ),
    " over the past day",
    " over the Moscow region",
)
PLACE_WITH = Rule(
    "place-breakdown",
    "A region's count in a breakdown by place written without brackets (\"most of the dead "
    'came from the Krasnodar region, 1,640, followed by Bashkortostan with 1,353"): counts '
    "the metric the sentence named before.",
    guarded(
        r"\b[A-Z][\w'’-]+(?:\s+(?:region|oblast|krai|province|republic))?(?:,\s*|\s+with\s+)\Z"
    ),
    "the dead came from the Krasnodar region, ",
    "the dead came from the krasnodar region, ",
)
PLACE_END = Rule(
    "place-breakdown-end",
    'What may follow a region\'s count in a breakdown: a separator, "and", "followed by".',
    guarded(r"\s*(?:[,;.)]|and\b|followed\b)", _I),
    ", followed by",
    " tanks",
)
BY_REGION = Rule(
    "breakdown-by-region",
    "A sentence that speaks of regions, the only kind a bracketless place breakdown is read in.",
    guarded(r"\b(?:regions?|oblasts?|provinces?)\b", _I),
    "a breakdown by region",
    "a breakdown by unit",
)
_PLACE = r"(?:the\s+)?[A-Z][\w'’-]+(?:\s+(?:[Rr]egion|[Oo]blast|[Kk]rai))?"
EACH_PLACE = Rule(
    "each-over-places",
    'A share of an air tally given for each of several places ("three each over Bryansk and '
    'Oryol"): one share per place.',
    guarded(rf"\s+each\s+over\s+{_PLACE}(?P<more>(?:\s*,\s*{_PLACE})*)\s*,?\s+and\s+{_PLACE}"),
    " each over Bryansk, Kursk and Oryol",
    " each over the past day",
)
SHARE_RULES = registry(
    EACH_PLACE,
    INCLUDING_SHARE,
    SHARE_AFTER,
    PLACE_COUNT,
    PLACE_COUNT_AFTER,
    DAY_SHARE,
    PLACE_WITH,
    PLACE_END,
    BY_REGION,
    PER_DAY_AFTER,
    INCLUDING_BEFORE,
    LOSS_KIND,
)
# "over 255 by the Sever battlegroup", "up to 85 in the area of the Dnepr group": a share of a
# per-grouping breakdown, counting what the figure before counted.
_BY_GROUPING_AFTER = guarded(
    r"^\s+(?:(?:were|was)\s+)?(?:(?:eliminated|killed|destroyed|lost)\s+)?(?:by|in|from|of)\s+"
    r"(?:the\s+)?(?:(?:responsibility\s+)?(?:area|zone)\s+of\s+(?:the\s+)?)?"
    r"(?:(?:Russia['’]s|Russian)\s+)?(?:[\w'’-]+\s+){0,2}?"
    rf"(?:{lx.GROUPING_WORDS})\b",
    _I,
)
# "58 of which were shot down", "13 of them over the last day": a part of the figure before.
PARTITIVE_AFTER = Rule(
    "partitive-after",
    '"58 of which were shot down", "13 of them": a part of the figure before.',
    guarded(r"^\s+of\s+(?:which|them|these|those)\b", _I),
    " of which were shot down",
    " of the tanks",
)
PART_RULES = registry(PARTITIVE_AFTER)
# "141 drones: 62 over the Bryansk Region, 12 over Tula", "eight - over the territory of the
# Kursk Region": a share of an air tally by place.
_OVER_PLACE_AFTER = guarded(
    r"^(?:\s+[-–—])?\s+(?:(?:were|was)\s+)?(?:[a-z]+\s+)?over\s+(?:the\s+)?"
    r"(?:territory\s+of\s+(?:the\s+)?)?(?:[A-Z][\w'’-]+|waters)"
)
_AIRBORNE = frozenset({"drones", "cruise_missiles", "aircraft", "helicopters"})


def place_count(fig: Figure, previous: list[Cand]) -> Cand | None:
    """ "Dagestan (270 people), Buryatia (245)": a place's count in brackets, counting the
    noun in its bracket ("people" in a loss sentence: personnel), else what the figure
    before in the sentence counted."""
    text = fig.text
    if not PLACE_COUNT.search(text, max(fig.sent.start, fig.n.start - 40), fig.n.start):
        return None
    after = PLACE_COUNT_AFTER.match(text, fig.n.end, fig.after_limit)
    if after is None:
        return None
    metric: Metric | None = previous[-1].metric if previous else None
    if after.group("noun"):
        found = longest_metric(text, after.start("noun"))
        metric = found[0] if found else None
    if metric is None:
        return None
    return fig.cand(metric, after.end() - 1, PLACE_COUNT.name, part=bool(previous))


def place_breakdown(fig: Figure, previous: list[Cand]) -> Cand | None:
    """ "... were from the Krasnodar region, 1,640, followed by Sverdlovsk with 1,449": a
    region's count with no noun in a sentence that speaks of regions, counting what the figure
    before counted, else the last metric noun named before it."""
    text, n, sent = fig.text, fig.n, fig.sent
    if not PLACE_WITH.search(text, max(sent.start, n.start - 40), n.start):
        return None
    if not PLACE_END.match(text, n.end, fig.after_limit):
        return None
    if not BY_REGION.search(text, sent.start, sent.end):
        return None
    metric: Metric | None = previous[-1].metric if previous else None
    if metric is None:
        for m in METRIC_ANY.finditer(text, sent.start, n.start):
            found = longest_metric(text, m.start())
            metric = found[0] if found else metric
    if metric is None:
        return None
    return fig.cand(metric, n.end, PLACE_WITH.name, part=True)


def per_day_share(fig: Figure, previous: list[Cand]) -> Cand | None:
    """ "..., including 600 per day": the day's share of the figure before."""
    before = fig.text[fig.sent.start : fig.n.start]
    per_day = PER_DAY_AFTER.match(fig.after(20))
    including = INCLUDING_BEFORE.search(before) if per_day else None
    if not (per_day and including and previous):
        return None
    c = fig.cand(previous[-1].metric, fig.n.end + per_day.end(), "per-day-share")
    c.q_start -= len(including.group(0))
    c.derived, c.period = True, "window"
    return c


def including_share(fig: Figure, previous: list[Cand]) -> Cand | None:
    """ "downed 250 drones, including 12 targeting the capital": a share of the figure before,
    with no noun of its own, told by what it did or where."""
    if not previous:
        return None
    including = INCLUDING_SHARE.search(fig.text, max(fig.sent.start, fig.q_start - 14), fig.q_start)
    after = SHARE_AFTER.match(fig.text, fig.n.end, fig.after_limit) if including else None
    if after is None:
        return None
    c = fig.cand(previous[-1].metric, after.end(), INCLUDING_SHARE.name, part=True)
    c.q_start -= len(including.group(0)) if including else 0
    if DAY_SHARE.match(fig.text, fig.n.end, fig.after_limit):
        # "174,550 troops since the invasion, including 690 over the past day": the day's share
        c.derived, c.period, c.why["metric"] = True, "window", DAY_SHARE.name
    return c


def loss_kind_share(fig: Figure, base: Cand | None) -> Cand | None:
    """ "of them, 22,000 are irretrievable and 31,000 sanitary losses": a share of the losses
    by kind (dead and missing, or wounded and sick), people."""
    kind = LOSS_KIND.pattern.match(fig.text, fig.n.end, fig.after_limit)
    if kind is None:
        return None
    return fig.cand("personnel", kind.end(), LOSS_KIND.name, part=base is not None)


def by_grouping(fig: Figure, previous: list[Cand]) -> Cand | None:
    """ "over 300 soldiers by the Vostok group, over 255 by the Sever group": a figure with no
    noun of its own, one grouping's share of a breakdown, counts what the one before did."""
    if not previous:
        return None
    by = _BY_GROUPING_AFTER.match(fig.text[fig.n.end : fig.after_limit])
    return fig.cand(previous[-1].metric, fig.n.end + by.end(), "grouping-share") if by else None


def each_place(text: str, found: list[Cand], nums: list[Number]) -> list[Cand]:
    """`found`, with a share told for each of several places ("three each over Bryansk and
    Oryol") once per place (`nums`: the sentence's numbers): its quote takes in the places
    after the first."""
    out: list[Cand] = []
    for c in found:
        out.append(c)
        if c.why.get("metric") != "over-place-share":
            continue
        n = next((n for n in nums if c.q_start <= n.start < c.q_end), None)
        m = EACH_PLACE.match(text, n.end) if n is not None else None
        if m is None:
            continue
        c.q_end = m.end()
        for _ in range(m.group("more").count(",") + 1):
            copy = replace(c, why=dict(c.why))
            copy.why["metric"] = EACH_PLACE.name
            out.append(copy)
    return out


def share_of(fig: Figure, base: Cand | None) -> Cand | None:
    """ "58 of which", "13 of them": a part of the figure before; "62 over the Bryansk
    Region": a share of an air tally by place."""
    if base is None:
        return None
    part = PARTITIVE_AFTER.match(fig.after(20))
    if part:
        return fig.cand(base.metric, fig.n.end + part.end(), "partitive-share", part=True)
    if base.metric not in _AIRBORNE:
        return None
    over = _OVER_PLACE_AFTER.match(fig.text[fig.n.end : fig.after_limit])
    if over is None:
        return None
    return fig.cand(base.metric, fig.n.end + over.end(), "over-place-share", part=True)
