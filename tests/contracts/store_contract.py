"""The event store contract: every backend must pass these tests unchanged.

A backend's test module subclasses `StoreContract` and provides a `store` fixture returning
a fresh, empty store, and `tamper(store, position, sql_field, value)` that edits a row behind
the store's back (dropping its guards first), as an attacker with file access would. The
Merkle tree's part of the contract, and its two hooks, are in `tree_contract.py`.
"""

from __future__ import annotations

import pytest

from events import ClaimCorrected
from events.new_event import NewEvent
from ledger import Ledger
from ledger.errors import ConcurrencyConflict
from ledger.store.hashing import GENESIS, first_break
from tests.conftest import asserted
from tests.contracts.tree_contract import TreeContract


class StoreContract(TreeContract):
    """Behaviour every EventStore must have."""

    def tamper(self, store, position: int, field: str, value: object) -> None:  # pragma: no cover
        raise NotImplementedError

    def raw_sql(self, store, statement: str) -> None:  # pragma: no cover
        """Run one statement on the backend directly, outside the store."""
        raise NotImplementedError

    def test_empty_store_has_head_zero(self, store) -> None:
        """A new log is empty: head 0, nothing to read."""
        assert store.head() == 0
        assert list(store.read()) == []

    def test_positions_start_at_one_and_are_gapless(self, store) -> None:
        """Positions are 1, 2, 3, ... in append order, across batches."""
        store.append([asserted(0), asserted(1)])
        store.append([asserted(2)])
        assert [e.position for e in store.read()] == [1, 2, 3]
        assert store.head() == 3

    def test_first_event_chains_to_genesis(self, store) -> None:
        """The first prev_hash is the genesis hash; each later one is its predecessor's hash."""
        store.append([asserted(n) for n in range(3)])
        events = list(store.read())
        assert events[0].prev_hash == GENESIS
        assert [e.prev_hash for e in events[1:]] == [e.hash for e in events[:-1]]

    def test_chain_verifies(self, store) -> None:
        """A log written only through the store verifies."""
        store.append([asserted(n) for n in range(5)])
        assert first_break(store.read_rows()) is None

    def test_stream_versions_start_at_one(self, store) -> None:
        """Each stream counts its own versions from 1."""
        store.append([asserted(0), asserted(1)])
        fix = NewEvent(
            stream="claim-c_test0",
            event=ClaimCorrected(claim_id="c_test0", changes={"value": 1}, reason="typo"),
            expected_version=1,
        )
        store.append([fix])
        assert store.stream_version("claim-c_test0") == 2
        assert store.stream_version("claim-c_test1") == 1
        assert store.stream_version("claim-nothing") == 0

    def test_stale_expected_version_conflicts(self, store) -> None:
        """A writer that expected an older stream version gets a conflict; nothing is written."""
        store.append([asserted(0)])
        with pytest.raises(ConcurrencyConflict, match="version 1"):
            store.append([asserted(0, expected_version=0)])
        assert store.head() == 1

    def test_no_expected_version_skips_the_check(self, store) -> None:
        """expected_version None appends whatever the stream's version."""
        store.append([asserted(0)])
        store.append([asserted(0, expected_version=None)])
        assert store.stream_version("claim-c_test0") == 2

    def test_batch_versions_count_within_the_batch(self, store) -> None:
        """Two events for one new stream in one batch get versions 1 and 2."""
        store.append([asserted(0), asserted(0, expected_version=1)])
        assert [e.version for e in store.read(stream="claim-c_test0")] == [1, 2]

    def test_conflict_in_a_batch_writes_none_of_it(self, store) -> None:
        """A batch is atomic: one conflicting event and none of the batch is written."""
        store.append([asserted(0)])
        with pytest.raises(ConcurrencyConflict):
            store.append([asserted(1), asserted(2), asserted(0, expected_version=0)])
        assert store.head() == 1

    def test_repeated_idempotency_key_writes_nothing(self, store) -> None:
        """A known idempotency key returns the event already recorded."""
        first = store.append([asserted(0, idempotency_key="k-0")])[0]
        again = store.append([asserted(0, idempotency_key="k-0", expected_version=None)])[0]
        assert first.created and not again.created
        assert again.envelope.id == first.envelope.id
        assert again.envelope.position == 1
        assert store.head() == 1

    def test_idempotency_key_repeated_within_a_batch(self, store) -> None:
        """The same key twice in one batch records the event once."""
        results = store.append([asserted(0, idempotency_key="k"), asserted(1, idempotency_key="k")])
        assert [r.created for r in results] == [True, False]
        assert store.head() == 1

    def test_read_by_range_stream_and_type(self, store) -> None:
        """Reads filter by position range, stream and type."""
        store.append([asserted(n) for n in range(4)])
        fix = NewEvent(
            stream="claim-c_test2",
            event=ClaimCorrected(claim_id="c_test2", changes={"value": 1}, reason="typo"),
        )
        store.append([fix])
        assert [e.position for e in store.read(start=2, stop=3)] == [2, 3]
        assert [e.position for e in store.read(stream="claim-c_test2")] == [3, 5]
        assert [e.position for e in store.read(types=["claim-corrected"])] == [5]

    def test_read_round_trips_the_payload(self, store) -> None:
        """What is read back is what was appended."""
        item = asserted(7)
        store.append([item])
        (envelope,) = store.read()
        assert envelope.type == "claim-asserted"
        assert envelope.data["claim"]["value"] == item.event.claim.value
        assert envelope.stream == item.stream

    def test_reads_stream_many_pages(self, store) -> None:
        """Reading more events than one page returns every event once, in order."""
        store.append([asserted(n) for n in range(4_500)])
        assert [e.position for e in store.read()] == list(range(1, 4_501))

    def test_ids_are_unique(self, store) -> None:
        """Every event gets its own id."""
        store.append([asserted(n) for n in range(10)])
        assert len({e.id for e in store.read()}) == 10

    def test_import_into_empty_keeps_positions_and_hashes(self, store, other_store) -> None:
        """Importing a whole log into an empty one reproduces every position and hash."""
        store.append([asserted(n) for n in range(5)])
        source = list(store.read())
        result = other_store.import_log(source)
        assert result.exact and result.imported == 5
        copied = list(other_store.read())
        assert [(e.position, e.hash, e.id) for e in copied] == [
            (e.position, e.hash, e.id) for e in source
        ]

    def test_import_into_non_empty_rechains_only_missing(self, store, other_store) -> None:
        """Into a non-empty log, only unknown events are appended, re-chained after its head."""
        store.append([asserted(n) for n in range(3)])
        other_store.import_log(list(store.read())[:2])
        other_store.append([asserted(9)])
        result = other_store.import_log(list(store.read()))
        assert (result.imported, result.skipped, result.exact) == (1, 2, False)
        assert other_store.head() == 4
        assert first_break(other_store.read_rows()) is None

    def test_tamper_is_detected(self, store) -> None:
        """A payload changed behind the store's back breaks the chain at that position."""
        store.append([asserted(n) for n in range(5)])
        self.tamper(store, 3, "data", '{"claim":{}}')
        assert first_break(store.read_rows()) == (
            3,
            "hash does not match the event's contents",
        )
        assert not Ledger(store).verify().ok

    @pytest.mark.parametrize(
        "statement",
        ["UPDATE events SET data = '{}'", "DELETE FROM events", "UPDATE events SET version = 9"],
    )
    def test_update_and_delete_are_refused(self, store, statement: str) -> None:
        """The database itself refuses to change or remove an event, whoever asks."""
        store.append([asserted(0)])
        assert store.missing_triggers() == []
        with pytest.raises(Exception, match="append-only"):
            self.raw_sql(store, statement)
        assert [e.version for e in store.read()] == [1]
