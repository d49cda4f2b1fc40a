"""Filters: what a read command's --metric, --subject, --claimant, --publisher, --kind and
--since stand for in a ledger, and the one error a filter that matches nothing gives (#14).

Owns: checking a filter's spelling (`choice` for closed vocabularies such as the metric
taxonomy, `subject` for the subject format: exit 2, with the closest spellings), matching a
filter to the values a ledger holds (`match`: any case, and for names any alias: `NoMatch`,
exit 1, with the closest names the ledger does have), the `Match` it gives, and `select` (the
rows every filter matches; `NoMatch` when they match nothing together, naming the filters and
what the first of them does have). An empty ledger is the caller's case: no filter is matched
against it. Pure: functions of names and rows.
Imports: `events` and pydantic (the subject format), `ledger.projections` (`resolve`),
`ledger.errors`.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher, get_close_matches
from functools import cache
from typing import TYPE_CHECKING, TypeVar

from ledger.errors import InvalidInput, NoMatch
from ledger.projections import resolve

if TYPE_CHECKING:
    from pydantic import TypeAdapter

T = TypeVar("T")
Facets = Mapping[str, Collection[str]]
"""What a row has, per filterable field: e.g. {"claimant": {...}, "metric": {"tanks"}}."""

CLOSEST = 3
"""How many names a refusal suggests."""


@cache
def _subject() -> TypeAdapter[str]:
    """The subject's validator, built on first use (a read without a filter never loads it)."""
    from pydantic import TypeAdapter

    from events.claims import Subject

    return TypeAdapter(Subject)


@dataclass(frozen=True)
class Match:
    """A filter as the user gave it, and the values of its field in the ledger it stands for
    (a name in two spellings, "UA army" and "ua army", stands for both). With `since`, the
    filter is a date: values on or after it match."""

    field: str
    typed: str
    names: frozenset[str] = frozenset()
    since: bool = False

    def hits(self, values: Collection[str]) -> bool:
        """Whether a row with these values of the field is one the filter keeps."""
        if self.since:
            return any(v >= self.typed for v in values)
        return not self.names.isdisjoint(values)

    @property
    def phrase(self) -> str:
        """The filter in words: "claimant 'Armed Forces of Ukraine'", "a date on or after ..."."""
        if self.since:
            return f"a date on or after {self.typed}"
        shown = next(iter(self.names)) if len(self.names) == 1 else self.typed
        return f"{self.field} {shown!r}"


def choice(what: str, typed: str | None, choices: Sequence[str]) -> str | None:
    """Check a value of a closed vocabulary (any case); refuse a misspelling, suggesting the
    closest choices and naming them all."""
    if typed is None:
        return None
    value = typed.casefold()
    if value in choices:
        return value
    close = get_close_matches(value, choices, n=3, cutoff=0.6)
    hint = f": did you mean {' or '.join(close)}?" if close else ""
    raise InvalidInput(f"unknown {what} {typed!r}{hint} (one of: {', '.join(choices)})")


def subject(typed: str | None) -> str | None:
    """Check a subject (a party, any case: "Russia" is russia) against the subject format."""
    if typed is None:
        return None
    from pydantic import ValidationError  # (a read with --subject only)

    value = typed.casefold()
    try:
        return _subject().validate_python(value)
    except ValidationError:
        raise InvalidInput(
            f"--subject must name a party such as russia or ukraine (a letter, then letters, "
            f"digits, spaces, '.', '_' or '-'; at most 60), got {typed!r}"
        ) from None


def closest(typed: str, names: Iterable[str], n: int = CLOSEST) -> list[str]:
    """The `n` names nearest to `typed`, nearest first: any case, a name that starts with or
    holds what was typed counts as near ("General Staf" is near "General Staff of ...")."""
    wanted = typed.casefold()

    def score(name: str) -> float:
        have = name.casefold()
        if wanted and wanted in have:
            return 1.0
        whole = SequenceMatcher(None, wanted, have).ratio()
        head = SequenceMatcher(None, wanted, have[: len(wanted)]).ratio()
        return max(whole, head)

    return sorted(set(names), key=lambda name: (-score(name), name))[:n]


def match(
    what: str, typed: str, present: Iterable[str], aliases: Mapping[str, str] | None = None
) -> Match:
    """Match a filter to the values the ledger holds, in any case; with `aliases` (names:
    claimants, publishers), an alias in any case stands for its canonical name. Nothing
    matching is `NoMatch`, listing the closest names (or, for a vocabulary, all there are)."""
    have = set(present)
    folded: dict[str, set[str]] = {}
    for name in have:
        folded.setdefault(name.casefold(), set()).add(name)
    wanted = {typed.casefold()}
    table = dict(aliases or {})
    for alias in table:
        if alias.casefold() == typed.casefold():
            wanted.add(resolve(alias, table).casefold())
    found = frozenset(name for key in wanted for name in folded.get(key, ()))
    if found:
        return Match(what, typed, found)
    if not have:
        raise NoMatch(f"no {what} matches {typed!r} (this ledger has none)", suggestions=[])
    if aliases is None:
        listed = sorted(have)
        raise NoMatch(
            f"no {what} matches {typed!r} (this ledger has: {', '.join(listed)})",
            suggestions=listed,
        )
    near = closest(typed, have)
    raise NoMatch(f"no {what} matches {typed!r} (closest: {', '.join(near)})", suggestions=near)


def since(typed: str | None) -> Match | None:
    """A date filter (already checked as YYYY-MM-DD): rows dated on or after it."""
    return None if typed is None else Match("date", typed, since=True)


def select(
    rows: Sequence[T],
    facets: Callable[[T], Facets],
    matches: Sequence[Match | None],
    *,
    noun: str,
) -> list[T]:
    """Return the rows every filter matches. When filters are given and the rows they keep are
    none, raise `NoMatch`: which filters, and what the rows of the first one have instead (or,
    for one filter, what values of its field the rows have)."""
    given = [m for m in matches if m is not None]
    kept = [r for r in rows if all(m.hits(facets(r).get(m.field, ())) for m in given)]
    if kept or not given:
        return kept
    first, rest = given[0], given[1:]
    anchored = [r for r in rows if first.hits(facets(r).get(first.field, ()))]
    wanted = " with ".join(m.phrase for m in given)
    if rest and anchored:
        have = "; ".join(_values(m, anchored, facets) for m in rest)
        message = f"no {noun} match {wanted} (for {first.phrase} they have: {have})"
    elif rows:
        message = f"no {noun} match {wanted} (the {noun} have: {_values(first, rows, facets)})"
    else:
        message = f"no {noun} match {wanted} (there are no {noun})"
    raise NoMatch(message, suggestions=[])


def _values(m: Match, rows: Sequence[T], facets: Callable[[T], Facets]) -> str:
    """What the rows hold in a filter's field: the closest names, or a date range."""
    values = {v for r in rows for v in facets(r).get(m.field, ())}
    if not values:
        return f"no {m.field}"
    if m.since:
        return f"dates {min(values)}..{max(values)}"
    near = closest(m.typed, values)
    more = ", ..." if len(values) > len(near) else ""
    return f"{m.field} {', '.join(near)}{more}"
