"""Proofs anyone can check: the Merkle tree over the log, signed checkpoints and bundles.

    merkle.py           the RFC 6962 / RFC 9162 tree: roots, inclusion and consistency proofs,
                        their verification, and the incremental `Frontier` (pure)

Owns: nothing itself (the package the proof modules live in).
"""
