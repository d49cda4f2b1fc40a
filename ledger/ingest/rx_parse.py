"""What a regex can start with, read from re's own parse; and compiling a parse once made.

Owns `Firsts` / `firsts_of` (the characters a match of a parsed pattern can start with, split
into those anywhere and those only at a word boundary), `first_class` and `lookahead` (them as
a lookahead body), `code_of` / `compile_code` / `compile_parsed` (`re.compile`'s last steps,
for a pattern already parsed: `rx.guarded` reads a pattern's first characters and compiles the
same parse) and `max_width`.
Imports: the standard library only (re's parser and compiler).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, cast

__all__ = [
    "CompiledArgs",
    "Firsts",
    "code_of",
    "compile_code",
    "compile_parsed",
    "first_class",
    "firsts_of",
    "lookahead",
    "max_width",
    "parse",
]

if TYPE_CHECKING:
    # typeshed describes re's parser under the module names it had before Python 3.11
    # (`sre_parse` and `sre_constants` are now deprecated aliases of these very modules).
    import sre_compile as _compiler
    import sre_constants as _c
    import sre_parse as _p
else:
    from re import _compiler
    from re import _constants as _c
    from re import _parser as _p

# re's compiler, for `_code` (a parse to its code) and `_sre.compile` (code to a pattern),
# which typeshed does not describe
_COMPILER: Any = _compiler

_ZERO_WIDTH = (_c.AT, _c.ASSERT, _c.ASSERT_NOT)
_REPEATS = (_c.MAX_REPEAT, _c.MIN_REPEAT, _c.POSSESSIVE_REPEAT)


class _Unknown(Exception):
    """The first characters of a pattern cannot be listed (a negated class, a backreference)."""


class Firsts:
    """The class items a match can start with: `loose` anywhere, `bounded` only where a word
    boundary (\\b) holds, because every path to them asserts one first."""

    def __init__(self) -> None:
        self.loose: list[str] = []
        self.bounded: list[str] = []

    def add(self, item: str, bounded: bool) -> None:
        (self.bounded if bounded else self.loose).append(item)


def _first(items: Iterable[tuple[object, object]], out: Firsts, bounded: bool) -> bool:
    """Add to `out` what a match of `items` can start with; True if it can be empty."""
    for op, av in items:
        if op is _c.AT and av is _c.AT_BOUNDARY:
            bounded = True
            continue
        if op in _ZERO_WIDTH:
            continue
        if not _first_of(op, av, out, bounded):
            return False
    return True


# The parser's argument `av` has a shape its opcode decides (typeshed can only give a union,
# which leaves some out): each branch below casts it to the shape of its opcode.
def _first_of(op: object, av: object, out: Firsts, bounded: bool) -> bool:
    """Like `_first` for one item; True if the item can match the empty string."""
    if op is _c.LITERAL:
        out.add(re.escape(chr(cast(int, av))), bounded)
        return False
    if op is _c.IN:
        _first_in_class(cast("list[tuple[object, Any]]", av), out, bounded)
        return False
    if op is _c.BRANCH:
        empty = False
        for branch in cast("_p._OpBranchType", av)[1]:
            empty |= _first(branch.data, out, bounded)
        return empty
    if op is _c.SUBPATTERN:
        return _first_in_group(cast("_p._OpSubpatternType", av), out, bounded)
    if op in _REPEATS:
        low, _high, sub = cast("tuple[int, int, _p.SubPattern]", av)
        return _first(sub.data, out, bounded) or low == 0
    if op is _c.ATOMIC_GROUP:
        return _first(cast("_p.SubPattern", av).data, out, bounded)
    raise _Unknown(op)


def _first_in_class(items: list[tuple[object, Any]], out: Firsts, bounded: bool) -> None:
    """Add the items of a character class (`[...]`) to `out`."""
    for iop, iav in items:
        if iop is _c.LITERAL:
            out.add(re.escape(chr(iav)), bounded)
        elif iop is _c.RANGE:
            out.add(f"{re.escape(chr(iav[0]))}-{re.escape(chr(iav[1]))}", bounded)
        elif iop is _c.CATEGORY and iav in _CATEGORIES:
            out.add(_CATEGORIES[iav], bounded)
        else:
            raise _Unknown(iop)


def _first_in_group(av: _p._OpSubpatternType, out: Firsts, bounded: bool) -> bool:
    """Like `_first` for a group's body. Inline flags inside: only dropping IGNORECASE is
    allowed (the class, compiled with the outer flags, then holds a superset of what the
    group can start with)."""
    _group, add_flags, del_flags, body = av
    if add_flags or del_flags & ~re.IGNORECASE:
        raise _Unknown(_c.SUBPATTERN)
    return _first(body.data, out, bounded)


_CATEGORIES = {
    _c.CATEGORY_DIGIT: r"\d",
    _c.CATEGORY_SPACE: r"\s",
    _c.CATEGORY_WORD: r"\w",
}


def parse(pattern: str, flags: int) -> _p.SubPattern:
    """re's parse of `pattern` (`flags` a plain int)."""
    return _p.parse(pattern, flags)


