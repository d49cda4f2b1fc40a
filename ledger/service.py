"""The Ledger: the imperative shell around the store — what a command asks for, in one call.

Owns: turning user input into events (assert a claim, append a raw event), reading the log,
verification, export and import. Clock and ids are injected through the store, so tests are
deterministic. Imports: `events`, `ledger.store`, `ledger.hashing`, `ledger.errors`.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

import orjson
from pydantic import ValidationError

from events import (
    EVENT_TYPES,
    ArticleRecorded,
    ArticleRevised,
    Claim,
    ClaimAsserted,
    Event,
    InvalidEvent,
    SourceAliased,
    UnknownEventType,
    decode,
    describe,
)
from events.envelope import Envelope, NewEvent
from ledger.errors import InvalidInput, NotFound
from ledger.hashing import canonical_json, first_break
from ledger.store import EventStore, ImportResult, Recorded, SQLiteStore

MAX_EVENT_BYTES = 8_000_000
MAX_IMPORT_LINE_BYTES = 8_000_000


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


def claim_stream(claim_id: str) -> str:
    """Return the stream of a claim asserted on its own (not read from an article)."""
    return f"claim-{claim_id}"


def asserted_claim_id(fields: dict[str, Any]) -> str:
    """Derive a claim id from the claim's content, so the same assertion twice is one claim."""
    digest = hashlib.sha256(canonical_json(fields).encode()).hexdigest()
    return f"c_{digest[:16]}"


def default_stream(event: Event) -> str | None:
    """Return the stream an event belongs to when the caller does not name one."""
    if isinstance(event, ClaimAsserted):
        return claim_stream(event.claim.claim_id)
    if isinstance(event, ArticleRecorded | ArticleRevised):
        return f"article-{event.article_id}"
    if isinstance(event, SourceAliased):
        return "sources"
    return None


