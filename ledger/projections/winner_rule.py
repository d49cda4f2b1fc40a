"""The totals winner rule, declared once, and the Python and SQL forms derived from it.

Owns: the declaration — `ELIGIBLE` (which claims compete: active, cumulative) and `ORDER`
(how they rank: latest as_of; then the more specific qualifier, exact > approx > at_least =
at_most; then the later position; then the smaller claim id, so that a group always has one
winner) — and its two forms: `eligible` / `rank` (Python: the winner is the greatest rank)
and `ELIGIBLE_SQL` / `ORDER_BY_SQL` (SQL: the winner is the first row). Every total, stored
or computed, is chosen through one of these. Pure. Imports: the standard library only.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from operator import itemgetter
from typing import Any

SPECIFICITY: Mapping[str, int] = {"exact": 3, "approx": 2, "at_least": 1, "at_most": 1}
"""How specific each qualifier is; any other ranks 0, below them all."""

ELIGIBLE: Mapping[str, str] = {"status": "active", "period": "cumulative"}
"""The claims that compete for a total: column -> the value it must hold."""


@dataclass(frozen=True)
class Term:
    """One term of the order: a column, best-first direction, and how to rank its values."""

    column: str
    descending: bool
    """True: the greater value wins (as_of, position); False: the smaller one (claim_id)."""
    ranks: Mapping[str, int] | None = None
    """Rank a text column by this table (unknown values rank 0) instead of by its text."""
    lost: str = ""
    """Why a claim behind on this term lost, with {row} and {won} the two values."""
    tied: str = ""
    """What two claims level on this term share, with {row} and {won} the two values: said
    when a later term decides, so that a reason never compares a value with itself."""


ORDER: tuple[Term, ...] = (
    Term("as_of", descending=True, lost="older as_of ({row} < {won})", tied="same as_of {row}"),
    Term(
        "qualifier",
        descending=True,
        ranks=SPECIFICITY,
        lost="less specific qualifier ({row} < {won})",
        tied="equally specific qualifiers ({row}, {won})",
    ),
    Term(
        "position",
        descending=True,
        lost="earlier position ({row} < {won})",
        tied="same position {row}",
    ),
    Term("claim_id", descending=False, lost="claim id {row} sorts after {won}"),
)
"""The ranking of eligible claims, most significant term first."""


# -- the SQL form ----------------------------------------------------------------------------


def _sql_text(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def _sql_term(term: Term) -> str:
    expression = term.column
    if term.ranks is not None:
        cases = " ".join(f"WHEN {_sql_text(k)} THEN {v:d}" for k, v in term.ranks.items())
        expression = f"CASE {term.column} {cases} ELSE 0 END"
    return f"{expression} {'DESC' if term.descending else 'ASC'}"


ORDER_BY_SQL = ", ".join(_sql_term(term) for term in ORDER)
"""`ORDER` as an SQL ORDER BY list over the claims (or totals) table: the winner first."""
ELIGIBLE_SQL = " AND ".join(f"{column} = {_sql_text(v)}" for column, v in ELIGIBLE.items())
"""`ELIGIBLE` as an SQL condition over the claims table."""


# -- the Python form -------------------------------------------------------------------------


class _Reversed:
    """A value that orders the other way round: a smaller-wins term in a greatest-wins key."""

    __slots__ = ("value",)

    def __init__(self, value: Any) -> None:
        self.value = value

    def __eq__(self, other: object) -> bool:
        return isinstance(other, _Reversed) and bool(self.value == other.value)

    def __hash__(self) -> int:
        return hash(self.value)

    def __lt__(self, other: _Reversed) -> bool:
        return bool(other.value < self.value)

    def __gt__(self, other: _Reversed) -> bool:
        return bool(other.value > self.value)

    def __le__(self, other: _Reversed) -> bool:
        return bool(other.value <= self.value)

    def __ge__(self, other: _Reversed) -> bool:
        return bool(other.value >= self.value)

    def __repr__(self) -> str:
        return f"_Reversed({self.value!r})"


def _ranker(term: Term) -> Callable[[Any], Any] | None:
    """The function turning a term's value into its part of a greatest-wins key (None: the
    value itself)."""
    ranks = term.ranks
    if ranks is not None:
        get = ranks.get
        if term.descending:
            return lambda value: get(value, 0)
        return lambda value: -get(value, 0)
    return None if term.descending else _Reversed


_order_values = itemgetter(*(term.column for term in ORDER))
_transforms = tuple((i, f) for i, term in enumerate(ORDER) if (f := _ranker(term)) is not None)
"""(index, function) of the terms whose value is not its own part of the key."""
_eligible_values = itemgetter(*ELIGIBLE)
_ELIGIBLE_VALUES = _eligible_values(ELIGIBLE)  # what the getter gives for an eligible row


def rank(row: Mapping[str, Any]) -> tuple[Any, ...]:
    """`ORDER` as a sort key of a claim (or totals) row: the winner is the greatest."""
    values = list(_order_values(row))
    for i, f in _transforms:
        values[i] = f(values[i])
    return tuple(values)


def eligible(row: Mapping[str, Any], as_of: str | None = None) -> bool:
    """A claim competes when it is `ELIGIBLE` and, given `as_of`, not dated after it."""
    return _eligible_values(row) == _ELIGIBLE_VALUES and (as_of is None or row["as_of"] <= as_of)


def behind(row: Mapping[str, Any], won: Mapping[str, Any]) -> str | None:
    """Say on which term of `ORDER` an eligible claim ranks below the winner, or None. When
    the claim is level with the winner on the terms before it (two claims of one article
    share a position), the reason says so, naming what they share: "claim id c_b sorts after
    c_a (same as_of 2023-08-18, equally specific qualifiers (at_most, at_least), same
    position 5)", never a comparison of a value with itself."""
    level: list[str] = []
    for term, mine, theirs in zip(ORDER, rank(row), rank(won), strict=True):
        values = {"row": row[term.column], "won": won[term.column]}
        if mine != theirs and values["row"] != values["won"]:
            reason = term.lost.format(**values)
            return f"{reason} ({', '.join(level)})" if level and not term.tied else reason
        level.append(term.tied.format(**values))
    return None
