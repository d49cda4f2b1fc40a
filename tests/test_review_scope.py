"""The review scope, as a property: a `--reviewed` total is the winner among the reviewed
claims of its group, whatever the mix of review states, and never an unreviewed or rejected
claim's figure.

Imports: `ledger.projections`, `events`; the row builder of tests/test_winner.py.
"""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from events import REVIEW_STATES, REVIEWED_STATES
from ledger.projections import ClaimRow, reviewed_only, totals, winner
from tests.test_winner import claim_ids, claim_row

reviewed_rows = st.lists(
    st.builds(
        claim_row,
        claim_id=claim_ids,
        as_of=st.sampled_from(["2023-04-01", "2023-04-02"]),
        position=st.integers(1, 3),
        qualifier=st.sampled_from(["exact", "approx", "at_least"]),
        period=st.just("cumulative"),
        status=st.just("active"),
        review=st.sampled_from(REVIEW_STATES),
        canonical_claimant=st.sampled_from(["General Staff", "Oryx"]),
        value=st.integers(0, 10),
    ),
    max_size=8,
    unique_by=lambda row: row["claim_id"],
)


@given(rows=reviewed_rows)
def test_reviewed_only_keeps_exactly_the_reviewed_claims_in_order(rows: list[ClaimRow]) -> None:
    kept = reviewed_only(rows)
    assert kept == [r for r in rows if r["review"] in REVIEWED_STATES]
    assert {"accepted", "fixed", "entered"} == REVIEWED_STATES


@given(rows=reviewed_rows)
def test_a_reviewed_total_is_the_winner_among_its_groups_reviewed_claims(
    rows: list[ClaimRow],
) -> None:
    shown = {r["claimant"]: r for r in totals(reviewed_only(rows))}
    for name in ("General Staff", "Oryx"):
        group = [r for r in rows if r["canonical_claimant"] == name]
        won = winner(r for r in group if r["review"] in REVIEWED_STATES)
        total = shown.get(name)
        assert (total and total["claim_id"]) == (won and won["claim_id"])
        if total is not None:
            assert total["review"] in REVIEWED_STATES
