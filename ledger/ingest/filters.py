"""Filters: the figures a loss sentence holds that are not loss claims.

Owns `keep`, which drops denied and forecast figures ("did not lose", "will lose"), ratios and
dismissed figures, civilians and both sides' dead together, other wars, stock ("started the
war with 3,000 tanks"), weapons launched rather than downed, and figures of aid, launches or
production. Each cue is searched only where its words occur (`rx.has_any` on case-folded
text). Imports: `cand`, `cues`, `lexicon`, `rx`, `sentences`.
"""

from __future__ import annotations

import re

from ledger.ingest import lexicon as lx
from ledger.ingest.cand import Cand
from ledger.ingest.cues import LOSS, METRIC_ANY, NEGATION, strip_qualifier
from ledger.ingest.rx import fold_case, guarded, has_any
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
_CIVIL_DAMAGE_WORDS = (
    "debris",
    "building",
    "home",
    "house",
    "residential",
    "apartment",
    "carwash",
    "hospital",
    "school",
    "shop",
    "high-rise",
    "private",
    "person",
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
_DISMISSED_WORDS = ("dismissed", "denied", "rejected", "refuted")
_NEGATION_WORDS = ("no", "never", "den", "rather than", "instead of", "refuted", "dismissed")
_MODAL_WORDS = (
    "will",
    "would",
    "could",
    "may",
    "might",
    "expected to",
    "projected",
    "forecast",
    "predict",
    "plan",
    "aim",
    "intend",
    "likely",
)
_CIVILIAN_WORDS = (
    "civilian",
    "children",
    "non-combatants",
    "residents",
    "refugees",
    "evacuees",
    "hostages",
)
_BOTH_SIDES_WORDS = (
    "both",
    "two sides",
    "combined",
    "russian and ukrainian",
    "ukrainian and russian",
)
_OTHER_WAR_WORDS = ("soviet", "afghanistan", "chechnya", "vietnam", "world", "guadalcanal")
_STOCK_WORDS = ("with", "ha", "possess", "field")
_NON_LOSS_WORDS = (
    "launch",
    "fired",
    "used",
    "provid",
    "sen",
    "deliver",
    "suppl",
    "pledg",
    "donat",
    "package",
    "aid",
    "receiv",
    "transfer",
    "order",
    "purchas",
    "produc",
    "manufactur",
    "buil",
    "deploy",
    "mobili",
    "recruit",
)


def keep(text: str, sentences: list[Sentence], c: Cand) -> bool:
    """Drop denied, forecast, civilian, both-sides and non-loss (aid, launches) figures."""
    sent = sentences[c.sent]
    clause = text[clause_start(text, sent, c.q_start) : clause_end(text, sent, c.q_end)]
    folded_clause = fold_case(clause)
    # Each cue is searched only where its words occur (`has_any`, on case-folded text).
    return not (
        _denied_or_forecast(text, sent, c)
        or _ratio_or_dismissed(text[c.q_end : sent.end])
        or (c.metric == "personnel" and _not_soldiers(text, sentences, c, clause, folded_clause))
        or (has_any(folded_clause, _OTHER_WAR_WORDS) and bool(_OTHER_WAR.search(clause)))
        or _stock(text, sent, c)
        or _weapons_used(text, sent, c)
        or _not_a_loss(clause, folded_clause)
    )


def _denied_or_forecast(text: str, sent: Sentence, c: Cand) -> bool:
    """ "did not lose 40 tanks", "will lose 40 tanks", "casualties are likely to continue to
    exceed 1,000"."""
    before = _DIGIT_SEP.sub("", text[max(sent.start, c.q_start - 90) : c.q_start])
    folded = fold_case(before)  # as long as `before`, character for character
    if (has_any(folded[-40:], _NEGATION_WORDS) and NEGATION.search(before[-40:])) or (
        has_any(folded[-60:], _MODAL_WORDS) and _MODAL.search(before[-60:])
    ):
        return True
    digit = (
        _DIGIT.search(text, c.q_start, c.q_end) if "likely" in text[c.q_start : c.q_end] else None
    )
    if digit and digit.start() > c.q_start:
        # "casualties are likely to continue to exceed 1,000": the noun opens the quote, the
        # forecast stands between it and the number
        lead = _DIGIT_SEP.sub("", text[max(sent.start, digit.start() - 60) : digit.start()])
        return bool(_MODAL.search(lead))
    return False


def _ratio_or_dismissed(tail: str) -> bool:
    """ "three wounded for every soldier killed": a ratio; "..., figures which X dismissed":
    a denied figure. `tail` is the sentence after the quote."""
    if ("every" in tail or "each" in tail) and _RATIO_AFTER.match(tail):
        return True
    return has_any(fold_case(tail), _DISMISSED_WORDS) and bool(_DISMISSED_AFTER.search(tail))


def _not_soldiers(
    text: str, sentences: list[Sentence], c: Cand, clause: str, folded_clause: str
) -> bool:
    """People who are not soldiers, or both sides' dead together."""
    sent = sentences[c.sent]
    s_text = text[sent.start : sent.end]
    folded_sentence = fold_case(s_text)
    if (has_any(folded_clause, _CIVILIAN_WORDS) and _CIVILIAN.search(clause)) or (
        has_any(folded_sentence, _BOTH_SIDES_WORDS) and _BOTH_SIDES.search(s_text)
    ):
        return True
    if (
        has_any(folded_sentence, _CIVILIAN_WORDS)
        and _CIVILIAN.search(s_text)
        and not _SOLDIERS.search(clause)
    ):
        return True
    if (
        has_any(folded_sentence, _CIVIL_DAMAGE_WORDS)
        and _CIVIL_DAMAGE.search(s_text)
        and not _MILITARY.search(s_text)
    ):
        return True  # "one person killed, three wounded, four buildings destroyed"
    prev = sentences[c.sent - 1] if c.sent > 0 else None
    # "Twelve civilians died in the strike. Among them, three children": the same people
    return (
        prev is not None
        and prev.para == sent.para
        and bool(_CIVILIAN.search(text[prev.start : prev.end]))
        and bool(_AFTER_CIVILIANS.match(s_text))
    )


def _stock(text: str, sent: Sentence, c: Cand) -> bool:
    """ "started the war with around 3,000 tanks": what an army has, not what it lost."""
    lead = strip_qualifier(text[max(sent.start, c.q_start - 60) : c.q_start].rstrip()).rstrip()
    return has_any(fold_case(lead), _STOCK_WORDS) and bool(_STOCK_BEFORE.search(lead))


def _weapons_used(text: str, sent: Sentence, c: Cand) -> bool:
    """ "25 drones struck Kyiv": weapons launched, unless the clause says they were downed."""
    return bool(
        c.metric in ("drones", "cruise_missiles")
        and not c.part
        and _WEAPON_ACTS.match(text, c.q_end)
        and not _DOWNED_BEFORE.search(text, clause_start(text, sent, c.q_start), c.q_start)
        and not _DOWNED_AFTER.match(text[c.q_end : sent.end])
    )


def _not_a_loss(clause: str, folded_clause: str) -> bool:
    """A clause of aid, launches, production or deployment that names no loss."""
    if not (has_any(folded_clause, _NON_LOSS_WORDS) and _NON_LOSS_CLAUSE.search(clause)):
        return False
    if LOSS.search(clause):
        return False
    return bool(_NON_LOSS_CLAUSE.search(METRIC_ANY.sub(" ", clause)))
