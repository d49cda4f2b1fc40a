"""Candidates: which numbers in which sentences are loss figures, and of what metric.

Owns: `Cand` (a claim in the making, filled in by the later stages), `find_candidates`
(numbers that count a metric, with qualifier and quote span, ranges, parts and "a tank"
ones) and `keep` (drops denied, forecast, civilian, both-sides and non-loss figures).
Imports: `lexicon`, `numbers`, `rx`, `cues`, `sentences`; never the later stages or `extract`.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass, field, replace

from ledger.ingest import lexicon as lx
from ledger.ingest.cues import (
    LOSS,
    METRIC_ANY,
    MONTH,
    longest_metric,
    qualifier_before,
    strip_qualifier,
)
from ledger.ingest.numbers import Number, find_numbers, words_to_int
from ledger.ingest.rx import fold_case, guarded, has_any
from ledger.ingest.sentences import Sentence, clause_end, clause_start

_I = re.IGNORECASE

_CIVILIAN = guarded(rf"\b(?:{lx.CIVILIAN_WORDS})\b", _I)

_STOP_WORDS = frozenset(
    [
        "and",
        "or",
        "in",
        "on",
        "at",
        "since",
        "from",
        "to",
        "by",
        "were",
        "was",
        "had",
        "have",
        "has",
        "are",
        "is",
        "be",
        "been",
        "per",
        "over",
        "during",
        "with",
        "while",
        "after",
        "before",
        "that",
        "which",
        "who",
        "than",
        "as",
        "for",
        "this",
        "these",
        "those",
        "but",
        "if",
        "it",
        "they",
        "there",
        "when",
        "where",
        "because",
        "including",
    ]
)
_DIGIT_SEP = guarded(r"(?<=\d)[.,](?=\d)")
_TRANSPARENT_AFTER = guarded(r"^\s*(?:units?|pcs\.?|pieces|items)\b", _I)
_BARE_LOSS_AFTER = guarded(
    r"^\s*(?:(?:were|was|have been|had been|has been|are|being|had|have|reportedly)\s+)*"
    r"(?:(?:killed|dead|died|wounded|injured|killed and wounded|killed or wounded|"
    r"killed or injured|perished|slain|(?:(?:considered|listed|reported) (?:as )?)?missing)\b)",
    _I,
)
_LOOKBACK_SEP = guarded(
    r"(?:[-–—:=]|\b(?:at|to|of|reached|reaching|totall?ed|totall?ing|numbered|exceeded|surpassed|"
    r"passed|topped|is|was|were|are|be|stands at|stood at|amounted to|amounting to|rose to|"
    r"approaching|nearing|hitting|hit|reaching|"
    r"climbed to|increased to))\s*$",
    _I,
)
_LOST_BEFORE = guarded(
    r"\b(?:lost|losing|loses|lose|losses of|killed|kill(?:ing)?|eliminated|wiped out)\s*$", _I
)
_FOLLOW_OK = guarded(
    r"^\s*(?:$|[.,;:)!?\]]|\(|[-–—]\s|(?:and|or|in|on|since|as|per|during|over|from|by|while|"
    r"according|with|after|before|so|this|the|of|killed|dead|at (?:the|that) (?:time|point))\b)",
    _I,
)
_NEGATION = guarded(
    r"\b(?:not|never|no|denied|denies|deny|rather than|instead of|refuted|dismissed)\b"
    r"(?:[^,.;:!?]{0,25})$",
    _I,
)
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
_BAD_BEFORE = guarded(r"(?:[^\W\d_]-?|[#$€£¥№]\s?|No\.\s?|(?<!\()\+|\d[:/.]|/)\Z")
_BAD_AFTER = guarded(
    r"^(?:\s?%|\s?per ?cent|\s?(?:mm|cm)\b|-?(?:mm|cm|caliber|calibre)\b|\s?percent|"
    r"(?:st|nd|rd|th)\b|[:/]\d|-(?:year|day|month|week|hour|mile|"
    r"km|kilomet|metre|meter|strong|member|point|page|minute|second|storey|inch)|\s?(?:km|kilomet\w+|"
    r"miles?|m\b|metres?|meters?|kg|tons?|tonnes?|hours?|days?|weeks?|months?|years?|times|percent|"
    r"dollars?|euros?|pounds?|hryvnias?|rubles?|roubles?|UAH|USD|EUR|GBP|bn|billion\b)|-[A-Za-z]\w*-)",
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
# A mixed list after a figure: "3 thousand tanks, armored vehicles, helicopters and drones".
_MIXED_SEP = re.compile(r"\s*(?:,\s*(?:and\s+)?|\s+(?:and|or)\s+)")
_LIST_WORD = re.compile(r"[A-Za-z][\w'’-]*\s+")
# "1979-89", "2014–15": the second year of a span, not a count.
_YEAR_SPAN_BEFORE = guarded(r"\b(?:19|20)\d\d\s?[-–]\s?\Z")
_OF_TOTAL = guarded(
    r"\s+(?:out\s+)?of\s+(?:the\s+)?(?:(?:about|around|some|roughly|nearly|almost|approximately)\s+)?",
    _I,
)
_PLUS_PAREN = guarded(r"\(\s*\+\s*$")
_OPEN_PAREN = guarded(r"\(\s*$")
_MORE_AFTER = guarded(r"^\s*(?:more|new|additional|extra)\b", _I)
# "544 tanks were captured, 79 damaged and 65 abandoned", "2,635 were destroyed", "15,051
# units were destroyed": the figure counts the metric named just before.
_ELIDED_AFTER = guarded(
    r"^\s*(?:[-–—]\s*)?(?:(?:units?|pieces|items)\s*(?:[-–—]\s*)?)?"
    r"(?:(?:were|was|have been|has been|had been|are|reportedly)\s+)*"
    r"(?:(?:reported|confirmed|listed)\s+"
    r"(?:as\s+)?)?(?P<verb>destroyed|damaged|abandoned|captured|seized|lost|shot down|downed|sunk|"
    r"knocked out|disabled|intercepted|eliminated|surrendered)\b",
    _I,
)
# "58 of which were shot down", "13 of them over the last day": a part of the figure before.
_PARTITIVE_AFTER = guarded(r"^\s+of\s+(?:which|them|these|those)\b", _I)
# "from 776 casualties in March to 568 in April": the second figure counts what the first did.
_PARALLEL = guarded(r"\b(?:to|from|versus|vs\.?|against|compared (?:with|to)|than)\b", _I)
# "141 drones: 62 over the Bryansk Region, 12 over Tula": a share of an air tally by place.
_OVER_PLACE_AFTER = guarded(
    r"^\s+(?:(?:were|was)\s+)?(?:[a-z]+\s+)?over\s+(?:the\s+)?(?:[A-Z][\w'’-]+|waters)"
)
_SHARE_OF = guarded(r"\d\s+of\s+(?:them|these|those)\b", _I)
_AIRBORNE = frozenset({"drones", "cruise_missiles", "aircraft", "helicopters"})
_BARE_UNITS_AFTER = guarded(r"^\s*(?:units|pieces|items)\b(?!\s+of\b)", _I)
# A sentence without a loss word still counts losses when it goes on from one that did: a
# list item after "...lost the following:", "The running totals stand at", "X also counted".
_CONTEXT_CARRY = guarded(
    r"\b(?:also|totals|tally|the list|includ(?:e|es|ed|ing)|stands? at|stood at|in addition|"
    r"as well as|counted)\b|^\s*(?:[-*•–]\s|\d[\d,. ]*\s+\w)",
    _I,
)
# A line of a list: a bullet, "3,618 tanks", "tanks - 854 units", "Special equipment - 27".
_LIST_ITEM = guarded(
    r"^\s*(?:[-*•–]\s|\d[\d,. ]*\s*(?:\(|[A-Za-z])|[A-Za-z][\w /()'’-]{0,70}?\s[-–—:]\s*"
    r"(?:about |approximately |around |over |more than )?\d)",
    _I,
)
_POW_CLAUSE = guarded(
    r"\b(?:surrender\w*|captured|taken (?:as )?(?:prisoners?|captives?)|prisoners? of war)\b", _I
)
# "663 artillery bombardments", "25 drone attacks": strikes made, not weapons lost.
_STRIKES_AFTER = guarded(
    r"\s+(?:artillery|drone|missile|rocket|mortar|air|tank)\s+(?:bombardments?|strikes?|"
    r"shellings?|attacks?|barrages?|raids?|assaults?)\b",
    _I,
)
# "have killed, injured, or captured 17,819 soldiers": casualties that include the captured.
_CASUALTY_LIST_BEFORE = guarded(
    r"\b(?:killed|wounded|injured)\s*,\s*(?:(?:killed|wounded|injured)\s*,?\s*)?(?:and|or)\s+"
    r"captured\s*\Z",
    _I,
)
_KILLED_CLAUSE = guarded(r"\b(?:killed|dead|died|wounded|casualt\w+|perished|eliminated)\b", _I)
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
_PER_DAY_AFTER = guarded(r"^\s*(?:per day|a day|daily|in (?:a|one|the past) day)\b", _I)
_INCLUDING_BEFORE = guarded(r"\b(?:including|of which|of them|incl\.)\s*$", _I)
_RANGE_JOIN = guarded(r"^\s*(?:[-–—]|to|and|or)\s*$", _I)
_AND_JOIN = re.compile(r"\s+and\s+")
_TO_OR_JOIN = re.compile(r"\s+(?:to|or)\s+")
_BETWEEN_BEFORE = guarded(r"\b(?:between|from)\s*$", _I)
_ARTICLE_ONE = guarded(
    r"\b(?P<art>an?)\s+(?!(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|"
    r"\d+(?:st|nd|rd|th))\b)(?:(?:[A-Z][\w-]*|Russian|Ukrainian|enemy|military|combat|fighter|attack|"
    r"multirole|multipurpose|reconnaissance|transport|landing|patrol|missile|[A-Za-z]+-\d+\w*)\s+){0,3}"
    r"(?P<noun>tank|helicopter|submarine|aircraft|warplane|fighter jet|jet|plane|warship|ship|"
    r"landing ship|corvette|frigate|cruiser|patrol boat|air defen[cs]e system|howitzer|"
    r"armou?red (?:personnel carrier|combat vehicle|fighting vehicle|vehicle)|"
    r"infantry fighting vehicle|bomber|fighter-bomber)\b",
    _I,
)
_LIST_JOIN = re.compile(
    r"\s*(?:,|;|,?\s*(?:and|as well as|plus))\s*(?:(?:in addition to|also)\s+)?"
)
_ONE_LOSS = guarded(
    r"\b(?:destroyed|shot down|downed|sunk|sank|lost|captured|damaged|eliminated|crashed|hit|"
    r"struck|"
    r"taken out|knocked out)\b",
    _I,
)


@dataclass(slots=True)
class Cand:
    """A claim in the making; turned into a `Claim` once the article is read."""

    metric: str
    value: int
    qualifier: str
    q_start: int
    q_end: int
    sent: int
    subject: str | None = None
    period: str | None = None
    derived: bool = False
    heading: bool = False
    claimant: str | None = None
    claimant_text: str | None = None
    explicit_claimant: bool = False
    as_of: dt.date | None = None
    period_start: dt.date | None = None
    window_cue: str = ""
    extra: dict[str, object] = field(default_factory=dict)


_WORD_RE = guarded(r"[^\s,;:.!?()\[\]\"“”]+")
_CLAUSE_BREAK = guarded(r"[,;:.!?()\[\]\"“”]|\s[-–—]\s")
_DIGIT = re.compile(r"\d")
_LOWER = re.compile(r"[a-z]")
_WORDS_NOT_COUNT_AFTER = re.compile(
    r"^(?:\s?(?:times|hours?|days?|weeks?|months?|years?|percent|per cent)\b|-[a-z])"
)
# "Project 22160 patrol ship", "Type 054A": a design's number, not a count.
_DESIGN_BEFORE = guarded(r"\b(?:Project|Type|Model|Series)\s+\Z")
_YEAR = re.compile(r"(?:19|20)\d\d")
_LATEST_YEAR = 2040  # a four-digit figure after this is no year a report names
_EX_PRISONERS = guarded(r"\b(?:former|ex-)\s*prisoners\b", _I)
_WHO_DIED_AFTER = re.compile(r"^\s*(?:who|that)\s+(?:\w+\s+){0,3}?(?:killed|died|dead)\b", _I)
_OR_MORE_AFTER = re.compile(r"^\+|^\s+or more\b", _I)
_DASH_JOIN = re.compile(r"\s*[-–—]\s*")
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


def _forward_metric(text: str, pos: int, limit: int) -> tuple[str, int, int] | None:
    """The metric noun shortly after a number: (metric, noun start, noun end), else None."""
    for words, m in enumerate(_WORD_RE.finditer(text, pos, limit)):
        between = text[pos : m.start()]
        if _CLAUSE_BREAK.search(between):
            return None
        found = longest_metric(text, m.start())
        if found:
            return found[0], m.start(), found[1]
        word = m.group(0).lower()
        # a model number ("M777", "D-30") describes the noun; another figure ends the search
        if word in _STOP_WORDS or (word[:1].isdigit() and not _LOWER.search(word)):
            return None
        if words >= 4:
            return None
        pos = m.end()
    return None


def _mixed_list_end(text: str, pos: int, limit: int) -> int | None:
    """Where a list of two or more other metric nouns after a figure's noun ends ("tanks,
    armored vehicles, helicopters and drones": one figure counts them all), else None."""
    metrics: set[str] = set()
    while (sep := _MIXED_SEP.match(text, pos, limit)) is not None:
        p, found = sep.end(), None
        for _ in range(3):  # a noun may carry up to two words before it ("military vehicles")
            found = longest_metric(text, p)
            word = None if found else _LIST_WORD.match(text, p, limit)
            if word is not None and (
                word.group(0).strip().lower() in ("a", "an", "the") or words_to_int(word.group(0))
            ):
                return None  # "one tank, three armored vehicles and a truck": counts of each
            if found or word is None:
                break
            p = word.end()
        if not found or found[1] > limit:
            break
        metrics.add(found[0])
        pos = found[1]
    return pos if len(metrics) >= 2 else None


