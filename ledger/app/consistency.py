"""`claims prove --consistency`: the proof that an older log is a prefix of the current one.

Owns: `ConsistencyProof` (the sizes, both roots and the proof's hashes, in its JSON shape) and
`prove_consistency`, which reads both tree heads and the proof from the store and checks the
proof itself (RFC 9162 §2.1.4.2) before handing it out, so the ledger never prints a proof a
third party would refuse.
Imports: `ledger.proofs.merkle`, `ledger.store`, `ledger.errors`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ledger.errors import IntegrityError, InvalidInput
from ledger.proofs.merkle import ProofError, verify_consistency
from ledger.store import EventStore


@dataclass(frozen=True, slots=True)
class ConsistencyProof:
    """The tree of `old_size` events (root `old_root`) is a prefix of the tree of `new_size`."""

    old_size: int
    new_size: int
    old_root: bytes
    new_root: bytes
    proof: list[bytes]

    def as_json(self) -> dict[str, Any]:
        """The proof with its hashes as lowercase hex."""
        return {
            "old_size": self.old_size,
            "new_size": self.new_size,
            "old_root": self.old_root.hex(),
            "new_root": self.new_root.hex(),
            "proof": [h.hex() for h in self.proof],
        }


def prove_consistency(
    store: EventStore, old_size: int, new_size: int | None = None
) -> ConsistencyProof:
    """The consistency proof from `old_size` to `new_size` events (None: the head)."""
    new_size, new_root = store.tree_head(new_size)
    if not 0 <= old_size <= new_size:
        raise InvalidInput(f"the old size {old_size} must be between 0 and the new size {new_size}")
    old_size, old_root = store.tree_head(old_size)
    proof = store.consistency_proof(old_size, new_size)
    try:
        verify_consistency(old_size, new_size, old_root, new_root, proof)
    except ProofError as exc:
        raise IntegrityError(
            f"the stored Merkle tree gives a bad proof ({exc}); run `claims verify`"
        ) from None
    return ConsistencyProof(old_size, new_size, old_root, new_root, proof)
