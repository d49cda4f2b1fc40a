"""Ranges: which two claims are the ends of one figure (`ledger.projections.ranges`)."""

from __future__ import annotations

from typing import Any, cast

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ledger.projections import ClaimRow
from ledger.projections.claims import fingerprint
from ledger.projections.ranges import ranged_total, ranges
from ledger.projections.tables import CLAIM_COLUMNS

ARTICLE = {
    "claimant": "US officials",
    "canonical_claimant": "US officials",
    "subject": "russia",
    "metric": "personnel",
    "period": "cumulative",
    "period_start": "2022-02-24",
    "as_of": "2023-08-18",
    "status": "active",
    "origin": "article",
    "stream": "article-a",
    "article_id": "a",
    "span": [128, 165],
    "position": 5,
}


def end(claim_id: str, qualifier: str, value: int, **fields: Any) -> ClaimRow:
    """One claim of the article, as the extractor read it (unless `corrected`)."""
    corrected = fields.pop("corrected", False)
    row: dict[str, Any] = dict.fromkeys(CLAIM_COLUMNS)
    row.update(ARTICLE, claim_id=claim_id, qualifier=qualifier, value=value, **fields)
    row["extracted"] = fingerprint(row | ({"value": value - 1} if corrected else {}))
    return cast(ClaimRow, row)


LOW, HIGH = end("c_low", "at_least", 240_000), end("c_high", "at_most", 290_000)

PAIRS = [
    ("one quote", [LOW, HIGH], {"c_low", "c_high"}),
    (
        "adjacent spans",
        [LOW, end("c_high", "at_most", 290_000, span=[170, 177])],
        {"c_low", "c_high"},
    ),
    ("equal ends", [LOW, end("c_high", "at_most", 240_000)], {"c_low", "c_high"}),
    ("different metric", [LOW, end("c_high", "at_most", 290_000, metric="tanks")], set()),
    ("low above high", [end("c_low", "at_least", 300_000), HIGH], set()),
    ("different articles", [LOW, end("c_high", "at_most", 290_000, article_id="b")], set()),
    ("different streams", [LOW, end("c_high", "at_most", 290_000, stream="article-b")], set()),
    ("same qualifier twice", [LOW, end("c_high", "at_least", 290_000)], set()),
    ("at_most twice", [end("c_low", "at_most", 240_000), HIGH], set()),
    ("far apart in the text", [LOW, end("c_high", "at_most", 290_000, span=[400, 410])], set()),
    ("different as_of", [LOW, end("c_high", "at_most", 290_000, as_of="2023-08-19")], set()),
    (
        "different claimant",
        [LOW, end("c_high", "at_most", 290_000, canonical_claimant="UK")],
        set(),
    ),
    ("different period start", [LOW, end("c_high", "at_most", 290_000, period_start=None)], set()),
    ("a retracted end", [LOW, end("c_high", "at_most", 290_000, status="retracted")], set()),
    ("a corrected end", [LOW, end("c_high", "at_most", 290_000, corrected=True)], set()),
    ("an asserted claim", [LOW, end("c_high", "at_most", 290_000, article_id=None)], set()),
    ("an exact figure", [LOW, end("c_high", "exact", 290_000)], set()),
    ("two high ends", [LOW, HIGH, end("c_high2", "at_most", 295_000)], set()),
]


@pytest.mark.parametrize(("case", "claims", "paired"), PAIRS, ids=[p[0] for p in PAIRS])
def test_which_claims_are_one_range(case: str, claims: list[ClaimRow], paired: set[str]) -> None:
    """A range is an article's at_least and at_most ends of one figure, and nothing else."""
    found = ranges(claims)
    assert set(found) == paired
    for claim_id in paired:
        assert found[claim_id].claim_ids == ["c_low", "c_high"]
        assert found[claim_id].values == [240_000, found[claim_id].high["value"]]


def test_a_total_carries_its_range() -> None:
    """The total of either end is the range; any other total says it is none."""
    pairs = ranges([LOW, HIGH])
    for row in (LOW, HIGH):
        total = ranged_total(cast(Any, {"claim_id": row["claim_id"]}), pairs)
        assert total["range"] == [240_000, 290_000]
        assert total["range_claims"] == ["c_low", "c_high"]
    alone = ranged_total(cast(Any, {"claim_id": "c_other"}), pairs)
    assert alone["range"] is None and alone["range_claims"] is None


ends = st.lists(
    st.builds(
        end,
        claim_id=st.sampled_from([f"c_{i}" for i in range(6)]),
        qualifier=st.sampled_from(["at_least", "at_most", "exact"]),
        value=st.integers(1, 5),
        as_of=st.sampled_from(["2023-08-18", "2023-08-19"]),
        article_id=st.sampled_from(["a", "b"]),
        span=st.sampled_from([[10, 20], [22, 30], [100, 110]]),
    ),
    max_size=6,
    unique_by=lambda row: row["claim_id"],
)


@settings(max_examples=200, deadline=None)
@given(claims=ends, data=st.data())
def test_pairing_does_not_depend_on_order(claims: list[ClaimRow], data: st.DataObject) -> None:
    """The same claims in any order pair alike; each pair is a low and a high end of one
    article, low <= high, linked under both its ids."""
    shuffled = data.draw(st.permutations(claims))
    found = ranges(claims)
    assert found == ranges(shuffled)
    for claim_id, pair in found.items():
        assert claim_id in pair.claim_ids and found[pair.claim_ids[0]] == found[pair.claim_ids[1]]
        assert (pair.low["qualifier"], pair.high["qualifier"]) == ("at_least", "at_most")
        assert pair.low["value"] <= pair.high["value"]
        assert pair.low["article_id"] == pair.high["article_id"]
