"""Named rules: the patterns the extractor decides by, each a unit with a name and examples.

Owns `Rule`, `registry`, `words` and `any_words`. A rule is one keep/drop test, metric cue,
qualifier cue, period cue or attribution pattern: its `name` is what `claims extract
--explain` prints for the decision it made, its `doc` says what it is for, and it carries a
text it `accepts` and a near miss it `rejects` (tests/test_ingest_rules.py runs every registry
over both). A rule may hold the words every match of its pattern contains (`words`,
case-folded): a text without any of them is not searched, and the same test checks the words
against the pattern on its examples; `any_words` gathers a registry's, to skip all its rules
at once.

A stage keeps its rules in a literal module-level tuple made by `registry`, and asks them
with `Rule.search`. Imports: `rx`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TypeVar

from ledger.ingest.rx import fold_case, has_any

__all__ = ["Rule", "any_words", "registry", "words"]

_NAME = re.compile(r"[a-z][a-z0-9]*(?:-[a-z0-9]+)*")


@dataclass(frozen=True, slots=True)
class Rule:
    """One named pattern, with an example it accepts and a near miss it rejects."""

    name: str
    doc: str
    pattern: re.Pattern[str]
    accepts: str
    rejects: str
    words: tuple[str, ...] = ()  # case-folded words every match holds; () = always search

    def search(self, text: str, pos: int = 0, endpos: int | None = None) -> re.Match[str] | None:
        """The first match in `text[pos:endpos]`, or None (at once if none of `words` is in
        it)."""
        end = len(text) if endpos is None else endpos
        if self.words and not has_any(fold_case(text[pos:end]), self.words):
            return None
        return self.pattern.search(text, pos, end)

    def match(self, text: str, pos: int = 0, endpos: int | None = None) -> re.Match[str] | None:
        """A match starting at `pos`, or None."""
        end = len(text) if endpos is None else endpos
        if self.words and not has_any(fold_case(text[pos:end]), self.words):
            return None
        return self.pattern.match(text, pos, end)


def any_words(rules: tuple[Rule, ...]) -> tuple[str, ...]:
    """The prefilter words of all `rules` (a text holding none of them is searched by none
    of them), or () when some rule has none (it is always searched)."""
    if any(not rule.words for rule in rules):
        return ()
    return tuple(dict.fromkeys(w for rule in rules for w in rule.words))


def words(spec: str) -> tuple[str, ...]:
    """A rule's prefilter words from one "|"-separated string ("will|would|expected to")."""
    return tuple(w for w in spec.split("|") if w)


_R = TypeVar("_R", bound="Rule")


def registry(*rules: _R) -> tuple[_R, ...]:
    """`rules` as a registry: names are kebab-case and unique, docs and examples not empty."""
    seen: set[str] = set()
    for rule in rules:
        if not _NAME.fullmatch(rule.name):
            raise ValueError(f"rule name {rule.name!r} is not kebab-case")
        if rule.name in seen:
            raise ValueError(f"rule name {rule.name!r} is used twice")
        if not (rule.doc.strip() and rule.accepts.strip() and rule.rejects.strip()):
            raise ValueError(f"rule {rule.name!r} needs a doc and both examples")
        seen.add(rule.name)
    return tuple(rules)
