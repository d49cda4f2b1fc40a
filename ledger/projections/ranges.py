"""Ranges: the two ends of "240,000–290,000", kept as two claims, linked as one figure.

The labelling convention records a range as two claims, an `at_least` low end and an
`at_most` high end. A pair is derived here, at read time, from the claim rows alone: no event
records the link, so it needs no new event field, an old log's ranges are linked as soon as
this code reads them, and a replay links exactly what the stored projections link (the link
is a function of rows that replay reproduces). Recording it in the extractor would instead
fix today's reading of a sentence in the log forever, and leave every earlier article unlinked.

Two claims are one range when they are both active, read from one article (same stream and
article) in one quote (their spans overlap or are at most `ADJACENT` characters apart), one
`at_least` and one `at_most` with low <= high, of the same claimant, subject, metric, period,
period start and as_of; neither corrected since it was read (a correction, or a review's fix,
of one end breaks the pair: the end reads no longer as extracted); and neither has another
end it could pair with (three ends in one quote are left alone rather than guessed at). A
retracted end leaves the other standing alone.

Owns: `Range`, `ranges` (every pair of a set of claims, by claim id of either end) and
`ranged_total` (a total with its range, when its claim is an end of one). Pure.
Imports: `ledger.projections.base`, `ledger.projections.claims` (the extractor's fingerprint).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from typing import Any, NamedTuple

from ledger.projections.base import ClaimRow, TotalRow
from ledger.projections.claims import fingerprint

ADJACENT = 8
"""The most characters between two quote spans that still read as one range ("... to ...")."""

SAME = (
    "stream",
    "article_id",
    "canonical_claimant",
    "subject",
    "metric",
    "basis",
    "period",
    "period_start",
    "as_of",
)
"""The fields the two ends of a range share (a personnel range counts one thing)."""


class Range(NamedTuple):
    """A low (`at_least`) end and a high (`at_most`) end, read as one figure."""

    low: ClaimRow
    high: ClaimRow

    @property
    def values(self) -> list[int]:
        return [self.low["value"], self.high["value"]]

    @property
    def claim_ids(self) -> list[str]:
        return [self.low["claim_id"], self.high["claim_id"]]


def _end(row: ClaimRow) -> bool:
    """Whether a claim can be an end of a range: an active, uncorrected article claim."""
    return (
        row["status"] == "active"
        and row["qualifier"] in ("at_least", "at_most")
        and row.get("article_id") is not None
        and row.get("span") is not None
        and row.get("extracted") == fingerprint(dict(row))
    )


def _near(a: list[int], b: list[int]) -> bool:
    """Whether two quote spans overlap or are at most `ADJACENT` characters apart."""
    return max(a[0], b[0]) - min(a[1], b[1]) <= ADJACENT


def ranges(claims: Iterable[ClaimRow]) -> dict[str, Range]:
    """Every range among `claims`, under the claim id of each of its two ends."""
    lows: dict[tuple[Any, ...], list[ClaimRow]] = defaultdict(list)
    highs: dict[tuple[Any, ...], list[ClaimRow]] = defaultdict(list)
    for row in claims:
        if _end(row):
            key = tuple(row.get(name) for name in SAME)
            (lows if row["qualifier"] == "at_least" else highs)[key].append(row)
    candidates: dict[str, list[tuple[ClaimRow, ClaimRow]]] = defaultdict(list)
    for key, low_ends in lows.items():
        for low in low_ends:
            for high in highs.get(key, ()):
                assert low["span"] is not None and high["span"] is not None
                if low["value"] <= high["value"] and _near(low["span"], high["span"]):
                    candidates[low["claim_id"]].append((low, high))
                    candidates[high["claim_id"]].append((low, high))
    out: dict[str, Range] = {}
    for found in candidates.values():
        low, high = found[0]
        if len(candidates[low["claim_id"]]) == len(candidates[high["claim_id"]]) == 1:
            out[low["claim_id"]] = out[high["claim_id"]] = Range(low, high)
    return out


def ranged_total(total: TotalRow, pairs: Mapping[str, Range]) -> dict[str, Any]:
    """A total, with `range` ([low, high]) and `range_claims` (their ids) when the claim
    that stands is an end of a range (the pair stands as one figure), else both None."""
    found = pairs.get(total["claim_id"])
    if found is None:
        return {**total, "range": None, "range_claims": None}
    return {**total, "range": found.values, "range_claims": found.claim_ids}


def range_of(row: ClaimRow, group: Iterable[ClaimRow]) -> Range | None:
    """The range a claim is an end of, among the claims of its group, or None."""
    return ranges(group).get(row["claim_id"])
