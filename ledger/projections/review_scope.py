"""Review scope: which claims a `--reviewed` view counts — the one place that decides it.

Owns: `is_reviewed` (a person's or a data set's word is on the claim: accepted, fixed on
review, or entered by hand or from a data set) and `reviewed_only` (the claims a `--reviewed`
view is computed over). Pure. Imports: `events` (`REVIEWED_STATES`), projections base.
"""

from __future__ import annotations

from collections.abc import Iterable

from events import REVIEWED_STATES
from ledger.projections.base import ClaimRow


def is_reviewed(row: ClaimRow) -> bool:
    """Whether a claim counts as reviewed: accepted, fixed or entered (not unreviewed, and
    not rejected)."""
    return row["review"] in REVIEWED_STATES


def reviewed_only(claims: Iterable[ClaimRow]) -> list[ClaimRow]:
    """The reviewed claims among `claims`, in their order: what `--reviewed` views count."""
    return [row for row in claims if is_reviewed(row)]
