"""Export -> import keeps every hash: a property over random logs."""

from __future__ import annotations

import itertools

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from events import ClaimAsserted, ClaimCorrected, ClaimRetracted
from events.new_event import NewEvent
from ledger import Ledger
from tests.conftest import make_claim

names = st.sampled_from(["General Staff", "Oryx", "UK Ministry of Defence", "Ексмпл ☂"])


@st.composite
def batches(draw: st.DrawFn) -> list[list[NewEvent]]:
    """Random batches of assertions, corrections and retractions over a few claims."""
    out: list[list[NewEvent]] = []
    serial = itertools.count()
    for _ in range(draw(st.integers(1, 4))):
        batch = []
        for _ in range(draw(st.integers(1, 5))):
            n = draw(st.integers(0, 3))
            kind = draw(st.sampled_from(["assert", "correct", "retract"]))
            stream = f"claim-c_test{n}"
            if kind == "assert":
                claim = make_claim(n, claimant=draw(names), value=draw(st.integers(0, 2**62)))
                event = ClaimAsserted(claim=claim, note=draw(st.none() | st.text(max_size=20)))
            elif kind == "correct":
                event = ClaimCorrected(
                    claim_id=f"c_test{n}",
                    changes={"value": draw(st.integers(0, 10**6))},
                    reason=draw(st.text(min_size=1, max_size=20)),
                )
            else:
                event = ClaimRetracted(claim_id=f"c_test{n}", reason="withdrawn")
            key = draw(st.none() | st.just(f"key-{next(serial) % 3}"))
            batch.append(NewEvent(stream=stream, event=event, idempotency_key=key))
        out.append(batch)
    return out


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(log=batches())
def test_export_import_keeps_every_hash(make_sqlite_store, log) -> None:
    """Importing an export into an empty ledger reproduces every position, id and hash."""
    source = Ledger(make_sqlite_store())
    for batch in log:
        source.append(batch)
    exported = list(source.export_lines())
    copy = Ledger(make_sqlite_store())
    result = copy.import_lines(exported, source="export")
    assert result.exact and result.imported == source.head()
    assert list(copy.export_lines()) == exported
    assert copy.verify().ok
    again = copy.import_lines(exported, source="export")
    assert again.imported == 0
