"""The envelope: what the log stores around every event payload.

Owns: `Envelope` (a recorded event with its position, stream, version and hash) and
`ENVELOPE_FIELDS`. Plain data, no pydantic: every read command handles envelopes, and none
of them should pay for a validator it never runs. What an envelope's fields must hold, and the
check of one from outside the store, live in `events.new_event` with `NewEvent`.
Imports: nothing of the project's.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Envelope:
    """One recorded event exactly as the log holds it; `hash` covers every other field."""

    id: str
    position: int
    stream: str
    version: int
    type: str
    schema_version: int
    recorded_at: str
    actor: str
    idempotency_key: str | None
    data: dict[str, Any]
    prev_hash: str
    hash: str

    def as_dict(self) -> dict[str, Any]:
        """The fields by name, in order: the envelope's JSON shape (`data` not copied)."""
        return {name: getattr(self, name) for name in ENVELOPE_FIELDS}


ENVELOPE_FIELDS: tuple[str, ...] = tuple(Envelope.__dataclass_fields__)
"""The envelope's fields in stored order."""
