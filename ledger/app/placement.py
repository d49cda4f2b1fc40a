"""Where a ledger's read models live, and how they keep up with its log: a small strategy.

Owns: `ReadModels` (the strategy's interface), `InLedgerFile` (a SQLite ledger: the tables
sit in the ledger file and catch up inside each append's transaction, so they never lag),
`LocalViewsFile` (any other log — a shared PostgreSQL one, or the in-memory fake: the tables
sit in a local SQLite file, or in memory, and catch up after each append and before each
read), and `place_read_models`, which picks one from what the store offers
(`hosted_views()`), never from the store's type.
Imports: `ledger.projections`, `ledger.store` (the protocol), `ledger.errors`.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from collections.abc import Sequence
from typing import Protocol

from events.envelope import Envelope
from ledger.app.results import Problem
from ledger.errors import LedgerError
from ledger.projections import (
    catch_up,
    hash_at,
    is_current,
    open_views,
    rebuild,
    rebuild_totals,
    sync_views,
    views_record,
)
from ledger.store import EventStore, HostedViews, Recorded


class ReadModels(Protocol):
    """Where the projection tables of one log live."""

    def connection(self) -> sqlite3.Connection:
        """The connection holding the tables (opened on first use)."""
        ...

    def current(self) -> tuple[sqlite3.Connection | None, int]:
        """Catch up if this placement must, and return (the tables if they are current for
        the head — else None, and the caller replays in memory — , the head)."""
        ...

    def stored(self, head: int) -> tuple[sqlite3.Connection | None, Problem | None]:
        """The tables that claim to hold this log (for verify), or a problem with them."""
        ...

    def after_write(self, results: Sequence[Recorded]) -> None:
        """Fold what an append wrote, where that is not already done inside it."""
        ...

    def after_import(self) -> None:
        """Fold what an import wrote, where that is not already done inside it."""
        ...

    def rebuild(self, projection: str | None) -> tuple[int, int]:
        """Rebuild the tables from position 1; return (events folded, head)."""
        ...

    def close(self) -> None:
        """Release what this placement opened."""
        ...


class InLedgerFile:
    """The read models in the ledger's own SQLite file, caught up inside each append."""

    def __init__(self, store: EventStore, hosted: HostedViews) -> None:
        self.store = store
        self.hosted = hosted

        def observe(conn: sqlite3.Connection, created: list[Envelope], before: int) -> None:
            catch_up(conn, created, before=before, read_all=store.read_records)

        hosted.observers.append(observe)

    def connection(self) -> sqlite3.Connection:
        return self.hosted.conn

    def current(self) -> tuple[sqlite3.Connection | None, int]:
        head = self.store.head()
        if head == 0:  # an empty log, or no file yet: reading it must not create one
            return None, 0
        conn = self.hosted.conn
        return (conn if is_current(conn, head) else None), head

    def stored(self, head: int) -> tuple[sqlite3.Connection | None, Problem | None]:
        return (self.hosted.conn if head else None), None

    def after_write(self, results: Sequence[Recorded]) -> None:
        """Nothing: the observer folded the events inside the append's transaction."""

    def after_import(self) -> None:
        """Nothing: the observer folded the events inside the import's transaction."""

    def rebuild(self, projection: str | None) -> tuple[int, int]:
        with self.hosted.transaction() as conn:
            if projection == "totals" and is_current(conn, self.store.head()):
                rebuild_totals(conn)
                return 0, self.store.head()
            return rebuild(conn, self.store.read_records())

    def close(self) -> None:
        """Nothing: the store owns the file."""


class LocalViewsFile:
    """The read models of a log that cannot hold them, in a local SQLite file (or memory)."""

    def __init__(self, store: EventStore, path: str | os.PathLike[str] | None) -> None:
        self.store = store
        self.path = os.fspath(path) if path is not None else ":memory:"
        self._conn: sqlite3.Connection | None = None

    def connection(self) -> sqlite3.Connection:
        if self._conn is None:
            self._conn = open_views(self.path)
        return self._conn

    def sync(self, *, created: list[Envelope] | None = None) -> int:
        """Catch the views up with the log; return the position reached."""
        where = self.store.location
        return sync_views(self.connection(), self.store, ledger=where, created=created)[1]

    def current(self) -> tuple[sqlite3.Connection | None, int]:
        head = self.sync()
        conn = self.connection()
        return (conn if head and is_current(conn, head) else None), head

    def stored(self, head: int) -> tuple[sqlite3.Connection | None, Problem | None]:
        conn = self.connection()
        record = views_record(conn)
        if record is None or record[2] != self.store.location:
            return None, None  # these views hold nothing of this log (yet)
        position, recorded, _ = record
        where = f"the local views {self.path}"
        if position > head:
            return None, Problem(
                head,
                f"{where} hold the log up to position {position}, beyond the head {head}: "
                "events are gone from the log",
            )
        actual = hash_at(self.store, position)
        if actual != recorded:
            return None, Problem(
                position,
                f"{where} folded position {position} with hash {recorded[:16]}..., but the "
                f"log's event there has hash {(actual or '')[:16]}...: the log was rewritten",
            )
        return conn, None

    def after_write(self, results: Sequence[Recorded]) -> None:
        """Fold what the append wrote. The log has the events whatever happens here: views
        that fail now catch up on the next read."""
        created = [r.envelope for r in results if r.created]
        if created:
            with contextlib.suppress(LedgerError):
                self.sync(created=created)

    def after_import(self) -> None:
        """Catch up now if the views can; if not, on the next read."""
        with contextlib.suppress(LedgerError):
            self.sync()

    def rebuild(self, projection: str | None) -> tuple[int, int]:
        where = self.store.location
        return sync_views(self.connection(), self.store, ledger=where, rebuild_all=True)

    def close(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None


def place_read_models(store: EventStore, views: str | os.PathLike[str] | None = None) -> ReadModels:
    """Put the read models in the store's own file if it offers one, else in `views` (a
    local SQLite file; in memory when None)."""
    hosted = store.hosted_views()
    if hosted is not None:
        return InLedgerFile(store, hosted)
    return LocalViewsFile(store, views)
