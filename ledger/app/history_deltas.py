"""`history --deltas`: the deltas of the series `history` selected, with what explains them.

Owns: `deltas_of`, which gathers what `ledger.projections.delta_series` needs beyond the
figures `history` kept: the claimant's own window claims over the same dates (its stated
increments) and the value corrections in the log of the figures. Pure, but for reading the
read model it is given. Imports: `ledger.projections`.
"""

from __future__ import annotations

from typing import Any

from ledger.projections import ClaimRow, ReadModel, corrections_of, delta_series, group_of


def deltas_of(
    model: ReadModel,
    scope: list[ClaimRow],
    figures: list[ClaimRow],
    *,
    since: str | None = None,
    until: str | None = None,
) -> list[dict[str, Any]]:
    """Return the delta series of `figures` (the cumulative claims `history` kept) between
    `since` and `until`, beside the stated increments found in `scope` (the claims counted)."""

    def dated(row: ClaimRow) -> bool:
        return (since is None or row["as_of"] >= since) and (until is None or row["as_of"] <= until)

    kept = [r for r in figures if dated(r)]
    groups = {group_of(r) for r in kept}
    stated = [
        r
        for r in scope
        if r["period"] == "window" and r["status"] == "active" and group_of(r) in groups
        if dated(r)
    ]
    # Only a claim with events after its assertion can have been corrected: read the log's
    # corrections when there is one (one read, not one per figure).
    touched = {r["claim_id"] for r in kept if r["position"] != r["first_position"]}
    corrections = {}
    if touched:
        corrections = {c: s for c, s in corrections_of(model.life()).items() if c in touched}
    return delta_series([*kept, *stated], corrections=corrections)
