"""Matching a user's filters to what a read model's claims hold: the glue between the
filters' pure rules (`ledger.app.filters`) and the ledger's names, for every view.

Owns: `matches` (each filter given, matched in any case and by alias to the names and values
the claims have; a name none has is `NoMatch`, with the closest), `claim_facets` and
`total_facets` (what a claim or totals row offers the filters). Used by the queries,
`search`, `windows` and `diff`. Imports: `events` (the basis vocabulary), `ledger.app.filters`,
`ledger.projections`.
"""

from __future__ import annotations

from events import BASES
from ledger.app import filters
from ledger.app.filters import Facets, Match
from ledger.projections import ClaimRow, ReadModel, TotalRow, resolve


def matches(
    model: ReadModel,
    claims: list[ClaimRow],
    *,
    claimant: str | None = None,
    publisher: str | None = None,
    subject: str | None = None,
    metric: str | None = None,
    basis: str | None = None,
) -> list[Match | None]:
    """Match each filter given to the values the ledger's claims hold (names in any case and
    by any alias), in the order their refusals name them: claimant, publisher, subject, metric,
    basis (checked against the vocabulary first: a misspelling is exit 2)."""
    out: list[Match | None] = [None, None, None, None, None]
    if claimant is not None:
        names = {r["canonical_claimant"] for r in claims}
        out[0] = filters.match("claimant", claimant, names, model.aliases("claimant"))
    if publisher is not None:
        outlets = model.aliases("publisher")
        names = {resolve(r["publisher"], outlets) for r in claims if r["publisher"]}
        out[1] = filters.match("publisher", publisher, names, outlets)
    if subject is not None:
        out[2] = filters.match("subject", subject, {r["subject"] for r in claims})
    if metric is not None:
        out[3] = filters.match("metric", metric, {r["metric"] for r in claims})
    if basis is not None:
        known = filters.choice("basis", basis, BASES) or basis
        out[4] = filters.match("basis", known, _bases(claims))
    return out


def _basis(basis: str | None) -> tuple[str, ...]:
    return (basis,) if basis else ()


def _bases(claims: list[ClaimRow]) -> set[str]:
    return {basis for r in claims if (basis := r.get("basis"))}


def claim_facets(row: ClaimRow) -> Facets:
    """What a claim row offers the filters."""
    return {
        "claimant": (row["canonical_claimant"],),
        "subject": (row["subject"],),
        "metric": (row["metric"],),
        "basis": _basis(row.get("basis")),
    }


def total_facets(row: TotalRow) -> Facets:
    """What a totals row offers the filters."""
    return {
        "claimant": (row["claimant"],),
        "subject": (row["subject"],),
        "metric": (row["metric"],),
        "basis": _basis(row.get("basis")),
    }