def _lookback_metric(text: str, clause_start: int, num_start: int) -> tuple[str, int] | None:
    """A metric noun named before the number in its clause ("tanks – 251", "dead at 315,000")."""
    before = text[clause_start:num_start]
    stripped = strip_qualifier(before.rstrip()).rstrip()
    if not (_LOOKBACK_SEP.search(stripped) or _LOOKBACK_SEP.search(before.rstrip())):
        return None
    best: tuple[str, int] | None = None
    last_end = -1
    for m in METRIC_ANY.finditer(text, clause_start, clause_start + len(stripped)):
        if m.start() < last_end:
            continue
        found = longest_metric(text, m.start())
        if found:
            best, last_end = (found[0], m.start()), found[1]
    if best is None:
        return None
    gap = text[best[0] and best[1] : num_start]
    if len(gap.split()) > 12:
        return None
    return best


@functools.lru_cache(maxsize=64)
def _day_of_month(surface: str) -> re.Pattern[str]:
    """ "March 3" / "3rd of March" around a small number written `surface`."""
    return re.compile(
        rf"{MONTH}\s+{re.escape(surface)}\b|\b{re.escape(surface)}(?:st|nd|rd|th)?\s+(?:of\s+)?{MONTH}",
        _I,
    )


def _is_not_a_count(text: str, n: Number) -> bool:
    """Dates, times, years, model numbers, money, percentages, ordinals, distances."""
    before = text[max(0, n.start - 4) : n.start]
    if n.kind == "digits" and _DESIGN_BEFORE.search(text, max(0, n.start - 12), n.start):
        return True
    after = text[n.end : n.end + 14]
    if _STRIKES_AFTER.match(text, n.end, n.end + 40):
        return True
    if n.kind in ("digits", "scaled") and _BAD_BEFORE.search(before):
        return True
    if n.kind in ("digits", "scaled") and _BAD_AFTER.match(after):
        return True
    if n.kind == "words" and _WORDS_NOT_COUNT_AFTER.match(after):
        return True
    if n.kind == "digits" and _YEAR.fullmatch(n.surface):
        # "2087 armored vehicles" counts; "in 2023", "2022 invasion" do not
        return not (
            int(n.surface) > _LATEST_YEAR and _forward_metric(text, n.end, n.end + 40) is not None
        )
    if (
        n.kind == "digits"
        and len(n.surface) == 2
        and _YEAR_SPAN_BEFORE.search(text, max(0, n.start - 7), n.start)
    ):
        return True
    if n.kind == "digits" and n.value <= 31:
        window = text[max(0, n.start - 12) : n.end + 12]
        if _day_of_month(n.surface).search(window):
            return True
    return n.kind == "digits" and len(n.surface) > 9 and n.surface.isdigit()


