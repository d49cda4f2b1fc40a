"""Respective periods: figures paired one by one with the months their sentence names.

Owns `RESPECTIVE_MONTHS` ("In May and June, losses were 35,000 and 30,000, respectively":
each figure the window of its month) and `respective_months`, which sets those windows. A
sentence that says "respectively" and names as many months as it has figures pairs them in
order. Imports: `cand`, `dates`, `months`, `period_inherit`, `period_months`,
`period_rules`, `rules`, `rx`, `sentences`.
"""

from __future__ import annotations

import re

from ledger.ingest.cand import Cand
from ledger.ingest.dates import INVASION
from ledger.ingest.months import MONTH_NAMES
from ledger.ingest.period_inherit import set_period
from ledger.ingest.period_months import first_of_month
from ledger.ingest.period_rules import Cue
from ledger.ingest.rules import Rule, registry, words
from ledger.ingest.rx import guarded
from ledger.ingest.sentences import Sentence

MONTH_IN_TURN = Rule(
    "month-in-turn",
    'A month a "respectively" sentence names, with its year if given ("in May and June 2024"): '
    "counted in turn against the sentence's figures.",
    guarded(rf"\b(?P<month>{MONTH_NAMES})\b(?:\s+(?P<year>20\d\d)\b)?"),
    "in June 2024",
    "in june",
)
RESPECTIVE_MONTHS = Rule(
    "respective-months",
    'A sentence that pairs its figures with the months it names ("In May and June, losses '
    'were 35,000 and 30,000, respectively"): each figure the window of its month.',
    guarded(r"\brespectively\b", re.IGNORECASE),
    "peaked in May and July, with 410 and 388 destroyed, respectively",
    "peaked in May and July, with 410 and 388 destroyed in each",
    words("respectively"),
)
RESPECTIVE_RULES = registry(RESPECTIVE_MONTHS, MONTH_IN_TURN)


def respective_months(text: str, sentences: list[Sentence], cands: list[Cand]) -> None:
    """Set the window of each figure of a "respectively" sentence that names exactly as many
    months as it has figures (of one metric), the n-th figure to the n-th month."""
    by_sent: dict[int, list[Cand]] = {}
    for c in cands:
        if not c.derived:
            by_sent.setdefault(c.sent, []).append(c)
    for si, group in by_sent.items():
        sent = sentences[si]
        if len(group) < 2 or len({c.metric for c in group}) != 1:
            continue
        if not RESPECTIVE_MONTHS.search(text, group[-1].q_end, sent.end):
            continue
        named = list(MONTH_IN_TURN.pattern.finditer(text, sent.start, group[0].q_end))
        if len(named) != len(group) or any(c.as_of is None for c in group):
            continue
        for c, m in zip(group, named, strict=True):
            start = first_of_month(m.group("month"), m.group("year"), c.as_of or INVASION)
            set_period(c, Cue("window", start, RESPECTIVE_MONTHS.name))
