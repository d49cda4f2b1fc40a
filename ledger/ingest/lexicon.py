"""The extractor's vocabulary: qualifier words, a month's regex and cue words.

Owns the qualifier cues (`QUALIFIER_CUES`: the words before a number that make it "about",
"at least" or "at most", each group a named `QualifierCue`), the regex of a month (`MONTH`,
made from `months`' table), the cue-word tables other stages build their rules from (loss,
exchange, grouping and civilian words) and `compile_alternation`. The metric nouns are the
`MetricCue`s of `metric_cues` (people), `metric_cues_arms` and `metric_cues_air`; the
matchers compiled from all of them that more than one stage uses live in `cues`; the
claimants' names and aliases are `claimant_lexicon`'s. Editing a table changes extraction
output: bump EXTRACTOR_VERSION. Imports: `events.claims` (the qualifier names), `months`,
`rules`, `rx`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from events.vocabulary import Qualifier
from ledger.ingest.months import MONTH_FORMS, MONTH_NAMES
from ledger.ingest.rules import Rule, registry
from ledger.ingest.rx import by_first_letter, guarded

_I = re.IGNORECASE


@dataclass(frozen=True, slots=True)
class QualifierCue(Rule):
    """Words just before a number that give it `qualifier` ("about 300", "more than 40"):
    `phrases` (lower case, single spaces) are its words; its pattern finds one at a text's end,
    after a non-word character, with at most a colon and spaces after it."""

    qualifier: Qualifier = "exact"
    phrases: tuple[str, ...] = ()


def qualifier_alternation(phrases: Iterable[str]) -> str:
    """The phrases as one alternation, longest first (a shorter one cannot cut a longer)."""
    return by_first_letter("|".join(re.escape(p) for p in sorted(phrases, key=len, reverse=True)))


def _qualifier(
    name: str, qualifier: Qualifier, phrases: str, doc: str, accepts: str, rejects: str
) -> QualifierCue:
    """A qualifier cue of `phrases` ("|"-separated), its prefilter words the phrases."""
    words = tuple(phrases.split("|"))
    pattern = guarded(rf"(?:^|[^\w])({qualifier_alternation(words)})\s*:?\s*$", _I)
    return QualifierCue(name, doc, pattern, accepts, rejects, words, qualifier, words)


# Verbs of reaching or passing a mark that a hedge ("nearly", "almost") may come before.
_REACH_VERBS = (
    "reached|reach|reaches|reaching|hit|hits|hitting|touched|totalled|totaled|totalling"
    "|totaling|topped|passed|surpassed|exceeded|approached|amounted to|stood at"
)

# Qualifier phrases immediately before a number; a number's qualifier is the rule of the
# longest phrase that ends just before it.
QUALIFIER_CUES = registry(
    _qualifier(
        "approx-word-before",
        "approx",
        "nearly|near|nearer|almost|about|around|approximately|approx.|roughly|some"
        "|something like|close to|closer to|in the vicinity of|approaching|nearing|neared|circa",
        'A rough count: "about", "nearly", "some", "close to".',
        "Russia lost about ",
        "Russia lost roundabout ",
    ),
    # a hedge on a verb of reaching a mark ("the toll has nearly reached 5,000", "almost
    # topped the 1,000 mark"): the hedge still makes the number a rough one
    _qualifier(
        "hedged-reach-verb-before",
        "approx",
        "|".join(
            f"{hedge} {verb}{the}"
            for hedge in ("nearly", "almost")
            for verb in _REACH_VERBS.split("|")
            for the in ("", " the")
        ),
        'A hedge on a verb of reaching a mark: "nearly reached", "almost hit", "nearly topped '
        'the".',
        "the toll has nearly reached ",
        "the toll has reached ",
    ),
    # "an estimated 20,000" is the estimate itself, not a hedge on it (the conventions'
    # approx words are about, around, nearly, ...): exact, and the quote starts there
    _qualifier(
        "estimate-word-before",
        "exact",
        "an estimated|estimated|reportedly",
        'An estimate named ("an estimated 20,000"): exact, the quote starting at the word.',
        "Russia lost an estimated ",
        "Russia estimated losses of ",
    ),
    _qualifier(
        "at-least-word-before",
        "at_least",
        "over|more than|at least|in excess of|upwards of|no fewer than|not less than"
        "|no less than|just over|well over|exceeding",
        'A floor: "over", "more than", "at least", "in excess of".',
        "Russia lost more than ",
        "Russia lost more tanks than ",
    ),
    # "over" as a verb's particle ("Ukraine handed over 95 servicemen"): no floor
    _qualifier(
        "phrasal-verb-over",
        "exact",
        "handed over|hand over|hands over|handing over|turned over|turn over|turns over"
        "|turning over|took over|taken over|take over|takes over|taking over",
        'The particle of a verb, not a floor: "handed over", "turned over", "took over".',
        "Ukraine handed over ",
        "Ukraine lost over ",
    ),
    # a verb of passing a mark ("losses pass 175,000", "have surpassed 8,000")
    _qualifier(
        "passing-verb-before",
        "at_least",
        "pass|passes|passed|surpass|surpasses|surpassed|crossed|top|tops|topped|exceed|exceeds"
        "|exceeded|conservatively estimating",
        'A mark passed: "losses pass", "have surpassed", "topped".',
        "losses have surpassed ",
        "losses have been passed on to ",
    ),
    # a mark passed, named as a mark ("passed the 250,000 mark", "crossed the 1,000 line")
    _qualifier(
        "mark-passed-before",
        "at_least",
        "pass the|passes the|passed the|surpass the|surpasses the|surpassed the|cross the"
        "|crosses the|crossed the|top the|tops the|topped the|exceed the|exceeds the"
        "|exceeded the|broke the|broken the|breached the",
        'A mark passed, named as one: "passed the", "crossed the", "topped the".',
        "casualties have passed the ",
        "casualties have passed the the ",
    ),
    _qualifier(
        "at-most-word-before",
        "at_most",
        "up to|as many as|as high as|fewer than|less than|no more than|at most|a maximum of|under"
        # an estimate's ceiling ("casualties could reach 300,000"; a forecast says when)
        "|could reach|may reach|might reach",
        'A ceiling: "up to", "as many as", "fewer than", "under".',
        "killed as many as ",
        "killed as many civilians as ",
    ),
)

# A month in full or short ("June", "Sept."), for case-insensitive patterns only: the full
# names first, then the short forms (the months themselves are `months`').
MONTH = (
    by_first_letter(MONTH_NAMES + "|" + "|".join(f for forms in MONTH_FORMS for f in forms[1:]))
    + r"\.?"
)

# Loss words: a sentence must carry one for a figure to be a loss claim.
LOSS_WORDS = (
    r"los[et]|loses|losing|loss(?:es)?|kill(?:ed|ing|s)?|dead|died|die|dying|deaths?"
    r"|destroy(?:ed|ing|s)?"
    r"|shot down|shoot(?:ing)? down|downed|down(?:ing)?|eliminat(?:ed|ing|es)|liquidat(?:ed|ing)"
    r"|neutrali[sz](?:ed|ing)|wiped out|wip(?:e|ing) out|captured|seized|damaged|sunk|sank|sinking"
    r"|intercepted|taken prisoner|surrender(?:ed|s)?|casualt(?:y|ies)|wounded|injured"
    r"|fatalit(?:y|ies)"
    r"|missing in action|(?:are|were|is|was|went|considered|listed as|reported) missing"
    r"|knocked out|took out|disabled|abandoned|burn(?:ed|t)|death toll|toll"
    r"|suffered|sustained|put out of action|repelled|destruction"
    # equipment "taken out" or "hit during the fighting"; the dead "buried", their "bodies",
    # the "victims" of a rate ("824 victims a day")
    r"|taken out|take out|taking out|(?:were|was|been) hit (?:during|in)|buried|burials?"
    r"|burial places|bodies|victims|crashed"
    # prisoners of war: "took 102 soldiers as prisoners-of-war", "taken captive"
    r"|prisoners?[- ]of[- ]war|captives?"
)

# Words of a return of prisoners (an exchange, a swap, a release): regexes, case-insensitive.
EXCHANGE_WORDS = (
    # a swap: "in a prisoner exchange", "the sides swapped 90 for 90", "in exchange" (not "in
    # exchange for a square kilometre", "exchanges of fire", "exchanged fire")
    r"(?:prisoner |POW )?(?:exchanges?|swaps?)(?! of (?:fire|blows|strikes)| for\b)"
    r"|(?:exchanged|swapped)(?! (?:fire|blows|strikes))|in exchange(?! for)",
    # people coming home: "brought home 95 defenders", "returned from Russian captivity",
    # "returned from Ukrainian-controlled territory", "repatriated"
    r"brought (?:back )?home|brings? (?:back )?home|bringing (?:back )?home|returned home"
    r"|brought back|brings? back|bringing back"
    r"|(?:came|come|coming|returning) (?:back )?home"
    r"|returned from (?:[\w'’-]+\s+){0,3}?(?:captivity|territory|imprisonment)|repatriated"
    r"|returned to (?:their|his|her|the) homeland|(?:the )?return of",
    # "more than 3,000 have been returned so far"
    r"(?:been|were|was) returned|returned (?:so far|to date|in total)"
    # "Russia returned 95 Ukrainian defenders": a side returned a count of its captives
    r"|returned(?= (?:(?:about|some|another|over|more than|at least|nearly) )?\d[\d,. ]*"
    r"(?:(?:Ukrainian|Russian) )?(?:defenders|prisoners|POWs|servicem[ae]n|soldiers|troops)\b)",
    # "... 103 of its soldiers in exchange for 103 prisoners": one side's count for the other's
    r"in exchange for(?= (?:(?:about|some|another|over|more than|at least|nearly) )?\d)",
    # letting them go: "each side released 300", "handed over 175 prisoners", "freed"
    r"released|freed|handed over|set free",
    # the noun of a release: "secured the release of 100 prisoners"
    r"(?:the )?release of",
)
# The words of one exchange (an event, not a running total): its figures are a window.
EXCHANGE_EVENT_WORDS = (
    r"(?:prisoner |POW )?(?:exchanges?|swaps?)(?! of fire| for\b)|exchanged(?! fire)|swapped"
    r"|in exchange(?! for)|handed over"
    r"|each side|both sides|either side|brought (?:back )?home"
)
# Bring-home verbs name the side whose people came home ("Ukraine brought home 95"); release
# verbs the side that held them ("Russia released 90": Ukraine's people).
EXCHANGE_OWN_VERBS = (
    r"brought (?:back )?home|brings? (?:back )?home|brought back|brings? back|bringing back"
    r"|got back|received|receives|returned home|repatriated"
    r"|(?:came|come|coming|returning|return) (?:back )?home"
    # "Ukraine secured the release of 75": the side that won a release gets its people back
    r"|(?:secured|gained|won|obtained|negotiated) the release of"
)
EXCHANGE_GIVE_VERBS = r"released|freed|handed over|set free|returned"
# Whom a returned figure may count besides the metric nouns ("3,210 Ukrainian citizens").
EXCHANGED_PEOPLE = r"citizens|nationals|defenders"

# A grouping of forces a per-grouping breakdown names ("over 255 by the Sever battlegroup",
# "up to 85 in the area of the Dnepr group of forces"): a regex, case-insensitive.
GROUPING_WORDS = r"battle ?groups?|group(?:ing)?s? of (?:forces|troops)|groups?|groupings?"

# Words that make the figures in their sentence non-military or non-loss.
CIVILIAN_WORDS = r"civilians?|children|non-combatants|residents|refugees|evacuees|hostages"


def compile_alternation(patterns: Iterable[str]) -> re.Pattern[str]:
    """One regex of all `patterns` (each whole words), so one scan finds every alias or metric
    noun; which one matched is for the caller to ask (no groups: only the match is read)."""
    parts = [f"(?:{p})" for p in patterns]
    return guarded(r"\b(?<!-)(?:" + "|".join(parts) + r")(?![\w-])", re.IGNORECASE)
