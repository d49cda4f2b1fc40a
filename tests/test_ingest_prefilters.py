"""Prefilters and fast paths must never change what the extractor finds: a text
without any of a rule's words is one its pattern cannot match, tried on texts generated from
the pattern itself (not only on the rule's two examples), and the word masks `_leftmost`
reads search the very rules each rule's own words would; the reading copy is made as by
every one of its steps."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from ledger.ingest import extract
from ledger.ingest import lexicon as lx
from ledger.ingest import period_cues as pc
from ledger.ingest import period_rules as pr
from ledger.ingest import period_totals as pt
from ledger.ingest.cues import EXCHANGE
from ledger.ingest.rules import Rule
from ledger.ingest.rx import fold_case, has_any

# The source EXCHANGE is compiled from (before `guarded` rewrites it): texts are drawn from it.
_EXCHANGE_SOURCE = re.compile(rf"\b(?:{'|'.join(lx.EXCHANGE_WORDS)})\b", re.IGNORECASE)


@settings(max_examples=400)
@given(st.from_regex(_EXCHANGE_SOURCE))
def test_exchange_words_hold_every_match(text: str) -> None:
    for m in EXCHANGE.pattern.finditer(text):
        assert has_any(fold_case(m.group()), EXCHANGE.words), m.group()


@given(
    st.lists(
        st.sampled_from(
            ["exchanged", "Brought HOME", "released", "the return of", "swapped", "freed", "x"]
        ),
        max_size=4,
    ).map(" ".join)
)
def test_exchange_search_is_the_patterns(text: str) -> None:
    assert bool(EXCHANGE.search(text)) == bool(EXCHANGE.pattern.search(text))


_REGISTRIES = (pr.WINDOW_CUES, pt.CUMULATIVE_CUES, pc.WEAK_WINDOW_CUES)
_WORDS = sorted({w for rules in _REGISTRIES for r in rules for w in r.words})


def _leftmost_by_each_rule(rules: tuple[Rule, ...], seg: str) -> tuple[str, int] | None:
    """`_leftmost` without a skip, as each rule's own words gate it."""
    low = fold_case(seg)
    found = [
        (m.start(), k, rule.name)
        for k, rule in enumerate(rules)
        if (not rule.words or has_any(low, rule.words)) and (m := rule.pattern.search(seg))
    ]
    return (min(found)[2], min(found)[0]) if found else None


# Words, the rules' own examples (so that rules match, several in one stretch) and filler.
_EXAMPLES = [text for rules in _REGISTRIES for r in rules for text in (r.accepts, r.rejects)]
_PIECES = [*_WORDS, *_EXAMPLES, "x", " ", ", ", "Day", "SINCE", "7 "]


@settings(max_examples=300)
@given(st.lists(st.sampled_from(_PIECES), max_size=5).map(" ".join))
def test_leftmost_searches_the_rules_their_words_would(seg: str) -> None:
    for rules in _REGISTRIES:
        found = pc._leftmost(rules, seg)
        got = (found[0].name, found[1].start()) if found else None
        assert got == _leftmost_by_each_rule(rules, seg)


# The reading copy as it was made before its fast paths: every step over every text.
_OLD_COUNT_POINT = re.compile(r"(?:(?<=\d)|(?<=\bthousand)|(?<=\bmillion))\.(?= [a-z])")


def _reading_copy_by_every_step(text: str) -> str:
    read = re.sub(r"\r(?=\n)", " ", text.translate(extract._READ_AS)).replace("\r", "\n")
    return _OLD_COUNT_POINT.sub(" ", read)


@settings(max_examples=300)
@given(
    st.lists(
        st.sampled_from(
            [
                *("25", " thousand", "million", ". ", ". x", ".", " were", "\r\n", "\r", "\n"),
                *("\u2010", "\u2011", "\u2012", "\u2015", "\u2212", "—", "x", "Athousand", " a"),
            ]
        ),
        max_size=8,
    ).map("".join)
)
def test_the_reading_copy_is_made_as_by_every_step(text: str) -> None:
    assert extract._reading_copy(text) == _reading_copy_by_every_step(text)
