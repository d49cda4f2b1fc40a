"""Figure: one number being read, and the qualifier the words before it give it.

Owns `Figure` (a number with its sentence, qualifier and quote start, which the rules of
`one_figure` and `shares` read), `qualifier_of` ("about", "more than" before a number;
"or more" after it), `qualifier_rule` (the name of the rule that decided it) and `explain`
(records the rules that decided a candidate's fields in `Cand.why`). Imports:
`events.claims`, `cand`, `cues`, `numbers` (types), `rx`, `sentences` (types).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from events.vocabulary import Metric, Qualifier
from ledger.ingest.cand import Cand
from ledger.ingest.cues import QUALIFIER_OF, qualifier_before
from ledger.ingest.numbers import Number
from ledger.ingest.rx import fold_case
from ledger.ingest.sentences import Sentence

_I = re.IGNORECASE

_OR_MORE_AFTER = re.compile(r"^\+|^\s+or more\b", _I)


# The names `qualifier_rule` gives the ways `qualifier_of` decides besides a qualifier cue
# of the lexicon's (which gives its own name).
OR_MORE = "or-more-after"
NO_QUALIFIER = "no-qualifier-word"


def qualifier_of(text: str, sent: Sentence, n: Number) -> tuple[Qualifier, int]:
    """The qualifier the words before `n` give it ("about", "more than"; "or more" after it),
    and where the quote starts (at the qualifier's first word)."""
    qualifier, q_start, _ = qualifier_rule(text, sent, n)
    return qualifier, q_start


def qualifier_rule(text: str, sent: Sentence, n: Number) -> tuple[Qualifier, int, str]:
    """`qualifier_of`, and the name of the rule that decided it."""
    before = text[max(sent.start, n.start - 40) : n.start]
    m = qualifier_before(before)
    if m:
        q_start = n.start - (len(before) - m.start(1))
        cue = QUALIFIER_OF[fold_case(m.group(1))]
        # a cue of no qualifier ("handed over") is no part of the quote
        return cue.qualifier, q_start if cue.qualifier != "exact" else n.start, cue.name
    if _OR_MORE_AFTER.match(text[n.end : n.end + 9]):
        return "at_least", n.start, OR_MORE
    return "exact", n.start, NO_QUALIFIER


def explain(c: Cand, *, metric: str | None = None, qualifier: str | None = None) -> Cand:
    """`c`, with the rules that decided its metric and qualifier recorded in `c.why`."""
    if metric is not None:
        c.why["metric"] = metric
    if qualifier is not None:
        c.why["qualifier"] = qualifier
    return c


@dataclass(frozen=True, slots=True)
class Figure:
    """One number being read: its sentence, its qualifier and where its quote starts."""

    text: str
    sent: Sentence
    si: int
    n: Number
    qualifier: Qualifier
    q_start: int
    qualifier_why: str = NO_QUALIFIER  # the rule that decided `qualifier`

    @property
    def after_limit(self) -> int:
        """How far after the number the rules read: 80 characters, within the sentence."""
        return min(self.sent.end, self.n.end + 80)

    def after(self, width: int) -> str:
        """The `width` characters after the number (the sentence may end before them)."""
        return self.text[self.n.end : self.n.end + width]

    def cand(self, metric: Metric, end: int, rule: str, *, part: bool = False) -> Cand:
        """The claim this number makes, counting `metric` (as rule `rule` decided), its quote
        ending at `end`."""
        c = Cand(metric, self.n.value, self.qualifier, self.q_start, end, self.si, part=part)
        return explain(c, metric=rule, qualifier=self.qualifier_why)
