"""Signing keys in the C2SP signed-note encodings: Ed25519, named, with a key id.

Owns: `BadKey` (a key text that does not parse: one line), `check_key_name`, `key_id`
(SHA-256(name ‖ "\\n" ‖ type ‖ public key)[:4], c2sp.org/signed-note), `VerifierKey` (the public
half, written `<name>+<hex key id>+<base64(0x01 ‖ public key)>`), `SignerKey` (the private half,
written `PRIVATE+KEY+<name>+<hex key id>+<base64(0x01 ‖ seed)>` as golang.org/x/mod/sumdb/note
writes it) and `generate_key`.
Pure but for `generate_key` (the operating system's randomness, through `cryptography`).
Imports: `cryptography` and the standard library.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
from dataclasses import dataclass

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

ED25519 = 0x01
"""The signed-note signature type of a plain Ed25519 note signature."""

COSIGNATURE_V1 = 0x04
"""The signature type of a timestamped Ed25519 witness cosignature (c2sp.org/tlog-cosignature)."""

_PRIVATE = "PRIVATE+KEY+"


class BadKey(ValueError):
    """A key name or key text that does not parse (one line, fit for a user)."""


def check_key_name(name: str) -> str:
    """Return `name` if it is a valid key name: non-empty, printable, no space and no `+`."""
    if not name:
        raise BadKey("a key name must not be empty")
    if "+" in name or any(c.isspace() for c in name) or not name.isprintable():
        raise BadKey(f"a key name may not hold a space, a '+' or a control character: {name!r}")
    return name


def key_id(name: str, signature_type: int, public: bytes) -> bytes:
    """Return the 4-byte key id of a named key for one signature type."""
    digest = hashlib.sha256(name.encode() + b"\n" + bytes([signature_type]) + public).digest()
    return digest[:4]


def _b64(text: str, what: str) -> bytes:
    try:
        return base64.b64decode(text, validate=True)
    except (binascii.Error, ValueError):
        raise BadKey(f"{what}: not base64") from None


@dataclass(frozen=True)
class VerifierKey:
    """A named Ed25519 public key: what a reader is given to check a checkpoint."""

    name: str
    public: bytes

    def key_id(self, signature_type: int = ED25519) -> bytes:
        """This key's id for a signature type (note signatures and cosignatures differ)."""
        return key_id(self.name, signature_type, self.public)

    def encode(self) -> str:
        """The vkey text: `<name>+<hex key id>+<base64(0x01 ‖ public key)>`."""
        material = base64.b64encode(bytes([ED25519]) + self.public).decode()
        return f"{self.name}+{self.key_id().hex()}+{material}"

    def verify(self, signature: bytes, message: bytes) -> bool:
        """Whether `signature` is this key's Ed25519 signature of `message`."""
        try:
            Ed25519PublicKey.from_public_bytes(self.public).verify(signature, message)
        except InvalidSignature:
            return False
        return True


@dataclass(frozen=True)
class SignerKey:
    """A named Ed25519 private key (its 32-byte seed)."""

    name: str
    seed: bytes

    def verifier(self) -> VerifierKey:
        """The public half, under the same name."""
        public = _private(self.seed).public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
        return VerifierKey(self.name, public)

    def sign(self, message: bytes) -> bytes:
        """The Ed25519 signature (64 bytes) of `message`."""
        return _private(self.seed).sign(message)

    def encode(self) -> str:
        """The private key text: `PRIVATE+KEY+<name>+<hex key id>+<base64(0x01 ‖ seed)>`."""
        material = base64.b64encode(bytes([ED25519]) + self.seed).decode()
        return f"{_PRIVATE}{self.name}+{self.verifier().key_id().hex()}+{material}"


def _private(seed: bytes) -> Ed25519PrivateKey:
    return Ed25519PrivateKey.from_private_bytes(seed)


def _split(text: str, what: str) -> tuple[str, bytes, bytes]:
    """Split `<name>+<hex id>+<base64(type ‖ key)>` into name, id and key (type 0x01 only)."""
    parts = text.strip().split("+", 2)
    if len(parts) != 3:
        raise BadKey(f"{what}: expected NAME+KEYID+KEY")
    name, hex_id, material = parts
    check_key_name(name)
    if len(hex_id) != 8:
        raise BadKey(f"{what}: the key id must be 8 hex digits")
    try:
        given_id = bytes.fromhex(hex_id)
    except ValueError:
        raise BadKey(f"{what}: the key id must be 8 hex digits") from None
    raw = _b64(material, what)
    if len(raw) != 33 or raw[0] != ED25519:
        raise BadKey(f"{what}: not an Ed25519 key (type 0x01 and 32 bytes)")
    return name, given_id, raw[1:]


def parse_verifier_key(text: str) -> VerifierKey:
    """Read a vkey; its key id must be the one its name and key give."""
    if text.startswith(_PRIVATE):
        raise BadKey("this is a private key; give the public key (the .pub file)")
    name, given_id, public = _split(text, "public key")
    try:
        Ed25519PublicKey.from_public_bytes(public)
    except ValueError:
        raise BadKey("public key: not a valid Ed25519 point") from None
    key = VerifierKey(name, public)
    if key.key_id() != given_id:
        raise BadKey("public key: its key id does not match its name and key")
    return key


def parse_signer_key(text: str) -> SignerKey:
    """Read a private key written by `SignerKey.encode`; its key id must match its key."""
    if not text.startswith(_PRIVATE):
        raise BadKey("not a private key (it must start with PRIVATE+KEY+)")
    name, given_id, seed = _split(text.removeprefix(_PRIVATE), "private key")
    key = SignerKey(name, seed)
    if key.verifier().key_id() != given_id:
        raise BadKey("private key: its key id does not match its name and key")
    return key


def generate_key(name: str) -> SignerKey:
    """A new random Ed25519 key under `name`."""
    check_key_name(name)
    seed = Ed25519PrivateKey.generate().private_bytes_raw()
    return SignerKey(name, seed)
