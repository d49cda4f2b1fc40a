"""The envelope: what the log stores around every event payload.

Owns: `Envelope` (a recorded event with its position, stream, version and hash) and
`NewEvent` (an event on its way into the log). Imports: `events.base`, pydantic.
"""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field

from events.base import Event

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


class Envelope(BaseModel):
    """One recorded event exactly as the log holds it; `hash` covers every other field."""

    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)

    id: Uuid
    position: Position
    stream: Stream
    version: Position
    type: TypeName
    schema_version: Position
    recorded_at: Timestamp
    actor: Annotated[str, Field(min_length=1, max_length=200)]
    idempotency_key: Annotated[str, Field(min_length=1, max_length=500)] | None
    data: dict[str, Any]
    prev_hash: Hash
    hash: Hash


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
    actor: Annotated[str, Field(min_length=1, max_length=200)] = "cli"
    idempotency_key: Annotated[str, Field(min_length=1, max_length=500)] | None = None
