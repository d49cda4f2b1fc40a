"""Exchanges: prisoners of war returned, released or swapped, told from casualties.

Owns `exchange_claims`: in a sentence that speaks of a return of prisoners (`cues.EXCHANGE`),
the people it counts are prisoners of war (`pow`), the side whose people were held being the
subject ("175 Russian servicemen were returned", "Ukraine brought home 95 defenders", "Russia
released 90": Ukraine's); "each side released about 300" and "swapped 84 prisoners each"
make one claim per side; a figure with no noun of its own ("more than 3,000 returned so
far", "brought back 4,500 people") counts prisoners too. A sentence with no loss word keeps
only these. Imports: `cand`, `cues`, `lexicon`, `numbers` (types), `figure`, `rx`,
`sentences`; never the later stages or `extract`.
"""

from __future__ import annotations

import re
from dataclasses import replace

from ledger.ingest import lexicon as lx
from ledger.ingest.cand import Cand
from ledger.ingest.cues import EXCHANGE, METRIC_ANY, side_of
from ledger.ingest.figure import explain, qualifier_rule
from ledger.ingest.numbers import Number
from ledger.ingest.rx import guarded
from ledger.ingest.sentences import Sentence, clause_end, clause_start

_I = re.IGNORECASE

_KILLED = guarded(
    r"\b(?:killed|dead|died|wounded|injured|casualt\w+|perished|bodies|remains)\b", _I
)
# "each side released 300", "300 from each side", "both sides freed 90", "swapped 84
# prisoners each": one claim per side.
_EACH_SIDE = guarded(
    r"\b(?:each|either|both)(?:\s+(?:side|sides|party|parties|country))?\b(?=\s+(?:\w+\s+){0,3}?"
    rf"(?:{lx.EXCHANGE_OWN_VERBS}|{lx.EXCHANGE_GIVE_VERBS}|exchanged|swapped)\b)"
    r"|\b(?:from|on|by|for) (?:each|either|both) sides?\b"
    # "Russia and Ukraine swapped 84 prisoners each"
    r"|\d\s+(?:[A-Za-z-]+\s+){0,3}?each\b(?!\s+(?:other|of)\b)",
    _I,
)
# A figure with no noun of its own: what follows it ("300.", "300 more", "3,000 returned").
_BARE_AFTER = guarded(
    r"^\s*(?:(?:more|others?|people|persons)\b\s*)?(?:$|[.,;:)!?]|(?:and|from|on|each|in|so far|"
    r"to date|(?:have|has|had|were|was)\b|"
    rf"{lx.EXCHANGE_OWN_VERBS}|{lx.EXCHANGE_GIVE_VERBS})\b)",
    _I,
)
_WHOSE = r"of\s+(?:its|their|our)\s+(?:own\s+)?|(?:Russian|Ukrainian|North Korean)\s+"
_PEOPLE_AFTER = guarded(
    rf"^\s*(?:more\s+)?(?:{_WHOSE})?(?:{lx.EXCHANGED_PEOPLE})\b"
    # "people" only with whose they are ("of its people", "Ukrainian people")
    rf"|^\s*(?:more\s+)?(?:{_WHOSE})(?:people|persons|men)\b",
    _I,
)
# "... were returned", "brought home": the people came home to the side that speaks of them.
_CAME_HOME = guarded(rf"\b(?:{lx.EXCHANGE_OWN_VERBS}|returned)\b", _I)
_SIDE = r"Russia|Moscow|Russians|Russian side|Ukraine|Kyiv|Kiev|Ukrainians|Ukrainian side"
_OWN_AGENT = guarded(
    rf"\b(?P<who>{_SIDE})\b(?:['’]s)?(?:\s+[\w'’-]+){{0,3}}?\s+(?:{lx.EXCHANGE_OWN_VERBS})\b"
    r"[^,;]{0,40}$",
    _I,
)
_GIVE_AGENT = guarded(
    rf"\b(?P<who>{_SIDE})\b(?:['’]s)?(?:\s+[\w'’-]+){{0,3}}?\s+(?:{lx.EXCHANGE_GIVE_VERBS})\b"
    r"[^,;]{0,40}$",
    _I,
)
_SIDE_NAMED = guarded(r"\b(?:Russian|Ukrainian|Russians|Ukrainians|defenders)\b", _I)


