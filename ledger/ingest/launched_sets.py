"""Launched sets: a count downed "of them", where "them" are the drones or missiles launched.

Owns `DOWNED_OF_THEM` ("Russia launched 45 drones. Air defence shot down 38 of them": 38
drones downed, the launched 45 no claim) and `downed_of_launched`, the claim such a figure
makes: the metric of the drones or missiles named just before (in its sentence or the one
before), when they are of one kind. Imports: `cand`, `cues`, `figure`, `rules`, `rx`.
"""

from __future__ import annotations

import re

from events.vocabulary import Metric
from ledger.ingest.cand import Cand
from ledger.ingest.cues import METRIC_ANY, longest_metric
from ledger.ingest.figure import Figure
from ledger.ingest.rules import Rule, registry, words
from ledger.ingest.rx import guarded

_I = re.IGNORECASE

DOWNED_OF_THEM = Rule(
    "downed-of-them",
    'A count downed "of them" ("air defence shot down 38 of them"): a part of the drones or '
    "missiles launched, named before; the part is the claim.",
    guarded(r"^\s+of\s+them\b", _I),
    " of them were shot down",
    " of the 45",
)
DOWN_VERB = Rule(
    "down-verb-before",
    'A verb of shooting down before the count ("intercepted", "shot down", "neutralised").',
    guarded(
        r"\b(?:shot down|shoot down|downed|intercepted|destroyed|neutrali[sz]ed|"
        r"eliminated|suppressed)\b",
        _I,
    ),
    "air defence intercepted ",
    "Russia launched ",
    words("down|intercepted|destroyed|neutrali|eliminated|suppressed"),
)
LAUNCHED_RULES = registry(DOWNED_OF_THEM, DOWN_VERB)
# How far back the launched set may be named (about the sentence before).
_LOOK_BACK = 300
_AIR: frozenset[Metric] = frozenset({"drones", "cruise_missiles"})


def downed_of_launched(fig: Figure) -> Cand | None:
    """ "shot down 38 of them": the drones or missiles named before, if one kind; else None."""
    text, n, sent = fig.text, fig.n, fig.sent
    of_them = DOWNED_OF_THEM.pattern.search(fig.after(12))
    if of_them is None or not DOWN_VERB.search(text, sent.start, n.start):
        return None
    lo = max(0, sent.start - _LOOK_BACK)
    para = text.rfind("\n\n", lo, sent.start)
    lo = para + 2 if para >= 0 else lo
    kinds: set[Metric] = set()
    for m in METRIC_ANY.finditer(text, lo, n.start):
        found = longest_metric(text, m.start())
        if found is not None:
            kinds.add(found[0])
    if len(kinds & _AIR) != 1:
        return None  # none named, or drones and missiles both: which "them" is not told
    (metric,) = kinds & _AIR
    return fig.cand(metric, n.end + of_them.end(), DOWNED_OF_THEM.name, part=True)
