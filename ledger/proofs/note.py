"""Signed notes and checkpoints, as C2SP specifies them. Pure.

Owns: `NoteError` (a note that does not parse or verify: one line saying why), `Signature`
(one `— <name> base64(key id ‖ signature)` line), `SignedNote` (`parse_note`, `render`),
`sign` (a note signature, type 0x01, over the note text), `cosign` (a cosignature/v1, type
0x04: Ed25519 over "cosignature/v1\\ntime <t>\\n" ‖ text, carried as key id ‖ u64 t ‖ signature),
`verify_note` (every given key must have a signature line that verifies), and `Checkpoint`
(c2sp.org/tlog-checkpoint: origin, tree size, base64 root hash, extension lines).
Imports: `ledger.proofs.keys` and the standard library.
"""

from __future__ import annotations

import base64
import binascii
import re
from collections.abc import Sequence
from dataclasses import dataclass

from ledger.proofs.keys import (
    COSIGNATURE_V1,
    ED25519,
    BadKey,
    SignerKey,
    VerifierKey,
    check_key_name,
)

EM_DASH = "\u2014"
MAX_SIGNATURES = 64
"""The most signature lines a note may carry (the spec asks verifiers to take at least 16)."""

_CONTROL = re.compile(r"[\x00-\x09\x0b-\x1f\x7f]")
_SIZE = re.compile(r"^(0|[1-9][0-9]{0,18})$")


class NoteError(ValueError):
    """A signed note or checkpoint that does not parse or does not verify."""


@dataclass(frozen=True)
class Signature:
    """One signature line: the signer's name, its key id and the signature bytes after it."""

    name: str
    key_id: bytes
    signature: bytes

    def line(self) -> str:
        """The line as the note carries it, newline included."""
        encoded = base64.b64encode(self.key_id + self.signature).decode()
        return f"{EM_DASH} {self.name} {encoded}\n"


@dataclass(frozen=True)
class SignedNote:
    """A note: its text (ending in a newline) and its signature lines, in order."""

    text: str
    signatures: tuple[Signature, ...]

    def render(self) -> str:
        """The note as a file holds it: text, a blank line, one line per signature."""
        return self.text + "\n" + "".join(s.line() for s in self.signatures)

    def with_signature(self, signature: Signature) -> SignedNote:
        """This note with one more signature line (the same key twice is refused)."""
        if any(s.name == signature.name and s.key_id == signature.key_id for s in self.signatures):
            raise NoteError(f"the note is already signed by {signature.name}")
        return SignedNote(self.text, (*self.signatures, signature))


def parse_note(data: bytes | str) -> SignedNote:
    """Read a signed note: UTF-8, no control characters but newline, text, blank line, and
    one or more signature lines (the text ends at the last blank line)."""
    if isinstance(data, bytes):
        try:
            data = data.decode("utf-8")
        except UnicodeDecodeError:
            raise NoteError("the note is not UTF-8") from None
    if _CONTROL.search(data):
        raise NoteError("the note holds a control character")
    if not data.endswith("\n"):
        raise NoteError("the note does not end with a newline")
    split = data.rfind("\n\n")
    if split < 0:
        raise NoteError("the note has no blank line before its signatures")
    text, lines = data[: split + 1], data[split + 2 :].splitlines()
    if not lines:
        raise NoteError("the note has no signature")
    if len(lines) > MAX_SIGNATURES:
        raise NoteError(f"the note has more than {MAX_SIGNATURES} signatures")
    return SignedNote(text, tuple(_signature(line) for line in lines))


def _signature(line: str) -> Signature:
    prefix = EM_DASH + " "
    parts = line.removeprefix(prefix).split(" ")
    if not line.startswith(prefix) or len(parts) != 2:
        raise NoteError(f"not a signature line: {line[:80]!r}")
    name, encoded = parts
    try:
        check_key_name(name)
        raw = _canonical_b64(encoded)
    except BadKey as exc:
        raise NoteError(f"signature line: {exc}") from None
    except (binascii.Error, ValueError):
        raise NoteError(f"the signature of {name} is not base64") from None
    if len(raw) < 5:
        raise NoteError(f"the signature of {name} is too short")
    return Signature(name, raw[:4], raw[4:])


