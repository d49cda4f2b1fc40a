"""Review: a person's word on a claim the extractor read from an article.

Owns: `ClaimReviewed` (accept or reject one claim), `Verdict`, `REVIEW_STATES` and the reason a
review fix carries (`REVIEW_REASON`). A fix is not a new event type: it is a `ClaimCorrected`
whose reason is "review" (or starts "review:"), so a fixed figure is corrected exactly as any
other, and `is_review_fix` tells the two apart. Imports: `events.base` only.

A rejection says the extractor misread the text (no such claim was made), which is not a
retraction: the claimant withdrew nothing. Either verdict can be given again later; the latest
one stands, and every one stays in the log with its actor.
"""

from __future__ import annotations

from typing import Annotated, Literal, get_args

from pydantic import Field, model_validator

from events.base import Event
from events.claims import ClaimId

Verdict = Literal["accepted", "rejected"]
ReviewState = Literal["unreviewed", "accepted", "fixed", "rejected", "entered"]
"""A claim's review state: `entered` is a claim a person or a data set entered (hand-entered
or imported), which counts as reviewed; the other four are an extracted claim's."""

VERDICTS: tuple[str, ...] = get_args(Verdict)
REVIEW_STATES: tuple[str, ...] = get_args(ReviewState)
REVIEWED_STATES: frozenset[str] = frozenset({"accepted", "fixed", "entered"})
"""The states `--reviewed` views count: a person's (or a data set's) word is on them."""

REVIEW_REASON = "review"
"""The reason of a correction that fixes an extracted claim on review."""


def is_review_fix(reason: str) -> bool:
    """Whether a correction's reason marks it as a reviewer's fix ("review", "review: ...")."""
    head = reason.strip().casefold()
    return head == REVIEW_REASON or head.startswith(REVIEW_REASON + ":")


class ClaimReviewed(Event):
    """A reviewer accepts an extracted claim as read, or rejects it as an extraction error."""

    TYPE = "claim-reviewed"

    claim_id: ClaimId
    verdict: Verdict
    reason: Annotated[str, Field(min_length=1, max_length=2000)] | None = None

    @model_validator(mode="after")
    def _rejection_says_why(self) -> ClaimReviewed:
        if self.verdict == "rejected" and (self.reason is None or not self.reason.strip()):
            raise ValueError("a rejection needs a reason")
        return self
