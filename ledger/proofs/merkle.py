"""The Merkle tree over the log (RFC 6962 / RFC 9162 §2.1): roots, proofs, verification. Pure.

Owns: `leaf_hash`, `node_hash`, `root_hash`, `inclusion_proof`, `consistency_proof`,
`verify_inclusion`, `verify_consistency`, `ProofError`, the incremental `Frontier` (a compact
range: O(log n) state, O(1) amortised per append, the root at any size), and the plans a
store builds proofs from without reading every leaf (`NodeId`, `range_nodes`, `fold`,
`inclusion_ranges`, `consistency_ranges`).

The ledger's leaves are the events' 32-byte hashes (`bytes.fromhex(envelope.hash)`) in
position order: the event at position p (positions start at 1) is leaf index p - 1, and the
tree of size n covers positions 1..n. Nothing here knows that: a leaf is any bytes.
A perfect subtree is named by a `NodeId` (level, index): the 2**level leaves starting at
index * 2**level. Verification follows RFC 9162 §2.1.3.2 and §2.1.4.2 step by step (what a
third party would write), never by recomputing the tree.
Imports: the standard library only.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Mapping, Sequence

HASH_SIZE = 32
EMPTY_ROOT = hashlib.sha256(b"").digest()
"""The root of the empty tree: SHA-256 of nothing (RFC 9162 §2.1.1)."""

NodeId = tuple[int, int]
"""(level, index): the perfect subtree of 2**level leaves from leaf index * 2**level."""

Range = tuple[int, int]
"""(start, stop): the subtree over leaves start..stop-1, as RFC 6962 splits it."""


class ProofError(ValueError):
    """A proof that does not hold; the message says which check failed."""


def leaf_hash(leaf: bytes) -> bytes:
    """Return SHA-256(0x00 || leaf)."""
    return hashlib.sha256(b"\x00" + leaf).digest()


def node_hash(left: bytes, right: bytes) -> bytes:
    """Return SHA-256(0x01 || left || right)."""
    return hashlib.sha256(b"\x01" + left + right).digest()


def _split(n: int) -> int:
    """The largest power of two smaller than n (n >= 2)."""
    return 1 << ((n - 1).bit_length() - 1)


class Frontier:
    """The compact range of a tree's first `size` leaves: the roots of its perfect subtrees,
    largest (leftmost) first, one per set bit of `size`. Appending a leaf merges equal-sized
    subtrees; `root` folds them. Give `size` and `nodes` to resume from stored state."""

    __slots__ = ("_nodes", "_size")

    def __init__(self, size: int = 0, nodes: Sequence[bytes] = ()) -> None:
        if len(nodes) != size.bit_count():
            raise ValueError(f"a frontier of size {size} has {size.bit_count()} nodes")
        self._size = size
        self._nodes = list(nodes)

    @property
    def size(self) -> int:
        """How many leaves the tree has."""
        return self._size

    @property
    def nodes(self) -> list[bytes]:
        """The perfect subtrees' roots, leftmost first (the nodes of `frontier_ids(size)`)."""
        return list(self._nodes)

    def append(self, leaf: bytes) -> list[tuple[NodeId, bytes]]:
        """Add a leaf; return every perfect subtree it completes, the leaf's own node first."""
        return self.append_hash(leaf_hash(leaf))

    def append_hash(self, hashed: bytes) -> list[tuple[NodeId, bytes]]:
        """Add an already hashed leaf; return the perfect subtrees it completes, lowest first."""
        index, level = self._size, 0
        done = [((0, index), hashed)]
        nodes = self._nodes
        while index & 1:
            hashed = node_hash(nodes.pop(), hashed)
            index >>= 1
            level += 1
            done.append(((level, index), hashed))
        nodes.append(hashed)
        self._size += 1
        return done

    def extend(self, leaves: Iterable[bytes], *, min_level: int = 0) -> list[tuple[NodeId, bytes]]:
        """Add many leaves; return the perfect subtrees they complete at `min_level` or above
        (the append hot path: what `append` does, without a list per leaf)."""
        sha256, nodes, size = hashlib.sha256, self._nodes, self._size
        done: list[tuple[NodeId, bytes]] = []
        for leaf in leaves:
            hashed = sha256(b"\x00" + leaf).digest()
            if min_level == 0:
                done.append(((0, size), hashed))
            index, level = size, 0
            while index & 1:
                hashed = sha256(b"\x01" + nodes.pop() + hashed).digest()
                index >>= 1
                level += 1
                if level >= min_level:
                    done.append(((level, index), hashed))
            nodes.append(hashed)
            size += 1
        self._size = size
        return done

    def root(self) -> bytes:
        """The root hash of the tree so far (`EMPTY_ROOT` when empty)."""
        return fold(self._nodes) if self._nodes else EMPTY_ROOT


