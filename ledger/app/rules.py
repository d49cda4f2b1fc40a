"""The rules a write must obey, whichever command writes it: one place, so a raw event
(`claims append --event`) is held to exactly what `correct`, `retract` and `alias` check.

Owns: `check_correction`, `check_alias`, `check_retraction`, `check_review`, `raw_event_rules`,
`LEDGER_WRITTEN` and `check_writable_by_hand` (the types only the ledger's own commands write).
Imports: `events`, `ledger.app.session`, `ledger.projections`, `ledger.errors`.
"""

from __future__ import annotations

from typing import Any, cast

from pydantic import ValidationError

from events import (
    CORRECTABLE_FIELDS,
    Claim,
    ClaimAsserted,
    ClaimCorrected,
    ClaimRetracted,
    ClaimReviewed,
    Event,
    SourceAliased,
    describe,
)
from ledger.app.session import Session, default_stream
from ledger.errors import ConcurrencyConflict, InvalidInput
from ledger.projections import ClaimRow, resolve


def check_correction(claim_id: str, row: ClaimRow, changes: dict[str, Any]) -> dict[str, Any]:
    """Refuse a correction of a retracted claim, or one that changes nothing or leaves
    an invalid claim; return the changes that do change something."""
    if row["status"] == "retracted":
        raise InvalidInput(f"claim {claim_id} is retracted; nothing to correct")
    fields = cast(dict[str, Any], row)
    changes = {k: v for k, v in changes.items() if fields.get(k) != v}
    if not changes:
        raise InvalidInput("nothing to correct: give at least one changed field")
    try:
        current = {k: fields.get(k) for k in CORRECTABLE_FIELDS} | {"claim_id": claim_id}
        merged = current | changes | {"quote": fields["quote"]}
        if "basis" not in changes and merged["metric"] != "personnel":
            merged["basis"] = None  # a figure moved off personnel leaves its basis behind
        Claim.model_validate(merged)
    except ValidationError as exc:
        raise InvalidInput(f"invalid correction: {describe(exc)}") from None
    return changes


def check_retraction(claim_id: str, row: ClaimRow) -> None:
    """Refuse retracting a claim twice."""
    if row["status"] == "retracted":
        raise InvalidInput(f"claim {claim_id} is already retracted")


def check_review(claim_id: str, row: ClaimRow, verdict: str) -> None:
    """Refuse a review of a claim no extractor read (hand-entered or from a data set: a
    person's or a data set's word already), of one retracted or withdrawn by a revision, and
    a verdict the claim already has."""
    if row["origin"] != "article":
        raise InvalidInput(
            f"claim {claim_id} was entered, not extracted ({row['origin']}): it counts as "
            "reviewed; change it with `claims correct` or `claims retract`"
        )
    if row["status"] in ("retracted", "withdrawn"):
        raise InvalidInput(f"claim {claim_id} is {row['status']}; nothing to review")
    if row["review"] == verdict:
        raise InvalidInput(f"claim {claim_id} is already {verdict}")


def check_alias(session: Session, event: SourceAliased) -> None:
    """Refuse an alias already declared, or one that would make a cycle."""
    current = session.read_model().aliases(event.kind)
    if current.get(event.alias) == event.canonical:
        raise InvalidInput(f"{event.alias!r} is already an alias of {event.canonical!r}")
    if resolve(event.canonical, current | {event.alias: event.canonical}) == event.alias:
        raise InvalidInput(f"aliasing {event.alias!r} to {event.canonical!r} would make a cycle")


LEDGER_WRITTEN: dict[str, str] = {
    "checkpoint-signed": "`claims checkpoint`",
    "checkpoint-cosigned": "`claims checkpoint --cosign`",
    "page-fetched": "`claims ingest URL` or `claims watch`",
    "feed-polled": "`claims watch`",
}
"""The event types only the ledger's own commands write (they vouch for what the ledger
itself did: signed, cosigned, fetched, polled), and the command that writes each."""


def check_writable_by_hand(type_name: str) -> None:
    """Refuse a raw event of a type only the ledger's own commands write."""
    command = LEDGER_WRITTEN.get(type_name)
    if command is not None:
        raise InvalidInput(
            f"a {type_name} event is written only by {command}, never by `append --event`"
        )


def raw_event_rules(
    session: Session, event: Event, stream: str | None, expected: int | None
) -> tuple[str, int]:
    """Hold a raw event to the rules of the command that writes its type; return the
    stream it goes on and the expected version it is appended under.

    A correction, retraction or review needs a claim that exists and is not retracted, and
    goes on that claim's own stream (a review, one read from an article); an assertion may
    not reuse a claim id; an alias obeys `alias`'s checks on the `sources` stream. Without an
    expected version, the stream's current one is taken: the append is refused if the stream
    moves meanwhile.
    """
    if stream is not None and expected is not None:
        _not_stale(session, stream, expected)
    if isinstance(event, ClaimCorrected | ClaimRetracted | ClaimReviewed):
        stream = _claim_change_rules(session, event, stream)
    elif isinstance(event, ClaimAsserted):
        existing = session.read_model().claim(event.claim.claim_id)
        if existing is not None:
            raise InvalidInput(
                f"claim {event.claim.claim_id} already exists (on stream "
                f"{existing['stream']}); change it with `claims correct`"
            )
    elif isinstance(event, SourceAliased):
        if stream is not None and stream != "sources":
            raise InvalidInput(f"a source-aliased event goes on stream sources, not {stream}")
        check_alias(session, event)
    if stream is None:
        stream = default_stream(event)
        if stream is None:
            raise InvalidInput(f"a {event.TYPE} event needs a `stream`")
    if expected is None:
        expected = session.store.stream_version(stream)
    return stream, expected


def _not_stale(session: Session, stream: str, expected: int) -> None:
    """A stale writer is told so first, as the store would."""
    current = session.store.stream_version(stream)
    if current != expected:
        raise ConcurrencyConflict(
            f"stream {stream} is at version {current}, not {expected}: it changed since it was read"
        )


def _claim_change_rules(
    session: Session, event: ClaimCorrected | ClaimRetracted | ClaimReviewed, stream: str | None
) -> str:
    row = session.read_model().claim(event.claim_id)
    if row is None:
        raise InvalidInput(
            f"no claim {event.claim_id} in this ledger: a {event.TYPE} event must name "
            "an existing claim, and goes on that claim's stream"
        )
    if stream is not None and stream != row["stream"]:
        raise InvalidInput(
            f"claim {event.claim_id} belongs to stream {row['stream']}, not {stream}"
        )
    if isinstance(event, ClaimCorrected):
        check_correction(event.claim_id, row, event.changes)
    elif isinstance(event, ClaimReviewed):
        check_review(event.claim_id, row, event.verdict)
    else:
        check_retraction(event.claim_id, row)
    return row["stream"]
