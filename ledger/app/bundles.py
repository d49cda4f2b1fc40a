"""Inclusion bundles: `claims prove CLAIM_ID --checkpoint FILE` gathers one claim's proof.

Owns: `prove_claim` — the claim as the log stood at the checkpoint's size, every event of its
stream that produced or changed it (article records and revisions, its assertion, corrections,
retractions, reviews) with its canonical bytes and inclusion proof, its article's content hash
and quote, and the checkpoint; checked with `ledger.proofs.bundle.verify_bundle` before it is
handed back, so the ledger never writes a bundle that does not verify; and `check_bundle`,
`verify-bundle`'s check of a bundle file, which needs no ledger at all.
Imports: `ledger.app.*`, `ledger.proofs`, `ledger.projections`, `ledger.store`, `ledger.errors`.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import orjson

from ledger.app.checkpoints import read_checkpoint
from ledger.app.proofs import LogTree
from ledger.app.session import Session
from ledger.errors import IntegrityError, InvalidInput, NotFound
from ledger.projections import MemoryReadModel, MemoryRows, fold
from ledger.proofs.bundle import BundleError, bundle_event, make_bundle, verify_bundle
from ledger.proofs.keys import VerifierKey
from ledger.proofs.note import NoteError
from ledger.store.hashing import envelope_bytes, row_hash

_ARTICLE_EVENTS = ("article-recorded", "article-revised")


def prove_claim(session: Session, claim_id: str, checkpoint: bytes) -> dict[str, Any]:
    """The bundle proving `claim_id` is in the log as the checkpoint signed it."""
    try:
        note, signed = read_checkpoint(checkpoint, ())
    except NoteError as exc:
        raise InvalidInput(f"--checkpoint: {exc}") from None
    tree = LogTree(session.store)
    size = signed.size
    if size > tree.head() or tree.root(size) != signed.root:
        raise IntegrityError(
            f"the checkpoint (size {size}) is not of this log: its root is not this log's "
            "(`claims verify --checkpoint` says where they part)"
        )
    rows = MemoryRows()
    for record in session.store.read_records(stop=size) if size else ():
        fold(rows, record)
    row = MemoryReadModel(rows).claim(claim_id)
    if row is None:
        raise NotFound(f"no claim {claim_id} in the log's first {size} events (the checkpoint)")
    events = []
    for data_row in _claim_rows(session, claim_id, row["stream"], size):
        if row_hash(data_row) != data_row["hash"]:
            where = data_row["position"]
            raise IntegrityError(f"the event at position {where} does not match its hash")
        fields = {k: v for k, v in data_row.items() if k != "hash"}
        canonical = envelope_bytes(**fields)
        events.append(bundle_event(canonical, tree.inclusion(data_row["position"], size)))
    article = None
    if row["article_id"] is not None:
        shown = MemoryReadModel(rows).article(row["article_id"])
        article = {
            "article_id": row["article_id"],
            "content_sha256": shown["content_sha256"] if shown else None,
            "quote": row["quote"],
            "span": row["span"],
        }
    bundle = make_bundle(dict(row), article, events, note.render())
    try:
        verify_bundle(bundle, ())
    except BundleError as exc:  # a log whose claim the events do not give: say so, write nothing
        raise IntegrityError(f"cannot prove {claim_id}: {exc}") from None
    return bundle


def _claim_rows(session: Session, claim_id: str, stream: str, size: int) -> list[dict[str, Any]]:
    """The stored rows of the stream's events up to `size` that can touch the claim."""
    positions = [
        envelope.position
        for envelope in session.store.read(stop=size, stream=stream)
        if envelope.type in _ARTICLE_EVENTS or _names(envelope.data, claim_id)
    ]
    found: list[dict[str, Any]] = []
    for position in positions:
        found.extend(session.store.read_rows(start=position, stop=position))
    return found


def _names(data: dict[str, Any], claim_id: str) -> bool:
    claim = data.get("claim")
    return data.get("claim_id") == claim_id or (
        isinstance(claim, dict) and claim.get("claim_id") == claim_id
    )


def check_bundle(data: bytes, keys: Sequence[VerifierKey]) -> list[str]:
    """Check a bundle file offline; return what was checked (IntegrityError saying what not)."""
    try:
        document = orjson.loads(data)
    except orjson.JSONDecodeError:
        raise IntegrityError("the bundle is not JSON") from None
    try:
        return verify_bundle(document, keys)
    except BundleError as exc:
        raise IntegrityError(f"the bundle does not verify: {exc}") from None
