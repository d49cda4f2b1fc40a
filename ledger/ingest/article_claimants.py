"""Article claimants: what the whole article says about who speaks, settled once every
sentence has been read.

Owns `credit_lead` (a headline figure, and a lead figure told before any source is named, is
the claim of the first source the lead names: "lead-speaker", "lead-forward") and
`one_body_per_side` (a bare "Ukraine" or "Moscow", or a generic "the Ukrainian military",
is the one official body of that side the article names: "same-body"). Imports: `cand`,
`claimant_names`, `claimant_lexicon`, `sentences`.
"""

from __future__ import annotations

from ledger.ingest import claimant_lexicon as cl
from ledger.ingest.cand import Cand
from ledger.ingest.claimant_names import ALIAS_ANY, canonical
from ledger.ingest.sentences import Sentence

# Who a bare side or a generic military speaker may stand for, per side.
_UA_BODIES = frozenset({cl.GS_UA, cl.MOD_UA})
_RU_BODIES = cl.RUSSIAN_CLAIMANTS - {cl.PUTIN, "Kremlin", cl.SHOIGU, cl.BELOUSOV}
_BARE_UA = frozenset({"Ukraine", "Kyiv", "Kiev", "Ukrainian officials", "Ukrainian authorities"})
_BARE_RU = frozenset({"Russia", "Moscow", "Russian officials", "Russian authorities"})
_BARE_UK = frozenset({"London", "Britain", "UK", "United Kingdom", "British government"})


def credit_lead(
    sentences: list[Sentence], cands: list[Cand], lead: tuple[str, str] | None, lead_at: int
) -> None:
    """A headline figure nobody is named for, and a lead figure told before the lead names
    its source (at `lead_at`), are the lead's claims: the lead sums up that source."""
    if lead is None:
        return
    for c in cands:
        if c.explicit_claimant or c.claimant_text is not None:
            continue
        if c.why.get("claimant") == "reportedly-publisher":
            continue
        if sentences[c.sent].heading:
            c.claimant, c.claimant_text = lead
            c.why["claimant"] = "lead-speaker"
        elif c.q_start < lead_at:
            c.claimant, c.claimant_text = lead
            c.why["claimant"] = "lead-forward"


def one_body_per_side(text: str, cands: list[Cand]) -> None:
    """ "Ukraine also claimed", "London assesses", "the Ukrainian military reported": the
    one official body of that side the article names (as a claimant, else anywhere in its
    text), when it names exactly one; the text does not tell them apart."""
    named = {c.claimant for c in cands if c.explicit_claimant}
    if any(c.claimant in _BARE_UK for c in cands):
        named |= {canonical(m.group(0)) for m in ALIAS_ANY.finditer(text)}
    ua = sorted(n for n in named & _UA_BODIES if n)
    ru = sorted(n for n in named & _RU_BODIES if n)
    for c in cands:
        generic_ua = (
            c.claimant == cl.AF_UA and "armed forces" not in (c.claimant_text or "").lower()
        )
        if len(ua) == 1 and (c.claimant in _BARE_UA or (generic_ua and ua[0] == cl.GS_UA)):
            c.claimant = ua[0]
        elif len(ru) == 1 and c.claimant in _BARE_RU:
            c.claimant = ru[0]
        elif c.claimant in _BARE_UK and cl.MOD_UK in named:
            c.claimant = cl.MOD_UK
        else:
            continue
        c.why["claimant"] = "same-body"
