"""Regex helpers for the extractor: the same matches, with fewer wasted attempts.

Python's regex engine enters its matcher at every position of a search unless the pattern
starts with a case-sensitive literal or class, and it tries a case-insensitive alternation
branch by branch. These rewrites keep every match, span and group as they were:

- `guarded(pattern, flags)`: compiles `pattern` behind a lookahead on the characters a match
  can start with (`rx_parse.first_class`; `\\b` in front of those every path reaches through
  one); for a case-insensitive pattern, after `fold_alternations`. The pattern is parsed once:
  its first characters are read from the parse, which is then compiled (`re.compile`'s code);
- `by_first_letter` / `fold_alternations`: an alternation of letter-led words grouped by
  that letter as a case-sensitive class, which the engine skips without entering;
- `split_alternation`: for a case-sensitive pattern only asked "does it match?", its
  alternatives as a few patterns the engine scans through a character-set prefix;
- `fold_case` / `has_any`: the cheap "can it match at all?" test run before a search.

The code `guarded` makes is kept between runs (`rx_cache`): a process that finds it kept
compiles nothing.

Imports: `rx_parse` (what a pattern starts with, read from re's parse; compiling a parse),
`rx_cache` (the code of guarded patterns kept between runs).
"""

from __future__ import annotations

import functools
import re

from ledger.ingest import rx_cache
from ledger.ingest.rx_parse import CompiledArgs, code_of, compile_code, firsts_of, lookahead, parse

# The characters a scan of a pattern's text stops at: an escape, a whole character class
# (it ends at its first unescaped "]"), a parenthesis or a bar; the rest is plain text.
_SPECIAL = re.compile(r"\\.|\[(?:\\.|[^\]\\])*\]|[()|]", re.DOTALL)


def _group_end(pattern: str, i: int) -> int:
    """The index just past the `)` closing the group opened at `pattern[i]`."""
    depth = 0
    for m in _SPECIAL.finditer(pattern, i):
        tok = m.group()
        if tok == "(":
            depth += 1
        elif tok == ")":
            depth -= 1
            if depth == 0:
                return m.end()
    raise ValueError("unbalanced parentheses")


_FOLDABLE_GROUP = re.compile(r"\((?:\?:|\?P<\w+>|(?!\?))")


def _letter_led(alternatives: tuple[str, ...]) -> bool:
    return len(alternatives) > 1 and all(
        a[:1].isascii() and a[:1].isalpha() and a[1:2] not in ("?", "*", "+", "{")
        for a in alternatives
    )


@functools.lru_cache(maxsize=1024)
def fold_alternations(pattern: str) -> str:
    """`pattern` (case-insensitive, not verbose) with every alternation of letter-led words
    (the whole pattern, or the body of a `(?:...)`, `(...)` or `(?P<name>...)` group) written
    `by_first_letter`: the same regex, matched faster."""
    out: list[str] = []
    done = pos = 0
    while (m := _SPECIAL.search(pattern, pos)) is not None:
        if m.group() != "(":
            pos = m.end()
            continue
        start = m.start()
        end = _group_end(pattern, start)
        out.append(pattern[done:start])
        head = _FOLDABLE_GROUP.match(pattern, start)
        if head is None:  # lookarounds, inline flags, comments: as they are
            out.append(pattern[start:end])
        else:
            body = fold_alternations(pattern[head.end() : end - 1])
            if _letter_led(_top_level_alternatives(body)):
                body = by_first_letter(body)
            out.append(head.group(0) + body + ")")
        done = pos = end
    out.append(pattern[done:])
    folded = "".join(out)
    if _letter_led(_top_level_alternatives(folded)):
        folded = by_first_letter(folded)
    return folded


def guarded(pattern: str, flags: int = 0, *, starts_words: bool = False) -> re.Pattern[str]:
    """`re.compile(pattern, flags)`, behind a lookahead on its first characters when they
    can be listed, and with its word alternations folded when case-insensitive (see
    `fold_alternations`): same matches, spans and groups.

    When every match starts at a word boundary (every path asserts `\\b` first, or the
    caller says so with `starts_words`), the guard is `\\b(?=[...])`: a plain boundary
    test first, which fails at once inside words."""
    flags = int(flags)  # as `re.compile` does: re's parser and compiler test a plain int faster
    key = (pattern, flags, starts_words)
    kept = rx_cache.lookup(key)
    if kept is not None:
        try:
            return compile_code(kept)
        except (RuntimeError, TypeError, ValueError, OverflowError):
            pass  # code the engine refuses (a damaged cache): made again below
    args = _guarded_code(pattern, flags, starts_words)
    rx_cache.record(key, args)
    return compile_code(args)


def _guarded_code(pattern: str, flags: int, starts_words: bool) -> CompiledArgs:
    """The engine's code for `guarded(pattern, flags, starts_words=...)`."""
    if flags & re.IGNORECASE and not flags & re.VERBOSE:
        pattern = fold_alternations(pattern)
    parsed = parse(pattern, flags)
    out = firsts_of(parsed)
    if out is None:
        return code_of(pattern, parsed, flags)
    end = "\n)" if flags & re.VERBOSE else ")"  # a verbose pattern may end in a comment
    if starts_words or not out.loose:
        chars = "".join(dict.fromkeys(out.loose + out.bounded))
        head = f"\\b(?=[{chars}])"
    else:
        head = f"(?={lookahead(out)})"
    # `head(?:pattern)` parses as the head's items, then the pattern's (the parser unpacks a
    # plain group): the pattern is not parsed again
    whole = type(parsed)(parsed.state, [*parse(head, flags).data, *parsed.data])
    return code_of(f"{head}(?:{pattern}{end}", whole, flags)


