"""People filters: the figures of people a loss sentence holds that are not soldiers lost.

Owns the drop rules `filters` asks of personnel figures (`not_soldiers`): civilians (in the
figure's clause, or in its sentence when the clause names no soldiers, or named in the
sentence before: "Among them, three children"), both sides' dead counted together (unless
the figure names one side: "70,000 killed on the Ukrainian side"), and the victims of a
strike on a town (`civil_damage`, which also drops the cars it damaged). The rules are
listed in `filters.DROP_CUES`. Imports: `lexicon`, `reading`, `rules`, `rx`, `sentences`,
`side_cues`.
"""

from __future__ import annotations

import re

from ledger.ingest import lexicon as lx
from ledger.ingest.reading import Reading
from ledger.ingest.rules import Rule, words
from ledger.ingest.rx import guarded
from ledger.ingest.sentences import Sentence, clause_end
from ledger.ingest.side_cues import NP_SIDE, SIDE_AFTER

_I = re.IGNORECASE

_CIVILIAN = guarded(rf"\b(?:{lx.CIVILIAN_WORDS})\b", _I)
_BOTH_SIDES = guarded(
    r"\b(?:both sides|both armies|two sides|on both sides|(?<!wounded )(?<!injured )combined|"
    r"both Ukraine and Russia|both (?:nations|countries|warring (?:sides|parties|countries))|"
    r"(?:Ukraine and Russia|Russia and Ukraine)['’]s (?:\w+ )?(?:losses|casualties|dead)|"
    r"both Russia and Ukraine|Russian and Ukrainian (?:troops|soldiers|forces|casualties|losses)|"
    r"Ukrainian and Russian (?:troops|soldiers|forces|casualties|losses))\b",
    _I,
)
_SOLDIERS = guarded(r"\b(?:soldiers|troops|servicem[ae]n)\b", _I)
# Signs of a strike on a town: its victims are people, not soldiers, unless the sentence
# names soldiers or a military.
_CIVIL_DAMAGE = guarded(
    r"\b(?:debris|buildings?|homes?|houses|residential|apartments?|carwash|hospitals?|schools?|"
    r"shops?|(?:high-rise|private) \w+|person)\b",
    _I,
)
_CIVIL_DAMAGE_WORDS = words(
    "debris|building|home|house|residential|apartment|carwash|hospital|school|shop|"
    "high-rise|private|person"
)
_MILITARY = guarded(
    r"\b(?:soldiers?|troops?|servicem[ae]n|military|army|forces|personnel|fighters|marines|"
    r"occupiers|invaders|servicemembers|service members|officers|Wagner|Russians|Ukrainians)\b",
    _I,
)
_AFTER_CIVILIANS = re.compile(r"\s*(?:This|These|Of (?:them|these)|Among them|Including)\b", _I)
_CIVILIAN_WORDS = words("civilian|children|non-combatants|residents|refugees|evacuees|hostages")
_BOTH_SIDES_WORDS = words(
    "both|two sides|combined|russian and ukrainian|ukrainian and russian|"
    "ukraine and russia|russia and ukraine"
)
CIVILIANS = Rule(
    "civilians",
    "The figure's clause counts civilians, children, residents or refugees.",
    _CIVILIAN,
    "12 civilians were killed",
    "12 soldiers were killed",
    _CIVILIAN_WORDS,
)
BOTH_SIDES = Rule(
    "both-sides",
    "The sentence counts both armies' dead together: no one side's loss.",
    _BOTH_SIDES,
    "up to 500,000 troops on both sides have been killed or wounded",
    "up to 500,000 Russian troops have been killed or wounded",
    _BOTH_SIDES_WORDS,
)
CIVIL_DAMAGE = Rule(
    "civil-damage",
    "A strike on a town (homes, buildings, a hospital) whose sentence names no soldiers.",
    _CIVIL_DAMAGE,
    "four residential buildings were damaged",
    "four tanks were damaged",
    _CIVIL_DAMAGE_WORDS,
)


def not_soldiers(text: str, sentences: list[Sentence], c: Reading, clause: str) -> Rule | None:
    """People who are not soldiers, or both sides' dead together."""
    sent = sentences[c.sent]
    s_text = text[sent.start : sent.end]
    if CIVILIANS.search(clause):
        return CIVILIANS
    if BOTH_SIDES.search(s_text) and not _one_side_named(text, sent, c):
        return BOTH_SIDES
    if CIVILIANS.search(s_text) and not _SOLDIERS.search(clause):
        return CIVILIANS
    if civil_damage(s_text):
        return CIVIL_DAMAGE  # "one person killed, three wounded, four buildings destroyed"
    prev = sentences[c.sent - 1] if c.sent > 0 else None
    # "Twelve civilians died in the strike. Among them, three children": the same people
    if (
        prev is not None
        and prev.para == sent.para
        and bool(_CIVILIAN.search(text[prev.start : prev.end]))
        and bool(_AFTER_CIVILIANS.match(s_text))
    ):
        return CIVILIANS
    return None


def _one_side_named(text: str, sent: Sentence, c: Reading) -> bool:
    """ "both sides lost 500,000, 200,000 of them Russian", "... 70,000 killed on the Ukrainian
    side", "both sides' losses are high, Ukrainian casualties around 400,000": a figure of one
    side in a sentence of both."""
    if NP_SIDE.search(text, c.q_start, c.q_end):
        return True
    # the last both-sides words before the figure ("combined Russian and Ukrainian
    # casualties": the sides are named by them, not after them)
    both = None
    for m in BOTH_SIDES.pattern.finditer(text, sent.start, c.q_end):
        if m.start() < c.q_start:
            both = m
    if both is not None and NP_SIDE.search(text, both.end(), c.q_start):
        return True  # a side named between the both-sides words and the figure
    return SIDE_AFTER.match(text, c.q_end, clause_end(text, sent, c.q_end)) is not None


def civil_damage(s_text: str) -> Rule | None:
    """A strike on a town whose sentence names no soldiers: its dead are people, its cars
    ("destroyed five homes and damaged 20 cars") private ones."""
    if CIVIL_DAMAGE.search(s_text) and not _MILITARY.search(s_text):
        return CIVIL_DAMAGE
    return None