def find_candidates(text: str, sentences: list[Sentence]) -> list[Cand]:
    """Numbers that count a metric, with qualifier and quote span; in text order."""
    out: list[Cand] = []
    carry: Cand | None = None
    loss_para = -9  # the paragraph of the last sentence that spoke of losses with figures
    for si, sent in enumerate(sentences):
        s_text = text[sent.start : sent.end]
        # "105 drones were destroyed." + "26 of them over Belgorod": the next paragraph may
        # still share out the figure that ended the one before.
        if (
            carry is not None
            and sentences[carry.sent].para != sent.para
            and not (sent.para - sentences[carry.sent].para == 1 and _SHARE_OF.search(s_text))
        ):
            carry = None
        # A line of a list the paragraph before opened ("... stands at:", "- 3,618 tanks;")
        # goes on with it even when it names nothing the lexicon knows.
        in_list = sent.para - loss_para <= 1 and bool(_LIST_ITEM.match(s_text))
        if not LOSS.search(text, sent.start, sent.end) and not (
            sent.para - loss_para <= 1 and (in_list or _CONTEXT_CARRY.search(s_text))
        ):
            continue
        nums = [n for n in find_numbers(text, sent.start, sent.end) if not _is_not_a_count(text, n)]
        found = _sentence_candidates(text, sent, si, nums, carry)
        out.extend(found)
        out.extend(_article_ones(text, sent, si, nums, found))
        if found:
            carry = found[-1]
        if found or in_list or s_text.rstrip().endswith(":"):
            loss_para = sent.para
    out.sort(key=lambda c: (c.q_start, c.q_end))
    for c in out:
        c.metric = _prisoner_or_casualty(text, sentences[c.sent], c)
    return out


