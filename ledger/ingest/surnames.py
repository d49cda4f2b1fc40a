"""Surnames: a person the article names in full once, and by surname after.

Owns `full_names` ('Colin Kahl said ...' and later '"... 70-80 thousand casualties," Kahl
said': both are Colin Kahl's) and its rule, `SURNAME_RULES`. Only a claimant of one
capitalised word is looked up, and only in the article before its figure. Imports: `cand`,
`claimant_names`, `cues`, `rules`, `sentences`.
"""

from __future__ import annotations

import re

from ledger.ingest.cand import Cand
from ledger.ingest.claimant_names import CANONICAL_NAMES, name_claimant
from ledger.ingest.cues import COUNTRY_RU, COUNTRY_UA
from ledger.ingest.rules import Rule, registry
from ledger.ingest.sentences import Sentence

# A first name (or two initials' worth) before a surname.
_FIRST = r"\b(?P<first>[A-Z][a-z'’-]+(?:\s+[A-Z]\.){0,2})\s+"
_NOT_FIRST = frozenset({"The", "A", "An", "In", "On", "At", "By", "As", "But", "And", "Mr", "Ms"})

# A person named in full, then by surname alone: the surname stands for the full name.
FULL_NAME = Rule(
    "surname-of-named-person",
    "A speaker named by surname alone is the person the article named in full before (Colin "
    "Kahl, then Kahl).",
    re.compile(_FIRST + r"(?P<last>[A-Z][a-z'’-]{2,})\b(?=.*\b(?P=last)\b)", re.DOTALL),
    "Colin Kahl spoke first. Later Kahl said",
    "Colin Kahl spoke first. Later Hecker said",
)
SURNAME_RULES = registry(FULL_NAME)


def _one_word(word: str) -> bool:
    """Whether `word` is one capitalised word ("Kahl"), as a surname is written."""
    rest = word[1:].replace("'", "").replace("’", "").replace("-", "")
    return len(word) >= 3 and word[0].isupper() and rest.isalpha() and rest.islower()


def _full_names(text: str, surname: str) -> list[tuple[int, str]]:
    """Where each full name ending in `surname` ends in `text`, and the name: read once per
    surname, however many of its figures ask."""
    out = []
    for m in re.finditer(_FIRST + re.escape(surname) + r"\b", text):
        if m.group("first").split()[0] not in _NOT_FIRST:
            out.append((m.end(), f"{m.group('first')} {surname}"))
    return out


def _full_name(named: list[tuple[int, str]], before: int) -> str | None:
    """The last of the full names `named` that ends before `before`, or None."""
    found = None
    for end, name in named:
        if end > before:
            break
        found = name
    return found


def full_names(text: str, sentences: list[Sentence], cands: list[Cand]) -> None:
    """A claimant named by surname alone takes the full name the article gave before
    ("surname-of-named-person")."""
    named: dict[str, list[tuple[int, str]]] = {}
    for c in cands:
        word = c.claimant or ""
        if not _one_word(word) or word in CANONICAL_NAMES:
            continue
        if COUNTRY_RU.fullmatch(word) or COUNTRY_UA.fullmatch(word):
            continue  # "Ukraine", "Moscow": a side, never a surname
        if word not in named:
            named[word] = _full_names(text, word)
        full = _full_name(named[word], sentences[c.sent].start)
        if full is not None:
            c.claimant = name_claimant(full, "", None, {})
            c.why["claimant"] = FULL_NAME.name
