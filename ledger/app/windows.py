"""The `windows` query: window figures (`period == "window"`) read from the read models.

Owns: `windows` — per (claimant, subject, metric), the latest window figure, or with
`since`/`until` (`--from`/`--to`) the sum of the window figures inside that range, by the
rules of `ledger.projections.windows`. Its filters go through `ledger.app.filters` as every
query's do (a filter that matches nothing is `NoMatch`, exit 1), `reviewed` through
`ledger.app.review_scope`. Writes nothing.
Imports: `events`, `ledger.app.filters`, `.queries` (`matches`), `.review_scope`, `.session`,
`ledger.projections`, `ledger.errors`.
"""

from __future__ import annotations

from typing import Any

from events import METRICS
from ledger.app import filters
from ledger.app.filters import Facets
from ledger.app.matching import matches
from ledger.app.review_scope import in_scope, require_reviewed
from ledger.app.session import Session, iso_date
from ledger.errors import InvalidInput
from ledger.projections import latest_windows, window_sums


def _facets(row: dict[str, Any]) -> Facets:
    return {
        "claimant": (row["claimant"],),
        "subject": (row["subject"],),
        "metric": (row["metric"],),
        "basis": (row["basis"],) if row.get("basis") else (),
    }


def windows(
    session: Session,
    *,
    claimant: str | None = None,
    subject: str | None = None,
    metric: str | None = None,
    as_of: str | None = None,
    at: int | None = None,
    reviewed: bool = False,
    since: str | None = None,
    until: str | None = None,
    basis: str | None = None,
) -> list[dict[str, Any]]:
    """The latest window figure per (claimant, subject, metric); given `since` and `until`
    (both or neither), the sum of the window figures inside that range instead. `as_of`: only
    figures about dates up to it; `at`: as the log stood at that position; `reviewed`: over
    the reviewed claims only."""
    as_of = iso_date(as_of, "--as-of")
    since, until = iso_date(since, "--from"), iso_date(until, "--to")
    if (since is None) != (until is None):
        raise InvalidInput("give both --from and --to (a sum is over a closed range)")
    if since is not None and until is not None and since > until:
        raise InvalidInput(f"--from {since} is after --to {until}")
    metric = filters.choice("metric", metric, METRICS)
    subject = filters.subject(subject)
    model = session.read_model(at=at)
    claims = model.claims()
    if not claims:
        return []
    wanted = matches(model, claims, claimant=claimant, subject=subject, metric=metric, basis=basis)
    scope = require_reviewed(reviewed, model, in_scope(claims, reviewed))
    if since is not None and until is not None:
        rows = window_sums(scope, since=since, until=until, as_of=as_of)
        noun = f"window figures from {since} to {until}"
    else:
        rows = latest_windows(scope, as_of=as_of)
        noun = "window figures" if as_of is None else f"window figures as of {as_of}"
    noun = f"reviewed {noun}" if reviewed else noun
    return filters.select(rows, _facets, wanted, noun=noun)