def _prisoner_or_casualty(text: str, sent: Sentence, c: Cand) -> str:
    """Soldiers who surrendered or were captured are prisoners of war; prisoners who were
    killed ("former prisoners who died") are personnel losses."""
    if c.metric not in ("personnel", "pow"):
        return c.metric
    cs, ce = clause_start(text, sent, c.q_start), clause_end(text, sent, c.q_end)
    before = _DIGIT.split(text[max(cs, c.q_start - 40) : c.q_start])[-1]
    after = _DIGIT.split(text[c.q_end : min(ce, c.q_end + 40)])[0]
    if _CASUALTY_LIST_BEFORE.search(text, max(sent.start, c.q_start - 60), c.q_start):
        return "personnel"
    if c.metric == "personnel":
        near = before + " " + after
        if _POW_CLAUSE.search(near) and not _KILLED_CLAUSE.search(near):
            return "pow"
    elif c.metric == "pow":
        noun = text[c.q_start : c.q_end]
        if _EX_PRISONERS.search(noun) or _WHO_DIED_AFTER.match(after):
            return "personnel"
    return c.metric


def _qualifier(text: str, sent: Sentence, n: Number) -> tuple[str, int]:
    before = text[max(sent.start, n.start - 40) : n.start]
    m = qualifier_before(before)
    if m:
        return lx.QUALIFIERS_BEFORE[m.group(1).lower()], n.start - (len(before) - m.start(1))
    if _OR_MORE_AFTER.match(text[n.end : n.end + 9]):
        return "at_least", n.start
    return "exact", n.start