def exchange_claims(
    text: str, sent: Sentence, si: int, nums: list[Number], found: list[Cand], lossy: bool
) -> list[Cand]:
    """The sentence's claims with its returned people as prisoners of war: `found` (the
    claims the other rules read; all of them kept when the sentence is `lossy`, that is it
    has a loss word) and its figures with no noun of their own."""
    if not EXCHANGE.search(text, sent.start, sent.end):
        return found
    taken = {(c.q_start, c.q_end) for c in found}
    out: list[Cand] = []
    for c in found:
        if c.metric in ("personnel", "pow") and _returned(text, sent, c.q_start, c.q_end):
            c = replace(c, metric="pow", why={**c.why, "metric": "returned-prisoners"})
        if c.metric == "pow" or lossy:
            out.extend(_per_side(text, sent, c))
    for n in nums:
        if any(s <= n.start < e for s, e in taken):
            continue
        bare = _bare_prisoners(text, sent, si, n)
        if bare is not None:
            out.extend(_per_side(text, sent, bare))
    out.sort(key=lambda c: (c.q_start, c.q_end))
    return out


def _returned(text: str, sent: Sentence, start: int, end: int) -> bool:
    """Whether the clause of a figure speaks of a return of prisoners, not of the dead."""
    cs, ce = clause_start(text, sent, start), clause_end(text, sent, end)
    clause = text[cs:ce]
    return bool(EXCHANGE.search(clause)) and not _KILLED.search(clause)


def _bare_prisoners(text: str, sent: Sentence, si: int, n: Number) -> Cand | None:
    """ "each side released about 300", "3,210 Ukrainian citizens were returned", "more than
    3,000 returned so far": prisoners with no metric noun, in a clause of a return."""
    after = text[n.end : min(sent.end, n.end + 60)]
    people = _PEOPLE_AFTER.match(after)
    # "brought back 4,552 people": people of no side are the returned too
    vague = after.lstrip().lower().startswith(("people ", "persons "))
    if people is None and (
        (METRIC_ANY.match(after.lstrip()) and not vague) or not _BARE_AFTER.match(after)
    ):
        return None
    end = n.end + people.end() if people else n.end
    if not _returned(text, sent, n.start, end) or n.value < 2:
        return None
    qualifier, q_start, why = qualifier_rule(text, sent, n)
    c = Cand("pow", n.value, qualifier, q_start, end, si)
    return explain(c, metric="returned-bare-figure", qualifier=why)


def _per_side(text: str, sent: Sentence, c: Cand) -> list[Cand]:
    """One claim per side when each side returned the figure; else the claim, its subject the
    side a return verb before it names when its own words name none."""
    if c.metric != "pow":
        return [c]
    cs, ce = clause_start(text, sent, c.q_start), clause_end(text, sent, c.q_end)
    if _EACH_SIDE.search(text, cs, ce):
        return [
            replace(c, subject=side, why={**c.why, "subject": "each-side-returned"})
            for side in ("ukraine", "russia")
        ]
    if _SIDE_NAMED.search(text, c.q_start, c.q_end):
        return [c]
    before = text[cs : c.q_start]
    own = _OWN_AGENT.search(before)
    if own:
        side = side_of(own.group("who"))
        return [replace(c, subject=side, why={**c.why, "subject": "side-brought-home"})]
    give = _GIVE_AGENT.search(before)
    if give:
        held = "russia" if side_of(give.group("who")) == "ukraine" else "ukraine"
        return [replace(c, subject=held, why={**c.why, "subject": "side-released"})]
    # "more than 3,000 returned so far": the speaker's own people (settled by `attribution`)
    return [replace(c, own_side=bool(_CAME_HOME.search(text, cs, ce)))]
