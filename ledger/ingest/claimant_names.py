"""Claimant names: from the words an attribution uses to the claimant a claim records.

Owns `clean_name` (no control characters, single spaces), `canonical` (the claimant an
alias names: "the Ukrainian General Staff", "Shoigu"), `tidy_np` and `valid_np` (cutting an
attribution's noun phrase down to a name, and refusing cuts that went wrong: a clause fragment
is no name), `name_claimant` (the recorded name: canonical, a bare "Defense Ministry" or "air
force" resolved from context, "its ministry" the country's, a titled person by name, a
spokesman with the body he speaks for) and
`british_hint`; also the alias matcher `ALIAS_ANY` and the anaphor matcher `ANAPHOR` that
`speakers` and `attribution` share. Imports: `claimant_lexicon`, `cues`, `lexicon`, `name_cores`,
`name_words`, `rules`, `rx`.
"""

from __future__ import annotations

import functools
import re
import unicodedata

from ledger.ingest import claimant_lexicon as cl
from ledger.ingest import lexicon as lx
from ledger.ingest.cues import ATTR_VERB_RE, LOSS
from ledger.ingest.name_cores import fragment, name_core
from ledger.ingest.name_words import (
    ADVERB_VERB_TAIL,
    BARE_AIR_FORCE,
    BODY_DATA,
    BRAND_OR_DOMAIN,
    CLAUSE_OPENER,
    COUNTRY_NAME,
    INDEFINITE_ARTICLE,
    PARTICIPLE_ADJECTIVE,
    POSSESSIVE_OWNER,
    RELATIVE_TAIL,
    SPOKESMAN_TITLE,
    TIME_CLAUSE,
)
from ledger.ingest.rules import Rule, registry
from ledger.ingest.rx import guarded, split_alternation

_I = re.IGNORECASE

