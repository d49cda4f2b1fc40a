"""The registry of event types: stored name and schema version -> payload model.

Owns: `EVENT_TYPES` (an explicit table, no registration by import side effect: each name's
model is imported when first asked for, so a read that decodes no event imports none of
them), `decode` and `encode`, `json_schemas`. Imports: the other `events` modules.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterator, Mapping
from functools import cache
from typing import Any

import orjson
from pydantic import TypeAdapter, ValidationError

from events.base import STORED, Event
from events.upcasters import upcast

_HOMES: dict[str, tuple[str, str]] = {
    "article-recorded": ("events.articles", "ArticleRecorded"),
    "article-revised": ("events.articles", "ArticleRevised"),
    "checkpoint-signed": ("events.checkpoints", "CheckpointSigned"),
    "checkpoint-cosigned": ("events.checkpoints", "CheckpointCosigned"),
    "claim-asserted": ("events.claims", "ClaimAsserted"),
    "claim-corrected": ("events.claims", "ClaimCorrected"),
    "claim-retracted": ("events.claims", "ClaimRetracted"),
    "claim-reviewed": ("events.reviews", "ClaimReviewed"),
    "source-aliased": ("events.sources", "SourceAliased"),
    "page-fetched": ("events.web", "PageFetched"),
    "feed-polled": ("events.web", "FeedPolled"),
}
"""Each stored type name: the module and class of its payload model."""

_MODELS: dict[str, type[Event]] = {}


class _EventTypes(Mapping[str, type[Event]]):
    """Stored type name -> payload model, each model imported on first use."""

    def __getitem__(self, type_name: str) -> type[Event]:
        try:
            return _MODELS[type_name]
        except KeyError:
            module, name = _HOMES[type_name]  # KeyError for a name that is no event type
        model: type[Event] = getattr(importlib.import_module(module), name)
        _MODELS[type_name] = model
        return model

    def __contains__(self, type_name: object) -> bool:
        return type_name in _HOMES

    def __iter__(self) -> Iterator[str]:
        return iter(_HOMES)

    def __len__(self) -> int:
        return len(_HOMES)

    def __repr__(self) -> str:
        return f"EVENT_TYPES({', '.join(_HOMES)})"


EVENT_TYPES: Mapping[str, type[Event]] = _EventTypes()


class UnknownEventType(LookupError):
    """The log names an event type or schema version this code does not know."""


class InvalidEvent(ValueError):
    """A payload does not validate against its event type: one line, fit for a user."""


@cache
def _adapter(model: type[Event]) -> TypeAdapter[Any]:
    return TypeAdapter(model)


def model_for(type_name: str) -> type[Event]:
    """Return the payload model of a stored type name."""
    try:
        return _MODELS[type_name]
    except KeyError:
        pass
    try:
        return EVENT_TYPES[type_name]
    except KeyError:
        raise UnknownEventType(f"unknown event type {type_name!r}") from None


def decode(
    type_name: str, schema_version: int, data: str | bytes | dict[str, Any], *, new: bool = False
) -> Event:
    """Validate a stored payload into its event model, upcasting an older schema version.

    `new=True` validates a payload about to be appended (a user's `append --event`) under
    today's rules for new input; a stored one keeps the rules it was written under (STORED).
    """
    model = model_for(type_name)
    context = None if new else STORED
    current = model.SCHEMA_VERSION
    if schema_version > current:
        raise UnknownEventType(
            f"{type_name} schema v{schema_version} is newer than this claim-ledger (v{current})"
        )
    try:
        if schema_version == current and not isinstance(data, dict):
            return model.model_validate_json(data, context=context)
        payload = orjson.loads(data) if not isinstance(data, dict) else data
        if schema_version < current:
            try:
                payload = upcast(type_name, schema_version, current, payload)
            except LookupError as exc:
                raise UnknownEventType(str(exc)) from None
        return model.model_validate(payload, context=context)
    except ValidationError as exc:
        raise InvalidEvent(f"{type_name}: {describe(exc)}") from None
    except orjson.JSONDecodeError as exc:
        raise InvalidEvent(f"{type_name}: data is not JSON ({exc})") from None


def encode(event: Event) -> dict[str, Any]:
    """Return the JSON-ready payload of an event (dates as ISO strings, no defaults dropped)."""
    return event.model_dump(mode="json")


def describe(exc: ValidationError) -> str:
    """Condense a pydantic error into one line a user can act on."""
    parts = []
    for error in exc.errors()[:3]:
        where = ".".join(str(p) for p in error["loc"])
        message = error["msg"].removeprefix("Value error, ")
        parts.append(f"{where}: {message}" if where else message)
    more = exc.error_count() - len(parts)
    return "; ".join(parts) + (f" (and {more} more)" if more > 0 else "")


def json_schemas() -> dict[str, dict[str, Any]]:
    """Return the JSON Schema of every event type, keyed by stored name."""
    schemas = {}
    for name, model in EVENT_TYPES.items():
        schema = _adapter(model).json_schema()
        schema["x-schema-version"] = model.SCHEMA_VERSION
        schemas[name] = schema
    return schemas
