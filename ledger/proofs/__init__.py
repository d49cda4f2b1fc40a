"""Proofs anyone can check: the Merkle tree over the log, signed checkpoints and bundles.

Owns: nothing yet (the package the proof modules live in).
"""
