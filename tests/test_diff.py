"""The diff's invariants (issue 15 §3), over random logs: a diff between P and P is empty; for
logs of assertions only, the claims a diff adds are exactly those at P2 and not at P1; and the
totals a diff says moved are exactly the groups whose standing figure differs."""

from __future__ import annotations

from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from events import ClaimAsserted
from events.new_event import NewEvent
from ledger import Ledger
from ledger.store.memory import MemoryStore
from tests.conftest import Clock, Ids, make_claim

CLAIMANTS = ("General Staff of the Armed Forces of Ukraine", "UK Ministry of Defence")
METRICS = ("personnel", "tanks")
DAYS = ("2023-04-01", "2023-04-02", "2023-04-03")

claim_fields = st.fixed_dictionaries(
    {
        "claimant": st.sampled_from(CLAIMANTS),
        "metric": st.sampled_from(METRICS),
        "value": st.integers(0, 1000),
        "qualifier": st.sampled_from(("exact", "approx", "at_least")),
        "as_of": st.sampled_from(DAYS),
    }
)
# One step of a log: assert a new claim, or correct / retract an earlier one (by its index).
steps = st.lists(
    st.one_of(
        st.tuples(st.just("assert"), claim_fields),
        st.tuples(st.just("correct"), st.integers(0, 20), st.integers(0, 1000)),
        st.tuples(st.just("retract"), st.integers(0, 20)),
    ),
    min_size=1,
    max_size=12,
)


def build(log: list[tuple[Any, ...]]) -> Ledger:
    """A ledger in memory holding the steps (a correction or retraction of a claim not yet
    asserted, or already retracted, and a correction to the value it has, are skipped)."""
    ledger = Ledger(MemoryStore(clock=Clock(), new_id=Ids()))
    ids: list[str] = []
    values: dict[str, int] = {}
    retracted: set[str] = set()
    for step in log:
        if step[0] == "assert":
            claim = make_claim(len(ids), **step[1])
            ledger.append(
                [NewEvent(stream=f"claim-{claim.claim_id}", event=ClaimAsserted(claim=claim))]
            )
            ids.append(claim.claim_id)
            values[claim.claim_id] = claim.value
        elif step[1] < len(ids) and ids[step[1]] not in retracted:
            if step[0] == "correct":
                if values[ids[step[1]]] != step[2]:
                    ledger.correct(ids[step[1]], {"value": step[2]}, reason="slip")
                    values[ids[step[1]]] = step[2]
            else:
                ledger.retract(ids[step[1]], reason="gone")
                retracted.add(ids[step[1]])
    return ledger


def positions(ledger: Ledger, data: st.DataObject) -> tuple[int, int]:
    head = ledger.head()
    start = data.draw(st.integers(0, head), label="P1")
    return start, data.draw(st.integers(start, head), label="P2")


@settings(max_examples=60, deadline=None)
@given(log=steps, data=st.data())
def test_a_diff_between_p_and_p_is_empty(log: list[tuple[Any, ...]], data: st.DataObject) -> None:
    """Nothing changes between a position and itself, whatever the log holds."""
    ledger = build(log)
    at = data.draw(st.integers(0, ledger.head()), label="P")
    doc = ledger.diff(at=[at, at])
    assert (doc["from"], doc["to"]) == (at, at)
    assert not any(doc["claims"].values()) and doc["articles"] == [] and doc["totals"] == []


@settings(max_examples=60, deadline=None)
@given(
    log=st.lists(st.tuples(st.just("assert"), claim_fields), min_size=1, max_size=12),
    data=st.data(),
)
def test_added_and_the_claims_at_p1_are_the_claims_at_p2(
    log: list[tuple[Any, ...]], data: st.DataObject
) -> None:
    """For assertions only: added ∪ claims(P1) == claims(P2), and added ∩ claims(P1) == ∅."""
    ledger = build(log)
    start, stop = positions(ledger, data)
    added = [e["claim_id"] for e in ledger.diff(at=[start, stop])["claims"]["added"]]
    before = {r["claim_id"] for r in ledger.read_model(at=start).claims()}
    after = {r["claim_id"] for r in ledger.read_model(at=stop).claims()}
    assert len(added) == len(set(added))
    assert set(added) | before == after and not set(added) & before


def _standing(ledger: Ledger, at: int, as_of: str | None) -> dict[tuple[str, str, str], Any]:
    rows = ledger.totals(at=at, as_of=as_of) if at else []
    keys = ("value", "qualifier", "as_of", "claim_id", "range")  # a range stands as one figure
    return {(r["claimant"], r["subject"], r["metric"]): {k: r[k] for k in keys} for r in rows}


@settings(max_examples=60, deadline=None)
@given(log=steps, data=st.data(), as_of=st.sampled_from((None, *DAYS)))
def test_the_totals_that_moved_are_the_groups_whose_total_differs(
    log: list[tuple[Any, ...]], data: st.DataObject, as_of: str | None
) -> None:
    """Each moved total is old -> new as `totals --at` gives them at the two positions (with
    `--as-of`, about dates up to it), and every group whose figure differs is listed, once."""
    ledger = build(log)
    start, stop = positions(ledger, data)
    old, new = _standing(ledger, start, as_of), _standing(ledger, stop, as_of)
    moved = ledger.diff(at=[start, stop], as_of=as_of)["totals"]
    got = {(t["claimant"], t["subject"], t["metric"]): (t["before"], t["after"]) for t in moved}
    assert len(got) == len(moved)
    want = {
        k: (old.get(k), new.get(k)) for k in old.keys() | new.keys() if old.get(k) != new.get(k)
    }
    assert got == want
    assert all(t["why"] for t in moved)
