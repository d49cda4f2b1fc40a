"""The `claims diff` query: what changed between two knowledge positions of the log (#15).

Owns: choosing the two positions (`--at P1 [--at P2]`, P2 the head by default; or `--since
DATE`: from the last position recorded before DATE to the head), refusing positions out of
order or beyond the head, replaying the log in memory to each, and narrowing the diff with
the `--claimant/--subject/--metric` filters (matched through `ledger.app.filters`, as the
other queries match them). The diff itself is `ledger.projections.diff`, a pure function.
Imports: `events`, `ledger.app.filters`, `ledger.app.queries` (`matches`, `claim_facets`),
`ledger.app.session`, `ledger.projections`, `ledger.errors`.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from events import METRICS
from ledger.app import filters
from ledger.app.matching import claim_facets, matches
from ledger.app.session import Session, iso_date
from ledger.errors import InvalidInput
from ledger.projections import ClaimRow, ReadModel
from ledger.projections.diff import SECTIONS, Side
from ledger.projections.diff import diff as diff_sides


def diff(
    session: Session,
    *,
    at: Sequence[int] = (),
    since: str | None = None,
    as_of: str | None = None,
    claimant: str | None = None,
    subject: str | None = None,
    metric: str | None = None,
) -> dict[str, Any]:
    """Return what changed between two positions (see `ledger.projections.diff.diff`)."""
    as_of = iso_date(as_of, "--as-of")
    metric = filters.choice("metric", metric, METRICS)
    subject = filters.subject(subject)
    start, stop = positions(session, at=at, since=since)
    before, after = session.read_model(at=start), session.read_model(at=stop)
    result = diff_sides(_side(before, start), _side(after, stop), after.life(), as_of=as_of)
    if claimant is None and subject is None and metric is None:
        return result
    return _narrowed(result, before, after, claimant=claimant, subject=subject, metric=metric)


def positions(
    session: Session, *, at: Sequence[int] = (), since: str | None = None
) -> tuple[int, int]:
    """The two positions a diff compares, checked: in order, and neither beyond the head."""
    head = session.store.head()
    if since is not None:
        if at:
            raise InvalidInput("give --at or --since, not both")
        day = iso_date(since, "--since")
        return _last_before(session, str(day)), head
    if not at:
        raise InvalidInput("give --at POSITION (once, or twice: from and to) or --since DATE")
    if len(at) > 2:
        raise InvalidInput("give --at at most twice: the position from, and the one to")
    start, stop = at[0], at[1] if len(at) == 2 else head
    for position in (start, stop):
        if position < 0:
            raise InvalidInput("--at must be a position >= 0")
        if position > head:
            raise InvalidInput(f"--at {position} is beyond the head of the log ({head})")
    if start > stop:
        raise InvalidInput(f"--at {start} is after --at {stop}: give the earlier position first")
    return start, stop


def _last_before(session: Session, day: str) -> int:
    """The last position before the first event recorded on or after `day` (UTC)."""
    last = 0
    for record in session.store.read_records():
        if record.recorded_at[:10] >= day:
            break
        last = record.position
    return last


def _side(model: ReadModel, position: int) -> Side:
    return Side(position, model.claims(), model.articles())


def _narrowed(
    result: dict[str, Any],
    before: ReadModel,
    after: ReadModel,
    *,
    claimant: str | None,
    subject: str | None,
    metric: str | None,
) -> dict[str, Any]:
    """Keep the changes to the claims and totals the filters match; a filter that matches no
    claim of the ledger (at either position) is `NoMatch`."""
    claims: dict[str, ClaimRow] = {r["claim_id"]: r for r in before.claims()}
    claims.update({r["claim_id"]: r for r in after.claims()})
    rows = list(claims.values())
    if not rows:
        return result
    wanted = matches(after, rows, claimant=claimant, subject=subject, metric=metric)
    kept = {r["claim_id"] for r in filters.select(rows, claim_facets, wanted, noun="claims")}
    given = [m for m in wanted if m is not None]

    def hits(row: dict[str, Any]) -> bool:
        return all(m.hits((row[m.field],)) for m in given)

    return {
        **result,
        "claims": {s: [e for e in result["claims"][s] if hits(e)] for s in SECTIONS},
        "articles": [a for a in result["articles"] if kept & set(a["claim_ids"])],
        "totals": [t for t in result["totals"] if hits(t)],
    }
