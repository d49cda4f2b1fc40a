"""Settled sides: the subject of a figure whose sentence named no side, from its claimant.

Owns `settle_subjects`, the stage after attribution: a figure left without a side (or with
only "the enemy") is the other side's of its claimant ("claimant-other-side"), unless the
figure counts the speaker's own ranks or its own dead ("claimant-own-side"); soldiers killed
in Ukraine, the place, are Russia's whoever counts them ("died-in-ukraine"). Every other
figure keeps its side. Pure. Imports: `claimant_lexicon`, `cues`, `name_cores`, `reading`,
`rules`, `rx`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ledger.ingest import claimant_lexicon as cl
from ledger.ingest.cues import COUNTRY_RU, COUNTRY_UA
from ledger.ingest.name_cores import is_outlet
from ledger.ingest.reading import Document, Reading, Side
from ledger.ingest.rules import Rule, registry
from ledger.ingest.rx import guarded

_I = re.IGNORECASE

# "1,351 servicemen had been killed in Ukraine": the dead fought in Ukraine, a foreign land.
DIED_IN_UKRAINE = Rule(
    "died-in-ukraine",
    "Soldiers killed, dead or wounded in Ukraine (the place): Russia's losses, whoever says so.",
    guarded(
        r"[^.;:!?]{0,60}?\b(?:killed|died|dead|wounded|injured|perished|fallen)"
        r"(?:\s+(?:in action|in combat|fighting))?\s+in\s+Ukraine\b(?!['’])",
        _I,
    ),
    " had been killed in Ukraine",
    " had been killed in Ukraine's army",
)

SETTLE_RULES = registry(DIED_IN_UKRAINE)
# "20,000 of his fighters", "their own soldiers": the speaker's side, named in the figure.
_OWN_NP = guarded(
    r"\b(?:(?:of|among)\s+(?:his|her|its|their|our)|(?:his|her|its|their|our)\s+own)\s+"
    r"(?:[\w-]+\s+)?(?:ranks|troops|soldiers|fighters|forces|servicem[ae]n|men|personnel)\b",
    _I,
)
# "claiming that its fatalities numbered 1,351": the speaker's own dead, named before the quote.
_OWN_BEFORE = guarded(r"\b(?:its|their|our)\s+(?:own\s+)?\Z", _I)
_OWN_RANKS = guarded(
    r"[^.;]{0,40}?\b(?:in|of|among|from)\s+(?:its|their)\s+(?:own\s+)?(?:ranks|troops|soldiers|"
    r"forces|servicemen|army|military)\b",
    _I,
)


def settle_subjects(doc: Document, readings: Sequence[Reading]) -> list[Side]:
    """Each figure's side: its own where its sentence named one, else its claimant's other
    (or own) side, or Russia's for the dead "in Ukraine"."""
    return [_settled(doc.text, c) for c in readings]


def _settled(text: str, c: Reading) -> Side:
    current = c.side or c.found_side
    if c.subject not in (None, "enemy"):
        return current
    if DIED_IN_UKRAINE.match(text, c.q_end, min(len(text), c.q_end + 100)):
        return Side("russia", c.own_side, DIED_IN_UKRAINE.name)
    words = c.claimant_text or ""
    if is_outlet(words):  # "an independent Russian outlet": not the Russian side
        words = c.claimant or ""
    if c.claimant in cl.INDEPENDENT_COUNTERS:
        words = ""
    russian_side = c.claimant in cl.RUSSIAN_CLAIMANTS or (
        COUNTRY_RU.search(words) and not COUNTRY_UA.search(words)
    )
    own = (
        c.own_side
        or _OWN_RANKS.match(text, c.q_end, min(len(text), c.q_end + 80))
        or _OWN_NP.search(text, c.q_start, c.q_end)
        # "its fatalities": the speaker's own, when the speaker is named for the figure
        or (c.explicit_claimant and _OWN_BEFORE.search(text, max(0, c.q_start - 12), c.q_start))
    )
    subject = "ukraine" if bool(russian_side) != bool(own) else "russia"
    return Side(subject, c.own_side, "claimant-other-side" if not own else "claimant-own-side")
