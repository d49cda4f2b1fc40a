"""The extractor's named rules: every rule in every registry has a doc and two examples that
it answers rightly, and its prefilter words never hide a match (sqlite-utils'
`test_recipes_are_documented`, for regexes)."""

from __future__ import annotations

import importlib
import pkgutil
import re

import pytest

import ledger.ingest as ingest
from ledger.ingest.rules import Rule, registry
from ledger.ingest.rx import fold_case, has_any

MODULES = [
    importlib.import_module(f"ledger.ingest.{m.name}")
    for m in pkgutil.iter_modules(ingest.__path__)
]
REGISTRIES = {
    f"{module.__name__.rsplit('.', 1)[1]}.{name}": value
    for module in MODULES
    for name, value in vars(module).items()
    if isinstance(value, tuple) and value and all(isinstance(r, Rule) for r in value)
}
RULES = [(where, rule) for where, rules in REGISTRIES.items() for rule in rules]
# Compiled patterns at module level that are not yet a named rule: this number may only fall.
UNNAMED_AT_MOST = 151


def test_there_are_registries() -> None:
    assert REGISTRIES, "no registry of rules found in ledger/ingest"


@pytest.mark.parametrize(("where", "rule"), RULES, ids=[f"{w}:{r.name}" for w, r in RULES])
def test_a_rule_accepts_its_example_and_rejects_its_near_miss(where: str, rule: Rule) -> None:
    assert rule.doc.strip(), f"{where}: {rule.name} has no doc"
    assert rule.search(rule.accepts), f"{where}: {rule.name} does not accept {rule.accepts!r}"
    assert not rule.search(rule.rejects), f"{where}: {rule.name} accepts {rule.rejects!r}"


@pytest.mark.parametrize(("where", "rule"), RULES, ids=[f"{w}:{r.name}" for w, r in RULES])
def test_a_rules_words_never_hide_a_match(where: str, rule: Rule) -> None:
    """A text the prefilter skips (none of `words`) must be one the pattern cannot match:
    checked on both examples, where the pattern matches, by the words of the match."""
    if not rule.words:
        return
    for example in (rule.accepts, rule.rejects):
        for m in rule.pattern.finditer(example):
            assert has_any(fold_case(m.group()), rule.words), (
                f"{where}: {rule.name} matches {m.group()!r}, which holds none of its words"
            )


def test_names_are_unique_across_registries() -> None:
    names = [rule.name for _, rule in RULES]
    assert len(names) == len(set(names))


@pytest.mark.parametrize(
    ("rules", "problem"),
    [
        ((Rule("Bad Name", "d", re.compile("x"), "x", "y"),), "kebab-case"),
        (
            (
                Rule("same", "d", re.compile("x"), "x", "y"),
                Rule("same", "d", re.compile("x"), "x", "y"),
            ),
            "used twice",
        ),
        ((Rule("no-doc", " ", re.compile("x"), "x", "y"),), "needs a doc"),
    ],
)
def test_registry_refuses_a_bad_rule(rules: tuple[Rule, ...], problem: str) -> None:
    with pytest.raises(ValueError, match=problem):
        registry(*rules)


def test_words_gate_the_search() -> None:
    rule = Rule("tanks", "d", re.compile(r"\btanks?\b", re.I), "two tanks", "a tank", ("tank",))
    assert rule.search("TWO TANKS") and not rule.search("two trucks")
    assert rule.match("tanks lost") and not rule.match("lost tanks")


def test_unnamed_patterns_only_fall() -> None:
    """Every pattern a stage decides by is to become a named rule: the module-level compiled
    patterns outside a registry may not grow in number."""
    named = {id(rule.pattern) for _, rule in RULES}
    unnamed = set()
    for module in MODULES:
        for value in vars(module).values():
            if isinstance(value, re.Pattern) and id(value) not in named:
                unnamed.add(id(value))
    assert len(unnamed) <= UNNAMED_AT_MOST, f"{len(unnamed)} unnamed patterns"


def test_a_qualifier_phrase_belongs_to_one_cue() -> None:
    """`cues.QUALIFIER_OF` maps each phrase to its cue: a phrase in two cues would be lost."""
    from ledger.ingest.cues import QUALIFIER_OF
    from ledger.ingest.lexicon import QUALIFIER_CUES

    phrases = [p for cue in QUALIFIER_CUES for p in cue.phrases]
    assert len(phrases) == len(set(phrases)) == len(QUALIFIER_OF)


@pytest.mark.parametrize(
    ("before", "qualifier", "rule"),
    [
        ("Russia lost about ", "approx", "approx-word-before"),
        ("Russia lost an estimated ", "exact", "estimate-word-before"),
        ("Russia lost NO FEWER THAN ", "at_least", "at-least-word-before"),
        ("losses topped ", "at_least", "passing-verb-before"),
        ("killed up to: ", "at_most", "at-most-word-before"),
    ],
)
def test_the_qualifier_before_a_number_is_its_cues(before: str, qualifier: str, rule: str) -> None:
    """The one pattern of every qualifier phrase finds the phrase; its cue gives the
    qualifier and the rule's name (what `claims extract --explain` prints)."""
    from ledger.ingest.cues import QUALIFIER_OF, qualifier_before

    m = qualifier_before(before)
    assert m is not None
    cue = QUALIFIER_OF[m.group(1).lower()]
    assert (cue.qualifier, cue.name) == (qualifier, rule)
    assert cue.search(before)
