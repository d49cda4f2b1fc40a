"""Ingestion: from an article draft to the one event it becomes (or to nothing, if unchanged).

Owns: article identity (`article_id`, `identify`), an article's date (`article_date`) and
the refusal of an undated article (`prepare`: its claims' dates would be guesses), the
decision new / revised / unchanged (`decide`, pure), `KnownArticle` (an article the log
holds, by its content hash: the same text under other metadata is that article), and
`Ingestor`, the shell that reads the article's stream and appends its event atomically (with,
for a page fetched from the web, the event keeping its raw bytes: `page_stream`, `fetch_of`).
Imports: `events`, `ledger.errors`, `ledger.store` types, and of this package `extract` (the
extractor), `language` (why an article gives no claims) and `readers` (`ArticleDraft`).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Literal

from pydantic import TypeAdapter, ValidationError

from events import ArticleRecorded, ArticleRevised, Claim, describe
from events.base import Name
from events.new_event import NewEvent
from events.web import Fetch, PageFetched
from ledger.errors import InvalidInput
from ledger.ingest.extract import EXTRACTOR_VERSION, extract_claims, story_date
from ledger.ingest.language import no_claims_reason
from ledger.ingest.readers import ArticleDraft
from ledger.store import EventStore, Recorded

Append = Callable[[Sequence[NewEvent]], list[Recorded]]

UNKNOWN_PUBLISHER = "unknown publisher"
Status = Literal["new", "revised", "unchanged"]


def article_id_for(draft: ArticleDraft, content_sha256: str) -> str:
    """Identify an article by its URL when it has one, else by its content.

    With a URL, a later edit of the page is a revision of the same article; without one, the
    text is the only identity there is, so an edited copy is a different article.
    """
    basis = f"url:{_normal_url(draft.url)}" if draft.url else f"sha256:{content_sha256}"
    return "a_" + hashlib.sha256(basis.encode()).hexdigest()[:16]


def _normal_url(url: str) -> str:
    """Ignore what does not change the page: surrounding space, a fragment, a trailing slash."""
    url = url.strip().split("#", 1)[0]
    return url[:-1] if url.endswith("/") else url


def article_stream(article_id: str) -> str:
    """Return the stream holding an article's recording and revisions."""
    return f"article-{article_id}"


def page_stream(raw_sha256: str) -> str:
    """Return the stream keeping a fetched page's raw bytes (one per content hash)."""
    return f"page-{raw_sha256}"


def fetch_of(page: PageFetched) -> Fetch:
    """An article's provenance: the kept page's metadata, without its bytes."""
    return Fetch.model_validate(page.model_dump(include=set(Fetch.model_fields)))


@dataclass(frozen=True, slots=True)
class Identity:
    """What names an article before anything is extracted: its hash, id and publisher."""

    content_sha256: str
    article_id: str
    publisher: str


def identify(draft: ArticleDraft) -> Identity:
    """Hash the text and name the article and its publisher (pure)."""
    content_sha256 = hashlib.sha256(draft.text.encode()).hexdigest()
    return Identity(content_sha256, article_id_for(draft, content_sha256), _publisher_name(draft))


def article_date(draft: ArticleDraft) -> date | None:
    """The date an article's figures are read against: its publication date (found or given),
    else the date its story dates itself with (`story_date`); None for an undated article."""
    return draft.published or story_date(draft.text)


def undated_error(source: str) -> InvalidInput:
    """The refusal of an article with no publication date: one line naming it and the fix."""
    return InvalidInput(
        f"{source}: no publication date found in the article; give it with --published DATE "
        "(nothing written)"
    )


@dataclass(frozen=True, slots=True)
class Prepared:
    """An article read and extracted, ready to be decided on."""

    draft: ArticleDraft
    article_id: str
    content_sha256: str
    publisher: str
    claims: list[Claim]
    # why the article can give no claims at all ("the text looks Ukrainian; extraction reads
    # English"), else None
    no_claims_reason: str | None = None


