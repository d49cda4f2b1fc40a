"""What the application's queries and commands return: typed results in their JSON shape.

Owns: `Problem`, `VerifyReport`, `PublicClaim` (a claim as DESIGN.md shapes it, plus where it
stands in the log) and `public_claim`, and the result shapes of `show`, `audit` and the
explanation of a total. The CLI renders these as they are (`--json` prints them unchanged).
Imports: `ledger.projections` (row types), `events` (types only).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, TypedDict, cast

from ledger.projections import CLAIM_FIELDS, ArticleRow, ClaimRow


@dataclass(frozen=True, slots=True)
class Problem:
    """Where verification found the log broken, and why."""

    position: int
    reason: str


@dataclass(frozen=True, slots=True)
class VerifyReport:
    """The outcome of `claims verify`."""

    events: int
    head: int
    problem: Problem | None

    @property
    def ok(self) -> bool:
        """True when the chain, the guards and every event check out."""
        return self.problem is None


class PublicClaim(TypedDict, total=False):
    """A claim in the claim shape of DESIGN.md, plus its status and place in the log."""

    claim_id: str
    claimant: str
    claimant_text: str | None
    publisher: str | None
    subject: str
    metric: str
    value: int
    qualifier: str
    period: str
    period_start: str | None
    as_of: str
    quote: str | None
    span: list[int] | None
    basis: str | None
    """What a personnel figure counts (`events.claims.Basis`); None for other metrics."""
    canonical_claimant: str
    status: str
    review: str
    origin: str
    article_id: str | None
    url: str | None
    stream: str
    position: int
    first_position: int


class Standing(TypedDict):
    """Whether a claim is the one its total shows, and if not, why not."""

    stands: bool
    why_not: str | None
    range: list[int] | None
    """[low, high] when the claim is an end of the range that stands (or would)."""


class LifeEntry(TypedDict, total=False):
    """One event in a claim's life (its assertion, corrections, retraction, revisions); the
    audit adds the event's id, type, stream and hashes, and whether its hash checks out."""

    position: int
    kind: str
    event_id: str
    event_type: str
    stream: str
    hash: str
    prev_hash: str
    hash_ok: bool


class ShowResult(TypedDict):
    """`claims show`: a claim, the sentence its quote stands in, its article and its life."""

    claim: PublicClaim
    status: str
    total: Standing
    sentence: str | None
    article: ArticleRow | None
    events: list[dict[str, Any]]


class Competitor(TypedDict):
    """A claim that lost its total, and why."""

    claim: PublicClaim
    why: str


class TotalExplanation(TypedDict):
    """`claims audit --metric`: the claim that stands for a total and why each other lost."""

    claimant: str
    subject: str
    metric: str
    basis: str | None
    """What the personnel figures of this total count (None for other metrics)."""
    as_of: str | None
    total: PublicClaim | None
    range: list[int] | None
    """[low, high] when the claim that stands is an end of a range: the pair stands."""
    range_claims: list[str] | None
    competitors: list[Competitor]


_PLACE = ("canonical_claimant", "status", "review", "origin", "article_id", "url", "stream")


def public_claim(row: ClaimRow) -> PublicClaim:
    """Return a claim row in the claim shape of DESIGN.md, plus where it stands in the log."""
    fields = cast(dict[str, Any], row)
    found = {name: fields.get(name) for name in CLAIM_FIELDS}
    found |= {name: fields[name] for name in _PLACE}
    found["position"] = fields["position"]
    found["first_position"] = fields["first_position"]
    return cast(PublicClaim, found)