@functools.lru_cache(maxsize=4096)
def _top_level_alternatives(pattern: str) -> tuple[str, ...]:
    """`pattern` cut at the `|` that are outside groups and classes (kept: the same groups
    recur in many patterns, and `fold_alternations` cuts each body twice)."""
    out: list[str] = []
    depth = cut = 0
    for m in _SPECIAL.finditer(pattern):
        tok = m.group()
        if tok == "(":
            depth += 1
        elif tok == ")":
            depth -= 1
        elif tok == "|" and depth == 0:
            out.append(pattern[cut : m.start()])
            cut = m.end()
    out.append(pattern[cut:])
    return tuple(out)


def split_alternation(pattern: str, flags: int = 0) -> tuple[re.Pattern[str], ...]:
    """For a case-sensitive `pattern` used only to ask "is there a match?": the same
    alternatives as a few patterns the regex engine scans fast, a string having a match of
    `pattern` iff it has one of any part. Alternatives that start with a plain letter (or
    with \\b and a letter) are grouped by that letter (`s(?:ubscrib|ign in)|...`, found
    through a character-set prefix); those anchored with ^ go together (tried at the start
    only); the rest go last."""
    groups: dict[str, list[str]] = {}
    anchored: list[str] = []
    other: list[str] = []
    for alt in _top_level_alternatives(pattern):
        lead = alt[2:] if alt.startswith("\\b") else alt
        if lead[:1].isalpha() and lead[:1].isascii() and lead[1:2] not in ("?", "*", "+", "{"):
            rest = f"(?<=\\b{lead[0]}){lead[1:]}" if lead is not alt else lead[1:]
            groups.setdefault(lead[0], []).append(rest)
        elif alt.startswith("^"):
            anchored.append(alt)
        else:
            other.append(alt)
    parts = ["|".join(f"{k}(?:{'|'.join(v)})" for k, v in groups.items()), "|".join(anchored)]
    return tuple(re.compile(p, flags) for p in [*parts, "|".join(other)] if p)


# The characters other than a letter's own two cases that match it case-insensitively: in
# Unicode, only these four match an ASCII letter (tests/test_extract.py checks every code
# point), and each of them matches one letter only.
_FOLDS_TO_ASCII = "\u0130\u0131\u017f\u212a"  # İ ı ſ K (Kelvin sign)


@functools.cache
def _case_class(letter: str) -> str:
    """A case-sensitive class of every character that matches ASCII `letter` under
    re.IGNORECASE."""
    chars = [c for c in (letter.lower(), letter.upper(), *_FOLDS_TO_ASCII)]
    return "(?-i:[" + "".join(c for c in chars if re.fullmatch(letter, c, re.IGNORECASE)) + "])"


def by_first_letter(alternation: str, *, any_order: bool = False) -> str:
    """A case-insensitive alternation of words (each alternative starting with a plain ASCII
    letter), grouped by that letter as a case-sensitive class: `(?-i:[sSſ])(?:aid|ays)|...`.

    Same matches and the same alternative chosen: a character matches one letter at most, so
    only one group can match at a position, and a group keeps its alternatives' order. Faster,
    because the regex engine skips a branch whose first class does not hold without entering
    it, and it enters every branch that starts with a case-insensitive letter.

    With `any_order` (for a pattern only ever asked whether it matches, never which
    alternative or how far), alternatives that do not start with a letter go last, as they are.
    """
    groups: dict[str, list[str]] = {}
    rest: list[str] = []
    for alt in _top_level_alternatives(alternation):
        first = alt[:1]
        if not (first.isascii() and first.isalpha()) or alt[1:2] in ("?", "*", "+", "{"):
            if not any_order:
                raise ValueError(f"alternative {alt!r} does not start with a plain letter")
            rest.append(alt)
            continue
        groups.setdefault(first.lower(), []).append(alt[1:])
    parts = [f"{_case_class(k)}(?:{'|'.join(v)})" for k, v in groups.items()]
    return "(?:" + "|".join(parts + rest) + ")"


def fold_case(text: str) -> str:
    """`text` lower-cased so that each character that matches an ASCII letter
    case-insensitively (İ ı ſ K included) becomes that letter, one for one: a run of letters
    and spaces that a case-insensitive pattern matches literally is then a substring of it.
    For cheap "can it match at all?" checks before a regex search."""
    if text.isascii():  # (a constant-time test in CPython) nothing but letters to lower
        return text.lower()
    return text.replace("\u0130", "i").lower().replace("\u017f", "s").replace("\u0131", "i")


def has_any(folded: str, words: tuple[str, ...]) -> bool:
    """Whether `folded` (see `fold_case`) holds one of `words` (a plain loop: faster than
    `any()` over a generator)."""
    for word in words:  # noqa: SIM110 - the loop is the point
        if word in folded:
            return True
    return False
