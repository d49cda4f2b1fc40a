"""The event vocabulary: validation tables, the registry, upcasting, and stored payloads."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path
from typing import Any

import pytest
from pydantic import ValidationError

from events import (
    EVENT_TYPES,
    Claim,
    ClaimCorrected,
    InvalidEvent,
    SourceAliased,
    UnknownEventType,
    decode,
    encode,
    json_schemas,
)
from events.envelope import ENVELOPE_FIELDS
from events.new_event import EnvelopeFields, validate_envelope
from events.upcasters import UPCASTERS, upcast

FIXTURES = Path(__file__).parent / "fixtures" / "events"

GOOD: dict[str, Any] = {
    "claim_id": "c_abc",
    "claimant": "General Staff of the Armed Forces of Ukraine",
    "subject": "russia",
    "metric": "personnel",
    "value": 174_550,
    "qualifier": "exact",
    "period": "cumulative",
    "period_start": "2022-02-24",
    "as_of": "2023-04-02",
    "quote": "174,550 troops",
}


@pytest.mark.parametrize(
    "changes",
    [
        {},
        {"value": 0},
        {"value": 2**63 - 1},
        {"qualifier": "approx"},
        {"qualifier": "at_least"},
        {"qualifier": "at_most"},
        {"period": "window", "period_start": "2023-03-27"},
        {"period_start": "2023-04-02"},
        {"period_start": None},
        {"subject": "belarus"},
        {"metric": "equipment_total"},
        {"quote": None},
        {"quote": "abc", "span": [10, 13]},
        {"claimant": "  Oryx  "},
    ],
)
def test_valid_claims(changes: dict[str, Any]) -> None:
    """These claims validate."""
    Claim.model_validate(GOOD | changes)


@pytest.mark.parametrize(
    ("changes", "error"),
    [
        ({"value": -1}, "greater than or equal to 0"),
        ({"value": 1.5}, "valid integer"),
        ({"value": "12"}, "valid integer"),
        ({"value": True}, "valid integer"),
        ({"value": 2**64}, "less than or equal"),
        ({"metric": "nukes"}, "Input should be"),
        ({"qualifier": "roughly"}, "Input should be"),
        ({"period": "daily"}, "Input should be"),
        ({"as_of": "2023-02-30"}, "not a calendar date"),
        ({"as_of": "02/04/2023"}, "ISO date"),
        ({"as_of": 1680393600}, "ISO date"),
        ({"as_of": "2023-4-2"}, "ISO date"),
        ({"period_start": "2023-04-03"}, "after as_of"),
        ({"quote": ""}, "at least 1 character"),
        ({"subject": "Russia"}, "pattern"),
        ({"subject": ""}, "pattern"),
        ({"claimant": ""}, "at least 1"),
        ({"claimant": "   "}, "at least 1"),
        ({"claimant": "x\u202eevil"}, "control character"),
        ({"claimant": "a\x00b"}, "control character"),
        ({"claim_id": "abc"}, "pattern"),
        ({"span": [5, 3]}, "empty or reversed"),
        ({"quote": "abc", "span": [0, 5]}, "length of the quote"),
        ({"extra": 1}, "Extra inputs are not permitted"),
    ],
)
def test_invalid_claims(changes: dict[str, Any], error: str) -> None:
    """These claims are refused with a message that says why."""
    with pytest.raises(ValidationError, match=error):
        Claim.model_validate(GOOD | changes)


def test_claim_is_frozen() -> None:
    """A claim cannot be changed in place: corrections are new events."""
    claim = Claim.model_validate(GOOD)
    with pytest.raises(ValidationError):
        claim.value = 1  # type: ignore[misc]


@pytest.mark.parametrize(
    ("changes", "error"),
    [
        ({}, "at least one field"),
        ({"quote": "x"}, "cannot correct field"),
        ({"value": -3}, "greater than or equal"),
        ({"as_of": "2023-13-01"}, "calendar date"),
        ({"metric": "bananas"}, "Input should be"),
    ],
)
def test_invalid_corrections(changes: dict[str, Any], error: str) -> None:
    """A correction changes only known claim fields, to valid values."""
    with pytest.raises(ValidationError, match=error):
        ClaimCorrected(claim_id="c_abc", changes=changes, reason="why")


def test_correction_applies_to_a_claim() -> None:
    """Applying a correction returns the claim with the new values, revalidated."""
    claim = Claim.model_validate(GOOD)
    fixed = ClaimCorrected(claim_id="c_abc", changes={"value": 174_600}, reason="typo").apply(claim)
    assert (fixed.value, claim.value) == (174_600, 174_550)


def test_registry_names_are_kebab_case_and_match_models() -> None:
    """Every stored type name is kebab-case and is the model's own TYPE."""
    for name, model in EVENT_TYPES.items():
        assert name == model.TYPE
        assert name.replace("-", "").isalpha() and name == name.lower()


@pytest.mark.parametrize("path", sorted(FIXTURES.glob("*.json")), ids=lambda p: p.stem)
def test_stored_payloads_keep_loading(path: Path) -> None:
    """Every stored sample payload, of every shipped schema version, still decodes."""
    document = json.loads(path.read_text())
    event = decode(document["type"], document["schema_version"], document["data"])
    assert document["type"] == event.TYPE


def test_every_type_has_a_stored_sample() -> None:
    """Each event type at its current schema version has a golden payload under tests/."""
    for name, model in EVENT_TYPES.items():
        assert (FIXTURES / f"{name}.v{model.SCHEMA_VERSION}.json").exists(), name


