"""Key files: what `claims keygen` writes and what `--key FILE` reads.

Owns: `new_key_pair` (a fresh Ed25519 key: the private key text and the public vkey text),
`read_signer` and `read_verifier` (a key file's text, refused in one line naming the file when
it is not a key of that kind). Imports: `ledger.proofs.keys`, `ledger.errors`.
"""

from __future__ import annotations

from ledger.errors import InvalidInput
from ledger.proofs.keys import (
    BadKey,
    SignerKey,
    VerifierKey,
    generate_key,
    parse_signer_key,
    parse_verifier_key,
)


def new_key_pair(name: str) -> tuple[str, str]:
    """Return (private key text, public key text) of a new key named `name`, one line each."""
    try:
        key = generate_key(name)
    except BadKey as exc:
        raise InvalidInput(f"--name: {exc}") from None
    return key.encode() + "\n", key.verifier().encode() + "\n"


def _text(data: bytes, path: str) -> str:
    try:
        return data.decode("ascii").strip()
    except UnicodeDecodeError:
        raise InvalidInput(f"{path}: not a key file (not ASCII text)") from None


def read_signer(data: bytes, path: str) -> SignerKey:
    """The private key a key file holds."""
    try:
        return parse_signer_key(_text(data, path))
    except BadKey as exc:
        raise InvalidInput(f"{path}: {exc}") from None


def read_verifier(data: bytes, path: str) -> VerifierKey:
    """The public key a key file holds."""
    try:
        return parse_verifier_key(_text(data, path))
    except BadKey as exc:
        raise InvalidInput(f"{path}: {exc}") from None