def firsts_of(parsed: _p.SubPattern) -> Firsts | None:
    """What a match of the parsed pattern can start with; None when a match can be empty or
    its first characters cannot be listed."""
    try:
        out = Firsts()
        if _first(parsed.data, out, False):
            return None
    except _Unknown:
        return None
    return out


def _firsts(pattern: str, flags: int) -> Firsts | None:
    """`_firsts_of` the parse of `pattern`."""
    return firsts_of(_p.parse(pattern, flags))


def lookahead(out: Firsts) -> str:
    """`first_class`'s lookahead body for the first characters `out`."""
    parts = []
    if out.loose:
        parts.append("[" + "".join(dict.fromkeys(out.loose)) + "]")
    if out.bounded:
        parts.append("\\b[" + "".join(dict.fromkeys(out.bounded)) + "]")
    return "|".join(parts)


def first_class(pattern: str, flags: int = 0) -> str | None:
    """A lookahead body that holds at every position a match of `pattern` can start at:
    a character class, with `\\b` before the characters every path reaches through a word
    boundary; None when a match can be empty or its first characters cannot be listed."""
    out = _firsts(pattern, flags)
    return None if out is None else lookahead(out)


# What `_sre.compile` takes to make a pattern: its text, flags, code, groups, group index and
# index-group names (plain data: `rx_cache` keeps it between runs)
CompiledArgs = tuple[str, int, list[int], int, dict[str, int], tuple[str | None, ...]]


def code_of(pattern: str, parsed: _p.SubPattern, flags: int) -> CompiledArgs:
    """What `re.compile(pattern, flags)` hands the regex engine, from `parsed`, the parse of
    `pattern` (what `re._compiler.compile` does after parsing): a pattern parsed to read its
    first characters is not parsed again."""
    code = _COMPILER._code(parsed, flags)
    state = parsed.state
    indexgroup: list[str | None] = [None] * state.groups
    for name, index in state.groupdict.items():
        indexgroup[index] = name
    groupindex = dict(state.groupdict)
    return (pattern, flags | state.flags, code, state.groups - 1, groupindex, tuple(indexgroup))


def compile_code(args: CompiledArgs) -> re.Pattern[str]:
    """The pattern the regex engine makes of `args` (it validates the code, raising
    RuntimeError for code it could not run)."""
    compiled: re.Pattern[str] = _COMPILER._sre.compile(*args)
    return compiled


def compile_parsed(pattern: str, parsed: _p.SubPattern, flags: int) -> re.Pattern[str]:
    """`re.compile(pattern, flags)` from `parsed`, the parse of `pattern`. tests/test_extract.py
    checks the result equals `re.compile`'s (same code) for every guarded pattern."""
    return compile_code(code_of(pattern, parsed, flags))


def max_width(pattern: re.Pattern[str]) -> int:
    """The most characters a match of `pattern` can span (sre's own bound)."""
    return _p.parse(pattern.pattern, pattern.flags).getwidth()[1]
