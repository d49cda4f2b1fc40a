"""Article claimants: what the whole article says about who speaks, settled once every
sentence has been read.

Owns `credit_lead` (a headline figure, and a lead figure told before any source is named, is
the claim of the first source the lead names: "lead-speaker", "lead-forward") and
`one_body_per_side` (a bare "Ukraine" or "Moscow", or a generic "the Ukrainian military",
is the one official body of that side the article names: "same-body") and `name_the_official`
(an unnamed official who speaks, then named as the speaker of the next sentence's figures:
"official-named-next") and `credit_source_line` ("Source: X on Facebook", a line naming the
source of the figures an outlet republishes: "source-line"); and `settle_subjects`, the
subject of a figure whose sentence named no side (the other side of its claimant's, unless its
own ranks; Russia's for soldiers "killed in Ukraine": "died-in-ukraine"). A described
official ("NATO's top civilian official") is the titled person of that body the next
sentences name as speaker ("described-named-next"). Imports: `cand`,
`claimant_names`, `claimant_lexicon`, `cues`, `name_cores`, `pair_speakers`, `rules`, `rx`,
`sentences`, `speakers`.
"""

from __future__ import annotations

import re

from ledger.ingest import claimant_lexicon as cl
from ledger.ingest.cand import Cand
from ledger.ingest.claimant_names import ALIAS_ANY, canonical, name_claimant, valid_np
from ledger.ingest.name_cores import is_outlet, name_core
from ledger.ingest.pair_speakers import split_pair
from ledger.ingest.rules import Rule, registry
from ledger.ingest.rx import guarded
from ledger.ingest.sentences import Sentence
from ledger.ingest.speakers import attributions

_I = re.IGNORECASE

OFFICIAL_NAMED_NEXT = Rule(
    "official-named-next",
    "An unnamed official ('a White House official said'), the next sentence naming its "
    "speaker by name and title: the person named is that official.",
    guarded(
        r"^(?!Another\b)(?:(?:a|an|one)\s+)?(?:(?:senior|top|high-ranking|defen[cs]e|military)\s+)?"
        r"(?:[A-Z][\w.-]*\s+){1,4}(?:official|spokes(?:man|woman|person))$",
        0,
    ),
    "a White House official",
    "another US official",
)
# "NATO's top civilian official", "the alliance chief": a person described, not named.
DESCRIBED_NAMED_NEXT = Rule(
    "described-named-next",
    "A person described by role in a body ('NATO's top civilian official'), one of the next "
    "two sentences naming a titled speaker of that body: the person named.",
    guarded(
        r"^(?:(?:a|an|the|one)\s+)?(?P<body>(?:[A-Z][\w.-]*(?:['’]s)?\s+){1,3})"
        r"(?:[a-z-]+\s+){0,3}(?:official|spokes(?:man|woman|person)|chief|head|leader|"
        r"commander|secretary|envoy|diplomat)$"
    ),
    "NATO’s top civilian official",
    "a senior official",
)
FIRST_PERSON = Rule(
    "first-person-quote",
    "'We estimate ...,' X said: a first-person speaker inside a quote is X, named after it.",
    guarded(r"^(?:we|i|our|my)$", re.IGNORECASE),
    "We",
    "They",
)
# "Source: General Staff of the Armed Forces of Ukraine on Facebook": a line of its own that
# names where the article's figures come from.
SOURCE_LINE = Rule(
    "source-line",
    "A line of its own naming the article's source (Source: X on Facebook): X is the claimant "
    "of the figures otherwise left to the publisher or to an outlet relaying them.",
    guarded(
        r"^[ \t]*(?i:(?:data\s+)?sources?)\s*[:：]\s*(?P<np>[^\n:]{2,150}?)[ \t.]*$",
        re.MULTILINE,
    ),
    "Source: the General Staff on Facebook",
    "Photo source: Example Agency",
)
# Where the source's name ends: its channel, an interview, a date, an aside.
SOURCE_END = Rule(
    "source-line-end",
    "After a source line's name: its channel (on Facebook), an interview, an aside.",
    guarded(r"\s+(?:on|in|via|at|from|with|during)\s+|\s*[,;(\[|–—]\s*|\s+-\s+", _I),
    "the General Staff on Facebook",
    "the General Staff",
)
ARTICLE_RULES = registry(
    OFFICIAL_NAMED_NEXT,
    DESCRIBED_NAMED_NEXT,
    FIRST_PERSON,
    SOURCE_LINE,
    SOURCE_END,
)
# Who a bare side or a generic military speaker may stand for, per side.
_UA_BODIES = frozenset({cl.GS_UA, cl.MOD_UA})
_RU_BODIES = cl.RUSSIAN_CLAIMANTS - {cl.PUTIN, "Kremlin", cl.SHOIGU, cl.BELOUSOV}
_BARE_UA = frozenset({"Ukraine", "Kyiv", "Kiev", "Ukrainian officials", "Ukrainian authorities"})
_BARE_RU = frozenset({"Russia", "Moscow", "Russian officials", "Russian authorities"})
_BARE_UK = frozenset({"London", "Britain", "UK", "United Kingdom", "British government"})


