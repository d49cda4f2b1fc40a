"""The stored Merkle tree's properties: any batching gives the RFC tree, and reads stay small."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from ledger.proofs import merkle
from ledger.store.memory import MemoryStore
from ledger.store.tree import all_nodes
from tests.conftest import Clock, Ids, asserted


def filled(batches: list[int]) -> MemoryStore:
    store = MemoryStore(clock=Clock(), new_id=Ids(0))
    n = 0
    for size in batches:
        store.append([asserted(k) for k in range(n, n + size)])
        n += size
    return store


@settings(max_examples=40, deadline=None)
@given(st.lists(st.integers(1, 40), min_size=1, max_size=6), st.data())
def test_any_batching_stores_the_rfc_tree(batches: list[int], data: st.DataObject) -> None:
    """However the log was appended, the stored nodes, roots and proofs are the RFC's."""
    store = filled(batches)
    hashes = [bytes.fromhex(e.hash) for e in store.read()]
    n = len(hashes)
    assert store.tree_nodes() == sorted(all_nodes(h.hex() for h in hashes))
    size = data.draw(st.integers(1, n))
    index = data.draw(st.integers(0, size - 1))
    old = data.draw(st.integers(0, size))
    assert store.tree_head(size) == (size, merkle.root_hash(hashes[:size]))
    assert store.inclusion_proof(index, size) == merkle.inclusion_proof(hashes[:size], index)
    assert store.consistency_proof(old, size) == merkle.consistency_proof(hashes[:size], old)


class Counting(MemoryStore):
    """A fake that counts the event hashes and stored nodes each read asks for."""

    def __init__(self) -> None:
        super().__init__(clock=Clock(), new_id=Ids(0))
        self.leaves_read = 0
        self.nodes_asked = 0

    def _event_hashes(self, conn, first, last):  # type: ignore[no-untyped-def]
        self.leaves_read += last - first + 1
        return super()._event_hashes(conn, first, last)

    def _tree_nodes(self, conn, ids):  # type: ignore[no-untyped-def]
        self.nodes_asked += len(ids)
        return super()._tree_nodes(conn, ids)


def test_roots_and_proofs_read_a_few_leaves_not_the_log() -> None:
    """On a 2,000-event log a root or proof reads at most a few dozen event hashes and
    stored nodes (O(log n)), never every leaf; an append reads at most 15 earlier hashes."""
    store = Counting()
    for start in range(0, 2_000, 500):
        store.append([asserted(k) for k in range(start, start + 500)])
    store.leaves_read = store.nodes_asked = 0
    store.append([asserted(2_000)])
    assert store.leaves_read <= 15
    calls = [
        lambda: store.tree_head(),
        lambda: store.tree_head(1_999),
        lambda: store.inclusion_proof(1_234, 2_001),
        lambda: store.inclusion_proof(2_000, 2_001),
        lambda: store.consistency_proof(1_001, 2_001),
        lambda: store.consistency_proof(7, 1_999),
    ]
    for call in calls:
        store.leaves_read = store.nodes_asked = 0
        call()
        assert store.leaves_read <= 45
        assert store.nodes_asked <= 24


def test_a_missing_or_extra_node_is_named() -> None:
    """Compared with the tree recomputed from the events, a stored tree that lacks a node or
    has one beyond the log is a fault at the first event under that node."""
    from ledger.store.tree import ExpectedTree, first_tree_difference

    store = filled([64])
    expected = ExpectedTree()
    for event in store.read():
        expected.add(event.hash)
    stored = store.tree_nodes()
    assert first_tree_difference(expected.nodes, stored) is None
    lacking = [node for node in stored if node[:2] != (4, 2)]
    assert first_tree_difference(expected.nodes, lacking) == (
        33,
        "the stored Merkle tree lacks its node at level 4, index 2 (events 33-48): "
        "nodes were removed from it",
    )
    extra = [*stored, (4, 4, bytes(32))]
    position, why = first_tree_difference(expected.nodes, extra) or (0, "")
    assert position == 65
    assert "node at level 4, index 4 (events 65-80) beyond the log" in why