def _range_low(lo: Number, hi: Number) -> int:
    """The low end of a range written with one magnitude ("50-70 000", "1.5-2 million")."""
    for scale in (1_000, 1_000_000):
        if hi.value >= scale and hi.value / 10 <= lo.value * scale <= hi.value:
            return lo.value * scale
    return lo.value


def _sentence_candidates(
    text: str, sent: Sentence, si: int, nums: list[Number], carry: Cand | None = None
) -> list[Cand]:
    out: list[Cand] = []
    skip: set[int] = set()
    for i, n in enumerate(nums):
        if i in skip:
            continue
        # A range: "between 10 and 20 tanks", "150,000-190,000 casualties".
        if i + 1 < len(nums):
            nxt = nums[i + 1]
            join = text[n.end : nxt.start]
            before = text[sent.start : n.start]
            is_dash = bool(_DASH_JOIN.fullmatch(join))
            # "7,000 to 15,000 troops", "70 or 80,000 casualties": two ends of one estimate
            close = bool(_TO_OR_JOIN.fullmatch(join)) and 0 < nxt.value <= 5 * _range_low(n, nxt)
            if _RANGE_JOIN.match(join) and (is_dash or close or _BETWEEN_BEFORE.search(before)):
                hi = _one_candidate(text, sent, si, nxt, out, carry)
                lo_metric = hi.metric if hi else None
                lo_value = _range_low(n, nxt)
                if hi is None:
                    lb = _lookback_metric(text, clause_start(text, sent, n.start), n.start)
                    if lb:
                        lo_metric = lb[0]
                        hi = Cand(lb[0], nxt.value, "at_most", lb[1], nxt.end, si)
                if lo_metric and hi and lo_value < nxt.value:
                    b = _BETWEEN_BEFORE.search(before)
                    q_start = sent.start + b.start() if b else n.start
                    q_start = min(q_start, hi.q_start)
                    out.append(Cand(lo_metric, lo_value, "at_least", q_start, hi.q_end, si))
                    out.append(replace(hi, qualifier="at_most", q_start=q_start))
                    skip.add(i + 1)
                    continue
        if i + 1 < len(nums) and _OF_TOTAL.fullmatch(text[n.end : nums[i + 1].start]):
            whole = _one_candidate(text, sent, si, nums[i + 1], out, carry)
            if whole:
                q_start = _qualifier(text, sent, n)[1]
                out.append(
                    Cand(
                        whole.metric,
                        n.value,
                        _qualifier(text, sent, n)[0],
                        q_start,
                        whole.q_end,
                        si,
                        extra={"part": True},
                    )
                )
                skip.add(i + 1)
                continue
        cand = None
        if i + 1 < len(nums) and _AND_JOIN.fullmatch(text[n.end : nums[i + 1].start]):
            # "1,520 and 1,517 systems": the first figure counts what the second does
            nxt_fwd = _forward_metric(text, nums[i + 1].end, min(sent.end, nums[i + 1].end + 80))
            if nxt_fwd and not _forward_metric(text, n.end, min(sent.end, n.end + 80)):
                qualifier, q_start = _qualifier(text, sent, n)
                cand = Cand(nxt_fwd[0], n.value, qualifier, q_start, nxt_fwd[2], si)
        if cand is None:
            cand = _one_candidate(text, sent, si, n, out, carry)
        if cand:
            out.append(cand)
    for c in out:
        c.heading = sent.heading
    return out