class Ledger:
    """One claim ledger: append events, read them back, verify, export and import."""

    def __init__(self, store: EventStore) -> None:
        self.store = store

    @classmethod
    def open(cls, path: str | os.PathLike[str], *, readonly: bool = False) -> Ledger:
        """Open the SQLite ledger at `path` (created on first write)."""
        return cls(SQLiteStore(path, readonly=readonly))

    def close(self) -> None:
        """Release the store."""
        self.store.close()

    def __enter__(self) -> Ledger:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- writing -----------------------------------------------------------------------------

    def assert_claim(
        self,
        fields: dict[str, Any],
        *,
        url: str | None = None,
        note: str | None = None,
        actor: str = "cli",
    ) -> Recorded:
        """Record one hand-entered claim as `ClaimAsserted`; the same claim twice writes once."""
        fields = {k: v for k, v in fields.items() if v is not None}
        try:
            draft = Claim.model_validate({"claim_id": "c_draft", **fields})
            content = draft.model_dump(mode="json", exclude={"claim_id"})
            claim_id = asserted_claim_id(content | {"url": url})
            event = ClaimAsserted(
                claim=draft.model_copy(update={"claim_id": claim_id}), url=url, note=note
            )
        except ValidationError as exc:
            raise InvalidInput(f"invalid claim: {describe(exc)}") from None
        return self._append_one(
            NewEvent(
                stream=claim_stream(claim_id),
                event=event,
                expected_version=0,
                actor=actor,
                idempotency_key=f"claim-asserted:{claim_id}",
            )
        )

    def append_event_document(self, document: Any, *, actor: str = "cli") -> Recorded:
        """Append one event given as a JSON document `{type, data, [schema_version, stream,
        expected_version, idempotency_key, actor]}`, validated like everything else."""
        if not isinstance(document, dict):
            raise InvalidInput("an event must be a JSON object with `type` and `data`")
        allowed = {"type", "schema_version", "data", "stream", "expected_version"}
        allowed |= {"idempotency_key", "actor"}
        unknown = sorted(set(document) - allowed)
        if unknown:
            raise InvalidInput(f"unknown event field(s): {', '.join(unknown)}")
        type_name = document.get("type")
        if not isinstance(type_name, str) or type_name not in EVENT_TYPES:
            known = ", ".join(EVENT_TYPES)
            raise InvalidInput(f"unknown event type {type_name!r} (known: {known})")
        version = document.get("schema_version", EVENT_TYPES[type_name].SCHEMA_VERSION)
        if not isinstance(version, int) or isinstance(version, bool) or version < 1:
            raise InvalidInput("schema_version must be a positive integer")
        data = document.get("data")
        if not isinstance(data, dict):
            raise InvalidInput("`data` must be a JSON object")
        try:
            event = decode(type_name, version, data)
            stream = document.get("stream") or default_stream(event)
            if stream is None:
                raise InvalidInput(f"a {type_name} event needs a `stream`")
            item = NewEvent(
                stream=stream,
                event=event,
                expected_version=document.get("expected_version"),
                actor=document.get("actor") or actor,
                idempotency_key=document.get("idempotency_key"),
            )
        except (InvalidEvent, UnknownEventType) as exc:
            raise InvalidInput(str(exc)) from None
        except ValidationError as exc:
            raise InvalidInput(f"invalid event envelope: {describe(exc)}") from None
        return self._append_one(item)

    def append(self, batch: Sequence[NewEvent]) -> list[Recorded]:
        """Append a batch atomically (the entry point for ingestion and data sets)."""
        return self.store.append(batch)

    def _append_one(self, item: NewEvent) -> Recorded:
        return self.store.append([item])[0]

    # -- reading -----------------------------------------------------------------------------

    def log(
        self,
        *,
        start: int = 1,
        stop: int | None = None,
        stream: str | None = None,
        types: Sequence[str] | None = None,
        limit: int | None = None,
    ) -> Iterator[Envelope]:
        """Stream the log in position order, filtered."""
        unknown = [t for t in types or () if t not in EVENT_TYPES]
        if unknown:
            raise InvalidInput(f"unknown event type {unknown[0]!r}")
        events = self.store.read(start=start, stop=stop, stream=stream, types=types)
        for count, envelope in enumerate(events):
            if limit is not None and count >= limit:
                return
            yield envelope

    def head(self) -> int:
        """Return the last position of the log."""
        return self.store.head()

    def event_at(self, position: int) -> Envelope:
        """Return the event at a position."""
        for envelope in self.store.read(start=position, stop=position):
            return envelope
        raise NotFound(f"no event at position {position}")

    # -- verifying ---------------------------------------------------------------------------

    def verify(self) -> VerifyReport:
        """Recompute the chain, check the guards, validate every event; stop at the first fault."""
        head = self.store.head()
        counted = 0

        def rows() -> Iterator[dict[str, Any]]:
            nonlocal counted
            for row in self.store.read_rows():
                counted += 1
                yield row

        broken = first_break(rows())
        if broken is not None:
            return VerifyReport(counted, head, Problem(*broken))
        missing = self.store.missing_triggers()
        if missing:
            reason = f"the append-only trigger(s) {', '.join(missing)} are missing"
            return VerifyReport(counted, head, Problem(head, reason))
        for row in self.store.read_rows():
            try:
                decode(row["type"], row["schema_version"], row["data_json"])
            except (InvalidEvent, UnknownEventType) as exc:
                return VerifyReport(counted, head, Problem(row["position"], str(exc)))
        return VerifyReport(counted, head, None)

    # -- export and import -------------------------------------------------------------------

    def export_lines(self) -> Iterator[str]:
        """Yield the whole log as JSON lines, every envelope field, payload as an object."""
        for row in self.store.read_rows():
            data_json = row.pop("data_json")
            row["data"] = orjson.Fragment(data_json)
            yield orjson.dumps(row, option=orjson.OPT_SORT_KEYS).decode() + "\n"

    def import_lines(self, lines: Iterable[bytes | str], *, source: str) -> ImportResult:
        """Import another ledger's export in one transaction, after verifying it whole."""
        envelopes = parse_export(lines, source=source)
        return self.store.import_log(envelopes)


def parse_export(lines: Iterable[bytes | str], *, source: str) -> list[Envelope]:
    """Parse and verify an exported log: every line an envelope, every payload valid, the
    chain unbroken from position 1. Raise `InvalidInput` naming the first bad line."""
    envelopes: list[Envelope] = []
    rows: list[dict[str, Any]] = []
    for number, line in enumerate(lines, 1):
        if len(line) > MAX_IMPORT_LINE_BYTES:
            raise InvalidInput(f"{source}:{number}: line is too long to be an event")
        if not line.strip():
            continue
        try:
            document = orjson.loads(line)
        except orjson.JSONDecodeError as exc:
            raise InvalidInput(f"{source}:{number}: not JSON ({exc})") from None
        if not isinstance(document, dict):
            raise InvalidInput(f"{source}:{number}: not an event object")
        try:
            envelope = Envelope.model_validate(document)
            decode(envelope.type, envelope.schema_version, envelope.data)
        except ValidationError as exc:
            raise InvalidInput(f"{source}:{number}: {describe(exc)}") from None
        except (InvalidEvent, UnknownEventType) as exc:
            raise InvalidInput(f"{source}:{number}: {exc}") from None
        envelopes.append(envelope)
        row = envelope.model_dump()
        row["data_json"] = canonical_json(row.pop("data"))
        rows.append(row)
    if not envelopes:
        raise InvalidInput(f"{source}: no events to import")
    broken = first_break(rows)
    if broken is not None:
        position, reason = broken
        raise InvalidInput(f"{source}: the chain does not verify at position {position}: {reason}")
    return envelopes