def credit_lead(
    sentences: list[Sentence], cands: list[Cand], lead: tuple[str, str] | None, lead_at: int
) -> None:
    """A headline figure nobody is named for, and a lead figure told before the lead names
    its source (at `lead_at`), are the lead's claims: the lead sums up that source."""
    if lead is None:
        return
    for c in cands:
        if c.explicit_claimant or c.claimant_text is not None:
            continue
        if c.why.get("claimant") == "reportedly-publisher":
            continue
        if sentences[c.sent].heading:
            c.claimant, c.claimant_text = lead
            c.why["claimant"] = "lead-speaker"
        elif c.q_start < lead_at:
            c.claimant, c.claimant_text = lead
            c.why["claimant"] = "lead-forward"


def one_body_per_side(text: str, cands: list[Cand]) -> None:
    """ "Ukraine also claimed", "London assesses", "the Ukrainian military reported": the
    one official body of that side the article names (as a claimant, else anywhere in its
    text), when it names exactly one; the text does not tell them apart."""
    named = {c.claimant for c in cands if c.explicit_claimant}
    if any(c.claimant in _BARE_UK for c in cands):
        named |= {canonical(m.group(0)) for m in ALIAS_ANY.finditer(text)}
    ua = sorted(n for n in named & _UA_BODIES if n)
    ru = sorted(n for n in named & _RU_BODIES if n)
    for c in cands:
        generic_ua = (
            c.claimant == cl.AF_UA and "armed forces" not in (c.claimant_text or "").lower()
        )
        if len(ua) == 1 and (c.claimant in _BARE_UA or (generic_ua and ua[0] == cl.GS_UA)):
            c.claimant = ua[0]
        elif len(ru) == 1 and c.claimant in _BARE_RU:
            c.claimant = ru[0]
        elif c.claimant in _BARE_UK and cl.MOD_UK in named:
            c.claimant = cl.MOD_UK
        else:
            continue
        c.why["claimant"] = "same-body"


def name_the_official(
    cands: list[Cand], text: str = "", sentences: list[Sentence] | None = None
) -> None:
    """ "..., a White House official said. '...,' spokesman Ivan Petrov told reporters.": the
    unnamed official's figures are the person's the next sentence names as its speaker; a
    described one ("NATO's top civilian official") the titled person of the same body that
    one of the next two sentences names as its speaker ("NATO Secretary General ...")."""
    by_sent: dict[int, list[Cand]] = {}
    for c in cands:
        by_sent.setdefault(c.sent, []).append(c)
    split_pair(cands, text, {i: (s.start, s.end) for i, s in enumerate(sentences or [])})
    for c in cands:
        words = c.claimant_text or ""
        if c.why.get("claimant") not in ("sentence-speaker", "speaker-after"):
            continue
        if name_core(words):
            continue
        if not OFFICIAL_NAMED_NEXT.pattern.match(words):
            person = _described_named_next(words, c.sent, text, sentences or [])
            if person:
                c.claimant = person
                c.why["claimant"] = DESCRIBED_NAMED_NEXT.name
            continue
        named = [
            n
            for n in by_sent.get(c.sent + 1, [])
            if n.explicit_claimant and name_core(n.claimant_text or "")
        ]
        if named:
            c.claimant, c.claimant_text = named[0].claimant, named[0].claimant_text
            c.why["claimant"] = OFFICIAL_NAMED_NEXT.name


def _described_named_next(words: str, si: int, text: str, sentences: list[Sentence]) -> str | None:
    """The person with a title of the body `words` describes ("NATO's top civilian
    official"), named as a speaker in one of the two sentences after `si`."""
    m = DESCRIBED_NAMED_NEXT.pattern.match(words)
    if m is None:
        return None
    body = [w for w in re.split(r"['’]s\b|\s+", m.group("body")) if w]
    for nxt in sentences[si + 1 : si + 3]:
        for a in attributions(text, nxt):
            if a.anaphoric or not name_core(a.text) or not all(w in a.text for w in body):
                continue
            return name_claimant(a.text, "", None, {})
    return None


def credit_source_line(text: str, cands: list[Cand], publisher: str) -> None:
    """ "Source: General Staff ... on Facebook" above (or below) a list: the body it names (a
    known one) is the claimant of the figures left to the publisher or to an outlet, which
    only republishes them."""
    if "ource" not in text:
        return
    found = None
    for m in SOURCE_LINE.pattern.finditer(text):
        np = SOURCE_END.pattern.split(m.group("np").strip(), maxsplit=1)[0].strip(" '\"“”")
        if valid_np(np) and canonical(np) is not None:
            found = (name_claimant(np, text[max(0, m.start() - 400) : m.end()], None, {}), np)
            break
    if found is None:
        return
    outlet_source = is_outlet(found[1])
    for c in cands:
        if c.why.get("claimant") == "reportedly-publisher":
            continue
        by_outlet = not outlet_source and is_outlet(c.claimant or "")
        if c.claimant == publisher or by_outlet:
            c.claimant, c.claimant_text = found
            c.why["claimant"] = SOURCE_LINE.name