def prepare(draft: ArticleDraft) -> Prepared:
    """Hash the text, name the article, and extract its claims (pure).

    An undated article (no publication date found or given, no date its story opens with)
    is refused: every figure it does not date itself would be dated with a guess.
    """
    ident = identify(draft)
    dated = article_date(draft)
    if dated is None:
        raise undated_error(draft.source)
    claims = extract_claims(
        draft.text,
        article_id=ident.article_id,
        publisher=ident.publisher,
        published=draft.published,
        fallback_date=dated,  # never read: the extractor finds the same date itself
    )
    reason = no_claims_reason(draft.text)
    return Prepared(draft, ident.article_id, ident.content_sha256, ident.publisher, claims, reason)


def _publisher_name(draft: ArticleDraft) -> str:
    """The article's publisher as a name may be written (NFKC, no controls, no word mixing
    scripts), refused with one line naming the file before anything is extracted."""
    try:
        return _NAME.validate_python(draft.publisher or UNKNOWN_PUBLISHER)
    except ValidationError as exc:
        raise InvalidInput(f"{draft.source}: publisher: {describe(exc)}") from None


_NAME: TypeAdapter[str] = TypeAdapter(Name)


@dataclass(frozen=True, slots=True)
class StreamState:
    """What the log already holds for an article: its version, revision and content hash."""

    version: int = 0
    revision: int = 0
    seen: frozenset[str] = frozenset()  # every content hash the article has had


def stream_state(envelopes: Iterable[Any]) -> StreamState:
    """Fold an article's stream into what `decide` needs."""
    state = StreamState()
    for e in envelopes:
        if e.type in ("article-recorded", "article-revised"):
            revision = e.data.get("revision", 1)
            state = StreamState(e.version, revision, state.seen | {e.data["content_sha256"]})
        else:  # corrections of the article's claims move the version, not the content
            state = StreamState(e.version, state.revision, state.seen)
    return state


def decide(
    prepared: Prepared, state: StreamState, fetch: Fetch | None = None
) -> tuple[Status, NewEvent | None]:
    """Decide what one article means for the log: a new article, a revision, or nothing.

    Content the article has had before — the current text or an earlier revision fed in
    again — is nothing new, so re-ingesting a folder of old copies writes nothing. `fetch`
    is where a page read from the web came from (it rides in the event).
    """
    if prepared.content_sha256 in state.seen:
        return "unchanged", None
    draft = prepared.draft
    common: dict[str, Any] = {
        "article_id": prepared.article_id,
        "url": draft.url,
        "title": draft.title,
        "published": draft.published,
        "text": draft.text,
        "content_sha256": prepared.content_sha256,
        "extractor_version": EXTRACTOR_VERSION,
        "claims": prepared.claims,
        "fetch": fetch,
    }
    try:
        if state.version == 0:
            status: Status = "new"
            event: ArticleRecorded | ArticleRevised = ArticleRecorded(
                **common, publisher=prepared.publisher, author=draft.author
            )
        else:
            status = "revised"
            event = ArticleRevised(**common, revision=state.revision + 1)
    except ValidationError as exc:
        raise InvalidInput(f"{draft.source}: {describe(exc)}") from None
    # Two processes ingesting the same article at once compute the same key: one write.
    revision = 1 if status == "new" else state.revision + 1
    key = f"article:{prepared.article_id}:{revision}:{prepared.content_sha256}"
    return status, NewEvent(
        stream=article_stream(prepared.article_id),
        event=event,
        expected_version=state.version,
        idempotency_key=key,
    )


