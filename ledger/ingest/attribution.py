"""Attribution: who claims a figure.

Owns `assign_claimants` (sentence attributions such as "X said", "according to X",
", said X", "This was reported by X", carried through paragraphs; headline prefixes and
suffixes; anaphors; else the publisher), the claimant-name helpers (`clean_name`) and the
last-resort subject of figures whose sentence named no side. Imports: `lexicon`, `rx`,
`cues`, `sentences`, `candidates` (types only).
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass

from ledger.ingest import lexicon as lx
from ledger.ingest.candidates import Cand
from ledger.ingest.cues import ATTR_VERBS, COUNTRY_RU, COUNTRY_UA, LOSS, side_of
from ledger.ingest.rx import fold_case, guarded, has_any, split_alternation
from ledger.ingest.sentences import Sentence

_I = re.IGNORECASE

_ALIAS_SINGLES = [(re.compile(p, _I), c) for p, c in lx.CLAIMANT_ALIASES.items()]
_ALIAS_ANY = lx.compile_alternation(lx.CLAIMANT_ALIASES)
_CANONICAL_NAMES = frozenset(lx.CLAIMANT_ALIASES.values())

_ATTR_VERB_RE = guarded(
    rf"(?:\b(?:has|have|had|also|previously|earlier|later|now|then|again|further|reportedly|not|"
    rf"recently|itself|himself|herself|themselves)"
    rf"\s+)*"
    rf"[\"“”']?\b(?:{ATTR_VERBS})\b[\"“”']?",
    _I,
)
# The attribution verbs as words, leaving out those that hold a shorter one ("says" holds
# "say"): every match of a pattern built on ATTR_VERBS holds one of them, case-folded.
_ATTR_VERB_WORDS = tuple(
    w
    for w in (v.lower() for v in ATTR_VERBS.split("|"))
    if w.isalpha() and not any(o != w and o in w for o in ATTR_VERBS.lower().split("|"))
)
if not all(v.isalpha() for v in ATTR_VERBS.split("|")):
    raise ValueError("ATTR_VERBS must be plain words for _ATTR_VERB_WORDS")
_ACCORDING = guarded(r"\baccording to\s+(?P<np>(?:[^,.;:()\"“”]|\.(?=\w)){2,80})", _I)
_BY_FROM = guarded(
    r"\b(?:reported|announced|stated|claimed|claims|released|published|confirmed|provided|report|data|"
    r"figures|statement|update|briefing|tweet|post|quoted|issued|compiled|estimates?|assessment|"
    r"analysis)\s+(?:by|from)\s+"
    r"(?P<np>(?:[^,.;:()\"“”]|\.(?=\w)){2,80})",
    _I,
)
_INVERTED = guarded(
    rf"[,\"“”]\s*(?:{ATTR_VERBS})\s+(?P<np>(?:the\s+)?[A-Z][\w'’.-]*(?:\s+(?:of|the|for|and|[A-Z][\w'’.-]*))*)"
)
_BACKWARD = guarded(
    r"^\s*(?:This|That|These|It|As|The (?:figures?|data|numbers?))\b(?:['’]s)?[^.]{0,40}?\b"
    r"(?:reported|announced|"
    r"stated|said|claimed|confirmed|disclosed|revealed|report|reports|data|figures|statement|update|"
    r"according)\s+(?:by|from|of|to)\s+"
    r"(?P<np>(?:[^,.;:()\"“”]|\.(?=\w)){2,80})",
    _I,
)
# "According to the outlet, this is stated in a British intelligence report": the report's
# author speaks for the sentence before (and, as with _BACKWARD, the paragraphs after).
_BACKWARD_IN = guarded(
    r"^\s*(?:According to [^,]{2,60},\s*)?(?:This|That|It)\s+(?:is|was|has been)\s+"
    r"(?:stated|said|reported|noted|written)\s+in\s+(?:a|an|the)\s+(?:(?:latest|new|daily|weekly|"
    r"recent|fresh)\s+)*(?P<np>[^,.;:()\"“”]{2,60}?)\s+(?:report|update|review|assessment|"
    r"statement|summary|bulletin)\b",
    _I,
)
# "The Ukrainian Air Force said this in a post": the sentence before is its claim.
_BACKWARD_SAID = guarded(
    r"^\s*(?P<np>[A-Z][^,.;:()\"“”]{1,80}?)\s+(?:said|reported|announced|stated|wrote|posted|"
    r"claimed|confirmed)\s+(?:this|so)\b"
)
# "This is what the president told CNN": the sentence before is the named speaker's claim.
_BACKWARD_WHAT = guarded(
    r"^\s*(?:This|That) is what\s+(?P<np>[A-Z][^,.;:()\"“”]{1,80}?)\s+(?:told|said|wrote|stated|"
    r"reported|announced|claimed)\b"
)
# "Lee, citing intelligence data, said": the one who cites speaks, not what is cited.
_CITING_ASIDE = guarded(
    r"(?P<np>[A-Z][^,;:()\"“”]{1,80}?),\s+(?:citing|quoting|referring to|with reference to)\s+"
    r"[^,;:()\"“”]{2,80},\s*$"
)
# "20 brigade and battalion command posts were hit": "posts" is a noun here, not a verb.
_NOUN_BEFORE_POSTS = guarded(
    r"\b(?:command|observation|border|guard|check|control|firing|military|outlying)\s*$", _I
)
# "Yevgeny Prigozhin, the head of Wagner says": a name and its role, the closing comma left out.
_APPOSED_ROLE = guarded(
    r"(?:^|[,;]\s+)(?P<name>[A-Z][\w'’.-]+(?:\s+[A-Z][\w'’.-]+){1,3}),\s+(?:the|a|an|its|his|her)\s+"
    r"(?:[\w-]+\s+){0,2}?(?:head|chief|leader|founder|commander|spokes(?:man|woman|person)|"
    r"minister|president|director|boss|owner)\b[^,;.]{0,60}$"
)
# "20,000 of his fighters", "their own soldiers": the speaker's side, named in the figure.
_OWN_NP = guarded(
    r"\b(?:(?:of|among)\s+(?:his|her|its|their|our)|(?:his|her|its|their|our)\s+own)\s+"
    r"(?:[\w-]+\s+)?(?:ranks|troops|soldiers|fighters|forces|servicem[ae]n|men|personnel)\b",
    _I,
)
_OWN_RANKS = guarded(
    r"[^.;]{0,40}?\b(?:in|of|among|from)\s+(?:its|their)\s+(?:own\s+)?(?:ranks|troops|soldiers|"
    r"forces|servicemen|army|military)\b",
    _I,
)
# "Censor.NET, with reference to the General Staff": the source referred to speaks.
_REFERENCE_TO = guarded(
    r"^.*?\b(?:with (?:a )?reference to|referring to|citing|quoting|in reference to)\s+", _I
)
_NP_BOUNDARY = guarded(
    r"(?:[,;:()\"“”]|\s[-–—]\s|\b(?:that|and|but|when|while|as|after|because|whereas|which|who|where|"
    r"then|so|if|though|although)\b)",
    _I,
)
_NP_LEAD = guarded(
    r"^(?:with\s+(?=(?:the\s+)?[A-Z]))?(?:(?:in|on|at|via)\s+(?:a|an|the|its|their|his|her)\s+[\w\s-]{0,40}?\s+(?:on|by|of)\s+\w+\s*,?\s*)?"
    r"(?:(?:a|an|the|its|their)\s+(?:tweet|post|statement|report|update|briefing|message|"
    r"release|summary)\s+(?:from|by|of|on)\s+)?",
    _I,
)
# A claimant is a noun phrase: a finite verb inside ("Russia is now visually") or a lower-case
# start that is not a determiner ("based on US intelligence") means the cut went wrong.
_NP_VERB = guarded(
    r"\b(?:is|are|was|were|has|have|had|been|be|to|would|will|can|brings?|brought|puts?|takes|"
    r"took|makes|made|gives|gave)\b",
    _I,
)
# "Center for Strategic and International Studies": an "and" between capitalised words.
_CAPITAL_END = re.compile(r"\b[A-Z][\w.'’-]*\s+$")
_RELATIVE_SPEAKER = guarded(
    r"(?P<np>(?:[A-Z][\w.'’-]*\s+){0,4}(?:[A-Z][\w.'’-]*|officials|analysts|experts))\s*,\s*"
    r"(?:which|who)(?:\s*,[^,;.]{1,40},)?\s+$"
)
_AUX_END = guarded(r"(?:\s+(?:has|have|had|also))+\s*$", _I)
_NOT_A_NAME = guarded(
    r"^(?:As|So|Thus|Also|Then|But|And|Or|Yet|Now|Recent|Latest|New|Media|Other|Some|Earlier|"
    r"Previous|Official|Initial|Local|Western|Further|Such|January|February|March|April|May|June|"
    r"July|August|September|October|November|December|Monday|Tuesday|Wednesday|Thursday|Friday|"
    r"Saturday|Sunday|Today|Yesterday)$"
)
# "presidential aide Mykhailo Podolyak": a lower-case title before a name; the name speaks.
_TITLED_NAME = guarded(
    r"^(?:[a-z][\w-]*\s+){0,3}(?:aide|adviser|advisor|spokes(?:man|woman|person)|official|"
    r"minister|commander|chief|analyst|expert|historian|volunteer|general|director|researcher|"
    r"blogger|journalist|officer|governor|mayor|president|lawmaker|deputy|envoy|ambassador)\s+"
    r"(?P<name>[A-Z][\w'’.-]+(?:\s+[A-Z][\w'’.-]+){1,3})$"
)
# "Oleksiy Arestovych, an adviser to the president, said": the name before the apposition.
_APPOSED_NAME = guarded(
    r"(?:^|[,;]\s+|\b(?:and|but|while|when|as)\s+)(?P<name>[A-Z][\w'’.-]+(?:\s+[A-Z][\w'’.-]+){0,3}),"
    r"\s+(?:a|an|the|his|her)\s+[^,;.]{3,80},(?:\s*(?:along|together) with\s+[^,;.]{2,60},)?\s*$"
)
# "the president", "the Ukrainian leader": a role standing for a person named earlier.
_ROLE_ANAPHOR = guarded(
    r"^(?:the\s+)?(?:(?:Ukrainian|Russian|US|U\.S\.|American|British|Ukraine's|Russia's|"
    r"[A-Z][a-z]+an)\s+)?"
    r"(?P<role>president|leader|prime minister|defen[cs]e minister|minister|commander|"
    r"commander-in-chief|general|spokes(?:man|woman|person))"
    r"(?:\s+(?:meanwhile|also|later|then|again|further|himself|herself))?$",
    _I,
)
_VERB_OBJECT = guarded(r"^[a-z]+(?:s|ed)\s+(?:a|an|the|its|their|his|her)\s")
_NP_BAD_START = guarded(r"^(?:[a-z]+(?:ed|ing)|on|in|at|by|for|with|from|of|as|or|and|but|nor)$")
# Where a noun phrase after "according to" / "released by" stops: at the verb of its clause.
_NP_VERB_CUT = guarded(
    rf"\s+(?:{ATTR_VERBS}|suggests?|shows?|showed|indicates?|indicated|bringing|brings)\b.*$", _I
)
# "figures released by X", "an analysis by X", "X's daily casualty toll": X speaks.
_SOURCE_LEAD = guarded(
    r"^(?:(?:the|a|an|its|their|his|her)\s+)?(?:(?:latest|daily|new|official|recent|updated|"
    r"weekly|morning|evening)\s+)*(?:figures|data|numbers|estimates?|analysis|assessment|count|"
    r"study|survey|research|investigation|review|tally|report|statement|update|information|statistics|calculations?)\s+(?:(?:released|"
    r"published|provided|compiled|issued|collected|shared|posted)\s+)?(?:by|from|of)\s+",
    _I,
)
_POSSESSOR = guarded(
    r"^(?P<who>.+?)['’‘]s\s+(?:[\w-]+\s+){0,3}?(?:figures|data|numbers|estimates?|analysis|"
    r"assessment|count|tally|toll|report|statement|update|information|statistics|calculations?)\b",
    _I,
)
_DETERMINER_END = guarded(
    r"\b(?:the|a|an|its|their|his|her|this|that|latest|daily|new|according to)\s*$", _I
)
_HONORIFIC = guarded(r"\b(?:Mr|Mrs|Ms|Dr|Prof)\.?\s+")
_ANAPHOR = guarded(
    r"^(?:he|she|they|it|we|(?:the |this |that )?"
    r"(?:post|report|statement|update|source|agency|office|"
    r"department|military|army|article|website|briefing|service|press service|spokesman|"
    r"spokesperson|official|officials|intelligence update|assessment|group|project|blog|team|"
    r"monitor|researchers|analysts|data|figures|outlet|newspaper|paper|publication|broadcaster|"
    r"channel|tabloid|magazine|news agency|(?:recent |latest |new |media |other |some )?"
    r"reports|(?:[A-Z][\w-]*-based )?(?:think ?tank|thinktank|institute)))$",
    _I,
)
_GENERIC_CLAIMANT = guarded(
    r"\b(?:officials?|intelligence|military|ministry|army|forces|government|insiders|sources|"
    r"monitoring|group|agency|service|services|staff|command|navy|force|spokes\w+|analysts?|"
    r"experts?|observers?|media|outlet|newspaper|tabloid|website|institute|office|president|"
    r"minister|commander|governor|mayor|authorities|estimate|researchers)\b",
    _I,
)

_CONTINUATION_START = guarded(
    r"^\s*(?:This|These|That|It|They|In addition|Additionally|Also|The figures?|The numbers?|"
    r"Of (?:these|them|this)|Among them|In total|Overall|Besides|Moreover|Furthermore)\b",
    _I,
)
_LIST_LINE = guarded(
    r"^\s*(?:[-*•–]\s|\d[\d,. ]*\s*(?:\(|[A-Za-z])|[A-Za-z][\w /()'’-]{0,70}?\s[-–—:]\s*"
    r"(?:about |approximately |around |over |more than )?\d)",
    _I,
)
_REPORTEDLY = guarded(r"\breportedly\b|\breports say\b|\bit is reported\b", _I)
_SENTENCE_SUBJECT = guarded(
    r"^\s*(Moscow|Kyiv|Kiev|Russia|Ukraine|the Kremlin|Russian authorities|Ukrainian authorities)\b"
)
_HEADLINE_PREFIX = guarded(r"^\s*(?P<np>[A-Z][\w’'.\- ]{1,48}?)\s*:\s+\S")
_HEADLINE_SUFFIX = guarded(
    r"(?:\s[-–—|]\s*|:\s+)(?P<np>[A-Z][\w’'. ]{1,40}?)\s*$"
    r"|,\s*(?P<np2>[A-Z][\w’'. ]{1,40}?)\s+(?:says|said|claims|reports)\s*$"
)
_COUNTRY_SPEAKER = guarded(
    r"\b(Russia|Moscow|Ukraine|Kyiv|Kiev)\s+(?:\w+\s+){0,2}?(?:reported|said|announced|named|"
    r"declared|claimed|published|released|revealed|acknowledged|admitted)\b"
)
_BARE_COUNTRY = guarded(r"(?:Russia|Moscow|Ukraine|Kyiv|Kiev)")

# The war itself, after "since the start of" or "N months of": a cumulative period.

_PUBLISHED_IN = re.compile(
    r"^(?:published|posted|reported|quoted|cited|appearing)\s+(?:on|in|by)\s+", _I
)
_ARTICLE_LOWER = re.compile(r"^(?:the|a|an)\s+(?=[a-z])", _I)
_ARTICLE = re.compile(r"^(?:the|a|an)\s+", _I)
_DEMONSTRATIVE = re.compile(r"^(?:the|this|that)\s+", _I)
_CAPITAL = re.compile(r"[A-Z]")
_PAREN_ABBREV = re.compile(r"\((?:[A-Z]{1,6}|[A-Z][a-z]?[A-Z][A-Za-z]{0,3})\)")
_ACCORDING_CUT = re.compile(r"\s+(?:on|in|at|during)\s+(?=[A-Z\d])|\s+(?:said|reported)\b")
_BY_FROM_CUT = re.compile(r"\s+(?:on|in|at|during|that|which)\s+")
_INVERTED_CUT = re.compile(r"\s+(?:on|in|at|during)\s+")
_BACKWARD_CUT = re.compile(r"\s+(?:on|in|at|during|that)\s+")
_BARE_PRONOUN = re.compile(r"^(?:it|they|he|she)$", _I)
_PRONOUN = re.compile(r"(?:he|she|they|it|we)", _I)
_BRITISH = split_alternation(r"\bintelligence\b|\bBritish\b|\bUK\b")


@functools.lru_cache(maxsize=4096)
def clean_name(value: str | None) -> str:
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


_WHEN_TAIL = guarded(
    r"\s+(?:on|last|this|late|early)\s+(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day"
    r"(?:\s+(?:morning|afternoon|evening|night))?\s*$",
    _I,
)


def _tidy_np(raw: str) -> str:
    np = (
        _REFERENCE_TO.sub("", raw.strip()) if "ref" in raw or "cit" in raw or "quot" in raw else raw
    )
    np = _SOURCE_LEAD.sub("", _NP_LEAD.sub("", np.strip()))
    np = _PUBLISHED_IN.sub("", np)
    if "day" in np:
        np = _WHEN_TAIL.sub("", np)  # "the ministry on Monday" names the ministry
    owner = _POSSESSOR.match(np)
    if owner:
        np = owner.group("who")
    np = _HONORIFIC.sub("", np)
    np = _ARTICLE_LOWER.sub("", np) if np[:1].islower() else np
    return np.strip(" \t'\"“”’-–—,")


def _valid_np(np: str) -> bool:
    if _ANAPHOR.match(np):
        return True
    words = np.split()
    if not words or len(words) > 12 or _ATTR_VERB_RE.search(np) or LOSS.search(np) or "," in np:
        return False
    if _NP_VERB.search(np) or (_NP_BAD_START.match(words[0]) and not _canonical(np)):
        return False
    if _VERB_OBJECT.match(np) or _NOT_A_NAME.match(np):  # "provides a daily tally", "As"
        return False
    first = _ARTICLE.sub("", np)
    if not first or not (first[0].isupper() or _GENERIC_CLAIMANT.search(first)):
        return False
    return bool(_CAPITAL.search(np) or _GENERIC_CLAIMANT.search(np))


@dataclass(slots=True)
class _Attribution:
    pos: int
    text: str
    anaphoric: bool


def _attributions(text: str, sent: Sentence) -> list[_Attribution]:
    """Who the sentence says is speaking: "X said", "according to X", ", said X", "by X"."""
    s = text[sent.start : sent.end]
    if "(" in s:  # blank out "(UA)", "(ISW)": same length, so positions hold
        s = _PAREN_ABBREV.sub(lambda m: " " * len(m.group(0)), s)
    out: list[_Attribution] = []
    # Each pattern is searched only where its words occur (in the case-folded sentence).
    low = fold_case(s)
    according = "according" in low
    by_from = "by" in low or "from" in low
    verb = has_any(low, _ATTR_VERB_WORDS)  # needed by _INVERTED and _ATTR_VERB_RE
    for m in _ACCORDING.finditer(s) if according else ():
        np = _tidy_np(_NP_VERB_CUT.sub("", m.group("np")))
        np = _ACCORDING_CUT.split(np)[0]
        if _valid_np(np):
            out.append(_Attribution(sent.start + m.start(), np, bool(_ANAPHOR.match(np))))
    for m in _BY_FROM.finditer(s) if by_from else ():
        np = _tidy_np(_NP_VERB_CUT.sub("", m.group("np")))
        np = _BY_FROM_CUT.split(np)[0]
        if _valid_np(np):
            out.append(_Attribution(sent.start + m.start(), np, bool(_ANAPHOR.match(np))))
    for m in _INVERTED.finditer(s) if verb else ():
        np = _tidy_np(_INVERTED_CUT.split(m.group("np"))[0])
        if _valid_np(np) and _canonical(np):
            out.append(_Attribution(sent.start + m.start(), np, False))
    for m in _ATTR_VERB_RE.finditer(s) if verb else ():
        head = s[: m.start()]
        if _DETERMINER_END.search(head):
            continue
        if m.group(0).rstrip("\"“”'").lower().endswith(("posts", "post")) and (
            _NOUN_BEFORE_POSTS.search(head)
        ):
            continue
        core = _AUX_END.sub("", head)
        ends_comma = core.rstrip().endswith(",")
        aside = _CITING_ASIDE.search(core) if ends_comma and "ing" in core else None
        if aside and _valid_np(_tidy_np(aside.group("np"))):
            np = _tidy_np(aside.group("np"))
            out.append(_Attribution(sent.start + m.start(), np, bool(_ANAPHOR.match(np))))
            continue
        apposed = _APPOSED_NAME.search(core) if ends_comma else None
        if not ends_comma and "," in core:
            apposed = _APPOSED_ROLE.search(core)
            if apposed and _NOT_A_NAME.match(apposed.group("name").split()[0]):
                apposed = None
        if apposed and _valid_np(apposed.group("name")):
            out.append(_Attribution(sent.start + m.start(), apposed.group("name"), False))
            continue
        rel = _RELATIVE_SPEAKER.search(head) if "which" in head or "who" in head else None
        if rel and _valid_np(rel.group("np")):
            # "the monitoring site Oryx, which reports that ...": Oryx speaks
            out.append(_Attribution(sent.start + m.start(), rel.group("np"), False))
            continue
        cuts = [
            b.end()
            for b in _NP_BOUNDARY.finditer(head)
            if not (
                b.group(0) == "and"
                and _CAPITAL_END.search(head, max(0, b.start() - 40), b.start())
                and head[b.end() : b.end() + 2].lstrip()[:1].isupper()
            )
        ]
        np = ""
        for k in range(len(cuts), -1, -1):
            start = cuts[k - 1] if k > 0 else 0
            cand = _tidy_np(head[start:])
            titled = _TITLED_NAME.match(cand) if cand[:1].islower() else None
            if titled:
                cand = titled.group("name")
            if cand and _valid_np(cand):
                np = cand
                break
            if cand and cand[:1].islower() and not _ANAPHOR.match(cand):
                continue
            if len(head[start:].split()) > 12:
                break
        if (np and not _BARE_PRONOUN.search(np)) or (np and _ANAPHOR.match(np)):
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
        if any(part.search(context) for part in _BRITISH):
            return lx.MOD_UK
        return lx.MOD_RU if subject == "ukraine" else lx.MOD_UA
    if lx.BARE_GENERAL_STAFF.match(canon_or_np):
        return memory.get("gs", lx.GS_UA)
    return canon_or_np


def _british_hint(context: str) -> str:
    """The one thing `_resolve_bare` reads in a context (a word naming the British side, or
    ""), found once: a headline's context is the whole article, and searching it again for
    each headline figure would make extraction quadratic."""
    for part in _BRITISH:
        m = part.search(context)
        if m:
            return m.group(0)
    return ""


def _name_claimant(np: str, context: str, subject: str | None, memory: dict[str, str]) -> str:
    canon = _canonical(np)
    bare = _ARTICLE.sub("", np)
    if lx.BARE_MOD.match(bare) or lx.BARE_GENERAL_STAFF.match(bare):
        return _resolve_bare(bare, context, subject, memory)
    if canon:
        if canon in (lx.MOD_UA, lx.MOD_RU, lx.MOD_UK):
            memory["mod"] = canon
        return canon
    return clean_name(np)


def assign_claimants(
    text: str, sentences: list[Sentence], cands: list[Cand], publisher: str
) -> None:
    """Sentence attribution ("X said", "according to X", "This was reported by X"), carried
    through the paragraph and into the next two paragraphs that name nobody; a headline's
    prefix or suffix ("Ministry: ...", "... – Russian MOD"); else the publisher."""
    by_sent: dict[int, list[Cand]] = {}
    for c in cands:
        by_sent.setdefault(c.sent, []).append(c)
    memory: dict[str, str] = {}
    with_claims = {sentences[c.sent].para for c in cands}
    wanted = with_claims | {p - 1 for p in with_claims} | {p - 2 for p in with_claims}
    para_claimant: tuple[str, str] | None = None
    last_claimant: tuple[str, str] | None = None
    first_named: tuple[str, str] | None = None  # who the lead says speaks
    lead_paras = (sentences[0].para if sentences else 0) + 3
    last_para = -9
    current_para = -1
    named: list[tuple[str, str]] = []  # (claimant, text) of each source named so far
    article_hint: str | None = None  # a headline's context: the whole article, in brief
    for si, sent in enumerate(sentences):
        s_text = text[sent.start : sent.end]
        if sent.para != current_para:
            current_para = sent.para
            para_claimant = None
            if last_claimant and (_CONTINUATION_START.match(s_text) or sent.para - last_para <= 2):
                para_claimant = last_claimant
                if _LIST_LINE.match(s_text):
                    last_para = sent.para  # a list's lines go on with whoever opened it
        context = text[max(0, sent.start - 400) : sent.end]
        attrs = _attributions(text, sent) if sent.para in wanted else []
        back_in = _BACKWARD_IN.match(s_text)
        if back_in:  # the outlet that relays the report does not speak
            attrs = [a for a in attrs if a.pos >= sent.start + back_in.start("np")]
        back = (
            _BACKWARD.match(s_text)
            or back_in
            or (_BACKWARD_SAID.match(s_text) if not by_sent.get(si) else None)
            or (_BACKWARD_WHAT.match(s_text) if not by_sent.get(si) else None)
        )
        if back:
            np = _tidy_np(_BACKWARD_CUT.split(back.group("np"))[0])
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
                named.append((name, np))
        heading_np = _heading_attribution(s_text) if sent.heading else None
        sent_cands = by_sent.get(si, [])
        for c in sent_cands:
            chosen = _choose_attribution(attrs, c.q_start)
            if chosen and _reportedly(text[chosen.pos : c.q_start]):
                c.claimant, c.claimant_text = publisher, None
                c.explicit_claimant = True
                continue
            if chosen and chosen.anaphoric:
                # "X said ... that the agency estimated": X, named earlier in the sentence
                named = [a for a in attrs if not a.anaphoric and a.pos < chosen.pos]
                if named:
                    chosen = named[-1]
            if chosen and chosen.anaphoric:
                who = _resolve_anaphor(text, sent, chosen, para_claimant or last_claimant)
                if who:
                    name = _name_claimant(who[0], context, c.subject, memory)
                    c.claimant, c.claimant_text = name if who[1] else who[0], chosen.text
                    c.explicit_claimant = True
                    continue
                chosen = None
            person = _role_person(chosen.text, named) if chosen else None
            if person:
                c.claimant, c.claimant_text, c.explicit_claimant = person[0], chosen.text, True
            elif chosen:
                name = _name_claimant(chosen.text, context, c.subject, memory)
                name = _same_side(name, last_claimant)
                c.claimant, c.claimant_text, c.explicit_claimant = name, chosen.text, True
            elif heading_np:
                if article_hint is None:
                    article_hint = _british_hint(text[: sentences[-1].end])
                c.claimant = _name_claimant(heading_np, article_hint, c.subject, memory)
                c.claimant_text = heading_np
                c.explicit_claimant = True
            elif _reportedly(text[sent.start : c.q_start]):
                c.claimant, c.claimant_text = publisher, None
            elif para_claimant:
                c.claimant, c.claimant_text = para_claimant
            else:
                c.claimant, c.claimant_text = publisher, None
        explicit = [a for a in attrs if not a.anaphoric]
        if first_named is None and not sent.heading and sent.para <= lead_paras:
            named_here = [c for c in sent_cands if c.explicit_claimant]
            if named_here:
                first_named = (named_here[0].claimant or "", named_here[0].claimant_text or "")
            elif explicit or back:
                first_named = para_claimant
        if explicit and not sent.heading:
            np = explicit[0].text
            subject = sent_cands[0].subject if sent_cands else None
            person = _role_person(np, named)
            if person:
                name = person[0]
            else:
                name = _same_side(_name_claimant(np, context, subject, memory), last_claimant)
                named.append((name, np))
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
    _headline_from_lead(sentences, cands, first_named)
    for c in cands:
        if c.subject in (None, "enemy"):
            russian_side = c.claimant in lx.RUSSIAN_CLAIMANTS or (
                c.claimant_text
                and COUNTRY_RU.search(c.claimant_text or "")
                and not COUNTRY_UA.search(c.claimant_text or "")
            )
            own = _OWN_RANKS.match(text, c.q_end, min(len(text), c.q_end + 80)) or (
                _OWN_NP.search(text, c.q_start, c.q_end)
            )
            # "1,350 soldiers killed in its ranks": the speaker's own side lost them
            c.subject = "ukraine" if bool(russian_side) != bool(own) else "russia"


_ROLE_WORDS = {"leader": ("president", "prime minister", "leader")}


def _role_person(np: str, named: list[tuple[str, str]]) -> tuple[str, str] | None:
    """ "The president said": the latest source named earlier with that title."""
    m = _ROLE_ANAPHOR.match(np) if len(np) < 60 else None
    if not m:
        return None
    role = m.group("role").lower()
    words = _ROLE_WORDS.get(role, (role,))
    for name, text in reversed(named):
        low = f"{name} {text}".lower()
        if any(w in low for w in words) and _CAPITAL.search(text[1:]):
            return name, text
    return None


def _headline_from_lead(
    sentences: list[Sentence], cands: list[Cand], lead: tuple[str, str] | None
) -> None:
    """A headline figure nobody is named for is the lead's claim: the headline sums it up."""
    if lead is None:
        return
    for c in cands:
        if sentences[c.sent].heading and not c.explicit_claimant and c.claimant_text is None:
            c.claimant, c.claimant_text = lead


