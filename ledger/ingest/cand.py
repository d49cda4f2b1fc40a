"""The candidate: a claim in the making, which each stage of the extractor fills in.

Owns `Cand`. `candidates` makes one per loss figure (metric, value, qualifier, quote span);
`subjects`, `attribution` and `periods` then fill in whose losses, who claims them and as of
when, and `basis` what a personnel figure counts; `extract` turns the survivors into
`Claim`s. Imports: `events.claims` (the metric, qualifier, period and basis vocabularies) only.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from events.claims import Basis, Metric, Period, Qualifier


@dataclass(slots=True)
class Cand:
    """A claim in the making; turned into a `Claim` once the article is read."""

    metric: Metric
    value: int
    qualifier: Qualifier
    q_start: int  # the quote's span in the article's text
    q_end: int
    sent: int  # the index of its sentence in `split_sentences`
    subject: str | None = None
    period: Period | None = None
    derived: bool = False  # a day's change written beside a figure ("(+43)")
    heading: bool = False  # read from a headline or a heading line
    claimant: str | None = None
    claimant_text: str | None = None
    explicit_claimant: bool = False
    as_of: dt.date | None = None
    period_start: dt.date | None = None
    part: bool = False  # a share of a figure told just before ("58 of which", "62 over Tula")
    np_start: int | None = None  # where the noun phrase named before the number may start
    own_period: bool = False  # the period came from a cue of the figure's own clause
    own_side: bool = False  # counts the claimant's own people ("3,000 returned so far")
    basis: Basis | None = None  # what a personnel figure counts (see `basis`)
    # field ("metric", "subject", "claimant", "period", ...) -> the name of the rule that
    # decided it, for `claims extract --explain`; a later decision overwrites an earlier one
    why: dict[str, str] = field(default_factory=dict)