def _one_candidate(
    text: str,
    sent: Sentence,
    si: int,
    n: Number,
    previous: list[Cand],
    carry: Cand | None = None,
) -> Cand | None:
    """The claim a single number makes, if it counts a metric."""
    qualifier, q_start = _qualifier(text, sent, n)
    before = text[sent.start : n.start]
    after_limit = min(sent.end, n.end + 80)
    # "(+43 per day)", "(2 more than a day earlier)" after a figure: the day's change of the
    # previous figure's metric.
    if previous and (
        _PLUS_PAREN.search(text[max(sent.start, n.start - 3) : n.start])
        or (
            _OPEN_PAREN.search(text[max(sent.start, n.start - 3) : n.start])
            and _MORE_AFTER.match(text[n.end : n.end + 20])
        )
    ):
        base = previous[-1]
        close = text.find(")", n.end, after_limit)
        end = close + 1 if close >= 0 else n.end
        return Cand(
            base.metric, n.value, "exact", base.q_start, end, si, derived=True, period="window"
        )
    fwd = _forward_metric(text, n.end, after_limit)
    if fwd:
        metric, _, noun_end = fwd
        if metric == "personnel" and text[fwd[1] : noun_end].lower() in ("men", "people", "lives"):
            clause = text[clause_start(text, sent, n.start) : clause_end(text, sent, noun_end)]
            if not LOSS.search(clause):
                return None
        if metric != "personnel" and text.startswith((",", " and "), noun_end):
            list_end = _mixed_list_end(text, noun_end, sent.end)
            if list_end is not None:
                metric, noun_end = "equipment_total", list_end
        return Cand(metric, n.value, qualifier, q_start, noun_end, si)
    if (
        _PER_DAY_AFTER.match(text[n.end : n.end + 20])
        and _INCLUDING_BEFORE.search(before)
        and previous
    ):
        end = n.end + _PER_DAY_AFTER.match(text[n.end : n.end + 20]).end()
        return Cand(
            previous[-1].metric,
            n.value,
            qualifier,
            q_start - len(_INCLUDING_BEFORE.search(before).group(0)),
            end,
            si,
            derived=True,
            period="window",
        )
    base = previous[-1] if previous else carry
    part = _PARTITIVE_AFTER.match(text[n.end : n.end + 20])
    if part and base:
        end = n.end + part.end()
        return Cand(base.metric, n.value, qualifier, q_start, end, si, extra={"part": True})
    over = (
        _OVER_PLACE_AFTER.match(text[n.end : after_limit])
        if base is not None and base.metric in _AIRBORNE
        else None
    )
    if over and base:
        end = n.end + over.end()
        return Cand(base.metric, n.value, qualifier, q_start, end, si, extra={"part": True})
    bare = _BARE_LOSS_AFTER.match(text[n.end : after_limit])
    if bare:
        return Cand("personnel", n.value, qualifier, q_start, n.end + bare.end(), si)
    elided = _ELIDED_AFTER.match(text[n.end : after_limit])
    units = _BARE_UNITS_AFTER.match(text[n.end : n.end + 12])
    if elided and (base or units):
        metric = base.metric if base else "equipment_total"
        if metric == "personnel" and elided.group("verb").lower() in ("captured", "surrendered"):
            metric = "pow"
        return Cand(metric, n.value, qualifier, q_start, n.end + elided.end(), si)
    if not _FOLLOW_OK.match(text[n.end : n.end + 12]) and not _TRANSPARENT_AFTER.match(
        text[n.end : n.end + 12]
    ):
        return None
    lb = _lookback_metric(text, clause_start(text, sent, n.start), n.start)
    if lb:
        end = n.end
        unit = _TRANSPARENT_AFTER.match(text[n.end : n.end + 12])
        if unit:
            end = n.end + unit.end()
        cand = Cand(lb[0], n.value, qualifier, min(lb[1], q_start), end, si)
        cand.extra["np_start"] = max(clause_start(text, sent, n.start), lb[1] - 30)
        return cand
    if _LOST_BEFORE.search(strip_qualifier(before.rstrip()).rstrip()):
        return Cand("personnel", n.value, qualifier, q_start, n.end, si)
    if previous and _FOLLOW_OK.match(text[n.end : n.end + 12]):
        between = text[previous[-1].q_end : n.start]
        if len(between) <= 50 and _PARALLEL.search(between) and not METRIC_ANY.search(between):
            return Cand(previous[-1].metric, n.value, qualifier, q_start, n.end, si)
    if units and LOSS.search(text, clause_start(text, sent, n.start), n.start):
        return Cand("equipment_total", n.value, qualifier, q_start, n.end + units.end(), si)
    return None