@dataclass(slots=True)
class IngestResult:
    """What became of one article."""

    source: str
    status: str  # new | revised | unchanged | failed (| would-be-* in a dry run)
    article_id: str | None = None
    title: str | None = None
    claims: int = 0
    position: int | None = None
    revision: int | None = None
    error: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)
    no_claims_reason: str | None = None  # see `Prepared`
    # the text of another article already recorded (article_id, title and position are
    # that article's): written nothing, whatever its url, publisher, title or date
    same_content: bool = False

    def as_json(self) -> dict[str, Any]:
        """Return the stable JSON shape of `claims ingest --json` (with `no_claims_reason`
        only for an article that can give no claims, and `same_content` only for a text
        already recorded as another article)."""
        out: dict[str, Any] = {
            "source": self.source,
            "status": self.status,
            "article_id": self.article_id,
            "title": self.title,
            "claims": self.claims,
            "position": self.position,
            "revision": self.revision,
            "error": self.error,
        }
        if self.no_claims_reason:
            out["no_claims_reason"] = self.no_claims_reason
        if self.same_content:
            out["same_content"] = True
        return out


@dataclass(frozen=True, slots=True)
class KnownArticle:
    """An article the log holds (or, in a dry run, would), as its content names it."""

    article_id: str
    title: str
    position: int | None
    claims: int


class Ingestor:
    """Appends one event per new or changed article; each article is its own transaction.

    `known` maps content hashes to the articles the log holds with that text (at their
    latest revision): a text already recorded is that article whatever the url, publisher,
    title or date it comes with now, and writes nothing. Each article recorded here joins it,
    so the second of two identical files of one batch is the first's article.
    """

    def __init__(
        self,
        store: EventStore,
        append: Append,
        *,
        known: dict[str, KnownArticle] | None = None,
        actor: str = "cli",
    ) -> None:
        self.store = store
        self.append = append
        self.known = dict(known or {})
        self.actor = actor

    def ingest(
        self,
        draft: ArticleDraft,
        *,
        dry_run: bool = False,
        page: PageFetched | None = None,
        prepared: Prepared | None = None,
    ) -> IngestResult:
        """Record one article, or say why it needs nothing; a page fetched from the web
        (`page`) is kept in the same atomic batch, once per content hash (`prepared`:
        `prepare(draft)`, if it was extracted already, e.g. by a worker process)."""
        prepared = prepared if prepared is not None else prepare(draft)
        state = stream_state(self.store.read(stream=article_stream(prepared.article_id)))
        status, item = decide(prepared, state, fetch_of(page) if page is not None else None)
        result = IngestResult(
            source=draft.source,
            status=status,
            article_id=prepared.article_id,
            title=draft.title,
            claims=len(prepared.claims),
            no_claims_reason=prepared.no_claims_reason,
        )
        known = self.known.get(prepared.content_sha256)
        if item is not None and status == "new" and known is not None:
            return self._same_content(result, known)
        if item is None:
            if known is not None and known.article_id == prepared.article_id:
                result.position = known.position
            return result
        if isinstance(item.event, ArticleRevised):
            result.revision = item.event.revision
        if dry_run:
            result.status = f"would-be-{status}"
        else:
            item = item.model_copy(update={"actor": self.actor})
            recorded = self.append([item, *self._kept(page)])[0]
            result.position = recorded.envelope.position
            if not recorded.created:
                result.status = "unchanged"
        self.known[prepared.content_sha256] = KnownArticle(
            prepared.article_id, draft.title, result.position, len(prepared.claims)
        )
        return result

    def _kept(self, page: PageFetched | None) -> list[NewEvent]:
        """The event keeping a page's raw bytes, unless the log already keeps them."""
        if page is None or self.store.stream_version(page_stream(page.raw_sha256)):
            return []
        return [
            NewEvent(
                stream=page_stream(page.raw_sha256),
                event=page,
                expected_version=0,
                actor=self.actor,
                idempotency_key=f"page:{page.raw_sha256}",
            )
        ]

    @staticmethod
    def _same_content(result: IngestResult, known: KnownArticle) -> IngestResult:
        """The text of an article already recorded, under other metadata: that article,
        unchanged."""
        result.status, result.same_content = "unchanged", known.article_id != result.article_id
        result.article_id, result.title = known.article_id, known.title
        result.position, result.claims = known.position, known.claims
        return result