def _canonical_b64(text: str) -> bytes:
    """Decode base64 written the one way it encodes (no stray padding bits): a changed
    character never decodes to the same bytes."""
    raw = base64.b64decode(text, validate=True)
    if base64.b64encode(raw).decode() != text:
        raise ValueError("not canonical base64")
    return raw


def sign(text: str, key: SignerKey) -> Signature:
    """A note signature (type 0x01) of `text` by `key`."""
    verifier = key.verifier()
    return Signature(key.name, verifier.key_id(ED25519), key.sign(text.encode()))


def _cosigned_message(text: str, timestamp: int) -> bytes:
    return f"cosignature/v1\ntime {timestamp}\n".encode() + text.encode()


def cosign(text: str, key: SignerKey, timestamp: int) -> Signature:
    """A cosignature/v1 (type 0x04) of a checkpoint's text, as of `timestamp` (POSIX seconds)."""
    if not 0 <= timestamp < 2**63:
        raise NoteError("a cosignature's time must be between 0 and 2^63 - 1")
    verifier = key.verifier()
    signed = key.sign(_cosigned_message(text, timestamp))
    return Signature(
        key.name, verifier.key_id(COSIGNATURE_V1), timestamp.to_bytes(8, "big") + signed
    )


def _check(note: SignedNote, signature: Signature, key: VerifierKey) -> str:
    """Verify one signature line by `key`; return what it is ("signature", "cosignature")."""
    if signature.key_id == key.key_id(ED25519):
        if key.verify(signature.signature, note.text.encode()):
            return "signature"
    elif len(signature.signature) == 8 + 64:
        timestamp = int.from_bytes(signature.signature[:8], "big")
        message = _cosigned_message(note.text, timestamp)
        if timestamp < 2**63 and key.verify(signature.signature[8:], message):
            return "cosignature"
    raise NoteError(f"the signature of {key.name} does not verify: the note was changed")


def verify_note(note: SignedNote, keys: Sequence[VerifierKey]) -> list[str]:
    """Check that every key signed (or cosigned) the note; return one line per key.

    A line whose name and key id match a known key must verify; lines of unknown keys are
    ignored, as the spec says. A key with no matching line fails the note.
    """
    if not keys:
        raise NoteError("no key to verify the note with")
    said = []
    for key in keys:
        ids = (key.key_id(ED25519), key.key_id(COSIGNATURE_V1))
        mine = [s for s in note.signatures if s.name == key.name and s.key_id in ids]
        if not mine:
            raise NoteError(f"the note carries no signature by {key.name}+{ids[0].hex()}")
        kinds = [_check(note, s, key) for s in mine]
        said.append(f"{' and '.join(kinds)} by {key.name}+{ids[0].hex()}")
    return said


@dataclass(frozen=True)
class Checkpoint:
    """A log's signed statement of its size and root hash (c2sp.org/tlog-checkpoint)."""

    origin: str
    size: int
    root: bytes
    extensions: tuple[str, ...] = ()

    def text(self) -> str:
        """The note text: origin, size, base64 root, any extension lines, each ending \\n."""
        lines = [self.origin, str(self.size), base64.b64encode(self.root).decode()]
        return "".join(f"{line}\n" for line in [*lines, *self.extensions])


def check_origin(origin: str) -> str:
    """Return `origin` if it can be a checkpoint's first line (non-empty, printable)."""
    if not origin or not origin.isprintable() or origin != origin.strip():
        raise NoteError(f"an origin must be one printable line without outer spaces: {origin!r}")
    return origin


def parse_checkpoint(text: str) -> Checkpoint:
    """Read a checkpoint's note text: origin, decimal size (no leading zeros), 32-byte root."""
    lines = text.split("\n")
    if len(lines) < 4 or lines[-1] != "":
        raise NoteError("a checkpoint needs an origin, a size and a root hash, one per line")
    origin, size, root, *extensions = lines[:-1]
    check_origin(origin)
    if not _SIZE.match(size) or int(size) >= 2**63:
        raise NoteError(f"the checkpoint's size is not a number: {size[:40]!r}")
    try:
        raw = _canonical_b64(root)
    except ValueError:
        raw = b""
    if len(raw) != 32:
        raise NoteError("the checkpoint's root hash is not 32 bytes of base64")
    if any(not line for line in extensions):
        raise NoteError("a checkpoint's extension line is empty")
    return Checkpoint(origin, int(size), raw, tuple(extensions))