def test_source_aliased_v1_is_upcast() -> None:
    """A v1 alias (claimants only) reads as a v2 alias of kind 'claimant': the upcaster sets
    the kind, whatever a stray v1 field said (a default alone would keep 'publisher')."""
    v1 = '{"alias": "UA army", "canonical": "Armed Forces", "kind": "publisher"}'
    event = decode("source-aliased", 1, v1)
    assert isinstance(event, SourceAliased)
    assert event.kind == "claimant"
    assert decode("source-aliased", 2, v1).kind == "publisher"  # v2 is read as written


def test_decode_and_the_fold_go_through_the_upcaster(monkeypatch: pytest.MonkeyPatch) -> None:
    """Reading a v1 payload calls the registered upcaster (decode and the projections' fold
    alike); with it removed, the old version cannot be read at all."""
    from ledger.projections import claims as fold
    from ledger.projections.memory import MemoryRows
    from tests.test_projections import envelope

    calls: list[dict[str, Any]] = []
    real = UPCASTERS[("source-aliased", 1)]

    def spy(data: dict[str, Any]) -> dict[str, Any]:
        calls.append(data)
        return real(data)

    monkeypatch.setitem(UPCASTERS, ("source-aliased", 1), spy)
    v1 = {"alias": "UA army", "canonical": "Armed Forces"}
    assert decode("source-aliased", 1, json.dumps(v1)).kind == "claimant"
    stored = dataclasses.replace(envelope(SourceAliased(**v1)), schema_version=1, data=v1)
    rows = fold.apply(MemoryRows(), stored)
    assert rows.aliases("claimant") == {"UA army": "Armed Forces"}  # type: ignore[attr-defined]
    assert calls == [v1, v1]
    monkeypatch.delitem(UPCASTERS, ("source-aliased", 1))
    with pytest.raises(UnknownEventType, match="no upcaster"):
        decode("source-aliased", 1, json.dumps(v1))


def test_upcast_chain_stops_at_a_missing_link() -> None:
    """A version with no upcaster is an error, not a silent pass-through."""
    with pytest.raises(LookupError):
        upcast("claim-asserted", 1, 3, {})


def test_every_upcaster_targets_a_known_type() -> None:
    """Upcasters exist only for types and versions below the current one."""
    for type_name, version in UPCASTERS:
        assert version < EVENT_TYPES[type_name].SCHEMA_VERSION


@pytest.mark.parametrize(
    ("type_name", "version", "data", "error"),
    [
        ("claim-exploded", 1, "{}", UnknownEventType),
        ("claim-asserted", 99, "{}", UnknownEventType),
        ("claim-asserted", 1, "not json", InvalidEvent),
        ("claim-asserted", 1, "{}", InvalidEvent),
        ("claim-retracted", 1, '{"claim_id": "c_x", "reason": ""}', InvalidEvent),
    ],
)
def test_decode_refuses(type_name: str, version: int, data: str, error: type[Exception]) -> None:
    """Unknown types, future versions and invalid payloads are refused with one line."""
    with pytest.raises(error) as info:
        decode(type_name, version, data)
    assert "\n" not in str(info.value)


def test_encode_decode_round_trip() -> None:
    """encode then decode gives back an equal event."""
    event = ClaimCorrected(claim_id="c_abc", changes={"as_of": "2023-04-03"}, reason="date")
    assert decode("claim-corrected", 1, encode(event)) == event


def test_json_schema_of_every_type() -> None:
    """`claims schema` has a JSON Schema, with its schema version, for every event type."""
    schemas = json_schemas()
    assert set(schemas) == set(EVENT_TYPES)
    assert schemas["source-aliased"]["x-schema-version"] == 2
    assert "claim" in schemas["claim-asserted"]["properties"]


# -- the envelope: plain data, its rules beside NewEvent (#17) ----------------------------------

GOOD_ENVELOPE: dict[str, Any] = {
    "id": "00000000-0000-4000-8000-000000000001",
    "position": 1,
    "stream": "claim-c_1",
    "version": 1,
    "type": "claim-asserted",
    "schema_version": 2,
    "recorded_at": "2026-01-01T00:00:00.000000Z",
    "actor": "cli",
    "idempotency_key": None,
    "data": {"claim": {}},
    "prev_hash": "0" * 64,
    "hash": "f" * 64,
}


def test_envelope_rules_name_every_field_in_order() -> None:
    """The checked fields are the envelope's, in its (the store's) order."""
    assert tuple(EnvelopeFields.model_fields) == ENVELOPE_FIELDS
    assert validate_envelope(GOOD_ENVELOPE).as_dict() == GOOD_ENVELOPE


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("id", "not-a-uuid"),
        ("position", 0),
        ("position", "1"),  # strict: a stored position is an integer
        ("stream", "has space"),
        ("type", "Claim Asserted"),
        ("recorded_at", "2026-01-01"),
        ("actor", ""),
        ("prev_hash", "0" * 63),
        ("hash", "F" * 64),
        ("extra", 1),
    ],
)
def test_validate_envelope_refuses(field: str, value: Any) -> None:
    """An envelope from outside the store (an imported bundle) is checked field by field."""
    with pytest.raises(ValidationError):
        validate_envelope(GOOD_ENVELOPE | {field: value})


def test_envelope_is_frozen() -> None:
    envelope = validate_envelope(GOOD_ENVELOPE)
    with pytest.raises(dataclasses.FrozenInstanceError):
        envelope.position = 2  # type: ignore[misc]
