"""The event vocabulary of claim-ledger: what can happen to the ledger, as immutable facts.

Pure: imports nothing from `ledger` or `cli`.
"""

from events.articles import ArticleRecorded, ArticleRevised
from events.base import Event
from events.checkpoints import CheckpointCosigned, CheckpointSigned
from events.claims import (
    BASES,
    CORRECTABLE_FIELDS,
    METRICS,
    PERIODS,
    QUALIFIERS,
    Claim,
    ClaimAsserted,
    ClaimCorrected,
    ClaimRetracted,
    basis_of,
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
from events.reviews import (
    REVIEW_REASON,
    REVIEW_STATES,
    REVIEWED_STATES,
    VERDICTS,
    ClaimReviewed,
    is_review_fix,
)
from events.sources import SourceAliased

__all__ = [
    "BASES",
    "CORRECTABLE_FIELDS",
    "EVENT_TYPES",
    "METRICS",
    "PERIODS",
    "QUALIFIERS",
    "REVIEWED_STATES",
    "REVIEW_REASON",
    "REVIEW_STATES",
    "VERDICTS",
    "ArticleRecorded",
    "ArticleRevised",
    "CheckpointCosigned",
    "CheckpointSigned",
    "Claim",
    "ClaimAsserted",
    "ClaimCorrected",
    "ClaimRetracted",
    "ClaimReviewed",
    "Event",
    "InvalidEvent",
    "SourceAliased",
    "UnknownEventType",
    "basis_of",
    "decode",
    "describe",
    "encode",
    "is_review_fix",
    "json_schemas",
    "model_for",
]
