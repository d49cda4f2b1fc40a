"""Proofs anyone can check: the Merkle tree over the log, signed checkpoints and bundles.

    merkle.py           the RFC 6962 / RFC 9162 tree: roots, inclusion and consistency proofs,
                        their verification, and the incremental `Frontier` (pure)
    keys.py             Ed25519 keys in the C2SP signed-note encodings (vkeys, key ids)
    note.py             signed notes, cosignature/v1 and tlog-checkpoints (pure)
    bundle.py           inclusion bundles: their shape and their offline check (pure)

Owns: nothing itself (the package the proof modules live in).
"""
