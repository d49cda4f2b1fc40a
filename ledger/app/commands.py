"""The commands: each turns one request into events, checks it, and appends it.

Owns one handler per command: `assert_claim`, `append_event_document`, `correct`, `retract`,
`retract_article` (an article's claims, one atomic batch), `alias`, `ingest` (articles, each
its own transaction) and `import_dataset` (a reference data set, one atomic batch). Each
validates its input into event models, holds it to the rules (`ledger.app.rules`) and appends
through the session; a refusal raises and writes nothing.
Imports: `events`, `ledger.app.*`, `ledger.store`, `ledger.errors`; the extractor
(`ledger.ingest`) and the data-set reader (`ledger.importers`) only inside the handlers that
use them, so the other commands never load them.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Any

from pydantic import ValidationError

from events import (
    EVENT_TYPES,
    Claim,
    ClaimAsserted,
    ClaimCorrected,
    ClaimRetracted,
    InvalidEvent,
    SourceAliased,
    UnknownEventType,
    decode,
    describe,
)
from events.new_event import NewEvent
from ledger.app.rules import (
    check_alias,
    check_correction,
    check_retraction,
    check_writable_by_hand,
    raw_event_rules,
)
from ledger.app.session import Session
from ledger.errors import InvalidInput, NotFound, OperationFailed
from ledger.projections import ClaimRow
from ledger.store import Recorded
from ledger.store.hashing import canonical_json

if TYPE_CHECKING:
    from ledger.importers import ArticleOptions, ArticleSource, DatasetSummary
    from ledger.ingest.pipeline import IngestResult

_DOCUMENT_FIELDS = {
    "type",
    "schema_version",
    "data",
    "stream",
    "expected_version",
    "idempotency_key",
    "actor",
}


def asserted_claim_id(fields: dict[str, Any]) -> str:
    """Derive a claim id from the claim's content, so the same assertion twice is one claim."""
    digest = hashlib.sha256(canonical_json(fields).encode()).hexdigest()
    return f"c_{digest[:16]}"


def _one(session: Session, item: NewEvent) -> Recorded:
    return session.append([item])[0]


def assert_claim(
    session: Session,
    fields: dict[str, Any],
    *,
    url: str | None = None,
    note: str | None = None,
    actor: str = "cli",
) -> Recorded:
    """Record one hand-entered claim as `ClaimAsserted`; the same claim twice writes once."""
    fields = {k: v for k, v in fields.items() if v is not None}
    if fields.get("metric") == "personnel" and "basis" not in fields:
        from ledger.ingest.basis import claimant_basis  # the claimant's own definition, if any

        if (defined := claimant_basis(fields.get("claimant"))) is not None:
            fields["basis"] = defined
    try:
        draft = Claim.model_validate({"claim_id": "c_draft", **fields})
        content = draft.model_dump(mode="json", exclude={"claim_id"})
        claim_id = asserted_claim_id(content | {"url": url})
        event = ClaimAsserted(
            claim=draft.model_copy(update={"claim_id": claim_id}), url=url, note=note
        )
    except ValidationError as exc:
        raise InvalidInput(f"invalid claim: {describe(exc)}") from None
    from ledger.importers import claim_stream  # here: a read loads no importer module

    item = NewEvent(
        stream=claim_stream(claim_id),
        event=event,
        expected_version=0,
        actor=actor,
        idempotency_key=f"claim-asserted:{claim_id}",
    )
    return _one(session, item)


def append_event_document(session: Session, document: Any, *, actor: str = "cli") -> Recorded:
    """Append one event given as a JSON document `{type, data, [schema_version, stream,
    expected_version, idempotency_key, actor]}`, validated like everything else."""
    event = _document_event(document)
    key = document.get("idempotency_key")
    if isinstance(key, str) and (known := session.store.find_by_key(key)) is not None:
        return Recorded(known, created=False)  # the same request again: nothing to check
    stream, expected = document.get("stream") or None, document.get("expected_version")
    if (stream is None or isinstance(stream, str)) and (
        expected is None or (isinstance(expected, int) and not isinstance(expected, bool))
    ):
        stream, expected = raw_event_rules(session, event, stream, expected)
    try:  # a stream or version of the wrong type is refused here, by the envelope's model
        item = NewEvent(
            stream=stream,
            event=event,
            expected_version=expected,
            actor=document.get("actor") or actor,
            idempotency_key=key,
        )
    except ValidationError as exc:
        raise InvalidInput(f"invalid event envelope: {describe(exc)}") from None
    return _one(session, item)


def _document_event(document: Any) -> Any:
    """Validate an event document's shape and payload into its event model."""
    if not isinstance(document, dict):
        raise InvalidInput("an event must be a JSON object with `type` and `data`")
    unknown = sorted(set(document) - _DOCUMENT_FIELDS)
    if unknown:
        raise InvalidInput(f"unknown event field(s): {', '.join(unknown)}")
    type_name = document.get("type")
    if not isinstance(type_name, str) or type_name not in EVENT_TYPES:
        known = ", ".join(EVENT_TYPES)
        raise InvalidInput(f"unknown event type {type_name!r} (known: {known})")
    check_writable_by_hand(type_name)
    version = document.get("schema_version", EVENT_TYPES[type_name].SCHEMA_VERSION)
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise InvalidInput("schema_version must be a positive integer")
    data = document.get("data")
    if not isinstance(data, dict):
        raise InvalidInput("`data` must be a JSON object")
    try:
        return decode(type_name, version, data, new=True)
    except (InvalidEvent, UnknownEventType) as exc:
        raise InvalidInput(str(exc)) from None