_ALIAS_SINGLES = [(re.compile(p, _I), c) for p, c in cl.CLAIMANT_ALIASES.items()]
ALIAS_ANY = lx.compile_alternation(cl.CLAIMANT_ALIASES)
CANONICAL_NAMES = frozenset(cl.CLAIMANT_ALIASES.values())
# A claimant is a noun phrase: a finite verb inside ("Russia is now visually") or a lower-case
# start that is not a determiner ("based on US intelligence") means the cut went wrong.
_NP_VERB = guarded(
    r"\b(?:is|are|was|were|has|have|had|been|be|to|would|will|can|brings?|brought|puts?|takes|"
    r"took|makes|made|gives|gave)\b",
    _I,
)
_NP_BAD_START = guarded(r"^(?:[a-z]+(?:ed|ing)|on|in|at|by|for|with|from|of|as|or|and|but|nor)$")
_VERB_OBJECT = guarded(r"^[a-z]+(?:s|ed)\s+(?:a|an|the|its|their|his|her)\s")
NOT_A_NAME = guarded(
    r"^(?:As|So|Thus|Also|Then|But|And|Or|Yet|Now|Later|However|Meanwhile|Additionally|Moreover|"
    r"Finally|Separately|Recent|Latest|New|Media|Other|Some|Earlier|"
    r"Previous|Official|Initial|Local|Western|Further|Such|January|February|March|April|May|June|"
    r"July|August|September|October|November|December|Monday|Tuesday|Wednesday|Thursday|Friday|"
    r"Saturday|Sunday|Today|Yesterday)$"
)
_GENERIC_CLAIMANT = guarded(
    r"\b(?:officials?|intelligence|military|ministry|army|forces|government|insiders|sources|"
    r"monitoring|group|agency|service|services|staff|command|navy|force|spokes\w+|analysts?|"
    r"experts?|observers?|media|outlet|newspaper|tabloid|website|institute|office|president|"
    r"minister|commander|governor|mayor|authorities|estimate|researchers)\b",
    _I,
)
ANAPHOR = guarded(
    r"^(?:he|she|they|it|we|(?:the |this |that )?"
    r"(?:post|report|statement|update|source|agency|office|"
    r"department|military|army|article|website|briefing|service|press service|spokesman|"
    r"spokesperson|official|officials|intelligence update|assessment|group|project|blog|team|"
    r"study|analysis|survey|research|estimate|paper|review|investigation|"
    r"monitor|researchers|analysts|data|figures|outlet|newspaper|paper|publication|broadcaster|"
    r"channel|tabloid|magazine|news agency|(?:recent |latest |new |media |other |some )?"
    r"reports|(?:[A-Z][\w-]*-based )?(?:think ?tank|thinktank|institute)))$",
    _I,
)
# "Censor.NET, with reference to the General Staff": the source referred to speaks.
_REFERENCE_TO = guarded(
    r"^.*?\b(?:with (?:a )?reference to|referring to|citing|quoting|in reference to)\s+", _I
)
_NP_LEAD = guarded(
    r"^(?:with\s+(?=(?:the\s+)?[A-Z]))?(?:(?:in|on|at|via)\s+(?:a|an|the|its|their|his|her)\s+[\w\s-]{0,40}?\s+(?:on|by|of)\s+\w+\s*,?\s*)?"
    r"(?:(?:a|an|the|its|their)\s+(?:tweet|post|statement|report|update|briefing|message|"
    r"release|summary)\s+(?:from|by|of|on)\s+)?",
    _I,
)
# "figures released by X", "an analysis by X", "X's daily casualty toll": X speaks.
_SOURCE_LEAD = guarded(
    r"^(?:(?:the|a|an|its|their|his|her)\s+)?(?:(?:latest|daily|new|official|recent|updated|"
    r"weekly|morning|evening|joint|collaborative|independent)\s+)*(?:figures|data|numbers|"
    r"estimates?|analysis|assessment|count|study|survey|research|investigation|review|tally|"
    r"reports?|statements?|updates?|briefings?|information|statistics|calculations?)\s+(?:(?:released|"
    r"published|provided|compiled|issued|collected|shared|posted|conducted|carried out|led|"
    r"made|communicated|presented|given|cited)\s+)?(?:by|from|of)\s+",
    _I,
)
_POSSESSOR = guarded(
    r"^(?P<who>.+?)['’‘]s\s+(?:[\w-]+\s+){0,3}?(?:figures|data|numbers|estimates?|analysis|"
    r"assessment|count|tally|toll|report|statement|update|information|statistics|calculations?|"
    r"post|tweet|message|infographic|briefing|release|bulletin|summary|video)\b",
    _I,
)
_HONORIFIC = guarded(r"\b(?:Mr|Mrs|Ms|Dr|Prof)\.?\s+")
_PUBLISHED_IN = re.compile(
    r"^(?:published|posted|reported|quoted|cited|appearing)\s+(?:on|in|by)\s+", _I
)
_ARTICLE_LOWER = re.compile(r"^(?:the|a|an)\s+(?=[a-z])", _I)
ARTICLE = re.compile(r"^(?:the|a|an)\s+", _I)
_CAPITAL = re.compile(r"[A-Z]")
# What says a bare ministry is Britain's: "intelligence" unless another country's (a US leak),
# "Defence Intelligence", the British flag.
_BRITISH = split_alternation(
    r"\bintelligence\b(?<!US intelligence)(?<!U\.S\. intelligence)(?<!American intelligence)"
    r"(?<!Ukrainian intelligence)(?<!Russian intelligence)"
    r"|\bBritish\b|\bUK\b|\bDefen[cs]e Intelligence\b|\U0001f1ec\U0001f1e7"  # the flag, 🇬🇧
)
_WHEN_TAIL = guarded(
    r"\s+(?:on|last|this|late|early|in)\s+(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day"
    r"(?:\s+(?:morning|afternoon|evening|night))?|January|February|March|April|May|June|July|"
    r"August|September|October|November|December|week|month|year|spring|summer|autumn|"
    r"fall|winter)\s*$",
    _I,
)

# "their verified information comes from public sources": a finite verb inside, a clause.
FINITE_VERB_INSIDE = Rule(
    "finite-verb-inside",
    "A finite verb (comes, is, were, has) between the words of a phrase: a clause, no name.",
    guarded(r"\S\s+(?:comes|came|goes|went|is|are|was|were|has|have|had)\s+\S", re.IGNORECASE),
    "their verified information comes from public sources",
    "the information service of the ministry",
)

