"""History: the series of figures over time per (claimant, subject, metric, basis), and lives.

Owns: `series(...)` (a range's two ends are one point, `ledger.projections.ranges`) and
`life_of(...)`. Pure. Imports: projections base, `.ranges`.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from ledger.projections.base import ClaimRow, LifeRow
from ledger.projections.ranges import ranges


def series(
    claims: Iterable[ClaimRow],
    *,
    metric: str,
    claimant: str | None = None,
    subject: str | None = None,
    as_of: str | None = None,
    since: str | None = None,
) -> list[dict[str, Any]]:
    """Return every active cumulative figure of a metric, grouped per claimant, subject and
    basis (a personnel series counts one thing: killed and killed-or-wounded are two); with
    `since`/`as_of`, only the figures about dates from `since` up to `as_of`."""
    groups: dict[tuple[str, str, str], list[ClaimRow]] = {}
    for row in claims:
        if row["metric"] != metric or row["period"] != "cumulative" or row["status"] != "active":
            continue
        if claimant is not None and row["canonical_claimant"] != claimant:
            continue
        if subject is not None and row["subject"] != subject:
            continue
        if as_of is not None and row["as_of"] > as_of:
            continue
        if since is not None and row["as_of"] < since:
            continue
        key = (row["canonical_claimant"], row["subject"], row.get("basis") or "")
        groups.setdefault(key, []).append(row)
    pairs = ranges(r for rows in groups.values() for r in rows)
    for key, rows in groups.items():  # a range is one point: its low end's, with its range
        groups[key] = [
            r for r in rows if r["claim_id"] not in pairs or pairs[r["claim_id"]].low is r
        ]
    return [
        {
            "claimant": name,
            "subject": subj,
            "metric": metric,
            "basis": basis or None,
            "points": [
                {
                    "as_of": r["as_of"],
                    "value": r["value"],
                    "qualifier": r["qualifier"],
                    "claim_id": r["claim_id"],
                    "publisher": r["publisher"],
                    "article_id": r["article_id"],
                    "title": r["title"],
                    "position": r["position"],
                    "review": r["review"],
                    "origin": r["origin"],
                    "range": pairs[r["claim_id"]].values if r["claim_id"] in pairs else None,
                    "range_claims": (
                        pairs[r["claim_id"]].claim_ids if r["claim_id"] in pairs else None
                    ),
                }
                for r in sorted(rows, key=lambda r: (r["as_of"], r["position"], r["claim_id"]))
            ],
        }
        for (name, subj, basis), rows in sorted(groups.items())
    ]


def life_of(entries: Iterable[LifeRow]) -> list[dict[str, Any]]:
    """Return a claim's life as JSON-ready entries, in order."""
    return [
        {
            "position": e["position"],
            "type": e["kind"],
            "recorded_at": e["recorded_at"],
            "actor": e["actor"],
            **e["detail"],
        }
        for e in sorted(entries, key=lambda e: (e["position"], e["kind"]))
    ]
