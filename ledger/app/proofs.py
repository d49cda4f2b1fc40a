"""The Merkle tree of a ledger's log, as the checkpoint and bundle handlers see it.

Owns: `LogTree` — the roots, inclusion and consistency proofs of the log's event hashes at
any size, and `first_divergence` (where the log first parts from the tree the store
recorded). The one place that knows where tree data comes from: today the pure
functions of `ledger.proofs.merkle` over the event hashes read from the store, once per
`LogTree`; a store that keeps its tree (`tree_head`, `inclusion_proof`, `consistency_proof`)
answers for itself, and its stored nodes (`tree_nodes`) are the record `first_divergence`
compares with.
Imports: `ledger.proofs.merkle`, `ledger.store`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

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
        """The root of the tree of the first `size` events, from the events themselves."""
        return merkle.root_hash(self.leaves()[:size])

    def inclusion(self, position: int, size: int) -> list[bytes]:
        """The proof that the event at `position` is in the tree of size `size`."""
        stored = _stored(self.store, "inclusion_proof")
        if stored is not None:
            return list(stored(position - 1, size))
        return merkle.inclusion_proof(self.leaves()[:size], position - 1)

    def consistency(self, old_size: int, new_size: int) -> list[bytes]:
        """The proof that the tree of `old_size` is a prefix of the tree of `new_size`."""
        stored = _stored(self.store, "consistency_proof")
        if stored is not None:
            return list(stored(old_size, new_size))
        return merkle.consistency_proof(self.leaves()[:new_size], old_size)

    def first_divergence(self, size: int) -> tuple[int, int] | None:
        """Where the log first parts from the tree the store recorded, among the first `size`
        events: (first, last) positions of the smallest stored subtree whose hash the events
        no longer give, earliest first. None if the store keeps no tree, or its tree agrees
        with the events (the log, tree and all, was replaced). The store keeps subtrees, not
        single leaves, so the answer is a range: no record of the log pins it closer."""
        nodes = _stored(self.store, "tree_nodes")
        if nodes is None:
            return None
        leaves = self.leaves()
        limit = min(size, len(leaves))
        spans = []
        for level, index, hash_ in nodes():
            first, last = index << level, (index + 1) << level
            if last <= limit:
                spans.append((last, -first, first, bytes(hash_)))
        for last, _, first, hash_ in sorted(spans):
            if merkle.root_hash(leaves[first:last]) != hash_:
                return first + 1, last
        return None


def _stored(store: EventStore, name: str) -> Callable[..., Any] | None:
    """A tree method of the store, if this store keeps its tree."""
    method = getattr(store, name, None)
    return method if callable(method) else None
