"""The peer: the `eventsourcing` library on SQLite, fed the same claim events as the ledger.

Owns: `available` (whether the optional `bench` extra is installed) and the three peer
figures' runs: `append_batched` (every claim a new aggregate, 1,000 saved per `app.save`, one
transaction each), `append_single` (one `app.save` per claim: one durable transaction) and
`replay` (the application's notification log read back in pages, each notification mapped
to its domain event and folded into a dict projection: claim by id, count per group).
The claim payloads are `benchmarks.data.claim_dicts`, the very dicts the ledger's append
figures validate, so both stores write the same claims. Durability as the peer ships it on
SQLite: WAL, SQLite's default `synchronous` (FULL), one fsync per commit.
Imports: eventsourcing (lazily, in each run), `benchmarks.data`.
"""

from __future__ import annotations

import functools
import importlib.util
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from benchmarks import data

PAGE = 1_000


def available() -> bool:
    """Whether `eventsourcing` is installed (`pip install -e '.[bench]'`)."""
    return importlib.util.find_spec("eventsourcing") is not None


@functools.cache
def _classes() -> tuple[Any, Any]:
    """The peer's Application and Claim aggregate, defined once (it registers each topic)."""
    from eventsourcing.application import Application
    from eventsourcing.domain import Aggregate, event

    class Claim(Aggregate):  # type: ignore[misc]
        """A claim, asserted once: the peer's idiomatic shape of a ClaimAsserted."""

        @event("Asserted")  # type: ignore[untyped-decorator]
        def __init__(
            self, claim: dict[str, Any], url: str | None, note: str | None, provenance: Any
        ) -> None:
            self.claim = claim
            self.url = url
            self.note = note
            self.provenance = provenance

    class Claims(Application[Any]):  # type: ignore[misc]
        """The application holding the claims."""

    return Claims, Claim


def _app(path: Path) -> Any:
    """A fresh eventsourcing Application on a SQLite file, and its Claim aggregate."""
    app, claim = _classes()
    env = {"PERSISTENCE_MODULE": "eventsourcing.sqlite", "SQLITE_DBNAME": str(path)}
    return app(env=env), claim


def append_batched(new_path: Callable[[], Path], count: int, batch: int) -> Callable[[], float]:
    """A run: `count` claims saved `batch` aggregates per transaction; events/s."""
    payloads = data.claim_dicts(count, seed=11)

    def run() -> float:
        app, claim = _app(new_path())
        t0 = time.perf_counter()
        for k in range(0, count, batch):
            app.save(*(claim(**p) for p in payloads[k : k + batch]))
        seconds = time.perf_counter() - t0
        app.close()
        return count / seconds

    return run


def append_single(new_path: Callable[[], Path], count: int) -> Callable[[], float]:
    """A run: `count` claims, one durable `app.save` each; events/s."""
    payloads = data.claim_dicts(count, seed=12)

    def run() -> float:
        app, claim = _app(new_path())
        t0 = time.perf_counter()
        for p in payloads:
            app.save(claim(**p))
        seconds = time.perf_counter() - t0
        app.close()
        return count / seconds

    return run


def replay(path: Path, count: int, batch: int) -> Callable[[], float]:
    """Write `count` claims once to `path`; a run reads every notification back, maps it to
    its domain event and folds it into a projection (claims by id, count per group)."""
    app, claim = _app(path)
    payloads = data.claim_dicts(count, seed=15)
    for k in range(0, count, batch):
        app.save(*(claim(**p) for p in payloads[k : k + batch]))
    app.close()

    def run() -> float:
        app, _ = _app(path)
        t0 = time.perf_counter()
        claims: dict[str, dict[str, Any]] = {}
        groups: dict[tuple[str, str, str], int] = {}
        seen, start = 0, 1
        while True:
            page = app.recorder.select_notifications(start, PAGE)
            if not page:
                break
            for notification in page:
                found = app.mapper.to_domain_event(notification).claim
                claims[found["claim_id"]] = found
                key = (found["claimant"], found["subject"], found["metric"])
                groups[key] = groups.get(key, 0) + 1
            seen += len(page)
            start = page[-1].id + 1
        seconds = time.perf_counter() - t0
        app.close()
        if seen != count:
            raise SystemExit(f"peer replay read {seen} of {count} events")
        return seen / seconds

    return run
