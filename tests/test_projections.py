"""Projections: the pure fold, the totals rule, and replay == incremental catch-up."""

from __future__ import annotations

import itertools
import sqlite3
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from events import (
    ArticleRecorded,
    ArticleRevised,
    ClaimAsserted,
    ClaimCorrected,
    ClaimRetracted,
    SourceAliased,
    encode,
)
from events.envelope import Envelope, NewEvent
from ledger.projections import claims as fold
from ledger.projections.history import series
from ledger.projections.memory import MemoryRows
from ledger.projections.runner import TABLES
from ledger.projections.sources import sources
from ledger.projections.totals import totals, why_lost, winner
from ledger.service import Ledger
from tests.conftest import make_claim

_positions = itertools.count(1)


def envelope(event: Any, stream: str = "s", position: int | None = None) -> Envelope:
    """Wrap a payload as a recorded event without a store (the fold needs no database)."""
    position = position or next(_positions)
    return Envelope.model_construct(
        id=f"00000000-0000-0000-0000-{position:012d}",
        position=position,
        stream=stream,
        version=1,
        type=event.TYPE,
        schema_version=event.SCHEMA_VERSION,
        recorded_at="2026-01-01T00:00:00.000000Z",
        actor="test",
        idempotency_key=None,
        data=encode(event),
        prev_hash="0" * 64,
        hash="0" * 64,
    )


def replay(*events: Any) -> MemoryRows:
    rows = MemoryRows()
    for position, event in enumerate(events, 1):
        stream = getattr(event, "claim_id", None) or "s"
        if isinstance(event, ClaimAsserted):
            stream = event.claim.claim_id
        fold.apply(rows, envelope(event, stream=stream, position=position))
    return rows


def asserted(n: int, **fields: Any) -> ClaimAsserted:
    return ClaimAsserted(claim=make_claim(n, **fields))


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        ({"as_of": "2023-04-01"}, {"as_of": "2023-04-02"}, 1),
        ({"as_of": "2023-04-03"}, {"as_of": "2023-04-02"}, 0),
        ({"qualifier": "exact"}, {"qualifier": "approx"}, 0),
        ({"qualifier": "at_least"}, {"qualifier": "approx"}, 1),
        ({"qualifier": "at_most"}, {"qualifier": "exact"}, 1),
        ({"qualifier": "approx"}, {"qualifier": "approx"}, 1),
        ({"period": "window"}, {"as_of": "2023-01-01"}, 1),
    ],
)
def test_winner_rule(a: dict[str, Any], b: dict[str, Any], expected: int) -> None:
    """Latest as_of wins; then exact > approx > at_least/at_most; then the later position."""
    rows = replay(asserted(0, **a), asserted(1, **b))
    (total,) = totals(rows.claims.values())
    assert total["claim_id"] == f"c_test{expected}"


def test_correction_changes_the_total() -> None:
    """A correction's new value is what the total shows."""
    rows = replay(
        asserted(0),
        ClaimCorrected(claim_id="c_test0", changes={"value": 175_000}, reason="typo"),
    )
    assert totals(rows.claims.values())[0]["value"] == 175_000


def test_retraction_removes_from_totals_and_the_next_stands() -> None:
    """A retracted claim leaves the totals; the next best claim stands in its place."""
    rows = replay(
        asserted(0, as_of="2023-04-01"),
        asserted(1, as_of="2023-04-02"),
        ClaimRetracted(claim_id="c_test1", reason="withdrawn"),
    )
    (total,) = totals(rows.claims.values())
    assert total["claim_id"] == "c_test0"
    assert why_lost(rows.claims["c_test1"], rows.claims["c_test0"]) == "retracted"


def test_aliases_merge_claimants() -> None:
    """After an alias, two names' claims compete in one group."""
    rows = replay(
        asserted(0, claimant="Ukrainian General Staff", as_of="2023-04-03"),
        asserted(1),
        SourceAliased(
            alias="Ukrainian General Staff",
            canonical="General Staff of the Armed Forces of Ukraine",
        ),
    )
    (total,) = totals(rows.claims.values())
    assert total["claim_id"] == "c_test0"
    assert total["claimant"] == "General Staff of the Armed Forces of Ukraine"


def test_alias_chains_resolve() -> None:
    """An alias of an alias resolves to the canonical name, and claims follow."""
    rows = replay(
        asserted(0, claimant="ZSU"),
        SourceAliased(alias="ZSU", canonical="Ukrainian army"),
        SourceAliased(alias="Ukrainian army", canonical="Armed Forces of Ukraine"),
    )
    assert rows.claims["c_test0"]["canonical_claimant"] == "Armed Forces of Ukraine"


def test_as_of_filter() -> None:
    """--as-of keeps only figures about dates up to that date."""
    rows = replay(asserted(0, as_of="2023-04-01"), asserted(1, as_of="2023-04-02"))
    assert totals(rows.claims.values(), as_of="2023-04-01")[0]["claim_id"] == "c_test0"
    assert totals(rows.claims.values(), as_of="2022-01-01") == []


def test_window_claims_are_not_totals() -> None:
    """Only cumulative figures become totals."""
    rows = replay(asserted(0, period="window", period_start="2023-03-27"))
    assert totals(rows.claims.values()) == []
    assert winner(rows.claims.values()) is None


TEXT = "Russia lost 174,550 troops and 3,618 tanks, the General Staff said."


def article_claims(text: str, **values: int) -> list[Any]:
    out = []
    for n, (metric, value) in enumerate(values.items()):
        quote = f"{value:,}"
        start = text.index(quote)
        out.append(
            make_claim(n, metric=metric, value=value, quote=quote, span=(start, start + len(quote)))
        )
    return out


