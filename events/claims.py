"""The claim — one figure someone asserted — and the events that assert, correct or retract it.

Owns: `Claim`, `ClaimAsserted`, `ClaimCorrected`, `ClaimRetracted` (the metric, qualifier,
period and basis taxonomy they are built on is `events.vocabulary`'s).
Imports: `events.base`, `events.vocabulary`.
"""

from __future__ import annotations

from functools import cache
from typing import Annotated, Any

from pydantic import (
    Field,
    StrictInt,
    TypeAdapter,
    ValidationInfo,
    field_validator,
    model_validator,
)

from events.base import Event, IsoDate, Name
from events.vocabulary import CORRECTABLE_FIELDS, Basis, Metric, Period, Qualifier

ClaimId = Annotated[str, Field(pattern=r"^c_[0-9a-z_]{1,64}$")]
Subject = Annotated[str, Field(pattern=r"^[a-z][a-z0-9_ .-]{0,59}$")]
# Counts are whole, non-negative and fit a signed 64-bit column: SQLite and JSON both keep them.
Count = Annotated[StrictInt, Field(ge=0, le=2**63 - 1)]


class Claim(Event):
    """One figure: who claims what about whose losses, as of when, and the words that say so."""

    TYPE = "claim"

    claim_id: ClaimId
    claimant: Name
    claimant_text: Name | None = None
    publisher: Name | None = None
    subject: Subject
    metric: Metric
    value: Count
    qualifier: Qualifier = "exact"
    period: Period = "cumulative"
    period_start: IsoDate | None = None
    as_of: IsoDate
    quote: Annotated[str, Field(min_length=1, max_length=2000)] | None = None
    span: tuple[Count, Count] | None = None
    # The sentence the quote stands in (its bounds in the article's text), recorded by the
    # extractor so `show` and `audit` can quote it without re-running extraction. Left out
    # of the payload when absent, so claims recorded before it hash and compare as they did.
    sentence: tuple[Count, Count] | None = Field(default=None, exclude_if=lambda v: v is None)
    # What a personnel figure counts; absent (None) on other metrics, and on claims recorded
    # before it (read as `unknown`, see `basis_of`). Left out of the payload when absent, so
    # those claims hash and compare as they did.
    basis: Basis | None = Field(default=None, exclude_if=lambda v: v is None)

    @model_validator(mode="after")
    def _coherent(self) -> Claim:
        if self.period_start is not None and self.period_start > self.as_of:
            raise ValueError(f"period_start {self.period_start} is after as_of {self.as_of}")
        if self.span is not None:
            start, end = self.span
            if end <= start:
                raise ValueError(f"span {list(self.span)} is empty or reversed")
            if self.quote is None or len(self.quote) != end - start:
                raise ValueError("span does not have the length of the quote")
        if self.basis is not None and self.metric != "personnel":
            raise ValueError(f"a basis ({self.basis}) is for personnel figures, not {self.metric}")
        if self.sentence is not None:
            if self.span is None:
                raise ValueError("a sentence needs the span of its quote")
            if not self.sentence[0] <= self.span[0] < self.span[1] <= self.sentence[1]:
                raise ValueError(f"sentence {list(self.sentence)} does not hold the quote's span")
        return self


class ClaimAsserted(Event):
    """A claim entered by hand or imported from a structured data set, not read from an article."""

    TYPE = "claim-asserted"
    SCHEMA_VERSION = 2  # v2: a personnel claim may say what it counts (`Claim.basis`)

    claim: Claim
    url: Annotated[str, Field(max_length=2000)] | None = None
    note: Annotated[str, Field(max_length=2000)] | None = None
    provenance: dict[str, Annotated[str, Field(max_length=500)]] | None = None

    @model_validator(mode="after")
    def _no_sentence(self) -> ClaimAsserted:
        if self.claim.sentence is not None:
            raise ValueError("a claim not read from an article has no sentence bounds")
        return self


@cache
def _field_adapter(name: str) -> TypeAdapter[Any]:
    """Validate and dump one correctable field exactly as `Claim` does (built on first use:
    a read never pays for it)."""
    info = Claim.model_fields[name]
    annotation: Any = info.annotation
    if info.metadata:
        annotation = Annotated[(annotation, *info.metadata)]
    return TypeAdapter(annotation)


class ClaimCorrected(Event):
    """Changes named fields of an existing claim; the old values stay in the log."""

    TYPE = "claim-corrected"
    SCHEMA_VERSION = 2  # v2: a correction may change a claim's `basis`

    claim_id: ClaimId
    changes: dict[str, Any]
    reason: Annotated[str, Field(min_length=1, max_length=2000)]

    @field_validator("changes")
    @classmethod
    def _valid_changes(cls, changes: dict[str, Any], info: ValidationInfo) -> dict[str, Any]:
        """Check each new value against the claim field it replaces; keep it as JSON."""
        if not changes:
            raise ValueError("a correction must change at least one field")
        unknown = sorted(set(changes) - set(CORRECTABLE_FIELDS))
        if unknown:
            raise ValueError(f"cannot correct field(s) {', '.join(unknown)}")
        return {
            name: _field_adapter(name).dump_python(
                _field_adapter(name).validate_python(value, context=info.context), mode="json"
            )
            for name, value in sorted(changes.items())
        }

    def apply(self, claim: Claim) -> Claim:
        """Return the claim with these changes, validated as a whole."""
        merged = claim.model_dump(mode="json") | self.changes
        return Claim.model_validate(merged)


class ClaimRetracted(Event):
    """Withdraws a claim: it stays in the log and in history, and leaves the totals."""

    TYPE = "claim-retracted"

    claim_id: ClaimId
    reason: Annotated[str, Field(min_length=1, max_length=2000)]
