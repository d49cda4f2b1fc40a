"""The claim extractor: a pure, versioned function from an article's text to its loss claims.

Owns `extract_claims` and `EXTRACTOR_VERSION`. Rules, not models: a number becomes a claim
when a metric noun from the lexicon names what it counts and its sentence speaks of losses;
the sentence (and its paragraph) give the claimant, the subject, the qualifier and the period.
Numbers in page furniture (see `furniture.py`) are skipped. Deterministic, no I/O, no clock.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import re
import unicodedata
from dataclasses import dataclass, field, replace

from events.claims import Claim
from ledger.ingest import lexicon as lx
from ledger.ingest.furniture import furniture_spans, in_spans
from ledger.ingest.numbers import Number, find_numbers

EXTRACTOR_VERSION = "1.1"

INVASION = dt.date(2022, 2, 24)
_I = re.IGNORECASE

_METRIC_SINGLES = [(re.compile(p, _I), m) for p, m in lx.METRIC_PATTERNS.items()]
_METRIC_ANY = lx.compile_alternation(lx.METRIC_PATTERNS)
_ALIAS_SINGLES = [(re.compile(p, _I), c) for p, c in lx.CLAIMANT_ALIASES.items()]
_ALIAS_ANY = lx.compile_alternation(lx.CLAIMANT_ALIASES)
_QUALIFIER_BEFORE = re.compile(
    r"(?:^|[^\w])("
    + "|".join(re.escape(k) for k in sorted(lx.QUALIFIERS_BEFORE, key=len, reverse=True))
    + r")\s*$",
    _I,
)
_LOSS = re.compile(rf"\b(?:{lx.LOSS_WORDS})\b", _I)
_CIVILIAN = re.compile(rf"\b(?:{lx.CIVILIAN_WORDS})\b", _I)

_MONTHS = {
    m: i + 1
    for i, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ]
    )
    for m in names
}
_MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?"
)
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_DATE = re.compile(
    rf"\b(?P<m1>{_MONTH})\s+(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?\b(?:,?\s+(?P<y1>(?:19|20)\d\d)\b)?"
    rf"|\b(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<m2>{_MONTH})(?:,?\s+(?P<y2>(?:19|20)\d\d)\b)?"
    r"|\b(?P<y3>20\d\d)-(?P<m3>\d\d)-(?P<d3>\d\d)\b"
    r"|\b(?P<wd>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b",
    _I,
)
_START_CUE = re.compile(
    r"(?:since|from|began|begun|beginning|start(?:ed)?|invasion|launched|between)\W+(?:\w+\W+){0,4}$",
    _I,
)

_ATTR_VERBS = (
    r"said|says|say|reported|reports|report|announced|announces|announce|claimed|claims|claim"
    r"|stated|states|estimated|estimates|estimate|revealed|reveals|confirmed|confirms|confirming"
    r"|declared|declares|added|adds|noted|notes|wrote|writes|posted|posts|told|tells|believes"
    r"|believe|think|thinks|touts|tout|put|puts|assessed|assesses|counted|counts|stating|claiming"
    r"|reporting|estimating|acknowledged|admitted|admits|updated|published|tweeted|informs|informed"
)
_ATTR_VERB_RE = re.compile(
    rf"(?:\b(?:has|have|had|also|previously|earlier|later|now|then|again|further|reportedly)\s+)*"
    rf"[\"“”']?\b(?:{_ATTR_VERBS})\b[\"“”']?",
    _I,
)
_ACCORDING = re.compile(r"\baccording to\s+(?P<np>[^,.;:()\"“”]{2,80})", _I)
_BY_FROM = re.compile(
    r"\b(?:reported|announced|stated|claimed|released|published|confirmed|provided|report|data|"
    r"figures|statement|update|briefing|tweet|post|quoted)\s+(?:by|from)\s+(?P<np>[^,.;:()\"“”]{2,80})",
    _I,
)
_INVERTED = re.compile(
    rf"[,\"“”]\s*(?:{_ATTR_VERBS})\s+(?P<np>(?:the\s+)?[A-Z][\w'’.-]*(?:\s+(?:of|the|for|and|[A-Z][\w'’.-]*))*)"
)
_BACKWARD = re.compile(
    r"^\s*(?:This|That|These|It|The (?:figures?|data|numbers?))\b(?:['’]s)?[^.]{0,40}?\b"
    r"(?:reported|announced|"
    r"stated|said|claimed|report|reports|data|figures|statement|update|according)\s+(?:by|from|of|to)\s+"
    r"(?P<np>[^,.;:()\"“”]{2,80})",
    _I,
)
_NP_BOUNDARY = re.compile(
    r"(?:[,;:()\"“”]|\s[-–—]\s|\b(?:that|and|but|when|while|as|after|because|whereas|which|who|where|"
    r"then|so|if|though|although)\b)",
    _I,
)
_NP_LEAD = re.compile(
    r"^(?:(?:in|on|at|via)\s+(?:a|an|the|its|their|his|her)\s+[\w\s-]{0,40}?\s+(?:on|by|of)\s+\w+\s*,?\s*)?"
    r"(?:(?:a|an|the|its|their)\s+(?:tweet|post|statement|report|update|briefing|message|"
    r"release|summary)\s+(?:from|by|of|on)\s+)?",
    _I,
)
# A claimant is a noun phrase: a finite verb inside ("Russia is now visually") or a lower-case
# start that is not a determiner ("based on US intelligence") means the cut went wrong.
_NP_VERB = re.compile(r"\b(?:is|are|was|were|has|have|had|been|be|to|would|will|can)\b", _I)
_NP_BAD_START = re.compile(r"^(?:[a-z]+(?:ed|ing)|on|in|at|by|for|with|from|of|as)$")
# Where a noun phrase after "according to" / "released by" stops: at the verb of its clause.
_NP_VERB_CUT = re.compile(
    rf"\s+(?:{_ATTR_VERBS}|suggests?|shows?|showed|indicates?|indicated|bringing|brings)\b.*$", _I
)
# "figures released by X", "an analysis by X", "X's daily casualty toll": X speaks.
_SOURCE_LEAD = re.compile(
    r"^(?:(?:the|a|an|its|their|his|her)\s+)?(?:(?:latest|daily|new|official|recent|updated|"
    r"weekly|morning|evening)\s+)*(?:figures|data|numbers|estimates?|analysis|assessment|count|"
    r"tally|report|statement|update|information|statistics|calculations?)\s+(?:(?:released|"
    r"published|provided|compiled|issued|collected|shared|posted)\s+)?(?:by|from|of)\s+",
    _I,
)
_POSSESSOR = re.compile(
    r"^(?P<who>.+?)['’]s\s+(?:[\w-]+\s+){0,3}?(?:figures|data|numbers|estimates?|analysis|"
    r"assessment|count|tally|toll|report|statement|update|information|statistics|calculations?)\b",
    _I,
)
_DETERMINER_END = re.compile(
    r"\b(?:the|a|an|its|their|his|her|this|that|latest|daily|new|according to)\s*$", _I
)
_HONORIFIC = re.compile(r"\b(?:Mr|Mrs|Ms|Dr|Prof)\.?\s+")
_ANAPHOR = re.compile(
    r"^(?:he|she|they|it|we|(?:the |this |that )?"
    r"(?:post|report|statement|update|source|agency|office|"
    r"department|military|army|article|website|briefing|service|press service|spokesman|"
    r"spokesperson|official|officials|intelligence update|assessment|group|project|blog|team|"
    r"monitor|researchers|analysts|data|figures))$",
    _I,
)
_GENERIC_CLAIMANT = re.compile(
    r"\b(?:officials?|intelligence|military|ministry|army|forces|government|insiders|sources|"
    r"monitoring|group|agency|service|services|staff|command|navy|force|spokes\w+|analysts?|"
    r"experts?|observers?|media|outlet|newspaper|tabloid|website|institute|office|president|"
    r"minister|commander|governor|mayor|authorities|estimate|researchers)\b",
    _I,
)
_COUNTRY_RU = re.compile(
    r"\b(?:Russia|Russian|Russians|Russia['’]s|Moscow|Moscow['’]s|Kremlin|RF|Wagner|enemy['’]s)\b"
)
_COUNTRY_UA = re.compile(r"\b(?:Ukraine|Ukrainian|Ukrainians|Ukraine['’]s|Kyiv|Kiev|ZSU)\b")
_NP_SUBJECT = re.compile(
    r"\b(?P<ru>Russian|Russians|Russia['’]s|Moscow['’]s|RF|Wagner|Kremlin['’]s)\b|"
    r"\b(?P<ua>Ukrainian|Ukrainians|Ukraine['’]s|Kyiv['’]s)\b|\b(?P<enemy>enemy|enemy['’]s|occupiers?|invaders?)\b"
)
_LOSER = re.compile(
    r"\b(?P<who>Russia|Moscow|Russians|the Russian (?:army|forces|military|troops|side|Federation)|"
    r"Russian (?:forces|troops|army)|RF Armed Forces|Wagner|the Kremlin|Ukraine|Kyiv|Kiev|"
    r"Ukrainians|"
    r"the Ukrainian (?:army|forces|military|side)|Ukrainian (?:forces|troops|army))\b(?:['’]s)?"
    r"(?:\s+\w+){0,5}?\s+(?:los[te]s?|losing|losses|suffered|sustained|has lost|have lost|"
    r"had lost)\b",
    _I,
)
_AGENT = re.compile(
    r"\b(?P<who>Russia|Moscow|Russians|Russian|Ukraine|Kyiv|Kiev|Ukrainians|Ukrainian|Ukraine['’]s|"
    r"Russia['’]s)\b(?:\s+[\w'’-]+){0,3}?\s+(?:destroy(?:ed|s)?|shot down|downed|killed|eliminated|"
    r"liquidated|neutrali[sz]ed|wiped out|sank|sunk|captured|intercepted|repelled|hit|struck)\b",
    _I,
)
_PASSIVE = re.compile(r"\b(?:were|was|been|being|are|is|be)\b", _I)
_LOSSES_OF = re.compile(
    r"\b(?:(?P<ru1>Russian|Russia['’]s|enemy)\s+(?:\w+\s+)?losses|losses\s+of\s+(?:the\s+)?"
    r"(?P<ru2>Russia|Russian|enemy)|(?P<ua1>Ukrainian|Ukraine['’]s)\s+(?:\w+\s+)?losses|losses\s+of\s+"
    r"(?:the\s+)?(?P<ua2>Ukraine|Ukrainian))\b",
    _I,
)
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
_DIGIT_SEP = re.compile(r"(?<=\d)[.,](?=\d)")
_TRANSPARENT_AFTER = re.compile(r"^\s*(?:units?|pcs\.?|pieces|items)\b", _I)
_BARE_LOSS_AFTER = re.compile(
    r"^\s*(?:(?:were|was|have been|had been|has been|are|being|had|have|reportedly)\s+)*"
    r"(?:(?:killed|dead|died|wounded|injured|killed and wounded|killed or wounded|"
    r"killed or injured|perished|slain|(?:(?:considered|listed|reported) (?:as )?)?missing)\b)",
    _I,
)
_LOOKBACK_SEP = re.compile(
    r"(?:[-–—:=]|\b(?:at|to|of|reached|reaching|totall?ed|totall?ing|numbered|exceeded|surpassed|"
    r"passed|topped|is|was|were|are|be|stands at|stood at|amounted to|amounting to|rose to|"
    r"climbed to|increased to))\s*$",
    _I,
)
_LOST_BEFORE = re.compile(
    r"\b(?:lost|losing|loses|lose|losses of|killed|kill(?:ing)?|eliminated|wiped out)\s*$", _I
)
_FOLLOW_OK = re.compile(
    r"^\s*(?:$|[.,;:)!?\]]|\(|[-–—]\s|(?:and|or|in|on|since|as|per|during|over|from|by|while|"
    r"according|with|after|before|so|this|the|of|killed|dead)\b)",
    _I,
)
_NEGATION = re.compile(
    r"\b(?:not|never|no|denied|denies|deny|rather than|instead of|refuted|dismissed)\b"
    r"(?:[^,.;:!?]{0,25})$",
    _I,
)
_MODAL = re.compile(
    r"\b(?:will|would|(?:could|may|might)(?!\s+(?:have|be|amount|total|number|exceed|stand|reach"
    r"|now|already)\b)|expected to|projected|forecasts?|predicts?|plans? to|"
    r"aims? to|intends? to)\b[^,.;:!?]{0,40}$",
    _I,
)
_BOTH_SIDES = re.compile(
    r"\b(?:both sides|both armies|two sides|on both sides|combined|both Ukraine and Russia|"
    r"both Russia and Ukraine|Russian and Ukrainian (?:troops|soldiers|forces|casualties|losses)|"
    r"Ukrainian and Russian (?:troops|soldiers|forces|casualties|losses))\b",
    _I,
)
_NON_LOSS_CLAUSE = re.compile(
    r"(?<!-)\b(?:launch(?:ed|es|ing)?|fired|provid\w+|send(?:s|ing)?|sent|deliver\w*|suppl(?:y|ied|ies)|"
    r"pledg\w+|donat\w+|package|aid|receiv\w+|transfer\w*|order(?:ed|s)?|purchas\w+|produc\w+|"
    r"manufactur\w+|buil[dt]\w*|deploy\w*|mobili[sz]\w+|recruit\w*)\b",
    _I,
)
_BAD_BEFORE = re.compile(r"(?:[A-Za-z]-?|[#$€£¥№]\s?|No\.\s?|(?<!\()\+|\d[:/.]|/)\Z")
_BAD_AFTER = re.compile(
    r"^(?:\s?%|\s?per ?cent|\s?(?:mm|cm)\b|-?(?:mm|cm|caliber|calibre)\b|\s?percent|"
    r"(?:st|nd|rd|th)\b|[:/]\d|-(?:year|day|month|week|hour|mile|"
    r"km|kilomet|metre|meter|strong|member|point|page|minute|second|storey|inch)|\s?(?:km|kilomet\w+|"
    r"miles?|m\b|metres?|meters?|kg|tons?|tonnes?|hours?|days?|weeks?|months?|years?|times|percent|"
    r"dollars?|euros?|pounds?|hryvnias?|rubles?|roubles?|UAH|USD|EUR|GBP|bn|billion\b)|-[A-Za-z]\w*-)",
    _I,
)
_WEAPON_ACTS = re.compile(
    r"\s+(?:\w+\s+)?(?:hit|struck|landed|exploded|targeted|attacked|slammed|were launched|"
    r"was launched|launched|were fired|was fired|fired)\b",
    _I,
)
_OF_TOTAL = re.compile(
    r"\s+(?:out\s+)?of\s+(?:the\s+)?(?:(?:about|around|some|roughly|nearly|almost|approximately)\s+)?",
    _I,
)
_PLUS_PAREN = re.compile(r"\(\s*\+\s*$")
# "544 tanks were captured, 79 damaged and 65 abandoned", "2,635 were destroyed", "15,051
# units were destroyed": the figure counts the metric named just before.
_ELIDED_AFTER = re.compile(
    r"^\s*(?:[-–—]\s*)?(?:(?:units?|pieces|items)\s*(?:[-–—]\s*)?)?"
    r"(?:(?:were|was|have been|has been|had been|are|reportedly)\s+)*"
    r"(?:(?:reported|confirmed|listed)\s+"
    r"(?:as\s+)?)?(?P<verb>destroyed|damaged|abandoned|captured|seized|lost|shot down|downed|sunk|"
    r"knocked out|disabled|intercepted|eliminated|surrendered)\b",
    _I,
)
# "58 of which were shot down", "13 of them over the last day": a part of the figure before.
_PARTITIVE_AFTER = re.compile(r"^\s+of\s+(?:which|them|these|those)\b", _I)
# "from 776 casualties in March to 568 in April": the second figure counts what the first did.
_PARALLEL = re.compile(r"\b(?:to|from|versus|vs\.?|against|compared (?:with|to)|than)\b", _I)
_BARE_UNITS_AFTER = re.compile(r"^\s*(?:units|pieces|items)\b(?!\s+of\b)", _I)
# A sentence without a loss word still counts losses when it goes on from one that did: a
# list item after "...lost the following:", "The running totals stand at", "X also counted".
_CONTEXT_CARRY = re.compile(
    r"\b(?:also|totals|tally|the list|includ(?:e|es|ed|ing)|stands? at|stood at|in addition|"
    r"as well as|counted)\b|^\s*(?:[-*•–]\s|\d[\d,. ]*\s+\w)",
    _I,
)
_POW_CLAUSE = re.compile(
    r"\b(?:surrender\w*|captured|taken (?:as )?(?:prisoners?|captives?)|prisoners? of war)\b", _I
)
_KILLED_CLAUSE = re.compile(r"\b(?:killed|dead|died|wounded|casualt\w+|perished|eliminated)\b", _I)
# Figures of other wars, given for comparison ("15,000 Soviet troops in Afghanistan").
_OTHER_WAR = re.compile(
    r"\b(?:Soviet (?:troops|soldiers|losses|Union)|Afghanistan|Chechnya|Vietnam|World War|"
    r"Guadalcanal|Second World|First World)\b",
    _I,
)
# Stock, not losses: "started the war with around 3,000 tanks", "has 2,000 tanks in storage".
_STOCK_BEFORE = re.compile(
    r"\b(?:(?:started|began|entered|went into) (?:the |this )?(?:war|invasion|conflict) with|"
    r"(?:has|have|had|possess(?:es|ed)?|fielded|fields) (?:only |still )?)\s*$",
    _I,
)
_PER_DAY_AFTER = re.compile(r"^\s*(?:per day|a day|daily|in (?:a|one|the past) day)\b", _I)
_INCLUDING_BEFORE = re.compile(r"\b(?:including|of which|of them|incl\.)\s*$", _I)
_RANGE_JOIN = re.compile(r"^\s*(?:[-–—]|to|and)\s*$", _I)
_BETWEEN_BEFORE = re.compile(r"\b(?:between|from)\s*$", _I)
_ARTICLE_ONE = re.compile(
    r"\b(?P<art>an?)\s+(?:(?:[A-Z][\w-]*|Russian|Ukrainian|enemy|military|combat|fighter|attack|"
    r"multirole|multipurpose|reconnaissance|transport|landing|patrol|missile|[A-Za-z]+-\d+\w*)\s+){0,3}"
    r"(?P<noun>tank|helicopter|submarine|aircraft|warplane|fighter jet|jet|plane|warship|ship|"
    r"landing ship|corvette|frigate|cruiser|patrol boat|air defen[cs]e system|howitzer)\b",
    _I,
)
_ONE_LOSS = re.compile(
    r"\b(?:destroyed|shot down|downed|sunk|sank|lost|captured|damaged|eliminated|crashed|hit|"
    r"struck|"
    r"taken out|knocked out)\b",
    _I,
)
_CONTINUATION_START = re.compile(
    r"^\s*(?:This|These|That|It|They|In addition|Additionally|Also|The figures?|The numbers?|"
    r"Of (?:these|them|this)|Among them|In total|Overall|Besides|Moreover|Furthermore)\b",
    _I,
)
_REPORTEDLY = re.compile(r"\breportedly\b|\breports say\b|\bit is reported\b", _I)
_SENTENCE_SUBJECT = re.compile(
    r"^\s*(Moscow|Kyiv|Kiev|Russia|Ukraine|the Kremlin|Russian authorities|Ukrainian authorities)\b"
)
_HEADLINE_PREFIX = re.compile(r"^\s*(?P<np>[A-Z][\w’'.\- ]{1,48}?)\s*:\s+\S")
_HEADLINE_SUFFIX = re.compile(
    r"(?:\s[-–—|]\s*|:\s+)(?P<np>[A-Z][\w’'. ]{1,40}?)\s*$"
    r"|,\s*(?P<np2>[A-Z][\w’'. ]{1,40}?)\s+(?:says|said|claims|reports)\s*$"
)
_COUNTRY_SPEAKER = re.compile(
    r"\b(Russia|Moscow|Ukraine|Kyiv|Kiev)\s+(?:\w+\s+){0,2}?(?:reported|said|announced|named|"
    r"declared|claimed|published|released|revealed|acknowledged|admitted)\b"
)
_BARE_COUNTRY = re.compile(r"(?:Russia|Moscow|Ukraine|Kyiv|Kiev)")

# The war itself, after "since the start of" or "N months of": a cumulative period.
_THE_WAR = (
    r"(?:the |this |its |russia['’]s |moscow['’]s |the so-called )?(?:full-scale |all-out |"
    r"large-scale |russian )?(?:war|invasion|hostilities|aggression|conflict|special (?:military )?"
    r"operation)"
)
_SMALL_COUNT = r"(?:\d+|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|several|few)"
_STRONG_WINDOW = re.compile(
    r"\b(?:in (?:a|one|a single) day|per day|a day\b(?! later| earlier| before| after)|daily|"
    r"(?:over|in|during|for) the (?:past|last|previous) (?:day|24 hours|twenty-four hours|"
    rf"{_SMALL_COUNT} (?:days|weeks|months)|week|month|"
    r"fortnight)|(?:last|this|past) (?:week|month|day)|overnight|within (?:a|one|24 hours)|"
    r"in (?:a|one|the) week|in 24 hours|(?:on|in) the same day|since (?:yesterday|midnight)|"
    rf"(?:over|in|during|within|for) (?:the )?(?:first |next )?{_SMALL_COUNT} "
    r"(?:days|weeks|months|hours)|(?:over|in|during) the same period|"
    rf"since the (?:beginning|start|launch|onset) of (?!{_THE_WAR}\b))\b"
    rf"(?! of {_THE_WAR}\b)",
    _I,
)
# "has lost", "have been killed": the perfect tense leans cumulative, when nothing else says.
_WEAK_CUMULATIVE = re.compile(
    r"\b(?:has|have|had) (?:\w+ )?(?:lost|been killed|suffered|sustained)\b|\bto have lost\b", _I
)
# A sentence that goes on with the figures of the paragraph before ("The Russians also lost",
# "The reported losses include", "Of these").
_CONTINUES = re.compile(
    r"\b(?:also|includ(?:e|es|ed|ing)|the list|in addition|of these|of them|among them)\b", _I
)
_ATTRIBUTED_DAY = re.compile(
    rf"\b(?:{_ATTR_VERBS}|released|tweeted)\b(?:\s+[\w'’]+){{0,3}}\s*$", _I
)
_CUMULATIVE = re.compile(
    r"\b(?:(?:a |the |in )?total|totall?ing|overall|so far|to date|thus far|in all|running totals?|"
    rf"since the (?:beginning|start|outbreak|onset) of {_THE_WAR}|(?:in|during) (?:the|this) "
    r"(?:war|conflict)|since (?:russia['’]s |the )?(?:full-scale |"
    r"all-out |large-scale )?(?:invasion|war)|since (?:moscow|russia) (?:began|launched|invaded)|"
    r"(?:in|over|during) (?:the )?(?:\w+ )?(?:\d+|two|three|four|five|six|seven|eight|nine|ten|"
    r"eleven|twelve) (?:months|years|weeks|days) of (?:the |its )?(?:full-scale )?"
    r"(?:war|invasion|fighting)|"
    r"of the (?:full-scale )?(?:war|invasion)|throughout the war|as of|"
    r"since (?:the )?(?:february|feb\.?) 24|"
    r"since 24 (?:february|feb)|from (?:february|feb\.?) 24|from 24 (?:february|feb)|"
    r"between (?:february|feb\.?) 24|cumulative|altogether)\b",
    _I,
)
_WEAK_WINDOW = re.compile(
    rf"\b(?:on (?:{'|'.join(_WEEKDAYS)})|yesterday|today|tonight|last night|this morning|"
    r"on the (?:same|previous|next) day)\b",
    _I,
)
_AFTER_NUM_WINDOW = re.compile(r"^\s*(?:more|additional|extra)\b", _I)
_BEFORE_NUM_WINDOW = re.compile(r"\b(?:another|a further|an additional|further)\s*$", _I)
_SINCE_DATE = re.compile(rf"\bsince\s+(?:{_MONTH}\s+\d{{1,2}}|\d{{1,2}}\s+{_MONTH})", _I)
_EVENT_PAST = re.compile(
    r"(?<!has )(?<!have )(?<!had )(?<!been )\b(?:shot down|destroyed|downed|sank|sunk|hit|struck|"
    r"eliminated|killed|captured)\b",
    _I,
)
_PAST_N = re.compile(
    r"\b(?:past|last|previous)\s+(?P<n>\d+|two|three|four|five|six|seven|ten|24)?\s*"
    r"(?P<unit>days?|weeks?|months?|hours)\b",
    _I,
)
_SMALL_WORDS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "ten": 10}


@dataclass(slots=True)
class _Sentence:
    start: int
    end: int
    para: int
    heading: bool


@dataclass(slots=True)
class _Cand:
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


def extract_claims(
    text: str,
    *,
    article_id: str,
    publisher: str,
    published: dt.date | None,
    fallback_date: dt.date,
) -> list[Claim]:
    """The loss claims in `text`, in text order, with deterministic ids; never raises."""
    if not isinstance(text, str) or not text.strip():
        return []
    text_clean = text
    publisher_name = _clean_name(publisher) or "unknown"
    furniture = furniture_spans(text_clean)
    sentences = _sentences(text_clean, furniture)
    ref_date = published or _first_full_date(text_clean, sentences) or fallback_date
    cands = _candidates(text_clean, sentences)
    cands = [c for c in cands if _keep(text_clean, sentences, c)]
    _assign_subjects(text_clean, sentences, cands)
    _assign_claimants(text_clean, sentences, cands, publisher_name)
    _assign_periods(text_clean, sentences, cands, ref_date, published is not None)
    cands = _merge_restatements(cands)
    return _to_claims(text_clean, cands, article_id, publisher_name)


# --- sentences ---------------------------------------------------------------------------

_ABBREV = re.compile(
    r"(?:\b(?:Mr|Mrs|Ms|Dr|Prof|St|Gen|Col|Lt|Maj|Capt|Sgt|No|Nos|Ep|vs|etc|approx|incl|Jan|Feb|Mar|"
    r"Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|U\.S|U\.K|e\.g|i\.e|Jr|Sr|Gov|Sen|Rep)|\b[A-Z])\.$"
)
_SENT_END = re.compile(r"[.!?]+[\"”’')\]]*(?=\s+[\"“‘(\[]?[A-Z0-9])")


def _wrap_width(lines: list[str]) -> int:
    """The column a hard-wrapped text breaks at (0 when its paragraphs are one line each):
    the longest line, when it is short and several lines end near it."""
    lengths = [len(x.rstrip()) for x in lines if x.strip()]
    if len(lengths) < 3:
        return 0
    width = max(lengths)
    near = sum(1 for n in lengths if width - 25 <= n)
    return width if width <= 120 and near >= 3 else 0


def _logical_lines(text: str, furniture: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """(start, end) of each line, with the lines of a hard-wrapped paragraph joined."""
    lines = text.split("\n")
    width = _wrap_width(lines)
    out: list[tuple[int, int]] = []
    pos = 0
    joinable = False
    for line in lines:
        start, end = pos, pos + len(line)
        pos = end + 1
        stripped = line.strip()
        if not stripped or in_spans(start + (len(line) - len(line.lstrip())), furniture):
            joinable = False
            continue
        if joinable and out:
            out[-1] = (out[-1][0], end)
        else:
            out.append((start, end))
        joinable = bool(width) and len(line.rstrip()) >= width - 30 and len(out) > 1
    return out


def _sentences(text: str, furniture: list[tuple[int, int]]) -> list[_Sentence]:
    """Sentences of the non-furniture lines; a short line without final stop is a heading."""
    out: list[_Sentence] = []
    para = 0
    title = ""
    for start, end in _logical_lines(text, furniture):
        line = text[start:end]
        stripped = line.strip()
        para += 1
        if para == 1 and len(stripped) < 200 and not stripped.endswith("."):
            title = stripped
        heading = stripped == title or (
            len(stripped) < 160 and not re.search(r"[.!?:;][\"”’')]?$", stripped)
        )
        s = start
        for m in _SENT_END.finditer(line):
            if _ABBREV.search(line[: m.start() + 1]):
                continue
            e = start + m.end()
            out.append(_Sentence(s, e, para, heading))
            s = e
        if s < end and text[s:end].strip():
            out.append(_Sentence(s, end, para, heading))
    return out


def sentence_at(text: str, span: tuple[int, int] | list[int]) -> str:
    """Return the sentence holding `span`, split the way extraction splits: audit shows a
    quote in the very sentence it was read from."""
    start = span[0]
    for sentence in _sentences(text, []):
        if sentence.start <= start < sentence.end:
            return " ".join(text[sentence.start : sentence.end].split())
    return " ".join(text[span[0] : span[1]].split())


# --- candidates --------------------------------------------------------------------------


def _longest_metric(text: str, pos: int) -> tuple[str, int] | None:
    """The metric whose surface starts at `pos` (longest surface wins), and its end."""
    if not _METRIC_ANY.match(text, pos):
        return None
    best: tuple[str, int] | None = None
    for rx, metric in _METRIC_SINGLES:
        m = rx.match(text, pos)
        ok = m and re.match(r"(?![\w-])", text[m.end() : m.end() + 1] or " ")
        if m and ok and (best is None or m.end() > best[1]):
            best = (metric, m.end())
    return best


_WORD_RE = re.compile(r"[^\s,;:.!?()\[\]\"“”]+")


def _forward_metric(text: str, pos: int, limit: int) -> tuple[str, int, int] | None:
    """The metric noun shortly after a number: (metric, noun start, noun end), else None."""
    for words, m in enumerate(_WORD_RE.finditer(text, pos, limit)):
        between = text[pos : m.start()]
        if re.search(r"[,;:.!?()\[\]\"“”]|\s[-–—]\s", between):
            return None
        found = _longest_metric(text, m.start())
        if found:
            return found[0], m.start(), found[1]
        word = m.group(0).lower()
        if word in _STOP_WORDS or (re.search(r"\d", word) and not re.search(r"[a-z]", word)):
            return None
        if words >= 4:
            return None
        pos = m.end()
    return None


def _lookback_metric(text: str, clause_start: int, num_start: int) -> tuple[str, int] | None:
    """A metric noun named before the number in its clause ("tanks – 251", "dead at 315,000")."""
    before = text[clause_start:num_start]
    stripped = _QUALIFIER_BEFORE.sub("", before.rstrip()).rstrip()
    if not (_LOOKBACK_SEP.search(stripped) or _LOOKBACK_SEP.search(before.rstrip())):
        return None
    best: tuple[str, int] | None = None
    last_end = -1
    for m in _METRIC_ANY.finditer(text, clause_start, clause_start + len(stripped)):
        if m.start() < last_end:
            continue
        found = _longest_metric(text, m.start())
        if found:
            best, last_end = (found[0], m.start()), found[1]
    if best is None:
        return None
    gap = text[best[0] and best[1] : num_start]
    if len(gap.split()) > 12:
        return None
    return best


def _clause_start(text: str, sent: _Sentence, pos: int) -> int:
    """Start of the clause holding `pos`: after the last , ; : ( before it in the sentence."""
    seg = text[sent.start : pos]
    cut = max(seg.rfind(c) for c in ",;:(")
    return sent.start + cut + 1 if cut >= 0 else sent.start


def _clause_end(text: str, sent: _Sentence, pos: int) -> int:
    seg = text[pos : sent.end]
    ends = [i for i in (seg.find(c) for c in ",;:()") if i >= 0]
    return pos + min(ends) if ends else sent.end


def _is_not_a_count(text: str, n: Number) -> bool:
    """Dates, times, years, model numbers, money, percentages, ordinals, distances."""
    before = text[max(0, n.start - 4) : n.start]
    after = text[n.end : n.end + 14]
    if n.kind == "digits" and _BAD_BEFORE.search(before):
        return True
    if n.kind in ("digits", "scaled") and _BAD_AFTER.match(after):
        return True
    if n.kind == "words" and re.match(r"^\s?(?:times|hours?|days?|weeks?|months?|years?)\b", after):
        return True
    if n.kind == "digits" and re.fullmatch(r"(?:19|20)\d\d", n.surface):
        return True
    if n.kind == "digits" and n.value <= 31:
        window = text[max(0, n.start - 12) : n.end + 12]
        if re.search(
            rf"{_MONTH}\s+{re.escape(n.surface)}\b|\b{re.escape(n.surface)}(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH}",
            window,
            _I,
        ):
            return True
    return n.kind == "digits" and len(n.surface) > 9 and n.surface.isdigit()


def _candidates(text: str, sentences: list[_Sentence]) -> list[_Cand]:
    """Numbers that count a metric, with qualifier and quote span; in text order."""
    out: list[_Cand] = []
    carry: _Cand | None = None
    loss_para = -9  # the paragraph of the last sentence that spoke of losses with figures
    for si, sent in enumerate(sentences):
        if carry is not None and sentences[carry.sent].para != sent.para:
            carry = None
        if not _LOSS.search(text, sent.start, sent.end) and not (
            sent.para - loss_para <= 1 and _CONTEXT_CARRY.search(text[sent.start : sent.end])
        ):
            continue
        nums = [n for n in find_numbers(text, sent.start, sent.end) if not _is_not_a_count(text, n)]
        found = _sentence_candidates(text, sent, si, nums, carry)
        out.extend(found)
        out.extend(_article_ones(text, sent, si, nums))
        if found:
            carry = found[-1]
        if found or text[sent.start : sent.end].rstrip().endswith(":"):
            loss_para = sent.para
    out.sort(key=lambda c: (c.q_start, c.q_end))
    for c in out:
        c.metric = _prisoner_or_casualty(text, sentences[c.sent], c)
    return out


def _prisoner_or_casualty(text: str, sent: _Sentence, c: _Cand) -> str:
    """Soldiers who surrendered or were captured are prisoners of war; prisoners who were
    killed ("former prisoners who died") are personnel losses."""
    cs, ce = _clause_start(text, sent, c.q_start), _clause_end(text, sent, c.q_end)
    before = re.split(r"\d", text[max(cs, c.q_start - 40) : c.q_start])[-1]
    after = re.split(r"\d", text[c.q_end : min(ce, c.q_end + 40)])[0]
    if c.metric == "personnel":
        near = before + " " + after
        if _POW_CLAUSE.search(near) and not _KILLED_CLAUSE.search(near):
            return "pow"
    elif c.metric == "pow":
        noun = text[c.q_start : c.q_end]
        if re.search(r"\b(?:former|ex-)\s*prisoners\b", noun, _I) or re.match(
            r"^\s*(?:who|that)\s+(?:\w+\s+){0,3}?(?:killed|died|dead)\b", after, _I
        ):
            return "personnel"
    return c.metric


def _qualifier(text: str, sent: _Sentence, n: Number) -> tuple[str, int]:
    before = text[max(sent.start, n.start - 40) : n.start]
    m = _QUALIFIER_BEFORE.search(before)
    if m:
        return lx.QUALIFIERS_BEFORE[m.group(1).lower()], n.start - (len(before) - m.start(1))
    if re.match(r"^\+|^\s+or more\b", text[n.end : n.end + 9], _I):
        return "at_least", n.start
    return "exact", n.start


def _range_low(lo: Number, hi: Number) -> int:
    """The low end of a range written with one magnitude ("50-70 000", "1.5-2 million")."""
    for scale in (1_000, 1_000_000):
        if hi.value >= scale and hi.value / 10 <= lo.value * scale <= hi.value:
            return lo.value * scale
    return lo.value


def _sentence_candidates(
    text: str, sent: _Sentence, si: int, nums: list[Number], carry: _Cand | None = None
) -> list[_Cand]:
    out: list[_Cand] = []
    skip: set[int] = set()
    for i, n in enumerate(nums):
        if i in skip:
            continue
        # A range: "between 10 and 20 tanks", "150,000-190,000 casualties".
        if i + 1 < len(nums):
            nxt = nums[i + 1]
            join = text[n.end : nxt.start]
            before = text[sent.start : n.start]
            is_dash = bool(re.fullmatch(r"\s*[-–—]\s*", join))
            if _RANGE_JOIN.match(join) and (is_dash or _BETWEEN_BEFORE.search(before)):
                hi = _one_candidate(text, sent, si, nxt, out, carry)
                lo_metric = hi.metric if hi else None
                lo_value = _range_low(n, nxt)
                if hi is None:
                    lb = _lookback_metric(text, _clause_start(text, sent, n.start), n.start)
                    if lb:
                        lo_metric = lb[0]
                        hi = _Cand(lb[0], nxt.value, "at_most", lb[1], nxt.end, si)
                if lo_metric and hi and lo_value < nxt.value:
                    b = _BETWEEN_BEFORE.search(before)
                    q_start = sent.start + b.start() if b else n.start
                    q_start = min(q_start, hi.q_start)
                    out.append(_Cand(lo_metric, lo_value, "at_least", q_start, hi.q_end, si))
                    out.append(replace(hi, qualifier="at_most", q_start=q_start))
                    skip.add(i + 1)
                    continue
        if i + 1 < len(nums) and _OF_TOTAL.fullmatch(text[n.end : nums[i + 1].start]):
            whole = _one_candidate(text, sent, si, nums[i + 1], out, carry)
            if whole:
                q_start = _qualifier(text, sent, n)[1]
                out.append(
                    _Cand(
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
        cand = _one_candidate(text, sent, si, n, out, carry)
        if cand:
            out.append(cand)
    for c in out:
        c.heading = sent.heading
    return out


def _one_candidate(
    text: str,
    sent: _Sentence,
    si: int,
    n: Number,
    previous: list[_Cand],
    carry: _Cand | None = None,
) -> _Cand | None:
    """The claim a single number makes, if it counts a metric."""
    qualifier, q_start = _qualifier(text, sent, n)
    before = text[sent.start : n.start]
    after_limit = min(sent.end, n.end + 80)
    # "(+43 per day)" after a figure: the day's change of the previous figure's metric.
    if _PLUS_PAREN.search(text[max(sent.start, n.start - 3) : n.start]) and previous:
        base = previous[-1]
        close = text.find(")", n.end, after_limit)
        end = close + 1 if close >= 0 else n.end
        return _Cand(
            base.metric, n.value, "exact", base.q_start, end, si, derived=True, period="window"
        )
    fwd = _forward_metric(text, n.end, after_limit)
    if fwd:
        metric, _, noun_end = fwd
        if metric == "personnel" and text[fwd[1] : noun_end].lower() in ("men", "people", "lives"):
            clause = text[_clause_start(text, sent, n.start) : _clause_end(text, sent, noun_end)]
            if not _LOSS.search(clause):
                return None
        return _Cand(metric, n.value, qualifier, q_start, noun_end, si)
    if (
        _PER_DAY_AFTER.match(text[n.end : n.end + 20])
        and _INCLUDING_BEFORE.search(before)
        and previous
    ):
        end = n.end + _PER_DAY_AFTER.match(text[n.end : n.end + 20]).end()
        return _Cand(
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
        return _Cand(base.metric, n.value, qualifier, q_start, end, si, extra={"part": True})
    bare = _BARE_LOSS_AFTER.match(text[n.end : after_limit])
    if bare:
        return _Cand("personnel", n.value, qualifier, q_start, n.end + bare.end(), si)
    elided = _ELIDED_AFTER.match(text[n.end : after_limit])
    units = _BARE_UNITS_AFTER.match(text[n.end : n.end + 12])
    if elided and (base or units):
        metric = base.metric if base else "equipment_total"
        if metric == "personnel" and elided.group("verb").lower() in ("captured", "surrendered"):
            metric = "pow"
        return _Cand(metric, n.value, qualifier, q_start, n.end + elided.end(), si)
    if not _FOLLOW_OK.match(text[n.end : n.end + 12]) and not _TRANSPARENT_AFTER.match(
        text[n.end : n.end + 12]
    ):
        return None
    lb = _lookback_metric(text, _clause_start(text, sent, n.start), n.start)
    if lb:
        end = n.end
        unit = _TRANSPARENT_AFTER.match(text[n.end : n.end + 12])
        if unit:
            end = n.end + unit.end()
        cand = _Cand(lb[0], n.value, qualifier, min(lb[1], q_start), end, si)
        cand.extra["np_start"] = max(_clause_start(text, sent, n.start), lb[1] - 30)
        return cand
    if _LOST_BEFORE.search(_QUALIFIER_BEFORE.sub("", before.rstrip()).rstrip()):
        return _Cand("personnel", n.value, qualifier, q_start, n.end, si)
    if previous and _FOLLOW_OK.match(text[n.end : n.end + 12]):
        between = text[previous[-1].q_end : n.start]
        if len(between) <= 50 and _PARALLEL.search(between) and not _METRIC_ANY.search(between):
            return _Cand(previous[-1].metric, n.value, qualifier, q_start, n.end, si)
    if units and _LOSS.search(text, _clause_start(text, sent, n.start), n.start):
        return _Cand("equipment_total", n.value, qualifier, q_start, n.end + units.end(), si)
    return None


def _article_ones(text: str, sent: _Sentence, si: int, nums: list[Number]) -> list[_Cand]:
    """ "a submarine was sunk", "shot down a helicopter": one of a thing, said with an article."""
    out = []
    for m in _ARTICLE_ONE.finditer(text, sent.start, sent.end):
        clause = text[_clause_start(text, sent, m.start()) : _clause_end(text, sent, m.end())]
        if not _ONE_LOSS.search(clause) or _NEGATION.search(text[sent.start : m.start()]):
            continue
        found = _longest_metric(text, m.start("noun"))
        if not found:
            continue
        out.append(_Cand(found[0], 1, "exact", m.start(), found[1], si, heading=sent.heading))
    return out


def _keep(text: str, sentences: list[_Sentence], c: _Cand) -> bool:
    """Drop denied, forecast, civilian, both-sides and non-loss (aid, launches) figures."""
    sent = sentences[c.sent]
    before = _DIGIT_SEP.sub("", text[max(sent.start, c.q_start - 90) : c.q_start])
    if _NEGATION.search(before[-40:]) or _MODAL.search(before[-60:]):
        return False
    s_text = text[sent.start : sent.end]
    clause = text[_clause_start(text, sent, c.q_start) : _clause_end(text, sent, c.q_end)]
    if c.metric == "personnel":
        if _CIVILIAN.search(clause) or _BOTH_SIDES.search(s_text):
            return False
        if _CIVILIAN.search(s_text) and not re.search(
            r"\b(?:soldiers|troops|servicem[ae]n)\b", clause, _I
        ):
            return False
        prev = sentences[c.sent - 1] if c.sent > 0 else None
        if (
            prev is not None
            and prev.para == sent.para
            and _CIVILIAN.search(text[prev.start : prev.end])
            and re.match(r"\s*(?:This|These|Of (?:them|these)|Among them|Including)\b", s_text, _I)
        ):
            return False
    if _OTHER_WAR.search(clause):
        return False
    lead = _QUALIFIER_BEFORE.sub("", text[max(sent.start, c.q_start - 60) : c.q_start].rstrip())
    if _STOCK_BEFORE.search(lead.rstrip()):
        return False
    part = c.extra.get("part")
    if c.metric in ("drones", "cruise_missiles") and not part and _WEAPON_ACTS.match(text, c.q_end):
        return False
    if not _NON_LOSS_CLAUSE.search(clause) or _LOSS.search(clause):
        return True
    return not _NON_LOSS_CLAUSE.search(_METRIC_ANY.sub(" ", clause))


# --- subject -----------------------------------------------------------------------------


def _side_of(word: str) -> str:
    return "ukraine" if _COUNTRY_UA.search(word) else "russia"


def _assign_subjects(text: str, sentences: list[_Sentence], cands: list[_Cand]) -> None:
    """Whose losses: the noun phrase, then the sentence's loser or agent, then the list."""
    prev_by_sent: dict[int, str] = {}
    for c in cands:
        sent = sentences[c.sent]
        np = text[int(c.extra.get("np_start", c.q_start)) : c.q_end]
        m = _NP_SUBJECT.search(np)
        subject: str | None = None
        if m and m.lastgroup in ("ru", "ua"):
            subject = "russia" if m.lastgroup == "ru" else "ukraine"
        elif m and m.lastgroup == "enemy":
            subject = "enemy"
        if subject is None:
            before = text[sent.start : c.q_start]
            if re.search(r"\bof (?:its|their)\s*$", text[c.q_start : c.q_end][:0] or before[-12:]):
                pass
            loss = list(_LOSSES_OF.finditer(before))
            loser = list(_LOSER.finditer(before))
            agent = [a for a in _AGENT.finditer(before) if not _PASSIVE.search(a.group(0))]
            best_pos, best = -1, None
            if c.sent in prev_by_sent and not loser and not loss:
                agent = []
            if loser and loser[-1].start() > best_pos:
                best_pos, best = loser[-1].start(), _side_of(loser[-1].group("who"))
            if loss and loss[-1].start() > best_pos:
                g = loss[-1]
                ru = g.group("ru1") or g.group("ru2")
                best_pos, best = g.start(), "russia" if ru else "ukraine"
            if agent and agent[-1].start() > best_pos:
                side = _side_of(agent[-1].group("who"))
                best_pos, best = agent[-1].start(), "russia" if side == "ukraine" else "ukraine"
            if best is None and c.sent in prev_by_sent:
                best = prev_by_sent[c.sent]
            if best is None:
                # "498 of its troops": the country the sentence names before the figure.
                countries = [(x.start(), "russia") for x in _COUNTRY_RU.finditer(before)]
                countries += [(x.start(), "ukraine") for x in _COUNTRY_UA.finditer(before)]
                if re.search(r"\bof (?:its|their)\b", np) and countries:
                    best = max(countries)[1]
            subject = best
        c.subject = subject
        if subject and subject != "enemy":
            prev_by_sent[c.sent] = subject


# --- claimants ---------------------------------------------------------------------------


@functools.lru_cache(maxsize=4096)
def _clean_name(value: str | None) -> str:
    """A claimant or publisher name without control characters or runs of spaces."""
    if not isinstance(value, str):
        return ""
    kept = "".join(ch if unicodedata.category(ch) not in ("Cc", "Cf") else " " for ch in value)
    return " ".join(kept.split())[:300]


@functools.lru_cache(maxsize=4096)
def _canonical(np: str) -> str | None:
    """The canonical claimant named in an attribution phrase (its last alias), if any."""
    best: tuple[int, int, str] | None = None
    for m in _ALIAS_ANY.finditer(np):
        end, name = m.end(), None
        for rx, canon in _ALIAS_SINGLES:
            mm = rx.match(np, m.start())
            if mm and (name is None or mm.end() > end or (mm.end() == end and name is None)):
                end, name = mm.end(), canon
        if name is None:
            continue
        if best is None or m.start() >= best[0]:
            best = (m.start(), end, name)
    return best[2] if best else None


def _tidy_np(raw: str) -> str:
    np = _SOURCE_LEAD.sub("", _NP_LEAD.sub("", raw.strip()))
    np = re.sub(
        r"^(?:published|posted|reported|quoted|cited|appearing)\s+(?:on|in|by)\s+", "", np, flags=_I
    )
    owner = _POSSESSOR.match(np)
    if owner:
        np = owner.group("who")
    np = _HONORIFIC.sub("", np)
    np = re.sub(r"^(?:the|a|an)\s+(?=[a-z])", "", np, flags=_I) if np[:1].islower() else np
    return np.strip(" \t'\"“”’-–—,")


def _valid_np(np: str) -> bool:
    if _ANAPHOR.match(np):
        return True
    words = np.split()
    if not words or len(words) > 12 or _ATTR_VERB_RE.search(np) or _LOSS.search(np) or "," in np:
        return False
    if _NP_VERB.search(np) or (_NP_BAD_START.match(words[0]) and not _canonical(np)):
        return False
    first = re.sub(r"^(?:the|a|an)\s+", "", np, flags=_I)
    if not first or not (first[0].isupper() or _GENERIC_CLAIMANT.search(first)):
        return False
    return bool(re.search(r"[A-Z]", np) or _GENERIC_CLAIMANT.search(np))


@dataclass(slots=True)
class _Attribution:
    pos: int
    text: str
    anaphoric: bool


def _attributions(text: str, sent: _Sentence) -> list[_Attribution]:
    """Who the sentence says is speaking: "X said", "according to X", ", said X", "by X"."""
    s = re.sub(r"\([A-Z]{1,6}\)", lambda m: " " * len(m.group(0)), text[sent.start : sent.end])
    out: list[_Attribution] = []
    for m in _ACCORDING.finditer(s):
        np = _tidy_np(_NP_VERB_CUT.sub("", m.group("np")))
        np = re.split(r"\s+(?:on|in|at|during)\s+(?=[A-Z\d])|\s+(?:said|reported)\b", np)[0]
        if _valid_np(np):
            out.append(_Attribution(sent.start + m.start(), np, bool(_ANAPHOR.match(np))))
    for m in _BY_FROM.finditer(s):
        np = _tidy_np(_NP_VERB_CUT.sub("", m.group("np")))
        np = re.split(r"\s+(?:on|in|at|during|that|which)\s+", np)[0]
        if _valid_np(np):
            out.append(_Attribution(sent.start + m.start(), np, bool(_ANAPHOR.match(np))))
    for m in _INVERTED.finditer(s):
        np = _tidy_np(re.split(r"\s+(?:on|in|at|during)\s+", m.group("np"))[0])
        if _valid_np(np) and _canonical(np):
            out.append(_Attribution(sent.start + m.start(), np, False))
    for m in _ATTR_VERB_RE.finditer(s):
        head = s[: m.start()]
        if _DETERMINER_END.search(head):
            continue
        cuts = [b.end() for b in _NP_BOUNDARY.finditer(head)]
        np = ""
        for k in range(len(cuts), -1, -1):
            start = cuts[k - 1] if k > 0 else 0
            cand = _tidy_np(head[start:])
            if cand and _valid_np(cand):
                np = cand
                break
            if cand and cand[:1].islower() and not _ANAPHOR.match(cand):
                continue
            if len(head[start:].split()) > 12:
                break
        if (np and not re.search(r"^(?:it|they|he|she)$", np, _I)) or (np and _ANAPHOR.match(np)):
            out.append(_Attribution(sent.start + m.start(), np, bool(_ANAPHOR.match(np))))
    out.sort(key=lambda a: a.pos)
    return out


def _resolve_bare(
    canon_or_np: str, context: str, subject: str | None, memory: dict[str, str]
) -> str:
    """ "the Defense Ministry": the article's earlier qualified ministry, else context."""
    if lx.BARE_MOD.match(canon_or_np):
        if "mod" in memory:
            return memory["mod"]
        if re.search(r"\bintelligence\b|\bBritish\b|\bUK\b", context):
            return lx.MOD_UK
        return lx.MOD_RU if subject == "ukraine" else lx.MOD_UA
    if lx.BARE_GENERAL_STAFF.match(canon_or_np):
        return memory.get("gs", lx.GS_UA)
    return canon_or_np


def _name_claimant(np: str, context: str, subject: str | None, memory: dict[str, str]) -> str:
    canon = _canonical(np)
    bare = re.sub(r"^(?:the|a|an)\s+", "", np, flags=_I)
    if lx.BARE_MOD.match(bare) or lx.BARE_GENERAL_STAFF.match(bare):
        return _resolve_bare(bare, context, subject, memory)
    if canon:
        if canon in (lx.MOD_UA, lx.MOD_RU, lx.MOD_UK):
            memory["mod"] = canon
        return canon
    return _clean_name(np)


def _assign_claimants(
    text: str, sentences: list[_Sentence], cands: list[_Cand], publisher: str
) -> None:
    """Sentence attribution ("X said", "according to X", "This was reported by X"), carried
    through the paragraph and into the next two paragraphs that name nobody; a headline's
    prefix or suffix ("Ministry: ...", "... – Russian MOD"); else the publisher."""
    by_sent: dict[int, list[_Cand]] = {}
    for c in cands:
        by_sent.setdefault(c.sent, []).append(c)
    memory: dict[str, str] = {}
    with_claims = {sentences[c.sent].para for c in cands}
    wanted = with_claims | {p - 1 for p in with_claims} | {p - 2 for p in with_claims}
    para_claimant: tuple[str, str] | None = None
    last_claimant: tuple[str, str] | None = None
    last_para = -9
    current_para = -1
    for si, sent in enumerate(sentences):
        s_text = text[sent.start : sent.end]
        if sent.para != current_para:
            current_para = sent.para
            para_claimant = None
            if last_claimant and (_CONTINUATION_START.match(s_text) or sent.para - last_para <= 2):
                para_claimant = last_claimant
        context = text[max(0, sent.start - 400) : sent.end]
        attrs = _attributions(text, sent) if sent.para in wanted else []
        back = _BACKWARD.match(s_text)
        if back:
            np = _tidy_np(re.split(r"\s+(?:on|in|at|during|that)\s+", back.group("np"))[0])
            if _valid_np(np):
                prev_cands = by_sent.get(si - 1, [])
                subject = prev_cands[0].subject if prev_cands else None
                name = _name_claimant(np, context, subject, memory)
                for c in prev_cands:
                    if not c.explicit_claimant:
                        c.claimant, c.claimant_text = name, np
                        c.explicit_claimant = True
                para_claimant = last_claimant = (name, np)
                last_para = sent.para
        heading_np = _heading_attribution(s_text) if sent.heading else None
        sent_cands = by_sent.get(si, [])
        for c in sent_cands:
            chosen = _choose_attribution(attrs, c.q_start)
            if chosen and _REPORTEDLY.search(text[chosen.pos : c.q_start]):
                c.claimant, c.claimant_text = publisher, None
                c.explicit_claimant = True
                continue
            if chosen and chosen.anaphoric:
                who = _resolve_anaphor(text, sent, chosen, para_claimant or last_claimant)
                if who:
                    name = _name_claimant(who[0], context, c.subject, memory)
                    c.claimant, c.claimant_text = name if who[1] else who[0], chosen.text
                    c.explicit_claimant = True
                    continue
                chosen = None
            if chosen:
                name = _name_claimant(chosen.text, context, c.subject, memory)
                name = _same_side(name, last_claimant)
                c.claimant, c.claimant_text, c.explicit_claimant = name, chosen.text, True
            elif heading_np:
                c.claimant = _name_claimant(
                    heading_np, text[: sentences[-1].end], c.subject, memory
                )
                c.claimant_text = heading_np
                c.explicit_claimant = True
            elif _REPORTEDLY.search(text[sent.start : c.q_start]):
                c.claimant, c.claimant_text = publisher, None
            elif para_claimant:
                c.claimant, c.claimant_text = para_claimant
            else:
                c.claimant, c.claimant_text = publisher, None
        explicit = [a for a in attrs if not a.anaphoric]
        if explicit and not sent.heading:
            np = explicit[0].text
            subject = sent_cands[0].subject if sent_cands else None
            name = _same_side(_name_claimant(np, context, subject, memory), last_claimant)
            para_claimant = last_claimant = (name, np)
            last_para = sent.para
        elif sent_cands and sent_cands[-1].explicit_claimant and not sent.heading:
            para_claimant = (
                sent_cands[-1].claimant or publisher,
                sent_cands[-1].claimant_text or "",
            )
            last_claimant, last_para = para_claimant, sent.para
        elif any(a.anaphoric for a in attrs) and para_claimant and not sent.heading:
            last_claimant, last_para = para_claimant, sent.para
    for c in cands:
        if c.subject in (None, "enemy"):
            russian_side = c.claimant in lx.RUSSIAN_CLAIMANTS or (
                c.claimant_text
                and _COUNTRY_RU.search(c.claimant_text or "")
                and not _COUNTRY_UA.search(c.claimant_text or "")
            )
            c.subject = "ukraine" if russian_side else "russia"


def _heading_attribution(s_text: str) -> str | None:
    """The speaker a headline names: "Ministry: Russia lost ...", "... – Russian MOD",
    "..., Ukraine says"."""
    for rx in (_HEADLINE_PREFIX, _HEADLINE_SUFFIX):
        m = rx.search(s_text)
        if m:
            np = _tidy_np(m.groupdict().get("np") or m.groupdict().get("np2") or "")
            if np and _valid_np(np) and not _ANAPHOR.match(np):
                return np
    return None


def _resolve_anaphor(
    text: str, sent: _Sentence, attr: _Attribution, carried: tuple[str, str] | None
) -> tuple[str, bool] | None:
    """Who "it", "the group", "the minister" is: a country said to speak earlier in the
    sentence, the claimant carried so far, else the last named source before the sentence.
    Returns (name, needs_naming)."""
    before = text[sent.start : attr.pos]
    if re.fullmatch(r"(?:he|she|they|it|we)", attr.text, _I):
        lead = _SENTENCE_SUBJECT.match(before) or _COUNTRY_SPEAKER.search(before)
        if lead:
            return lead.group(1), True
    if lx.BARE_MOD.match(re.sub(r"^(?:the|this|that)\s+", "", attr.text, flags=_I)):
        return attr.text, True
    if carried:
        return carried[0], False
    named = list(_ALIAS_ANY.finditer(text, max(0, sent.start - 1500), sent.start))
    if named:
        return named[-1].group(0), True
    return None


def _same_side(name: str, last: tuple[str, str] | None) -> str:
    """A bare country ("according to Moscow", "Ukraine said") is the last named source of
    that side, when there is one."""
    if not last or not _BARE_COUNTRY.fullmatch(name):
        return name
    side = _side_of(name)
    last_ru = last[0] in lx.RUSSIAN_CLAIMANTS or bool(_COUNTRY_RU.search(last[0]))
    last_ua = bool(_COUNTRY_UA.search(last[0])) and not last_ru
    if (side == "russia" and last_ru) or (side == "ukraine" and last_ua):
        return last[0]
    return name


def _choose_attribution(attrs: list[_Attribution], pos: int) -> _Attribution | None:
    """The closest attribution before the figure, else the first one after it."""
    before = [a for a in attrs if a.pos <= pos]
    if before:
        return before[-1]
    return attrs[0] if attrs else None


# --- dates and periods -------------------------------------------------------------------


def _make_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _dates(text: str, start: int, end: int, ref: dt.date) -> list[tuple[int, dt.date, bool]]:
    """Dates in text[start:end]: (position, date, is_a_start_date)."""
    out = []
    for m in _DATE.finditer(text, start, end):
        d: dt.date | None = None
        if m.group("wd"):
            back = (ref.weekday() - _WEEKDAYS.index(m.group("wd").lower())) % 7
            d = ref - dt.timedelta(days=back)
        elif m.group("y3"):
            d = _make_date(int(m.group("y3")), int(m.group("m3")), int(m.group("d3")))
        else:
            mon = (m.group("m1") or m.group("m2") or "").lower().rstrip(".")
            day = m.group("d1") or m.group("d2")
            year = m.group("y1") or m.group("y2")
            month = _MONTHS.get(mon)
            if month is None or day is None:
                continue
            d = _make_date(int(year) if year else ref.year, month, int(day))
            if d and not year and d > ref + dt.timedelta(days=1):
                d = _make_date(ref.year - 1, month, int(day))
        if d is None:
            continue
        is_start = (
            bool(_START_CUE.search(text[max(start, m.start() - 60) : m.start()])) or d == INVASION
        )
        out.append((m.start(), d, is_start))
    return out


def _first_full_date(text: str, sentences: list[_Sentence]) -> dt.date | None:
    """The first date with a year in the story (a byline or dateline), not a start date."""
    for sent in sentences[:40]:
        for m in _DATE.finditer(text, sent.start, sent.end):
            year = m.group("y1") or m.group("y2") or m.group("y3")
            if not year:
                continue
            found = _dates(text, m.start(), m.end(), dt.date(int(year), 12, 31))
            if found and not found[0][2]:
                return found[0][1]
    return None


def _assign_periods(
    text: str, sentences: list[_Sentence], cands: list[_Cand], ref: dt.date, has_published: bool
) -> None:
    """as_of from the sentence's date, else the paragraph's, else the reference date. The period
    comes from a cue of the figure's own clause or sentence; a figure without one takes the
    period of the figure before it in the sentence, of a restatement of it elsewhere, of the
    paragraph, of the paragraph before when the sentence goes on from it; else weak cues."""
    para_date: dict[int, dt.date] = {}
    sent_dates: dict[int, list[tuple[int, dt.date, bool]]] = {}
    prev_in_sent: dict[int, _Cand] = {}
    pending: list[_Cand] = []
    pieces: dict[int, list[tuple[int, int, str | None, dt.date | None]]] = {}
    for c in cands:
        sent = sentences[c.sent]
        if c.sent not in sent_dates:
            sent_dates[c.sent] = _dates(text, sent.start, sent.end, ref)
            ends = [d for _, d, st in sent_dates[c.sent] if not st]
            if ends:
                para_date[sent.para] = ends[-1]
        dates = sent_dates[c.sent]
        as_of_dates = [d for _, d, st in dates if not st]
        as_of = as_of_dates[-1] if as_of_dates else para_date.get(sent.para, ref)
        if as_of > ref and has_published:
            as_of = ref
        c.as_of = as_of
        cs, ce = _clause_start(text, sent, c.q_start), _clause_end(text, sent, c.q_end)
        period, start = _period_cue(text, cs, ce, c, dates, as_of)
        if period is None and c.derived:
            period = "window"
        base = prev_in_sent.get(c.sent)
        if period is None and base is not None and base.period:
            period, start = base.period, base.period_start
        if period is None:
            period, start = _period_from_other_clauses(text, sent, c, cands, dates, as_of, pieces)
        _set_period(c, period, start)
        if not c.derived:
            prev_in_sent[c.sent] = c
        if period is None:
            pending.append(c)
    if not pending:
        return
    cued: dict[tuple[str | None, str, int], _Cand] = {}
    for c in sorted((c for c in cands if c.period), key=lambda c: c.heading):
        cued.setdefault((c.subject, c.metric, c.value), c)
    prev: _Cand | None = None
    last_by_para: dict[int, _Cand] = {}
    for c in cands:
        sent = sentences[c.sent]
        if c.period is None:
            period, start = _inherited_period(text, sent, c, prev, cued, last_by_para, sentences)
            _set_period(c, period, start)
        prev = c
        if not c.derived:
            last_by_para[sent.para] = c


def _set_period(c: _Cand, period: str | None, start: dt.date | None) -> None:
    as_of = c.as_of or INVASION
    if period == "cumulative":
        start = INVASION if as_of >= INVASION else None
    elif period == "window" and (start is None or start > as_of):
        start = as_of
    c.period, c.period_start = period, start


def _inherited_period(
    text: str,
    sent: _Sentence,
    c: _Cand,
    prev: _Cand | None,
    cued: dict[tuple[str | None, str, int], _Cand],
    last_by_para: dict[int, _Cand],
    sentences: list[_Sentence],
) -> tuple[str | None, dt.date | None]:
    """The period of a figure whose own clause and sentence give none."""
    if prev is not None and prev.sent == c.sent and prev.period:
        return prev.period, prev.period_start
    same = cued.get((c.subject, c.metric, c.value))
    if same is not None and same is not c and same.period:
        return same.period, same.period_start
    if sent.para in last_by_para and last_by_para[sent.para].period:
        base = last_by_para[sent.para]
        return base.period, base.period_start
    s_text = text[sent.start : c.q_start]
    if _WEAK_CUMULATIVE.search(text, sent.start, sent.end):
        return "cumulative", None
    if _BEFORE_NUM_WINDOW.search(text[max(sent.start, c.q_start - 30) : c.q_start]):
        return "window", c.as_of
    if sent.para - 1 in last_by_para and _CONTINUES.search(s_text):
        base = last_by_para[sent.para - 1]
        return base.period, base.period_start
    if c.value < 100 and _EVENT_PAST.search(text, sent.start, sent.end):
        return "window", c.as_of
    return "cumulative", None


def _period_cue(
    text: str, start: int, end: int, c: _Cand, dates: list, as_of: dt.date
) -> tuple[str | None, dt.date | None]:
    """The period a stretch of text gives a figure, or (None, None)."""
    seg = text[start:end]
    if _AFTER_NUM_WINDOW.match(text[_num_end(text, c) : _num_end(text, c) + 12]):
        return "window", as_of
    since = _SINCE_DATE.search(seg)
    if since:
        for pos, d, _ in dates:
            if start + since.start() <= pos <= start + since.end() and d != INVASION:
                return "window", d
    m = _STRONG_WINDOW.search(seg)
    if m:
        return "window", _window_start(m.group(0), as_of)
    if _CUMULATIVE.search(seg):
        return "cumulative", None
    for weak in _WEAK_WINDOW.finditer(seg):
        # "said on Tuesday" dates the statement, not the losses.
        if not _ATTRIBUTED_DAY.search(
            text[max(0, start + weak.start() - 30) : start + weak.start()]
        ):
            return "window", as_of
    return None, None


def _num_end(text: str, c: _Cand) -> int:
    m = re.search(
        r"\d[\d,.  ]*[kK]?|\b(?:one|two|three|four|five|six|seven|eight|nine|ten)\b",
        text[c.q_start : c.q_end],
    )
    return c.q_start + m.end() if m else c.q_end


def _period_from_other_clauses(
    text: str,
    sent: _Sentence,
    c: _Cand,
    cands: list[_Cand],
    dates: list,
    as_of: dt.date,
    cache: dict[int, list[tuple[int, int, str | None, dt.date | None]]],
) -> tuple[str | None, dt.date | None]:
    """Cues in the sentence's clauses that carry no figure of their own (the clause cues are
    computed once per sentence)."""
    if c.sent not in cache:
        cues = []
        pos = sent.start
        for piece in re.split(r"[,;:()]", text[sent.start : sent.end]):
            p_start, p_end = pos, pos + len(piece)
            pos = p_end + 1
            probe = _Cand(c.metric, c.value, c.qualifier, p_end, p_end, c.sent)
            period, start = _period_cue(text, p_start, p_end, probe, dates, as_of)
            if period:
                cues.append((p_start, p_end, period, start))
        cache[c.sent] = cues
    found = [
        (abs(p_start - c.q_start), period, start)
        for p_start, p_end, period, start in cache[c.sent]
        if not any(
            o.sent == c.sent and o is not c and o.q_start < p_end and o.q_end > p_start
            for o in cands
        )
    ]
    if not found:
        return None, None
    best = min(found, key=lambda f: f[0])
    return best[1], best[2]


def _window_start(cue: str, as_of: dt.date) -> dt.date:
    """First day of a window named by a cue ("over the past week" -> as_of - 6 days)."""
    m = _PAST_N.search(cue)
    low = cue.lower()
    if m:
        raw = (m.group("n") or "1").lower()
        n = int(raw) if raw.isdigit() else _SMALL_WORDS.get(raw, 1)
        unit = m.group("unit").lower()
        if unit.startswith("hour"):
            return as_of
        days = n * {"d": 1, "w": 7, "m": 30}[unit[0]]
        return as_of - dt.timedelta(days=max(days - 1, 0))
    if "week" in low:
        return as_of - dt.timedelta(days=6)
    if "month" in low:
        return as_of - dt.timedelta(days=29)
    if "fortnight" in low:
        return as_of - dt.timedelta(days=13)
    if "overnight" in low or "last night" in low:
        return as_of - dt.timedelta(days=1)
    return as_of


# --- merging and ids ---------------------------------------------------------------------


def _merge_restatements(cands: list[_Cand]) -> list[_Cand]:
    """One claim per (subject, metric, value, period): a body mention beats a headline one."""
    chosen: dict[tuple[str, str, int, str], _Cand] = {}
    for c in cands:
        key = (c.subject or "russia", c.metric, c.value, c.period or "cumulative")
        old = chosen.get(key)
        if old is None or (old.heading and not c.heading):
            chosen[key] = c
            if old is not None and old.explicit_claimant and not c.explicit_claimant:
                # the headline named who speaks ("General Staff: ..."), the body did not
                c.claimant, c.claimant_text = old.claimant, old.claimant_text
    keep = {id(c) for c in chosen.values()}
    return [c for c in cands if id(c) in keep]


def _to_claims(text: str, cands: list[_Cand], article_id: str, publisher: str) -> list[Claim]:
    out: list[Claim] = []
    seen: dict[str, int] = {}
    for c in cands:
        quote = text[c.q_start : c.q_end]
        if not quote.strip() or len(quote) > 2000 or c.q_end <= c.q_start:
            continue
        claimant = _clean_name(c.claimant) or publisher
        claimant_text = _clean_name(c.claimant_text) or None
        subject = (
            c.subject
            if c.subject and re.fullmatch(r"[a-z][a-z0-9_ .-]{0,59}", c.subject)
            else "russia"
        )
        as_of = c.as_of or dt.date(1970, 1, 1)
        parts = [
            article_id,
            claimant,
            subject,
            c.metric,
            c.period or "cumulative",
            str(c.period_start),
            str(as_of),
        ]
        base = "|".join(parts)
        k = seen.get(base, 0)
        seen[base] = k + 1
        digest = hashlib.sha256(f"{base}|{k}".encode("utf-8", "surrogatepass")).hexdigest()[:16]
        out.append(
            Claim(
                claim_id=f"c_{digest}",
                claimant=claimant,
                claimant_text=claimant_text,
                publisher=publisher,
                subject=subject,
                metric=c.metric,
                value=c.value,
                qualifier=c.qualifier,
                period=c.period or "cumulative",
                period_start=c.period_start,
                as_of=as_of,
                quote=quote,
                span=(c.q_start, c.q_end),
            )
        )
    return out
