"""Articles: the first sighting of an article and each later revision of it.

Owns: `ArticleRecorded`, `ArticleRevised`. An article's claims ride inside its event, so the
article and what was read from it are one immutable fact; an article read from the web also
carries where and when it was fetched (`fetch`, schema v3). Imports: `events.base`,
`events.claims`, `events.web`.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import Field, model_validator

from events.base import BigText, Event, IsoDate, Name
from events.claims import Claim
from events.web import Fetch

Sha256 = Annotated[str, Field(pattern=r"^[0-9a-f]{64}$")]
ArticleId = Annotated[str, Field(pattern=r"^a_[0-9a-z_]{1,64}$")]


def _check_quotes(text: str, claims: list[Claim]) -> None:
    """Every claim read from an article must point at its exact words in that article."""
    seen: set[str] = set()
    for claim in claims:
        if claim.claim_id in seen:
            raise ValueError(f"claim id {claim.claim_id} appears twice")
        seen.add(claim.claim_id)
        if claim.quote is None or claim.span is None:
            raise ValueError(f"claim {claim.claim_id} has no quote and span")
        start, end = claim.span
        if text[start:end] != claim.quote:
            raise ValueError(f"claim {claim.claim_id}: quote is not the text at its span")
        if claim.sentence is not None and claim.sentence[1] > len(text):
            raise ValueError(f"claim {claim.claim_id}: sentence runs past the end of the text")


class ArticleRecorded(Event):
    """An article seen for the first time, with its provenance and the claims found in it."""

    TYPE = "article-recorded"
    # v2: a claim may carry its sentence's bounds (`Claim.sentence`); v3: `fetch` (where the
    # page was fetched from), and a personnel claim may say what it counts (`Claim.basis`)
    SCHEMA_VERSION = 3

    article_id: ArticleId
    url: Annotated[str, Field(max_length=2000)] | None = None
    title: Annotated[str, Field(max_length=1000)]
    publisher: Name
    author: Name | None = None
    published: IsoDate | None = None
    text: BigText
    content_sha256: Sha256
    extractor_version: Annotated[str, Field(min_length=1, max_length=40)]
    claims: list[Claim]
    fetch: Fetch | None = None  # v3: the page it was read from, when it came from the web

    @model_validator(mode="after")
    def _quotes_in_text(self) -> ArticleRecorded:
        _check_quotes(self.text, self.claims)
        return self


class ArticleRevised(Event):
    """The same article (same URL or article id) seen again with different content."""

    TYPE = "article-revised"
    # v2: a claim may carry its sentence's bounds (`Claim.sentence`); v3: `fetch` (where the
    # page was fetched from), and a personnel claim may say what it counts (`Claim.basis`)
    SCHEMA_VERSION = 3

    article_id: ArticleId
    revision: Annotated[int, Field(ge=2)]
    url: Annotated[str, Field(max_length=2000)] | None = None
    title: Annotated[str, Field(max_length=1000)]
    published: IsoDate | None = None
    text: BigText
    content_sha256: Sha256
    extractor_version: Annotated[str, Field(min_length=1, max_length=40)]
    claims: list[Claim]
    fetch: Fetch | None = None  # v3: the page it was read from, when it came from the web

    @model_validator(mode="after")
    def _quotes_in_text(self) -> ArticleRevised:
        _check_quotes(self.text, self.claims)
        return self
