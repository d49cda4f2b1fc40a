"""Inclusion bundles: one claim, the events behind it and their proofs, checkable offline. Pure.

Owns: `FORMAT`, `BundleError` (a bundle that does not verify: one line saying what),
`bundle_event` and `make_bundle` (the JSON document `claims prove` writes), and
`verify_bundle`, which needs nothing but the document and the public keys: the checkpoint's
signatures; each event's hash from its canonical bytes (`ledger.store.hashing.envelope_bytes`)
and its inclusion proof to the checkpoint's root; the events' payloads against their schemas;
the claim folded from the events with the ledger's own projection code
(`ledger.projections.claims.apply`); and the article's content hash and the quote at its span.
Imports: `events`, `ledger.proofs`, `ledger.projections`, `ledger.store.hashing`, orjson.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from typing import Any

import orjson

from events import InvalidEvent, UnknownEventType, decode
from ledger.projections import CLAIM_FIELDS, MemoryRows, fold
from ledger.proofs import merkle
from ledger.proofs.keys import VerifierKey
from ledger.proofs.note import NoteError, parse_checkpoint, parse_note, verify_note
from ledger.store.hashing import canonical_json
from ledger.store.protocol import EventRecord

FORMAT = "claim-ledger-bundle/v1"
CLAIM_KEYS = (*CLAIM_FIELDS, "status")
"""What a bundle says of its claim: every field of the claim, and its status."""

_HEX = re.compile(r"^[0-9a-f]{64}$")
_ENVELOPE = (
    "actor",
    "data",
    "id",
    "idempotency_key",
    "position",
    "prev_hash",
    "recorded_at",
    "schema_version",
    "stream",
    "type",
    "version",
)


class BundleError(ValueError):
    """A bundle that does not verify; the message says which part failed."""


def bundle_event(canonical: bytes, proof: Sequence[bytes]) -> dict[str, Any]:
    """One event of a bundle: its canonical bytes (as text) and its inclusion proof."""
    document = orjson.loads(canonical)
    return {
        "position": document["position"],
        "canonical": canonical.decode(),
        "proof": [p.hex() for p in proof],
    }


def make_bundle(
    claim: dict[str, Any],
    article: dict[str, Any] | None,
    events: list[dict[str, Any]],
    checkpoint: str,
) -> dict[str, Any]:
    """The bundle document: the claim, its article's hash and quote, the events, the note."""
    return {
        "format": FORMAT,
        "claim": {key: claim.get(key) for key in CLAIM_KEYS},
        "article": article,
        "events": events,
        "checkpoint": checkpoint,
    }


def _fields(document: dict[str, Any], names: Sequence[str], what: str) -> None:
    if not isinstance(document, dict) or sorted(document) != sorted(names):
        raise BundleError(f"{what} must have exactly the fields {', '.join(sorted(names))}")


def verify_bundle(document: Any, keys: Sequence[VerifierKey]) -> list[str]:
    """Check a bundle whole; return what was checked, one line each (BundleError if not).

    With no `keys` the signatures are not checked (the ledger checking a bundle it made).
    """
    _fields(document, ("format", "claim", "article", "events", "checkpoint"), "the bundle")
    if document["format"] != FORMAT:
        raise BundleError(f"not a {FORMAT} bundle: format {document['format']!r}")
    size, root, said = _checkpoint(document["checkpoint"], keys)
    records = _events(document["events"], size, root)
    said.append(f"{len(records)} events included in the tree of size {size}")
    claim = _claim(document["claim"], records)
    said.append(f"claim {claim['claim_id']} follows from the events")
    said.append(_article(document["article"], claim, records))
    return said


def _checkpoint(text: Any, keys: Sequence[VerifierKey]) -> tuple[int, bytes, list[str]]:
    if not isinstance(text, str):
        raise BundleError("the checkpoint must be the signed note's text")
    try:
        note = parse_note(text)
        checkpoint = parse_checkpoint(note.text)
        said = verify_note(note, keys) if keys else ["signatures not checked"]
    except NoteError as exc:
        raise BundleError(f"checkpoint: {exc}") from None
    return checkpoint.size, checkpoint.root, [f"checkpoint of size {checkpoint.size}: {said[0]}"]


