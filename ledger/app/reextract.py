"""`claims reextract ARTICLE_ID`: read an article's kept page again, offline.

Owns `reextract`: the article's latest recording, the raw bytes its `page-fetched` event
keeps, read again by today's readers and extractor; a different reading (another text, or
other claims from the same text) is an `ArticleRevised` carrying the same provenance, the
same reading writes nothing. No network: only the log is read.
Imports: `events`, `ledger.errors`, `ledger.ingest.pipeline`, `ledger.ingest.readers`,
`ledger.web.pages`, `ledger.app.session`.
"""

from __future__ import annotations

from typing import Any

from pydantic import ValidationError

from events import ArticleRecorded, ArticleRevised, decode, describe
from events.new_event import NewEvent
from events.web import Fetch, PageFetched
from ledger.app.session import Session
from ledger.errors import InvalidInput, NotFound
from ledger.ingest.extract import EXTRACTOR_VERSION
from ledger.ingest.pipeline import IngestResult, article_stream, page_stream, prepare
from ledger.ingest.readers import apply_overrides
from ledger.web.pages import page_draft

__all__ = ["reextract"]

_ARTICLE_TYPES = ("article-recorded", "article-revised")


def reextract(
    session: Session, article_id: str, *, dry_run: bool = False, actor: str = "cli"
) -> IngestResult:
    """Read an article's kept bytes again; record a revision if the reading changed."""
    stream = article_stream(article_id)
    envelopes = list(session.store.read(stream=stream))
    articles = [e for e in envelopes if e.type in _ARTICLE_TYPES]
    if not articles:
        raise NotFound(f"no article {article_id} in this ledger (see `claims log`)")
    first, latest = _article(articles[0]), _article(articles[-1])
    fetch = latest.fetch
    if fetch is None:
        raise InvalidInput(
            f"article {article_id} was not fetched from the web: no kept page to read again "
            "(ingest its file again instead)"
        )
    raw = _kept_bytes(session, fetch)
    draft = page_draft(raw, content_type=fetch.content_type, url=fetch.url)
    # the analyst's publisher and date, as recorded, still stand
    draft = apply_overrides(
        draft, publisher=getattr(first, "publisher", None), published=latest.published
    )
    prepared = prepare(draft)
    revision = latest.revision if isinstance(latest, ArticleRevised) else 1
    result = IngestResult(
        source=fetch.url,
        status="unchanged",
        article_id=article_id,
        title=draft.title,
        claims=len(prepared.claims),
        position=articles[-1].position,
    )
    if prepared.content_sha256 == latest.content_sha256 and _same_claims(
        prepared.claims, latest.claims
    ):
        return result
    try:
        event = ArticleRevised(
            article_id=article_id,
            revision=revision + 1,
            url=draft.url,
            title=draft.title,
            published=draft.published,
            text=draft.text,
            content_sha256=prepared.content_sha256,
            extractor_version=EXTRACTOR_VERSION,
            claims=prepared.claims,
            fetch=fetch,
        )
    except ValidationError as exc:
        raise InvalidInput(f"{article_id}: {describe(exc)}") from None
    result.status, result.revision = "revised", revision + 1
    if dry_run:
        result.status, result.position = "would-be-revised", None
        return result
    item = NewEvent(
        stream=stream,
        event=event,
        expected_version=envelopes[-1].version,
        actor=actor,
        idempotency_key=f"reextract:{article_id}:{revision + 1}:{prepared.content_sha256}",
    )
    result.position = session.append([item])[0].envelope.position
    return result


def _article(envelope: Any) -> ArticleRecorded | ArticleRevised:
    event = decode(envelope.type, envelope.schema_version, envelope.data)
    assert isinstance(event, ArticleRecorded | ArticleRevised)
    return event


def _kept_bytes(session: Session, fetch: Fetch) -> bytes:
    """The raw bytes the log keeps for a fetch, checked against its hash."""
    for envelope in session.store.read(stream=page_stream(fetch.raw_sha256)):
        page = decode(envelope.type, envelope.schema_version, envelope.data)
        if isinstance(page, PageFetched):  # its validator checked the bytes hash to it
            return page.raw()
    raise NotFound(f"the page {fetch.url} was fetched, but the log keeps no bytes for it")


def _same_claims(new: list[Any], old: list[Any]) -> bool:
    """Whether two readings found the same claims, field for field."""
    return [c.model_dump(mode="json") for c in new] == [c.model_dump(mode="json") for c in old]
