"""List leads: the source a list's lead names without a verb ("Ukraine's General Staff
figures:", "The General Staff's count:", "Figures of the General Staff:").

Owns `list_lead_attributions`: such a lead, ending in the colon that opens the list, speaks for
the list's items as "X said" would. Imports: `claimant_names`, `rules`, `rx`, `sentences`,
`speakers`.
"""

from __future__ import annotations

import re

from ledger.ingest.claimant_names import tidy_np, valid_np
from ledger.ingest.rules import Rule, registry, words
from ledger.ingest.rx import guarded
from ledger.ingest.sentences import Sentence
from ledger.ingest.speakers import Attribution

_I = re.IGNORECASE
_DATA = r"(?:figures|count|data|tally|update|numbers|statistics|estimates?|list)"
_DATA_WORDS = words("figure|count|data|tally|update|number|statistic|estimate|list")
# A capitalised name of up to seven words ("the General Staff of the Armed Forces").
_NAME = r"(?:[Tt]he\s+)?(?:[A-Z][\w’'.-]*\s+(?:of\s+(?:the\s+)?)?){0,6}?[A-Z][\w.-]*?"

SOURCE_BEFORE_DATA = Rule(
    "list-lead-source-before",
    "A list's lead naming its source before the data (\"Ukraine's General Staff figures:\", "
    '"The General Staff\'s count:"): the source speaks for the list.',
    guarded(
        rf"(?<![\w’'])(?P<np>{_NAME})(?:['’]s)?\s+(?:(?:latest|daily|new|updated|official)\s+)?"
        rf"{_DATA}\s*:"
    ),
    "Ukraine's General Staff figures: tanks 7,610 (+9)",
    "Ukraine's General Staff figures show losses",
    _DATA_WORDS,
)
SOURCE_AFTER_DATA = Rule(
    "list-lead-source-after",
    'A list\'s lead naming its source after the data ("Figures of the General Staff:"): the '
    "source speaks for the list.",
    guarded(rf"\b{_DATA}\s+(?:of|from|by)\s+(?P<np>{_NAME})\s*:", _I),
    "Figures of the General Staff: tanks 7,610 (+9)",
    "Figures of the General Staff show losses",
    _DATA_WORDS,
)
LIST_LEAD_RULES = registry(SOURCE_BEFORE_DATA, SOURCE_AFTER_DATA)


def list_lead_attributions(text: str, sent: Sentence) -> list[Attribution]:
    """The source a list's lead names without a verb, as an attribution at its name."""
    out: list[Attribution] = []
    for rule in LIST_LEAD_RULES:
        m = rule.search(text, sent.start, sent.end)
        if m is None:
            continue
        np = tidy_np(m.group("np"))
        if np and valid_np(np):
            out.append(Attribution(m.start("np"), np, False))
    return sorted(out, key=lambda a: a.pos)
