"""Checkpoints: the signed statements of the log's size and root the ledger has issued.

Owns: `CheckpointSigned` (a checkpoint the ledger issued) and `CheckpointCosigned` (a
witness's cosignature of one, checked against this ledger). Imports: `events.base`, pydantic.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from events.base import Event

_KEY_NAME = r"^[^\s+]{1,300}$"


class CheckpointSigned(Event):
    """The ledger signed a checkpoint of its first `size` events (c2sp.org/tlog-checkpoint).

    `root` is the RFC 6962 root hash of those events (hex), `note` the whole signed note as
    issued, so what the ledger published is in the log it vouches for.
    """

    TYPE = "checkpoint-signed"

    origin: Annotated[str, Field(min_length=1, max_length=300)]
    size: Annotated[int, Field(ge=0, le=2**63 - 1)]
    root: Annotated[str, Field(pattern=r"^[0-9a-f]{64}$")]
    key_name: Annotated[str, Field(pattern=_KEY_NAME)]
    key_id: Annotated[str, Field(pattern=r"^[0-9a-f]{8}$")]
    note: Annotated[str, Field(min_length=1, max_length=20_000)]


class CheckpointCosigned(Event):
    """A witness cosigned a checkpoint of this log's first `size` events
    (c2sp.org/tlog-cosignature), once this ledger's tree at that size had its `root`.

    `key_name` and `key_id` name the witness's key (the id of its cosignature/v1 lines, type
    0x04), `timestamp` the time it signed (POSIX seconds), `note` the note as cosigned.
    """

    TYPE = "checkpoint-cosigned"

    origin: Annotated[str, Field(min_length=1, max_length=300)]
    size: Annotated[int, Field(ge=0, le=2**63 - 1)]
    root: Annotated[str, Field(pattern=r"^[0-9a-f]{64}$")]
    key_name: Annotated[str, Field(pattern=_KEY_NAME)]
    key_id: Annotated[str, Field(pattern=r"^[0-9a-f]{8}$")]
    timestamp: Annotated[int, Field(ge=0, le=2**63 - 1)]
    note: Annotated[str, Field(min_length=1, max_length=20_000)]
