"""The event vocabulary of claim-ledger: what can happen to the ledger, as immutable facts.

Pure: imports nothing from `ledger` or `cli`.
"""

from events.articles import ArticleRecorded, ArticleRevised
from events.base import Event
from events.claims import (
    CORRECTABLE_FIELDS,
    METRICS,
    PERIODS,
    QUALIFIERS,
    Claim,
    ClaimAsserted,
    ClaimCorrected,
    ClaimRetracted,
)
from events.registry import (
    EVENT_TYPES,
    InvalidEvent,
    UnknownEventType,
    decode,
    describe,
    encode,
    json_schemas,
    model_for,
)
from events.sources import SourceAliased

__all__ = [
    "CORRECTABLE_FIELDS",
    "EVENT_TYPES",
    "METRICS",
    "PERIODS",
    "QUALIFIERS",
    "ArticleRecorded",
    "ArticleRevised",
    "Claim",
    "ClaimAsserted",
    "ClaimCorrected",
    "ClaimRetracted",
    "Event",
    "InvalidEvent",
    "SourceAliased",
    "UnknownEventType",
    "decode",
    "describe",
    "encode",
    "json_schemas",
    "model_for",
]
