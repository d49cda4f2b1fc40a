"""`claims history`: a metric's cumulative figures over time, per claimant, subject and basis.

Owns: `history`. Without `--reviewed` or `--deltas` it reads only the figures it shows (the
metric's active cumulative claims, by `ReadModel.figures`) and matches the filters'
names against the distinct names of the whole ledger (`ReadModel.names`), so a read of one
metric does not load every claim; a filter that keeps nothing is refused by the full path,
in the very words it always used. Imports: `events`, `ledger.app.*`, `ledger.projections`,
`ledger.errors`.
"""

from __future__ import annotations

from typing import Any

from events import METRICS
from ledger.app import filters, history_deltas
from ledger.app.matching import claim_facets, matches
from ledger.app.review_scope import in_scope, require_reviewed
from ledger.app.session import Session, iso_date
from ledger.errors import InvalidInput, NoMatch
from ledger.projections import ClaimRow, ReadModel, series


def history(
    session: Session,
    *,
    metric: str,
    claimant: str | None = None,
    subject: str | None = None,
    at: int | None = None,
    reviewed: bool = False,
    since: str | None = None,
    until: str | None = None,
    deltas: bool = False,
    basis: str | None = None,
) -> list[dict[str, Any]]:
    """Return the series of figures of a metric over time, per claimant, subject and basis
    (`reviewed`: reviewed claims only); with `since`/`until`, only figures about dates in
    that range (inclusive); with `deltas`, the change between consecutive figures instead
    (`ledger.app.history_deltas`)."""
    known = filters.choice("metric", metric, METRICS)
    assert known is not None  # a metric was given
    since, until = iso_date(since, "--since"), iso_date(until, "--until")
    if since and until and since > until:
        raise InvalidInput(f"--since {since} is after --until {until}")
    subject = filters.subject(subject)
    model = session.read_model(at=at)
    options = {"claimant": claimant, "subject": subject, "metric": known, "basis": basis}
    if not (reviewed or deltas):  # the fast path: only the figures shown are read
        figures = model.figures(known)
        try:
            kept = _figures(model, model.names(), figures, False, options)
        except NoMatch:
            pass  # refused as the whole ledger's figures refuse it, below
        else:
            return series(kept, metric=known, since=since, as_of=until)
    claims = model.claims()
    if not claims:
        return []
    scope = require_reviewed(reviewed, model, in_scope(claims, reviewed))
    kept = _figures(model, claims, scope, reviewed, options)
    if deltas:
        return history_deltas.deltas_of(model, scope, kept, since=since, until=until)
    return series(kept, metric=known, since=since, as_of=until)


def _figures(
    model: ReadModel,
    names: list[ClaimRow],
    scope: list[ClaimRow],
    reviewed: bool,
    options: dict[str, str | None],
) -> list[ClaimRow]:
    """The active cumulative figures of `scope` the filters keep, matched by the names of
    `names` (NoMatch when they keep none)."""
    wanted = matches(model, names, **options)
    figures = [r for r in scope if r["period"] == "cumulative" and r["status"] == "active"]
    return filters.select(
        figures,
        claim_facets,
        wanted,
        noun="reviewed cumulative figures" if reviewed else "cumulative figures",
    )