def _events(events: Any, size: int, root: bytes) -> list[EventRecord]:
    if not isinstance(events, list) or not events:
        raise BundleError("the bundle holds no events")
    records: list[EventRecord] = []
    for n, item in enumerate(events):
        record = _event(item, n, size, root)
        if records and record.position <= records[-1].position:
            raise BundleError(f"event {n}: the events are not in position order")
        records.append(record)
    return records


def _event(item: Any, n: int, size: int, root: bytes) -> EventRecord:
    """Check one event: canonical bytes, hash, inclusion proof, schema; return it, decoded."""
    _fields(item, ("position", "canonical", "proof"), f"event {n}")
    position, canonical, proof = item["position"], item["canonical"], item["proof"]
    if not isinstance(canonical, str) or not isinstance(proof, list):
        raise BundleError(f"event {n}: canonical must be text and proof a list")
    if not all(isinstance(p, str) and _HEX.match(p) for p in proof):
        raise BundleError(f"event {n}: a proof hash is not 64 lowercase hex digits")
    try:
        envelope = orjson.loads(canonical)
    except orjson.JSONDecodeError:
        raise BundleError(f"event {n}: its canonical bytes are not JSON") from None
    _fields(envelope, _ENVELOPE, f"event {n}'s envelope")
    data = envelope["data"]
    if orjson.dumps(envelope, option=orjson.OPT_SORT_KEYS).decode() != canonical or (
        canonical_json(data) != orjson.dumps(data, option=orjson.OPT_SORT_KEYS).decode()
    ):
        raise BundleError(f"event {n}: its bytes are not in the canonical form the log hashes")
    if type(position) is not int or envelope["position"] != position:
        raise BundleError(f"event {n}: its position is not the one its bytes hold")
    leaf = hashlib.sha256(canonical.encode()).digest()
    try:
        merkle.verify_inclusion(leaf, position - 1, size, [bytes.fromhex(p) for p in proof], root)
    except merkle.ProofError as exc:
        raise BundleError(
            f"event at position {position}: not in the checkpoint's tree: {exc}"
        ) from None
    try:
        decode(envelope["type"], envelope["schema_version"], data)
    except (InvalidEvent, UnknownEventType) as exc:
        raise BundleError(f"event at position {position}: {exc}") from None
    fields = {k: envelope[k] for k in _ENVELOPE}
    return EventRecord(**fields, hash=leaf.hex())


def _claim(claim: Any, records: list[EventRecord]) -> dict[str, Any]:
    """Fold the events with the ledger's projection; the claim must be what they give."""
    _fields(claim, CLAIM_KEYS, "the claim")
    rows = MemoryRows()
    for record in records:
        fold(rows, record)
    folded = rows.claim(str(claim["claim_id"]))
    if folded is None:
        raise BundleError(f"the events do not produce claim {claim['claim_id']!r}")
    for key in CLAIM_KEYS:
        given, actual = _plain(claim[key]), _plain(folded.get(key))
        if given != actual:
            raise BundleError(f"the claim's {key} is {given!r} but the events give {actual!r}")
    return dict(folded)


def _plain(value: Any) -> Any:
    return orjson.loads(orjson.dumps(value))


def _article(article: Any, claim: dict[str, Any], records: list[EventRecord]) -> str:
    """The article's content hash and quote: what the latest article event holds."""
    if claim.get("article_id") is None:
        if article is not None:
            raise BundleError("the claim was not read from an article, yet the bundle names one")
        return "no article: a hand-entered claim"
    _fields(article, ("article_id", "content_sha256", "quote", "span"), "the article")
    texts = [
        r.data
        for r in records
        if r.type in ("article-recorded", "article-revised")
        and r.data.get("article_id") == claim["article_id"]
    ]
    if article["article_id"] != claim["article_id"] or not texts:
        raise BundleError(f"the article is not {claim['article_id']}, which the claim is from")
    latest = texts[-1]
    text = latest["text"]
    digest = hashlib.sha256(text.encode()).hexdigest()
    if latest["content_sha256"] != digest:
        raise BundleError("the article event's text does not have its content hash")
    if article["content_sha256"] != digest:
        raise BundleError("the article's content hash is not the hash of its text")
    span = article["span"]
    if _plain(span) != _plain(claim["span"]) or article["quote"] != claim["quote"]:
        raise BundleError("the quote or its span is not the claim's")
    if not isinstance(span, list) or text[span[0] : span[1]] != article["quote"]:
        raise BundleError("the quote is not the article's text at its span")
    return f"quote found in article {article['article_id']} (sha256 {digest[:16]}...)"
