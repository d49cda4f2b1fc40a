"""Maintenance: verifying a ledger, rebuilding its read models, exporting and importing it.

Owns: `verify` (the hash chain from position 1 to the head, the append-only guards, every event
against its schema, the stored Merkle tree against one recomputed from the events, every
checkpoint and a shared log's local views against the event at their position, and the stored
tables against a replay of the log — stopping at the first fault), `replay`, `export_lines` and
`import_lines` (the file format is `ledger.store.exchange`).
Imports: `events`, `ledger.app.*`, `ledger.projections`, `ledger.store`, `ledger.errors`.
"""

from __future__ import annotations

import dataclasses
import sqlite3
from collections.abc import Iterable, Iterator
from typing import Any, BinaryIO, cast

import orjson

from events import InvalidEvent, UnknownEventType, decode
from ledger.app.placement import ReadModels
from ledger.app.results import Problem, VerifyReport
from ledger.errors import InvalidInput
from ledger.projections import (
    PROJECTION_NAMES,
    PROJECTION_VERSIONS,
    MemoryRows,
    checkpoint_rows,
    first_table_difference,
    fold,
    hash_at,
)
from ledger.store import EventStore, ImportResult, gc_paused
from ledger.store.exchange import bounded_lines, export_header, parse_export
from ledger.store.hashing import GENESIS, first_break
from ledger.store.tree import ExpectedTree, first_tree_difference


def verify(store: EventStore, place: ReadModels) -> VerifyReport:
    """Check everything the log and the ledger's own records say; stop at the first fault."""
    head = store.head()
    counted = 0
    invalid: list[Problem] = []
    tree = ExpectedTree()

    def rows() -> Iterator[dict[str, Any]]:
        nonlocal counted
        for row in store.read_rows():
            counted += 1
            tree.add(row["hash"])
            if not invalid:
                try:
                    decode(row["type"], row["schema_version"], row["data_json"])
                except (InvalidEvent, UnknownEventType) as exc:
                    invalid.append(Problem(row["position"], str(exc)))
            yield row

    broken = first_break(rows())
    if broken is not None:
        return VerifyReport(counted, head, Problem(*broken))
    problems = store.guard_problems()
    if problems:
        return VerifyReport(counted, head, Problem(head, "; ".join(problems)))
    if invalid:
        return VerifyReport(counted, head, invalid[0])
    fault = first_tree_difference(tree.nodes, store.tree_nodes())
    if fault is not None:
        return VerifyReport(counted, head, Problem(*fault))
    conn, problem = place.stored(head)
    if problem is None and conn is not None:
        problem = _read_model_problem(store, conn, head)
    return VerifyReport(counted, head, problem)


def _read_model_problem(store: EventStore, conn: sqlite3.Connection, head: int) -> Problem | None:
    """Compare what the ledger recorded about the log with the log: every checkpoint's
    position and hash, then the tables themselves with a replay."""
    stored = checkpoint_rows(conn)
    for name, (position, _, _) in sorted(stored.items()):
        if position > head:
            reason = f"projection {name} claims position {position}, beyond the head {head}"
            return Problem(head, reason)
    current = {
        name: (position, hash_)
        for name, (position, version, hash_) in stored.items()
        if PROJECTION_VERSIONS.get(name) == version
    }
    problem = _checkpoint_problem(store, current)
    if problem is not None or set(current) != set(PROJECTION_VERSIONS):
        return problem  # (a release's older tables are not served, and rebuilt on a write)
    positions = {position for position, _ in current.values()}
    if len(positions) != 1:
        return Problem(head, f"the projection checkpoints disagree: {sorted(current.items())}")
    at = positions.pop()
    replayed = MemoryRows()
    with gc_paused():
        for event in store.read_records(stop=at) if at else ():
            fold(replayed, event)
    difference = first_table_difference(conn, replayed)
    if difference is not None:
        return Problem(
            at,
            f"the stored read models do not equal a replay of the log: {difference} "
            "(`claims replay` rebuilds them)",
        )
    return None


def _checkpoint_problem(
    store: EventStore, current: dict[str, tuple[int, str | None]]
) -> Problem | None:
    for name, (position, hash_) in sorted(current.items()):
        actual = hash_at(store, position) if position else GENESIS
        if hash_ != actual:
            return Problem(
                position,
                f"projection {name} was checkpointed at position {position} with hash "
                f"{(hash_ or 'none')[:16]}..., but the event there has hash "
                f"{(actual or '')[:16]}...: the log was rewritten or cut",
            )
    return None


def replay(place: ReadModels, projection: str | None = None) -> tuple[int, int]:
    """Rebuild projections from position 1; return (events, head). For a shared log, that
    is the local views file, rebuilt from the shared log.

    `projection="totals"` recomputes only the totals, from the claims rows; `"claims"` (or
    None) refolds the whole log, totals included, since they derive from it.
    """
    if projection not in (None, *PROJECTION_NAMES):
        names = ", ".join(PROJECTION_NAMES)
        raise InvalidInput(f"unknown projection {projection!r} (known: {names})")
    return place.rebuild(projection)


def export_lines(store: EventStore) -> Iterator[str]:
    """Yield the log as JSON lines: a header saying how many events a complete file holds
    and the hash of the last, then every envelope field of each event up to that head,
    payload as an object."""
    head = store.head()
    head_hash = (hash_at(store, head) if head else GENESIS) or GENESIS
    yield export_header(head=head, head_hash=head_hash)
    for row in store.read_rows(stop=head):
        data_json = row.pop("data_json")
        row["data"] = orjson.Fragment(data_json)
        yield orjson.dumps(row, option=orjson.OPT_SORT_KEYS).decode() + "\n"


def import_lines(
    store: EventStore,
    place: ReadModels,
    lines: Iterable[bytes | str] | BinaryIO,
    *,
    source: str,
    prefix: bool = False,
) -> ImportResult:
    """Import another ledger's export in one transaction, after verifying it whole.

    A binary stream is read line by line, never more than the line limit of one line.
    A file cut short is refused unless `prefix` (then the events it holds are imported);
    an event this ledger has under the same id but with other content is a conflict.
    """
    if hasattr(lines, "readline"):
        lines = bounded_lines(cast(BinaryIO, lines))
    parsed = parse_export(lines, source=source, prefix=prefix)
    result = store.import_log(parsed.envelopes)
    if result.imported:
        place.after_import()
    return dataclasses.replace(result, declared=parsed.declared)
