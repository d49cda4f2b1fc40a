"""Filters: the figures a loss sentence holds that are not loss claims.

Owns `keep` and `drop_rule` (the name of the rule that drops a figure): they drop denied
and forecast figures ("did not lose", "will lose"), ratios and dismissed figures, civilians
and both sides' dead together, other wars, stock ("started the war with 3,000 tanks"),
weapons launched rather than downed, and figures of aid, launches or production. Each cue is
searched only where its words occur (`rx.has_any` on case-folded text). Imports: `cand`,
`cues`, `lexicon`, `rules`, `rx`, `sentences`.
"""

from __future__ import annotations

import re

from ledger.ingest import lexicon as lx
from ledger.ingest.cand import Cand
from ledger.ingest.cues import LOSS, METRIC_ANY, NEGATION, strip_qualifier
from ledger.ingest.rules import Rule, registry, words
from ledger.ingest.rx import guarded
from ledger.ingest.sentences import Sentence, clause_end, clause_start

_I = re.IGNORECASE

_DIGIT = re.compile(r"\d")
_CIVILIAN = guarded(rf"\b(?:{lx.CIVILIAN_WORDS})\b", _I)
_DIGIT_SEP = guarded(r"(?<=\d)[.,](?=\d)")
_MODAL = guarded(
    r"\b(?:will|would|(?:could|may|might)(?!\s+(?:have|be|amount|total|number|exceed|stand|reach"
    r"|now|already)\b)|expected to|projected|forecasts?|predicts?|plans? to|"
    r"likely (?:to )?continue to|likely to (?:continue|exceed|surpass|reach|rise|remain)|"
    r"aims? to|intends? to)\b[^,.;:!?]{0,40}$",
    _I,
)
_BOTH_SIDES = guarded(
    r"\b(?:both sides|both armies|two sides|on both sides|(?<!wounded )(?<!injured )combined|"
    r"both Ukraine and Russia|"
    r"both Russia and Ukraine|Russian and Ukrainian (?:troops|soldiers|forces|casualties|losses)|"
    r"Ukrainian and Russian (?:troops|soldiers|forces|casualties|losses))\b",
    _I,
)
_NON_LOSS_CLAUSE = guarded(
    r"(?<!-)\b(?:launch(?:ed|es|ing)?|fired|used|provid\w+|send(?:s|ing)?|sent|deliver\w*|suppl(?:y|ied|ies)|"
    r"pledg\w+|donat\w+|package|aid|receiv\w+|transfer\w*|order(?:ed|s)?|purchas\w+|produc\w+|"
    r"manufactur\w+|buil[dt]\w*|deploy\w*|mobili[sz]\w+|recruit\w*)\b",
    _I,
)
_WEAPON_ACTS = guarded(
    r"\s+(?:\w+\s+)?(?:hit|struck|landed|exploded|targeted|attacked|slammed|were launched|"
    r"was launched|launched|were fired|was fired|fired)\b",
    _I,
)
# "shot down three missiles and 25 drones fired by Russia", "25 drones fired by Russia were
# shot down": the launch words describe weapons the clause says were brought down.
_DOWNED_BEFORE = guarded(
    r"\b(?:shot down|downed|destroyed|intercepted|neutrali[sz]ed)\b(?![^,.;:]*\b(?:and|but)\s+"
    r"(?:launched|fired)\b)[^.;:]*\Z",
    _I,
)
_DOWNED_AFTER = guarded(
    r"^[^,.;:]{0,40}?\b(?:were|was|have been|had been)\s+(?:\w+\s+)?(?:shot down|downed|"
    r"destroyed|intercepted|neutrali[sz]ed)\b",
    _I,
)
# Figures of other wars, given for comparison ("15,000 Soviet troops in Afghanistan").
_OTHER_WAR = guarded(
    r"\b(?:Soviet (?:troops|soldiers|losses|Union)|Afghanistan|Chechnya|Vietnam|World War|"
    r"Guadalcanal|Second World|First World)\b",
    _I,
)
# Stock, not losses: "started the war with around 3,000 tanks", "has 2,000 tanks in storage".
_STOCK_BEFORE = guarded(
    r"\b(?:(?:started|began|entered|went into) (?:the |this )?(?:war|invasion|conflict) with|"
    r"(?:has|have|had|possess(?:es|ed)?|fielded|fields) (?:only |still )?)\s*$",
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
_RATIO_AFTER = guarded(r"^\s*(?:[\w-]+\s+){0,3}for (?:every|each)\b", _I)
# "..., figures which Zelensky dismissed as nonsense": the figure is denied.
_DISMISSED_AFTER = guarded(
    r"^[^.;]{0,80}?\b(?:figures?|claims?|numbers?|estimates?)\s+(?:which|that)\s+"
    r"(?:[\w.'’-]+\s+){1,5}?(?:dismissed|denied|rejected|refuted)\b",
    _I,
)
# Words every match of the cue of the same name holds, case-folded (`rx.fold_case`).
_DISMISSED_WORDS = words("dismissed|denied|rejected|refuted")
_NEGATION_WORDS = words("no|never|den|rather than|instead of|refuted|dismissed")
_MODAL_WORDS = words(
    "will|would|could|may|might|expected to|projected|forecast|predict|plan|aim|intend|likely"
)
_CIVILIAN_WORDS = words("civilian|children|non-combatants|residents|refugees|evacuees|hostages")
_BOTH_SIDES_WORDS = words("both|two sides|combined|russian and ukrainian|ukrainian and russian")
_OTHER_WAR_WORDS = words("soviet|afghanistan|chechnya|vietnam|world|guadalcanal")
_STOCK_WORDS = words("with|ha|possess|field")
_NON_LOSS_WORDS = words(
    "launch|fired|used|provid|sen|deliver|suppl|pledg|donat|package|aid|receiv|transfer|"
    "order|purchas|produc|manufactur|buil|deploy|mobili|recruit"
)

# The cues `drop_rule` asks, each with the words every match holds (case-folded): a text
# without any of them is not searched. `drop_rule` answers with the name of the first that
# drops a figure; `claims extract --explain` prints it.
NEGATED = Rule(
    "negated",
    "A denial or negation just before the figure: the figure was not lost.",
    NEGATION,
    "Moscow denied that it had lost",
    "Moscow said that it had lost",
    _NEGATION_WORDS,
)
FORECAST = Rule(
    "forecast",
    "A modal or forecast verb just before the figure: a loss to come, not one suffered.",
    _MODAL,
    "Russia will likely lose",
    "Russia has lost",
    _MODAL_WORDS,
)
RATIO = Rule(
    "ratio",
    'A ratio after the figure ("for every soldier killed"): a proportion, not a count.',
    _RATIO_AFTER,
    " wounded for every soldier killed",
    " wounded, the ministry said",
    ("every", "each"),
)
DISMISSED = Rule(
    "dismissed",
    "The sentence after the figure says it was dismissed or denied.",
    _DISMISSED_AFTER,
    ", figures which the Kremlin dismissed as fiction",
    ", figures which the Kremlin published on Monday",
    _DISMISSED_WORDS,
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
OTHER_WAR = Rule(
    "other-war",
    "A figure of another war, given for comparison (Afghanistan, Chechnya, World War II).",
    _OTHER_WAR,
    "about 15,000 Soviet troops died in Afghanistan",
    "about 15,000 Russian troops died in Bakhmut",
    _OTHER_WAR_WORDS,
)
STOCK = Rule(
    "stock",
    'What an army has rather than what it lost ("started the war with 3,000 tanks").',
    _STOCK_BEFORE,
    "Russia started the war with",
    "Russia has lost",
    _STOCK_WORDS,
)
WEAPONS_USED = Rule(
    "weapons-used",
    "Drones or missiles that struck or were launched, unless the clause says they were downed.",
    _WEAPON_ACTS,
    " struck the city overnight",
    " were shot down overnight",
)
NON_LOSS_CLAUSE = Rule(
    "non-loss-clause",
    "A clause of aid, launches, production or deployment that names no loss.",
    _NON_LOSS_CLAUSE,
    "the US sent 31 tanks to Kyiv",
    "the army lost 31 tanks near Kyiv",
    _NON_LOSS_WORDS,
)
DROP_CUES = registry(
    NEGATED,
    FORECAST,
    RATIO,
    DISMISSED,
    CIVILIANS,
    BOTH_SIDES,
    CIVIL_DAMAGE,
    OTHER_WAR,
    STOCK,
    WEAPONS_USED,
    NON_LOSS_CLAUSE,
)


def keep(text: str, sentences: list[Sentence], c: Cand) -> bool:
    """Drop denied, forecast, civilian, both-sides and non-loss (aid, launches) figures."""
    return drop_rule(text, sentences, c) is None


def drop_rule(text: str, sentences: list[Sentence], c: Cand) -> str | None:
    """The name of the rule (one of `DROP_CUES`) that drops figure `c`, shown by `claims
    extract --explain`; None when it is kept."""
    sent = sentences[c.sent]
    clause = text[clause_start(text, sent, c.q_start) : clause_end(text, sent, c.q_end)]
    rule = _denied_or_forecast(text, sent, c) or _ratio_or_dismissed(text[c.q_end : sent.end])
    if rule is None and c.metric == "personnel":
        rule = _not_soldiers(text, sentences, c, clause)
    if rule is None and OTHER_WAR.search(clause):
        rule = OTHER_WAR
    if rule is None and _stock(text, sent, c):
        rule = STOCK
    if rule is None and _weapons_used(text, sent, c):
        rule = WEAPONS_USED
    if rule is None and _not_a_loss(clause):
        rule = NON_LOSS_CLAUSE
    return rule.name if rule is not None else None


def _denied_or_forecast(text: str, sent: Sentence, c: Cand) -> Rule | None:
    """ "did not lose 40 tanks", "will lose 40 tanks", "casualties are likely to continue to
    exceed 1,000"."""
    before = _DIGIT_SEP.sub("", text[max(sent.start, c.q_start - 90) : c.q_start])
    if NEGATED.search(before[-40:]):
        return NEGATED
    if FORECAST.search(before[-60:]):
        return FORECAST
    digit = (
        _DIGIT.search(text, c.q_start, c.q_end) if "likely" in text[c.q_start : c.q_end] else None
    )
    if digit and digit.start() > c.q_start:
        # "casualties are likely to continue to exceed 1,000": the noun opens the quote, the
        # forecast stands between it and the number
        lead = _DIGIT_SEP.sub("", text[max(sent.start, digit.start() - 60) : digit.start()])
        return FORECAST if _MODAL.search(lead) else None
    return None


def _ratio_or_dismissed(tail: str) -> Rule | None:
    """ "three wounded for every soldier killed": a ratio; "..., figures which X dismissed":
    a denied figure. `tail` is the sentence after the quote."""
    if RATIO.match(tail):
        return RATIO
    return DISMISSED if DISMISSED.search(tail) else None


def _not_soldiers(text: str, sentences: list[Sentence], c: Cand, clause: str) -> Rule | None:
    """People who are not soldiers, or both sides' dead together."""
    sent = sentences[c.sent]
    s_text = text[sent.start : sent.end]
    if CIVILIANS.search(clause):
        return CIVILIANS
    if BOTH_SIDES.search(s_text):
        return BOTH_SIDES
    if CIVILIANS.search(s_text) and not _SOLDIERS.search(clause):
        return CIVILIANS
    if CIVIL_DAMAGE.search(s_text) and not _MILITARY.search(s_text):
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


def _stock(text: str, sent: Sentence, c: Cand) -> bool:
    """ "started the war with around 3,000 tanks": what an army has, not what it lost."""
    lead = strip_qualifier(text[max(sent.start, c.q_start - 60) : c.q_start].rstrip()).rstrip()
    return bool(STOCK.search(lead))


def _weapons_used(text: str, sent: Sentence, c: Cand) -> bool:
    """ "25 drones struck Kyiv": weapons launched, unless the clause says they were downed."""
    return bool(
        c.metric in ("drones", "cruise_missiles")
        and not c.part
        and WEAPONS_USED.match(text, c.q_end)
        and not _DOWNED_BEFORE.search(text, clause_start(text, sent, c.q_start), c.q_start)
        and not _DOWNED_AFTER.match(text[c.q_end : sent.end])
    )


def _not_a_loss(clause: str) -> bool:
    """A clause of aid, launches, production or deployment that names no loss."""
    if not NON_LOSS_CLAUSE.search(clause):
        return False
    if LOSS.search(clause):
        return False
    return bool(_NON_LOSS_CLAUSE.search(METRIC_ANY.sub(" ", clause)))
