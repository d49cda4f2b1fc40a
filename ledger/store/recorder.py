"""The one recorder template every backend fills in: append, import and read, over hooks.

Owns: `Recorder`, the shared body of `append`, `import_log`, `read`, `read_records` and
`read_rows`. A backend supplies only what differs: how to hold its write lock (`_write`), and
the few reads and the insert it does under it. The decisions themselves are the pure kernel's
(`chain_batch`, `plan_import`), so no backend can decide an append differently.
Imports: `events.envelope`, `ledger.store.codec`, `ledger.store.kernel`,
`ledger.store.protocol`.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable, Iterator, Sequence
from typing import Any, Generic, TypeVar

import orjson

from events.envelope import Envelope, NewEvent
from ledger.store.codec import Row, envelope_of, raw_of
from ledger.store.kernel import (
    Known,
    Prepared,
    batch_keys,
    chain_batch,
    gc_paused,
    new_uuid,
    plan_import,
    prepare_batch,
    utc_now,
)
from ledger.store.protocol import EventRecord, HostedViews, ImportResult, Recorded

C = TypeVar("C")  # the backend's connection (or, for the fake, the list of rows)
T = TypeVar("T")


class Recorder(ABC, Generic[C]):
    """An event store built from a backend's hooks; see the module docstring."""

    def __init__(
        self,
        *,
        clock: Callable[[], str] = utc_now,
        new_id: Callable[[], str] = new_uuid,
    ) -> None:
        self._clock = clock
        self._new_id = new_id

    # -- the hooks a backend provides ----------------------------------------------------------

    @property
    @abstractmethod
    def location(self) -> str:
        """Where the log is, for messages (never with a password)."""

    @abstractmethod
    def _write(self, body: Callable[[C], T]) -> T:
        """Run `body` holding the write lock, in one transaction (all or nothing)."""

    @abstractmethod
    def _head(self, conn: C) -> tuple[int, str]:
        """The last position and its hash (0 and GENESIS for an empty log)."""

    @abstractmethod
    def _by_keys(self, conn: C, keys: set[str]) -> dict[str, Envelope]:
        """The events already recorded under any of `keys`, by key."""

    @abstractmethod
    def _versions(self, conn: C, streams: set[str]) -> dict[str, int]:
        """The current version of each of `streams` that has events."""

    @abstractmethod
    def _known(self, conn: C, ids: list[str]) -> Known:
        """For each of `ids` the log has: (position, *CONTENT_FIELDS)."""

    @abstractmethod
    def _known_keys(self, conn: C, keys: list[str]) -> set[str]:
        """Which of `keys` (idempotency keys) the log already has."""

    @abstractmethod
    def _insert(self, conn: C, rows: list[Row]) -> None:
        """Insert decided rows (in position order)."""

    @abstractmethod
    def _select(
        self,
        *,
        start: int,
        stop: int | None,
        stream: str | None = None,
        types: Sequence[str] | None = None,
    ) -> Iterator[Sequence[Any]]:
        """Stream stored rows in position order, paged so memory stays flat."""

    def _written(self, conn: C, created: list[Envelope], before: int) -> None:
        """Called inside the write transaction after the rows went in (default: nothing)."""

    def hosted_views(self) -> HostedViews | None:
        """This store's file as the home of the read models (default: it has none)."""
        return None

    # -- the template ----------------------------------------------------------------------------

    def append(self, batch: Sequence[NewEvent]) -> list[Recorded]:
        """Append all of `batch` or none of it; return one `Recorded` per event.

        Each payload is serialised once outside the lock; under it, the keys and stream
        versions the batch needs are read with one query each and the decided rows are
        inserted in one go.
        """
        prepared = prepare_batch(batch)
        with gc_paused():
            return self._write(lambda conn: self._append(conn, batch, prepared))

    def _append(
        self, conn: C, batch: Sequence[NewEvent], prepared: list[Prepared]
    ) -> list[Recorded]:
        position, prev_hash = self._head(conn)
        keys = batch_keys(batch)
        rows, results = chain_batch(
            prepared,
            position=position,
            prev_hash=prev_hash,
            by_key=self._by_keys(conn, keys) if keys else {},
            versions=self._versions(conn, {item.stream for item in batch}),
            new_id=self._new_id,
            clock=self._clock,
        )
        self._insert(conn, rows)
        self._written(conn, [r.envelope for r in results if r.created], position)
        return results

    def import_log(self, envelopes: Sequence[Envelope]) -> ImportResult:
        """Add the events this log lacks; into an empty log, keep every position and hash."""
        with gc_paused():
            return self._write(lambda conn: self._import(conn, envelopes))

    def _import(self, conn: C, envelopes: Sequence[Envelope]) -> ImportResult:
        position, prev_hash = self._head(conn)
        if position == 0:
            plan = plan_import(
                envelopes, position=0, prev_hash=prev_hash, known={}, known_keys=set(), versions={}
            )
        else:
            keys = [e.idempotency_key for e in envelopes if e.idempotency_key]
            plan = plan_import(
                envelopes,
                position=position,
                prev_hash=prev_hash,
                known=self._known(conn, [e.id for e in envelopes]),
                known_keys=self._known_keys(conn, keys) if keys else set(),
                versions=self._versions(conn, {e.stream for e in envelopes}),
            )
        self._insert(conn, plan.rows)
        created = list(envelopes) if plan.exact else [envelope_of(r) for r in plan.rows]
        self._written(conn, created, position)
        return ImportResult(imported=len(plan.rows), skipped=plan.skipped, exact=plan.exact)

    # -- reading -----------------------------------------------------------------------------

    def read(
        self,
        *,
        start: int = 1,
        stop: int | None = None,
        stream: str | None = None,
        types: Sequence[str] | None = None,
    ) -> Iterator[Envelope]:
        """Stream events with `start <= position <= stop`, optionally of one stream or types."""
        for row in self._select(start=start, stop=stop, stream=stream, types=types):
            yield envelope_of(row)

    def read_records(self, *, start: int = 1, stop: int | None = None) -> Iterator[EventRecord]:
        """Stream events as `EventRecord`s (payload decoded, no model built): for folds."""
        loads = orjson.loads  # the replay hot path: one tuple a row, no call but the decode
        for p, i, s, v, t, sv, r, a, k, data, prev, h in self._select(start=start, stop=stop):
            yield EventRecord(p, i, s, v, t, sv, r, a, k, loads(data), prev, h)

    def read_rows(self, *, start: int = 1, stop: int | None = None) -> Iterator[dict[str, Any]]:
        """Stream raw rows (payload as stored text `data_json`), for verification and export."""
        for row in self._select(start=start, stop=stop):
            yield raw_of(row)
