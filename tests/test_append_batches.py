"""How a log is appended does not change what the file holds: batched, one by one, or whole.

The same events appended in the batches a writer chose, one event per append, or in one
batch give the same log bytes, hashes, Merkle tree nodes and projection rows (with a
deterministic clock and ids); a rebuild from position 1 gives the same projection rows.
Also the kernel's clock and ids: ISO 8601 UTC with microseconds, time-ordered UUIDs.
"""

from __future__ import annotations

import re
import sqlite3
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings

from events.new_event import EnvelopeFields, NewEvent
from ledger import Ledger
from ledger.store import kernel
from tests.conftest import Clock, Ids
from tests.test_projections import histories

FILE_TABLES = ("events", "merkle_nodes")


def tables(path: Path) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table of a ledger file, table by table, in a fixed order."""
    with sqlite3.connect(path) as conn:
        names = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        return {
            name: sorted(conn.execute(f"SELECT * FROM {name}").fetchall(), key=repr)
            for name in sorted(names)
        }


def appended(make_sqlite_store: Any, batches: list[list[NewEvent]]) -> dict[str, Any]:
    store = make_sqlite_store(clock=Clock(), new_id=Ids(0))
    ledger = Ledger(store)
    for batch in batches:
        ledger.append(batch)
    return tables(store.path)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(history=histories())
def test_batched_one_by_one_and_whole_appends_write_the_same_file(
    make_sqlite_store, history
) -> None:
    batches, _ = history
    events = [item for batch in batches for item in batch]
    batched = appended(make_sqlite_store, batches)
    assert set(FILE_TABLES) <= set(batched)
    assert appended(make_sqlite_store, [[item] for item in events]) == batched
    assert appended(make_sqlite_store, [events]) == batched


@pytest.mark.parametrize("sizes", [(1,), (3, 1), (1, 250), (1_000, 7)])
def test_a_repeated_batch_of_known_keys_writes_nothing_whatever_the_batching(
    make_sqlite_store, sizes: tuple[int, ...]
) -> None:
    """Events with idempotency keys, appended in batches of `sizes` (cycled), then all of
    them again in one batch: the second append records nothing, and the file is the one a
    single whole append writes."""
    from benchmarks.data import claim_dicts
    from events import ClaimAsserted

    items = [
        NewEvent(
            stream=f"claim-{p['claim']['claim_id']}",
            event=ClaimAsserted.model_validate(p),
            idempotency_key=f"k:{p['claim']['claim_id']}",
        )
        for p in claim_dicts(60, seed=5)
    ]
    store = make_sqlite_store(clock=Clock(), new_id=Ids(0))
    ledger = Ledger(store)
    start, k = 0, 0
    while start < len(items):
        size = sizes[k % len(sizes)]
        ledger.append(items[start : start + size])
        start, k = start + size, k + 1
    again = ledger.append(items)
    assert not any(r.created for r in again)
    assert tables(store.path) == appended(make_sqlite_store, [items])
    ledger.replay()
    assert tables(store.path) == appended(make_sqlite_store, [items])


def test_every_claim_row_of_the_fold_keeps_one_key_order() -> None:
    """A claim's row is built in one dict display: its keys come in `ROW_FIELDS` order
    whatever made it (asserted, read from an article, corrected, withdrawn), so a row printed
    as JSON always lists its fields alike."""
    from benchmarks.data import log_events
    from ledger.projections import MemoryRows, fold
    from ledger.projections.claims import ROW_FIELDS
    from ledger.store.memory import MemoryStore

    store = MemoryStore()
    for batch in log_events(400, batch=100):
        store.append(batch)
    rows = MemoryRows()
    for event in store.read_records():
        fold(rows, event)
    assert {row["origin"] for row in rows.claims.values()} == {"article", "dataset"}
    assert {tuple(row) for row in rows.claims.values()} == {ROW_FIELDS}


# -- the kernel's clock and ids ----------------------------------------------------------------

TIMESTAMP = EnvelopeFields.model_fields["recorded_at"].metadata[0].pattern
UUID = EnvelopeFields.model_fields["id"].metadata[0].pattern


def test_utc_now_is_the_current_utc_time_in_the_envelope_spelling() -> None:
    before = datetime.now(UTC)
    stamp = kernel.utc_now()
    after = datetime.now(UTC)
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z", stamp)
    assert re.fullmatch(TIMESTAMP, stamp)
    read = datetime.fromisoformat(stamp.replace("Z", "+00:00"))
    assert before - timedelta(microseconds=1) <= read <= after + timedelta(microseconds=1)


@pytest.mark.parametrize(
    ("now_ns", "spelled"),
    [
        (0, "1970-01-01T00:00:00.000000Z"),
        (1_700_000_000_123_456_789, "2023-11-14T22:13:20.123456Z"),
        (1_700_000_001_000_000_000, "2023-11-14T22:13:21.000000Z"),  # the next second
        (1_700_000_000_999_999_999, "2023-11-14T22:13:20.999999Z"),  # and back again
    ],
)
def test_utc_now_spells_each_second_afresh(monkeypatch, now_ns: int, spelled: str) -> None:
    monkeypatch.setattr(kernel.time, "time_ns", lambda: now_ns)
    assert kernel.utc_now() == spelled


def test_new_ids_are_version_7_uuids_that_sort_in_the_order_they_were_made() -> None:
    ids = [kernel.new_uuid() for _ in range(2_000)]
    assert len(set(ids)) == len(ids)
    for made in ids:
        parsed = uuid.UUID(made)
        assert str(parsed) == made and re.fullmatch(UUID, made)
        assert parsed.version == 7 and parsed.variant == uuid.RFC_4122
    assert ids == sorted(ids)


@pytest.mark.parametrize(
    ("now_ns", "prefix"),
    [
        (0, "00000000-0000-7000-"),
        (1_700_000_000_123_456_789, "018bcfe5-687b-774f-"),  # 1_700_000_000_123 ms, .456789
        (1_700_000_000_123_999_999, "018bcfe5-687b-7fff-"),  # the last 12-bit fraction
    ],
)
def test_a_new_id_holds_the_time_it_was_made(monkeypatch, now_ns: int, prefix: str) -> None:
    monkeypatch.setattr(kernel.time, "time_ns", lambda: now_ns)
    made = kernel.new_uuid()
    assert made.startswith(prefix)
    assert int(made.replace("-", "")[:12], 16) == now_ns // 1_000_000