# "Russia officially", "the ministry itself": an adverb after the speaker is no part of it.
ADVERB_TAIL = Rule(
    "adverb-tail",
    "An adverb after the speaker (officially, publicly, itself): not part of the name.",
    guarded(
        r"\s+(?:officially|publicly|reportedly|typically|usually|often|generally|itself|"
        r"themselves|alone)$",
        re.IGNORECASE,
    ),
    "Russia officially",
    "Russia official",
)

# The patterns above as named rules (each is asked directly, by the function that owns it).
NAME_RULES = registry(
    FINITE_VERB_INSIDE,
    ADVERB_TAIL,
    Rule(
        "when-tail",
        "A time after the speaker: not part of the name.",
        _WHEN_TAIL,
        "the ministry on Monday",
        "the Monday ministry",
    ),
    Rule(
        "possessor-of-figures",
        "X's figures, report, post: X.",
        _POSSESSOR,
        "the ministry's latest figures",
        "the ministry figures",
    ),
    Rule(
        "source-lead",
        "Figures released by X, a study by X: X.",
        _SOURCE_LEAD,
        "figures released by the ministry",
        "the ministry released figures",
    ),
    Rule(
        "honorific",
        "Mr, Dr before a name: not part of it.",
        _HONORIFIC,
        "Mr. Petrov",
        "Mister Petrov",
    ),
)


@functools.lru_cache(maxsize=4096)
def clean_name(value: str | None) -> str:
    """A claimant or publisher name without control characters or runs of spaces."""
    if not isinstance(value, str):
        return ""
    kept = "".join(ch if unicodedata.category(ch) not in ("Cc", "Cf") else " " for ch in value)
    return " ".join(kept.split())[:300]


@functools.lru_cache(maxsize=4096)
def canonical(np: str) -> str | None:
    """The canonical claimant named in an attribution phrase (its last alias), if any."""
    best: tuple[int, int, str] | None = None
    for m in ALIAS_ANY.finditer(np):
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


def tidy_np(raw: str) -> str:
    """The name in an attribution's noun phrase: without "citing ...", "figures released by",
    "published in", a weekday after it, a possessor's "'s figures", honorifics and a
    lower-case article."""
    np = (
        _REFERENCE_TO.sub("", raw.strip()) if "ref" in raw or "cit" in raw or "quot" in raw else raw
    )
    np = _SOURCE_LEAD.sub("", _NP_LEAD.sub("", np.strip()))
    np = _PUBLISHED_IN.sub("", np)
    if " " in np:
        np = _WHEN_TAIL.sub("", np)  # "the ministry on Monday" names the ministry
        np = ADVERB_TAIL.pattern.sub("", np)  # "Russia officially" names Russia
    np = CLAUSE_OPENER.pattern.sub(
        "", np.lstrip(" -–—•·▪●◦*")
    )  # "Meanwhile the ministry": the ministry
    np = TIME_CLAUSE.pattern.sub("", np)  # "the last time X": X
    np = RELATIVE_TAIL.pattern.sub("", np)  # "analysts who study photos": the analysts
    owner = _POSSESSOR.match(np) or BODY_DATA.pattern.match(np)
    if owner:
        np = owner.group("who")
    np = _HONORIFIC.sub("", np)
    np = _ARTICLE_LOWER.sub("", np) if np[:1].islower() else np
    if "*" in np or "|" in np or "_" in np:  # "*Izvestia*", "IANS |": markup, no part of a name
        np = " ".join(np.replace("*", " ").replace("|", " ").replace("_", " ").split())
    return np.strip(" \t'\"“”‘’-–—,•·▪●◦*")


def valid_np(np: str) -> bool:
    """Whether a cut noun phrase can name a claimant: an anaphor ("the ministry"), or a short
    capitalised or institutional phrase with no verb, loss word or comma in it."""
    if ANAPHOR.match(np):
        return True
    words = np.split()
    if not words or len(words) > 12 or ATTR_VERB_RE.search(np) or LOSS.search(np) or "," in np:
        return False
    bad_start = _NP_BAD_START.match(words[0]) and not PARTICIPLE_ADJECTIVE.pattern.match(words[0])
    if _NP_VERB.search(np) or (bad_start and not canonical(np)):
        return False
    if ADVERB_VERB_TAIL.pattern.search(np):  # "Kyiv first started"
        return False
    if _VERB_OBJECT.match(np) or NOT_A_NAME.match(np):  # "provides a daily tally", "As"
        return False
    if fragment(np) or FINITE_VERB_INSIDE.search(np):  # "Moscow also released figures"
        return False
    first = ARTICLE.sub("", np)
    if not first or not (first[0].isupper() or _GENERIC_CLAIMANT.search(first)):
        return False
    return bool(_CAPITAL.search(np) or _GENERIC_CLAIMANT.search(np))


