"""Review: a person's word on a claim the extractor read from an article.

Owns: `ClaimReviewed` (accept or reject one claim). A fix is not a new event type: it is a
`ClaimCorrected` whose reason is "review" (or starts "review:"), so a fixed figure is corrected
exactly as any other, and `is_review_fix` tells the two apart. The verdicts, the review states
and that reason are `events.vocabulary`'s (reads use them without the models).
Imports: `events.base`, `events.claims`, `events.vocabulary`.

A rejection says the extractor misread the text (no such claim was made), which is not a
retraction: the claimant withdrew nothing. Either verdict can be given again later; the latest
one stands, and every one stays in the log with its actor.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import Field, model_validator

from events.base import Event
from events.claims import ClaimId
from events.vocabulary import Verdict


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
