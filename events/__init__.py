"""The event vocabulary of claim-ledger: what can happen to the ledger, as immutable facts.

Pure: imports nothing from `ledger` or `cli`. Each name loads from its module on first use.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from events.articles import ArticleRecorded, ArticleRevised
    from events.base import Event
    from events.checkpoints import CheckpointCosigned, CheckpointSigned
    from events.claims import Claim, ClaimAsserted, ClaimCorrected, ClaimRetracted
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
    from events.reviews import ClaimReviewed
    from events.sources import SourceAliased
    from events.vocabulary import (
        BASES,
        CORRECTABLE_FIELDS,
        METRICS,
        PERIODS,
        QUALIFIERS,
        REVIEW_REASON,
        REVIEW_STATES,
        REVIEWED_STATES,
        VERDICTS,
        basis_of,
        is_review_fix,
    )

_HOMES = {
    **dict.fromkeys(("ArticleRecorded", "ArticleRevised"), "events.articles"),
    "Event": "events.base",
    **dict.fromkeys(("CheckpointCosigned", "CheckpointSigned"), "events.checkpoints"),
    **dict.fromkeys(
        ("BASES", "CORRECTABLE_FIELDS", "METRICS", "PERIODS", "QUALIFIERS", "basis_of"),
        "events.vocabulary",
    ),
    **dict.fromkeys(
        ("Claim", "ClaimAsserted", "ClaimCorrected", "ClaimRetracted"), "events.claims"
    ),
    **dict.fromkeys(
        ("EVENT_TYPES", "InvalidEvent", "UnknownEventType", "decode", "describe", "encode"),
        "events.registry",
    ),
    **dict.fromkeys(("json_schemas", "model_for"), "events.registry"),
    **dict.fromkeys(
        ("REVIEW_REASON", "REVIEW_STATES", "REVIEWED_STATES", "VERDICTS", "is_review_fix"),
        "events.vocabulary",
    ),
    "ClaimReviewed": "events.reviews",
    "SourceAliased": "events.sources",
}
"""Each public name: the module it lives in, imported when the name is first used (PEP 562),
so `from events.envelope import Envelope` loads no event model it does not need."""

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


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(home), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
