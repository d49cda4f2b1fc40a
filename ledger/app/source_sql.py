"""`sources` as aggregate queries over the claims table: what `ledger.projections.sources`
computes from every claim row, without reading every claim row into Python (#17).

On the full General Staff data set, `sources` spent most of its time decoding 22,000 claim
rows to count them. Here SQLite counts and groups them in one pass; a claimant's latest
figures are its totals (the totals table holds them), a publisher's are picked by the winner
rule's SQL form (`ORDER_BY_SQL`); Python reads one row per source, the latest figures and the
few claims that could be the other end of a range. The answer is the same list, in the same order
(a test compares the two on generated ledgers).

Owns: `sql_sources` (the rows of `sources`, with each latest figure's `age_days`).
Imports: `events` (the reviewed states), `ledger.projections` (resolve, ranges, the winner
rule and the row codec), `ledger.app.staleness`.
"""

from __future__ import annotations

import json
import sqlite3
from typing import Any

from events import REVIEWED_STATES
from ledger.app.staleness import age_days
from ledger.projections.claims import resolve
from ledger.projections.codecs import claims_from_sql, records
from ledger.projections.ranges import ranges
from ledger.projections.source_summaries import By
from ledger.projections.winner_rule import ORDER_BY_SQL, rank

_NAME = {"claimant": "canonical_claimant", "publisher": "publisher"}
_COUNTED = {"claimant": "canonical_claimant IS NOT NULL", "publisher": "publisher != ''"}
"""Which claims a source counts: any claimant (even an empty name), a publisher if named."""
_OTHER = {"claimant": ("publishers", "publisher"), "publisher": ("claimants", "canonical_claimant")}
_REVIEWED = sorted(REVIEWED_STATES)

# The statements, built once from the constant tables above (no value is spliced in).
_AGGREGATES = {  # a scan: the group index would read each row at random (#17)
    by: f"SELECT {name}, COUNT(DISTINCT NULLIF(article_id, '')), COUNT(*),"
    f" SUM(review IN ({', '.join('?' * len(_REVIEWED))})), json_group_array(DISTINCT metric),"
    f" MIN(as_of), MAX(as_of), json_group_array(DISTINCT NULLIF({_OTHER[by][1]}, ''))"
    f" FROM claims NOT INDEXED WHERE status = 'active' AND {_COUNTED[by]} GROUP BY {name}"
    for by, name in _NAME.items()
}
_TOTALS_LATEST = (
    "SELECT claimant AS canonical_claimant, subject, metric, basis, value, qualifier, as_of,"
    " claim_id, position FROM totals WHERE claimant IS NOT NULL"
)
_PUBLISHER_LATEST = (
    "SELECT claims.* FROM (SELECT claim_id, ROW_NUMBER() OVER (PARTITION BY publisher,"
    f" subject, metric, COALESCE(basis, '') ORDER BY {ORDER_BY_SQL}) AS latest_rank"
    f" FROM claims WHERE status = 'active' AND period = 'cumulative'"
    f" AND {_COUNTED['publisher']}) AS ranked JOIN claims USING (claim_id)"
    " WHERE latest_rank = 1"
)
_ENDS = (
    "SELECT * FROM claims WHERE canonical_claimant = ? AND subject = ? AND metric = ?"
    " AND status = 'active' AND qualifier IN ('at_least', 'at_most')"
    " AND article_id IS NOT NULL AND span IS NOT NULL"
)
_NEWEST = "SELECT MAX(as_of) FROM totals"  # the newest cumulative figure is its group's total


def _aggregates(conn: sqlite3.Connection, by: By) -> list[tuple[Any, ...]]:
    """Per source name as stored: its articles, claims, reviewed claims, metrics, first and
    last dates, and the other names (publishers of a claimant, claimants of a publisher)."""
    return conn.execute(_AGGREGATES[by], _REVIEWED).fetchall()


def _latest(conn: sqlite3.Connection, by: By) -> list[dict[str, Any]]:
    """Each source's latest figure per subject, metric and basis: the winner rule's first.
    A claimant's are its totals, which the totals table holds; a publisher's are ranked here,
    among its claims only."""
    if by == "claimant":
        return records(conn.execute(_TOTALS_LATEST))
    return records(conn.execute(_PUBLISHER_LATEST))


def _range_ends(conn: sqlite3.Connection, figures: list[dict[str, Any]]) -> list[Any]:
    """The claims that could be the other end of a range with one of `figures`: the ends of
    their groups (`ledger.projections.ranges._end` is the rule; this narrows its rows)."""
    groups = {
        (f["canonical_claimant"], f["subject"], f["metric"])
        for f in figures
        if f["qualifier"] in ("at_least", "at_most")
    }
    ends: list[Any] = []
    for group in sorted(groups, key=str):
        ends += claims_from_sql(conn.execute(_ENDS, group))
    return ends


def sql_sources(
    conn: sqlite3.Connection, *, by: By, publisher_aliases: dict[str, str]
) -> list[dict[str, Any]]:
    """What `staleness.with_latest_ages(sources(claims, by=by, ...), claims)` gives for every
    claim of the claims table at `conn`."""
    name = _NAME[by]
    named = (lambda raw: resolve(raw, publisher_aliases)) if by == "publisher" else str
    merged: dict[str, dict[str, Any]] = {}
    for raw, articles, claims, reviewed, metrics, first, last, others in _aggregates(conn, by):
        row = merged.setdefault(
            named(raw),
            {"articles": 0, "claims": 0, "reviewed": 0, "metrics": set(), "others": set()},
        )
        row["articles"] += articles  # an article has one publisher: no article counts twice
        row["claims"] += claims
        row["reviewed"] += reviewed or 0
        row["metrics"] |= set(json.loads(metrics))
        row["others"] |= {o for o in json.loads(others) if o}
        row["first"] = min(first, row.get("first", first))
        row["last"] = max(last, row.get("last", last))
    latest: dict[str, dict[tuple[str, str, str], dict[str, Any]]] = {}
    winners = _latest(conn, by)
    for claim in winners:
        figures = latest.setdefault(named(claim[name]), {})
        key = (claim["subject"], claim["metric"], claim.get("basis") or "")
        if key not in figures or rank(claim) > rank(figures[key]):
            figures[key] = claim
    pairs = ranges(_range_ends(conn, winners))
    newest = conn.execute(_NEWEST).fetchone()[0]
    return [
        _summary(source, by, merged[source], latest.get(source, {}), pairs, newest)
        for source in sorted(merged)
    ]


def _summary(
    source: str,
    by: By,
    row: dict[str, Any],
    latest: dict[tuple[str, str, str], dict[str, Any]],
    pairs: dict[str, Any],
    newest: str | None,
) -> dict[str, Any]:
    other = _OTHER[by][0]
    figures = []
    for _, claim in sorted(latest.items()):
        pair = pairs.get(claim["claim_id"])
        figure = {
            "subject": claim["subject"],
            "metric": claim["metric"],
            "basis": claim.get("basis"),
            "value": claim["value"],
            "qualifier": claim["qualifier"],
            "as_of": claim["as_of"],
            "claim_id": claim["claim_id"],
            "range": pair.values if pair else None,
            "range_claims": pair.claim_ids if pair else None,
        }
        if newest is not None:
            figure["age_days"] = age_days(claim["as_of"], newest)
        figures.append(figure)
    return {
        "by": by,
        "name": source,
        "articles": row["articles"],
        "claims": row["claims"],
        "reviewed": row["reviewed"],
        "metrics": sorted(row["metrics"]),
        "first": row["first"],
        "last": row["last"],
        other: sorted(row["others"]),
        "latest": figures,
    }