def fold(hashes: Sequence[bytes]) -> bytes:
    """The root of consecutive perfect subtrees, largest first: hashed from the right."""
    result = hashes[-1]
    for left in reversed(hashes[:-1]):
        result = node_hash(left, result)
    return result


def range_nodes(start: int, stop: int) -> list[NodeId]:
    """The perfect subtrees that make up the subtree over leaves start..stop-1, largest first.

    Every range a root or an RFC 6962 proof names starts at a multiple of its largest
    power-of-two part, so these are exactly the subtrees its hash is folded from."""
    ids: list[NodeId] = []
    while start < stop:
        level = (stop - start).bit_length() - 1
        while start % (1 << level):
            level -= 1
        ids.append((level, start >> level))
        start += 1 << level
    return ids


def frontier_ids(size: int) -> list[NodeId]:
    """The perfect subtrees of a tree of `size` leaves (its frontier), leftmost first."""
    return range_nodes(0, size)


def inclusion_ranges(index: int, size: int) -> list[Range]:
    """The subtrees whose hashes form the inclusion proof of leaf `index` (RFC 6962 PATH)."""
    if not 0 <= index < size:
        raise ValueError(f"leaf {index} is not in a tree of size {size}")
    ranges: list[Range] = []
    start, stop = 0, size
    while stop - start > 1:
        k = _split(stop - start)
        if index < start + k:
            ranges.append((start + k, stop))
            stop = start + k
        else:
            ranges.append((start, start + k))
            start += k
    ranges.reverse()
    return ranges


def consistency_ranges(old_size: int, new_size: int) -> list[Range]:
    """The subtrees whose hashes form the consistency proof from `old_size` to `new_size`
    (RFC 6962 SUBPROOF); empty when old_size is 0 or equals new_size."""
    if not 0 <= old_size <= new_size:
        raise ValueError(f"no consistency proof from size {old_size} to size {new_size}")
    if old_size in (0, new_size):
        return []
    ranges: list[Range] = []
    m, start, stop, whole = old_size, 0, new_size, True
    while m != stop - start:
        k = _split(stop - start)
        if m <= k:
            ranges.append((start + k, stop))
            stop = start + k
        else:
            ranges.append((start, start + k))
            m -= k
            start += k
            whole = False
    if not whole:
        ranges.append((start, stop))
    ranges.reverse()
    return ranges


def proof_from_nodes(ranges: Iterable[Range], node: Callable[[NodeId], bytes]) -> list[bytes]:
    """The proof's hashes, each folded from the perfect subtrees `node` gives."""
    return [fold([node(i) for i in range_nodes(lo, hi)]) for lo, hi in ranges]


def _all_nodes(leaves: Sequence[bytes]) -> Mapping[NodeId, bytes]:
    frontier = Frontier()
    found: dict[NodeId, bytes] = {}
    for leaf in leaves:
        found.update(frontier.append(leaf))
    return found


def root_hash(leaves: Sequence[bytes]) -> bytes:
    """The Merkle tree hash of `leaves` (RFC 9162 §2.1.1)."""
    frontier = Frontier()
    for leaf in leaves:
        frontier.append(leaf)
    return frontier.root()


def inclusion_proof(leaves: Sequence[bytes], index: int) -> list[bytes]:
    """The inclusion proof of leaf `index` in the tree of all of `leaves` (RFC 9162 §2.1.3.1)."""
    return proof_from_nodes(inclusion_ranges(index, len(leaves)), _all_nodes(leaves).__getitem__)


