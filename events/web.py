"""The web as a source: what was fetched, and what a watched feed has shown.

Owns: `Fetch` (an article's provenance when it came from the web: the URL asked for, the URL
the page was finally read from, the fetch time, HTTP status, content type and the sha256 of
the raw bytes), `PageFetched` (the raw bytes themselves, kept in the log so `reextract` can
read them again offline and export/import carry them), and `FeedPolled` (a watched feed's
state: the entries newly seen, and the validators of its last response). Imports:
`events.base` only.
"""

from __future__ import annotations

import base64
import hashlib
from typing import Annotated

from pydantic import AwareDatetime, Field, model_validator

from events.base import Event

Sha256 = Annotated[str, Field(pattern=r"^[0-9a-f]{64}$")]
WebUrl = Annotated[str, Field(min_length=1, max_length=2000, pattern=r"^https?://\S+$")]
ContentType = Annotated[str, Field(min_length=1, max_length=200)]
Status = Annotated[int, Field(ge=100, le=599)]

MAX_RAW_BYTES = 5 * 1024 * 1024
"""The most a kept page may hold: the article limit (`ledger.ingest.readers`)."""
# base64 of MAX_RAW_BYTES: one event stays under an export line's 8 MB limit
_MAX_BODY_CHARS = 4 * ((MAX_RAW_BYTES + 2) // 3)


class Fetch(Event):
    """Where and when an article's page was fetched, and the hash of the bytes read."""

    TYPE = "fetch"  # a part of article events, never stored on its own

    url: WebUrl  # as asked for, without credentials
    final_url: WebUrl  # after redirects, without credentials
    fetched_at: AwareDatetime
    status: Status
    content_type: ContentType
    raw_sha256: Sha256


class PageFetched(Event):
    """The raw bytes of a fetched page, kept once per content hash on stream `page-<hash>`."""

    TYPE = "page-fetched"

    url: WebUrl
    final_url: WebUrl
    fetched_at: AwareDatetime
    status: Status
    content_type: ContentType
    raw_sha256: Sha256
    size: Annotated[int, Field(ge=0, le=MAX_RAW_BYTES)]
    body: Annotated[str, Field(max_length=_MAX_BODY_CHARS)]  # base64 of the raw bytes

    @model_validator(mode="after")
    def _body_is_the_hashed_bytes(self) -> PageFetched:
        raw = base64.b64decode(self.body, validate=True)
        if len(raw) != self.size:
            raise ValueError(f"body holds {len(raw)} bytes, not the size {self.size}")
        if hashlib.sha256(raw).hexdigest() != self.raw_sha256:
            raise ValueError("body does not hash to raw_sha256")
        return self

    def raw(self) -> bytes:
        """The bytes as fetched."""
        return base64.b64decode(self.body)


EntryId = Annotated[str, Field(min_length=1, max_length=2000)]


class FeedPolled(Event):
    """A watched feed read once more: the entries seen for the first time, and the
    validators (ETag, Last-Modified) the next conditional GET sends."""

    TYPE = "feed-polled"

    feed_url: WebUrl
    polled_at: AwareDatetime
    new_entries: Annotated[list[EntryId], Field(max_length=10_000)]
    etag: Annotated[str, Field(max_length=500)] | None = None
    last_modified: Annotated[str, Field(max_length=200)] | None = None
