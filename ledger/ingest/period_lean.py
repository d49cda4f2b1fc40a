"""Period leanings: what a figure's wording leans to when no cue and no other figure says.

Owns `LEANING_CUES` (the perfect tense leans cumulative; "another 40", a small figure of one
event or one attack's tally lean to a window), `GOES_ON` (a sentence going on with the
figures told before: "also", "includes", "of these"), `RUNNING_TOTAL` (returns counted over
the whole war, against one prisoner exchange), `INCREMENT` (a figure that raises a total:
"killed 1,030, raising the total to 133,000"), `lean`, and `one_exchange` (the returns of
one exchange are a window, unless its sentence counts those of the whole war; "one of the
largest exchanges since the invasion" only compares: `SUPERLATIVE_SWAP`; released just after
a sentence naming the swap: `RETURNED_IN_SWAP`). Imports: `cand`, `cues`, `lexicon`,
`period_rules`, `rules`, `rx`, `sentences`.
"""

from __future__ import annotations

import re

from ledger.ingest import lexicon as lx
from ledger.ingest.cand import Cand
from ledger.ingest.cues import EXCHANGE_EVENT
from ledger.ingest.period_rules import Cue
from ledger.ingest.rules import Rule, registry, words
from ledger.ingest.rx import guarded
from ledger.ingest.sentences import Sentence

_I = re.IGNORECASE

PERFECT_TENSE = Rule(
    "perfect-tense",
    '"has lost", "have been killed": the perfect tense leans cumulative.',
    guarded(
        r"\b(?:has|have|had) (?:\w+ )?(?:lost|been killed|suffered|sustained)\b|\bto have lost\b",
        _I,
    ),
    "Russia has lost 3,000 tanks",
    "Russia lost 3,000 tanks",
    words("lost|killed|suffered|sustained"),
)
ANOTHER_N = Rule(
    "another-n",
    '"another 40", "a further 300" just before the number: a further count, a window.',
    guarded(r"\b(?:another|a further|an additional|further)\s*$", _I),
    "killed another ",
    "killed one another in ",
    words("another|further|additional"),
)
SMALL_EVENT = Rule(
    "small-event",
    "A small figure (under 100) told in the simple past of an event: one event's window.",
    guarded(
        r"(?<!has )(?<!have )(?<!had )(?<!been )(?<!already )"
        r"\b(?:shot down|destroyed|downed|sank|sunk|hit|"
        r"struck|eliminated|killed|captured)\b",
        _I,
    ),
    "the army destroyed 12 tanks",
    "the army has already destroyed 12 tanks",
)
ATTACK_TALLY = Rule(
    "attack-tally",
    "Drones or missiles (under 100) shot down or neutralised: one attack's tally.",
    guarded(
        r"\b(?:shot down|shoot down|downed|intercepted|destroyed|neutrali[sz](?:ed|es|ing))\b", _I
    ),
    "air defence neutralised 53 of 61 drones",
    "61 drones were launched",
    words("shot down|shoot down|downed|intercepted|destroyed|neutrali"),
)
LEANING_CUES = registry(PERFECT_TENSE, ANOTHER_N, SMALL_EVENT, ATTACK_TALLY)

GOES_ON = Rule(
    "goes-on",
    'A sentence going on with the figures before ("also lost", "the losses include", "of '
    'these"): their period.',
    guarded(
        r"\b(?:also|includ(?:e|es|ed|ing)|the list|in addition|additionally|of these|of them|"
        r"among them)\b",
        _I,
    ),
    "The Russians also lost 40 tanks",
    "The Russians lost 40 tanks",
    words("also|includ|the list|in addition|additionally|of these|of them|among them"),
)
RUNNING_TOTAL = Rule(
    "returned-so-far",
    'The returns of the whole war, not of one exchange ("3,000 brought home so far").',
    guarded(
        r"\b(?:so far|to date|thus far|since|already|in all|in total|overall|throughout|"
        r"of the war)\b",
        _I,
    ),
    "3,000 soldiers brought home so far",
    "300 soldiers brought home in the swap",
)
INCREMENT = Rule(
    "raises-the-total",
    'A figure followed by what it raises a total to ("killed 1,030, raising the total to '
    '133,000"): the figure is the increment, a window; the total is cumulative.',
    guarded(
        r"[^.;:!?]{0,80}?\b(?:(?:raising|bringing|taking|pushing|lifting|which (?:brings|raises|"
        r"takes)) (?:the |its |their |\w+['’]s )(?:\w+ ){0,3}?(?:total|toll|tally|count|number|"
        r"losses)\b|amounting to a (?:total|toll)|for a (?:new )?total of)",
        _I,
    ),
    " were killed, raising the total throughout the war to",
    " were killed, the total throughout the war stands at",
    words("total|toll|tally|count|number|losses"),
)
OUT_OF_LAUNCHED = Rule(
    "out-of-launched",
    'Drones or missiles downed "of" or "out of" those launched ("53 of 61 drones", "53 drones '
    "out of 61\"): one attack's tally.",
    guarded(r"\s*(?:[\w-]+\s+){0,3}?(?:out\s+)?of\s+(?:the\s+)?\d[\d,]*\b(?!\s*(?:%|percent))", _I),
    " Russian drones out of 61 launched",
    " Russian drones out of range",
    words("of"),
)
WORDING_CUES = registry(GOES_ON, RUNNING_TOTAL, INCREMENT, OUT_OF_LAUNCHED)


