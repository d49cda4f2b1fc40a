"""The `--reviewed` views' scope, for the queries: the claims they count, and what to say when
none is left.

Owns: `in_scope` (every claim, or with `reviewed` only the reviewed ones, by
`ledger.projections.reviewed_only`, the one rule) and `require_reviewed` (a `--reviewed` answer
that is empty while the ledger holds claims is refused, saying how much is reviewed, rather
than shown as an empty ledger). Pure, but for reading the read model it is given.
Imports: `ledger.projections`, `ledger.errors`.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TypeVar

from ledger.errors import NotFound
from ledger.projections import ClaimRow, ReadModel, is_reviewed, reviewed_only

T = TypeVar("T")

STANDING = ("active", "rejected")
"""The statuses of an extracted claim a reviewer can still decide on (not retracted, not
withdrawn): the claims counted in "N of M extracted claims are reviewed"."""


def in_scope(claims: Iterable[ClaimRow], reviewed: bool) -> list[ClaimRow]:
    """The claims a view counts: all of them, or with `reviewed` the reviewed ones only."""
    return reviewed_only(claims) if reviewed else list(claims)


def nothing_reviewed(claims: Iterable[ClaimRow]) -> NotFound:
    """The refusal of a `--reviewed` view that matched nothing: how many extracted claims
    are reviewed, of how many (and how many claims were entered, if any)."""
    extracted = entered = done = 0
    for row in claims:
        if row["origin"] != "article":
            entered += row["status"] == "active"
        elif row["status"] in STANDING:
            extracted += 1
            done += is_reviewed(row)
    also = f", {entered} entered" if entered else ""
    return NotFound(
        f"no reviewed claims match: {done} of {extracted} extracted claims are reviewed"
        f"{also} (see `claims review`)"
    )


def require_reviewed(reviewed: bool, model: ReadModel, found: list[T]) -> list[T]:
    """Return `found`; but a `--reviewed` answer that is empty while the ledger holds claims
    is refused (NotFound), so an unreviewed ledger never reads as an empty one."""
    if reviewed and not found:
        claims = model.claims()
        if claims:
            raise nothing_reviewed(claims)
    return found
