"""The Merkle tree (ledger.proofs.merkle): RFC 6962 vectors, proofs against naive recomputation."""

from __future__ import annotations

import hashlib

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ledger.proofs.merkle import (
    EMPTY_ROOT,
    Frontier,
    ProofError,
    consistency_proof,
    frontier_ids,
    inclusion_proof,
    leaf_hash,
    node_hash,
    root_hash,
    verify_consistency,
    verify_inclusion,
)

# The reference vectors below are typed in from transparency-dev/merkle, proof/verify_test.go
# (Apache-2.0; the same data as google/certificate-transparency's merkle tree tests): the 8
# standard leaves, the root of each prefix, and known inclusion and consistency proofs.
LEAVES = [
    bytes.fromhex(h)
    for h in (
        "",
        "00",
        "10",
        "2021",
        "3031",
        "40414243",
        "5051525354555657",
        "606162636465666768696a6b6c6d6e6f",
    )
]
ROOTS = [
    bytes.fromhex(h)
    for h in (
        "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
        "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
        "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
        "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
        "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
        "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
        "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
        "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",
    )
]
# (leaf index, tree size, proof); the source numbers leaves from 1, these from 0.
INCLUSION = [
    (0, 1, []),
    (
        0,
        8,
        [
            "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
            "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
            "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4",
        ],
    ),
    (
        5,
        8,
        [
            "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
            "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
            "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
        ],
    ),
    (2, 3, ["fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125"]),
    (
        1,
        5,
        [
            "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
            "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
            "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
        ],
    ),
]
# (old size, new size, proof)
CONSISTENCY = [
    (1, 1, []),
    (
        1,
        8,
        [
            "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
            "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
            "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4",
        ],
    ),
    (
        6,
        8,
        [
            "0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
            "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
            "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
        ],
    ),
    (
        2,
        5,
        [
            "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
            "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
        ],
    ),
    (
        6,
        7,
        [
            "0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
            "b08693ec2e721597130641e8211e7eedccb4c26413963eee6c1e2ed16ffb1a5f",
            "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
        ],
    ),
]
SOME_HASH = bytes.fromhex("abacaba000000000000000000000000000000000000000000060061e00123456")


def hexes(proof: list[str]) -> list[bytes]:
    return [bytes.fromhex(h) for h in proof]


# -- naive recomputation, straight from the RFC's recursive definitions -------------------------


def naive_root(leaves: list[bytes]) -> bytes:
    n = len(leaves)
    if n == 0:
        return hashlib.sha256(b"").digest()
    if n == 1:
        return hashlib.sha256(b"\x00" + leaves[0]).digest()
    k = 1
    while k * 2 < n:
        k *= 2
    return hashlib.sha256(b"\x01" + naive_root(leaves[:k]) + naive_root(leaves[k:])).digest()


def naive_path(m: int, leaves: list[bytes]) -> list[bytes]:
    n = len(leaves)
    if n == 1:
        return []
    k = 1
    while k * 2 < n:
        k *= 2
    if m < k:
        return [*naive_path(m, leaves[:k]), naive_root(leaves[k:])]
    return [*naive_path(m - k, leaves[k:]), naive_root(leaves[:k])]


def naive_subproof(m: int, leaves: list[bytes], whole: bool) -> list[bytes]:
    n = len(leaves)
    if m == n:
        return [] if whole else [naive_root(leaves)]
    k = 1
    while k * 2 < n:
        k *= 2
    if m <= k:
        return [*naive_subproof(m, leaves[:k], whole), naive_root(leaves[k:])]
    return [*naive_subproof(m - k, leaves[k:], False), naive_root(leaves[:k])]


# -- reference vectors --------------------------------------------------------------------------


def test_hashes_are_domain_separated() -> None:
    """A leaf hash is SHA-256(0x00 || leaf); a node hash is SHA-256(0x01 || left || right)."""
    assert leaf_hash(b"x") == hashlib.sha256(b"\x00x").digest()
    assert node_hash(b"a", b"b") == hashlib.sha256(b"\x01ab").digest()


def test_empty_tree_root_is_the_hash_of_nothing() -> None:
    """The empty tree's root is SHA-256 of the empty string (RFC 9162 §2.1.1)."""
    assert root_hash([]) == EMPTY_ROOT == hashlib.sha256(b"").digest()
    assert Frontier().root() == EMPTY_ROOT


@pytest.mark.parametrize("size", range(1, 9))
def test_reference_root_of_every_prefix(size: int) -> None:
    """The root of each prefix of the 8 reference leaves is the published one."""
    assert root_hash(LEAVES[:size]) == ROOTS[size - 1]


@pytest.mark.parametrize(("index", "size", "proof"), INCLUSION)
def test_reference_inclusion_proofs(index: int, size: int, proof: list[str]) -> None:
    """The inclusion proofs match the reference ones, and verify against the reference root."""
    assert inclusion_proof(LEAVES[:size], index) == hexes(proof)
    verify_inclusion(LEAVES[index], index, size, hexes(proof), ROOTS[size - 1])


