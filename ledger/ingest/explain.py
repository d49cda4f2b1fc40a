"""Explain an extraction: for each number in a text, whether it became a claim, and why.

Owns `Fate` and `explain_claims`, which `claims extract --explain` prints. It runs the very
extraction `extract_claims` runs (`extract.run`, with a `Trace`), then walks every number
in the text (`numbers.find_numbers`) and says what became of it:

- `claim`: it became a claim; `why` names the rule that decided each field;
- `dropped`: it was a loss figure that a filter dropped; `rule` names the filter;
- `merged`: it restates a figure already claimed (one claim per figure and period);
- `not-a-figure`: it never was a loss figure: `rule` says which test it failed first
  (`page-furniture`, `not-a-count`, `no-loss-words`, `no-metric-noun`).

Pure, like the extractor. Imports: `events.claims`, `counts`, `cues`, `extract`,
`list_shape`, `numbers`, `reading`, `trace`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Literal

from events.claims import Claim
from ledger.ingest.counts import is_not_a_count
from ledger.ingest.cues import EXCHANGE, LOSS
from ledger.ingest.extract import run
from ledger.ingest.list_shape import list_runs
from ledger.ingest.numbers import Number, find_numbers
from ledger.ingest.reading import Reading
from ledger.ingest.trace import Trace

__all__ = ["FATES", "Fate", "explain_claims"]

FateName = Literal["claim", "dropped", "merged", "not-a-figure"]
FATES: tuple[FateName, ...] = ("claim", "dropped", "merged", "not-a-figure")
# The fields a claim's `why` explains, in the order they are printed.
FIELDS = ("metric", "qualifier", "subject", "claimant", "period", "as_of")


@dataclass(frozen=True, slots=True)
class Fate:
    """What became of one number of the text."""

    start: int
    end: int
    surface: str  # the number as written
    fate: FateName
    rule: str  # the claim's metric rule, the filter that dropped it, or why it is no figure
    claim_id: str | None = None
    why: dict[str, str] = field(default_factory=dict)  # field -> the rule that decided it


def explain_claims(
    text: str,
    *,
    article_id: str,
    publisher: str,
    published: dt.date | None,
    fallback_date: dt.date,
) -> tuple[list[Claim], list[Fate]]:
    """The claims `extract_claims` finds in `text`, and the fate of each number in it."""
    trace = Trace()
    claims = run(
        text,
        article_id=article_id,
        publisher=publisher,
        published=published,
        fallback_date=fallback_date,
        trace=trace,
    )
    if not trace.text:
        return claims, []
    lists = list_runs(trace.text, trace.sentences)  # loss lists by their shape
    taken: set[int] = set()  # a candidate is the fate of one number (the first that wrote it)
    return claims, [_fate(trace, n, lists, taken) for n in find_numbers(trace.text)]


def _fate(trace: Trace, n: Number, lists: set[int], taken: set[int]) -> Fate:
    """The fate of number `n`: the candidate whose value it wrote, not `taken` by a number
    before it, else why there was none (`lists`: the sentences that are loss lists by their
    shape)."""
    c = _candidate_of(trace, n, taken)
    if c is None:
        return Fate(n.start, n.end, n.surface, "not-a-figure", _why_not(trace, n, lists))
    key = c.index
    taken.add(key)
    rules = trace.final.get(key, c).why
    why = {k: rules.get(k, "unexplained") for k in FIELDS}
    if "basis" in rules:  # a personnel figure's: see `basis`
        why["basis"] = rules["basis"]
    if key in trace.dropped:
        return Fate(n.start, n.end, n.surface, "dropped", trace.dropped[key], why=why)
    if key in trace.merged:
        return Fate(n.start, n.end, n.surface, "merged", "restatement", why=why)
    claim = trace.claims.get(key)
    if claim is None:
        return Fate(n.start, n.end, n.surface, "dropped", "quote-unusable", why=why)
    return Fate(n.start, n.end, n.surface, "claim", why["metric"], claim.claim_id, why)


def _candidate_of(trace: Trace, n: Number, taken: set[int]) -> Reading | None:
    """The candidate whose quote holds `n` and whose value `n` wrote, not `taken` (a range's
    low end is its own candidate; the high end is found by its value too)."""
    for c in trace.found:
        if c.index in taken:
            continue
        if c.q_start <= n.start and n.end <= c.q_end and c.value in _scaled(n, c):
            return c
    return None


def _scaled(n: Number, c: Reading) -> tuple[int, ...]:
    """The values number `n` may have written: its own, and for a range's low end written
    with its high end's magnitude ("three or four thousand": 3,000) that value scaled."""
    if c.found_rules.get("qualifier") == "range-low-end":
        return (n.value, n.value * 1_000, n.value * 1_000_000)
    return (n.value,)


def _why_not(trace: Trace, n: Number, lists: set[int]) -> str:
    """The first test number `n` failed on its way to being a loss figure (a sentence of a
    loss list by its shape speaks of losses without a loss word)."""
    if any(a <= n.start < b for a, b in trace.furniture):
        return "page-furniture"
    if is_not_a_count(trace.text, n):
        return "not-a-count"
    si = next((i for i, s in enumerate(trace.sentences) if s.start <= n.start < s.end), None)
    if si is None:
        return "page-furniture"
    sent = trace.sentences[si]
    if si not in lists and not (
        LOSS.search(trace.text, sent.start, sent.end)
        or EXCHANGE.search(trace.text, sent.start, sent.end)
    ):
        return "no-loss-words"
    return "no-metric-noun"
