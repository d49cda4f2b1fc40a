"""Filters: the figures a loss sentence holds that are not loss claims.

Owns `drop_rule` (the name of the rule that drops a figure, None to keep it): it drops denied
and forecast figures ("did not lose", "will lose", "could reach 500,000 by next year"),
ratios and dismissed figures, civilians and both sides' dead together, other wars, stock
("started the war with 3,000 tanks"), weapons launched rather than downed, and figures of
aid, launches or production. Each cue is searched only where its words occur (`rx.has_any`
on case-folded text). Imports: `cues`, `lexicon`, `numbers`, `people_filters` (the rules for
people who are not soldiers lost), `reading`, `rules`, `rx`, `sentences`, `side_cues`,
`weapon_filters` (the rules for drones and missiles not brought down).
"""

from __future__ import annotations

import re

from ledger.ingest.cues import LOSS, METRIC_ANY, NEGATION, QUALIFIER_OF, strip_qualifier
from ledger.ingest.numbers import find_numbers
from ledger.ingest.people_filters import (
    BOTH_SIDES,
    CIVIL_DAMAGE,
    CIVILIANS,
    civil_damage,
    not_soldiers,
)
from ledger.ingest.reading import Reading
from ledger.ingest.rules import Rule, registry, words
from ledger.ingest.rx import fold_case, guarded, has_any
from ledger.ingest.sentences import Sentence, clause_end, clause_start
from ledger.ingest.side_cues import NP_SIDE
from ledger.ingest.weapon_filters import HITS_RECORDED, LAUNCHED_WITH, WEAPONS_USED, weapon_drop

_I = re.IGNORECASE

