"""The Merkle tree part of the store contract: every backend keeps the same tree.

Mixed into `StoreContract`, so each backend runs it. A backend's test class provides
`tamper_node(store, level, index, digest)` (change one stored tree node behind the store's
back) and `clear_tree(store)` (drop every stored node, as in a ledger older than the tree).
"""

from __future__ import annotations

import pytest

from ledger import Ledger
from ledger.errors import ConcurrencyConflict, InvalidInput
from ledger.proofs import merkle
from ledger.store.tree import STORED_LEVEL, all_nodes
from tests.conftest import asserted

BATCHES = (1, 15, 17, 40, 3)  # 76 events: crosses the stored levels (16, 32, 64 leaves)


def leaves(store) -> list[bytes]:
    """The tree's leaves as anyone would take them from the log: each event's hash."""
    return [bytes.fromhex(e.hash) for e in store.read()]


def fill(store, batches=BATCHES) -> None:
    n = 0
    for size in batches:
        store.append([asserted(k) for k in range(n, n + size)])
        n += size


class TreeContract:
    """The tree every EventStore keeps over its log."""

    def tamper_node(self, store, level: int, index: int, digest: bytes) -> None:  # pragma: no cover
        raise NotImplementedError

    def clear_tree(self, store) -> None:  # pragma: no cover
        raise NotImplementedError

    def test_empty_log_has_the_empty_root(self, store) -> None:
        """An empty log's tree head is size 0 and SHA-256 of nothing."""
        assert store.tree_head() == (0, merkle.EMPTY_ROOT)
        assert store.tree_nodes() == []

    def test_root_at_every_size_is_rfc6962(self, store) -> None:
        """The root at every size is the RFC 6962 root of that prefix of the events' hashes."""
        fill(store)
        hashes = leaves(store)
        assert store.tree_head() == (len(hashes), merkle.root_hash(hashes))
        for size in range(len(hashes) + 1):
            assert store.tree_head(size) == (size, merkle.root_hash(hashes[:size]))

    def test_only_subtrees_of_16_or_more_are_stored(self, store) -> None:
        """Appends in batches store exactly the perfect subtrees of 16+ leaves of the log."""
        fill(store)
        nodes = store.tree_nodes()
        assert nodes == sorted(all_nodes(e.hash for e in store.read()))
        assert {level for level, _, _ in nodes} == {4, 5, 6}
        assert min(level for level, _, _ in nodes) == STORED_LEVEL

    def test_inclusion_proofs_verify(self, store) -> None:
        """The store's inclusion proofs are the RFC's and verify against its roots."""
        fill(store)
        hashes = leaves(store)
        for size in (1, 16, 17, 33, len(hashes)):
            _, root = store.tree_head(size)
            for index in sorted({0, size // 2, size - 1}):
                proof = store.inclusion_proof(index, size)
                assert proof == merkle.inclusion_proof(hashes[:size], index)
                merkle.verify_inclusion(hashes[index], index, size, proof, root)

    def test_consistency_proofs_verify(self, store) -> None:
        """The store's consistency proofs are the RFC's and verify between its roots."""
        fill(store)
        hashes = leaves(store)
        pairs = [(0, 5), (1, 76), (15, 16), (16, 33), (32, 64), (33, 76), (76, 76), (40, 70)]
        for old, new in pairs:
            proof = store.consistency_proof(old, new)
            assert proof == merkle.consistency_proof(hashes[:new], old)
            merkle.verify_consistency(
                old, new, store.tree_head(old)[1], store.tree_head(new)[1], proof
            )

    @pytest.mark.parametrize(
        ("call", "message"),
        [
            (lambda s: s.tree_head(4), "no tree of size 4"),
            (lambda s: s.tree_head(-1), "no tree of size -1"),
            (lambda s: s.inclusion_proof(3, 3), "leaf 3 is not in the tree of size 3"),
            (lambda s: s.inclusion_proof(0, 9), "no tree of size 9"),
            (lambda s: s.consistency_proof(3, 2), "from size 3 to size 2"),
            (lambda s: s.consistency_proof(1, 5), "no tree of size 5"),
        ],
    )
    def test_sizes_beyond_the_log_are_refused(self, store, call, message: str) -> None:
        """A size beyond the head, or a leaf outside the tree, is a clear InvalidInput."""
        store.append([asserted(n) for n in range(3)])
        with pytest.raises(InvalidInput, match=message):
            call(store)

    def test_a_refused_append_leaves_the_tree(self, store) -> None:
        """An append refused half way stores no tree node either."""
        store.append([asserted(n) for n in range(15)])
        before = (store.tree_head(), store.tree_nodes())
        with pytest.raises(ConcurrencyConflict):
            store.append([asserted(15), asserted(0, expected_version=0)])
        assert (store.tree_head(), store.tree_nodes()) == before
        store.append([asserted(15)])
        assert len(store.tree_nodes()) == 1

    def test_import_into_empty_reproduces_the_root(self, store, other_store) -> None:
        """An export imported into an empty log has the same root and the same stored tree."""
        fill(store)
        other_store.import_log(list(store.read()))
        assert other_store.tree_head() == store.tree_head()
        assert other_store.tree_nodes() == store.tree_nodes()

    def test_import_into_non_empty_grows_the_tree(self, store, other_store) -> None:
        """Re-chained imported events extend the tree like any append."""
        fill(store, (20,))
        other_store.append([asserted(n) for n in range(100, 110)])
        other_store.import_log(list(store.read()))
        hashes = leaves(other_store)
        assert other_store.tree_head() == (30, merkle.root_hash(hashes))
        assert other_store.tree_nodes() == sorted(all_nodes(h.hex() for h in hashes))

    def test_a_log_older_than_its_tree_is_backfilled(self, store) -> None:
        """With no stored nodes (a ledger from before the tree), roots and proofs are still
        right, recomputed from the events, and the next append stores the whole tree."""
        fill(store, (40,))
        expected = store.tree_nodes()
        self.clear_tree(store)
        assert store.tree_nodes() == []
        hashes = leaves(store)
        assert store.tree_head() == (40, merkle.root_hash(hashes))
        assert store.inclusion_proof(3, 40) == merkle.inclusion_proof(hashes, 3)
        store.append([asserted(40)])
        assert store.tree_nodes() == expected  # 41 events complete no further node

    def test_verify_catches_a_tampered_tree_node(self, store) -> None:
        """Changing only one stored tree node fails verify, naming the node and its events."""
        fill(store)
        assert Ledger(store).verify().ok
        self.tamper_node(store, 5, 1, bytes(32))
        report = Ledger(store).verify()
        assert report.problem is not None
        assert report.problem.position == 33
        assert "tree node at level 5, index 1 (events 33-64)" in report.problem.reason

    def test_a_log_with_no_stored_tree_verifies(self, store) -> None:
        """A ledger from before the tree (no node stored) is not a fault: verify is ok."""
        fill(store, (20,))
        self.clear_tree(store)
        assert Ledger(store).verify().ok
