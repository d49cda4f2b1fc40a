"""A claim's standing in its totals group, from the totals table: the claim that stands, and
the range the claim is an end of, without reading the whole group into Python (#17).

`show` and `audit CLAIM_ID` say whether a claim stands as its group's total and, if not, why
not. The totals table holds each group's winner (the winner rule, kept on every write), so
it is read from there; a range needs only the group's claims that can be an end of one. From
memory (time travel, lagging tables) the group is read and ranked as before.

Owns: `standing`. Imports: `ledger.projections` (the read models, the winner rule, ranges).
"""

from __future__ import annotations

from ledger.projections import ClaimRow, ReadModel, SQLiteReadModel, group_of, winner
from ledger.projections.codecs import claims_from_sql
from ledger.projections.ranges import Range, ranges

_WINNER = (  # the group's stored total (the group: as `ReadModel.group` selects it)
    "SELECT claim_id FROM totals WHERE claimant = ? AND subject = ? AND metric = ? AND basis IS ?"
)
_ENDS = (  # the group's claims that can be an end of a range
    "SELECT * FROM claims WHERE canonical_claimant = ? AND subject = ? AND metric = ?"
    " AND basis IS ? AND qualifier IN ('at_least', 'at_most')"
)


def standing(model: ReadModel, row: ClaimRow) -> tuple[ClaimRow | None, Range | None]:
    """The claim that stands as `row`'s group's total (or None), and the range `row` is an
    end of (or None): what `winner(group)` and `ranges(group).get(claim_id)` give."""
    key = group_of(row)
    if not isinstance(model, SQLiteReadModel):
        group = list(model.group(key))
        return winner(group), ranges(group).get(row["claim_id"])
    found = model.conn.execute(_WINNER, key).fetchone()
    won = model.claim(found[0]) if found else None
    pair = None
    if row["qualifier"] in ("at_least", "at_most"):
        ends = claims_from_sql(model.conn.execute(_ENDS, key))
        pair = ranges(ends).get(row["claim_id"])
    return won, pair
