"""The extractor's stages pass frozen data: a `Document`, `Reading`s, one decision per reading.

Each stage after the candidate stage returns exactly one decision of its own type per reading;
nothing between stages can be changed in place; a stage that works on working copies
(attribution, periods) writes only the fields its decision carries, so nothing it decides
is lost on the way out; and a reading's `why` is the found rules overlaid by the latest
decision of each stage. The texts are written for these tests.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ledger.ingest.attribution import assign_claimants
from ledger.ingest.cand import Cand
from ledger.ingest.extract import STAGES, find_readings, read_document
from ledger.ingest.filters import drop_rule
from ledger.ingest.periods import assign_periods
from ledger.ingest.reading import (
    CAND_FIELDS,
    STAGE_FIELDS,
    Counting,
    Credit,
    Dating,
    Document,
    Reading,
    Side,
    decide,
)

PUB = dt.date(2024, 5, 6)
TEXTS = [
    "Ukraine's General Staff said on Monday that Russia had lost 512,430 troops since the "
    "full-scale invasion began, including 1,210 over the past day.",
    "Russian forces lost 7,910 tanks (+9) and 15,200 artillery systems (+31), the General "
    "Staff reported.\n\nThe air force said it shot down 41 of 45 drones overnight.",
    "General Staff: Russia lost 1,100 soldiers in a day\n\nRussia lost 1,100 soldiers over the "
    "past day, the General Staff said. British intelligence said Moscow had suffered about "
    "350,000 casualties. Our losses are far smaller, an official said; 3,000 of our "
    "soldiers have returned home so far.",
    "In May and June, Russia lost 35,000 and 30,000 troops, respectively, Kyiv says. The "
    "Russian defence ministry claimed that Ukraine lost up to 390 servicemen, two tanks and "
    "a pickup truck in the past week.",
    "Russia lost 300 tanks in the battle for the town last winter.",
]
DECISION_OF = {
    "subjects": Side,
    "attribution": Credit,
    "settle": Side,
    "periods": Dating,
    "basis": Counting,
}


def staged(text: str, upto: str | None = None) -> tuple[Document, list[Reading]]:
    """The document and its kept readings, decided by every stage before `upto`."""
    doc = read_document(text, publisher="Example Wire", published=PUB, fallback=PUB)
    readings = [c for c in find_readings(doc) if drop_rule(doc.text, doc.sentences, c) is None]
    for name, stage in STAGES:
        if name == upto:
            break
        readings = decide(readings, stage(doc, readings))
    return doc, readings


def test_the_stages_are_the_documented_ones() -> None:
    assert [name for name, _ in STAGES] == list(DECISION_OF)


@pytest.mark.parametrize("text", TEXTS)
@pytest.mark.parametrize("name", list(DECISION_OF))
def test_a_stage_returns_one_decision_of_its_type_per_reading(name: str, text: str) -> None:
    doc, readings = staged(text, upto=name)
    assert readings, "the text has figures"
    stage = dict(STAGES)[name]
    decisions = stage(doc, readings)
    assert len(decisions) == len(readings)
    assert all(type(d) is DECISION_OF[name] for d in decisions)


@pytest.mark.parametrize(
    ("make", "attr"),
    [
        (lambda: staged(TEXTS[0])[0], "text"),
        (lambda: staged(TEXTS[0])[1][0], "value"),
        (lambda: Side("russia", False, "np-side"), "subject"),
        (lambda: Credit("Oryx", "Oryx", True, "sentence-speaker"), "claimant"),
        (lambda: Dating(PUB, "cumulative", None, False, None, None), "period"),
        (lambda: Counting("killed", "killed-cue"), "basis"),
    ],
)
def test_what_passes_between_stages_cannot_change(make: Callable[[], object], attr: str) -> None:
    with pytest.raises(dataclasses.FrozenInstanceError):
        setattr(make(), attr, None)


def test_a_readings_rules_cannot_be_changed_through_why() -> None:
    reading = staged(TEXTS[0])[1][0]
    with pytest.raises(TypeError):
        reading.why["metric"] = "forged"  # type: ignore[index]


def _snapshot(c: Cand, owned: frozenset[str], owned_rules: set[str]) -> tuple[object, ...]:
    fields = tuple((f, getattr(c, f)) for f in sorted(CAND_FIELDS - owned))
    return fields, tuple(sorted((k, v) for k, v in c.why.items() if k not in owned_rules))


def _attribution(doc: Document, cands: list[Cand]) -> None:
    assign_claimants(doc.text, doc.sentences, cands, doc.publisher)


def _periods(doc: Document, cands: list[Cand]) -> None:
    assign_periods(doc.text, doc.sentences, cands, doc.ref_date, doc.dated)


@pytest.mark.parametrize("text", TEXTS)
@pytest.mark.parametrize(
    ("name", "passes", "decision", "rules"),
    [
        ("attribution", _attribution, Credit, {"claimant"}),
        ("periods", _periods, Dating, {"period", "as_of"}),
    ],
)
def test_a_working_stage_writes_only_what_its_decision_carries(
    name: str,
    passes: Callable[[Document, list[Cand]], None],
    decision: type,
    rules: set[str],
    text: str,
) -> None:
    """A write to any other field would be lost when the stage hands back its decisions."""
    doc, readings = staged(text, upto=name)
    cands = [r.working() for r in readings]
    before = [_snapshot(c, STAGE_FIELDS[decision], rules) for c in cands]
    passes(doc, cands)
    assert [_snapshot(c, STAGE_FIELDS[decision], rules) for c in cands] == before


def test_decide_refuses_a_decision_count_that_does_not_match() -> None:
    _, readings = staged(TEXTS[0])
    with pytest.raises(ValueError, match="decisions for"):
        decide(readings, [Counting(None, None)] * (len(readings) + 1))


RULE = st.one_of(st.none(), st.sampled_from(["rule-a", "rule-b", "rule-c"]))


@given(first=RULE, second=RULE, credit=RULE, period=RULE)
def test_why_is_the_found_rules_overlaid_by_the_latest_decisions(
    first: str | None, second: str | None, credit: str | None, period: str | None
) -> None:
    reading = staged(TEXTS[0], upto="subjects")[1][0]  # as found: no decision yet
    found = dict(reading.found_rules)
    decided = reading.decided(Side("russia", False, first)).decided(Side("ukraine", False, second))
    decided = decided.decided(Credit("Oryx", None, False, credit))
    decided = decided.decided(Dating(PUB, "window", None, False, period, None))
    assert decided.subject == "ukraine"  # the later decision of a stage replaces the earlier
    expected = dict(found)
    for key, rule in (("subject", second), ("claimant", credit), ("period", period)):
        if rule is not None:
            expected[key] = rule
    assert dict(decided.why) == expected
    assert dict(reading.why) == found  # the reading decided on is unchanged