def _owned_claim(session: Session, claim_id: str) -> tuple[ClaimRow, int]:
    """Return a claim's row and its stream's current version, or raise NotFound."""
    row = session.read_model().claim(claim_id)
    if row is None:
        raise NotFound(f"no claim {claim_id} in this ledger (see `claims totals` or `log`)")
    return row, session.store.stream_version(row["stream"])


def correct(
    session: Session,
    claim_id: str,
    changes: dict[str, Any],
    *,
    reason: str,
    actor: str = "cli",
) -> Recorded:
    """Record a ClaimCorrected on the claim's own stream (optimistic concurrency)."""
    changes = {k: v for k, v in changes.items() if v is not None}
    row, version = _owned_claim(session, claim_id)
    changes = check_correction(claim_id, row, changes)
    try:
        event = ClaimCorrected(claim_id=claim_id, changes=changes, reason=reason)
    except ValidationError as exc:
        raise InvalidInput(f"invalid correction: {describe(exc)}") from None
    item = NewEvent(stream=row["stream"], event=event, expected_version=version, actor=actor)
    return _one(session, item)


def retract(session: Session, claim_id: str, *, reason: str, actor: str = "cli") -> Recorded:
    """Record a ClaimRetracted on the claim's own stream."""
    row, version = _owned_claim(session, claim_id)
    check_retraction(claim_id, row)
    try:
        event = ClaimRetracted(claim_id=claim_id, reason=reason)
    except ValidationError as exc:
        raise InvalidInput(f"invalid retraction: {describe(exc)}") from None
    item = NewEvent(stream=row["stream"], event=event, expected_version=version, actor=actor)
    return _one(session, item)


def retract_article(
    session: Session, article_id: str, *, reason: str, actor: str = "cli"
) -> list[Recorded]:
    """Retract every active claim of an article in one atomic batch on the article's stream:
    all of them, or (a stale version, a failure) none."""
    model = session.read_model()
    article = model.article(article_id)
    if article is None:
        raise NotFound(f"no article {article_id} in this ledger (see `claims log`)")
    stream = article["stream"]
    active = [
        row["claim_id"]
        for row in map(model.claim, article["claim_ids"])
        if row is not None and row["stream"] == stream and row["status"] == "active"
    ]
    if not active:
        raise OperationFailed(f"article {article_id} has no active claim to retract")
    try:
        events = [ClaimRetracted(claim_id=claim_id, reason=reason) for claim_id in active]
    except ValidationError as exc:
        raise InvalidInput(f"invalid retraction: {describe(exc)}") from None
    version = session.store.stream_version(stream)
    batch = [
        NewEvent(stream=stream, event=event, expected_version=version + n, actor=actor)
        for n, event in enumerate(events)
    ]
    return session.append(batch)


def alias(
    session: Session, alias: str, canonical: str, *, kind: str = "claimant", actor: str = "cli"
) -> Recorded:
    """Declare that `alias` names the same source as `canonical`."""
    try:
        event = SourceAliased.model_validate({"alias": alias, "canonical": canonical, "kind": kind})
    except ValidationError as exc:
        raise InvalidInput(f"invalid alias: {describe(exc)}") from None
    check_alias(session, event)
    version = session.store.stream_version("sources")
    item = NewEvent(stream="sources", event=event, expected_version=version, actor=actor)
    return _one(session, item)


def ingest(
    session: Session,
    source: ArticleSource,
    options: ArticleOptions | None = None,
    *,
    dry_run: bool = False,
    actor: str = "cli",
    jobs: int | None = None,
) -> Iterator[IngestResult]:
    """Record each article as one event (new or revised), each in its own transaction.

    An article with no publication date is refused (a failed result naming it), and a text
    the log already holds is that article, whatever its metadata: unchanged. The articles'
    claims are read by `jobs` processes (default: every usable core); they are decided on
    and appended here, in input order, so the log is the one a serial run writes.
    """
    from ledger.app.ingest_jobs import prepared_in_order, usable_cores
    from ledger.importers import ArticleOptions, read_articles
    from ledger.ingest.pipeline import Ingestor, IngestResult, KnownArticle

    known: dict[str, KnownArticle] = {}
    for row in session.read_model().articles():  # the first recorded of a text is the one
        known.setdefault(
            row["content_sha256"],
            KnownArticle(row["article_id"], row["title"], row["position"], len(row["claim_ids"])),
        )
    ingestor = Ingestor(session.store, session.append, known=known, actor=actor)
    items = list(read_articles(source, options or ArticleOptions()))
    drafts = [item for item in items if not isinstance(item, IngestResult)]
    prepared = prepared_in_order(drafts, usable_cores() if jobs is None else jobs)
    for item in items:
        if isinstance(item, IngestResult):
            yield item
            continue
        ready = next(prepared)
        try:
            if isinstance(ready, InvalidInput):
                raise ready
            yield ingestor.ingest(item, dry_run=dry_run, prepared=ready)
        except InvalidInput as exc:
            yield IngestResult(source=item.source, status="failed", error=str(exc))


def import_dataset(
    session: Session,
    paths: Sequence[str],
    *,
    fmt: str = "gs-daily",
    actor: str = "cli",
    dry_run: bool = False,
) -> DatasetSummary:
    """Import a reference data set (the General Staff's daily figures) in one atomic batch:
    new figures become ClaimAsserted, figures the source has since rewritten ClaimCorrected,
    unchanged ones write nothing."""
    from ledger.importers import plan_dataset

    existing = {
        row["claim_id"]: (row["value"], row["qualifier"])
        for row in session.read_model().claims()
        if row["origin"] == "dataset"
    }
    planned = plan_dataset(
        paths, fmt=fmt, existing=existing, stream_version=session.store.stream_version, actor=actor
    )
    written = [] if dry_run or not planned.batch else session.append(planned.batch)
    created = [r.envelope.position for r in written if r.created]
    return planned.summary(created, dry_run=dry_run)