def consistency_proof(leaves: Sequence[bytes], old_size: int) -> list[bytes]:
    """The proof that the tree of the first `old_size` leaves is a prefix of the tree of all
    of `leaves` (RFC 9162 §2.1.4.1)."""
    ranges = consistency_ranges(old_size, len(leaves))
    return proof_from_nodes(ranges, _all_nodes(leaves).__getitem__)


def _check_hashes(proof: Sequence[bytes], **named: bytes) -> None:
    for name, value in named.items():
        if len(value) != HASH_SIZE:
            raise ProofError(f"the {name} is {len(value)} bytes, not a {HASH_SIZE}-byte hash")
    for n, item in enumerate(proof):
        if len(item) != HASH_SIZE:
            raise ProofError(f"proof hash {n} is {len(item)} bytes, not {HASH_SIZE}")


def verify_inclusion(
    leaf: bytes, index: int, size: int, proof: Sequence[bytes], root: bytes
) -> None:
    """Check that `leaf` is leaf `index` of the tree of `size` with `root` (RFC 9162
    §2.1.3.2); raise `ProofError` saying what failed."""
    if not 0 <= index < size:
        raise ProofError(f"leaf index {index} is not in a tree of size {size}")
    _check_hashes(proof, root=root)
    fn, sn = index, size - 1
    r = leaf_hash(leaf)
    for p in proof:
        if sn == 0:
            raise ProofError(f"the proof is too long for leaf {index} of size {size}")
        if fn & 1 or fn == sn:
            r = node_hash(p, r)
            if not fn & 1:
                while fn and not fn & 1:
                    fn >>= 1
                    sn >>= 1
        else:
            r = node_hash(r, p)
        fn >>= 1
        sn >>= 1
    if sn != 0:
        raise ProofError(f"the proof is too short for leaf {index} of size {size}")
    if r != root:
        raise ProofError(f"the proof of leaf {index} does not lead to the root of size {size}")


def verify_consistency(
    old_size: int, new_size: int, old_root: bytes, new_root: bytes, proof: Sequence[bytes]
) -> None:
    """Check that the tree of `old_size` with `old_root` is a prefix of the tree of
    `new_size` with `new_root` (RFC 9162 §2.1.4.2); raise `ProofError` saying what failed."""
    if not 0 <= old_size <= new_size:
        raise ProofError(f"size {new_size} cannot extend size {old_size}: the log shrank")
    _check_hashes(proof, **{"old root": old_root, "new root": new_root})
    if old_size == 0 or old_size == new_size:
        if proof:
            raise ProofError(f"a proof from size {old_size} to {new_size} must be empty")
        if old_size == new_size and old_root != new_root:
            raise ProofError(f"two different roots for the same size {old_size}")
        return
    if not proof:
        raise ProofError(f"the proof from size {old_size} to {new_size} is empty")
    path = list(proof)
    if old_size & (old_size - 1) == 0:  # an exact power of two: the old tree is a subtree
        path.insert(0, old_root)
    fr, sr = _consistency_roots(old_size, new_size, path)
    if fr != old_root:
        raise ProofError(f"the proof does not lead to the old root (size {old_size})")
    if sr != new_root:
        raise ProofError(f"the proof does not lead to the new root (size {new_size})")


def _consistency_roots(old_size: int, new_size: int, path: list[bytes]) -> tuple[bytes, bytes]:
    """RFC 9162 §2.1.4.2 steps 3-7: walk the path up to the old and the new root."""
    fn, sn = old_size - 1, new_size - 1
    while fn & 1:
        fn >>= 1
        sn >>= 1
    fr = sr = path[0]
    for c in path[1:]:
        if sn == 0:
            raise ProofError(f"the proof from size {old_size} to {new_size} is too long")
        if fn & 1 or fn == sn:
            fr = node_hash(c, fr)
            sr = node_hash(c, sr)
            if not fn & 1:
                while fn and not fn & 1:
                    fn >>= 1
                    sn >>= 1
        else:
            sr = node_hash(sr, c)
        fn >>= 1
        sn >>= 1
    if sn != 0:
        raise ProofError(f"the proof from size {old_size} to {new_size} is too short")
    return fr, sr