def _reportedly(stretch: str) -> bool:
    """Whether `stretch` hedges with "reportedly", "reports say", "it is reported" (each holds
    "report", whose letters no non-ASCII character matches case-insensitively)."""
    return "report" in stretch.lower() and bool(_REPORTEDLY.search(stretch))


_HEADLINE_MARKS = ((_HEADLINE_PREFIX, ":"), (_HEADLINE_SUFFIX, "-–—|:,"))


def _heading_attribution(s_text: str) -> str | None:
    """The speaker a headline names: "Ministry: Russia lost ...", "... – Russian MOD",
    "..., Ukraine says"."""
    for rx, marks in _HEADLINE_MARKS:
        if not has_any(s_text, marks):
            continue  # the pattern needs one of these characters
        m = rx.search(s_text)
        if m:
            np = _tidy_np(m.groupdict().get("np") or m.groupdict().get("np2") or "")
            if np and _valid_np(np) and not _ANAPHOR.match(np):
                return np
    return None


_ORG = guarded(
    r"\b(?:Ministry|Department|Staff|Forces|Force|Intelligence|Agency|Service|Government|"
    r"officials|Command|Office|Council|Pentagon|military)\b",
    _I,
)


def _resolve_anaphor(
    text: str, sent: Sentence, attr: _Attribution, carried: tuple[str, str] | None
) -> tuple[str, bool] | None:
    """Who "it", "the group", "the minister" is: a country said to speak earlier in the
    sentence, the claimant carried so far, else the last named source before the sentence.
    Returns (name, needs_naming)."""
    before = text[sent.start : attr.pos]
    if _PRONOUN.fullmatch(attr.text):
        opener = _ALIAS_ANY.match(before, len(before) - len(_ARTICLE.sub("", before.lstrip())))
        if opener and attr.text.lower() in ("it", "they"):
            # "The Russian Defense Ministry has not ..., since it said": the subject it opened with
            return opener.group(0), True
        lead = _SENTENCE_SUBJECT.match(before) or _COUNTRY_SPEAKER.search(before)
        if lead:
            return lead.group(1), True
    if lx.BARE_MOD.match(_DEMONSTRATIVE.sub("", attr.text)):
        return attr.text, True
    if carried and attr.text.lower() in ("he", "she") and _ORG.search(carried[0]):
        # "he said" after "US officials put the number at ...": the last person named
        people = [
            m.group(0)
            for m in _ALIAS_ANY.finditer(text, max(0, sent.start - 1500), attr.pos)
            if not _ORG.search(_canonical(m.group(0)) or m.group(0))
        ]
        if people:
            return people[-1], True
    if carried:
        return carried[0], False
    named = list(_ALIAS_ANY.finditer(text, max(0, sent.start - 1500), attr.pos))
    if named:
        return named[-1].group(0), True
    return None


def _same_side(name: str, last: tuple[str, str] | None) -> str:
    """A bare country ("according to Moscow", "Ukraine said") is the last named source of
    that side, when there is one."""
    if not last or not _BARE_COUNTRY.fullmatch(name):
        return name
    side = side_of(name)
    if last[0] not in _CANONICAL_NAMES or not _ORG.search(last[0]):
        return name  # "Wagner's chief said ..., claims from Moscow": Moscow is not Wagner
    last_ru = last[0] in lx.RUSSIAN_CLAIMANTS or bool(COUNTRY_RU.search(last[0]))
    last_ua = bool(COUNTRY_UA.search(last[0])) and not last_ru
    if (side == "russia" and last_ru) or (side == "ukraine" and last_ua):
        return last[0]
    return name


def _choose_attribution(attrs: list[_Attribution], pos: int) -> _Attribution | None:
    """The closest attribution before the figure, else the first one after it."""
    before = [a for a in attrs if a.pos <= pos]
    if before:
        return before[-1]
    return attrs[0] if attrs else None
