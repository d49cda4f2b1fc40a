"""An event on its way into the log, and the rules every stored envelope's fields keep.

Owns: `NewEvent` (a payload, its stream and the stream version its writer saw), the field
types of an envelope (`Hash`, `Stream`, `TypeName`, `Uuid`, `Timestamp`, `Position`) and
`validate_envelope`, which checks a recorded envelope from outside the store (an imported
bundle) against them. The store writes envelopes it built itself and reads them back without
checking again, so a read never loads this module, nor pydantic.
Imports: `events.base`, `events.envelope`, pydantic.
"""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field

from events.base import Event
from events.envelope import ENVELOPE_FIELDS, Envelope

Hash = Annotated[str, Field(pattern=r"^[0-9a-f]{64}$")]
Stream = Annotated[str, Field(min_length=1, max_length=200, pattern=r"^[A-Za-z0-9_.:-]+$")]
TypeName = Annotated[str, Field(pattern=r"^[a-z][a-z0-9-]{0,59}$")]
Uuid = Annotated[
    str, Field(pattern=r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
]
Timestamp = Annotated[
    str, Field(pattern=r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?(Z|\+00:00)$")
]
Position = Annotated[int, Field(ge=1, le=2**63 - 1, strict=True)]
Actor = Annotated[str, Field(min_length=1, max_length=200)]
IdempotencyKey = Annotated[str, Field(min_length=1, max_length=500)]


class EnvelopeFields(BaseModel):
    """The fields of an `Envelope` with the rules each keeps (`validate_envelope` checks a
    document against it; a test holds its fields to `ENVELOPE_FIELDS`, in order)."""

    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)

    id: Uuid
    position: Position
    stream: Stream
    version: Position
    type: TypeName
    schema_version: Position
    recorded_at: Timestamp
    actor: Actor
    idempotency_key: IdempotencyKey | None
    data: dict[str, Any]
    prev_hash: Hash
    hash: Hash


def validate_envelope(document: Any) -> Envelope:
    """`document` as an envelope, every field checked (pydantic's ValidationError if one is
    missing, unknown or breaks its rule); the payload is not checked here (`decode` does)."""
    fields = EnvelopeFields.model_validate(document)
    return Envelope(**{name: getattr(fields, name) for name in ENVELOPE_FIELDS})


class NewEvent(BaseModel):
    """An event to append: its payload, its stream, and the stream version the writer saw.

    `expected_version` is the stream's version before this event (0 for a new stream);
    None appends without a concurrency check. A repeated `idempotency_key` appends nothing.
    """

    model_config = ConfigDict(
        frozen=True, extra="forbid", arbitrary_types_allowed=True, defer_build=True
    )

    stream: Stream
    event: Event
    expected_version: Annotated[int, Field(ge=0)] | None = None
    actor: Actor = "cli"
    idempotency_key: IdempotencyKey | None = None