def lean(text: str, sent: Sentence, c: Cand, before_para: Cue | None) -> Cue:
    """What the wording leans to: the perfect tense cumulative; "another 40" a window; a
    sentence going on ("also lost") the period of the paragraph before (`before_para`); a
    small figure of an event ("shot down 11 drones") a window; else cumulative."""
    if PERFECT_TENSE.search(text, sent.start, sent.end):
        return Cue("cumulative", None, PERFECT_TENSE.name)
    if ANOTHER_N.search(text[max(sent.start, c.q_start - 30) : c.q_start]):
        return Cue("window", c.as_of, ANOTHER_N.name)
    if before_para is not None and GOES_ON.search(text[sent.start : c.q_start]):
        return before_para
    if c.value < 100 and not c.heading and SMALL_EVENT.search(text, sent.start, sent.end):
        # not a headline's tally ("12 jets, 8 helicopters destroyed"): a headline drops the
        # auxiliary ("have been") its body's running total has
        return Cue("window", c.as_of, SMALL_EVENT.name)
    if (
        c.value < 100
        and c.metric in ("drones", "cruise_missiles", "other")
        and ATTACK_TALLY.search(text, sent.start, sent.end)
    ):
        # "have shot down 11 Shahed drones": an attack's tally, not a running total
        return Cue("window", c.as_of, ATTACK_TALLY.name)
    return Cue("cumulative", None, "default-cumulative")


SUPERLATIVE_SWAP = Rule(
    "superlative-swap",
    'An exchange compared with the others ("one of the largest exchanges since the invasion"): '
    "no running total.",
    guarded(
        r"\b(?:largest|biggest|first|latest|most|largest-ever|biggest-ever)\s+(?:[\w-]+\s+){0,3}?"
        r"(?:exchanges?|swaps?|releases?)\s+(?:of the war|since\b[^,.;]*)",
        re.I,
    ),
    "one of the largest exchanges since the invasion began",
    "more than 3,000 have been exchanged since the invasion",
)
# "106 soldiers were released as part of the agreement" after a paragraph on the swap.
RETURNED_IN_SWAP = Rule(
    "returned-in-named-swap",
    "Prisoners released, freed or brought home in a sentence just after one that names the "
    "exchange: that exchange's returns, a window.",
    guarded(rf"\b(?:{lx.EXCHANGE_GIVE_VERBS}|{lx.EXCHANGE_OWN_VERBS})\b", re.I),
    "106 soldiers were released from custody",
    "106 soldiers remain in custody",
)
SWAP_RULES = registry(SUPERLATIVE_SWAP, RETURNED_IN_SWAP)
_SWAP_BEFORE = 400  # how far before its sentence an exchange is named


def one_exchange(text: str, sent: Sentence, cue: Cue) -> Cue:
    """ "each side released 300 in the swap", "each released a total of 390": one exchange is
    a window, unless its sentence counts the returns of the whole war ("so far", "since")."""
    if cue.period == "window":
        return cue
    if not EXCHANGE_EVENT.search(text, sent.start, sent.end) and not (
        RETURNED_IN_SWAP.search(text, sent.start, sent.end)
        and EXCHANGE_EVENT.search(text, max(0, sent.start - _SWAP_BEFORE), sent.start)
    ):
        return cue
    # "one of the largest exchanges since the invasion" compares this one with the rest
    words = SUPERLATIVE_SWAP.pattern.sub(" ", text[sent.start : sent.end])
    if RUNNING_TOTAL.search(words):
        return cue  # the returns so far: the period is told elsewhere
    return Cue("window", None, "one-exchange")
