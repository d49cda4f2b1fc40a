"""References: whom a speaker's words stand for, given the sources named before them.

Owns `role_person` ("the president said": the president named earlier), `resolve_anaphor`
("it", "the group", "he": a country said to speak earlier in the sentence, the source
carried so far, else the last one named) and `same_side` ("according to Moscow": the last
named source of that side). Imports: `claimant_names`, `cues`, `lexicon`, `rx`, `sentences`,
`speakers` (types).
"""

from __future__ import annotations

import re

from ledger.ingest import lexicon as lx
from ledger.ingest.claimant_names import ALIAS_ANY, ARTICLE, CANONICAL_NAMES, canonical
from ledger.ingest.cues import COUNTRY_RU, COUNTRY_UA, side_of
from ledger.ingest.rx import guarded
from ledger.ingest.sentences import Sentence
from ledger.ingest.speakers import Attribution

_I = re.IGNORECASE

# "the president", "the Ukrainian leader": a role standing for a person named earlier.
_ROLE_ANAPHOR = guarded(
    r"^(?:the\s+)?(?:(?:Ukrainian|Russian|US|U\.S\.|American|British|Ukraine's|Russia's|"
    r"[A-Z][a-z]+an)\s+)?"
    r"(?P<role>president|leader|prime minister|defen[cs]e minister|minister|commander|"
    r"commander-in-chief|general|spokes(?:man|woman|person))"
    r"(?:\s+(?:meanwhile|also|later|then|again|further|himself|herself))?$",
    _I,
)
_SENTENCE_SUBJECT = guarded(
    r"^\s*(Moscow|Kyiv|Kiev|Russia|Ukraine|the Kremlin|Russian authorities|Ukrainian authorities)\b"
)
_COUNTRY_SPEAKER = guarded(
    r"\b(Russia|Moscow|Ukraine|Kyiv|Kiev)\s+(?:\w+\s+){0,2}?(?:reported|said|announced|named|"
    r"declared|claimed|published|released|revealed|acknowledged|admitted)\b"
)
_BARE_COUNTRY = guarded(r"(?:Russia|Moscow|Ukraine|Kyiv|Kiev)")
_DEMONSTRATIVE = re.compile(r"^(?:the|this|that)\s+", _I)
_PRONOUN = re.compile(r"(?:he|she|they|it|we)", _I)
_ORG = guarded(
    r"\b(?:Ministry|Department|Staff|Forces|Force|Intelligence|Agency|Service|Government|"
    r"officials|Command|Office|Council|Pentagon|military)\b",
    _I,
)
_CAPITAL = re.compile(r"[A-Z]")
_ROLE_WORDS = {"leader": ("president", "prime minister", "leader")}


def role_person(np: str, named: list[tuple[str, str]]) -> tuple[str, str] | None:
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


def resolve_anaphor(
    text: str, sent: Sentence, attr: Attribution, carried: tuple[str, str] | None
) -> tuple[str, bool] | None:
    """Who "it", "the group", "the minister" is: a country said to speak earlier in the
    sentence, the claimant carried so far, else the last named source before the sentence.
    Returns (name, needs_naming)."""
    before = text[sent.start : attr.pos]
    if _PRONOUN.fullmatch(attr.text):
        opener = ALIAS_ANY.match(before, len(before) - len(ARTICLE.sub("", before.lstrip())))
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
            for m in ALIAS_ANY.finditer(text, max(0, sent.start - 1500), attr.pos)
            if not _ORG.search(canonical(m.group(0)) or m.group(0))
        ]
        if people:
            return people[-1], True
    if carried:
        return carried[0], False
    named = list(ALIAS_ANY.finditer(text, max(0, sent.start - 1500), attr.pos))
    if named:
        return named[-1].group(0), True
    return None


def same_side(name: str, last: tuple[str, str] | None) -> str:
    """A bare country ("according to Moscow", "Ukraine said") is the last named source of
    that side, when there is one."""
    if not last or not _BARE_COUNTRY.fullmatch(name):
        return name
    side = side_of(name)
    if last[0] not in CANONICAL_NAMES or not _ORG.search(last[0]):
        return name  # "Wagner's chief said ..., claims from Moscow": Moscow is not Wagner
    last_ru = last[0] in lx.RUSSIAN_CLAIMANTS or bool(COUNTRY_RU.search(last[0]))
    last_ua = bool(COUNTRY_UA.search(last[0])) and not last_ru
    if (side == "russia" and last_ru) or (side == "ukraine" and last_ua):
        return last[0]
    return name
