"""The Merkle tree as the stores keep it: which nodes are stored, and how the rest is read.

Owns: `STORED_LEVEL`, `TreeNode`, `read_nodes` (a set of perfect subtrees' hashes from the
stored nodes, the few small ones recomputed from the events' hashes), `grown` (the nodes an
append completes), `all_nodes` (every node worth storing, for a backfill), `ExpectedTree` and
`first_tree_difference` (what `verify` compares the stored tree with). Pure: each takes the
backend's reads as functions.

What is stored, and why: the tree's leaves are the events' `hash` column (the event at
position p is leaf p - 1), so leaves are never stored twice. Of the perfect subtrees above
them only those of 2**STORED_LEVEL = 16 leaves or more are kept, one row per (level, index):
about n/8 rows for n events (n/16 + n/32 + ...): an append writes one small row per 8 events,
and any smaller subtree a root or proof needs is recomputed from at most 16 event hashes
(one indexed range read). A root or proof names O(log n) perfect subtrees, so every read is
O(log n) rows, whatever the log's length. An append continues the tree from its frontier (at
most log2(n) subtrees, read under the write lock) and writes only what its events complete.
A frontier node that is missing (a ledger older than the tree) is filled in first from the
events (`all_nodes`), once.
Imports: `ledger.proofs.merkle`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence

from ledger.proofs.merkle import Frontier, NodeId, frontier_ids

STORED_LEVEL = 4
"""Perfect subtrees of 2**STORED_LEVEL leaves and more are stored; smaller are recomputed."""

TreeNode = tuple[int, int, bytes]
"""A stored node: (level, index, hash)."""

StoredReader = Callable[[Sequence[NodeId]], dict[NodeId, bytes]]
"""Read stored nodes by id (the ones it has)."""

HashReader = Callable[[int, int], list[str]]
"""Read the `hash` of the events at positions first..last (inclusive), in order."""


def leaves_of(node: NodeId) -> tuple[int, int]:
    """The positions (first, last) of the events under a perfect subtree."""
    level, index = node
    return (index << level) + 1, (index + 1) << level


def _subtree_root(hashes: Iterable[str]) -> bytes:
    frontier = Frontier()
    for hex_hash in hashes:
        frontier.append(bytes.fromhex(hex_hash))
    return frontier.root()


def read_nodes(
    ids: Sequence[NodeId], stored: StoredReader, hashes: HashReader
) -> dict[NodeId, bytes]:
    """The hashes of the perfect subtrees `ids`: stored ones read in one go, the rest (small
    ones, or any a ledger older than the tree lacks) recomputed from the events' hashes."""
    wanted = list(dict.fromkeys(ids))
    high = [node for node in wanted if node[0] >= STORED_LEVEL]
    found = stored(high) if high else {}
    for node in wanted:
        if node not in found:
            first, last = leaves_of(node)
            found[node] = _subtree_root(hashes(first, last))
    return found


def frontier_at(size: int, stored: StoredReader, hashes: HashReader) -> tuple[Frontier, bool]:
    """The frontier of the tree of `size` leaves, and whether its stored nodes were all there
    (False: the tree is behind the log and needs a backfill before it can grow)."""
    ids = frontier_ids(size)
    high = [node for node in ids if node[0] >= STORED_LEVEL]
    have = stored(high) if high else {}
    found = read_nodes(ids, lambda wanted: {n: have[n] for n in wanted if n in have}, hashes)
    complete = len(have) == len(high)
    return Frontier(size, [found[node] for node in ids]), complete


def grown(frontier: Frontier, new_hashes: Iterable[str]) -> list[TreeNode]:
    """Append the events' hashes to `frontier`; return the nodes to store that they complete."""
    leaves = (bytes.fromhex(hex_hash) for hex_hash in new_hashes)
    done = frontier.extend(leaves, min_level=STORED_LEVEL)
    return [(level, index, digest) for (level, index), digest in done]


def all_nodes(hashes: Iterable[str]) -> Iterator[TreeNode]:
    """Every node worth storing of the tree over `hashes` (in position order), as completed."""
    frontier = Frontier()
    for hex_hash in hashes:
        for (level, index), digest in frontier.append(bytes.fromhex(hex_hash)):
            if level >= STORED_LEVEL:
                yield level, index, digest


class ExpectedTree:
    """The nodes worth storing of the tree over the events' hashes, fed one at a time (as
    `verify` reads the log once for the chain and the tree both)."""

    def __init__(self) -> None:
        self.frontier = Frontier()
        self.nodes: dict[NodeId, bytes] = {}

    def add(self, hex_hash: str) -> None:
        """Add the next event's hash."""
        for node, digest in self.frontier.append(bytes.fromhex(hex_hash)):
            if node[0] >= STORED_LEVEL:
                self.nodes[node] = digest


def first_tree_difference(
    expected: Mapping[NodeId, bytes], stored: Iterable[TreeNode]
) -> tuple[int, str] | None:
    """Compare the stored nodes with those recomputed from the events (`expected`); return
    (first event position under the earliest wrong node, why), or None when they agree.

    No stored node at all is no fault: the ledger predates its tree (roots and proofs are
    then recomputed from the events, and the next append stores the tree)."""
    faults: list[tuple[int, str]] = []
    seen: set[NodeId] = set()
    stored = list(stored)
    if not stored:
        return None
    for level, index, digest in stored:
        node = (level, index)
        seen.add(node)
        first, last = leaves_of(node)
        where = f"level {level}, index {index} (events {first}-{last})"
        if node not in expected:
            faults.append((first, f"the stored Merkle tree has a node at {where} beyond the log"))
        elif expected[node] != digest:
            faults.append(
                (first, f"the stored Merkle tree node at {where} does not match the events")
            )
    for node in expected.keys() - seen:
        first, last = leaves_of(node)
        faults.append(
            (
                first,
                f"the stored Merkle tree lacks its node at level {node[0]}, index {node[1]} "
                f"(events {first}-{last}): nodes were removed from it",
            )
        )
    return min(faults) if faults else None
