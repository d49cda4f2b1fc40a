"""The store contract, run against the in-memory fake: it must keep every promise the real
backends keep, or the application tests that use it would prove nothing."""

from __future__ import annotations

import pytest

from ledger.errors import OperationFailed
from ledger.store.memory import MemoryStore
from tests.conftest import Clock, Ids, asserted
from tests.contracts.store_contract import StoreContract

_STATEMENTS = {
    # what each SQL statement of the contract does, done to the fake's rows
    "UPDATE events SET data = '{}'": lambda rows: rows.__setitem__(0, ()),
    "DELETE FROM events": lambda rows: rows.__delitem__(slice(None)),
    "UPDATE events SET version = 9": lambda rows: rows.__setitem__(0, ()),
}


class TestMemoryStore(StoreContract):
    """The in-memory event store meets the store contract, unchanged."""

    @pytest.fixture
    def store(self) -> MemoryStore:
        return MemoryStore(clock=Clock(), new_id=Ids(0))

    @pytest.fixture
    def other_store(self) -> MemoryStore:
        return MemoryStore(clock=Clock(), new_id=Ids(1))

    def tamper(self, store: MemoryStore, position: int, field: str, value: object) -> None:
        from ledger.store.codec import COLUMNS

        items = store.rows._items  # around the guard, as an attacker with the process would
        row = list(items[position - 1])
        row[COLUMNS.index(field)] = value
        items[position - 1] = tuple(row)

    def raw_sql(self, store: MemoryStore, statement: str) -> None:
        _STATEMENTS[statement](store.rows)

    def tamper_node(self, store: MemoryStore, level: int, index: int, digest: bytes) -> None:
        assert (level, index) in store.rows.tree
        store.rows.tree[level, index] = digest

    def clear_tree(self, store: MemoryStore) -> None:
        store.rows.tree.clear()


def test_a_failed_write_publishes_nothing() -> None:
    """A batch that fails half way (a stale expected version) leaves the rows as they were."""
    from events import ClaimCorrected
    from events.new_event import NewEvent
    from ledger.errors import ConcurrencyConflict

    store = MemoryStore()
    store.append([asserted(0)])
    stale = NewEvent(
        stream="claim-c_test0",
        event=ClaimCorrected(claim_id="c_test0", changes={"value": 1}, reason="typo"),
        expected_version=0,
    )
    with pytest.raises(ConcurrencyConflict):
        store.append([asserted(1), stale])
    assert store.head() == 1


def test_rows_refuse_a_row_that_is_not_at_the_head() -> None:
    """The fake's INSERT guard: a row must be at head + 1 and chained to the head's hash."""
    from ledger.errors import ConcurrencyConflict

    store = MemoryStore()
    store.append([asserted(0)])
    row = store.rows[0]
    with pytest.raises(ConcurrencyConflict):
        store.rows.extend_at_head([row])  # position 1 again
    with pytest.raises(OperationFailed, match="append-only"):
        store.rows[0] = row


def test_a_write_that_fails_after_its_insert_publishes_nothing(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """All or nothing, as a transaction: a failure after the rows went in (where a backend's
    read models would catch up) leaves the log as it was."""
    store = MemoryStore()
    store.append([asserted(0)])

    def explode(*args: object) -> None:
        raise RuntimeError("the catch-up failed")

    monkeypatch.setattr(store, "_written", explode)
    with pytest.raises(RuntimeError):
        store.append([asserted(1)])
    assert store.head() == 1
    assert [e.position for e in store.read()] == [1]
