"""Sources: per claimant or per publisher — articles, claims, metrics, dates, latest figures.

Owns: `sources(claims, by=..., publisher_aliases=...)`. A latest figure that is an end of a range
("170,000 to 180,000") carries the range (`range`, `range_claims`), as totals do. Pure.
Imports: projections base, claims, ranges, winner_rule, review_scope.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, Literal

from ledger.projections.base import ClaimRow
from ledger.projections.claims import resolve
from ledger.projections.ranges import ranges
from ledger.projections.review_scope import is_reviewed
from ledger.projections.winner_rule import rank

By = Literal["claimant", "publisher"]


def source_name(row: ClaimRow, by: By, publisher_aliases: dict[str, str]) -> str | None:
    """Return the name a claim is counted under: canonical claimant, or resolved publisher."""
    if by == "claimant":
        return row["canonical_claimant"]
    publisher = row.get("publisher")
    return resolve(publisher, publisher_aliases) if publisher else None


def sources(
    claims: Iterable[ClaimRow],
    *,
    by: By = "claimant",
    publisher_aliases: dict[str, str] | None = None,
) -> list[dict[str, Any]]:
    """Summarise active claims per source, sorted by name."""
    aliases = publisher_aliases or {}
    grouped: dict[str, list[ClaimRow]] = {}
    for row in claims:
        if row["status"] != "active":
            continue
        name = source_name(row, by, aliases)
        if name is not None:
            grouped.setdefault(name, []).append(row)
    return [_summary(name, by, grouped[name]) for name in sorted(grouped)]


def _summary(name: str, by: By, rows: list[ClaimRow]) -> dict[str, Any]:
    latest: dict[tuple[str, str, str], ClaimRow] = {}
    for row in rows:
        if row["period"] != "cumulative":
            continue
        key = (row["subject"], row["metric"], row.get("basis") or "")  # one per basis
        if key not in latest or rank(row) > rank(latest[key]):
            latest[key] = row
    pairs = ranges(rows)
    other = "publishers" if by == "claimant" else "claimants"
    other_field = "publisher" if by == "claimant" else "canonical_claimant"
    fields: list[Mapping[str, Any]] = list(rows)
    return {
        "by": by,
        "name": name,
        "articles": len({r["article_id"] for r in rows if r["article_id"]}),
        "claims": len(rows),
        "reviewed": sum(is_reviewed(r) for r in rows),
        "metrics": sorted({r["metric"] for r in rows}),
        "first": min(r["as_of"] for r in rows),
        "last": max(r["as_of"] for r in rows),
        other: sorted({r[other_field] for r in fields if r[other_field]}),
        "latest": [
            {
                "subject": row["subject"],
                "metric": row["metric"],
                "basis": row.get("basis"),
                "value": row["value"],
                "qualifier": row["qualifier"],
                "as_of": row["as_of"],
                "claim_id": row["claim_id"],
                "range": pairs[row["claim_id"]].values if row["claim_id"] in pairs else None,
                "range_claims": (
                    pairs[row["claim_id"]].claim_ids if row["claim_id"] in pairs else None
                ),
            }
            for _, row in sorted(latest.items())
        ],
    }
