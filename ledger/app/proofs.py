"""The Merkle tree of a ledger's log, as the checkpoint and bundle handlers see it.

Owns: `LogTree` — the root of the log at any size two ways (`signed_root`: the store's kept
tree, O(log n), what a checkpoint signs; `root`: recomputed from the events' hashes, what a
check compares with), the store's inclusion and consistency proofs, and `first_divergence`
(where the events first part from the tree the store recorded, `tree_nodes`). The one place
that knows where tree data comes from.
Imports: `ledger.proofs.merkle`, `ledger.store`.
"""

from __future__ import annotations

from ledger.proofs import merkle
from ledger.store import EventStore


class LogTree:
    """The tree over a store's log: leaf p - 1 is the 32-byte hash of the event at position p."""

    def __init__(self, store: EventStore) -> None:
        self.store = store
        self._leaves: list[bytes] | None = None

    def head(self) -> int:
        """The log's size now."""
        return self.store.head()

    def leaves(self) -> list[bytes]:
        """Every event's hash, in position order, as the log holds them now (read once)."""
        if self._leaves is None:
            self._leaves = [bytes.fromhex(row["hash"]) for row in self.store.read_rows()]
        return self._leaves

    def root(self, size: int) -> bytes:
        """The root of the tree of the first `size` events, recomputed from the events."""
        return self.roots(size)[size]

    def roots(self, *sizes: int) -> dict[int, bytes]:
        """The roots at several sizes (each at most the head), in one pass over the events."""
        wanted = sorted(set(sizes))
        found = {0: merkle.EMPTY_ROOT} if wanted and wanted[0] == 0 else {}
        frontier = merkle.Frontier()
        pending = [size for size in wanted if size > 0][::-1]
        for leaf in self.leaves():
            if not pending:
                break
            frontier.append(leaf)
            while pending and pending[-1] == frontier.size:
                found[pending.pop()] = frontier.root()
        if pending:
            raise ValueError(f"the log has no tree of size {pending[-1]}")
        return found

    def signed_root(self) -> tuple[int, bytes]:
        """(size, root) of the whole log from the store's kept tree: what a checkpoint signs."""
        return self.store.tree_head()

    def inclusion(self, position: int, size: int) -> list[bytes]:
        """The store's proof that the event at `position` is in the tree of size `size`."""
        return self.store.inclusion_proof(position - 1, size)

    def consistency(self, old_size: int, new_size: int) -> list[bytes]:
        """The store's proof that the tree of `old_size` is a prefix of that of `new_size`."""
        return self.store.consistency_proof(old_size, new_size)

    def first_divergence(self, size: int) -> tuple[int, int] | None:
        """Where the log first parts from the tree the store recorded, among the first `size`
        events: (first, last) positions of the smallest stored subtree whose hash the events
        no longer give, earliest first. None if its tree agrees with the events (the log,
        tree and all, was replaced or rebuilt). The store keeps subtrees, not
        single leaves, so the answer is a range: no record of the log pins it closer."""
        leaves = self.leaves()
        limit = min(size, len(leaves))
        spans = []
        for level, index, hash_ in self.store.tree_nodes():
            first, last = index << level, (index + 1) << level
            if last <= limit:
                spans.append((last, -first, first, bytes(hash_)))
        for last, _, first, hash_ in sorted(spans):
            if merkle.root_hash(leaves[first:last]) != hash_:
                return first + 1, last
        return None
