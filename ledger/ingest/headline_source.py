"""Headline source: the source a headline names speaks for the lead beneath it.

Owns `credit_headline_source` ("NATO: Russia faces record daily losses" over "In September,
Russia's military lost 1,271 soldiers a day": NATO's figure, not the outlet's) and its rule,
`HEADLINE_RULES`. Only the lead (the first paragraph after the headline) is credited, and only
its figures that name nobody. Imports: `cand`, `claimant_names`, `rules`, `sentences`,
`speakers`.
"""

from __future__ import annotations

import re

from ledger.ingest.cand import Cand
from ledger.ingest.claimant_names import name_claimant
from ledger.ingest.rules import Rule, registry
from ledger.ingest.sentences import Sentence
from ledger.ingest.speakers import heading_attribution

# A headline that names its source, then a lead whose figures name nobody.
HEADLINE_SOURCE = Rule(
    "headline-source",
    "The source a headline names (NATO: ..., ... - Air Force) speaks for its lead's figures "
    "that name nobody.",
    re.compile(r"^[^\n]{3,200}\n+(?=[^\n])"),  # a headline line, then the lead
    "NATO: Russia faces record losses\n\nIn September, Russia lost 1,271 soldiers a day.",
    "NATO: Russia faces record losses",
)
HEADLINE_RULES = registry(HEADLINE_SOURCE)


def credit_headline_source(
    text: str, sentences: list[Sentence], cands: list[Cand], publisher: str
) -> None:
    """Lead figures left to the publisher are the headline's source's ("headline-source")."""
    if not sentences or not sentences[0].heading or not HEADLINE_SOURCE.pattern.match(text):
        return
    head = sentences[0]
    np = heading_attribution(text[head.start : head.end])
    lead = next((s.para for s in sentences if s.para != head.para and not s.heading), None)
    if np is None or lead is None:
        return
    claimant = name_claimant(np, text[head.start : head.end], None, {})
    for c in cands:
        unnamed = c.claimant == publisher and c.why.get("claimant") == "publisher-fallback"
        if unnamed and sentences[c.sent].para == lead:
            c.claimant, c.claimant_text = claimant, np
            c.why["claimant"] = HEADLINE_SOURCE.name