@pytest.mark.parametrize(("old", "new", "proof"), CONSISTENCY)
def test_reference_consistency_proofs(old: int, new: int, proof: list[str]) -> None:
    """The consistency proofs match the reference ones, and verify between the reference roots."""
    assert consistency_proof(LEAVES[:new], old) == hexes(proof)
    verify_consistency(old, new, ROOTS[old - 1], ROOTS[new - 1], hexes(proof))


def corrupted_inclusion(index: int, size: int, proof: list[bytes], root: bytes, leaf: bytes):
    """The transparency-dev probes: wrong index, size, leaf, root; garbage; flipped bits."""
    yield "index - 1", (leaf, index - 1, size, proof, root)
    yield "index + 1", (leaf, index + 1, size, proof, root)
    yield "index ^ 2", (leaf, index ^ 2, size, proof, root)
    yield "size * 2", (leaf, index, size * 2, proof, root)
    yield "size // 2", (leaf, index, size // 2, proof, root)
    yield "wrong leaf", (b"WrongLeaf", index, size, proof, root)
    yield "empty root", (leaf, index, size, proof, EMPTY_ROOT)
    yield "random root", (leaf, index, size, proof, SOME_HASH)
    yield "trailing garbage", (leaf, index, size, [*proof, b""], root)
    yield "trailing root", (leaf, index, size, [*proof, root], root)
    yield "preceding root", (leaf, index, size, [root, *proof], root)
    for i in range(len(proof)):
        flipped = list(proof)
        flipped[i] = bytes([proof[i][0] ^ 8]) + proof[i][1:]
        yield f"proof[{i}] flipped", (leaf, index, size, flipped, root)
    if proof:
        yield "removed component", (leaf, index, size, proof[:-1], root)
    if len(proof) > 1:
        yield "inserted component", (leaf, index, size, [proof[0], SOME_HASH, *proof[1:]], root)


@pytest.mark.parametrize(("index", "size", "proof"), INCLUSION[1:])
def test_corrupted_reference_inclusion_proofs_fail(index: int, size: int, proof: list[str]) -> None:
    """Every corruption of a reference inclusion proof is refused with a ProofError."""
    for name, args in corrupted_inclusion(
        index, size, hexes(proof), ROOTS[size - 1], LEAVES[index]
    ):
        with pytest.raises(ProofError):
            verify_inclusion(*args)
            pytest.fail(f"verified despite: {name}")


def corrupted_consistency(old: int, new: int, r1: bytes, r2: bytes, proof: list[bytes]):
    """The transparency-dev probes for consistency proofs."""
    yield "old - 1", (old - 1, new, r1, r2, proof)
    yield "old + 1", (old + 1, new, r1, r2, proof)
    yield "old ^ 2", (old ^ 2, new, r1, r2, proof)
    yield "new * 2", (old, new * 2, r1, r2, proof)
    yield "new // 2", (old, new // 2, r1, r2, proof)
    yield "wrong old root", (old, new, b"WrongRoot", r2, proof)
    yield "wrong new root", (old, new, r1, SOME_HASH, proof)
    yield "swapped roots", (old, new, r2, r1, proof)
    yield "empty proof", (old, new, r1, r2, [])
    yield "trailing root1", (old, new, r1, r2, [*proof, r1])
    yield "trailing root2", (old, new, r1, r2, [*proof, r2])
    yield "preceding root1", (old, new, r1, r2, [r1, *proof])
    yield "preceding proof[0]", (old, new, r1, r2, [proof[0], *proof])
    yield "truncated", (old, new, r1, r2, proof[:-1])
    for i in range(len(proof)):
        flipped = list(proof)
        flipped[i] = bytes([proof[i][0] ^ 16]) + proof[i][1:]
        yield f"proof[{i}] flipped", (old, new, r1, r2, flipped)


@pytest.mark.parametrize(("old", "new", "proof"), CONSISTENCY[1:])
def test_corrupted_reference_consistency_proofs_fail(old: int, new: int, proof: list[str]) -> None:
    """Every corruption of a reference consistency proof is refused with a ProofError."""
    for name, args in corrupted_consistency(old, new, ROOTS[old - 1], ROOTS[new - 1], hexes(proof)):
        with pytest.raises(ProofError):
            verify_consistency(*args)
            pytest.fail(f"verified despite: {name}")


@pytest.mark.parametrize(
    ("old", "new", "root1", "root2", "proof", "ok"),
    [
        (0, 0, EMPTY_ROOT, EMPTY_ROOT, [], True),
        (0, 1, EMPTY_ROOT, SOME_HASH, [], True),
        (1, 1, SOME_HASH, SOME_HASH, [], True),
        (1, 1, SOME_HASH, EMPTY_ROOT, [], False),  # one size, two roots
        (1, 0, SOME_HASH, EMPTY_ROOT, [], False),  # the log shrank
        (2, 1, SOME_HASH, SOME_HASH, [], False),
        (1, 2, SOME_HASH, EMPTY_ROOT, [], False),  # a proof is needed
        (0, 1, EMPTY_ROOT, SOME_HASH, [EMPTY_ROOT], False),  # must be empty
        (1, 1, SOME_HASH, SOME_HASH, [EMPTY_ROOT], False),
    ],
)
def test_consistency_edge_cases(
    old: int, new: int, root1: bytes, root2: bytes, proof: list[bytes], ok: bool
) -> None:
    """Sizes 0 and equal sizes need an empty proof; a shrinking log never verifies."""
    if ok:
        verify_consistency(old, new, root1, root2, proof)
    else:
        with pytest.raises(ProofError):
            verify_consistency(old, new, root1, root2, proof)


@pytest.mark.parametrize(("index", "size"), [(0, 0), (1, 1), (-1, 3), (3, 3)])
def test_inclusion_outside_the_tree_fails(index: int, size: int) -> None:
    """A leaf index outside the tree never verifies."""
    with pytest.raises(ProofError, match="not in a tree"):
        verify_inclusion(b"x", index, size, [], SOME_HASH)


def test_a_short_root_is_named() -> None:
    """A root that is not a 32-byte hash is refused, saying so."""
    with pytest.raises(ProofError, match="root is 3 bytes"):
        verify_inclusion(b"x", 0, 1, [], b"abc")


# -- properties: every proof for random sizes, against the RFC's definitions --------------------

leaf_lists = st.lists(st.binary(min_size=32, max_size=32), min_size=1, max_size=70)


@given(leaf_lists, st.data())
def test_inclusion_proofs_match_naive_and_verify(leaves: list[bytes], data: st.DataObject) -> None:
    """Every leaf's proof is the RFC's PATH, verifies, and fails for a tampered proof, leaf
    or root."""
    root = root_hash(leaves)
    assert root == naive_root(leaves)
    for index in range(len(leaves)):
        proof = inclusion_proof(leaves, index)
        assert proof == naive_path(index, leaves)
        verify_inclusion(leaves[index], index, len(leaves), proof, root)
    index = data.draw(st.integers(0, len(leaves) - 1))
    proof = inclusion_proof(leaves, index)
    bad_leaf = bytes([leaves[index][0] ^ 1]) + leaves[index][1:]
    with pytest.raises(ProofError):
        verify_inclusion(bad_leaf, index, len(leaves), proof, root)
    with pytest.raises(ProofError):
        verify_inclusion(leaves[index], index, len(leaves), proof, SOME_HASH)
    if proof:
        at = data.draw(st.integers(0, len(proof) - 1))
        proof[at] = bytes([proof[at][0] ^ 0x80]) + proof[at][1:]
        with pytest.raises(ProofError):
            verify_inclusion(leaves[index], index, len(leaves), proof, root)


@given(leaf_lists, st.data())
def test_consistency_proofs_match_naive_and_verify(
    leaves: list[bytes], data: st.DataObject
) -> None:
    """Every older size's proof is the RFC's SUBPROOF, verifies, and fails when tampered."""
    new = len(leaves)
    new_root = root_hash(leaves)
    for old in range(1, new + 1):
        proof = consistency_proof(leaves, old)
        assert proof == naive_subproof(old, leaves, True)
        verify_consistency(old, new, root_hash(leaves[:old]), new_root, proof)
    old = data.draw(st.integers(1, new))
    proof = consistency_proof(leaves, old)
    with pytest.raises(ProofError):
        verify_consistency(old, new, SOME_HASH, new_root, proof)
    if proof:
        at = data.draw(st.integers(0, len(proof) - 1))
        proof[at] = bytes([proof[at][0] ^ 0x80]) + proof[at][1:]
        with pytest.raises(ProofError):
            verify_consistency(old, new, root_hash(leaves[:old]), new_root, proof)


@given(leaf_lists, st.integers(0, 70))
def test_frontier_resumes_and_gives_the_root_at_every_size(leaves: list[bytes], cut: int) -> None:
    """A frontier rebuilt from its stored nodes goes on exactly as the original would."""
    cut = min(cut, len(leaves))
    first = Frontier()
    for leaf in leaves[:cut]:
        first.append(leaf)
    assert len(first.nodes) == len(frontier_ids(cut))
    resumed = Frontier(cut, first.nodes)
    for size, leaf in enumerate(leaves[cut:], start=cut + 1):
        resumed.append(leaf)
        assert resumed.root() == naive_root(leaves[:size])


@given(leaf_lists, st.integers(0, 70), st.integers(0, 5))
def test_extend_completes_what_append_completes(leaves: list[bytes], cut: int, level: int) -> None:
    """`extend` (the append hot path) gives the nodes `append` gives, from any level up."""
    cut = min(cut, len(leaves))
    one, many = Frontier(), Frontier()
    for leaf in leaves[:cut]:
        one.append(leaf)
        many.append(leaf)
    expected = [done for leaf in leaves[cut:] for done in one.append(leaf) if done[0][0] >= level]
    assert many.extend(leaves[cut:], min_level=level) == expected
    assert (many.size, many.root()) == (one.size, one.root())
