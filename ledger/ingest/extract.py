"""The claim extractor: a pure, versioned function from an article's text to its loss claims.

Owns `extract_claims` and `EXTRACTOR_VERSION`. Rules, not models: a number becomes a claim
when a metric noun from the lexicon names what it counts and its sentence speaks of losses;
the sentence (and its paragraph) give the claimant, the subject, the qualifier and the period.
Numbers in page furniture (see `furniture.py`) are skipped. Deterministic, no I/O, no clock.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import unicodedata
from dataclasses import dataclass, field, replace

from events.claims import Claim
from ledger.ingest import lexicon as lx
from ledger.ingest.furniture import furniture_spans, in_spans
from ledger.ingest.numbers import Number, find_numbers

EXTRACTOR_VERSION = "1.0"

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
_DETERMINER_END = re.compile(
    r"\b(?:the|a|an|its|their|his|her|this|that|latest|daily|new|according to)\s*$", _I
)
_HONORIFIC = re.compile(r"\b(?:Mr|Mrs|Ms|Dr|Prof)\.?\s+")
_ANAPHOR = re.compile(
    r"^(?:he|she|they|it|we|(?:the |this |that )?"
    r"(?:post|report|statement|update|source|agency|office|"
    r"department|military|army|article|website|briefing|service|press service|spokesman|"
    r"spokesperson|official|officials|intelligence update|assessment))$",
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
    r"(?:\s+\w+){0,3}?\s+(?:los[te]s?|losing|losses|suffered|sustained|has lost|have lost|"
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
_TRANSPARENT_AFTER = re.compile(r"^\s*(?:units?|pcs\.?|pieces|items)\b", _I)
_BARE_LOSS_AFTER = re.compile(
    r"^\s*(?:(?:were|was|have been|had been|has been|are|being|had|have|reportedly)\s+)*"
    r"(?:(?:killed|dead|died|wounded|injured|killed and wounded|killed or wounded|"
    r"killed or injured|perished|slain)\b)",
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
    r"\b(?:will|would|could|may|might|expected to|projected|forecasts?|predicts?|plans? to|"
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
    r"\b(?:launch(?:ed|es|ing)?|fired|provid\w+|send(?:s|ing)?|sent|deliver\w*|suppl(?:y|ied|ies)|"
    r"pledg\w+|donat\w+|package|aid|receiv\w+|transfer\w*|order(?:ed|s)?|purchas\w+|produc\w+|"
    r"manufactur\w+|buil[dt]\w*|deploy\w*|mobili[sz]\w+|recruit\w*)\b",
    _I,
)
_BAD_BEFORE = re.compile(r"(?:[A-Za-z]-?|[#$€£¥№]\s?|No\.\s?|(?<!\()\+|\d[:/.]|/)$")
_BAD_AFTER = re.compile(
    r"^(?:\s?%|\s?per ?cent|\s?percent|(?:st|nd|rd|th)\b|[:/]\d|-(?:year|day|month|week|hour|mile|"
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
_OF_TOTAL = re.compile(r"\s+of\s+(?:the\s+)?$", _I)
_PLUS_PAREN = re.compile(r"\(\s*\+\s*$")
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

_STRONG_WINDOW = re.compile(
    r"\b(?:in (?:a|one|a single) day|per day|a day\b(?! later| earlier| before| after)|daily|"
    r"(?:over|in|during|for) the (?:past|last|previous) (?:day|24 hours|twenty-four hours|"
    r"(?:\d+|two|three|four|five|six|seven|ten|several|few) (?:days|weeks|months)|week|month|"
    r"fortnight)|(?:last|this|past) (?:week|month|day)|overnight|within (?:a|one|24 hours)|"
    r"in (?:a|one|the) week|in 24 hours|(?:on|in) the same day|since (?:yesterday|midnight))\b",
    _I,
)
_CUMULATIVE = re.compile(
    r"\b(?:(?:a |the |in )?total|totall?ing|overall|so far|to date|thus far|in all|"
    r"since the (?:beginning|start|outbreak|onset) of|since (?:russia['’]s |the )?(?:full-scale |"
    r"all-out |large-scale )?(?:invasion|war)|since (?:moscow|russia) (?:began|launched|invaded)|"
    r"(?:in|over|during) (?:the )?(?:\w+ )?(?:\d+|two|three|four|five|six|seven|eight|nine|ten|"
    r"eleven|twelve) (?:months|years|weeks|days) of (?:the |its )?(?:full-scale )?"
    r"(?:war|invasion|fighting)|"
    r"of the (?:full-scale )?(?:war|invasion)|throughout the war|as of|"
    r"since (?:february|feb\.?) 24|"
    r"since 24 (?:february|feb)|from (?:february|feb\.?) 24|from 24 (?:february|feb)|"
    r"between (?:february|feb\.?) 24|cumulative|altogether|has lost|have lost|had lost|"
    r"have been killed|has been killed|had been killed)\b",
    _I,
)
_WEAK_WINDOW = re.compile(
    rf"\b(?:on (?:{'|'.join(_WEEKDAYS)})|yesterday|today|tonight|last night|this morning|"
    r"on the (?:same|previous|next) day)\b",
    _I,
)
_AFTER_NUM_WINDOW = re.compile(r"^\s*(?:more|additional|other|extra)\b", _I)
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


def _sentences(text: str, furniture: list[tuple[int, int]]) -> list[_Sentence]:
    """Sentences of the non-furniture lines; a short line without final stop is a heading."""
    out: list[_Sentence] = []
    pos = 0
    para = 0
    title = ""
    for line in text.split("\n"):
        start, end = pos, pos + len(line)
        pos = end + 1
        stripped = line.strip()
        if not stripped or in_spans(start + (len(line) - len(line.lstrip())), furniture):
            continue
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
        if word in _STOP_WORDS or (re.search(r"\d", word) and not re.search(r"[a-z]-\d", word)):
            return None
        if words >= 4:
            return None
        pos = m.end()
    return None


def _lookback_metric(text: str, clause_start: int, num_start: int) -> tuple[str, int] | None:
    """A metric noun named before the number in its clause ("tanks – 251", "dead at 315,000")."""
    before = text[clause_start:num_start]
    stripped = _QUALIFIER_BEFORE.sub("", before.rstrip()).rstrip()
    if not _LOOKBACK_SEP.search(stripped):
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
    for si, sent in enumerate(sentences):
        if not _LOSS.search(text, sent.start, sent.end):
            continue
        nums = [n for n in find_numbers(text, sent.start, sent.end) if not _is_not_a_count(text, n)]
        out.extend(_sentence_candidates(text, sent, si, nums))
        out.extend(_article_ones(text, sent, si, nums))
    out.sort(key=lambda c: (c.q_start, c.q_end))
    return out


def _qualifier(text: str, sent: _Sentence, n: Number) -> tuple[str, int]:
    before = text[max(sent.start, n.start - 40) : n.start]
    m = _QUALIFIER_BEFORE.search(before)
    if m:
        return lx.QUALIFIERS_BEFORE[m.group(1).lower()], n.start - (len(before) - m.start(1))
    if re.match(r"^\+|^\s+or more\b", text[n.end : n.end + 9], _I):
        return "at_least", n.start
    return "exact", n.start


def _sentence_candidates(text: str, sent: _Sentence, si: int, nums: list[Number]) -> list[_Cand]:
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
                hi = _one_candidate(text, sent, si, nxt, out)
                lo_metric = hi.metric if hi else None
                if hi is None:
                    lb = _lookback_metric(text, _clause_start(text, sent, n.start), n.start)
                    if lb:
                        lo_metric = lb[0]
                        hi = _Cand(lb[0], nxt.value, "at_most", lb[1], nxt.end, si)
                if lo_metric and hi and n.value < nxt.value:
                    b = _BETWEEN_BEFORE.search(before)
                    q_start = sent.start + b.start() if b else n.start
                    q_start = min(q_start, hi.q_start)
                    out.append(_Cand(lo_metric, n.value, "at_least", q_start, hi.q_end, si))
                    out.append(replace(hi, qualifier="at_most", q_start=q_start))
                    skip.add(i + 1)
                    continue
        if i + 1 < len(nums) and _OF_TOTAL.fullmatch(text[n.end : nums[i + 1].start]):
            whole = _one_candidate(text, sent, si, nums[i + 1], out)
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
        cand = _one_candidate(text, sent, si, n, out)
        if cand:
            out.append(cand)
    for c in out:
        c.heading = sent.heading
    return out


def _one_candidate(
    text: str, sent: _Sentence, si: int, n: Number, previous: list[_Cand]
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
    bare = _BARE_LOSS_AFTER.match(text[n.end : after_limit])
    if bare:
        return _Cand("personnel", n.value, qualifier, q_start, n.end + bare.end(), si)
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
    before = text[sent.start : c.q_start]
    before = re.sub(r"(?<=\d)[.,](?=\d)", "", before)
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
    part = c.extra.get("part")
    if c.metric in ("drones", "cruise_missiles") and not part and _WEAPON_ACTS.match(text, c.q_end):
        return False
    rest = _METRIC_ANY.sub(" ", clause)
    return not (_NON_LOSS_CLAUSE.search(rest) and not _LOSS.search(clause))


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


def _clean_name(value: str | None) -> str:
    """A claimant or publisher name without control characters or runs of spaces."""
    if not isinstance(value, str):
        return ""
    kept = "".join(ch if unicodedata.category(ch) not in ("Cc", "Cf") else " " for ch in value)
    return " ".join(kept.split())[:300]


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
    np = _NP_LEAD.sub("", raw.strip())
    np = _HONORIFIC.sub("", np)
    np = re.sub(r"^(?:the|a|an)\s+(?=[a-z])", "", np, flags=_I) if np[:1].islower() else np
    return np.strip(" \t'\"“”’-–—,")


def _valid_np(np: str) -> bool:
    if _ANAPHOR.match(np):
        return True
    words = np.split()
    if not words or len(words) > 12 or _ATTR_VERB_RE.search(np) or _LOSS.search(np) or "," in np:
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
        np = _tidy_np(m.group("np"))
        np = re.split(r"\s+(?:on|in|at|during)\s+(?=[A-Z\d])|\s+(?:said|reported)\b", np)[0]
        if _valid_np(np):
            out.append(_Attribution(sent.start + m.start(), np, bool(_ANAPHOR.match(np))))
    for m in _BY_FROM.finditer(s):
        np = _tidy_np(m.group("np"))
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
    """Sentence attribution, carried through the paragraph; headline prefix; else publisher."""
    by_sent: dict[int, list[_Cand]] = {}
    for c in cands:
        by_sent.setdefault(c.sent, []).append(c)
    memory: dict[str, str] = {}
    with_claims = {sentences[c.sent].para for c in cands}
    wanted = with_claims | {p - 1 for p in with_claims}
    para_claimant: tuple[str, str] | None = None
    last_claimant: tuple[str, str] | None = None
    current_para = -1
    para_first = True
    for si, sent in enumerate(sentences):
        s_text = text[sent.start : sent.end]
        if sent.para != current_para:
            current_para = sent.para
            para_first = True
            para_claimant = None
            if last_claimant and _CONTINUATION_START.match(s_text):
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
        heading_prefix = _HEADLINE_PREFIX.match(s_text) if sent.heading else None
        sent_cands = by_sent.get(si, [])
        for c in sent_cands:
            chosen = _choose_attribution(attrs, c.q_start)
            if chosen and _REPORTEDLY.search(text[chosen.pos : c.q_start]):
                chosen = None
                c.claimant, c.claimant_text = publisher, None
                c.explicit_claimant = True
                continue
            if chosen and chosen.anaphoric:
                who = para_claimant or last_claimant
                lead = _SENTENCE_SUBJECT.match(s_text)
                if lead and re.fullmatch(r"(?:he|she|they|it|we)", chosen.text, _I):
                    who = (_name_claimant(lead.group(1), context, c.subject, memory), lead.group(1))
                if who:
                    c.claimant, c.claimant_text = who[0], chosen.text
                    c.explicit_claimant = True
                    continue
                chosen = None
            if chosen:
                name = _name_claimant(chosen.text, context, c.subject, memory)
                c.claimant, c.claimant_text, c.explicit_claimant = name, chosen.text, True
            elif heading_prefix and _valid_np(heading_prefix.group("np").strip()):
                np = heading_prefix.group("np").strip()
                c.claimant = _name_claimant(np, context, c.subject, memory)
                c.claimant_text = np
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
            para_claimant = (_name_claimant(np, context, subject, memory), np)
            last_claimant = para_claimant
        elif sent_cands and sent_cands[-1].explicit_claimant and not sent.heading:
            para_claimant = (
                sent_cands[-1].claimant or publisher,
                sent_cands[-1].claimant_text or "",
            )
            last_claimant = para_claimant
        para_first = False
    del para_first
    for c in cands:
        if c.subject in (None, "enemy"):
            russian_side = c.claimant in lx.RUSSIAN_CLAIMANTS or (
                c.claimant_text
                and _COUNTRY_RU.search(c.claimant_text or "")
                and not _COUNTRY_UA.search(c.claimant_text or "")
            )
            c.subject = "ukraine" if russian_side else "russia"


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
    """as_of from the sentence's date, else the paragraph's, else the reference date; period
    from the closest cue (clause, then the sentence's claim-free clauses, then the list)."""
    para_date: dict[int, dt.date] = {}
    sent_dates: dict[int, list[tuple[int, dt.date, bool]]] = {}
    prev_in_sent: dict[int, _Cand] = {}
    prev_in_para: dict[int, _Cand] = {}
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
        if period is None and c.sent in prev_in_sent:
            base = prev_in_sent[c.sent]
            period, start = base.period, base.period_start
        if period is None:
            period, start = _period_from_other_clauses(text, sent, c, cands, dates, as_of)
        if period is None and sent.para in prev_in_para:
            base = prev_in_para[sent.para]
            period, start = base.period, base.period_start
        if period is None:
            event = _EVENT_PAST.search(text[sent.start : sent.end])
            period, start = ("window", as_of) if event and c.value < 100 else ("cumulative", None)
        if period == "cumulative":
            start = INVASION if as_of >= INVASION else None
        elif start is None or start > as_of:
            start = as_of
        c.period, c.period_start = period, start
        if not c.derived:
            prev_in_sent[c.sent] = c
            prev_in_para[sent.para] = c


def _period_cue(
    text: str, start: int, end: int, c: _Cand, dates: list, as_of: dt.date
) -> tuple[str | None, dt.date | None]:
    """The period a stretch of text gives a figure, or (None, None)."""
    seg = text[start:end]
    before_num = text[max(start, c.q_start - 30) : c.q_start]
    if _AFTER_NUM_WINDOW.match(
        text[_num_end(text, c) : _num_end(text, c) + 12]
    ) or _BEFORE_NUM_WINDOW.search(before_num):
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
    weak = _WEAK_WINDOW.search(seg)
    if weak:
        return "window", as_of
    return None, None


def _num_end(text: str, c: _Cand) -> int:
    m = re.search(
        r"\d[\d,.  ]*[kK]?|\b(?:one|two|three|four|five|six|seven|eight|nine|ten)\b",
        text[c.q_start : c.q_end],
    )
    return c.q_start + m.end() if m else c.q_end


def _period_from_other_clauses(
    text: str, sent: _Sentence, c: _Cand, cands: list[_Cand], dates: list, as_of: dt.date
) -> tuple[str | None, dt.date | None]:
    """Cues in the sentence's clauses that carry no figure of their own."""
    others = [(o.q_start, o.q_end) for o in cands if o.sent == c.sent and o.derived]
    pieces = re.split(r"[,;:()]", text[sent.start : sent.end])
    pos = sent.start
    found: list[tuple[int, str | None, dt.date | None]] = []
    for piece in pieces:
        p_start, p_end = pos, pos + len(piece)
        pos = p_end + 1
        if any(a < p_end and b > p_start for a, b in others):
            continue
        probe = _Cand(c.metric, c.value, c.qualifier, p_end, p_end, c.sent)
        period, start = _period_cue(text, p_start, p_end, probe, dates, as_of)
        if period:
            found.append((abs(p_start - c.q_start), period, start))
    if not found:
        return None, None
    strong = [f for f in found if f[1] == "cumulative"] if False else found
    best = min(strong, key=lambda f: f[0])
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
