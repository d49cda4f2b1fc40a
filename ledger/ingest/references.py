"""References: whom a speaker's words stand for, given the sources named before them.

Owns `role_person` ("the president said": the president named earlier), `resolve_anaphor`
("it", "the group", "he": a country said to speak earlier in the sentence, "the report"
its author named before, the source carried so far, else the last one named), `same_side`
("according to Moscow": the last named source of that side), `relayed` (an outlet that
passes on the figures of the source named before it: "According to the Daily Example, this
includes ..."; `RELAY_RULES`),
`source_over_outlet` (an outlet and the source it quotes in one sentence: the source),
`minister_named` ("Russia's defence minister": the minister the article names, before or
just after; `MINISTER_RULES`), `spokesman_of` ("According to X, spokesman Y said") and
`subject_body` (a sentence that opens with a body doing
what it reports: "The Ukrainian Air Force shot down 30 drones").
Imports: `claimant_names`, `cues`, `claimant_lexicon`, `name_cores`, `report_authors`, `rules`,
`rx`, `sentences`, `speakers` (types).
"""

from __future__ import annotations

import re

from ledger.ingest import claimant_lexicon as cl
from ledger.ingest.claimant_names import ALIAS_ANY, ARTICLE, CANONICAL_NAMES, canonical
from ledger.ingest.cues import COUNTRY_RU, COUNTRY_UA, side_of
from ledger.ingest.name_cores import is_outlet
from ledger.ingest.report_authors import document_author
from ledger.ingest.rules import Rule, registry
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
_LOSER = guarded(
    r"\s+(?:\w+\s+)?(?:(?:has|have|had)\s+)?(?:(?:also|already)\s+)?(?:lost|sustained|suffered|"
    r"loses|sustains|suffers|lose)\b"
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
    """ "The president said": the latest source named earlier with that title; "the
    Administration", "the Air Force": the latest source named in full that ends so."""
    m = _ROLE_ANAPHOR.match(np) if len(np) < 60 else None
    if not m:
        return _short_form(np, named)
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
    """Who "it", "the group", "the report" is (see `_resolve_anaphor`); "the report said":
    the author of the report named before, whoever spoke in between."""
    if author := document_author(text, sent.start, attr.text):
        return author, True
    return _resolve_anaphor(text, sent, attr, carried)


def _resolve_anaphor(
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
        if lead and _LOSER.match(before, lead.end()):
            lead = None  # "Ukraine has sustained 400,000 casualties, it added": not Ukraine
        if lead:
            return lead.group(1), True
    if cl.BARE_MOD.match(_DEMONSTRATIVE.sub("", attr.text)):
        return attr.text, True
    if attr.text.lower() in ("he", "she") and (not carried or _ORG.search(carried[0])):
        # "he said" after "US officials put the number at ...": the last person named
        person = _last_person(text, max(0, sent.start - 1500), attr.pos)
        if person:
            return person, True
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
    last_ru = last[0] in cl.RUSSIAN_CLAIMANTS or bool(COUNTRY_RU.search(last[0]))
    last_ua = bool(COUNTRY_UA.search(last[0])) and not last_ru
    if (side == "russia" and last_ru) or (side == "ukraine" and last_ua):
        return last[0]
    return name


# "This figure includes ...", "Of these, ...", "According to the Daily Example, this includes":
# the sentence goes on with figures already credited; an outlet named in it only relays them.
RELAY_CONTINUATION = Rule(
    "relay-continuation",
    "A sentence that goes on with the figures of the source named before it (this, these, of "
    "them), an outlet credited in it (according to, as reported by) only relaying them.",
    guarded(
        r"^\s*(?:(?:According to|As reported by|As per|Citing)\s[^,]{2,60},\s*)?"
        r"(?:This(?: figure| number| total| tally)?|These(?: figures| numbers)?|That|It|"
        r"Of (?:these|them|this|which)|Among them|In total|Overall|Including)\b",
        _I,
    ),
    "According to the Daily Example, this includes 40 tanks",
    "According to the Daily Example, the army lost 40 tanks",
)
RELAY_RULES = registry(RELAY_CONTINUATION)


def relayed(np: str, s_text: str, carried: tuple[str, str] | None, publisher: str) -> bool:
    """Whether the outlet `np` only relays, in a sentence that goes on with the figures of the
    source carried so far (a named source, not an outlet nor the publisher)."""
    if not carried or carried[0] == publisher or is_outlet(carried[0]) or not is_outlet(np):
        return False
    return RELAY_CONTINUATION.match(s_text) is not None


_VERB_NEXT = guarded(r"\s+(?:(?:has|have|had|also|again|then)\s+){0,3}[a-z]+(?:ed|s)?\b(?! of\b)")


def subject_body(s_text: str) -> str | None:
    """The body a sentence opens with, when a verb follows it ("The Ukrainian Air Force shot
    down ..."): it reports its own results. Not a generic army ("Ukrainian forces"), a person
    or a country."""
    start = len(s_text) - len(ARTICLE.sub("", s_text.lstrip()))
    m = ALIAS_ANY.match(s_text, start)
    if m is None or not _VERB_NEXT.match(s_text, m.end()):
        return None
    name = canonical(m.group(0))
    if name is None or name == cl.AF_UA or not _ORG.search(name):
        return None
    return name


# "Russia's defence minister", "the Russian defense chief": a minister named by his office.
MINISTER_BY_OFFICE = Rule(
    "minister-by-office",
    "A defence minister named only by his office: the minister the article names by name "
    "(before it, or in the next sentences).",
    guarded(
        r"^(?:the\s+)?(?:(?:Russia|Ukraine|Britain)['’]s\s+|(?:Russian|Ukrainian|British|UK)\s+)?"
        r"(?:defen[cs]e\s+(?:minister|chief)|minister\s+of\s+defen[cs]e)$",
        _I,
    ),
    "Russia's defence minister",
    "Russia's defence ministry",
)
MINISTER_RULES = registry(MINISTER_BY_OFFICE)


def minister_named(np: str, text: str, pos: int) -> str | None:
    """The defence minister the article names near `pos` (within 1,500 characters either
    side, the closest), of the side `np` names, for a minister named by office only."""
    if len(np) > 60 or not MINISTER_BY_OFFICE.match(np):
        return None
    side = side_of(np) if (COUNTRY_RU.search(np) or COUNTRY_UA.search(np)) else None
    best: tuple[int, str] | None = None
    for m in ALIAS_ANY.finditer(text, max(0, pos - 1500), min(len(text), pos + 1500)):
        name = canonical(m.group(0))
        if not name or "Defence Minister" not in name:
            continue
        if side and side_of(name) != side:
            continue
        dist = abs(m.start() - pos)
        if best is None or dist < best[0]:
            best = (dist, name)
    return best[1] if best else None


# "the new defence minister, Ivan Petrov,", "Defence Minister Ivan Petrov": a person named with
# his title, whom a later "he" or "she" stands for.
TITLED_PERSON = Rule(
    "titled-person",
    "A person named after a title (minister, commander, president ...): whom a later he or "
    "she stands for.",
    re.compile(
        r"\b(?i:minister|president|commander|chief|spokes(?:man|woman|person)|head|director|"
        r"secretary|adviser|advisor|analyst|governor|mayor|official|envoy)\s*,?\s+"
        r"(?P<name>[A-Z][a-z][\w'’-]{0,30}(?:\s+[A-Z][\w'’-]{1,30}){1,2})"
    ),
    "the new defence minister, Ivan Petrov, vowed",
    "the minister of the interior vowed",
)
PERSON_RULES = registry(TITLED_PERSON)


def _last_person(text: str, start: int, end: int) -> str | None:
    """The last person named in `text[start:end]`: an alias of a person, or a name after a
    title."""
    found = [
        (m.start(), m.group(0))
        for m in ALIAS_ANY.finditer(text, start, end)
        if not _ORG.search(canonical(m.group(0)) or m.group(0))
    ]
    found += [
        (m.start(), m.group("name")) for m in TITLED_PERSON.pattern.finditer(text, start, end)
    ]
    return max(found)[1] if found else None


# "According to the General Staff, spokesman Ivan Petrov said": the body's spokesman.
SPOKESMAN_OF_BODY = Rule(
    "spokesman-of-body",
    "A spokesman named after the body the sentence already credits: the body, with his name.",
    guarded(r"\bspokes(?:man|woman|person)\s+[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){0,2}\W*$"),
    "According to the Staff, spokesman Ivan Petrov ",
    "According to the Staff, Ivan Petrov ",
)


def spokesman_of(before: str, person: str, earlier: list[str]) -> str | None:
    """ "According to X, spokesman Y said": "X (Y)", when X (the last of `earlier`, the
    speakers named before in the sentence) is a known body and `before` (the sentence up to
    the verb) ends with "spokesman Y"."""
    if not earlier or not SPOKESMAN_OF_BODY.search(before) or person not in before[-80:]:
        return None
    body = canonical(earlier[-1])
    if body is None or "(" in body or not _ORG.search(body):
        return None
    return f"{body} ({person})"


# "According to the Administration" after "the Border Oblast Military Administration says".
SHORT_FORM = Rule(
    "short-form",
    "A body's name cut to its last words (the Administration, the Air Force, the Service): the "
    "body named in full before.",
    re.compile(r"^(?:[Tt]he\s+)?(?P<head>(?:[A-Z][a-z]+\s+)?[A-Z][a-z]+)$"),
    "the Administration",
    "the regional administration",
)


def _short_form(np: str, named: list[tuple[str, str]]) -> tuple[str, str] | None:
    """The latest source named before whose full name (or words) ends with `np`'s words."""
    m = SHORT_FORM.match(np) if len(np) < 40 else None
    if m is None or canonical(np) or _BARE_COUNTRY.fullmatch(m.group("head")):
        return None
    head = m.group("head").lower()
    for name, text in reversed(named):
        for full in (name, text):
            low = full.lower().rstrip(" .")
            if low != head and low.endswith(" " + head):
                return name, text
    return None


# The patterns above as named rules (each is asked directly, by the function that owns it).
REFERENCE_RULES = registry(
    SPOKESMAN_OF_BODY,
    SHORT_FORM,
    Rule(
        "loser-not-speaker",
        "A country that lost, sustained, suffered: not who speaks.",
        _LOSER,
        " has sustained 400,000 casualties",
        " said the figure was high",
    ),
    Rule(
        "verb-after-body",
        "A verb after a body's name: the body acts.",
        _VERB_NEXT,
        " shot down 30 drones",
        " Air Force",
    ),
    Rule(
        "role-anaphor",
        "A role standing for a person named before.",
        _ROLE_ANAPHOR,
        "the president",
        "the presidential palace",
    ),
    Rule(
        "country-speaker",
        "A country said to report or claim.",
        _COUNTRY_SPEAKER,
        "Russia reported",
        "Russian forces advanced",
    ),
)


def source_over_outlet(attrs: list[Attribution], chosen: Attribution) -> Attribution | None:
    """ "According to the Daily Example, Russia lost 40 tanks, the ministry said": when the
    attribution chosen is an outlet and the sentence also names a source that is not one,
    that source (the last named before the outlet's figure, else the first after)."""
    if chosen.anaphoric or not is_outlet(chosen.text):
        return None
    others = [a for a in attrs if not a.anaphoric and not is_outlet(a.text)]
    return others[0] if others else None
