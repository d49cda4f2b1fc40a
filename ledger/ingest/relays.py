"""Relays: an outlet the article itself says passes on another source's figures.

Owns `credit_relayed_sources` ("The General Staff said on Friday, as cited by Ukrinform." and,
further on, "820 soldiers, according to the ukrinform.net website": the General Staff speaks
for both, since the article says Ukrinform only relays it) and its rule, `RELAY_RULES`. An
outlet is known by its name however the article writes it: with or without its web address,
its "news agency" or "website". Imports: `cand`, `claimant_names`, `name_cores`, `rules`,
`rx`, `sentences`, `speakers`.
"""

from __future__ import annotations

import re

from ledger.ingest.cand import Cand
from ledger.ingest.claimant_names import name_claimant, valid_np
from ledger.ingest.name_cores import is_outlet
from ledger.ingest.rules import Rule, registry
from ledger.ingest.rx import guarded
from ledger.ingest.sentences import Sentence
from ledger.ingest.speakers import attributions

# "..., the General Staff said, as cited by state news agency Ukrinform": the outlet relays.
RELAYED_BY = Rule(
    "relayed-by-outlet",
    "A source's words passed on by an outlet (as cited by X, as quoted by X, as reported by "
    "X): later figures credited to X alone are the source's.",
    guarded(
        r"\bas\s+(?:cited|quoted|relayed|reported|carried)\s+by\s+"
        r"(?P<outlet>(?:[\w'’-]+\s+){0,4}?[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3})",
    ),
    "the General Staff said, as cited by state news agency Ukrinform",
    "the General Staff said, as expected by analysts",
    words=("as",),
)
# "the state news agency", "website": the words that say what kind of outlet a name is.
OUTLET_DESCRIPTOR = Rule(
    "outlet-descriptor",
    "The words around an outlet's name that say what kind of outlet it is (the state news "
    "agency, website): no part of the name.",
    guarded(
        r"\b(?:the|state|state-run|state-owned|news|agency|website|site|web|portal|outlet|"
        r"newspaper|channel|service|online|official)\b",
        re.IGNORECASE,
    ),
    "the state news agency Newsline",
    "Newsline",
)
RELAY_RULES = registry(RELAYED_BY, OUTLET_DESCRIPTOR)


def _bare(word: str) -> str:
    """A word without its web address: "www.newsline.com.ua" is "newsline"."""
    word = word.strip(".,;:").lower()
    for prefix in ("https://", "http://", "www."):
        word = word.removeprefix(prefix)
    head, dot, tail = word.partition(".")
    return head if dot and tail.replace(".", "").isalpha() else word


def outlet_key(np: str) -> str:
    """The name of an outlet without its descriptors or web address: "the ukrinform.net
    website" and "state news agency Ukrinform" are both "ukrinform"."""
    return " ".join(_bare(w) for w in OUTLET_DESCRIPTOR.pattern.sub(" ", np).split()).strip()


def _relays(text: str, sentences: list[Sentence]) -> dict[str, tuple[str, str]]:
    """Each outlet the article says relays a source: its key -> (claimant, as written)."""
    out: dict[str, tuple[str, str]] = {}
    for sent in sentences:
        s = text[sent.start : sent.end]
        m = RELAYED_BY.search(s)
        if m is None:
            continue
        key = outlet_key(m.group("outlet"))
        sources = [
            a
            for a in attributions(text, sent)
            if a.pos < sent.start + m.start() and not a.anaphoric and not is_outlet(a.text)
        ]
        if key and sources and valid_np(sources[-1].text):
            context = text[max(0, sent.start - 400) : sent.end]
            np = sources[-1].text
            out.setdefault(key, (name_claimant(np, context, None, {}), np))
    return out


def credit_relayed_sources(text: str, sentences: list[Sentence], cands: list[Cand]) -> None:
    """A figure credited to an outlet the article says relays a named source is that
    source's ("relayed-by-outlet")."""
    if "by" not in text:
        return
    relays = _relays(text, sentences)
    if not relays:
        return
    for c in cands:
        found = relays.get(outlet_key(c.claimant or "")) if c.claimant else None
        if found is not None and found[0] != c.claimant:
            c.claimant, c.claimant_text = found
            c.why["claimant"] = RELAYED_BY.name