_DIGIT = re.compile(r"\d")
_DIGIT_SEP = guarded(r"(?<=\d)[.,](?=\d)")
_MODAL = guarded(
    r"\b(?:will|would(?!\s+(?:take|bring|push|raise|put)\b)|(?:could|(?-i:may)|might)(?!\s+(?:well\s+|already\s+)?(?:have|be|amount|total|number|exceed|stand|reach|range"
    r"|now|already)\b)|expected to|projected|forecasts?|predicts?|plans? to|"
    r"likely (?:to )?continue to|likely to (?:continue|exceed|surpass|reach|rise|remain)|"
    r"aims? to|intends? to)\b[^,.;:!?]{0,40}$",
    _I,
)
_NON_LOSS_CLAUSE = guarded(
    r"(?<!-)\b(?:launch(?:ed|es|ing)?|fired|used|provid\w+|send(?:s|ing)?|sent|deliver\w*|suppl(?:y|ied|ies)|"
    r"pledg\w+|donat\w+|package|aid|receiv\w+|transfer\w*|order(?:ed|s)?|purchas\w+|produc\w+|"
    r"manufactur\w+|buil[dt]\w*|deploy\w*|mobili[sz]\w+|recruit\w*)\b",
    _I,
)
# Figures of other wars, given for comparison ("15,000 Soviet troops in Afghanistan").
_OTHER_WAR = guarded(
    r"\b(?:Soviet (?:troops|soldiers|losses|Union)|Soviet-Afghan|Afghanistan|Chechnya|Vietnam|"
    r"World War|"
    r"Guadalcanal|Second World|First World)\b",
    _I,
)
# Stock, not losses: "started the war with around 3,000 tanks", "has 2,000 tanks in storage".
_STOCK_BEFORE = guarded(
    r"\b(?:(?:started|began|entered|went into) (?:the |this )?(?:war|invasion|conflict) with|"
    r"(?:has|have|had|possess(?:es|ed)?|fielded|fields) (?:only |still )?)\s*$",
    _I,
)
_RATIO_AFTER = guarded(
    r"^\s*(?:[\w-]+\s+){0,3}(?:for (?:every|each)\b|"
    r"per (?:square |sq\.? )?(?:kilomet|km\b|miles?\b))",
    _I,
)
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
    'A ratio after the figure ("for every soldier killed", "killed per square kilometre"): a '
    "proportion, not a count.",
    _RATIO_AFTER,
    " wounded for every soldier killed",
    " wounded, the ministry said",
    ("every", "each", "per"),
)
DISMISSED = Rule(
    "dismissed",
    "The sentence after the figure says it was dismissed or denied.",
    _DISMISSED_AFTER,
    ", figures which the Kremlin dismissed as fiction",
    ", figures which the Kremlin published on Monday",
    _DISMISSED_WORDS,
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
NON_LOSS_CLAUSE = Rule(
    "non-loss-clause",
    "A clause of aid, launches, production or deployment that names no loss.",
    _NON_LOSS_CLAUSE,
    "the US sent 31 tanks to Kyiv",
    "the army lost 31 tanks near Kyiv",
    _NON_LOSS_WORDS,
)
# Helpers of the rules above, named for `--explain`'s sake as the cues they refine.
DASH_AFTER = Rule(
    "aside-after-dash",
    'A dash after the figure opens an aside ("30,000 a month — but most replaced losses"): the '
    "clause the non-loss test reads ends there.",
    re.compile(r"\s[-–—]\s"),
    "30,000 a month — but most",
    "30,000 a month, but most",
)
RELATIVE_OPENING = Rule(
    "other-war-relative-clause",
    'A clause that opens with "where" or "when", about the war named just before it.',
    guarded(r"\s*(?:where|when|in which|during which)\b", _I),
    " where an estimated 15,000 were killed",
    " while an estimated 15,000 were killed",
)
FORECAST_BY = Rule(
    "forecast-by-a-time",
    'A figure a modal puts a ceiling on ("could reach", "may range") that a time to come '
    'follows ("by the end of the year", "by 2026", "next year"): a forecast.',
    guarded(
        r"[^.;:!?]{0,40}?\b(?:by (?:the )?(?:end of (?:the |this |next )?)?(?:20\d\d|year|"
        r"summer|spring|autumn|fall|winter|month|week)|(?:next|coming) (?:year|month|summer|"
        r"spring|autumn|winter)|in the coming (?:months|weeks|years))\b",
        _I,
    ),
    " by the end of the year, officials warned",
    " since the start of the year, officials said",
)
MODAL_CEILING = Rule(
    "modal-ceiling",
    'A modal before a ceiling, a floor or a range ("could reach", "may exceed", "may range"): '
    "an estimate, unless a time to come follows the figure (`forecast-by-a-time`).",
    guarded(
        r"\b(?:could|(?-i:may)|might)\s+(?:\w+\s+)?(?:reach|range|exceed|surpass|top|pass)\b",
        _I,
    ),
    "casualties could reach",
    "casualties reached",
    ("could", "may", "might"),
)
# "swapped one-for-one", "a one-to-one exchange", "two-for-one": a rate of exchange, not a count
_RATE_COMPOUND = r"-(?:for|to|on)-"
RATE_COMPOUND = Rule(
    "rate-compound",
    'A number joined to another by "-for-", "-to-" or "-on-" ("one-for-one"): a rate, not a count.',
    guarded(rf"^{_RATE_COMPOUND}\w|\w{_RATE_COMPOUND}$", _I),
    "-for-one",
    " for one",
    ("-for-", "-to-", "-on-"),
)
# "the two sides exchanged prisoners", "swapped in three rounds": the number counts the noun
# right after it, which is no loss
_OTHER_COUNTED_WORDS = "sides|parties|countries|nations|times|rounds|stages|phases|batches"
OTHER_COUNTED = Rule(
    "counts-another-noun",
    'The number counts the noun right after it, which is no loss ("the two sides exchanged '
    'prisoners", "in three rounds").',
    guarded(rf"^\s+(?:{_OTHER_COUNTED_WORDS})\b", _I),
    " sides exchanged prisoners",
    " soldiers exchanged for prisoners",
    words(_OTHER_COUNTED_WORDS),
)
DROP_CUES = registry(
    NEGATED,
    RATE_COMPOUND,
    OTHER_COUNTED,
    FORECAST,
    MODAL_CEILING,
    FORECAST_BY,
    RATIO,
    DISMISSED,
    CIVILIANS,
    BOTH_SIDES,
    CIVIL_DAMAGE,
    OTHER_WAR,
    RELATIVE_OPENING,
    STOCK,
    WEAPONS_USED,
    HITS_RECORDED,
    LAUNCHED_WITH,
    NON_LOSS_CLAUSE,
    DASH_AFTER,
)


def drop_rule(text: str, sentences: list[Sentence], c: Reading) -> str | None:
    """The name of the rule (one of `DROP_CUES`) that drops figure `c`, shown by `claims
    extract --explain`; None when it is kept."""
    sent = sentences[c.sent]
    clause = text[clause_start(text, sent, c.q_start) : clause_end(text, sent, c.q_end)]
    rule = _denied_or_forecast(text, sent, c) or _ratio_or_dismissed(text[c.q_end : sent.end])
    if rule is None:
        rule = _rate_or_other_noun(text, c)
    if rule is None and c.metric == "personnel":
        rule = not_soldiers(text, sentences, c, clause)
    if rule is None and c.metric == "vehicles":
        rule = civil_damage(text[sent.start : sent.end])
    if rule is None and OTHER_WAR.search(clause):
        rule = OTHER_WAR
    if rule is None and _other_war_aside(text, sent, c):
        rule = RELATIVE_OPENING
    if rule is None and _stock(text, sent, c):
        rule = STOCK
    if rule is None:
        rule = weapon_drop(text, sent, c)
    # (prisoners returned are told with the words of a handover: "received 103 of its own")
    if rule is None and c.metric != "pow" and _not_a_loss(_up_to_dash(text, sent, c)):
        rule = NON_LOSS_CLAUSE
    return rule.name if rule is not None else None


def _denied_or_forecast(text: str, sent: Sentence, c: Reading) -> Rule | None:
    """ "did not lose 40 tanks", "will lose 40 tanks", "casualties are likely to continue to
    exceed 1,000"."""
    first = _DIGIT.search(text, c.q_start, c.q_end)
    head = c.q_start
    if first and fold_case(text[c.q_start : first.start()]).strip() in QUALIFIER_OF:
        head = first.start()  # "may exceed 700,000": the modal's verb is the quote's qualifier
    before = _DIGIT_SEP.sub("", text[max(sent.start, c.q_start - 90) : head])
    if NEGATED.search(before[-40:]):
        return NEGATED
    if FORECAST.search(before[-60:]):
        return FORECAST
    reach = MODAL_CEILING.search(text, max(sent.start, c.q_start - 60), c.q_end)
    if reach and FORECAST_BY.match(text, c.q_end, sent.end):
        return FORECAST_BY  # "could reach 500,000 by the end of the year"
    lead_words = fold_case(text[c.q_start : c.q_end])
    digit = _DIGIT.search(text, c.q_start, c.q_end) if has_any(lead_words, _MODAL_WORDS) else None
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


def _rate_or_other_noun(text: str, c: Reading) -> Rule | None:
    """ "swapped prisoners one-for-one": the figure's number is one side of a rate; "the two
    sides exchanged prisoners": it counts another noun."""
    for number in find_numbers(text, c.q_start, c.q_end):
        if number.value != c.value:
            continue
        # six characters each side: room for "-for-" and one letter, not for a word's own
        # hyphens ("234 surface-to-air missile systems")
        left, right = (
            text[max(0, number.start - 6) : number.start],
            text[number.end : number.end + 12],
        )
        if RATE_COMPOUND.search(right[:6]) or RATE_COMPOUND.search(left):
            return RATE_COMPOUND
        if OTHER_COUNTED.search(right):
            return OTHER_COUNTED
    return None


def _stock(text: str, sent: Sentence, c: Reading) -> bool:
    """ "started the war with around 3,000 tanks": what an army has, not what it lost."""
    lead = strip_qualifier(text[max(sent.start, c.q_start - 60) : c.q_start].rstrip()).rstrip()
    return bool(STOCK.search(lead))


def _up_to_dash(text: str, sent: Sentence, c: Reading) -> str:
    """The figure's clause cut at a dash after the figure ("recruitment stood at 30,000 a
    month — but most replaced losses": the aside after the dash is another clause)."""
    cs, ce = clause_start(text, sent, c.q_start), clause_end(text, sent, c.q_end)
    dash = DASH_AFTER.search(text, c.q_end, ce)
    return text[cs : dash.start() if dash else ce]


def _other_war_aside(text: str, sent: Sentence, c: Reading) -> bool:
    """ "... the Soviet war in Afghanistan, where an estimated 15,000 of its soldiers were
    killed": a clause about the other war named just before, its figure naming no side."""
    cs = clause_start(text, sent, c.q_start)
    if not RELATIVE_OPENING.match(text, cs, c.q_start):
        return False
    if NP_SIDE.search(text, c.q_start, c.q_end):
        return False
    return bool(OTHER_WAR.search(text, max(sent.start, cs - 160), cs))


def _not_a_loss(clause: str) -> bool:
    """A clause of aid, launches, production or deployment that names no loss."""
    if not NON_LOSS_CLAUSE.search(clause):
        return False
    if LOSS.search(clause):
        return False
    return bool(_NON_LOSS_CLAUSE.search(METRIC_ANY.sub(" ", clause)))