def name_claimant(np: str, context: str, subject: str | None, memory: dict[str, str]) -> str:
    """The claimant recorded for a noun phrase: its canonical name, a bare "Defense Ministry"
    or "General Staff" resolved (`memory` keeps the ministry the article last named), else
    the phrase itself, cleaned."""
    np = np.replace("‘s ", "’s ") if "‘s " in np else np  # "Ukraine‘s": an apostrophe
    np = _own_country(np.replace("‘", "").replace("“", "").replace("”", ""), context)
    canon = canonical(np)
    bare = ARTICLE.sub("", np)
    if cl.BARE_MOD.match(bare) or cl.BARE_GENERAL_STAFF.match(bare):
        return _resolve_bare(bare, context, subject, memory)
    if BARE_AIR_FORCE.pattern.match(bare):
        return memory.get("air", cl.AIR_UA if subject != "ukraine" else clean_name(np))
    if canon == cl.AIR_UA:
        memory["air"] = canon
    if canon in (cl.MOD_UA, cl.MOD_RU, cl.MOD_UK):
        memory["mod"] = canon
    core = name_core(np)  # "Maj. Gen. Ivan Petrov", "Defence Minister Ivan Petrov": the person
    if core:
        return _person(core[0], np, canon)
    return canon or _capitalised(clean_name(np))


def _own_country(np: str, context: str) -> str:
    """ "its Defense Ministry", "the country's military": the country named last before."""
    m = POSSESSIVE_OWNER.pattern.match(np)
    if m is None:
        return np
    before = context[: max(0, context.rfind(np))] if np in context else context
    countries = list(COUNTRY_NAME.pattern.finditer(before))
    if not countries:
        return np[m.end() :]
    land = "Ukraine" if countries[-1].group(0).startswith("Ukrain") else "Russia"
    return f"{land}'s {np[m.end() :]}"


def _person(name: str, np: str, body: str | None) -> str:
    """A person named with a title: his alias's name; a spokesman, the body he speaks for
    with his name ("the General Staff's spokesman Ivan Petrov"); else the person."""
    own = canonical(name)
    if own:
        return own
    if body and SPOKESMAN_TITLE.pattern.search(np) and body in CANONICAL_NAMES and "(" not in body:
        return f"{body} ({clean_name(name)})"
    return clean_name(name)


def _capitalised(name: str) -> str:
    """A described claimant as a name: "anonymous NATO official" is "Anonymous NATO
    official" (not "iStories", nor a domain)."""
    name = INDEFINITE_ARTICLE.pattern.sub("", name) if name[:1] in "aA" else name
    if name[:1].islower() and not BRAND_OR_DOMAIN.pattern.match(name):
        return name[0].upper() + name[1:]
    return name  # "A Newsweek report" is Newsweek's, "another US official" a US official


def _resolve_bare(
    canon_or_np: str, context: str, subject: str | None, memory: dict[str, str]
) -> str:
    """ "the Defense Ministry": the article's earlier qualified ministry, else context."""
    if cl.BARE_MOD.match(canon_or_np):
        if "mod" in memory:
            return memory["mod"]
        if any(part.search(context) for part in _BRITISH):
            return cl.MOD_UK
        return cl.MOD_RU if subject == "ukraine" else cl.MOD_UA
    if cl.BARE_GENERAL_STAFF.match(canon_or_np):
        return cl.GS_UA
    return canon_or_np


def british_hint(context: str) -> str:
    """The one thing `_resolve_bare` reads in a context (a word naming the British side, or
    ""), found once: a headline's context is the whole article, and searching it again for
    each headline figure would make extraction quadratic."""
    for part in _BRITISH:
        m = part.search(context)
        if m:
            return m.group(0)
    return ""