def article(text: str, revision: int = 1, **values: int) -> Any:
    common = {
        "article_id": "a_1",
        "title": "t",
        "text": text,
        "content_sha256": "0" * 64,
        "extractor_version": "1",
        "claims": article_claims(text, **values),
    }
    if revision == 1:
        return ArticleRecorded(publisher="P", **common)
    return ArticleRevised(revision=revision, **common)


def test_article_revision_diffs_claims() -> None:
    """A revision that edits a figure records the change in that claim's life."""
    first = article(TEXT, personnel=174_550, tanks=3_618)
    text2 = TEXT.replace("174,550", "174,560")
    rows = replay(first, article(text2, revision=2, personnel=174_560, tanks=3_618))
    life = [e for e in rows.life if e["claim_id"] == "c_test0"]
    assert [e["kind"] for e in life] == ["asserted", "revised"]
    assert life[1]["detail"]["changes"]["value"] == [174_550, 174_560]
    assert [e["kind"] for e in rows.life if e["claim_id"] == "c_test1"] == ["asserted"]


def test_revision_that_drops_a_claim_withdraws_it() -> None:
    """A claim missing from a revision is withdrawn and leaves the totals."""
    rows = replay(
        article(TEXT, personnel=174_550, tanks=3_618),
        article(TEXT.replace("3,618 tanks", "tanks"), revision=2, personnel=174_550),
    )
    assert rows.claims["c_test1"]["status"] == "withdrawn"
    assert [t["metric"] for t in totals(rows.claims.values())] == ["personnel"]


def test_revision_keeps_a_correction_of_an_unchanged_claim() -> None:
    """An analyst's correction survives a revision that reads the claim as before."""
    rows = replay(
        article(TEXT, personnel=174_550),
        ClaimCorrected(claim_id="c_test0", changes={"value": 1}, reason="r"),
        article(TEXT + " Updated.", revision=2, personnel=174_550),
    )
    assert rows.claims["c_test0"]["value"] == 1


def test_sources_and_history_are_pure() -> None:
    """Sources and history are functions of the claim rows alone."""
    rows = replay(asserted(0, as_of="2023-04-01"), asserted(1, as_of="2023-04-02"))
    (source,) = sources(rows.claims.values())
    assert (source["claims"], source["first"], source["last"]) == (2, "2023-04-01", "2023-04-02")
    assert source["latest"][0]["claim_id"] == "c_test1"
    (line,) = series(rows.claims.values(), metric="personnel")
    assert [p["value"] for p in line["points"]] == [174_550, 174_551]


def test_correction_of_an_unknown_claim_changes_nothing() -> None:
    """The fold ignores events about claims it never saw, instead of failing."""
    rows = replay(ClaimRetracted(claim_id="c_ghost", reason="r"))
    assert rows.claims == {}


# -- replay equals incremental catch-up ----------------------------------------------------

CLAIMANTS = ["General Staff", "Armed Forces of Ukraine", "GS"]


@st.composite
def histories(draw: st.DrawFn) -> list[list[NewEvent]]:
    """Random batches of assertions, corrections, retractions, aliases and articles."""
    batches = []
    for _ in range(draw(st.integers(1, 6))):
        batch = []
        for _ in range(draw(st.integers(1, 4))):
            n = draw(st.integers(0, 5))
            kind = draw(st.sampled_from(["assert", "assert", "correct", "retract", "alias"]))
            if kind == "assert":
                claim = make_claim(
                    n,
                    claimant=draw(st.sampled_from(CLAIMANTS)),
                    metric=draw(st.sampled_from(["personnel", "tanks"])),
                    qualifier=draw(st.sampled_from(["exact", "approx", "at_least"])),
                    as_of=draw(st.sampled_from(["2023-04-01", "2023-04-02", "2023-04-03"])),
                    period=draw(st.sampled_from(["cumulative", "cumulative", "window"])),
                    value=draw(st.integers(0, 10**6)),
                )
                item = NewEvent(stream=f"claim-c_test{n}", event=ClaimAsserted(claim=claim))
            elif kind == "correct":
                changes = draw(
                    st.sampled_from(
                        [
                            {"value": 7},
                            {"as_of": "2023-04-05"},
                            {"claimant": "GS"},
                            {"qualifier": "approx"},
                        ]
                    )
                )
                event = ClaimCorrected(claim_id=f"c_test{n}", changes=changes, reason="r")
                item = NewEvent(stream=f"claim-c_test{n}", event=event)
            elif kind == "retract":
                event = ClaimRetracted(claim_id=f"c_test{n}", reason="r")
                item = NewEvent(stream=f"claim-c_test{n}", event=event)
            else:
                alias, canonical = draw(st.permutations(CLAIMANTS))[:2]
                event = SourceAliased(alias=alias, canonical=canonical)
                item = NewEvent(stream="sources", event=event)
            batch.append(item)
        batches.append(batch)
    return batches


def dump(path: Any) -> dict[str, list[tuple[Any, ...]]]:
    """Every projection row, sorted, table by table."""
    with sqlite3.connect(path) as conn:
        return {
            table: sorted(conn.execute(f"SELECT * FROM {table}").fetchall(), key=repr)
            for table in TABLES
        }


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(history=histories())
def test_replay_equals_incremental(make_sqlite_store, history) -> None:
    """Rows caught up event batch by batch equal the rows of a rebuild from position 1."""
    store = make_sqlite_store()
    ledger = Ledger(store)
    for batch in history:
        ledger.append(batch)
    incremental = dump(store.path)
    ledger.replay()
    assert dump(store.path) == incremental
    memory = ledger.replay_in_memory()
    assert ledger.totals() == totals(memory.claims.values())
