"""The candidate: a mutable working copy of a figure, for a stage that works by passes.

Owns `Cand`. The candidate stage (`candidates` and its helpers) builds one per loss figure
(metric, value, qualifier, quote span, and what its shape fixes); `extract` freezes each into
a `reading.Reading`, and from there on readings and decisions, all frozen, are what passes
between stages. A later stage that decides by passes over every figure (`attribution`,
`periods`) works on its own copies (`Reading.working`) and hands back only its decisions, so
no stage sees another's working state. Imports: `events.claims` (the metric, qualifier,
period and basis vocabularies) only.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from events.vocabulary import Basis, Metric, Period, Qualifier


@dataclass(slots=True)
class Cand:
    """A figure being found or decided: a stage's own working copy, never shared."""

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
    # decided it, for `claims extract --explain`
    why: dict[str, str] = field(default_factory=dict)
