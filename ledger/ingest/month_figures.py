"""Month figures: a bare figure told for a month, counting what the figure before counted.

Owns `MONTH_FIGURE` (the rule) and `month_figure`: "tank losses peaked at 428 in May ...
with figures like 359 in June and 291 in September" — a number with no noun of its own,
followed by the month it is told for, counts the metric of the figure before it in its
sentence, else of the paragraph's last figure (`base`), when its own sentence names no other
metric before it. Its period (the month's window) is the period stage's. Imports: `cand`,
`cues`, `figure`, `lexicon`, `rules`, `rx`.
"""

from __future__ import annotations

import re

from ledger.ingest.cand import Cand
from ledger.ingest.cues import METRIC_ANY, longest_metric
from ledger.ingest.figure import Figure
from ledger.ingest.lexicon import MONTH
from ledger.ingest.rules import Rule, registry
from ledger.ingest.rx import guarded

MONTH_FIGURE = Rule(
    "month-figure",
    'A bare figure told for a month ("359 in June", "1,163 more in June"): it counts what the '
    "figure before it counted.",
    guarded(
        rf"\s+(?:more\s+|fewer\s+)?(?:in|for|by|during|throughout)\s+"
        rf"(?:early\s+|late\s+|mid-?)?{MONTH}(?![\w-])",
        re.IGNORECASE,
    ),
    " in June and 291 in September",
    " in Junction City",
)
MONTH_RULES = registry(MONTH_FIGURE)


def month_figure(fig: Figure, base: Cand | None) -> Cand | None:
    """The claim of a bare figure told for a month, counting `base`'s metric; None when it is
    no such figure, or its sentence names another metric before it."""
    if base is None:
        return None
    m = MONTH_FIGURE.pattern.match(fig.text, fig.n.end, fig.after_limit)
    if m is None:
        return None
    start = base.q_end if base.sent == fig.si else fig.sent.start
    for noun in METRIC_ANY.finditer(fig.text, start, fig.n.start):
        found = longest_metric(fig.text, noun.start())
        if found is not None and found[0] != base.metric:
            return None
    return fig.cand(base.metric, fig.n.end, MONTH_FIGURE.name)