def _article_ones(
    text: str, sent: Sentence, si: int, nums: list[Number], listed: list[Cand] = ()
) -> list[Cand]:
    """ "a submarine was sunk", "shot down a helicopter", "lost 8 tanks and a helicopter": one
    of a thing, said with an article (in a loss clause, or in a list of the sentence's figures)."""
    out: list[Cand] = []
    if not has_any(fold_case(text[sent.start : sent.end]), _ARTICLE_ONE_NOUNS):
        return out
    for m in _ARTICLE_ONE.finditer(text, sent.start, sent.end):
        clause = text[clause_start(text, sent, m.start()) : clause_end(text, sent, m.end())]
        in_list = any(
            _LIST_JOIN.fullmatch(text[c.q_end : m.start()])
            or _LIST_JOIN.fullmatch(text[m.end() : c.q_start])
            for c in listed
            if c.q_end <= m.start() or c.q_start >= m.end()
        )
        if not (in_list or _ONE_LOSS.search(clause)) or _NEGATION.search(
            text[sent.start : m.start()]
        ):
            continue
        found = longest_metric(text, m.start("noun"))
        if not found:
            continue
        out.append(Cand(found[0], 1, "exact", m.start(), found[1], si, heading=sent.heading))
    return out


# Words every match of the cue of the same name holds, case-folded (`rx.fold_case`).
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
_ARTICLE_ONE_NOUNS = (
    "tank",
    "helicopter",
    "submarine",
    "aircraft",
    "plane",
    "jet",
    "ship",
    "corvette",
    "frigate",
    "cruiser",
    "boat",
    "air defen",
    "howitzer",
    "armored",
    "armoured",
    "infantry fighting",
    "bomber",
)
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


