"""Checkpoints: issuing, cosigning and checking signed statements of the log's size and root.

Owns: `default_origin` (what a ledger calls itself in checkpoints and key names);
`issue_checkpoint` (sign the tree at the head, record a `checkpoint-signed` event);
`cosign_checkpoint` (a second key's cosignature, once the checkpoint is this log's,
recorded as a `checkpoint-cosigned` event in the ledger it was checked against);
`verify_checkpoint` (the signatures, then that the log extends the checkpointed one: the
root at its size, and an RFC 9162 consistency proof to the head, verified step by step);
`check_consistency` (two checkpoints against each other, with a proof the ledger produces);
and their typed results. Each check names the first position that no longer matches when
that can be known.
Imports: `events`, `ledger.app.proofs`, `ledger.app.session`, `ledger.proofs`, `ledger.store`
(types), `ledger.errors`.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass, field

from events import CheckpointCosigned, CheckpointSigned
from events.new_event import NewEvent
from ledger.app.proofs import LogTree
from ledger.app.session import Session
from ledger.errors import InvalidInput
from ledger.proofs import merkle
from ledger.proofs.keys import SignerKey, VerifierKey
from ledger.proofs.note import (
    Checkpoint,
    NoteError,
    SignedNote,
    check_origin,
    parse_checkpoint,
    parse_note,
    sign,
    verify_note,
)
from ledger.store import Recorded

STREAM = "checkpoints"
"""The stream every `checkpoint-signed` and `checkpoint-cosigned` event goes on."""


def default_origin(location: str) -> str:
    """The origin a ledger signs under unless told: `claim-ledger/` and the file's name
    without `.db` (for a shared log, its host and database)."""
    base = location.split("://", 1)[-1].split("@")[-1].split("?")[0]
    name = os.path.basename(base.rstrip("/")) if "://" not in location else base
    name = name.removesuffix(".db") or "ledger"
    return "claim-ledger/" + "".join(c if c.isalnum() or c in "-_./" else "-" for c in name)


@dataclass(frozen=True)
class Issued:
    """A checkpoint the ledger signed, and where it recorded that it did."""

    note: str
    origin: str
    size: int
    root: str
    recorded: Recorded


def issue_checkpoint(session: Session, key: SignerKey, *, origin: str | None, actor: str) -> Issued:
    """Sign the tree of the log as it stands, and record the checkpoint as an event."""
    try:
        origin = check_origin(origin or key.name)
    except NoteError as exc:
        raise InvalidInput(f"--origin: {exc}") from None
    size, root = LogTree(session.store).signed_root()
    checkpoint = Checkpoint(origin, size, root)
    text = checkpoint.text()
    note = SignedNote(text, (sign(text, key),)).render()
    verifier = key.verifier()
    event = CheckpointSigned(
        origin=origin,
        size=size,
        root=checkpoint.root.hex(),
        key_name=key.name,
        key_id=verifier.key_id().hex(),
        note=note,
    )
    version = session.store.stream_version(STREAM)
    item = NewEvent(stream=STREAM, event=event, expected_version=version, actor=actor)
    recorded = session.append([item])[0]
    return Issued(note, origin, size, checkpoint.root.hex(), recorded)


@dataclass
class CheckpointReport:
    """The outcome of checking a checkpoint against the log (`position`: the first one
    that no longer matches, when it can be known)."""

    ok: bool
    origin: str | None = None
    size: int | None = None
    root: str | None = None
    head: int | None = None
    signatures: list[str] = field(default_factory=list)
    position: int | None = None
    reason: str | None = None


def read_checkpoint(data: bytes, keys: Sequence[VerifierKey]) -> tuple[SignedNote, Checkpoint]:
    """Parse a checkpoint note and check its signatures (NoteError says what failed)."""
    note = parse_note(data)
    checkpoint = parse_checkpoint(note.text)
    if keys:
        verify_note(note, keys)
    return note, checkpoint


def verify_checkpoint(
    session: Session, data: bytes, keys: Sequence[VerifierKey]
) -> CheckpointReport:
    """Check the signatures, then that the current log extends the checkpointed one."""
    try:
        note = parse_note(data)
        checkpoint = parse_checkpoint(note.text)
        signed = verify_note(note, keys)
    except NoteError as exc:
        return CheckpointReport(False, reason=f"the checkpoint does not verify: {exc}")
    tree = LogTree(session.store)
    report = CheckpointReport(
        False,
        origin=checkpoint.origin,
        size=checkpoint.size,
        root=checkpoint.root.hex(),
        head=tree.head(),
        signatures=signed,
    )
    problem = _extends(tree, checkpoint)
    if problem is None:
        report.ok = True
    else:
        report.position, report.reason = problem
    return report


def _extends(tree: LogTree, checkpoint: Checkpoint) -> tuple[int | None, str] | None:
    """None if the log extends the checkpoint's tree, else (first position, why): the first
    position that no longer matches when it can be known (the lowest it can be otherwise)."""
    size, head = checkpoint.size, tree.head()
    if size > head:
        parted = tree.first_divergence(head)
        first = parted[0] if parted else head + 1
        where = _where(parted) if parted else f"position {first} onwards is gone"
        return first, f"the log has {head} events but the checkpoint covers {size}: {where}"
    roots = tree.roots(size, head)
    if roots[size] != checkpoint.root:
        parted = tree.first_divergence(size)
        if parted is None:
            return None, (
                f"the log's tree at size {size} is not the one the checkpoint signed: "
                f"a position at or before {size} changed, and the ledger keeps no other "
                "record that says which (the log was replaced, or rewritten with its tree)"
            )
        return parted[0], (
            f"the log's tree at size {size} is not the one the checkpoint signed: {_where(parted)}"
        )
    try:
        proof = tree.consistency(size, head)
        merkle.verify_consistency(size, head, checkpoint.root, roots[head], proof)
    except merkle.ProofError as exc:
        return None, f"the consistency proof from size {size} to the head {head} fails: {exc}"
    return None


def _where(parted: tuple[int, int]) -> str:
    first, last = parted
    if first == last:
        return f"the first position that no longer matches is {first}"
    return (
        f"the first position that no longer matches is one of {first}..{last} "
        "(the ledger keeps its tree in subtrees, not single events)"
    )


@dataclass
class ConsistencyReport:
    """The outcome of checking two checkpoints against each other."""

    ok: bool
    old: dict[str, object]
    new: dict[str, object]
    proof: list[str]
    reason: str | None = None


def check_consistency(
    session: Session, old_data: bytes, new_data: bytes, keys: Sequence[VerifierKey]
) -> ConsistencyReport:
    """Check that the newer checkpoint's tree extends the older one's, with the ledger's
    consistency proof between their sizes (the proof is checked, not trusted)."""
    shapes: list[dict[str, object]] = [{}, {}]
    try:
        _, old = read_checkpoint(old_data, keys)
        shapes[0] = _shape(old)
        _, new = read_checkpoint(new_data, keys)
        shapes[1] = _shape(new)
    except NoteError as exc:
        which = "OLD" if not shapes[0] else "NEW"
        return ConsistencyReport(False, shapes[0], shapes[1], [], f"{which}: {exc}")
    report = ConsistencyReport(False, shapes[0], shapes[1], [])
    if old.origin != new.origin:
        report.reason = f"the checkpoints are of two logs: {old.origin!r} and {new.origin!r}"
        return report
    if old.size > new.size:
        report.reason = f"OLD (size {old.size}) is larger than NEW (size {new.size})"
        return report
    head = session.store.head()
    if new.size > head:
        report.reason = f"the ledger has {head} events; it cannot prove size {new.size}"
        return report
    proof = LogTree(session.store).consistency(old.size, new.size)
    report.proof = [p.hex() for p in proof]
    try:
        merkle.verify_consistency(old.size, new.size, old.root, new.root, proof)
    except merkle.ProofError as exc:
        report.reason = f"NEW does not extend OLD: {exc}"
        return report
    report.ok = True
    return report


def _shape(checkpoint: Checkpoint) -> dict[str, object]:
    return {"origin": checkpoint.origin, "size": checkpoint.size, "root": checkpoint.root.hex()}


@dataclass(frozen=True)
class Cosigned:
    """A checkpoint a witness cosigned, and where the ledger recorded it (None: no ledger)."""

    note: str
    checkpoint: Checkpoint
    recorded: Recorded | None


def cosign_checkpoint(
    session: Session | None, data: bytes, key: SignerKey, *, timestamp: int, actor: str = "cli"
) -> Cosigned:
    """Add `key`'s cosignature to a checkpoint once it is one this key will sign: it parses,
    and with a ledger, the ledger's tree at its size has its root; that ledger then records
    the cosignature as a `checkpoint-cosigned` event (which witness cosigned which tree)."""
    from ledger.errors import IntegrityError
    from ledger.proofs.keys import COSIGNATURE_V1
    from ledger.proofs.note import cosign as cosignature

    try:
        note = parse_note(data)
        checkpoint = parse_checkpoint(note.text)
    except NoteError as exc:
        raise IntegrityError(f"not a checkpoint this key can sign: {exc}") from None
    if session is not None:
        problem = _extends(LogTree(session.store), checkpoint)
        if problem is not None:
            raise IntegrityError(f"refusing to cosign: {problem[1]}")
    try:
        signed = note.with_signature(cosignature(note.text, key, timestamp)).render()
    except NoteError as exc:
        raise InvalidInput(str(exc)) from None
    if session is None:
        return Cosigned(signed, checkpoint, None)
    event = CheckpointCosigned(
        origin=checkpoint.origin,
        size=checkpoint.size,
        root=checkpoint.root.hex(),
        key_name=key.name,
        key_id=key.verifier().key_id(COSIGNATURE_V1).hex(),
        timestamp=timestamp,
        note=signed,
    )
    version = session.store.stream_version(STREAM)
    item = NewEvent(stream=STREAM, event=event, expected_version=version, actor=actor)
    return Cosigned(signed, checkpoint, session.append([item])[0])