_RATIO_AFTER = guarded(r"^\s*(?:[\w-]+\s+){0,3}for (?:every|each)\b", _I)
# "..., figures which Zelensky dismissed as nonsense": the figure is denied.
_DISMISSED_AFTER = guarded(
    r"^[^.;]{0,80}?\b(?:figures?|claims?|numbers?|estimates?)\s+(?:which|that)\s+"
    r"(?:[\w.'’-]+\s+){1,5}?(?:dismissed|denied|rejected|refuted)\b",
    _I,
)
_DISMISSED_WORDS = ("dismissed", "denied", "rejected", "refuted")


def keep(text: str, sentences: list[Sentence], c: Cand) -> bool:
    """Drop denied, forecast, civilian, both-sides and non-loss (aid, launches) figures."""
    sent = sentences[c.sent]
    # Each cue is searched only where its words occur (`has_any`, on case-folded text).
    before = _DIGIT_SEP.sub("", text[max(sent.start, c.q_start - 90) : c.q_start])
    folded = fold_case(before)  # as long as `before`, character for character
    if (has_any(folded[-40:], _NEGATION_WORDS) and _NEGATION.search(before[-40:])) or (
        has_any(folded[-60:], _MODAL_WORDS) and _MODAL.search(before[-60:])
    ):
        return False
    digit = (
        _DIGIT.search(text, c.q_start, c.q_end) if "likely" in text[c.q_start : c.q_end] else None
    )
    if digit and digit.start() > c.q_start:
        # "casualties are likely to continue to exceed 1,000": the noun opens the quote, the
        # forecast stands between it and the number
        lead = _DIGIT_SEP.sub("", text[max(sent.start, digit.start() - 60) : digit.start()])
        if _MODAL.search(lead):
            return False
    s_text = text[sent.start : sent.end]
    tail = text[c.q_end : sent.end]
    if ("every" in tail or "each" in tail) and _RATIO_AFTER.match(tail):
        return False  # "three wounded for every soldier killed": a ratio
    if has_any(fold_case(tail), _DISMISSED_WORDS) and _DISMISSED_AFTER.search(tail):
        return False
    clause = text[clause_start(text, sent, c.q_start) : clause_end(text, sent, c.q_end)]
    folded_clause = fold_case(clause)
    if c.metric == "personnel":
        folded_sentence = fold_case(s_text)
        if (has_any(folded_clause, _CIVILIAN_WORDS) and _CIVILIAN.search(clause)) or (
            has_any(folded_sentence, _BOTH_SIDES_WORDS) and _BOTH_SIDES.search(s_text)
        ):
            return False
        if (
            has_any(folded_sentence, _CIVILIAN_WORDS)
            and _CIVILIAN.search(s_text)
            and not _SOLDIERS.search(clause)
        ):
            return False
        if (
            has_any(folded_sentence, _CIVIL_DAMAGE_WORDS)
            and _CIVIL_DAMAGE.search(s_text)
            and not _MILITARY.search(s_text)
        ):
            return False  # "one person killed, three wounded, four buildings destroyed"
        prev = sentences[c.sent - 1] if c.sent > 0 else None
        if (
            prev is not None
            and prev.para == sent.para
            and _CIVILIAN.search(text[prev.start : prev.end])
            and _AFTER_CIVILIANS.match(s_text)
        ):
            return False
    if has_any(folded_clause, _OTHER_WAR_WORDS) and _OTHER_WAR.search(clause):
        return False
    lead = strip_qualifier(text[max(sent.start, c.q_start - 60) : c.q_start].rstrip()).rstrip()
    if has_any(fold_case(lead), _STOCK_WORDS) and _STOCK_BEFORE.search(lead):
        return False
    part = c.extra.get("part")
    if (
        c.metric in ("drones", "cruise_missiles")
        and not part
        and _WEAPON_ACTS.match(text, c.q_end)
        and not _DOWNED_BEFORE.search(text, clause_start(text, sent, c.q_start), c.q_start)
        and not _DOWNED_AFTER.match(text[c.q_end : sent.end])
    ):
        return False
    if not (has_any(folded_clause, _NON_LOSS_WORDS) and _NON_LOSS_CLAUSE.search(clause)):
        return True
    if LOSS.search(clause):
        return True
    return not _NON_LOSS_CLAUSE.search(METRIC_ANY.sub(" ", clause))
